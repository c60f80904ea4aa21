"""The worker's entry point: `celery -A app.jobs.worker worker` (and `... beat`).

It builds the Flask app from the environment, as wsgi.py does, so tasks see the same Config.
The Flask app is not called `app`: Celery would take it for its own.
"""

from app import create_app
from app.jobs.celery_app import celery_app

flask_app = create_app()

__all__ = ["celery_app", "flask_app"]
