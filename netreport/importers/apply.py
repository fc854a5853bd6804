"""Writing an import plan into the owner's workbook, through `inplace.safe_update`: lock-file
and lossy-part refusals, a backup, and a check that every cell that was there before reads
back unchanged.
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from pathlib import Path
from typing import Any

from netreport.atomic import Fingerprint
from netreport.formulas import looks_like_formula
from netreport.importers.plan import (
    REVIEW_COLUMNS,
    REVIEW_SHEET,
    ImportPlan,
    used_extent,
)
from netreport.inplace import UpdateRefused, Wording
from netreport.read import column_letter, read_grids
from netreport.schema import norm_key

# How safe_update's refusals read for an import.
WORDING = Wording(
    "import",
    "Save it as an Excel Workbook (.xlsx) and import into that.",
    "Run with --dry-run to see who would be added, or import into a copy saved without "
    "those parts.",
)
# ---- writing ------------------------------------------------------------------------------


def apply_import(
    plan: ImportPlan, backup_dir: Path | None = None, read_as: Fingerprint | None = None
) -> Path:
    """Write the plan into the workbook through the shared safe path; returns the backup.
    Backups go to a `backups/` folder beside the workbook unless `backup_dir` is given.
    `read_as` is the workbook as the plan read it: if another program has saved it since,
    nothing is written."""
    from netreport.inplace import safe_update

    folder = backup_dir or plan.workbook.resolve().parent / "backups"
    return safe_update(
        plan.workbook,
        lambda book: _write(plan, book),
        folder,
        lambda before, after: _verify(plan, before, after),
        WORDING,
        read_grids,
        read_as,
    )


def _write(plan: ImportPlan, book: Any) -> None:
    # `book` is the workbook as the plan read it (safe_update checks its fingerprint).
    sheet = book[plan.sheet]
    for letter, header in plan.new_columns:
        cell = sheet[f"{letter}{plan.header_row}"]
        _put(cell, header)
        left = cell.offset(column=-1) if cell.column > 1 else None
        if left is not None and left.has_style:
            cell._style = copy(left._style)
        width = sheet.column_dimensions[left.column_letter].width if left is not None else None
        sheet.column_dimensions[letter].width = max(width or 0, len(header) + 4)
    if plan.footer and plan.added:
        _move_footer(sheet, plan.footer, len(plan.added))
    template = plan.first_new_row - 1 if plan.first_new_row - 1 > plan.header_row else None
    for added in plan.added:
        for key, value in added.values.items():
            if key not in plan.columns:
                continue
            letter = plan.columns[key]
            cell = sheet[f"{letter}{added.row}"]
            if template is not None:
                above = sheet[f"{letter}{template}"]
                if above.has_style:
                    cell._style = copy(above._style)
            _put(cell, value)
    if plan.added:
        _grow_ranges(plan, sheet)
    if plan.review:
        _write_review(plan, book)


def _move_footer(sheet: Any, footer: tuple[int, int], rows: int) -> None:
    """Move the rows below the people (a totals row, a legend) down by `rows`, with their
    styles, heights and merged cells, to make room for the new people above them."""
    from openpyxl.utils.cell import get_column_letter

    first, last = footer
    sheet.move_range(
        f"A{first}:{get_column_letter(sheet.max_column)}{last}", rows=rows, translate=True
    )
    for merged in sheet.merged_cells.ranges:
        if merged.min_row >= first:
            merged.shift(0, rows)
    for row in range(last, first - 1, -1):
        height = sheet.row_dimensions[row].height
        if height is not None:
            sheet.row_dimensions[row + rows].height = height
            sheet.row_dimensions[row].height = None


def _put(cell: Any, value: Any) -> None:
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


def _grow_ranges(plan: ImportPlan, sheet: Any) -> None:
    """Stretch the sheet's Excel tables (and its filter) that end at the old last row over the
    new rows, and over the new columns when they end at the old last column."""
    from openpyxl.utils.cell import column_index_from_string, range_boundaries
    from openpyxl.utils.cell import get_column_letter as letter_of
    from openpyxl.worksheet.table import TableColumn

    last_old = plan.footer[1] if plan.footer else plan.first_new_row - 1
    last_new = last_old + len(plan.added)
    new_cols = [column_index_from_string(letter) for letter, _ in plan.new_columns]

    def grown(ref: str) -> tuple[str, bool] | None:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row != plan.header_row or max_row != last_old:
            return None
        widen = bool(new_cols) and new_cols[0] == max_col + 1
        right = new_cols[-1] if widen else max_col
        return f"{letter_of(min_col)}{min_row}:{letter_of(right)}{last_new}", widen

    for table in sheet.tables.values():
        if table.totalsRowCount or table.totalsRowShown:
            continue
        change = grown(table.ref)
        if change is None:
            continue
        ref, widen = change
        if widen:
            next_id = max((c.id for c in table.tableColumns), default=0) + 1
            for offset, (_, header) in enumerate(plan.new_columns):
                table.tableColumns.append(TableColumn(id=next_id + offset, name=header))
        table.ref = ref
        if table.autoFilter is not None:
            table.autoFilter.ref = ref
    if sheet.auto_filter.ref:
        change = grown(sheet.auto_filter.ref)
        if change is not None:
            sheet.auto_filter.ref = change[0]


def _write_review(plan: ImportPlan, book: Any) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    if plan.review_exists:
        sheet = book[REVIEW_SHEET]
        columns = plan.review_columns
    else:
        sheet = book.create_sheet(REVIEW_SHEET)
        columns = {}
        bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        for index, (header, _) in enumerate(REVIEW_COLUMNS, start=1):
            cell = sheet.cell(row=1, column=index)
            _put(cell, header)
            cell.font, cell.fill = bold, fill
            columns[norm_key(header)] = index
            width = 40 if header == "Evidence" else 12 if header == "Your row" else 22
            sheet.column_dimensions[column_letter(index - 1)].width = width
        sheet.freeze_panes = "C2"
    link = Font(color="0563C1", underline="single")
    for offset, case in enumerate(plan.review):
        row = plan.review_next_row + offset
        values = {
            "row": case.existing.row,
            "evidence": case.evidence,
            "source": plan.source,
            "listed": plan.as_of,
            **{f"old:{k}": v for k, v in case.existing.values.items()},
            **{f"new:{k}": v for k, v in case.values.items()},
        }
        for header, what in REVIEW_COLUMNS:
            col = columns.get(norm_key(header))
            value = values.get(what)
            if col is None or value is None or value == "":
                continue
            cell = sheet.cell(row=row, column=col)
            _put(cell, value)
            if what == "evidence":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if what == "row":
                target = f"'{plan.sheet.replace(chr(39), chr(39) * 2)}'!A{value}"
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
                cell.font = link


def _verify(plan: ImportPlan, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Every cell that was filled reads back the same; only Contacts (below and to the right)
    and Review gain cells; the new names read back in their rows."""

    def refuse(what: str) -> None:
        raise UpdateRefused(
            f"checking the new workbook found {what}; your workbook was not changed."
        )

    expected = set(before) | ({REVIEW_SHEET} if plan.review else set())
    if set(after) != expected:
        refuse(f"sheets {sorted(set(after) ^ expected)} added or missing")
    for name, grid in before.items():
        if name == plan.sheet and plan.footer and plan.added:
            # The footer moved down past the new rows: compare it where it went.
            first, count = plan.footer[0] - 1, len(plan.added)
            moved = [*grid[:first], *([[]] * count), *grid[first:]]
            changed = _changed_inside(moved, after[name], skip=range(first, first + count))
            if changed:
                refuse(f"{name}!{changed} changed")
        elif name == plan.sheet or (name == REVIEW_SHEET and plan.review):
            changed = _changed_inside(grid, after[name])
            if changed:
                refuse(f"{name}!{changed} changed")
        elif after[name] != grid:
            refuse(f"sheet {name} changed")
    grid = after[plan.sheet]
    name_letter = plan.columns.get("name") or plan.columns.get("first_name")
    if name_letter is not None:
        col = _index(name_letter)
        for added in plan.added:
            got = grid[added.row - 1][col] if added.row - 1 < len(grid) else None
            want = added.values.get("name" if "name" in plan.columns else "first_name")
            if want is not None and got != want:
                refuse(f"{plan.sheet}!{name_letter}{added.row} reading {got!r}, not {want!r}")


def _index(letter: str) -> int:
    from openpyxl.utils.cell import column_index_from_string

    return int(column_index_from_string(letter)) - 1


def _changed_inside(
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
