"""The runs behind `netreport log`, `snooze`, `import calendar` and `import mail`: read the
workbook (keeping its fingerprint), plan what to write (`logbook`), and unless it is a dry run
write it through the one safe path, with a backup. Nothing here knows about the command line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netreport.inplace import change
from netreport.limits import DEFAULT_KEEP_BACKUPS, DEFAULT_MAX_UNZIPPED_BYTES
from netreport.logbook import SNOOZE_WORDING, WORDING, CellsPlan, Entry, LogBook, LogPlan


@dataclass
class Recorded:
    """What a run decided and (unless a dry run) wrote: the plan, the files written
    ("workbook", "backup"), why a real run would be refused (dry runs), and notes."""

    plan: LogPlan | CellsPlan
    dry_run: bool
    written: dict[str, Path] = field(default_factory=dict)
    refusals: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # what the export held


def log_contact(
    workbook: Path,
    who: str,
    *,
    day: dt.date,
    kind: str,
    channel: str | None = None,
    note: str | None = None,
    dry_run: bool = False,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
) -> Recorded:
    """Add one row to the Interactions sheet for the contact `who` means (made as the starter
    lays it out when there is none). The same contact, day and type already logged: nothing
    is written."""
    book, read_as = _read(workbook, max_unzipped_bytes)
    contact = book.directory.one(who)
    plan = book.plan([Entry(day, contact, kind, channel, note)])
    return _write_log(plan, read_as, dry_run, keep_backups)


def record_entries(
    workbook: Path,
    make: Any,
    *,
    dry_run: bool = False,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
) -> Recorded:
    """Add the entries `make(directory)` returns, as (entries, skipped counts, notes, counts),
    to the Interactions sheet; entries already there are skipped."""
    book, read_as = _read(workbook, max_unzipped_bytes)
    entries, skipped, notes, counts = make(book.directory)
    plan = book.plan(entries)
    for reason, count in skipped.items():
        plan.skip(reason, count)
    result = _write_log(plan, read_as, dry_run, keep_backups)
    result.notes[:0], result.counts = notes, counts
    return result


def snooze_contact(
    workbook: Path,
    who: str,
    *,
    until: dt.date,
    note: str | None = None,
    as_of: dt.date,
    dry_run: bool = False,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
) -> Recorded:
    """Set the contact's Snooze until cell (adding the column when there is none); with a
    note, add "Snoozed until <day>: <note>" below their Notes."""
    from netreport.inplace import read_for_update
    from netreport.logbook import plan_cells, write_cells

    values: dict[str, Any] = {"snooze_until": until}
    if note:
        values["notes"] = f"{as_of.isoformat()}: snoozed until {until.isoformat()}: {note}"
    plan, read_as = read_for_update(
        Path(workbook), lambda: plan_cells(Path(workbook), who, values, max_unzipped_bytes)
    )
    done = change(
        Path(workbook),
        lambda: write_cells(plan, read_as, keep_backups, SNOOZE_WORDING),
        SNOOZE_WORDING,
        plan.reads,
        dry_run,
    )
    return Recorded(plan, dry_run, done.written, done.refusals, done.notes)


def _read(workbook: Path, max_unzipped_bytes: int) -> tuple[LogBook, Any]:
    from netreport.inplace import read_for_update
    from netreport.read import sniff

    sniff(Path(workbook), max_unzipped_bytes=max_unzipped_bytes)
    return read_for_update(Path(workbook), lambda: LogBook.read(Path(workbook), max_unzipped_bytes))


def _write_log(plan: LogPlan, read_as: Any, dry_run: bool, keep_backups: int) -> Recorded:
    from netreport.logbook import write_log

    if not plan.entries:
        return Recorded(plan, dry_run)
    done = change(
        plan.workbook, lambda: write_log(plan, read_as, keep_backups), WORDING, plan.reads, dry_run
    )
    return Recorded(plan, dry_run, done.written, done.refusals, done.notes)


__all__ = ["Recorded", "log_contact", "record_entries", "snooze_contact"]
