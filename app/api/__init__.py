"""Gateway client: the only code in app/ that makes HTTP calls; imports no reflex."""
