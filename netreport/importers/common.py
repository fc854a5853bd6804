"""What every importer shares: the candidate record, reading an export file, cleaning text.

An importer turns a file exported from another service into `Candidate`s: one per person, in
the schema's field keys (name, first_name, last_name, email, phone, company, title, linkedin,
website, referrer, notes, added). Nothing here knows about workbooks; `merge` decides what
happens to each candidate.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from netreport.errors import NetreportError
from netreport.issues import MESSAGES
from netreport.read.csv import csv_delimiter, decode_csv
from netreport.read.sniff import not_a_regular_file
from netreport.schema import norm_key

# Excel keeps at most this many characters in a cell.
CELL_LIMIT = 32767
# Control characters a workbook cell cannot hold (line breaks and tabs are handled apart).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportProblem(NetreportError):
    """The export file cannot be used: missing, unreadable, or not the kind named (exit 2)."""

    def __init__(self, path: Path, problem: str, fix: str = "") -> None:
        super().__init__(f"{path.name}: {problem}{' ' + fix if fix else ''}")
        self.path = path


@dataclass(frozen=True)
class Candidate:
    """One person read from an export, normalised: text cleaned, blanks as None.

    `email` is the first address; `other_emails` the rest (they match too, and are kept in
    `notes`). `where` says where in the file the person was ("line 12", "card 3").
    """

    where: str
    name: str | None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    other_emails: tuple[str, ...] = ()
    phone: str | None = None
    company: str | None = None
    title: str | None = None
    linkedin: str | None = None
    website: str | None = None
    referrer: str | None = None
    notes: str | None = None
    added: dt.date | None = None

    @property
    def emails(self) -> tuple[str, ...]:
        return (self.email, *self.other_emails) if self.email else self.other_emails

    def fields(self) -> dict[str, Any]:
        """The filled fields, keyed by the schema's field keys."""
        values = {
            "name": self.name,
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
            "phone": self.phone,
            "company": self.company,
            "title": self.title,
            "linkedin": self.linkedin,
            "website": self.website,
            "referrer": self.referrer,
            "notes": self.notes,
            "added": self.added,
        }
        return {k: v for k, v in values.items() if v is not None}


@dataclass
class Export:
    """What an importer read: the people, and anything worth telling the user about the file."""

    kind: str
    path: Path
    candidates: list[Candidate]
    notes: list[str] = field(default_factory=list)


def clean(value: object, *, one_line: bool = True) -> str | None:
    """Trim and tidy one value; None when nothing is left. Control characters are dropped,
    line ends become \\n (or a space for one-line fields), and text is cut to Excel's limit."""
    if value is None:
        return None
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text).replace("\t", " ")
    if one_line:
        text = re.sub(r"\s+", " ", text)
    else:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = text.strip()
    return text[:CELL_LIMIT] or None


def join_name(*parts: str | None) -> str | None:
    return clean(" ".join(p for p in parts if p))


def link(value: str | None) -> str | None:
    """A web address as an importer found it; a bare `linkedin.com/in/x` gets https://."""
    text = clean(value)
    if text is None:
        return None
    if re.match(r"(?i)^(?:[\w-]+\.)*linkedin\.com/", text):
        return "https://" + text
    return text


def is_linkedin(value: str | None) -> bool:
    return bool(value and re.search(r"(?i)(?:^|[/.])linkedin\.com/", value))


def build(
    where: str,
    *,
    name: str | None,
    first_name: str | None = None,
    last_name: str | None = None,
    emails: Iterable[str | None] = (),
    phones: Iterable[str | None] = (),
    company: str | None = None,
    title: str | None = None,
    links: Iterable[str | None] = (),
    referrer: str | None = None,
    notes: str | None = None,
    labels: Iterable[str] = (),
    added: dt.date | None = None,
) -> Candidate:
    """Make a Candidate: the first email, phone and link of each kind are the values; the
    others are added to the notes (`Other emails: ...`), as are the export's labels."""
    addresses = _unique(e.removeprefix("mailto:").strip() for e in emails if e and "@" in e)
    numbers = _unique(p.removeprefix("tel:").strip() for p in phones if p)
    urls = _unique(u for u in (link(u) for u in links) if u)
    linkedin = [u for u in urls if is_linkedin(u)]
    websites = [u for u in urls if not is_linkedin(u)]
    extra = []
    if addresses[1:]:
        extra.append("Other emails: " + ", ".join(addresses[1:]))
    if numbers[1:]:
        extra.append("Other phones: " + ", ".join(numbers[1:]))
    if linkedin[1:] or websites[1:]:
        extra.append("Other links: " + ", ".join([*linkedin[1:], *websites[1:]]))
    kept = [label for label in (clean(x) for x in labels) if label]
    if kept:
        extra.append("Labels: " + ", ".join(kept))
    text = "\n".join(filter(None, [clean(notes, one_line=False), *extra]))
    return Candidate(
        where=where,
        name=clean(name),
        first_name=clean(first_name),
        last_name=clean(last_name),
        email=addresses[0] if addresses else None,
        other_emails=tuple(addresses[1:]),
        phone=numbers[0] if numbers else None,
        company=clean(company),
        title=clean(title),
        linkedin=linkedin[0] if linkedin else None,
        website=websites[0] if websites else None,
        referrer=clean(referrer),
        notes=clean(text, one_line=False),
        added=added,
    )


def _unique(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for value in values:
        text = clean(value)
        if text and text.casefold() not in seen:
            seen.add(text.casefold())
            kept.append(text)
    return kept


# ---- reading the file ---------------------------------------------------------------------


def read_text(path: Path, what: str, *, folded: bool = False) -> tuple[str, list[str]]:
    """The file's text and notes on how it was read, decoded as every CSV is
    (`netreport.read.csv.decode_csv`: UTF-16 with its mark or without, UTF-8, else the code
    page charset-normalizer finds, line by line in a UTF-8 file with a few odd lines). A named
    pipe or a device is refused before it is opened (`netreport.read.sniff.not_a_regular_file`).
    """
    path = Path(path)
    if not path.exists():
        raise ImportProblem(path, "no such file.", "Check the path and the file name.")
    if path.is_dir():
        raise ImportProblem(path, "is a folder, not a file.", f"Give the path of the {what}.")
    special = not_a_regular_file(path)
    if special:
        raise ImportProblem(path, special, f"Give the path of the saved {what} itself.")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportProblem(
            path, f"cannot be opened ({exc.strerror}).", "Check that you may read it."
        ) from exc
    if not data.strip():
        raise ImportProblem(path, "is empty.", f"Export the {what} again.")
    if data.startswith(b"PK\x03\x04"):
        raise ImportProblem(
            path,
            "is a zip file or a workbook, not the exported file itself.",
            f"Unzip it, or save it as CSV, and give the {what}.",
        )
    if folded:
        # vCard folds long lines at any byte, even inside a character: unfold the bytes first.
        data = re.sub(rb"\r?\n[ \t]", b"", data)
    decoded = decode_csv(data)
    if not decoded.encoding.startswith("utf-16") and b"\x00" in data[:4096]:
        raise ImportProblem(path, "is not a text file.", f"Give the {what}.")
    note = decoded.note()
    if note is None:
        return decoded.text, []
    return decoded.text, [f"{path.name}: " + MESSAGES["text-encoding"].message.format(**note)]


def read_csv(path: Path, what: str) -> tuple[list[list[str]], list[str]]:
    """Every row of a CSV export (quoted commas and line breaks kept inside their cell)."""
    text, notes = read_text(path, what)
    delimiter = csv_delimiter(text)
    try:
        rows = list(csv.reader(text.splitlines(keepends=True), delimiter=delimiter))
    except csv.Error as exc:
        raise ImportProblem(
            path, f"cannot be read as CSV ({exc}).", f"Export the {what} again."
        ) from exc
    return rows, notes


def find_header(
    rows: Sequence[Sequence[str]], needed: Iterable[str], search: int = 50
) -> int | None:
    """The index of the first row, among the first `search`, holding every needed header
    (compared with norm_key, so case, spaces and punctuation do not matter)."""
    wanted = {norm_key(n) for n in needed}
    for index, row in enumerate(rows[:search]):
        if wanted <= {norm_key(cell) for cell in row}:
            return index
    return None


def records(rows: Sequence[Sequence[str]], header: int) -> Iterable[tuple[int, dict[str, str]]]:
    """(line number, {norm_key(header): value}) for each non-blank row below the header.
    The line number counts rows as a spreadsheet shows the file (1-based)."""
    keys = [norm_key(cell) for cell in rows[header]]
    for index in range(header + 1, len(rows)):
        row = rows[index]
        if not any(cell.strip() for cell in row):
            continue
        record: dict[str, str] = {}
        for key, value in zip(keys, row, strict=False):
            if key and key not in record:
                record[key] = value
        yield index + 1, record


def first(record: dict[str, str], *keys: str) -> str | None:
    """The first filled value among the headers `keys` (already norm_key'd)."""
    for key in keys:
        value = clean(record.get(key))
        if value:
            return value
    return None


_DATE_FORMATS = (
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%Y-%m-%d",
    "%m/%d/%Y",
    "%m/%d/%y",
)


def parse_date(value: str | None) -> dt.date | None:
    """A date as exports write it: `15 Mar 2024` (LinkedIn), ISO, or US `3/15/2024`; a time
    after it is ignored. None when it cannot be read."""
    text = clean(value)
    if not text:
        return None
    text = re.sub(r"[T ,]+\d{1,2}:\d{2}.*$", "", text).strip()
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def guess_kind(rows: Sequence[Sequence[str]]) -> str | None:
    """Which kind of export the rows look like, for a helpful message when the wrong kind was
    named on the command line."""
    for row in rows[:50]:
        keys = {norm_key(c) for c in row}
        if row and row[0].strip().upper().startswith("BEGIN:VCARD"):
            return "vcard"
        if {"firstname", "lastname", "connectedon"} <= keys:
            return "linkedin"
        if "email1value" in keys or {"givenname", "familyname"} <= keys:
            return "google"
        if "emailaddress" in keys and ("jobtitle" in keys or "mobilephone" in keys):
            return "outlook"
    return None


def locate_header(
    path: Path,
    kind: str,
    looked_for: str,
    rows: Sequence[Sequence[str]],
    *layouts: Iterable[str],
) -> int:
    """The header row of the first layout found, on a file that is this kind of export."""
    header = next(
        (h for h in (find_header(rows, layout) for layout in layouts) if h is not None), None
    )
    return expect_kind(path, kind, looked_for, rows, header)


def expect_kind(
    path: Path, kind: str, looked_for: str, rows: Sequence[Sequence[str]], header: int | None
) -> int:
    """`header`, once sure the file is this kind of export; else ImportProblem naming the
    kind it looks like."""
    if header is None:
        wrong_kind(path, kind, looked_for, rows)
    check_kind(path, kind, looked_for, rows)
    return header


def check_kind(path: Path, kind: str, looked_for: str, rows: Sequence[Sequence[str]]) -> None:
    """Refuse a file that plainly is another kind of export, even where its header would do
    (an old LinkedIn file has First Name, Last Name and Email Address, as Outlook's has)."""
    other = guess_kind(rows)
    if other is not None and other != kind:
        wrong_kind(path, kind, looked_for, rows)


def wrong_kind(path: Path, kind: str, looked_for: str, rows: Sequence[Sequence[str]]) -> NoReturn:
    """Raise ImportProblem: the file is not the kind of export named."""
    other = guess_kind(rows)
    hint = (
        f"It looks like a {NAMES[other]} export: run `netreport import {other}` instead."
        if other and other != kind
        else f"Export it again from {NAMES[kind]} (see the README's Importing contacts)."
    )
    raise ImportProblem(path, f"no {NAMES[kind]} header row found ({looked_for}).", hint)


NAMES = {
    "linkedin": "LinkedIn",
    "google": "Google Contacts",
    "outlook": "Outlook",
    "vcard": "vCard",
}
