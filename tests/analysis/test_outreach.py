"""Outreach: whom to contact, when, in what order, what to ask, the drafts, and the CLI.

The rules under test are the ones written in netreport/analysis/outreach.py's docstring and
in domain.md. Every date is an offset from one fixed report day, so a case reads like the
rule it checks: "Warm, last contact 30 days ago -> keep-in-touch due today".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from netreport.analysis import Analysis, analyze
from netreport.analysis.result import OutreachItem
from netreport.check import check_workbook
from netreport.cli import cli
from netreport.templating import TemplateProblem

AS_OF = dt.date(2026, 11, 23)
TARGET = "Data Science"
SETTINGS = {"Target fields": TARGET, "Owner name": "Robin Vale"}
NAME = "Pat Quinn"
CADENCE = {"Warm": 30, "Luke-warm": 60, "Cool": 90, "Cold": 180}  # netreport's defaults
REPLY_NUDGE_DAYS = 7
THANK_YOU_DAYS = 2

NetworkBook = Callable[..., Path]


def day(offset: int) -> dt.date:
    """The report day moved by `offset` days (negative: in the past)."""
    return AS_OF + dt.timedelta(days=offset)


def logged(
    offset: int, kind: str | None = "Reply received", channel: str = "Email"
) -> dict[str, Any]:
    return {"date": day(offset), "type": kind, "channel": channel}


def run_analysis(
    network_book: NetworkBook,
    people: list[dict[str, Any]],
    log: list[dict[str, Any]] | None = None,
    settings: dict[str, Any] | None = None,
    templates: Path | None = None,
    **overrides: Any,
) -> Analysis:
    path = network_book(people, log or [], SETTINGS if settings is None else settings)
    checked = check_workbook(path, as_of=AS_OF, **overrides)
    assert checked.counts["error"] == 0, checked.issues
    return analyze(checked, templates=templates)


def names(analysis: Analysis) -> list[str]:
    return [item.name for item in analysis.outreach]


def item_for(analysis: Analysis, name: str) -> OutreachItem:
    found = [item for item in analysis.outreach if item.name == name]
    assert len(found) == 1, f"{name} listed {len(found)} times in {names(analysis)}"
    return found[0]


# --- when each rule makes a contact due, table-driven --------------------------------------


@dataclass(frozen=True)
class Due:
    kind: str
    due: int | None  # offset of the due date from the report day; None: no date
    listed: bool
    overdue: bool


def check_due(
    network_book: NetworkBook,
    person: dict[str, Any],
    log: list[dict[str, Any]],
    expected: Due,
    **overrides: Any,
) -> None:
    analysis = run_analysis(
        network_book, [{"name": NAME, **person}], [{"contact": NAME, **e} for e in log], **overrides
    )
    row = analysis.contacts.iloc[0]
    assert row["due_kind"] == expected.kind
    if expected.due is None:
        assert pd.isna(row["next_due"])
    else:
        assert row["next_due"] == pd.Timestamp(day(expected.due))
    assert bool(row["overdue"]) is expected.overdue
    if not expected.listed:
        assert analysis.outreach == []
        return
    assert names(analysis) == [NAME]
    item = analysis.outreach[0]
    assert item.kind == expected.kind
    if expected.due is not None:
        assert item.due == day(expected.due)
        assert item.days_overdue == -expected.due


def cadence_cases() -> list[Any]:
    """For each category: due exactly today, one day before and after, and the 7-day window."""
    cases = []
    for category, days in CADENCE.items():
        for since, due, listed in (
            (days, 0, True),  # due exactly today
            (days - 1, 1, True),  # due tomorrow: listed, it is due within the week
            (days + 1, -1, True),  # a day overdue
            (days - 7, 7, True),  # due in 7 days: the last day of the window
            (days - 8, 8, False),  # due in 8 days: not this week
        ):
            cases.append(
                pytest.param(
                    category,
                    since,
                    Due("keep-in-touch", due, listed, overdue=due < 0),
                    id=f"{category}-last-{since}-days-ago",
                )
            )
    return cases


@pytest.mark.parametrize(("category", "since", "expected"), cadence_cases())
def test_keep_in_touch_follows_each_category_cadence(
    network_book: NetworkBook, category: str, since: int, expected: Due
) -> None:
    check_due(network_book, {"category": category, "last_contact": day(-since)}, [], expected)


WARM = {"category": "Warm"}

DUE_CASES = [
    # The effective last contact is the latest of the Last Contact column and the log.
    pytest.param(
        {**WARM, "last_contact": day(-100)},
        [logged(-10)],
        Due("keep-in-touch", 20, listed=False, overdue=False),
        id="logged-interaction-restarts-the-cadence",
    ),
    pytest.param(
        {**WARM, "last_contact": day(-31)},
        [logged(-1)],
        Due("keep-in-touch", 29, listed=False, overdue=False),
        id="logged-interaction-clears-an-overdue-contact",
    ),
    pytest.param(
        {**WARM, "last_contact": day(-10)},
        [logged(-100)],
        Due("keep-in-touch", 20, listed=False, overdue=False),
        id="last-contact-column-newer-than-the-log",
    ),
    pytest.param(
        WARM,
        [logged(-31)],
        Due("keep-in-touch", -1, listed=True, overdue=True),
        id="log-only-no-last-contact-column",
    ),
    pytest.param(
        {**WARM, "last_contact": day(-31)},
        [logged(2)],
        Due("keep-in-touch", -1, listed=True, overdue=True),
        id="interaction-after-the-report-day-is-ignored",
    ),
    # Never contacted: first outreach, no due date of its own.
    pytest.param(
        {"category": "Cold"},
        [],
        Due("first-outreach", None, listed=True, overdue=False),
        id="never-contacted",
    ),
    # An explicit Follow up on date wins over the cadence, earlier or later.
    pytest.param(
        {**WARM, "last_contact": day(-5), "follow_up": day(3)},
        [],
        Due("follow-up", 3, listed=True, overdue=False),
        id="follow-up-date-earlier-than-the-cadence",
    ),
    pytest.param(
        {**WARM, "last_contact": day(-40), "follow_up": day(20)},
        [],
        Due("follow-up", 20, listed=False, overdue=False),
        id="follow-up-date-later-than-an-overdue-cadence",
    ),
    pytest.param(
        {**WARM, "last_contact": day(-5), "follow_up": day(0)},
        [],
        Due("follow-up", 0, listed=True, overdue=False),
        id="follow-up-due-today",
    ),
    pytest.param(
        {**WARM, "last_contact": day(-5), "follow_up": day(-1)},
        [],
        Due("follow-up", -1, listed=True, overdue=True),
        id="follow-up-a-day-late",
    ),
    pytest.param(
        {**WARM, "last_contact": day(-5), "follow_up": day(7)},
        [],
        Due("follow-up", 7, listed=True, overdue=False),
        id="follow-up-in-7-days",
    ),
    pytest.param(
        {**WARM, "last_contact": day(-5), "follow_up": day(8)},
        [],
        Due("follow-up", 8, listed=False, overdue=False),
        id="follow-up-in-8-days",
    ),
    pytest.param(
        {"category": "Cold", "follow_up": day(2)},
        [],
        Due("follow-up", 2, listed=True, overdue=False),
        id="follow-up-for-someone-never-contacted",
    ),
    pytest.param(
        {**WARM, "last_contact": day(-40), "follow_up": day(-20)},
        [logged(-10)],
        Due("keep-in-touch", 20, listed=False, overdue=False),
        id="follow-up-date-behind-a-later-logged-contact-is-done",
    ),
    # Awaiting a reply: a nudge reply_nudge_days after the message, only within 30 days.
    pytest.param(
        WARM,
        [logged(-REPLY_NUDGE_DAYS, "Message sent")],
        Due("reply-nudge", 0, listed=True, overdue=False),
        id="reply-nudge-due-today",
    ),
    pytest.param(
        WARM,
        [logged(-REPLY_NUDGE_DAYS + 1, "Message sent")],
        Due("reply-nudge", 1, listed=False, overdue=False),
        id="reply-nudge-due-tomorrow-not-listed-yet",
    ),
    pytest.param(
        WARM,
        [logged(-REPLY_NUDGE_DAYS - 1, "Message sent")],
        Due("reply-nudge", -1, listed=True, overdue=True),
        id="reply-nudge-a-day-late",
    ),
    pytest.param(
        WARM,
        [logged(-30, "Message sent")],
        Due("reply-nudge", -30 + REPLY_NUDGE_DAYS, listed=True, overdue=True),
        id="reply-nudge-30-days-after-the-message",
    ),
    pytest.param(
        WARM,
        [logged(-31, "Message sent")],
        Due("keep-in-touch", -1, listed=True, overdue=True),
        id="no-nudge-31-days-after-the-message-cadence-takes-over",
    ),
    pytest.param(
        {"category": "Cool"},
        [logged(-31, "Message sent")],
        Due("keep-in-touch", 59, listed=False, overdue=False),
        id="no-nudge-31-days-after-a-message-to-a-cool-contact",
    ),
    pytest.param(
        WARM,
        [logged(-10, "Message sent"), logged(-8, "Reply received")],
        Due("keep-in-touch", 22, listed=False, overdue=False),
        id="answered-message-needs-no-nudge",
    ),
    pytest.param(
        WARM,
        [logged(-10, "Reply received"), logged(-8, "Message sent")],
        Due("reply-nudge", -1, listed=True, overdue=True),
        id="message-after-their-reply-awaits-a-reply",
    ),
    pytest.param(
        WARM,
        [logged(-10, "Message sent"), logged(-5, None, channel="Phone")],
        Due("keep-in-touch", 25, listed=False, overdue=False),
        id="a-later-untyped-call-means-the-message-is-not-the-last-thing-logged",
    ),
    # Thank-you: after a meeting, informational interview or shadowing, within 30 days.
    pytest.param(
        WARM,
        [logged(-THANK_YOU_DAYS, "Meeting", "In person")],
        Due("thank-you", 0, listed=True, overdue=False),
        id="thank-you-due-today",
    ),
    pytest.param(
        WARM,
        [logged(-THANK_YOU_DAYS + 1, "Meeting", "In person")],
        Due("thank-you", 1, listed=False, overdue=False),
        id="thank-you-due-tomorrow-not-listed-yet",
    ),
    pytest.param(
        WARM,
        [logged(-THANK_YOU_DAYS - 1, "Meeting", "In person")],
        Due("thank-you", -1, listed=True, overdue=True),
        id="thank-you-a-day-late",
    ),
    pytest.param(
        WARM,
        [logged(-10, "Informational interview", "Video call")],
        Due("thank-you", -10 + THANK_YOU_DAYS, listed=True, overdue=True),
        id="thank-you-after-an-informational-interview",
    ),
    pytest.param(
        WARM,
        [logged(-5, "Shadowing", "In person")],
        Due("thank-you", -5 + THANK_YOU_DAYS, listed=True, overdue=True),
        id="thank-you-after-shadowing",
    ),
    pytest.param(
        WARM,
        [logged(-30, "Meeting", "In person")],
        Due("thank-you", -30 + THANK_YOU_DAYS, listed=True, overdue=True),
        id="thank-you-30-days-after-the-meeting",
    ),
    pytest.param(
        WARM,
        [logged(-31, "Meeting", "In person")],
        Due("keep-in-touch", -1, listed=True, overdue=True),
        id="no-thank-you-31-days-after-the-meeting",
    ),
    pytest.param(
        WARM,
        [logged(-10, "Meeting", "In person"), logged(-9, "Thank-you sent")],
        Due("keep-in-touch", 21, listed=False, overdue=False),
        id="thanks-logged-after-the-meeting",
    ),
    pytest.param(
        WARM,
        [logged(-20, "Thank-you sent"), logged(-10, "Meeting", "In person")],
        Due("thank-you", -10 + THANK_YOU_DAYS, listed=True, overdue=True),
        id="thanks-logged-only-for-an-earlier-meeting",
    ),
    pytest.param(
        WARM,
        [logged(-3, "Call", "Phone")],
        Due("keep-in-touch", 27, listed=False, overdue=False),
        id="a-call-is-not-a-meeting-to-thank-for",
    ),
    # The first rule that applies wins.
    pytest.param(
        WARM,
        [logged(-5, "Meeting", "In person"), logged(-3, "Message sent")],
        Due("thank-you", -5 + THANK_YOU_DAYS, listed=True, overdue=True),
        id="thank-you-before-reply-nudge",
    ),
    pytest.param(
        {**WARM, "follow_up": day(2)},
        [logged(-10, "Message sent")],
        Due("reply-nudge", -10 + REPLY_NUDGE_DAYS, listed=True, overdue=True),
        id="reply-nudge-before-follow-up",
    ),
]


@pytest.mark.parametrize(("person", "log", "expected"), DUE_CASES)
def test_when_a_contact_is_due(
    network_book: NetworkBook, person: dict[str, Any], log: list[dict[str, Any]], expected: Due
) -> None:
    check_due(network_book, person, log, expected)


def test_a_cadence_override_moves_the_due_date(network_book: NetworkBook) -> None:
    person = {**WARM, "last_contact": day(-12)}
    check_due(network_book, person, [], Due("keep-in-touch", 18, listed=False, overdue=False))
    check_due(
        network_book,
        person,
        [],
        Due("keep-in-touch", -2, listed=True, overdue=True),
        cadence_overrides={"Warm": 10},
    )


# --- status Do not contact / Archived / Paused: never listed --------------------------------

SITUATIONS = {
    "overdue": ({**WARM, "last_contact": day(-100)}, []),
    "thank-you-pending": (WARM, [logged(-5, "Meeting", "In person")]),
    "awaiting-reply": (WARM, [logged(-10, "Message sent")]),
    "follow-up-today": ({**WARM, "last_contact": day(-5), "follow_up": day(0)}, []),
    "never-contacted": ({"category": "Cool", "referrer": "Anna Smith"}, []),
}


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("status", ["Do not contact", "Archived", "Paused", "DNC", "on hold"])
def test_a_held_status_is_never_listed(
    network_book: NetworkBook, status: str, situation: str
) -> None:
    person, log = SITUATIONS[situation]
    analysis = run_analysis(
        network_book,
        [{"name": NAME, **person, "status": status}],
        [{"contact": NAME, **e} for e in log],
    )
    assert analysis.outreach == []
    row = analysis.contacts.iloc[0]
    assert not row["overdue"]
    assert str(row["next_action"]).startswith("None (status:")
    assert analysis.health.overdue == 0
    assert analysis.health.contactable == 0


@pytest.mark.parametrize("situation", SITUATIONS)
@pytest.mark.parametrize("status", [None, "Active", "Waiting for reply"])
def test_an_open_status_is_listed(network_book: NetworkBook, status: str, situation: str) -> None:
    person, log = SITUATIONS[situation]
    analysis = run_analysis(
        network_book,
        [{"name": NAME, **person, "status": status}],
        [{"contact": NAME, **e} for e in log],
    )
    assert names(analysis) == [NAME]


# --- what to ask: every category, in and out of the target field ----------------------------

IN, OUT = "Data Science", "Retail"


@pytest.mark.parametrize(
    ("category", "relationship"), [("Warm", "coworker"), ("Luke-warm", "acquaintance")]
)
def test_ask_a_known_contact_in_the_target_field_for_an_informational_interview(
    network_book: NetworkBook, category: str, relationship: str
) -> None:
    ask = _ask(network_book, category=category, relationship=relationship, field=IN)
    for words in ("informational interview", "shadow", "openings", "advice"):
        assert words in ask.lower()
    assert "introduction" not in ask.lower()


@pytest.mark.parametrize(
    ("category", "relationship"), [("Warm", "coworker"), ("Luke-warm", "acquaintance")]
)
def test_ask_a_known_contact_outside_the_target_field_for_an_introduction(
    network_book: NetworkBook, category: str, relationship: str
) -> None:
    ask = _ask(network_book, category=category, relationship=relationship, field=OUT)
    assert f"know someone in {TARGET}" in ask
    assert "introduction" in ask.lower()
    assert "informational interview" not in ask.lower()


@pytest.mark.parametrize("relationship", ["friend", "cousin", "family", "my sister"])
@pytest.mark.parametrize("field", [IN, OUT, None])
def test_tell_friends_and_family_you_are_looking(
    network_book: NetworkBook, relationship: str, field: str | None
) -> None:
    ask = _ask(network_book, category="Warm", relationship=relationship, field=field)
    assert "tell them you are looking" in ask.lower()
    assert TARGET in ask


@pytest.mark.parametrize("field", [IN, OUT])
def test_ask_a_cool_contact_naming_the_person_in_common(
    network_book: NetworkBook, field: str
) -> None:
    ask = _ask(network_book, category="Cool", referrer="Anna Smith", field=field)
    assert "Anna Smith" in ask
    assert "job" not in ask.lower()


@pytest.mark.parametrize("field", [IN, OUT])
def test_ask_a_cold_contact_for_advice_never_a_job(network_book: NetworkBook, field: str) -> None:
    ask = _ask(network_book, category="Cold", source="company website", field=field)
    lowered = ask.lower()
    for words in ("advice", "information", "informational interview", "shadow"):
        assert words in lowered
    assert "do not ask for a job" in lowered
    assert "openings" not in lowered
    assert field in ask


def _ask(network_book: NetworkBook, **person: Any) -> str:
    """What the list says to ask a contact who is overdue for keep-in-touch."""
    analysis = run_analysis(
        network_book, [{"name": NAME, "last_contact": day(-400), "company": "Acme", **person}]
    )
    item = item_for(analysis, NAME)
    assert item.kind == "keep-in-touch"
    assert item.category == person["category"]
    return item.ask


def test_the_first_outreach_ask_follows_the_same_rules(network_book: NetworkBook) -> None:
    analysis = run_analysis(
        network_book,
        [
            {"name": "Ann Lee", "category": "Warm", "relationship": "coworker", "field": IN},
            {"name": "Bo Chen", "category": "Luke-warm", "field": OUT},
            {"name": "Cy Dow", "category": "Cool", "referrer": "Anna Smith", "field": IN},
            {"name": "Di Fox", "category": "Cold", "field": IN},
        ],
    )
    assert {item.kind for item in analysis.outreach} == {"first-outreach"}
    assert "informational interview" in item_for(analysis, "Ann Lee").ask
    assert "introduction" in item_for(analysis, "Bo Chen").ask
    assert "Anna Smith" in item_for(analysis, "Cy Dow").ask
    assert "Do not ask for a job" in item_for(analysis, "Di Fox").ask


def test_a_thank_you_asks_whom_else_to_talk_to(network_book: NetworkBook) -> None:
    analysis = run_analysis(
        network_book,
        [{"name": NAME, "category": "Cold"}],
        [{"contact": NAME, **logged(-3, "Informational interview", "Video call")}],
    )
    item = item_for(analysis, NAME)
    assert item.kind == "thank-you"
    assert "thank" in item.ask.lower()
    assert "informational interview" in item.why
    assert "Thank you" in item.draft


# --- drafts and the user's own templates -----------------------------------------------------


def test_a_cool_contacts_draft_names_the_referrer(network_book: NetworkBook) -> None:
    analysis = run_analysis(
        network_book,
        [{"name": "Lee Park", "category": "Cool", "referrer": "Anna Smith", "company": "Acme"}],
    )
    item = item_for(analysis, "Lee Park")
    assert item.kind == "first-outreach"
    assert item.referrer == "Anna Smith"
    assert "Anna Smith suggested" in item.draft
    assert "Anna Smith" in item.subject
    assert item.draft.startswith("Hi Lee,")
    assert item.draft.endswith("Robin Vale")
    assert "Anna Smith" in item.why


@pytest.mark.parametrize(
    ("typed", "greeting"),
    [
        ("Dr. Jane Roe", "Hi Jane,"),
        ("Dr. Roe", "Hi Dr. Roe,"),
        ("Roe, Jane", "Hi Jane,"),
        ("Jane Roe PhD", "Hi Jane,"),
        ("Núñez, José", "Hi José,"),
    ],
)
def test_a_draft_greets_the_given_name_never_a_title(
    network_book: NetworkBook, typed: str, greeting: str
) -> None:
    analysis = run_analysis(network_book, [{"name": typed, "category": "Cold", "company": "Acme"}])
    assert item_for(analysis, typed).draft.startswith(greeting + "\n")


def test_a_cool_contact_without_a_named_referrer_gets_a_sensible_draft(
    network_book: NetworkBook,
) -> None:
    analysis = run_analysis(
        network_book, [{"name": "Lee Park", "relationship": "friend of a friend"}]
    )
    item = item_for(analysis, "Lee Park")
    assert item.category == "Cool"
    assert "None" not in item.subject
    assert "None" not in item.draft


def test_a_cold_contacts_draft_does_not_ask_about_jobs(network_book: NetworkBook) -> None:
    analysis = run_analysis(network_book, [{"name": "Di Fox", "category": "Cold", "field": IN}])
    item = item_for(analysis, "Di Fox")
    assert "not asking about jobs" in item.draft
    assert "informational interview" in item.draft


def write_template(folder: Path, name: str, text: str) -> Path:
    (folder / "drafts").mkdir(parents=True, exist_ok=True)
    (folder / "drafts" / name).write_text(text, encoding="utf-8")
    return folder


THANKS_AND_COOL = (
    [
        {"name": "Ann Lee", "category": "Warm"},
        {"name": "Lee Park", "category": "Cool", "referrer": "Anna Smith"},
    ],
    [{"contact": "Ann Lee", **logged(-3, "Meeting", "In person")}],
)


def test_a_user_template_replaces_one_draft_and_the_others_stay(
    network_book: NetworkBook, tmp_path: Path
) -> None:
    folder = write_template(
        tmp_path / "mine",
        "thank-you.txt.j2",
        "Subject: Many thanks, {{ first_name }}\n\nDear {{ first_name }}, "
        "thanks for the {{ meeting_kind }} on {{ meeting_date }}.\n\n{{ owner }}\n",
    )
    people, log = THANKS_AND_COOL
    analysis = run_analysis(network_book, people, log, templates=folder)
    thanks = item_for(analysis, "Ann Lee")
    assert thanks.kind == "thank-you"
    assert thanks.subject == "Many thanks, Ann"
    meeting = day(-3)
    assert thanks.draft == (
        f"Dear Ann, thanks for the meeting on {meeting.day} {meeting:%b}.\n\nRobin Vale"
    )
    cool = item_for(analysis, "Lee Park")
    assert cool.subject == "Anna Smith suggested I get in touch"  # netreport's own template
    assert "Anna Smith suggested I contact you" in cool.draft

    default = run_analysis(network_book, people, log)
    assert item_for(default, "Ann Lee").subject == "Thank you for your time"
    assert item_for(default, "Lee Park").draft == cool.draft


@pytest.mark.parametrize(
    "broken",
    [
        "Subject: Thanks\n\n{{ first_name ",  # a syntax error
        "Subject: Thanks\n\n{% if in_target %}no end",  # an unclosed block
        pytest.param("Subject: Thanks\n\n{{ no_such_variable }}", id="unknown-name"),
    ],
)
def test_a_broken_user_template_is_a_template_problem(
    network_book: NetworkBook, tmp_path: Path, broken: str
) -> None:
    folder = write_template(tmp_path / "mine", "thank-you.txt.j2", broken)
    people, log = THANKS_AND_COOL
    with pytest.raises(TemplateProblem, match=r"thank-you\.txt\.j2"):
        run_analysis(network_book, people, log, templates=folder)


# --- priority order and the weekly budget ----------------------------------------------------


def test_priority_order(network_book: NetworkBook) -> None:
    """Overdue in a target field first; then how overdue relative to the cadence; then
    Warm > Luke-warm > Cool > Cold. Rows are in the opposite order on purpose."""
    people = [
        # Every one of these four is overdue by exactly one cadence (ratio 1.0).
        {"name": "Fay Cold", "category": "Cold", "field": OUT, "last_contact": day(-360)},
        {"name": "Cal Cool", "category": "Cool", "field": OUT, "last_contact": day(-180)},
        {"name": "Liv Luke", "category": "Luke-warm", "field": OUT, "last_contact": day(-120)},
        {"name": "Wes Warm", "category": "Warm", "field": OUT, "last_contact": day(-60)},
        # In the target field but not overdue: due in 3 days.
        {"name": "Ned Soon", "category": "Warm", "field": IN, "last_contact": day(-27)},
        # 90 days overdue, but only half a cadence (180).
        {"name": "Oli Cold", "category": "Cold", "field": OUT, "last_contact": day(-270)},
        # Overdue and in the target field: 3/30 = 0.1 and 10/60 = 0.17 of a cadence.
        {"name": "Tia Target", "category": "Warm", "field": IN, "last_contact": day(-33)},
        {"name": "Tom Target", "category": "Luke-warm", "field": IN, "last_contact": day(-70)},
        # Never contacted: first outreach comes after everything due.
        {"name": "Una New", "category": "Cool", "referrer": "Anna Smith", "field": OUT},
    ]
    analysis = run_analysis(network_book, people)
    assert names(analysis) == [
        "Tom Target",
        "Tia Target",
        "Wes Warm",
        "Liv Luke",
        "Cal Cool",
        "Fay Cold",
        "Oli Cold",
        "Ned Soon",
        "Una New",
    ]
    assert [item.priority for item in analysis.outreach] == list(range(1, 10))
    assert item_for(analysis, "Tom Target").level == "High"
    assert item_for(analysis, "Wes Warm").level == "Medium"
    assert item_for(analysis, "Ned Soon").level == "Low"


FIRST_TIMERS = [
    {"name": "Cora Cold", "category": "Cold", "field": IN},
    {"name": "Walt Warm", "category": "Warm", "field": OUT},
    {"name": "Cole Cool", "category": "Cool", "referrer": "Anna Smith", "field": OUT},
    {"name": "Cleo Cool", "category": "Cool", "referrer": "Anna Smith", "field": IN},
    {"name": "Lena Luke", "category": "Luke-warm", "field": IN},
    {"name": "Colm Cold", "category": "Cold", "field": OUT},
    {"name": "Dee Due", "category": "Warm", "field": OUT, "last_contact": day(-100)},
]
FIRST_ORDER = ["Cleo Cool", "Cole Cool", "Lena Luke", "Cora Cold", "Walt Warm", "Colm Cold"]


@pytest.mark.parametrize("budget", [0, 1, 3, 6, 10])
def test_first_outreach_is_capped_by_the_budget_cool_and_target_first(
    network_book: NetworkBook, budget: int
) -> None:
    analysis = run_analysis(network_book, FIRST_TIMERS, weekly_budget=budget)
    # Due contacts are never capped; first-time outreach is, Cool first, then target field.
    assert names(analysis) == ["Dee Due", *FIRST_ORDER[:budget]]


def test_the_budget_comes_from_the_settings_sheet(network_book: NetworkBook) -> None:
    analysis = run_analysis(
        network_book, FIRST_TIMERS, settings={**SETTINGS, "Weekly outreach budget": 2}
    )
    assert names(analysis) == ["Dee Due", *FIRST_ORDER[:2]]


# --- introduction paths and chains -----------------------------------------------------------


def test_a_cold_target_contact_is_offered_a_warm_contact_at_the_same_company(
    network_book: NetworkBook,
) -> None:
    people = [
        {"name": "Zoe Cold", "category": "Cold", "field": IN, "company": "Acme Analytics"},
        {"name": "Yan Cold", "category": "Cold", "field": OUT, "company": "Acme Analytics"},
        {"name": "Luz Luke", "category": "Luke-warm", "field": OUT, "company": "AcmeAnalytics"},
        {"name": "Sam Warm", "category": "Warm", "field": OUT, "company": "acme analytics"},
        {"name": "Cid Cool", "category": "Cool", "field": OUT, "company": "Acme Analytics"},
        {"name": "Wil Elsewhere", "category": "Warm", "field": OUT, "company": "Globex"},
    ]
    analysis = run_analysis(network_book, people)
    assert [p.name for p in analysis.paths] == ["Zoe Cold"]  # Cold and in a target field only
    path = analysis.paths[0]
    assert path.company == "Acme Analytics"
    # Warm before Luke-warm; a Cool contact has never met anyone there on the owner's behalf.
    assert [(name, category) for name, category, _ in path.via] == [
        ("Sam Warm", "Warm"),
        ("Luz Luke", "Luke-warm"),
    ]
    assert path.via[0][2] == "works at acme analytics"


def test_without_a_company_match_a_warm_contact_in_the_same_field_is_offered(
    network_book: NetworkBook,
) -> None:
    people = [
        {"name": "Zoe Cold", "category": "Cold", "field": IN, "company": "Initech"},
        {"name": "Sam Warm", "category": "Warm", "field": "data science", "company": "Globex"},
        {"name": "Ola Other", "category": "Warm", "field": OUT, "company": "Hooli"},
    ]
    analysis = run_analysis(network_book, people)
    assert [(p.name, [v[0] for v in p.via]) for p in analysis.paths] == [("Zoe Cold", ["Sam Warm"])]
    assert analysis.paths[0].via[0][2] == "works in data science"


def test_a_cold_target_contact_with_nobody_to_introduce_them_has_an_empty_path(
    network_book: NetworkBook,
) -> None:
    people = [
        {"name": "Zoe Cold", "category": "Cold", "field": IN, "company": "Initech"},
        {"name": "Ola Other", "category": "Warm", "field": OUT, "company": "Hooli"},
    ]
    analysis = run_analysis(network_book, people)
    assert [(p.name, p.via) for p in analysis.paths] == [("Zoe Cold", [])]


def test_chains_of_who_introduced_whom(network_book: NetworkBook) -> None:
    people = [
        {"name": "Aunt Maria", "category": "Warm", "relationship": "family"},
        {"name": "Sam Okafor", "category": "Luke-warm", "referrer": "Aunt Maria"},
        {"name": "Lee Park", "category": "Cool", "referrer": "sam  okafor"},
        {"name": "Kim Ito", "category": "Cool", "referrer": "Bob Stone"},
        {"name": "Ray Ng", "category": "Cold"},
    ]
    analysis = run_analysis(network_book, people)
    assert analysis.chains == [["Aunt Maria", "Sam Okafor", "Lee Park"], ["Bob Stone", "Kim Ito"]]


# --- the command line: netreport outreach ----------------------------------------------------

CLI_PEOPLE = [
    {"name": "Ann Lee", "category": "Warm", "field": IN, "last_contact": day(-12)},
    {"name": "Ben Ode", "category": "Luke-warm", "field": OUT, "last_contact": day(-61)},
    {"name": "Cy Dow", "category": "Cold", "field": IN},
]


def outreach(path: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["outreach", str(path), "--as-of", AS_OF.isoformat(), *args])


def outreach_json(path: Path, *args: str) -> dict[str, Any]:
    result = outreach(path, "--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data


def by_name(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["name"]: item for item in data["outreach"]}


def test_cli_outreach_text_lists_people_with_why_and_ask(network_book: NetworkBook) -> None:
    result = outreach(network_book(CLI_PEOPLE, [], SETTINGS))
    assert result.exit_code == 0, result.output
    text = result.output
    assert "Ann Lee" not in text  # 12 days since a Warm contact: not due
    assert "Ben Ode" in text
    assert "Cy Dow" in text
    ben = text[text.index("Ben Ode") :]
    assert "why: last contact 61 days ago" in ben
    assert f"ask: Ask whether they know someone in {TARGET}" in ben
    cy = text[text.index("Cy Dow") :]
    assert "why: never contacted" in cy
    assert "Do not ask for a job" in cy


def test_cli_outreach_json(network_book: NetworkBook) -> None:
    data = outreach_json(network_book(CLI_PEOPLE, [], SETTINGS))
    assert isinstance(data["score"], int)
    assert 0 <= data["score"] <= 100
    assert [c["name"] for c in data["components"]] == ["Freshness", "Activity", "Warmth", "Target"]
    assert all({"weight", "value", "points", "detail"} <= set(c) for c in data["components"])
    assert isinstance(data["findings"], list)
    assert data["findings"]
    items = by_name(data)
    assert list(items) == ["Ben Ode", "Cy Dow"]
    assert items["Ben Ode"]["due"] == day(-1).isoformat()
    assert items["Ben Ode"]["kind"] == "keep-in-touch"
    assert items["Cy Dow"]["kind"] == "first-outreach"
    for item in data["outreach"]:
        dt.date.fromisoformat(item["due"])
        assert {"why", "ask", "subject", "draft", "priority", "category"} <= set(item)


def test_cli_target_field_changes_the_result(network_book: NetworkBook) -> None:
    path = network_book(CLI_PEOPLE, [], SETTINGS)
    before = by_name(outreach_json(path))
    after = by_name(outreach_json(path, "--target-field", OUT))
    assert before["Ben Ode"]["in_target"] is False
    assert after["Ben Ode"]["in_target"] is True
    assert "introduction" in before["Ben Ode"]["ask"]
    assert "informational interview" in after["Ben Ode"]["ask"]
    assert before["Cy Dow"]["in_target"] is True
    assert after["Cy Dow"]["in_target"] is False


def test_cli_cadence_changes_the_result(network_book: NetworkBook) -> None:
    path = network_book(CLI_PEOPLE, [], SETTINGS)
    assert "Ann Lee" not in by_name(outreach_json(path))
    items = by_name(outreach_json(path, "--cadence", "Warm=10"))
    assert items["Ann Lee"]["due"] == day(-2).isoformat()
    assert items["Ann Lee"]["days_overdue"] == 2


def test_cli_budget_0_drops_first_time_outreach(network_book: NetworkBook) -> None:
    path = network_book(CLI_PEOPLE, [], SETTINGS)
    assert list(by_name(outreach_json(path, "--budget", "0"))) == ["Ben Ode"]


@pytest.mark.parametrize("bad", ["x=y", "Warm=soon", "Warm", "Tepidish=10", "Warm=0"])
def test_cli_a_bad_cadence_exits_2(network_book: NetworkBook, bad: str) -> None:
    result = outreach(network_book(CLI_PEOPLE, [], SETTINGS), "--cadence", bad)
    assert result.exit_code == 2, result.output
    assert "Warm=30" in result.output


def test_cli_a_broken_template_exits_2(network_book: NetworkBook, tmp_path: Path) -> None:
    folder = write_template(tmp_path / "mine", "keep-in-touch.txt.j2", "{{ first_name ")
    result = outreach(network_book(CLI_PEOPLE, [], SETTINGS), "--templates", str(folder))
    assert result.exit_code == 2, result.output
    assert "keep-in-touch.txt.j2" in result.output


@pytest.mark.parametrize(
    ("same_day", "expected_kind"),
    [
        (["Message sent", "Reply received"], "keep-in-touch"),
        (["Reply received", "Message sent"], "reply-nudge"),
    ],
)
def test_on_one_day_the_row_order_of_the_log_says_what_came_last(
    network_book: NetworkBook, same_day: list[str], expected_kind: str
) -> None:
    """A real log is long and has many entries on one date; the last row logged is last."""
    others = [{"name": f"Filler {n}", "category": "Cool"} for n in range(40)]
    other_log = [
        {"contact": f"Filler {n}", **logged(-10, kind)}
        for n in range(40)
        for kind in ("Message sent", "Reply received", "Message sent")
    ]
    mine = [{"contact": NAME, **logged(-10, kind)} for kind in same_day]
    analysis = run_analysis(
        network_book,
        [{"name": NAME, "category": "Warm"}, *others],
        [*other_log[:60], *mine, *other_log[60:]],
    )
    row = analysis.contacts[analysis.contacts["name"].eq(NAME)].iloc[0]
    assert row["due_kind"] == expected_kind
