"""The rules: type every cell of the Contacts and Interactions tables and report what is wrong.

Every field is parsed by its kind (`PARSERS`, one per kind in `schema.KINDS`), then the rules
that look across fields and rows run in the order `CONTACT_RULES` and `INTERACTION_RULES` list
them, one concern each. Each works on whole columns at once and reports one Issue per
offending cell. Nothing here stops the run: a bad value becomes an issue and a blank in the
typed table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from netreport.cells import (
    ParsedDates,
    ParsedEmails,
    as_text,
    evident_day_first,
    map_norm_key,
    map_unique,
    parse_cadence,
    parse_choice,
    parse_dates,
    parse_emails,
    parse_links,
    parse_yes_no,
    partial_date,
    spread,
    suggest,
)
from netreport.check.settings import Settings
from netreport.days import day_month_year
from netreport.identity import name_keys, person_keys, suggestions
from netreport.issues import Issue, did_you_mean, issues_for_cells, make_issue
from netreport.read import Table
from netreport.schema import (
    CLOSENESS_HIGH,
    CLOSENESS_LOW,
    CONTACTS,
    INTERACTIONS,
    KIND_CHOICES,
    KIND_SPELLINGS,
    Field,
    SheetSpec,
)

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
    "snooze_until",
    "cadence",
    "added",
    "status",
    "linkedin",
    "website",
    "notes",
    "name_key",  # identity.name_key of the name
    "duplicate_of",  # the first row of the same person, for a later row that repeats it
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
        dates = [(contacts, f.key) for f in CONTACTS.fields if f.kind == "date"]
        raw = [t.get(k) for t, k in [*dates, (interactions, "date")] if t is not None]
        settings = replace(settings, day_first=evident_day_first([r for r in raw if r is not None]))
    people = _empty(CONTACT_COLUMNS) if contacts is None else _contacts(contacts, settings, issues)
    log = (
        _empty(INTERACTION_COLUMNS)
        if interactions is None
        else _interactions(interactions, people, settings, issues)
    )
    return Validated(people, log, issues)


# How the name cell of a row that is not a person starts: a totals row (in the languages
# people keep workbooks in), a legend, a note.
TOTAL_WORDS = (
    r"(?:grand |sub-?)?totals?|gesamt(?:summe)?|summe|anzahl|totaal|totale|suma|somme|"
    r"totalt|summa|yhteens\u00e4|\u0438\u0442\u043e\u0433\u043e|\u0432\u0441\u0435\u0433\u043e|"
    r"\u5408\u8a08|\u5408\u8ba1|\u603b\u8ba1|\u5c0f\u8a08|\u5c0f\u8ba1|\ud569\uacc4"
)
# What a totals row says it counts: "Total contacts", "Total interactions", "Totals rows".
COUNTED = (
    r"contacts?|number|count|people|rows?|interactions?|entries|meetings?|messages?|calls?|"
    r"emails?|touchpoints?|logged"
)
NOT_A_PERSON = re.compile(
    rf"\s*(?:(?:{TOTAL_WORDS})(?:\s*[:=(]|\s*$|\s+(?:{COUNTED})\b)|"
    r"subtotal|(?:count|sum|average|avg)(?:\s*[:=(]|\s*$)|legend\b|key:|notes?:|"
    r"total number|tips?:|reminder:|to ?do\b|[\u2013\u2014])",
    re.IGNORECASE,
)
EXAMPLE_MARK = re.compile(r"\(example\)\s*$|^\s*example\s*[:-]", re.IGNORECASE)


def _looks_like_a_heading(value: object) -> bool:
    """One word in capitals, words joined by '&' or ending in ':', or text in brackets: how
    people head a group of rows or note an aside, never how they type a name."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    one_word_caps = " " not in text and len(text) > 1 and text.isupper()
    return one_word_caps or "&" in text or text.endswith(":") or text.startswith(("(", "["))


NOT_PERSON_WORDS, EXAMPLE = 1, 2  # what a name's words can say: flags of `name_says`


def name_says(texts: list[Any], seen: dict[str, int]) -> np.ndarray:
    """For each distinct name cell, flags: NOT_PERSON_WORDS when it is a totals, legend or note
    row's words (it says so in its first words) or a sentence (seven words or more, most of
    them in lower case: names are capitalised), and EXAMPLE when it marks an example row.
    `seen` holds the texts already looked at, and takes these."""
    out = np.zeros(len(texts), dtype=np.int8)
    for i, text in enumerate(texts):
        if type(text) is not str:
            continue
        flags = seen.get(text)
        if flags is None:
            flags = seen[text] = _says(text)
        out[i] = flags
    return out


def _says(text: str) -> int:
    flags = EXAMPLE if EXAMPLE_MARK.search(text) else 0
    if NOT_A_PERSON.match(text):
        return flags | NOT_PERSON_WORDS
    if len(text) >= 13:  # seven words take at least 13 characters
        words = text.split()
        lower = sum(1 for w in words if "a" <= w[0] <= "z")
        if len(words) >= 7 and lower * 2 > len(words):
            return flags | NOT_PERSON_WORDS
    return flags


def people_only(
    table: Table, name_key: str, issues: list[Issue], seen: dict[str, int] | None = None
) -> Table:
    """The table without the rows that are not people, each skipped with an info issue: totals
    and legend rows, the header typed again lower down, a number where the name goes (a
    total's result), and the starter workbook's example rows. `seen` keeps what each name's
    words say (`name_says`) for the next table, which names the same people."""
    frame = table.frame
    if frame.empty:
        return table
    first = frame.iloc[:, 0]
    own = table.get(name_key)
    if own is None and name_key == "name":
        own = table.get("last_name")
    name = first if own is None else own.where(own.notna(), first)

    # Worked out once per distinct name (and once for both tables): a column of 100,000
    # names costs one pass over its distinct values, not several Python calls per cell.
    codes, distinct = pd.factorize(name, use_na_sentinel=True)
    says = name_says(distinct.tolist(), {} if seen is None else seen)

    def each(flag: int) -> pd.Series:
        return pd.Series(spread(codes, (says & flag) > 0, False), index=frame.index)

    words = each(NOT_PERSON_WORDS)
    # A heading over a group of rows ("WORK", "FAMILY & FRIENDS") or an aside ("(ask Zoë
    # about Dublin)"), alone on its row.
    alone = frame.notna().sum(axis=1).eq(1)
    heading = alone & name.where(alone).map(_looks_like_a_heading, na_action="ignore").eq(True)
    repeated = sum(
        (
            frame[c.letter].isin({c.header, c.header.upper(), c.header.lower(), c.header.title()})
            for c in table.columns
            if c.header
        ),
        start=pd.Series(0, index=frame.index),
    )
    # A number where the name goes: what =COUNTA(...) in the name column leaves.
    number = (
        own.map(type).isin([int, float]) if own is not None else pd.Series(False, index=frame.index)
    )
    example = each(EXAMPLE)
    what = pd.Series(None, index=frame.index, dtype=object)
    what = what.mask(number, "a number where the name goes (a total or a count)")
    what = what.mask(words, "a totals, legend or note row")
    what = what.mask(heading, "a heading or a note alone on its row")
    what = what.mask(repeated.ge(2), "the header row typed again")
    skipped = what.notna() | example
    if not skipped.any():
        return table
    column = table.column(name_key)
    label = column.label if column is not None else None
    for row in what.index[what.notna().to_numpy()]:
        issues.append(
            make_issue(
                "not-a-contact", sheet=table.sheet, row=int(row), value=first[row], what=what[row]
            )
        )
    for row in example.index[(example & what.isna()).to_numpy()]:
        issues.append(
            make_issue(
                "example-row", sheet=table.sheet, row=int(row), column=label, value=name[row]
            )
        )
    return replace(table, frame=frame[~skipped])


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
        *,
        by_value: bool = False,
        **fixed: Any,
    ) -> None:
        """An issue `code` on each cell of column `key` where `mask` holds; `details(row,
        value)` adds to the message's fields (worked out once per distinct value when
        `by_value`: a suggestion for a misspelling depends on the value alone)."""
        column = self.table.column(key)
        if column is None or not mask.any():
            return
        rows = mask.index[mask.to_numpy(dtype=bool)]
        values = self.table.frame[column.letter].reindex(rows).tolist()
        extras: list[dict[str, Any]] | None = None
        if details is not None or fixed:
            per_value: dict[object, dict[str, Any]] = {}

            def extra(row: int, value: Any) -> dict[str, Any]:
                if details is None:
                    return fixed
                if not by_value or not isinstance(value, Hashable):
                    return {**fixed, **details(row, value)}
                key = (value, type(value))
                if key not in per_value:
                    per_value[key] = {**fixed, **details(row, value)}
                return per_value[key]

            extras = [extra(row, value) for row, value in zip(rows, values, strict=True)]
        rows_list = [int(r) for r in rows]
        self.issues.extend(
            issues_for_cells(code, self.table.sheet, column.label, rows_list, values, extras)
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
    values, bad = _partial_dates(raw, parsed, key, settings, cells)
    parsed = replace(parsed, values=values, bad=bad)
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


# Dates that look ahead: one typed without a year is the nearest such day on or after the
# report date.
FORWARD_DATES = frozenset({"follow_up", "snooze_until"})
# How each kind of partial date is reported.
PARTIAL_DATE_CODES = {
    "month": "month-only-date",
    "no-year": "date-without-year",
    "relative": "relative-date",
}


def _partial_dates(
    raw: pd.Series, parsed: ParsedDates, key: str, settings: Settings, cells: _Cells
) -> tuple[pd.Series, pd.Series]:
    """Dates typed without a day, without a year, or counted back ("2 weeks ago"), read as
    `partial_date` says, each with a warning saying how; the rest stay unreadable."""
    values, bad, day_first = parsed.values, parsed.bad, parsed.day_first
    if not bad.any():
        return values, bad
    # A follow-up or snooze date is ahead of the report, a contact behind it.
    forward = key in FORWARD_DATES
    found = map_unique(raw[bad], lambda v: partial_date(v, settings.as_of, day_first, forward))
    found = found[found.notna()]
    if found.empty:
        return values, bad
    values = values.copy()
    values[found.index] = pd.to_datetime([f.day for f in found])
    bad = bad & ~bad.index.isin(found.index)
    side = "on or after" if forward else "on or before"
    for kind, code in PARTIAL_DATE_CODES.items():
        rows = found.index[[f.kind == kind for f in found]]
        cells.report(
            key,
            pd.Series(bad.index.isin(rows), index=bad.index),
            code,
            lambda row, _v: {"used": f"{values[row]:%Y-%m-%d}", "side": side},
        )
    return values, bad


def _ambiguity(used: pd.Timestamp, day_first: bool, count: int) -> dict[str, str]:
    swapped = pd.Timestamp(year=used.year, month=used.day, day=used.month)
    shown = [day_month_year(d) for d in (used, swapped)]
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
        by_value=True,
    )
    if code == "unknown-value" and parsed.bad.any():
        # Kept as typed: a status of "Interviewing" still means something to the owner.
        return parsed.values.where(~parsed.bad, as_text(raw))
    return parsed.values


# ---- parsing, by the kind of each field (schema.KINDS) -------------------------------------


@dataclass
class _Stage:
    """What the parsers and rules of one table share: its typed columns so far, where its
    issues go, the settings, and (for Interactions) the typed contacts."""

    table: Table
    out: pd.DataFrame
    cells: _Cells
    settings: Settings
    people: pd.DataFrame | None = None


def _parse_text(stage: _Stage, field: Field) -> None:
    stage.out[field.key] = _text(stage.table, field.key)


def _parse_date(stage: _Stage, field: Field) -> None:
    stage.out[field.key] = _dates(stage.table, field.key, stage.settings, stage.cells)


def _parse_link(stage: _Stage, field: Field) -> None:
    stage.out[field.key] = _links(stage.table, field.key, stage.cells)


def _parse_email(stage: _Stage, field: Field) -> None:
    emails = _emails(stage.table, stage.cells)
    stage.out[field.key] = emails.values if emails is not None else None
    stage.out[f"{field.key}_key"] = emails.keys if emails is not None else None
    # An address already reported as invalid is not reported a second time as unknown.
    stage.out["_email_valid"] = emails.reasons.isna() if emails is not None else True


def _parse_yes_no(stage: _Stage, field: Field) -> None:
    raw = stage.table.get(field.key)
    if raw is None:
        stage.out[field.key] = pd.Series(pd.NA, index=stage.out.index, dtype="boolean")
        return
    parsed = parse_yes_no(raw)
    stage.out[field.key] = parsed.values
    stage.cells.report(
        field.key,
        parsed.bad,
        "unknown-yes-no",
        lambda _r, v: {"did_you_mean": did_you_mean(suggest(v, ["Yes", "No"]))},
    )


_STARS = re.compile(r"^[\s\u2605\u2606\u2b50*]+$")  # "★★★☆☆", "***"
_OUT_OF_FIVE = re.compile(r"^\s*([1-5])\s*(?:/|out of)\s*5\s*$", re.IGNORECASE)


def _closeness_text(value: object) -> object:
    """A rating as the digit it stands for: '★★★★☆' (filled stars) and '4/5' -> '4'."""
    if not isinstance(value, str):
        return value
    if _STARS.match(value):
        return str(sum(value.count(star) for star in "\u2605\u2b50*"))
    found = _OUT_OF_FIVE.match(value)
    return found[1] if found else value


def _parse_closeness(stage: _Stage, field: Field) -> None:
    keys = map_norm_key(map_unique(_text(stage.table, field.key), _closeness_text))
    stage.out[field.key] = keys.map(
        lambda k: "high" if k in CLOSENESS_HIGH else "low" if k in CLOSENESS_LOW else None
    ).astype(object)


def _parse_cadence(stage: _Stage, field: Field) -> None:
    """How often to keep in touch, in days (Int64); a value it cannot read is a warning, and
    the contact keeps the category's cadence."""
    raw = stage.table.get(field.key)
    if raw is None:
        stage.out[field.key] = pd.Series(pd.NA, index=stage.out.index, dtype="Int64")
        return
    parsed = parse_cadence(raw)
    stage.out[field.key] = parsed.values
    stage.cells.report(field.key, parsed.bad, "invalid-cadence")


# A choice kind's issue code and how its message names it. A typed category that is not one
# of the four is an error of its own; other unknown words are kept as typed, with a warning.
_CHOICE_WORDING = {
    "category": ("unknown-category", "category"),
    "status": ("unknown-value", "status"),
    "channel": ("unknown-value", "channel"),
    "type": ("unknown-value", "interaction type"),
}
# Where a parsed field is kept when its column name differs from its key.
_TYPED_AS = {"category": "category_typed"}


def _parse_choice(stage: _Stage, field: Field) -> None:
    code, what = _CHOICE_WORDING[field.kind]
    stage.out[_TYPED_AS.get(field.key, field.key)] = _choice(
        stage.table,
        field.key,
        KIND_SPELLINGS[field.kind],
        KIND_CHOICES[field.kind],
        stage.cells,
        code,
        what,
    )


PARSERS: dict[str, Callable[[_Stage, Field], None]] = {
    "text": _parse_text,
    "email": _parse_email,
    "link": _parse_link,
    "date": _parse_date,
    "yesno": _parse_yes_no,
    "closeness": _parse_closeness,
    "category": _parse_choice,
    "status": _parse_choice,
    "channel": _parse_choice,
    "type": _parse_choice,
    "cadence": _parse_cadence,
}


def _typed(
    spec: SheetSpec,
    table: Table,
    settings: Settings,
    issues: list[Issue],
    people: pd.DataFrame | None = None,
) -> _Stage:
    """Every field of the sheet parsed by its kind, each bad cell an issue."""
    stage = _Stage(table, pd.DataFrame(index=table.frame.index), _Cells(table, issues), settings)
    stage.people = people
    for spec_field in spec.fields:
        PARSERS[spec_field.kind](stage, spec_field)
    return stage


# ---- rules across fields and rows: one concern each, run in the order listed ----------------


def _name(stage: _Stage) -> None:
    """The name, or First Name + Last Name when there is no Name column; a row without one."""
    table, out = stage.table, stage.out
    if table.column("name") is None:
        name = (out["first_name"].fillna("") + " " + out["last_name"].fillna("")).str.strip()
        out["name"] = name.where(name.ne(""), None)
    column = next((k for k in ("name", "first_name", "last_name") if table.column(k)), None)
    if column is not None:
        stage.cells.report(column, out["name"].isna(), "missing-name")
    # Who each row is, by name, worked out once for every later step that asks.
    out["name_key"] = name_keys(out["name"])


def _last_contact_not_in_future(stage: _Stage) -> None:
    as_of = stage.settings.as_of
    future = stage.out["last_contact"].dt.normalize() > pd.Timestamp(as_of)
    stage.cells.report(
        "last_contact", future, "future-date", what="last contact", as_of=as_of.isoformat()
    )


def _follow_up_after_last_contact(stage: _Stage) -> None:
    out = stage.out
    early = out["follow_up"] < out["last_contact"].dt.normalize()
    stage.cells.report(
        "follow_up",
        early,
        "follow-up-before-last-contact",
        lambda row, _v: {"last_contact": f"{out['last_contact'][row]:%Y-%m-%d}"},
    )


def _no_duplicates(stage: _Stage) -> None:
    """Flag every later row that repeats an earlier one's email, or its name and company
    (identity's person key), and note the first row in `duplicate_of`."""
    out, cells = stage.out, stage.cells
    first_row = pd.Series(out.index, index=out.index)

    out["duplicate_of"] = pd.Series(pd.NA, index=out.index, dtype="Int64")

    def flag(keys: pd.Series, column: str, what: str, skip: pd.Series) -> pd.Series:
        usable = keys.notna() & ~skip
        dup = usable & keys.duplicated(keep="first") & keys.notna()
        if dup.any():
            first = first_row[usable].groupby(keys[usable]).transform("min")
            # the row the outreach list keeps for this person (one person is listed once)
            out.loc[dup[dup].index, "duplicate_of"] = first[dup[dup].index].to_numpy()
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
    key = person_keys(out["name_key"], out["company"], no_email)
    name_column = "name" if cells.table.column("name") else "first_name"
    flag(key, name_column, "name and company", by_email)


def _interaction_dated(stage: _Stage) -> None:
    raw = stage.table.get("date")
    if raw is not None:
        stage.cells.report("date", raw.isna(), "missing-interaction-date")
    as_of = stage.settings.as_of
    future = stage.out["date"].dt.normalize() > pd.Timestamp(as_of)
    stage.cells.report(
        "date", future, "future-date", what="interaction date", as_of=as_of.isoformat()
    )


def _interaction_names_a_contact(stage: _Stage) -> None:
    """Each interaction's contact found in Contacts (`contact_row`), else an issue on the cell
    that was looked up: the email when one is given, else the name."""
    table, out, cells = stage.table, stage.out, stage.cells
    assert stage.people is not None
    has_email = table.column("email") is not None
    out["contact_row"] = _match_contacts(out, out["email_key"] if has_email else None, stage.people)
    named = out["contact"].notna() | (out["email"].notna() if has_email else False)
    key = "contact" if table.column("contact") else "email"
    if table.column(key) is not None:
        cells.report(key, ~named, "missing-interaction-contact")
    unknown = named & out["contact_row"].isna()
    on_email = unknown & out["email"].notna()
    cells.report("email", on_email & out["_email_valid"], "unknown-contact")
    by_name = unknown & ~on_email
    # A hint only, never applied: the closest contact's name for a likely typo.
    closest = (
        suggestions(out["contact"][by_name].dropna().unique().tolist(), stage.people["name"])
        if by_name.any()
        else {}
    )
    cells.report(
        "contact",
        by_name,
        "unknown-contact",
        lambda _r, v: {"did_you_mean": did_you_mean(closest.get(" ".join(str(v).split())))},
        by_value=True,
    )


CONTACT_RULES: tuple[Callable[[_Stage], None], ...] = (
    _name,
    _last_contact_not_in_future,
    _follow_up_after_last_contact,
    _no_duplicates,
)
INTERACTION_RULES: tuple[Callable[[_Stage], None], ...] = (
    _interaction_dated,
    _interaction_names_a_contact,
)


def _contacts(table: Table, settings: Settings, issues: list[Issue]) -> pd.DataFrame:
    stage = _typed(CONTACTS, table, settings, issues)
    for rule in CONTACT_RULES:
        rule(stage)
    return stage.out[list(CONTACT_COLUMNS)]


def _interactions(
    table: Table, people: pd.DataFrame, settings: Settings, issues: list[Issue]
) -> pd.DataFrame:
    stage = _typed(INTERACTIONS, table, settings, issues, people)
    for rule in INTERACTION_RULES:
        rule(stage)
    return stage.out[list(INTERACTION_COLUMNS)]


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
    by_name = first_rows(people["name_key"])
    # A Contact cell may hold the person's email instead of a name.
    typed = log["contact"].where(log["contact"].notna(), None)
    # Rows as floats (NaN where none): filled from one another without object downcasting.
    as_email = _rows(map_unique(typed, lambda v: by_email.get(str(v).strip().lower())))
    known = pd.Series(people["name_key"].to_numpy(), index=people["name"].to_numpy())
    found = as_email.fillna(_rows(name_keys(typed, known).map(by_name)))
    if email_keys is not None:
        found = _rows(map_unique(email_keys, by_email.get)).fillna(found)
    return found.astype("Int64")


def _rows(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("float64")


def first_rows(keys: pd.Series) -> dict[Any, int]:
    """The first (lowest) Excel row of each key; blank keys are left out."""
    present = keys[keys.notna()]
    if not present.index.is_monotonic_increasing:
        present = present.sort_index(kind="stable")
    # Reversed, so that of a repeated key's rows the first is the one left in the dict.
    return dict(
        zip(present.to_numpy()[::-1].tolist(), present.index.to_numpy()[::-1].tolist(), strict=True)
    )
