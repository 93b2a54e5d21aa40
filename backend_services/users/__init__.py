"""Users service."""
