"""Login sessions kept on the server, so that one can be ended for good: logout, "sign out
everywhere", a password change, a deactivated account. The cookie carries the session's secret;
the table keeps only its SHA-256, so a copy of the database logs nobody in."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, public_id_column, utcnow

END_REASONS = ("logout", "signed_out", "password", "deactivated")


class LoginSession(Base):
    __tablename__ = "login_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Moved on at most once a minute (services.accounts.sessions.TOUCH_EVERY): the idle timeout's clock.
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(nullable=True)
    ended_reason: Mapped[str | None] = mapped_column(String(20), nullable=True)
    user_agent: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(String(45), default="")
