"""The streamed table cells (netreport.render.xlsx_stream) against the straightforward way,
and each assumption that module makes about XlsxWriter against the installed XlsxWriter.

The report's tables are written column-wise into SpreadsheetML for speed. Here the same
grids are also written the plain way, one `write_*` call of XlsxWriter per cell, and both
files are read back with openpyxl: every cell's value, type, look and link must agree.
The `test_xlsxwriter_*` tests are the numbered assumptions of xlsx_stream's docstring, one
each, so that an XlsxWriter release that breaks one fails a test named after it.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import xml.etree.ElementTree as ET
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
from support.paths import ROOT
from xlsxwriter.utility import xl_col_to_name

from netreport.analysis import analyze
from netreport.check import check_workbook
from netreport.formulas import FORMULA_TRIGGERS
from netreport.render import xlsx, xlsx_stream
from netreport.render.xlsx import Col, Grid
from netreport.render.xlsx_stream import MAX_URL, Column
from netreport.render.xlsx_styles import DATE_FORMAT, DATETIME_FORMAT, ReportStyles

AS_OF = dt.date(2026, 11, 23)


# ---- the straightforward writer: one XlsxWriter call per cell ---------------------------


def write_plainly(grids: dict[str, Grid], path: Path, max_links: int) -> None:
    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    styles = ReportStyles(book)
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


def compare(grids: dict[str, Grid], tmp_path: Path, max_links: int = xlsx_stream.MAX_LINKS) -> None:
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
    package = io.BytesIO()
    book = xlsxwriter.Workbook(package, {"in_memory": True})
    styles = ReportStyles(book)
    tables = {}
    for number, (name, grid) in enumerate(grids.items(), start=1):
        grid = Grid(grid.columns, name=f"{name}Table")
        xlsx._write_table(book.add_worksheet(name), grid, styles, name)
        tables[number] = grid.table()
    book.close()
    xlsx_stream.splice(package, path, tables, styles.cells)


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
    monkeypatch.setattr(xlsx_stream, "MAX_LINKS", 7)
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


# ---- what xlsx_stream assumes of XlsxWriter (its docstring's numbered list) --------------

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# The worksheet schema's children before <hyperlinks>, and from <printOptions> on.
BEFORE_LINKS = {
    "sheetPr",
    "dimension",
    "sheetViews",
    "sheetFormatPr",
    "cols",
    "sheetData",
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
}
AFTER_LINKS = {
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
}
FRAME_TABLES = {2: "ContactsTable", 3: "IssuesTable"}  # sheet position: table name


def _parts(package: io.BytesIO) -> dict[str, str]:
    with zipfile.ZipFile(package) as parts:
        return {name: parts.read(name).decode() for name in parts.namelist()}


@pytest.fixture(scope="module")
def frame() -> dict[str, str]:
    """The package XlsxWriter writes for the report before the splice (a plain first sheet,
    then table sheets framed by `xlsx._write_table`): each part's text by name."""
    package = io.BytesIO()
    book = xlsxwriter.Workbook(package, {"in_memory": True})
    styles = ReportStyles(book)
    book.add_worksheet("Summary").write_string(0, 0, "Summary")
    for number, name in FRAME_TABLES.items():
        grid = Grid(
            [
                Col("Category", Column(pd.Series(["Core"])), rule="category"),
                Col("Due", Column(pd.Series([AS_OF]), "date"), rule="due"),
            ],
            name=name,
        )
        sheet = book.add_worksheet(name.removesuffix("Table"))
        xlsx._write_table(sheet, grid, styles, sheet.name)
        assert sheet.index == number - 1
    book.close()
    return _parts(package)


def test_xlsxwriter_part_names(frame: dict[str, str]) -> None:
    """1. The n-th sheet added is xl/worksheets/sheet{n}.xml, with its relationships beside it;
    tables are under xl/tables/."""
    workbook = ET.fromstring(frame["xl/workbook.xml"])
    targets = {
        rel.get("Id"): rel.get("Target")
        for rel in ET.fromstring(frame["xl/_rels/workbook.xml.rels"])
    }
    sheets = [targets[s.get(R_ID)] for s in workbook.iter(f"{MAIN}sheet")]
    assert sheets == ["worksheets/sheet1.xml", "worksheets/sheet2.xml", "worksheets/sheet3.xml"]
    for number in FRAME_TABLES:
        part = xlsx_stream._sheet_part(number)
        assert part == f"xl/worksheets/sheet{number}.xml"
        assert part in frame
        assert xlsx_stream._rels_part(part) == f"xl/worksheets/_rels/sheet{number}.xml.rels"
    assert len([p for p in frame if p.startswith("xl/tables/")]) == len(FRAME_TABLES)


def test_xlsxwriter_table_sheet_holds_only_the_header(frame: dict[str, str]) -> None:
    """2. add_table writes the header row and nothing below it; one <sheetData> closed by
    </sheetData>, one <dimension ref> before it."""
    for number in FRAME_TABLES:
        xml = frame[xlsx_stream._sheet_part(number)]
        assert xml.count("<sheetData>") == xml.count("</sheetData>") == 1
        data = xml[xml.index("<sheetData>") : xml.index("</sheetData>")]
        assert re.findall(r'<row r="(\d+)"', data) == ["1"]
        assert len(re.findall(r'<dimension ref="[^"]*"/>', xml)) == 1
        assert xml.index("<dimension ref=") < xml.index("<sheetData>")


def test_xlsxwriter_hyperlinks_slot(frame: dict[str, str]) -> None:
    """3. No <hyperlinks> of XlsxWriter's; <pageMargins> (or <printOptions>) after
    </sheetData> is where the worksheet schema puts them: everything before it may come
    before <hyperlinks>, everything from it on after."""
    for number in FRAME_TABLES:
        xml = frame[xlsx_stream._sheet_part(number)]
        assert "<hyperlinks" not in xml
        tags = [child.tag.removeprefix(MAIN) for child in ET.fromstring(xml)]
        assert "conditionalFormatting" in tags  # the frame has what a report sheet has
        slot = min(tags.index(t) for t in ("printOptions", "pageMargins") if t in tags)
        assert set(tags[:slot]) <= BEFORE_LINKS
        assert set(tags[slot:]) <= AFTER_LINKS
        tail = xml.split("</sheetData>", 1)[1]
        assert "<pageMargins" in tail


def test_xlsxwriter_declares_the_relationships_prefix(frame: dict[str, str]) -> None:
    """4. The <worksheet> root declares the r: prefix that <hyperlink r:id> uses."""
    declaration = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    for number in FRAME_TABLES:
        xml = frame[xlsx_stream._sheet_part(number)]
        root = xml[xml.index("<worksheet ") : xml.index(">", xml.index("<worksheet "))]
        assert declaration in root


def test_xlsxwriter_table_sheet_relationships(frame: dict[str, str], tmp_path: Path) -> None:
    """5. Each table sheet has a relationships part ending in </Relationships>, with ids
    rId<n> only; a write_url link's relationship has the type the splice gives its links."""
    for number in FRAME_TABLES:
        xml = frame[xlsx_stream._rels_part(xlsx_stream._sheet_part(number))]
        assert xml.rstrip().endswith("</Relationships>")
        ids = [rel.get("Id") or "" for rel in ET.fromstring(xml)]
        assert ids and all(re.fullmatch(r"rId\d+", i) for i in ids)
    package = io.BytesIO()
    book = xlsxwriter.Workbook(package, {"in_memory": True})
    book.add_worksheet().write_url(0, 0, "https://example.com/")
    book.close()
    (rel,) = ET.fromstring(_parts(package)["xl/worksheets/_rels/sheet1.xml.rels"])
    assert (rel.get("Type"), rel.get("TargetMode")) == (xlsx_stream._HYPERLINK, "External")


def test_xlsxwriter_table_part_name_and_refs(frame: dict[str, str]) -> None:
    """6. A table part's first name= is add_table's name; its ref= attributes (the table's
    and its autoFilter's) all hold the extent it was declared with, which the splice sets."""
    names = []
    for part, xml in frame.items():
        if not part.startswith("xl/tables/"):
            continue
        name = re.search(r' name="([^"]*)"', xml)
        assert name is not None
        names.append(name.group(1))
        assert re.findall(r'<(\w+)[^>]* ref="', xml) == ["table", "autoFilter"]
        assert set(re.findall(r' ref="([^"]*)"', xml)) == {"A1:B2"}  # declared one row deep
        spliced = xlsx_stream._table_extent(xml, {name.group(1): "A1:B9"})
        assert set(re.findall(r' ref="([^"]*)"', spliced)) == {"A1:B9"}
    assert sorted(names) == sorted(FRAME_TABLES.values())


def test_xlsxwriter_style_indices() -> None:
    """7. Format._get_xf_index() fixes a format's place in styles.xml's cellXfs, and close()
    writes it there though no cell XlsxWriter wrote uses it."""
    package = io.BytesIO()
    book = xlsxwriter.Workbook(package, {"in_memory": True})
    cells = ReportStyles(book).cells
    book.add_worksheet()
    book.close()
    styles = ET.fromstring(_parts(package)["xl/styles.xml"])
    formats = {f.get("numFmtId"): f.get("formatCode") for f in styles.iter(f"{MAIN}numFmt")}
    fonts = styles.findall(f"{MAIN}fonts/{MAIN}font")
    xfs = styles.findall(f"{MAIN}cellXfs/{MAIN}xf")

    def look(index: int) -> tuple[bool, bool, str | None, bool]:
        xf = xfs[index]
        alignment = xf.find(f"{MAIN}alignment")
        wrap = alignment is not None and alignment.get("wrapText") == "1"
        font = fonts[int(xf.get("fontId") or 0)]
        return (
            xf.get("quotePrefix") == "1",
            wrap,
            formats.get(xf.get("numFmtId") or "", xf.get("numFmtId")),
            font.find(f"{MAIN}u") is not None,
        )

    assert look(cells.text) == (False, False, "0", False)
    assert look(cells.quoted) == (True, False, "0", False)
    assert look(cells.wrap) == (False, True, "0", False)
    assert look(cells.wrap_quoted) == (True, True, "0", False)
    assert look(cells.date) == (False, False, DATE_FORMAT, False)
    assert look(cells.datetime) == (False, False, DATETIME_FORMAT, False)
    assert look(cells.integer) == (False, False, "1", False)  # built-in format 1: "0"
    assert look(cells.number) == (False, False, "0", False)
    assert look(cells.link) == (False, False, "0", True)


LINKS = [
    "mailto:a b@example.com",
    "mailto:someone@example.com",
    "https://example.com/a b?q=[1]",
    "http://example.com/path#frag ment",
    "https://example.com/100%25",
    "https://example.com/plain",
    "internal:'My Sheet'!B3",
    "external:../folder/work book.xlsx#'Contacts'!C7",
    "external:network.xlsx#'It''s'!A1",
    "external:../folder/work book.xlsx#'Contacts'!C8",  # the same file: its target reused
    "external:c:\\temp\\x.xlsx#A1",
    "external:/abs/path/x y.xlsx#'S'!A1",
    "external:x.xlsx",
    "external:a%20b [1].xlsx#B2",
    "internal:Sheet1!A1",
]


def test_xlsxwriter_link_parsing() -> None:
    """8. xlsxwriter.url's Url and UrlTypes: `_link` makes each link's relationship target
    and location as write_url writes them, with or without the escaping short cut, and
    Url._escape_url leaves a target without `_URL_ODD`'s characters as it is."""
    package = io.BytesIO()
    book = xlsxwriter.Workbook(package, {"in_memory": True})
    sheet = book.add_worksheet()
    for row, url in enumerate(LINKS):
        sheet.write_url(row, 0, url)
    book.close()
    parts = _parts(package)
    targets = {
        rel.get("Id"): rel.get("Target")
        for rel in ET.fromstring(parts["xl/worksheets/_rels/sheet1.xml.rels"])
    }
    written = {
        link.get("ref"): (targets.get(link.get(R_ID), ""), link.get("location") or "")
        for link in ET.fromstring(parts["xl/worksheets/sheet1.xml"]).iter(f"{MAIN}hyperlink")
    }
    for row, url in enumerate(LINKS):
        odd = bool(xlsx_stream._URL_ODD.search(url))
        assert xlsx_stream._link(url, odd) == written[f"A{row + 1}"], url
        assert xlsx_stream._link(url, True) == written[f"A{row + 1}"], url
    assert xlsx_stream.UrlTypes.INTERNAL is xlsx_stream.Url("internal:A1")._link_type
    for code in [*range(0x20, 0x7F), 0xE9, 0x1F389]:
        char = chr(code)
        url = f"https://example.com/a{char}b"
        changed = xlsx_stream.Url._escape_url(url) != url
        assert changed == bool(xlsx_stream._URL_ODD.search(char)), repr(char)


def test_xlsxwriter_link_limits() -> None:
    """9. write_url takes a link of MAX_URL characters and not one more, and MAX_LINKS links
    on a sheet and not one more."""
    book = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
    sheet = book.add_worksheet()
    base = "https://example.com/"
    assert sheet.write_url(0, 1, base + "x" * (MAX_URL - len(base))) == 0
    with pytest.warns(UserWarning, match="limit for URLs"):
        assert sheet.write_url(1, 1, base + "x" * (MAX_URL + 1 - len(base))) == -3
    results = {sheet.write_url(row, 0, f"{base}{row}") for row in range(xlsx_stream.MAX_LINKS - 1)}
    assert results == {0}  # with the one in column B: MAX_LINKS
    with pytest.warns(UserWarning, match="65,530 URLs"):
        assert sheet.write_url(xlsx_stream.MAX_LINKS, 0, base) == -4


def test_xlsxwriter_column_names() -> None:
    """10. xlsxwriter.utility.xl_col_to_name names columns as Excel does."""
    names = [xl_col_to_name(c) for c in (0, 25, 26, 701, 702, 16_383)]
    assert names == ["A", "Z", "AA", "ZZ", "AAA", "XFD"]


def test_xlsxwriter_writes_the_package_in_memory() -> None:
    """11. A Workbook given a BytesIO and in_memory writes the whole package into it on close."""
    package = io.BytesIO()
    book = xlsxwriter.Workbook(package, {"in_memory": True})
    book.add_worksheet().write_string(0, 0, "x")
    assert package.getbuffer().nbytes == 0
    book.close()
    assert zipfile.is_zipfile(package)
    assert {"[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"} <= set(
        _parts(package)
    )
