"""Shared kernel every FitLedger service builds on; it imports no service."""
