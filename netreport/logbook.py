"""Recording what happened with contacts in the owner's Interactions sheet, and setting a
contact's cell (a snooze): who the person is, the rows or the cell to write, and writing them
through `appending` and `inplace.safe_update`. `log`, `snooze`, `import calendar` and
`import mail` share it.

Who a person is follows the identity rules (`netreport.identity`): an address matches any of
the addresses in a contact's Email cell; a name matches by name key (titles, accents, case,
"Last, First" and nicknames in brackets do not matter). Rows whose name key is the same and
whose addresses do not differ are one person entered twice; two people of the same name with
different addresses are told apart only by address.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
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
from netreport.identity import (
    closest_names,
    email_keys,
    name_key,
    name_key_variants,
    name_keys,
)
from netreport.inplace import Grids, Wording, check_sheets, refuse_read_back, safe_update
from netreport.limits import DEFAULT_KEEP_BACKUPS, DEFAULT_MAX_UNZIPPED_BYTES
from netreport.read import SourceWorkbook, Table, column_letter, read_grids, read_workbook
from netreport.schema import CONTACTS, INTERACTIONS

WORDING = Wording(
    "log",
    "Save it as an Excel Workbook (.xlsx) and run again.",
    "Run with --dry-run to see what would be written, or record it by hand.",
)
SNOOZE_WORDING = Wording(
    "snooze",
    "Save it as an Excel Workbook (.xlsx) and run again.",
    "Type the date in the person's Snooze until cell by hand instead.",
)
# The starter's Interactions layout, for a workbook that has none yet.
NEW_SHEET_FIELDS = ("date", "contact", "email", "channel", "type", "notes")


class NotFound(NetreportError):
    """No contact, or more than one, answers to what was given (exit 2)."""


@dataclass(frozen=True)
class Contact:
    """A contact as the log names them: their row, their name as typed, their first address."""

    row: int
    name: str
    email: str | None = None
    company: str | None = None


@dataclass(frozen=True)
class Entry:
    """One row for the Interactions sheet. `ref` keys an imported entry, so that importing
    the same file again adds nothing."""

    day: dt.date
    contact: Contact
    type: str
    channel: str | None = None
    note: str | None = None
    ref: str | None = None

    def values(self) -> dict[str, Any]:
        return {
            "date": self.day,
            "contact": self.contact.name,
            "email": self.contact.email,
            "channel": self.channel,
            "type": self.type,
            "notes": self.note,
            "ref": self.ref,
        }


class Directory:
    """The Contacts sheet's people, to be found by address or by name."""

    def __init__(self, contacts: Sequence[Contact], addresses: dict[int, frozenset[str]]):
        self.contacts = list(contacts)
        self._by_email: dict[str, list[Contact]] = {}
        self._by_name: dict[str, list[Contact]] = {}
        # Name keys folded for the whole column at once; nicknames looked at one by one.
        keys = name_keys(pd.Series([c.name for c in self.contacts], dtype=object)).tolist()
        for contact, key in zip(self.contacts, keys, strict=True):
            for address in addresses.get(contact.row, frozenset()):
                self._by_email.setdefault(address, []).append(contact)
            for variant in name_key_variants(contact.name, key) if key else ():
                self._by_name.setdefault(variant, []).append(contact)

    @classmethod
    def of(cls, table: Table) -> Directory:
        """The people of a Contacts table (a Name column, else First + Last Name)."""
        emails, companies = field_values(table, "email"), field_values(table, "company")
        people, addresses = [], {}
        rows = zip(table.frame.index.tolist(), row_names(table), emails, companies, strict=True)
        for row, name, email, company in rows:
            if name is None:
                continue
            found = email_keys(email)
            addresses[int(row)] = found
            shown = None if company is None else str(company)
            people.append(Contact(int(row), name, min(found) if found else None, shown))
        return cls(people, addresses)

    def by_email(self, address: str) -> list[Contact]:
        return list(self._by_email.get(address.strip().lower().removeprefix("mailto:"), []))

    def by_name(self, name: str) -> list[Contact]:
        """The people of that name; rows that are one person entered twice count once."""
        found = self._by_name.get(name_key(name) or "", [])
        distinct = {c.email for c in found if c.email}
        return found[:1] if len(distinct) <= 1 else found

    def find(self, who: str) -> list[Contact]:
        """Everyone `who` (an address, or a name) may mean."""
        text = " ".join(who.split())
        return self.by_email(text) if "@" in text else self.by_name(text)

    def one(self, who: str) -> Contact:
        """The one contact `who` means; NotFound with the closest names otherwise."""
        found = self.find(who)
        if len(found) == 1:
            return found[0]
        if found:
            listed = "; ".join(
                f"row {c.row}: {c.name}" + (f" <{c.email}>" if c.email else "") for c in found
            )
            raise NotFound(
                f"'{who}' could be {len(found)} of your contacts ({listed}). "
                "Give the person's email address instead."
            )
        near = closest_names(who, [c.name for c in self.contacts])
        hint = (
            f" Did you mean {' or '.join(near)}?"
            if near
            else " Check the spelling, or add the person to Contacts first."
        )
        raise NotFound(f"No contact called '{who}' in your Contacts sheet.{hint}")


@dataclass
class LogPlan:
    """What a log or an import of meetings or mail will write: the entries, where they go
    (None when the workbook has no Interactions sheet yet: one is made), and what was left
    out and why."""

    workbook: Path
    placement: Placement
    new_sheet: bool
    reads: dict[str, frozenset[int]]  # the rows netreport reads, by sheet (`rows_read`)
    entries: list[Entry] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    already: list[Entry] = field(default_factory=list)  # entries the log holds already

    def skip(self, reason: str, count: int = 1) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + count


@dataclass(frozen=True)
class LogBook:
    """The workbook as a log needs it: the contacts, the Interactions table (or None), the
    Interactions sheet's cells, and the references and (contact, day, type) of its rows."""

    workbook: Path
    directory: Directory
    table: Table | None
    grid: list[list[Any]]
    refs: frozenset[str]
    logged: Mapping[tuple[str, dt.date, str], frozenset[str]]  # -> the notes of those rows
    reads: dict[str, frozenset[int]]

    @classmethod
    def read(cls, workbook: Path, max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES) -> LogBook:
        source = _with_contacts(workbook, max_unzipped_bytes)
        assert source.contacts is not None
        table = source.interactions
        if table is not None and not {"contact", "email"} & {c.field for c in table.columns}:
            # A sheet named like a log (History, Activity) that names no one is the owner's
            # own (job applications, say): the log gets a sheet of its own.
            if any(n.casefold() == INTERACTIONS.title.casefold() for n in source.sheet_names):
                raise NotFound(
                    f"{workbook.name}: its {table.sheet} sheet has no Contact or Email column, "
                    "so netreport cannot tell whom its rows are with. Add a Contact column "
                    "(the person's name, as in Contacts) and run again."
                )
            table = None
        grid = read_grids(workbook, [table.sheet]).get(table.sheet, []) if table else []
        refs, logged = _logged(table)
        directory = Directory.of(source.contacts)
        return cls(workbook, directory, table, grid, refs, logged, rows_read(source))

    def plan(self, entries: Iterable[Entry]) -> LogPlan:
        """Where `entries` go; an entry already there (same reference, or the same contact,
        day and type) is skipped."""
        kept: list[Entry] = []
        already: list[tuple[Entry, str]] = []
        seen_refs = set(self.refs)
        seen = {k: set(v) for k, v in self.logged.items()}
        for entry in entries:
            same = (name_key(entry.contact.name) or "", entry.day, entry.type)
            note = _folded(entry.note)
            if entry.ref and entry.ref in seen_refs:
                already.append((entry, "already imported"))
            elif same in seen and (entry.ref or not note or note in seen[same]):
                # The same contact, day and type: one row is enough, unless the owner logs it
                # with a note the log does not hold yet.
                already.append((entry, "already in the log"))
            else:
                kept.append(entry)
                seen.setdefault(same, set()).add(note)
                if entry.ref:
                    seen_refs.add(entry.ref)
        plan = LogPlan(self.workbook, self._placement(kept), self.table is None, self.reads, kept)
        for entry, reason in already:
            plan.skip(reason)
            plan.already.append(entry)
        return plan

    def _placement(self, entries: list[Entry]) -> Placement:
        wanted = {k for e in entries for k, v in e.values().items() if v not in (None, "")}
        if self.table is None:
            keys = [*NEW_SHEET_FIELDS, *(["ref"] if "ref" in wanted else [])]
            columns = {k: column_letter(i) for i, k in enumerate(keys)}
            return Placement(INTERACTIONS.title, 1, 2, None, columns)
        letters = {c.field for c in self.table.columns if c.field}
        needed = {"date", "type"} | ({"contact"} if "email" not in letters else set())
        if any(len(self.directory.by_name(e.contact.name)) > 1 for e in entries):
            # Two contacts of this name: only the address tells the reader which one it was.
            needed.add("email")
        new = {
            k: INTERACTIONS.field(k).header
            for k in (*NEW_SHEET_FIELDS, "ref")
            if k in wanted and k in needed | {"notes", "channel", "ref"}
        }
        # A totals row is told by its words where the contact goes, as the reader tells it.
        first = next((k for k in ("contact", "email") if k in letters), "date")
        return place(self.table, self.grid, first, new)


def _with_contacts(workbook: Path, max_unzipped_bytes: int) -> SourceWorkbook:
    """The workbook read; NotFound when it has no Contacts sheet to find people in."""
    source = read_workbook(workbook, max_unzipped_bytes=max_unzipped_bytes)
    if source.contacts is None:
        raise NotFound(
            f"{workbook.name} has no Contacts sheet to find the person in. Start one with "
            "`netreport init`, or name your contacts sheet Contacts."
        )
    return source


def _logged(
    table: Table | None,
) -> tuple[frozenset[str], dict[tuple[str, dt.date, str], frozenset[str]]]:
    """The references of a log's imported rows, and for each (name key, day, type) the notes
    of its rows."""
    if table is None:
        return frozenset(), {}
    refs = table.get("ref")
    found = frozenset(str(v).strip() for v in refs.dropna()) if refs is not None else frozenset()
    names, days, types = table.get("contact"), table.get("date"), table.get("type")
    logged: dict[tuple[str, dt.date, str], set[str]] = {}
    if names is not None and days is not None and types is not None:
        from netreport.cells import parse_choice
        from netreport.schema import TYPE_SPELLINGS

        kinds = parse_choice(types, TYPE_SPELLINGS).values
        notes = table.get("notes")
        said = notes.tolist() if notes is not None else [None] * len(kinds)
        keys = name_keys(names).tolist()  # folded once per distinct name
        rows = zip(keys, days.tolist(), kinds.tolist(), said, strict=True)
        for key, day, kind, note in rows:
            if isinstance(day, dt.datetime):
                day = day.date()
            if key and isinstance(day, dt.date) and kind:
                logged.setdefault((key, day, str(kind)), set()).add(_folded(note))
    return found, {k: frozenset(v) for k, v in logged.items()}


def _folded(note: object) -> str:
    """A note as compared with another: spaces and case do not matter; '' for none."""
    return "" if note is None or note != note else " ".join(str(note).split()).casefold()


def write_log(
    plan: LogPlan,
    read_as: Fingerprint | None = None,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    wording: Wording = WORDING,
) -> Path:
    """Write the plan's entries into the workbook through the safe path; returns the backup."""
    return safe_update(
        plan.workbook,
        lambda book: _write(plan, book),
        lambda before, after: _verify(plan, before, after),
        wording,
        read_grids,
        read_as,
        keep_backups,
        plan.reads,
    )


def _write(plan: LogPlan, book: Any) -> None:
    rows = [e.values() for e in plan.entries]
    if not plan.new_sheet:
        append_rows(book[plan.placement.sheet], plan.placement, rows)
        return
    # A workbook without a log gets the starter's Interactions sheet, holding the entries.
    from netreport.starter import table_sheet

    headers = {k: INTERACTIONS.field(k).header for k in plan.placement.columns}
    named = [{headers[k]: v for k, v in row.items() if k in headers} for row in rows]
    taken = {name for sheet in book.worksheets for name in sheet.tables}
    table = next(n for n in (f"InteractionsTable{i or ''}" for i in range(99)) if n not in taken)
    table_sheet(book, INTERACTIONS.title, list(headers.values()), named, table, INTERACTIONS)


def _verify(plan: LogPlan, before: Grids, after: Grids) -> None:
    """Every cell that was there reads back the same; each entry's date reads back."""
    sheet, count = plan.placement.sheet, len(plan.entries)
    changes = {sheet: lambda o, n: changed_cell(o, n, plan.placement, count)}
    check_sheets(before, after, changes, [sheet])
    letter = plan.placement.columns["date"]
    for row, entry in zip(plan.placement.rows(count), plan.entries, strict=True):
        got = cell_at(after[sheet], row, letter)
        day = got.date() if isinstance(got, dt.datetime) else got
        if day != entry.day:
            refuse_read_back(f"{sheet}!{letter}{row} reading {got!r}, not {entry.day}")


# ---- one contact's cells ------------------------------------------------------------------


@dataclass(frozen=True)
class CellsPlan:
    """Cells of one contact's row to set (a snooze date, a note), field key -> (letter,
    value), and the columns to add for fields the sheet has none for, (letter, header)."""

    workbook: Path
    sheet: str
    header_row: int
    contact: Contact
    cells: dict[str, tuple[str, Any]]
    before: dict[str, Any]
    reads: dict[str, frozenset[int]]
    new_columns: tuple[tuple[str, str], ...] = ()


def plan_cells(
    workbook: Path,
    who: str,
    values: dict[str, Any],
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
) -> CellsPlan:
    """Where `values` (field key -> value) go for the contact `who` means: their row, in each
    field's column, added at the right when the sheet has none. A note is added below the
    Notes cell's text, never over it."""
    source = _with_contacts(workbook, max_unzipped_bytes)
    table = source.contacts
    assert table is not None
    contact = Directory.of(table).one(who)
    grid = read_grids(workbook, [table.sheet]).get(table.sheet, [])
    letters = {c.field: c.letter for c in table.columns if c.field}
    width = max(used_extent(grid)[1], len(table.columns))
    cells: dict[str, tuple[str, Any]] = {}
    before: dict[str, Any] = {}
    new_columns: list[tuple[str, str]] = []
    for key, value in values.items():
        letter = letters.get(key)
        if letter is None:
            letter = column_letter(width + len(new_columns))
            new_columns.append((letter, CONTACTS.field(key).header))
        before[key] = cell_at(grid, contact.row, letter)
        if key == "notes" and str(before[key]).strip():
            value = f"{before[key]}\n{value}"
        cells[key] = (letter, value)
    return CellsPlan(
        workbook,
        table.sheet,
        table.header_row,
        contact,
        cells,
        before,
        rows_read(source),
        tuple(new_columns),
    )


def write_cells(
    plan: CellsPlan,
    read_as: Fingerprint | None = None,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    wording: Wording = WORDING,
) -> Path:
    """Set the cells through the safe path; returns the backup."""

    def write(book: Any) -> None:
        sheet = book[plan.sheet]
        for letter, header in plan.new_columns:
            add_column(sheet, letter, plan.header_row, header)
        for letter, value in plan.cells.values():
            cell = sheet[f"{letter}{plan.contact.row}"]
            put(cell, value)
            if isinstance(value, str) and "\n" in value:
                cell.alignment = cell.alignment.copy(wrap_text=True)

    def verify(before: Grids, after: Grids) -> None:
        spots = [(plan.contact.row, letter) for letter, _ in plan.cells.values()]
        spots += [(plan.header_row, letter) for letter, _ in plan.new_columns]
        check_sheets(before, after, {plan.sheet: lambda o, n: changed_outside(o, n, spots)})

    return safe_update(
        plan.workbook, write, verify, wording, read_grids, read_as, keep_backups, plan.reads
    )


__all__ = [
    "CellsPlan",
    "Contact",
    "Directory",
    "Entry",
    "LogBook",
    "LogPlan",
    "NotFound",
    "plan_cells",
    "write_cells",
    "write_log",
]
