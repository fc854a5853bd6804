"""The owner's decisions on the import's Review sheet, read back and applied (`netreport
review`).

Each Review row pairs one of the owner's contacts ("Your row") with an imported person who may
be the same. The owner types a Decision:
- **merge** (same person): the imported email, phone, company, job title and LinkedIn fill
  the contact's *blank* cells; a value that differs from one the owner typed is never written
  over it: it is added below the contact's Notes ("Also from LinkedIn import ...: email ...").
- **keep both** (two people): the imported person is added as a new contact, as an import adds
  people.
- **skip**: nothing changes.
A decided row gets the date in an `Applied on` column and is never applied twice. When the
contact has moved since the row was listed (the owner sorted the sheet), it is found again by
name and address; when it cannot be found for sure, the row is left for the owner.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from netreport.appending import (
    Placement,
    add_column,
    append_rows,
    cell_at,
    changed_cell,
    changed_outside,
    field_values,
    place,
    put,
    row_names,
    rows_read,
    used_extent,
)
from netreport.atomic import Fingerprint
from netreport.errors import NetreportError
from netreport.identity import email_keys, name_key, name_keys
from netreport.importers.plan import ADDED_HEADERS, REVIEW_COLUMNS, REVIEW_SHEET, _review_header
from netreport.inplace import Grids, Wording, change, check_sheets, refuse_read_back, safe_update
from netreport.issues import plural
from netreport.limits import DEFAULT_KEEP_BACKUPS, DEFAULT_MAX_UNZIPPED_BYTES
from netreport.read import Table, column_letter, read_grids, read_workbook
from netreport.schema import CONTACTS, norm_key

MERGE, KEEP_BOTH, SKIP = "merge", "keep both", "skip"
# How a Decision cell may say each decision, folded by norm_key.
DECISIONS: dict[str, str] = {
    **dict.fromkeys(
        ("merge", "merged", "same", "sameperson", "duplicate", "dup", "combine"), MERGE
    ),
    **dict.fromkeys(
        (
            *("keepboth", "both", "keep", "different", "differentpeople", "notthesame"),
            *("new", "add", "addnew", "separate"),
        ),
        KEEP_BOTH,
    ),
    **dict.fromkeys(("skip", "ignore", "discard", "drop", "none", "neither"), SKIP),
}
APPLIED_HEADER = "Applied on"
FILLED = ("email", "phone", "company", "title", "linkedin")  # what a merge may fill

WORDING = Wording(
    "review",
    "Save it as an Excel Workbook (.xlsx) and run again.",
    "Run with --dry-run to see what would be applied, or apply the decisions by hand.",
)


class NoReview(NetreportError):
    """The workbook has no Review sheet, or one netreport did not write (exit 2)."""


@dataclass(frozen=True)
class Decision:
    """One decided Review row: its row, the decision, the contact's row (merge), the values
    to fill (field key -> value) and the notes to add, or the new contact's values."""

    review_row: int
    decision: str
    name: str
    contact_row: int | None = None
    fill: dict[str, Any] = field(default_factory=dict)
    note: str | None = None
    new_values: dict[str, Any] = field(default_factory=dict)
    why: str | None = None  # why a decision changed nothing (the person is already added)


@dataclass
class ReviewPlan:
    workbook: Path
    sheet: str  # the Contacts sheet
    header_row: int
    letters: dict[str, str]  # field key -> column letter on Contacts
    placement: Placement  # where kept-both people go
    applied_letter: str
    applied_is_new: bool
    as_of: dt.date
    reads: dict[str, frozenset[int]]
    decisions: list[Decision] = field(default_factory=list)
    left: list[tuple[int, str]] = field(default_factory=list)  # (review row, why not applied)
    waiting: int = 0  # rows without a decision

    @property
    def added(self) -> list[Decision]:
        return [d for d in self.decisions if d.decision == KEEP_BOTH]


def plan_review(
    workbook: Path, as_of: dt.date, max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES
) -> ReviewPlan:
    """Read the Review sheet's decisions and work out what each one changes."""
    source = read_workbook(workbook, max_unzipped_bytes=max_unzipped_bytes)
    table = source.contacts
    if table is None:
        raise NoReview(f"{workbook.name} has no Contacts sheet.")
    grids = read_grids(workbook, [table.sheet, REVIEW_SHEET])
    review = grids.get(REVIEW_SHEET)
    if review is None:
        raise NoReview(
            f"{workbook.name} has no {REVIEW_SHEET} sheet: `netreport import` makes one when "
            "it finds people who may already be in Contacts."
        )
    columns = _review_header(workbook, review)
    applied = columns.get(norm_key(APPLIED_HEADER))
    width = used_extent(review)[1]
    letters = {c.field: c.letter for c in table.columns if c.field}
    first_key = "name" if "name" in letters else "last_name"
    new_headers = {k: h for k, h in ADDED_HEADERS.items() if k in ("source", "added")}
    plan = ReviewPlan(
        workbook,
        table.sheet,
        table.header_row,
        letters,
        place(table, grids.get(table.sheet, []), first_key, new_headers),
        column_letter((applied or width + 1) - 1),
        applied is None,
        as_of,
        rows_read(source),
    )
    people = _people(table)
    for number, row in enumerate(review[1:], start=2):

        def get(what: str, row: list[Any] = row) -> Any:
            header = next(h for h, w in REVIEW_COLUMNS if w == what)
            col = columns.get(norm_key(header))
            value = row[col - 1] if col and col - 1 < len(row) else None
            return None if value in ("", None) else value

        if applied and applied - 1 < len(row) and row[applied - 1] not in ("", None):
            continue
        typed = get("decision")
        if typed is None:
            if get("new:name") is not None:
                plan.waiting += 1
            continue
        decision = DECISIONS.get(norm_key(typed))
        if decision is None:
            plan.left.append((number, f"the Decision '{typed}' is not merge, keep both or skip"))
            continue
        _decide(plan, number, decision, get, people)
    return plan


def _people(table: Table) -> dict[int, tuple[str | None, frozenset[str], dict[str, Any]]]:
    """Each contact row: its name key, its addresses and its cells by field."""
    fields = [c.field for c in table.columns if c.field]
    values = {k: field_values(table, k) for k in fields}
    keys = name_keys(pd.Series(row_names(table), dtype=object)).tolist()
    found = {}
    for i, row in enumerate(table.frame.index.tolist()):
        cells = {k: values[k][i] for k in fields}
        found[int(row)] = (keys[i], email_keys(cells.get("email")), cells)
    return found


def _decide(plan: ReviewPlan, number: int, decision: str, get: Any, people: dict[int, Any]) -> None:
    name = str(get("new:name") or "")
    imported = {k: get(f"new:{k}") for k in ("name", *FILLED)}
    if decision == SKIP:
        plan.decisions.append(Decision(number, SKIP, name))
        return
    if decision == KEEP_BOTH:
        # One imported person listed against two of your contacts is added once: not again
        # when an earlier row (or an earlier review) added them.
        twin = _added_already(plan, imported, people)
        if twin:
            plan.decisions.append(Decision(number, SKIP, name, why=twin))
            return
        values = {k: v for k, v in imported.items() if v is not None}
        values["source"] = get("source")
        listed = get("listed")
        values["added"] = listed.date() if isinstance(listed, dt.datetime) else listed
        plan.decisions.append(Decision(number, KEEP_BOTH, name, new_values=values))
        return
    row = _contact_row(get, people)
    if row is None:
        plan.left.append(
            (number, "your contact is no longer in the row it was listed with, and was not "
             "found by name and email")
        )  # fmt: skip
        return
    cells = people[row][2]
    fill, differs = {}, []
    for key in FILLED:
        value = imported[key]
        if value is None:
            continue
        what = f"{CONTACTS.field(key).header.lower().replace('linkedin', 'LinkedIn')} {value}"
        if key not in plan.letters:
            differs.append(what)  # no column for it: kept in the notes, not lost
        elif cells.get(key) is None:
            fill[key] = value
        elif norm_key(cells[key]) != norm_key(value):
            differs.append(what)
    note = None
    if differs and "notes" in plan.letters:
        note = f"Also from {get('source') or 'an import'}: {'; '.join(differs)}"
    plan.decisions.append(Decision(number, MERGE, name, row, fill, note))


def _added_already(
    plan: ReviewPlan, imported: dict[str, Any], people: dict[int, Any]
) -> str | None:
    """Where the imported person already is, when a keep-both added them before."""
    key, addresses = name_key(imported["name"]), email_keys(imported["email"])
    for d in plan.added:
        added = d.new_values
        if name_key(added.get("name")) == key and email_keys(added.get("email")) == addresses:
            return f"already added by {REVIEW_SHEET} row {d.review_row}"
    for row, (k, mails, _cells) in people.items():
        if k == key and mails == addresses:
            return f"already in {plan.sheet}, row {row}"
    return None


def _contact_row(get: Any, people: dict[int, Any]) -> int | None:
    """The contact the Review row pairs the import with: the listed row when it still holds
    that person, else the one contact of that name and address."""
    key = name_key(get("old:name"))
    addresses = email_keys(get("old:email"))
    listed = get("row")
    if isinstance(listed, float) and listed.is_integer():
        listed = int(listed)
    if isinstance(listed, int) and listed in people and people[listed][0] == key:
        return listed
    found = [
        row
        for row, (k, mails, _) in people.items()
        if k == key and (not addresses or addresses & mails)
    ]
    return found[0] if len(found) == 1 else None


def apply_review(
    plan: ReviewPlan, read_as: Fingerprint | None = None, keep_backups: int = DEFAULT_KEEP_BACKUPS
) -> Path:
    """Write the decisions through the safe path; returns the backup."""
    return safe_update(
        plan.workbook,
        lambda book: _write(plan, book),
        lambda before, after: _verify(plan, before, after),
        WORDING,
        read_grids,
        read_as,
        keep_backups,
        plan.reads,
    )


def _merge_cells(plan: ReviewPlan) -> list[tuple[int, str]]:
    """The Contacts cells the merges write, (row, letter)."""
    spots = []
    for d in plan.decisions:
        if d.decision == MERGE and d.contact_row is not None:
            spots += [(d.contact_row, plan.letters[k]) for k in d.fill]
            if d.note:
                spots.append((d.contact_row, plan.letters["notes"]))
    return spots


def _write(plan: ReviewPlan, book: Any) -> None:
    contacts, review = book[plan.sheet], book[REVIEW_SHEET]
    for d in plan.decisions:
        if d.decision != MERGE or d.contact_row is None:
            continue
        for key, value in d.fill.items():
            put(contacts[f"{plan.letters[key]}{d.contact_row}"], value)
        if d.note:
            cell = contacts[f"{plan.letters['notes']}{d.contact_row}"]
            was = "" if cell.value is None else str(cell.value)
            put(cell, f"{was}\n{d.note}" if was.strip() else d.note)
    append_rows(contacts, plan.placement, [d.new_values for d in plan.added])
    if plan.applied_is_new:
        add_column(review, plan.applied_letter, 1, APPLIED_HEADER)
    for d in plan.decisions:
        put(review[f"{plan.applied_letter}{d.review_row}"], plan.as_of)


def _verify(plan: ReviewPlan, before: Grids, after: Grids) -> None:
    """Contacts changes only in the merged cells and the new rows, Review only under Applied
    on; every merged value reads back."""
    count, merged = len(plan.added), _merge_cells(plan)
    applied = [(d.review_row, plan.applied_letter) for d in plan.decisions]
    applied.append((1, plan.applied_letter))
    changes = {
        plan.sheet: lambda o, n: changed_cell(o, n, plan.placement, count, merged),
        REVIEW_SHEET: lambda o, n: changed_outside(o, n, applied),
    }
    check_sheets(before, after, changes)
    for d in plan.decisions:
        if d.decision == MERGE and d.contact_row is not None:
            for key, value in d.fill.items():
                got = cell_at(after[plan.sheet], d.contact_row, plan.letters[key])
                if str(got) != str(value):
                    where = f"{plan.sheet}!{plan.letters[key]}{d.contact_row}"
                    refuse_read_back(f"{where} reading {got!r}")


@dataclass
class ReviewResult:
    plan: ReviewPlan
    dry_run: bool
    written: dict[str, Path] = field(default_factory=dict)
    refusals: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def run_review(
    workbook: Path,
    *,
    as_of: dt.date,
    dry_run: bool = False,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
) -> ReviewResult:
    """Read the Review sheet's decisions and, unless `dry_run`, apply them (with a backup)."""
    from netreport.inplace import read_for_update
    from netreport.read import sniff

    sniff(Path(workbook), max_unzipped_bytes=max_unzipped_bytes)
    plan, read_as = read_for_update(
        Path(workbook), lambda: plan_review(Path(workbook), as_of, max_unzipped_bytes)
    )
    if not plan.decisions:
        return ReviewResult(plan, dry_run)
    done = change(
        Path(workbook),
        lambda: apply_review(plan, read_as, keep_backups),
        WORDING,
        plan.reads,
        dry_run,
    )
    return ReviewResult(plan, dry_run, done.written, done.refusals, done.notes)


def review_text(result: ReviewResult) -> str:
    """What was applied, row by row, and what was left for the owner."""
    plan, dry = result.plan, result.dry_run
    lines = []
    if not plan.decisions and not plan.left:
        lines.append(
            f"No decisions to apply on the {REVIEW_SHEET} sheet of {plan.workbook.name}"
            + (f" ({plural(plan.waiting, 'row')} wait for one)." if plan.waiting else ".")
        )
    for d in plan.decisions:
        where = f"{REVIEW_SHEET} row {d.review_row}, {d.name}"
        if d.decision == MERGE:
            filled = ", ".join(f"{CONTACTS.field(k).header} {v}" for k, v in d.fill.items())
            what = f"merged into {plan.sheet} row {d.contact_row}"
            what += f": filled {filled}" if filled else ": nothing blank to fill"
            if d.note:
                what += "; the values that differ from yours added to Notes"
        elif d.decision == KEEP_BOTH:
            what = f"kept as a new contact in {plan.sheet}"
        else:
            what = f"nothing to do: {d.why}" if d.why else "skipped"
        lines.append(f"{where}: {what}.")
    for row, why in plan.left:
        lines.append(f"{REVIEW_SHEET} row {row}: not applied: {why}.")
    if plan.decisions:
        lines.append(
            f"{'Would mark' if dry else 'Marked'} {len(plan.decisions)} row"
            f"{'s' if len(plan.decisions) != 1 else ''} with today's date under {APPLIED_HEADER}."
        )
    if plan.waiting and plan.decisions:
        lines.append(f"{plural(plan.waiting, 'row')} still wait for a decision.")
    if dry and plan.decisions:
        lines.append("Dry run: nothing was written.")
    lines += result.notes
    lines += [f"A real run would be refused: {r}" for r in result.refusals]
    if "backup" in result.written:
        lines.append(f"Backup of the workbook as it was: {result.written['backup']}")
    return "\n".join(lines)


def review_json(result: ReviewResult) -> dict[str, Any]:
    plan = result.plan
    return {
        "workbook": str(plan.workbook),
        "dry_run": result.dry_run,
        "written": {k: str(v) for k, v in result.written.items()},
        "refusals": result.refusals,
        "decisions": [
            {
                "review_row": d.review_row,
                "decision": d.decision,
                "name": d.name,
                "contact_row": d.contact_row,
                "filled": d.fill,
                "note": d.note,
            }
            for d in plan.decisions
        ],
        "not_applied": [{"review_row": r, "why": why} for r, why in plan.left],
        "waiting": plan.waiting,
        "notes": result.notes,
    }
