"""Declarative base and the column helpers every table shares.

Times are stored as naive UTC datetimes: SQLite has no time zone type, and one rule on both
databases is simpler than two. Public ids are UUID strings so that URLs never reveal counts.
"""
from __future__ import annotations

import os
from datetime import UTC, datetime

from sqlalchemy import JSON, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names, so that Alembic migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict: JSON, list: JSON}


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_public_id() -> str:
    """A random (version 4) UUID as text, as str(uuid.uuid4()) gives it at half the cost: an import
    makes one per span and link."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # the RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def public_id_column() -> Mapped[str]:
    return mapped_column(String(36), unique=True, index=True, default=new_public_id)
