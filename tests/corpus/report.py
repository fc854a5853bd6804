"""Writing the reports: inputs at the edges of what Excel can hold."""

from __future__ import annotations

import subprocess
from pathlib import Path

from corpus import case

AS_OF = "2026-11-23"


def _cut_to_excels_width(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    from python_calamine import CalamineWorkbook

    assert "holds the first 16,384 of 16,388 columns (Excel's limit)" in done.stdout
    (report,) = (folder / "out").glob("wide-report-*.xlsx")
    header = CalamineWorkbook.from_path(str(report)).get_sheet_by_name("Contacts").to_python()[0]
    assert len(header) == 16_384 and header[:3] == ["Name", "Category", "Next Due"]


@case("report-wider-than-excel", check=_cut_to_excels_width, seconds=120)
def wider_than_excel(folder: Path) -> list[str]:
    """A Contacts sheet of 16,382 columns: with the six netreport adds, past column XFD."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(folder / "wide.xlsx"))
    sheet = book.add_worksheet("Contacts")
    sheet.write_row(0, 0, ["Name", "Email", *(f"Extra {i}" for i in range(16_380))])
    for row in range(1, 4):
        sheet.write_row(row, 0, [f"Person {row}", f"p{row}@example.com", "x", "y"])
    book.close()
    return ["report", "wide.xlsx", "-o", "out", "--as-of", AS_OF]


LONG = "n" * 240  # a legal file name: 245 bytes with ".xlsx"


def _names_fit(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    written = [p for p in folder.rglob("*") if p.name != f"{LONG}.xlsx"]
    assert len(written) > 6, written  # reports, calendar, redacted copies, backup, history
    assert max(len(p.name.encode()) for p in written) <= 255
    assert "Wrote the report sheets" in done.stdout or "backup" in done.stdout.lower()


@case("long-workbook-name", check=_names_fit)
def long_name(folder: Path) -> list[str]:
    import shutil

    from support.paths import ROOT

    shutil.copyfile(ROOT / "sample_workbooks" / "network.xlsx", folder / f"{LONG}.xlsx")
    return ["report", f"{LONG}.xlsx", "--write-back", "--redact", "--ics", "-o", "out"]


def _totals_skipped(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    import json

    data = json.loads(done.stdout)
    assert data["contacts"] == 3, data["contacts"]
    skipped = [i["row"] for i in data["issues"] if i["code"] == "not-a-contact"]
    assert skipped == [5, 6, 7, 8, 9, 10], skipped


@case("hand-typed-totals-in-other-languages", exit_code=0, check=_totals_skipped)
def totals_in_other_languages(folder: Path) -> list[str]:
    """Three people, then totals rows typed as German, Dutch, Italian, Japanese, Chinese and
    Korean workbooks have them, each with a count beside it."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    sheet.append(["Name", "Email", "Met?"])
    sheet.append(["Ann Lee", "ann@example.com", "Yes"])
    sheet.append(["Bo Chen", "bo@example.com", "No"])
    sheet.append(["Cy Diaz", "cy@example.com", "No"])
    for word in ("Gesamt", "Totaal:", "Totale", "\u5408\u8a08", "\u603b\u8ba1", "\ud569\uacc4"):
        sheet.append([word, 3])
    book.save(folder / "people.xlsx")
    return ["validate", "people.xlsx", "--as-of", AS_OF, "--format", "json"]
