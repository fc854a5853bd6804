"""The Excel report: Summary, Contacts, Outreach, Issues and History, written with XlsxWriter.

Every list is an Excel table with a style, a frozen header, filters, fitted widths, date
formats, wrapped long text, conditional formats and print set-up. No value of the user's is
ever written as a formula: strings go through `write_string` (with a quote prefix when they
start with a formula trigger, so an edit in Excel keeps them text), and links are made only
from http, https and mailto values that validation accepted.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from netreport import __version__
from netreport.analysis.result import KIND_LABELS, Analysis
from netreport.files import check_workbook_opens, write_atomically
from netreport.render.palette import ACCENT, CATEGORY_COLOURS, DUE_SOON, MUTED, OVERDUE
from netreport.schema import CATEGORIES

SHEETS = ("Summary", "Contacts", "Outreach", "Issues", "History")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_LINKS = 65_530  # Excel's limit of hyperlinks per worksheet
MAX_ROWS = 1_048_576
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MIN_WIDTH, MAX_WIDTH = 8, 60
WIDTH_SAMPLE = 2_000  # rows looked at to fit a column's width
TABLE_STYLE = "Table Style Medium 2"


@dataclass(frozen=True)
class Col:
    """A column of a report table: its header, how its cells are written, and a width."""

    header: str
    kind: str = "text"  # text | wrap | date | int | mailto | url | category | cell-link
    width: float | None = None


@dataclass
class Grid:
    """A table to write: columns and rows of plain Python values (None for blank)."""

    columns: list[Col]
    rows: list[list[Any]]


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

    book = xlsxwriter.Workbook(
        str(path),
        {
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
    sheets = {
        "Contacts": contacts_grid(analysis),
        "Outreach": outreach_grid(analysis),
        # Inside the user's own workbook (write-back) a link to a cell is internal.
        "Issues": issues_grid(analysis, None if prefix else _link_base(analysis, path)),
        "History": history_grid(analysis),
    }
    for name, grid in sheets.items():
        sheet = book.add_worksheet(prefix + name)
        _write_table(sheet, grid, styles, name, notes, analysis.as_of, prefix)
    _write_summary(book, summary, analysis, styles, prefix, len(sheets["History"].rows))
    summary.activate()
    summary.set_first_sheet()
    book.close()


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
        self.int = add({"valign": "top", "num_format": "0"})
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


# ---- the tables -------------------------------------------------------------------------


def _user_columns(analysis: Analysis) -> tuple[list[Col], list[pd.Series]]:
    """The user's own Contacts columns, in their order, headers kept (the email one: Email)."""
    table = analysis.checked.source.contacts
    if table is None:
        return [], []
    ours = {
        "category",
        "reason",
        "last contact (effective)",
        "days since contact",
        "next due",
        "next action",
    }
    seen: set[str] = set()
    columns, values = [], []
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
        raw = table.frame[column.letter].reindex(typed.index)
        if column.field == "email":
            columns.append(Col(header, "mailto"))
            # An address validation rejected is shown as typed, never linked.
            values.append(typed["email"].where(typed["email_key"].notna(), raw.map(_as_text)))
        elif column.field in ("linkedin", "website"):
            columns.append(Col(header, "url"))
            values.append(typed[column.field].where(typed[column.field].notna(), raw))
        elif column.field in ("notes", "relationship"):
            columns.append(Col(header, "wrap"))
            values.append(raw)
        else:
            columns.append(Col(header, "raw"))
            values.append(raw)
    return columns, values


def contacts_grid(analysis: Analysis) -> Grid:
    """Every contact: the user's columns first, then what netreport worked out."""
    people = analysis.contacts
    columns, values = _user_columns(analysis)
    columns += [
        Col("Category", "category", 11),
        Col("Reason", "wrap", 48),
        Col("Last Contact (effective)", "date", 14),
        Col("Days Since Contact", "int", 11),
        Col("Next Due", "due", 12),
        Col("Next Action", "text", 20),
    ]
    values += [
        people["category"],
        people["reason"],
        people["effective_last"],
        people["days_since"],
        people["next_due"],
        people["next_action"],
    ]
    return Grid(columns, _rows(values))


def _rows(values: Sequence[pd.Series]) -> list[list[Any]]:
    if not values:
        return []
    frame = pd.concat([v.reset_index(drop=True) for v in values], axis=1, ignore_index=True)
    return frame.astype(object).where(frame.notna(), None).values.tolist()


def outreach_grid(analysis: Analysis) -> Grid:
    columns = [
        Col("Priority", "int", 9),
        Col("Level", "text", 9),
        Col("Name", "text"),
        Col("Email", "mailto"),
        Col("Category", "category", 11),
        Col("Action", "text", 16),
        Col("Why now", "wrap", 44),
        Col("Ask", "wrap", 48),
        Col("Draft opener", "wrap", 60),
        Col("Due", "due", 12),
    ]
    rows = [
        [
            i.priority,
            i.level,
            i.name,
            i.email,
            i.category,
            KIND_LABELS[i.kind],
            i.why,
            i.ask,
            (f"Subject: {i.subject}\n\n" if i.subject else "") + i.draft,
            i.due,
        ]
        for i in analysis.outreach
    ]
    return Grid(columns, rows)


def issues_grid(analysis: Analysis, source: str | None) -> Grid:
    """Every problem found; `source` is the workbook's path relative to the report, or None
    when the report sheets live inside that workbook."""
    columns = [
        Col("Severity", "severity", 10),
        Col("Sheet", "text", 14),
        Col("Row", "int", 7),
        Col("Column", "text", 18),
        Col("Value", "wrap", 28),
        Col("Message", "wrap", 54),
        Col("Hint", "wrap", 54),
        Col("Code", "text", 22),
        Col("Open", "cell-link", 10),
    ]
    rows = []
    for issue in analysis.checked.issues:
        target = None
        if issue.sheet and issue.row and issue.column:
            letter = issue.column.split(" ")[0]
            sheet = issue.sheet.replace("'", "''")
            cell = f"'{sheet}'!{letter}{issue.row}"
            target = f"external:{source}#{cell}" if source else f"internal:{cell}"
        rows.append(
            [
                issue.severity.value,
                issue.sheet,
                issue.row,
                issue.column,
                issue.value,
                issue.message,
                issue.hint,
                issue.code,
                target,
            ]
        )
    return Grid(columns, rows)


def history_grid(analysis: Analysis) -> Grid:
    columns = [
        Col("Report date", "date", 13),
        Col("Contacts", "int", 10),
        *(Col(c, "int", 10) for c in CATEGORIES),
        Col("Score", "int", 8),
        Col("Overdue", "int", 9),
        Col("Outreach", "int", 10),
        Col("Errors", "int", 8),
        Col("Warnings", "int", 10),
    ]
    trend = analysis.changes.trend if analysis.changes else []
    rows = [
        [
            r.as_of,
            r.contacts,
            *(r.by_category.get(c, 0) for c in CATEGORIES),
            r.score,
            r.overdue,
            r.outreach,
            r.errors,
            r.warnings,
        ]
        for r in trend
    ]
    return Grid(columns, rows)


# ---- writing cells ----------------------------------------------------------------------


class _Text(str):
    """A value written as plain text whatever its column's kind (e.g. a rejected email)."""


def _as_text(value: Any) -> Any:
    return _Text(value) if isinstance(value, str) else value


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and value != value) or value is pd.NaT


def _string_writer(sheet: Any, plain: Any, quoted: Any) -> Callable[[int, int, str], None]:
    def write(row: int, col: int, text: str) -> None:
        # A leading trigger would make Excel treat an edited cell as a formula: keep it text.
        sheet.write_string(row, col, text, quoted if text.startswith(FORMULA_TRIGGERS) else plain)

    return write


class _CellWriter:
    """Writes one value by its column kind; counts links to stay under Excel's limit."""

    def __init__(self, sheet: Any, styles: _Styles) -> None:
        self.sheet, self.s, self.links = sheet, styles, 0
        self.text = _string_writer(sheet, styles.text, styles.quoted)
        self.wrap = _string_writer(sheet, styles.wrap, styles.wrap_quoted)

    def __call__(self, row: int, col: int, kind: str, value: Any) -> None:
        if _is_blank(value):
            return
        if isinstance(value, _Text):
            self.text(row, col, str(value))
        elif kind in ("date", "due"):
            self._date(row, col, value)
        elif kind == "int":
            self.sheet.write_number(row, col, int(value), self.s.int)
        elif kind == "mailto":
            self._link(row, col, f"mailto:{value}", str(value), "@" in str(value))
        elif kind == "url":
            text = str(value)
            self._link(row, col, text, text, text.lower().startswith(("https://", "http://")))
        elif kind == "cell-link":
            self._link(row, col, str(value), "Open cell", True)
        elif kind == "raw":
            self._raw(row, col, value)
        elif kind == "wrap":
            self.wrap(row, col, str(value))
        else:
            self.text(row, col, str(value))

    def _date(self, row: int, col: int, value: Any) -> None:
        stamp = pd.Timestamp(value)
        plain = stamp.time() == dt.time()
        self.sheet.write_datetime(
            row,
            col,
            stamp.to_pydatetime().replace(tzinfo=None),
            self.s.date if plain else self.s.datetime,
        )

    def _link(self, row: int, col: int, url: str, shown: str, safe: bool) -> None:
        if safe and self.links < MAX_LINKS and len(url) <= 2079:
            self.links += 1
            self.sheet.write_url(row, col, url, self.s.link, shown)
        else:
            self.text(row, col, shown)

    def _raw(self, row: int, col: int, value: Any) -> None:
        if isinstance(value, bool):
            self.sheet.write_boolean(row, col, value, self.s.text)
        elif isinstance(value, int | float):
            self.sheet.write_number(row, col, value, self.s.number)
        elif isinstance(value, dt.datetime | dt.date | pd.Timestamp):
            self._date(row, col, value)
        else:
            self.text(row, col, str(value))


def _fit(col: Col, rows: list[list[Any]], index: int) -> float:
    header = len(col.header) + 3  # the header and its filter button, never cut off
    if col.width:
        return float(max(col.width, header))
    if col.kind in ("date", "due"):
        return float(max(12, header))
    longest = max(
        (len(str(r[index])) for r in rows[:WIDTH_SAMPLE] if r[index] is not None), default=0
    )
    return float(min(MAX_WIDTH, max(MIN_WIDTH, header, longest + 2)))


def _write_table(
    sheet: Any,
    grid: Grid,
    styles: _Styles,
    name: str,
    notes: list[str],
    as_of: dt.date,
    prefix: str = "",
) -> None:
    rows = grid.rows
    if len(rows) >= MAX_ROWS:
        notes.append(
            f"The {name} sheet holds the first {MAX_ROWS - 1:,} of {len(rows):,} rows "
            "(Excel's limit); the rest are not in this report."
        )
        rows = rows[: MAX_ROWS - 1]
    last_row = max(len(rows), 1)
    last_col = len(grid.columns) - 1
    sheet.add_table(
        0,
        0,
        last_row,
        last_col,
        {
            "name": f"{prefix.strip()}{name}Table",
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
    write = _CellWriter(sheet, styles)
    kinds = [c.kind for c in grid.columns]
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if value is not None:
                write(r, c, kinds[c], value)
    for c, col in enumerate(grid.columns):
        sheet.set_column(c, c, _fit(col, rows, c))
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
    day = dt.datetime.combine(as_of, dt.time())
    for c, col in enumerate(columns):
        if col.kind == "due":
            sheet.conditional_format(
                1,
                c,
                last_row,
                c,
                {"type": "date", "criteria": "less than", "value": day, "format": styles.overdue},
            )
            sheet.conditional_format(
                1,
                c,
                last_row,
                c,
                {
                    "type": "date",
                    "criteria": "between",
                    "minimum": day,
                    "maximum": day + dt.timedelta(days=7),
                    "format": styles.soon,
                },
            )
        elif col.kind == "category":
            for category, fmt in styles.category.items():
                sheet.conditional_format(
                    1,
                    c,
                    last_row,
                    c,
                    {
                        "type": "cell",
                        "criteria": "equal to",
                        "value": f'"{category}"',
                        "format": fmt,
                    },
                )
        elif col.kind == "severity":
            for word, fmt in (("error", styles.error), ("warning", styles.warning)):
                sheet.conditional_format(
                    1,
                    c,
                    last_row,
                    c,
                    {"type": "cell", "criteria": "equal to", "value": f'"{word}"', "format": fmt},
                )


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
