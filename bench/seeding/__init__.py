"""Data a scenario writes straight into a store (beyond what the API can make quickly)."""
