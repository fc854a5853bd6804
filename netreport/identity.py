"""Who is the same person: the one home of every rule that decides it.

Validation (duplicates, the Interactions log's names), the history across runs, introduction
paths, redaction and the importers all ask this module, so they can never disagree.

- A **name key** is a person's first and last name, folded: case, accents, spacing and
  punctuation ignored, courtesy and academic titles and suffixes dropped, "Last, First" read in
  either order, a nickname in brackets or quotes left out. "Lee, Ann", "Dr. Ann B. Lee", "ANN
  LEE, PhD" and "Ann (Annie) Lee" are all `ann lee`; "José Núñez" and "Jose Nunez" are one.
  Titles and suffixes are nameparser's vocabularies; the key itself is built here, because
  nameparser costs ~240 microseconds a name and a log can hold 100,000 distinct names (the
  tests check the key against nameparser's own parse of the same names).
- An **email key** is the address in lower case; a cell may hold several.
- A **phone key** is the number's digits without a trunk prefix or extension; two numbers are
  one when the shorter ends the longer (with and without the country code).
- A **person key** follows a contact: the email key, else name key and company key.
- **Suggestions** for a name that matches no one are the closest known names by edit distance
  (rapidfuzz), offered as a hint, never applied.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

# Titles dropped even from a two-word name ("Dr. Roe" is Roe); nameparser's longer list of
# titles ("Sister", "Judge", "Dean") is dropped only in front of two more words, because those
# are also first names ("Dean Smith").
COURTESY = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame"})
LEGAL_FORMS = frozenset(
    {
        "inc",
        "incorporated",
        "llc",
        "ltd",
        "limited",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "srl",
        "bv",
        "nv",
        "oy",
        "ab",
        "as",
        "pty",
        "corp",
        "corporation",
        "co",
        "company",
    }
)
MIN_PHONE_DIGITS = 7  # fewer is no number to tell people apart by
SUGGESTION_CUTOFF = 80  # rapidfuzz ratio (0-100) a known name must reach to be suggested

_NICKNAME = re.compile(r"\([^)]*\)|\"[^\"]*\"|\u201c[^\u201d]*\u201d|'[^']*'(?=\s)")
# O'Neil is ONeil and St. is St; a hyphen parts words, so that Mary-Kate Smith and Mary Kate
# Smith are both Mary Smith, and Nunez-Lopez and Nunez Lopez both end in Lopez.
_JOINED = re.compile(r"['\u2019.]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_NOT_WORD_NOR_LINE = re.compile(r"[^0-9a-z\n]+")
_COMPLEX = re.compile(r"[,()\"\n]|'[^']*'")  # what only name_words reads right
_EXTENSION = re.compile(r"\s*(?:x|ext\.?|extension|#)\s*\d+\s*$", re.I)


@lru_cache(maxsize=1)
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """nameparser's titles and suffixes, folded as keys are (loaded on first use)."""
    from nameparser.config import CONSTANTS

    titles = frozenset(fold(t) for t in CONSTANTS.titles) | COURTESY
    suffixes = frozenset(
        fold(s) for s in (*CONSTANTS.suffix_acronyms, *CONSTANTS.suffix_not_acronyms)
    )
    return titles, suffixes


def fold(text: str) -> str:
    """Text folded for comparing: made plain (`plain_text`: invisible characters removed, odd
    spaces plain), ASCII (accents and scripts transliterated), case-folded, apostrophes and
    dots removed, any other punctuation a single space."""
    if not text.isascii():
        from anyascii import anyascii

        text = anyascii(plain_text(text))
    return " ".join(_NOT_WORD.sub(" ", _JOINED.sub("", text.casefold())).split())


def name_words(value: object) -> list[str]:
    """A name's folded words in given-name-first order, without titles, suffixes or nickname."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return []
    titles, suffixes = _vocabulary()
    parts = _NICKNAME.sub(" ", str(value)).split(",")
    # "Ann Lee, PhD" and "Lee, Ann, Jr.": a part after a comma that is only suffixes goes.
    while len(parts) > 1 and all(w in suffixes for w in fold(parts[-1]).split()):
        parts.pop()
    if len(parts) == 2 and parts[1].strip():  # "Lee, Ann B." is Ann B. Lee
        parts = [parts[1], parts[0]]
    return _trimmed(fold(" ".join(parts)).split(), titles, suffixes)


def name_key(value: object) -> str | None:
    """`first last` of a name, folded (see the module docstring); None when there is none."""
    return _key_of(name_words(value))


def name_key_variants(value: object, key: str | None = None) -> set[str]:
    """The name keys a person answers to: `name_key` (given as `key` when the caller has it),
    and with a nickname written in brackets or quotes in place of the given name ("Bob
    (Robert) Smith" is also Robert Smith, 'Jonathan "Jon" Park' also Jon Park)."""
    key = key if key is not None else name_key(value)
    found = {key} if key else set()
    if key is None or not isinstance(value, str):
        return found
    for match in _NICKNAME.finditer(value):
        nickname = match.group(0).strip("()\"'\u201c\u201d")
        if not nickname.strip() or " " in nickname.strip():
            continue
        if (other := name_key(f"{nickname} {key.rpartition(' ')[2]}")) is not None:
            found.add(other)
    return found


def name_keys(names: pd.Series, known: pd.Series | None = None) -> pd.Series:
    """`name_key` of each value, None where blank, computed once per distinct name. `known`
    holds keys already worked out (by name; `name_keys` of its index), taken as they are.

    Plain ASCII names without commas, brackets or quotes (nearly all) are folded together as
    one text joined by line breaks, a few passes over their characters instead of a call per
    name; the rest go through `name_key` one by one. Both end in `_key_of`."""
    codes, uniques = pd.factorize(names, use_na_sentinel=True)
    if known is not None:
        # The log names the contacts as typed in Contacts: their keys are known already.
        keys = [k if isinstance(k, str) else None for k in known.tolist()]
        lookup = dict(zip(known.index.tolist(), keys, strict=True))
        distinct = uniques.tolist()
        rest = [u for u in distinct if u not in lookup]
        lookup.update(zip(rest, name_keys(pd.Series(rest, dtype=object)).tolist(), strict=True))
        table = np.array([None, *(lookup[u] for u in distinct)], dtype=object)
        return pd.Series(table[codes + 1], index=names.index, dtype=object)
    texts = [str(u) for u in uniques]
    plain = [t.isascii() and not _COMPLEX.search(t) for t in texts]
    simple = [t for t, p in zip(texts, plain, strict=True) if p]
    joined = "\n".join(simple)
    folded = _NOT_WORD_NOR_LINE.sub(" ", _JOINED.sub("", joined.casefold())).split("\n")
    if len(folded) != len(simple):  # a name held a line break: fold each on its own
        folded = [fold(t) for t in simple]
    titles, suffixes = _vocabulary()
    done = iter(folded)
    keys = [
        _key_of(_trimmed(next(done).split(), titles, suffixes)) if p else name_key(t)
        for t, p in zip(texts, plain, strict=True)
    ]
    table = np.array([None, *keys], dtype=object)
    return pd.Series(table[codes + 1], index=names.index, dtype=object)


def _trimmed(words: list[str], titles: frozenset[str], suffixes: frozenset[str]) -> list[str]:
    """Leading titles and trailing suffixes dropped (see COURTESY for which titles go)."""
    while len(words) > 1 and (words[0] in COURTESY or (len(words) > 2 and words[0] in titles)):
        words = words[1:]
    while len(words) > 2 and words[-1] in suffixes:
        words = words[:-1]
    return words


def _key_of(words: list[str]) -> str | None:
    if not words:
        return None
    return words[0] if len(words) == 1 else f"{words[0]} {words[-1]}"


@dataclass(frozen=True)
class Greeting:
    """How to address a person: a given name, else a title and surname, else nothing."""

    first: str
    title: str
    last: str

    def __str__(self) -> str:
        if self.first:
            return self.first
        return f"{self.title} {self.last}" if self.title and self.last else ""


def greeting(value: object) -> Greeting:
    """The parts of a name a draft opens with, by nameparser: 'Dr. Jane Roe' -> Jane,
    'Dr. Roe' -> Dr. Roe, 'Lee, Ann' -> Ann, 'Ann Lee PhD' -> Ann. Called per outreach item,
    not per contact (nameparser is slow)."""
    text = plain_text(value)
    if not text:
        return Greeting("", "", "")
    from nameparser import HumanName

    parsed = HumanName(text)
    first = parsed.first
    if len(first.rstrip(".")) <= 1:  # an initial ("J. Roe") is no name to greet by
        first = ""
    return Greeting(first, parsed.title, parsed.last)


def greeting_name(value: object) -> str:
    """The name a draft opens with ("Hi ...,"): the given name, else title and surname, else
    the name as typed. A plain "First Last" is answered without nameparser (a weekly list can
    hold thousands of items); titles, commas, brackets, quotes and initials go through it."""
    text = plain_text(value)
    if not text:
        return ""
    head = text.split(" ", 1)[0]
    titles, _ = _vocabulary()
    plain = not _COMPLEX.search(text) and len(head.rstrip(".")) > 1
    if plain and fold(head) not in titles and " " in text:
        return head
    return str(greeting(text)) or text


# Characters that show as nothing: every format character (Cf: zero-width spaces, non-joiners
# and joiners, the word joiner, byte-order marks, bidi marks, soft hyphens) and these, which
# are none: the combining grapheme joiner, Hangul fillers, Khmer inherent vowels, Mongolian
# and other variation selectors. They are removed, never made a space: 'Zo\u200be' is Zoe.
_INVISIBLE = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0"
    + "".join(map(chr, range(0x180B, 0x1810)))
    + "".join(map(chr, range(0xFE00, 0xFE10)))
)
# What an emoji sequence holds besides its symbols (So, Sk, Me): a zero-width joiner between
# two of them, variation selectors and tags after one. Kept there ('\U0001f469\u200d\U0001f4bb').
_EMOJI_GLUE = frozenset("\u200d\ufe0e\ufe0f" + "".join(map(chr, range(0xE0020, 0xE0080))))
_EMOJI = frozenset({"So", "Sk", "Me"})
# Every kind of space, line break and control (and surrogates, private-use and unassigned
# code points) is one plain space: U+00A0, U+2007, U+202F, U+3000, tabs.
_SPACE = frozenset({"Zs", "Zl", "Zp", "Cc", "Cs", "Co", "Cn"})
_ASCII_CONTROLS = {c: " " for c in (*range(32), 127)}
# Scripts written without spaces between a name's parts: Han, Hiragana and Katakana, Hangul,
# Bopomofo, Yi, Thai, Lao, Tibetan, Myanmar, Khmer, the Tai scripts, Balinese and Javanese.
_UNSPACED = re.compile(
    "[\u0e00-\u0fff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u1950-\u1aaf\u1b00-\u1b7f"
    "\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3038-\u303c\u3040-\u30ff"
    "\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua9ff\uaa60-\uaadf"
    "\uac00-\ud7ff\uf900-\ufaff\uff66-\uffdc\U0001b000-\U0001b16f\U00020000-\U0003ffff]"
)
# A way to reach someone: an email address, a web address with a scheme, 'www.' or a path
# ("linkedin.com/in/ann-lee"). A company's bare domain ("Booking.com") is none.
_REACH = re.compile(r"@|://|\bwww\.|\b[\w-]+\.[a-z]{2,}/", re.IGNORECASE)
_NAME_MARKS = frozenset(".'\u2019-")  # what a given name holds besides letters
_RUN_TOGETHER = re.compile(r"(.*?[a-z\u00df-\u00ff])([A-Z\u00c0-\u00de].*)")


def plain_text(value: object) -> str:
    """Text as a reader sees it: NFKC-normalised (full-width letters, ligatures, a full-width
    '@' made plain); every invisible character (zero-width spaces and joiners, the word joiner,
    byte-order marks, bidi marks, soft hyphens, variation selectors) removed, but for a joiner
    or selector inside an emoji sequence; every kind of space, line break or control one plain
    space; trimmed; '' for a blank (None, NaN). What redaction and `fold` read, so that
    'Zo\u200be' is 'Zoe' and 'Jane\u00a0Roe' is 'Jane Roe'."""
    return _plain(value, "")


def _plain(value: object, invisible: str) -> str:
    """`plain_text`, each invisible character replaced by `invisible`."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    if text.isascii():
        return " ".join(text.translate(_ASCII_CONTROLS).split())
    kept: list[str] = []
    for at, c in enumerate(text):
        kind = unicodedata.category(c)
        if kind in _SPACE:
            kept.append(" ")
        elif kind == "Cf" or c in _INVISIBLE:
            glued = c in _EMOJI_GLUE and _in_emoji(kept, text[at + 1 : at + 2], c)
            kept.append(c if glued else invisible)
        else:
            kept.append(c)
    return " ".join("".join(kept).split())


def _in_emoji(kept: list[str], after: str, glue: str) -> bool:
    """Whether `glue` continues an emoji sequence: it follows a symbol (or glue after one) and,
    for a zero-width joiner, a symbol follows it."""
    before = kept[-1] if kept else ""
    if not before or not (unicodedata.category(before) in _EMOJI or before in _EMOJI_GLUE):
        return False
    return glue != "\u200d" or (bool(after) and unicodedata.category(after) in _EMOJI)


def unspaced_script(text: str) -> bool:
    """Whether `text` holds a letter of a script written without spaces between a name's
    parts (Han, Hiragana, Katakana, Hangul, Thai and the others `_UNSPACED` lists)."""
    return bool(_UNSPACED.search(text))


def holds_contact_details(text: str) -> bool:
    """Whether `text` (see `plain_text`) holds a way to reach someone: an email address, a web
    address with a scheme, 'www.' or a path, or a phone number (seven digits or more)."""
    return bool(_REACH.search(text)) or sum(c.isdigit() for c in text) >= MIN_PHONE_DIGITS


def _name_text(value: object, invisible: str = "") -> str | None:
    """The text of a name, ready to parse: plain (each invisible character `invisible`),
    symbols and emoji dropped; None when it is blank or no person's name (contact details, any
    digit, not one letter)."""
    text = _plain(value, invisible)
    if not text or holds_contact_details(text) or any(c.isdigit() for c in text):
        return None
    text = "".join(
        " " if unicodedata.category(c).startswith("S") or c in _EMOJI_GLUE else c for c in text
    )
    text = re.sub(r"\s*,\s*", ", ", " ".join(text.split()))  # "Roe ,Jane" is "Roe, Jane"
    words = [w for w in text.split(" ") if any(c.isalpha() for c in w)]
    return " ".join(words) or None


def name_parts(value: object) -> tuple[str, str] | None:
    """A name's first given name and its surname, each '' when it has none ('Lee, Ann' ->
    ('Ann', 'Lee'); 'Dr. Lee' -> ('Dr.', 'Lee'); 'Ann' -> ('Ann', '')); a single word run
    together from two is cut ('AnnLee' -> ('Ann', 'Lee')). A single word that an invisible
    character parted as typed and that cannot be cut ('Zo\u200be', 'جين\u200bرو') may be a
    given name and a surname: it is read as a surname ('', 'Zoe'). A name in a script written
    without spaces (`unspaced_script`) is read in Chinese, Japanese and Korean order, surname
    first, titles left out: '李小龍' -> ('', '李小龍'), '김 민준' -> ('민준', '김'). None for a
    blank and for what is no person's name: an email or web address, a phone number, any
    digit, no letter at all."""
    text = _name_text(value)
    if text is None:
        return None
    words = text.split(" ")
    titles, suffixes = _vocabulary()
    if unspaced_script(text):
        while len(words) > 1 and fold(words[0]) in titles:
            words = words[1:]
        words = [w.rstrip(",") for w in words]
        return (words[1] if len(words) > 1 else ""), words[0]
    plain = not _COMPLEX.search(text) and len(words[0]) > 1
    if len(words) == 1:
        given, surname = words[0], ""
    elif plain and fold(words[0]) not in titles and fold(words[-1]) not in suffixes:
        given, surname = words[0], words[-1]
    else:
        from nameparser import HumanName

        parsed = HumanName(text)
        given, surname = parsed.first or parsed.title, parsed.last
        given = (given.split() or [""])[0]
    given = "".join(c for c in given if c in _NAME_MARKS or unicodedata.category(c)[0] in "LM")
    if not any(c.isalpha() for c in given):
        given = ""
    if given and not surname:
        if joined := _RUN_TOGETHER.fullmatch(given):
            given, surname = joined.groups()
        elif len(words) == 1 and " " in (_name_text(value, " ") or ""):
            given, surname = "", given
    if not given and not any(c.isalpha() for c in surname):
        return None
    return given, surname


def short_name(value: object, given_names: Container[str] | None = None) -> str | None:
    """A name as a redacted copy shows it, made only of its parsed parts (`name_parts`): the
    first given name and the surname's initial ('Ann Lee', 'Lee, Ann', 'Dr. Ann B. Lee PhD',
    'AnnLee' -> 'Ann L.'; 'Dr. Lee' -> 'Dr. L.'). A single word is a given name and stays,
    unless `given_names` (folded) is given and does not hold it: then, perhaps a surname, it
    is its initial ('Lee' -> 'L.'). A name in a script written without spaces is its surname's
    first character alone ('李小龍', '李 小龍' -> '李.'; '김 민준' -> '김.'): one character may be a
    whole surname or given name, so no initial of one part may stand beside the other. None
    for a blank and for what is no person's name (an email, a phone number)."""
    parts = name_parts(value)
    if parts is None:
        return None
    given, surname = parts
    initial = next((c for c in surname if c.isalpha()), "")
    if unspaced_script(given + surname):
        return f"{initial}."
    if not initial:
        if given_names is None or fold(given) in given_names:
            return given
        given, initial = "", next(c for c in given if c.isalpha())
    return f"{given} {initial}." if given else f"{initial}."


def surname_initial(value: object) -> str | None:
    """A Last Name cell as a redacted copy shows it: its first letter ('Roe' -> 'R.'); '' for a
    surname in a script written without spaces (its first character may be all of it, and the
    name is shown by its first character already: see `short_name`); None for a blank and for
    what is no name (see `name_parts`)."""
    text = _name_text(value)
    if text is None:
        return None
    if unspaced_script(text):
        return ""
    return next(f"{c}." for c in text if c.isalpha())


def full_names(short: pd.Series, names: pd.Series) -> pd.Series:
    """Each go-between named by a given name alone ("Ben suggested I contact her") or by title
    and surname ("Prof. Ramirez intro") as the one contact with that given name or surname
    ("Ben Carter", "Elena Ramirez"), so the person in common is a contact and an introduction
    path; unchanged where no contact, or several, has it."""
    titles, _ = _vocabulary()
    wanted: dict[str, tuple[str, str]] = {}  # the go-between -> (part of a name, its word)
    for value in short.dropna().astype(str).unique():
        words = plain_text(value).split()
        if len(words) == 1 and value[:1].isupper():
            wanted[value] = ("first", words[0])
        elif len(words) == 2 and fold(words[0]) in titles:
            wanted[value] = ("last", words[1])
    if not wanted or names.empty:
        return short
    # Only names holding one of the wanted words are parsed: nameparser is slow.
    pattern = r"\b(?:" + "|".join(re.escape(w) for _, w in wanted.values()) + r")\b"
    candidates = names[names.astype(str).str.contains(pattern, case=False, regex=True, na=False)]
    found: dict[tuple[str, str], set[str]] = {}
    # A surname is worked out only when a go-between is named by one: nameparser takes a
    # millisecond a name, and a given name seldom needs it (`greeting_name`).
    by_last = any(part == "last" for part, _ in wanted.values())
    for name in candidates.astype(str).unique():
        found.setdefault(("first", fold(greeting_name(name))), set()).add(name)
        if by_last:
            found.setdefault(("last", fold(greeting(name).last)), set()).add(name)
    complete = {}
    for value, (part, word) in wanted.items():
        matches = found.get((part, fold(word)), set())
        if len(matches) == 1:
            complete[value] = next(iter(matches))
    return short.map(lambda v: complete.get(v, v) if isinstance(v, str) else v)


def company_key(value: object) -> str:
    """A company for matching: folded, legal forms at the end dropped, spaces ignored
    ('Acme Analytics, Inc.' and 'AcmeAnalytics' -> 'acmeanalytics')."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    words = fold(str(value)).split()
    while len(words) > 1 and words[-1] in LEGAL_FORMS:
        words = words[:-1]
    return "".join(words)


def company_keys(companies: pd.Series) -> pd.Series:
    """`company_key` of each value ('' where blank), once per distinct company."""
    codes, uniques = pd.factorize(companies, use_na_sentinel=True)
    keys = np.array(["", *(company_key(u) for u in uniques)], dtype=object)
    return pd.Series(keys[codes + 1], index=companies.index, dtype=object)


def email_keys(value: object) -> frozenset[str]:
    """The addresses in a cell, in lower case (a cell may hold 'a@x.org; b@y.org')."""
    if value is None:
        return frozenset()
    parts = re.split(r"[;,\s]+", str(value))
    return frozenset(
        p.removeprefix("mailto:").strip("<>").lower() for p in parts if "@" in p and p.strip("<>")
    )


def email_key(addresses: pd.Series) -> pd.Series:
    """One valid address per cell (already checked), in lower case, for matching."""
    return addresses.str.lower()


def person_keys(names: pd.Series, companies: pd.Series, emails: pd.Series) -> pd.Series:
    """A key that follows a person: the email key, else `name:<name key>|<company key>`; None
    where there is neither. `names` are the names' keys (`name_keys`)."""
    name = names
    by_name = ("name:" + name.fillna("") + "|" + company_keys(companies)).where(name.notna())
    return emails.where(emails.notna(), by_name)


def linkedin_key(value: object) -> str | None:
    """'https://uk.linkedin.com/in/Ann-Lee/?trk=x' -> 'linkedin.com/in/ann-lee'."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    if "://" not in text:
        text = "https://" + text
    parsed = urllib.parse.urlsplit(text)
    host = (parsed.hostname or "").lower()
    if not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        return None
    path = urllib.parse.unquote(parsed.path).rstrip("/").casefold()
    return f"linkedin.com{path}" if path else None


def phone_key(value: object) -> str | None:
    """A phone number's digits for matching, without an extension ('x12') or leading zeros
    (a trunk prefix: '07700 900123' is '7700900123'); None for fewer than seven digits."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):  # a number typed into Excel: 5551234.0
        if not value.is_integer():
            return None
        value = int(value)
    text = _EXTENSION.sub("", str(value).removeprefix("tel:"))
    digits = "".join(c for c in text if c.isdigit()).lstrip("0")
    return digits if len(digits) >= MIN_PHONE_DIGITS else None


def same_phone(a: str | None, b: str | None) -> bool:
    """Two phone keys are one number when the shorter ends the longer: a number written with
    its country code ('+44 7700 900123') and without it ('07700 900123') are the same."""
    if not a or not b:
        return False
    short, long = sorted((a, b), key=len)
    return long.endswith(short)


def suggestions(unknown: Iterable[str], known: Iterable[str]) -> dict[str, str]:
    """For each unknown name, the known name it most likely misspells, if one is close enough.

    Compared by name key with rapidfuzz's ratio, blocked by the key's first letter and again
    by its surname's first letter (a typo rarely hits both), so 50,000 misspelt names against
    100,000 contacts cost a few seconds, not an all-pairs matrix."""
    from rapidfuzz import fuzz, process

    names = pd.Series(list(known), dtype=object)
    shown: dict[str, str] = {}
    for key, name in zip(name_keys(names).tolist(), names.tolist(), strict=True):
        if key and key not in shown:
            shown[key] = name
    asked_names = pd.Series(list(unknown), dtype=object)
    asked = {
        key: name
        for key, name in zip(name_keys(asked_names).tolist(), asked_names.tolist(), strict=True)
        if key and key not in shown
    }
    found: dict[str, str] = {}
    for block in (_first_letter, _surname_letter):
        pending = [key for key in asked if asked[key] not in found]
        if not pending or not shown:
            break
        known_by = _blocks(shown, block)
        for letter, keys in _blocks(dict.fromkeys(pending, ""), block).items():
            candidates = known_by.get(letter)
            if not candidates:
                continue
            scores = process.cdist(
                keys, candidates, scorer=fuzz.ratio, score_cutoff=SUGGESTION_CUTOFF, workers=-1
            )
            best = scores.argmax(axis=1)
            for key, column, row in zip(keys, best, scores, strict=True):
                if row[column] > 0:
                    found[asked[key]] = shown[candidates[column]]
    return found


def closest_names(asked: str, known: Iterable[str], limit: int = 3) -> list[str]:
    """The known names nearest to `asked` (by name key; a first name alone finds the full
    name), best first, for a "did you mean"."""
    from rapidfuzz import fuzz, process

    key = name_key(asked)
    names = pd.Series(list(known), dtype=object)
    shown: dict[str, str] = {}
    for k, name in zip(name_keys(names).tolist(), names.tolist(), strict=True):
        if k and k not in shown:
            shown[k] = name
    if not key or not shown:
        return []
    found = process.extract(
        key, list(shown), scorer=fuzz.WRatio, limit=limit, score_cutoff=SUGGESTION_CUTOFF
    )
    return [shown[k] for k, _score, _index in found]


def _first_letter(key: str) -> str:
    return key[:1]


def _surname_letter(key: str) -> str:
    return key.rpartition(" ")[2][:1]


def _blocks(keys: dict[str, str], block: Callable[[str], str]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key in keys:
        grouped.setdefault(block(key), []).append(key)
    return grouped
