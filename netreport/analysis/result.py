"""The analysis result: one documented object that every report presents and none recomputes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from netreport.check import CheckedWorkbook
from netreport.check.settings import Settings

# What kind of outreach an item is, most time-sensitive first.
THANK_YOU = "thank-you"
REPLY_NUDGE = "reply-nudge"
FOLLOW_UP = "follow-up"
KEEP_IN_TOUCH = "keep-in-touch"
FIRST_OUTREACH = "first-outreach"
KINDS = (THANK_YOU, REPLY_NUDGE, FOLLOW_UP, KEEP_IN_TOUCH, FIRST_OUTREACH)
KIND_LABELS = {
    THANK_YOU: "Send thanks",
    REPLY_NUDGE: "Nudge for a reply",
    FOLLOW_UP: "Follow up",
    KEEP_IN_TOUCH: "Keep in touch",
    FIRST_OUTREACH: "First outreach",
}


@dataclass(frozen=True)
class OutreachItem:
    """One person to contact this week, and everything needed to do it."""

    priority: int  # 1 is first
    level: str  # High / Medium / Low
    row: int  # the contact's Excel row in the source workbook
    name: str
    email: str | None
    company: str | None
    field: str | None
    category: str
    in_target: bool
    kind: str  # one of KINDS
    why: str  # why now, in words
    ask: str  # what to ask, by the domain's rules
    subject: str  # draft subject line
    draft: str  # draft opener (plain text)
    due: dt.date
    days_overdue: int  # negative: due in so many days
    referrer: str | None = None


@dataclass(frozen=True)
class Component:
    """One named part of the health score."""

    name: str
    weight: int
    value: float | None  # 0..1, None when it does not apply (then it is left out)
    detail: str

    @property
    def points(self) -> float:
        return 0.0 if self.value is None else self.value * self.weight


@dataclass(frozen=True)
class Health:
    """The network's health in figures, a 0-100 score and plain-language findings."""

    size: int
    by_category: dict[str, int]
    in_target: int
    target_share: float | None  # None when no target fields are set
    target_fields: tuple[str, ...]
    by_field: dict[str, int]
    contactable: int  # not marked do-not-contact / archived / paused
    within_cadence: int
    overdue: int
    overdue_by_category: dict[str, int]
    never_contacted: int
    due_this_week: int
    interactions_7: int
    interactions_30: int
    interactions_90: int
    new_contacts_30: int | None  # None when there is no Added column
    informational_90: int
    shadowing_90: int
    companies: int
    fields: int
    top_connectors: list[tuple[str, int]]
    issues: dict[str, int]
    score: int
    components: list[Component]
    findings: list[str]


@dataclass(frozen=True)
class IntroPath:
    """A Cold contact in a target field, and the warm contacts who could introduce them."""

    row: int
    name: str
    company: str | None
    field: str | None
    via: list[tuple[str, str, str]]  # (name, category, why: "works at X" / "works in Y")


@dataclass(frozen=True)
class RunSummary:
    """One past report run, as kept in the history."""

    as_of: dt.date
    contacts: int
    by_category: dict[str, int]
    score: int
    overdue: int
    outreach: int
    errors: int
    warnings: int


@dataclass(frozen=True)
class Changes:
    """What changed since the previous report run (None fields: there was no previous run)."""

    previous_as_of: dt.date | None
    new: list[str]
    removed: list[str]
    moves: list[tuple[str, str, str]]  # (name, from category, to category)
    completed: list[str]  # in last run's outreach and contacted since
    score_change: int | None
    trend: list[RunSummary]  # every run, oldest first, this one included


@dataclass
class Analysis:
    """Everything the reports show. `contacts` is the checked contacts table (indexed by Excel
    row) plus per-contact columns: in_target, effective_last, days_since, next_due, due_kind,
    overdue, next_action, snoozed (left off the list until their Snooze until day)."""

    checked: CheckedWorkbook
    settings: Settings
    contacts: pd.DataFrame
    outreach: list[OutreachItem]
    health: Health
    paths: list[IntroPath]
    chains: list[list[str]]
    changes: Changes | None = None
    redacted: bool = False  # a copy to share: names shortened, no contact details
    # This run's history snapshot, made once by `analyze` for `compare` and kept for
    # `record_history`, with the contacts and outreach it was made from; not copied by
    # dataclasses.replace, so a changed copy makes its own.
    snapshot: pd.DataFrame | None = field(default=None, init=False, repr=False, compare=False)
    snapshot_of: tuple[pd.DataFrame, list[OutreachItem]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def current_snapshot(self) -> pd.DataFrame | None:
        """The snapshot `analyze` made, while contacts and outreach are still those it was
        made from (a caller may have assigned new ones since); else None."""
        if self.snapshot_of is None:
            return None
        contacts, outreach = self.snapshot_of
        return self.snapshot if self.contacts is contacts and self.outreach is outreach else None

    @property
    def as_of(self) -> dt.date:
        return self.settings.as_of

    @property
    def snoozed(self) -> int:
        """How many people a snooze keeps off this week's outreach list."""
        return int(self.contacts["snoozed"].sum()) if "snoozed" in self.contacts else 0


@dataclass
class ReportRun:
    """What one `netreport report` run produced: the analysis, the files written (kind ->
    path: xlsx, html, ics, history, backup, workbook, ...) and notes for the console."""

    analysis: Analysis
    written: dict[str, Path] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
