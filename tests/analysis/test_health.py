"""Network health: the figures, the 0-100 score and the findings, on constructed networks.

Expected values are worked out by hand from the formula in netreport/analysis/health.py's
docstring (and the README), written as literal arithmetic:
  Freshness  40  contacted, contactable people within their cadence / contacted, contactable
  Activity   25  interactions in the last 30 days / (4 x weekly budget), at most 1
  Warmth     15  (Warm + Luke-warm + Cool) / all contacts / 0.6, at most 1
  Target     20  contacts in a target field / all contacts / 0.3, at most 1
A component that does not apply is left out and the others are re-weighted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netreport.analysis import Analysis, analyze
from netreport.analysis.result import Health
from netreport.check import check_workbook

AS_OF = dt.date(2026, 11, 23)
NetworkBook = Callable[..., Path]


def day(offset: int) -> dt.date:
    return AS_OF + dt.timedelta(days=offset)


def reply(name: str, offset: int) -> dict[str, Any]:
    return {"date": day(offset), "contact": name, "type": "Reply received", "channel": "Email"}


def run(
    network_book: NetworkBook,
    people: list[dict[str, Any]],
    log: list[dict[str, Any]],
    settings: dict[str, Any],
    **overrides: Any,
) -> Analysis:
    checked = check_workbook(network_book(people, log, settings), as_of=AS_OF, **overrides)
    assert checked.counts["error"] == 0, checked.issues
    return analyze(checked)


def components(health: Health) -> dict[str, float | None]:
    return {c.name: c.value for c in health.components}


# Ten contacts (Warm 2, Luke-warm 1, Cool 2, Cold 5), two in Data Science, nobody in Nursing.
NETWORK = [
    # Ann: Warm, 10 days since contact (cadence 30): within.
    {"name": "Ann Ames", "category": "Warm", "field": "Data Science", "last_contact": day(-10)},
    # Ben: Warm, 45 days: overdue.
    {"name": "Ben Bell", "category": "Warm", "field": "Marketing", "last_contact": day(-45)},
    # Cara: Luke-warm, 20 days (cadence 60): within.
    {"name": "Cara Cole", "category": "Luke-warm", "field": "Finance", "last_contact": day(-20)},
    # Dev: Cool, 100 days (cadence 90): overdue.
    {"name": "Dev Dunn", "category": "Cool", "field": "Data Science", "last_contact": day(-100)},
    # Eve: Cool, only a logged reply 5 days ago: within.
    {"name": "Eve Egan", "category": "Cool", "field": "Retail"},
    # Finn, Gus, Jo: Cold, never contacted.
    {"name": "Finn Ford", "category": "Cold", "field": "Law"},
    {"name": "Gus Gray", "category": "Cold", "field": "Retail"},
    # Hal: Cold, 400 days, but Do not contact: not contactable, so not in Freshness at all.
    {
        "name": "Hal Hart",
        "category": "Cold",
        "field": "Marketing",
        "last_contact": day(-400),
        "status": "Do not contact",
    },
    # Ivy: Cold, logged reply 10 days ago (cadence 180): within.
    {"name": "Ivy Irwin", "category": "Cold", "field": "Law"},
    {"name": "Jo Jones", "category": "Cold", "field": "Law"},
]
LOG = [
    reply("Ann Ames", -10),
    reply("Ben Bell", -45),  # more than 30 days ago: not activity
    reply("Cara Cole", -29),
    reply("Cara Cole", -20),
    reply("Eve Egan", -5),
    reply("Ivy Irwin", -10),
]
SETTINGS = {"Target fields": "Data Science, Nursing", "Weekly outreach budget": 5}

# By hand:
FRESHNESS = 4 / 6  # contacted & contactable: Ann Ben Cara Dev Eve Ivy; within: Ann Cara Eve Ivy
ACTIVITY = 5 / (4 * 5)  # five interactions in the last 30 days; budget 5
WARMTH = (5 / 10) / 0.6  # Warm 2 + Luke-warm 1 + Cool 2 of 10
TARGET = (2 / 10) / 0.3  # Ann and Dev work in Data Science
SCORE = 59  # round(40 * 0.6667 + 25 * 0.25 + 15 * 0.8333 + 20 * 0.6667) = round(58.75)


def test_health_components_and_score(network_book: NetworkBook) -> None:
    health = run(network_book, NETWORK, LOG, SETTINGS).health
    assert components(health) == pytest.approx(
        {"Freshness": FRESHNESS, "Activity": ACTIVITY, "Warmth": WARMTH, "Target": TARGET}
    )
    assert [c.weight for c in health.components] == [40, 25, 15, 20]
    assert health.score == SCORE
    assert round(40 * FRESHNESS + 25 * ACTIVITY + 15 * WARMTH + 20 * TARGET) == SCORE


def test_health_figures(network_book: NetworkBook) -> None:
    health = run(network_book, NETWORK, LOG, SETTINGS).health
    assert health.size == 10
    assert health.by_category == {"Warm": 2, "Luke-warm": 1, "Cool": 2, "Cold": 5}
    assert health.in_target == 2
    assert health.target_share == pytest.approx(0.2)
    assert health.contactable == 9
    assert health.within_cadence == 4
    assert health.overdue == 2
    assert health.overdue_by_category == {"Warm": 1, "Luke-warm": 0, "Cool": 1, "Cold": 0}
    assert health.never_contacted == 3
    assert health.interactions_7 == 1  # Eve, 5 days ago
    assert health.interactions_30 == 5
    assert health.interactions_90 == 6
    assert health.fields == 5  # Data Science, Marketing, Finance, Retail, Law


def test_findings_for_an_overdue_warm_contact_and_an_empty_target_field(
    network_book: NetworkBook,
) -> None:
    findings = run(network_book, NETWORK, LOG, SETTINGS).health.findings
    assert "1 Warm contact is overdue for a keep-in-touch message." in findings
    assert (
        "None of your contacts works in Nursing, your target field: ask your Warm contacts "
        "whom they know there."
    ) in findings
    assert not any("works in Data Science, your target field" in f for f in findings)
    assert not any("Cool contact" in f for f in findings)  # Dev is overdue, but Cool


def test_findings_count_several_overdue_warm_and_luke_warm_contacts(
    network_book: NetworkBook,
) -> None:
    people = [
        {"name": "Ann Ames", "category": "Warm", "last_contact": day(-31)},
        {"name": "Ben Bell", "category": "Warm", "last_contact": day(-90)},
        {"name": "Cat Cho", "category": "Warm", "last_contact": day(-30)},  # due today: not overdue
        {"name": "Cara Cole", "category": "Luke-warm", "last_contact": day(-61)},
        {"name": "Dan Doe", "category": "Warm", "last_contact": day(-90), "status": "Archived"},
    ]
    findings = run(network_book, people, [], {"Target fields": "Data Science"}).health.findings
    assert findings[:2] == [
        "2 Warm contacts are overdue for a keep-in-touch message.",
        "1 Luke-warm contact is overdue for a keep-in-touch message.",
    ]


def test_without_target_fields_the_target_component_is_left_out(
    network_book: NetworkBook,
) -> None:
    health = run(network_book, NETWORK, LOG, {"Weekly outreach budget": 5}).health
    assert components(health) == pytest.approx(
        {"Freshness": FRESHNESS, "Activity": ACTIVITY, "Warmth": WARMTH, "Target": None}
    )
    # Re-weighted over 40 + 25 + 15 = 80: 100 * 45.4167 / 80 = 56.77
    assert health.score == 57
    assert health.target_share is None
    assert any(f.startswith("No target fields are set") for f in health.findings)


def test_when_nobody_was_contacted_freshness_is_left_out(network_book: NetworkBook) -> None:
    people = [
        {"name": "Ann Ames", "category": "Warm", "field": "Data Science"},
        {"name": "Cid Cruz", "category": "Cool", "field": "Retail"},
        {"name": "Col Cobb", "category": "Cold", "field": "Retail"},
        {"name": "Cy Cyr", "category": "Cold", "field": "Law"},
    ]
    health = run(network_book, people, [], {"Target fields": "Data Science"}).health
    warmth, target = (2 / 4) / 0.6, (1 / 4) / 0.3
    assert components(health) == pytest.approx(
        {"Freshness": None, "Activity": 0.0, "Warmth": warmth, "Target": target}
    )
    # Re-weighted over 25 + 15 + 20 = 60: 100 * (0 + 12.5 + 16.667) / 60 = 48.6
    assert health.score == 49
    assert health.never_contacted == 4
    assert any(f.startswith("No interactions logged in the last 30 days") for f in health.findings)


def test_components_are_capped_at_1(network_book: NetworkBook) -> None:
    people = [
        {"name": f"Wen {n}", "category": "Warm", "field": "Data Science", "last_contact": day(-1)}
        for n in range(3)
    ]
    log = [reply(f"Wen {n % 3}", -n) for n in range(12)]  # 12 > 4 x budget 2
    health = run(
        network_book, people, log, {"Target fields": "Data Science", "Weekly outreach budget": 2}
    ).health
    assert components(health) == {"Freshness": 1.0, "Activity": 1.0, "Warmth": 1.0, "Target": 1.0}
    assert health.score == 100


def test_the_budget_sets_the_activity_bar(network_book: NetworkBook) -> None:
    health = run(network_book, NETWORK, LOG, SETTINGS, weekly_budget=2).health
    assert components(health)["Activity"] == pytest.approx(5 / (4 * 2))


def test_interactions_after_the_report_day_are_not_activity(network_book: NetworkBook) -> None:
    log = [*LOG, reply("Jo Jones", 1), reply("Gus Gray", 3)]
    health = run(network_book, NETWORK, log, SETTINGS).health
    assert health.interactions_7 == 1
    assert health.interactions_30 == 5
    assert health.interactions_90 == 6
    assert components(health)["Activity"] == pytest.approx(ACTIVITY)
    assert health.never_contacted == 3  # Jo and Gus are not contacted yet, as of the report day


def test_top_connectors(network_book: NetworkBook) -> None:
    people = [
        {"name": "Lee Park", "category": "Cool", "referrer": "Aunt Maria"},
        {"name": "Kim Ito", "category": "Cool", "referrer": "aunt  maria"},
        {"name": "Ray Ng", "category": "Cool", "referrer": "Sam Okafor"},
        {"name": "Aunt Maria", "category": "Warm", "relationship": "family"},
    ]
    health = run(network_book, people, [], {"Target fields": "Data Science"}).health
    assert health.top_connectors == [("Aunt Maria", 2), ("Sam Okafor", 1)]


def test_new_contacts_in_the_last_30_days_come_from_the_added_column(
    network_book: NetworkBook,
) -> None:
    people = [
        {"name": "Ann Ames", "category": "Warm", "added": day(0)},
        {"name": "Ben Bell", "category": "Warm", "added": day(-5)},
        {"name": "Cid Cruz", "category": "Cool", "added": day(-29)},
        {"name": "Col Cobb", "category": "Cold", "added": day(-40)},
        {"name": "Cy Cyr", "category": "Cold", "added": day(1)},  # after the report day
        {"name": "Di Dee", "category": "Cold"},
    ]
    health = run(network_book, people, [], {"Target fields": "Data Science"}).health
    assert health.new_contacts_30 == 3
