"""What `log`, `snooze`, `import calendar` and `import mail` say: a few lines for people, and
everything in JSON for programs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from netreport.days import weekday_date
from netreport.issues import plural
from netreport.logbook import CellsPlan, Entry, LogPlan
from netreport.recording import Recorded

SHOWN_ENTRIES = 20  # entries listed by name in the text output; the rest are counted


def _entry(entry: Entry) -> str:
    contact = entry.contact
    text = (
        f"{weekday_date(entry.day)}: {entry.type} with {contact.name} (Contacts row {contact.row})"
    )
    return text + (f', "{entry.note}"' if entry.note else "")


def _columns(result: Recorded) -> list[str]:
    """The columns a log run adds to the owner's Interactions sheet, said so."""
    plan = result.plan
    if not isinstance(plan, LogPlan) or plan.new_sheet or not plan.entries:
        return []
    verb = "Would add" if result.dry_run else "Added"
    return [
        f"{verb} the column {letter} ({header}) to {plan.placement.sheet}: your log had none."
        for letter, header in plan.placement.new_columns
    ]


def _written(result: Recorded) -> list[str]:
    if "backup" not in result.written:
        return []
    return [f"Backup of the workbook as it was: {result.written['backup']}"]


def _refused(result: Recorded) -> list[str]:
    return [f"A real run would be refused: {r}" for r in result.refusals]


def log_text(result: Recorded) -> str:
    """One entry logged (or not)."""
    plan = result.plan
    assert isinstance(plan, LogPlan)
    where = f"{plan.placement.sheet} in {plan.workbook.name}"
    if not plan.entries:
        (entry,) = plan.already
        return f"Already in the log ({where}): {_entry(entry)}. Nothing was written."
    (entry,) = plan.entries
    row = plan.placement.first_new_row
    verb = "Would log" if result.dry_run else "Logged"
    lines = [f"{verb} {_entry(entry)}: row {row} of {where}."]
    if plan.new_sheet:
        lines.append(f"{'Would add' if result.dry_run else 'Added'} an Interactions sheet.")
    lines += _columns(result)
    if result.dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join([*lines, *result.notes, *_refused(result), *_written(result)])


def entries_text(result: Recorded, what: str) -> str:
    """An import of meetings or messages: counts, the entries added, what was skipped."""
    plan = result.plan
    assert isinstance(plan, LogPlan)
    where = f"{plan.placement.sheet} in {plan.workbook.name}"
    count = len(plan.entries)
    read = ", ".join(plural(n, k.rstrip("s"), k) for k, n in result.counts.items())
    lines = [f"Read {read}." if read else f"Read the {what}."]
    if count:
        verb = "Would add" if result.dry_run else "Added"
        rows = plan.placement.rows(count)
        span = f"row {rows[0]}" if count == 1 else f"rows {rows[0]}-{rows[-1]}"
        lines.append(f"{verb} {count} {'entry' if count == 1 else 'entries'} to {where} ({span}):")
        lines += [f"  {_entry(e)}" for e in plan.entries[:SHOWN_ENTRIES]]
        if count > SHOWN_ENTRIES:
            lines.append(f"  ... and {count - SHOWN_ENTRIES} more")
    else:
        lines.append(f"Nothing to add to {where}; nothing was written.")
    if plan.skipped:
        skipped = sorted(plan.skipped.items(), key=lambda kv: (-kv[1], kv[0]))
        lines.append("Skipped: " + "; ".join(f"{n} {reason}" for reason, n in skipped) + ".")
    lines += _columns(result)
    lines += result.notes
    if result.dry_run and count:
        lines.append("Dry run: nothing was written.")
    return "\n".join([*lines, *_refused(result), *_written(result)])


def snooze_text(result: Recorded) -> str:
    plan = result.plan
    assert isinstance(plan, CellsPlan)
    contact = plan.contact
    until = plan.cells["snooze_until"][1]
    letter = plan.cells["snooze_until"][0]
    verb = "Would snooze" if result.dry_run else "Snoozed"
    lines = [
        f"{verb} {contact.name} (Contacts row {contact.row}) until {weekday_date(until)}: "
        f"off the outreach list until then ({plan.sheet}!{letter}{contact.row})."
    ]
    if plan.before.get("snooze_until") not in (None, ""):
        lines.append(f"It said {plan.before['snooze_until']!s} before.")
    for letter, header in plan.new_columns:
        lines.append(
            f"{'Would add' if result.dry_run else 'Added'} the column {letter} ({header})."
        )
    if result.dry_run:
        lines.append("Dry run: nothing was written.")
    return "\n".join([*lines, *result.notes, *_refused(result), *_written(result)])


def _path(path: Path | None) -> str | None:
    return None if path is None else str(path)


def _entry_json(entry: Entry, row: int) -> dict[str, Any]:
    return {
        "row": row,
        "date": entry.day.isoformat(),
        "contact": {"row": entry.contact.row, "name": entry.contact.name},
        "email": entry.contact.email,
        "type": entry.type,
        "channel": entry.channel,
        "note": entry.note,
        "ref": entry.ref,
    }


def recorded_json(result: Recorded) -> dict[str, Any]:
    """Every decision of a log, import calendar, import mail or snooze run."""
    plan = result.plan
    common: dict[str, Any] = {
        "workbook": str(plan.workbook),
        "dry_run": result.dry_run,
        "written": {k: _path(v) for k, v in result.written.items()},
        "refusals": result.refusals,
    }
    if isinstance(plan, CellsPlan):
        return {
            **common,
            "sheet": plan.sheet,
            "contact": {"row": plan.contact.row, "name": plan.contact.name},
            "cells": {
                key: {
                    "cell": f"{letter}{plan.contact.row}",
                    "value": value.isoformat() if isinstance(value, dt.date) else value,
                }
                for key, (letter, value) in plan.cells.items()
            },
            "new_columns": [{"column": c, "header": h} for c, h in plan.new_columns],
        }
    rows = plan.placement.rows(len(plan.entries))
    return {
        **common,
        "sheet": plan.placement.sheet,
        "new_sheet": plan.new_sheet,
        "new_columns": [{"column": c, "header": h} for c, h in plan.placement.new_columns],
        "entries": [_entry_json(e, r) for e, r in zip(plan.entries, rows, strict=True)],
        "skipped": plan.skipped,
        "read": result.counts,
        "notes": result.notes,
    }
