"""The report's Summary sheet: the network's health, what changed, this week's outreach and
the activity, as the HTML summary shows them, in the same order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from netreport.analysis.result import Analysis
from netreport.issues import plural
from netreport.render.html import SummaryContext, summary_context
from netreport.render.palette import ACCENT, CATEGORY_COLOURS, OVERDUE
from netreport.render.xlsx_styles import (
    LINE_HEIGHT,
    MAX_ROW_HEIGHT,
    ReportStyles,
    string_writer,
    wrapped_lines,
)
from netreport.schema import CATEGORIES
from netreport.version import __version__


def write_summary(
    book: Any, sheet: Any, analysis: Analysis, s: ReportStyles, prefix: str, history_rows: int
) -> None:
    health, changes = analysis.health, analysis.changes
    view = summary_context(analysis)  # what the HTML summary shows, chosen in one place
    owner = analysis.settings.owner
    text = string_writer(sheet, None, s.quoted)
    for c, width in enumerate(WIDTHS):
        sheet.set_column(c, c, width)
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

    row = _outreach(sheet, row + 2, view, s, prefix)
    row = _paths(sheet, row + 2, view, s)

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
            _long_text(sheet, row, 2, _listing(names), s.muted_wrap)

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
        row += 11  # the chart's height in rows
    _data_quality(sheet, row + 2, view, s, prefix)


# Columns A to I: A is 30 characters wide, B to I 14 each.
WIDTHS = [30.0] + [14.0] * 8


def _long_text(sheet: Any, row: int, first: int, value: str, style: Any) -> None:
    """Text across the columns from `first` to I, wrapped, its row as tall as it needs."""
    width = sum(WIDTHS[first:])
    if first < len(WIDTHS) - 1:
        sheet.merge_range(row, first, row, len(WIDTHS) - 1, "", style)
    string_writer(sheet, style, style)(row, first, value)
    lines = int(wrapped_lines(pd.Series([value]), width)[0])
    if lines > 1:
        sheet.set_row(row, min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT))


def _link(sheet: Any, row: int, target: str, label: str, s: ReportStyles) -> None:
    sheet.write_url(row, 0, f"internal:'{target}'!A1", s.link, label)


def _outreach(sheet: Any, row: int, view: SummaryContext, s: ReportStyles, prefix: str) -> int:
    """This week's outreach, as the HTML lists it: priority, name, category, what and when,
    why now; then a link to the Outreach sheet, and how many people are snoozed."""
    sheet.write(row, 0, "This week's outreach", s.heading)
    if not view.outreach:
        sheet.write(row + 1, 0, "No one is due this week. Well kept.")
        return _snoozed(sheet, row + 1, view)
    row += 1
    for c, head in enumerate(("Name", "Category", "Action", "When", "Why now")):
        sheet.write(row, c, head, s.bold)
    name = string_writer(sheet, s.text, s.quoted)
    for item, _href, action in view.outreach:
        row += 1
        late = item.days_overdue
        when = (
            f"{plural(late, 'day')} overdue"
            if late > 0
            else "due today"
            if late == 0
            else f"in {plural(-late, 'day')}"
        )
        name(row, 0, f"{item.priority}. {item.name}")
        sheet.write(row, 1, item.category, s.category[item.category])
        sheet.write(row, 2, action, s.text)
        sheet.write(row, 3, when, s.text)
        _long_text(sheet, row, 4, item.why[:1].upper() + item.why[1:], s.wrap)
    row += 1
    more = f" ({view.outreach_more} more)" if view.outreach_more else ""
    _link(sheet, row, prefix + "Outreach", f"Every one, with the ask and a draft{more}", s)
    return _snoozed(sheet, row, view)


def _snoozed(sheet: Any, row: int, view: SummaryContext) -> int:
    """How many people a snooze keeps off the list, as the HTML says it, under the list."""
    if not view.snoozed:
        return row
    are = "person is" if view.snoozed == 1 else "people are"
    sheet.write(
        row + 1, 0, f"{view.snoozed} {are} snoozed: left off this list until their snooze ends."
    )
    return row + 1


def _paths(sheet: Any, row: int, view: SummaryContext, s: ReportStyles) -> int:
    """Introduction paths and who introduced whom, as the HTML lists them."""
    sheet.write(row, 0, "Introduction paths", s.heading)
    if not view.paths:
        _long_text(
            sheet,
            row + 1,
            0,
            "No Cold contact in your target fields has a warm contact at the same company or "
            "in the same field yet.",
            s.wrap,
        )
        row += 1
    for path in view.paths:
        row += 1
        ask = " or ".join(f"{name} ({category}, {why})" for name, category, why in path.via)
        company = f" ({path.company})" if path.company else ""
        _long_text(sheet, row, 0, f"{path.name}{company}: ask {ask}", s.wrap)
    if view.paths_total > len(view.paths):
        row += 1
        sheet.write(row, 0, f"And {view.paths_total - len(view.paths)} more.")
    if view.chains:
        row += 1
        sheet.write(row, 0, "Who introduced whom", s.bold)
        for chain in view.chains:
            row += 1
            _long_text(sheet, row, 0, " → ".join(chain), s.wrap)
    return row


def _data_quality(sheet: Any, row: int, view: SummaryContext, s: ReportStyles, prefix: str) -> None:
    """The problems that matter most, as the HTML lists them, and a link to all of them."""
    sheet.write(row, 0, "Data quality", s.heading)
    counts = view.issue_counts
    source = view.source_name
    text = string_writer(sheet, None, s.quoted)
    if not view.issues:
        text(row + 1, 0, f"No problems found in {source}.")
        return
    errors, warnings = counts.get("error", 0), counts.get("warning", 0)
    text(
        row + 1,
        0,
        f"{plural(errors, 'error')} and {plural(warnings, 'warning')} "
        f"in {source}. The most important:",
    )
    row += 2
    for c, head in enumerate(("Where", "Severity", "Problem and how to fix it")):
        sheet.write(row, c, head, s.bold)
    where = string_writer(sheet, s.wrap, s.wrap_quoted)
    for issue in view.issues:
        row += 1
        where(row, 0, issue.where)
        sheet.write(row, 1, issue.severity.value, getattr(s, issue.severity.value, None))
        _long_text(sheet, row, 2, f"{issue.message} {issue.hint}".strip(), s.wrap)
    _link(sheet, row + 1, prefix + "Issues", "Every problem, with a link to its cell", s)


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
