"""The Excel report: Summary, Contacts, Outreach, Issues and History.

Every list is an Excel table with a style, a frozen header, filters, fitted widths, date
formats, wrapped long text, conditional formats and print set-up. XlsxWriter writes the
Summary and the frame of each table sheet; the tables' cells are streamed in beside it
(`netreport.render.xlsx_stream`, which holds all that leans on XlsxWriter's internals), a
hundred times faster than a call per cell. No value of the user's is ever written as a formula:
strings are written as strings (with a quote prefix when they start with a formula trigger, so
an edit in Excel keeps them text), and links are made only from http, https and mailto values
that validation accepted.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from netreport.analysis.result import KIND_LABELS, Analysis, OutreachItem
from netreport.atomic import check_workbook_opens, write_atomically
from netreport.formulas import FORMULA_TRIGGERS
from netreport.render.xlsx_stream import Column, Table, splice
from netreport.render.xlsx_styles import (
    DATE_FORMAT,
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    ReportStyles,
    wrapped_lines,
)
from netreport.render.xlsx_summary import write_summary
from netreport.schema import CATEGORIES, REPORT_SHEETS
from netreport.version import __version__

SHEETS = REPORT_SHEETS
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE = 2_000  # rows looked at to fit a column's width
TABLE_STYLE = "Table Style Medium 2"
# Printing: a landscape Letter page at 100% holds about 111 characters of column width as
# LibreOffice lays them out (A4 a few more). A table that fits on one page wide at 70% or
# more is fitted to it; a wider one prints at PRINT_SCALE, its columns flowing onto further
# pages with the name repeated.
PAGE_CHARACTERS = 111
MIN_FIT_SCALE = 0.7
PRINT_SCALE = 80
# The defined name the due-date colours compare with (write-back prefixes it: NR_ReportDate).
REPORT_DATE_NAME = "ReportDate"


@dataclass(frozen=True)
class Col:
    """A column of a report table: its header, its cells, a width and a colouring rule."""

    header: str
    cells: Column
    width: float | None = None
    rule: str | None = None  # due | category | severity: conditional colours


@dataclass
class Grid:
    """A table to write: its columns, each holding one value per row by position, and the
    Excel table's name."""

    columns: list[Col]
    name: str = ""
    keys: int = 0  # the columns that say who a row is about: frozen, and repeated in print

    @property
    def rows(self) -> int:
        return len(self.columns[0].cells.values) if self.columns else 0

    def table(self) -> Table:
        """The grid's data, as `xlsx_stream.splice` streams it into its sheet."""
        return Table(self.name, [c.cells for c in self.columns], row_heights(self.columns))


def row_heights(columns: list[Col]) -> np.ndarray | None:
    """Each row's height in points, so that every wrapped cell shows whole in any program and
    on paper (0 where one line is enough); None when no row needs more than one line.

    Lines are estimated from the text and the column's width: each line of the text takes
    its characters divided by the width (in Excel's character units), rounded up. Calibri's
    letters are narrower than its width unit, which leaves room for words that wrap early:
    the estimate is on the generous side, and a row a little too tall shows everything."""
    lines: np.ndarray | None = None
    for col in columns:
        if col.cells.kind != "wrap":
            continue
        counted = wrapped_lines(col.cells.values, _fit(col))
        lines = counted if lines is None else np.maximum(lines, counted)
    if lines is None or not (lines > 1).any():
        return None
    return np.where(lines > 1, np.minimum(lines * LINE_HEIGHT, MAX_ROW_HEIGHT), 0.0)


def report_path(out_dir: Path, stem: str, as_of: dt.date, kind: str, suffix: str) -> Path:
    return Path(out_dir) / f"{stem}-{kind}-{as_of.isoformat()}{suffix}"


def write_report(analysis: Analysis, path: Path, sheet_prefix: str = "") -> list[str]:
    """Write the report workbook atomically; returns notes (e.g. a sheet cut at Excel's limit).

    `sheet_prefix` names the sheets for write-back (e.g. "NR " gives "NR Summary")."""
    notes: list[str] = []
    names = [sheet_prefix + s for s in SHEETS]
    write_atomically(
        Path(path),
        lambda temp: _write(analysis, temp, sheet_prefix, notes),
        verify=lambda temp: check_workbook_opens(temp, names),
    )
    return notes


def _write(analysis: Analysis, path: Path, prefix: str, notes: list[str]) -> None:
    import xlsxwriter

    package = io.BytesIO()
    book = xlsxwriter.Workbook(
        package,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": DATE_FORMAT,
            "remove_timezone": True,
        },
    )
    styles = ReportStyles(book)
    owner = analysis.settings.owner
    book.set_properties(
        {
            "title": f"Network report {analysis.as_of.isoformat()}"
            + (f": {owner}" if owner else ""),
            "subject": "Career network health and outreach",
            "author": owner or "netreport",
            "comments": f"netreport {__version__}, from {analysis.checked.source.path.name}",
            "keywords": "career networking, outreach",
        }
    )
    summary = book.add_worksheet(prefix + "Summary")
    day = analysis.as_of
    book.define_name(report_date_name(prefix), f"=DATE({day.year},{day.month},{day.day})")
    grids = {
        "Contacts": contacts_grid(analysis),
        "Outreach": outreach_grid(analysis, prefix),
        "Drafts": drafts_grid(analysis, prefix),
        # Inside the user's own workbook (write-back) a link to a cell is internal.
        "Issues": issues_grid(analysis, None if prefix else _link_base(analysis, path)),
        "History": history_grid(analysis),
    }
    tables = {}
    # The tables' sheets by their position among the sheets added: Summary is the first.
    for number, (name, grid) in enumerate(grids.items(), start=2):
        grid = replace(_within_excel(grid, name, notes), name=f"{prefix.strip()}{name}Table")
        sheet = book.add_worksheet(prefix + name)
        _write_table(sheet, grid, styles, name, prefix, analysis.as_of)
        tables[number] = grid.table()
    write_summary(book, summary, analysis, styles, prefix, grids["History"].rows)
    summary.activate()
    summary.set_first_sheet()
    book.close()
    splice(package, path, tables, styles.cells)


def _link_base(analysis: Analysis, path: Path) -> str:
    """The source workbook relative to the report, for links that open an offending cell."""
    source = analysis.checked.source.path.resolve()
    try:
        return os.path.relpath(source, Path(path).resolve().parent)
    except ValueError:  # another drive on Windows
        return str(source)


# ---- the tables -------------------------------------------------------------------------


def _user_columns(analysis: Analysis) -> list[tuple[str | None, Col]]:
    """The user's own Contacts columns, in their order, headers kept (the email one: Email),
    each with the field it was read as."""
    table = analysis.checked.source.contacts
    if table is None:
        return []
    ours = {
        "category",
        "reason",
        "last contact (effective)",
        "days since contact",
        "next due",
        "next action",
    }
    seen: set[str] = set()
    columns = []
    typed = analysis.contacts
    for column in table.columns:
        header = (
            "Email" if column.field == "email" else (column.header or f"Column {column.letter}")
        )
        if header.casefold() in ours:
            header = f"{header} (as typed)"
        base, n = header, 2
        while header.casefold() in seen:
            header, n = f"{base} ({n})", n + 1
        seen.add(header.casefold())
        raw = _positional(table.frame[column.letter].reindex(typed.index))
        if column.field == "email":
            # An address validation rejected is shown as typed, never linked.
            valid = _positional(typed["email_key"].notna())
            email = _positional(typed["email"])
            cells = Column(email.where(valid, raw), "text", ("mailto:" + email).where(valid))
        elif column.field in ("linkedin", "website"):
            text = _positional(typed[column.field]).where(lambda v: v.notna(), raw)
            web = text.astype(str).str.lower().str.startswith(("https://", "http://"))
            cells = Column(text, "text", text.where(web & text.notna()))
        elif column.field in ("notes", "relationship"):
            cells = Column(raw, "wrap")
        else:
            cells = Column(raw, "raw")
        columns.append((column.field, Col(header, cells)))
    return columns


def _positional(values: pd.Series) -> pd.Series:
    return values.reset_index(drop=True)


NAME_FIELDS = ("name", "first_name", "last_name")


def contacts_grid(analysis: Analysis) -> Grid:
    """Every contact. What a person reads first, on screen and on paper, comes first: the
    user's name and company columns, then Category, Next Due and Next Action; then the rest of
    the user's columns in their order; then the rest of what netreport worked out."""
    people = analysis.contacts.reset_index(drop=True)
    own = _user_columns(analysis)
    names = [col for field, col in own if field in NAME_FIELDS]
    company = [col for field, col in own if field == "company"]
    rest = [col for field, col in own if field not in (*NAME_FIELDS, "company")]
    return Grid(
        [
            *names,
            *company,
            Col("Category", Column(people["category"]), 11, "category"),
            Col("Next Due", Column(people["next_due"], "date"), 12, "due"),
            Col("Next Action", Column(people["next_action"]), 20),
            *rest,
            Col("Reason", Column(people["reason"], "wrap"), 48),
            Col("Last Contact (effective)", Column(people["effective_last"], "date"), 14),
            Col("Days Since Contact", Column(people["days_since"], "int"), 11),
        ],
        keys=len(names),
    )


def _series(values: list[Any]) -> pd.Series:
    return pd.Series(values, dtype=object)


def _mailto(emails: pd.Series) -> pd.Series:
    usable = emails.notna() & emails.astype(str).str.contains("@", regex=False)
    return ("mailto:" + emails.astype(str)).where(usable)


def _draft_text(item: OutreachItem) -> str:
    return (f"Subject: {item.subject}\n\n" if item.subject else "") + item.draft


def outreach_grid(analysis: Analysis, prefix: str = "") -> Grid:
    """This week's list. What fits on a printed page across comes first (whom, what, when,
    why, the ask); the draft opener is on the Drafts sheet, its first line here a link to it,
    so the list's rows stay as tall as why and ask need."""
    items = analysis.outreach
    email = _series([i.email for i in items])
    drafts = _series([_draft_text(i).split("\n", 1)[0] if i.draft else None for i in items])
    links = _series(
        [f"internal:'{prefix}Drafts'!C{n + 2}" if i.draft else None for n, i in enumerate(items)]
    )
    return Grid(
        [
            Col("Priority", Column(_series([i.priority for i in items]), "int"), 9),
            Col("Name", Column(_series([i.name for i in items]))),
            Col("Action", Column(_series([KIND_LABELS[i.kind] for i in items])), 16),
            Col("Due", Column(_series([i.due for i in items]), "date"), 12, "due"),
            Col("Why now", Column(_series([i.why for i in items]), "wrap"), 34),
            Col("Ask", Column(_series([i.ask for i in items]), "wrap"), 38),
            Col("Draft opener", Column(drafts, "text", links.where(drafts.notna()))),
            Col("Email", Column(email, "text", _mailto(email))),
            Col("Category", Column(_series([i.category for i in items])), 11, "category"),
            Col("Level", Column(_series([i.level for i in items])), 9),
        ],
        keys=2,
    )


def drafts_grid(analysis: Analysis, prefix: str = "") -> Grid:
    """Each outreach item's draft opener, whole, in a column wide enough to read it as a
    message; the name links back to the item on the Outreach sheet."""
    items = analysis.outreach
    back = _series([f"internal:'{prefix}Outreach'!B{n + 2}" for n in range(len(items))])
    return Grid(
        [
            Col("Priority", Column(_series([i.priority for i in items]), "int"), 9),
            Col("Name", Column(_series([i.name for i in items]), "text", back)),
            Col("Draft opener", Column(_series([_draft_text(i) for i in items]), "wrap"), 84),
        ],
        keys=2,
    )


def issues_grid(analysis: Analysis, source: str | None) -> Grid:
    """Every problem found; `source` is the workbook's path relative to the report, or None
    when the report sheets live inside that workbook."""
    issues = analysis.checked.issues
    targets = []
    for issue in issues:
        target = None
        if issue.sheet and issue.row and issue.column:
            letter = issue.column.split(" ")[0]
            sheet = issue.sheet.replace("'", "''")
            cell = f"'{sheet}'!{letter}{issue.row}"
            target = f"external:{source}#{cell}" if source else f"internal:{cell}"
        targets.append(target)
    links = _series(targets)
    return Grid(
        [
            Col("Severity", Column(_series([i.severity.value for i in issues])), 10, "severity"),
            Col("Sheet", Column(_series([i.sheet for i in issues])), 14),
            Col("Row", Column(_series([i.row for i in issues]), "int"), 7),
            Col("Column", Column(_series([i.column for i in issues])), 18),
            Col("Value", Column(_series([i.value for i in issues]), "wrap"), 28),
            Col("Message", Column(_series([i.message for i in issues]), "wrap"), 54),
            Col("Hint", Column(_series([i.hint for i in issues]), "wrap"), 54),
            Col("Code", Column(_series([i.code for i in issues])), 22),
            Col(
                "Open",
                Column(_series(["Open cell"] * len(issues)).where(links.notna()), "text", links),
                10,
            ),
        ]
    )


def history_grid(analysis: Analysis) -> Grid:
    trend = analysis.changes.trend if analysis.changes else []
    figures = [
        ("Contacts", [r.contacts for r in trend], 10),
        *((c, [r.by_category.get(c, 0) for r in trend], 10) for c in CATEGORIES),
        ("Score", [r.score for r in trend], 8),
        ("Overdue", [r.overdue for r in trend], 9),
        ("Outreach", [r.outreach for r in trend], 10),
        ("Errors", [r.errors for r in trend], 8),
        ("Warnings", [r.warnings for r in trend], 10),
    ]
    return Grid(
        [
            Col("Report date", Column(_series([r.as_of for r in trend]), "date"), 13),
            *(Col(name, Column(_series(values), "int"), width) for name, values, width in figures),
        ]
    )


# ---- writing the tables -----------------------------------------------------------------


def _within_excel(grid: Grid, name: str, notes: list[str]) -> Grid:
    """The grid cut to Excel's row and column limits, with a note saying so."""
    if len(grid.columns) > MAX_COLUMNS:
        notes.append(
            f"The {name} sheet holds the first {MAX_COLUMNS:,} of {len(grid.columns):,} "
            "columns (Excel's limit); the rest are not in this report."
        )
        grid = replace(grid, columns=grid.columns[:MAX_COLUMNS])
    if grid.rows < MAX_ROWS:
        return grid
    notes.append(
        f"The {name} sheet holds the first {MAX_ROWS - 1:,} of {grid.rows:,} rows "
        "(Excel's limit); the rest are not in this report."
    )
    keep = slice(0, MAX_ROWS - 1)
    return replace(
        grid,
        columns=[
            replace(
                c,
                cells=replace(
                    c.cells,
                    values=c.cells.values.iloc[keep],
                    links=None if c.cells.links is None else c.cells.links.iloc[keep],
                ),
            )
            for c in grid.columns
        ],
    )


def _fit(col: Col) -> float:
    """A column's width: its set width for wrapped text; else wide enough for its header and
    its longest value (up to MAX_WIDTH), so that no value is cut off on screen or on paper."""
    header = len(col.header) + 3  # the header and its filter button, never cut off
    if col.width and col.cells.kind == "wrap":
        return float(max(col.width, header))
    if col.cells.kind == "date":
        return float(max(col.width or 12, header))
    sample = col.cells.values.iloc[:WIDTH_SAMPLE].dropna()
    longest = int(sample.astype(str).str.len().max()) if len(sample) else 0
    return float(min(MAX_WIDTH, max(col.width or MIN_WIDTH, header, longest + 2)))


def _write_table(
    sheet: Any,
    grid: Grid,
    styles: ReportStyles,
    name: str,
    prefix: str = "",
    as_of: dt.date | None = None,
) -> None:
    """Everything of a table sheet but its data cells, which `xlsx_stream.splice` adds."""
    last_row = max(grid.rows, 1)
    # XlsxWriter checks a new table against every cell it covers (a second per 100,000
    # rows), so the table is declared one row deep and `splice` sets its real extent.
    sheet.add_table(
        0,
        0,
        1,
        len(grid.columns) - 1,
        {
            "name": grid.name,
            "style": TABLE_STYLE,
            "columns": [
                {
                    "header": c.header,
                    "header_format": styles.quoted
                    if c.header.startswith(FORMULA_TRIGGERS)
                    else None,
                }
                for c in grid.columns
            ],
            "autofilter": True,
        },
    )
    widths = [_fit(col) for col in grid.columns]
    for c, width in enumerate(widths):
        sheet.set_column(c, c, width)
    sheet.freeze_panes(1, grid.keys)
    _conditional_formats(sheet, grid.columns, last_row, styles, report_date_name(prefix))
    sheet.set_landscape()
    sheet.repeat_rows(0)
    if PAGE_CHARACTERS / sum(widths) >= MIN_FIT_SCALE:
        sheet.fit_to_pages(1, 0)
    else:
        # Too wide to fit at a readable size: printed at PRINT_SCALE, the columns flowing
        # onto further pages (all rows of the first columns first), the name on every page.
        sheet.set_print_scale(PRINT_SCALE)
        if grid.keys:
            sheet.repeat_columns(0, grid.keys - 1)
    # The report's date, written out, on every page (the print date in the reader's locale,
    # "12/03/2026", says neither which week the list is for nor which order it is in).
    day = f"&RReport of {as_of:%d %B %Y}" if as_of else ""
    sheet.set_header(f'&L&"-,Bold"{name}{day}')
    sheet.set_footer("&LWritten by netreport&RPage &P of &N")


def report_date_name(prefix: str) -> str:
    """The defined name holding the report date: ReportDate, or NR_ReportDate in write-back."""
    return f"{prefix.strip()}_{REPORT_DATE_NAME}" if prefix.strip() else REPORT_DATE_NAME


def _conditional_formats(
    sheet: Any, columns: list[Col], last_row: int, styles: ReportStyles, report_date: str
) -> None:
    for c, col in enumerate(columns):
        cell = f"{xl_col_to_name(c)}2"  # relative: each cell of the range tests itself
        for rule in _rules(col.rule, styles, cell, report_date):
            sheet.conditional_format(1, c, last_row, c, rule)


def _rules(
    rule: str | None, styles: ReportStyles, cell: str, report_date: str
) -> list[dict[str, Any]]:
    """The conditional formats of a column's colouring rule, in priority order. Due dates are
    compared with the defined name `report_date`, and only where the cell holds a date: a
    blank is 0 to Excel, and would otherwise look long overdue."""
    if rule == "due":
        dated = f"ISNUMBER({cell})"
        return [
            {
                "type": "formula",
                "criteria": f"=AND({dated},{cell}<{report_date})",
                "format": styles.overdue,
            },
            {
                "type": "formula",
                "criteria": f"=AND({dated},{cell}>={report_date},{cell}<={report_date}+7)",
                "format": styles.soon,
            },
        ]
    if rule == "category":
        colours = list(styles.category.items())
    elif rule == "severity":
        colours = [("error", styles.error), ("warning", styles.warning)]
    else:
        return []
    return [
        {"type": "cell", "criteria": "equal to", "value": f'"{word}"', "format": fmt}
        for word, fmt in colours
    ]


# ---- the Summary sheet ------------------------------------------------------------------
