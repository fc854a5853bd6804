"""The Excel report as LibreOffice sees it: printed to PDF (pages, no ###, headers in full),
sheets saved as CSV (names and dates as shown, values from the user exactly as typed and never
formulas), and the Issues sheet's links to the source workbook's cells.

Skipped only when LibreOffice (soffice) is not installed; the PDF text checks need poppler's
pdftotext as well.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
from click.testing import CliRunner
from support.libreoffice import soffice_outputs
from support.paths import ROOT

from netreport import check_workbook
from netreport.cli import cli

pytestmark = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)

SAMPLES = ROOT / "sample_workbooks"
AS_OF = dt.date(2026, 11, 23)
SHEETS = ["Summary", "Contacts", "Outreach", "Drafts", "Issues", "History"]
# csv filter: comma, double quote, UTF-8 (76), from line 1, ..., token 10: formulas as text
# (false: their results), token 12: the sheet by number from 1.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,{formulas},false,{n}"


def soffice(src: Path, target: str, outdir: Path) -> list[Path]:
    """Convert `src` with headless LibreOffice in a profile of its own; return the new files."""
    return soffice_outputs(src, target, outdir)


def sheet_csv(report: Path, sheet: str, outdir: Path, formulas: bool = False) -> list[list[str]]:
    """One sheet of the report as LibreOffice writes it to CSV (UTF-8)."""
    n = SHEETS.index(sheet) + 1
    target = CSV_FILTER.format(formulas="true" if formulas else "false", n=n)
    (written,) = soffice(report, target, outdir / f"{sheet}-{formulas}")
    assert written.name.endswith(f"-{sheet}.csv"), written.name  # the sheet asked for
    with written.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def make_report(workbook: Path, out: Path) -> Path:
    result = CliRunner().invoke(
        cli, ["report", str(workbook), "-o", str(out), "--as-of", AS_OF.isoformat()]
    )
    assert result.exit_code == 0, result.output
    path = out / f"{workbook.stem}-report-{AS_OF.isoformat()}.xlsx"
    assert path.is_file()
    return path


def report_of(sample: str, base: Path) -> tuple[Path, Path]:
    source = base / "in" / sample
    source.parent.mkdir(parents=True)
    shutil.copy(SAMPLES / sample, source)
    return source, make_report(source, base / "out")


@dataclass
class Sample:
    workbook: Path
    report: Path
    pdf: Path
    book: Any  # the report, opened with openpyxl


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Sample:
    base = tmp_path_factory.mktemp("lo-sample")
    workbook, report = report_of("network.xlsx", base)
    (pdf,) = soffice(report, "pdf", base / "pdf")
    assert pdf.suffix == ".pdf"
    return Sample(workbook, report, pdf, openpyxl.load_workbook(report))


def pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))  # type: ignore[union-attr]
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))


def pdf_text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext is not installed")
    done = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def data_rows(rows: list[list[str]]) -> list[list[str]]:
    return [r for r in rows[1:] if any(v.strip() for v in r)]


# ---- PDF ----------------------------------------------------------------------------------


def test_report_prints_to_pdf_with_a_page_per_sheet_at_least(sample: Sample) -> None:
    assert sample.pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf_pages(sample.pdf) >= len(SHEETS)
    if shutil.which("pdftoppm"):
        prefix = sample.pdf.parent / "page"
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(sample.pdf), str(prefix)],
            check=True,
            capture_output=True,
        )
        (png,) = sample.pdf.parent.glob("page*.png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_printed_report_has_no_hashes_and_headers_in_full(sample: Sample) -> None:
    text = pdf_text(sample.pdf)
    assert "###" not in text, [line for line in text.splitlines() if "###" in line][:5]
    assert "Jordan Avery" in text
    for name in ("Contacts", "Outreach"):
        sheet = sample.book[name]
        for cell in sheet[1]:
            # A header wider than its column is cut off in print.
            assert str(cell.value) in text, f"{name} header {cell.value!r} is cut off"
    contacts = sample.book["Contacts"]
    due = [c.value for c in contacts[1]].index("Next Due") + 1
    first_due = next(
        contacts.cell(r, due).value
        for r in range(2, contacts.max_row + 1)
        if isinstance(contacts.cell(r, due).value, dt.datetime)
    )
    assert first_due.date().isoformat() in text


# ---- CSV ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Contacts", "Outreach"])
def test_sheets_as_csv_show_names_and_dates(sample: Sample, name: str, tmp_path: Path) -> None:
    rows = sheet_csv(sample.report, name, tmp_path)
    sheet = sample.book[name]
    expected_headers = [c.value for c in sheet[1]]
    assert rows[0] == expected_headers
    body = data_rows(rows)
    assert len(body) == sheet.max_row - 1
    names = [r[expected_headers.index("Name")] for r in body]
    assert names == [
        sheet.cell(row, expected_headers.index("Name") + 1).value
        for row in range(2, sheet.max_row + 1)
    ]
    if name == "Contacts":
        checked = check_workbook(sample.workbook, as_of=AS_OF)
        assert names == list(checked.contacts["name"])
        assert "Søren Moreau" in names  # UTF-8 kept
    shown_dates = 0
    for r, row in enumerate(body, start=2):
        for c, value in enumerate(row, start=1):
            assert "###" not in value, f"{name} row {r} column {c}: {value!r}"
            cell = sheet.cell(r, c)
            if isinstance(cell.value, dt.datetime) and cell.value.time() == dt.time():
                assert value == cell.value.date().isoformat(), (cell.coordinate, value)
                shown_dates += 1
    assert shown_dates > 0


def test_hostile_values_are_text_exactly_as_typed(hostile_workbook: Any, tmp_path: Path) -> None:
    report = make_report(hostile_workbook.path, tmp_path / "out")
    for formulas in (True, False):  # formulas as text, and as results: both show the typed text
        rows = sheet_csv(report, "Contacts", tmp_path, formulas=formulas)
        headers, body = rows[0], data_rows(rows)
        assert len(body) == len(hostile_workbook.payloads)
        for header, typed in hostile_workbook.text.items():
            got = [r[headers.index(header)] for r in body]
            assert got == typed, (header, formulas)
        links = [r[headers.index("LinkedIn")] for r in body]
        assert links[0] == hostile_workbook.link


# ---- links to the source's cells ----------------------------------------------------------


def test_issue_links_open_the_source_cell_in_libreoffice(tmp_path: Path) -> None:
    workbook, report = report_of("messy.xlsx", tmp_path)
    checked = check_workbook(workbook, as_of=AS_OF)
    located = [i for i in checked.issues if i.sheet and i.row and i.column]
    assert located
    (ods,) = soffice(report, "ods", tmp_path / "ods")
    with zipfile.ZipFile(ods) as archive:
        content = archive.read("content.xml").decode("utf-8")
    hrefs = [
        unquote(h.replace("&apos;", "'"))
        for h in re.findall(r'xlink:href="([^"]*messy\.xlsx#[^"]*)"', content)
    ]
    expected = [f"'{i.sheet}'!{i.column.split(' ')[0]}{i.row}" for i in located]
    assert [h.split("#", 1)[1] for h in hrefs] == expected
    for href in hrefs:
        # LibreOffice reads the link relative to the document: it names the source file.
        assert "\\" not in href and href.split("#")[0].endswith("/messy.xlsx")
