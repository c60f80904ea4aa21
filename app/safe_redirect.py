"""Redirect targets taken from user input must stay on this site."""

from urllib.parse import urlsplit


def safe_next_url(candidate: str | None, fallback: str) -> str:
    if not candidate:
        return fallback
    parts = urlsplit(candidate)
    # Only a path on this host: no scheme, no host, and not protocol-relative ("//evil").
    if parts.scheme or parts.netloc or not candidate.startswith("/") or candidate.startswith("//"):
        return fallback
    if "\\" in candidate:
        return fallback
    return candidate
