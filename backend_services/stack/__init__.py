"""The local stack launcher: renders nginx and supervisord configs and runs them."""
