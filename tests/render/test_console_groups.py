"""`validate`'s text groups identical problems: one entry per kind, with how many rows and the
first of them, at most eight kinds of one problem per sheet; JSON keeps every issue and the
groups. Expected lines are typed by hand from the workbook below."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner

from netreport.cli import cli


def workbook(folder: Path) -> Path:
    """Three contacts (one bad email); 25 interactions typed 'see notes' (rows 2-26) and 12
    with a type of their own each (rows 27-38)."""
    book = openpyxl.Workbook()
    contacts = book.active
    contacts.title = "Contacts"
    contacts.append(["Name", "Email", "Met?", "How I know them"])
    contacts.append(["Ann Lee", "ann@example.com", "Yes", "friend"])
    contacts.append(["Bo Chen", "bo@example", "No", "referral"])
    contacts.append(["Cy Diaz", "cy@example.com", "No", "researched"])
    log = book.create_sheet("Interactions")
    log.append(["Date", "Contact", "Type"])
    for n in range(25):
        log.append([dt.date(2026, 10, 1) + dt.timedelta(days=n), "Ann Lee", "see notes"])
    for n in range(12):  # the last five (not shown one by one) twice each
        for _ in range(2 if n >= 7 else 1):
            log.append([dt.date(2026, 9, 1), "Cy Diaz", f"odd type {n}"])
    path = folder / "groups.xlsx"
    book.save(path)
    return path


def test_one_entry_per_kind_of_problem(tmp_path: Path) -> None:
    args = ["validate", str(workbook(tmp_path)), "--as-of", "2026-11-23"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == "1 error, 42 warnings"
    start = lines.index("Interactions")
    shown = lines[start + 1 :]
    assert shown[0] == (
        "  25 rows (first 2, 3, 4, 5, 6, ...), C (Type): warning: 'see notes' is not a known "
        "interaction type. [unknown-value]"
    )
    assert shown[1].startswith("    fix: Use one of: Message sent, Reply received, Call,")
    # Eight kinds of the problem, the fix said once (it is the same for all); then the rest.
    assert [line.split(":")[0] for line in shown[2:9]] == [
        f"  row {n}, C (Type)" for n in range(27, 34)
    ]
    assert shown[9] == (
        "  ... and 10 more rows with problems of this kind [unknown-value], in 5 other groups: "
        "every one is on the report's Issues sheet and in --format json."
    )
    assert len(shown) == 10


def test_json_keeps_every_issue_and_the_groups(tmp_path: Path) -> None:
    args = ["validate", str(workbook(tmp_path)), "--as-of", "2026-11-23", "--format", "json"]
    result = CliRunner().invoke(cli, args)
    data = json.loads(result.stdout)
    assert len(data["issues"]) == 43
    groups = {(g["code"], g["count"]) for g in data["groups"]}
    assert ("unknown-value", 25) in groups and ("invalid-email", 1) in groups
    assert len(data["groups"]) == 1 + 1 + 12
    notes = next(g for g in data["groups"] if g["count"] == 25)
    assert notes["first_rows"] == list(range(2, 12)) and notes["column"] == "C (Type)"


def test_the_page_and_the_summary_sheet_show_a_problem_on_many_rows_once(tmp_path: Path) -> None:
    """The HTML's data quality table and the Summary sheet list the 25 'see notes' rows as one
    problem, the bad email (an error) first."""
    from html.parser import HTMLParser

    out = tmp_path / "out"
    args = ["report", str(workbook(tmp_path)), "-o", str(out), "--as-of", "2026-11-23"]
    assert CliRunner().invoke(cli, args).exit_code == 0

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.inside = False

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag == "tr":
                self.rows.append([])
            self.inside = tag == "td"

        def handle_data(self, data: str) -> None:
            if self.inside and self.rows:
                self.rows[-1].append(data.strip())

        def handle_endtag(self, tag: str) -> None:
            self.inside = False if tag == "td" else self.inside

    page = Cells()
    page.feed((out / "groups-summary-2026-11-23.html").read_text(encoding="utf-8"))
    quality = [r for r in page.rows if r and r[0] in ("error", "warning")]
    assert quality[0][:2] == ["error", "Contacts, row 3, B (Email)"]
    assert quality[1][:2] == ["warning", "Interactions, 25 rows (first 2, 3, 4, ...), C (Type)"]
    assert quality[1][2] == "'see notes' is not a known interaction type."
    assert len(quality) == 8  # the 14 kinds of problem, the first eight

    book = openpyxl.load_workbook(out / "groups-report-2026-11-23.xlsx", read_only=True)
    rows = [r for r in book["Summary"].iter_rows(values_only=True) if r and r[1] == "warning"]
    assert rows[0][0] == "Interactions, 25 rows (first 2, 3, 4, ...), C (Type)"
