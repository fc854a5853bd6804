"""The coach's roll-up: `index.html` and `index.xlsx`, one row per client, most in need first.

Both read the same `CoachRun` rows, in the order `analysis.clients.attention` gave them, and
link to each client's own reports by relative paths, so the folder can be moved or shared whole.
The page is self-contained like the summary (inline CSS from the same partial, inline SVG, no
script, a CSP that forbids every request) and its template, `templates/index.html.j2`, can be
replaced with `--templates`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from netreport.analysis.clients import ClientRow, CoachRun
from netreport.atomic import check_workbook_opens, write_atomically
from netreport.render.html import PageContext, Slice, mix_slices, render_page, write_page
from netreport.render.palette import ACCENT, OVERDUE
from netreport.schema import CATEGORIES
from netreport.version import __version__

SHEET = "Clients"
HEAD = ("Score", "Change", "Contacts")
TAIL = ("Overdue", "To contact this week", "Interactions, 30 days", "Errors", "Warnings")


def _head(row: ClientRow) -> list[int | None]:
    return [row.score, row.score_change, row.contacts]


def _tail(row: ClientRow) -> list[int | None]:
    return [row.overdue, row.outreach, row.interactions_30, row.errors, row.warnings]


def signed(change: int | None) -> str:
    """A score change as the page shows it: +3, -2, 0, or new (a first report)."""
    return "new" if change is None else f"{change:+d}" if change else "0"


def relative(target: Path | None, folder: Path) -> str | None:
    """The path from `folder` to `target`, with forward slashes (None: no target)."""
    if target is None:
        return None
    return Path(os.path.relpath(Path(target).resolve(), Path(folder).resolve())).as_posix()


def link(target: Path | None, folder: Path) -> str | None:
    """A relative URL from `folder` to `target`; every character that could start a scheme,
    a query or a fragment is escaped."""
    path = relative(target, folder)
    return None if path is None else "./" + quote(path, safe="/")


def excel_link(target: Path | None, folder: Path) -> str | None:
    """The same relative link for xlsxwriter's `write_url`, percent-encoded so that a `#` in a
    file name is not read as a cell reference, a `%` as an escape, or `x:` as a drive."""
    path = relative(target, folder)
    return None if path is None else "external:" + quote(path, safe="/")


@dataclass(frozen=True)
class Cell:
    """One figure of a client's row: its column, the text shown, and a style class."""

    label: str
    text: str
    css: str = ""


@dataclass(frozen=True)
class Client:
    """A client's row as the page shows it."""

    rank: int
    row: ClientRow
    summary_href: str | None
    report_href: str | None
    slices: list[Slice]
    head: list[Cell]  # the figures before the mix bar
    tail: list[Cell]  # and after it


def _cells(labels: tuple[str, ...], values: list[int | None]) -> list[Cell]:
    cells = []
    for label, value in zip(labels, values, strict=True):
        if label == "Change":
            cells.append(Cell(label, signed(value), "down" if (value or 0) < 0 else ""))
        else:
            cells.append(Cell(label, str(value), "alert" if label == "Errors" and value else ""))
    return cells


def _client(rank: int, row: ClientRow, folder: Path) -> Client:
    return Client(
        rank,
        row,
        link(row.written.get("html"), folder),
        link(row.written.get("xlsx"), folder),
        mix_slices(row.categories),
        _cells(HEAD, _head(row)),
        _cells(TAIL, _tail(row)),
    )


@dataclass(frozen=True)
class IndexContext(PageContext):
    """Everything `index.html.j2` (the coach's roll-up page) may use."""

    run: CoachRun | None = None
    as_of: dt.date | None = None
    clients: list[Client] = field(default_factory=list)  # in the roll-up's order
    head: tuple[str, ...] = HEAD  # the figure labels before the mix bar
    tail: tuple[str, ...] = TAIL  # and after it
    counts: Mapping[str, int] = field(default_factory=dict)  # clients, failed, with_errors, ...


def index_context(run: CoachRun) -> IndexContext:
    """The roll-up page's context: one Client per row, most in need of attention first."""
    rows = run.rows
    reported = [row for row in rows if not row.error]
    return IndexContext(
        run=run,
        as_of=run.as_of,
        clients=[_client(rank, row, run.out_dir) for rank, row in enumerate(rows, start=1)],
        counts={
            "clients": len(rows),
            "failed": len(run.failed),
            "with_errors": len(run.with_data_errors),
            "overdue": sum(row.overdue for row in reported),
            "outreach": sum(row.outreach for row in reported),
        },
    )


def write_index_html(run: CoachRun, path: Path, templates: Path | None = None) -> None:
    """Render `index.html.j2` for the run and write it atomically."""
    write_page(render_page("index.html.j2", index_context(run), templates), path)


# ---- index.xlsx -----------------------------------------------------------------------------


def write_index_xlsx(run: CoachRun, path: Path) -> None:
    """Write the roll-up workbook atomically: one Excel table, a row per client."""
    write_atomically(
        Path(path),
        lambda temp: _write_xlsx(run, temp),
        verify=lambda temp: check_workbook_opens(temp, [SHEET]),
    )


COLUMNS: tuple[tuple[str, float], ...] = (  # header, width
    ("Rank", 8),
    ("Client", 24),
    ("Workbook", 24),
    ("Status", 12),
    *((label, min(len(label) + 4, 13)) for label in (*HEAD, *CATEGORIES, *TAIL)),
    ("Top finding or problem", 56),
    ("Summary", 12),
    ("Excel report", 13),
)


def _write_xlsx(run: CoachRun, path: Path) -> None:
    import xlsxwriter

    from netreport.formulas import FORMULA_TRIGGERS
    from netreport.render.xlsx import TABLE_STYLE

    book = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    book.set_properties(
        {
            "title": f"Clients' network reports {run.as_of.isoformat()}",
            "subject": "Career network health, one row per client",
            "author": "netreport",
            "comments": f"netreport {__version__}",
        }
    )
    add = book.add_format
    plain, quoted = add({"valign": "top"}), add({"valign": "top", "quote_prefix": True})
    wrap = add({"valign": "top", "text_wrap": True})
    wrap_quoted = add({"valign": "top", "text_wrap": True, "quote_prefix": True})
    number = add({"valign": "top", "num_format": "0"})
    change = add({"valign": "top", "num_format": "+0;-0;0"})
    linked = add({"valign": "top", "font_color": "#0B57D0", "underline": 1})
    alert = add({"font_color": OVERDUE.text, "bold": True})
    failed = add({"bg_color": OVERDUE.fill, "font_color": OVERDUE.text})
    heading = add({"bold": True, "text_wrap": True, "valign": "top"})  # long headers: 2 lines

    sheet = book.add_worksheet(SHEET)
    rows = run.rows
    last_row, last_col = max(len(rows), 1), len(COLUMNS) - 1
    sheet.add_table(
        0,
        0,
        last_row,
        last_col,
        {
            "name": "ClientsTable",
            "style": TABLE_STYLE,
            "columns": [{"header": header, "header_format": heading} for header, _ in COLUMNS],
            "autofilter": True,
        },
    )

    def text(r: int, c: int, value: str, long: bool = False) -> None:
        risky = value.startswith(FORMULA_TRIGGERS)
        style = (wrap_quoted if risky else wrap) if long else (quoted if risky else plain)
        sheet.write_string(r, c, value, style)

    first_figure = 4
    for r, row in enumerate(rows, start=1):
        sheet.write_number(r, 0, r, number)
        text(r, 1, row.name)
        text(r, 2, str(row.workbook))
        text(r, 3, "No report" if row.error else "Reported")
        if not row.error:
            figures = [*_head(row), *(row.categories.get(c, 0) for c in CATEGORIES), *_tail(row)]
            for c, value in enumerate(figures, start=first_figure):
                if value is not None:
                    sheet.write_number(r, c, value, change if c == first_figure + 1 else number)
        note = row.error or row.finding
        if note:
            text(r, last_col - 2, note, long=True)
        for c, kind, shown in ((last_col - 1, "html", "Summary"), (last_col, "xlsx", "Report")):
            target = excel_link(row.written.get(kind), run.out_dir)
            if target:
                sheet.write_url(r, c, target, linked, shown)
    for c, (_, width) in enumerate(COLUMNS):
        sheet.set_column(c, c, width)
    headers = [header for header, _ in COLUMNS]
    rules = (
        ("Status", {"type": "cell", "criteria": "==", "value": '"No report"', "format": failed}),
        ("Change", {"type": "cell", "criteria": "<", "value": 0, "format": alert}),
        ("Errors", {"type": "cell", "criteria": ">", "value": 0, "format": alert}),
    )
    for header, rule in rules:
        c = headers.index(header)
        sheet.conditional_format(1, c, last_row, c, rule)
    sheet.set_row(0, 32)
    sheet.freeze_panes(1, 2)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_header(f'&L&"-,Bold"Clients&R{run.as_of.isoformat()}')
    sheet.set_footer("&LWritten by netreport&RPage &P of &N")
    sheet.set_tab_color(ACCENT)
    book.close()
