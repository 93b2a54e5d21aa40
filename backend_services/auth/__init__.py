"""Auth service: credentials, tokens, sessions, and the gateway's token check."""
