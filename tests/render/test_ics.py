"""`netreport report --ics`: the outreach as an iCalendar file (RFC 5545).

The file is parsed back with two independent parsers, icalendar and vobject, and checked
against the analysis: one event per outreach item with its summary, date and description;
UIDs that stay the same for a person and a kind of action from week to week (even when the
person's row moves) while SEQUENCE grows; byte-identical output for the same input; text that
cannot break the file's structure; folded lines of at most 75 octets ending in CRLF.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject
from click.testing import CliRunner
from support.paths import ROOT

import netreport.render.ics
from netreport import __version__, check_workbook
from netreport.analysis import Analysis, analyze
from netreport.analysis.result import KIND_LABELS, OutreachItem
from netreport.cli import cli
from netreport.render.ics import write_ics

SAMPLES = ROOT / "sample_workbooks"
AS_OF = dt.date(2026, 11, 23)
NEXT_WEEK = dt.date(2026, 11, 30)
PRIORITIES = {"High": 1, "Medium": 5, "Low": 9}
BookMaker = Callable[..., Path]  # the conftest fixtures network_book and make_workbook

# ---- helpers ----------------------------------------------------------------------------


def run_ics(workbook: Path, out: Path, as_of: dt.date = AS_OF) -> Path:
    """Run `netreport report --ics` and return the calendar it wrote."""
    result = CliRunner().invoke(
        cli, ["report", str(workbook), "-o", str(out), "--as-of", as_of.isoformat(), "--ics"]
    )
    assert result.exit_code == 0, result.output
    path = out / f"{workbook.stem}-outreach-{as_of.isoformat()}.ics"
    assert path.is_file(), result.output
    return path


def expected(workbook: Path, as_of: dt.date = AS_OF) -> Analysis:
    return analyze(check_workbook(workbook, as_of=as_of))


def events(path: Path) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def vevents(path: Path) -> list[Any]:
    """The events as vobject reads them (a second, independent parser)."""
    calendars = list(vobject.readComponents(path.read_text(encoding="utf-8")))
    assert len(calendars) == 1
    return list(calendars[0].contents.get("vevent", []))


def summary_of(item: OutreachItem) -> str:
    return f"{KIND_LABELS[item.kind]}: {item.name}"


def description_of(item: OutreachItem, day: dt.date) -> str:
    """The description the issue asks for: why now, the ask, since when it is due (overdue
    items only) and the contact's category and company."""
    due = ""
    if item.due < day:
        late = (day - item.due).days
        due = (
            f"Due since {item.due.isoformat()} ({late} {'day' if late == 1 else 'days'} overdue)\n"
        )
    who = ", ".join(p for p in (item.category, item.company) if p)
    return f"Why now: {item.why}\nAsk: {item.ask}\n{due}({who})"


def check_matches(path: Path, analysis: Analysis) -> None:
    """Both parsers see exactly one event per outreach item, in order, with its text and date."""
    items = analysis.outreach
    found, seen = events(path), vevents(path)
    assert len(found) == len(seen) == len(items)
    for item, event, vevent in zip(items, found, seen, strict=True):
        day = max(item.due, analysis.as_of)
        assert str(event["SUMMARY"]) == vevent.summary.value == summary_of(item)
        assert event.decoded("DTSTART") == vevent.dtstart.value == day
        assert event.decoded("DTEND") == vevent.dtend.value == day + dt.timedelta(days=1)
        assert str(event["DESCRIPTION"]) == vevent.description.value == description_of(item, day)
        assert event["CATEGORIES"].cats == [item.category]
        assert vevent.categories.value == [item.category]
        assert int(event["PRIORITY"]) == PRIORITIES[item.level]
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert str(event["UID"]) == vevent.uid.value
    uids = [str(e["UID"]) for e in found]
    assert len(set(uids)) == len(uids)


def check_wire_format(data: bytes) -> None:
    """RFC 5545 section 3.1: CRLF line ends; lines folded to at most 75 octets."""
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"\r" not in data.replace(b"\r\n", b"")
    too_long = [line for line in lines if len(line) > 75]
    assert not too_long, too_long[:3]
    data.decode("utf-8")  # folding never splits a character
    for line in lines:
        line.decode("utf-8")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copy(SAMPLES / "network.xlsx", tmp_path / "network.xlsx"))


# ---- the sample workbook ------------------------------------------------------------------


def test_one_event_per_outreach_item(sample: Path, tmp_path: Path) -> None:
    path = run_ics(sample, tmp_path / "out")
    analysis = expected(sample)
    assert analysis.outreach, "the sample should have outreach to check"
    check_matches(path, analysis)


def test_overdue_items_are_on_the_report_date(sample: Path, tmp_path: Path) -> None:
    path = run_ics(sample, tmp_path / "out")
    items = expected(sample).outreach
    overdue = [(i, e) for i, e in zip(items, events(path), strict=True) if i.due < AS_OF]
    upcoming = [(i, e) for i, e in zip(items, events(path), strict=True) if i.due > AS_OF]
    assert overdue and upcoming, "the sample should have both overdue and upcoming items"
    for item, event in overdue:
        assert event.decoded("DTSTART") == AS_OF
        assert f"Due since {item.due.isoformat()}" in str(event["DESCRIPTION"])
    for item, event in upcoming:
        assert event.decoded("DTSTART") == item.due
        assert "Due since" not in str(event["DESCRIPTION"])


def test_calendar_properties(sample: Path, tmp_path: Path) -> None:
    path = run_ics(sample, tmp_path / "out")
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert str(calendar["PRODID"]) == f"-//netreport//netreport {__version__}//EN"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["METHOD"]) == "PUBLISH"
    owner = expected(sample).settings.owner
    assert str(calendar["X-WR-CALNAME"]) == f"Outreach: {owner or sample.stem}"
    data = path.read_bytes()
    assert b"DTSTART;VALUE=DATE:20261123" in data
    for event in calendar.walk("VEVENT"):
        assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
        assert str(event["UID"]).endswith("@netreport")
        assert len(str(event["UID"]).split("@")[0]) == 32
        assert "URL" not in event and "ATTACH" not in event
    check_wire_format(data)


def test_same_input_gives_identical_bytes(sample: Path, tmp_path: Path) -> None:
    first = run_ics(sample, tmp_path / "out").read_bytes()
    again = run_ics(sample, tmp_path / "out").read_bytes()
    elsewhere = run_ics(sample, tmp_path / "other").read_bytes()
    assert first == again == elsewhere


def test_next_week_updates_rather_than_duplicates(sample: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    week1, week2 = run_ics(sample, out, AS_OF), run_ics(sample, out, NEXT_WEEK)
    assert week1 != week2
    check_matches(week2, expected(sample, NEXT_WEEK))

    def by_person(path: Path, analysis: Analysis) -> dict[tuple[int, str], icalendar.Event]:
        return {(i.row, i.kind): e for i, e in zip(analysis.outreach, events(path), strict=True)}

    before = by_person(week1, expected(sample, AS_OF))
    after = by_person(week2, expected(sample, NEXT_WEEK))
    both = before.keys() & after.keys()
    assert both, "some person and kind should be on both weeks' lists"
    for key in both:
        assert str(before[key]["UID"]) == str(after[key]["UID"])
        assert int(after[key]["SEQUENCE"]) > int(before[key]["SEQUENCE"])
    # A person on both lists for another kind of action gets another entry.
    for key in after.keys() - before.keys():
        assert str(after[key]["UID"]) not in {str(e["UID"]) for e in before.values()}


# ---- UIDs follow the person, as the history does ------------------------------------------

PEOPLE: list[dict[str, Any]] = [
    {
        "name": "Ann Lee",
        "email": "ann@example.com",
        "company": "Acme",
        "met": "Yes",
        "relationship": "friend",
        "last_contact": dt.date(2026, 6, 1),
    },
    {
        "name": "Bo Chan",
        "company": "Globex",
        "met": "Yes",
        "relationship": "acquaintance",
        "last_contact": dt.date(2026, 5, 1),
    },
    {
        "name": "Cy Diaz",
        "email": "cy@example.com",
        "company": "Initech",
        "met": "No",
        "referrer": "Ann Lee",
    },
]


def test_uid_follows_the_person_when_rows_move(network_book: BookMaker, tmp_path: Path) -> None:
    out = tmp_path / "out"
    book = network_book(PEOPLE)
    week1 = run_ics(book, out, AS_OF)
    first = {summary_of(i): e for i, e in zip(expected(book).outreach, events(week1), strict=True)}
    newcomer = {"name": "Di Eno", "email": "di@example.com", "met": "No", "source": "website"}
    book = network_book([newcomer, *reversed(PEOPLE)])  # every row moves
    week2 = run_ics(book, out, NEXT_WEEK)
    later = expected(book, NEXT_WEEK)
    second = {summary_of(i): e for i, e in zip(later.outreach, events(week2), strict=True)}
    assert {"Keep in touch: Ann Lee", "Keep in touch: Bo Chan"} <= first.keys() & second.keys()
    for summary in first.keys() & second.keys():
        assert str(first[summary]["UID"]) == str(second[summary]["UID"]), summary
    assert str(second["First outreach: Di Eno"]["UID"]) not in {
        str(e["UID"]) for e in first.values()
    }


def test_a_person_entered_twice_gets_one_event(network_book: BookMaker, tmp_path: Path) -> None:
    twins = [PEOPLE[0], {**PEOPLE[0], "company": "Acme Corp"}]  # same email: the same person
    book = network_book(twins)
    path = run_ics(book, tmp_path / "out")
    analysis = expected(book)
    [item] = analysis.outreach  # listed once, under the first row
    assert item.row == 2
    check_matches(path, analysis)  # one event, its UID unique


def test_a_calendar_that_does_not_check_out_is_not_written(
    sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysis = expected(sample)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "outreach.ics"
    path.write_bytes(b"last week's")
    whole = netreport.render.ics.build_calendar

    def short(analysis: Analysis, stem: str) -> icalendar.Calendar:
        calendar = whole(analysis, stem)
        calendar.subcomponents.pop()
        return calendar

    monkeypatch.setattr(netreport.render.ics, "build_calendar", short)
    with pytest.raises(OSError, match="events"):
        write_ics(analysis, path, "network")
    assert path.read_bytes() == b"last week's"
    assert list(path.parent.iterdir()) == [path]  # no temporary file left behind


# ---- hostile text -------------------------------------------------------------------------

INJECTED = "Ann\nBEGIN:VEVENT"
PUNCTUATION = ";,\\ semi;colon, comma\\backslash \\n \\; END:VCALENDAR"
LONG_NAME = ("Zoë 🦄 Ångström-Łukasiewicz 😀 " * 10)[:199] + "🎉"
HEADERS = [
    "Name",
    "Email",
    "Company",
    "Field",
    "How I know them",
    "Met?",
    "Introduced By",
    "Where found",
    "Last Contact",
    "Notes",
]


def hostile_book(make_workbook: BookMaker) -> Path:
    rows = [
        # Warm, overdue to keep in touch: the name tries to start a new event.
        [INJECTED, "ann@example.com", PUNCTUATION, None, "friend", "Yes", None, None,
         dt.date(2026, 6, 1), PUNCTUATION],
        # Cool, never contacted: the referrer (in why and ask) is all punctuation.
        [LONG_NAME, "zoe@example.com", "Ünïcode 🏢 Co.", None, None, "No", PUNCTUATION, None,
         None, LONG_NAME],
        # Cold: the field is named in the ask.
        ["Cold\r\nCase", "cold@example.com", "END:VEVENT", PUNCTUATION, None, "No", None,
         "website", None, "BEGIN:VCALENDAR"],
    ]  # fmt: skip
    return make_workbook([HEADERS, *rows], filename="hostile.xlsx")


def check_structure(data: bytes, count: int) -> None:
    """Exactly one calendar holding `count` events: no BEGIN or END line came from the data."""
    check_wire_format(data)
    structural = [line for line in data.split(b"\r\n") if line.startswith((b"BEGIN:", b"END:"))]
    assert structural == [
        b"BEGIN:VCALENDAR",
        *[b"BEGIN:VEVENT", b"END:VEVENT"] * count,
        b"END:VCALENDAR",
    ]
    assert b"\r\nURL" not in data and b"\r\nATTACH" not in data


def test_hostile_workbook_text_cannot_break_the_structure(
    make_workbook: BookMaker, tmp_path: Path
) -> None:
    book = hostile_book(make_workbook)
    assert len(LONG_NAME) == 200
    path = run_ics(book, tmp_path / "out")
    analysis = expected(book)
    names = {item.name for item in analysis.outreach}
    # Validation makes runs of whitespace one space; the rest arrives as typed.
    assert {"Ann BEGIN:VEVENT", LONG_NAME, "Cold Case"} == names, names
    text = " ".join(f"{i.name} {i.company} {i.why} {i.ask}" for i in analysis.outreach)
    assert PUNCTUATION in text, "the punctuation should reach the calendar"
    check_matches(path, analysis)  # one event each, both parsers, text round-trips
    check_structure(path.read_bytes(), len(analysis.outreach))


def clean(text: str) -> str:
    """What RFC 5545 lets through: line breaks as line feeds, no other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(c for c in text if c in "\t\n" or not (ord(c) < 32 or ord(c) == 127))


def test_hostile_text_reaching_the_renderer(make_workbook: BookMaker, tmp_path: Path) -> None:
    """Line breaks and control characters never reach the renderer from a workbook (validation
    tidies whitespace), but the renderer does not rely on that."""
    analysis = expected(hostile_book(make_workbook))
    raw = {
        "name": INJECTED,
        "company": PUNCTUATION + "\r\nEND:VCALENDAR\r\n",
        "why": LONG_NAME + "\rBEGIN:VTODO\n\n",
        "ask": "tab\tnul\x00bell\x07escape\x1b[31mdel\x7f;\n" + PUNCTUATION,
    }
    hostile = [replace(item, **raw) for item in analysis.outreach]
    path = tmp_path / "hostile.ics"
    write_ics(replace(analysis, outreach=hostile), path, "hostile")
    data = path.read_bytes()
    check_structure(data, len(hostile))
    for control in (b"\x00", b"\x07", b"\x1b", b"\x7f"):
        assert control not in data
    cleaned = [replace(item, **{k: clean(v) for k, v in raw.items()}) for item in hostile]
    assert cleaned[0].name == INJECTED and "tab\tnulbellescape[31mdel;\n" in cleaned[0].ask
    check_matches(path, replace(analysis, outreach=cleaned))
