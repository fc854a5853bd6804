"""What an .xlsx sheet really holds, found from its XML before calamine reads it: cells far
away from the table, and cells holding an error (`#N/A`, `#REF!`...).

calamine builds a dense grid over the bounding box of the cells present, so one value left in
XFD1048576 would make it allocate 17 billion cells (the process aborts), and one in Z1048576
costs seconds and a gigabyte for five contacts. It also reads an error cell as blank. So each
sheet's XML is streamed once from the zip, cheaply (byte searches and a few regular
expressions, never an XML tree), before calamine sees it:

- the bounding box is bounded from the cell references themselves (the `<dimension>` element
  can lie, or be missing): the largest column among references of two letters or more, the
  largest row among references of seven digits or more and the last row of every chunk read;
- only when that box is far larger than the part's size warrants, or reaches past column IV,
  is the sheet parsed cell by cell here, the table told from the far-away cells by the gaps
  between them (1,000 blank rows when the box is too large; 100 blank columns), and the sheet
  handed to calamine rewritten without the far-away cells (each reported as `stray-cell`);
- error cells are found by their `t="e"` type and reported (`error-value`).

The sheet's Excel tables (Insert > Table) are read from their own small parts too: a table
with a totals row says so (`totalsRowCount`), and that row is no contact even when its first
cell is blank.
"""

from __future__ import annotations

import io
import itertools
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO
from xml.etree import ElementTree

import re2

from netreport.read.model import column_letter

CHUNK = 4 * 1024 * 1024  # bytes of a sheet's XML looked at at a time
AREA_FLOOR = 2 * 1024 * 1024  # cells calamine may always lay out (about a second)
BYTES_PER_AREA = 8  # above the floor, one cell of grid per this many bytes of sheet XML
ROW_GAP = 1_000  # blank rows that part the table from what lies below it
COLUMN_GAP = 100  # blank columns that part the table from what lies right of it
WIDE = 256  # columns (to IV) past which a sheet is looked at cell by cell for far-away values

# A reference in a column past Z, or in a row past 999,999: the only ones that can make the
# box large, as the last row of each chunk is in a file whose rows are in order. RE2 scans a
# sheet four times as fast as Python's re, and lets go of the GIL while it does, so the main
# thread meanwhile turns another sheet into columns.
_FAR = re2.compile(rb' r="([A-Z]{2,}\d*|[A-Z]?\d{7,})"')
_LAST_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\sr="(\d+)"')
_ERROR = re.compile(rb'<(?:\w+:)?c\b[^>]*?\st="e"[^>/]*>.*?</(?:\w+:)?c>', re.S)
_TOKEN = re.compile(
    rb"<(?:\w+:)?row\b([^>]*?)>|<((?:\w+:)?)c\b([^>]*?)(?:/>|>(.*?)</\2c>)|</(?:\w+:)?sheetData>",
    re.S,
)
_REF = re.compile(rb'\sr="([A-Z]*)(\d*)"')
_TYPE = re.compile(rb'\st="(\w+)"')
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>|<(?:\w+:)?is>(.*?)</(?:\w+:)?is>", re.S)
_TEXT = re.compile(rb"<(?:\w+:)?t\b[^>]*>([^<]*)</(?:\w+:)?t>")
_ENTITIES = {b"&lt;": b"<", b"&gt;": b">", b"&quot;": b'"', b"&apos;": b"'", b"&amp;": b"&"}


@dataclass(frozen=True)
class FoundCell:
    """A cell found in the XML: Excel's row (1-based), the column (0-based), what it holds."""

    row: int
    column: int
    value: str | None
    shared: int | None = None  # the index of its text among the shared strings, if there

    @property
    def address(self) -> str:
        return f"{column_letter(self.column)}{self.row}"


@dataclass
class SheetSurvey:
    """What one sheet's XML holds that calamine would not say: its error cells, the cells far
    from its table, and (when there were any) the sheet's XML without those cells."""

    errors: list[FoundCell] = field(default_factory=list)
    strays: list[FoundCell] = field(default_factory=list)
    kept: bytes | None = None
    totals: list[TotalsRow] = field(default_factory=list)


@dataclass(frozen=True)
class TotalsRow:
    """A row an Excel table declares as its totals row: the table's name, its header row and
    the totals row (Excel's rows, 1-based)."""

    table: str
    header_row: int
    row: int


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name and the zip member holding its XML, from xl/workbook.xml and its
    relationships. Sheets whose part cannot be found are left out."""
    try:
        book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ElementTree.ParseError):
        return {}
    targets = {
        rel.get("Id"): rel.get("Target", "") for rel in rels if rel.tag.endswith("Relationship")
    }
    names = set(archive.namelist())
    parts: dict[str, str] = {}
    for sheet in book.iter():
        if not sheet.tag.endswith("}sheet"):
            continue
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), None)
        target = targets.get(rid, "")
        member = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        member = re.sub(r"[^/]+/\.\./", "", member)
        if member in names and sheet.get("name") is not None:
            parts[str(sheet.get("name"))] = member
    return parts


_TABLE_REF = re.compile(r"\$?[A-Z]{1,3}\$?(\d{1,7}):\$?[A-Z]{1,3}\$?(\d{1,7})")
_TABLE_PART = "/relationships/table"  # how a sheet's relationships name its tables


def table_totals(archive: zipfile.ZipFile, part: str) -> list[TotalsRow]:
    """The totals rows of the Excel tables on the sheet whose XML is `part`: each table is a
    part of its own, named in the sheet's relationships, whose `ref` covers the header row,
    the data and the last `totalsRowCount` rows, its totals. A part that cannot be read is
    passed over (its rows are then judged as any other)."""
    folder, name = posixpath.split(part)
    try:
        rels = ElementTree.fromstring(archive.read(f"{folder}/_rels/{name}.rels"))
    except (KeyError, ElementTree.ParseError):
        return []
    found: list[TotalsRow] = []
    for rel in rels:
        target = rel.get("Target", "")
        if not rel.get("Type", "").endswith(_TABLE_PART) or not target:
            continue
        member = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        table = _table_element(archive, posixpath.normpath(member))
        if table is None:
            continue
        ref = _TABLE_REF.fullmatch(table.get("ref", ""))
        count = table.get("totalsRowCount", "0")
        if ref is None or not count.isascii() or not count.isdigit() or len(count) > 7:
            continue
        top, bottom = int(ref.group(1)), int(ref.group(2))
        label = table.get("displayName") or table.get("name") or ""
        first = max(bottom - min(int(count), 1) + 1, top + 1)  # Excel's have one at most
        found.extend(TotalsRow(label, top, row) for row in range(first, bottom + 1))
    return found


def _table_element(archive: zipfile.ZipFile, member: str) -> dict[str, str] | None:
    """The attributes of a table part's root element (they say all), read without the rest."""
    try:
        with archive.open(member) as stream:
            for _event, element in ElementTree.iterparse(stream, events=("start",)):
                attributes: dict[str, str] = dict(element.attrib)
                return attributes
    except (KeyError, ElementTree.ParseError):
        return None
    return None


def allowed_area(size: int) -> int:
    """The most cells calamine may lay out for a sheet whose XML is `size` bytes."""
    return max(AREA_FLOOR, size // BYTES_PER_AREA)


def survey_sheet(archive: zipfile.ZipFile, part: str) -> SheetSurvey:
    """Stream the sheet's XML once: its error cells, and when its bounding box is far larger
    than its size warrants, the far-away cells and the XML without them."""
    info = archive.getinfo(part)
    limit = allowed_area(info.file_size)
    survey = SheetSurvey()
    max_row = max_column = 0
    with archive.open(info) as stream:
        for body in _bodies(stream):
            for ref in _FAR.findall(body):
                letters = ref.rstrip(b"0123456789")
                max_column = max(max_column, _column_index(letters) + 1 if letters else 0)
                digits = ref[len(letters) :]
                max_row = max(max_row, int(digits) if digits else 0)
            last = body.rfind(b"<row ")
            prefixed = body.rfind(b":row ", last + 1)  # <x:row ...>, past the last <row ...>
            if prefixed >= 0:
                last = body.rfind(b"<", 0, prefixed)
            found = _LAST_ROW.match(body, last) if last >= 0 else None
            if found:
                max_row = max(max_row, int(found.group(1)))
            if b't="e"' in body:
                found_errors = (_cell(m.group(0), None, None) for m in _ERROR.finditer(body))
                survey.errors.extend(c for c in found_errors if c is not None)
    totals = table_totals(archive, part)
    if max_row * max(max_column, 26) <= limit and max_column <= WIDE:
        survey.totals = totals
        return survey
    survey = _survey_exactly(archive.read(info), limit)
    survey.totals = totals
    if any(c.shared is not None for c in survey.strays):
        texts = _shared_strings(archive, {c.shared for c in survey.strays if c.shared is not None})
        survey.strays = [
            FoundCell(c.row, c.column, texts.get(c.shared)) if c.shared is not None else c
            for c in survey.strays
        ]
    return survey


_SHARED = re.compile(rb"<(?:\w+:)?si\b[^>]*>(.*?)</(?:\w+:)?si>", re.S)


def _shared_strings(archive: zipfile.ZipFile, wanted: set[int]) -> dict[int, str]:
    """The shared strings at the indices `wanted` (xl/sharedStrings.xml, read up to the last
    one wanted)."""
    try:
        data = archive.read("xl/sharedStrings.xml")
    except KeyError:
        return {}
    found: dict[int, str] = {}
    last = max(wanted)
    for index, item in enumerate(_SHARED.finditer(data)):
        if index in wanted:
            found[index] = _unescape(b"".join(_TEXT.findall(item.group(1))))
        if index >= last:
            break
    return found


def _bodies(stream: IO[bytes]) -> Iterator[bytes]:
    """The XML in pieces of about CHUNK bytes, each ending after a `</row>` (or at the end),
    so that no cell is cut in two."""
    carry = b""
    while True:
        chunk = stream.read(CHUNK)
        buffer = carry + chunk
        if not chunk:
            if buffer:
                yield buffer
            return
        cut = buffer.rfind(b"row>")
        if cut < 0:
            carry = buffer
            continue
        yield buffer[: cut + 4]
        carry = buffer[cut + 4 :]


def _column_index(letters: bytes) -> int:
    index = 0
    for byte in letters:
        index = index * 26 + byte - 64
    return index - 1


def _cell(element: bytes, row: int | None, column: int | None) -> FoundCell | None:
    """The cell an element `<c ...>...</c>` holds, placed by its reference (else at `row` and
    `column`); None for a cell without a value (only a style)."""
    head = element[: element.find(b">") + 1]
    ref = _REF.search(head)
    if ref and ref.group(1):
        column = _column_index(ref.group(1))
    if ref and ref.group(2):
        row = int(ref.group(2))
    value = _VALUE.search(element)
    if value is None or row is None or column is None:
        return None
    if value.group(1) is not None:
        text = value.group(1)
        if not text.strip():
            return None
        kind = _TYPE.search(head)
        if kind and kind.group(1) == b"s" and text.strip().isdigit():
            return FoundCell(row, column, None, int(text))
        return FoundCell(row, column, _unescape(text))
    return FoundCell(row, column, _unescape(b"".join(_TEXT.findall(value.group(2)))))


def _unescape(text: bytes) -> str:
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text.decode("utf-8", errors="replace")


def _survey_exactly(xml: bytes, limit: int) -> SheetSurvey:
    """Every cell placed (by its reference, or after the one before it), the table's box told
    by the gaps, and the XML without the cells outside it when the box would be too large."""
    survey = SheetSurvey()
    cells: list[tuple[FoundCell, int, int]] = []  # the cell, its element's start and end
    row, column = 0, -1
    for token in _TOKEN.finditer(xml):
        if token.group(0).startswith(b"</"):
            break
        if token.group(2) is None:  # a row
            ref = _REF.search(b" " + token.group(1))
            row = int(ref.group(2)) if ref and ref.group(2) else row + 1
            column = -1
            continue
        element = token.group(0)
        head = element[: element.find(b">") + 1]
        ref = _REF.search(head)
        column = _column_index(ref.group(1)) if ref and ref.group(1) else column + 1
        found = _cell(element, row, column)
        if found is None:
            continue
        row = found.row
        cells.append((found, token.start(), token.end()))
        kind = _TYPE.search(head)
        if kind and kind.group(1) == b"e":
            survey.errors.append(found)
    if not cells:
        return survey
    top = max(c.row for c, _, _ in cells)
    right = max(c.column for c, _, _ in cells) + 1
    last_row = top
    if top * right > limit:
        last_row = _before_gap(sorted({c.row for c, _, _ in cells}), ROW_GAP)
    # Columns are parted by a gap whatever the size: a value typed 100 columns right of the
    # table (a header reaching XFD) would otherwise widen the table to 16,384 columns.
    last_column = _before_gap(
        sorted({c.column for c, _, _ in cells if c.row <= last_row}), COLUMN_GAP
    )
    dropped = [
        (c, start, end) for c, start, end in cells if c.row > last_row or c.column > last_column
    ]
    if not dropped:
        return survey
    survey.strays = [c for c, _, _ in dropped]
    survey.errors = [c for c in survey.errors if c.row <= last_row and c.column <= last_column]
    kept = io.BytesIO()
    at = 0
    for _, start, end in dropped:
        kept.write(xml[at:start])
        at = end
    kept.write(xml[at:])
    survey.kept = kept.getvalue()
    return survey


def _before_gap(positions: list[int], gap: int) -> int:
    """The last position before the first gap wider than `gap` (all of them if none is)."""
    for before, after in itertools.pairwise(positions):
        if after - before > gap:
            return before
    return positions[-1]


def without_strays(path_or_file: str | IO[bytes], part: str, kept: bytes) -> bytes:
    """The workbook's zip with one sheet's XML replaced by `kept` (the rest copied as is)."""
    out = io.BytesIO()
    with zipfile.ZipFile(path_or_file) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename == part:
                target.writestr(info.filename, kept, zipfile.ZIP_DEFLATED)
            else:
                target.writestr(info, source.read(info), info.compress_type)
    return out.getvalue()
