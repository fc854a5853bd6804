"""What the commands print: issues grouped by sheet, this week's outreach; text or JSON."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from netreport.analysis.result import KIND_LABELS, ReportRun
from netreport.check import CheckedWorkbook
from netreport.days import day_month_year
from netreport.issues import SEVERITY_RANK, IssueGroup, group_issues, plural
from netreport.version import __version__

if TYPE_CHECKING:
    from netreport.analysis.clients import CoachRun
    from netreport.analysis.result import Analysis


def _head(checked: CheckedWorkbook) -> dict[str, Any]:
    """What every JSON result starts with: the version, the file and the report date."""
    return {
        "netreport": __version__,
        "file": str(checked.source.path),
        "as_of": checked.settings.as_of.isoformat(),
    }


# `validate`'s text shows at most this many kinds of one problem on one sheet, and this many
# lines in all; JSON and the Issues sheet keep every issue.
KINDS_SHOWN = 8
MAX_LINES = 300


def validation_json(checked: CheckedWorkbook) -> dict[str, Any]:
    """The machine-readable result: the file, counts, every issue record, and the same
    issues grouped (identical problems once, with their count and first rows)."""
    return {
        **_head(checked),
        "contacts": len(checked.contacts),
        "interactions": len(checked.interactions),
        "categories": checked.category_counts(),
        "counts": {**checked.counts, "total": len(checked.issues)},
        "issues": [issue.as_dict() for issue in checked.issues],
        "groups": [group.as_dict() for group in group_issues(checked.issues)],
    }


def validation_text(checked: CheckedWorkbook) -> str:
    """Problems by sheet, worst first, each with where, what and how to fix it. The same
    problem on many rows is one entry ("19,874 rows, first 14, 29, 31, ..."); at most
    KINDS_SHOWN kinds of one problem per sheet and MAX_LINES lines, so a person reads a
    screenful per kind, and every kind of problem is shown."""
    mix = ", ".join(f"{k} {v}" for k, v in checked.category_counts().items())
    counts = checked.counts
    lines = [
        f"{checked.source.path.name}: {plural(len(checked.contacts), 'contact')} ({mix}), "
        f"{plural(len(checked.interactions), 'interaction')}",
        f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}"
        + ("" if checked.issues else ": the workbook is clean."),
    ]
    # Sheets in the order found; within each, its codes worst first (a code has one severity).
    by_sheet: dict[str | None, dict[str, list[IssueGroup]]] = {}
    for group in group_issues(checked.issues):
        by_sheet.setdefault(group.sheet, {}).setdefault(group.code, []).append(group)
    for sheet, by_code in by_sheet.items():
        lines += ["", sheet or "Workbook"]
        ranked = sorted(by_code.items(), key=lambda item: SEVERITY_RANK[item[1][0].severity])
        for code, kinds in ranked:
            hint = None
            for group in kinds[:KINDS_SHOWN]:
                lines += _group_lines(group, same_fix=group.hint == hint)
                hint = group.hint
            hidden = kinds[KINDS_SHOWN:]
            if hidden:
                rows = sum(g.count for g in hidden)
                lines.append(
                    f"  ... and {plural(rows, 'more row')} with problems of this kind [{code}], "
                    f"in {plural(len(hidden), 'other group')}: every one is on the report's "
                    "Issues sheet and in --format json."
                )
    if len(lines) > MAX_LINES:
        cut = len(lines) - MAX_LINES + 1
        lines = [
            *lines[: MAX_LINES - 1],
            f"... {plural(cut, 'more line')} not shown: every problem is on the report's "
            "Issues sheet and in --format json.",
        ]
    return "\n".join(lines)


def _group_lines(group: IssueGroup, same_fix: bool = False) -> list[str]:
    """One problem, or one problem on many rows: where, what, and the fix (unless it is the
    fix of the entry just above)."""
    what = f"  {group.place() or 'sheet'}: {group.severity.value}: {group.message} [{group.code}]"
    return [what] if same_fix else [what, f"    fix: {group.hint}"]


def _snoozed(analysis: Analysis) -> str:
    """' (2 more snoozed)': the people a snooze keeps off the list, when there are any."""
    return f" ({analysis.snoozed} more snoozed)" if analysis.snoozed else ""


def outreach_text(analysis: Analysis, drafts: bool = False) -> str:
    """This week's list for the terminal: who, why now, what to ask (and the draft)."""
    health = analysis.health
    owner = f" for {analysis.settings.owner}" if analysis.settings.owner else ""
    lines = [
        f"Outreach{owner}, week of {day_month_year(analysis.as_of)}: "
        f"{plural(len(analysis.outreach), 'person', 'people')}{_snoozed(analysis)}",
        f"Network health {health.score}/100 · {health.size} contacts · "
        f"{health.overdue} overdue · {health.never_contacted} never contacted",
    ]
    lines += [f"  - {finding}" for finding in health.findings[:3]]
    for item in analysis.outreach:
        late = item.days_overdue
        due = (
            "due today"
            if late == 0
            else f"{plural(late, 'day')} overdue"
            if late > 0
            else f"due in {plural(-late, 'day')}"
        )
        who = ", ".join(
            p for p in (item.category, item.company, item.field) if isinstance(p, str) and p
        )
        lines += [
            "",
            f"{item.priority:>2}. [{item.level}] {item.name} ({who}): "
            f"{KIND_LABELS[item.kind].lower()}, {due}",
            f"    why: {item.why}",
            f"    ask: {item.ask}",
        ]
        if drafts:
            lines.append(f"    draft: {item.subject}")
            lines += [f"      {line}" if line else "" for line in item.draft.splitlines()]
    return "\n".join(lines)


def outreach_json(analysis: Analysis) -> dict[str, Any]:
    """The outreach list and the health figures, for programs."""
    health = analysis.health
    return {
        **_head(analysis.checked),
        "score": health.score,
        "components": [asdict(c) | {"points": round(c.points, 2)} for c in health.components],
        "findings": health.findings,
        "categories": health.by_category,
        "outreach": [asdict(item) | {"due": item.due.isoformat()} for item in analysis.outreach],
        "snoozed": analysis.snoozed,
        "counts": {**analysis.checked.counts, "total": len(analysis.checked.issues)},
    }


def report_text(run: ReportRun) -> str:
    """What `netreport report` prints: the files written and the headline figures."""
    analysis = run.analysis
    health, counts = analysis.health, analysis.checked.counts
    mix = ", ".join(f"{k} {v}" for k, v in health.by_category.items())
    change = ""
    if analysis.changes and analysis.changes.score_change is not None:
        change = f" ({analysis.changes.score_change:+d} since {analysis.changes.previous_as_of})"
    labels = {
        "xlsx": "Wrote the report",
        "html": "Wrote the summary",
        "ics": "Wrote the calendar",
        "xlsx-redacted": "Wrote the redacted report",
        "html-redacted": "Wrote the redacted summary",
        "backup": "Backed up your workbook to",
        "workbook": "Wrote the report sheets into",
    }
    lines = [f"{labels[kind]} {path}" for kind, path in run.written.items() if kind in labels]
    lines += [
        f"Health score {health.score}/100{change}; {health.size} contacts ({mix})",
        f"{plural(len(analysis.outreach), 'person', 'people')} to contact this week"
        f"{_snoozed(analysis)}; {health.overdue} overdue, {health.never_contacted} never contacted",
        f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')} in the "
        "workbook" + (" (see the Issues sheet)" if analysis.checked.issues else ""),
    ]
    lines += [f"Note: {note}" for note in run.notes]
    return "\n".join(lines)


def report_json(run: ReportRun) -> dict[str, Any]:
    analysis = run.analysis
    return {
        **_head(analysis.checked),
        "written": {kind: str(path) for kind, path in run.written.items()},
        "contacts": analysis.health.size,
        "categories": analysis.health.by_category,
        "score": analysis.health.score,
        "outreach_count": len(analysis.outreach),
        "snoozed": analysis.snoozed,
        "overdue": analysis.health.overdue,
        "counts": {**analysis.checked.counts, "total": len(analysis.checked.issues)},
        "notes": run.notes,
    }


def coach_text(run: CoachRun) -> str:
    """What a coach run prints: the roll-up's files and one line per client, in its order."""
    done = len(run.rows) - len(run.failed)
    lines = [
        f"Wrote the reports of {done} of {plural(len(run.rows), 'client')} in {run.out_dir}",
        f"Wrote the roll-up {run.written['html']} and {run.written['xlsx']}",
        "Most in need of attention first:",
    ]
    for rank, row in enumerate(run.rows, start=1):
        if row.error:
            lines.append(f"{rank:>3}. {row.name}: no report: {row.error}")
            continue
        change = "" if row.score_change is None else f" ({row.score_change:+d})"
        lines.append(
            f"{rank:>3}. {row.name}: score {row.score}/100{change}, "
            f"{plural(row.contacts, 'contact')}, {row.overdue} overdue, "
            f"{row.outreach} to contact this week, {plural(row.errors, 'data error')}"
        )
    lines.append(
        f"{plural(len(run.failed), 'workbook')} could not be reported; "
        f"{plural(len(run.with_data_errors), 'workbook')} with data errors."
    )
    return "\n".join(lines)


def coach_json(run: CoachRun) -> dict[str, Any]:
    """The roll-up's files, and under `clients` one object per client in the roll-up's order:
    rank, client (the name the reports go under), then what `report --format json` prints, or
    `file` and `error` when there is no report."""
    items: list[dict[str, Any]] = []
    for rank, row in enumerate(run.rows, start=1):
        head = {"rank": rank, "client": row.stem}
        if row.error:
            items.append(
                head
                | {
                    "netreport": __version__,
                    "file": str(row.workbook),
                    "as_of": run.as_of.isoformat(),
                    "error": row.error,
                }
            )
        else:
            items.append(head | row.result)
    return {
        "netreport": __version__,
        "as_of": run.as_of.isoformat(),
        "out_dir": str(run.out_dir),
        "written": {kind: str(path) for kind, path in run.written.items()},
        "clients": items,
    }
