"""A CSV of contacts: read as a Contacts sheet, whatever program saved it.

Excel saves "CSV UTF-8" with a byte-order mark and plain "CSV" in the Windows code page, with
semicolons where the decimal mark is a comma; "Unicode Text" is UTF-16 with tabs. The rest of
the pipeline sees an ordinary Contacts table whose row numbers are the rows Excel shows when
it opens the file. The file is identified by its bytes: text named .csv is a CSV; text named
.xlsx is refused; an .xlsx named .csv is read as the workbook it is.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from netreport.check import check_workbook
from netreport.cli import cli
from netreport.read import WorkbookError, csv_delimiter, decode_text, read_workbook
from netreport.starter import write_starter

AS_OF = dt.date(2026, 11, 23)
HEADER = ["Name", "E-mail", "Company", "Met?", "How I know them", "Last Contact"]
ROWS = [
    ["Ann Lee", "ann@example.com", "Acme, Inc.", "Yes", "close friend", "2026-09-14"],
    ["Björn Ærø", "bjorn@example.com", "Café Crème", "No", "referral", ""],
    ["Zoë Saldaña", "not-an-email", "Señor Ltd", "No", "researched", "14/09/2026"],
]


def csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    def quoted(value: str) -> str:
        needs = delimiter in value or '"' in value or "\n" in value
        return '"' + value.replace('"', '""') + '"' if needs else value

    return "".join(delimiter.join(quoted(v) for v in row) + "\r\n" for row in rows)


def write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


ENCODINGS = [
    ("utf-8", ","),
    ("utf-8-sig", ","),  # Excel's "CSV UTF-8"
    ("cp1252", ";"),  # Excel's "CSV" where the decimal mark is a comma
    ("latin-1", ","),
    ("utf-16", "\t"),  # Excel's "Unicode Text"
]


@pytest.mark.parametrize(("encoding", "delimiter"), ENCODINGS)
def test_a_csv_reads_as_a_contacts_sheet_in_any_encoding(
    tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = write(tmp_path / "contacts.csv", csv_text([HEADER, *ROWS], delimiter), encoding)
    source = read_workbook(path)
    assert source.sheet_names == ["contacts"]
    assert source.interactions is None and source.settings is None
    table = source.contacts
    assert table is not None and table.sheet == "contacts" and table.header_row == 1
    assert [c.field for c in table.columns] == [
        "name",
        "email",
        "company",
        "met",
        "relationship",
        "last_contact",
    ]
    assert list(table.frame["A"]) == [r[0] for r in ROWS]
    assert list(table.frame["C"]) == ["Acme, Inc.", "Café Crème", "Señor Ltd"]

    checked = check_workbook(path, as_of=AS_OF)
    assert list(checked.contacts.index) == [2, 3, 4]
    assert list(checked.contacts["category"]) == ["Warm", "Cool", "Cold"]
    assert checked.contacts.loc[2, "last_contact"] == dt.datetime(2026, 9, 14)
    bad = [(i.code, i.sheet, i.row, i.column) for i in checked.issues if i.severity == "error"]
    assert bad == [("invalid-email", "contacts", 4, "B (E-mail)")]


def test_row_numbers_are_the_rows_excel_shows(tmp_path: Path) -> None:
    """Title and blank lines above the header, blank lines between contacts, and a quoted
    value over two lines (one row in Excel) keep every row number where Excel has it."""
    text = (
        "My network;;\r\n"
        "\r\n"
        "Full Name;Email;Notes\r\n"
        'Ann Lee;ann@example.com;"met at the fair,\r\nthen coffee"\r\n'
        "\r\n"
        "Bo Chen;bo@;\r\n"
    )
    path = write(tmp_path / "network.csv", text, "utf-8")
    source = read_workbook(path)
    assert source.contacts is not None and source.contacts.header_row == 3
    checked = check_workbook(path, as_of=AS_OF)
    assert list(checked.contacts.index) == [4, 6]
    assert source.contacts.frame.loc[4, "C"] == "met at the fair,\r\nthen coffee"
    [issue] = [i for i in checked.issues if i.code == "invalid-email"]
    assert (issue.sheet, issue.row, issue.column, issue.value) == ("network", 6, "B (Email)", "bo@")


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("Name,Email\nAnn,a@example.com\n", ","),
        ("Name;Email\nAnn;a@example.com\n", ";"),
        ("Name\tEmail\nAnn\ta@example.com\n", "\t"),
        ('Name;Notes\n"Lee, Ann";"likes tea, coffee"\n"Chen, Bo";"x, y, z"\n', ";"),
        ('Name,Notes\n"Lee; Ann","a; b"\nBo,"c; d; e"\n', ","),
        ("Name\nAnn Lee\nBo Chen\n", ","),  # one column
        ("Name;Email", ";"),  # a header alone
    ],
)
def test_the_delimiter_is_sniffed(text: str, delimiter: str) -> None:
    assert csv_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Zoë".encode(), "Zoë"),
        (b"\xef\xbb\xbfZo\xc3\xab", "Zoë"),
        ("Zoë".encode("cp1252"), "Zoë"),
        ("€ Zoë".encode("cp1252"), "€ Zoë"),
        (b"\x81\x8d Zo\xeb", "\x81\x8d Zoë"),  # bytes cp1252 does not define: Latin-1
        ("Zoë".encode("utf-16"), "Zoë"),
    ],
)
def test_text_is_decoded_as_excel_saves_it(data: bytes, text: str) -> None:
    assert decode_text(data) == text


def test_formula_text_in_a_csv_is_only_text(tmp_path: Path) -> None:
    path = write(
        tmp_path / "contacts.csv",
        csv_text([["Name", "Company"], ["=1+1", "=cmd|' /C calc'!A0"], ["@SUM(1)", "+1"]]),
        "utf-8",
    )
    checked = check_workbook(path, as_of=AS_OF)
    assert list(checked.contacts["name"]) == ["=1+1", "@SUM(1)"]
    assert list(checked.contacts["company"]) == ["=cmd|' /C calc'!A0", "+1"]


def test_report_on_a_csv_writes_the_reports_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = write(tmp_path / "contacts.csv", csv_text([HEADER, *ROWS]), "utf-8-sig")
    before = path.read_bytes()
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["report", str(path), "-o", str(out), "--as-of", AS_OF.isoformat()]
    )
    assert result.exit_code == 0, result.output
    assert (out / f"contacts-report-{AS_OF.isoformat()}.xlsx").is_file()
    assert (out / f"contacts-summary-{AS_OF.isoformat()}.html").is_file()
    assert path.read_bytes() == before
    # Write-back needs a workbook: it is refused, and nothing is changed.
    result = CliRunner().invoke(
        cli, ["report", str(path), "-o", str(out), "--as-of", AS_OF.isoformat(), "--write-back"]
    )
    assert result.exit_code == 2, result.output
    assert "write-back works on .xlsx and .xlsm" in result.output
    assert path.read_bytes() == before


def test_validate_a_csv(tmp_path: Path) -> None:
    path = write(tmp_path / "contacts.csv", csv_text([HEADER, *ROWS], ";"), "cp1252")
    result = CliRunner().invoke(cli, ["validate", str(path), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 1, result.output
    assert "contacts.csv: 3 contacts (Warm 1, Luke-warm 0, Cool 1, Cold 1)" in result.output
    assert "row 4, B (E-mail): error: 'not-an-email'" in result.output


def test_a_csv_named_xlsx_is_refused_with_both_ways_out(tmp_path: Path) -> None:
    path = write(tmp_path / "contacts.xlsx", csv_text([HEADER, *ROWS]), "utf-8-sig")
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    assert str(caught.value) == (
        "contacts.xlsx: is not an Excel workbook (it looks like text). If it is a CSV of "
        "contacts, rename it to end in .csv; or open it in Excel and save it as .xlsx."
    )


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16"])
def test_text_in_other_encodings_named_xlsx_is_still_called_text(
    tmp_path: Path, encoding: str
) -> None:
    path = write(tmp_path / "contacts.xlsx", csv_text([HEADER, *ROWS], ";"), encoding)
    with pytest.raises(WorkbookError, match=r"it looks like text"):
        read_workbook(path)


def test_a_workbook_named_csv_is_read_as_the_workbook_it_is(tmp_path: Path) -> None:
    real = write_starter(tmp_path / "network.xlsx") or tmp_path / "network.xlsx"
    renamed = Path(shutil.copy(real, tmp_path / "network.csv"))
    source = read_workbook(renamed)
    assert source.contacts is not None and source.contacts.sheet == "Contacts"
    assert source.interactions is not None and source.settings is not None


def test_a_binary_file_named_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(WorkbookError, match="some other kind of file") as caught:
        read_workbook(path)
    assert ".csv" in caught.value.fix


def test_an_empty_csv_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(b"")
    with pytest.raises(WorkbookError, match=r"is empty \(0 bytes\)"):
        read_workbook(path)


def test_a_csv_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "contacts.csv", csv_text([HEADER, *ROWS * 2000]), "utf-8")
    assert path.stat().st_size > 200_000
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path, max_unzipped_bytes=100_000)
    assert "more than the limit of 0.1 MB" in caught.value.problem
    assert "--max-unzipped-size" in caught.value.fix
    assert read_workbook(path).contacts is not None


def test_a_csv_without_known_headers_reports_the_missing_name_column(tmp_path: Path) -> None:
    path = write(tmp_path / "list.csv", "Who,Where\nAnn,Paris\n", "utf-8")
    checked = check_workbook(path, as_of=AS_OF)
    [issue] = [i for i in checked.issues if i.code == "missing-column"]
    assert (issue.sheet, issue.row) == ("list", 1)
