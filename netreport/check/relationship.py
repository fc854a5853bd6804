"""Reading what the owner's own words say about a relationship.

The phrases and what they mean are data in `netreport.schema` (`RELATIONSHIP_PHRASES`,
`GO_BETWEEN_PHRASES`); this module applies them. A text is read in three passes, each setting
aside the words it used so that a later pass does not read them again:

1. negations ("never met", "not close"): they win over every other word;
2. go-betweens ("my aunt's neighbour", "Ben suggested I contact her"): they name a person in
   common, and the words inside them ("aunt") describe the go-between, not the contact;
3. the remaining words: close, known, met, someone in common, researched.

Notes are read for negations, go-betweens and meetings only: a note that mentions "her
family" says nothing about how well the owner knows her.

Every distinct text is read once; a workbook repeats the same few phrases.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from netreport.cells import spread
from netreport.schema import (
    FAMILY_WORDS,
    GO_BETWEEN_PHRASES,
    NOT_A_GO_BETWEEN,
    RELATION_NOUNS,
    RELATIONSHIP_PHRASES,
    Meaning,
)

_RULES = {meaning: re.compile(pattern, re.IGNORECASE) for meaning, pattern in RELATIONSHIP_PHRASES}
_GO_BETWEENS = tuple(re.compile(pattern) for pattern in GO_BETWEEN_PHRASES)
_POSSESSIVE = re.compile(r"\b[\w-]+'s\b")  # "a friend's party": about the friend, not them
_FAMILY = re.compile(rf"(?:{FAMILY_WORDS})", re.IGNORECASE)
_RELATION = re.compile(rf"{RELATION_NOUNS}(?: [A-Z][\w-]*)?", re.IGNORECASE)
# What notes are read for; anything else in a note is the owner's own business.
NOTE_MEANINGS = frozenset({Meaning.NOT_MET, Meaning.NOT_CLOSE, Meaning.MET})
# Every word any rule starts from: a text without one of them says nothing (most notes).
_ANY = re.compile(
    "|".join(
        f"(?:{p})".replace("(?P<who>", "(?:")
        for p in (*(p for _, p in RELATIONSHIP_PHRASES), *GO_BETWEEN_PHRASES)
    ),
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Phrase:
    """What one text says: the meanings found, the go-between named, and the words quoted."""

    meanings: frozenset[Meaning] = frozenset()
    go_between: str | None = None
    quote: str | None = None  # the owner's clauses that decided, as typed


NOTHING = Phrase()


@lru_cache(maxsize=8192)
def read_phrase(text: str, notes: bool = False) -> Phrase:
    """What `text` says about the relationship (see the module's docstring for the passes)."""
    rest = text.replace("\u2019", "'").replace("\u2018", "'")
    found: set[Meaning] = set()
    spans: list[tuple[int, int]] = []
    for meaning in (Meaning.NOT_MET, Meaning.NOT_CLOSE):
        rest = _take(_RULES[meaning], rest, meaning, found, spans)
    go_between = None
    for pattern in _GO_BETWEENS:
        for match in list(pattern.finditer(rest)):
            in_common, who = _go_between(match["who"])
            if in_common:
                go_between = go_between or who
                found.add(Meaning.IN_COMMON)
                spans.append(match.span())
                rest = _blank(rest, *match.span())
    for match in list(_POSSESSIVE.finditer(rest)):
        rest = _blank(rest, *match.span())
    rest = _take(_RULES[Meaning.IN_COMMON], rest, Meaning.IN_COMMON, found, spans)
    # Relationship words in the clause that names a person in common describe the contact
    # to that person: "my cousin said to call her friend" is my cousin's friend.
    shared = _clauses(text, spans) if Meaning.IN_COMMON in found else []
    for meaning in (Meaning.CLOSE, Meaning.MET, Meaning.KNOWN):
        rest = _take(
            _RULES[meaning], rest, meaning, found, spans, [] if meaning is Meaning.MET else shared
        )
    rest = _take(_RULES[Meaning.RESEARCHED], rest, Meaning.RESEARCHED, found, spans)
    if notes:
        found &= NOTE_MEANINGS | {Meaning.IN_COMMON}
    if not found:
        return NOTHING
    return Phrase(frozenset(found), go_between, _quote(text, spans))


def _take(
    rule: re.Pattern[str],
    text: str,
    meaning: Meaning,
    found: set[Meaning],
    spans: list[tuple[int, int]],
    ignored: Sequence[tuple[int, int]] = (),
) -> str:
    """Note `meaning` where `rule` matches `text` outside the `ignored` spans; the text with
    the matched words set aside (blanked, so that positions still point into the owner's
    text)."""
    for match in list(rule.finditer(text)):
        text = _blank(text, *match.span())
        if any(start <= match.start() and match.end() <= end for start, end in ignored):
            continue
        found.add(meaning)
        spans.append(match.span())
    return text


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


_CLAUSE = re.compile(r"[^.;,\n()]+")


def _clauses(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of the owner's clauses that hold any of `spans`."""
    return [
        m.span()
        for m in _CLAUSE.finditer(text)
        if any(start < m.end() and m.start() < end for start, end in spans)
    ]


def _quote(text: str, spans: list[tuple[int, int]]) -> str:
    """The owner's clauses that hold the deciding words, as typed."""
    clauses = (text[start:end].strip() for start, end in _clauses(text, spans))
    return "; ".join(dict.fromkeys(c for c in clauses if c))


def _go_between(who: str) -> tuple[bool, str | None]:
    """Whether the words name a person in common, and the go-between as a sentence names them
    ("my aunt", "Ben"; None for "a friend"). Not a person: "through work", "via LinkedIn",
    "she said"."""
    words = who.split()
    first = words[0].casefold()
    if first in ("my", "our"):
        relation = " ".join(words[1:])
        return (True, f"my {relation}") if _RELATION.fullmatch(relation) else (False, None)
    if first in ("a", "an"):  # "friend of a friend": someone in common, not named
        return _RELATION.fullmatch(" ".join(words[1:])) is not None, None
    if first.rstrip(".") in NOT_A_GO_BETWEEN:
        # "but Tom says": the name may follow a word the pattern took with it
        return _go_between(" ".join(words[1:])) if len(words) > 1 else (False, None)
    if _FAMILY.fullmatch(who):  # "Dad's golf buddy": through my dad
        return True, f"my {who.casefold()}"
    if not who[0].isupper():  # a name is capitalised; other lower-case words are not people
        return False, None
    return True, who


@dataclass(frozen=True)
class Reading:
    """What each row's words say, one column per fact (indexed like the contacts)."""

    not_met: pd.Series
    not_close: pd.Series
    close: pd.Series
    known: pd.Series
    met: pd.Series
    in_common: pd.Series
    researched: pd.Series
    go_between: pd.Series  # the person in common the words name, or None
    quote: pd.Series  # the owner's words that decided, or None

    def meaning(self) -> pd.Series:
        """The strongest meaning of each row's words (None where the words say nothing)."""
        picked = np.select(
            [
                self.not_met,
                self.not_close,
                self.close,
                self.met,
                self.known,
                self.in_common,
                self.researched,
            ],
            [
                Meaning.NOT_MET.value,
                Meaning.NOT_CLOSE.value,
                Meaning.CLOSE.value,
                Meaning.MET.value,
                Meaning.KNOWN.value,
                Meaning.IN_COMMON.value,
                Meaning.RESEARCHED.value,
            ],
            default="",
        )
        return pd.Series(picked, index=self.not_met.index, dtype=object).replace("", None)


def read_words(relationship: pd.Series, notes: pd.Series) -> Reading:
    """Read every row's relationship words, and its notes, into facts."""
    said = _Phrases(relationship, notes=False)
    noted = _Phrases(notes, notes=True)

    def either(meaning: Meaning) -> pd.Series:
        return said.has(meaning) | noted.has(meaning)

    go_between = said.each(lambda p: p.go_between)
    go_between = go_between.where(go_between.notna(), noted.each(lambda p: p.go_between))
    quote, noted_quote = said.each(lambda p: p.quote), noted.each(lambda p: p.quote)
    both = quote.notna() & noted_quote.notna()
    quote = quote.where(quote.notna(), noted_quote).mask(both, quote + "; " + noted_quote)
    return Reading(
        not_met=either(Meaning.NOT_MET),
        not_close=either(Meaning.NOT_CLOSE),
        close=said.has(Meaning.CLOSE),
        known=said.has(Meaning.KNOWN),
        met=either(Meaning.MET),
        in_common=either(Meaning.IN_COMMON),
        researched=said.has(Meaning.RESEARCHED),
        go_between=go_between,
        quote=quote,
    )


class _Phrases:
    """`read_phrase` of each text of a column, worked out once per distinct text."""

    def __init__(self, texts: pd.Series, notes: bool) -> None:
        self.index = texts.index
        self.codes, distinct = pd.factorize(texts.astype(object), use_na_sentinel=True)
        strings = pd.Series(distinct, dtype=object).astype(str)
        # One cheap pass first: most notes hold none of the words the rules look for.
        worth = strings.str.contains(_ANY).tolist() if len(strings) else []
        self.read = [
            read_phrase(text, notes) if hit else NOTHING
            for text, hit in zip(strings.tolist(), worth, strict=True)
        ]

    def each(self, func: Callable[[Phrase], object]) -> pd.Series:
        """`func` of each row's phrase (None for blank rows)."""
        return pd.Series(
            spread(self.codes, [func(p) for p in self.read], None), index=self.index, dtype=object
        )

    def has(self, meaning: Meaning) -> pd.Series:
        """Whether each row's text says `meaning`."""
        flags = np.array([meaning in p.meanings for p in self.read], dtype=bool)
        return pd.Series(spread(self.codes, flags, False), index=self.index, dtype=bool)
