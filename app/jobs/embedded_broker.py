"""The embedded broker: kombu's SQLAlchemy transport, on a SQLite file, polled often enough
that work asked for in development is picked up at once rather than within a second.

Its URLs are "embedded+sqlite:///path" (registered with kombu in celery_app.py); polling is a
property of the transport, since the SQLAlchemy transport hands its options to create_engine.
"""

from kombu.transport import sqlalchemy


class Transport(sqlalchemy.Transport):
    polling_interval = 0.2
