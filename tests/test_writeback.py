"""`report --write-back`: the report sheets go into the user's workbook, and nothing else moves."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook
from support.paths import ROOT

from netreport import check_workbook
from netreport.cli import cli
from netreport.inplace import OUR_SHEETS, lossy_parts

SAMPLE = ROOT / "sample_workbooks" / "network.xlsx"
AS_OF = "2026-11-23"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def cells(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path)
    return [tuple(row) for row in book[sheet].iter_rows(values_only=True)]


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["report", *args, "--as-of", AS_OF], catch_exceptions=False)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    target = tmp_path / "network.xlsx"
    shutil.copy(SAMPLE, target)
    return target


def test_write_back_adds_report_sheets_and_leaves_the_users_sheets_as_they_were(
    workbook: Path,
) -> None:
    original = openpyxl.load_workbook(workbook).sheetnames
    before = {name: cells(workbook, name) for name in original}
    before_calamine = {
        name: CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name(name).to_python()
        for name in original
    }
    original_bytes = digest(workbook)

    result = run(str(workbook), "--write-back")
    assert result.exit_code == 0, result.output

    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == [*original, *OUR_SHEETS]
    for name in original:
        assert cells(workbook, name) == before[name], name
        after = CalamineWorkbook.from_path(str(workbook)).get_sheet_by_name(name).to_python()
        assert after == before_calamine[name], name
    assert "netreport_sheets" in book.custom_doc_props.names

    # Beside the workbook, in its own folder, whichever folder the reports went to.
    backups = list((workbook.parent / "backups" / "network").glob("network-backup-*.xlsx"))
    assert len(backups) == 1
    assert digest(backups[0]) == original_bytes
    assert "backup" in result.output

    # The report sheets hold the report: every contact, the outreach list, tables.
    contacts = book["NR Contacts"]
    assert contacts.max_row == 1 + 90
    assert contacts.freeze_panes == "B2"  # the header row and the name column
    assert len(contacts.tables) == 1
    assert book["NR Outreach"]["B2"].value  # the first name on the list
    assert len(book["NR Summary"]._charts) == 1


def test_second_write_back_replaces_the_report_sheets(workbook: Path) -> None:
    assert run(str(workbook), "--write-back").exit_code == 0
    first = openpyxl.load_workbook(workbook).sheetnames
    result = run(str(workbook), "--write-back")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(workbook)
    assert book.sheetnames == first
    assert sum(name.startswith("NR ") for name in book.sheetnames) == len(OUR_SHEETS)
    # The tables keep unique names across the workbook (Excel refuses duplicates).
    names = [t for ws in book.worksheets for t in ws.tables]
    assert len(names) == len(set(names))


def test_the_workbook_still_reads_the_same_after_write_back(workbook: Path) -> None:
    before = check_workbook(workbook)
    assert run(str(workbook), "--write-back").exit_code == 0
    after = check_workbook(workbook)
    assert after.source.contacts is not None
    assert after.source.contacts.sheet == "Contacts"
    assert after.contacts["category"].tolist() == before.contacts["category"].tolist()
    assert after.issues == before.issues


@pytest.mark.parametrize("lock", ["~${name}", ".~lock.{name}#"])
def test_write_back_refuses_while_the_workbook_is_open(workbook: Path, lock: str) -> None:
    (workbook.parent / lock.format(name=workbook.name)).write_bytes(b"owner")
    before = digest(workbook)
    result = run(str(workbook), "--write-back")
    assert result.exit_code == 2
    assert "open in Excel or LibreOffice" in result.output
    assert "Traceback" not in result.output
    assert digest(workbook) == before
    assert not (workbook.parent / "backups").exists()


def test_write_back_refuses_a_workbook_with_formulas(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    sheet.append(["First Name", "Last Name", "Name", "Email"])
    sheet.append(["Ann", "Lee", '=A2&" "&B2', "ann@example.com"])
    path = tmp_path / "formulas.xlsx"
    book.save(path)
    before = digest(path)
    result = run(str(path), "--write-back")
    assert result.exit_code == 2
    assert "formulas" in result.output and "without --write-back" in result.output
    assert digest(path) == before


def _with_extra_part(path: Path, part: str, payload: bytes = b"x") -> None:
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr(part, payload)


@pytest.mark.parametrize(
    ("part", "words"),
    [
        ("xl/pivotTables/pivotTable1.xml", "pivot tables"),
        ("xl/pivotCache/pivotCacheDefinition1.xml", "pivot tables"),
        ("xl/slicers/slicer1.xml", "slicers"),
        ("xl/threadedComments/threadedComment1.xml", "threaded comments"),
        ("xl/embeddings/oleObject1.bin", "embedded objects"),
        ("xl/vbaProject.bin", "macros"),
    ],
)
def test_lossy_parts_are_named_and_refused(workbook: Path, part: str, words: str) -> None:
    _with_extra_part(workbook, part)
    assert any(words in found for found in lossy_parts(workbook))
    before = digest(workbook)
    result = run(str(workbook), "--write-back")
    assert result.exit_code == 2
    assert words in result.output
    assert digest(workbook) == before


def test_clean_workbook_has_no_lossy_parts(workbook: Path) -> None:
    assert lossy_parts(workbook) == []


def test_a_sheet_of_the_users_with_a_report_name_is_never_overwritten(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    book.create_sheet("NR Summary")["A1"] = "my own notes"
    book.save(workbook)
    before = digest(workbook)
    result = run(str(workbook), "--write-back")
    assert result.exit_code == 2
    assert "NR Summary" in result.output
    assert digest(workbook) == before


def test_write_back_refuses_other_formats(tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    from support.libreoffice import run_soffice_convert

    ods = run_soffice_convert(SAMPLE, "ods", tmp_path)
    before = digest(ods)
    result = run(str(ods), "--write-back")
    assert result.exit_code == 2
    assert ".xlsx and .xlsm" in result.output
    assert digest(ods) == before
    # Without --write-back the same file reports fine.
    assert run(str(ods), "-o", str(tmp_path / "out")).exit_code == 0


def test_xlsm_keeps_its_macros_and_extension(tmp_path: Path) -> None:
    path = tmp_path / "network.xlsm"
    shutil.copy(SAMPLE, path)
    macro = b"fake VBA project bytes"
    # Declare the part as openpyxl and Excel expect a macro-enabled workbook to.
    with zipfile.ZipFile(path) as source:
        parts = {n: source.read(n) for n in source.namelist()}
    types = parts["[Content_Types].xml"].decode()
    types = types.replace(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    ).replace(
        "</Types>",
        '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    parts["[Content_Types].xml"] = types.encode()
    rels = (
        parts["xl/_rels/workbook.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rIdVBA" Type="http://schemas.microsoft.com/office/2006/relationships/'
            'vbaProject" Target="vbaProject.bin"/></Relationships>',
        )
    )
    parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    parts["xl/vbaProject.bin"] = macro
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)

    result = run(str(path), "--write-back")
    assert result.exit_code == 0, result.output
    assert path.exists() and path.suffix == ".xlsm"
    with zipfile.ZipFile(path) as archive:
        assert archive.read("xl/vbaProject.bin") == macro
    assert list((tmp_path / "backups" / "network").glob("network-backup-*.xlsm"))
