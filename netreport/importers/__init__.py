"""Bring contacts in from LinkedIn, Google Contacts, Outlook and vCard exports.

Each module reads one kind of export into `Candidate`s (`common.py`); `match.py` matches them
against the workbook, `plan.py` decides who is added and who is listed for review, `apply.py`
writes them; `output.py` says
what was done. `run_import` joins them for the command line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from netreport.importers.common import NAMES, Export, ImportProblem
from netreport.importers.plan import ImportPlan
from netreport.limits import DEFAULT_KEEP_BACKUPS, DEFAULT_MAX_UNZIPPED_BYTES

KINDS: tuple[str, ...] = ("linkedin", "google", "outlook", "vcard")

__all__ = ["KINDS", "NAMES", "ImportProblem", "ImportResult", "read_export", "run_import"]


@dataclass
class ImportResult:
    """What one `netreport import` run decided, and (unless a dry run) what it wrote."""

    plan: ImportPlan
    dry_run: bool
    written: dict[str, Path] = field(default_factory=dict)  # "workbook", "backup"
    refusals: list[str] = field(default_factory=list)  # why a real run would be refused


def parser(kind: str) -> Callable[[Path], Export]:
    if kind == "linkedin":
        from netreport.importers.linkedin import parse
    elif kind == "google":
        from netreport.importers.google import parse
    elif kind == "outlook":
        from netreport.importers.outlook import parse
    elif kind == "vcard":
        from netreport.importers.vcard import parse
    else:
        raise ValueError(f"unknown kind of export: {kind}")
    return parse


def read_export(kind: str, path: Path) -> Export:
    """Read an export file into candidates; ImportProblem when it cannot be used."""
    return parser(kind)(Path(path))


def default_source(kind: str, as_of: dt.date) -> str:
    """'LinkedIn import 2026-11-26': what the Source (Where found) cell says by default."""
    return f"{NAMES[kind]} import {as_of.isoformat()}"


def run_import(
    kind: str,
    export: Path,
    workbook: Path,
    *,
    dry_run: bool = False,
    category: str | None = None,
    source: str | None = None,
    as_of: dt.date | None = None,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
) -> ImportResult:
    """Read `export`, match it against `workbook`, and unless `dry_run` write the new people
    and the likely duplicates into it (after a backup in `backups/<name>/` beside it, of which
    the newest `keep_backups` are kept).
    A run with nothing to add or review writes nothing at all. A workbook that would unzip to
    more than `max_unzipped_bytes` is refused before it is read."""
    from netreport.importers.apply import WORDING, apply_import
    from netreport.importers.plan import plan_import
    from netreport.inplace import change, read_for_update
    from netreport.read import sniff

    as_of = as_of or dt.date.today()
    sniff(Path(workbook), max_unzipped_bytes=max_unzipped_bytes)
    read = read_export(kind, export)
    plan, read_as = read_for_update(
        Path(workbook),
        lambda: plan_import(
            read,
            workbook,
            source=source or default_source(kind, as_of),
            as_of=as_of,
            category=category,
            max_unzipped_bytes=max_unzipped_bytes,
        ),
    )
    if not plan.changes:
        return ImportResult(plan, dry_run)
    done = change(
        Path(workbook),
        lambda: apply_import(plan, read_as, keep_backups),
        WORDING,
        plan.reads,
        dry_run,
    )
    plan.notes += done.notes
    return ImportResult(plan, dry_run, done.written, done.refusals)
