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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from netreport.analysis.result import KIND_LABELS, Analysis
from netreport.atomic import check_workbook_opens, write_atomically
from netreport.formulas import FORMULA_TRIGGERS
from netreport.render.palette import ACCENT, CATEGORY_COLOURS, DUE_SOON, MUTED, OVERDUE
from netreport.render.xlsx_stream import Column, Table, cell_styles, splice
from netreport.schema import CATEGORIES
from netreport.version import __version__

SHEETS = ("Summary", "Contacts", "Outreach", "Issues", "History")
MAX_ROWS = 1_048_576
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE = 2_000  # rows looked at to fit a column's width
TABLE_STYLE = "Table Style Medium 2"


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

    @property
    def rows(self) -> int:
        return len(self.columns[0].cells.values) if self.columns else 0

    def table(self) -> Table:
        """The grid's data, as `xlsx_stream.splice` streams it into its sheet."""
        return Table(self.name, [c.cells for c in self.columns])


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
    styles = _Styles(book)
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
    grids = {
        "Contacts": contacts_grid(analysis),
        "Outreach": outreach_grid(analysis),
        # Inside the user's own workbook (write-back) a link to a cell is internal.
        "Issues": issues_grid(analysis, None if prefix else _link_base(analysis, path)),
        "History": history_grid(analysis),
    }
    tables = {}
    # The tables' sheets by their position among the sheets added: Summary is the first.
    for number, (name, grid) in enumerate(grids.items(), start=2):
        grid = replace(_within_excel(grid, name, notes), name=f"{prefix.strip()}{name}Table")
        _write_table(book.add_worksheet(prefix + name), grid, styles, name, analysis.as_of, prefix)
        tables[number] = grid.table()
    _write_summary(book, summary, analysis, styles, prefix, grids["History"].rows)
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


class _Styles:
    """The formats a report uses, made once per workbook."""

    def __init__(self, book: Any) -> None:
        add = book.add_format
        self.text = add({"valign": "top"})
        self.quoted = add({"valign": "top", "quote_prefix": True})
        self.wrap = add({"valign": "top", "text_wrap": True})
        self.wrap_quoted = add({"valign": "top", "text_wrap": True, "quote_prefix": True})
        self.date = add({"valign": "top", "num_format": DATE_FORMAT, "align": "left"})
        self.datetime = add({"valign": "top", "num_format": DATETIME_FORMAT, "align": "left"})
        self.integer = add({"valign": "top", "num_format": "0"})
        self.number = add({"valign": "top"})
        self.link = add({"valign": "top", "font_color": "#0B57D0", "underline": 1})
        self.title = add({"bold": True, "font_size": 18, "font_color": ACCENT})
        self.subtitle = add({"font_color": MUTED, "italic": True})
        self.heading = add(
            {
                "bold": True,
                "font_size": 13,
                "font_color": ACCENT,
                "bottom": 1,
                "bottom_color": ACCENT,
            }
        )
        self.label = add(
            {"font_color": MUTED, "font_size": 9, "text_wrap": True, "valign": "bottom"}
        )
        self.figure = add({"bold": True, "font_size": 20, "align": "left"})
        self.percent = add({"num_format": "0%", "align": "center"})
        self.points = add({"num_format": "0.0", "align": "center"})
        self.centre = add({"align": "center"})
        self.bold_centre = add({"bold": True, "align": "center"})
        self.bold = add({"bold": True})
        self.muted_wrap = add({"font_color": MUTED, "text_wrap": True, "valign": "top"})
        self.overdue = add({"bg_color": OVERDUE.fill, "font_color": OVERDUE.text})
        self.soon = add({"bg_color": DUE_SOON.fill, "font_color": DUE_SOON.text})
        self.error = add({"font_color": OVERDUE.text, "bold": True})
        self.warning = add({"font_color": DUE_SOON.text})
        self.category = {
            c: add({"bg_color": s.fill, "font_color": s.text}) for c, s in CATEGORY_COLOURS.items()
        }
        # The data cells are written outside XlsxWriter (see xlsx_stream), so their formats
        # are given their style indices now; XlsxWriter then writes them to styles.xml.
        self.cells = cell_styles(self)


# ---- the tables -------------------------------------------------------------------------


def _user_columns(analysis: Analysis) -> list[Col]:
    """The user's own Contacts columns, in their order, headers kept (the email one: Email)."""
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
        columns.append(Col(header, cells))
    return columns


def _positional(values: pd.Series) -> pd.Series:
    return values.reset_index(drop=True)


def contacts_grid(analysis: Analysis) -> Grid:
    """Every contact: the user's columns first, then what netreport worked out."""
    people = analysis.contacts.reset_index(drop=True)
    return Grid(
        [
            *_user_columns(analysis),
            Col("Category", Column(people["category"]), 11, "category"),
            Col("Reason", Column(people["reason"], "wrap"), 48),
            Col("Last Contact (effective)", Column(people["effective_last"], "date"), 14),
            Col("Days Since Contact", Column(people["days_since"], "int"), 11),
            Col("Next Due", Column(people["next_due"], "date"), 12, "due"),
            Col("Next Action", Column(people["next_action"]), 20),
        ]
    )


def _series(values: list[Any]) -> pd.Series:
    return pd.Series(values, dtype=object)


def _mailto(emails: pd.Series) -> pd.Series:
    usable = emails.notna() & emails.astype(str).str.contains("@", regex=False)
    return ("mailto:" + emails.astype(str)).where(usable)


def outreach_grid(analysis: Analysis) -> Grid:
    items = analysis.outreach
    email = _series([i.email for i in items])
    drafts = [(f"Subject: {i.subject}\n\n" if i.subject else "") + i.draft for i in items]
    return Grid(
        [
            Col("Priority", Column(_series([i.priority for i in items]), "int"), 9),
            Col("Level", Column(_series([i.level for i in items])), 9),
            Col("Name", Column(_series([i.name for i in items]))),
            Col("Email", Column(email, "text", _mailto(email))),
            Col("Category", Column(_series([i.category for i in items])), 11, "category"),
            Col("Action", Column(_series([KIND_LABELS[i.kind] for i in items])), 16),
            Col("Why now", Column(_series([i.why for i in items]), "wrap"), 44),
            Col("Ask", Column(_series([i.ask for i in items]), "wrap"), 48),
            Col("Draft opener", Column(_series(drafts), "wrap"), 60),
            Col("Due", Column(_series([i.due for i in items]), "date"), 12, "due"),
        ]
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


def _string_writer(sheet: Any, plain: Any, quoted: Any) -> Callable[[int, int, str], None]:
    def write(row: int, col: int, text: str) -> None:
        # A leading trigger would make Excel treat an edited cell as a formula: keep it text.
        sheet.write_string(row, col, text, quoted if text.startswith(FORMULA_TRIGGERS) else plain)

    return write


def _within_excel(grid: Grid, name: str, notes: list[str]) -> Grid:
    """The grid cut to Excel's row limit, with a note saying so."""
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
    header = len(col.header) + 3  # the header and its filter button, never cut off
    if col.width:
        return float(max(col.width, header))
    if col.cells.kind == "date":
        return float(max(12, header))
    sample = col.cells.values.iloc[:WIDTH_SAMPLE].dropna()
    longest = int(sample.astype(str).str.len().max()) if len(sample) else 0
    return float(min(MAX_WIDTH, max(MIN_WIDTH, header, longest + 2)))


def _write_table(
    sheet: Any, grid: Grid, styles: _Styles, name: str, as_of: dt.date, prefix: str = ""
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
    for c, col in enumerate(grid.columns):
        sheet.set_column(c, c, _fit(col))
    sheet.freeze_panes(1, 0)
    _conditional_formats(sheet, grid.columns, last_row, styles, as_of)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_header(f'&L&"-,Bold"{name}&R&D')
    sheet.set_footer("&LWritten by netreport&RPage &P of &N")


def _conditional_formats(
    sheet: Any, columns: list[Col], last_row: int, styles: _Styles, as_of: dt.date
) -> None:
    for c, col in enumerate(columns):
        for rule in _rules(col.rule, styles, as_of):
            sheet.conditional_format(1, c, last_row, c, rule)


def _rules(rule: str | None, styles: _Styles, as_of: dt.date) -> list[dict[str, Any]]:
    """The conditional formats of a column's colouring rule, in priority order."""
    day = dt.datetime.combine(as_of, dt.time())
    if rule == "due":
        week = {"minimum": day, "maximum": day + dt.timedelta(days=7)}
        return [
            {"type": "date", "criteria": "less than", "value": day, "format": styles.overdue},
            {"type": "date", "criteria": "between", **week, "format": styles.soon},
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


def _write_summary(
    book: Any, sheet: Any, analysis: Analysis, s: _Styles, prefix: str, history_rows: int
) -> None:
    health, changes = analysis.health, analysis.changes
    owner = analysis.settings.owner
    text = _string_writer(sheet, None, s.quoted)
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 8, 14)
    sheet.hide_gridlines(2)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.set_footer("&LWritten by netreport&RPage &P of &N")
    sheet.write(0, 0, "Network report" + (f": {owner}" if owner else ""), s.title)
    text(
        1,
        0,
        f"Week of {analysis.as_of:%d %B %Y} · {analysis.checked.source.path.name} · "
        f"netreport {__version__}",
    )
    sheet.set_row(1, None, s.subtitle)

    figures = [
        ("Health score (0-100)", health.score),
        ("Contacts", health.size),
        ("Overdue", health.overdue),
        ("Never contacted", health.never_contacted),
        ("Due this week", health.due_this_week),
        ("Outreach this week", len(analysis.outreach)),
        ("Data errors", health.issues["error"]),
        ("Warnings", health.issues["warning"]),
    ]
    sheet.set_row(3, 26)
    sheet.set_row(4, 30)
    for c, (label, _value) in enumerate(figures):
        sheet.write(3, c, label, s.label)
    for c, (_label, value) in enumerate(figures):
        sheet.write_number(4, c, value, s.figure)
    if changes and changes.score_change is not None:
        sign = "+" if changes.score_change >= 0 else ""
        text(5, 0, f"Score {sign}{changes.score_change} since {changes.previous_as_of:%d %b %Y}")

    row = 7
    sheet.write(row, 0, "Health score components", s.heading)
    row += 1
    for c, head in enumerate(("Component", "Weight", "Value", "Points", "How it is measured")):
        sheet.write(row, c, head, s.bold if c in (0, 4) else s.bold_centre)
    for comp in health.components:
        row += 1
        sheet.write(row, 0, comp.name)
        sheet.write_number(row, 1, comp.weight, s.centre)
        if comp.value is None:
            sheet.write(row, 2, "n/a", s.centre)
        else:
            sheet.write_number(row, 2, comp.value, s.percent)
        sheet.write_number(row, 3, comp.points, s.points)
        text(row, 4, comp.detail)

    row += 2
    sheet.write(row, 0, "Findings", s.heading)
    for finding in health.findings or ["Nothing needs your attention this week."]:
        row += 1
        text(row, 0, f"• {finding}")

    row += 2
    sheet.write(row, 0, "Network mix", s.heading)
    row += 1
    mix_first = row + 1
    for c, head in enumerate(("Category", "Contacts", "Share", "Overdue")):
        sheet.write(row, c, head, s.bold if c == 0 else s.bold_centre)
    for category in CATEGORIES:
        row += 1
        count = health.by_category[category]
        sheet.write(row, 0, category, s.category[category])
        sheet.write_number(row, 1, count, s.centre)
        sheet.write_number(row, 2, count / health.size if health.size else 0, s.percent)
        sheet.write_number(row, 3, health.overdue_by_category[category], s.centre)
    mix_last = row
    chart = book.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": "Contacts",
            "categories": [sheet.name, mix_first, 0, mix_last, 0],
            "values": [sheet.name, mix_first, 1, mix_last, 1],
            "points": [{"fill": {"color": CATEGORY_COLOURS[c].strong}} for c in CATEGORIES],
            "data_labels": {"value": True},
        }
    )
    chart.set_title({"name": "Contacts by category"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"reverse": True})
    chart.set_size({"width": 480, "height": 175})
    sheet.insert_chart(mix_first - 2, 5, chart, {"y_offset": 4})

    row += 2
    sheet.write(row, 0, "Activity and reach", s.heading)
    for label, value in _activity(analysis):
        row += 1
        sheet.write(row, 0, label)
        if isinstance(value, float):
            sheet.write_number(row, 1, value, s.percent)
        elif isinstance(value, int):
            sheet.write_number(row, 1, value, s.centre)
        else:
            text(row, 1, str(value))

    row += 2
    since = (
        f" (since {changes.previous_as_of:%d %b %Y})" if changes and changes.previous_as_of else ""
    )
    sheet.write(row, 0, "What changed" + since, s.heading)
    changed = _changes(analysis)
    if not changed:
        row += 1
        sheet.write(row, 0, "This is the first report: next week's will show what changed.")
    for label, names in changed:
        row += 1
        sheet.write(row, 0, label)
        sheet.write_number(row, 1, len(names), s.centre)
        if names:
            sheet.merge_range(row, 2, row, 8, "", s.muted_wrap)
            text(row, 2, _listing(names))

    row += 2
    sheet.write(row, 0, "Trend over past reports", s.heading)
    if history_rows < 2:
        sheet.write(row + 1, 0, "The trend chart appears from the second report on.")
    else:
        trend = book.add_chart({"type": "line"})
        history = prefix + "History"
        last = history_rows
        score_col, overdue_col = 2 + len(CATEGORIES), 3 + len(CATEGORIES)
        for col, name, colour in (
            (score_col, "Score", ACCENT),
            (overdue_col, "Overdue", OVERDUE.strong),
        ):
            trend.add_series(
                {
                    "name": name,
                    "categories": [history, 1, 0, last, 0],
                    "values": [history, 1, col, last, col],
                    "line": {"color": colour, "width": 2.25},
                    "marker": {
                        "type": "circle",
                        "size": 6,
                        "fill": {"color": colour},
                        "border": {"color": colour},
                    },
                }
            )
        trend.set_title({"name": "Score and overdue contacts"})
        trend.set_x_axis({"num_format": "d mmm yyyy"})
        trend.set_legend({"position": "bottom"})
        trend.set_size({"width": 520, "height": 215})
        sheet.insert_chart(row + 1, 0, trend)


def _activity(analysis: Analysis) -> list[tuple[str, Any]]:
    h = analysis.health
    share: Any = "no target fields set" if h.target_share is None else float(h.target_share)
    connectors = ", ".join(f"{n} ({k})" for n, k in h.top_connectors) or "none yet"
    rows: list[tuple[str, Any]] = [
        ("In a target field", h.in_target),
        ("Share in a target field", share),
        ("Within their cadence", h.within_cadence),
        ("Interactions, last 7 days", h.interactions_7),
        ("Interactions, last 30 days", h.interactions_30),
        ("Interactions, last 90 days", h.interactions_90),
        ("Informational interviews, last 90 days", h.informational_90),
        ("Shadowing, last 90 days", h.shadowing_90),
    ]
    if h.new_contacts_30 is not None:
        rows.append(("New contacts, last 30 days", h.new_contacts_30))
    rows += [("Companies", h.companies), ("Fields", h.fields), ("Top connectors", connectors)]
    return rows


def _changes(analysis: Analysis) -> list[tuple[str, list[str]]]:
    changes = analysis.changes
    if changes is None or changes.previous_as_of is None:
        return []
    return [
        ("New contacts", changes.new),
        ("Removed contacts", changes.removed),
        ("Category moves", [f"{n}: {a} → {b}" for n, a, b in changes.moves]),
        ("Outreach done", changes.completed),
    ]


def _listing(names: Iterable[str], limit: int = 12) -> str:
    names = list(names)
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")
