"""Writing an import plan into the owner's workbook, through `inplace.safe_update`: lock-file
and lossy-part refusals, a backup, and a check that every cell that was there before reads
back unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netreport.appending import append_rows, cell_at, changed_cell, changed_inside, put
from netreport.atomic import Fingerprint
from netreport.importers.plan import REVIEW_COLUMNS, REVIEW_SHEET, ImportPlan
from netreport.inplace import Wording, check_sheets, refuse_read_back
from netreport.limits import DEFAULT_KEEP_BACKUPS
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
    plan: ImportPlan, read_as: Fingerprint | None = None, keep_backups: int = DEFAULT_KEEP_BACKUPS
) -> Path:
    """Write the plan into the workbook through the shared safe path; returns the backup
    (in `inplace.backup_folder`). `read_as` is the workbook as the plan read it: if another
    program has saved it since, nothing is written."""
    from netreport.inplace import safe_update

    return safe_update(
        plan.workbook,
        lambda book: _write(plan, book),
        lambda before, after: _verify(plan, before, after),
        WORDING,
        read_grids,
        read_as,
        keep_backups,
        plan.reads,
    )


def _write(plan: ImportPlan, book: Any) -> None:
    # `book` is the workbook as the plan read it (safe_update checks its fingerprint).
    append_rows(book[plan.sheet], plan.placement, [added.values for added in plan.added])
    if plan.review:
        _write_review(plan, book)


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
            put(cell, header)
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
            put(cell, value)
            if what == "evidence":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if what == "row":
                target = f"'{plan.sheet.replace(chr(39), chr(39) * 2)}'!A{value}"
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
                cell.font = link


def _verify(plan: ImportPlan, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Every cell that was filled reads back the same; only Contacts (below and to the right)
    and Review gain cells; the new names read back in their rows."""
    count = len(plan.added)
    changes: dict[str, Any] = {plan.sheet: lambda o, n: changed_cell(o, n, plan.placement, count)}
    if plan.review:
        changes[REVIEW_SHEET] = changed_inside
    check_sheets(before, after, changes, [REVIEW_SHEET] if plan.review else [])
    name_key = "name" if "name" in plan.columns else "first_name"
    letter = plan.columns.get(name_key)
    if letter is not None:
        for added in plan.added:
            got, want = cell_at(after[plan.sheet], added.row, letter), added.values.get(name_key)
            if want is not None and got != want:
                refuse_read_back(f"{plan.sheet}!{letter}{added.row} reading {got!r}, not {want!r}")
