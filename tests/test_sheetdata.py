"""The streamed table cells (netreport.render.sheetdata) against the straightforward way.

The report's tables are written column-wise into SpreadsheetML for speed. Here the same
grids are also written the plain way, one `write_*` call of XlsxWriter per cell, and both
files are read back with openpyxl: every cell's value, type, look and link must agree.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook

from netreport.analysis import analyze
from netreport.check import check_workbook
from netreport.render import sheetdata, xlsx
from netreport.render.sheetdata import FORMULA_TRIGGERS, MAX_URL, Column
from netreport.render.xlsx import Col, Grid

ROOT = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 11, 23)


# ---- the straightforward writer: one XlsxWriter call per cell ---------------------------


def write_plainly(grids: dict[str, Grid], path: Path, max_links: int) -> None:
    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    styles = xlsx._Styles(book)
    for name, grid in grids.items():
        sheet = book.add_worksheet(name)
        for c, col in enumerate(grid.columns):
            sheet.write_string(0, c, col.header)
        links = 0
        for r in range(grid.rows):
            for c, col in enumerate(grid.columns):
                value = col.cells.values.iloc[r]
                if _blank(value):
                    continue
                target = None if col.cells.links is None else col.cells.links.iloc[r]
                if isinstance(target, str) and len(target) <= MAX_URL and links < max_links:
                    links += 1
                    sheet.write_url(r + 1, c, target, styles.link, str(value))
                else:
                    _write_cell(sheet, styles, r + 1, c, col.cells.kind, value)
    book.close()


def _blank(value: Any) -> bool:
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and math.isnan(value))
    )


def _write_cell(sheet: Any, s: Any, row: int, col: int, kind: str, value: Any) -> None:
    if kind == "date" or (kind == "raw" and isinstance(value, dt.date | pd.Timestamp)):
        stamp = pd.Timestamp(value).to_pydatetime().replace(tzinfo=None)
        if stamp.year < 1900:
            _write_text(sheet, s, row, col, "text", stamp.strftime("%Y-%m-%d"))
        else:
            plain = stamp.time() == dt.time()
            sheet.write_datetime(row, col, stamp, s.date if plain else s.datetime)
    elif kind == "int":
        sheet.write_number(row, col, int(value), s.integer)
    elif kind == "raw" and isinstance(value, bool):
        sheet.write_boolean(row, col, value, s.text)
    elif kind == "raw" and isinstance(value, int | float) and math.isfinite(value):
        sheet.write_number(row, col, value, s.number)
    else:
        _write_text(sheet, s, row, col, kind, str(value))


def _write_text(sheet: Any, s: Any, row: int, col: int, kind: str, text: str) -> None:
    if not text:
        return
    quoted = text.startswith(FORMULA_TRIGGERS)
    if kind == "wrap":
        style = s.wrap_quoted if quoted else s.wrap
    else:
        style = s.quoted if quoted else s.text
    sheet.write_string(row, col, text, style)


# ---- comparing what openpyxl reads back -------------------------------------------------


def cells(path: Path, sheet: str) -> dict[str, tuple[Any, ...]]:
    """Each cell's value and type (read by calamine, which decodes `_xHHHH_` escapes in
    shared and inline strings alike; openpyxl only in shared ones), look and link."""
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    book = openpyxl.load_workbook(path)
    found = {}
    for row in book[sheet].iter_rows(min_row=2):
        for cell in row:
            if cell.value is None:
                continue
            link = cell.hyperlink
            value = values[cell.row - 1][cell.column - 1]
            found[cell.coordinate] = (
                value,
                type(value),
                cell.number_format,
                bool(cell.quotePrefix),
                bool(cell.alignment.wrap_text),
                cell.font.u,
                cell.font.color.rgb if cell.font.color is not None else None,
                (link.target, link.location, link.display if link.location else None)
                if link
                else None,
            )
    return found


def compare(grids: dict[str, Grid], tmp_path: Path, max_links: int = sheetdata.MAX_LINKS) -> None:
    fast, plain = tmp_path / "fast.xlsx", tmp_path / "plain.xlsx"
    write_plainly(grids, plain, max_links)
    write_streamed(grids, fast)
    for name in grids:
        got, wanted = cells(fast, name), cells(plain, name)
        assert got.keys() == wanted.keys(), name
        for ref in wanted:
            (value, *rest), (expected, *expected_rest) = got[ref], wanted[ref]
            # XlsxWriter writes 16 significant digits, the streamed cells 17 (exact): numbers
            # are compared as numbers, everything else (text, dates, booleans) exactly.
            if isinstance(expected, int | float) and not isinstance(expected, bool):
                assert value == pytest.approx(expected, rel=1e-15), f"{name}!{ref}"
            else:
                assert value == expected, f"{name}!{ref}"
            assert rest == expected_rest, f"{name}!{ref}"


def write_streamed(grids: dict[str, Grid], path: Path) -> None:
    """The report writer's own path for bare grids: XlsxWriter's frame, then the splice."""
    import io

    package = io.BytesIO()
    book = xlsxwriter.Workbook(package, {"in_memory": True})
    styles = xlsx._Styles(book)
    tables = {}
    for number, (name, grid) in enumerate(grids.items(), start=1):
        grid = Grid(grid.columns, name=f"{name}Table")
        xlsx._write_table(book.add_worksheet(name), grid, styles, name, AS_OF)
        tables[f"xl/worksheets/sheet{number}.xml"] = grid
    book.close()
    xlsx._splice(package, path, tables, styles.cells)


# ---- the tests ---------------------------------------------------------------------------


def test_every_kind_of_cell_matches_the_plain_writer(tmp_path: Path) -> None:
    values: list[Any] = [
        "plain",
        "=1+1",
        "@handle",
        "-minus",
        "  leading space",
        "trailing\n",
        "a & b < c > d",
        "ctrl\x01char\x1f",
        "\rreturn",
        "_x0041_ literal",
        "emoji 🎉 and accents é",
        "",
        None,
        float("nan"),
        42,
        -3.25,
        1e20,
        float("inf"),
        True,
        False,
        dt.datetime(2026, 1, 2, 13, 45),
        dt.date(2025, 12, 31),
        pd.Timestamp("1899-06-01"),
        pd.Timestamp("1900-02-15"),
        dt.time(9, 30),
        pd.NaT,
    ]
    n = len(values)
    raw = pd.Series(values, dtype=object)
    texts = pd.Series([None if _blank(v) else str(v) for v in values], dtype=object)
    dates = pd.Series(
        pd.to_datetime(
            ["2026-11-23", "2026-11-23 08:30", None, "1899-12-31", "1900-03-01"] * 6,
            format="mixed",
        )[:n]
    )
    ints = pd.Series([1, None, 3.0, -7, 0, 12] * 5, dtype=object)[:n].reset_index(drop=True)
    emails = pd.Series(
        ["a@example.com", "not-an-email", None, "b c@example.com", "x@y.z", "ü@example.org"] * 5,
        dtype=object,
    )[:n].reset_index(drop=True)
    urls = pd.Series(
        [
            "https://example.com/a b",
            "http://example.com/#frag",
            "https://example.com/" + "x" * 2100,
            "ftp://nope",
            None,
            "https://example.com/100%25",
        ]
        * 5,
        dtype=object,
    )[:n].reset_index(drop=True)
    web = urls.where(urls.astype(str).str.startswith(("http://", "https://")))
    cells_ = pd.Series(
        ["internal:'My Sheet'!B3", "external:../folder/work book.xlsx#'Contacts'!C7", None] * 10,
        dtype=object,
    )[:n].reset_index(drop=True)
    grid = Grid(
        [
            Col("Raw", Column(raw, "raw")),
            Col("Text", Column(texts)),
            Col("Wrap", Column(texts, "wrap")),
            Col("Date", Column(dates, "date")),
            Col("Int", Column(ints, "int")),
            Col("Email", Column(emails, "text", ("mailto:" + emails).where(emails.notna()))),
            Col("Web", Column(urls, "text", web)),
            Col("Open", Column(cells_.where(cells_.isna(), "Open cell"), "text", cells_)),
        ]
    )
    compare({"Everything": grid}, tmp_path)


def test_links_past_excels_limit_are_cut_in_reading_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sheetdata, "MAX_LINKS", 7)
    emails = pd.Series([f"p{i}@example.com" for i in range(10)], dtype=object)
    links = "mailto:" + emails
    grid = Grid(
        [
            Col("A", Column(emails, "text", links)),
            Col("B", Column(emails, "text", links.where(emails.index % 2 == 0))),
        ]
    )
    compare({"Links": grid}, tmp_path, max_links=7)
    book = openpyxl.load_workbook(tmp_path / "fast.xlsx")
    assert sum(c.hyperlink is not None for row in book["Links"].iter_rows() for c in row) == 7


@pytest.mark.parametrize("workbook", ["network.xlsx", "messy.xlsx"])
def test_the_report_tables_match_the_plain_writer(workbook: str, tmp_path: Path) -> None:
    analysis = analyze(check_workbook(ROOT / "sample_workbooks" / workbook, as_of=AS_OF))
    grids = {
        "Contacts": xlsx.contacts_grid(analysis),
        "Outreach": xlsx.outreach_grid(analysis),
        "Issues": xlsx.issues_grid(analysis, "../network.xlsx"),
        "History": xlsx.history_grid(analysis),
    }
    assert grids["Contacts"].rows > 20
    assert grids["Issues"].rows >= (workbook == "messy.xlsx")
    compare(grids, tmp_path)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    values=st.lists(
        st.one_of(
            st.none(),
            st.text(),
            st.integers(-(10**15), 10**15),
            # Near the largest double XlsxWriter's 16 digits round up to infinity.
            st.floats(-1e300, 1e300),
            st.sampled_from([math.inf, -math.inf, math.nan]),
            st.booleans(),
            st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(2200, 1, 1)),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_any_values_match_the_plain_writer(values: list[Any], tmp_path_factory: Any) -> None:
    raw = pd.Series(values, dtype=object)
    text = raw.map(lambda v: None if _blank(v) else str(v))
    grid = Grid([Col("Raw", Column(raw, "raw")), Col("Wrap", Column(text, "wrap"))])
    compare({"Any": grid}, tmp_path_factory.mktemp("any"))


def test_a_table_past_excels_row_limit_is_cut_with_a_note(tmp_path: Path) -> None:
    rows = xlsx.MAX_ROWS + 5
    grid = Grid([Col("N", Column(pd.Series(range(rows)), "int"))])
    notes: list[str] = []
    cut = xlsx._within_excel(grid, "Contacts", notes)
    assert cut.rows == xlsx.MAX_ROWS - 1
    assert notes == [
        f"The Contacts sheet holds the first 1,048,575 of {rows:,} rows (Excel's limit); "
        "the rest are not in this report."
    ]
    write_streamed({"Contacts": cut}, tmp_path / "big.xlsx")
    with zipfile.ZipFile(tmp_path / "big.xlsx") as package:
        table = package.read("xl/tables/table1.xml").decode()
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
    assert 'ref="A1:A1048576"' in table
    assert sheet.rstrip().endswith("</worksheet>")
    last = sheet[sheet.rindex("<row ") : sheet.index("</sheetData>")]
    assert re.fullmatch(r'<row r="1048576"><c r="A1048576" s="\d+"><v>1048574</v></c></row>', last)
