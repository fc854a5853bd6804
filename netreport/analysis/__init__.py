"""Analyze a checked workbook: outreach, health, introduction paths and history.

`analyze` is the one entry point; `record_history` saves the run once its reports exist.
"""

from __future__ import annotations

from pathlib import Path

from netreport.analysis import history
from netreport.analysis.health import measure
from netreport.analysis.outreach import build_items, in_target, schedule
from netreport.analysis.paths import intro_paths, introduction_chains
from netreport.analysis.result import Analysis, RunSummary
from netreport.check import CheckedWorkbook
from netreport.memory import paused_gc, release_free_memory


def analyze(
    checked: CheckedWorkbook, *, history_dir: Path | None = None, templates: Path | None = None
) -> Analysis:
    """Everything both reports show, computed once from the checked workbook."""
    with paused_gc():
        analysis = _analyze(checked, history_dir, templates)
    release_free_memory()  # the analysis's temporary columns and frames
    return analysis


def _analyze(
    checked: CheckedWorkbook, history_dir: Path | None, templates: Path | None
) -> Analysis:
    """`analyze`'s work: the outreach plan first, since health and history read its dates."""
    settings = checked.settings
    contacts = checked.contacts.assign(
        in_target=in_target(checked.contacts["field"], settings.target_fields)
    )
    plan = schedule(contacts, checked.interactions, settings)
    outreach = build_items(contacts, plan, settings, templates)
    contacts = contacts.assign(
        effective_last=plan["effective_last"],
        days_since=plan["days_since"],
        next_due=plan["next_due"].where(~plan["stopped"]),
        due_kind=plan["due_kind"],
        overdue=plan["overdue"],
        next_action=plan["next_action"],
        snoozed=plan["snoozed"],
    )
    health = measure(
        contacts,
        plan,
        checked.interactions,
        checked.issues,
        settings,
        has_added=checked.source.contacts is not None
        and checked.source.contacts.column("added") is not None,
    )
    analysis = Analysis(
        checked,
        settings,
        contacts,
        outreach,
        health,
        intro_paths(contacts),
        introduction_chains(contacts),
    )
    analysis.snapshot = history.snapshot(contacts, outreach)
    analysis.snapshot_of = (contacts, outreach)
    analysis.changes = history.compare(analysis.snapshot, run_summary(analysis), history_dir)
    return analysis


def run_summary(analysis: Analysis) -> RunSummary:
    health = analysis.health
    return RunSummary(
        as_of=analysis.as_of,
        contacts=health.size,
        by_category=health.by_category,
        score=health.score,
        overdue=health.overdue,
        outreach=len(analysis.outreach),
        errors=health.issues["error"],
        warnings=health.issues["warning"],
    )


def record_history(analysis: Analysis, history_dir: Path) -> list[str]:
    """Save this run's snapshot, replacing any earlier one for the same report date; returns
    notes for the person running the report (a damaged history file set aside). The snapshot
    `analyze` made is reused unless contacts or outreach have been replaced since; a list
    changed in place is not noticed, so replace it (or use dataclasses.replace) instead."""
    current = analysis.current_snapshot()
    if current is None:
        current = history.snapshot(analysis.contacts, analysis.outreach)
    return history.record(history_dir, current, run_summary(analysis))


__all__ = ["Analysis", "analyze", "record_history", "run_summary"]
