"""The fast paths give the same report content as the straightforward code they replaced.

Each fast path (a value worked out once per distinct value, a sheet read in chunks, a template
rendered without Jinja's per-call setup, ...) has its straightforward counterpart here, as it
was written before it was made fast. The unit tests compare the two on hostile values; the
end-to-end test builds a messy workbook of a couple of thousand contacts, runs check, analyze
and history once with the fast paths and once with every one of them swapped for its
counterpart, and compares everything the reports are made from.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.paths import ROOT
from support.workbooks import write_workbook

import netreport.analysis as analysis_module
from netreport import cells as values
from netreport import identity, schema
from netreport.analysis import analyze, health, outreach, record_history
from netreport.analysis.history import history_folder
from netreport.analysis.outreach import (
    THANK_YOU,
    THANKS_ASK,
    ask_for,
    order,
    why_now,
)
from netreport.analysis.result import OutreachItem
from netreport.cells import map_unique
from netreport.check import categorize, check_workbook, relationship, validate
from netreport.days import day_month, day_month_year
from netreport.read import Column, column_letter, headers
from netreport.read import rows as read_rows
from netreport.schema import norm_key
from netreport.templating import _select, compiled, environment

# --- The straightforward counterparts -------------------------------------------------------


def plain_norm_key(text: object) -> str:
    return re.sub(r"[^0-9a-z]+", "", str(text).casefold())


def plain_map_norm_key(series: pd.Series) -> pd.Series:
    return map_unique(series, plain_norm_key)


def plain_name_keys(series: pd.Series) -> pd.Series:
    keys = [None if v is None or v != v else identity.name_key(v) for v in series]
    return pd.Series(keys, index=series.index, dtype=object)


def plain_as_text(series: pd.Series) -> pd.Series:
    def show(value: object) -> object:
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
        text = " ".join(str(value).split())
        return text or None

    return map_unique(series, show)


def plain_plainly_valid(address: str) -> bool:
    from email_validator import SPECIAL_USE_DOMAIN_NAMES

    if len(address) > 254 or not values._PLAIN_EMAIL.fullmatch(address):
        return False
    local, _, domain = address.rpartition("@")
    domain = domain.lower()
    return (
        len(local) <= 64
        and "--" not in domain
        and not any(
            domain == special or domain.endswith("." + special)
            for special in SPECIAL_USE_DOMAIN_NAMES
        )
    )


def plain_frame(rows: Iterable[list[Any]], columns: list[Column], first_row: int) -> pd.DataFrame:
    """The whole sheet as one frame, a cell at a time, each cell its own object."""
    letters = [c.letter for c in columns]
    frame = pd.DataFrame(list(rows), dtype=object)
    frame = frame.reindex(columns=range(len(letters)))
    frame.columns = pd.Index(letters)
    frame.index = pd.RangeIndex(first_row, first_row + len(frame))
    if frame.empty:
        return frame
    for letter in letters:
        kind = map_unique(frame[letter], read_rows._odd_cell)
        blank = kind.eq(read_rows.BLANK_TEXT)
        if blank.any():
            frame[letter] = frame[letter].mask(blank, None)
        unusable = kind.eq(read_rows.NOT_FINITE)
        if unusable.any():
            frame.loc[unusable, letter] = frame.loc[unusable, letter].map(str)
    return frame[frame.notna().any(axis=1)]


def plain_evident_day_first(columns: list[pd.Series]) -> bool | None:
    says_day = says_month = False
    for series in columns:
        text = (
            series[map_unique(series, values.is_str).fillna(False).astype(bool)]
            .astype(str)
            .str.strip()
        )
        if text.empty:
            continue
        parts = text.str.extract(values._NUMERIC_DATE)
        a, b = (pd.to_numeric(parts[i], errors="coerce") for i in (0, 1))
        short = parts.notna().all(axis=1) & (a <= 31)
        says_day |= bool((short & (a > 12) & (b <= 12)).any())
        says_month |= bool((short & (b > 12) & (a <= 12)).any())
    return says_day if says_day != says_month else None


def plain_match_contacts(
    log: pd.DataFrame, email_keys: pd.Series | None, people: pd.DataFrame
) -> pd.Series:
    rows = pd.Series(people.index, index=people.index)
    emails = people["email_key"]
    by_email = rows[emails.notna()].groupby(emails[emails.notna()]).min().to_dict()
    names = people["name"].map(identity.name_key)
    by_name = rows[names.notna()].groupby(names[names.notna()]).min().to_dict()
    as_email = log["contact"].map(lambda v: None if v is None else str(v).strip().lower())
    found = as_email.map(by_email).fillna(log["contact"].map(identity.name_key).map(by_name))
    if email_keys is not None:
        found = email_keys.map(by_email).fillna(found)
    return found.astype("Int64")


class PlainPhrases:
    """`relationship._Phrases` without its shortcuts: every row read on its own, no cheap
    first pass."""

    def __init__(self, texts: pd.Series, notes: bool) -> None:
        self.index = texts.index
        self.read = [
            relationship.read_phrase.__wrapped__(str(t), notes)
            if isinstance(t, str) or pd.notna(t)
            else relationship.NOTHING
            for t in texts.tolist()
        ]
        self.blank = [not (isinstance(t, str) or pd.notna(t)) for t in texts.tolist()]

    def each(self, func: Callable[[relationship.Phrase], object]) -> pd.Series:
        values = [None if b else func(p) for p, b in zip(self.read, self.blank, strict=True)]
        return pd.Series(values, index=self.index, dtype=object)

    def has(self, meaning: relationship.Meaning) -> pd.Series:
        return pd.Series([meaning in p.meanings for p in self.read], index=self.index, dtype=bool)


def every_row(frame: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """`distinct_rows` that takes every row as distinct: the row-by-row computation."""
    return np.arange(len(frame)), frame


def plain_in_target(fields: pd.Series, targets: tuple[str, ...]) -> pd.Series:
    words = [outreach._words(t) for t in targets if outreach._words(t)]
    if not words:
        return pd.Series(False, index=fields.index)
    folded = " " + map_unique(fields, outreach._words).fillna("") + " "
    pattern = "|".join(re.escape(f" {w} ") for w in words)
    return folded.str.contains(pattern, regex=True)


def plain_introduction_chains(contacts: pd.DataFrame) -> list[list[str]]:
    key = identity.name_key
    by_name: dict[str, str] = {}
    for name in contacts["name"].dropna():
        by_name.setdefault(key(name), name)  # type: ignore[arg-type]
    parent: dict[str, str] = {}
    for name, referrer in zip(contacts["name"], contacts["referrer"], strict=True):
        if name and referrer:
            parent[key(name)] = key(referrer)  # type: ignore[index,assignment]
            by_name.setdefault(key(referrer), referrer)  # type: ignore[arg-type]
    has_children = set(parent.values())
    chains = []
    for leaf in parent:
        if leaf in has_children:
            continue
        chain, seen = [leaf], {leaf}
        while chain[-1] in parent and parent[chain[-1]] not in seen:
            seen.add(parent[chain[-1]])
            chain.append(parent[chain[-1]])
        if len(chain) >= 2:
            chains.append([str(by_name[k]) for k in reversed(chain)])
    return sorted(chains, key=lambda c: (-len(c), c))


def plain_render(env: Any, names: list[str], context: dict[str, Any]) -> str:
    return str(_select(env, tuple(names)).render(**context)).strip()


def plain_build_items(
    contacts: pd.DataFrame, plan: pd.DataFrame, settings: Any, templates: Path | None = None
) -> list[OutreachItem]:
    """A pandas row and a Jinja render per item; each date formatted where it is used."""
    env = environment(templates)
    target = " or ".join(settings.target_fields)
    rows = order(contacts, plan, settings.weekly_budget)
    items = []
    people = contacts.loc[rows].to_dict("records")
    plans = plan.loc[rows].to_dict("records")
    for priority, (row, person, when) in enumerate(zip(rows, people, plans, strict=True), 1):
        when = {
            **when,
            "meeting_date": day_month(when["last_meeting"]),
            "message_date": day_month(when["last_logged"]),
            "due_date": day_month(when["next_due"]),
        }
        kind = str(when["due_kind"])
        ask = THANKS_ASK if kind == THANK_YOU else ask_for(person, settings)
        name = str(person["name"] or "")
        context = {
            "owner": settings.owner,
            "name": name,
            "first_name": name.split()[0] if name.split() else name,
            "company": person["company"],
            "title": person["title"],
            "field": person["field"],
            "category": person["category"],
            "referrer": person["referrer"] or None,
            "introduced": bool(person["introduced"]),
            "target": target,
            "in_target": bool(person["in_target"]),
            "ask": ask,
            "ask_sentence": outreach._ask_sentence(person, settings),
            "meeting_kind": str(when["last_meeting_type"] or "meeting").lower(),
            "meeting_date": when["meeting_date"],
            "message_date": when["message_date"],
            "last_contact_date": outreach._month(when["effective_last"]),
            "days_since": None if pd.isna(when["days_since"]) else int(when["days_since"]),
            "days_overdue": None if pd.isna(when["days_overdue"]) else int(when["days_overdue"]),
        }
        slug = str(person["category"]).lower()
        names = [f"drafts/{kind}-{slug}.txt.j2", f"drafts/{kind}.txt.j2"]
        subject, draft = outreach._split_subject(plain_render(env, names, context))
        overdue = int(when["days_overdue"]) if pd.notna(when["days_overdue"]) else 0
        items.append(
            OutreachItem(
                priority=priority,
                level=outreach._level(kind, overdue, bool(person["in_target"])),
                row=int(row),
                name=name,
                email=person["email"] if person["email_key"] else None,
                company=person["company"],
                field=person["field"],
                category=str(person["category"]),
                in_target=bool(person["in_target"]),
                kind=kind,
                why=why_now(kind, person, when, settings),
                ask=ask,
                subject=subject,
                draft=draft,
                due=when["next_due"].date() if pd.notna(when["next_due"]) else settings.as_of,
                days_overdue=overdue,
                referrer=person["referrer"],
            )
        )
    return items


def use_straightforward_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Swap every fast path for its counterpart, wherever it is looked up."""
    swaps: list[tuple[object, str, object]] = [
        (headers, "to_frame", plain_frame),
        (values, "as_text", plain_as_text),
        (validate, "as_text", plain_as_text),
        (validate, "parse_dates", values.parse_each_date),
        (validate, "evident_day_first", plain_evident_day_first),
        (validate, "_match_contacts", plain_match_contacts),
        (relationship, "_Phrases", PlainPhrases),
        (categorize, "distinct_rows", every_row),
        (analysis_module, "in_target", plain_in_target),
        (health, "in_target", plain_in_target),
        (analysis_module, "build_items", plain_build_items),
        (analysis_module, "introduction_chains", plain_introduction_chains),
    ]
    for module in (validate, health):
        swaps.append((module, "map_norm_key", plain_map_norm_key))
    for module in (validate, identity, health):  # identity's keys one name at a time
        swaps.append((module, "name_keys", plain_name_keys))
    for module, name, plain in swaps:
        monkeypatch.setattr(module, name, plain)


# --- Unit equivalences ------------------------------------------------------------------------

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["Ann Lee", "ΣΟΦΙΑ Σ", "Straße", "İstanbul", "ﬁnance", "a\0b", "", "  ", "O'Brien-Smith"]
)


@given(TEXT)
def test_norm_key_is_the_pattern(text: str) -> None:
    assert norm_key(text) == plain_norm_key(text)


@given(st.lists(TEXT, max_size=20))
def test_norm_keys_fold_all_at_once_as_each_alone(texts: list[str]) -> None:
    assert schema.norm_keys(texts) == [plain_norm_key(t) for t in texts]


def test_map_norm_key_is_map_unique() -> None:
    series = pd.Series(["Ann  Lee", None, "ann lee", 1.0, True, 1, "Zoë", np.nan, "Ann  Lee"])
    pd.testing.assert_series_equal(values.map_norm_key(series), plain_map_norm_key(series))


@given(st.lists(TEXT | st.sampled_from(["Lee, Ann", "Dr. Roe", "Ann (Annie) Lee", "a\nb"])))
def test_name_keys_fold_all_at_once_as_each_alone(texts: list[str]) -> None:
    series = pd.Series(texts, dtype=object)
    assert identity.name_keys(series).tolist() == plain_name_keys(series).tolist()


def test_as_text_keeps_the_cell_object_and_the_text() -> None:
    cells = ["  padded ", "two  spaces", "plain", " ", "", None, np.nan, True, 5551234.0, 2.5]
    cells += [dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 1, 9, 30), dt.date(2026, 3, 2), 7]
    series = pd.Series(cells, dtype=object)
    fast = values.as_text(series)
    pd.testing.assert_series_equal(fast, plain_as_text(series))
    assert fast[2] is cells[2]  # an unchanged cell is the same object, not a copy


SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2003", "\x1c", "\x00", "\r\n"])


@given(st.lists(st.lists(TEXT | SPACES, max_size=4).map("".join), max_size=12))
def test_as_text_of_texts_is_each_text_shown(texts: list[str]) -> None:
    """Columns of text only take the one-search path: the same as each cell shown alone."""
    series = pd.Series(texts, dtype=object)
    pd.testing.assert_series_equal(values.as_text(series), plain_as_text(series))


@pytest.mark.parametrize("extra", [None, "corp"])
def test_plainly_valid_is_the_formula(monkeypatch: pytest.MonkeyPatch, extra: str | None) -> None:
    import email_validator

    if extra:  # the library's list may be changed by its user
        names = [*email_validator.SPECIAL_USE_DOMAIN_NAMES, extra]
        monkeypatch.setattr(email_validator, "SPECIAL_USE_DOMAIN_NAMES", names)
    addresses = [
        "ann@example.com",
        "a.b+c@mail.example.co.uk",
        "x@localhost",
        "x@host.local",
        "x@my.test",
        "x@test.com",
        "x@onion",
        "x@a.onion",
        "x@xn--bcher-kva.example",
        "x@acme.corp",
        "x@corp.com",
        "no-at-sign",
        "a" * 65 + "@example.com",
    ]
    for address in addresses:
        assert values.plainly_valid(address) == plain_plainly_valid(address), address


DATE_CELLS = [
    dt.datetime(2026, 10, 3),
    dt.datetime(2026, 10, 3, 14, 5),
    dt.date(2026, 10, 3),
    pd.Timestamp("2026-10-03"),
    dt.datetime(9999, 12, 31),
    "2026-10-03",
    " 3/4/2026 ",
    "04/03/26",
    "3 Oct 2026",
    "Oct 3rd, 2026",
    "Sept. 3 2026",
    "20261003",
    "soon",
    "",
    45000.0,
    True,
    None,
    np.nan,
]


@pytest.mark.parametrize("extra", [[], ["13/4/2026"], ["4/13/2026"], ["13/4/2026", "4/13/2026"]])
@pytest.mark.parametrize("day_first", [None, True, False])
def test_dates_parsed_once_each_as_cell_by_cell(extra: list[str], day_first: bool | None) -> None:
    cells = (DATE_CELLS + extra) * 3
    series = pd.Series(cells, index=range(7, 7 + len(cells)), dtype=object)
    fast, plain = values.parse_dates(series, day_first), values.parse_each_date(series, day_first)
    pd.testing.assert_series_equal(fast.values, plain.values)
    pd.testing.assert_series_equal(fast.bad, plain.bad)
    pd.testing.assert_series_equal(fast.ambiguous, plain.ambiguous)
    assert fast.day_first == plain.day_first
    columns = [series, pd.Series(extra * 2, dtype=object)]
    assert values.evident_day_first(columns) == plain_evident_day_first(columns)


def test_dates_of_an_empty_or_blank_column() -> None:
    for series in (pd.Series([], dtype=object), pd.Series([None, np.nan], dtype=object)):
        fast, plain = values.parse_dates(series, None), values.parse_each_date(series, None)
        pd.testing.assert_series_equal(fast.values, plain.values)
        pd.testing.assert_series_equal(fast.bad, plain.bad)


def test_first_meeting_dates_in_words_once_each() -> None:
    dates = pd.Series(pd.to_datetime(["2026-03-01", None, "2026-11-23", "2026-03-01"]))
    fast = map_unique(dates, day_month_year).fillna("")
    plain = dates.dt.strftime("%d %b %Y").str.lstrip("0").fillna("")
    assert fast.tolist() == plain.tolist()


CELLS = ["a", " ", "", None, 1.0, 1, True, "1", float("inf"), float("-inf"), dt.date(2026, 1, 2)]
CELLS += [dt.datetime(2026, 1, 2), dt.datetime(2026, 1, 2, 8), "Zoë", "a", 2.5, False, 0]


@pytest.mark.parametrize("chunk", [1, 4, 1000])
@pytest.mark.parametrize("width", [0, 1, 3])
def test_sheet_read_in_chunks_as_in_one_piece(
    monkeypatch: pytest.MonkeyPatch, chunk: int, width: int
) -> None:
    rng = random.Random(width * 1000 + chunk)
    monkeypatch.setattr(read_rows, "CHUNK_ROWS", chunk)
    columns = [Column(column_letter(i), f"h{i}", None) for i in range(width)]
    for count in (0, 1, 37):
        rows = [[rng.choice(CELLS) for _ in range(3)] for _ in range(count)]
        fast, plain = read_rows.to_frame(iter(rows), columns, 4), plain_frame(rows, columns, 4)
        pd.testing.assert_frame_equal(fast, plain, check_exact=True)
        # Equal is not enough: 1, 1.0 and True are equal, and must stay what they were.
        assert fast.map(type).equals(plain.map(type))


@pytest.mark.parametrize("corner", ["A1", "C4", "A3", "B1"])
def test_sheet_rows_read_one_by_one_as_all_at_once(tmp_path: Path, corner: str) -> None:
    import openpyxl
    from python_calamine import CalamineWorkbook

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    top = sheet[corner]
    grid = [["Name", "Email", None], [], *([["Ann", 1.5, dt.date(2026, 1, 2)]] * 30)]
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            sheet.cell(top.row + r, top.column + c, value)
    book.save(tmp_path / "x.xlsx")
    opened = CalamineWorkbook.from_path(str(tmp_path / "x.xlsx")).get_sheet_by_name("Contacts")
    rows = read_rows.SheetRows.of(opened)
    everything_at_once = opened.to_python(skip_empty_area=False)
    assert len(everything_at_once) > len(rows.head)
    assert [*rows.head, *rows.take_from(len(rows.head))] == everything_at_once
    assert list(rows.take_from(0)) == rows.head  # the rest of a sheet is taken once


def test_compiled_templates_render_as_jinja_does(tmp_path: Path) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "follow-up.txt.j2").write_text(
        "Subject: {{ name }}\n{% set ns = namespace(n=0) %}{% for i in range(3) %}"
        "{% set ns.n = ns.n + i %}{% endfor %}{{ ns.n }} {{ cycler('a', 'b').next() }}"
        "{% if days_since %} {{ days_since }} days{% endif %}"
    )
    context = {
        "owner": "Robin",
        "name": "Ann Lee",
        "first_name": "Ann",
        "company": "Acme & Sons <b>",
        "title": None,
        "field": "Finance",
        "category": "Warm",
        "referrer": None,
        "introduced": False,
        "target": "Finance or Data Science",
        "in_target": True,
        "ask": "Ask",
        "ask_sentence": "Could we talk?",
        "meeting_kind": "meeting",
        "meeting_date": "3 Oct",
        "message_date": "",
        "last_contact_date": "October 2026",
        "days_since": 12,
        "days_overdue": 0,
    }
    for folder in (None, tmp_path):
        env = environment(folder)
        for template in sorted((ROOT / "templates/drafts").iterdir()):
            names = [f"drafts/{template.name}"]
            assert compiled(env, names)(context) == plain_render(env, names, context)
            # A context is the globals plus the variables, never changed by a render.
            assert compiled(env, names)({**context, "range": range}) == plain_render(
                env, names, {**context, "range": range}
            )


# --- End to end -------------------------------------------------------------------------------

FIRST = ["Ann", "Bob", "Chen", "Zoë", "José", "Ólafur", "Sam", "Priya", "  Lee ", "ΣΟΦΙΑ"]
LAST = ["Lee", "Okafor", "Núñez", "Park", "O'Brien", "Smith-Jones", "Nguyen"]
COMPANIES = ["Acme", "acme ", "Acme  Corp", "Globex", "Initech", "Umbrella", None, "  "]
FIELDS = ["Finance", "finance / banking", "Data Science", "IT Services", "Retail", None]
WORDS = [
    "friend of a friend",
    "former colleague",
    "classmate (close)",
    "my aunt",
    "cold email",
    "introduced by Sam",
    "conference",
    "mentor",
    None,
    "  ",
]
MET = ["Yes", "no", True, False, 1, 0, "maybe", None, "Y", "x"]
CLOSENESS = ["high", "Low", "5", 2, "close", None, "medium"]
CATEGORY = [None] * 6 + ["warm", "Cool", "lukewarm", "hot", "freezing", "Cold"]
STATUS = [None] * 8 + ["Do not contact", "Paused", "Interviewing", "Active"]
LINKS = [None, None, "linkedin.com/in/ann", "https://example.com/x", "javascript:alert(1)"]
CHANNELS = ["Email", "phone", "In person", "Zoom", "LinkedIn", None, "Video call"]
TYPES = ["Meeting", "Call", "Message sent", "Thank-you sent", "Informational interview"]
TYPES += ["Shadowing", "Reply received", "coffee", None]
AS_OF = dt.date(2026, 11, 23)


def a_date(rng: random.Random, around: dt.date) -> object:
    """A date as people leave them: mostly real, some typed, some wrong, some blank."""
    day = around - dt.timedelta(days=rng.randint(-20, 400))
    return rng.choice(
        [
            dt.datetime.combine(day, dt.time()),
            dt.datetime.combine(day, dt.time()),
            dt.datetime.combine(day, dt.time()),
            f"{day.day}/{day.month}/{day.year}",
            f"{day.month}/{day.day}/{day.year % 100:02d}",
            f"{day.day} {day:%b %Y}",
            day.isoformat(),
            "soon",
            dt.datetime(9999, 12, 31),
            None,
            None,
        ]
    )


def messy_network(directory: Path, contacts: int = 1500, seed: int = 6) -> Path:
    rng = random.Random(seed)
    people: list[list[object]] = [
        [
            "Name",
            "Email",
            "Phone",
            "Company",
            "Job Title",
            "Field",
            "How I know them",
            "Met?",
            "Closeness",
            "Introduced By",
            "Where found",
            "Category",
            "Last Contact",
            "Follow up on",
            "Added",
            "Status",
            "LinkedIn",
            "Website",
            "Notes",
            "Favourite coffee",
        ]
    ]
    names = []
    for i in range(contacts):
        repeat = names and rng.random() < 0.03  # a person entered twice
        name = rng.choice(names) if repeat else f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        if rng.random() < 0.02:
            name = rng.choice([None, "   "])
        names.append(name) if name and name.strip() else None
        first = str(name or "x").split()[0].casefold() if name and name.strip() else "x"
        email = rng.choice(
            [f"{first}.{i}@example{i % 13}.com"] * 6
            + [f"{first.upper()}.{i - 1}@Example{(i - 1) % 13}.com", "not-an-email@", None]
            + ["x@localhost", "  ann@example.com  "]
        )
        people.append(
            [
                name,
                email,
                rng.choice([5551234.0, "+1 555 0100", None, None]),
                rng.choice(COMPANIES),
                rng.choice(["Analyst", None, "VP, Data"]),
                rng.choice(FIELDS),
                rng.choice(WORDS),
                rng.choice(MET),
                rng.choice(CLOSENESS),
                rng.choice([None, None, None, rng.choice(names) if names else None, "Aunt Maria"]),
                rng.choice([None, None, "LinkedIn search", "Career fair"]),
                rng.choice(CATEGORY),
                a_date(rng, AS_OF),
                a_date(rng, AS_OF + dt.timedelta(days=30)) if rng.random() < 0.2 else None,
                a_date(rng, AS_OF - dt.timedelta(days=100)),
                rng.choice(STATUS),
                rng.choice(LINKS),
                rng.choice([None, None, "www.example.org/me", "ftp://old.example"]),
                rng.choice([None, "Met at the mixer.", "  "]),
                rng.choice([None, "espresso", 1, 1.0, True, "1"]),
            ]
        )
    log: list[list[object]] = [["Date", "Contact", "Email", "Channel", "Type", "Notes"]]
    for _ in range(contacts * 4):
        name = rng.choice(names)
        shown = rng.choice([name, name.upper(), f"  {name}", "Someone Unknown", None])
        log.append(
            [
                a_date(rng, AS_OF),
                shown,
                rng.choice([None, None, None, "ann.1@example1.com", "nobody@example.com"]),
                rng.choice(CHANNELS),
                rng.choice(TYPES),
                rng.choice([None, "Talked about openings."]),
            ]
        )
    settings = [
        ["Owner name", "Robin Vale"],
        ["Target fields", "Finance, Data Science"],
        ["Weekly budget", 25],
    ]
    return write_workbook(directory, people, log, settings, title_rows=2)


def everything(path: Path, out: Path) -> list[dict[str, Any]]:
    """What the reports are made from, for two report days (the second compares with the
    first), and the history files written."""
    runs = []
    for as_of in (AS_OF, AS_OF + dt.timedelta(days=14)):
        checked = check_workbook(path, as_of=as_of)
        folder = history_folder(out, path.stem)
        result = analyze(checked, history_dir=folder)
        record_history(result, folder)
        source = checked.source
        runs.append(
            {
                "tables": [
                    (t.sheet, t.header_row, t.columns, t.frame, t.frame.map(type))
                    for t in (source.contacts, source.interactions, source.settings)
                    if t is not None
                ],
                "contacts": result.contacts,
                "interactions": checked.interactions,
                "issues": checked.issues,
                "settings": checked.settings,
                "outreach": result.outreach,
                "health": result.health,
                "paths": result.paths,
                "chains": result.chains,
                "changes": result.changes,
                "history": {p.name: p.read_bytes() for p in sorted(folder.iterdir())},
            }
        )
    return runs


def assert_same(fast: Any, plain: Any, where: str = "") -> None:
    if isinstance(fast, pd.DataFrame):
        pd.testing.assert_frame_equal(fast, plain, check_exact=True, obj=where)
    elif isinstance(fast, Mapping):
        assert fast.keys() == plain.keys(), where
        for key in fast:
            assert_same(fast[key], plain[key], f"{where}.{key}")
    elif isinstance(fast, list | tuple):
        assert len(fast) == len(plain), where
        for i, (a, b) in enumerate(zip(fast, plain, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    else:
        assert fast == plain, where


def test_fast_and_straightforward_paths_make_the_same_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = messy_network(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(read_rows, "CHUNK_ROWS", 500)  # several chunks per sheet
        fast = everything(path, tmp_path / "fast")
    use_straightforward_paths(monkeypatch)
    plain = everything(path, tmp_path / "plain")
    assert fast[0]["outreach"] and fast[1]["changes"].previous_as_of == AS_OF  # a real test
    assert fast[0]["chains"] and fast[0]["paths"]
    assert {i.code for i in fast[0]["issues"]} >= {"invalid-date", "duplicate-contact"}
    for run, (a, b) in enumerate(zip(fast, plain, strict=True)):
        assert_same(a, b, f"run {run}")


def test_history_from_the_analysis_snapshot_as_made_afresh(tmp_path: Path) -> None:
    path = messy_network(tmp_path, contacts=300)
    checked = check_workbook(path, as_of=AS_OF)
    result = analyze(checked)
    kept = result.snapshot
    assert kept is not None
    record_history(result, tmp_path / "kept")
    result.snapshot = None  # as a copy made with dataclasses.replace has it
    record_history(result, tmp_path / "fresh")
    for name in ("runs.csv", f"contacts-{AS_OF.isoformat()}.csv"):
        assert (tmp_path / "kept" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes()


def test_garbage_collector_paused_only_while_a_stage_runs(tmp_path: Path) -> None:
    import gc

    from netreport.memory import paused_gc

    path = messy_network(tmp_path, contacts=50)
    assert gc.isenabled()
    analyze(check_workbook(path, as_of=AS_OF))
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc(), paused_gc():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()


def plain_wrapped_lines(values: pd.Series, width: float) -> np.ndarray:
    """Each value's lines, one value at a time: each line of its text takes its characters
    divided by the width, rounded up (an empty line, one)."""
    per_line = max(1, int(width))
    return np.array(
        [
            1.0
            if v is None or (isinstance(v, float) and np.isnan(v))
            else float(
                sum(max(1, -(-max(len(line), 1) // per_line)) for line in str(v).split("\n"))
            )
            for v in values.tolist()
        ]
    )


@given(
    st.lists(
        st.one_of(st.none(), st.text(alphabet="ab \n", max_size=60), st.floats()), max_size=30
    ),
    st.integers(1, 40),
)
def test_wrapped_lines_once_per_distinct_text(values: list[Any], width: int) -> None:
    from netreport.render.xlsx_styles import wrapped_lines

    series = pd.Series(values, dtype=object, index=range(7, 7 + len(values)))
    assert wrapped_lines(series, width).tolist() == plain_wrapped_lines(series, width).tolist()
