"""Feedback from anyone using the service, kept for support staff to read."""
