"""Finding a workbook's tables: which sheet, which header row, which column is what field."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from netreport.issues import Issue, make_issue
from netreport.read.model import Column, SourceWorkbook, Table, column_letter
from netreport.read.rows import SheetRows, to_frame
from netreport.schema import (
    CATEGORY_SPELLINGS,
    CONTACTS,
    INTERACTIONS,
    NO_SPELLINGS,
    REPORT_SHEET_PREFIX,
    SETTINGS,
    YES_SPELLINGS,
    Field,
    SheetSpec,
    norm_key,
)


def find_tables(path: Path, names: list[str], rows: Callable[[str], SheetRows]) -> SourceWorkbook:
    issues: list[Issue] = []
    # Sheets that netreport's write-back added are its own output, never the user's input.
    taken: set[str] = {n for n in names if n.startswith(REPORT_SHEET_PREFIX)}
    tables: dict[str, Table | None] = {}
    for spec in (CONTACTS, INTERACTIONS, SETTINGS):
        sheet = _pick_sheet(spec, [n for n in names if n not in taken], rows)
        if sheet is None:
            tables[spec.kind] = None
            if spec is CONTACTS:
                issues.append(
                    make_issue(
                        "missing-sheet",
                        what="Contacts",
                        sheet="Contacts",
                        headers=", ".join(f.header for f in spec.fields[:6]),
                    )
                )
            continue
        taken.add(sheet)
        table, table_issues = sheet_table(spec, sheet, rows(sheet))
        tables[spec.kind] = table
        issues.extend(table_issues)
    return SourceWorkbook(
        path, names, tables["contacts"], tables["interactions"], tables["settings"], issues
    )


def _synonyms(spec: SheetSpec) -> dict[str, Field]:
    return {norm_key(word): f for f in spec.fields for word in f.accepted}


_BRACKETED = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*")
_ALTERNATIVES = re.compile(r"\s*(?:/|&|\band\b|\bor\b)\s*", re.IGNORECASE)


def _lookup(table: dict[str, Field], header: object) -> Field | None:
    """The field a header names, read as typed, else without a bracketed aside
    ("Closeness (1-5)", "Email [work]"), else by the first of its alternatives that names one
    ("Company / Organization", "Notes / Next Steps")."""
    found = table.get(norm_key(header))
    if found is not None or not isinstance(header, str):
        return found
    plain = _BRACKETED.sub(" ", header)
    found = table.get(norm_key(plain))
    for part in _ALTERNATIVES.split(plain):
        found = found or table.get(norm_key(part))
    return found


def _header_score(spec: SheetSpec, row: list[Any]) -> int:
    synonyms = _synonyms(spec)
    return len({f.key for cell in row if cell is not None and (f := _lookup(synonyms, cell))})


def named_sheet(spec: SheetSpec, names: list[str]) -> str | None:
    """The sheet named as this kind is (`Contacts`, `People`...), if any; of several, the one
    whose name comes first in the kind's list: an `Interactions` sheet is the log even where
    a sheet of the owner's called `History` comes before it."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(norm_key(name), name)
    return next((by_key[k] for k in map(norm_key, spec.names) if k in by_key), None)


def _pick_sheet(spec: SheetSpec, names: list[str], rows: Callable[[str], SheetRows]) -> str | None:
    """The sheet named for this kind, else the one whose header row matches best."""
    named = named_sheet(spec, names)
    if named is not None:
        return named
    if spec is SETTINGS:
        return None
    # A sheet named for another kind (say "Interactions") is never taken for its headers.
    others = {
        norm_key(n) for s in (CONTACTS, INTERACTIONS, SETTINGS) if s is not spec for n in s.names
    }
    scored = [
        (max((_header_score(spec, r) for r in rows(n).head), default=0), n)
        for n in names
        if norm_key(n) not in others
    ]
    best = max(scored, default=(0, ""), key=lambda s: s[0])
    return best[1] if best[0] >= 2 else None


def sheet_table(spec: SheetSpec, sheet: str, rows: SheetRows) -> tuple[Table, list[Issue]]:
    head = rows.head
    scores = [_header_score(spec, r) for r in head]
    header_index = max(range(len(scores)), key=scores.__getitem__) if scores else 0
    if spec is SETTINGS and (not scores or scores[header_index] < 2):
        # A Settings sheet is often bare key/value rows with no header at all.
        columns = [Column("A", "", "key"), Column("B", "", "value")]
        return Table(sheet, 0, tuple(columns), to_frame(rows.take_from(0), columns, 1)), []
    if not scores or scores[header_index] == 0:
        # No known header at all: take the first non-empty row so the user's columns survive.
        header_index = next((i for i, r in enumerate(head) if any(_filled(c) for c in r)), 0)
    header = head[header_index] if head else []
    columns, issues = _map_columns(spec, sheet, header, header_index + 1)
    frame = to_frame(rows.take_from(header_index + 1), columns, first_row=header_index + 2)
    columns = _refit(spec, sheet, columns, frame, header_index + 1, issues)
    issues.extend(_merged_in_table(sheet, rows, header_index, columns))
    table = Table(sheet, header_index + 1, tuple(columns), frame)
    issues.extend(_missing_columns(spec, table))
    return table, issues


def _refit(
    spec: SheetSpec,
    sheet: str,
    columns: list[Column],
    frame: pd.DataFrame,
    header_row: int,
    issues: list[Issue],
) -> list[Column]:
    """Columns whose header named a field their cells are not, judged from the first cells:
    a 'Contact Type' of relationship words ("Recruiter", "Former manager") is read as
    relationship words, as the owner meant it; a 'Follow Up?' of Y/N is not a date column and
    stays the owner's own column."""
    if spec is not CONTACTS:
        return columns
    refitted = []
    for column in columns:
        field = spec.field(column.field) if column.field else None
        if field is None or norm_key(column.header) == norm_key(field.header):
            refitted.append(column)
            continue
        cells = frame[column.letter].dropna().head(500)
        keys = cells.astype(str).map(norm_key)
        examples = ", ".join(f"'{v}'" for v in _first_distinct(cells.astype(str), 3))
        if (
            field.kind == "category"
            and len(keys)
            and keys.isin(CATEGORY_SPELLINGS).sum() * 2 < len(keys)
        ):
            column = Column(column.letter, column.header, "relationship")
            code = "column-read-as-relationship"
        elif (
            field.kind == "date"
            and len(keys)
            and keys.isin(YES_SPELLINGS | NO_SPELLINGS).sum() * 2 > len(keys)
        ):
            column = Column(column.letter, column.header, None)
            code = "column-not-dates"
        else:
            refitted.append(column)
            continue
        issues.append(
            make_issue(
                code,
                sheet=sheet,
                row=header_row,
                column=column.label,
                value=column.header,
                examples=examples,
                field=field.header,
            )
        )
        refitted.append(column)
    return refitted


def _merged_in_table(
    sheet: str, rows: SheetRows, header_index: int, columns: list[Column]
) -> list[Issue]:
    """One warning per merged range below the header row: only its first cell holds the
    value, so the rows below it read as empty. Merged titles above the header (and a header
    cell merged across columns) are layout, and stay silent."""
    labels = {c.letter: c.label for c in columns}
    issues = []
    for (top, left), (bottom, right) in sorted(rows.merged):
        if top <= header_index or (top, left) == (bottom, right):
            continue
        first = f"{column_letter(left)}{top + 1}"
        after = (top + 1, left) if left == right else (top, left + 1)  # the first read as empty
        if left == right or top == bottom:
            start = f"{column_letter(after[1])}{after[0] + 1}"
            end = f"{column_letter(right)}{bottom + 1}"
            single = start == end
            others = f"Cell {start} is" if single else f"Cells {start}:{end} are"
            them = "it" if single else "them"
        else:
            others = f"The other cells of {first}:{column_letter(right)}{bottom + 1} are"
            them = "them"
        issues.append(
            make_issue(
                "merged-cells",
                sheet=sheet,
                row=after[0] + 1,  # the row of the first cell the message names
                column=labels.get(column_letter(left), column_letter(left)),
                others=others,
                first=first,
                them=them,
            )
        )
    return issues


def _first_distinct(values: pd.Series, count: int) -> list[str]:
    return list(dict.fromkeys(values.head(50).tolist()))[:count]


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _map_columns(
    spec: SheetSpec, sheet: str, header: list[Any], header_row: int
) -> tuple[list[Column], list[Issue]]:
    """Match headers to fields: exact header names first, then synonyms, first come first."""
    width = max((i + 1 for i, c in enumerate(header) if _filled(c)), default=0)
    texts = [str(c).strip() if _filled(c) else "" for c in header[:width]]
    exact = {norm_key(f.header): f for f in spec.fields}
    synonyms = _synonyms(spec)
    chosen: dict[int, Field] = {}
    claimed: dict[str, int] = {}
    for lookup in (exact, synonyms):
        for i, text in enumerate(texts):
            found = _lookup(lookup, text) if text else None
            if found and i not in chosen and (found.key not in claimed or found.several):
                chosen[i] = found
                claimed.setdefault(found.key, i)
    issues = []
    columns = []
    for i, text in enumerate(texts):
        letter = column_letter(i)
        found = chosen.get(i)
        columns.append(Column(letter, text, found.key if found else None))
        twin = _lookup(synonyms, text) if text and not found else None
        if twin is not None:
            issues.append(
                make_issue(
                    "duplicate-column",
                    sheet=sheet,
                    row=header_row,
                    column=columns[-1].label,
                    value=text,
                    field=twin.header,
                    used=column_letter(claimed[twin.key]),
                )
            )
    return columns, issues


def _missing_columns(spec: SheetSpec, table: Table) -> list[Issue]:
    present = {c.field for c in table.columns}
    issues = []
    for f in spec.fields:
        if not f.required or f.key in present:
            continue
        if spec is CONTACTS and f.key == "name" and {"first_name", "last_name"} & present:
            continue
        unmatched = [c.header for c in table.columns if c.field is None and c.header]
        issues.append(
            make_issue(
                "missing-column",
                sheet=table.sheet,
                row=table.header_row,
                field=f.header,
                synonyms=", ".join(f.synonyms),
                did_you_mean=_rename_hint(f, unmatched),
            )
        )
    # Columns that say how the owner knows people: with none of them, every contact is Cold.
    # Said when the owner has columns netreport does not read: one of them may be it.
    facts = {"relationship", "met", "closeness", "referrer", "source", "category"}
    synonyms = _synonyms(spec)
    unread = [
        c.header
        for c in table.columns
        if c.field is None and c.header and not _lookup(synonyms, c.header)
    ]
    named = present & {"name", "first_name", "last_name"}
    if spec is CONTACTS and named and unread and not facts & present:
        issues.append(
            make_issue(
                "no-relationship-column",
                sheet=table.sheet,
                row=table.header_row,
                unread=", ".join(f"'{h}'" for h in unread[:4]),
                field=spec.field("relationship").header,
                synonyms=", ".join(spec.field("relationship").synonyms[:4]),
            )
        )
    if spec is INTERACTIONS and not {"contact", "email"} & present:
        unmatched = [c.header for c in table.columns if c.field is None and c.header]
        contact = spec.field("contact")
        issues.append(
            make_issue(
                "missing-column",
                sheet=table.sheet,
                row=table.header_row,
                field=contact.header,
                synonyms=", ".join((*contact.synonyms, "Email")),
                did_you_mean=_rename_hint(contact, unmatched),
            )
        )
    return issues


def _rename_hint(f: Field, headers: list[str]) -> str:
    near = closest(f, headers)
    return f" Column '{near}' looks close: rename it to '{f.header}'." if near else ""


def closest(f: Field, headers: list[str]) -> str | None:
    """The user's header that most resembles one of the field's accepted names."""
    import difflib

    best: tuple[float, str | None] = (0.0, None)
    for header in headers:
        for word in f.accepted:
            ratio = difflib.SequenceMatcher(None, norm_key(header), norm_key(word)).ratio()
            if ratio > best[0]:
                best = (ratio, header)
    return best[1] if best[0] >= 0.75 else None
