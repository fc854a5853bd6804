"""The outreach as calendar entries (RFC 5545), written with the icalendar library.

One all-day, free-time event per outreach item, on its due date, or on the report date when it
is already overdue (a calendar entry in the past would go unseen). Each event's UID is a hash of
the report's name (the workbook's stem, or a coach run's name for the client), the contact's
key (the one the history follows a person by: email, else name and company) and the kind of
action, so importing next week's file updates last week's entries instead of adding copies;
SEQUENCE grows with the report date so the newer one wins. DTSTAMP is the report date, not the
time of the run: the same input gives the same bytes.

The user's text goes into TEXT values only (SUMMARY, DESCRIPTION, CATEGORIES) and is escaped
and folded by the library; no URL or ATTACH property is ever made from it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from netreport.analysis.history import contact_keys
from netreport.analysis.result import KIND_LABELS, Analysis, OutreachItem
from netreport.atomic import write_atomically
from netreport.version import __version__

if TYPE_CHECKING:  # icalendar is imported only when a calendar is written
    from icalendar import Calendar, Event

PRODID = f"-//netreport//netreport {__version__}//EN"
UID_DOMAIN = "netreport"
UID_LENGTH = 32  # hex digits of the sha256
PRIORITIES = {"High": 1, "Medium": 5, "Low": 9}  # RFC 5545: 1 highest, 9 lowest, 0 undefined
SEQUENCE_EPOCH = dt.date(2000, 1, 1)
# Control characters RFC 5545 does not allow in TEXT (tab and line feed are allowed; a line
# feed is escaped as \n by the library, a carriage return is made a line feed first).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def write_ics(analysis: Analysis, path: Path, report_stem: str) -> None:
    """Write this week's outreach to `path` as an iCalendar file, atomically, and check that it
    parses back with one event per outreach item."""
    calendar = build_calendar(analysis, report_stem)
    data = calendar.to_ical()
    expected = len(analysis.outreach)

    def write(temp: Path) -> None:
        temp.write_bytes(data)

    def verify(temp: Path) -> None:
        from icalendar import Calendar

        events = Calendar.from_ical(temp.read_bytes()).walk("VEVENT")
        if len(events) != expected:
            raise OSError(f"the written calendar holds {len(events)} events, not {expected}")

    write_atomically(Path(path), write, verify=verify)


def build_calendar(analysis: Analysis, report_stem: str) -> Calendar:
    """The VCALENDAR: one VEVENT per outreach item, in priority order."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(f"Outreach: {analysis.settings.owner or report_stem}"))
    for item, uid in zip(analysis.outreach, uids(analysis, report_stem), strict=True):
        calendar.add_component(event(item, uid, analysis.as_of))
    return calendar


def uids(analysis: Analysis, report_stem: str) -> list[str]:
    """A UID per outreach item that stays the same for the same person and kind of action from
    one week's report to the next.

    Two rows with the same key (a duplicate contact) and the same kind would share a UID; the
    second and later ones, in workbook order, get a counter in the hash so every UID is unique.
    """
    keys = contact_keys(analysis.contacts)
    seen: Counter[tuple[str, str]] = Counter()
    counted: dict[int, int] = {}
    for item in sorted(analysis.outreach, key=lambda i: i.row):
        pair = (str(keys.at[item.row]), item.kind)
        seen[pair] += 1
        counted[item.row] = seen[pair]
    result = []
    for item in analysis.outreach:
        parts = [report_stem, str(keys.at[item.row]), item.kind]
        if counted[item.row] > 1:
            parts.append(str(counted[item.row]))
        digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
        result.append(f"{digest[:UID_LENGTH]}@{UID_DOMAIN}")
    return result


def event(item: OutreachItem, uid: str, as_of: dt.date) -> Event:
    """One all-day entry: on the due date, or on the report date when overdue."""
    from icalendar import Event

    day = max(item.due, as_of)
    entry = Event()
    entry.add("uid", uid)
    entry.add("dtstamp", dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC))
    entry.add("sequence", (as_of - SEQUENCE_EPOCH).days)
    entry.add("dtstart", day)
    entry.add("dtend", day + dt.timedelta(days=1))
    entry.add("transp", "TRANSPARENT")
    entry.add("summary", _text(f"{KIND_LABELS.get(item.kind, item.kind)}: {item.name}"))
    entry.add("description", _text(description(item, as_of)))
    entry.add("categories", [_text(item.category)])
    entry.add("priority", PRIORITIES.get(item.level, 0))
    return entry


def description(item: OutreachItem, as_of: dt.date) -> str:
    """Why now, the ask, since when it is due (when overdue), and who the person is."""
    lines = [f"Why now: {item.why}", f"Ask: {item.ask}"]
    if item.due < as_of:
        late = (as_of - item.due).days
        lines.append(f"Due since {item.due.isoformat()} ({late} day{'s' * (late != 1)} overdue)")
    lines.append(
        "(" + ", ".join(p for p in (item.category, item.company) if isinstance(p, str) and p) + ")"
    )
    return "\n".join(lines)


def _text(value: str) -> str:
    """Text as RFC 5545 allows it: line breaks as line feeds (the library escapes them), other
    control characters left out. Escaping and folding are the library's."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", value)
