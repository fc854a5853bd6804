"""Google Contacts' CSV, from contacts.google.com > Export > Google CSV.

Two layouts are read; each is recognised by its header:
- current: `First Name, Middle Name, Last Name, ..., Organization Name, Organization Title,
  ..., Labels, E-mail 1 - Label, E-mail 1 - Value, Phone 1 - Label, Phone 1 - Value, ...`
- legacy: `Name, Given Name, Additional Name, Family Name, ..., Group Membership,
  E-mail 1 - Type, E-mail 1 - Value, ..., Organization 1 - Name, Organization 1 - Title, ...`
(the legacy export was often UTF-16; both may start with a byte-order mark).

One cell may hold several values joined by ` ::: ` (two addresses under one label). The first
email, phone and link are the values; the others are kept in Notes (`Other emails: ...`).
Labels are kept in Notes (`Labels: Friends`) except Google's own `* myContacts` and
`* starred`; a label is never read as a category or a relationship.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from netreport.importers.common import (
    Export,
    build,
    clean,
    expect_kind,
    first,
    join_name,
    read_csv,
    records,
)
from netreport.schema import norm_key

WHAT = "Google Contacts CSV export"
SEPARATOR = ":::"
SYSTEM_LABELS = {"mycontacts", "starred"}
NUMBERED = 20  # E-mail 1 ... E-mail 20: far more than Google writes


def parse(path: Path) -> Export:
    rows, notes = read_csv(path, WHAT)
    found, legacy = _header(rows)
    header = expect_kind(
        path, "google", "First Name, Last Name, ..., E-mail 1 - Value", rows, found
    )
    candidates = []
    for line, record in records(rows, header):
        if legacy:
            given, middle, family = (
                first(record, "givenname"),
                first(record, "additionalname"),
                first(record, "familyname"),
            )
            name = first(record, "name") or join_name(given, middle, family)
            company = first(record, *(f"organization{i}name" for i in range(1, NUMBERED)))
            title = first(record, *(f"organization{i}title" for i in range(1, NUMBERED)))
            labels = record.get("groupmembership")
        else:
            given, middle, family = (
                first(record, "firstname"),
                first(record, "middlename"),
                first(record, "lastname"),
            )
            name = join_name(given, middle, family)
            company = first(record, "organizationname", "organization1name")
            title = first(record, "organizationtitle", "organization1title")
            labels = record.get("labels")
        candidates.append(
            build(
                f"line {line}",
                name=name or first(record, "fileas", "nickname"),
                first_name=given,
                last_name=family,
                emails=_numbered(record, "email"),
                phones=_numbered(record, "phone"),
                company=_first_value(company),
                title=_first_value(title),
                links=_numbered(record, "website"),
                notes=record.get("notes"),
                labels=_labels(labels),
            )
        )
    return Export("google", Path(path), candidates, notes)


def _header(rows: Sequence[Sequence[str]]) -> tuple[int, bool] | tuple[None, bool]:
    """The header row's index, and whether it is the legacy layout."""
    for index, row in enumerate(rows[:50]):
        keys = {norm_key(c) for c in row}
        if {"givenname", "familyname"} <= keys or {"name", "groupmembership"} <= keys:
            return index, True
        if {"firstname", "lastname"} <= keys and keys & {
            "labels",
            "email1value",
            "phone1value",
            "organizationname",
            "fileas",
        }:
            return index, False
    return None, False


def split(value: str | None) -> list[str]:
    """The values of one cell: 'a@x.org ::: b@y.org' -> ['a@x.org', 'b@y.org']."""
    return [v for v in (clean(part) for part in (value or "").split(SEPARATOR)) if v]


def _first_value(value: str | None) -> str | None:
    values = split(value)
    return values[0] if values else None


def _numbered(record: dict[str, str], kind: str) -> list[str]:
    """Every value of `E-mail 1 - Value`, `E-mail 2 - Value`... in order."""
    found = []
    for i in range(1, NUMBERED):
        found += split(record.get(f"{kind}{i}value"))
    return found


def _labels(value: str | None) -> list[str]:
    kept = []
    for label in split(value):
        plain = label.removeprefix("*").strip()
        if norm_key(plain) not in SYSTEM_LABELS and plain:
            kept.append(plain)
    return kept
