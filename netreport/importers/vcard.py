"""vCard files (.vcf) with any number of cards: Apple Contacts (select the contacts, File >
Export > Export vCard), Android (Contacts > Settings > Export), Outlook, Thunderbird...

Read with vobject, a library made for the format: versions 2.1, 3.0 and 4.0, folded lines,
escaped commas, quoted-printable and UTF-8 names. Per card:
- name: FN, else N (given, middle, family); first and last name from N;
- email, phone (TEL, `tel:` links too): the preferred one first (TYPE=PREF or PREF=1), the
  others kept in Notes;
- company: ORG's first part; job title: TITLE;
- LinkedIn: a URL (or Apple's X-SOCIALPROFILE) on linkedin.com; any other URL is the website;
- notes: NOTE, and CATEGORIES as `Labels: ...`.
Cards of KIND group (a list of people, not a person) are left out.

Each card is read on its own: one that cannot be read is left out and named in the notes,
and the others are imported. Quoted-printable values broken over lines with a trailing `=`
(a "soft line break", as Android's 2.1 exports write long names and notes) are joined before
vobject reads them, as the format says.

A comma splits a value only in the properties that really are lists (CATEGORIES, NICKNAME,
and N's parts). Everywhere else it is text: vCard 2.1 has no comma escaping and many 3.0
exporters do not escape it, so `NOTE:Met at PyCon, talked about jobs` and `ORG:Smith, Jones
& Partners` must arrive whole. vobject would cut such a value at its first comma, so the
commas of the other properties are escaped before it reads them (`=2C` too in
quoted-printable values, as Android encodes every byte).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netreport.importers.common import (
    Candidate,
    Export,
    ImportProblem,
    build,
    join_name,
    read_text,
)

WHAT = "vCard file (.vcf)"


def parse(path: Path) -> Export:
    import vobject
    from vobject.base import VObjectError

    text, notes = read_text(path, WHAT, folded=True)
    if not text.lstrip().upper().startswith("BEGIN:VCARD"):
        raise ImportProblem(
            path,
            "is not a vCard file (it does not start with BEGIN:VCARD).",
            "Export the contacts as vCard (.vcf) again; for a CSV use "
            "`netreport import linkedin|google|outlook`.",
        )
    candidates = []
    groups = 0
    unreadable: list[str] = []
    for number, (line, card_text) in enumerate(_cards(text), start=1):
        try:
            card = vobject.readOne(card_text)
            if _text(_value(card, "kind")).lower() in NOT_PEOPLE:
                groups += 1
                continue
            candidates.append(_candidate(card, number))
        except (VObjectError, ValueError, TypeError, AttributeError) as exc:
            reason = _AT_LINE.sub("", " ".join(str(exc).split()))[:120]
            unreadable.append(f"card {number} (line {line}) cannot be read ({reason}): left out.")
    if unreadable and not candidates and not groups:
        raise ImportProblem(
            path, f"cannot be read as vCard: {unreadable[0]}", "Export the contacts again."
        )
    notes.extend(unreadable)
    if groups:
        notes.append(
            f"{groups} card{'s' if groups > 1 else ''} of a group or an organisation "
            "(not people) left out."
        )
    return Export("vcard", Path(path), candidates, notes)


# vCard 4's KIND of a card that is not a person.
NOT_PEOPLE = frozenset({"group", "org", "location"})
_AT_LINE = re.compile(r"^At line \d+: ")  # vobject counts lines from the card's start
_BEGIN = re.compile(r"(?i)^BEGIN:VCARD\s*$")
_END = re.compile(r"(?i)^END:VCARD\s*$")
# A property whose value is quoted-printable: ENCODING=QUOTED-PRINTABLE (or 2.1's bare
# QUOTED-PRINTABLE) among the parameters, before the first colon.
_QUOTED_PRINTABLE = re.compile(r"(?i)^[^:]*;(?:ENCODING=)?QUOTED-PRINTABLE\b[^:]*:")


# The properties whose commas separate values (N's parts are lists of names, joined with
# spaces); in every other property a comma is text.
_LISTS = frozenset({"CATEGORIES", "NICKNAME", "N"})
# A property line: its name (after an optional `group.`) and parameters, then the value
# after the first colon outside double quotes.
_PROPERTY = re.compile(r'(?s)((?:[^:"]|"[^"]*")*):(.*)')
# An escaped character (kept), else a bare comma (escaped); in quoted-printable, a backslash
# or a comma may also be written =5C and =2C.
_PLAIN_COMMA = re.compile(r"\\.|(,)", re.S)
_QP_COMMA = re.compile(r"(?i)(?:\\|=5C)(?:=[0-9A-F]{2}|.)|(,|=2C)", re.S)
_BASE64 = re.compile(r"(?i);(?:ENCODING=)?(?:B|BASE64)\b")


def _cards(text: str) -> Iterator[tuple[int, str]]:
    """Each card's text with the line it starts on: folded lines unfolded, quoted-printable
    soft line breaks joined, and the commas of text properties escaped (see the module's
    notes); lines outside BEGIN:VCARD ... END:VCARD are skipped. A card left open runs to the
    end."""
    lines = text.splitlines()
    card: list[str] = []
    start = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        if not card:
            if _BEGIN.match(line):
                card, start = [line], index
            continue
        while index < len(lines):
            following = lines[index]
            if line.endswith("=") and _QUOTED_PRINTABLE.match(line):
                line = line[:-1] + following  # a soft line break: the value goes on
            elif following[:1] in (" ", "\t"):
                line += following[1:]  # a folded line
            else:
                break
            index += 1
        card.append(_escape_commas(line))
        if _END.match(line):
            yield start, "\r\n".join(card) + "\r\n"
            card = []
    if card:
        yield start, "\r\n".join([*card, "END:VCARD"]) + "\r\n"


def _escape_commas(line: str) -> str:
    """The line with the bare commas of a text property's value escaped (`\\,`), so that
    vobject keeps them as text; list properties and base64 values are left as they are."""
    found = _PROPERTY.fullmatch(line)
    if found is None:
        return line
    head, value = found.groups()
    name = head.split(";", 1)[0].rsplit(".", 1)[-1].strip().upper()
    if name in _LISTS or _BASE64.search(head):
        return line
    comma = _QP_COMMA if _QUOTED_PRINTABLE.match(line) else _PLAIN_COMMA
    escaped = comma.sub(lambda m: "\\" + m[1] if m[1] else m[0], value)
    return f"{head}:{escaped}"


def _candidate(card: Any, number: int) -> Candidate:
    structured = _value(card, "n")
    given = family = middle = None
    if structured is not None and hasattr(structured, "given"):
        given, middle = _text(structured.given), _text(structured.additional)
        family = _text(structured.family)
    links = [line.value for line in _lines(card, "url")]
    links += [line.value for line in _lines(card, "x-socialprofile")]
    labels = [_text(c) for line in _lines(card, "categories") for c in _list(line.value)]
    org = _list(_value(card, "org"))
    return build(
        f"card {number}",
        name=_text(_value(card, "fn")) or join_name(given or None, middle or None, family or None),
        first_name=given or None,
        last_name=family or None,
        emails=[_text(line.value) for line in _preferred(_lines(card, "email"))],
        phones=[_text(line.value) for line in _preferred(_lines(card, "tel"))],
        company=_text(org[0]) if org else None,
        title=_text(_value(card, "title")),
        links=[_text(v) for v in links],
        notes="\n".join(_text(line.value) for line in _lines(card, "note")),
        labels=[label for label in labels if label],
    )


def _lines(card: Any, key: str) -> list[Any]:
    return list(card.contents.get(key, []))


def _value(card: Any, key: str) -> Any:
    lines = _lines(card, key)
    return lines[0].value if lines else None


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _text(value: Any) -> str:
    """A property value as text; a structured part (a list) joined with spaces."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(v) for v in value if v).strip()
    return str(value).strip()


def _preferred(lines: list[Any]) -> list[Any]:
    """The preferred value first (3.0: TYPE=PREF; 4.0: the lowest PREF=1..100), else in order."""

    def rank(line: Any) -> int:
        params = {k.upper(): v for k, v in line.params.items()}
        types = {t.strip().lower() for v in params.get("TYPE", []) for t in str(v).split(",")}
        pref = params.get("PREF", [])
        if pref and str(pref[0]).isdigit():
            return int(pref[0])
        return 1 if "pref" in types else 101

    return sorted(lines, key=rank)
