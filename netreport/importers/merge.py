"""Merge imported people into the user's workbook without duplicates and without touching
what the user typed.

Each candidate is matched against the Contacts sheet, in this order:
1. the same email address (any of the candidate's, case-insensitive): the same person;
2. the same LinkedIn profile (the address normalised: scheme, `www.`, country sub-domains,
   query and trailing slash ignored): the same person;
3. the same name (case, accents, spacing, punctuation, middle names and courtesy titles
   ignored) and the same company (also ignoring legal forms such as Inc. or Ltd):
   the same person, unless their emails or LinkedIn profiles differ.
The same person is skipped: already there. A person with the same name but a different email
or LinkedIn profile, a different company, or a company on one side only is a likely duplicate:
it is never merged and never changes a cell of the user's; it is listed on the `Review` sheet
with both versions and the evidence, once (a person already listed there is not listed again).
Everyone else is appended below the last row of Contacts, under the user's own headers.

`plan_import` decides all of this and writes nothing (it is the dry run); `apply_import`
writes the plan through `writeback.safe_update`: lock-file and lossy-part refusals, a backup,
and a check that every cell that was there before reads back unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netreport.identity import (
    company_key,
    email_keys,
    linkedin_key,
    name_key,
    phone_key,
    same_phone,
)
from netreport.importers.common import Candidate, Export, ImportProblem
from netreport.limits import DEFAULT_MAX_UNZIPPED_BYTES
from netreport.schema import CONTACTS, norm_key
from netreport.workbook import Table, column_letter, read_workbook
from netreport.writeback import UpdateRefused, Wording

REVIEW_SHEET = "Review"
# How safe_update's refusals read for an import.
WORDING = Wording(
    "import",
    "Save it as an Excel Workbook (.xlsx) and import into that.",
    "Run with --dry-run to see who would be added, or import into a copy saved without "
    "those parts.",
)
SAME, REVIEW = "same", "review"
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


@dataclass(frozen=True)
class Person:
    """A contact reduced to what matching compares, and the values a person reads."""

    row: int  # the Excel row on its sheet
    values: dict[str, Any]  # field key -> value, as shown (name, email, company, ...)
    emails: frozenset[str]
    linkedin: str | None
    name: str | None  # name_key
    company: str  # company_key, "" when there is none
    phone: str | None = None  # phone_key
    new: bool = False  # a row this import adds

    @classmethod
    def of(
        cls,
        row: int,
        values: dict[str, Any],
        *,
        new: bool = False,
        emails: Iterable[str] | None = None,
    ) -> Person:
        """`emails`: every address the person has, when more than the `email` value."""
        return cls(
            row=row,
            values=values,
            emails=email_keys(" ".join(emails)) if emails else email_keys(values.get("email")),
            linkedin=linkedin_key(values.get("linkedin")),
            name=name_key(values.get("name")),
            company=company_key(values.get("company")),
            phone=phone_key(values.get("phone")),
            new=new,
        )


@dataclass(frozen=True)
class Verdict:
    kind: str  # SAME or REVIEW
    evidence: str


def compare(new: Person, old: Person) -> Verdict | None:
    """Whether `new` is `old` (SAME), may be (REVIEW), or is someone else (None)."""
    if new.emails & old.emails:
        return Verdict(SAME, "same email")
    if new.linkedin and new.linkedin == old.linkedin:
        return Verdict(SAME, "same LinkedIn profile")
    if not new.name or new.name != old.name:
        return None
    yours, theirs = old.values, new.values
    differences = []
    if new.emails and old.emails:
        differences.append(
            f"different email: {yours.get('email')} in yours, {theirs.get('email')} imported"
        )
    if new.linkedin and old.linkedin:
        differences.append(
            f"different LinkedIn profile: {yours.get('linkedin')} in yours, "
            f"{theirs.get('linkedin')} imported"
        )
    same_company = bool(new.company) and new.company == old.company
    # The same name and number is the same person: a company on one side only is then a gap
    # in one of the two, not a sign of someone else.
    phone = same_phone(new.phone, old.phone)
    if new.company and old.company and not same_company:
        differences.append(
            f"different company: {yours.get('company')} in yours, {theirs.get('company')} imported"
        )
    elif old.company and not new.company and not phone:
        differences.append(f"company only in yours ({yours.get('company')})")
    elif new.company and not old.company and not phone:
        differences.append(f"company only in the import ({theirs.get('company')})")
    same = ["name", *(["company"] if same_company else []), *(["phone"] if phone else [])]
    evidence = "same " + (same[0] if len(same) == 1 else ", ".join(same[:-1]) + " and " + same[-1])
    if not differences:
        return Verdict(SAME, evidence)
    return Verdict(REVIEW, evidence + "; " + "; ".join(differences))


class Pool:
    """People indexed by email, LinkedIn profile and name, to find who a candidate may be."""

    def __init__(self, people: Iterable[Person] = ()) -> None:
        self.by_email: dict[str, list[Person]] = defaultdict(list)
        self.by_linkedin: dict[str, list[Person]] = defaultdict(list)
        self.by_name: dict[str, list[Person]] = defaultdict(list)
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        for email in person.emails:
            self.by_email[email].append(person)
        if person.linkedin:
            self.by_linkedin[person.linkedin].append(person)
        if person.name:
            self.by_name[person.name].append(person)

    def verdicts(self, new: Person) -> list[tuple[Verdict, Person]]:
        """Every person in the pool that `new` is or may be, strongest evidence first."""
        seen: list[Person] = [p for e in sorted(new.emails) for p in self.by_email.get(e, [])]
        if new.linkedin:
            seen += self.by_linkedin.get(new.linkedin, [])
        if new.name:
            seen += self.by_name.get(new.name, [])
        found: list[tuple[Verdict, Person]] = []
        done: set[int] = set()
        for old in seen:
            if id(old) in done:
                continue
            done.add(id(old))
            verdict = compare(new, old)
            if verdict is not None:
                found.append((verdict, old))
        return sorted(found, key=lambda pair: pair[0].kind != SAME)


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
    sheet: str
    header_row: int
    first_new_row: int
    columns: dict[str, str]  # field key -> column letter it is written to
    new_columns: list[tuple[str, str]]  # (letter, header) added at the right
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
    grids = _grids(workbook, [table.sheet, REVIEW_SHEET])
    used_rows, used_cols = _used(grids.get(table.sheet, []))
    used_cols = max(used_cols, len(table.columns))
    first_new_row = max(used_rows, table.header_row) + 1

    wanted = {"source", "added", *(["category"] if category else [])}
    offered = {k for c in export.candidates for k in c.fields()} | wanted
    columns = {k: letters[k] for k in offered | {"name", "first_name", "last_name"} if k in letters}
    new_columns: list[tuple[str, str]] = []
    for key in ("source", "added", "category"):
        if key in wanted and key not in letters:
            letter = column_letter(used_cols + len(new_columns))
            new_columns.append((letter, ADDED_HEADERS[key]))
            columns[key] = letter
    not_written = sorted(
        {
            CONTACTS.field(k).header
            for k in offered
            if k not in columns and k not in ("first_name", "last_name", "name")
        }
    )

    review_rows = grids.get(REVIEW_SHEET)
    review_columns = _review_header(workbook, review_rows) if review_rows is not None else {}
    plan = ImportPlan(
        export=export,
        workbook=workbook,
        sheet=table.sheet,
        header_row=table.header_row,
        first_new_row=first_new_row,
        columns=columns,
        new_columns=new_columns,
        not_written=not_written,
        source=source,
        as_of=as_of,
        category=category,
        review_exists=review_rows is not None,
        review_next_row=max(_used(review_rows or [])[0], 1) + 1,
        review_columns=review_columns,
        notes=list(export.notes),
    )
    contacts = Pool(_existing(table))
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
    frame = table.frame
    letters = {c.field: c.letter for c in table.columns if c.field}

    def column(key: str) -> list[Any]:
        letter = letters.get(key)
        if letter is None:
            return [None] * len(frame)
        return [None if v is None or v != v else v for v in frame[letter].tolist()]

    shown = {k: column(k) for k in SHOWN}
    first, last = column("first_name"), column("last_name")
    people = []
    for i, row in enumerate(frame.index):
        values = {k: shown[k][i] for k in SHOWN}
        if values["name"] is None:
            parts = [str(v) for v in (first[i], last[i]) if v is not None]
            values["name"] = " ".join(parts) or None
        people.append(Person.of(int(row), values))
    return people


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


def _grids(workbook: Path, names: list[str]) -> dict[str, list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(workbook))
    return {
        name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in names
        if name in book.sheet_names
    }


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _used(rows: list[list[Any]]) -> tuple[int, int]:
    """The last used row and column (1-based; 0 when the sheet is empty)."""
    last_row = last_col = 0
    for r, row in enumerate(rows, start=1):
        cols = [c for c, value in enumerate(row, start=1) if _filled(value)]
        if cols:
            last_row, last_col = r, max(last_col, cols[-1])
    return last_row, last_col


# ---- writing ------------------------------------------------------------------------------


def apply_import(plan: ImportPlan, backup_dir: Path | None = None) -> Path:
    """Write the plan into the workbook through the shared safe path; returns the backup.
    Backups go to a `backups/` folder beside the workbook unless `backup_dir` is given."""
    from netreport.writeback import safe_update

    folder = backup_dir or plan.workbook.resolve().parent / "backups"
    return safe_update(
        plan.workbook,
        lambda book: _write(plan, book),
        folder,
        lambda before, after: _verify(plan, before, after),
        WORDING,
    )


def _write(plan: ImportPlan, book: Any) -> None:
    sheet = book[plan.sheet]
    for row in sheet.iter_rows(min_row=plan.first_new_row, max_row=sheet.max_row):
        if any(_filled(cell.value) for cell in row):
            raise UpdateRefused(
                f"{plan.sheet} changed while netreport was reading it (row {row[0].row} is no "
                "longer empty); nothing was changed. Run the import again."
            )
    for letter, header in plan.new_columns:
        cell = sheet[f"{letter}{plan.header_row}"]
        _put(cell, header)
        left = cell.offset(column=-1) if cell.column > 1 else None
        if left is not None and left.has_style:
            cell._style = copy(left._style)
        width = sheet.column_dimensions[left.column_letter].width if left is not None else None
        sheet.column_dimensions[letter].width = max(width or 0, len(header) + 4)
    template = plan.first_new_row - 1 if plan.first_new_row - 1 > plan.header_row else None
    for added in plan.added:
        for key, value in added.values.items():
            if key not in plan.columns:
                continue
            letter = plan.columns[key]
            cell = sheet[f"{letter}{added.row}"]
            if template is not None:
                above = sheet[f"{letter}{template}"]
                if above.has_style:
                    cell._style = copy(above._style)
            _put(cell, value)
    if plan.added:
        _grow_ranges(plan, sheet)
    if plan.review:
        _write_review(plan, book)


def _put(cell: Any, value: Any) -> None:
    """Write a value as what it is: text stays text, whatever it starts with; dates as dates."""
    from netreport.render.sheetdata import FORMULA_TRIGGERS

    if isinstance(value, dt.date):
        cell.value = value
        if cell.number_format in ("General", "@"):
            cell.number_format = "yyyy-mm-dd"
        return
    if isinstance(value, int | float):
        cell.value = int(value) if isinstance(value, float) and value.is_integer() else value
        return
    text = str(value)
    cell.value = text
    cell.data_type = "s"  # a leading '=' would otherwise become a live formula
    cell.quotePrefix = text.startswith(FORMULA_TRIGGERS)


def _grow_ranges(plan: ImportPlan, sheet: Any) -> None:
    """Stretch the sheet's Excel tables (and its filter) that end at the old last row over the
    new rows, and over the new columns when they end at the old last column."""
    from openpyxl.utils.cell import column_index_from_string, range_boundaries
    from openpyxl.utils.cell import get_column_letter as letter_of
    from openpyxl.worksheet.table import TableColumn

    last_old = plan.first_new_row - 1
    last_new = plan.added[-1].row
    new_cols = [column_index_from_string(letter) for letter, _ in plan.new_columns]

    def grown(ref: str) -> tuple[str, bool] | None:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if min_row != plan.header_row or max_row != last_old:
            return None
        widen = bool(new_cols) and new_cols[0] == max_col + 1
        right = new_cols[-1] if widen else max_col
        return f"{letter_of(min_col)}{min_row}:{letter_of(right)}{last_new}", widen

    for table in sheet.tables.values():
        if table.totalsRowCount or table.totalsRowShown:
            continue
        change = grown(table.ref)
        if change is None:
            continue
        ref, widen = change
        if widen:
            next_id = max((c.id for c in table.tableColumns), default=0) + 1
            for offset, (_, header) in enumerate(plan.new_columns):
                table.tableColumns.append(TableColumn(id=next_id + offset, name=header))
        table.ref = ref
        if table.autoFilter is not None:
            table.autoFilter.ref = ref
    if sheet.auto_filter.ref:
        change = grown(sheet.auto_filter.ref)
        if change is not None:
            sheet.auto_filter.ref = change[0]


def _write_review(plan: ImportPlan, book: Any) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.hyperlink import Hyperlink

    if plan.review_exists:
        sheet = book[REVIEW_SHEET]
        columns = plan.review_columns
    else:
        sheet = book.create_sheet(REVIEW_SHEET)
        columns = {}
        bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        for index, (header, _) in enumerate(REVIEW_COLUMNS, start=1):
            cell = sheet.cell(row=1, column=index)
            _put(cell, header)
            cell.font, cell.fill = bold, fill
            columns[norm_key(header)] = index
            width = 40 if header == "Evidence" else 12 if header == "Your row" else 22
            sheet.column_dimensions[column_letter(index - 1)].width = width
        sheet.freeze_panes = "C2"
    link = Font(color="0563C1", underline="single")
    for offset, case in enumerate(plan.review):
        row = plan.review_next_row + offset
        values = {
            "row": case.existing.row,
            "evidence": case.evidence,
            "source": plan.source,
            "listed": plan.as_of,
            **{f"old:{k}": v for k, v in case.existing.values.items()},
            **{f"new:{k}": v for k, v in case.values.items()},
        }
        for header, what in REVIEW_COLUMNS:
            col = columns.get(norm_key(header))
            value = values.get(what)
            if col is None or value is None or value == "":
                continue
            cell = sheet.cell(row=row, column=col)
            _put(cell, value)
            if what == "evidence":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if what == "row":
                target = f"'{plan.sheet.replace(chr(39), chr(39) * 2)}'!A{value}"
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=target)
                cell.font = link


def _verify(plan: ImportPlan, before: dict[str, Any], after: dict[str, Any]) -> None:
    """Every cell that was filled reads back the same; only Contacts (below and to the right)
    and Review gain cells; the new names read back in their rows."""

    def refuse(what: str) -> None:
        raise UpdateRefused(
            f"checking the new workbook found {what}; your workbook was not changed."
        )

    expected = set(before) | ({REVIEW_SHEET} if plan.review else set())
    if set(after) != expected:
        refuse(f"sheets {sorted(set(after) ^ expected)} added or missing")
    for name, grid in before.items():
        if name == plan.sheet or (name == REVIEW_SHEET and plan.review):
            changed = _changed_inside(grid, after[name])
            if changed:
                refuse(f"{name}!{changed} changed")
        elif after[name] != grid:
            refuse(f"sheet {name} changed")
    grid = after[plan.sheet]
    name_letter = plan.columns.get("name") or plan.columns.get("first_name")
    if name_letter is not None:
        col = _index(name_letter)
        for added in plan.added:
            got = grid[added.row - 1][col] if added.row - 1 < len(grid) else None
            want = added.values.get("name" if "name" in plan.columns else "first_name")
            if want is not None and got != want:
                refuse(f"{plan.sheet}!{name_letter}{added.row} reading {got!r}, not {want!r}")


def _index(letter: str) -> int:
    from openpyxl.utils.cell import column_index_from_string

    return int(column_index_from_string(letter)) - 1


def _changed_inside(old: list[list[Any]], new: list[list[Any]]) -> str | None:
    """The first cell inside the old used area whose value differs, as 'B7', or None."""
    rows, cols = _used(old)
    for r in range(rows):
        for c in range(cols):
            was = old[r][c] if r < len(old) and c < len(old[r]) else ""
            now = new[r][c] if r < len(new) and c < len(new[r]) else ""
            if was != now:
                return f"{column_letter(c)}{r + 1}"
    return None
