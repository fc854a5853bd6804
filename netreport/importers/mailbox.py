"""Mailbox exports (mbox): who the owner wrote to and who wrote back, from the headers alone.

Three exports are read, all mbox files (messages one after another, each after a `From `
line):
- Google Takeout's `Takeout/Mail/All mail Including Spam and Trash.mbox` (CRLF line ends,
  `From 1780...@xxx Mon Oct 14 12:34:56 +0000 2024` lines, labels in `X-Gmail-Labels`);
- Thunderbird's mailbox files (`Inbox`, `Sent` in a profile's Mail folder; `From - Mon Oct
  14 12:34:56 2024` lines, state in `X-Mozilla-Status`);
- Apple Mail's Mailbox > Export Mailbox, a folder `Name.mbox/` holding a file `mbox`.

Only headers are read and nothing of a body is kept. A Takeout file can hold many gigabytes,
so the file is read a megabyte at a time and each message's header block is cut out by
finding the `From ` lines here: `mailbox.mbox` indexes the whole file line by line in Python
and hands each message over whole, attachments included (on a 156 MB Takeout-like file,
2.1 s to index it and 5.8 s to read every message's headers, against 0.4 s and 3.5 s here,
with memory bounded by the largest header block, not the largest message). The few header
fields used are picked out of each block with one expression (the stdlib's header parser
builds every field of every message, several times slower); their values are decoded by
the standard library: `email.utils.getaddresses`, `parsedate_to_datetime` and
`email.header.decode_header` (with `email.policy.default` for the encoded words that one
refuses).

A line is a message's `From ` line when it carries an asctime date (`Mon Oct 14 12:34:56`),
as mutt requires, or, lacking one (`From Moon`, as some tools write), when it follows a
blank line and a header line follows it. mbox writers quote a body's own `From ` lines
(`>From `), so neither rule splits a message.

Who is who:
- a message is **sent** when its From is one of the owner's addresses (`owner_key`: case,
  +tags and Gmail's dots do not matter); the others are everyone in To, Cc and Bcc but the
  owner;
- else it is **received** when the owner is in To, Cc or Bcc, and the other is the sender:
  From, not Reply-To, which lists, ticket and recruiting systems and newsletters set to route
  answers elsewhere; it says who should get the answer, not who wrote.

Which messages are skipped (`SKIP_REASONS`), checked in this order, a message counted under
the first reason that applies; all but the first three counts therefore concern messages
within the window:
- unreadable: no header lines, or a header a decoder fails on (named in the notes);
- no date: no Date header that can be read;
- outside the window: the Date's day, as the sender's offset has it, is before `since` or
  after `until`;
- spam or trash: Gmail's Spam or Trash label, or Thunderbird's deleted flags (a message
  deleted but still in the file until the folder is compacted);
- draft: Gmail's Drafts label (never sent);
- bulk or automated: a mailing list (List-Unsubscribe, List-Id), Precedence bulk, list,
  junk or auto_reply, Auto-Submitted other than no, X-Autoreply / X-Autorespond, or a
  sender such as noreply@, do-not-reply@, mailer-daemon@, postmaster@ or bounces@;
- not to or from you: the owner is neither the sender nor in To, Cc and Bcc (a message
  that reached the owner only as a blind copy, an alias or a list does not count);
- to yourself only: sent by the owner to no one else;
- no sender: received, but From holds no address;
- duplicate: the same key seen before (the Message-ID; without one, `sha256:` and the
  first 32 hex digits of the SHA-256 of the Date, From and Subject header values as
  written, each with its runs of white space made one space, joined by line feeds).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from email import policy
from email.errors import MessageError
from email.header import decode_header, make_header
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO, NoReturn

from netreport.importers.common import NAMES, ImportProblem, clean, guess_kind
from netreport.read.sniff import not_a_regular_file

HOW = (
    "Give the .mbox file from Google Takeout (Takeout/Mail/All mail Including Spam and "
    "Trash.mbox), a Thunderbird mailbox file (Inbox or Sent in the profile's Mail folder) or "
    "an Apple Mail export (Mailbox > Export Mailbox)."
)

UNREADABLE = "unreadable"
SPAM = "spam or trash"
DRAFT = "draft"
BULK = "bulk or automated"
NO_DATE = "no date"
OUTSIDE = "outside the window"
NOT_YOURS = "not to or from you"
ONLY_YOU = "to yourself only"
NO_SENDER = "no sender"
DUPLICATE = "duplicate"
# In the order they are checked: a message is counted under the first that applies.
SKIP_REASONS = (
    UNREADABLE,
    NO_DATE,
    OUTSIDE,
    SPAM,
    DRAFT,
    BULK,
    NOT_YOURS,
    ONLY_YOU,
    NO_SENDER,
    DUPLICATE,
)


@dataclass(frozen=True)
class Party:
    """One person on a message: the address in lower case, the display name decoded."""

    email: str
    name: str | None


@dataclass(frozen=True)
class Message:
    """One message to or from the owner.

    `key` is the Message-ID without <>, else `sha256:` and a hash of Date, From and Subject;
    `where` is "message 12", counting every message in the file from 1; `day` is the Date's
    day in the sender's own offset; `others` are, for a message sent, everyone in To, Cc and
    Bcc but the owner, and for a message received, its sender (From)."""

    key: str
    where: str
    day: dt.date
    sent: bool
    others: tuple[Party, ...]
    subject: str | None


@dataclass
class MailExport:
    """What was read: the messages kept, how many were skipped and why, notes for the user."""

    path: Path
    messages: list[Message]
    skipped: dict[str, int]
    notes: list[str] = field(default_factory=list)


def parse_mailbox(path: Path, *, me: Iterable[str], since: dt.date, until: dt.date) -> MailExport:
    """The messages of a mailbox export sent or received by the owner (`me`, one or more
    addresses) between `since` and `until`, both days included.

    ImportProblem when the file is no mailbox; a message that cannot be read is skipped and
    named in the notes."""
    path = Path(path)
    addresses = [address.strip().lower() for address in me]
    if not addresses or not all("@" in address for address in addresses):
        raise ValueError(f"the owner's addresses are needed, as name@domain: {addresses}")
    owner = frozenset(owner_key(address) for address in addresses)
    if since > until:
        raise ValueError(f"the window starts ({since}) after it ends ({until})")
    judge = _Judge(owner, since, until)
    source = _mailbox_file(path)
    try:
        with source.open("rb") as handle:
            for number, block, cut in _header_blocks(path, handle):
                judge.read(number, block, cut)
    except OSError as exc:
        raise ImportProblem(
            path, f"cannot be read ({exc.strerror or exc}).", "Check that you may read it."
        ) from exc
    return MailExport(path, judge.messages, judge.skipped(), judge.notes(addresses))


def owner_key(address: str) -> str:
    """The owner's address as a mailbox receives it: lower case, without a +tag
    (`ann+jobs@x.org` reaches `ann@x.org` at nearly every provider), and for Gmail without
    dots (`john.smith@gmail.com` is `johnsmith@gmail.com`; googlemail.com is gmail.com).

    Used only to tell whether an address is the owner's; other people's addresses are kept
    as written (lower-cased), as the workbook holds them."""
    local, _, domain = address.strip().strip("<>").lower().rpartition("@")
    local = local.split("+", 1)[0] or local
    if domain in _GMAIL:
        local, domain = local.replace(".", ""), "gmail.com"
    return f"{local}@{domain}"


_GMAIL = frozenset({"gmail.com", "googlemail.com"})

# ---- judging one message -----------------------------------------------------------------

# Takeout writes Gmail's system labels in the account's language.
_TRASH_LABELS = frozenset(
    {"spam", "trash", "bin", "corbeille", "papierkorb", "papelera", "lixeira", "cestino"}
)
_DRAFT_LABELS = frozenset({"draft", "drafts", "brouillons", "entwürfe", "borradores", "bozze"})
_SENT_LABELS = frozenset({"sent", "sent mail", "messages envoyés", "gesendet", "enviados"})
_EXPUNGED = 0x0008  # X-Mozilla-Status: deleted, gone when the folder is compacted
_IMAP_DELETED = 0x00200000  # X-Mozilla-Status2: deleted on the IMAP server
_BULK_PRECEDENCE = frozenset({"bulk", "list", "junk", "auto_reply"})
# A sender's local part that no one reads: noreply, messages-noreply, do-not-reply, ...
_NO_REPLY = re.compile(
    r"(?:^|[-_.+])(?:no|do[-_.]?not)[-_.]?reply(?:$|[-_.+])"
    r"|^(?:mailer[-_.]?daemon|postmaster|bounces?)(?:$|[-_.+])",
    re.I,
)
# An address as getaddresses returns it: something@something, no spaces or brackets.
_ADDRESS = re.compile(r"[^\s@<>(),;:\"]+@[^\s@<>(),;:\"]+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_NOTES_LISTED = 5  # unreadable messages named one by one; the rest are counted


class _Judge:
    """Reads each message's header block and keeps it or counts why not."""

    def __init__(self, owner: frozenset[str], since: dt.date, until: dt.date) -> None:
        self.owner, self.since, self.until = owner, since, until
        self.domains = {key.partition("@")[2] for key in owner}
        if "gmail.com" in self.domains:
            self.domains.add("googlemail.com")
        self.messages: list[Message] = []
        self.counts: Counter[str] = Counter()
        self.seen: set[str] = set()
        # The first few unreadable messages and cut header blocks, to name in the notes.
        self.unreadable: list[str] = []
        self.cut: list[str] = []
        self.cut_count = 0
        # Addresses that may be the owner's too: the senders of Gmail's Sent messages and
        # the Delivered-To of messages found neither to nor from the owner.
        self.maybe_yours: Counter[str] = Counter()

    def read(self, number: int, block: bytes, cut: bool) -> None:
        where = f"message {number}"
        if cut:
            self.cut_count += 1
            if len(self.cut) < _NOTES_LISTED:
                self.cut.append(where)
        try:
            if not _HEADER_LINE.match(block):
                raise ValueError("no header lines")
            outcome = self.judge(where, _fields(block))
        except (ValueError, LookupError, TypeError, MessageError) as exc:
            # The stdlib's decoders are lenient, but a mangled header can still trip one:
            # that message is left out, never the file.
            reason = " ".join(str(exc).split())[:120] or type(exc).__name__
            if len(self.unreadable) < _NOTES_LISTED:
                self.unreadable.append(f"{where} cannot be read ({reason}): left out.")
            outcome = UNREADABLE
        if isinstance(outcome, Message):
            self.messages.append(outcome)
        else:
            self.counts[outcome] += 1

    def judge(self, where: str, fields: dict[str, list[str]]) -> Message | str:
        day = _day(_first(fields, "date"))
        if day is None:
            return NO_DATE
        if not self.since <= day <= self.until:
            return OUTSIDE
        labels = _labels(fields)
        if labels & _TRASH_LABELS or _deleted(fields):
            return SPAM
        if labels & _DRAFT_LABELS:
            return DRAFT
        senders = _parties(fields.get("from", [])[:1])
        if _automated(fields, senders):
            return BULK
        addressed = fields.get("to", []) + fields.get("cc", []) + fields.get("bcc", [])
        sent = any(self.is_owner(p) for p in senders)
        if sent:
            others = _unique(p for p in _parties(addressed) if not self.is_owner(p))
            if not others:
                return ONLY_YOU
        else:
            if labels & _SENT_LABELS:
                self.maybe_yours.update(p.email for p in senders)
            if not self.names_owner(addressed):
                delivered = fields.get("delivered-to", []) + fields.get("x-original-to", [])
                self.maybe_yours.update(
                    {p.email for p in _parties(delivered) if not self.is_owner(p)}
                )
                return NOT_YOURS
            others = _unique(senders)
            if not others:
                return NO_SENDER
        key = _key(fields)
        if key in self.seen:
            return DUPLICATE
        self.seen.add(key)
        subject = _first(fields, "subject")
        return Message(
            key=key,
            where=where,
            day=day,
            sent=sent,
            others=others,
            subject=clean(_decoded(subject)) if subject else None,
        )

    def names_owner(self, values: list[str]) -> bool:
        """Whether the address fields name one of the owner's addresses. Most that do not
        lack the owner's domain altogether, and are told apart without parsing them."""
        text = " ".join(values).lower()
        if not any(domain in text for domain in self.domains):
            return False
        return any(self.is_owner(p) for p in _parties(values))

    def is_owner(self, party: Party) -> bool:
        return owner_key(party.email) in self.owner

    def skipped(self) -> dict[str, int]:
        return {reason: self.counts[reason] for reason in SKIP_REASONS if self.counts[reason]}

    def notes(self, me: list[str]) -> list[str]:
        notes = list(self.unreadable)
        more = self.counts[UNREADABLE] - len(self.unreadable)
        if more:
            notes.append(f"{_plural(more, 'more message')} cannot be read: left out.")
        if self.cut:
            named = ", ".join(self.cut) + (", ..." if self.cut_count > len(self.cut) else "")
            notes.append(
                f"{_plural(self.cut_count, 'message')} ({named}) "
                f"{'has' if self.cut_count == 1 else 'have'} more than "
                f"{_HEADER_LIMIT // 2**20} MB of header lines: only the first megabyte was read."
            )
        yours = ", ".join(dict.fromkeys(me))
        if self.counts[NOT_YOURS] and self.maybe_yours:
            common = ", ".join(
                f"{address} ({_plural(count, 'message')})"
                for address, count in self.maybe_yours.most_common(3)
            )
            notes.append(
                f"Some messages came to or from addresses not given as yours ({yours}): "
                f"{common}. If one is yours, give it too (--me)."
            )
        if self.messages and not any(m.sent for m in self.messages):
            notes.append(
                f"No message in the window is from you ({yours}): this file holds only "
                "messages you received. To count the messages you sent, import your Sent "
                "mailbox too."
            )
        return notes


def _fields(block: bytes) -> dict[str, list[str]]:
    """The header fields used, by lower-case name: each value unfolded and decoded to text
    (RFC 6532 UTF-8, else Windows-1252 for the raw 8-bit bytes of old mailers); encoded
    words are decoded where each field is used."""
    fields: dict[str, list[str]] = {}
    for found in _FIELD.finditer(block):
        name = found[1].decode("ascii").lower()
        if name in _USED:
            fields.setdefault(name, []).append(_text(found[2]))
    return fields


_USED = frozenset(
    {
        "from",
        "to",
        "cc",
        "bcc",
        "date",
        "subject",
        "message-id",
        "x-gmail-labels",
        "x-mozilla-status",
        "x-mozilla-status2",
        "list-unsubscribe",
        "list-id",
        "precedence",
        "auto-submitted",
        "x-autoreply",
        "x-autorespond",
        "delivered-to",
        "x-original-to",
    }
)
# A field at the start of a line, with its folded continuation lines (they start with a space
# or a tab). `.` stops at \n only, so a CRLF's \r stays in the value until `_text`. Matching
# every field and keeping the used ones is twice as fast as naming them in the expression.
_FIELD = re.compile(rb"^([!-9;-~]+)[ \t]*:(.*(?:\n[ \t].*)*)", re.M)
_HEADER_LINE = re.compile(rb"[!-9;-~]+[ \t]*:")


def _text(raw: bytes) -> str:
    value = raw.replace(b"\r", b"").replace(b"\n", b"")
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        text = value.decode("cp1252", "replace")
    return text.strip()


def _first(fields: dict[str, list[str]], name: str) -> str | None:
    values = fields.get(name)
    return values[0] if values else None


def _decoded(text: str) -> str:
    """Text with its RFC 2047 encoded words (=?UTF-8?B?...?=, =?ISO-8859-1?Q?...?=) decoded."""
    if "=?" not in text:
        return text
    try:
        decoded = str(make_header(decode_header(text)))
    except (MessageError, LookupError, ValueError):
        # An unknown charset, broken base64, or raw 8-bit text beside encoded words:
        # the modern parser decodes what it can and registers the rest as defects.
        decoded = str(policy.default.header_factory("subject", text))
    return _SURROGATE.sub("\ufffd", decoded)


def _parties(values: list[str]) -> list[Party]:
    parties = []
    for name, address in getaddresses(values):
        address = address.strip().lower()
        if _ADDRESS.fullmatch(address):
            parties.append(Party(address, _name(name, address)))
    return parties


def _name(display: str, address: str) -> str | None:
    name = clean(_decoded(display))
    if name and len(name) > 1 and name[0] == name[-1] and name[0] in "'\"":
        name = clean(name[1:-1])  # Outlook's 'Ann Lee' <ann@x.org>
    if not name or name.lower().strip("<>") == address:
        return None
    return name


def _unique(parties: Iterable[Party]) -> tuple[Party, ...]:
    """One party per address, in order; a name found later fills a blank one."""
    kept: dict[str, Party] = {}
    for party in parties:
        if party.email not in kept or (kept[party.email].name is None and party.name):
            kept[party.email] = party
    return tuple(kept.values())


def _labels(fields: dict[str, list[str]]) -> set[str]:
    """Gmail's labels, case-folded; a label holding a comma is quoted."""
    labels: set[str] = set()
    for value in fields.get("x-gmail-labels", []):
        for row in csv.reader([_decoded(value)], skipinitialspace=True):
            labels.update(label.strip().casefold() for label in row)
    return labels


def _deleted(fields: dict[str, list[str]]) -> bool:
    return bool(
        _flags(_first(fields, "x-mozilla-status")) & _EXPUNGED
        or _flags(_first(fields, "x-mozilla-status2")) & _IMAP_DELETED
    )


def _flags(value: str | None) -> int:
    try:
        return int(value or "0", 16)
    except ValueError:
        return 0


def _automated(fields: dict[str, list[str]], senders: list[Party]) -> bool:
    if any(
        name in fields for name in ("list-unsubscribe", "list-id", "x-autoreply", "x-autorespond")
    ):
        return True
    if (_first(fields, "precedence") or "").strip().lower() in _BULK_PRECEDENCE:
        return True
    submitted = (_first(fields, "auto-submitted") or "").split(";")[0].strip().lower()
    if submitted and submitted != "no":
        return True
    return any(_NO_REPLY.search(p.email.partition("@")[0]) for p in senders)


def _day(value: str | None) -> dt.date | None:
    """The Date header's day as the sender wrote it (in the sender's own offset)."""
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (ValueError, TypeError, LookupError, OverflowError):
        return None


def _key(fields: dict[str, list[str]]) -> str:
    message_id = _first(fields, "message-id") or ""
    found = re.search(r"<([^<>\s]+)>", message_id)
    key = found[1] if found else message_id.strip()
    if key and not re.search(r"\s", key):
        return key
    # No Message-ID: the same message always gives the same hash, across runs too.
    material = "\n".join(" ".join((_first(fields, n) or "").split()) for n in _HASHED)
    return "sha256:" + hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


_HASHED = ("date", "from", "subject")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


# ---- finding the messages ----------------------------------------------------------------

_CHUNK = 1 << 20  # bytes read at a time
_HEAD = 1 << 16  # bytes looked at to tell a mailbox from other files
_HEADER_LIMIT = 1 << 20  # a header block longer than this is cut (real ones are a few kB)
_LINE_LIMIT = 4096  # a longer line is no From line
_BLANK_LINE = re.compile(rb"\n\r?\n")  # the end of a header block
# A From line's asctime date: `Mon Oct 14 12:34:56` (Takeout puts +0000 before the year).
_DATED = re.compile(
    rb"From \S*\s+(?:.*\s)?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+"
    rb"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2}\s+\d{1,2}:\d{2}"
)


class _Stream:
    """A window on the file's bytes: read a chunk at a time, consumed bytes dropped."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.data = bytearray()
        self.eof = False

    def more(self) -> bool:
        if not self.eof:
            chunk = self.handle.read(_CHUNK)
            self.data += chunk
            self.eof = not chunk
        return not self.eof

    def line_end(self, start: int, limit: int = _LINE_LIMIT) -> int:
        """The index of the \\n ending the line at `start`, reading on as needed; -1 when the
        file ends first or the line runs past `limit` bytes."""
        while True:
            end = self.data.find(b"\n", start, start + limit)
            if end >= 0 or len(self.data) >= start + limit or not self.more():
                return end

    def separator_at(self, newline: int) -> bool:
        """Whether the line after the \\n at `newline` starts a message."""
        start = newline + 1
        if self.data[start : start + 5] != b"From ":
            return False
        end = self.line_end(start)
        if _DATED.match(self.data, start, end if end >= 0 else len(self.data)):
            return True
        before = self.data[max(0, newline - 2) : newline]
        if end < 0 or not (before.endswith(b"\n") or before == b"\n\r"):
            return False
        after = self.line_end(end + 1)
        return bool(_HEADER_LINE.match(self.data, end + 1, after if after >= 0 else len(self.data)))

    def next_separator(self, start: int) -> bool:
        """Move on to the next From line after `start` (the \\n ending a line): the bytes
        before it are dropped, so that it starts at 0. False at the end of the file."""
        while True:
            newline = self.data.find(b"\nFrom ", start)
            if newline >= 0:
                if self.separator_at(newline):
                    del self.data[: newline + 1]
                    return True
                start = newline + 1
                continue
            # Keep the last bytes: a "\nFrom " may straddle two chunks, and the two bytes
            # before it say whether the line before was blank.
            del self.data[: max(0, len(self.data) - 8)]
            start = max(0, len(self.data) - 5)
            if not self.more():
                return False


def _header_blocks(path: Path, handle: BinaryIO) -> Iterator[tuple[int, bytes, bool]]:
    """(number, header block, cut) for each message: the block is the lines after the From
    line up to the blank line; cut when it ran past `_HEADER_LIMIT`. ImportProblem when the
    file does not start as a mailbox does."""
    stream = _Stream(handle)
    while len(stream.data) < _HEAD and stream.more():
        pass
    del stream.data[: _first_separator(path, bytes(stream.data[:_HEAD]))]
    number = 0
    while True:
        number += 1
        # Here a From line starts at 0.
        line_end = stream.line_end(0, _HEADER_LIMIT)
        if line_end < 0:
            # The file ends on the From line, or the line is no line at all: no headers.
            yield number, b"", False
            if stream.eof or not stream.next_separator(0):
                return
            continue
        begin = line_end + 1
        end, cut = _header_end(stream, begin)
        # A From line before any blank line: a message with no body and no blank line.
        inner = stream.data.find(b"\nFrom ", begin - 1, end)
        while inner >= 0 and not stream.separator_at(inner):
            inner = stream.data.find(b"\nFrom ", inner + 1, end)
        if inner >= 0:
            end, cut = inner + 1, False
        yield number, bytes(stream.data[begin:end]), cut
        if not stream.next_separator(end - 1):
            return


def _header_end(stream: _Stream, begin: int) -> tuple[int, bool]:
    """Where the header block starting at `begin` ends (after its last line's \\n), and
    whether it was cut at `_HEADER_LIMIT`."""
    search = begin - 1
    while True:
        blank = _BLANK_LINE.search(stream.data, search)
        if blank:
            return blank.start() + 1, False
        if len(stream.data) - begin > _HEADER_LIMIT:
            last = stream.data.rfind(b"\n", begin, begin + _HEADER_LIMIT)
            return (last + 1 if last >= begin else begin + _HEADER_LIMIT), True
        search = max(begin - 1, len(stream.data) - 2)
        if not stream.more():
            return len(stream.data), False


def _first_separator(path: Path, head: bytes) -> int:
    """Where the first From line starts; ImportProblem naming what the file is instead."""
    start = len(head) - len(head.lstrip(b" \t\r\n"))
    start = head.rfind(b"\n", 0, start) + 1  # back to the start of that line
    body = head[start:]
    if body.startswith(b"From "):
        line_end = body.find(b"\n")
        line = body[: line_end if line_end >= 0 else len(body)]
        after = body[line_end + 1 :] if line_end >= 0 else b""
        if _DATED.match(line) or _HEADER_LINE.match(after):
            return start
    _not_a_mailbox(path, head)


def _not_a_mailbox(path: Path, head: bytes) -> NoReturn:
    """Raise ImportProblem saying what the file is, when it can tell, and what to give."""
    if not head.strip():
        raise ImportProblem(path, "is empty.", "Export the mailbox again. " + HOW)
    if head.startswith(b"PK\x03\x04"):
        raise ImportProblem(
            path,
            "is a zip file (a Google Takeout download?), not the mailbox itself.",
            "Unzip it and give the .mbox inside it (Takeout/Mail/All mail Including Spam and "
            "Trash.mbox).",
        )
    if head.startswith(b"\x1f\x8b"):
        raise ImportProblem(
            path,
            "is a compressed archive (.tgz or .gz, as Google Takeout sends), not the mailbox "
            "itself.",
            "Extract it (double-click it, or run `tar -xzf` on it) and give the .mbox inside it "
            "(Takeout/Mail/All mail Including Spam and Trash.mbox).",
        )
    if head.startswith(b"!BDN"):
        raise ImportProblem(
            path,
            "is an Outlook data file (.pst), which netreport cannot read.",
            "Import it into Thunderbird and give the Inbox or Sent mailbox file from "
            "Thunderbird's profile folder.",
        )
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(
            path, "is an Outlook message (.msg) or an Office document, not a mailbox.", HOW
        )
    if path.suffix.lower() == ".msf":
        raise ImportProblem(
            path,
            "is Thunderbird's index of a mailbox (.msf), not the mailbox.",
            f"Give the file beside it named '{path.stem}', without .msf.",
        )
    if b"\x00" in head:
        raise ImportProblem(path, "is not a text file, so not a mailbox.", HOW)
    text = head.decode("latin-1")
    if text.lstrip().upper().startswith("BEGIN:VCARD"):
        raise ImportProblem(
            path, "is a vCard file (contacts), not a mailbox.", "Run `netreport import vcard`."
        )
    kind = guess_kind(list(csv.reader(text.splitlines()[:50])))
    if kind:
        raise ImportProblem(
            path,
            f"is a {NAMES[kind]} export (CSV), not a mailbox.",
            f"Run `netreport import {kind}` on it.",
        )
    if _HEADER_LINE.match(head.lstrip()):
        raise ImportProblem(
            path,
            "is a single email (.eml), not a mailbox: it starts with a header line, not with "
            "a 'From ' line.",
            HOW,
        )
    raise ImportProblem(
        path,
        "does not start as a mailbox (mbox) does, with a 'From ' line and the first "
        "message's header lines.",
        HOW,
    )


def _mailbox_file(path: Path) -> Path:
    """The file to read: `path` itself, or the `mbox` file in an Apple Mail export folder.
    ImportProblem for a missing path, a special file or a folder of another kind."""
    if not path.exists():
        raise ImportProblem(path, "no such file or folder.", "Check the path and the name.")
    if not path.is_dir():
        special = not_a_regular_file(path)
        if special:
            raise ImportProblem(path, special, HOW)
        return path
    inner = path / "mbox"
    if inner.is_file():
        return inner  # Apple Mail's Export Mailbox: Name.mbox/mbox
    names = sorted(child.name for child in path.iterdir())
    if (
        (path / "Messages").is_dir()
        or any(n.endswith(".emlx") for n in names)
        or any((path / n / "Data").is_dir() for n in names)
    ):
        raise ImportProblem(
            path,
            "is Apple Mail's own storage (.emlx messages), not an export.",
            "In Mail, select the mailbox, choose Mailbox > Export Mailbox, and give the "
            "exported .mbox folder.",
        )
    if {"cur", "new"} <= set(names):
        raise ImportProblem(
            path,
            "is a Maildir folder (one file a message), which netreport cannot read.",
            HOW,
        )
    mailboxes = [n for n in names if n.lower().endswith(".mbox")]
    if path.suffix.lower() == ".sbd":
        mailboxes = [n for n in names if (path / n).is_file() and not n.endswith(".msf")]
    if mailboxes:
        shown = ", ".join(mailboxes[:5]) + (", ..." if len(mailboxes) > 5 else "")
        raise ImportProblem(
            path,
            f"is a folder holding {len(mailboxes)} mailbox{'es' if len(mailboxes) > 1 else ''} "
            f"({shown}).",
            "Give one mailbox at a time.",
        )
    raise ImportProblem(path, "is a folder, not a mailbox file.", HOW)
