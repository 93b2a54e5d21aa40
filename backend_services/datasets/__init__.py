"""Public reference datasets: where to download them, and ``fitledger data fetch``."""
