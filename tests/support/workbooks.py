"""Workbooks built the way the tests need them: a table of rows, or a whole network.

Builders the test modules import, and the pytest fixtures that wrap them (loaded by
tests/conftest.py as plugins)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

Rows = Sequence[Sequence[Any]]


# --- make_workbook: write a real .xlsx with openpyxl (used by test_categorize, test_validate) ---

Rows = Sequence[Sequence[Any]]


def write_workbook(
    directory: Path,
    contacts: Rows | None,
    interactions: Rows | None = None,
    settings: Rows | None = None,
    *,
    title_rows: int = 0,
    filename: str = "network.xlsx",
    epoch_1904: bool = False,
) -> Path:
    """Write a workbook with a Contacts sheet (header row first, then data rows) and, when
    given, Interactions and Settings sheets. `title_rows` puts a merged title and blank rows
    above the Contacts header, as people do; the data then starts lower down in Excel."""
    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    sheet = book.active
    sheet.title = "Contacts"
    if contacts is not None:
        if title_rows:
            sheet.append(["My career network"])
            width = max((len(r) for r in contacts), default=1)
            if width > 1:
                sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
            for _ in range(title_rows - 1):
                sheet.append([])
        for row in contacts:
            sheet.append(list(row))
    for title, rows in (("Interactions", interactions), ("Settings", settings)):
        if rows is not None:
            extra = book.create_sheet(title)
            for row in rows:
                extra.append(list(row))
    path = directory / filename
    book.save(path)
    return path


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[..., Path]:
    """make_workbook(contacts=[header, *rows], interactions=None, settings=None, title_rows=0)
    writes tmp_path/network.xlsx and returns its path."""

    def build(*args: Any, **kwargs: Any) -> Path:
        # Both make_workbook(contacts, ...) and make_workbook(tmp_path, contacts, ...) work.
        if args and isinstance(args[0], Path) and args[0].is_dir():
            return write_workbook(*args, **kwargs)
        return write_workbook(tmp_path, *args, **kwargs)

    return build


# --- network_book: a whole network workbook for the analysis tests (test_outreach, test_health,
# test_history). People and log entries are dicts; dates are datetime.date values. ---

NETWORK_CONTACT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("email", "Email"),
    ("company", "Company"),
    ("title", "Job Title"),
    ("field", "Field"),
    ("relationship", "How I know them"),
    ("met", "Met?"),
    ("closeness", "Closeness"),
    ("referrer", "Introduced By"),
    ("source", "Where found"),
    ("category", "Category"),
    ("last_contact", "Last Contact"),
    ("follow_up", "Follow up on"),
    ("added", "Added"),
    ("status", "Status"),
)
NETWORK_LOG_COLUMNS: tuple[tuple[str, str], ...] = (
    ("date", "Date"),
    ("contact", "Contact"),
    ("email", "Email"),
    ("channel", "Channel"),
    ("type", "Type"),
    ("notes", "Notes"),
)
NETWORK_LOG_DEFAULTS = {"channel": "Email", "type": "Reply received"}


def write_network(
    directory: Path,
    people: Sequence[dict[str, Any]],
    log: Sequence[dict[str, Any]] = (),
    settings: dict[str, Any] | None = None,
    filename: str = "network.xlsx",
) -> Path:
    """Write Contacts (every column netreport knows), Interactions and Settings sheets."""
    for entry in (*people, *log):
        known = {k for k, _ in NETWORK_CONTACT_COLUMNS} | {k for k, _ in NETWORK_LOG_COLUMNS}
        assert set(entry) <= known, f"unknown keys {set(entry) - known}"
    contacts = [
        [header for _, header in NETWORK_CONTACT_COLUMNS],
        *([p.get(key) for key, _ in NETWORK_CONTACT_COLUMNS] for p in people),
    ]
    interactions = [
        [header for _, header in NETWORK_LOG_COLUMNS],
        *([{**NETWORK_LOG_DEFAULTS, **e}.get(key) for key, _ in NETWORK_LOG_COLUMNS] for e in log),
    ]
    rows = [["Setting", "Value"], *([k, v] for k, v in (settings or {}).items())]
    return write_workbook(directory, contacts, interactions, rows, filename=filename)


@pytest.fixture
def network_book(tmp_path: Path) -> Callable[..., Path]:
    """network_book(people, log=(), settings=None, filename="network.xlsx") -> the path.
    people: dicts keyed name, email, company, title, field, relationship, met, closeness,
    referrer, source, category, last_contact, follow_up, added, status (missing: blank).
    log: dicts keyed date, contact, email, channel (default Email), type (default Reply
    received), notes. settings: {"Target fields": "Data Science", ...}."""

    def build(
        people: Sequence[dict[str, Any]],
        log: Sequence[dict[str, Any]] = (),
        settings: dict[str, Any] | None = None,
        filename: str = "network.xlsx",
    ) -> Path:
        return write_network(tmp_path, people, log, settings, filename)

    return build
