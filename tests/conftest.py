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


def soffice_outputs(
    src: Path, target_filter: str, outdir: Path, infilter: str | None = None
) -> list[Path]:
    """Convert `src` with headless LibreOffice into `outdir`; return the files it wrote. Each
    run gets its own profile, so parallel runs never collide and a crashed run leaves no lock
    behind."""
    import shutil
    import subprocess
    import tempfile

    soffice = soffice_path()
    assert soffice, "soffice is not installed"
    outdir.mkdir(parents=True, exist_ok=True)
    before = set(outdir.iterdir())
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
    written = sorted(set(outdir.iterdir()) - before)
    assert done.returncode == 0 and written, (
        f"soffice failed ({done.returncode}): {done.stdout}\n{done.stderr}"
    )
    return written


def run_soffice_convert(
    src: Path, target_filter: str, outdir: Path, infilter: str | None = None
) -> Path:
    """Convert `src`, e.g. target_filter 'xlsx:Calc MS Excel 2007 XML' or 'xls:MS Excel 97',
    into `outdir`; return the written file."""
    soffice_outputs(src, target_filter, outdir, infilter)
    written = outdir / f"{src.stem}.{target_filter.split(':', 1)[0]}"
    assert written.is_file(), f"soffice did not write {written.name}"
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


# --- hostile_network: hostile text in every field of every sheet (used by test_hostile). Written
# with XlsxWriter's write_string, so every value is stored exactly as typed. ---

# Markup, script and link tricks for the HTML summary, template syntax for the drafts, and an
# attempt to start a calendar entry; with HOSTILE_PAYLOADS (formula triggers) every field gets each.
MARKUP_PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '"><svg/onload=alert(1)>',
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "&lt;b&gt;escaped&lt;/b&gt;",
    "{{ 7*7 }}{% if 1 %}seven{% endif %}",
    "Line one\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected",
    'https://evil.example/" onclick="alert(1)',
)
ALL_PAYLOADS: tuple[str, ...] = HOSTILE_PAYLOADS + MARKUP_PAYLOADS
HOSTILE_OWNER = "=cmd|' /C calc'!A0 <script>alert('owner')</script>"
HOSTILE_TARGET = '=HYPERLINK("http://x","y") <b>Data</b>'
CONTACT_TEXT_HEADERS = (
    "Name",
    "First Name",
    "Last Name",
    "Phone",
    "Company",
    "Job Title",
    "Field",
    "How I know them",
    "Introduced By",
    "Where found",
    "Status",
    "LinkedIn",
    "Website",
    "Notes",
    '=HYPERLINK("http://x","own")',  # columns of the user's own, with hostile headers
    "<script>alert('header')</script>",
)
CONTACT_TYPED_HEADERS = (
    "Email",
    "Met?",
    "Closeness",
    "Category",
    "Last Contact",
    "Follow up on",
    "Added",
)
INTERACTION_HEADERS = ("Date", "Contact", "Email", "Channel", "Type", "Notes")


@dataclass(frozen=True)
class HostileNetwork:
    """The workbook and, per sheet, the grid written (header row first; dates as dates)."""

    path: Path
    sheets: dict[str, list[list[Any]]]


def write_hostile_network(path: Path) -> HostileNetwork:
    """Contacts: one row per payload with a payload in every text field (and a valid email,
    Met? Yes and an old Last Contact, so each is due for a message), then one row per payload
    with a payload in every typed field. Interactions: a meeting with each of the first contacts
    (so thanks are owed) and rows with a payload in every field. Settings: a hostile owner name,
    target field, unknown key and invalid values."""
    import datetime as dt

    import xlsxwriter

    n = len(ALL_PAYLOADS)
    headers = [*CONTACT_TEXT_HEADERS, *CONTACT_TYPED_HEADERS]
    contacts: list[list[Any]] = [list(headers)]
    for i in range(n):
        row: list[Any] = [ALL_PAYLOADS[(i + j) % n] for j in range(len(CONTACT_TEXT_HEADERS))]
        row += [f"p{i}@example.com", "Yes", None, None, dt.datetime(2025, 1, 6), None, None]
        contacts.append(row)
    for i in range(n):
        row = [f"Typed {i}", *[None] * (len(CONTACT_TEXT_HEADERS) - 1)]
        row += [ALL_PAYLOADS[(i + j) % n] for j in range(len(CONTACT_TYPED_HEADERS))]
        contacts.append(row)
    interactions: list[list[Any]] = [list(INTERACTION_HEADERS)]
    for i in range(5):
        name = contacts[1 + i][0]
        interactions.append([dt.datetime(2026, 11, 20), name, None, ALL_PAYLOADS[i], "Meeting"])
        interactions[-1].append(ALL_PAYLOADS[-1 - i])
    for i in range(n):
        interactions.append([ALL_PAYLOADS[(i + j) % n] for j in range(len(INTERACTION_HEADERS))])
    settings: list[list[Any]] = [
        ["Setting", "Value"],
        ["Owner name", HOSTILE_OWNER],
        ["Target fields", HOSTILE_TARGET],
        ["Weekly outreach budget", "=1+1"],
        ["Date order", "<script>alert('order')</script>"],
        *([p, p] for p in ALL_PAYLOADS),
    ]
    sheets = {"Contacts": contacts, "Interactions": interactions, "Settings": settings}
    book = xlsxwriter.Workbook(str(path))
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    for title, grid in sheets.items():
        sheet = book.add_worksheet(title)
        for r, values in enumerate(grid):
            for c, value in enumerate(values):
                if isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, date)
                elif value is not None:
                    sheet.write_string(r, c, value)
    book.close()
    return HostileNetwork(path, sheets)


@pytest.fixture
def hostile_network(tmp_path: Path) -> HostileNetwork:
    """tmp_path/hostile-network.xlsx: hostile text in every field of every sheet."""
    return write_hostile_network(tmp_path / "hostile-network.xlsx")


# --- zip bombs and entity expansion (used by test_limits and test_corpus) ---


def write_zip_bomb(path: Path, parts: int, part_size: int) -> Path:
    """A zip that looks like an .xlsx whose `parts` worksheets each unzip to `part_size` zero
    bytes, all from one small deflated kernel. Written by hand (zipfile would compress every
    copy again), so a bomb that declares gigabytes takes a moment and a megabyte or two."""
    import struct
    import zlib

    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    kernel = squeeze.compress(b"\0" * part_size) + squeeze.flush()
    kernel_crc = zlib.crc32(b"\0" * part_size)
    skeleton = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "xl/workbook.xml": b'<?xml version="1.0"?><workbook/>',
    }
    entries: list[tuple[str, int, bytes, int, int]] = [
        (name, 0, data, zlib.crc32(data), len(data)) for name, data in skeleton.items()
    ]
    entries += [
        (f"xl/worksheets/sheet{i + 1}.xml", 8, kernel, kernel_crc, part_size) for i in range(parts)
    ]
    body, directory = bytearray(), bytearray()
    for name, method, data, crc, size in entries:
        encoded = name.encode()
        offset = len(body)
        body += struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
        )
        body += encoded + data
        directory += struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            method,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(encoded),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        directory += encoded
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory + end))
    return path


def billion_laughs(root: str, levels: int = 9) -> str:
    """A document type declaration whose entity &lol{levels}; expands to 10**levels 'lol's."""
    entities = ['<!ENTITY lol0 "lol">']
    for level in range(1, levels + 1):
        entities.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return f"<!DOCTYPE {root} [{''.join(entities)}]>"


def write_entity_bomb(source: Path, path: Path, part: str, levels: int = 9) -> Path:
    """Copy the workbook `source` to `path`, with a "billion laughs" declaration put before the
    root element of `part` and the entity used in its first text node."""
    import re
    import zipfile

    with zipfile.ZipFile(source) as original, zipfile.ZipFile(path, "w") as target:
        assert part in original.namelist(), original.namelist()
        for info in original.infolist():
            data = original.read(info.filename)
            if info.filename == part:
                text = data.decode("utf-8")
                root = re.search(r"<([A-Za-z][\w:.-]*)[\s>/]", text.split("?>", 1)[-1])
                assert root is not None
                start = text.index(f"<{root.group(1)}", text.find("?>") + 1)
                text = text[:start] + billion_laughs(root.group(1), levels) + text[start:]
                text = re.sub(r">([^<>\s][^<>]*)<", f">&lol{levels};<", text, count=1)
                data = text.encode("utf-8")
            target.writestr(info, data)
    return path


# --- html_hostile_workbook: markup and link attacks in every text field (used by test_html).
# Written with XlsxWriter's write_string, so every value reaches the reader exactly as typed. ---

# Each value an attacker might type to get markup, an event handler or a live link into a page.
HTML_PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    " \x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
)
HTML_CONTACT_HEADERS: tuple[str, ...] = (
    "Name",
    "Email",
    "Phone",
    "Company",
    "Job Title",
    "Field",
    "How I know them",
    "Met?",
    "Closeness",
    "Introduced By",
    "Where found",
    "Category",
    "Last Contact",
    "Follow up on",
    "Added",
    "Status",
    "LinkedIn",
    "Website",
    "Notes",
    "Favourite Snack",  # a column netreport does not know
)
HTML_LOG_HEADERS: tuple[str, ...] = ("Date", "Contact", "Email", "Channel", "Type", "Notes")


@dataclass(frozen=True)
class HtmlHostileWorkbook:
    """The workbook and what was typed: `contacts` and `log` are the rows as dicts keyed by
    header (dates as datetime.date); `settings` the Settings rows; `payloads` the attacks."""

    path: Path
    payloads: tuple[str, ...]
    contacts: list[dict[str, Any]]
    log: list[dict[str, Any]]
    settings: dict[str, str]


def write_html_hostile_workbook(path: Path) -> HtmlHostileWorkbook:
    """One contact per payload, the payload in every text column (names stay distinct and
    start with the payload), Warm, Cool and Cold in turn so every section of the page has
    someone in it; then a row with the payload in the vocabulary and date columns too, so the
    data-quality list quotes it; an interaction per contact with the payload in its notes and
    one naming an unknown contact. Owner name and target fields are payloads as well."""
    import datetime as dt

    import xlsxwriter

    payloads = HTML_PAYLOADS
    contacts: list[dict[str, Any]] = []
    for i, p in enumerate(payloads):
        kind = ("Warm", "Cool", "Cold")[i % 3]
        row: dict[str, Any] = {
            "Name": f"{p} Hostile{i}",
            # Even rows have a real address (so a mailto link is made from hostile names and
            # drafts); odd rows have the payload as their address.
            "Email": f"p{i}@example.com" if i % 2 == 0 else p,
            "Phone": p,
            "Company": f"{p} Ltd",
            "Job Title": p,
            "Field": f"{p} Finance",
            "How I know them": p,
            "Met?": "Yes" if kind == "Warm" else "No",
            "Closeness": "High" if kind == "Warm" else None,
            "Introduced By": f"{p} Referrer{i}" if kind == "Cool" else None,
            "Where found": p,
            "Category": None,
            "Last Contact": dt.date(2026, 1, 5) if i % 4 else None,
            "Follow up on": None,
            "Added": dt.date(2025, 6, 1),
            "Status": "Active",
            "LinkedIn": p,
            "Website": p,
            "Notes": p,
            "Favourite Snack": p,
        }
        contacts.append(row)
    # Payloads in the vocabulary and date columns: each is quoted back in an issue message.
    for i, p in enumerate(payloads):
        contacts.append(
            {
                **contacts[i],
                "Name": f"{p} Vocab{i}",
                "Email": f"v{i}@example.com",
                "Met?": p,
                "Closeness": p,
                "Category": p,
                "Status": p,
                "Last Contact": p,
                "Follow up on": p,
                "Added": p,
            }
        )
    log: list[dict[str, Any]] = []
    for i, person in enumerate(contacts[: len(payloads)]):
        kind = "Meeting" if i == 0 else "Message sent"
        channel = "In person" if i == 0 else "Email"
        log.append(
            {
                "Date": dt.date(2026, 11, 20) if i in (0, 3) else dt.date(2026, 10, 1),
                "Contact": person["Name"],
                "Email": person["Email"],
                "Channel": channel,
                "Type": kind,
                "Notes": payloads[i],
            }
        )
    for p in payloads:
        log.append(
            {
                "Date": dt.date(2026, 11, 2),
                "Contact": f"{p} Nobody",
                "Email": p,
                "Channel": p,
                "Type": p,
                "Notes": p,
            }
        )
    settings = {"Owner name": f"{payloads[0]} {payloads[2]}", "Target fields": "; ".join(payloads)}

    book = xlsxwriter.Workbook(str(path))
    date = book.add_format({"num_format": "yyyy-mm-dd"})

    def put(sheet: Any, r: int, c: int, value: Any) -> None:
        if isinstance(value, dt.date):
            sheet.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date)
        elif value is not None:
            sheet.write_string(r, c, str(value))

    for title, headers, rows in (
        ("Contacts", HTML_CONTACT_HEADERS, contacts),
        ("Interactions", HTML_LOG_HEADERS, log),
    ):
        sheet = book.add_worksheet(title)
        for c, header in enumerate(headers):
            sheet.write_string(0, c, header)
        for r, entry in enumerate(rows, start=1):
            for c, header in enumerate(headers):
                put(sheet, r, c, entry.get(header))
    sheet = book.add_worksheet("Settings")
    for r, (key, value) in enumerate([("Setting", "Value"), *settings.items()]):
        sheet.write_string(r, 0, key)
        sheet.write_string(r, 1, value)
    book.close()
    return HtmlHostileWorkbook(path, payloads, contacts, log, settings)


@pytest.fixture(scope="module")
def html_hostile_workbook(tmp_path_factory: pytest.TempPathFactory) -> HtmlHostileWorkbook:
    """A module's hostile-html.xlsx: every text field of Contacts and Interactions, the owner's
    name and the target fields hold markup and script-link payloads (see HTML_PAYLOADS)."""
    return write_html_hostile_workbook(tmp_path_factory.mktemp("hostile-html") / "hostile.xlsx")
