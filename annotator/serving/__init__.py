"""Serving the app: the gunicorn worker that keeps slow clients away from the app threads."""
