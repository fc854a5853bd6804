"""The rules: type every cell of the Contacts and Interactions tables and report what is wrong.

Each rule looks at whole columns at once and yields one Issue per offending cell. Nothing
here stops the run: a bad value becomes an issue and a blank in the typed table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from netreport.check.settings import Settings
from netreport.identity import name_keys, person_keys
from netreport.issues import Issue, did_you_mean, make_issue
from netreport.read import Table
from netreport.schema import (
    CATEGORIES,
    CATEGORY_SPELLINGS,
    CHANNEL_SPELLINGS,
    CHANNELS,
    CLOSENESS_HIGH,
    CLOSENESS_LOW,
    INTERACTION_TYPES,
    STATUS_SPELLINGS,
    STATUSES,
    TYPE_SPELLINGS,
)
from netreport.values import (
    ParsedEmails,
    as_text,
    evident_day_first,
    map_norm_key,
    map_unique,
    parse_choice,
    parse_dates,
    parse_emails,
    parse_links,
    parse_yes_no,
    suggest,
)

TEXT_FIELDS = ("phone", "company", "title", "field", "relationship", "referrer", "source", "notes")
CONTACT_COLUMNS = (
    "name",
    "email",
    "email_key",
    "phone",
    "company",
    "title",
    "field",
    "relationship",
    "met",
    "closeness",
    "referrer",
    "source",
    "category_typed",
    "last_contact",
    "follow_up",
    "added",
    "status",
    "linkedin",
    "website",
    "notes",
)
INTERACTION_COLUMNS = ("date", "contact", "email", "channel", "type", "notes", "contact_row")


@dataclass
class Validated:
    """Typed tables, indexed by Excel row, and every problem found while typing them."""

    contacts: pd.DataFrame
    interactions: pd.DataFrame
    issues: list[Issue] = field(default_factory=list)


def _empty(columns: Iterable[str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def validate(contacts: Table | None, interactions: Table | None, settings: Settings) -> Validated:
    """Type both tables and collect every issue; nothing is dropped but blank rows."""
    issues: list[Issue] = []
    if settings.day_first is None:
        # One person typed every date: what one column shows holds for all of them.
        dates = [(contacts, k) for k in ("last_contact", "follow_up", "added")]
        raw = [t.get(k) for t, k in [*dates, (interactions, "date")] if t is not None]
        settings = replace(settings, day_first=evident_day_first([r for r in raw if r is not None]))
    people = _empty(CONTACT_COLUMNS) if contacts is None else _contacts(contacts, settings, issues)
    log = (
        _empty(INTERACTION_COLUMNS)
        if interactions is None
        else _interactions(interactions, people, settings, issues)
    )
    return Validated(people, log, issues)


class _Cells:
    """Issues for the cells of one table, with their sheet, row and column filled in."""

    def __init__(self, table: Table, issues: list[Issue]) -> None:
        self.table, self.issues = table, issues

    def report(
        self,
        key: str,
        mask: pd.Series,
        code: str,
        details: Callable[[int, Any], dict[str, Any]] | None = None,
        **fixed: Any,
    ) -> None:
        column = self.table.column(key)
        if column is None or not mask.any():
            return
        raw = self.table.frame[column.letter]
        for row in mask.index[mask.to_numpy(dtype=bool)]:
            value = raw.get(row)
            extra = details(row, value) if details else {}
            fields = {"value": value, **fixed, **extra}
            self.issues.append(
                make_issue(
                    code, sheet=self.table.sheet, row=int(row), column=column.label, **fields
                )
            )


def _nones(index: pd.Index) -> pd.Series:
    """A column with no value anywhere: None, never NaN, so text stays text downstream."""
    return pd.Series([None] * len(index), index=index, dtype=object)


def _text(table: Table, key: str) -> pd.Series:
    raw = table.get(key)
    if raw is None:
        return _nones(table.frame.index)
    return as_text(raw)


def _dates(table: Table, key: str, settings: Settings, cells: _Cells) -> pd.Series:
    raw = table.get(key)
    if raw is None:
        return pd.Series(pd.NaT, index=table.frame.index, dtype="datetime64[ns]")
    parsed = parse_dates(raw, settings.day_first)
    example = "2026-10-03 or 3 Oct 2026"
    cells.report(key, parsed.bad, "invalid-date", example=example)
    if parsed.ambiguous.any():
        # One warning per column: the first guessed cell stands for the rest.
        first = parsed.ambiguous[parsed.ambiguous].index[:1]
        mask = parsed.ambiguous & parsed.ambiguous.index.isin(first)
        count = int(parsed.ambiguous.sum())
        cells.report(
            key,
            mask,
            "ambiguous-date",
            lambda row, _v: _ambiguity(parsed.values[row], parsed.day_first, count),
        )
    return parsed.values


def _ambiguity(used: pd.Timestamp, day_first: bool, count: int) -> dict[str, str]:
    swapped = pd.Timestamp(year=used.year, month=used.day, day=used.month)
    shown = [f"{d.day} {d:%b %Y}" for d in (used, swapped)]
    more = count - 1
    others = (
        f" ({more} more {'date' if more == 1 else 'dates'} in this column read the same way)"
        if more
        else ""
    )
    return {"first": shown[0], "second": shown[1], "used": shown[0] + others}


def _choice(
    table: Table,
    key: str,
    spellings: dict[str, str],
    choices: tuple[str, ...],
    cells: _Cells,
    code: str,
    what: str,
) -> pd.Series:
    raw = table.get(key)
    if raw is None:
        return _nones(table.frame.index)
    parsed = parse_choice(raw, spellings)
    cells.report(
        key,
        parsed.bad,
        code,
        lambda _r, v: {
            "did_you_mean": did_you_mean(suggest(v, list(choices))),
            "what": what,
            "choices": ", ".join(choices),
        },
    )
    if code == "unknown-value" and parsed.bad.any():
        # Kept as typed: a status of "Interviewing" still means something to the owner.
        return parsed.values.where(~parsed.bad, as_text(raw))
    return parsed.values


def _contacts(table: Table, settings: Settings, issues: list[Issue]) -> pd.DataFrame:
    cells = _Cells(table, issues)
    index = table.frame.index
    out = pd.DataFrame(index=index)

    name = _text(table, "name")
    if table.column("name") is None:
        first, last = _text(table, "first_name"), _text(table, "last_name")
        name = (first.fillna("") + " " + last.fillna("")).str.strip()
        name = name.where(name.ne(""), None)
    out["name"] = name
    name_key = (
        "name"
        if table.column("name")
        else "first_name"
        if table.column("first_name")
        else "last_name"
    )
    missing = name.isna()
    if missing.any() and table.column(name_key) is not None:
        cells.report(name_key, missing, "missing-name")

    emails = _emails(table, cells)
    out["email"] = emails.values if emails is not None else None
    out["email_key"] = emails.keys if emails is not None else None

    for key in TEXT_FIELDS:
        out[key] = _text(table, key)

    met = table.get("met")
    if met is None:
        out["met"] = pd.Series(pd.NA, index=index, dtype="boolean")
    else:
        parsed_met = parse_yes_no(met)
        out["met"] = parsed_met.values
        cells.report(
            "met",
            parsed_met.bad,
            "unknown-yes-no",
            lambda _r, v: {"did_you_mean": did_you_mean(suggest(v, ["Yes", "No"]))},
        )

    keys = map_norm_key(_text(table, "closeness"))
    out["closeness"] = keys.map(
        lambda k: "high" if k in CLOSENESS_HIGH else "low" if k in CLOSENESS_LOW else None
    ).astype(object)
    out["category_typed"] = _choice(
        table, "category", CATEGORY_SPELLINGS, CATEGORIES, cells, "unknown-category", "category"
    )
    out["status"] = _choice(
        table, "status", STATUS_SPELLINGS, STATUSES, cells, "unknown-value", "status"
    )
    for key in ("last_contact", "follow_up", "added"):
        out[key] = _dates(table, key, settings, cells)
    for key in ("linkedin", "website"):
        out[key] = _links(table, key, cells)

    _check_dates(out, settings, cells)
    _check_duplicates(out, cells)
    return out[list(CONTACT_COLUMNS)]


def _links(table: Table, key: str, cells: _Cells) -> pd.Series:
    raw = table.get(key)
    if raw is None:
        return _nones(table.frame.index)
    parsed = parse_links(raw)
    cells.report(key, parsed.bad, "invalid-link")
    cells.report(
        key, parsed.fixed, "link-without-scheme", lambda row, _v: {"fixed": parsed.values[row]}
    )
    return parsed.values


def _check_dates(out: pd.DataFrame, settings: Settings, cells: _Cells) -> None:
    as_of = pd.Timestamp(settings.as_of)
    future = out["last_contact"].dt.normalize() > as_of
    cells.report(
        "last_contact", future, "future-date", what="last contact", as_of=settings.as_of.isoformat()
    )
    early = out["follow_up"] < out["last_contact"].dt.normalize()
    cells.report(
        "follow_up",
        early,
        "follow-up-before-last-contact",
        lambda row, _v: {"last_contact": f"{out['last_contact'][row]:%Y-%m-%d}"},
    )


def _check_duplicates(out: pd.DataFrame, cells: _Cells) -> None:
    """Flag every later row that repeats an earlier one's email, or its name and company."""
    first_row = pd.Series(out.index, index=out.index)

    def flag(keys: pd.Series, column: str, what: str, skip: pd.Series) -> pd.Series:
        usable = keys.notna() & ~skip
        dup = usable & keys.duplicated(keep="first") & keys.notna()
        if dup.any():
            first = first_row[usable].groupby(keys[usable]).transform("min")
            cells.report(
                column,
                dup,
                "duplicate-contact",
                lambda row, _v: {
                    "what": what,
                    "first_row": int(first[row]),
                    "first_name": out["name"][first[row]] or "no name",
                },
            )
        return dup

    no_skip = pd.Series(False, index=out.index)
    by_email = flag(out["email_key"], "email", "email", no_skip)
    no_email = pd.Series(None, index=out.index, dtype=object)
    key = person_keys(out["name"], out["company"], no_email)
    name_column = "name" if cells.table.column("name") else "first_name"
    flag(key, name_column, "name and company", by_email)


def _interactions(
    table: Table, people: pd.DataFrame, settings: Settings, issues: list[Issue]
) -> pd.DataFrame:
    cells = _Cells(table, issues)
    out = pd.DataFrame(index=table.frame.index)
    out["date"] = _dates(table, "date", settings, cells)
    out["contact"] = _text(table, "contact")
    emails = _emails(table, cells)
    out["email"] = emails.values if emails is not None else None
    out["channel"] = _choice(
        table, "channel", CHANNEL_SPELLINGS, CHANNELS, cells, "unknown-value", "channel"
    )
    out["type"] = _choice(
        table, "type", TYPE_SPELLINGS, INTERACTION_TYPES, cells, "unknown-value", "interaction type"
    )
    out["notes"] = _text(table, "notes")

    raw_date = table.get("date")
    if raw_date is not None:
        cells.report("date", raw_date.isna(), "missing-interaction-date")
    future = out["date"].dt.normalize() > pd.Timestamp(settings.as_of)
    cells.report(
        "date", future, "future-date", what="interaction date", as_of=settings.as_of.isoformat()
    )

    out["contact_row"] = _match_contacts(out, emails.keys if emails is not None else None, people)
    named = out["contact"].notna() | (out["email"].notna() if emails is not None else False)
    key = "contact" if table.column("contact") else "email"
    if table.column(key) is not None:
        cells.report(key, ~named, "missing-interaction-contact")
    unknown = named & out["contact_row"].isna()
    # Placed on the cell that was looked up: the email when one is given, else the name.
    on_email = unknown & out["email"].notna()
    # An address already reported as invalid is not reported a second time as unknown.
    valid = emails.reasons.isna() if emails is not None else True
    cells.report("email", on_email & valid, "unknown-contact")
    cells.report("contact", unknown & ~on_email, "unknown-contact")
    return out[list(INTERACTION_COLUMNS)]


def _emails(table: Table, cells: _Cells) -> ParsedEmails | None:
    """Parse the Email column, if any, and report every address that is not valid."""
    raw = table.get("email")
    if raw is None:
        return None
    emails = parse_emails(raw)
    cells.report(
        "email",
        emails.reasons.notna(),
        "invalid-email",
        lambda row, _v: {"reason": emails.reasons[row]},
    )
    return emails


def _match_contacts(
    log: pd.DataFrame, email_keys: pd.Series | None, people: pd.DataFrame
) -> pd.Series:
    """The Excel row of the contact each interaction names: by email first, then by name."""
    # A repeated email or name means the first row, the one duplicate-contact points back to.
    by_email = first_rows(people["email_key"])
    by_name = first_rows(name_keys(people["name"]))
    # A Contact cell may hold the person's email instead of a name.
    typed = log["contact"].where(log["contact"].notna(), None)
    as_email = map_unique(typed, lambda v: by_email.get(str(v).strip().lower()))
    found = name_keys(typed).map(by_name).where(as_email.isna(), as_email)
    if email_keys is not None:
        found = map_unique(email_keys, by_email.get).fillna(found)
    return found.astype("Int64")


def first_rows(keys: pd.Series) -> dict[Any, int]:
    """The first (lowest) Excel row of each key; blank keys are left out."""
    present = keys[keys.notna()]
    if not present.index.is_monotonic_increasing:
        present = present.sort_index(kind="stable")
    # Reversed, so that of a repeated key's rows the first is the one left in the dict.
    return dict(
        zip(present.to_numpy()[::-1].tolist(), present.index.to_numpy()[::-1].tolist(), strict=True)
    )
