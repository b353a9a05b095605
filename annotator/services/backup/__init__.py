"""Backups: a consistent copy of the whole database while it serves, and its restore onto an empty one."""
