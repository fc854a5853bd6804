"""Reading what the owner's own words say about a relationship.

The phrases and what they mean are data in `netreport.schema` (`RELATIONSHIP_PHRASES`,
`GO_BETWEEN_PHRASES`); this module applies them. A text is read in passes, each setting aside
the words it used so that a later pass does not read them again:

1. negations ("never met", "not close", "no mutual connections"): they win over other words;
2. go-betweens ("my aunt's neighbour", "Ben suggested I contact her"): they name a person in
   common, and the relationship words in the same clause ("aunt", "her friend") describe the
   contact to the go-between, not to the owner;
3. the remaining words: close, family or friend, met, known, someone in common, researched.

Notes are read for negations, go-betweens, meetings and plain statements of closeness
("close", "known her for years") only: a note that mentions "her family" or "her manager"
says nothing about how the owner knows her. A word one slip from the vocabulary ("freind")
is read as the word it was meant to be.

Every distinct text is read once; a workbook repeats the same few phrases.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import pandas as pd
import re2
from rapidfuzz import process
from rapidfuzz.distance import OSA

from netreport.cells import spread
from netreport.schema import (
    FAMILY_WORDS,
    GO_BETWEEN_PHRASES,
    NOT_A_GO_BETWEEN,
    RELATION_ADJECTIVES,
    RELATION_NOUNS,
    RELATIONSHIP_PHRASES,
    RELATIONSHIP_SLANG,
    RELATIONSHIP_VOCABULARY,
    Meaning,
)

_RULES = {meaning: re.compile(pattern, re.IGNORECASE) for meaning, pattern in RELATIONSHIP_PHRASES}
_GO_BETWEENS = tuple((re.compile(pattern), sent) for pattern, sent in GO_BETWEEN_PHRASES)
_POSSESSIVE = re.compile(r"\b[\w-]+'s\b")  # "a friend's party": about the friend, not them
_FAMILY = re.compile(rf"(?:{FAMILY_WORDS})", re.IGNORECASE)
_RELATION = re.compile(rf"{RELATION_ADJECTIVES}{RELATION_NOUNS}(?: [A-Z][\w-]*)?", re.IGNORECASE)
_SENT = re.compile(r"referr|recommend|suggest|introduc|\bintro", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]{2,}")
_VOCABULARY = frozenset(RELATIONSHIP_VOCABULARY)
# What notes are read for; anything else in a note is the owner's own business.
NOTE_MEANINGS = frozenset(
    {
        Meaning.NOT_MET,
        Meaning.NOT_CLOSE,
        Meaning.NO_ONE_IN_COMMON,
        Meaning.CLOSE,
        Meaning.ACQUAINTED,
        Meaning.MET,
        Meaning.IN_COMMON,
    }
)


def _possible(text: str) -> frozenset[int]:
    """The numbers of the rules (then of the go-between phrases) that can match `text`: by the
    screen, once SCREEN_AFTER texts have been read; before that every rule, since building the
    screen takes longer than reading a few hundred texts rule by rule (a small workbook)."""
    if next(_texts_read) < SCREEN_AFTER:
        return _EVERY_RULE
    return frozenset(_screen().Match(text) or ())  # None when nothing matches


_texts_read = itertools.count()


@cache
def _screen() -> re2.Set:
    """Every rule in one RE2 set, loosened to what RE2 reads (no lookarounds, no case): a
    superset of each rule, matched in one linear pass, that says which rules can match a
    text at all. Python's re then runs only those: most notes match none, and a text rarely
    more than two (100,000 distinct notes cost seconds rule by rule, a fraction of that so)."""
    options = re2.Options()
    options.case_sensitive = False
    screen = re2.Set.SearchSet(options)
    for pattern in (*(p for _, p in RELATIONSHIP_PHRASES), *(p for p, _ in GO_BETWEEN_PHRASES)):
        screen.Add(_loosened(pattern))
    screen.Compile()
    return screen


def _loosened(pattern: str) -> str:
    r"""`pattern` as RE2 reads it, matching at least what it matches: lookarounds dropped;
    and since RE2's `\w` and `\b` know only ASCII, `\w` spelled as Unicode letters, digits
    and `_` ("Zoë's colleague"), and `\b` dropped."""
    pattern = _LOOKAROUND.sub("", pattern).replace("(?P<who>", "(")
    pattern = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), pattern)
    out: list[str] = []
    in_class, i = False, 0
    while i < len(pattern):
        if pattern[i] == "\\":
            escape = pattern[i : i + 2]
            if escape == r"\w":
                out.append(r"\pL\pN_" if in_class else r"[\pL\pN_]")
            elif escape != r"\b":
                out.append(escape)
            i += 2
            continue
        if pattern[i] == "[":
            in_class = True
        elif pattern[i] == "]":
            in_class = False
        out.append(pattern[i])
        i += 1
    return "".join(out)


_LOOKAROUND = re.compile(r"\(\?<?[!=](?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)")
_RULE_NUMBER = {meaning: n for n, (meaning, _) in enumerate(RELATIONSHIP_PHRASES)}
_EVERY_RULE = frozenset(range(len(RELATIONSHIP_PHRASES) + len(GO_BETWEEN_PHRASES)))
SCREEN_AFTER = 1_000  # texts read rule by rule before the screen is built (see `_possible`)
_GO_BETWEEN_NUMBERS = range(
    len(RELATIONSHIP_PHRASES), len(RELATIONSHIP_PHRASES) + len(_GO_BETWEENS)
)


@dataclass(frozen=True)
class Phrase:
    """What one text says: the meanings found, the go-between named, and the words quoted."""

    meanings: frozenset[Meaning] = frozenset()
    go_between: str | None = None
    sent: bool = False  # the words say someone sent the owner ("Ben suggested I contact her")
    quote: str | None = None  # the owner's clauses that decided, as typed


NOTHING = Phrase()


@lru_cache(maxsize=8192)
def read_phrase(text: str, notes: bool = False) -> Phrase:
    """What `text` says about the relationship (see the module's docstring for the passes)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    rest = text if notes else _spelled_right(text)
    possible = _possible(rest)
    if not possible:
        return NOTHING
    found: set[Meaning] = set()
    spans: list[tuple[int, int]] = []

    def take(meaning: Meaning, text: str, ignored: Sequence[tuple[int, int]] = ()) -> str:
        if _RULE_NUMBER[meaning] not in possible or (notes and meaning not in NOTE_MEANINGS):
            return text
        return _take(_RULES[meaning], text, meaning, found, spans, ignored)

    for meaning in (Meaning.NOT_MET, Meaning.NOT_CLOSE, Meaning.NO_ONE_IN_COMMON):
        rest = take(meaning, rest)
    go_between, sent = None, False
    for number, (pattern, sends) in zip(_GO_BETWEEN_NUMBERS, _GO_BETWEENS, strict=True):
        if number not in possible:
            continue
        position = 0
        while match := pattern.search(rest, position):
            in_common, who = _go_between(match["who"])
            if not in_common:  # "she's my cousin's friend": try again after "she"
                position = match.start() + 1
                continue
            go_between = go_between or who
            sent = sent or sends or bool(_SENT.search(match[0]))
            found.add(Meaning.IN_COMMON)
            spans.append(match.span())
            rest = _blank(rest, *match.span())
            position = match.end()
    for match in list(_POSSESSIVE.finditer(rest)):
        rest = _blank(rest, *match.span())
    if _RULE_NUMBER[Meaning.IN_COMMON] in possible:
        in_common_words = _RULES[Meaning.IN_COMMON].search(rest)
        sent = sent or bool(in_common_words and _SENT.search(in_common_words[0]))
        rest = take(Meaning.IN_COMMON, rest)
    # Relationship words in the clause that names a person in common describe the contact
    # to that person: "my cousin said to call her friend" is my cousin's friend.
    shared = _clauses(text, spans) if Meaning.IN_COMMON in found else []
    for meaning in (
        Meaning.CLOSE,
        Meaning.FAMILY_OR_FRIEND,
        Meaning.ACQUAINTED,
        Meaning.MET,
        Meaning.KNOWN,
    ):
        ignored = shared if meaning in (Meaning.FAMILY_OR_FRIEND, Meaning.KNOWN) else []
        rest = take(meaning, rest, ignored)
    rest = take(Meaning.RESEARCHED, rest)
    if not found:
        return NOTHING
    return Phrase(frozenset(found), go_between, sent, _quote(text, spans))


def _spelled_right(text: str) -> str:
    """`text` with each short form ("cuz") and each word one slip from a relationship word
    ("freind", "colleage", "nieghbor") replaced by that word. Inflections are left alone:
    "manages" is not a misspelt "manager"."""

    def mend(match: re.Match[str]) -> str:
        word = match[0]
        folded = word.casefold()
        if folded in RELATIONSHIP_SLANG:
            return RELATIONSHIP_SLANG[folded]
        if folded in _VOCABULARY or len(folded) < 5:
            return word
        best = process.extractOne(
            folded, RELATIONSHIP_VOCABULARY, scorer=OSA.distance, score_cutoff=1
        )
        if best is None:
            return word
        meant = best[0]
        if folded[:-1] == meant[:-1] or folded.rstrip("s") == meant:  # another ending
            return word
        return meant

    return _WORD.sub(mend, text)


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


# A clause runs to a comma, semicolon, line end or full stop, but not the stop of a title
# ("Prof. Chen intro").
_CLAUSE = re.compile(r"(?:[^.;,\n]|(?<=Dr)\.|(?<=Mr)\.|(?<=Ms)\.|(?<=Mrs)\.|(?<=Prof)\.)+")


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
        if _RELATION.fullmatch(relation):  # "my sister", "my brother Tom": the name as typed
            named = words[2:] if len(words) > 2 and words[2][:1].isupper() else []
            return True, " ".join(
                ["my", *(w.casefold() for w in words[1 : len(words) - len(named)]), *named]
            )
        return (
            (True, f"my {words[1].casefold()}") if _RELATION.fullmatch(words[1]) else (False, None)
        )
    if first in ("a", "an"):  # "friend of a friend": someone in common, not named
        return _RELATION.fullmatch(" ".join(words[1:])) is not None, None
    if first.rstrip(".") in NOT_A_GO_BETWEEN:
        # "but Tom says": the name may follow a word the pattern took with it
        return _go_between(" ".join(words[1:])) if len(words) > 1 else (False, None)
    if (_RELATION.fullmatch(who) and not who[0].isupper()) or _FAMILY.fullmatch(who):
        return True, f"my {who.casefold()}"  # "Dad's golf buddy", "boyfriend's sister"
    if not who[0].isupper():  # a name is capitalised; other lower-case words are not people
        return False, None
    return True, who


@dataclass(frozen=True)
class Reading:
    """What each row's words say (relationship columns and notes), one column per fact,
    indexed like the contacts."""

    facts: dict[Meaning, pd.Series]  # the relationship words', or the notes' where they count
    said_acquainted: pd.Series  # the relationship words say met, not close ("former colleague")
    go_between: pd.Series  # the person in common the words name, or None
    sent: pd.Series  # the words say the go-between sent the owner ("Ben suggested ...")
    quote: pd.Series  # the owner's words that decided, or None

    # Strongest first. Met-not-close words in the relationship columns outrank a work tie
    # ("former manager"); in the notes they do not ("mentor", with "met once for lunch" in a
    # note), but still say the owner has met the person, as words of a meeting do.
    RANKS = (
        Meaning.NOT_MET,
        Meaning.NOT_CLOSE,
        Meaning.NO_ONE_IN_COMMON,
        Meaning.CLOSE,
        Meaning.FAMILY_OR_FRIEND,
        "said acquainted",
        Meaning.KNOWN,
        Meaning.ACQUAINTED,
        Meaning.MET,
        Meaning.IN_COMMON,
        Meaning.RESEARCHED,
    )

    def meaning(self) -> pd.Series:
        """The strongest meaning of each row's words (None where the words say nothing)."""
        said = "said acquainted"
        conditions = [
            self.said_acquainted if r == said else self.facts[Meaning(r)] for r in self.RANKS
        ]
        values = [Meaning.ACQUAINTED.value if r == said else Meaning(r).value for r in self.RANKS]
        picked = np.select(conditions, values, default="")
        return pd.Series(picked, index=self.said_acquainted.index, dtype=object).replace("", None)


def read_words(relationship: pd.Series, notes: pd.Series) -> Reading:
    """Read every row's relationship words, and its notes, into facts."""
    said = _Phrases(relationship, notes=False)
    noted = _Phrases(notes, notes=True)
    facts = {
        meaning: said.has(meaning) | noted.has(meaning)
        if meaning in NOTE_MEANINGS
        else said.has(meaning)
        for meaning in Meaning
    }
    go_between = said.each(lambda p: p.go_between)
    go_between = go_between.where(go_between.notna(), noted.each(lambda p: p.go_between))
    sent = said.each(lambda p: p.sent).eq(True) | noted.each(lambda p: p.sent).eq(True)
    quote, noted_quote = said.each(lambda p: p.quote), noted.each(lambda p: p.quote)
    both = quote.notna() & noted_quote.notna()
    quote = quote.where(quote.notna(), noted_quote).mask(both, quote + "; " + noted_quote)
    return Reading(facts, said.has(Meaning.ACQUAINTED), go_between, sent, quote)


class _Phrases:
    """`read_phrase` of each text of a column, worked out once per distinct text."""

    def __init__(self, texts: pd.Series, notes: bool) -> None:
        self.index = texts.index
        self.codes, distinct = pd.factorize(texts.astype(object), use_na_sentinel=True)
        strings = pd.Series(distinct, dtype=object).astype(str)
        self.read = [read_phrase(text, notes) for text in strings.tolist()]

    def each(self, func: Callable[[Phrase], object]) -> pd.Series:
        """`func` of each row's phrase (None for blank rows)."""
        return pd.Series(
            spread(self.codes, [func(p) for p in self.read], None), index=self.index, dtype=object
        )

    def has(self, meaning: Meaning) -> pd.Series:
        """Whether each row's text says `meaning`."""
        flags = np.array([meaning in p.meanings for p in self.read], dtype=bool)
        return pd.Series(spread(self.codes, flags, False), index=self.index, dtype=bool)
