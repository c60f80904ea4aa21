"""Where rate-limit counters live, and whether that holds the limits in this deployment.

Counters in memory are per process: with n workers or servers a limit allows n times as many
requests. That is fine for `make run` and the tests, never for production.
"""

from __future__ import annotations

from flask import Flask

from app.config import Config
from app.observability import log

MEMORY_IN_PRODUCTION = (
    "Rate limits are counted in each process's memory (RATE_LIMIT_STORAGE_URL is memory://), "
    "so every worker allows the whole limit. Set RATE_LIMIT_STORAGE_URL to shared storage, "
    "such as redis://host:6379/0"
)


def storage_kind(config: Config) -> str:
    """The storage's scheme ("memory", "redis", ...), never its address or password."""
    return config.rate_limit_storage_url.partition("://")[0] or "memory"


def storage_warning(config: Config) -> str | None:
    if config.environment == "production" and storage_kind(config) == "memory":
        return MEMORY_IN_PRODUCTION
    return None


def init_app(app: Flask) -> None:
    if warning := storage_warning(app.config["APP_CONFIG"]):
        log.warning(warning)
