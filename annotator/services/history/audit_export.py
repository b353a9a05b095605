"""`annotator audit export`: the audit's events as CSV (one row each, no cell a formula) or JSONL."""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import TextIO

from ...export.csv_writer import csv_value
from .audit import AuditRow

FORMATS = ("csv", "jsonl")
COLUMNS = ("id", "at", "user", "action", "kind", "description", "document", "entity", "entity_id", "history",
           "before", "after")


def write_audit(rows: Iterable[AuditRow], fmt: str, target: TextIO) -> int:
    """Write every row; returns how many."""
    count = 0
    if fmt == "jsonl":
        for row in rows:
            target.write(json.dumps(row.as_record(), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
        return count
    writer = csv.writer(target)
    writer.writerow(COLUMNS)
    for row in rows:
        record = row.as_record()
        for key in ("before", "after"):
            record[key] = json.dumps(record[key], ensure_ascii=False, sort_keys=True) if record[key] is not None else None
        writer.writerow([csv_value(record[column]) for column in COLUMNS])
        count += 1
    return count
