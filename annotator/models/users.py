"""People, projects and who may do what in which project."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, public_id_column, utcnow

# An adjudicator settles disagreements into the gold set; leads may too.
ROLES = ("admin", "lead", "annotator", "adjudicator")


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    # A site admin sees and manages every project; project roles live on Membership.
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Bumped to log a user out everywhere: the session carries it and must match.
    session_token: Mapped[str] = mapped_column(String(36), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The interface language the person chose on their account page (en, ar, fr); None follows
    # the browser's Accept-Language. Digits: "latn" (0-9, the default) or "arab" (Arabic-Indic).
    ui_language: Mapped[str | None] = mapped_column(String(8), nullable=True, default=None)
    digits: Mapped[str] = mapped_column(String(8), default="latn", server_default="latn")
    # Reading comfort on the annotation page; None keeps the page's own (script-aware) default.
    reading_text_size: Mapped[int | None] = mapped_column(nullable=True)  # percent of the default size
    reading_line_height_tenths: Mapped[int | None] = mapped_column(nullable=True)  # 21 = line-height 2.1

    memberships: Mapped[list[Membership]] = relationship(back_populates="user")


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = public_id_column()
    name: Mapped[str] = mapped_column(String(200), unique=True)
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    # Project settings: annotators per document, agreement options, required checks.
    settings: Mapped[dict] = mapped_column(default=dict)
    current_scheme_id: Mapped[int | None] = mapped_column(
        ForeignKey("scheme_versions.id", use_alter=True, name="fk_projects_current_scheme"), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    memberships: Mapped[list[Membership]] = relationship(back_populates="project")
    current_scheme: Mapped[SchemeVersion | None] = relationship(foreign_keys=[current_scheme_id])


class Membership(Base):
    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("project_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    project: Mapped[Project] = relationship(back_populates="memberships")
    user: Mapped[User] = relationship(back_populates="memberships")


class SchemeVersion(Base):
    """An immutable copy of a label scheme as loaded; annotations record the one they used."""

    __tablename__ = "scheme_versions"
    __table_args__ = (UniqueConstraint("project_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    content: Mapped[dict]
    source_text: Mapped[str] = mapped_column(default="")
    content_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), nullable=True)
