"""`netreport report`: the Excel report, reopened with openpyxl and python-calamine.

The report is checked against the issue's requirements: the five sheets, real Excel tables with
frozen headers, filters, widths that fit, date formats, wrapped text, conditional formats and
print set-up; the contacts, outreach and issues it lists; the history and trend chart; that no
value of the user's ever becomes a formula or a live link; and how the command behaves.
LibreOffice-based checks live in test_report_libreoffice.py.
"""

from __future__ import annotations

import colorsys
import datetime as dt
import hashlib
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result
from openpyxl.cell.cell import Cell
from openpyxl.styles.numbers import is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook
from support.paths import ROOT

import netreport.render.xlsx
from netreport import check_workbook
from netreport.analysis import analyze
from netreport.cli import cli
from netreport.schema import CATEGORIES

SAMPLES = ROOT / "sample_workbooks"
AS_OF = dt.date(2026, 11, 23)
SHEETS = ["Summary", "Contacts", "Outreach", "Drafts", "Issues", "History"]
LIST_SHEETS = SHEETS[1:]
COMPUTED = [
    "Category",
    "Reason",
    "Last Contact (effective)",
    "Days Since Contact",
    "Next Due",
    "Next Action",
]
# What a person reads first comes first: name and company, then what to do and when; then the
# rest of the user's columns; then the rest of what netreport worked out.
FIRST, LAST = ["Category", "Next Due", "Next Action"], COMPUTED[1:4]
OUTREACH_HEADERS = [
    "Priority",
    "Name",
    "Action",
    "Due",
    "Why now",
    "Ask",
    "Draft opener",
    "Email",
    "Category",
    "Level",
]
ISSUE_HEADERS = ["Severity", "Sheet", "Row", "Column", "Value", "Message", "Hint", "Code"]
SAFE_SCHEMES = ("http://", "https://", "mailto:")


# ---- helpers ----------------------------------------------------------------------------


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, ["report", *args])


def report_file(out: Path, workbook: Path, as_of: dt.date = AS_OF) -> Path:
    return out / f"{workbook.stem}-report-{as_of.isoformat()}.xlsx"


def make_report(workbook: Path, out: Path, as_of: dt.date = AS_OF, *more: str) -> Path:
    """Run `netreport report` and return the report it wrote."""
    result = invoke(str(workbook), "-o", str(out), "--as-of", as_of.isoformat(), *more)
    assert result.exit_code == 0, result.output
    path = report_file(out, workbook, as_of)
    assert path.is_file(), result.output
    return path


def copy_sample(name: str, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SAMPLES / name, directory / name))


def headers(sheet: Worksheet) -> list[Any]:
    return [cell.value for cell in sheet[1]]


def column_cells(sheet: Worksheet, header: str) -> list[Cell]:
    """The data cells (row 2 on) under `header`."""
    index = headers(sheet).index(header) + 1
    return [sheet.cell(row, index) for row in range(2, sheet.max_row + 1)]


def records(sheet: Worksheet) -> list[dict[str, Any]]:
    names = headers(sheet)
    return [
        dict(zip(names, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if any(v is not None for v in row)
    ]


def width(sheet: Worksheet, index: int) -> float:
    """The width of column `index` (1-based), looking through grouped <col> ranges."""
    for dim in sheet.column_dimensions.values():
        if dim.min and dim.max and dim.min <= index <= dim.max and dim.width:
            return float(dim.width)
    return float(sheet.sheet_format.defaultColWidth or 8.43)


def fill_rgb(rule: Any) -> str:
    fill = rule.dxf.fill
    colour = fill.bgColor if fill.bgColor is not None and fill.bgColor.rgb else fill.fgColor
    return str(colour.rgb)[-6:].upper()


def hue(rgb: str) -> float:
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    h, _, s = colorsys.rgb_to_hls(r, g, b)
    assert s > 0.3, f"#{rgb} is grey, not a colour"
    return h * 360


def is_red(rgb: str) -> bool:
    return hue(rgb) >= 340 or hue(rgb) <= 15


def is_amber(rgb: str) -> bool:
    return 30 <= hue(rgb) <= 60


def rules_on(sheet: Worksheet, letter: str) -> list[Any]:
    """Every conditional-format rule whose range is exactly the column's data rows."""
    wanted = f"{letter}2:{letter}{sheet.max_row}"
    return [
        rule for cf in sheet.conditional_formatting if str(cf.sqref) == wanted for rule in cf.rules
    ]


def unescape_ooxml(text: str) -> str:
    """openpyxl leaves the OOXML escape _xHHHH_ (how a CR is stored) as it is: decode it."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def zip_members(path: Path, pattern: str) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if re.fullmatch(pattern, name)
        }


def charts(path: Path) -> dict[str, str]:
    return zip_members(path, r"xl/charts/chart\d+\.xml")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def calamine_rows(path: Path, sheet: str) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


@dataclass
class Run:
    workbook: Path
    out: Path
    path: Path
    book: Workbook


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The report of a copy of sample_workbooks/network.xlsx, as of 2026-11-23."""
    base = tmp_path_factory.mktemp("sample")
    workbook = copy_sample("network.xlsx", base / "in")
    out = base / "out"
    path = make_report(workbook, out)
    return Run(workbook, out, path, openpyxl.load_workbook(path))


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The report of a copy of sample_workbooks/messy.xlsx (data errors: still exit 0)."""
    base = tmp_path_factory.mktemp("messy")
    workbook = copy_sample("messy.xlsx", base / "in")
    out = base / "out"
    path = make_report(workbook, out)
    return Run(workbook, out, path, openpyxl.load_workbook(path))


def list_sheets(run: Run) -> Iterator[Worksheet]:
    for name in LIST_SHEETS:
        yield run.book[name]


# ---- the workbook's shape -----------------------------------------------------------------


def test_report_is_named_by_stem_and_date(sample: Run) -> None:
    assert sample.path == sample.out / "network-report-2026-11-23.xlsx"
    assert sample.path.read_bytes()[:4] == b"PK\x03\x04"


def test_sheets_in_order_with_summary_first_and_active(sample: Run) -> None:
    assert sample.book.sheetnames == SHEETS
    assert sample.book.active.title == "Summary"
    assert [ws.title for ws in sample.book.worksheets if ws.sheet_view.tabSelected] == ["Summary"]
    calamine = CalamineWorkbook.from_path(str(sample.path))
    assert calamine.sheet_names == SHEETS


@pytest.mark.parametrize("name", LIST_SHEETS)
def test_each_list_is_one_styled_filtered_table(sample: Run, messy: Run, name: str) -> None:
    for run in (sample, messy):
        sheet = run.book[name]
        assert len(sheet.tables) == 1, f"{name}: {list(sheet.tables)}"
        table = next(iter(sheet.tables.values()))
        last = get_column_letter(sheet.max_column)
        assert table.ref == f"A1:{last}{max(sheet.max_row, 2)}"
        assert table.tableStyleInfo is not None and table.tableStyleInfo.name
        assert table.autoFilter is not None and table.autoFilter.ref == table.ref
        assert [c.name for c in table.tableColumns] == headers(sheet)
    # A second reader finds the same table on the sheet, with the sheet's headers.
    calamine = CalamineWorkbook.from_path(str(sample.path), load_tables=True)
    found = [calamine.get_table_by_name(n) for n in calamine.table_names]
    on_sheet = [t for t in found if t.sheet == name]
    assert len(on_sheet) == 1
    assert list(on_sheet[0].columns) == headers(sample.book[name])


# (sheet, frozen at, columns repeated on every printed page, printed how): a wide sheet
# prints at 80%, its columns flowing onto further pages with the name repeated; a narrow one
# is fitted to one page wide.
PRINTING = [
    ("Contacts", "B2", "A:A", "80%"),
    ("Outreach", "C2", "A:B", "80%"),
    ("Issues", "A2", None, "80%"),
    ("History", "A2", None, "fit to width"),
]


@pytest.mark.parametrize(("name", "frozen", "repeated", "printed"), PRINTING)
def test_frozen_header_and_name_and_print_setup(
    sample: Run, name: str, frozen: str, repeated: str | None, printed: str
) -> None:
    sheet = sample.book[name]
    assert sheet.freeze_panes == frozen
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.print_title_rows or "").replace("$", "") == "1:1"
    assert (sheet.print_title_cols or "").replace("$", "") == (repeated or "")
    if printed == "fit to width":
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert int(sheet.page_setup.fitToWidth or 1) == 1  # absent means 1 page wide
        assert int(sheet.page_setup.fitToHeight) == 0  # as many pages tall as needed
    else:
        setup = sheet.sheet_properties.pageSetUpPr
        assert setup is None or not setup.fitToPage
        assert int(sheet.page_setup.scale) == 80


def test_summary_prints_landscape_on_one_page_width(sample: Run) -> None:
    sheet = sample.book["Summary"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert int(sheet.page_setup.fitToWidth or 1) == 1


def test_document_title_and_author_are_the_owners(sample: Run) -> None:
    props = sample.book.properties
    assert props.creator == "Jordan Avery"
    assert props.title and "Jordan Avery" in props.title


# ---- widths, dates, wrapping ------------------------------------------------------------


@pytest.mark.parametrize("name", LIST_SHEETS)
def test_widths_fit_headers_and_dates(sample: Run, messy: Run, name: str) -> None:
    for run in (sample, messy):
        sheet = run.book[name]
        for index, header in enumerate(headers(sheet), start=1):
            # The header plus its filter button must show in full.
            assert width(sheet, index) >= len(header) + 2, f"{name}!{header} is cut off"
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if cell.is_date:
                    # A date pattern of digits (yyyy-mm-dd, hh:mm) shows as many characters
                    # as it has; narrower than that, Excel shows ####.
                    shown = len(cell.number_format)
                    assert width(sheet, cell.column) >= shown + 1, (
                        f"{name}!{cell.coordinate} {cell.number_format} would show ####"
                    )


DATE_COLUMNS = [
    ("Contacts", "Last Contact"),
    ("Contacts", "Follow up on"),
    ("Contacts", "Added"),
    ("Contacts", "Last Contact (effective)"),
    ("Contacts", "Next Due"),
    ("Outreach", "Due"),
    ("History", "Report date"),
]


@pytest.mark.parametrize(("name", "header"), DATE_COLUMNS)
def test_dates_are_dates_with_a_date_format(sample: Run, name: str, header: str) -> None:
    cells = [c for c in column_cells(sample.book[name], header) if c.value is not None]
    assert cells, f"{name}!{header} is empty in the sample"
    for cell in cells:
        assert isinstance(cell.value, dt.datetime), f"{cell.coordinate}: {cell.value!r}"
        assert is_date_format(cell.number_format), f"{cell.coordinate}: {cell.number_format}"
    # A second reader sees dates too.
    rows = calamine_rows(sample.path, name)
    index = rows[0].index(header)
    seen = [r[index] for r in rows[1:] if r[index] not in ("", None)]
    assert len(seen) == len(cells)
    assert all(isinstance(v, dt.date) for v in seen), seen[:5]


WRAPPED = [
    ("Contacts", "Notes"),
    ("Contacts", "Reason"),
    ("Outreach", "Why now"),
    ("Outreach", "Ask"),
    ("Drafts", "Draft opener"),
    ("Issues", "Message"),
    ("Issues", "Hint"),
]


@pytest.mark.parametrize(("name", "header"), WRAPPED)
def test_long_text_wraps(sample: Run, messy: Run, name: str, header: str) -> None:
    run = messy if name == "Issues" else sample
    cells = [c for c in column_cells(run.book[name], header) if c.value is not None]
    assert cells, f"{name}!{header} is empty"
    assert all(c.alignment.wrap_text for c in cells), [
        c.coordinate for c in cells if not c.alignment.wrap_text
    ]


# ---- conditional formats --------------------------------------------------------------


@pytest.mark.parametrize(("name", "header"), [("Contacts", "Next Due"), ("Outreach", "Due")])
def test_due_dates_overdue_red_and_due_soon_amber(sample: Run, name: str, header: str) -> None:
    sheet = sample.book[name]
    letter = get_column_letter(headers(sheet).index(header) + 1)
    rules = rules_on(sheet, letter)
    # Compared with the defined name ReportDate, and only where the cell holds a date: a
    # blank cell is 0 to Excel and would otherwise show as long overdue.
    assert [(r.type, r.formula) for r in rules] == [
        ("expression", [f"AND(ISNUMBER({letter}2),{letter}2<ReportDate)"]),
        ("expression", [f"AND(ISNUMBER({letter}2),{letter}2>=ReportDate,{letter}2<=ReportDate+7)"]),
    ]
    assert sample.book.defined_names["ReportDate"].attr_text == "DATE(2026,11,23)"
    overdue, soon = rules
    assert is_red(fill_rgb(overdue)), fill_rgb(overdue)
    assert is_amber(fill_rgb(soon)), fill_rgb(soon)
    # The sample has both kinds of date, so both colours really show.
    days = [c.value.date() for c in column_cells(sheet, header) if c.value is not None]
    assert any(d < AS_OF for d in days)
    assert any(AS_OF <= d <= AS_OF + dt.timedelta(days=7) for d in days)


@pytest.mark.parametrize("name", ["Contacts", "Outreach"])
def test_a_colour_per_category(sample: Run, name: str) -> None:
    sheet = sample.book[name]
    letter = get_column_letter(headers(sheet).index("Category") + 1)
    rules = rules_on(sheet, letter)
    by_category: dict[str, list[str]] = {}
    for rule in rules:
        assert rule.type == "cellIs" and rule.operator == "equal"
        (formula,) = rule.formula
        by_category.setdefault(formula.strip('"'), []).append(fill_rgb(rule))
    assert sorted(by_category) == sorted(CATEGORIES)
    assert all(len(fills) == 1 for fills in by_category.values()), by_category
    assert len({fills[0] for fills in by_category.values()}) == len(CATEGORIES)


# ---- what the sheets list -----------------------------------------------------------------


def test_contacts_one_row_per_contact_with_checked_categories(sample: Run) -> None:
    source = openpyxl.load_workbook(sample.workbook)["Contacts"]
    source_headers = [h for h in headers(source) if h is not None]
    people = [r for r in source.iter_rows(min_row=2, values_only=True) if any(r)]
    checked = check_workbook(sample.workbook, as_of=AS_OF)

    sheet = sample.book["Contacts"]
    # The user's headers are kept; one that clashes with a column netreport adds (the
    # sample's own Category) is told apart, not dropped.
    assert source_headers == [
        "Name", "Email", "Phone", "Company", "Job Title", "Field", "How I know them", "Met?",
        "Closeness", "Introduced By", "Where found", "Category", "Last Contact",
        "Follow up on", "Added", "Status", "LinkedIn", "Notes",
    ]  # fmt: skip
    assert headers(sheet) == [
        "Name", "Company", *FIRST, "Email", "Phone", "Job Title", "Field", "How I know them",
        "Met?", "Closeness", "Introduced By", "Where found", "Category (as typed)",
        "Last Contact", "Follow up on", "Added", "Status", "LinkedIn", "Notes", *LAST,
    ]  # fmt: skip

    rows = records(sheet)
    assert len(rows) == len(people) == len(checked.contacts) == 90
    expected = {
        (name, email): category
        for name, email, category in zip(
            checked.contacts["name"],
            checked.contacts["email"],
            checked.contacts["category"],
            strict=True,
        )
    }
    assert len(expected) == len(rows)
    assert {(r["Name"], r["Email"]): r["Category"] for r in rows} == expected
    assert set(checked.contacts["category"]) == set(CATEGORIES)

    calamine = calamine_rows(sample.path, "Contacts")
    assert calamine[0] == headers(sheet)
    assert len([r for r in calamine[1:] if any(v not in ("", None) for v in r)]) == 90


def test_users_own_columns_come_first_and_email_is_headed_email(
    tmp_path: Path, make_workbook: Any
) -> None:
    own = [
        "Name",
        "Favourite Snack",
        "E-mail Address",
        "Met?",
        "How I know them",
        "Last Contact",
        "Shoe Size",
    ]
    workbook = make_workbook(
        [
            own,
            ["Ann Lee", "figs", "ann@example.com", "Yes", "friend", dt.date(2026, 10, 1), 38],
            ["Bo Chen", None, "bo@example.com", "No", "researched", None, 44],
            ["Cy Diaz", "olives", None, "Yes", "acquaintance", dt.date(2026, 6, 2), None],
        ],
        settings=[["Setting", "Value"], ["Owner name", "Ana Souza"]],
    )
    book = openpyxl.load_workbook(make_report(workbook, tmp_path / "out"))
    sheet = book["Contacts"]
    rest = ["Favourite Snack", "Email", "Met?", "How I know them", "Last Contact", "Shoe Size"]
    assert headers(sheet) == ["Name", *FIRST, *rest, *LAST]
    rows = records(sheet)
    assert [r["Name"] for r in rows] == ["Ann Lee", "Bo Chen", "Cy Diaz"]
    assert [r["Favourite Snack"] for r in rows] == ["figs", None, "olives"]
    assert [r["Shoe Size"] for r in rows] == [38, 44, None]
    email = column_cells(sheet, "Email")
    assert [c.value for c in email] == ["ann@example.com", "bo@example.com", None]
    assert email[0].hyperlink is not None and email[0].hyperlink.target == (
        "mailto:ann@example.com"
    )
    assert book.properties.creator == "Ana Souza"  # from Settings, not a fixed name


def test_an_email_validation_rejects_is_shown_as_typed_not_linked(
    tmp_path: Path, make_workbook: Any
) -> None:
    bad = ["tom@", "@SUM(1)", "x@evil@example.com"]
    workbook = make_workbook(
        [
            ["Name", "Email", "Met?"],
            ["Ann Lee", "ann@example.com", "Yes"],
            *([f"Person {i}", email, "Yes"] for i, email in enumerate(bad)),
        ]
    )
    checked = check_workbook(workbook, as_of=AS_OF)
    assert {i.value for i in checked.issues if i.code == "invalid-email"} == set(bad)
    sheet = openpyxl.load_workbook(make_report(workbook, tmp_path / "out"))["Contacts"]
    cells = column_cells(sheet, "Email")
    assert [c.value for c in cells] == ["ann@example.com", *bad]
    assert cells[0].hyperlink is not None
    assert cells[0].hyperlink.target == "mailto:ann@example.com"
    for cell in cells[1:]:
        assert cell.hyperlink is None, f"{cell.value!r} is linked: {cell.hyperlink.target}"
        assert cell.data_type == "s"


def test_outreach_in_the_analysis_order_with_mailto_links(sample: Run) -> None:
    analysis = analyze(check_workbook(sample.workbook, as_of=AS_OF))
    items = analysis.outreach
    assert items, "the sample should have outreach this week"
    sheet = sample.book["Outreach"]
    assert headers(sheet) == OUTREACH_HEADERS
    rows = records(sheet)
    assert [
        (r["Priority"], r["Name"], r["Email"], r["Category"], r["Due"].date()) for r in rows
    ] == [(i.priority, i.name, i.email, i.category, i.due) for i in items]
    assert [r["Priority"] for r in rows] == list(range(1, len(items) + 1))
    assert {r["Level"] for r in rows} <= {"High", "Medium", "Low"}
    for cell, item in zip(column_cells(sheet, "Email"), items, strict=True):
        if item.email:
            assert cell.hyperlink is not None, cell.coordinate
            assert cell.hyperlink.target == f"mailto:{item.email}"
            assert cell.value == item.email


def test_issues_one_row_per_issue_with_a_link_to_the_cell(messy: Run) -> None:
    checked = check_workbook(messy.workbook, as_of=AS_OF)
    assert checked.issues
    sheet = messy.book["Issues"]
    assert headers(sheet)[: len(ISSUE_HEADERS)] == ISSUE_HEADERS
    assert len(headers(sheet)) == len(ISSUE_HEADERS) + 1  # and a link column
    link_column = len(ISSUE_HEADERS) + 1
    located = 0
    for row, issue in enumerate(checked.issues, start=2):
        values = [sheet.cell(row, c).value for c in range(1, len(ISSUE_HEADERS) + 1)]
        assert values == [
            issue.severity.value,
            issue.sheet,
            issue.row,
            issue.column,
            None if issue.value is None else str(issue.value),
            issue.message,
            issue.hint,
            issue.code,
        ]
        link = sheet.cell(row, link_column).hyperlink
        if issue.sheet and issue.row and issue.column:
            located += 1
            assert link is not None, f"no link for {issue.code} at row {row}"
            letter = issue.column.split(" ")[0]
            assert link.location == f"'{issue.sheet}'!{letter}{issue.row}"
            target = PurePosixPath(link.target.replace("\\", "/"))
            assert (messy.out / target).resolve() == messy.workbook.resolve()
        else:
            assert link is None
    assert located > 0
    assert sheet.max_row == len(checked.issues) + 1


def test_summary_shows_score_components_and_findings(sample: Run) -> None:
    analysis = analyze(check_workbook(sample.workbook, as_of=AS_OF))
    cells = [c for row in sample.book["Summary"].iter_rows() for c in row if c.value is not None]
    texts = " | ".join(str(c.value) for c in cells if isinstance(c.value, str))
    numbers = [c.value for c in cells if isinstance(c.value, int | float)]
    assert analysis.health.score in numbers
    assert analysis.health.size in numbers
    for component in analysis.health.components:
        assert component.name in texts
    for finding in analysis.health.findings:
        assert finding in texts


# ---- history and the trend chart ----------------------------------------------------------


def history_dates(path: Path) -> list[dt.date]:
    sheet = openpyxl.load_workbook(path)["History"]
    return [r["Report date"].date() for r in records(sheet)]


def test_history_grows_a_row_per_run_and_the_trend_chart_appears(tmp_path: Path) -> None:
    workbook = copy_sample("network.xlsx", tmp_path / "in")
    out = tmp_path / "out"
    week_later = AS_OF + dt.timedelta(days=7)

    first = make_report(workbook, out, AS_OF)
    assert history_dates(first) == [AS_OF]
    first_charts = charts(first)
    assert len(first_charts) == 1  # the category mix only
    (mix,) = first_charts.values()
    assert "<c:barChart>" in mix and "Summary" in mix

    again = make_report(workbook, out, AS_OF)  # the same date: no second row
    assert history_dates(again) == [AS_OF]
    assert len(charts(again)) == 1

    second = make_report(workbook, out, week_later)
    assert history_dates(second) == [AS_OF, week_later]
    second_charts = charts(second)
    assert len(second_charts) == 2
    trend = [x for x in second_charts.values() if "<c:lineChart>" in x]
    assert len(trend) == 1 and "History" in trend[0]

    repeat = make_report(workbook, out, week_later)
    assert history_dates(repeat) == [AS_OF, week_later]
    assert len(charts(repeat)) == 2


# ---- formula injection -------------------------------------------------------------------


@pytest.fixture
def hostile_report(hostile_workbook: Any, tmp_path: Path) -> tuple[Any, Path]:
    """The hostile workbook (conftest) and its report."""
    # The input itself holds the values exactly as typed.
    rows = calamine_rows(hostile_workbook.path, "Contacts")
    assert [r[0] for r in rows[1:]] == list(hostile_workbook.payloads)
    return hostile_workbook, make_report(hostile_workbook.path, tmp_path / "out")


def test_no_user_value_becomes_a_formula(hostile_report: tuple[Any, Path]) -> None:
    hostile, path = hostile_report
    sheets = zip_members(path, r"xl/worksheets/sheet\d+\.xml")
    assert len(sheets) == len(SHEETS)
    for name, xml in sheets.items():
        assert not re.search(r"<f[\s>/]", xml), f"{name} holds a formula"

    book = openpyxl.load_workbook(path)
    sheet = book["Contacts"]
    calamine = calamine_rows(path, "Contacts")
    for header, typed in hostile.text.items():
        cells = column_cells(sheet, header)
        index = calamine[0].index(header)
        assert len(cells) == len(typed)
        for cell, wanted, row in zip(cells, typed, calamine[1:], strict=True):
            assert cell.data_type == "s", f"{cell.coordinate}: {cell.data_type}"
            assert unescape_ooxml(cell.value) == wanted, f"{cell.coordinate}: {cell.value!r}"
            assert row[index] == wanted
            # Marked as text, so an edit in Excel does not turn it into a formula.
            assert cell.quotePrefix, cell.coordinate
    # The outreach list holds the same people, as text too (names trimmed of spaces at most).
    names = [c for c in column_cells(book["Outreach"], "Name") if c.value is not None]
    assert len(names) == len(hostile.payloads)
    assert all(c.data_type == "s" for c in names)
    allowed = set(hostile.payloads) | {p.strip() for p in hostile.payloads}
    assert {unescape_ooxml(c.value) for c in names} <= allowed


def test_only_web_and_mail_links_and_never_javascript(hostile_report: tuple[Any, Path]) -> None:
    hostile, path = hostile_report
    book = openpyxl.load_workbook(path)
    linkedin = column_cells(book["Contacts"], "LinkedIn")[0]
    assert linkedin.value == hostile.link and linkedin.data_type == "s"
    assert linkedin.hyperlink is None

    rels = zip_members(path, r"xl/worksheets/_rels/sheet\d+\.xml\.rels")
    assert rels
    for name, xml in rels.items():
        assert "javascript" not in xml.lower(), name
    links = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                link = cell.hyperlink
                if link is None or not link.target:
                    continue
                links += 1
                target = link.target
                if sheet.title == "Issues":  # a link to the offending cell of the source
                    local = PurePosixPath(target.replace("\\", "/"))
                    assert (path.parent / local).resolve() == hostile.path.resolve()
                else:
                    assert target.lower().startswith(SAFE_SCHEMES), f"{cell.coordinate}: {target}"
    assert links >= len(hostile.payloads)  # the emails are linked
    # The rejected link is listed as an issue, shown as text.
    issues = records(book["Issues"])
    assert any(r["Value"] == hostile.link and r["Code"] == "invalid-link" for r in issues)


# ---- the command ------------------------------------------------------------------------


def test_text_output_names_the_written_file(tmp_path: Path) -> None:
    workbook = copy_sample("network.xlsx", tmp_path / "in")
    out = tmp_path / "out"
    result = invoke(str(workbook), "-o", str(out), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 0, result.output
    written = report_file(out, workbook)
    assert written.is_file()
    summary = out / f"{workbook.stem}-summary-{AS_OF.isoformat()}.html"
    wrote = [line for line in result.stdout.splitlines() if line.startswith("Wrote")]
    assert wrote == [f"Wrote the report {written}", f"Wrote the summary {summary}"], result.stdout
    assert summary.is_file()


def test_json_output(tmp_path: Path) -> None:
    workbook = copy_sample("network.xlsx", tmp_path / "in")
    out = tmp_path / "out"
    args = (str(workbook), "-o", str(out), "--as-of", AS_OF.isoformat(), "--format", "json")
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {
        "written",
        "contacts",
        "categories",
        "score",
        "outreach_count",
        "overdue",
        "counts",
    } <= set(data)
    assert Path(data["written"]["xlsx"]) == report_file(out, workbook)
    assert Path(data["written"]["xlsx"]).is_file()
    checked = check_workbook(workbook, as_of=AS_OF)
    analysis = analyze(checked)
    assert data["contacts"] == len(checked.contacts) == 90
    assert data["categories"] == checked.category_counts()
    assert sum(data["categories"].values()) == data["contacts"]
    assert data["score"] == analysis.health.score
    assert data["outreach_count"] == len(analysis.outreach)
    assert data["overdue"] == analysis.health.overdue
    assert data["counts"] == {"error": 0, "warning": 0, "info": 0, "total": 0}


def test_data_errors_exit_0_and_1_with_strict(tmp_path: Path) -> None:
    workbook = copy_sample("messy.xlsx", tmp_path / "in")
    assert check_workbook(workbook, as_of=AS_OF).has_errors
    for flag, code, out in (([], 0, "plain"), (["--strict"], 1, "strict")):
        result = invoke(
            str(workbook), "-o", str(tmp_path / out), "--as-of", AS_OF.isoformat(), *flag
        )
        assert result.exit_code == code, result.output
        # The report is written all the same.
        assert report_file(tmp_path / out, workbook).is_file()
    clean = copy_sample("network.xlsx", tmp_path / "clean")
    result = invoke(str(clean), "-o", str(tmp_path / "c"), "--as-of", AS_OF.isoformat(), "--strict")
    assert result.exit_code == 0, result.output


def test_missing_workbook_exits_2(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nowhere.xlsx"), "-o", str(tmp_path / "out"))
    assert result.exit_code == 2, result.output
    assert len([line for line in result.stderr.splitlines() if line.strip()]) == 1
    assert "nowhere.xlsx" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_default_output_is_reports_beside_the_workbook(tmp_path: Path) -> None:
    workbook = copy_sample("network.xlsx", tmp_path / "mine")
    result = CliRunner().invoke(cli, ["report", str(workbook), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    reports = tmp_path / "mine" / "reports"
    assert report_file(reports, workbook).is_file()
    assert (reports / "network-history").is_dir()


def test_output_under_a_regular_file_exits_2_with_one_line(tmp_path: Path) -> None:
    workbook = copy_sample("network.xlsx", tmp_path / "in")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    result = invoke(str(workbook), "-o", str(blocker / "reports"), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    assert blocker.read_text() == "a file"


def test_the_source_workbook_is_not_changed(tmp_path: Path) -> None:
    workbook = copy_sample("network.xlsx", tmp_path / "in")
    before, stat = sha256(workbook), workbook.stat()
    make_report(workbook, tmp_path / "out")
    make_report(workbook, tmp_path / "out", AS_OF + dt.timedelta(days=7))
    assert sha256(workbook) == before
    assert workbook.stat().st_mtime_ns == stat.st_mtime_ns
    assert sorted(p.name for p in workbook.parent.iterdir()) == ["network.xlsx"]


def test_written_atomically_via_a_verified_temp_file_in_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = copy_sample("network.xlsx", tmp_path / "in")
    out = tmp_path / "out"
    verified: list[Path] = []
    real_check = netreport.render.xlsx.check_workbook_opens

    def spy(temp: Path, sheets: list[str]) -> None:
        verified.append(Path(temp))
        assert Path(temp).is_file() and not report_file(out, workbook).exists()
        real_check(temp, sheets)

    monkeypatch.setattr(netreport.render.xlsx, "check_workbook_opens", spy)
    path = make_report(workbook, out)
    (temp,) = verified
    assert temp.parent == out and temp != path and not temp.exists()
    summary = f"{workbook.stem}-summary-{AS_OF.isoformat()}.html"
    assert sorted(p.name for p in out.iterdir()) == ["network-history", path.name, summary]

    # A write that fails its check leaves the previous report whole and no temp file.
    before = path.read_bytes()

    def refuse(temp: Path, sheets: list[str]) -> None:
        raise OSError("the written workbook is missing sheets ['Summary']")

    monkeypatch.setattr(netreport.render.xlsx, "check_workbook_opens", refuse)
    result = invoke(str(workbook), "-o", str(out), "--as-of", AS_OF.isoformat())
    assert result.exit_code == 2, result.output
    assert path.read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["network-history", path.name, summary]
