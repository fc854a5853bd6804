"""Reading the owner's workbook: sniffing the file, finding sheets and header rows, synonyms.

Every input is a real file written into tmp_path: by openpyxl, by hand (hostile bytes), or by
LibreOffice itself, as the owner's own copy of Calc would write it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from netreport.check import check_workbook
from netreport.read import SourceWorkbook, Table, WorkbookError, read_workbook
from netreport.schema import (
    CONTACT_FIELDS,
    INTERACTION_FIELDS,
    SETTINGS,
    Field,
    norm_key,
)
from netreport.starter import write_starter

AS_OF = dt.date(2026, 11, 23)
needs_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
XLSX_FILTER = "xlsx:Calc MS Excel 2007 XML"
CSV_IN = "CSV:44,34,76,1"  # comma, double quote, UTF-8, start at line 1


def write_sheets(
    path: Path,
    sheets: dict[str, Sequence[Sequence[Any]]],
    merges: dict[str, Sequence[str]] | None = None,
) -> Path:
    """Write a workbook with the given sheets (rows as lists; None is an empty cell)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for cells in (merges or {}).get(title, ()):
            sheet.merge_cells(cells)
    book.save(path)
    return path


def contacts_table(source: SourceWorkbook) -> Table:
    assert source.contacts is not None, source.issues
    return source.contacts


def codes(issues: Sequence[Any]) -> list[str]:
    return [i.code for i in issues]


# --- header row detection --------------------------------------------------------------------


def test_header_on_row_one(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {"Contacts": [["Name", "Email"], ["Ann Lee", "ann@example.com"], ["Bo Chen", None]]},
    )
    table = contacts_table(read_workbook(path))
    assert table.header_row == 1
    assert [(c.letter, c.header, c.field) for c in table.columns] == [
        ("A", "Name", "name"),
        ("B", "Email", "email"),
    ]
    assert list(table.frame.index) == [2, 3]
    assert table.frame.loc[2, "A"] == "Ann Lee"


def test_header_below_merged_title_and_blank_rows_keeps_excel_row_numbers(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Contacts": [
                ["My career network 2026", None, None, None],
                [None],
                [None],
                ["Name", "Email", "Company", "Met?"],
                ["Ann Lee", "ann@example.com", "Acme", "Yes"],
                ["Bo Chen", "bo@", "Initech", "No"],
                ["Cy Diaz", "cy@example.com", None, "maybe"],
            ]
        },
        merges={"Contacts": ["A1:D1"]},
    )
    source = read_workbook(path)
    table = contacts_table(source)
    assert table.header_row == 4
    assert list(table.frame.index) == [5, 6, 7]
    assert table.column("email") is not None
    assert table.column("email").label == "B (Email)"  # type: ignore[union-attr]

    checked = check_workbook(path, as_of=AS_OF)
    assert list(checked.contacts.index) == [5, 6, 7]
    assert list(checked.contacts["name"]) == ["Ann Lee", "Bo Chen", "Cy Diaz"]
    where = {(i.code, i.row, i.column) for i in checked.issues}
    assert ("invalid-email", 6, "B (Email)") in where
    assert ("unknown-yes-no", 7, "D (Met?)") in where
    assert all(i.row is None or i.row >= 5 for i in checked.issues if i.sheet == "Contacts")


def test_header_below_a_note_line_and_starting_in_column_b(tmp_path: Path) -> None:
    """A table that starts at B3 keeps its letters: the user's column C is still C."""
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Contacts": [
                [None, "Updated every Monday"],
                [None],
                [None, "Full Name", "E-mail"],
                [None, "Ann Lee", "not-an-email"],
            ]
        },
    )
    table = contacts_table(read_workbook(path))
    assert table.header_row == 3
    assert table.letter("name") == "B"
    assert table.letter("email") == "C"
    checked = check_workbook(path, as_of=AS_OF)
    bad = [i for i in checked.issues if i.code == "invalid-email"]
    assert [(i.row, i.column, i.value) for i in bad] == [(4, "C (E-mail)", "not-an-email")]


# --- header synonyms -------------------------------------------------------------------------


def _variations(name: str) -> list[str]:
    spaced = "  " + "  ".join(name.split(" ")) + "  "
    return [name, name.upper(), name.lower(), spaced, f"{name}:", f" {name.title()} : "]


CONTACT_NAMES = [(f.key, name) for f in CONTACT_FIELDS for name in f.accepted]
INTERACTION_NAMES = [(f.key, name) for f in INTERACTION_FIELDS for name in f.accepted]


@pytest.mark.parametrize("spec_fields", [CONTACT_FIELDS, INTERACTION_FIELDS, SETTINGS.fields])
def test_every_accepted_header_means_one_field(spec_fields: tuple[Field, ...]) -> None:
    """Folded names must not collide across fields, or a header would mean two things."""
    seen: dict[str, str] = {}
    for f in spec_fields:
        for name in f.accepted:
            key = norm_key(name)
            assert seen.setdefault(key, f.key) == f.key, (name, seen[key], f.key)


@pytest.mark.parametrize(("key", "name"), CONTACT_NAMES, ids=[f"{k}:{n}" for k, n in CONTACT_NAMES])
def test_contact_header_synonyms_match_whatever_the_case_spaces_or_colon(
    tmp_path: Path, key: str, name: str
) -> None:
    for number, header in enumerate(_variations(name)):
        path = write_sheets(
            tmp_path / f"v{number}.xlsx",
            # (a Category column holding other words is read as relationship words: below)
            {
                "Contacts": [
                    [header, "Zz Own Column"],
                    ["Warm" if key == "category" else "a value", "kept"],
                ]
            },
        )
        table = contacts_table(read_workbook(path))
        assert table.header_row == 1, header
        assert [(c.header, c.field) for c in table.columns] == [
            (header.strip(), key),
            ("Zz Own Column", None),
        ], repr(header)


@pytest.mark.parametrize(
    ("key", "name"), INTERACTION_NAMES, ids=[f"{k}:{n}" for k, n in INTERACTION_NAMES]
)
def test_interaction_header_synonyms_match(tmp_path: Path, key: str, name: str) -> None:
    for number, header in enumerate((name.upper(), f" {name.lower()}: ")):
        path = write_sheets(
            tmp_path / f"v{number}.xlsx",
            {
                "Contacts": [["Name"], ["Ann Lee"]],
                "Interactions": [[header, "Zz Own Column"], ["a value", "kept"]],
            },
        )
        source = read_workbook(path)
        assert source.interactions is not None
        assert source.interactions.columns[0].field == key, repr(header)
        assert source.interactions.columns[1].field is None


def test_first_and_last_name_are_combined_when_there_is_no_name_column(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Contacts": [
                ["Given Name", "SURNAME", "Email"],
                ["Ann", "Lee", "ann@example.com"],
                ["  Bo ", None, "bo@example.com"],
                [None, "Diaz", "cy@example.com"],
                [None, None, "nobody@example.com"],
            ]
        },
    )
    checked = check_workbook(path, as_of=AS_OF)
    assert list(checked.contacts["name"]) == ["Ann Lee", "Bo", "Diaz", None]
    assert not [i for i in checked.issues if i.code == "missing-column"]
    missing = [i for i in checked.issues if i.code == "missing-name"]
    assert [(i.row, i.sheet) for i in missing] == [(5, "Contacts")]


def test_a_name_column_wins_over_first_and_last(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {"Contacts": [["First Name", "Last Name", "Name"], ["Ann", "Lee", "Annie Lee-Park"]]},
    )
    checked = check_workbook(path, as_of=AS_OF)
    assert list(checked.contacts["name"]) == ["Annie Lee-Park"]


def test_unknown_columns_are_kept_with_their_values(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Contacts": [
                ["Name", "Favourite snack", "Email", "Met at conference 2024"],
                ["Ann Lee", "olives", "ann@example.com", 2024],
                ["Bo Chen", None, "bo@example.com", "no"],
            ]
        },
    )
    source = read_workbook(path)
    table = contacts_table(source)
    assert [(c.letter, c.header, c.field) for c in table.columns] == [
        ("A", "Name", "name"),
        ("B", "Favourite snack", None),
        ("C", "Email", "email"),
        ("D", "Met at conference 2024", None),
    ]
    assert list(table.frame["B"]) == ["olives", None]
    assert list(table.frame["D"]) == [2024, "no"]
    # Nothing says how the owner knows them; the unread columns are named in case one does.
    [issue] = source.issues
    assert (issue.code, issue.severity.value, issue.row) == ("no-relationship-column", "warning", 1)
    assert issue.message == (
        "No column netreport reads says how you know each person, so every contact counts "
        "as Cold (columns not read: 'Favourite snack', 'Met at conference 2024')."
    )
    assert issue.hint.startswith(
        "If one of those says how you know them, head it 'How I know them'"
    )


def test_a_second_column_for_the_same_field_is_kept_and_warned_about(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {"Contacts": [["Mail", "Name", "Email"], ["a@example.com", "Ann", "b@example.com"]]},
    )
    source = read_workbook(path)
    table = contacts_table(source)
    # The exact header wins over the synonym that came first.
    assert table.letter("email") == "C"
    assert table.columns[0].field is None
    assert list(table.frame["A"]) == ["a@example.com"]
    [issue] = source.issues
    assert (issue.code, issue.column) == ("duplicate-column", "A (Mail)")
    assert "only column C is used" in issue.message


def test_a_missing_required_column_is_an_issue_with_a_rename_hint(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx", {"Contacts": [["Nmae", "Email"], ["Ann", "ann@example.com"]]}
    )
    source = read_workbook(path)
    [issue] = source.issues
    assert (issue.code, issue.sheet, issue.row) == ("missing-column", "Contacts", 1)
    assert "Contacts sheet has no 'Name' column" in issue.message
    assert "'Nmae'" in issue.message
    assert "Full Name" in issue.hint


# --- which sheet ------------------------------------------------------------------------------

CONTACT_ROWS = [["Name", "Email", "Company"], ["Ann Lee", "ann@example.com", "Acme"]]


@pytest.mark.parametrize("title", ["Contacts", "CONTACTS", "contact list", "Network", "People"])
def test_the_sheet_named_for_contacts_is_used_even_when_another_matches_better(
    tmp_path: Path, title: str
) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Everyone": [["Name", "Email", "Company", "Phone", "Met?"], ["Zed", None, None]],
            title: CONTACT_ROWS,
        },
    )
    source = read_workbook(path)
    assert contacts_table(source).sheet == title
    assert source.sheet_names == ["Everyone", title]


def test_without_a_named_sheet_the_best_header_match_is_used(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Budget": [["Item", "Cost", "Notes"], ["Printer ink", 25, "for CVs"]],
            "Sheet1": [["Full name", "E-mail", "Employer", "Met?"], ["Ann", None, None, "Yes"]],
        },
    )
    source = read_workbook(path)
    assert contacts_table(source).sheet == "Sheet1"
    assert source.interactions is None
    assert source.settings is None
    assert source.issues == []


def test_a_sheet_named_interactions_is_never_taken_for_contacts(tmp_path: Path) -> None:
    """Interaction headers (Contact, Email, Type) also look like contact headers."""
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Interactions": [
                ["Date", "Contact", "Email", "Channel", "Type"],
                ["2026-01-02", "Ann Lee", "ann@example.com", "Email", "Message sent"],
            ],
            "My people": [["Full Name", "Mail"], ["Ann Lee", "ann@example.com"]],
        },
    )
    source = read_workbook(path)
    assert contacts_table(source).sheet == "My people"
    assert source.interactions is not None
    assert source.interactions.sheet == "Interactions"


def test_no_contacts_sheet_is_an_issue_not_a_crash(tmp_path: Path) -> None:
    path = write_sheets(tmp_path / "n.xlsx", {"Budget": [["Item", "Cost"], ["Ink", 25]]})
    checked = check_workbook(path, as_of=AS_OF)
    assert codes(checked.issues) == ["missing-sheet"]
    [issue] = checked.issues
    assert "No Contacts sheet" in issue.message
    assert "'Contacts'" in issue.hint
    assert len(checked.contacts) == 0


# --- Settings ---------------------------------------------------------------------------------


def test_settings_sheet_with_a_header_row(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Contacts": CONTACT_ROWS,
            "Settings": [
                ["Setting", "Value", "Note"],
                ["Owner name", "Ann Lee", "on reports"],
                ["Cadence Warm", 14, None],
                ["Date order", "Day first", None],
            ],
        },
    )
    source = read_workbook(path)
    assert source.settings is not None
    assert source.settings.header_row == 1
    assert list(source.settings.frame.index) == [2, 3, 4]
    checked = check_workbook(path, as_of=AS_OF)
    assert checked.settings.owner == "Ann Lee"
    assert checked.settings.cadence["Warm"] == 14
    assert checked.settings.day_first is True
    assert not [i for i in checked.issues if i.sheet == "Settings"]


def test_settings_sheet_without_a_header_row(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Contacts": CONTACT_ROWS,
            "Options": [
                ["Owner name", "Ann Lee"],
                [None, None],
                ["Weekly outreach budget", 3],
                ["Colour", "blue"],
            ],
        },
    )
    source = read_workbook(path)
    assert source.settings is not None
    assert source.settings.sheet == "Options"
    assert source.settings.header_row == 0
    assert list(source.settings.frame.index) == [1, 3, 4]
    checked = check_workbook(path, as_of=AS_OF)
    assert checked.settings.owner == "Ann Lee"
    assert checked.settings.weekly_budget == 3
    [unknown] = [i for i in checked.issues if i.sheet == "Options"]
    assert (unknown.code, unknown.row, unknown.value) == ("unknown-setting", 4, "Colour")


# --- blank rows and blank cells ---------------------------------------------------------------


def test_blank_rows_anywhere_are_dropped_and_row_numbers_kept(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Contacts": [
                ["Name", "Email", "Notes"],
                [None, None, None],
                ["Ann Lee", "ann@example.com", None],
                [None, None, None],
                ["   ", "\t", " \u00a0 "],
                ["Bo Chen", "bo@", None],
                [None, None, None],
                ["Cy Diaz", None, "last one"],
                [None, None, None],
                ["", "  ", None],
            ]
        },
    )
    table = contacts_table(read_workbook(path))
    assert list(table.frame.index) == [3, 6, 8]
    checked = check_workbook(path, as_of=AS_OF)
    assert list(checked.contacts.index) == [3, 6, 8]
    assert list(checked.contacts["name"]) == ["Ann Lee", "Bo Chen", "Cy Diaz"]
    assert [(i.code, i.row) for i in checked.issues] == [("invalid-email", 6)]


def test_whitespace_only_cells_are_blank(tmp_path: Path) -> None:
    path = write_sheets(
        tmp_path / "n.xlsx",
        {
            "Contacts": [
                ["Name", "Email", "Category", "Met?", "Last Contact"],
                ["Ann Lee", "   ", "\t", " ", "\u00a0"],
                ["\u00a0 ", "bo@example.com", None, "No", None],
            ]
        },
    )
    table = contacts_table(read_workbook(path))
    assert table.frame.loc[2, ["B", "C", "D", "E"]].isna().all()
    assert table.frame.loc[3, "A"] is None
    checked = check_workbook(path, as_of=AS_OF)
    # No invalid-email, unknown-category, unknown-yes-no or invalid-date for the blanks.
    assert [(i.code, i.row) for i in checked.issues] == [("missing-name", 3)]


# --- sniffing: files that are not workbooks ----------------------------------------------------


def _real_xlsx(path: Path) -> Path:
    write_starter(path)
    return path


def _missing(tmp: Path) -> Path:
    return tmp / "nowhere.xlsx"


def _directory(tmp: Path) -> Path:
    folder = tmp / "folder.xlsx"
    folder.mkdir()
    return folder


def _empty(tmp: Path) -> Path:
    path = tmp / "empty.xlsx"
    path.write_bytes(b"")
    return path


def _csv(tmp: Path) -> Path:
    path = tmp / "contacts.xlsx"
    path.write_text("Name,Email\nAnn Lee,ann@example.com\n", encoding="utf-8")
    return path


def _pdf(tmp: Path) -> Path:
    path = tmp / "report.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    return path


def _png(tmp: Path) -> Path:
    path = tmp / "picture.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    return path


def _truncated(tmp: Path) -> Path:
    data = _real_xlsx(tmp / "whole.xlsx").read_bytes()
    path = tmp / "truncated.xlsx"
    path.write_bytes(data[: len(data) // 2])
    return path


def _zip(tmp: Path) -> Path:
    path = tmp / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photos/readme.txt", "holiday photos")
    return path


def _docx(tmp: Path) -> Path:
    path = tmp / "letter.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return path


def _broken_sheet(tmp: Path) -> Path:
    """A readable zip whose worksheet XML was cut short."""
    whole = _real_xlsx(tmp / "whole.xlsx")
    path = tmp / "broken.xlsx"
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]
            target.writestr(info, data)
    return path


def _legacy_xls_bytes(tmp: Path) -> Path:
    path = tmp / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    return path


def _excel_lock(tmp: Path) -> Path:
    path = tmp / "~$network.xlsx"
    path.write_bytes(b"\x0bAnn Lee    " + b"\x00" * 150)
    return path


def _libreoffice_lock(tmp: Path) -> Path:
    path = tmp / ".~lock.network.xlsx#"
    path.write_text("Ann Lee,annlee,laptop,23.11.2026 10:00,file:///home/ann;\n")
    return path


UNREADABLE: list[tuple[Callable[[Path], Path], tuple[str, ...]]] = [
    (_missing, ("no such file", "Check the path")),
    (_directory, ("folder", "not a workbook")),
    (_empty, ("empty", "0 bytes", "backup")),
    (_csv, ("not an Excel workbook", "text", "rename it to end in .csv", "save it as .xlsx")),
    (_pdf, ("PDF", "not a workbook")),
    (_png, ("not an Excel workbook", "some other kind of file")),
    (_truncated, ("damaged or incomplete", "backup")),
    (_zip, ("zip archive", "not a workbook")),
    (_docx, ("Word document", "not a workbook")),
    (_broken_sheet, ("cannot be read as a workbook", "save it again")),
    (_legacy_xls_bytes, ("legacy", ".xls", "save it as Excel Workbook (.xlsx)")),
    (_excel_lock, ("lock file", "Run netreport on 'network.xlsx'")),
    (_libreoffice_lock, ("lock file", "Run netreport on 'network.xlsx'")),
]


@pytest.mark.parametrize(
    ("make", "words"), UNREADABLE, ids=[m.__name__.strip("_") for m, _ in UNREADABLE]
)
def test_files_that_are_not_workbooks_raise_workbook_error(
    tmp_path: Path, make: Callable[[Path], Path], words: tuple[str, ...]
) -> None:
    path = make(tmp_path)
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    message = str(caught.value)
    assert message.startswith(f"{path.name}: ")
    assert "\n" not in message
    for word in words:
        assert word in message, (word, message)
    assert caught.value.problem and caught.value.fix
    assert caught.value.path == path


def test_an_encrypted_workbook_asks_for_the_password_to_be_removed(tmp_path: Path) -> None:
    pytest.importorskip("msoffcrypto")
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = _real_xlsx(tmp_path / "plain.xlsx")
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as source, locked.open("wb") as target:
        OOXMLFile(source).encrypt("s3cret", target)
    assert locked.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    with pytest.raises(WorkbookError, match="protected with a password") as caught:
        read_workbook(locked)
    assert "remove the password" in caught.value.fix
    assert "legacy" not in str(caught.value)


# --- files written by LibreOffice ---------------------------------------------------------------

CONTACTS_CSV = """\
Name,Email,Met?,How I know them,Introduced By,Category,Last Contact,Follow up on,Phone
Ann Lee,ann@example.com,Yes,close friend,,,2026-09-14,2026-12-01,555-0100
Bo Chen,bo@example.com,No,referral,Ann Lee,,2026-08-01,,
Cy Diaz,,No,researched on company website,,,,,
Di Evans,di@example.com,Yes,met once at a conference,,luke warm,2026-10-20,,
"""
INTERACTIONS_CSV = """\
Date,Contact,Email,Channel,Type,Notes
2026-09-14,Ann Lee,ann@example.com,In person,Meeting,"Coffee, she offered an intro"
2026-10-02,Bo Chen,,Email,Message sent,
"""


def _csv_file(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def _check_libreoffice_contacts(path: Path, sheet: str) -> None:
    source = read_workbook(path)
    table = contacts_table(source)
    assert table.sheet == sheet
    # LibreOffice turned the ISO text into real dates: calamine hands back date objects.
    last_contact = table.get("last_contact")
    assert last_contact is not None
    assert last_contact[2] in (dt.date(2026, 9, 14), dt.datetime(2026, 9, 14))
    assert not isinstance(last_contact[2], str)

    checked = check_workbook(path, as_of=AS_OF)
    contacts = checked.contacts
    assert list(contacts.index) == [2, 3, 4, 5]
    assert list(contacts["name"]) == ["Ann Lee", "Bo Chen", "Cy Diaz", "Di Evans"]
    assert contacts.loc[2, "last_contact"] == dt.datetime(2026, 9, 14)
    assert contacts.loc[2, "follow_up"] == dt.datetime(2026, 12, 1)
    assert contacts.loc[5, "category_typed"] == "Luke-warm"
    assert list(contacts["category"]) == ["Warm", "Cool", "Cold", "Luke-warm"]
    assert [i for i in checked.issues if i.severity.value == "error"] == []


@needs_soffice
def test_a_workbook_written_by_libreoffice_from_csv_reads(
    tmp_path: Path, soffice_convert: Callable[..., Path]
) -> None:
    csv = _csv_file(tmp_path / "in", "Contacts.csv", CONTACTS_CSV)
    xlsx = soffice_convert(csv, XLSX_FILTER, tmp_path / "out", CSV_IN)
    assert xlsx.read_bytes()[:4] == b"PK\x03\x04"
    _check_libreoffice_contacts(xlsx, "Contacts")


@needs_soffice
def test_a_libreoffice_sheet_with_any_name_is_found_by_its_headers(
    tmp_path: Path, soffice_convert: Callable[..., Path]
) -> None:
    csv = _csv_file(tmp_path / "in", "export 2026.csv", CONTACTS_CSV)
    xlsx = soffice_convert(csv, XLSX_FILTER, tmp_path / "out", CSV_IN)
    _check_libreoffice_contacts(xlsx, "export 2026")


@needs_soffice
def test_an_interaction_log_written_by_libreoffice_reads(
    tmp_path: Path, soffice_convert: Callable[..., Path]
) -> None:
    csv = _csv_file(tmp_path / "in", "Interactions.csv", INTERACTIONS_CSV)
    xlsx = soffice_convert(csv, XLSX_FILTER, tmp_path / "out", CSV_IN)
    source = read_workbook(xlsx)
    assert source.contacts is None
    assert codes(source.issues) == ["missing-sheet"]
    log = source.interactions
    assert log is not None
    assert log.sheet == "Interactions"
    assert [c.field for c in log.columns] == [
        "date",
        "contact",
        "email",
        "channel",
        "type",
        "notes",
    ]
    dates = log.get("date")
    assert dates is not None
    assert list(dates) in (
        [dt.date(2026, 9, 14), dt.date(2026, 10, 2)],
        [dt.datetime(2026, 9, 14), dt.datetime(2026, 10, 2)],
    )
    notes = log.get("notes")
    assert notes is not None
    assert notes[2] == "Coffee, she offered an intro"


@needs_soffice
def test_an_ods_written_by_libreoffice_reads(
    tmp_path: Path, soffice_convert: Callable[..., Path]
) -> None:
    csv = _csv_file(tmp_path / "in", "Contacts.csv", CONTACTS_CSV)
    ods = soffice_convert(csv, "ods", tmp_path / "out", CSV_IN)
    assert ods.suffix == ".ods"
    _check_libreoffice_contacts(ods, "Contacts")


@needs_soffice
def test_an_xlsm_written_by_libreoffice_reads(
    tmp_path: Path, soffice_convert: Callable[..., Path]
) -> None:
    csv = _csv_file(tmp_path / "in", "Contacts.csv", CONTACTS_CSV)
    xlsm = soffice_convert(csv, "xlsm:Calc MS Excel 2007 VBA XML", tmp_path / "out", CSV_IN)
    _check_libreoffice_contacts(xlsm, "Contacts")


@needs_soffice
def test_a_legacy_xls_written_by_libreoffice_is_refused_with_a_fix(
    tmp_path: Path, soffice_convert: Callable[..., Path]
) -> None:
    csv = _csv_file(tmp_path / "in", "Contacts.csv", CONTACTS_CSV)
    xls = soffice_convert(csv, "xls:MS Excel 97", tmp_path / "out", CSV_IN)
    assert xls.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    with pytest.raises(WorkbookError) as caught:
        read_workbook(xls)
    message = str(caught.value)
    assert "legacy Excel 97-2003 (.xls)" in message
    assert "save it as Excel Workbook (.xlsx)" in message
    assert "password" not in message


@needs_soffice
def test_a_formula_resaved_by_libreoffice_gives_its_cached_value(
    tmp_path: Path, soffice_convert: Callable[..., Path]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    sheet.append(["First Name", "Last Name", "Name", "Email"])
    sheet.append(["Ann", "Lee", '=A2&" "&B2', "ann@example.com"])
    sheet.append(["Bo", "Chen", '=A3&" "&B3', "bo@example.com"])
    original = tmp_path / "in" / "formulas.xlsx"
    original.parent.mkdir()
    book.save(original)
    # openpyxl stores no cached value; LibreOffice computes and stores one on save.
    resaved = soffice_convert(original, XLSX_FILTER, tmp_path / "out")
    table = contacts_table(read_workbook(resaved))
    assert table.letter("name") == "C"
    checked = check_workbook(resaved, as_of=AS_OF)
    assert list(checked.contacts["name"]) == ["Ann Lee", "Bo Chen"]
    assert checked.issues == []
