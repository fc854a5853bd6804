"""What people type that no template asks for: dates in part, ratings as stars, rows that are
not people, headers with asides, and the drafts written from them. Expected values are worked
by hand from the report date, 3 December 2026."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from netreport.analysis import analyze
from netreport.check import CheckedWorkbook, check_workbook

AS_OF = dt.date(2026, 12, 3)


def checked(tmp_path: Path, rows: list[list[Any]], **settings: Any) -> CheckedWorkbook:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Contacts"
    for row in rows:
        sheet.append(row)
    path = tmp_path / "book.xlsx"
    book.save(path)
    return check_workbook(path, as_of=AS_OF, **settings)


@pytest.mark.parametrize(
    ("typed", "read", "code"),
    [
        ("Oct 2025", dt.date(2025, 10, 1), "month-only-date"),
        ("Nov '25", dt.date(2025, 11, 1), "month-only-date"),
        ("11/2025", dt.date(2025, 11, 1), "month-only-date"),
        ("12/1", dt.date(2026, 12, 1), "date-without-year"),  # month first: 1 December
        ("12/5", dt.date(2025, 12, 5), "date-without-year"),  # 5 Dec 2026 is after the report
        ("Feb 3", dt.date(2026, 2, 3), "date-without-year"),
        ("Sun 29 Nov", dt.date(2026, 11, 29), "date-without-year"),
        ("2 weeks ago", dt.date(2026, 11, 19), "relative-date"),
        ("last week", dt.date(2026, 11, 26), "relative-date"),
        ("yesterday", dt.date(2026, 12, 2), "relative-date"),
    ],
)
def test_a_last_contact_typed_in_part(tmp_path: Path, typed: str, read: dt.date, code: str) -> None:
    result = checked(tmp_path, [["Name", "Last Contact"], ["Ann Lee", typed]])
    assert result.contacts.loc[2, "last_contact"].date() == read
    [issue] = result.issues
    assert (issue.code, issue.severity.value, issue.row) == (code, "warning", 2)
    assert read.isoformat() in issue.message


def test_a_follow_up_without_a_year_is_the_next_such_day(tmp_path: Path) -> None:
    result = checked(tmp_path, [["Name", "Follow up on"], ["Ann Lee", "12/1"], ["Bo Chen", "1/15"]])
    assert result.contacts["follow_up"].dt.date.tolist() == [
        dt.date(2027, 12, 1),
        dt.date(2027, 1, 15),
    ]


def test_words_that_name_no_day_are_an_error_that_says_how_to_type_it(tmp_path: Path) -> None:
    result = checked(tmp_path, [["Name", "Last Contact"], ["Ann Lee", "last spring"]])
    [issue] = result.issues
    assert issue.code == "invalid-date" and "2026-10-03" in issue.hint


def test_exported_dates_with_a_time_are_read(tmp_path: Path) -> None:
    rows = [
        ["Name", "Last Contact"],
        ["Ann Lee", "1/1/2026 9:10am"],
        ["Bo Chen", "2026-03-04 14:22"],
    ]
    result = checked(tmp_path, rows)
    assert result.contacts["last_contact"].dt.date.tolist() == [
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 4),
    ]
    assert result.issues == []


@pytest.mark.parametrize(
    ("rating", "category"),
    [
        ("★★★★★", "Warm"),
        ("★★★★☆", "Warm"),
        ("★★☆☆☆", "Luke-warm"),
        ("4/5", "Warm"),
        ("2/5", "Luke-warm"),
    ],
)
def test_a_closeness_rating_as_stars(tmp_path: Path, rating: str, category: str) -> None:
    rows = [["Name", "Met?", "Closeness (1-5)"], ["Ann Lee", "Yes", rating]]
    assert checked(tmp_path, rows).contacts.loc[2, "category"] == category


def test_rows_that_are_not_people_are_skipped_each_with_a_note(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["Name", "Email", "How I know them"],
        ["WORK", None, None],  # a heading over a group of rows
        ["Ann Lee", "ann@example.com", "coworker"],
        ["Name", "Email", "How I know them"],  # the header pasted again
        ["FAMILY & FRIENDS", None, None],
        ["Bo Chen", "bo@example.com", "cousin"],
        ["(ask Bo about the Dublin office)", None, None],
        ["Total contacts", 2, None],
        ["Legend: close friend = Warm", None, None],
        ["Maria Lopez (example)", "maria@example.com", "cousin"],
        ["Total Wine & More buyer", "buyer@example.com", "researched"],  # a person, and a shop
    ]
    result = checked(tmp_path, rows)
    assert result.contacts["name"].tolist() == ["Ann Lee", "Bo Chen", "Total Wine & More buyer"]
    notes = {(i.row, i.code) for i in result.issues if i.severity.value == "info"}
    assert notes == {
        (2, "not-a-contact"),
        (4, "not-a-contact"),
        (5, "not-a-contact"),
        (7, "not-a-contact"),
        (8, "not-a-contact"),
        (9, "not-a-contact"),
        (10, "example-row"),
    }


def test_headers_with_asides_and_alternatives(tmp_path: Path) -> None:
    rows = [
        ["Contact Name", "Company / Organization", "Notes / Next Steps", "Follow Up?"],
        ["Ann Lee", "Acme", "never met; Ben's colleague", "Y"],
    ]
    result = checked(tmp_path, rows)
    person = result.contacts.loc[2]
    assert (person["company"], person["category"], person["referrer"]) == ("Acme", "Cool", "Ben")
    assert pd_isna(person["follow_up"])
    [note] = [i for i in result.issues if i.code == "column-not-dates"]
    assert note.column == "D (Follow Up?)"


def pd_isna(value: object) -> bool:
    return value is None or value != value  # NaT and NaN are not equal to themselves


@pytest.mark.parametrize(
    ("words", "target", "opening", "never"),
    [
        # The words say Ben sent the owner: the draft may say so.
        ("Ben suggested I contact her", "", "Ben suggested I contact you.", "my next step in"),
        # The words only say she is Ben's colleague: the draft claims no more.
        ("Ben's colleague", "", "I believe you know Ben, and I hope you do not mind", "suggested"),
        ("friend of a friend", "Finance", "We have someone in common", "Someone we both know"),
        ("my aunt's neighbour", "", "I believe you know my aunt", "target field"),
    ],
)
def test_a_cool_draft_says_what_the_words_say_and_no_placeholder(
    tmp_path: Path, words: str, target: str, opening: str, never: str
) -> None:
    rows = [["Name", "How I know them"], ["Ann Lee", words]]
    result = checked(tmp_path, rows, target_fields=[target] if target else None)
    [item] = analyze(result).outreach
    assert item.category == "Cool"
    assert item.draft.startswith(f"Hi Ann,\n\n{opening}")
    assert never not in item.draft and never not in item.subject
    assert "{{" not in item.draft and "target field" not in item.draft


def test_the_owner_is_told_of_a_go_between_as_theirs(tmp_path: Path) -> None:
    """The draft, written by the owner, says "my aunt"; the list, written to the owner, says
    "your aunt"."""
    result = checked(tmp_path, [["Name", "How I know them"], ["Ann Lee", "my aunt's neighbour"]])
    [item] = analyze(result).outreach
    assert item.why == "never contacted; your aunt is your person in common"
    assert item.ask.startswith("Reach out naming your aunt;")
    assert "I believe you know my aunt" in item.draft


def test_a_go_between_by_title_and_surname_is_the_contact_and_a_status_in_own_words_counts(
    tmp_path: Path,
) -> None:
    rows = [
        ["Name", "Connection", "Status"],
        ["Elena Ramirez", "professor, my thesis advisor", "Active"],
        ["Maya Singh", "Prof. Ramirez intro", "Coffee chat done"],  # met since: Luke-warm
        ["Alex Romero", "Prof. Ramirez intro", "Emailed"],  # not met yet: Cool
    ]
    people = checked(tmp_path, rows).contacts.set_index("name")
    assert people.loc["Maya Singh", "category"] == "Luke-warm"
    assert people.loc["Alex Romero", "category"] == "Cool"
    assert people.loc["Alex Romero", "referrer"] == "Elena Ramirez"


def test_a_person_entered_twice_is_in_touch_by_the_later_row(tmp_path: Path) -> None:
    rows = [
        ["Name", "Email", "How I know them", "Last Contact"],
        ["Ann Lee", "ann@example.com", "friend", dt.datetime(2026, 1, 10)],
        ["Ann Lee", "ANN@example.com", "friend", dt.datetime(2026, 11, 20)],
    ]
    analysis = analyze(checked(tmp_path, rows))
    # Warm: every 30 days. By the first row alone she is 297 days overdue; by the later one
    # she is due on 20 December, outside this week's list.
    assert analysis.contacts.loc[2, "effective_last"].date() == dt.date(2026, 11, 20)
    assert analysis.outreach == []
