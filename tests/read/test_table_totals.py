"""An Excel table (Insert > Table) with a totals row: the table declares that row
(`totalsRowCount` in its part), so it is skipped as not a contact even when nothing in it
says "Total", as when only a count stands under the last column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import xlsxwriter

from netreport.check import check_workbook
from netreport.read import read_workbook

HEADER = ["Name", "Email", "Company", "How I know them", "Notes"]
PEOPLE = [
    ["Ann Lee", "ann@example.com", "Acme", "close friend", "likes tennis"],
    ["Bo Chen", "bo@example.com", "Globex", "met once", ""],
    ["Cy Diaz", "cy@example.com", "Initech", "coworker", ""],
]


def table_book(path: Path, *, first: int = 0, **table: Any) -> Path:
    """Contacts in an Excel table starting at row `first` (0-based), with a totals row."""
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Contacts")
    if first:
        sheet.write(0, 0, "My network")
    options = {"name": "People", "total_row": True, **table}
    columns: list[dict[str, Any]] = [{"header": h} for h in HEADER]
    if options["total_row"]:
        columns[-1]["total_function"] = "count"
    last = first + len(PEOPLE) + (1 if options["total_row"] else 0)
    sheet.add_table(first, 0, last, len(HEADER) - 1, {**options, "columns": columns})
    for r, person in enumerate(PEOPLE, start=first + 1):
        sheet.write_row(r, 0, person)
    book.close()
    return path


@pytest.mark.parametrize("first", [0, 2])
def test_an_unlabelled_totals_row_is_not_a_contact(tmp_path: Path, first: int) -> None:
    path = table_book(tmp_path / "table.xlsx", first=first)
    checked = check_workbook(path, as_of=dt.date(2026, 11, 23))
    totals_row = first + len(PEOPLE) + 2
    skipped = [i for i in checked.issues if i.code == "not-a-contact"]
    assert [(i.row, i.severity.value) for i in skipped] == [(totals_row, "info")]
    assert "totals row of the Excel table 'People'" in skipped[0].message
    assert not [i for i in checked.issues if i.code == "missing-name"]
    assert len(checked.contacts) == len(PEOPLE)


def test_a_labelled_totals_row_is_noted_once(tmp_path: Path) -> None:
    book = xlsxwriter.Workbook(str(tmp_path / "labelled.xlsx"))
    sheet = book.add_worksheet("Contacts")
    columns: list[dict[str, Any]] = [{"header": h} for h in HEADER[:-1]]
    columns[0]["total_string"] = "Total"
    columns.append({"header": HEADER[-1], "total_function": "count"})
    sheet.add_table(0, 0, len(PEOPLE) + 1, len(HEADER) - 1, {"total_row": True, "columns": columns})
    for r, person in enumerate(PEOPLE, start=1):
        sheet.write_row(r, 0, person)
    book.close()
    checked = check_workbook(tmp_path / "labelled.xlsx", as_of=dt.date(2026, 11, 23))
    skipped = [i for i in checked.issues if i.code == "not-a-contact"]
    assert [i.row for i in skipped] == [len(PEOPLE) + 2]
    assert len(checked.contacts) == len(PEOPLE)


def test_a_table_without_a_totals_row_keeps_every_row(tmp_path: Path) -> None:
    path = table_book(tmp_path / "plain.xlsx", total_row=False)
    source = read_workbook(path)
    assert not [i for i in source.issues if i.code == "not-a-contact"]
    assert source.contacts is not None and len(source.contacts.frame) == len(PEOPLE)
