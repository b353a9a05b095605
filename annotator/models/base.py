"""Declarative base and the column helpers every table shares.

Times are stored as naive UTC datetimes: SQLite has no time zone type, and one rule on both
databases is simpler than two. Public ids are UUID strings so that URLs never reveal counts.
"""
from __future__ import annotations

import os
import time
from datetime import UTC, datetime

from sqlalchemy import JSON, Index, MetaData, String, util
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
    """A time-ordered (version 7, RFC 9562) UUID as text: 48 bits of Unix milliseconds, then 74
    random bits. Rows made together get neighbouring ids, so an index on public ids grows at its
    end instead of at random pages: a bulk write (``adjudicate --auto``, an import) touches a few
    pages per statement, not one per row, and its commits write a fraction of the pages."""
    h = (time.time_ns() // 1_000_000).to_bytes(6, "big").hex() + os.urandom(10).hex()
    return f"{h[:8]}-{h[8:12]}-7{h[13:16]}-{UUID_VARIANT_DIGIT[h[16]]}{h[17:20]}-{h[20:]}"


# The RFC 4122 variant puts 10 in the top bits of the 17th hex digit: 8, 9, a or b.
UUID_VARIANT_DIGIT = {digit: "89ab"[int(digit, 16) & 3] for digit in "0123456789abcdef"}


def public_id_column() -> Mapped[str]:
    return mapped_column(String(36), unique=True, index=True, default=new_public_id)


class PartialIndex(Index):
    """An index of the rows where ``where`` holds, on SQLite and on PostgreSQL.

    ``Index(..., postgresql_where=...)`` makes SQLAlchemy import its PostgreSQL dialect (with the
    module of every PostgreSQL driver) to check the argument's name, when the models are
    imported: a command on SQLite paid ~0.05 s for it. Here the PostgreSQL option is added when
    that dialect's options are first read (to create the index, or to compare it with the
    database), by which time the dialect is loaded anyway.
    """

    def __init__(self, name: str, *columns: str, where, **kw) -> None:
        self._postgresql_where = where  # before Index.__init__, which reads dialect_options
        super().__init__(name, *columns, sqlite_where=where, **kw)

    @util.memoized_property
    def dialect_options(self):
        def options_for(dialect_name: str):
            options = self._kw_reg_for_dialect_cls(dialect_name)
            if dialect_name == "postgresql":
                options["where"] = self._postgresql_where
            return options

        return util.PopulateDict(options_for)
