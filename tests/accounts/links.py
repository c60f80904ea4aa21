"""Following a link from an email, as the test client does: by its path."""

from urllib.parse import urlsplit


def path_of(link: str) -> str:
    """The path (and query) of an absolute link, after checking it is one."""
    parts = urlsplit(link)
    assert parts.scheme in ("http", "https") and parts.netloc, f"not an absolute link: {link}"
    return parts.path + (f"?{parts.query}" if parts.query else "")
