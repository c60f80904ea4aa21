"""The error report: a summary by rule, the problems row by row, and the same as CSV or JSON."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from flask import Response
from sqlalchemy import select

from app.bulk_upload.checking import DUPLICATE, HARD, SOFT
from app.bulk_upload.columns import journey_for
from app.bulk_upload.models import BulkUpload, BulkUploadRow
from app.csv_export import csv_download
from app.extensions import db

CSV_HEADER = ["row", "column", "header", "value", "field", "message", "kind"]
# A summary names this many rows of a rule, then says how many more.
ROWS_NAMED = 20
KIND_ORDER = {"file": 0, HARD: 1, DUPLICATE: 2, SOFT: 3}


@dataclass
class RuleSummary:
    kind: str
    text: str
    rows: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    @property
    def rows_text(self) -> str:
        named = ", ".join(str(n) for n in self.rows[:ROWS_NAMED])
        more = len(self.rows) - ROWS_NAMED
        word = "row" if len(self.rows) == 1 else "rows"
        return f"{word} {named}" + (f" and {more} more" if more > 0 else "")


def problems(upload: BulkUpload, kinds: tuple[str, ...] | None = None) -> Iterator[dict]:
    """Every problem, in row order, with its row number."""
    rows = db.session.execute(
        select(BulkUploadRow.row_number, BulkUploadRow.problems)
        .where(BulkUploadRow.upload_id == upload.id)
        .order_by(BulkUploadRow.row_number)
    )
    for number, found in rows:
        for problem in found:
            if kinds is None or problem["kind"] in kinds:
                yield {"row": number, **problem}


def cell_name(problem: dict) -> str:
    """The cell as a person sees it in a spreadsheet: "Row 7, column F (person_1_age)"."""
    if not problem["column"]:
        return f"Row {problem['row']}"
    return f"Row {problem['row']}, column {problem['column']} ({problem['header']})"


def summary(upload: BulkUpload) -> list[RuleSummary]:
    """One line per rule, with the rows it concerns: errors first, then soft checks."""
    by_rule: dict[tuple[str, str], RuleSummary] = {}
    journey = journey_for(upload.collection_year)
    for problem in problems(upload):
        kind = problem["kind"]
        if kind == SOFT:
            check = journey.soft_check_by_id.get(problem["rule"])
            text = check.summary if check and check.summary else problem["message"]
        elif kind == DUPLICATE:
            text = "Duplicate logs, never created twice"
        else:
            text = problem["message"]
        entry = by_rule.setdefault((kind, problem["rule"]), RuleSummary(kind, text))
        if not entry.rows or entry.rows[-1] != problem["row"]:
            entry.rows.append(problem["row"])
    return sorted(by_rule.values(), key=lambda s: (KIND_ORDER.get(s.kind, 9), -s.count))


def soft_check_summary(upload: BulkUpload) -> list[RuleSummary]:
    return [entry for entry in summary(upload) if entry.kind == SOFT]


def as_json(problem: dict) -> dict[str, Any]:
    return {key: problem[key] for key in ("row", "column", "field", "message", "kind")}


def csv_report(upload: BulkUpload) -> Response:
    rows = (
        [p["row"], p["column"], p["header"], p["value"], p["field"], p["message"], p["kind"]]
        for p in problems(upload)
    )
    # Only safe characters in the header: a file name may hold quotes or line breaks.
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", upload.file_name.rsplit(".", 1)[0]).strip("-")
    stem = stem[:100] or "upload"
    return csv_download(f"{stem}-errors.csv", CSV_HEADER, rows)
