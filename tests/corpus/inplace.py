"""Writing into the owner's workbook (`report --write-back`): the situations that must never
cost the owner data. Each refusal leaves the workbook byte-identical and writes nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

from support.hostile import write_hostile_workbook
from support.paths import ROOT

from corpus import case

SAMPLE = ROOT / "sample_workbooks" / "network.xlsx"
AS_OF = "2026-11-23"
REPORT_SHEETS = {"NR Summary", "NR Contacts", "NR Outreach", "NR Issues", "NR History"}
# The extension Excel 2010 and later writes for a drop-down list whose items are on another
# sheet (an x14 data validation), as Excel writes it.
X14_LIST = (
    '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" '
    'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
    '<x14:dataValidations count="1" '
    'xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
    '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
    "<x14:formula1><xm:f>Settings!$B$2:$B$5</xm:f></x14:formula1><xm:sqref>E2:E200</xm:sqref>"
    "</x14:dataValidation></x14:dataValidations></ext></extLst>"
)


def write_back(workbook: str, *more: str) -> list[str]:
    return ["report", workbook, "--write-back", "-o", "out", "--as-of", AS_OF, *more]


def sample(folder: Path, name: str = "network.xlsx") -> Path:
    return Path(shutil.copyfile(SAMPLE, folder / name))


def sheet_names(path: Path) -> set[str]:
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/workbook.xml").decode()
    return set(re.findall(r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"', xml))


def nothing_written(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    out = folder / "out"
    assert not out.exists() or not any(out.rglob("*")), sorted(out.rglob("*"))


# ---- refusals: checked before anything is written --------------------------------------------


def _with_sheet_part(source: Path, target: Path, change: tuple[str, str]) -> None:
    """Copy a workbook, replacing text in the first worksheet's XML."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert change[0].encode() in data
                data = data.replace(change[0].encode(), change[1].encode(), 1)
            new.writestr(item, data)


@case(
    "writeback-x14-dropdown",
    exit_code=2,
    message=r"network\.xlsx holds drop-down lists or data validations that refer to other "
    r"sheets .*Nothing was changed",
    unchanged=("network.xlsx",),
    check=nothing_written,
)
def x14_dropdown(folder: Path) -> list[str]:
    _with_sheet_part(SAMPLE, folder / "network.xlsx", ("</worksheet>", X14_LIST + "</worksheet>"))
    return write_back("network.xlsx")


@case(
    "writeback-open-in-excel",
    exit_code=2,
    message=r"network\.xlsx is open in Excel or LibreOffice \(~\$network\.xlsx exists\)",
    unchanged=("network.xlsx",),
    check=nothing_written,
)
def open_in_excel(folder: Path) -> list[str]:
    sample(folder)
    (folder / "~$network.xlsx").write_bytes(b"\x05owner")
    return write_back("network.xlsx")


@case(
    "writeback-foreign-report-sheet",
    exit_code=2,
    message=r"has a sheet named 'NR Summary' that netreport did not write",
    unchanged=("network.xlsx",),
    check=nothing_written,
)
def foreign_report_sheet(folder: Path) -> list[str]:
    import openpyxl

    book = openpyxl.load_workbook(SAMPLE)
    book.create_sheet("NR Summary")["A1"] = "my own summary"
    book.save(folder / "network.xlsx")
    return write_back("network.xlsx")


# ---- where the new workbook goes -------------------------------------------------------------


def _written_through_link(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    link, real = folder / "Desktop" / "network.xlsx", folder / "Cloud" / "network.xlsx"
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert sheet_names(real) >= REPORT_SHEETS
    # Beside the file that is changed, the link's target.
    backups = list((folder / "Cloud" / "backups" / "network").iterdir())
    assert [b.read_bytes() for b in backups] == [SAMPLE.read_bytes()]


@case("writeback-through-symlink", check=_written_through_link)
def through_symlink(folder: Path) -> list[str]:
    (folder / "Cloud").mkdir()
    (folder / "Desktop").mkdir()
    sample(folder / "Cloud")
    os.symlink(Path("..") / "Cloud" / "network.xlsx", folder / "Desktop" / "network.xlsx")
    return write_back("Desktop/network.xlsx")


def _hard_links_stay_one_file(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    one, two = folder / "network.xlsx", folder / "Network (shared).xlsx"
    assert os.path.samefile(one, two) and one.stat().st_nlink == 2
    assert sheet_names(two) >= REPORT_SHEETS


@case("writeback-hard-link", check=_hard_links_stay_one_file)
def hard_link(folder: Path) -> list[str]:
    sample(folder)
    os.link(folder / "network.xlsx", folder / "Network (shared).xlsx")
    return write_back("network.xlsx")


# ---- what the new sheets hold ----------------------------------------------------------------


def _quote_prefixed(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    import openpyxl

    book = openpyxl.load_workbook(folder / "hostile.xlsx")
    found = 0
    for name in REPORT_SHEETS:
        for row in book[name].iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"):
                    assert cell.data_type == "s" and cell.quotePrefix, (name, cell.coordinate)
                    found += 1
    assert found >= 9  # the nine hostile names at least


@case("writeback-formula-like-text-quoted", check=_quote_prefixed)
def formula_like_text(folder: Path) -> list[str]:
    write_hostile_workbook(folder / "hostile.xlsx")
    return write_back("hostile.xlsx")


# ---- the command line ------------------------------------------------------------------------


def _usage_error(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    assert "Error: Invalid value for '--as-of'" in done.stderr, done.stderr
    assert "out of range: give a date from 1900-01-01 to 2199-12-31" in done.stderr
    nothing_written(folder, done)


for year in ("9999-12-31", "0202-11-23"):

    @case(f"as-of-{year[:4]}", exit_code=2, check=_usage_error)
    def far_date(folder: Path, year: str = year) -> list[str]:
        sample(folder)
        return ["report", "network.xlsx", "-o", "out", "--as-of", year]


def _calendar_written(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    names = sorted(p.name for p in (folder / "out").iterdir())
    assert f"net\nwork-outreach-{AS_OF}.ics" in names, names


@case("newline-in-file-name", check=_calendar_written)
def newline_in_name(folder: Path) -> list[str]:
    sample(folder, "net\nwork.xlsx")
    return ["report", "net\nwork.xlsx", "--ics", "-o", "out", "--as-of", AS_OF]


# ---- import into a sheet that ends with a totals row -----------------------------------------

LINKEDIN = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Imani,Okafor,https://www.linkedin.com/in/imani-okafor,,Acme,Engineer,01 Nov 2026\n"
    "Tomás,Reyes,https://www.linkedin.com/in/tomas-reyes,,Globex,Analyst,02 Nov 2026\n"
)


def _new_people_above_the_total(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    import openpyxl

    sheet = openpyxl.load_workbook(folder / "contacts.xlsx")["Contacts"]
    names = [row[0] for row in sheet.iter_rows(min_row=1, max_col=1, values_only=True)]
    assert names == [
        "Name", "Ann Lee", "Bo Chen", "Cy Diaz", "Imani Okafor", "Tomás Reyes", None, "TOTAL",
    ], names  # fmt: skip
    assert sheet.cell(8, 2).value == "3 contacts"  # the total's own text moved with it
    assert sheet.tables["People"].ref == "A1:H8"  # two rows longer, two new columns


@case("import-above-a-totals-row", check=_new_people_above_the_total)
def totals_row(folder: Path) -> list[str]:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(folder / "contacts.xlsx"))
    sheet = book.add_worksheet("Contacts")
    rows = [
        ["Ann Lee", "ann@example.com", "Acme", "Yes", "close friend"],
        ["Bo Chen", "bo@example.com", "Initech", "No", "referral"],
        ["Cy Diaz", "", "Globex", "No", "cold"],
        [None, None, None, None, None],
        ["TOTAL", "3 contacts", None, None, None],
    ]
    headers = ["Name", "Email", "Company", "Met?", "Relationship", "Notes"]
    sheet.add_table(
        "A1:F6",
        {"name": "People", "columns": [{"header": h} for h in headers], "data": rows},
    )
    book.close()
    (folder / "Connections.csv").write_text(LINKEDIN, encoding="utf-8")
    return ["import", "linkedin", "Connections.csv", "--into", "contacts.xlsx"]


# ---- a value far from the table --------------------------------------------------------------


def _with_far_value(folder: Path) -> Path:
    """The sample network with one value left at the sheet's last cell (Ctrl+End typos)."""
    import openpyxl

    book = openpyxl.load_workbook(SAMPLE)
    book["Contacts"]["XFD1048576"] = "x"
    path = folder / "network.xlsx"
    book.save(path)
    return path


def _far_value_kept(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    from python_calamine import CalamineWorkbook

    with zipfile.ZipFile(folder / "network.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert any(b'r="XFD1048576"' in archive.read(n) for n in sheets)
    assert "NR Summary" in CalamineWorkbook.from_path(str(folder / "network.xlsx")).sheet_names


@case("writeback-far-away-value", check=_far_value_kept)
def far_value_write_back(folder: Path) -> list[str]:
    _with_far_value(folder)
    return write_back("network.xlsx")


def _imported_beside_the_far_value(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    import openpyxl

    sheet = openpyxl.load_workbook(folder / "network.xlsx")["Contacts"]
    assert sheet["XFD1048576"].value == "x"
    names = [row[0] for row in sheet.iter_rows(min_row=2, max_row=200, max_col=1, values_only=True)]
    assert "Imani Okafor" in names and "Tomás Reyes" in names


@case("import-into-a-sheet-with-a-far-away-value", check=_imported_beside_the_far_value)
def far_value_import(folder: Path) -> list[str]:
    _with_far_value(folder)
    (folder / "Connections.csv").write_text(LINKEDIN, encoding="utf-8")
    return ["import", "linkedin", "Connections.csv", "--into", "network.xlsx"]


# ---- permissions ---------------------------------------------------------------------------


@case(
    "writeback-read-only-workbook",
    exit_code=2,
    message=r"network\.xlsx is read-only; nothing was changed",
    unchanged=("network.xlsx",),
    check=nothing_written,
)
def read_only(folder: Path) -> list[str]:
    sample(folder).chmod(0o444)
    return write_back("network.xlsx")


def _nothing_more_readable(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    written = [p for p in (folder / "out").rglob("*")]
    assert len(written) > 5  # reports, the backup, the history and their folders
    wider = {str(p.relative_to(folder)): oct(p.stat().st_mode & 0o777) for p in written}
    assert not {p: m for p, m in wider.items() if int(m, 8) & 0o077}, wider
    assert (folder / "network.xlsx").stat().st_mode & 0o777 == 0o600


@case("writeback-private-workbook", check=_nothing_more_readable)
def private_workbook(folder: Path) -> list[str]:
    sample(folder).chmod(0o600)
    return write_back("network.xlsx", "--redact", "--ics")


@case(
    "writeback-read-only-folder",
    exit_code=2,
    message=r"network\.xlsx: its folder .* is read-only.*nothing was changed",
    unchanged=("shelf/network.xlsx",),
)
def read_only_folder(folder: Path) -> list[str]:
    shelf = folder / "shelf"
    shelf.mkdir()
    sample(shelf)
    shelf.chmod(0o555)
    return ["report", "shelf/network.xlsx", "--write-back", "-o", "out", "--as-of", AS_OF]


def _group_kept(folder: Path, _done: subprocess.CompletedProcess[str]) -> None:
    info = (folder / "network.xlsx").stat()
    wanted = int((folder / "group.txt").read_text())
    assert (info.st_gid, info.st_mode & 0o777) == (wanted, 0o640)
    assert "NR Summary" in sheet_names(folder / "network.xlsx")


@case("writeback-keeps-the-group", check=_group_kept)
def shared_with_a_group(folder: Path) -> list[str]:
    """A workbook shared with a group other than the runner's own stays shared after
    write-back. Giving a file to a group takes the superuser (gid 1 here) or a member of that
    group (one of the runner's other groups); where neither can be done, the runner's own
    group stands in and the case checks only that it is kept."""
    path = sample(folder)
    own = os.getgid()
    for gid in [1, *(g for g in os.getgroups() if g != own)]:
        try:
            os.chown(path, -1, gid)
            break
        except OSError:
            continue
    (folder / "group.txt").write_text(str(path.stat().st_gid))
    path.chmod(0o640)
    return write_back("network.xlsx")


@case("writeback-name-at-the-file-system-limit")
def name_at_the_limit(folder: Path) -> list[str]:
    name = "n" * 250 + ".xlsx"  # 255 bytes: a lock file's name beside it would be too long
    sample(folder, name)
    return write_back(name)


# ---- vCard exports --------------------------------------------------------------------------


def _vcard_read_whole(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    import openpyxl

    sheet = openpyxl.load_workbook(folder / "network.xlsx")["Contacts"]
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] == "Ana Lima"]
    assert len(rows) == 1
    assert any(isinstance(v, str) and "octets \u2713 done" in v for v in rows[0]), rows[0]
    names = {r[0] for r in sheet.iter_rows(values_only=True)}
    assert "ACME Corp" not in names
    assert "organisation" in done.stdout + done.stderr


@case("import-vcard-folded-inside-a-character", check=_vcard_read_whole)
def vcard_folded_in_a_character(folder: Path) -> list[str]:
    """A vCard 4 export folded at 75 bytes, inside the 3 bytes of a check mark (as ical.net and
    other exporters do), and a card of an organisation (KIND:org), not a person."""
    sample(folder)
    note = ("NOTE:" + "x" * 68 + "octets \u2713 done").encode("utf-8")
    cut = note.index("\u2713".encode()) + 1
    card = b"\r\n".join(
        [
            b"BEGIN:VCARD",
            b"VERSION:4.0",
            b"FN:Ana Lima",
            b"N:Lima;Ana;;;",
            note[:cut] + b"\r\n " + note[cut:],
            b"END:VCARD",
            b"BEGIN:VCARD",
            b"VERSION:4.0",
            b"KIND:org",
            b"FN:ACME Corp",
            b"END:VCARD",
            b"",
        ]
    )
    (folder / "contacts.vcf").write_bytes(card)
    return ["import", "vcard", "contacts.vcf", "--into", "network.xlsx"]
