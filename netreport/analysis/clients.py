"""The roll-up's data: one row per client, and the order the coach reads them in.

Coach mode (`netreport.coach`) fills these by running each client's workbook; the renderers
(`netreport.render.rollup`, `netreport.render.console`) read them. Plain data: this module
imports nothing of netreport's, so neither side imports the other through it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ClientRow:
    """One client in the roll-up: their report's headline figures, or why there is none."""

    workbook: Path
    stem: str  # the name the client's reports go under
    error: str | None = None  # why the workbook could not be reported (one line)
    bug: str | None = None  # the traceback when that was an unexpected error in netreport
    owner: str | None = None
    contacts: int = 0
    categories: dict[str, int] = field(default_factory=dict)
    score: int | None = None
    score_change: int | None = None  # None: no earlier report for this client
    overdue: int = 0
    outreach: int = 0  # people on this week's outreach list
    interactions_30: int = 0
    errors: int = 0
    warnings: int = 0
    finding: str | None = None  # the finding that matters most
    written: dict[str, Path] = field(default_factory=dict)
    result: dict[str, Any] = field(default_factory=dict)  # what `report --format json` prints
    seconds: dict[str, float] = field(default_factory=dict, compare=False)

    @property
    def name(self) -> str:
        """The client as the coach knows them: the owner's name, else the report name."""
        return self.owner or self.stem


def attention(row: ClientRow) -> tuple[Any, ...]:
    """Sort key, most in need first: a workbook that could not be reported (no report at all),
    then the lowest health score, the biggest drop since the last report, the most overdue
    contacts, the most data errors; then by report name."""
    return (
        row.error is None,
        row.score or 0,
        row.score_change or 0,
        -row.overdue,
        -row.errors,
        row.stem.casefold(),
        row.stem,
    )


@dataclass
class CoachRun:
    """What one coach run produced: every client's row in attention order, and the roll-up."""

    out_dir: Path
    as_of: dt.date
    rows: list[ClientRow]
    written: dict[str, Path] = field(default_factory=dict)  # html, xlsx: the roll-up files

    @property
    def failed(self) -> list[ClientRow]:
        return [row for row in self.rows if row.error]

    @property
    def with_data_errors(self) -> list[ClientRow]:
        return [row for row in self.rows if row.errors]
