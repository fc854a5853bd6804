"""A contact's own cadence (Keep in touch every) and snoozing (Snooze until).

Every expected date is worked out by hand from the report date and written literally: a Warm
contact last contacted 2026-10-01 with "2 weeks" is due 2026-10-15.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest

from netreport.analysis import Analysis, analyze
from netreport.analysis.redact import redacted
from netreport.cells import cadence_days, days_said
from netreport.check import CheckedWorkbook, check_workbook
from netreport.check.settings import positive_days
from netreport.issues import Severity
from netreport.render.console import outreach_text
from netreport.render.html import render_summary
from netreport.render.xlsx import write_report

MakeWorkbook = Callable[..., Path]
AS_OF = dt.date(2026, 10, 20)


def day(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def stamp(text: str) -> pd.Timestamp:
    return pd.Timestamp(text)


# --- how a cadence is read ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("2 weeks", 14),
        ("fortnightly", 14),
        ("Bi-weekly", 14),
        ("every other week", 14),
        ("2-3 weeks", 14),  # a range: the shorter end
        ("weekly", 7),
        ("monthly", 30),
        ("every month", 30),
        ("once a month", 30),
        ("1x/month", 30),
        ("every 3 months", 90),
        ("3 mo.", 90),
        ("quarterly", 91),
        ("every quarter", 91),
        ("every 6 months", 180),
        ("twice a year", 182),
        ("half-yearly", 182),
        ("semi-annually", 182),
        ("3 times a year", 121),  # 365 / 3 = 121.67, rounded down
        ("twice a month", 15),
        ("1.5 weeks", 10),  # 10.5, rounded down
        ("yearly", 365),
        ("Annually", 365),
        ("1 yr", 365),
        ("10 years", 3650),
        ("45", 45),
        ("45 days", 45),
        ("6 wks", 42),
        ("  Every 3 Months. ", 90),
        (45, 45),
        (45.0, 45),
    ],
)
def test_a_cadence_is_read_as_whole_days(typed: object, days: int) -> None:
    assert cadence_days(typed) == days


@pytest.mark.parametrize(
    "typed",
    [
        "every so often",
        "soon",
        "bimonthly",  # twice a month or every two months: not guessed
        "biannually",  # twice a year or every two years: not guessed
        "45.5",  # a bare number of days must be whole
        45.5,
        "0",
        0,
        "-3",
        "11 years",  # past 3650 days
        "10 times a day",  # less than a day
        "every",
        "two",
        True,
        dt.datetime(2026, 10, 1),
        "9" * 5000,
    ],
)
def test_a_value_that_says_no_rhythm_is_not_read(typed: object) -> None:
    assert cadence_days(typed) is None


def test_the_settings_read_days_as_the_cells_do() -> None:
    assert positive_days("monthly") == 30
    assert positive_days("3w") == 21
    assert positive_days(30.0) == 30
    assert days_said("0") == 0  # a thank-you window may be 0 days, a cadence may not
    with pytest.raises(ValueError):
        positive_days("0")
    with pytest.raises(ValueError):
        positive_days("often")


def test_cadence_settings_in_words(make_workbook: MakeWorkbook) -> None:
    settings = [
        ["Setting", "Value"],
        ["Cadence Warm", "fortnightly"],
        ["Reply nudge days", "1 week"],
        ["Cadence Cool", "bimonthly"],
    ]
    path = make_workbook([["Name"], ["Ann Lee"]], settings=settings)
    checked = check_workbook(path, as_of=AS_OF)
    assert checked.settings.cadence["Warm"] == 14
    assert checked.settings.reply_nudge_days == 7
    assert checked.settings.cadence["Cool"] == 90  # the default, kept
    assert [(i.code, i.row) for i in checked.issues] == [("invalid-setting", 4)]


# --- reading the column: the unreadable cadence warning --------------------------------------

CADENCE_HEADER = ["Name", "How I know them", "Category", "Last Contact", "Keep in touch every"]
CADENCE_ROWS = [
    ["Ann Lee", "friend", "Warm", day("2026-10-01"), "2 weeks"],  # row 2
    ["Ben Ode", "friend", "Warm", day("2026-10-01"), None],  # row 3
    ["Cy Dee", "friend", "Warm", day("2026-10-01"), "every so often"],  # row 4
    ["Di Fox", "found on the company website", "Cold", day("2026-09-01"), 45],  # row 5
    ["Ed Gu", "acquaintance", "Luke-warm", day("2026-09-15"), "monthly"],  # row 6
    ["Fay Ho", "referral", "Cool", day("2026-07-01"), "quarterly"],  # row 7
    ["Gil Ito", "friend", "Warm", day("2026-05-01"), "twice a year"],  # row 8
    ["Hal Jo", "friend", "Warm", day("2026-09-20"), "every 3 months"],  # row 9
    ["Ida Ka", "friend", "Warm", day("2026-10-01"), "every so often"],  # row 10
]


def cadence_book(make_workbook: MakeWorkbook, header: list[str] | None = None) -> CheckedWorkbook:
    path = make_workbook([header or CADENCE_HEADER, *CADENCE_ROWS])
    return check_workbook(path, as_of=AS_OF)


def test_an_unreadable_cadence_is_a_warning_on_its_cell(make_workbook: MakeWorkbook) -> None:
    checked = cadence_book(make_workbook)
    found = [i for i in checked.issues if i.code == "invalid-cadence"]
    assert [(i.sheet, i.row, i.column, i.value) for i in found] == [
        ("Contacts", 4, "E (Keep in touch every)", "every so often"),
        ("Contacts", 10, "E (Keep in touch every)", "every so often"),
    ]
    issue = found[0]
    assert issue.severity is Severity.WARNING
    assert issue.message == (
        "'every so often' is not a keep-in-touch interval netreport can read; this contact "
        "keeps their category's cadence."
    )
    assert "2 weeks" in issue.hint and "3650" in issue.hint
    assert checked.counts["error"] == 0
    # Read as days; blank where blank or unreadable.
    days = checked.contacts["cadence"]
    assert str(days.dtype) == "Int64"
    assert days.tolist() == [14, pd.NA, pd.NA, 45, 30, 91, 182, 90, pd.NA]


@pytest.mark.parametrize("header", ["Cadence", "Frequency", "Contact every", "Check in every"])
def test_the_column_is_found_by_the_words_people_use(
    make_workbook: MakeWorkbook, header: str
) -> None:
    checked = cadence_book(make_workbook, [*CADENCE_HEADER[:4], header])
    assert checked.contacts.at[2, "cadence"] == 14
    columns = {i.column for i in checked.issues if i.code == "invalid-cadence"}
    assert columns == {f"E ({header})"}


# --- the cadence in the outreach plan -------------------------------------------------------


def plan_of(analysis: Analysis, name: str) -> dict[str, Any]:
    row = analysis.contacts.index[analysis.contacts["name"].eq(name)][0]
    return dict(analysis.contacts.loc[row])


def test_a_contacts_own_cadence_replaces_the_categorys(make_workbook: MakeWorkbook) -> None:
    analysis = analyze(cadence_book(make_workbook))
    due = {name: plan_of(analysis, name)["next_due"] for name in analysis.contacts["name"]}
    assert due == {
        "Ann Lee": stamp("2026-10-15"),  # Warm, 2026-10-01 + 2 weeks
        "Ben Ode": stamp("2026-10-31"),  # Warm, + the category's 30 days
        "Cy Dee": stamp("2026-10-31"),  # unreadable: the category's 30 days
        "Di Fox": stamp("2026-10-16"),  # Cold, 2026-09-01 + 45 (not 180)
        "Ed Gu": stamp("2026-10-15"),  # Luke-warm, 2026-09-15 + monthly 30 (not 60)
        "Fay Ho": stamp("2026-09-30"),  # Cool, 2026-07-01 + quarterly 91 (not 90)
        "Gil Ito": stamp("2026-10-30"),  # Warm, 2026-05-01 + twice a year 182
        "Hal Jo": stamp("2026-12-19"),  # Warm, 2026-09-20 + 3 months 90
        "Ida Ka": stamp("2026-10-31"),
    }
    # Listed: overdue or due within 7 days; ordered by how late relative to their own cadence
    # (Ann 5/14, Fay 20/91, Ed 5/30, Di 4/45).
    assert [i.name for i in analysis.outreach] == ["Ann Lee", "Fay Ho", "Ed Gu", "Di Fox"]
    ann = analysis.outreach[0]
    assert (ann.due, ann.days_overdue) == (dt.date(2026, 10, 15), 5)
    assert ann.why == "last contact 19 days ago; you keep up with them every 14 days"
    di = analysis.outreach[3]
    assert di.why == "last contact 49 days ago; you keep up with them every 45 days"


def test_the_why_names_the_category_when_the_cadence_is_the_categorys(
    make_workbook: MakeWorkbook,
) -> None:
    rows = [CADENCE_HEADER, ["Ben Ode", "friend", "Warm", day("2026-09-10"), None]]
    analysis = analyze(check_workbook(make_workbook(rows), as_of=AS_OF))
    (ben,) = analysis.outreach
    assert ben.due == dt.date(2026, 10, 10)
    assert ben.why == "last contact 40 days ago; you keep up with Warm contacts every 30 days"


def test_the_redacted_copy_shows_the_days_read_not_the_words(make_workbook: MakeWorkbook) -> None:
    shared = redacted(analyze(cadence_book(make_workbook)))
    table = shared.checked.source.contacts
    assert table is not None
    shown = table.frame[table.letter("cadence")]
    assert shown[2] == 14 and shown[6] == 30 and pd.isna(shown[4])
    assert shared.contacts["cadence"].tolist()[:2] == [14, pd.NA]


# --- snoozing -------------------------------------------------------------------------------

SNOOZE_HEADER = [
    "Name",
    "How I know them",
    "Category",
    "Last Contact",
    "Follow up on",
    "Snooze until",
    "Status",
]
SNOOZE_ROWS = [
    # overdue since 2026-10-01; snoozed well past it
    ["Ann Lee", "friend", "Warm", day("2026-09-01"), None, day("2027-01-15"), None],
    # due 2026-11-09, after the snooze ends: the due date stays
    ["Ben Ode", "friend", "Warm", day("2026-10-10"), None, day("2026-10-25"), None],
    # never contacted; a snooze typed without a year is the next such day
    ["Cy Dee", "found on the company website", "Cold", None, None, "Jan 15", None],
    # a past snooze changes nothing: due 2026-10-01
    ["Di Fox", "friend", "Warm", day("2026-09-01"), None, day("2026-10-10"), None],
    # the snooze ends today: back on the list
    ["Ed Gu", "friend", "Warm", day("2026-09-01"), None, day("2026-10-20"), None],
    # a meeting on 2026-10-15 owes thanks by 2026-10-17, but she is snoozed
    ["Fay Ho", "friend", "Warm", None, None, day("2026-10-30"), None],
    # Status wins over the snooze
    ["Gus Ivy", "friend", "Warm", day("2026-09-01"), None, day("2027-01-15"), "Paused"],
    # a message sent 2026-10-05 is due a nudge 2026-10-12, but he is snoozed
    ["Hal Jo", "friend", "Warm", None, None, day("2026-11-15"), None],
    # a follow-up date of 2026-10-18, snoozed to 2026-10-22
    ["Ida Ka", "friend", "Warm", day("2026-10-01"), day("2026-10-18"), day("2026-10-22"), None],
    # never contacted, not snoozed: first outreach
    ["Jo Lu", "found on the company website", "Cold", None, None, None, None],
]
SNOOZE_LOG = [
    ["Date", "Contact", "Type"],
    [day("2026-10-15"), "Fay Ho", "Meeting"],
    [day("2026-10-05"), "Hal Jo", "Message sent"],
]


@pytest.fixture
def snoozed(make_workbook: MakeWorkbook) -> Analysis:
    path = make_workbook([SNOOZE_HEADER, *SNOOZE_ROWS], SNOOZE_LOG)
    checked = check_workbook(path, as_of=AS_OF)
    assert checked.counts["error"] == 0, checked.issues
    return analyze(checked)


def test_a_snoozed_person_leaves_the_outreach_list(snoozed: Analysis) -> None:
    assert [(i.name, i.kind, i.due) for i in snoozed.outreach] == [
        ("Di Fox", "keep-in-touch", dt.date(2026, 10, 1)),
        ("Ed Gu", "keep-in-touch", dt.date(2026, 10, 1)),
        ("Jo Lu", "first-outreach", AS_OF),
    ]
    assert snoozed.snoozed == 6  # Ann, Ben, Cy, Fay, Hal, Ida; not Gus (Paused)
    assert snoozed.health.overdue == 2  # Di and Ed; a snoozed person is not overdue


def test_next_action_and_next_due_while_snoozed(snoozed: Analysis) -> None:
    shown = {
        name: (plan_of(snoozed, name)["next_action"], plan_of(snoozed, name)["next_due"])
        for name in snoozed.contacts["name"]
    }
    assert shown == {
        "Ann Lee": ("Snoozed until 15 Jan 2027", stamp("2027-01-15")),
        "Ben Ode": ("Snoozed until 25 Oct 2026", stamp("2026-11-09")),
        "Cy Dee": ("Snoozed until 15 Jan 2027", stamp("2027-01-15")),
        "Di Fox": ("Keep in touch", stamp("2026-10-01")),
        "Ed Gu": ("Keep in touch", stamp("2026-10-01")),
        "Fay Ho": ("Snoozed until 30 Oct 2026", stamp("2026-10-30")),
        "Gus Ivy": ("None (status: Paused)", pd.NaT),
        "Hal Jo": ("Snoozed until 15 Nov 2026", stamp("2026-11-15")),
        "Ida Ka": ("Snoozed until 22 Oct 2026", stamp("2026-10-22")),
        "Jo Lu": ("First outreach", pd.NaT),
    }


def test_a_snooze_without_a_year_is_read_forward(make_workbook: MakeWorkbook) -> None:
    path = make_workbook([SNOOZE_HEADER, *SNOOZE_ROWS], SNOOZE_LOG)
    checked = check_workbook(path, as_of=AS_OF)
    (issue,) = [i for i in checked.issues if i.code == "date-without-year"]
    assert (issue.row, issue.column, issue.value) == (4, "F (Snooze until)", "Jan 15")
    assert "2027-01-15" in issue.message and "on or after" in issue.message


def test_the_snoozed_person_comes_back_on_the_day(make_workbook: MakeWorkbook) -> None:
    rows = [SNOOZE_HEADER, SNOOZE_ROWS[0]]  # Ann: due 2026-10-01, snoozed to 2027-01-15
    path = make_workbook(rows)
    before = analyze(check_workbook(path, as_of=dt.date(2027, 1, 14)))
    on_the_day = analyze(check_workbook(path, as_of=dt.date(2027, 1, 15)))
    assert (before.outreach, before.snoozed) == ([], 1)
    (ann,) = on_the_day.outreach
    assert (ann.kind, ann.due, on_the_day.snoozed) == ("keep-in-touch", dt.date(2026, 10, 1), 0)


def test_reports_say_how_many_are_snoozed(snoozed: Analysis, tmp_path: Path) -> None:
    page = render_summary(snoozed)
    assert "6 people are snoozed: left off this list until their snooze ends." in page
    assert outreach_text(snoozed).splitlines()[0] == (
        "Outreach, week of 20 Oct 2026: 3 people (6 more snoozed)"
    )
    path = tmp_path / "report.xlsx"
    write_report(snoozed, path)
    book = openpyxl.load_workbook(path)
    summary = [c.value for row in book["Summary"].iter_rows() for c in row if c.value]
    said = "6 people are snoozed: left off this list until their snooze ends."
    assert said in summary
    sheet = book["Contacts"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=True)) for r in sheet.iter_rows(2, values_only=True)}
    assert rows["Ann Lee"]["Next Action"] == "Snoozed until 15 Jan 2027"
    assert rows["Ann Lee"]["Next Due"] == dt.datetime(2027, 1, 15)
    assert rows["Ben Ode"]["Next Due"] == dt.datetime(2026, 11, 9)


def test_one_snoozed_person_is_said_in_the_singular(make_workbook: MakeWorkbook) -> None:
    path = make_workbook([SNOOZE_HEADER, SNOOZE_ROWS[0]])
    analysis = analyze(check_workbook(path, as_of=AS_OF))
    assert "1 person is snoozed" in render_summary(analysis)
    assert "No one is due this week" in render_summary(analysis)


def test_nothing_is_said_when_no_one_is_snoozed(make_workbook: MakeWorkbook) -> None:
    analysis = analyze(cadence_book(make_workbook))
    assert analysis.snoozed == 0
    assert "snoozed" not in render_summary(analysis)
    assert "snoozed" not in outreach_text(analysis)


def test_the_redacted_copy_keeps_the_snooze(snoozed: Analysis) -> None:
    shared = redacted(snoozed)
    assert shared.snoozed == 6
    assert shared.contacts.at[2, "next_action"] == "Snoozed until 15 Jan 2027"
    table = shared.checked.source.contacts
    assert table is not None
    shown = table.frame[table.letter("snooze_until")]
    assert shown[4] == stamp("2027-01-15")  # "Jan 15" as read, not as typed
    assert "6 people are snoozed" in render_summary(shared)


def test_a_yes_no_snooze_column_is_not_dates(make_workbook: MakeWorkbook) -> None:
    rows = [["Name", "Last Contact", "Snooze?"], ["Ann Lee", day("2026-09-01"), "Y"]]
    checked = check_workbook(make_workbook(rows), as_of=AS_OF)
    assert "column-not-dates" in [i.code for i in checked.issues]
    assert checked.contacts["snooze_until"].isna().all()
    assert analyze(checked).snoozed == 0
