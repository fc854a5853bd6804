"""Shared test helpers. Each block is owned by the tests that added it; add new helpers below."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

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


# --- soffice_convert: have LibreOffice write a file (used by test_workbook) ---


def soffice_path() -> str | None:
    """Where LibreOffice's soffice is, or None."""
    import shutil

    return shutil.which("soffice")


def run_soffice_convert(
    src: Path, target_filter: str, outdir: Path, infilter: str | None = None
) -> Path:
    """Convert `src` with headless LibreOffice, e.g. target_filter 'xlsx:Calc MS Excel 2007 XML'
    or 'xls:MS Excel 97', into `outdir`; return the written file. Each run gets its own
    profile, so parallel runs never collide and a crashed run leaves no lock behind."""
    import shutil
    import subprocess
    import tempfile

    soffice = soffice_path()
    assert soffice, "soffice is not installed"
    outdir.mkdir(parents=True, exist_ok=True)
    profile = Path(tempfile.mkdtemp(prefix="lo-", dir="/tmp"))
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        target_filter,
        "--outdir",
        str(outdir),
        str(src),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    written = outdir / f"{src.stem}.{target_filter.split(':', 1)[0]}"
    assert done.returncode == 0 and written.is_file(), (
        f"soffice failed ({done.returncode}): {done.stdout}\n{done.stderr}"
    )
    return written


@pytest.fixture
def soffice_convert() -> Callable[..., Path]:
    """soffice_convert(src, target_filter, outdir, infilter=None) -> the converted file."""
    if soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return run_soffice_convert


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


# --- hostile_workbook: contacts whose text starts with a formula trigger (used by test_report,
# test_report_libreoffice). Written with XlsxWriter's write_string: openpyxl would store a leading
# '=' as a formula and cannot store a carriage return at all (it reads back as a line feed). ---

# One value starting with each trigger (=, +, -, @, tab, CR), then known attacks.
HOSTILE_PAYLOADS: tuple[str, ...] = (
    "=1+1",
    "+44 20 7946 0000",
    "-5 not a number",
    "@handle",
    "\tTabbed",
    "\rCarriage",
    '=HYPERLINK("http://evil","x")',
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
)
HOSTILE_LINK = "javascript:alert(1)"


@dataclass(frozen=True)
class HostileWorkbook:
    """The workbook, and what was typed: `text` maps a Contacts header to its column's values
    row by row; the first contact's LinkedIn is `link`."""

    path: Path
    payloads: tuple[str, ...]
    link: str
    text: dict[str, list[str]]


def write_hostile_workbook(path: Path) -> HostileWorkbook:
    import datetime as dt

    import xlsxwriter

    text = {
        "Name": list(HOSTILE_PAYLOADS),
        "Company": [f"{p} Ltd" for p in HOSTILE_PAYLOADS],
        "Notes": list(HOSTILE_PAYLOADS),
        "Favourite Snack": list(HOSTILE_PAYLOADS),  # a column netreport does not know
    }
    headers = ["Name", "Email", "Company", "Notes", "Met?", "How I know them", "Last Contact"]
    headers += ["LinkedIn", "Favourite Snack"]
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Contacts")
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    for c, header in enumerate(headers):
        sheet.write_string(0, c, header)
    for r in range(1, len(HOSTILE_PAYLOADS) + 1):
        row = {header: values[r - 1] for header, values in text.items()}
        row |= {"Email": f"p{r}@example.com", "Met?": "Yes", "How I know them": "friend"}
        if r == 1:
            row["LinkedIn"] = HOSTILE_LINK
        for c, header in enumerate(headers):
            if header in row:
                sheet.write_string(r, c, row[header])
        sheet.write_datetime(r, headers.index("Last Contact"), dt.datetime(2026, 10, 1), date)
    book.close()
    return HostileWorkbook(path, HOSTILE_PAYLOADS, HOSTILE_LINK, text)


@pytest.fixture
def hostile_workbook(tmp_path: Path) -> HostileWorkbook:
    """tmp_path/hostile.xlsx: nine contacts whose name, company, notes and an unknown column
    start with formula triggers, one with a javascript: LinkedIn link."""
    return write_hostile_workbook(tmp_path / "hostile.xlsx")
