"""GOV.UK Notify, behind this one module: the real `notifications-python-client`, with its
answers sorted into permanent failures (to show support) and temporary ones (to retry)."""

from __future__ import annotations

import threading

from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from app.config import Config

NO_KEY_IN_PRODUCTION = (
    "NOTIFY_API_KEY is not set: no email is sent. Each is marked failed, for support to try "
    "again once the key and the NOTIFY_TEMPLATE_… ids are set"
)


def configuration_warning(config: Config) -> str | None:
    if config.environment == "production" and not config.notify_api_key:
        return NO_KEY_IN_PRODUCTION
    return None


class PermanentFailure(Exception):
    """Notify refused the email and would refuse it again (a 4xx other than 429)."""


class TemporaryFailure(Exception):
    """Worth trying again: a 5xx, a 429, a timeout or no connection."""


_clients = threading.local()


def _client(config: Config) -> NotificationsAPIClient:
    """One client per thread and configuration: it keeps its connections to Notify open
    between emails, and is not thread-safe."""
    key = (config.notify_api_key, config.notify_base_url, config.notify_timeout_seconds)
    cache = _clients.__dict__.setdefault("by_config", {})
    if key not in cache:
        cache[key] = NotificationsAPIClient(
            config.notify_api_key,
            base_url=config.notify_base_url,
            timeout=config.notify_timeout_seconds,
        )
    return cache[key]


def _failure(error: APIError) -> Exception:
    """The client reports a timeout or a refused connection as a 503 with no response."""
    status = error.status_code
    message = error.message
    if isinstance(message, list):  # Notify's {"errors": [{"error": ..., "message": ...}]}
        message = "; ".join(str(item.get("message", item)) for item in message)
    text = f"GOV.UK Notify answered {status}: {message}"
    if error.response is None:
        text = f"GOV.UK Notify could not be reached: {error._message or error.__cause__ or message}"
    permanent = 400 <= status < 500 and status != 429
    return (PermanentFailure if permanent else TemporaryFailure)(text)


def send(config: Config, *, email_id: str, to_address: str, template_id: str, fields) -> str:
    """Notify's id for the new notification. `email_id` is its `reference`."""
    try:
        answer = _client(config).send_email_notification(
            email_address=to_address,
            template_id=template_id,
            personalisation=dict(fields),
            reference=email_id,
        )
    except APIError as error:
        raise _failure(error) from error
    return answer["id"]


def already_sent(config: Config, email_id: str) -> str | None:
    """Notify's id for a notification it already has with this reference: an attempt whose
    answer was lost (a timeout, a worker that died) may have reached it."""
    try:
        answer = _client(config).get_all_notifications(reference=email_id)
    except APIError as error:
        raise _failure(error) from error
    notifications = answer.get("notifications") or []
    return notifications[0]["id"] if notifications else None
