"""The starter workbook `netreport init` writes: the contract, laid out for a person to fill in.

Contacts, Interactions and Settings sheets as Excel tables with drop-down lists, date formats
and frozen headers, plus a Guide sheet on the four categories and what to ask each.
The sample workbooks are written through the same function, so they look like the starter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from netreport.atomic import write_atomically
from netreport.check.settings import DEFAULT_CADENCE
from netreport.schema import (
    CONTACTS,
    INTERACTIONS,
    KIND_CHOICES,
    SheetSpec,
)

CONTACT_HEADERS: tuple[str, ...] = tuple(
    CONTACTS.field(k).header
    for k in (
        "name",
        "email",
        "phone",
        "company",
        "title",
        "field",
        "relationship",
        "met",
        "closeness",
        "referrer",
        "source",
        "category",
        "last_contact",
        "follow_up",
        "added",
        "status",
        "linkedin",
        "notes",
    )
)
INTERACTION_HEADERS: tuple[str, ...] = tuple(
    INTERACTIONS.field(k).header for k in ("date", "contact", "email", "channel", "type", "notes")
)
DATE_FORMAT = "yyyy-mm-dd"
HEADER_FILL = "1F4E79"

EXAMPLE_CONTACTS: tuple[dict[str, Any], ...] = (
    {
        "Name": "Maria Lopez (example)",
        "Email": "maria.lopez@example.com",
        "Company": "Harbor Bank",
        "Job Title": "Risk Analyst",
        "Field": "Finance",
        "How I know them": "cousin",
        "Met?": "Yes",
        "Closeness": "High",
        "Last Contact": dt.date(2026, 9, 14),
        "Status": "Active",
        "Notes": "Knows everyone in the Harbor Bank risk team.",
    },
    {
        "Name": "Sam Okafor (example)",
        "Email": "sam.okafor@example.org",
        "Company": "Brightline Analytics",
        "Job Title": "Data Engineer",
        "Field": "Data Science",
        "How I know them": "referral",
        "Met?": "No",
        "Introduced By": "Maria Lopez (example)",
        "Status": "Active",
        "Notes": "Maria suggested I ask him about data roles.",
    },
    {
        "Name": "Priya Raman (example)",
        "Company": "Northwind Capital",
        "Job Title": "Head of Analytics",
        "Field": "Finance",
        "How I know them": "researched",
        "Met?": "No",
        "Where found": "Northwind Capital website",
        "Status": "Active",
        "LinkedIn": "https://www.linkedin.com/in/example-priya",
    },
)
EXAMPLE_INTERACTIONS: tuple[dict[str, Any], ...] = (
    {
        "Date": dt.date(2026, 9, 14),
        "Contact": "Maria Lopez (example)",
        "Email": "maria.lopez@example.com",
        "Channel": "In person",
        "Type": "Meeting",
        "Notes": "Coffee; she offered to introduce Sam.",
    },
)


def starter_settings(owner: str = "") -> list[tuple[str, Any, str]]:
    """Setting, value and a note for each row of the Settings sheet."""
    return [
        ("Owner name", owner, "Shown on your reports."),
        ("Target fields", "Finance, Data Science", "The fields you want to work in, by commas."),
        *(
            (f"Cadence {c}", d, f"Keep in touch with {c} contacts every so many days.")
            for c, d in DEFAULT_CADENCE.items()
        ),
        ("Reply nudge days", 7, "Nudge after this many days without a reply."),
        ("Thank-you window days", 2, "Send thanks within this many days of a meeting."),
        ("Weekly outreach budget", 5, "New people to contact per week."),
        ("Date order", "Month first", "How you type dates as text: Day first or Month first."),
    ]


GUIDE: tuple[tuple[str, str], ...] = (
    ("Your career network", ""),
    (
        "netreport reads this workbook once a week and tells you whom to contact, why now and "
        "what to ask. Keep one row per person on Contacts and log what happens on Interactions.",
        "",
    ),
    ("", ""),
    ("The four kinds of contact", ""),
    (
        "Warm",
        "People you know well and have met: friends, family, coworkers, mentors. Tell them "
        "you are looking; ask for advice, an informational interview, or introductions.",
    ),
    (
        "Luke-warm",
        "People you have met but are not close to: acquaintances, people met once at "
        "an event, neighbours, former colleagues. In your field: ask for an "
        "informational interview or advice. Outside it: ask whom they know in it.",
    ),
    (
        "Cool",
        "People you have never met but share someone with: a friend's friend, a referral. "
        "Reach out naming the person in common.",
    ),
    (
        "Cold",
        "People with no connection, found by research: a company website, a member "
        "directory, a LinkedIn search. Never ask for a job: ask for advice, information "
        "or an informational interview.",
    ),
    ("", ""),
    ("Filling in Contacts", ""),
    (
        "Category",
        "Leave it blank and netreport decides from Met?, Closeness, How I know them "
        "and Introduced By. If you type one, netreport keeps it and warns you when the "
        "row says otherwise.",
    ),
    ("Met?", "Yes if you have met or know the person."),
    ("Introduced By", "The person you have in common. Makes a never-met contact Cool."),
    ("Last Contact", "When you last spoke. Logging an interaction also counts."),
    ("Follow up on", "A date you promised to follow up; it wins over the usual rhythm."),
    ("Status", "Do not contact or Archived keeps a person off every outreach list."),
    ("Your own columns", "Add any columns you like; netreport keeps them in its report."),
    ("", ""),
    ("Every week", "Run: netreport report <this file>"),
)


def write_network_workbook(
    path: Path,
    contacts: Iterable[dict[str, Any]],
    interactions: Iterable[dict[str, Any]],
    settings: Iterable[tuple[str, Any, str]],
    contact_headers: Sequence[str] = CONTACT_HEADERS,
) -> None:
    """Write a workbook in netreport's own layout, atomically."""
    book = build_workbook(contacts, interactions, settings, contact_headers)
    write_atomically(Path(path), lambda temp: book.save(temp))


def build_workbook(
    contacts: Iterable[dict[str, Any]],
    interactions: Iterable[dict[str, Any]],
    settings: Iterable[tuple[str, Any, str]],
    contact_headers: Sequence[str] = CONTACT_HEADERS,
) -> Any:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    table_sheet(book, "Contacts", contact_headers, list(contacts), "ContactsTable", CONTACTS)
    table_sheet(
        book,
        "Interactions",
        INTERACTION_HEADERS,
        list(interactions),
        "InteractionsTable",
        INTERACTIONS,
    )
    rows = [{"Setting": k, "Value": v, "Note": n} for k, v, n in settings]
    table_sheet(book, "Settings", ("Setting", "Value", "Note"), rows, "SettingsTable")
    _guide_sheet(book)
    book.remove(first)
    book.active = 0
    return book


def table_sheet(
    book: Any,
    title: str,
    headers: Sequence[str],
    rows: list[dict[str, Any]],
    table_name: str,
    spec: SheetSpec | None = None,
) -> None:
    """A sheet holding one Excel table; with `spec`, each column's field kind gives it a date
    format or a drop-down of its choices."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.table import Table, TableStyleInfo

    sheet = book.create_sheet(title)
    sheet.append(list(headers))
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    last_row = max(sheet.max_row, 2)
    kinds = {f.header: f.kind for f in spec.fields} if spec else {}
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        head = sheet.cell(row=1, column=index)
        head.font = Font(bold=True, color="FFFFFF")
        head.fill = PatternFill("solid", fgColor=HEADER_FILL)
        head.alignment = Alignment(vertical="center")
        values = [str(r.get(header) or "") for r in rows]
        width = max([len(header) + 4, *(len(v) + 2 for v in values)])
        if kinds.get(header) == "date":
            width = max(width, 13)
            for cell in sheet[letter][1:]:
                cell.number_format = DATE_FORMAT
        sheet.column_dimensions[letter].width = min(width, 48)
        choices = KIND_CHOICES.get(kinds.get(header, ""))
        if choices:
            # Room to grow: the drop-down covers the next thousand rows too.
            rule = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=f"Unknown {header}",
                error=f"Choose one of: {', '.join(choices)}",
                errorStyle="warning",
            )
            rule.add(f"{letter}2:{letter}{last_row + 1000}")
            sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    ref = f"A1:{get_column_letter(len(headers))}{last_row}"
    table = Table(displayName=table_name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)


def _guide_sheet(book: Any) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = book.create_sheet("Guide")
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100
    for term, text in GUIDE:
        sheet.append([term, text])
        row = sheet.max_row
        sheet.cell(row=row, column=2).alignment = Alignment(wrap_text=True, vertical="top")
        sheet.cell(row=row, column=1).alignment = Alignment(vertical="top")
        if not text and term:
            sheet.cell(row=row, column=1).font = Font(bold=True, size=13)
        elif term:
            sheet.cell(row=row, column=1).font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=16)
    sheet.merge_cells("A2:B2")
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[2].height = 32


def write_starter(path: Path) -> None:
    write_network_workbook(path, EXAMPLE_CONTACTS, EXAMPLE_INTERACTIONS, starter_settings())
