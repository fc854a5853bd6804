"""Categorization, rule by rule, on real workbooks: the decision in domain.md, in order.

1. met / known?  yes and close -> Warm; yes, not close -> Luke-warm
2. never met, someone in common named -> Cool
3. never met, no one in common -> Cold
Explicit words win over guesses; a typed category is kept and contradictions are warned about;
a Cool contact with a logged call or meeting is now Luke-warm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netreport.check import CheckedWorkbook, check_workbook
from netreport.issues import Severity

AS_OF = dt.date(2026, 3, 1)
WARM, LUKE, COOL, COLD = "Warm", "Luke-warm", "Cool", "Cold"
FOUR = {WARM, LUKE, COOL, COLD}

HEADER = [
    "Name",
    "Email",
    "How I know them",
    "Met?",
    "Closeness",
    "Introduced By",
    "Where found",
    "Category",
]
CATEGORY_COLUMN = "H (Category)"
FIRST_ROW = 2  # the first data row, under the header


def contact(
    name: str = "Dana Reyes",
    *,
    email: str | None = None,
    relationship: str | None = None,
    met: Any = None,
    closeness: str | None = None,
    referrer: str | None = None,
    source: str | None = None,
    category: str | None = None,
) -> list[Any]:
    return [name, email, relationship, met, closeness, referrer, source, category]


MakeWorkbook = Callable[..., Path]


def check(
    make_workbook: MakeWorkbook,
    rows: list[list[Any]],
    interactions: list[list[Any]] | None = None,
) -> CheckedWorkbook:
    path = make_workbook([HEADER, *rows], interactions)
    return check_workbook(path, as_of=AS_OF)


def only(checked: CheckedWorkbook) -> tuple[str, str]:
    """The category and reason of the single contact in the workbook."""
    assert len(checked.contacts) == 1
    row = checked.contacts.loc[FIRST_ROW]
    return row["category"], row["reason"]


def contradictions(checked: CheckedWorkbook) -> list[Any]:
    return [i for i in checked.issues if i.code == "category-contradicted"]


# --- every relationship word in domain.md's table, with nothing else on the row -------------

RELATIONSHIP_WORDS = [
    ("friend", WARM),
    ("family", WARM),
    ("relative", WARM),
    ("cousin", WARM),
    ("coworker", WARM),
    ("colleague", WARM),
    ("manager", WARM),
    ("mentor", WARM),
    ("classmate (close)", WARM),
    ("acquaintance", LUKE),
    ("met at an event", LUKE),
    ("neighbour", LUKE),
    ("former colleague (not close)", LUKE),
    ("referral", COOL),
    ("introduced by", COOL),
    ("friend of a friend", COOL),
    ("researched", COLD),
    ("directory", COLD),
    ("website", COLD),
    ("LinkedIn search", COLD),
    ("cold email", COLD),
]


@pytest.mark.parametrize(("words", "expected"), RELATIONSHIP_WORDS)
def test_relationship_word_decides_the_category(
    make_workbook: MakeWorkbook, words: str, expected: str
) -> None:
    category, reason = only(check(make_workbook, [contact(relationship=words)]))
    assert category == expected
    assert reason.startswith(f"{expected}: ")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        # Capitals and extra words around the table's words do not hide them.
        ("Close FRIEND from school", WARM),
        ("Family friend", WARM),
        ("Neighbor", LUKE),
        ("Former coworker", LUKE),
        ("Friend of my sister", COOL),
        ("cousin's friend", COOL),
        # domain.md's own example of a referral.
        ("my cousin said to call her friend", COOL),
        ("Found on the company website", COLD),
        ("Association member directory", COLD),
    ],
)
def test_relationship_words_in_a_phrase(
    make_workbook: MakeWorkbook, words: str, expected: str
) -> None:
    category, _ = only(check(make_workbook, [contact(relationship=words)]))
    assert category == expected


# --- Met? and Closeness, the explicit facts ------------------------------------------------


@pytest.mark.parametrize(
    ("met", "closeness", "expected"),
    [
        ("Yes", "High", WARM),
        ("Yes", "Low", LUKE),
        ("Yes", None, LUKE),  # met, closeness unknown: not close
        ("No", "High", COLD),  # never met: no closeness makes it Warm
        ("No", "Low", COLD),
        ("No", None, COLD),
        (None, "High", WARM),  # close means the owner knows them
        (None, "Low", COLD),  # a low closeness alone is no sign of having met
        (None, None, COLD),
    ],
)
def test_met_and_closeness(
    make_workbook: MakeWorkbook, met: str | None, closeness: str | None, expected: str
) -> None:
    category, _ = only(check(make_workbook, [contact(met=met, closeness=closeness)]))
    assert category == expected


@pytest.mark.parametrize(
    ("met", "closeness", "expected"),
    [
        ("Yes", "High", WARM),
        ("Yes", "Low", LUKE),
        ("No", "High", COOL),
        ("No", "Low", COOL),
        ("No", None, COOL),
    ],
)
def test_met_and_closeness_with_a_referrer(
    make_workbook: MakeWorkbook, met: str, closeness: str | None, expected: str
) -> None:
    row = contact(met=met, closeness=closeness, referrer="Aunt Maria")
    category, _ = only(check(make_workbook, [row]))
    assert category == expected


@pytest.mark.parametrize(
    ("words", "met", "closeness", "expected"),
    [
        # Met? = No wins over a close relationship word.
        ("friend", "No", None, COLD),
        ("coworker", "No", None, COLD),
        ("acquaintance", "No", None, COLD),
        # Met? = Yes wins over referral and research words.
        ("referral", "Yes", None, LUKE),
        ("introduced by", "Yes", None, LUKE),
        ("friend of a friend", "Yes", "High", WARM),
        ("researched", "Yes", None, LUKE),
        ("cold email", "Yes", "High", WARM),
        # A marked closeness wins over the closeness a word suggests.
        ("coworker", "Yes", "Low", LUKE),
        ("acquaintance", "Yes", "High", WARM),
        # A close word on a met contact, closeness not marked.
        ("friend", "Yes", None, WARM),
        ("mentor", "Yes", None, WARM),
    ],
)
def test_explicit_facts_win_over_words(
    make_workbook: MakeWorkbook, words: str, met: str, closeness: str | None, expected: str
) -> None:
    row = contact(relationship=words, met=met, closeness=closeness)
    category, _ = only(check(make_workbook, [row]))
    assert category == expected


def test_met_no_with_a_close_word_and_a_referrer_is_cool(make_workbook: MakeWorkbook) -> None:
    row = contact(relationship="friend", met="No", referrer="Sam Lee")
    category, reason = only(check(make_workbook, [row]))
    assert category == COOL
    assert "Sam Lee" in reason


# --- Introduced By and Where found -------------------------------------------------------


@pytest.mark.parametrize(
    ("referrer", "source", "expected"),
    [
        ("Aunt Maria", None, COOL),
        ("Aunt Maria", "LinkedIn search", COOL),  # someone in common beats research
        (None, "Company website", COLD),
        (None, "Professional association directory", COLD),
        (None, None, COLD),
    ],
)
def test_introduced_by_and_where_found(
    make_workbook: MakeWorkbook, referrer: str | None, source: str | None, expected: str
) -> None:
    category, _ = only(check(make_workbook, [contact(referrer=referrer, source=source)]))
    assert category == expected


def test_cool_reason_names_the_referrer(make_workbook: MakeWorkbook) -> None:
    category, reason = only(check(make_workbook, [contact(referrer="Aunt Maria")]))
    assert category == COOL
    assert "introduced by Aunt Maria" in reason


def test_cold_reason_names_where_found(make_workbook: MakeWorkbook) -> None:
    category, reason = only(check(make_workbook, [contact(source="Company website")]))
    assert category == COLD
    assert "Company website" in reason


def test_warm_reason_gives_the_relationship(make_workbook: MakeWorkbook) -> None:
    category, reason = only(check(make_workbook, [contact(relationship="cousin")]))
    assert category == WARM
    assert "cousin" in reason


def test_met_reason_says_not_close(make_workbook: MakeWorkbook) -> None:
    category, reason = only(check(make_workbook, [contact(met="Yes", closeness="Low")]))
    assert category == LUKE
    assert "not close" in reason


# --- a typed category ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Warm", WARM),
        ("warm", WARM),
        ("WARM ", WARM),
        ("Luke-warm", LUKE),
        ("Lukewarm", LUKE),
        ("luke warm", LUKE),
        ("Luke-Warm", LUKE),
        ("Cool", COOL),
        ("cool", COOL),
        ("Cold", COLD),
        (" COLD", COLD),
    ],
)
def test_typed_category_is_kept_in_its_canonical_spelling(
    make_workbook: MakeWorkbook, typed: str, expected: str
) -> None:
    # A bare row: no facts for or against the typed category.
    checked = check(make_workbook, [contact(category=typed)])
    category, reason = only(checked)
    assert category == expected
    assert reason.startswith(expected)
    assert contradictions(checked) == []
    assert [i for i in checked.issues if i.code == "unknown-category"] == []


@pytest.mark.parametrize(
    ("typed", "facts", "suggested"),
    [
        ("Cold", {"referrer": "Aunt Maria"}, COOL),
        ("Cold", {"met": "Yes"}, LUKE),
        ("Cold", {"relationship": "friend"}, WARM),
        ("Cold", {"closeness": "High"}, WARM),
        ("Warm", {"met": "No"}, COLD),
        ("WARM ", {"met": "No", "referrer": "Aunt Maria"}, COOL),
        ("Warm", {"met": "Yes", "closeness": "Low"}, LUKE),
        ("Warm", {"relationship": "researched"}, COLD),
        ("Luke-warm", {"met": "Yes", "closeness": "High"}, WARM),
        ("luke warm", {"met": "No"}, COLD),
        ("Cool", {"met": "Yes"}, LUKE),
        ("Cool", {"relationship": "friend"}, WARM),
        ("Cool", {"source": "Company website", "relationship": "researched"}, COLD),
    ],
)
def test_contradicted_typed_category_is_kept_with_a_warning(
    make_workbook: MakeWorkbook, typed: str, facts: dict[str, str], suggested: str
) -> None:
    checked = check(make_workbook, [contact(category=typed, **facts)])
    category, _ = only(checked)
    assert category == {"luke warm": LUKE, "WARM ": WARM}.get(typed, typed)
    [issue] = contradictions(checked)
    assert issue.severity is Severity.WARNING
    assert (issue.sheet, issue.row, issue.column) == ("Contacts", FIRST_ROW, CATEGORY_COLUMN)
    assert issue.value == typed.strip()
    assert issue.message and issue.hint
    assert suggested in issue.hint


def test_contradiction_names_the_referrer(make_workbook: MakeWorkbook) -> None:
    checked = check(make_workbook, [contact(category="Cold", referrer="Aunt Maria")])
    [issue] = contradictions(checked)
    assert "Aunt Maria" in issue.message
    assert only(checked)[0] == COLD


@pytest.mark.parametrize(
    ("typed", "facts"),
    [
        ("Warm", {"relationship": "friend"}),
        ("Warm", {"met": "Yes", "closeness": "High"}),
        ("Luke-warm", {"relationship": "acquaintance"}),
        ("Luke-warm", {"met": "Yes"}),
        ("Cool", {"referrer": "Aunt Maria"}),
        ("Cool", {"met": "No", "relationship": "friend of a friend"}),
        ("Cold", {"source": "Company website"}),
        ("Cold", {"met": "No", "relationship": "LinkedIn search"}),
        # No facts at all: nothing to contradict.
        ("Warm", {}),
        ("Cool", {}),
    ],
)
def test_agreeing_typed_category_has_no_warning(
    make_workbook: MakeWorkbook, typed: str, facts: dict[str, str]
) -> None:
    checked = check(make_workbook, [contact(category=typed, **facts)])
    category, _ = only(checked)
    assert category == typed
    assert contradictions(checked) == []


def test_unknown_typed_category_falls_back_to_the_facts(make_workbook: MakeWorkbook) -> None:
    checked = check(make_workbook, [contact(category="Wram", referrer="Aunt Maria")])
    assert only(checked)[0] == COOL
    assert [i.code for i in checked.issues] == ["unknown-category"]


# --- contacts move: a Cool contact since met is Luke-warm -----------------------------------

LOG_HEADER = ["Date", "Contact", "Channel", "Type"]


@pytest.mark.parametrize(
    ("channel", "kind"),
    [
        ("Phone", "Call"),
        ("In person", "Meeting"),
        ("Video call", "Informational interview"),
        (None, "Call"),
        (None, "Meeting"),
        (None, "Informational interview"),
    ],
)
@pytest.mark.parametrize(
    "cool",
    [
        {"referrer": "Aunt Maria"},  # derived Cool
        {"category": "Cool"},  # typed Cool
        {"category": "cool", "referrer": "Aunt Maria"},
    ],
)
def test_cool_contact_met_since_is_luke_warm(
    make_workbook: MakeWorkbook, channel: str | None, kind: str, cool: dict[str, str]
) -> None:
    log = [LOG_HEADER, [dt.date(2026, 2, 3), "Dana Reyes", channel, kind]]
    checked = check(make_workbook, [contact(**cool)], log)
    category, reason = only(checked)
    assert category == LUKE
    assert reason.startswith(f"{LUKE}: ")
    assert "Cool" in reason
    assert "since spoken" in reason
    assert "3 Feb 2026" in reason
    assert contradictions(checked) == []


def test_moved_reason_keeps_the_referrer(make_workbook: MakeWorkbook) -> None:
    log = [LOG_HEADER, [dt.date(2026, 2, 3), "Dana Reyes", "Phone", "Call"]]
    checked = check(make_workbook, [contact(referrer="Aunt Maria")], log)
    assert "introduced by Aunt Maria" in only(checked)[1]


def test_first_of_several_meetings_is_named(make_workbook: MakeWorkbook) -> None:
    log = [
        LOG_HEADER,
        [dt.date(2026, 2, 20), "Dana Reyes", "Phone", "Call"],
        [dt.date(2026, 1, 9), "Dana Reyes", "In person", "Meeting"],
    ]
    _, reason = only(check(make_workbook, [contact(referrer="Aunt Maria")], log))
    assert "9 Jan 2026" in reason


@pytest.mark.parametrize(
    ("channel", "kind"),
    [
        ("Email", "Message sent"),
        (None, "Message sent"),
        ("LinkedIn", "Message sent"),
        ("Email", "Reply received"),
        ("Email", "Thank-you sent"),
    ],
)
def test_written_messages_do_not_move_a_cool_contact(
    make_workbook: MakeWorkbook, channel: str | None, kind: str
) -> None:
    log = [LOG_HEADER, [dt.date(2026, 2, 3), "Dana Reyes", channel, kind]]
    category, reason = only(check(make_workbook, [contact(referrer="Aunt Maria")], log))
    assert category == COOL
    assert "since spoken" not in reason


def test_a_meeting_with_someone_else_does_not_move_a_cool_contact(
    make_workbook: MakeWorkbook,
) -> None:
    rows = [contact(referrer="Aunt Maria"), contact("Aunt Maria", relationship="family")]
    log = [LOG_HEADER, [dt.date(2026, 2, 3), "Aunt Maria", "In person", "Meeting"]]
    checked = check(make_workbook, rows, log)
    assert checked.contacts["category"].tolist() == [COOL, WARM]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (contact(relationship="friend"), WARM),
        (contact(met="Yes", closeness="Low"), LUKE),
        (contact(category="Warm"), WARM),
        (contact(category="Luke-warm"), LUKE),
    ],
)
def test_a_meeting_does_not_demote_a_known_contact(
    make_workbook: MakeWorkbook, row: list[Any], expected: str
) -> None:
    log = [LOG_HEADER, [dt.date(2026, 2, 3), "Dana Reyes", "Phone", "Call"]]
    category, _ = only(check(make_workbook, [row], log))
    assert category == expected


def test_meeting_matched_by_email_moves_a_cool_contact(make_workbook: MakeWorkbook) -> None:
    log = [
        ["Date", "Contact", "Email", "Type"],
        [dt.date(2026, 2, 3), None, "DANA@example.com", "Meeting"],
    ]
    row = contact(email="dana@example.com", referrer="Aunt Maria")
    category, _ = only(check(make_workbook, [row], log))
    assert category == LUKE


# --- every contact gets exactly one of the four ------------------------------------------


def test_every_contact_gets_exactly_one_of_the_four_categories(
    make_workbook: MakeWorkbook,
) -> None:
    rows = [
        contact(f"Person {i}", relationship=words)
        for i, (words, _) in enumerate(RELATIONSHIP_WORDS)
    ]
    rows += [
        contact("Typed", category="luke warm"),
        contact("Bad typed", category="Wram"),
        contact("Nothing"),
        contact("Met", met="yes"),
        contact("Not met", met="no", referrer="Someone"),
    ]
    checked = check(make_workbook, rows)
    categories = checked.contacts["category"]
    assert len(categories) == len(rows)
    assert categories.notna().all()
    assert set(categories) <= FOUR
    assert set(categories) == FOUR
    assert checked.contacts["reason"].map(lambda r: isinstance(r, str) and r != "").all()
    expected = [e for _, e in RELATIONSHIP_WORDS]
    assert categories.tolist()[: len(expected)] == expected
    counts = checked.category_counts()
    assert sum(counts.values()) == len(rows)
