"""Formulas in the owner's workbook: a totals row's formula is kept (and counts the rows added
above it, as after Excel's own insert), a formula where netreport reads data is refused, named
by its cell; the workbook is marked to be recalculated when next opened."""

from __future__ import annotations

import csv
import hashlib
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner, Result

from netreport.cli import cli


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def network_with_totals(folder: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    sheet.append(["Name", "Email", "Company"])
    sheet.append(["Ana Lima", "ana@lima.example", "Beta"])
    sheet.append(["Ben Ode", "ben@ode.example", "Gamma"])
    sheet.append(["TOTAL", "=COUNTA(B2:B3)", None])
    log = book.create_sheet("Interactions")
    log.append(["Date", "Contact", "Type"])
    dashboard = book.create_sheet("Dashboard")
    dashboard["A1"] = "People"
    dashboard["B1"] = "=COUNTA(Contacts!$A$2:$A$3)"
    dashboard["B2"] = "=Contacts!B4*2"
    path = folder / "network.xlsx"
    book.save(path)
    return path


def linkedin(folder: Path) -> Path:
    export = folder / "Connections.csv"
    with export.open("w", newline="", encoding="utf-8") as out:
        csv.writer(out).writerows(
            [
                ["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                 "Connected On"],
                ["Cara", "Diaz", "", "cara@zeta.example", "Zeta", "Director", "03 Oct 2026"],
                ["Dev", "Rao", "", "dev@eta.example", "Eta", "Engineer", "04 Oct 2026"],
            ]
        )  # fmt: skip
    return export


def formulas(path: Path) -> dict[str, Any]:
    book = openpyxl.load_workbook(path)
    return {
        f"{sheet.title}!{cell.coordinate}": cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    }


def test_a_totals_rows_formula_is_kept_and_counts_the_people_added_above_it(
    tmp_path: Path,
) -> None:
    workbook = network_with_totals(tmp_path)
    result = run("import", "linkedin", str(linkedin(tmp_path)), "--into", str(workbook))
    assert result.exit_code == 0, result.output
    assert "Added 2 to Contacts" in result.output
    assert "Your formulas (Contacts!B6, Dashboard!B1, Dashboard!B2) are kept" in result.output
    # As Excel leaves them after inserting two rows above the total: the range of the people
    # grows over the new ones, references to the total follow it down.
    assert formulas(workbook) == {
        "Contacts!B6": "=COUNTA(B2:B5)",
        "Dashboard!B1": "=COUNTA(Contacts!$A$2:$A$5)",
        "Dashboard!B2": "=Contacts!B6*2",
    }
    sheet = openpyxl.load_workbook(workbook)["Contacts"]
    assert [c.value for c in sheet["A"]] == ["Name", "Ana Lima", "Ben Ode", "Cara Diaz",
                                             "Dev Rao", "TOTAL"]  # fmt: skip
    with zipfile.ZipFile(workbook) as archive:
        assert b'fullCalcOnLoad="1"' in archive.read("xl/workbook.xml")


def test_logging_above_a_logs_totals_row_keeps_its_formula(tmp_path: Path) -> None:
    workbook = network_with_totals(tmp_path)
    book = openpyxl.load_workbook(workbook)
    log = book["Interactions"]
    log.append(["2026-11-02", "Ana Lima", "Meeting"])
    log.append([None, "Total", "=COUNTA(C2:C2)"])
    book.save(workbook)
    result = run("log", str(workbook), "Ben Ode", "--type", "call", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert formulas(workbook)["Interactions!C4"] == "=COUNTA(C2:C3)"


def test_a_formula_where_netreport_reads_data_is_refused_by_its_cell(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    sheet.append(["First Name", "Last Name", "Name", "Email"])
    sheet.append(["Ann", "Lee", '=A2&" "&B2', "ann@example.com"])
    sheet.append(["Bo", "Yu", '=A3&" "&B3', "bo@example.com"])
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    before = digest(path)
    result = run("snooze", str(path), "ann@example.com", "--until", "2099-01-01")
    assert result.exit_code == 2
    assert "has formulas where netreport reads your data (Contacts!C2, Contacts!C3)" in (
        result.output
    )
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_libreoffice_works_out_the_kept_formula_again(tmp_path: Path, soffice_convert: Any) -> None:
    workbook = network_with_totals(tmp_path)
    result = run("import", "linkedin", str(linkedin(tmp_path)), "--into", str(workbook))
    assert result.exit_code == 0, result.output
    out = tmp_path / "csv"
    converted = soffice_convert(workbook, "csv:Text - txt - csv (StarCalc):44,34,76,1", out)
    with converted.open(encoding="utf-8") as lines:
        rows = list(csv.reader(lines))
    assert rows[5][:2] == ["TOTAL", "4"]  # four people, counted when LibreOffice opened it
