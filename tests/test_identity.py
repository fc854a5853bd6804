"""Who is the same person: netreport.identity, and every stage that asks it agreeing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from netreport import check_workbook, identity
from netreport.analysis import analyze
from netreport.analysis.history import contact_keys
from netreport.identity import name_key, short_name
from netreport.importers.match import SAME, Person, compare

AS_OF = dt.date(2026, 11, 23)

# Each pair is one person written two ways, worked out by hand.
ONE_PERSON = [
    ("Lee, Ann", "Ann Lee"),
    ("Dr. Ann B. Lee", "ann lee"),
    ("Ann Lee PhD", "Ann Lee"),
    ("ANN LEE, PhD", "Ann Lee"),
    ("Lee, Ann, Jr.", "Ann Lee"),
    ("Ann (Annie) Lee", "Ann Lee"),
    ('Robert "Bob" Smith', "Robert Smith"),
    ("José Núñez", "Jose Nunez"),
    ("Zoë Ødegård", "Zoe Odegard"),
    ("Mary-Kate O'Neil", "Mary Kate ONeil"),
    ("Mary-Kate O\u2019Neil", "Mary O'Neil"),  # a typographic apostrophe
    ("van der Berg, Jan", "Jan van der Berg"),
    ("Sister Mary Jones", "Mary Jones"),
    ("Ms. Jane Roe", "Jane  Roe"),
    ("Prof. Dr. Hans Müller", "Hans Muller"),
    ("  ann   lee ", "Ann Lee"),
]
DIFFERENT = [
    ("Ann Lee", "Ann Li"),
    ("Dean Smith", "Smith"),  # Dean is a first name here, not a title
    ("Ann Ba", "Ann"),  # BA is a suffix only after a surname
    ("Jane Roe", "John Roe"),
]


@pytest.mark.parametrize(("a", "b"), ONE_PERSON)
def test_one_person_written_two_ways_has_one_name_key(a: str, b: str) -> None:
    assert identity.name_key(a) == identity.name_key(b) is not None


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_two_people_have_two_name_keys(a: str, b: str) -> None:
    assert identity.name_key(a) != identity.name_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Lee, Ann", "ann lee"),
        ("Dr. Roe", "roe"),
        ("Judge Judy", "judge judy"),
        ("李 小龙", "li xiaolong"),
        ("Zo\u200be Lee", "zoe lee"),  # a zero-width space inside a word is removed
        ("Zo\ufeffe\u2060 Lee", "zoe lee"),
        ("Ann\u00a0Lee", "ann lee"),  # no-break and other spaces are spaces
        ("Ann\u3000Lee", "ann lee"),
        ("Ann\u202fLee", "ann lee"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_name_keys_by_hand(name: str | None, key: str | None) -> None:
    assert identity.name_key(name) == key


def test_the_vectorised_keys_equal_the_one_by_one_keys() -> None:
    names = [
        *(n for pair in ONE_PERSON + DIFFERENT for n in pair),
        None,
        "Ann\nLee",
        "3",
        "Lee, Ann",
    ]
    series = pd.Series(names, dtype=object)
    assert identity.name_keys(series).tolist() == [identity.name_key(n) for n in names]


def test_the_key_agrees_with_nameparsers_first_and_last_names() -> None:
    """The fast key is checked against the library it stands in for."""
    from nameparser import HumanName

    for a, _ in ONE_PERSON:
        if "(" in a or '"' in a or "van der" in a:  # nameparser keeps particles and nicknames
            continue
        parsed = HumanName(a)
        first, last = identity.fold(parsed.first).split(), identity.fold(parsed.last).split()
        wanted = f"{first[0]} {last[-1]}"
        assert identity.name_key(a) == wanted, a


@pytest.mark.parametrize(
    ("name", "greeting"),
    [
        ("Dr. Jane Roe", "Jane"),
        ("Dr. Roe", "Dr. Roe"),
        ("Lee, Ann", "Ann"),
        ("Ann Lee PhD", "Ann"),
        ("J. Roe", ""),
        ("Roe", "Roe"),  # nameparser reads a lone word as a first name
        ("", ""),
    ],
)
def test_greetings(name: str, greeting: str) -> None:
    assert str(identity.greeting(name)) == greeting


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("Dr. Jane Roe", "Jane"),
        ("Dr. Roe", "Dr. Roe"),
        ("Lee, Ann", "Ann"),
        ("J. Roe", "J. Roe"),  # an initial is no name to greet by: the name as typed
        ("Dean Smith", "Dean"),
        ("Mary-Kate O'Neil", "Mary-Kate"),
        ("Zo\u200be Lee", "Zoe"),
        ("Ann\u00a0Lee", "Ann"),
        ("", ""),
    ],
)
def test_the_name_a_draft_opens_with(name: str, shown: str) -> None:
    assert identity.greeting_name(name) == shown


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("+44 7700 900123", "07700 900123", True),
        ("(555) 123-4567 x12", "555.123.4567", True),
        ("555 1234", "555 1235", False),
        ("12", "12", False),  # too short to tell people apart
    ],
)
def test_phone_numbers(a: str, b: str, same: bool) -> None:
    assert identity.same_phone(identity.phone_key(a), identity.phone_key(b)) is same


def test_suggestions_find_one_letter_typos_and_nothing_far() -> None:
    known = ["Samir Haddad", "Carla Méndez", "Hugo Martin", "Ann Lee"]
    found = identity.suggestions(["Samir Hadad", "Karla Mendez", "Hugo Martín", "Zed Zed"], known)
    assert found == {"Samir Hadad": "Samir Haddad", "Karla Mendez": "Carla Méndez"}
    # "Hugo Martín" is Hugo Martin already: no suggestion is needed for a name that matches.


# --- every stage agrees ---------------------------------------------------------------------

TRICKY = [("Lee, Ann", "Ann Lee"), ("José Núñez", "Jose Nunez"), ("Dr. Jane Roe", "Jane Roe")]


def test_validate_interactions_history_paths_outreach_redact_and_import_agree(
    network_book: Callable[..., Path],
) -> None:
    """Each tricky contact is written one way in Contacts and the other everywhere else."""
    people: list[dict[str, Any]] = [
        {"name": typed, "company": "Acme", "met": "Yes", "relationship": "friend"}
        for typed, _ in TRICKY
    ]
    people += [
        {"name": f"{other} ", "company": "Acme Inc.", "relationship": "referral"}
        for _, other in TRICKY[:1]
    ]  # the same person again, as the importer or a careless paste would add her
    people.append({"name": "Kim Park", "referrer": TRICKY[1][1], "met": "No"})
    log = [{"date": dt.date(2026, 11, 1), "contact": other} for _, other in TRICKY]
    path = network_book(people, log, {"Target fields": "Data"})
    checked = check_workbook(path, as_of=AS_OF)

    # validate: the repeat is a duplicate of row 2; every log name is a known contact.
    duplicates = [i for i in checked.issues if i.code == "duplicate-contact"]
    assert [(i.row, i.value) for i in duplicates] == [(5, "Ann Lee")]
    assert not [i for i in checked.issues if i.code == "unknown-contact"]
    assert checked.interactions["contact_row"].tolist() == [2, 3, 4]

    # history: the same key for both spellings.
    frame = pd.DataFrame(
        {
            "name": [a for a, _ in TRICKY] + [b for _, b in TRICKY],
            "company": ["Acme"] * 3 + ["Acme, Inc."] * 3,
            "email_key": [None] * 6,
        }
    )
    frame["name_key"] = [name_key(n) for n in frame["name"]]  # as validation leaves it
    keys = contact_keys(frame).tolist()
    assert keys[:3] == keys[3:]

    # introduction chains: the referrer typed as "Jose Nunez" is the contact "José Núñez".
    analysis = analyze(checked)
    assert ["José Núñez", "Kim Park"] in analysis.chains

    # outreach: the repeated Ann Lee (never contacted under that row, so a first outreach on
    # its own) is not listed: she is one person, in touch through row 2.
    assert analysis.contacts.loc[5, "due_kind"] == "first-outreach"
    assert 5 not in [item.row for item in analysis.outreach]

    # redact: both spellings are shortened alike, surname to its initial.
    assert short_name("Lee, Ann") == short_name("Ann Lee") == "Ann L."
    assert short_name("Dr. Jane Roe") == short_name("Jane Roe") == "Jane R."
    assert short_name("Ann Lee PhD") == "Ann L."

    # import: an exported "Ann Lee" at "Acme Inc." is the contact "Lee, Ann" at "Acme".
    old = Person.of(2, {"name": "Lee, Ann", "company": "Acme"})
    new = Person.of(0, {"name": "Ann Lee", "company": "Acme Inc."}, new=True)
    verdict = compare(new, old)
    assert verdict is not None and verdict.kind == SAME, verdict


def test_name_keys_take_the_keys_known_and_work_out_the_rest() -> None:
    """The log's names typed as in Contacts take the key Contacts has; any other is folded."""
    known = pd.Series(["ann lee", None], index=["Dr. Ann Lee", "-"], dtype=object)
    names = pd.Series(["Dr. Ann Lee", "Lee, Ann", "-", None, "Bob (Robert) Smith"], dtype=object)
    keys = identity.name_keys(names, known).tolist()
    assert keys == ["ann lee", "ann lee", None, None, "bob smith"]
    # Taken as they are: a key known is not worked out again.
    known = pd.Series(["the key given"], index=["Dr. Ann Lee"], dtype=object)
    assert identity.name_keys(names, known).tolist()[:2] == ["the key given", "ann lee"]
