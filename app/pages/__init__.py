"""One module per route, each with its substate beside it."""
