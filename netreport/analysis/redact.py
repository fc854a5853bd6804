"""A copy of the analysis that is safe to share with a coach or a job-search group.

People appear by first name and last initial ("Ann Lee" -> "Ann L."); email addresses, phone
numbers, notes, links, relationship words, draft messages and the user's own extra columns
are left out; figures, categories, companies, fields, dates and why-now stay. Every renderer
then writes the redacted copy exactly as it writes the full one, so nothing can leak through
a renderer that forgot to redact.
"""

from __future__ import annotations

import re
from dataclasses import replace
from string import Formatter
from typing import Any

import pandas as pd

from netreport.analysis.result import Analysis, Changes, IntroPath, OutreachItem
from netreport.cells import map_unique
from netreport.identity import short_name
from netreport.issues import MESSAGES, Issue
from netreport.read import Table

# The user's columns that the redacted Contacts sheet keeps; names are shortened.
KEPT_FIELDS = frozenset(
    {
        "name",
        "first_name",
        "last_name",
        "company",
        "title",
        "field",
        "met",
        "closeness",
        "referrer",
        "category",
        "last_contact",
        "follow_up",
        "added",
        "status",
    }
)
NAME_FIELDS = frozenset({"name", "referrer"})
HIDDEN = "…"
_WORD = re.compile(r"[\w'\u2019-]+")


class _Scrubber:
    """Replaces every known full name in a text with its short form.

    Looks at each run of two to four words (case and spacing ignored), so the cost grows
    with the text, not with the number of people in the network."""

    def __init__(self, names: pd.Series) -> None:
        self.known = {
            _fold(n): short_name(n) for n in names.dropna().unique() if len(str(n).split()) >= 2
        }

    def __call__(self, text: object) -> Any:
        if not isinstance(text, str) or not self.known:
            return text
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        pieces, done, i = [], 0, 0
        while i < len(words):
            for n in (4, 3, 2):
                if i + n <= len(words):
                    start, end = words[i][0], words[i + n - 1][1]
                    short = self.known.get(_fold(text[start:end]))
                    if short is not None:
                        if text.startswith(".", end):  # "... García." -> "... G." not "G.."
                            short = short.removesuffix(".")
                        pieces += [text[done:start], short]
                        done, i = end, i + n
                        break
            else:
                i += 1
        return "".join([*pieces, text[done:]])


def _fold(name: object) -> str:
    return " ".join(str(name).split()).casefold()


def redacted(analysis: Analysis) -> Analysis:
    """A redacted copy of `analysis`; the original is not changed."""
    people = analysis.contacts
    scrub = _Scrubber(pd.concat([people["name"], people["referrer"]], ignore_index=True))
    contacts = people.copy()
    contacts["name"] = map_unique(people["name"], short_name)
    contacts["referrer"] = map_unique(people["referrer"], short_name)
    for column in (
        "email",
        "email_key",
        "phone",
        "notes",
        "linkedin",
        "website",
        "relationship",
        "quote",
        "source",
    ):
        contacts[column] = None
    contacts["reason"] = map_unique(_without_private_words(people), scrub)
    checked = replace(
        analysis.checked,
        source=replace(analysis.checked.source, contacts=_table(analysis.checked.source.contacts)),
        contacts=contacts,
        issues=[_issue(i) for i in analysis.checked.issues],
    )
    health = replace(
        analysis.health,
        top_connectors=[(short_name(n), k) for n, k in analysis.health.top_connectors],
        findings=[scrub(f) for f in analysis.health.findings],
    )
    return replace(
        analysis,
        checked=checked,
        contacts=contacts,
        outreach=[_item(i, scrub) for i in analysis.outreach],
        health=health,
        paths=[_path(p) for p in analysis.paths],
        chains=[[short_name(n) for n in chain] for chain in analysis.chains],
        changes=_changes(analysis.changes),
        redacted=True,
    )


def _without_private_words(people: pd.DataFrame) -> pd.Series:
    """Each reason without the words it quotes from the row: the relationship or notes ("(college
    roommate)") and where a Cold contact was found ("found via <source>")."""
    reasons = []
    for reason, relationship, quote, source in zip(
        people["reason"], people["relationship"], people["quote"], people["source"], strict=True
    ):
        if isinstance(reason, str):
            for words in (quote, relationship):
                if isinstance(words, str) and words:
                    reason = reason.replace(f" ({words})", "")
            if isinstance(source, str) and source:
                reason = reason.replace(f"found via {source}", "found by research")
        reasons.append(reason)
    return pd.Series(reasons, index=people.index, dtype=object)


def _table(table: Table | None) -> Table | None:
    """The user's Contacts table with only the kept columns, names shortened."""
    if table is None:
        return None
    columns = tuple(c for c in table.columns if c.field in KEPT_FIELDS)
    frame = table.frame[[c.letter for c in columns]].copy()
    for column in columns:
        if column.field in NAME_FIELDS:
            frame[column.letter] = map_unique(frame[column.letter], short_name)
        elif column.field == "last_name":
            frame[column.letter] = map_unique(
                frame[column.letter], lambda v: f"{str(v).strip()[:1]}."
            )
    return Table(table.sheet, table.header_row, columns, frame)


def _item(item: OutreachItem, scrub: _Scrubber) -> OutreachItem:
    return replace(
        item,
        name=short_name(item.name),
        email=None,
        subject="",
        draft="",
        why=scrub(item.why),
        ask=scrub(item.ask),
        referrer=short_name(item.referrer) if item.referrer else None,
    )


def _path(path: IntroPath) -> IntroPath:
    return replace(
        path, name=short_name(path.name), via=[(short_name(n), c, why) for n, c, why in path.via]
    )


def _changes(changes: Changes | None) -> Changes | None:
    if changes is None:
        return None
    return replace(
        changes,
        new=[short_name(n) for n in changes.new],
        removed=[short_name(n) for n in changes.removed],
        moves=[(short_name(n), a, b) for n, a, b in changes.moves],
        completed=[short_name(n) for n in changes.completed],
    )


class _Blanks(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return HIDDEN


def _issue(issue: Issue) -> Issue:
    """The issue without the value or anything taken from the row: its code, place and kind."""
    entry = MESSAGES[issue.code]
    fill = _Blanks(did_you_mean="")
    return replace(
        issue,
        value=None,
        message=Formatter().vformat(entry.message, (), fill),
        hint=Formatter().vformat(entry.hint, (), fill),
    )
