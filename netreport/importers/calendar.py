"""Calendar exports (.ics): the meetings in a window of days, and who was invited to each.

Read as people really export them:
- Google Calendar (Settings > Import & export > Export): a .zip holding one .ics per calendar
  the owner has, or one .ics. The main calendar is named after the owner's address
  (X-WR-CALNAME); times written in UTC are read in the calendar's X-WR-TIMEZONE.
- Outlook (File > Save Calendar, or an .ics attachment): Windows time-zone names
  (TZID="W. Europe Standard Time") defined by the file's own VTIMEZONE, the owner in X-OWNER,
  X-MICROSOFT-* fields, `invalid:nomail` for people without an address.
- Apple Calendar (File > Export > Export): all-day events as VALUE=DATE, and attendees whose
  address is in an EMAIL= parameter rather than a mailto: value.

icalendar reads the text (folded lines, escapes, time zones, Windows zone names) and
recurring-ical-events expands repeating events (RRULE, RDATE, EXDATE, instances moved or
cancelled with RECURRENCE-ID, X-WR-TIMEZONE); neither is done by hand here.

What is kept and what is left out (counted in `skipped`, by reason):
- an occurrence counts when its start date, in the event's own time zone (all-day and floating
  events: as written), is inside [since, until]; a series with no occurrence inside is counted
  once as "outside the window" (every other reason counts occurrences);
- "cancelled": STATUS:CANCELLED on the event or on the one instance, or a file whose METHOD
  is CANCEL (a cancellation notice);
- "declined": the owner's own ATTENDEE line says PARTSTAT=DECLINED; other people's declines
  are kept with their status, for the caller to judge;
- "no one else invited": no attendee but the organizer and the owner (the organizer counts
  only when the owner is known and is someone else);
- "same event, same day": a key met again (one invitation in two calendars of a Google zip,
  or a series that repeats within a day).
Rooms and resources (CUTYPE=ROOM or RESOURCE, Google's *.calendar.google.com addresses) are
not people and are left out of the attendees. The organizer's status is the one the attendee
list gives them, else ACCEPTED. The owner is `me`, else the one calendar name that is an email
address (for a zip with several, the one its file name holds), else Outlook's X-OWNER; the
owner stays among the attendees, for the caller to leave out.

A meeting's key is UID@date, where the date is the slot the series gives the occurrence (its
RECURRENCE-ID): moving one instance of a weekly meeting does not make it a new meeting, and two
instances moved onto one day keep apart. An event without a UID gets one made from its start
and summary, so the same file read twice gives the same keys.

Each event is read on its own: one that cannot be read is left out and named in the notes.
The file is cut into events with a quick line scan and each series (the events sharing a UID)
is parsed alone, so memory stays near the file's size; a series that cannot repeat and starts
far outside the window is counted without being parsed, so years of history cost little.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import tempfile
import zipfile
import zlib
import zoneinfo
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import icalendar

from netreport.importers.common import ImportProblem, clean, read_text
from netreport.limits import DEFAULT_MAX_UNZIPPED_BYTES
from netreport.read.sniff import ZIP_MAGIC, check_zip_limits

WHAT = "calendar export (.ics)"
HOW_TO_EXPORT = (
    "Export the calendar again: Google Calendar: Settings > Import & export > Export; "
    "Outlook: File > Save Calendar; Apple Calendar: File > Export > Export."
)


@dataclass(frozen=True)
class Attendee:
    """One person named on an event."""

    email: str | None  # lower-cased address (mailto:, else Apple's EMAIL=), None if none
    name: str | None  # CN, cleaned; None when it is only the address again
    status: str  # PARTSTAT upper-cased, "NEEDS-ACTION" when absent


@dataclass(frozen=True)
class Meeting:
    """One occurrence of an event inside the window."""

    key: str  # stable idempotency key: UID@date of the occurrence's slot (module notes)
    where: str  # for messages: "event 12", "event 12, 2026-10-14", "event 3 of Work.ics"
    day: dt.date  # the start's date in the event's own time zone (all-day: as written)
    summary: str | None  # SUMMARY cleaned to one line
    organizer: Attendee | None  # status: theirs on the attendee list, else ACCEPTED
    attendees: tuple[Attendee, ...]  # everyone named, organizer not repeated, owner kept
    # When it starts: a time (with its zone; none for a floating time) or a day (all-day).
    start: dt.datetime | dt.date | None = field(default=None, compare=False)


@dataclass
class CalendarExport:
    """What a calendar export holds for the window, and what the user should hear about it."""

    path: Path
    meetings: list[Meeting]  # by day, then file order
    owner: str | None  # the owner's address: `me`, else the calendar named after an address
    skipped: dict[str, int] = field(default_factory=dict)  # reason -> count (module notes)
    notes: list[str] = field(default_factory=list)


def parse_calendar(
    path: Path,
    *,
    since: dt.date,
    until: dt.date,
    me: str | None = None,
    max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES,
) -> CalendarExport:
    """The meetings of an .ics file (or Google's .zip of them) between `since` and `until`,
    inclusive. `me` is the owner's address when the file does not say it. ImportProblem when
    the file is not a calendar export at all; a zip is refused before anything is unzipped
    when its calendars would unzip to more than `max_unzipped_bytes`."""
    if since > until:
        raise ValueError(f"the window starts ({since}) after it ends ({until})")
    path = Path(path)
    files, notes = _read_files(path, max_unzipped_bytes)
    reader = _Reader(since, until)
    for label, text in files:
        reader.read(label, text)
    owner, owner_note = _owner(me, reader.calendar_names, reader.calendar_owners, path)
    meetings, skipped = _keep(reader.found, owner, reader.skipped)
    notes.extend(reader.notes)
    if reader.events == 0:
        notes.append(f"{path.name} holds no events.")
    if reader.unreadable:
        notes.append(_unreadable_note(reader.unreadable))
    if owner_note and reader.found:
        notes.append(owner_note)
    return CalendarExport(path, meetings, owner, skipped, notes)


# ---- the files ----------------------------------------------------------------------------

_CALENDAR_START = re.compile(r"(?im)^BEGIN:VCALENDAR[ \t\r]*$")
# Google names the files in its zip `<calendar name>_<calendar address>.ics`; Apple and others
# use .ical and .ifb as well.
_CALENDAR_SUFFIXES = (".ics", ".ical", ".ifb")


def _read_files(
    path: Path, max_unzipped_bytes: int
) -> tuple[list[tuple[str | None, str]], list[str]]:
    """(label, text) of each calendar file, and notes on how they were read. The label names a
    file inside a zip (None for a plain .ics)."""
    if _is_zip(path):
        return _read_zip(path, max_unzipped_bytes)
    text, notes = read_text(path, WHAT, folded=True)
    problem = _not_a_calendar(text)
    if problem:
        raise ImportProblem(path, *problem)
    return [(None, text)], notes


def _is_zip(path: Path) -> bool:
    # Only a regular file is opened here: anything else goes to read_text, which says why not.
    if not path.is_file():
        return False
    try:
        with path.open("rb") as handle:
            return handle.read(len(ZIP_MAGIC)) == ZIP_MAGIC
    except OSError:
        return False


def _not_a_calendar(text: str) -> tuple[str, str] | None:
    """(problem, fix) when the text is not iCalendar; None when it is."""
    if _CALENDAR_START.search(text):
        return None
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    first = head.split("\n", 1)[0].casefold()
    if head.upper().startswith("BEGIN:VCARD"):
        return (
            "is a vCard (contacts) file, not a calendar export.",
            "Import it with `netreport import vcard`, or give the calendar's .ics file.",
        )
    if "subject" in first and "start date" in first:
        return (
            "is a calendar saved as CSV; netreport reads calendars in iCalendar form (.ics).",
            "In Outlook, use File > Save Calendar, which saves an .ics file.",
        )
    if head.startswith("<"):
        return ("is a web page or XML, not a calendar export.", HOW_TO_EXPORT)
    return ("is not an iCalendar file (no BEGIN:VCALENDAR line).", HOW_TO_EXPORT)


def _read_zip(
    path: Path, max_unzipped_bytes: int
) -> tuple[list[tuple[str | None, str]], list[str]]:
    """Each calendar file in a zip (Google's export), read as a plain .ics is: the members are
    unzipped one at a time into a private folder and read with `read_text`."""
    files: list[tuple[str | None, str]] = []
    notes: list[str] = []
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if any(i.filename in ("xl/workbook.xml", "word/document.xml") for i in infos):
                raise ImportProblem(
                    path, "is an Office document, not a calendar export.", HOW_TO_EXPORT
                )
            members = [i for i in infos if not i.is_dir() and _is_calendar_member(i.filename)]
            if not members:
                raise ImportProblem(
                    path, "is a zip file with no calendar (.ics) file in it.", HOW_TO_EXPORT
                )
            _check_zip(path, members, max_unzipped_bytes)
            with tempfile.TemporaryDirectory(prefix="netreport-calendar-") as folder:
                for number, info in enumerate(members):
                    name = _member_name(info.filename, number)
                    target = Path(folder) / str(number) / name
                    target.parent.mkdir()
                    with archive.open(info) as source, target.open("wb") as copy:
                        shutil.copyfileobj(source, copy, 1024 * 1024)
                    try:
                        text, read_notes = read_text(target, WHAT, folded=True)
                    except ImportProblem as exc:
                        notes.append(f"{exc} (in the zip; left out)")
                        continue
                    problem = _not_a_calendar(text)
                    if problem:
                        notes.append(f"{name} (in the zip) {problem[0]} Left out.")
                        continue
                    notes.extend(read_notes)
                    files.append((name, text))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error) as exc:
        raise ImportProblem(
            path,
            f"is a damaged or incomplete zip file ({exc}).",
            "Download the export again, or unzip it and give the .ics file.",
        ) from exc
    except OSError as exc:  # reading the zip, or unzipping into the temporary folder
        raise ImportProblem(
            path,
            f"cannot be unzipped ({exc.strerror or exc}).",
            "Check that you may read it and that the disk has room, or unzip it yourself.",
        ) from exc
    if not files:
        raise ImportProblem(path, "holds no calendar that can be read.", HOW_TO_EXPORT)
    return files, notes


def _is_calendar_member(name: str) -> bool:
    base = PurePosixPath(name.replace("\\", "/")).name
    # macOS adds __MACOSX/._name resource forks when it makes a zip: they are not calendars.
    return (
        base.lower().endswith(_CALENDAR_SUFFIXES)
        and not base.startswith("._")
        and not name.startswith("__MACOSX/")
    )


def _member_name(name: str, number: int) -> str:
    """The member's own file name, safe to create (no folders, not too long)."""
    base = PurePosixPath(name.replace("\\", "/")).name.replace("\x00", "")
    if base in ("", ".", ".."):
        return f"calendar-{number + 1}.ics"
    return base if len(base.encode()) <= 200 else base[:100] + base[-20:]


def _check_zip(path: Path, members: list[zipfile.ZipInfo], max_unzipped_bytes: int) -> None:
    """Refuse a zip bomb, or a calendar zip too big to read, from the zip's directory alone,
    by the workbook's rule (`read.sniff.check_zip_limits`), and a zip with a password."""
    check_zip_limits(path, members, max_unzipped_bytes, "export")
    for info in members:
        if info.flag_bits & 0x1:
            raise ImportProblem(
                path, "is protected with a password.", "Unzip it yourself and give the .ics file."
            )


# ---- cutting the text into events ---------------------------------------------------------

# A content line's name, and its value after the first colon outside double quotes (a TZID
# such as "(UTC-08:00) Pacific Time" holds colons).
_NAME = re.compile(r"[A-Za-z0-9-]+")
_PROPERTY = re.compile(r'((?:[^:"]|"[^"]*")*):(.*)', re.S)
# The properties that make an event one of a series (the others need not be looked at).
_SERIES = frozenset({"RRULE", "RDATE", "RECURRENCE-ID"})


@dataclass
class _RawEvent:
    """One VEVENT as written, with what the quick scan saw in it."""

    number: int  # 1-based, counted through the file
    lines: list[str]
    uid: str | None = None
    start: str | None = None  # DTSTART's value as written
    summary: str = ""
    repeats: bool = False  # RRULE, RDATE or RECURRENCE-ID

    def text(self) -> str:
        return "\r\n".join(self.lines) + "\r\n"


@dataclass
class _RawCalendar:
    """One VCALENDAR as written: its own properties, time zones and events."""

    properties: list[str] = field(default_factory=list)
    zones: list[list[str]] = field(default_factory=list)
    events: list[_RawEvent] = field(default_factory=list)


def _split(text: str) -> Iterator[_RawCalendar]:
    """Each VCALENDAR in the text (a file may hold several one after another). Lines outside
    a calendar, and components that are neither events nor time zones (to-dos, journals,
    free/busy), are passed over. An event left open ends where the next begins."""
    calendar: _RawCalendar | None = None
    block: list[str] | None = None  # the lines of the component being read
    event: _RawEvent | None = None
    depth = 0
    number = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        head = line.rstrip().upper()
        if calendar is None:
            if head == "BEGIN:VCALENDAR":
                calendar = _RawCalendar()
            continue
        if block is not None and head not in ("BEGIN:VEVENT", "END:VCALENDAR"):
            block.append(line)
            if head.startswith("BEGIN:"):
                depth += 1
            elif head.startswith("END:"):
                depth -= 1
                if depth == 0:
                    block = event = None
            elif event is not None and depth == 1:
                _scan(event, line)
            continue
        if event is not None and depth == 1:
            event.lines.append("END:VEVENT")  # an event left open: it ends here
        block = event = None
        if head == "END:VCALENDAR":
            yield calendar
            calendar = None
        elif head == "BEGIN:VEVENT":
            number += 1
            event = _RawEvent(number, [line])
            calendar.events.append(event)
            block, depth = event.lines, 1
        elif head == "BEGIN:VTIMEZONE":
            block, depth = [line], 1
            calendar.zones.append(block)
        elif head.startswith("BEGIN:"):
            block, depth = [line], 1  # another kind of component: read and dropped
        elif not head.startswith("END:"):  # a stray END closes nothing
            calendar.properties.append(line)
    if calendar is not None:
        if event is not None and depth == 1:
            event.lines.append("END:VEVENT")
        yield calendar


def _scan(event: _RawEvent, line: str) -> None:
    """Note what the quick look needs from one of the event's own lines."""
    name = _NAME.match(line)
    key = name[0].upper() if name else ""
    if key in _SERIES:
        event.repeats = True
    elif key in ("UID", "DTSTART", "SUMMARY"):
        found = _PROPERTY.fullmatch(line)
        value = found[2].strip() if found else ""
        if key == "UID":
            event.uid = value or None
        elif key == "DTSTART":
            event.start = value
        else:
            event.summary = value


def _written_date(value: str | None) -> dt.date | None:
    """The date at the start of a DTSTART value as written (20261014T...), or None."""
    digits = (value or "")[:8]
    if len(digits) != 8 or not digits.isdigit():
        return None
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None


# ---- reading the events -------------------------------------------------------------------

# An event's date as written (UTC in Google's files) is at most a day from its date in its own
# time zone: the quick look and the query keep this margin, and the exact date decides.
_MARGIN = dt.timedelta(days=2)
# The properties an occurrence is computed from: one of these broken, the event is unreadable.
_NEEDED = frozenset({"UID", "DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE"}) | _SERIES
# Where the reader keeps each event's number on the parsed copy, so every occurrence says
# which event of the file it came from.
_NUMBER = "X-NETREPORT-EVENT"
# What reading or expanding a broken event raises: icalendar's and recurring-ical-events'
# errors are ValueErrors; the others come from values of the wrong type or out of range.
_READ_ERRORS = (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError)
_ADDRESS = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")
NOT_PEOPLE = frozenset({"ROOM", "RESOURCE"})  # CUTYPE values that are not a person
CANCELLED = frozenset({"CANCELLED", "CANCELED"})


@dataclass(frozen=True)
class _Found:
    """A meeting before the owner is known, with what orders it."""

    meeting: Meeting
    order: tuple[int, int]  # (file, event number)


class _Reader:
    """Reads calendar texts one by one into meetings inside the window, before the owner is
    known (a later file of a zip may name the owner)."""

    def __init__(self, since: dt.date, until: dt.date) -> None:
        self.since, self.until = since, until
        # The span asked of recurring-ical-events: the window with the margin, within the
        # dates Python can hold.
        self.start = since - _MARGIN if since > dt.date.min + _MARGIN else dt.date.min
        self.stop = until + _MARGIN if until < dt.date.max - _MARGIN else dt.date.max
        self.found: list[_Found] = []
        self.skipped: dict[str, int] = defaultdict(int)
        self.notes: list[str] = []
        self.unreadable: list[str] = []  # "event 4 (why)"
        self.calendar_names: list[str] = []  # X-WR-CALNAME: Google's main one is an address
        self.calendar_owners: list[str] = []  # X-OWNER, which Outlook's Save Calendar writes
        self.events = 0
        self._files = 0

    def read(self, label: str | None, text: str) -> None:
        self._files += 1
        for raw in _split(text):
            self.events += len(raw.events)
            calendar = self._calendar(label, raw)
            series: dict[str, list[_RawEvent]] = defaultdict(list)
            for event in raw.events:
                series[event.uid or _made_uid(event)].append(event)
            for uid, events in series.items():
                self._series(label, uid, events, calendar)

    def _calendar(self, label: str | None, raw: _RawCalendar) -> _Calendar:
        """The calendar's own properties, with its time zones made known to icalendar."""
        where = f"{label}: " if label else ""
        lines = ["BEGIN:VCALENDAR", *raw.properties, "END:VCALENDAR"]
        try:
            own = icalendar.Calendar.from_ical("\r\n".join(lines) + "\r\n")
        except _READ_ERRORS as exc:
            self.notes.append(f"{where}the calendar's own lines could not be read ({_why(exc)}).")
            own = icalendar.Calendar()
        for zone in raw.zones:
            # Parsing a VTIMEZONE registers it with icalendar, so the events' TZIDs find it.
            try:
                icalendar.Component.from_ical("\r\n".join(zone) + "\r\n")
            except _READ_ERRORS as exc:
                self.notes.append(
                    f"{where}a time zone could not be read ({_why(exc)}): times in it are "
                    "read as written."
                )
        name = clean(_text(own.get("X-WR-CALNAME")))
        if name:
            self.calendar_names.append(name)
        for value in _values(own.get("X-OWNER"))[:1]:
            person = _person(value)
            if person is not None and person[0] is not None:
                self.calendar_owners.append(person[0])
        zone_name = clean(_text(own.get("X-WR-TIMEZONE")))
        if zone_name and not _known_zone(zone_name):
            self.notes.append(
                f"{where}the calendar's time zone ({zone_name}) is unknown: times written in "
                "UTC are read in UTC."
            )
            zone_name = None
        method = (clean(_text(own.get("METHOD"))) or "").upper()
        return _Calendar(zone_name, cancels=method == "CANCEL", file=self._files)

    def _series(
        self, label: str | None, uid: str, raws: list[_RawEvent], calendar: _Calendar
    ) -> None:
        """The occurrences of one series (the events sharing a UID) inside the window."""
        repeats = len(raws) > 1 or any(raw.repeats for raw in raws)
        if not repeats and self._far_outside(raws[0]):
            self.skipped["outside the window"] += 1
            return
        query = icalendar.Calendar()
        parsed = []
        for raw in raws:
            event = self._parse(label, raw)
            if event is not None:
                event[_NUMBER] = icalendar.vText(str(raw.number))
                if "UID" not in event:
                    event["UID"] = icalendar.vText(uid)
                query.add_component(event)
                parsed.append(raw.number)
        if not parsed:
            return
        if calendar.zone:
            query["X-WR-TIMEZONE"] = icalendar.vText(calendar.zone)
        try:
            results = [
                (occurrence, self._occurrence(label, uid, occurrence, repeats, calendar))
                for occurrence in _between(query, self.start, self.stop)
            ]
        except _READ_ERRORS as exc:
            why = _why(exc)
            self.unreadable.extend(_named(label, number, why) for number in parsed)
            return
        inside = False
        for occurrence, result in results:
            if result is None:
                continue
            inside = True
            if isinstance(result, str):
                self.skipped[result] += 1
            else:
                number = int(_text(occurrence.get(_NUMBER)) or 0)
                self.found.append(_Found(result, (calendar.file, number)))
        if not inside:
            self.skipped["outside the window"] += 1

    def _far_outside(self, raw: _RawEvent) -> bool:
        """Whether a lone event surely starts outside the window, from its date as written."""
        written = _written_date(raw.start)
        if written is None:
            return False  # let the parser look, and say what is wrong
        return written < self.start or written > self.stop

    def _parse(self, label: str | None, raw: _RawEvent) -> icalendar.Event | None:
        """The event parsed, or None (and a note) when it cannot be used."""
        try:
            event = icalendar.Component.from_ical(raw.text())
        except _READ_ERRORS as exc:
            self.unreadable.append(_named(label, raw.number, _why(exc)))
            return None
        problem = _unusable(event)
        if problem is not None or not isinstance(event, icalendar.Event):
            why = " ".join((problem or "not an event").split())[:120]
            self.unreadable.append(_named(label, raw.number, why))
            return None
        return event

    def _occurrence(
        self,
        label: str | None,
        uid: str,
        occurrence: icalendar.Event,
        repeats: bool,
        calendar: _Calendar,
    ) -> Meeting | str | None:
        """The occurrence as a Meeting; the reason it is skipped ("cancelled"); None when it
        is outside the window."""
        day = _date(occurrence.start)
        if not self.since <= day <= self.until:
            return None
        status = (clean(_text(occurrence.get("STATUS"))) or "").upper()
        if calendar.cancels or status in CANCELLED:
            return "cancelled"
        slot = occurrence.get("RECURRENCE-ID")
        slot_day = _date(getattr(slot, "dt", None)) if slot is not None else day
        number = _text(occurrence.get(_NUMBER))
        where = f"event {number}" + (f" of {label}" if label else "")
        if repeats:
            where += f", {day.isoformat()}"
        organizer, attendees = _people(occurrence)
        return Meeting(
            key=f"{uid}@{slot_day.isoformat()}",
            where=where,
            day=day,
            summary=clean(_text(occurrence.get("SUMMARY"))),
            organizer=organizer,
            attendees=attendees,
            start=occurrence.start,
        )


@dataclass(frozen=True)
class _Calendar:
    zone: str | None  # X-WR-TIMEZONE, when it is a zone zoneinfo knows
    cancels: bool  # METHOD:CANCEL: every event in it is a cancellation
    file: int


def _between(calendar: icalendar.Calendar, start: dt.date, stop: dt.date) -> list[Any]:
    """The occurrences of the calendar's events from `start` to `stop`: a naive date is read
    in each event's own time zone."""
    import recurring_ical_events  # type: ignore[import-untyped]

    return list(recurring_ical_events.of(calendar).between(start, stop))


def _unusable(event: icalendar.Component) -> str | None:
    """Why a parsed event cannot be expanded, or None."""
    if not isinstance(event, icalendar.Event):
        return "not an event"
    if "DTSTART" not in event:
        return "it has no start, DTSTART"
    for name, why in event.errors:
        if (name or "").upper() in _NEEDED:
            return f"{name}: {why}"
    return None


def _date(value: object) -> dt.date:
    """A start's date: a datetime's in its own time zone, a date as it is."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raise TypeError(f"not a date: {value!r}")


def _made_uid(event: _RawEvent) -> str:
    """A UID for an event without one, the same each time the file is read."""
    digest = hashlib.sha1(f"{event.start}\n{event.summary}".encode(), usedforsecurity=False)
    return "no-uid-" + digest.hexdigest()[:16]


def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _text(value: object) -> str | None:
    """A property's text; the first when a property is repeated."""
    if isinstance(value, list):
        value = value[0] if value else None
    return None if value is None else str(value)


def _why(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:120] or type(exc).__name__


def _named(label: str | None, number: int, why: str) -> str:
    return f"event {number}" + (f" of {label}" if label else "") + f" ({why})"


# ---- people -------------------------------------------------------------------------------


def _people(event: icalendar.Event) -> tuple[Attendee | None, tuple[Attendee, ...]]:
    """The organizer and the attendees of an event (its own lines, not its alarms'), each
    address once. The organizer's status is the one the attendee list gives them, else
    ACCEPTED: Outlook lists the organizer with no PARTSTAT, and they need not answer."""
    attendees: list[Attendee] = []
    stated: dict[str, str | None] = {}  # address -> the PARTSTAT written, if any
    for value in _values(event.get("ATTENDEE")):
        person = _person(value)
        if person is None:
            continue
        email, name, status = person
        identity = email or "name:" + (name or "").casefold()
        if identity not in stated:
            stated[identity] = status
            attendees.append(Attendee(email, name, status or "NEEDS-ACTION"))
    organizer = None
    for value in _values(event.get("ORGANIZER"))[:1]:
        person = _person(value)
        if person is not None:
            email, name, _ = person
            listed = next((a for a in attendees if email and a.email == email), None)
            if listed is not None:
                attendees.remove(listed)
                name = name or listed.name
            organizer = Attendee(email, name, stated.get(email or "") or "ACCEPTED")
    return organizer, tuple(attendees)


def _values(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _person(value: Any) -> tuple[str | None, str | None, str | None] | None:
    """(address, name, PARTSTAT as written) of one ATTENDEE or ORGANIZER value; None for a
    room, a resource, a calendar's own address, or a line that names no one."""
    params = getattr(value, "params", {})
    if (_param(params, "CUTYPE") or "").upper() in NOT_PEOPLE:
        return None
    scheme, _, rest = str(value).strip().partition(":")
    email = _address(rest) if scheme.lower() == "mailto" else None
    email = email or _address(_param(params, "EMAIL"))
    if email is not None and _not_a_person(email):
        return None
    name = clean(_param(params, "CN"))
    if name is not None and (name.casefold() == email or _address(name.strip("<>'\""))):
        name = None  # Google writes the address as the name of a guest who has none
    if email is None and name is None:
        return None
    status = clean(_param(params, "PARTSTAT"))
    return email, name, status.upper() if status else None


def _param(params: Any, name: str) -> str | None:
    value = params.get(name)
    if isinstance(value, list | tuple):  # an unquoted comma makes a list: it was one text
        value = ", ".join(str(v) for v in value)
    return None if value is None else str(value)


def _address(value: str | None) -> str | None:
    text = (value or "").strip().strip("<>").lower()
    return text if _ADDRESS.fullmatch(text) else None


def _not_a_person(email: str) -> bool:
    """Google's addresses for calendars, rooms and imported events' unknown organizers."""
    domain = email.rpartition("@")[2]
    return domain == "calendar.google.com" or domain.endswith(".calendar.google.com")


# ---- the owner ----------------------------------------------------------------------------


def _owner(
    me: str | None, names: Iterable[str], owners: Iterable[str], path: Path
) -> tuple[str | None, str | None]:
    """The owner's address, and a note when it cannot be told: `me`, else the calendar named
    after an address (Google), else the calendar's X-OWNER (Outlook)."""
    if me:
        return (_address(me.strip().removeprefix("mailto:")) or me.strip().lower()), None
    addresses = list(dict.fromkeys(a for a in (_address(n) for n in names) if a))
    if len(addresses) > 1:
        # Google names its zip after the owner: `ana@gmail.com.ical.zip`.
        named = [a for a in addresses if a in path.name.lower()]
        addresses = named if len(named) == 1 else addresses
    if not addresses:
        addresses = list(dict.fromkeys(owners))
    if len(addresses) == 1:
        return addresses[0], None
    why = (
        f"holds the calendars of several addresses ({', '.join(addresses)})"
        if addresses
        else "does not say whose calendar it is"
    )
    return None, (
        f"{path.name} {why}, so meetings you declined cannot be told apart and you are "
        "counted among the people you met. Give your own email address to leave them out."
    )


def _keep(
    found: list[_Found], owner: str | None, skipped: dict[str, int]
) -> tuple[list[Meeting], dict[str, int]]:
    """The meetings to keep, by day then file order, now that the owner is known."""
    counts = defaultdict(int, skipped)
    kept: list[Meeting] = []
    keys: set[str] = set()
    for item in sorted(found, key=lambda f: (f.meeting.day, f.order)):
        meeting = item.meeting
        if meeting.key in keys:
            counts["same event, same day"] += 1
            continue
        keys.add(meeting.key)
        if owner is not None and _owner_declined(meeting, owner):
            counts["declined"] += 1
        elif not _someone_else(meeting, owner):
            counts["no one else invited"] += 1
        else:
            kept.append(meeting)
    return kept, dict(counts)


def _owner_declined(meeting: Meeting, owner: str) -> bool:
    people = [*meeting.attendees, *([meeting.organizer] if meeting.organizer else [])]
    return any(p.email == owner and p.status == "DECLINED" for p in people)


def _someone_else(meeting: Meeting, owner: str | None) -> bool:
    """Whether anyone but the owner was invited. Without the owner, the organizer alone does
    not count: an event no one else is on still names its owner as organizer."""
    if any(a.email is None or a.email != owner for a in meeting.attendees):
        return True
    organizer = meeting.organizer
    return bool(owner and organizer and organizer.email and organizer.email != owner)


def _unreadable_note(events: list[str]) -> str:
    shown = events[:20]
    more = f", and {len(events) - len(shown)} more" if len(events) > len(shown) else ""
    count = (
        f"{len(events)} events could not be read and were"
        if len(events) > 1
        else ("1 event could not be read and was")
    )
    return f"{count} left out: {'; '.join(shown)}{more}."
