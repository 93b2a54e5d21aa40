"""FitLedger Reflex UI."""
