"""`netreport review`: the owner's Decision on each row of the import's Review sheet is applied
once, to the right contact, never over a value the owner typed."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner, Result

from netreport.cli import cli

CONTACTS = [
    ["Name", "Email", "Company", "Job Title", "Notes"],
    ["Ana Lima", "ana@lima.example", "Beta", None, None],
    ["Ben Ode", "ben@ode.example", "Gamma", None, "met at PyCon"],
    ["Cara Diaz", None, "Delta", "Analyst", None],
]
# LinkedIn's Connections.csv: each of these has the name of a contact but another email or
# company, so the import lists each on the Review sheet instead of adding it.
EXPORT = [
    ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
    ["Ana", "Lima", "https://www.linkedin.com/in/ana-lima", "", "Omega", "Engineer",
     "01 Oct 2026"],
    ["Ben", "Ode", "", "ben@other.example", "Gamma", "Manager", "02 Oct 2026"],
    ["Cara", "Diaz", "", "cara@zeta.example", "Zeta", "Director", "03 Oct 2026"],
]  # fmt: skip


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def imported(make_workbook: Any, tmp_path: Path) -> Path:
    workbook: Path = make_workbook(CONTACTS)
    export = tmp_path / "Connections.csv"
    with export.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(EXPORT)
    result = run(
        "import", "linkedin", str(export), "--into", str(workbook), "--as-of", "2026-11-26"
    )
    assert result.exit_code == 0, result.output
    return workbook


def review_rows(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book["Review"].iter_rows(values_only=True)]


def decide(path: Path, decisions: dict[str, str]) -> None:
    """Type a Decision on the Review rows of the imported names given, as the owner does."""
    book = openpyxl.load_workbook(path)
    sheet = book["Review"]
    header = [c.value for c in sheet[1]]
    name_col = header.index("Imported name") + 1
    decision_col = header.index("Decision") + 1
    for row in range(2, sheet.max_row + 1):
        name = sheet.cell(row=row, column=name_col).value
        if name in decisions:
            sheet.cell(row=row, column=decision_col).value = decisions[name]
    book.save(path)


def contacts(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book["Contacts"].iter_rows(values_only=True)]


def test_each_decision_is_applied_once_and_never_over_the_owners_values(
    make_workbook: Any, tmp_path: Path
) -> None:
    workbook = imported(make_workbook, tmp_path)
    assert [r[7] for r in review_rows(workbook)[1:]] == ["Ana Lima", "Ben Ode", "Cara Diaz"]
    assert contacts(workbook) == CONTACTS  # the import changed none of the owner's cells
    decide(workbook, {"Ana Lima": "Merge", "Ben Ode": " same person ", "Cara Diaz": "keep both"})
    # The next import says the decisions are waiting (and adds nothing: all three are listed).
    export = tmp_path / "Connections.csv"
    waiting = run("import", "linkedin", str(export), "--into", str(workbook), "--dry-run")
    assert "3 decisions typed on the Review sheet wait to be applied: run `netreport review" in (
        waiting.output
    )

    dry = run("review", str(workbook), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "Dry run: nothing was written." in dry.output

    result = run("review", str(workbook))
    assert result.exit_code == 0, result.output
    assert "Review row 2, Ana Lima: merged into Contacts row 2: filled Job Title Engineer" in (
        result.output
    )
    assert "Review row 4, Cara Diaz: kept as a new contact in Contacts." in result.output
    rows = contacts(workbook)
    # Ana: her blank job title filled; her company "Beta" kept, the import's "Omega" noted,
    # and her LinkedIn profile too, the sheet having no LinkedIn column.
    assert rows[1] == [
        "Ana Lima", "ana@lima.example", "Beta", "Engineer",
        "Also from LinkedIn import 2026-11-26: company Omega; "
        "LinkedIn https://www.linkedin.com/in/ana-lima", None, None,
    ]  # fmt: skip
    # Ben: nothing blank to fill but the job title; his email kept, the other one noted
    # below his own note.
    assert rows[2] == [
        "Ben Ode", "ben@ode.example", "Gamma", "Manager",
        "met at PyCon\nAlso from LinkedIn import 2026-11-26: email ben@other.example", None, None,
    ]  # fmt: skip
    assert rows[3] == [*CONTACTS[3], None, None]
    # Cara: a second Cara Diaz, as an import adds people (Where found and Added at the right).
    assert rows[0][5:] == ["Where found", "Added"]
    assert rows[4] == [
        "Cara Diaz", "cara@zeta.example", "Zeta", "Director", None,
        "LinkedIn import 2026-11-26", dt.datetime(2026, 11, 26),
    ]  # fmt: skip
    applied = [r[-1] for r in review_rows(workbook)]
    assert applied[0] == "Applied on" and all(isinstance(a, dt.datetime) for a in applied[1:])

    before = digest(workbook)
    again = run("review", str(workbook))
    assert again.exit_code == 0 and "No decisions to apply" in again.output
    assert digest(workbook) == before


def test_a_contact_moved_by_sorting_is_found_again_and_an_unknown_word_is_left(
    make_workbook: Any, tmp_path: Path
) -> None:
    workbook = imported(make_workbook, tmp_path)
    decide(workbook, {"Ana Lima": "merge", "Ben Ode": "maybe"})
    # The owner sorts Contacts by company, descending: Ana moves from row 2 to row 4.
    book = openpyxl.load_workbook(workbook)
    sheet = book["Contacts"]
    people = sorted(CONTACTS[1:], key=lambda r: str(r[2]), reverse=True)
    for row, values in enumerate(people, start=2):
        for col, value in enumerate(values, start=1):
            sheet.cell(row=row, column=col).value = value
    book.save(workbook)
    result = run("review", str(workbook))
    assert result.exit_code == 0, result.output
    assert "merged into Contacts row 4" in result.output
    assert "Review row 3: not applied: the Decision 'maybe' is not merge, keep both or skip" in (
        result.output
    )
    assert contacts(workbook)[3][:4] == ["Ana Lima", "ana@lima.example", "Beta", "Engineer"]


def test_a_workbook_without_a_review_sheet_is_told_so(make_workbook: Any) -> None:
    workbook = make_workbook(CONTACTS)
    result = run("review", str(workbook))
    assert result.exit_code == 2
    assert "has no Review sheet" in result.output


def test_one_person_listed_against_two_contacts_is_kept_once(
    make_workbook: Any, tmp_path: Path
) -> None:
    workbook: Path = make_workbook(
        [
            ["Name", "Email", "Company"],
            ["Ann Lee", "ann@acme.example", "Acme"],
            ["Ann Lee", "annlee@globex.example", "Globex"],
        ]
    )
    export = tmp_path / "Connections.csv"
    with export.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(
            [EXPORT[0], ["Ann", "Lee", "", "ann@initech.example", "Initech", "CTO", "01 Oct 2026"]]
        )
    result = run("import", "linkedin", str(export), "--into", str(workbook))
    assert result.exit_code == 0, result.output
    assert [r[7] for r in review_rows(workbook)[1:]] == ["Ann Lee", "Ann Lee"]
    decide(workbook, {"Ann Lee": "keep both"})  # typed on both rows
    result = run("review", str(workbook))
    assert result.exit_code == 0, result.output
    assert "Review row 3, Ann Lee: nothing to do: already added by Review row 2." in result.output
    assert [r[:3] for r in contacts(workbook)[1:]] == [
        ["Ann Lee", "ann@acme.example", "Acme"],
        ["Ann Lee", "annlee@globex.example", "Globex"],
        ["Ann Lee", "ann@initech.example", "Initech"],
    ]
