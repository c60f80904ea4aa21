"""Tenures: who has the right to live in a home, and on what terms (`tenure-api.md`)."""
