"""Adding rows to one of the owner's tables (Contacts, Interactions) with openpyxl.

New rows go under the owner's own headers, below the last row that is a person or an entry and
above what sits under the table (a totals row, a legend), which moves down with its styles;
each new cell takes the style of the cell above it; the sheet's Excel tables and filter that
ended at the old last row are stretched over the new rows (and over new columns added at their
right). `changed_cell` is the check afterwards: every cell that was there reads back the same.
Every command that adds rows (import, log, import calendar, import mail) goes through here and
through `inplace.safe_update`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from dataclasses import dataclass
from typing import Any

from netreport.check.validate import people_only
from netreport.formulas import looks_like_formula
from netreport.read import SourceWorkbook, Table, blanked, column_index, column_letter


@dataclass(frozen=True)
class Placement:
    """Where new rows go in one table: its sheet, header row and first new row; the rows below
    it that are not entries (first, last), which move down; each field's column letter; and
    the columns added at the right, (letter, header)."""

    sheet: str
    header_row: int
    first_new_row: int
    footer: tuple[int, int] | None
    columns: dict[str, str]
    new_columns: tuple[tuple[str, str], ...] = ()

    def rows(self, count: int) -> range:
        """The Excel rows `count` new rows take."""
        return range(self.first_new_row, self.first_new_row + count)


def place(
    table: Table,
    grid: list[list[Any]],
    first_key: str,
    new_headers: Mapping[str, str],
    entries: Table | None = None,
) -> Placement:
    """Where rows go in `table`, whose sheet's cells are `grid` (as `read_grids` reads them).
    `first_key` is the field that says a row is an entry (a name, a date), unless the caller
    has `entries` (the table without its non-entries) already; `new_headers` the fields to
    add a column for, at the right, when the table has none."""
    letters = {c.field: c.letter for c in table.columns if c.field}
    used_rows, used_cols = used_extent(grid)
    used_cols = max(used_cols, len(table.columns))
    if entries is None:
        entries = people_only(table, first_key, []) if first_key in letters else table
    last = int(entries.frame.index.max()) if len(entries.frame) else table.header_row
    first_new_row = max(min(last, used_rows), table.header_row) + 1
    footer = (first_new_row, used_rows) if first_new_row <= used_rows else None
    columns = dict(letters)
    added: list[tuple[str, str]] = []
    for key, header in new_headers.items():
        if key not in columns:
            columns[key] = column_letter(used_cols + len(added))
            added.append((columns[key], header))
    return Placement(table.sheet, table.header_row, first_new_row, footer, columns, tuple(added))


def field_values(table: Table, key: str) -> list[Any]:
    """The cells of a field's column, in row order: None where blank (or no such column)."""
    letter = next((c.letter for c in table.columns if c.field == key), None)
    if letter is None:
        return [None] * len(table.frame)
    return [None if v is None or v != v or v == "" else v for v in table.frame[letter].tolist()]


def row_names(table: Table) -> list[str | None]:
    """Each row's name as typed, spaces tidied: the Name column, else First Name + Last Name
    (what validation reads as the name); None for none."""
    names = field_values(table, "name")
    firsts, lasts = field_values(table, "first_name"), field_values(table, "last_name")
    found = []
    for name, first, last in zip(names, firsts, lasts, strict=True):
        if name is None or not str(name).strip():
            name = " ".join(str(v) for v in (first, last) if v is not None)
        found.append(" ".join(str(name).split()) or None)
    return found


def rows_read(source: SourceWorkbook) -> dict[str, frozenset[int]]:
    """The Excel rows netreport reads, by sheet: each table's header and its entries, without
    the rows that are not entries (a totals row, a legend), as the check layer tells them."""
    found: dict[str, frozenset[int]] = {}
    for table, keys in (
        (source.contacts, ("name", "last_name", "first_name")),
        (source.interactions, ("contact", "email", "date")),
        (source.settings, ()),
    ):
        if table is None:
            continue
        fields = {c.field for c in table.columns}
        key = next((k for k in keys if k in fields), None)
        entries = people_only(table, key, []) if key else table
        rows = {table.header_row, *(int(r) for r in entries.frame.index)}
        found[table.sheet] = found.get(table.sheet, frozenset()) | rows
    return found


def append_rows(sheet: Any, placement: Placement, rows: Sequence[Mapping[str, Any]]) -> None:
    """Write `rows` (field key -> value; keys without a column are left out) into `sheet`;
    the new columns' headers too, when there are rows."""
    if not rows:
        return
    for letter, header in placement.new_columns:
        add_column(sheet, letter, placement.header_row, header)
    if placement.footer:
        _move_footer(sheet, placement.footer, len(rows), placement.header_row + 1)
    above = placement.first_new_row - 1
    template = above if above > placement.header_row else None
    for row, values in zip(placement.rows(len(rows)), rows, strict=True):
        for key, value in values.items():
            at = placement.columns.get(key)
            if at is None or value is None or value == "":
                continue
            cell = sheet[f"{at}{row}"]
            if template is not None:
                model = sheet[f"{at}{template}"]
                if model.has_style:
                    cell._style = copy(model._style)
            put(cell, value)
    _grow_ranges(sheet, placement, len(rows))


def add_column(sheet: Any, letter: str, header_row: int, header: str) -> None:
    """A new column's header, styled and as wide as the header to its left; an Excel table
    (or filter) whose header is on that row and which ends just left of it takes it in, so
    that sorting the table sorts the new column with the rest."""
    from openpyxl.utils.cell import get_column_letter, range_boundaries
    from openpyxl.worksheet.table import TableColumn

    cell = sheet[f"{letter}{header_row}"]
    put(cell, header)
    left = cell.offset(column=-1) if cell.column > 1 else None
    if left is not None and left.has_style:
        cell._style = copy(left._style)
    width = sheet.column_dimensions[left.column_letter].width if left is not None else None
    sheet.column_dimensions[letter].width = max(width or 0, len(header) + 4)

    def widened(ref: str) -> str | None:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row != header_row or max_col != cell.column - 1:
            return None
        return f"{get_column_letter(min_col)}{min_row}:{letter}{max_row}"

    for table in sheet.tables.values():
        ref = widened(table.ref)
        if ref is None:
            continue
        next_id = max((c.id for c in table.tableColumns), default=0) + 1
        table.tableColumns.append(TableColumn(id=next_id, name=header))
        table.ref = ref
        if table.autoFilter is not None:
            table.autoFilter.ref = ref
    if sheet.auto_filter.ref and (ref := widened(sheet.auto_filter.ref)):
        sheet.auto_filter.ref = ref


def put(cell: Any, value: Any) -> None:
    """Write a value as what it is: text stays text, whatever it starts with; dates as dates."""
    if isinstance(value, dt.date):
        cell.value = value
        if cell.number_format in ("General", "@"):
            cell.number_format = "yyyy-mm-dd"
        return
    if isinstance(value, int | float):
        cell.value = int(value) if isinstance(value, float) and value.is_integer() else value
        return
    text = str(value)
    cell.value = text
    cell.data_type = "s"  # a leading '=' would otherwise become a live formula
    cell.quotePrefix = looks_like_formula(text)


def _move_footer(sheet: Any, footer: tuple[int, int], rows: int, top: int) -> None:
    """Move the rows below the entries (a totals row, a legend) down by `rows`, with their
    styles, heights and merged cells, to make room for the new rows above them; formulas
    change as Excel changes them when rows are inserted (`_rows_inserted`). `top` is the
    first row of entries."""
    from openpyxl.utils.cell import get_column_letter

    first, last = footer
    sheet.move_range(f"A{first}:{get_column_letter(sheet.max_column)}{last}", rows=rows)
    _rows_inserted(sheet.parent, sheet.title, first, rows, top)
    for merged in sheet.merged_cells.ranges:
        if merged.min_row >= first:
            merged.shift(0, rows)
    for row in range(last, first - 1, -1):
        height = sheet.row_dimensions[row].height
        if height is not None:
            sheet.row_dimensions[row + rows].height = height
            sheet.row_dimensions[row].height = None


# A reference in a formula: an optional sheet, then a cell or a range of cells or rows.
_REFERENCE = re.compile(
    r"^(?:(?P<sheet>'(?:[^']|'')+'|[^'!]+)!)?"
    r"(?P<a>\$?[A-Za-z]{0,3}\$?\d+)(?::(?P<b>\$?[A-Za-z]{0,3}\$?\d+))?$"
)
_CORNER = re.compile(r"^(\$?[A-Za-z]{0,3}\$?)(\d+)$")


def _rows_inserted(book: Any, title: str, at: int, count: int, top: int) -> None:
    """Every formula of the workbook as Excel leaves it when `count` rows are inserted at row
    `at` of the sheet `title`: a reference to a row at or below `at` moves down; a range of
    the entries (from `top` or below) that ends just above `at` grows over the new rows, so
    that a totals row's =COUNTA(A2:A90) counts the people added above it."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    cell.value = _shifted(cell.value, sheet.title == title, title, at, count, top)


def _shifted(formula: str, here: bool, title: str, at: int, count: int, top: int) -> str:
    from openpyxl.formula.tokenizer import Tokenizer

    tokens = Tokenizer(formula)
    changed = False
    for item in tokens.items:
        found = _REFERENCE.match(item.value) if item.subtype == "RANGE" else None
        if found is None:
            continue
        sheet = found.group("sheet")
        name = sheet.strip("'").replace("''", "'") if sheet else None
        if (name is None and not here) or (name is not None and name != title):
            continue
        a, b = found.group("a"), found.group("b")
        first = int(_CORNER.fullmatch(a).group(2))  # type: ignore[union-attr]
        last = int(_CORNER.fullmatch(b).group(2)) if b else first  # type: ignore[union-attr]
        grows = b is not None and last == at - 1 and top <= first < at
        new_first = first + count if first >= at else first
        new_last = last + count if last >= at or grows else last
        if (new_first, new_last) == (first, last):
            continue
        text = _CORNER.sub(rf"\g<1>{new_first}", a)
        if b:
            text += ":" + _CORNER.sub(rf"\g<1>{new_last}", b)
        item.value = f"{sheet}!{text}" if sheet else text
        changed = True
    return str(tokens.render()) if changed else formula


def _grow_ranges(sheet: Any, placement: Placement, count: int) -> None:
    """Stretch the sheet's Excel tables (and its filter) that end at the old last row over the
    new rows (`add_column` took in the new columns)."""
    from openpyxl.utils.cell import get_column_letter as letter_of
    from openpyxl.utils.cell import range_boundaries

    last_entry = placement.first_new_row - 1
    last_old = placement.footer[1] if placement.footer else last_entry

    def grown(ref: str) -> str | None:
        # A table over the entries and what is below them, or over the entries alone (its
        # totals row below it, outside): either way it takes in the rows added above the end.
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row != placement.header_row or max_row not in (last_old, last_entry):
            return None
        return f"{letter_of(min_col)}{min_row}:{letter_of(max_col)}{max_row + count}"

    for table in sheet.tables.values():
        if table.totalsRowCount or table.totalsRowShown:
            continue
        ref = grown(table.ref)
        if ref is None:
            continue
        table.ref = ref
        if table.autoFilter is not None:
            table.autoFilter.ref = ref
    if sheet.auto_filter.ref and (ref := grown(sheet.auto_filter.ref)):
        sheet.auto_filter.ref = ref


def changed_cell(
    before: list[list[Any]],
    after: list[list[Any]],
    placement: Placement,
    count: int,
    also: Iterable[tuple[int, str]] = (),
) -> str | None:
    """The first cell of the sheet as it was that does not read back the same after `count`
    rows were added at `placement` ('B7', where it was), else None. The footer is compared
    where it moved to; the new rows and columns are not compared, nor the cells `also`
    ((Excel row, column letter) above the new rows, meant to change)."""
    also = list(also)
    if also:
        before, after = blanked(before, also), blanked(after, also)
    if placement.footer and count:
        first = placement.footer[0] - 1
        moved = [*before[:first], *([[]] * count), *before[first:]]
        return changed_inside(moved, after, skip=range(first, first + count))
    return changed_inside(before, after)


def changed_inside(
    old: list[list[Any]], new: list[list[Any]], skip: range = range(0)
) -> str | None:
    """The first cell inside the old used area whose value differs, as 'B7', or None; rows
    in `skip` (0-based) are not compared."""
    rows, cols = used_extent(old)
    for r in range(rows):
        if r in skip:
            continue
        for c in range(cols):
            was = old[r][c] if r < len(old) and c < len(old[r]) else ""
            now = new[r][c] if r < len(new) and c < len(new[r]) else ""
            if was != now:
                return f"{column_letter(c)}{r + 1}"
    return None


def changed_outside(
    old: list[list[Any]], new: list[list[Any]], cells: Iterable[tuple[int, str]]
) -> str | None:
    """The first cell, other than `cells` ((Excel row, column letter) that were meant to
    change), whose value differs between the two grids, either way; None when none does."""
    cells = list(cells)
    old, new = blanked(old, cells), blanked(new, cells)
    return changed_inside(old, new) or changed_inside(new, old)


def cell_at(grid: list[list[Any]], row: int, letter: str) -> Any:
    """The value at Excel row `row`, column `letter` of a grid ('' outside it)."""
    r, c = row - 1, column_index(letter)
    return grid[r][c] if r < len(grid) and c < len(grid[r]) else ""


def filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def used_extent(rows: list[list[Any]]) -> tuple[int, int]:
    """The last used row and column (1-based; 0 when the sheet is empty)."""
    last_row = last_col = 0
    for r, row in enumerate(rows, start=1):
        cols = [c for c, value in enumerate(row, start=1) if filled(value)]
        if cols:
            last_row, last_col = r, max(last_col, cols[-1])
    return last_row, last_col
