"""The report's sheets written into the owner's workbook: `report --write-back`.

They are named "NR Summary", "NR Contacts", ... (REPORT_SHEET_PREFIX) and are replaced on
every run; the workbook's custom property `netreport_sheets` lists them, so a sheet of the
owner's that happens to share a name is never overwritten. The change itself goes through
`inplace.safe_update` (refusals, backup, check, atomic replace).
"""

from __future__ import annotations

import html
import re
import tempfile
import zipfile
from collections.abc import Collection, Mapping
from copy import copy
from pathlib import Path
from typing import Any

from netreport.analysis import Analysis
from netreport.appending import rows_read
from netreport.atomic import Fingerprint
from netreport.inplace import (
    OUR_SHEETS,
    Grids,
    UpdateRefused,
    Wording,
    check_sheets,
    refusals,
    refuse_if_saved_since,
    safe_update,
)
from netreport.limits import DEFAULT_KEEP_BACKUPS
from netreport.read import read_grids
from netreport.render.xlsx import write_report
from netreport.schema import REPORT_SHEET_PREFIX

MARKER = "netreport_sheets"
WRITE_BACK = Wording(
    "write-back",
    "Run without --write-back to get the report as its own file.",
    "Run without --write-back: the report is written as its own file.",
)


def write_back(
    workbook: Path,
    analysis: Analysis,
    read_as: Fingerprint | None = None,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
) -> tuple[Path, Path]:
    """Put the report sheets into `workbook`, after a backup; returns (workbook, backup).
    `read_as` is the workbook as it was read: if another program has saved it since, nothing
    is written (UpdateRefused). A run checks `refuse_write_back` first, before it writes
    anything; `safe_update` and `_merge` check the same again here."""
    workbook = Path(workbook)
    with tempfile.TemporaryDirectory(prefix="netreport-") as scratch:
        report = Path(scratch) / "report.xlsx"
        write_report(analysis, report, sheet_prefix=REPORT_SHEET_PREFIX)
        backup = safe_update(
            workbook,
            lambda book: _merge(workbook, report, book),
            _verify,
            WRITE_BACK,
            read_grids,
            read_as,
            keep_backups,
            rows_read(analysis.checked.source),
        )
    return workbook, backup


def refuse_write_back(
    workbook: Path,
    read_as: Fingerprint | None = None,
    reads: Mapping[str, Collection[int]] | None = None,
) -> None:
    """Raise UpdateRefused now if writing into `workbook` would be refused later, so a run
    can stop before it writes anything: its format, lock files, parts openpyxl would lose, a
    sheet named like a report sheet that netreport did not write, another program's save."""
    problems = refusals(workbook, WRITE_BACK, reads)
    try:
        foreign = _foreign_report_sheets(workbook) if not problems else []
    except (zipfile.BadZipFile, KeyError, OSError):
        foreign = []  # unreadable now: the fingerprint check below refuses
    if foreign:
        problems.append(_foreign_sheet(workbook, foreign[0]))
    if problems:
        raise UpdateRefused(problems[0])
    if read_as is not None:
        refuse_if_saved_since(workbook, read_as)


def _foreign_report_sheets(workbook: Path) -> list[str]:
    """Sheets named like the report's that the workbook's marker property does not list."""
    with zipfile.ZipFile(workbook.resolve()) as archive:
        sheets = re.findall(
            r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"',
            archive.read("xl/workbook.xml").decode("utf-8", "replace"),
        )
        custom = ""
        if "docProps/custom.xml" in archive.namelist():
            custom = archive.read("docProps/custom.xml").decode("utf-8", "replace")
    found = re.search(rf'name="{MARKER}"[^>]*>\s*<(?:\w+:)?lpwstr>([^<]*)<', custom)
    listed = html.unescape(found.group(1)) if found else ""
    ours = set(filter(None, listed.split("|")))
    return [n for n in map(html.unescape, sheets) if n in OUR_SHEETS and n not in ours]


def _foreign_sheet(workbook: Path, name: str) -> str:
    return (
        f"{workbook.name} has a sheet named '{name}' that netreport did not write. "
        "Rename it and run again; nothing was changed."
    )


def _verify(before: Grids, after: Grids) -> None:
    """Every sheet of the user's (all but the report sheets) reads back cell for cell."""
    mine = {k: v for k, v in before.items() if k not in OUR_SHEETS}
    check_sheets(mine, {k: v for k, v in after.items() if k not in OUR_SHEETS}, {})


def _merge(workbook: Path, report: Path, book: Any) -> None:
    """Swap the report sheets in the user's loaded workbook for those of `report`."""
    from openpyxl import load_workbook
    from openpyxl.packaging.custom import StringProperty

    props = book.custom_doc_props
    previous = next((p.value for p in props if p.name == MARKER), "")
    ours = set(filter(None, str(previous).split("|")))
    for name in OUR_SHEETS:
        if name in book.sheetnames:
            if name not in ours:
                raise UpdateRefused(_foreign_sheet(workbook, name))
            del book[name]
    source = load_workbook(report, rich_text=True)
    for name in OUR_SHEETS:
        _copy_sheet(source, source[name], book.create_sheet(name))
    # The report date the sheets' due-date colours compare with (a defined name of ours).
    for name, defined in source.defined_names.items():
        if name.startswith(REPORT_SHEET_PREFIX.strip() + "_"):
            book.defined_names[name] = copy(defined)
    props.props = [p for p in props.props if p.name != MARKER]
    props.append(StringProperty(name=MARKER, value="|".join(OUR_SHEETS)))


def _copy_sheet(source_book: Any, source: Any, target: Any) -> None:
    """Copy values, styles, sizes, tables, conditional formats, links, charts and print set-up."""
    from openpyxl.worksheet.table import Table

    styles: dict[Any, Any] = {}
    for row in source.iter_rows():
        for cell in row:
            if cell.value is None and not cell.has_style:
                continue
            new = target.cell(row=cell.row, column=cell.column, value=cell.value)
            if cell.data_type == "s":
                new.data_type = "s"  # text stays text, whatever it starts with
            if cell.has_style:
                key = tuple(cell._style)
                if key in styles:
                    new._style = copy(styles[key])
                else:
                    new.font, new.fill = copy(cell.font), copy(cell.fill)
                    new.border, new.alignment = copy(cell.border), copy(cell.alignment)
                    new.number_format, new.protection = cell.number_format, copy(cell.protection)
                    new.quotePrefix = cell.quotePrefix  # formula-like text shows as typed
                    styles[key] = copy(new._style)
            if cell.hyperlink is not None:
                new.hyperlink = copy(cell.hyperlink)
    for key, dim in source.column_dimensions.items():
        column = target.column_dimensions[key]
        column.width, column.min, column.max = dim.width, dim.min, dim.max
    for key, dim in source.row_dimensions.items():
        if dim.height:
            target.row_dimensions[key].height = dim.height
    for merged in source.merged_cells.ranges:
        target.merge_cells(str(merged))
    for table in source.tables.values():
        copied = Table(displayName=table.displayName, ref=table.ref)
        copied.tableStyleInfo = copy(table.tableStyleInfo)
        copied.autoFilter = copy(table.autoFilter)
        target.add_table(copied)
    dxfs = source_book._differential_styles
    for area, rules in source.conditional_formatting._cf_rules.items():
        for rule in rules:
            rule = copy(rule)
            if rule.dxfId is not None:
                rule.dxf, rule.dxfId = copy(dxfs[rule.dxfId]), None
            target.conditional_formatting.add(str(area.sqref), rule)
    for chart in source._charts:
        target.add_chart(chart)
    target.freeze_panes = source.freeze_panes
    target.sheet_view.showGridLines = source.sheet_view.showGridLines
    target.page_setup.orientation = source.page_setup.orientation
    target.page_setup.fitToWidth = source.page_setup.fitToWidth
    target.page_setup.fitToHeight = source.page_setup.fitToHeight
    target.sheet_properties.pageSetUpPr = copy(source.sheet_properties.pageSetUpPr)
    target.page_setup.scale = source.page_setup.scale
    target.print_title_rows = source.print_title_rows
    target.print_title_cols = source.print_title_cols
    target.oddHeader, target.oddFooter = copy(source.oddHeader), copy(source.oddFooter)
