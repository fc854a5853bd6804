"""Meetings from a calendar export and messages from a mailbox export, as Interactions entries
for the contacts they involve.

A person is matched by address first (any address in the contact's Email cell), then by name,
but only by a full name (two words or more) that one contact alone bears: a display name is
often only a first name or a company. Every entry carries a reference (the event's UID and
day, or the message's Message-ID, with the contact), so that importing the same file again
adds nothing (`logbook.LogBook.plan`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Iterable
from pathlib import Path
from typing import Protocol

from netreport.logbook import Contact, Directory, Entry
from netreport.schema import MET_TYPES, TYPE_PHRASES

Made = tuple[list[Entry], dict[str, int], list[str], dict[str, int]]


class Party(Protocol):
    """Someone named in an export: an address and a display name, either may be missing."""

    @property
    def email(self) -> str | None: ...

    @property
    def name(self) -> str | None: ...


def match(directory: Directory, party: Party) -> Contact | None:
    """The one contact `party` is, by address, else by a full name only one contact bears."""
    if party.email:
        found = directory.by_email(party.email)
        if len(found) == 1:
            return found[0]
        if found:
            return None
    name = " ".join((party.name or "").split())
    if len(name.split()) < 2 or "@" in name:
        return None
    found = directory.by_name(name)
    return found[0] if len(found) == 1 else None


def _add(skipped: dict[str, int], reason: str, count: int = 1) -> None:
    if count:
        skipped[reason] = skipped.get(reason, 0) + count


def meetings(
    path: Path, *, since: dt.date, until: dt.date, me: Iterable[str]
) -> Callable[[Directory], Made]:
    """The entries of a calendar export: one Meeting per contact who was invited and did not
    decline, for each occurrence between `since` and `until`."""

    def make(directory: Directory) -> Made:
        from netreport.importers.calendar import parse_calendar

        owners = {m.strip().lower() for m in me}
        export = parse_calendar(path, since=since, until=until, me=next(iter(owners), None))
        if export.owner:
            owners.add(export.owner.lower())
        skipped = dict(export.skipped)
        entries: list[Entry] = []
        now = dt.datetime.now(dt.UTC)
        for meeting in export.meetings:
            if _not_yet(meeting.start, now):
                _add(skipped, "not happened yet")
                continue
            people = [*meeting.attendees, *([meeting.organizer] if meeting.organizer else [])]
            met: dict[int, Contact] = {}
            for party in people:
                if party.email and party.email.lower() in owners:
                    continue
                contact = match(directory, party)
                if contact is None:
                    continue
                if party.status == "DECLINED":
                    _add(skipped, "declined by the contact")
                    continue
                met.setdefault(contact.row, contact)
            if not met:
                _add(skipped, "without a contact")
            for contact in met.values():
                ref = f"calendar:{meeting.key} {_who(contact)}"
                kind = said(meeting.summary, "Meeting", MET_TYPES)
                entries.append(Entry(meeting.day, contact, kind, None, meeting.summary, ref))
        counts = {"meetings": len(export.meetings) + sum(export.skipped.values())}
        return _in_order(entries), skipped, list(export.notes), counts

    return make


def messages(
    path: Path, *, since: dt.date, until: dt.date, me: Iterable[str]
) -> Callable[[Directory], Made]:
    """The entries of a mailbox export: a Message sent to each contact the owner wrote to,
    a Reply received from each contact who wrote; only the date, the direction, the contact
    and the subject are kept."""

    def make(directory: Directory) -> Made:
        from netreport.importers.mailbox import parse_mailbox

        export = parse_mailbox(path, me=list(me), since=since, until=until)
        skipped = dict(export.skipped)
        entries: list[Entry] = []
        for message in export.messages:
            found: dict[int, Contact] = {}
            for party in message.others:
                contact = match(directory, party)
                if contact is not None:
                    found.setdefault(contact.row, contact)
            if not found:
                _add(skipped, "to or from no contact")
            kind = (
                said(message.subject, "Message sent", {"Thank-you sent"})
                if message.sent
                else "Reply received"
            )
            for contact in found.values():
                ref = f"mail:{message.key} {_who(contact)}"
                entries.append(Entry(message.day, contact, kind, "Email", message.subject, ref))
        counts = {"messages": len(export.messages) + sum(export.skipped.values())}
        return _in_order(entries), skipped, list(export.notes), counts

    return make


def said(text: str | None, usual: str, allowed: Collection[str]) -> str:
    """The type a title or subject names (`schema.TYPE_PHRASES`), among `allowed`; else
    `usual`."""
    if text:
        for pattern, kind in _PHRASES:
            if kind in allowed and pattern.search(text):
                return kind
    return usual


_PHRASES = tuple((re.compile(p, re.IGNORECASE), kind) for p, kind in TYPE_PHRASES)


def _not_yet(start: object, now: dt.datetime) -> bool:
    """Whether a meeting of today starts after `now` (a time without a zone is local)."""
    if not isinstance(start, dt.datetime):
        return False
    return start.astimezone(dt.UTC) > now


def _in_order(entries: list[Entry]) -> list[Entry]:
    """The entries by day, as a log is kept (the export's own order within a day)."""
    return sorted(entries, key=lambda e: e.day)


def _who(contact: Contact) -> str:
    """The contact as a reference names them: their address, else their name."""
    return contact.email or contact.name


__all__ = ["match", "meetings", "messages", "said"]
