"""Reading calendar exports (.ics, Google's .zip of them): the meetings of a window of days.

The fixtures in data_calendar/ are written as Google Calendar, Outlook and Apple Calendar
export them (saved here with plain line ends; the tests write them with CRLF, as exported).
Every expected date and key below was worked out by hand from the fixture's text:
- google.ics (owner ana.lopez@gmail.com, X-WR-TIMEZONE America/New_York):
  event 1 weekly on Wednesdays from 2026-09-16 09:00 New York, EXDATE 2026-10-14; event 2
  moves 2026-10-21 to Thursday 2026-10-22 15:00; event 3 cancels 2026-10-28. So October
  holds 10-07 and 10-22 (keyed by its slot, 10-21). Event 4 is declined by Ana; event 5 is
  cancelled; event 6 starts 2026-10-17 01:30 UTC = 2026-10-16 21:30 in New York; event 7
  starts 2026-10-01 00:30 in Berlin (2026-09-30 in New York); event 8 has no guests;
  event 9 is in 2025; event 10's DTSTART is not a date.
- outlook.ics (X-OWNER jan.devries@contoso.nl, "W. Europe Standard Time"): event 1 on
  2026-10-06; event 2 weekly on Thursdays from 2026-10-01 until 2026-10-29 09:00 UTC (10:00
  in Amsterdam, after the clocks went back on 10-25), EXDATE 10-15; event 3 has no guests.
- outlook-invite.ics: 2026-10-20 17:30 Pacific (2026-10-21 00:30 UTC), no owner named.
- apple.ics: all-day 2026-10-12; floating 2026-10-14 23:30; all-day from 2026-09-28.
- job-search.ics: Google's second calendar, for the zip.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import icalendar
import pytest

from netreport.errors import NetreportError
from netreport.importers.calendar import Attendee, CalendarExport, Meeting, parse_calendar
from netreport.importers.common import ImportProblem

DATA = Path(__file__).parent / "data_calendar"

ANA = Attendee("ana.lopez@gmail.com", "Ana López", "ACCEPTED")
JOERG = Attendee("joerg.mueller@example.de", "Müller, Jörg", "ACCEPTED")
MENTORING = "5t2kq9m0c1v8s3hd7bq2l4n6ro@google.com"
KLAUS_CALL = Meeting(
    key="2q4w6e8r0t1y3u5i7o9p1a3s5d@google.com@2026-10-01",
    where="event 7",
    day=dt.date(2026, 10, 1),
    summary="Late call with Klaus",
    organizer=Attendee("klaus.weber@example.de", "Klaus Weber", "ACCEPTED"),
    attendees=(ANA,),
)
GOOGLE_OCTOBER = [
    KLAUS_CALL,
    Meeting(
        key=f"{MENTORING}@2026-10-07",
        where="event 1, 2026-10-07",
        day=dt.date(2026, 10, 7),
        summary="Mentoring: Ana / Jörg",
        organizer=ANA,
        attendees=(JOERG,),  # the meeting room is not a person
    ),
    Meeting(
        key="7h3k2j1g0f9d8s7a6p5o4i3u2y@google.com@2026-10-16",
        where="event 6",
        day=dt.date(2026, 10, 16),
        summary="Call with Wei, about the data team",
        organizer=ANA,
        attendees=(
            Attendee("wei.chen@example.com", None, "TENTATIVE"),
            Attendee("tom.becker@example.org", "Tom Becker", "DECLINED"),
        ),
    ),
    Meeting(
        key=f"{MENTORING}@2026-10-21",
        where="event 2, 2026-10-22",
        day=dt.date(2026, 10, 22),
        summary="Mentoring: Ana / Jörg (moved to Thursday)",
        organizer=ANA,
        attendees=(Attendee("joerg.mueller@example.de", "Müller, Jörg", "NEEDS-ACTION"),),
    ),
]


def exported(name: str, folder: Path, newline: str = "\r\n") -> Path:
    """The fixture saved as the services export it: CRLF line ends."""
    path = folder / name
    text = (DATA / name).read_text(encoding="utf-8")
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def read(
    path: Path,
    since: dt.date = dt.date(2026, 10, 1),
    until: dt.date = dt.date(2026, 10, 31),
    me: str | None = None,
) -> CalendarExport:
    """October 2026, unless another window is given."""
    return parse_calendar(path, since=since, until=until, me=me)


@pytest.mark.parametrize("newline", ["\r\n", "\n"], ids=["crlf", "lf"])
def test_google_export(tmp_path: Path, newline: str) -> None:
    result = read(exported("google.ics", tmp_path, newline))
    assert result.meetings == GOOGLE_OCTOBER
    assert result.owner == "ana.lopez@gmail.com"
    assert result.skipped == {
        "cancelled": 2,  # Coffee with Priya; the 10-28 mentoring
        "declined": 1,  # Intro call: TalentCo
        "no one else invited": 1,  # Dentist
        "outside the window": 1,  # Coffee with Lena, 2025
    }
    (note,) = result.notes
    assert note.startswith("1 event could not be read and was left out: event 10 (DTSTART")


def test_the_window_is_inclusive_and_read_in_each_event_s_own_time_zone(tmp_path: Path) -> None:
    path = exported("google.ics", tmp_path)
    one_day = read(path, since=dt.date(2026, 10, 7), until=dt.date(2026, 10, 7))
    assert [m.key for m in one_day.meetings] == [f"{MENTORING}@2026-10-07"]
    # TalentCo, Priya, Wei, Klaus, Dentist and Lena have nothing on 10-07.
    assert one_day.skipped == {"outside the window": 6}
    # Written as 2026-10-17 01:30 UTC, Wei's call is on the 16th in New York.
    assert [
        m.day for m in read(path, since=dt.date(2026, 10, 16), until=dt.date(2026, 10, 16)).meetings
    ] == [dt.date(2026, 10, 16)]
    assert read(path, since=dt.date(2026, 10, 17), until=dt.date(2026, 10, 17)).meetings == []
    # Klaus's call is on 10-01 in Berlin, though 09-30 in New York.
    last_of_september = read(path, since=dt.date(2026, 9, 30), until=dt.date(2026, 9, 30))
    assert [m.key for m in last_of_september.meetings] == [f"{MENTORING}@2026-09-30"]


def test_me_is_the_owner_when_given(tmp_path: Path) -> None:
    path = exported("google.ics", tmp_path)
    assert read(path, me="ANA.Lopez@gmail.com").owner == "ana.lopez@gmail.com"
    # Someone else's view: Ana's decline is hers, not the owner's, so the call is kept.
    other = read(path, me="sam.reyes@talentco.com")
    assert other.owner == "sam.reyes@talentco.com"
    assert "declined" not in other.skipped
    talentco = next(m for m in other.meetings if m.summary == "Intro call: TalentCo")
    assert talentco.day == dt.date(2026, 10, 8)
    assert talentco.organizer == Attendee("sam.reyes@talentco.com", "Sam Reyes", "ACCEPTED")
    assert talentco.attendees == (Attendee("ana.lopez@gmail.com", None, "DECLINED"),)


OUTLOOK_LESSON = (
    "040000008200E00074C5B7101A82E00800000000F1E2D3C4B5A6D901"
    "0000000000000000100000001122334455667788990011223344556"
)
OUTLOOK_REVIEW = (
    "040000008200E00074C5B7101A82E00800000000D0A5C0E1F23FD901"
    "000000000000000010000000B1A9C0E5D8F6A24F8E7C3B2A1D0E9F8C"
)
JAN = Attendee("jan.devries@contoso.nl", "Jan de Vries", "ACCEPTED")
PIETER = Attendee("pieter@taalschool.example.nl", "Pieter Bakker", "ACCEPTED")


def lesson(day: int) -> Meeting:
    return Meeting(
        key=f"{OUTLOOK_LESSON}@2026-10-{day:02}",
        where=f"event 2, 2026-10-{day:02}",
        day=dt.date(2026, 10, day),
        summary="Nederlandse les",
        organizer=PIETER,
        attendees=(JAN,),
    )


def test_outlook_save_calendar(tmp_path: Path) -> None:
    result = read(exported("outlook.ics", tmp_path))
    assert result.meetings == [
        lesson(1),
        Meeting(
            key=f"{OUTLOOK_REVIEW}@2026-10-06",
            where="event 1",
            day=dt.date(2026, 10, 6),
            summary="Portfolio review",
            # Outlook lists the organizer with no PARTSTAT: they need not answer.
            organizer=JAN,
            attendees=(
                Attendee("sophie.martin@fabrikam.fr", "Sophie Martin", "NEEDS-ACTION"),
                Attendee(None, "Finance team (no address)", "NEEDS-ACTION"),
            ),
        ),
        lesson(8),  # 10-15 is an EXDATE
        lesson(22),
        lesson(29),  # UNTIL 09:00 UTC is 10:00 in Amsterdam, in winter time by then
    ]
    assert result.owner == "jan.devries@contoso.nl"  # X-OWNER (the calendar is "Calendar")
    assert result.skipped == {"no one else invited": 1}  # Gym
    assert result.notes == []


def test_an_outlook_invitation_names_no_owner(tmp_path: Path) -> None:
    result = read(exported("outlook-invite.ics", tmp_path))
    assert result.owner is None
    assert result.meetings == [
        Meeting(
            key="040000008200E00074C5B7101A82E008000000005A6B7C8D9E0FD90100000000000000001000000055667788990011223344556677889900@2026-10-20",
            where="event 1",
            day=dt.date(2026, 10, 20),  # 17:30 in Seattle; already the 21st in UTC
            summary="Informational interview",
            organizer=Attendee("grace.kim@northwind.example.com", "Grace Kim", "ACCEPTED"),
            attendees=(Attendee("jan.devries@contoso.nl", "Jan de Vries", "NEEDS-ACTION"),),
        )
    ]
    (note,) = result.notes
    assert note.startswith("outlook-invite.ics does not say whose calendar it is")
    assert "Give your own email address" in note


def test_a_cancellation_notice_cancels(tmp_path: Path) -> None:
    path = tmp_path / "cancel.ics"
    text = (DATA / "outlook-invite.ics").read_text(encoding="utf-8")
    path.write_text(text.replace("METHOD:REQUEST", "METHOD:CANCEL"), encoding="utf-8")
    result = read(path)
    assert result.meetings == []
    assert result.skipped == {"cancelled": 1}


def test_apple_calendar(tmp_path: Path) -> None:
    result = read(exported("apple.ics", tmp_path), me="ben.carter@icloud.com")
    harry = Attendee("harry.patel@example.co.uk", "Harry Patel", "ACCEPTED")
    ben = Attendee("ben.carter@icloud.com", "Ben Carter", "ACCEPTED")
    assert result.meetings == [
        Meeting(
            key="8C3E7B5A-2F1D-4E6A-9B0C-1D2E3F4A5B6C@2026-10-12",
            where="event 1",
            day=dt.date(2026, 10, 12),  # all day, as written
            summary="Careers fair, Manchester",
            organizer=Attendee("olivia.grant@example.co.uk", "Olivia Grant", "ACCEPTED"),
            # Harry's and Ben's addresses are in EMAIL=, not in the value.
            attendees=(harry, ben),
        ),
        Meeting(
            key="F6A1C2D3-4B5E-4F60-8172-93A4B5C6D7E8@2026-10-14",
            where="event 2",
            day=dt.date(2026, 10, 14),  # floating 23:30, as written
            summary="Drinks with Harry",
            organizer=ben,
            attendees=(Attendee("harry.patel@example.co.uk", "Harry Patel", "NEEDS-ACTION"),),
        ),
    ]
    # The conference began on 09-28: a meeting is on its first day.
    assert result.skipped == {"outside the window": 1}
    assert result.notes == []


def test_apple_calendar_without_me_says_whose_it_cannot_tell(tmp_path: Path) -> None:
    result = read(exported("apple.ics", tmp_path))
    assert result.owner is None  # the calendar is called "Work"
    assert len(result.meetings) == 2
    assert result.notes and "does not say whose calendar it is" in result.notes[0]


def test_google_zip_of_two_calendars(tmp_path: Path) -> None:
    # Google names the zip after the owner; each calendar is `<name>_<address>.ics`.
    path = tmp_path / "ana.lopez@gmail.com.ical.zip"
    second = "Job search_c_9f8e7d6c5b4a3f2e1d0c@group.calendar.google.com.ics"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, fixture in (
            (second, "job-search.ics"),
            ("ana.lopez@gmail.com.ics", "google.ics"),
        ):
            text = (DATA / fixture).read_text(encoding="utf-8")
            archive.writestr(member, text.replace("\n", "\r\n"))
    result = read(path)
    main = "of ana.lopez@gmail.com.ics"
    assert [(m.key, m.where, m.day) for m in result.meetings] == [
        # Klaus invited both calendars: the first read (the zip's first file) is kept.
        (KLAUS_CALL.key, f"event 2 of {second}", dt.date(2026, 10, 1)),
        (f"{MENTORING}@2026-10-07", f"event 1 {main}, 2026-10-07", dt.date(2026, 10, 7)),
        (
            "7h3k2j1g0f9d8s7a6p5o4i3u2y@google.com@2026-10-16",
            f"event 6 {main}",
            dt.date(2026, 10, 16),
        ),
        (
            "4d6f8h0j2l4n6p8r0t2v4x6z8b@google.com@2026-10-19",
            f"event 1 of {second}",
            dt.date(2026, 10, 19),
        ),
        (f"{MENTORING}@2026-10-21", f"event 2 {main}, 2026-10-22", dt.date(2026, 10, 22)),
    ]
    dana = result.meetings[3]
    # The organizer is the calendar itself (…@group.calendar.google.com): not a person.
    assert dana.organizer is None
    assert dana.attendees == (
        Attendee("dana.whitfield@example.org", "Dana Whitfield", "ACCEPTED"),
        ANA,
    )
    assert result.owner == "ana.lopez@gmail.com"  # from the second file's X-WR-CALNAME
    assert result.skipped == {
        "cancelled": 2,
        "declined": 1,
        "no one else invited": 2,  # Dentist; Application deadline: Acme
        "outside the window": 1,
        "same event, same day": 1,
    }
    (note,) = result.notes
    assert note.startswith(f"1 event could not be read and was left out: event 10 {main} (")


def test_a_fold_inside_a_character(tmp_path: Path) -> None:
    # Some exporters fold at 75 bytes even inside a UTF-8 character ("ö" is C3 B6).
    text = calendar(
        event(
            "UID:fold-1",
            "DTSTART:20261005T150000Z",
            "ORGANIZER:mailto:ana.lopez@gmail.com",
            'ATTENDEE;PARTSTAT=ACCEPTED;CN="Müller, Jörg":mailto:joerg.mueller@example.de',
        )
    ).encode("utf-8")
    split = text.index("ö".encode()) + 1
    path = tmp_path / "folded.ics"
    path.write_bytes(text[:split] + b"\r\n " + text[split:])
    (meeting,) = read(path).meetings
    assert meeting.attendees == (JOERG,)


def calendar(*events: str, head: str = "") -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Test//EN",
        *filter(None, [head]),
        *events,
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"


def event(*lines: str) -> str:
    return "\r\n".join(["BEGIN:VEVENT", *lines, "END:VEVENT"])


GUEST = "ATTENDEE;CN=Lee Park;PARTSTAT=ACCEPTED:mailto:lee.park@example.com"


def test_a_bad_event_is_left_out_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "bad.ics"
    text = calendar(
        event("UID:good-1", "DTSTART:20261005T150000Z", GUEST),
        event("UID:bad-rule", "DTSTART:20261006T150000Z", "RRULE:FREQ=SOMETIMES", GUEST),
        event("UID:no-start", "SUMMARY:No start", GUEST),
        event("UID:good-2", "DTSTART;VALUE=DATE:20261007", GUEST),
    )
    # The last event is cut short, as a file whose download broke off.
    cut = text.removesuffix("END:VCALENDAR\r\n") + "BEGIN:VEVENT\r\nUID:cut\r\nDTSTART:2026100"
    path.write_text(cut, encoding="utf-8")
    result = read(path, me="ana.lopez@gmail.com")
    assert [m.key for m in result.meetings] == ["good-1@2026-10-05", "good-2@2026-10-07"]
    (note,) = result.notes
    assert note.startswith("3 events could not be read and were left out: event 2 (RRULE")
    assert "; event 3 (it has no start, DTSTART); event 5 (" in note


def test_an_event_without_uid_keeps_one_key(tmp_path: Path) -> None:
    path = tmp_path / "no-uid.ics"
    path.write_text(
        calendar(event("DTSTART:20261005T150000Z", "SUMMARY:Chat", GUEST)), encoding="utf-8"
    )
    first, second = read(path).meetings, read(path).meetings
    assert first[0].key.startswith("no-uid-")
    assert first[0].key.endswith("@2026-10-05")
    assert first[0].key == second[0].key


def test_an_unknown_calendar_time_zone_is_said(tmp_path: Path) -> None:
    path = tmp_path / "zone.ics"
    text = calendar(
        event("UID:z-1", "DTSTART:20261005T150000Z", GUEST), head="X-WR-TIMEZONE:Mars/Olympus_Mons"
    )
    path.write_text(text, encoding="utf-8")
    result = read(path, me="ana.lopez@gmail.com")
    assert [m.day for m in result.meetings] == [dt.date(2026, 10, 5)]
    assert result.notes == [
        "the calendar's time zone (Mars/Olympus_Mons) is unknown: times written in UTC are "
        "read in UTC."
    ]


def test_events_far_outside_the_window_are_not_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Years of history cost a line scan, not a parse: only the event near the window is read.
    old = [
        event(f"UID:old-{n}", f"DTSTART:2019{n % 12 + 1:02}10T150000Z", GUEST) for n in range(500)
    ]
    path = tmp_path / "history.ics"
    path.write_text(
        calendar(*old, event("UID:new", "DTSTART:20261005T150000Z", GUEST)), encoding="utf-8"
    )
    parsed: list[str] = []
    real = icalendar.Component.from_ical

    def counting(text: str | bytes, multiple: bool = False) -> object:
        if str(text).startswith("BEGIN:VEVENT"):
            parsed.append(str(text))
        return real(text, multiple=multiple)  # type: ignore[call-overload]

    monkeypatch.setattr(icalendar.Component, "from_ical", counting)
    result = read(path)
    assert [m.key for m in result.meetings] == ["new@2026-10-05"]
    assert result.skipped == {"outside the window": 500}
    assert len(parsed) == 1


NOT_CALENDARS = {
    "vcard": (
        "contacts.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Lee Park\r\nEND:VCARD\r\n",
        "is a vCard (contacts) file",
    ),
    "outlook csv": (
        "calendar.csv",
        '"Subject","Start Date","Start Time","End Date","End Time","All day event"\r\n'
        '"Coffee","10/5/2026","3:00:00 PM","10/5/2026","3:30:00 PM","False"\r\n',
        "is a calendar saved as CSV",
    ),
    "web page": (
        "basic.ics",
        "<!DOCTYPE html><html><head><title>Sign in</title></head></html>\n",
        "is a web page or XML",
    ),
    "text": ("notes.ics", "Meeting with Lee on Monday\n", "no BEGIN:VCALENDAR line"),
}


@pytest.mark.parametrize("case", NOT_CALENDARS.values(), ids=list(NOT_CALENDARS))
def test_a_file_that_is_not_a_calendar(tmp_path: Path, case: tuple[str, str, str]) -> None:
    name, text, said = case
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ImportProblem, match=re.escape(said)):
        read(path)


def test_missing_and_empty_files(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="no such file"):
        read(tmp_path / "nothing.ics")
    empty = tmp_path / "empty.ics"
    empty.write_bytes(b"")
    with pytest.raises(ImportProblem, match="is empty"):
        read(empty)


def test_zips_that_hold_no_calendar(tmp_path: Path) -> None:
    workbook = tmp_path / "contacts.zip"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ImportProblem, match="is an Office document"):
        read(workbook)
    other = tmp_path / "photos.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("README.txt", "hello")
    with pytest.raises(ImportProblem, match="no calendar"):
        read(other)


def test_a_zip_is_checked_before_it_is_unzipped(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("big.ics", calendar(event("UID:a", "DTSTART:20261005T150000Z")) * 20)
    with pytest.raises(NetreportError, match="would unzip to"):
        parse_calendar(
            path, since=dt.date(2026, 10, 1), until=dt.date(2026, 10, 31), max_unzipped_bytes=100
        )


def test_the_window_must_not_end_before_it_starts(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="after it ends"):
        parse_calendar(tmp_path / "x.ics", since=dt.date(2026, 10, 2), until=dt.date(2026, 10, 1))
