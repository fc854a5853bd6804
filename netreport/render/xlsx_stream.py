"""The report tables' cells, streamed as SpreadsheetML and spliced into XlsxWriter's package.

What this module assumes of XlsxWriter (3.2.5 and later 3.x) beyond its documented API. Each
is checked against the installed XlsxWriter by the test named in brackets, in
tests/render/test_xlsx_stream.py, so a release that breaks one fails that test by name:

1. Part names [test_xlsxwriter_part_names]: the n-th worksheet added is the part
   `xl/worksheets/sheet{n}.xml`, its relationships `xl/worksheets/_rels/sheet{n}.xml.rels`;
   tables are parts under `xl/tables/`.
2. An empty table sheet [test_xlsxwriter_table_sheet_holds_only_the_header]: `add_table`
   writes the header row and no cell below it, so the part holds one `<sheetData>` ending in
   `</sheetData>` with row 1 alone, and one `<dimension ref="..."/>` before it. The rows are
   streamed in before `</sheetData>` and the dimension is rewritten.
3. Where `<hyperlinks>` goes [test_xlsxwriter_hyperlinks_slot]: such a part has no
   `<hyperlinks>` of its own, and after `</sheetData>` and any `<conditionalFormatting>` it
   holds `<pageMargins` (after `<printOptions` when there is one): the links go in front of the
   first of the two, the worksheet schema's order.
4. The `r:` prefix [test_xlsxwriter_declares_the_relationships_prefix]: the `<worksheet>`
   root declares `xmlns:r`, the relationships namespace a `<hyperlink r:id="...">` uses.
5. Relationships [test_xlsxwriter_table_sheet_relationships]: a table sheet always has a
   relationships part (its table's), ending in `</Relationships>`, with ids `rId<n>`: the
   links' `rIdL<n>` are added to it without a collision, with the relationship type
   (`_HYPERLINK`) XlsxWriter gives a `write_url` link.
6. Table parts [test_xlsxwriter_table_part_name_and_refs]: a table part's first ` name="..."`
   is the name given to `add_table`, and its ` ref="..."` attributes (the table's and its
   autoFilter's) all hold its extent. The report declares each table one row deep (XlsxWriter
   checks every cell a table covers, a second per 100,000 rows) and the splice rewrites them.
7. Style indices, a private API [test_xlsxwriter_style_indices]: `Format._get_xf_index()`
   gives a format its index in styles.xml's `cellXfs` for good, and `close()` writes every
   format so indexed at that index although XlsxWriter wrote no cell in it; streamed cells
   refer to it as `s="..."` (`cell_styles`).
8. Links, an internal module [test_xlsxwriter_link_parsing]: `xlsxwriter.url.Url` and
   `UrlTypes` (3.2.5 on): `Url(url)._link_type`, `._target()` and `._anchor` are the
   relationship target and the location `write_url` writes; the static `Url._escape_url` is
   its escaping, and leaves a target holding none of `_URL_ODD`'s characters as it is (so the
   escaping is skipped when no link has one); for mailto, http and https links the short cut
   in `_link` gives what `Url` gives.
9. Limits [test_xlsxwriter_link_limits]: `write_url` takes a link of up to `MAX_URL`
   characters (its default `max_url_length`) and `MAX_LINKS` links a sheet, and no more.
10. Column names [test_xlsxwriter_column_names]: `xlsxwriter.utility.xl_col_to_name`.
11. In memory [test_xlsxwriter_writes_the_package_in_memory]: a `Workbook` given an
   `io.BytesIO` and `{"in_memory": True}` writes the whole package, a zip, into it on
   `close()`; `splice` copies it part by part to the report's file.

Why: XlsxWriter spends about 5 µs on every cell it writes, so a 100,000-contact report took
20 s to write. Here XlsxWriter still writes everything around the cells (the table, widths,
formats, conditional formats, print set-up: `netreport.render.xlsx`); the rows of
`<sheetData>` and the `<hyperlinks>` of each table sheet are generated in chunks from whole
columns and spliced into its package. Strings are written inline (`t="inlineStr"`), which
Excel, LibreOffice, openpyxl and calamine all read; the package stays small because deflate
folds the repetition.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import zipfile
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, fields
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.url import Url, UrlTypes
from xlsxwriter.utility import xl_col_to_name

from netreport.forking import can_fork
from netreport.formulas import FORMULA_TRIGGERS
from netreport.render.aside import Aside, Deflater, Sink, copy_deflated, deflated_member

MAX_LINKS = 65_530  # Excel's limit of hyperlinks per worksheet
MAX_URL = 2_079
CHUNK = 20_000  # rows built at a time: bounds memory on a million-row sheet
_DAY_US = 86_400 * 10**6  # microseconds: nanoseconds since 1899 overflow 64 bits in 2192
_EXCEL_EPOCH = np.datetime64("1899-12-30", "us")
_FIRST_SERIAL = 61  # 1 March 1900: before it Excel's serials carry its 1900 leap-year bug
_URL_ODD = re.compile(r'[%" <>\[\]^`{}]')  # what XlsxWriter escapes in a link target
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
# Control characters (which XML cannot hold, or folds: \r), and text that looks like an escape,
# are written as OOXML escapes (`_xHHHH_`), as Excel and XlsxWriter do. Each is searched for
# on its own: over a whole column that is far faster than one pattern for both.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_CONTROL_BUT_NUL = re.compile(r"[\x01-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_LITERAL = re.compile(r"_x[0-9A-Fa-f]{4}_")


@dataclass(frozen=True)
class Styles:
    """The XF indices of the cell formats data cells use (from XlsxWriter: `cell_styles`)."""

    text: int
    quoted: int
    wrap: int
    wrap_quoted: int
    date: int
    datetime: int
    integer: int
    number: int
    link: int
    link_quoted: int


def cell_styles(formats: Any) -> Styles:
    """The XF indices of `formats`' XlsxWriter formats of the same names as `Styles`' fields,
    fixed now so that XlsxWriter writes them to styles.xml (assumption 7)."""
    return Styles(**{f.name: getattr(formats, f.name)._get_xf_index() for f in fields(Styles)})


@dataclass(frozen=True)
class Column:
    """One table column's data: values by position, how to write them, and optional links.

    kind: text | wrap | date | int | raw (the user's own values, written by their type).
    `links` holds the link target of each cell (None for plain text); a cell with a link
    shows its value in the link style."""

    values: pd.Series
    kind: str = "text"
    links: pd.Series | None = None


@dataclass(frozen=True)
class Table:
    """A table sheet's data: the Excel table's name and its columns' cells."""

    name: str
    columns: Sequence[Column]
    # Each data row's height in points where it must be taller than one line (wrapped text);
    # 0 keeps the default height.
    heights: np.ndarray | None = None

    @property
    def rows(self) -> int:
        return len(self.columns[0].values) if self.columns else 0

    @property
    def cells(self) -> int:
        return self.rows * len(self.columns)

    @property
    def extent(self) -> str:
        """The table's cells: its header and its rows (one blank row when it has none)."""
        return f"A1:{xl_col_to_name(len(self.columns) - 1)}{max(self.rows, 1) + 1}"


# ---- XlsxWriter's package ---------------------------------------------------------------


def splice(package: io.BytesIO, path: Path, tables: dict[int, Table], styles: Styles) -> None:
    """Copy XlsxWriter's package to `path`, streaming each table's rows and links into its
    sheet part and the links' targets into the sheet's relationships. `tables` are keyed by
    their sheet's position among the sheets added to the workbook, from 1.

    The largest table, when it has ASIDE_CELLS cells or more, is built by a child process
    meanwhile (`netreport.render.aside`), and its parts go last into the package."""
    with (
        zipfile.ZipFile(package) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
        contextlib.ExitStack() as stack,
    ):
        members = _Members(source, tables, styles)
        aside = members.aside()
        child = None
        if aside:
            child = stack.enter_context(
                Aside(lambda sink: members.build(sink, aside), Path(path).parent)
            )
        later = []
        for info in source.infolist():
            if info.filename in aside:
                later.append(info)
            else:
                members.write(out, info)
        built = (child.members() if child else None) or {}
        for info in later:
            if info.filename in built:
                copy_deflated(out, _member(info), built[info.filename])
            else:  # the child failed: built here instead
                members.write(out, info)


ASIDE_CELLS = 500_000  # a table with this many cells or more is built aside (Linux)


class _Members:
    """The package's members as the report holds them: each table sheet with its rows and
    links streamed in, its relationships with the links' targets, and each table part with
    its extent; every other member as XlsxWriter wrote it."""

    def __init__(self, source: zipfile.ZipFile, tables: dict[int, Table], styles: Styles):
        self.source, self.styles = source, styles
        self.sheets = {_sheet_part(number): table for number, table in tables.items()}
        self.rels = {_rels_part(part): part for part in self.sheets}
        self.extents = {t.name: t.extent for t in self.sheets.values()}
        self._links: dict[str, tuple[str, list[tuple[str, str]]]] = {}

    def aside(self) -> set[str]:
        """The parts to build aside: the largest table's sheet and relationships, when that
        table is large and this system can fork; else none."""
        if not self.sheets or not can_fork():
            return set()
        part, table = max(self.sheets.items(), key=lambda item: item[1].cells)
        return {part, _rels_part(part)} if table.cells >= ASIDE_CELLS else set()

    def write(self, out: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
        """Write the member `info` into `out`."""
        if info.filename in self.sheets or info.filename in self.rels:
            with deflated_member(out, _member(info)) as stream:
                _stream(stream, self.chunks(info))
        else:
            out.writestr(info, "".join(self.chunks(info)))

    def build(self, sink: Sink, names: set[str]) -> None:
        """Write the members `names` into `sink` (in the child process)."""
        for name in sorted(names):
            _stream(sink.open(name), self.chunks(self.source.getinfo(name)))

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[str]:
        """The member's XML, a piece at a time."""
        name = info.filename
        xml = self.source.read(info).decode()
        if name in self.sheets:
            yield from _sheet_xml(xml, self.sheets[name], self.styles, self.links(name)[0])
        elif name in self.rels:
            yield xml.replace(
                "</Relationships>",
                "".join(
                    f'<Relationship Id="{rid}" Type="{_HYPERLINK}" '
                    f'Target="{attribute(target)}" TargetMode="External"/>'
                    for rid, target in self.links(self.rels[name])[1]
                )
                + "</Relationships>",
            )
        elif name.startswith("xl/tables/"):
            yield _table_extent(xml, self.extents)
        else:
            yield xml

    def links(self, part: str) -> tuple[str, list[tuple[str, str]]]:
        if part not in self._links:
            table = self.sheets[part]
            self._links[part] = hyperlinks(table.columns, table.rows)
        return self._links[part]


def _member(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A member written anew under `info`'s name and date."""
    return zipfile.ZipInfo(info.filename, date_time=info.date_time)


def _sheet_part(number: int) -> str:
    return f"xl/worksheets/sheet{number}.xml"


def _rels_part(sheet_part: str) -> str:
    folder, name = sheet_part.rsplit("/", 1)
    return f"{folder}/_rels/{name}.rels"


def _table_extent(xml: str, extents: dict[str, str]) -> str:
    name = re.search(r' name="([^"]*)"', xml)
    if not name or name.group(1) not in extents:
        return xml
    return re.sub(r' ref="[^"]*"', f' ref="{extents[name.group(1)]}"', xml)


def _sheet_xml(xml: str, table: Table, styles: Styles, links: str) -> Iterator[str]:
    """The sheet part XlsxWriter wrote with the table's rows and links in it."""
    head, tail = xml.split("</sheetData>", 1)
    extent = f'<dimension ref="{table.extent}"/>'
    head = re.sub(r'<dimension ref="[^"]*"/>', extent, head, count=1)
    if links:
        # <hyperlinks> comes before the print set-up in a worksheet's schema order.
        at = min(i for i in (tail.find("<printOptions"), tail.find("<pageMargins")) if i >= 0)
        tail = tail[:at] + links + tail[at:]
    yield head
    yield from sheet_rows(table.columns, styles, table.rows, table.heights)
    yield "</sheetData>" + tail


def _stream(stream: Deflater, chunks: Iterator[str]) -> None:
    """Write the chunks into `stream`, which deflates them; ISA-L lets go of the GIL, so one
    thread deflates a chunk while the next is built."""
    with ThreadPoolExecutor(1) as compressor:
        pending: deque[Future[int]] = deque()
        for chunk in chunks:
            pending.append(compressor.submit(stream.write, chunk.encode()))
            if len(pending) > 2:
                pending.popleft().result()
        for done in pending:
            done.result()


# ---- the cells and the links ------------------------------------------------------------


def sheet_rows(
    columns: Sequence[Column], styles: Styles, rows: int, heights: np.ndarray | None = None
) -> Iterator[str]:
    """The `<row>` elements of rows 2.. (row 1 is the table's header), a chunk at a time;
    `heights` (points, 0 for the default) sets the rows that wrapped text makes taller."""
    letters = [xl_col_to_name(i) for i in range(len(columns))]
    linked = link_mask(columns, rows)
    for start in range(0, rows, CHUNK):
        stop = min(start + CHUNK, rows)
        numbers = np.array([str(n) for n in range(start + 2, stop + 2)], dtype=object)
        parts: list[list[str]] = []
        for col, letter, links in zip(columns, letters, linked, strict=True):
            cells = _Cells(letter, numbers)
            _fill(cells, col, start, styles, None if links is None else links[start:stop])
            parts += cells.lists()
        if heights is None:
            opens = [f'<row r="{n}">' for n in numbers]
        else:
            tall = heights[start:stop]
            opens = [
                f'<row r="{n}" ht="{h:g}" customHeight="1">' if h else f'<row r="{n}">'
                for n, h in zip(numbers, tall.tolist(), strict=True)
            ]
        closes = ["</row>"] * len(numbers)
        # One join over every piece of every cell, row by row: no string per cell is built.
        yield "".join(chain.from_iterable(zip(opens, *parts, closes, strict=True)))


def link_mask(columns: Sequence[Column], rows: int) -> list[np.ndarray | None]:
    """Which cells become links: a target that is usable, the first 65,530 in reading order
    (Excel's limit per sheet; the rest are written as text)."""
    masks: list[np.ndarray | None] = []
    for col in columns:
        if col.links is None:
            masks.append(None)
            continue
        target = col.links.reset_index(drop=True).astype(object)
        usable = target.notna() & (target.astype(str).str.len() <= MAX_URL)
        masks.append(usable.to_numpy(bool))
    present = [m for m in masks if m is not None]
    if not present:
        return masks
    # Reading order is row by row: count across the link columns of each row.
    grid = np.column_stack(present)
    kept = (np.cumsum(grid.ravel()) <= MAX_LINKS).reshape(grid.shape) & grid
    it = iter(kept.T)
    return [None if m is None else next(it) for m in masks]


def hyperlinks(columns: Sequence[Column], rows: int) -> tuple[str, list[tuple[str, str]]]:
    """The `<hyperlinks>` element of the cells `link_mask` keeps, in reading order, and the
    (relationship id, target) pairs it refers to."""
    at: list[np.ndarray] = []
    urls: list[Any] = []
    shown: list[Any] = []
    for c, (col, mask) in enumerate(zip(columns, link_mask(columns, rows), strict=True)):
        if col.links is None or mask is None:
            continue
        where = np.flatnonzero(mask)
        at.append(np.column_stack([where, np.full(len(where), c)]))
        urls += col.links.to_numpy(object)[where].tolist()
        shown += col.values.to_numpy(object)[where].tolist()
    if not urls:
        return "", []
    cells = np.concatenate(at)
    order = np.lexsort((cells[:, 1], cells[:, 0])).tolist()
    letters = [xl_col_to_name(c) for c in range(len(columns))]
    urls = [str(u) for u in urls]
    # Most links need no escaping: one search over them all says so.
    escaping = bool(_URL_ODD.search("\n".join(urls)))
    parts, rels = ["<hyperlinks>"], list[tuple[str, str]]()
    for i in order:
        ref = f"{letters[cells[i, 1]]}{cells[i, 0] + 2}"
        target, location = _link(urls[i], escaping)
        attrs = f' ref="{ref}"'
        if target:
            rid = f"rIdL{len(rels) + 1}"
            rels.append((rid, target))
            attrs += f' r:id="{rid}"'
        if location:
            attrs += f' location="{attribute(location)}"'
        if not target:  # a link inside the workbook shows its text, as Excel writes it
            attrs += f' display="{attribute(str(shown[i]))}"'
        parts.append(f"<hyperlink{attrs}/>")
    parts.append("</hyperlinks>")
    return "".join(parts), rels


def _link(url: str, escaping: bool) -> tuple[str, str]:
    """A link's relationship target ("" inside the workbook) and its anchor, as XlsxWriter's
    `write_url` makes them; its parser is slow (ten microseconds a link, and a report holds
    up to 65,530 a sheet), so the kinds the report writes take a short cut."""
    if url.startswith("mailto:"):
        return (Url._escape_url(url) if escaping else url), ""
    if url.startswith(("https://", "http://")):
        address, _, anchor = url.partition("#")
        return (Url._escape_url(address) if escaping else address), anchor
    if url.startswith("internal:"):
        return "", url.removeprefix("internal:")
    if url.startswith("external:"):  # the Issues sheet's: one workbook, many cells
        path, _, anchor = url.partition("#")
        return _external_target(path), anchor
    parsed = Url(url)
    internal = parsed._link_type == UrlTypes.INTERNAL
    return ("" if internal else parsed._target()), parsed._anchor


@lru_cache(maxsize=64)
def _external_target(link: str) -> str:
    """An `external:` link's relationship target, worked out once per file."""
    return str(Url(link)._target())


# Characters XML 1.0 allows nowhere, not even as references: left out of attribute values
# (a link's target or the text it shows).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def attribute(text: str) -> str:
    return (
        _NOT_XML.sub("", text)
        .replace("&", "&amp;")
        .replace('"', "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\n", "&#xA;")
        .replace("\r", "&#xD;")
        .replace("\t", "&#x9;")
    )


# ---- one column's cells -----------------------------------------------------------------


class _Cells:
    """One column's cells in a chunk, as five parallel pieces per cell, "" where blank:
    `<c r="` + letter, the row number, `" s="..." ...>` up to the value, the value, and the
    closing tags. Filled by kind with numpy, joined row by row in `sheet_rows`."""

    def __init__(self, letter: str, numbers: np.ndarray) -> None:
        self.letter, self.numbers = letter, numbers
        n = len(numbers)
        self.parts = [np.full(n, "", dtype=object) for _ in range(5)]

    def put(self, where: np.ndarray, head: Any, values: Sequence[str], close: str) -> None:
        opening, number, middle, value, closing = self.parts
        opening[where] = f'<c r="{self.letter}'
        number[where] = self.numbers[where]
        middle[where] = head
        value[where] = values
        closing[where] = close

    def text(self, where: np.ndarray, texts: list[str], plain: int, quoted: int) -> None:
        """Text cells; `quoted` for a formula trigger first, so that editing the cell in Excel
        keeps it text."""
        if not texts:
            return
        first, last = _code_points(texts, 0), _code_points(texts, -1)
        quote = np.isin(first, _TRIGGER_POINTS)
        # XML folds its own whitespace at the ends of a text unless told to keep it.
        keep = np.isin(first, _XML_SPACE) | np.isin(last, _XML_SPACE)
        heads = np.array(
            [
                f'" s="{style}" t="inlineStr"><is><t{space}>'
                for style in (plain, quoted)
                for space in ("", ' xml:space="preserve"')
            ],
            dtype=object,
        )
        self.put(where, heads[quote * 2 + keep], escape(texts), "</t></is></c>")

    def number(self, where: np.ndarray, shown: Sequence[str], style: int | np.ndarray) -> None:
        """Number cells (dates too); `style` is one for all or one for each."""
        if isinstance(style, np.ndarray):
            head: Any = np.array([f'" s="{s}"><v>' for s in style.tolist()], dtype=object)
        else:
            head = f'" s="{style}"><v>'
        self.put(where, head, shown, "</v></c>")

    def lists(self) -> list[list[str]]:
        return [p.tolist() for p in self.parts]


def _fill(
    cells: _Cells, col: Column, start: int, styles: Styles, linked: np.ndarray | None
) -> None:
    """Write one column's chunk into `cells`, each value by the column's kind."""
    values = col.values.iloc[start : start + len(cells.numbers)].reset_index(drop=True)
    if col.kind == "date":
        _dates(cells, values, styles)
    elif col.kind == "int":
        numeric = pd.to_numeric(values, errors="coerce")
        where = np.flatnonzero(numeric.notna().to_numpy())
        cells.number(
            where, numeric.iloc[where].astype("int64").astype(str).tolist(), styles.integer
        )
    elif col.kind == "raw":
        _raw(cells, values, styles)
    else:
        wrap = col.kind == "wrap"
        plain = values.notna().to_numpy()
        if linked is not None:
            plain = plain & ~linked
            _texts(cells, values[linked], styles.link, styles.link_quoted)
        plain_style = styles.wrap if wrap else styles.text
        quoted_style = styles.wrap_quoted if wrap else styles.quoted
        _texts(cells, values[plain], plain_style, quoted_style)


_TRIGGER_POINTS = [ord(c) for c in FORMULA_TRIGGERS]
_XML_SPACE = [ord(c) for c in " \t\n\r"]


def _code_points(texts: list[str], at: int) -> np.ndarray:
    """The code point at `at` of every (non-empty) text, without a Python loop."""
    chars = "".join(map(itemgetter(at), texts))
    return np.frombuffer(chars.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def _texts(cells: _Cells, values: pd.Series, plain: int, quoted: int) -> None:
    """Text cells at the positions of `values`' index; empty strings are left blank."""
    texts = values.to_numpy(object)
    if pd.api.types.infer_dtype(texts, skipna=False) != "string":
        texts = np.array([str(t) for t in texts], dtype=object)
    kept = texts != ""
    cells.text(values.index.to_numpy()[kept], texts[kept].tolist(), plain, quoted)


def escape(texts: list[str]) -> list[str]:
    """XML-escape many strings at once: joined, replaced and split again, which is far faster
    than one call per string. Rare odd characters take the slow path."""
    if not texts:
        return []
    joined = "\x00".join(texts)
    odd = joined.count("\x00") != len(texts) - 1
    if odd or _CONTROL_BUT_NUL.search(joined) or _LITERAL.search(joined):
        return [_escape_one(t) for t in texts]
    joined = joined.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return joined.split("\x00")


def _escape_one(text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _LITERAL.sub(lambda m: "_x005F" + m.group(), text)  # the text, not an escape
    return _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _dates(cells: _Cells, values: pd.Series, styles: Styles) -> None:
    stamps = pd.to_datetime(values, errors="coerce")
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    stamps = stamps.astype("datetime64[us]")
    where = np.flatnonzero(stamps.notna().to_numpy())
    us = (stamps.to_numpy()[where] - _EXCEL_EPOCH).astype("int64")
    plain = us % _DAY_US == 0
    serial = us / _DAY_US
    serial[serial < _FIRST_SERIAL] -= 1  # Excel counts a 29 February 1900 that never was
    usable = serial >= 1
    shown = np.where(plain, np.floor(serial).astype("int64").astype(str), serial.astype(str))
    style = np.where(plain, styles.date, styles.datetime)
    cells.number(where[usable], shown[usable].tolist(), style[usable])
    # Before 1900 Excel has no serials: such a date is written as text.
    old = where[~usable]
    if len(old):
        _texts(cells, stamps.iloc[old].dt.strftime("%Y-%m-%d"), styles.text, styles.quoted)


def _raw(cells: _Cells, values: pd.Series, styles: Styles) -> None:
    """The user's own column, each value written as its type: bool, number, date or text."""
    kinds = _kinds(values)
    bools = np.flatnonzero(kinds == "bool")
    if len(bools):
        shown = ["1" if values.iat[i] else "0" for i in bools.tolist()]
        cells.put(bools, f'" s="{styles.text}" t="b"><v>', shown, "</v></c>")
    numbers = np.flatnonzero(kinds == "number")
    if len(numbers):
        cells.number(numbers, [_number(values.iat[i]) for i in numbers.tolist()], styles.number)
    dates = kinds == "date"
    if dates.any():
        _dates(cells, values.where(dates), styles)
    text = kinds == "text"
    if text.any():
        _texts(cells, values[text], styles.text, styles.quoted)


_KINDS = {str: "text", int: "number", bool: "bool", type(None): "blank"}
# pandas' type inference (in C) settles most columns without looking at each value.
_INFERRED = {
    "string": "text",
    "floating": "number",
    "integer": "number",
    "mixed-integer-float": "number",
    "boolean": "bool",
    "datetime": "date",
    "datetime64": "date",
    "date": "date",
}


def _kinds(values: pd.Series) -> np.ndarray:
    inferred = _INFERRED.get(pd.api.types.infer_dtype(values, skipna=True))
    if inferred == "number":
        finite = np.isfinite(pd.to_numeric(values, errors="coerce").to_numpy(float))
        return np.where(finite, "number", np.where(values.isna().to_numpy(), "blank", "text"))
    if inferred:
        return np.where(values.isna().to_numpy(), "blank", inferred)
    return np.array([_KINDS.get(type(v)) or _kind_of(v) for v in values.tolist()])


def _kind_of(value: Any) -> str:
    if value is None or value is pd.NaT or (isinstance(value, float) and value != value):
        return "blank"
    if isinstance(value, bool | np.bool_):
        return "bool"
    if isinstance(value, int | float | np.integer | np.floating):
        return "number" if np.isfinite(value) else "text"
    if isinstance(value, dt.date | np.datetime64):  # datetime and Timestamp are dates too
        return "date"
    return "text"


def _number(value: Any) -> str:
    if isinstance(value, int | np.integer):
        return str(int(value))
    return repr(float(value))
