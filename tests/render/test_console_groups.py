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
    for n in range(12):
        log.append([dt.date(2026, 9, 1), "Cy Diaz", f"odd type {n}"])
    path = folder / "groups.xlsx"
    book.save(path)
    return path


def test_one_entry_per_kind_of_problem(tmp_path: Path) -> None:
    args = ["validate", str(workbook(tmp_path)), "--as-of", "2026-11-23"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[1] == "1 error, 37 warnings"
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
        "  ... and 5 more problems of this kind [unknown-value] on 5 rows: every one is on "
        "the report's Issues sheet and in --format json."
    )
    assert len(shown) == 10


def test_json_keeps_every_issue_and_the_groups(tmp_path: Path) -> None:
    args = ["validate", str(workbook(tmp_path)), "--as-of", "2026-11-23", "--format", "json"]
    result = CliRunner().invoke(cli, args)
    data = json.loads(result.stdout)
    assert len(data["issues"]) == 38
    groups = {(g["code"], g["count"]) for g in data["groups"]}
    assert ("unknown-value", 25) in groups and ("invalid-email", 1) in groups
    assert len(data["groups"]) == 1 + 1 + 12
    notes = next(g for g in data["groups"] if g["count"] == 25)
    assert notes["first_rows"] == list(range(2, 12)) and notes["column"] == "C (Type)"
