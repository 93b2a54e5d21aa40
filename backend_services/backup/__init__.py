"""``fitledger backup`` / ``fitledger restore``: every service's data in one archive."""
