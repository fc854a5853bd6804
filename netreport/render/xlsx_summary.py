"""The report's Summary sheet: the network's health, what changed, this week's outreach and
the activity, as the HTML summary shows them, in the same order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netreport.analysis.result import Analysis
from netreport.render.palette import ACCENT, CATEGORY_COLOURS, OVERDUE
from netreport.render.xlsx_styles import ReportStyles, string_writer
from netreport.schema import CATEGORIES
from netreport.version import __version__


def write_summary(
    book: Any, sheet: Any, analysis: Analysis, s: ReportStyles, prefix: str, history_rows: int
) -> None:
    health, changes = analysis.health, analysis.changes
    owner = analysis.settings.owner
    text = string_writer(sheet, None, s.quoted)
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
