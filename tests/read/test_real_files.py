"""Files real users make (issue 15), at the reader's level: a value far from the table, error
cells, merged cells inside the data, UTF-16 without its mark, a named pipe. The corpus
(tests/corpus/read.py) runs the same situations through the command line."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import openpyxl
import pytest

from netreport.read import WorkbookError, read_workbook
from netreport.read.csv import text_encoding
from netreport.read.sniff import not_a_regular_file, utf16_without_bom
from netreport.read.survey import allowed_area, sheet_parts, survey_sheet

HEADER = ["Name", "Email", "Company", "How I know them"]
PEOPLE = [
    ["Ann Lee", "ann@example.com", "Acme", "close friend"],
    ["Bo Chen", "bo@example.com", "Globex", "coworker"],
    ["Cy Diaz", "cy@example.com", "Initech", "met once"],
]


def book(path: Path, **cells: object) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Contacts"
    for row in [HEADER, *PEOPLE]:
        sheet.append(row)
    for address, value in cells.items():
        sheet[address] = value
    workbook.save(path)
    return path


def codes(source: object) -> list[tuple[str, int | None, str | None]]:
    return [(i.code, i.row, i.column) for i in source.issues]  # type: ignore[attr-defined]


@pytest.mark.parametrize("address", ["XFD1048576", "Z1048576", "A1048576", "XFD2"])
def test_a_value_far_from_the_table_is_left_out_and_reported(tmp_path: Path, address: str) -> None:
    source = read_workbook(book(tmp_path / "w.xlsx", **{address: "stray"}))
    assert source.contacts is not None and len(source.contacts.frame) == len(PEOPLE)
    strays = [i for i in source.issues if i.code == "stray-cell"]
    assert [(i.severity.value, i.value) for i in strays] == [("info", "stray")]
    assert address in strays[0].message
    assert len(source.contacts.columns) == len(HEADER)


def test_a_value_near_the_table_is_read(tmp_path: Path) -> None:
    source = read_workbook(book(tmp_path / "w.xlsx", D40="kept"))
    assert not [i for i in source.issues if i.code == "stray-cell"]
    assert source.contacts is not None and source.contacts.frame.loc[40, "D"] == "kept"


def test_the_survey_of_a_normal_sheet_reads_it_once_and_finds_nothing(tmp_path: Path) -> None:
    path = book(tmp_path / "w.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        survey = survey_sheet(archive, parts["Contacts"])
    assert parts == {"Contacts": "xl/worksheets/sheet1.xml"}
    assert (survey.errors, survey.strays, survey.kept) == ([], [], None)
    assert allowed_area(0) == allowed_area(1000) > 1_000_000


def test_error_cells_are_reported_with_their_column(tmp_path: Path) -> None:
    path = book(tmp_path / "w.xlsx", B3="#N/A", C4="#REF!")
    workbook = openpyxl.load_workbook(path)
    for address in ("B3", "C4"):
        workbook["Contacts"][address].data_type = "e"
    workbook.save(path)
    source = read_workbook(path)
    errors = [(i.row, i.column, i.value) for i in source.issues if i.code == "error-value"]
    assert errors == [(3, "B (Email)", "#N/A"), (4, "C (Company)", "#REF!")]


def test_merged_cells_in_the_data_warn_and_a_merged_title_does_not(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Contacts"
    sheet.append(["My network"])
    sheet.merge_cells("A1:D1")
    for row in [HEADER, *PEOPLE]:
        sheet.append(row)
    sheet["C4"] = sheet["C5"] = None
    sheet.merge_cells("C3:C5")
    sheet.merge_cells("A4:B4")
    workbook.save(tmp_path / "w.xlsx")
    source = read_workbook(tmp_path / "w.xlsx")
    merged = [i for i in source.issues if i.code == "merged-cells"]
    assert [(i.row, i.column) for i in merged] == [(4, "C (Company)"), (4, "A (Name)")]
    assert merged[0].message.startswith("Cells C4:C5 are merged with C3")
    assert merged[1].message.startswith("Cell B4 is merged with A4")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_its_mark_is_read(tmp_path: Path, encoding: str) -> None:
    text = "Name,Email\r\nZoë Ærø,zoe@example.com\r\nAnn Lee,ann@example.com\r\n"
    data = text.encode(encoding)
    assert utf16_without_bom(data) == encoding and text_encoding(data) == encoding
    (tmp_path / "c.csv").write_bytes(data)
    source = read_workbook(tmp_path / "c.csv")
    assert source.contacts is not None
    assert source.contacts.frame["A"].tolist() == ["Zoë Ærø", "Ann Lee"]


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00binary", b"Name\n", b"\x00" * 64])
def test_other_bytes_are_not_utf16(data: bytes) -> None:
    assert utf16_without_bom(data) is None


def test_a_named_pipe_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "w.xlsx"
    os.mkfifo(pipe)
    assert "named pipe" in (not_a_regular_file(pipe) or "")
    assert not_a_regular_file(book(tmp_path / "real.xlsx")) is None
    with pytest.raises(WorkbookError, match="named pipe"):
        read_workbook(pipe)  # would wait for a writer forever if opened
