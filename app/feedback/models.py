"""What people wrote on the feedback page."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db_types import UTCDateTime, utcnow
from app.extensions import db

MAX_TEXT = 2000
MAX_PATH = 500


class Feedback(db.Model):
    __tablename__ = "feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    # Given only if they want a reply.
    email: Mapped[str | None] = mapped_column(String(255), default=None)
    # The page they came from (a path on this service), so support can see what it is about.
    came_from: Mapped[str | None] = mapped_column(String(MAX_PATH), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
