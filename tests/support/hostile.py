"""Hostile text: formula triggers, markup and link attacks in every field.

Builders the test modules import, and the pytest fixtures that wrap them (loaded by
tests/conftest.py as plugins)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

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
