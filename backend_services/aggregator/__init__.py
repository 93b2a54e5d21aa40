"""Aggregator: dashboard calls that gather several services at once; stateless."""
