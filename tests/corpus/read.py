"""Reading files real users make (issue 15): a value left far from the table, error cells,
merged cells inside the data, UTF-16 text without its byte-order mark, a named pipe where a
file should be, and an Android vCard export with quoted-printable soft line breaks; and
(the hostile-user round) vCards with unescaped commas, CSVs in Shift-JIS or mixing UTF-8 with
Windows-1252 lines, an Excel table's unlabelled totals row, and numbers of thousands of
digits in --cadence and in the history's runs.csv. Each must read (with its problem reported
as an issue) or be refused in one line; none may crash."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import xlsxwriter

from corpus import case

AS_OF = "2026-11-23"
HEADER = ["Name", "Email", "Company", "How I know them", "Last Contact"]
PEOPLE = [
    ["Ann Lee", "ann@example.com", "Acme", "close friend", dt.datetime(2026, 9, 14)],
    ["Bo Chen", "bo@example.com", "Globex", "met once at a conference", dt.datetime(2026, 8, 1)],
    ["Cy Diaz", "cy@example.com", "Initech", "coworker", dt.datetime(2026, 10, 2)],
    ["Di Park", "di@example.com", "Umbrella", "former manager", dt.datetime(2026, 7, 20)],
    ["Ed Nour", "ed@example.com", "Hooli", "researched on LinkedIn", None],
]
CREATED = dt.datetime(2026, 1, 1)  # a fixed creation time: the same bytes every time


def _issues(done: subprocess.CompletedProcess[str], code: str) -> list[dict[str, Any]]:
    return [i for i in json.loads(done.stdout)["issues"] if i["code"] == code]


def _contacts(done: subprocess.CompletedProcess[str]) -> int:
    return int(json.loads(done.stdout)["contacts"])


def _openpyxl_book(path: Path, fill: Any = None) -> Path:
    """Contacts written by openpyxl (as pandas and many scripts do); `fill(sheet)` adds more."""
    book = openpyxl.Workbook()
    book.properties.created = book.properties.modified = CREATED
    sheet = book.active
    sheet.title = "Contacts"
    for row in [HEADER, *PEOPLE]:
        sheet.append(row)
    if fill is not None:
        fill(sheet)
    book.save(path)
    return path


def _xlsxwriter_book(path: Path, fill: Any = None) -> Path:
    """Contacts written by XlsxWriter (as Excel-like exports are)."""
    book = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False})
    book.set_properties({"created": CREATED})
    sheet = book.add_worksheet("Contacts")
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, HEADER)
    for r, person in enumerate(PEOPLE, start=1):
        for c, value in enumerate(person):
            if isinstance(value, dt.datetime):
                sheet.write_datetime(r, c, value, date)
            elif value is not None:
                sheet.write_string(r, c, value)
    if fill is not None:
        fill(sheet)
    book.close()
    return path


def validate_json(name: str) -> list[str]:
    return ["validate", name, "--format", "json", "--as-of", AS_OF]


# ---- 1. a value far from the table ----------------------------------------------------------


def _one_stray(address: str, value: str = "x") -> Any:
    def check(_folder: Path, done: subprocess.CompletedProcess[str]) -> None:
        assert _contacts(done) == len(PEOPLE), done.stdout
        strays = _issues(done, "stray-cell")
        assert [(s["severity"], s["value"]) for s in strays] == [("info", value)], strays
        assert address in strays[0]["message"], strays
        assert int(strays[0]["row"]) == int(address.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))

    return check


@case("stray-cell-in-xfd1048576", check=_one_stray("XFD1048576"), seconds=30)
def stray_in_the_last_cell(folder: Path) -> list[str]:
    """One value in the sheet's very last cell: calamine would lay out 17 billion cells."""

    def fill(sheet: Any) -> None:
        sheet["XFD1048576"] = "x"

    _openpyxl_book(folder / "stray.xlsx", fill)
    return validate_json("stray.xlsx")


@case("stray-cell-in-z1048576", check=_one_stray("Z1048576"), seconds=30)
def stray_in_the_last_row(folder: Path) -> list[str]:
    def fill(sheet: Any) -> None:
        sheet.write_string(1048575, 25, "x")

    _xlsxwriter_book(folder / "stray.xlsx", fill)
    return validate_json("stray.xlsx")


@case("header-reaching-xfd", check=_one_stray("XFD1", "Notes"), seconds=30)
def header_reaching_the_last_column(folder: Path) -> list[str]:
    """A header typed in the sheet's last column, far right of the table."""

    def fill(sheet: Any) -> None:
        sheet.write_string(0, 16383, "Notes")

    _xlsxwriter_book(folder / "wide.xlsx", fill)
    return validate_json("wide.xlsx")


def _lying_book(path: Path) -> Path:
    """A zip made by hand whose `<dimension>` says A1:E6 while a value sits in Z1048576."""
    rows = []
    for r, person in enumerate([HEADER, *PEOPLE], start=1):
        cells = "".join(
            f'<c r="{chr(65 + c)}{r}" t="inlineStr"><is><t>{v}</t></is></c>'
            for c, v in enumerate(person)
            if isinstance(v, str)
        )
        rows.append(f'<row r="{r}">{cells}</row>')
    rows.append('<row r="1048576"><c r="Z1048576" t="inlineStr"><is><t>x</t></is></c></row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:E6"/><sheetData>{"".join(rows)}</sheetData></worksheet>'
    )
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{rel}">'
            '<sheets><sheet name="Contacts" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text)
    return path


@case("stray-cell-dimension-lies", check=_one_stray("Z1048576"), seconds=30)
def stray_behind_a_lying_dimension(folder: Path) -> list[str]:
    _lying_book(folder / "lying.xlsx")
    return validate_json("lying.xlsx")


def _report_written(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    assert (folder / "out" / "network_report.xlsx").is_file() or any(
        (folder / "out").glob("*.xlsx")
    ), done.stdout


@case("stray-cell-report", check=_report_written, seconds=60)
def report_with_a_stray(folder: Path) -> list[str]:
    """The whole report, not only validate, runs past a value in the last cell."""

    def fill(sheet: Any) -> None:
        sheet["XFD1048576"] = "x"

    _openpyxl_book(folder / "w.xlsx", fill)
    return ["report", "w.xlsx", "-o", "out", "--as-of", AS_OF]


# ---- 2. error cells -------------------------------------------------------------------------


def _errors_reported(_folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    found = {(i["row"], i["column"], i["value"]) for i in _issues(done, "error-value")}
    assert found == {
        (3, "B (Email)", "#N/A"),
        (4, "C (Company)", "#REF!"),
        (5, "E (Last Contact)", "#VALUE!"),
        (6, "C (Company)", "#DIV/0!"),
    }, found
    assert all(i["severity"] == "warning" for i in _issues(done, "error-value"))


@case("error-cells-xlsxwriter", check=_errors_reported)
def errors_as_formula_results(folder: Path) -> list[str]:
    """Formulas whose cached results are errors, as Excel saves them (XlsxWriter)."""

    def fill(sheet: Any) -> None:
        sheet.write_formula("B3", '=VLOOKUP("Bo",X:Y,2,FALSE)', None, "#N/A")
        sheet.write_formula("C4", "=#REF!", None, "#REF!")
        sheet.write_formula("E5", '=A5+"x"', None, "#VALUE!")
        sheet.write_formula("C6", "=1/0", None, "#DIV/0!")

    _xlsxwriter_book(folder / "errors.xlsx", fill)
    return validate_json("errors.xlsx")


@case("error-cells-openpyxl", check=_errors_reported)
def errors_typed(folder: Path) -> list[str]:
    """Error values typed into cells (openpyxl's data type 'e')."""

    def fill(sheet: Any) -> None:
        for address, error in (
            ("B3", "#N/A"),
            ("C4", "#REF!"),
            ("E5", "#VALUE!"),
            ("C6", "#DIV/0!"),
        ):
            sheet[address] = error
            sheet[address].data_type = "e"

    _openpyxl_book(folder / "errors.xlsx", fill)
    return validate_json("errors.xlsx")


# ---- 3. merged cells inside the data --------------------------------------------------------


def _one_merge(_folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    merged = _issues(done, "merged-cells")
    assert [(m["row"], m["column"]) for m in merged] == [(5, "C (Company)")], merged
    assert "C5:C6" in merged[0]["message"] and "C4" in merged[0]["message"], merged


@case("merged-cells-in-data", check=_one_merge)
def merged_company(folder: Path) -> list[str]:
    """A title merged across the top (silent), and C4:C6 merged with the value in C4."""
    book = openpyxl.Workbook()
    book.properties.created = book.properties.modified = CREATED
    sheet = book.active
    sheet.title = "Contacts"
    sheet.append(["My career network"])
    sheet.merge_cells("A1:E1")
    for row in [HEADER, *PEOPLE]:
        sheet.append(row)
    sheet["C5"] = sheet["C6"] = None
    sheet.merge_cells("C4:C6")
    book.save(folder / "merged.xlsx")
    return validate_json("merged.xlsx")


# ---- 4. UTF-16 text without its byte-order mark ---------------------------------------------


def _four_contacts(_folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    assert _contacts(done) == 3, done.stdout


CSV_TEXT = (
    "Name,Email,How I know them\r\n"
    "Zoë Ærø,zoe@example.com,close friend\r\n"
    "José Núñez,jose@example.com,coworker\r\n"
    "Ann Lee,ann@example.com,met once\r\n"
)


@case("utf16-le-without-bom-csv", check=_four_contacts)
def utf16_le(folder: Path) -> list[str]:
    (folder / "contacts.csv").write_bytes(CSV_TEXT.encode("utf-16-le"))
    return validate_json("contacts.csv")


@case("utf16-be-without-bom-csv", check=_four_contacts)
def utf16_be(folder: Path) -> list[str]:
    (folder / "contacts.csv").write_bytes(CSV_TEXT.encode("utf-16-be"))
    return validate_json("contacts.csv")


# ---- 5. a named pipe where a file should be --------------------------------------------------


@case("fifo-workbook-validate", exit_code=2, message=r"w\.xlsx: is a named pipe", seconds=20)
def fifo_validate(folder: Path) -> list[str]:
    os.mkfifo(folder / "w.xlsx")
    return ["validate", "w.xlsx"]


@case("fifo-workbook-report", exit_code=2, message=r"w\.xlsx: is a named pipe", seconds=20)
def fifo_report(folder: Path) -> list[str]:
    os.mkfifo(folder / "w.xlsx")
    return ["report", "w.xlsx", "-o", "out", "--as-of", AS_OF]


@case("fifo-import-into", exit_code=2, message=r"w\.xlsx: is a named pipe", seconds=20)
def fifo_import_into(folder: Path) -> list[str]:
    (folder / "cards.vcf").write_text(ANDROID_VCF, encoding="utf-8", newline="")
    os.mkfifo(folder / "w.xlsx")
    return ["import", "vcard", "cards.vcf", "--into", "w.xlsx"]


@case("fifo-import-source", exit_code=2, message=r"cards\.vcf: is a named pipe", seconds=20)
def fifo_import_source(folder: Path) -> list[str]:
    _openpyxl_book(folder / "w.xlsx")
    os.mkfifo(folder / "cards.vcf")
    return ["import", "vcard", "cards.vcf", "--into", "w.xlsx"]


# ---- 6. an Android vCard export with quoted-printable soft line breaks ----------------------

ANDROID_VCF = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4D=C3=BC=6C=6C=65=72;=4A=C3=B6=72=67;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4A=C3=B6=72=67=20=4D=C3=BC=6C=6C=65=72\r\n"
    "TEL;CELL:+49 151 1234567\r\nEMAIL;HOME:joerg@example.de\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=54=72=61=64=65=20=66=61=69=72=20=69=6E=20=\r\n"
    "=48=61=6E=6E=6F=76=65=72=2C=20=61=73=6B=65=64=20=61=62=6F=75=74=20=64=61=74=61=20=\r\n"
    "=72=6F=6C=65=73=2E\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85str=C3=B6m;=C3=89lodie;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=89lodie=20=C3=85str=C3=B6m=20=\r\n"
    "=28=4C=79=6F=6E=29\r\n"
    "EMAIL;HOME:elodie@example.fr\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Broken;Card;;;\r\nFN:Card Broken\r\n"
    "PHOTO;ENCODING=BASE64;JPEG:/9j/4AAQ\r\nnot a property line\r\nEND:VCARD\r\n"
)


def _android_read(_folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    data = json.loads(done.stdout)
    names = sorted(p["name"] for p in data["added"])
    assert names == ["Jörg Müller", "Élodie Åström (Lyon)"], data
    assert {p["email"] for p in data["added"]} == {"joerg@example.de", "elodie@example.fr"}
    assert any("card 3" in note and "left out" in note for note in data["notes"]), data["notes"]


@case("android-vcard-quoted-printable", check=_android_read)
def android_vcard(folder: Path) -> list[str]:
    (folder / "00001.vcf").write_text(ANDROID_VCF, encoding="utf-8", newline="")
    _openpyxl_book(folder / "w.xlsx")
    return [
        "import",
        "vcard",
        "00001.vcf",
        "--into",
        "w.xlsx",
        "--dry-run",
        "--format",
        "json",
        "--as-of",
        AS_OF,
    ]


# ---- 7. vCards whose text properties hold unescaped commas ----------------------------------

COMMA_VCF = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Unescaped Comma\r\nEMAIL:uc@example.com\r\n"
    "NOTE:Met at PyCon, talked about jobs, follow up in May\r\nTITLE:Director, Data\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Comma Tester\r\nEMAIL:ct@example.com\r\n"
    "NOTE:Likes golf, tennis, and chess\r\nORG:Smith, Jones & Partners\r\nTITLE:VP, Sales\r\n"
    "CATEGORIES:Golf,Friends\r\nEND:VCARD\r\n"
)


def _commas_kept(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    rows = openpyxl.load_workbook(folder / "w.xlsx")["Contacts"].iter_rows(values_only=True)
    found = {row[0]: row[2:5] for row in rows}
    assert found["Unescaped Comma"] == (
        None,
        "Director, Data",
        "Met at PyCon, talked about jobs, follow up in May",
    ), found
    assert found["Comma Tester"] == (
        "Smith, Jones & Partners",
        "VP, Sales",
        "Likes golf, tennis, and chess\nLabels: Golf, Friends",
    ), found


@case("vcard-unescaped-commas", check=_commas_kept)
def vcard_commas(folder: Path) -> list[str]:
    (folder / "u.vcf").write_text(COMMA_VCF, encoding="utf-8", newline="")
    book = openpyxl.Workbook()
    book.properties.created = book.properties.modified = CREATED
    sheet = book.active
    sheet.title = "Contacts"
    sheet.append(["Name", "Email", "Company", "Job Title", "Notes"])
    sheet.append(["Ann Lee", "ann@example.com", "Acme", "CEO", None])
    book.save(folder / "w.xlsx")
    return ["import", "vcard", "u.vcf", "--into", "w.xlsx", "--as-of", AS_OF]


# ---- 8. CSVs in a legacy code page, whole or in a few lines ---------------------------------


def _read_as(message: str, contacts: int) -> Any:
    def check(_folder: Path, done: subprocess.CompletedProcess[str]) -> None:
        (found,) = _issues(done, "text-encoding")
        assert found["severity"] == "info" and found["message"] == message, found
        assert _contacts(done) == contacts, done.stdout

    return check


@case("csv-shift-jis", check=_read_as("The file is not UTF-8: read as Shift-JIS (Japanese).", 2))
def csv_shift_jis(folder: Path) -> list[str]:
    text = (
        "Name,Email,Company,How I know them\r\n"
        "山田 太郎,yamada@example.jp,ソニー,元同僚 coworker\r\n"
        "佐藤 花子,sato@example.jp,トヨタ,friend\r\n"
    )
    (folder / "contacts.csv").write_bytes(text.encode("shift_jis"))
    return validate_json("contacts.csv")


@case(
    "csv-utf8-with-a-cp1252-line",
    check=_read_as(
        "Line 4 is not UTF-8: read as Windows-1252 (Western European); the other lines as UTF-8.",
        3,
    ),
)
def csv_mixed(folder: Path) -> list[str]:
    lines = CSV_TEXT.splitlines(keepends=True)
    odd = "Ådne Åsheim,ad@example.no,close friend\r\n"
    data = "".join(lines[:3]).encode() + odd.encode("cp1252")
    (folder / "contacts.csv").write_bytes(data)
    return validate_json("contacts.csv")


# ---- 9. an Excel table's totals row with nothing where the name goes ------------------------


def _totals_skipped(_folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    skipped = _issues(done, "not-a-contact")
    assert [(i["row"], i["severity"]) for i in skipped] == [(7, "info")], skipped
    assert "totals row of the Excel table 'People'" in skipped[0]["message"], skipped
    assert _issues(done, "missing-name") == [], done.stdout
    assert _contacts(done) == 5, done.stdout


@case("xlsx-table-totals-row-unlabelled", check=_totals_skipped)
def table_totals_row(folder: Path) -> list[str]:
    def fill(sheet: Any) -> None:
        columns = [{"header": h} for h in HEADER[:-1]]
        columns.append({"header": HEADER[-1], "total_function": "count"})
        sheet.add_table(
            0,
            0,
            len(PEOPLE) + 1,
            len(HEADER) - 1,
            {"name": "People", "total_row": True, "columns": columns},
        )

    _xlsxwriter_book(folder / "table.xlsx", fill)
    return validate_json("table.xlsx")


# ---- 10. numbers of thousands of digits -----------------------------------------------------


def _usage_error(_folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    assert "Invalid value for '--cadence'" in done.stderr, done.stderr


@case("cadence-thousands-of-digits", exit_code=2, check=_usage_error)
def cadence_digits(folder: Path) -> list[str]:
    _openpyxl_book(folder / "w.xlsx")
    return ["report", "w.xlsx", "-o", "out", "--as-of", AS_OF, "--cadence", "Warm=" + "9" * 5000]


def _set_aside(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    history = folder / "out" / "w-history"
    assert len(list(history.glob("runs.damaged-*.csv"))) == 1, sorted(history.iterdir())
    kept = (history / "runs.csv").read_text(encoding="utf-8-sig").splitlines()
    assert [line.split(",")[0] for line in kept[1:]] == ["2026-11-16", AS_OF], kept


@case("history-runs-thousands-of-digits", check=_set_aside)
def history_digits(folder: Path) -> list[str]:
    _openpyxl_book(folder / "w.xlsx")
    history = folder / "out" / "w-history"
    history.mkdir(parents=True)
    header = "as_of,contacts,Warm,Luke-warm,Cool,Cold,score,overdue,outreach,errors,warnings"
    runs = [header, "2026-11-16,5,1,1,1,2,80,1,3,0,0", "2026-11-20," + "9" * 5000 + ",1" * 9]
    (history / "runs.csv").write_text("\r\n".join(runs) + "\r\n", encoding="utf-8-sig")
    return ["report", "w.xlsx", "-o", "out", "--as-of", AS_OF]
