"""Turn raw cell values, as people type them, into typed columns.

Each parser takes a column of raw values (object dtype, None for blank) and returns the typed
column plus what it could not read, so the validator can place an issue on each bad cell.
Work is done once per distinct value or once per column, never once per row in Python.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from netreport.schema import (
    CADENCE_TIMES,
    CADENCE_UNITS,
    CADENCE_WORDS,
    DAYS_PER_UNIT,
    MAX_DAYS,
    NO_SPELLINGS,
    YES_SPELLINGS,
    norm_key,
    norm_keys,
)

# Text dates tried after the numeric d/m/y forms, on the distinct leftovers only.
TEXT_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%d %b %y",
    "%d %B %y",
    "%b %d %y",
    "%Y %b %d",
    "%A %d %B %Y",
    "%a %d %b %Y",
    "%Y%m%d",
)
_NUMERIC_DATE = re.compile(r"^(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})$")
_ORDINAL = re.compile(r"(?<=\d)(st|nd|rd|th)\b", re.I)


def is_str(value: object) -> bool:
    return isinstance(value, str)


def map_unique(series: pd.Series, func: Callable[[Any], Any]) -> pd.Series:
    """`func` applied once per distinct non-blank value; blanks give None.

    A workbook column repeats itself (fields, categories, company names), so this turns a
    Python call per cell into one per distinct value. Python's equality merges True with 1
    and 1.0, which is harmless for every use here (they mean the same yes, or the same digit).
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = spread(codes, [func(u) for u in uniques], None)
    return pd.Series(mapped, index=series.index, dtype=object)


def spread(codes: np.ndarray, per_distinct: Any, blank: Any) -> np.ndarray:
    """Values worked out once per distinct value (`pd.factorize`'s uniques) laid back over the
    column by its codes; blank cells, code -1, take `blank`. The dtype is `per_distinct`'s
    when it is an array, else object."""
    each = per_distinct if isinstance(per_distinct, np.ndarray) else None
    out = np.empty(len(per_distinct) + 1, dtype=object if each is None else each.dtype)
    out[:-1] = per_distinct
    out[-1] = blank
    laid_out: np.ndarray = out[codes]
    return laid_out


def distinct_rows(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """The frame's distinct rows (the first of each), and for each row the position of its
    own among them; blanks of any kind are equal to each other."""
    codes = frame.groupby(list(frame.columns), sort=False, dropna=False).ngroup().to_numpy()
    firsts = np.unique(codes, return_index=True)[1]
    return codes, frame.iloc[firsts]


def map_norm_key(series: pd.Series) -> pd.Series:
    """`norm_key` of each value, None where blank: map_unique(series, norm_key), with the
    distinct values folded together (see `norm_keys`)."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    mapped = spread(codes, norm_keys([str(u) for u in uniques]), None)
    return pd.Series(mapped, index=series.index, dtype=object)


def as_text(series: pd.Series) -> pd.Series:
    """Cell values as the text a person sees: 5551234.0 -> '5551234', dates as ISO, trimmed."""
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    distinct = uniques.tolist()
    if not _already_shown(distinct):
        distinct = [_show(value) for value in distinct]
    return pd.Series(spread(codes, distinct, None), index=series.index, dtype=object)


# Text that `_show` would change: whitespace other than a space, two spaces, a space at either
# end of a text (the texts are joined by NUL, which is no whitespace).
_NOT_SHOWN = re.compile(r"[^\S ]|  |^ | $|\x00 | \x00")


def _already_shown(values: list[Any]) -> bool:
    """Whether every value is text that `_show` leaves as it is: one search over them all,
    instead of a call per text (a column's 100,000 distinct names or notes)."""
    if not all(type(v) is str and v for v in values):
        return False
    joined = "\x00".join(values)
    return joined.count("\x00") == len(values) - 1 and not _NOT_SHOWN.search(joined)


def _show(value: object) -> object:
    if type(value) is str:  # most cells: checked first
        text = " ".join(value.split())
        # The cell's own object when unchanged: the typed table then costs no more memory.
        return (value if text == value else text) or None
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return " ".join(str(value).split()) or None


def to_ns(values: pd.Series) -> pd.Series:
    """Dates at pandas' nanosecond resolution; a year outside 1677-2262 (9999-12-31 typed for
    "never", 0001-01-01 from an export) becomes NaT, and so an invalid-date issue."""
    values = pd.to_datetime(values, errors="coerce")
    inside = values.isna() | ((values >= pd.Timestamp.min) & (values <= pd.Timestamp.max))
    return values.where(inside).astype("datetime64[ns]")


@dataclass(frozen=True)
class ParsedDates:
    """A parsed date column. `bad` marks filled cells that are not dates; `ambiguous` marks
    d/m vs m/d text whose order was guessed (only when no order was set or evident)."""

    values: pd.Series  # datetime64[ns], NaT where blank or bad
    bad: pd.Series
    ambiguous: pd.Series
    day_first: bool


def parse_dates(series: pd.Series, day_first: bool | None) -> ParsedDates:
    """Real Excel dates, and dates typed as text: ISO, 10/3/2026, 3 Oct 2026, Oct 3, 2026."""
    # A date column repeats the same few hundred days: each distinct value is parsed once. A
    # value's date depends only on the value, and the order guessed only on the set of values.
    codes, distinct = pd.factorize(series)
    once = parse_each_date(pd.Series(distinct, dtype=object), day_first)

    def each(parsed: pd.Series, blank: object) -> pd.Series:
        return pd.Series(spread(codes, parsed.to_numpy(), blank), index=series.index)

    return ParsedDates(
        each(once.values, np.datetime64("NaT", "ns")),
        each(once.bad, False),
        each(once.ambiguous, False),
        once.day_first,
    )


def parse_each_date(series: pd.Series, day_first: bool | None) -> ParsedDates:
    """`parse_dates` worked out for every cell of the column, repeats and blanks included
    (what `parse_dates` runs on the distinct values)."""
    values = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    filled = series.notna()
    kinds = map_unique(series, type)
    is_date = kinds.isin([dt.date, dt.datetime, pd.Timestamp])
    if is_date.any():
        # A year outside 1677-2262 (9999-12-31 typed for "never") does not fit pandas'
        # timestamps: it becomes NaT here, and so an invalid-date issue, not a crash.
        stamps = pd.to_datetime(map_unique(series[is_date], _as_datetime), errors="coerce")
        values[is_date] = to_ns(stamps)
    is_text = map_unique(series, is_str).eq(True)
    ambiguous = pd.Series(False, index=series.index)
    order = bool(day_first)
    if is_text.any():
        text = series[is_text].astype(str).str.strip()
        parsed, ambiguous_text, order = _parse_text_dates(text, day_first)
        values[is_text] = parsed
        ambiguous[is_text] = ambiguous_text.eq(True).to_numpy(dtype=bool)
    bad = filled & values.isna()
    return ParsedDates(values, bad, ambiguous & ~bad, order)


def evident_day_first(columns: list[pd.Series]) -> bool | None:
    """The date order the text dates of several columns show together: a first part above 12
    can only be a day, a second part above 12 only a day. None when they show neither or both."""
    says_day = says_month = False
    for column in columns:
        # The evidence is in which values there are, not in how often: each is looked at once.
        series = pd.Series(column.dropna().unique(), dtype=object)
        text = series[map_unique(series, is_str).eq(True)].astype(str).str.strip()
        if text.empty:
            continue
        parts = text.str.extract(_NUMERIC_DATE)
        a, b = (pd.to_numeric(parts[i], errors="coerce") for i in (0, 1))
        short = parts.notna().all(axis=1) & (a <= 31)
        says_day |= bool((short & (a > 12) & (b <= 12)).any())
        says_month |= bool((short & (b > 12) & (a <= 12)).any())
    return says_day if says_day != says_month else None


def _as_datetime(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    assert isinstance(value, dt.date)
    return dt.datetime(value.year, value.month, value.day)


# What people and exports put around a date: a time ("1/1/2026 9:10am", Airtable's export)
# and a weekday ("Sun 29 Nov 2026").
_TIME = re.compile(r"[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*$", re.I)
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


def _parse_text_dates(text: pd.Series, day_first: bool | None) -> tuple[pd.Series, pd.Series, bool]:
    """Parse distinct strings once, then map back onto the column."""
    text = text.str.replace(_TIME, "", regex=True).str.replace(_WEEKDAY, "", regex=True)
    distinct = pd.Series(text.unique())
    out = pd.Series(pd.NaT, index=distinct.index, dtype="datetime64[ns]")

    iso = pd.to_datetime(distinct, format="ISO8601", errors="coerce")
    out = out.fillna(to_ns(iso))

    parts = distinct.str.extract(_NUMERIC_DATE)
    numeric = parts.notna().all(axis=1) & out.isna()
    a, b, c = (pd.to_numeric(parts[i], errors="coerce") for i in range(3))
    year_first = numeric & ((parts[0].str.len() >= 3) | (a > 31))
    short = numeric & ~year_first
    # Evidence in the data itself: a first part above 12 can only be a day, and so on.
    if day_first is None:
        says_day = bool((short & (a > 12) & (b <= 12)).any())
        says_month = bool((short & (b > 12) & (a <= 12)).any())
        order = says_day and not says_month
        decided = says_day != says_month
    else:
        order, decided = day_first, True
    day, month = (a, b) if order else (b, a)
    # Two digits are a year in 1970-2069; three or four are the year as written (0001 too).
    year = c.where(parts[2].str.len() >= 3, np.where(c < 70, 2000 + c, 1900 + c))
    dmy = _assemble(year.where(short), month.where(short), day.where(short))
    ymd = _assemble(a.where(year_first), b.where(year_first), c.where(year_first))
    out = out.fillna(dmy).fillna(ymd)
    ambiguous = short & (a <= 12) & (b <= 12) & (a != b) & out.notna() & (not decided)

    rest = out.isna() & ~numeric
    if rest.any():
        cleaned = (
            distinct[rest]
            .str.replace(",", " ", regex=False)
            .str.replace(_ORDINAL, "", regex=True)
            .str.replace(r"(?<=[A-Za-z])\.", "", regex=True)
            .str.replace(r"\bSept\b", "Sep", regex=True, case=False)
            .str.replace(r"[\-/]", " ", regex=True)
            .str.split()
            .str.join(" ")
        )
        for fmt in TEXT_DATE_FORMATS:
            todo = out.isna() & rest
            if not todo.any():
                break
            out[todo] = pd.to_datetime(cleaned[todo], format=fmt, errors="coerce")
    lookup_values = dict(zip(distinct, out, strict=True))
    lookup_ambiguous = dict(zip(distinct, ambiguous, strict=True))
    return (
        to_ns(text.map(lookup_values)),
        text.map(lookup_ambiguous).astype(bool),
        order,
    )


def _assemble(year: pd.Series, month: pd.Series, day: pd.Series) -> pd.Series:
    frame = pd.DataFrame({"year": year, "month": month, "day": day})
    return to_ns(pd.to_datetime(frame, errors="coerce"))


@dataclass(frozen=True)
class ParsedChoice:
    values: pd.Series  # the canonical value, or None
    bad: pd.Series  # filled cells that matched no spelling


def parse_choice(series: pd.Series, spellings: dict[str, str]) -> ParsedChoice:
    """Map free spellings onto a vocabulary: ' luke warm ' -> 'Luke-warm'."""
    values = map_unique(series, lambda v: spellings.get(norm_key(v)))
    values = values.where(values.notna(), None)
    return ParsedChoice(values, series.notna() & values.isna())


def parse_yes_no(series: pd.Series) -> ParsedChoice:
    """Y, yes, TRUE, x, 1 / N, no, FALSE, 0: a nullable boolean column."""
    spellings = {**dict.fromkeys(YES_SPELLINGS, "yes"), **dict.fromkeys(NO_SPELLINGS, "no")}

    def key(value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return norm_key(value)

    words = map_unique(series, lambda v: spellings.get(str(key(v))))
    values = words.map({"yes": True, "no": False}).astype("boolean")
    return ParsedChoice(values, series.notna() & words.isna())


def suggest(value: object, choices: list[str]) -> str | None:
    """The closest choice to a mistyped value, for a did-you-mean."""
    by_key = {norm_key(c): c for c in choices}
    match = difflib.get_close_matches(norm_key(value), list(by_key), n=1, cutoff=0.6)
    return by_key[match[0]] if match else None


@dataclass(frozen=True)
class ParsedEmails:
    values: pd.Series  # the address as typed, trimmed
    keys: pd.Series  # lower-cased, for matching; None where blank or invalid
    reasons: pd.Series  # why an address is invalid; None where fine


# Plain ASCII addresses that email-validator always accepts (a strict subset of its rules:
# dot-atoms of letters, digits and _%+-; labels of at most 63; a letter TLD). They skip the
# library, which costs ~20 microseconds an address; everything else goes through it.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def plainly_valid(address: str) -> bool:
    """True only for addresses email-validator would accept; False means: ask it."""
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    if len(address) > 254 or not _PLAIN_EMAIL.fullmatch(address):
        return False
    local, _, domain = address.rpartition("@")
    domain = domain.lower()
    names, subdomains = _special_use(tuple(SPECIAL_USE_DOMAIN_NAMES))
    # "ab--" labels are reserved for IDNA (xn--...): the library has rules for those.
    return (
        len(local) <= 64
        and "--" not in domain
        and domain not in names
        and not domain.endswith(subdomains)
    )


@lru_cache(maxsize=4)
def _special_use(names: tuple[str, ...]) -> tuple[frozenset[str], tuple[str, ...]]:
    """email-validator's special-use domains, and the suffix of a domain under each. Keyed by
    the list's contents, which a user of the library may change."""
    return frozenset(names), tuple("." + name for name in names)


def email_problem(address: str) -> str | None:
    """Why email-validator rejects an address (syntax only, no DNS), or None."""
    if plainly_valid(address):
        return None
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError as exc:
        return str(exc)
    return None


def parse_emails(series: pd.Series) -> ParsedEmails:
    """Check syntax with email-validator (no DNS); each distinct address is checked once."""
    text = as_text(series)
    why = map_unique(text, email_problem)
    keys = text.str.lower().where(text.notna() & why.isna(), None)
    return ParsedEmails(text, keys, why)


SAFE_SCHEMES = ("http://", "https://", "mailto:")
_DOMAIN_LIKE = re.compile(r"^(?:www\.)?[\w-]+(\.[\w-]+)+(/\S*)?$")


@dataclass(frozen=True)
class ParsedLinks:
    values: pd.Series  # a safe absolute link, or None
    bad: pd.Series  # filled, but not a link that may be followed
    fixed: pd.Series  # filled without a scheme and read as https://


def parse_links(series: pd.Series) -> ParsedLinks:
    """Only http, https and mailto links are kept; a bare 'linkedin.com/in/x' gets https://."""
    text = as_text(series)
    # Control characters and spaces hide schemes ("java\tscript:"), so they disqualify a link.
    lower = text.str.lower()
    clean = text.notna() & ~text.str.contains(r"[\s\x00-\x1f\x7f]", regex=True, na=False)
    safe = clean & lower.str.startswith(SAFE_SCHEMES, na=False)
    bare = clean & ~safe & text.str.match(_DOMAIN_LIKE, na=False)
    values = text.where(safe, None)
    values = values.mask(bare, "https://" + text.where(bare, ""))
    return ParsedLinks(values.astype(object), text.notna() & ~safe & ~bare, bare)


# --- Dates people type without a day, without a year, or counted back ------------------------

_MONTHS = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%b").casefold(),
        dt.date(2000, number, 1).strftime("%B").casefold(),
    )
} | {"sept": 9}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_MONTH_YEAR = re.compile(
    rf"^{_MONTH},?\s+(?P<year>\d{{4}}|'\d{{2}})$|^(?P<mm>\d{{1,2}})[/\-.](?P<yyyy>\d{{4}})$"
)
_NO_YEAR = re.compile(
    rf"^{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?$|^(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+"
    rf"(?:of\s+)?(?P<month2>[A-Za-z]{{3,9}})\.?$|^(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})$",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"^(?:(?P<n>\d+|a|an|one|two|three|four|five|six)\s+(?P<unit>day|week|month|year)s?\s+ago|"
    r"(?P<last>last|this)\s+(?P<unit2>week|month|year)|(?P<word>today|yesterday))$",
    re.IGNORECASE,
)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_UNIT_DAYS = DAYS_PER_UNIT


@dataclass(frozen=True)
class PartialDate:
    """A date read from words that do not give it whole, and what was missing."""

    day: dt.date
    kind: str  # "month" (no day), "no-year", or "relative" (counted back from the report date)


def partial_date(
    text: object, as_of: dt.date, day_first: bool, forward: bool = False
) -> PartialDate | None:
    """The date `text` most likely means when it lacks a day ("Oct 2025": the 1st), a year
    ("12/1", "Feb 3": the latest such day on or before `as_of`, or with `forward` the first
    on or after it) or is counted back ("2 weeks ago", "last week", "yesterday"). None when it
    is none of these."""
    if not isinstance(text, str):
        return None
    words = _WEEKDAY.sub("", " ".join(text.split()).replace("\u2019", "'"))
    if match := _MONTH_YEAR.match(words):
        month = _month(match["month"]) if match["month"] else int(match["mm"])
        written = match["year"] or match["yyyy"]
        year = 2000 + int(written[1:]) if written.startswith("'") else int(written)  # "Nov '25"
        return _made(year, month, 1, "month")
    if match := _NO_YEAR.match(words):
        if match["a"]:
            first, second = int(match["a"]), int(match["b"])
            day, month = (first, second) if day_first else (second, first)
        else:
            month = _month(match["month"] or match["month2"])
            day = int(match["day"] or match["day2"])
        return _nearest(month, day, as_of, forward)
    if match := _AGO.match(words):
        if match["word"]:
            back = 0 if match["word"].casefold() == "today" else 1
        elif match["last"]:
            unit = _UNIT_DAYS[match["unit2"].casefold()]
            back = unit if match["last"].casefold() == "last" else 0
        else:
            count = match["n"].casefold()
            number = int(count) if count.isdigit() else _NUMBER_WORDS[count]
            back = number * _UNIT_DAYS[match["unit"].casefold()]
        return PartialDate(as_of - dt.timedelta(days=back), "relative")
    return None


def _month(name: str | None) -> int:
    return _MONTHS.get((name or "").casefold(), 0)


def _made(year: int, month: int, day: int, kind: str) -> PartialDate | None:
    try:
        return PartialDate(dt.date(year, month, day), kind)
    except ValueError:
        return None


def _nearest(month: int, day: int, as_of: dt.date, forward: bool) -> PartialDate | None:
    """The day/month in the year that puts it nearest `as_of` on the allowed side."""
    for year in (as_of.year, as_of.year + (1 if forward else -1)):
        found = _made(year, month, day, "no-year")
        if found and (found.day >= as_of if forward else found.day <= as_of):
            return found
    return None


# --- How often to keep in touch: "2 weeks", "monthly", "every 3 months", "twice a year", 45 ---

_COUNT = r"[0-9]+(?:\.[0-9]+)?|" + "|".join(_NUMBER_WORDS)
_ORDINALS = {"other": 2, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
# "45", "45 days", "6 wks", "every 3 months", "every other week", "every 2nd month", "each
# quarter", "2-3 weeks" (the shorter: a due date early is better than late).
_EVERY = re.compile(
    rf"^(?:(?:once )?(?:every|each|per) ?)?(?:(?P<ordinal>{'|'.join(_ORDINALS)}) |"
    rf"(?P<count>{_COUNT})(?:st|nd|rd|th)? ?(?:(?:-|to|or) ?(?:{_COUNT}) ?)?)?"
    r"(?P<unit>[a-z]+)?$"
)
_WORD_HYPHEN = re.compile(r"(?<=[a-z])-|-(?=[a-z])")  # "every-other-week", "2-week"; not "2-3"
# "twice a year", "once per month", "3 times a year", "2x/month", "1x per week".
_TIMES = re.compile(
    rf"^(?:(?P<word>{'|'.join(CADENCE_TIMES)})|(?P<times>[0-9]+) ?(?:x|times?)) ?"
    r"(?:a|an|per|each|every|/|in a) ?(?P<unit>[a-z]+)$"
)


def days_said(value: object) -> int | None:
    """The whole number of days, 0 to MAX_DAYS, a cell or a setting says: a number (45, 45.0,
    "45", "45 days"), a span ("2 weeks", "6 wks", "every 3 months", "every other week",
    "quarter"), a word ("fortnightly", "monthly", "quarterly", "yearly") or a frequency ("twice
    a year", "once a month", "2x/month"). A month is 30 days, a quarter 91 and a year 365
    (`schema.DAYS_PER_UNIT`); a span that is not whole days is rounded down ("1.5 weeks": 10,
    "twice a year": 182), but a bare number of days must be whole. None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return _whole(float(value), 1, exact=True)
    if not isinstance(value, str):
        return None
    text = value.casefold().replace("\u2013", "-").replace("\u2014", "-")
    text = " ".join(_WORD_HYPHEN.sub(" ", text).split()).strip(" .")
    if norm_key(text) in CADENCE_WORDS:
        return CADENCE_WORDS[norm_key(text)]
    if found := _TIMES.match(text):
        unit = CADENCE_UNITS.get(found["unit"])
        times = CADENCE_TIMES[found["word"]] if found["word"] else float(found["times"])
        if unit is None or times < 1:
            return None
        return _whole(DAYS_PER_UNIT[unit] / times, 1, exact=False) or None  # not 10x a day
    if found := _EVERY.match(text):
        count, ordinal, unit = found["count"], found["ordinal"], found["unit"]
        if unit is not None and unit not in CADENCE_UNITS:
            return None
        if unit is None and (count is None or not count[0].isdigit()):
            return None  # "every", "two": no unit, and no number of days
        number = (
            _ORDINALS[ordinal]
            if ordinal
            else 1
            if count is None
            else _NUMBER_WORDS.get(count) or float(count)
        )
        days = DAYS_PER_UNIT[CADENCE_UNITS[unit]] if unit else 1
        return _whole(number, days, exact=days == 1)
    return None


def _whole(number: float, unit_days: int, exact: bool) -> int | None:
    """`number` units of `unit_days` days as whole days, 0 to MAX_DAYS, rounded down unless
    `exact`; None when it is not finite, negative, too many days, or (exact) not whole."""
    days = number * unit_days
    if not math.isfinite(days) or days < 0 or days > MAX_DAYS or (exact and days != int(days)):
        return None
    return int(days)


def cadence_days(value: object) -> int | None:
    """How often to keep in touch, in days from 1 to MAX_DAYS (`days_said`); None when the
    value says no such rhythm."""
    return days_said(value) or None


@dataclass(frozen=True)
class ParsedCadence:
    values: pd.Series  # whole days (Int64), <NA> where blank or unreadable
    bad: pd.Series  # filled cells that say no rhythm netreport can read


def parse_cadence(series: pd.Series) -> ParsedCadence:
    """Each distinct cell read once by `cadence_days`."""
    days = map_unique(series, cadence_days)
    return ParsedCadence(days.astype("Int64"), series.notna() & days.isna())
