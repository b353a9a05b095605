"""Accounts: login sessions kept on the server, passwords, deactivation."""
