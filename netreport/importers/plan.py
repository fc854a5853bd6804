"""The import plan: who is added, who is listed for review, who is skipped. Writes nothing
(it is the dry run).

The same person is skipped: already there. A likely duplicate never changes a cell of the
owner's; it is listed on the `Review` sheet with both versions and the evidence, once (a person
already listed there is not listed again). Everyone else is appended below the last row of
Contacts, under the owner's own headers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from netreport.appending import (
    Placement,
    field_values,
    place,
    row_names,
    rows_read,
    used_extent,
)
from netreport.check.validate import people_only
from netreport.importers.common import Candidate, Export, ImportProblem
from netreport.importers.match import SAME, Person, Pool
from netreport.limits import DEFAULT_MAX_UNZIPPED_BYTES
from netreport.read import Table, read_grids, read_workbook
from netreport.schema import CONTACTS, norm_key

REVIEW_SHEET = "Review"
MAX_CASES = 5  # review rows for one imported person, at most

# What netreport writes when the sheet has no column for a field it must record.
ADDED_HEADERS = {
    "source": CONTACTS.field("source").header,
    "added": CONTACTS.field("added").header,
    "category": CONTACTS.field("category").header,
}
# The Review sheet's columns: (header, what goes there).
REVIEW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("Your row", "row"),
    ("Evidence", "evidence"),
    ("Your name", "old:name"),
    ("Your email", "old:email"),
    ("Your company", "old:company"),
    ("Your job title", "old:title"),
    ("Your LinkedIn", "old:linkedin"),
    ("Imported name", "new:name"),
    ("Imported email", "new:email"),
    ("Imported company", "new:company"),
    ("Imported job title", "new:title"),
    ("Imported phone", "new:phone"),
    ("Imported LinkedIn", "new:linkedin"),
    ("Imported from", "source"),
    ("Listed on", "listed"),
    ("Decision", "decision"),
)
SHOWN = ("name", "email", "company", "title", "phone", "linkedin")


# ---- the plan -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Added:
    candidate: Candidate
    row: int
    values: dict[str, Any]  # field key -> value written


@dataclass(frozen=True)
class ReviewCase:
    candidate: Candidate
    existing: Person
    evidence: str
    values: dict[str, Any]  # the imported values shown on the Review sheet


@dataclass(frozen=True)
class Skipped:
    candidate: Candidate
    reason: str
    row: int | None = None  # the Contacts (or Review) row it matched


@dataclass
class ImportPlan:
    """What an import will do; `apply_import` carries it out."""

    export: Export
    workbook: Path
    placement: Placement  # where the new people go; `columns`: only the fields written
    reads: dict[str, frozenset[int]]  # the rows netreport reads, by sheet (`rows_read`)
    not_written: list[str]  # headers of fields the sheet has no column for
    source: str
    as_of: dt.date
    category: str | None
    review_exists: bool
    review_next_row: int
    review_columns: dict[str, int]  # Review header (norm_key) -> 1-based column
    added: list[Added] = field(default_factory=list)
    review: list[ReviewCase] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def changes(self) -> bool:
        return bool(self.added or self.review)

    @property
    def sheet(self) -> str:
        return self.placement.sheet

    @property
    def first_new_row(self) -> int:
        return self.placement.first_new_row

    @property
    def columns(self) -> dict[str, str]:
        return self.placement.columns

    @property
    def new_columns(self) -> tuple[tuple[str, str], ...]:
        return self.placement.new_columns


def plan_import(
    export: Export,
    workbook: Path,
    *,
    source: str,
    as_of: dt.date,
    category: str | None = None,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
) -> ImportPlan:
    """Decide, for every person in `export`, whether it is added, reviewed or skipped."""
    workbook = Path(workbook)
    source_book = read_workbook(workbook, max_unzipped_bytes=max_unzipped_bytes)
    table = source_book.contacts
    if table is None:
        raise ImportProblem(
            workbook,
            "has no Contacts sheet to import into.",
            "Start one with `netreport init`, or name your contacts sheet Contacts.",
        )
    letters = {c.field: c.letter for c in table.columns if c.field}
    if not {"name", "first_name", "last_name"} & set(letters):
        raise ImportProblem(
            workbook,
            f"the {table.sheet} sheet has no Name column (nor First Name and Last Name).",
            "Add a Name header above your contacts' names and import again.",
        )
    grids = read_grids(workbook, [table.sheet, REVIEW_SHEET])
    first_key = "name" if "name" in letters else "last_name"
    wanted = {"source", "added", *(["category"] if category else [])}
    # Rows below the last person that are not people (a totals row, a legend) stay at the
    # bottom: the new people go above them, and they move down.
    people = people_only(table, first_key, [])
    placement = place(
        table,
        grids.get(table.sheet, []),
        first_key,
        {k: h for k, h in ADDED_HEADERS.items() if k in wanted},
        people,
    )
    offered = {k for c in export.candidates for k in c.fields()} | wanted
    named = {"name", "first_name", "last_name"}
    columns = {k: v for k, v in placement.columns.items() if k in offered | named}
    not_written = sorted(
        {CONTACTS.field(k).header for k in offered if k not in columns and k not in named}
    )

    review_rows = grids.get(REVIEW_SHEET)
    review_columns = _review_header(workbook, review_rows) if review_rows is not None else {}
    plan = ImportPlan(
        export=export,
        workbook=workbook,
        placement=replace(placement, columns=columns),
        reads=rows_read(source_book),
        not_written=not_written,
        source=source,
        as_of=as_of,
        category=category,
        review_exists=review_rows is not None,
        review_next_row=max(used_extent(review_rows or [])[0], 1) + 1,
        review_columns=review_columns,
        notes=list(export.notes) + _decisions_waiting(workbook, review_rows, review_columns),
    )
    contacts = Pool(_existing(people))
    reviewed = Pool(_reviewed(review_rows or [], review_columns))
    for candidate in export.candidates:
        _decide(plan, candidate, contacts, reviewed)
    return plan


def _decide(plan: ImportPlan, candidate: Candidate, contacts: Pool, reviewed: Pool) -> None:
    values = _row_values(plan, candidate)
    if not values.get("name"):
        plan.skipped.append(Skipped(candidate, "no name"))
        return
    row = plan.first_new_row + len(plan.added)
    person = Person.of(
        row,
        values,
        new=True,
        emails=candidate.emails if "email" in plan.columns else None,
    )
    verdicts = contacts.verdicts(person)
    if verdicts and verdicts[0][0].kind == SAME:
        verdict, old = verdicts[0]
        where = "added earlier in this import" if old.new else f"already in {plan.sheet}"
        extra = [
            CONTACTS.field(k).header.lower().replace("linkedin", "LinkedIn")
            for k in ("email", "phone", "company", "title", "linkedin")
            if values.get(k) and not old.values.get(k)
        ]
        also = f"; the import also has: {', '.join(extra)}" if extra and not old.new else ""
        plan.skipped.append(
            Skipped(candidate, f"{where}, row {old.row} ({verdict.evidence}){also}", old.row)
        )
        return
    if verdicts:
        shown = _shown(candidate)
        full = Person.of(0, shown, emails=candidate.emails)
        listed = [old for verdict, old in reviewed.verdicts(full) if verdict.kind == SAME]
        if listed:
            plan.skipped.append(
                Skipped(candidate, f"already on {REVIEW_SHEET}, row {listed[0].row}", listed[0].row)
            )
            return
        for verdict, old in verdicts[:MAX_CASES]:
            plan.review.append(ReviewCase(candidate, old, verdict.evidence, shown))
        reviewed.add(
            Person.of(plan.review_next_row + len(plan.review) - 1, shown, emails=candidate.emails)
        )
        return
    plan.added.append(Added(candidate, row, values))
    contacts.add(person)


def _row_values(plan: ImportPlan, candidate: Candidate) -> dict[str, Any]:
    """What the new row would hold: field key -> value, for the columns the sheet has."""
    fields = candidate.fields()
    if "name" not in plan.columns and not (fields.get("first_name") or fields.get("last_name")):
        given, _, family = (fields.get("name") or "").rpartition(" ")
        fields["first_name"], fields["last_name"] = (given, family) if given else (family, None)
    fields["source"] = plan.source
    fields["added"] = candidate.added or plan.as_of
    if plan.category:
        fields["category"] = plan.category
    values = {k: v for k, v in fields.items() if k in plan.columns and v}
    # The name as netreport will read the row back: the Name column, else First + Last.
    name = fields.get("name") if "name" in plan.columns else None
    if name is None:
        name = " ".join(str(fields[k]) for k in ("first_name", "last_name") if fields.get(k))
    return {**values, "name": name or None}


def _shown(candidate: Candidate) -> dict[str, Any]:
    fields = candidate.fields()
    return {k: fields.get(k) for k in SHOWN}


def _existing(table: Table) -> list[Person]:
    """The people already on the Contacts sheet."""
    shown = {k: field_values(table, k) for k in SHOWN}
    shown["name"] = row_names(table)
    return [
        Person.of(int(row), {k: shown[k][i] for k in SHOWN})
        for i, row in enumerate(table.frame.index)
    ]


def _reviewed(rows: list[list[Any]], columns: dict[str, int]) -> list[Person]:
    """The imported people already listed on the Review sheet."""
    people = []
    for index, row in enumerate(rows[1:], start=2):

        def get(header: str, row: list[Any] = row) -> Any:
            col = columns.get(norm_key(header))
            value = row[col - 1] if col and col - 1 < len(row) else None
            return value if value not in ("", None) else None

        values = {
            "name": get("Imported name"),
            "email": get("Imported email"),
            "company": get("Imported company"),
            "linkedin": get("Imported LinkedIn"),
            "phone": get("Imported phone"),
        }
        if any(values.values()):
            people.append(Person.of(index, values))
    return people


def _decisions_waiting(
    workbook: Path, rows: list[list[Any]] | None, columns: dict[str, int]
) -> list[str]:
    """A note when the owner has typed Decisions on Review that `netreport review` has not
    applied yet (their Applied on cell is blank)."""
    decision, applied = columns.get(norm_key("Decision")), columns.get(norm_key("Applied on"))

    def filled(row: list[Any], col: int | None) -> bool:
        return col is not None and 0 < col <= len(row) and str(row[col - 1] or "").strip() != ""

    count = sum(1 for r in (rows or [])[1:] if filled(r, decision) and not filled(r, applied))
    if not count:
        return []
    return [
        f"{count} decision{'s' if count != 1 else ''} typed on the {REVIEW_SHEET} sheet "
        f"{'wait' if count != 1 else 'waits'} to be applied: run `netreport review "
        f"{workbook.name}`."
    ]


def _review_header(workbook: Path, rows: list[list[Any]]) -> dict[str, int]:
    """The Review sheet's columns by header; refuses a Review sheet netreport did not write."""
    header = rows[0] if rows else []
    columns = {norm_key(v): i for i, v in enumerate(header, start=1) if norm_key(v)}
    needed = {norm_key(h) for h, _ in REVIEW_COLUMNS[:2]} | {norm_key("Imported name")}
    if not needed <= set(columns):
        raise ImportProblem(
            workbook,
            f"has a sheet named {REVIEW_SHEET} that netreport did not write (its first row "
            "is not Your row, Evidence, ...).",
            "Rename that sheet and import again; nothing was changed.",
        )
    return columns
