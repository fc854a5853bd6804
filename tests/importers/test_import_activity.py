"""`netreport import mail` and `import calendar` into a workbook: entries for contacts only,
by address then by full name, once (a second import adds nothing), and the report's clock
restarted by them."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import openpyxl
from click.testing import CliRunner, Result

from netreport.cli import cli

# A Google Takeout mbox, as Takeout writes it (CRLF, `From <id>@xxx` lines, Gmail labels).
TAKEOUT = """\
From 1812839201338474001@xxx Tue Nov 03 06:30:00 +0000 2026
X-GM-THRID: 1812839201338474001
X-Gmail-Labels: Sent,Opened
Date: Mon, 2 Nov 2026 23:30:00 -0800
Message-ID: <sent-1@mail.gmail.com>
Subject: Coffee next week?
From: Jordan Avery <jordan.avery@gmail.com>
To: "=?UTF-8?B?U8O4cmVuIE1vcmVhdQ==?=" <Soren.Moreau@example.net>, Stranger <x@nowhere.example>
Content-Type: text/plain; charset="UTF-8"

Hi Soren, coffee next week?

From 1812839201338474002@xxx Wed Nov 04 07:05:00 +0000 2026
X-GM-THRID: 1812839201338474001
X-Gmail-Labels: Inbox,Opened
From: =?ISO-8859-1?Q?Grace_Okonjo?= <grace@personal.example>
Date: Wed, 4 Nov 2026 09:05:00 +0100
Message-ID: <grace-1@personal.example>
Subject: =?UTF-8?Q?Re:_Caf=C3=A9?=
To: jordan.avery+jobs@gmail.com
Content-Type: text/plain; charset="UTF-8"

Happy to!
From the desk of Grace.

From 1812839201338474003@xxx Thu Nov 05 08:00:00 +0000 2026
X-Gmail-Labels: Inbox,Category Updates
From: Jobs Digest <jobs@lists.example>
To: jordan.avery@gmail.com
Date: Thu, 5 Nov 2026 08:00:00 +0000
Message-ID: <digest-1@lists.example>
Subject: Weekly jobs
List-Unsubscribe: <mailto:leave@lists.example>

Jobs.

"""


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def log_rows(path: Path) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book["Interactions"].iter_rows(values_only=True)]


def workbook(make_workbook: Any) -> Path:
    path: Path = make_workbook(
        [
            ["Name", "Email", "Company", "How I know them", "Met?", "Last Contact"],
            [
                "Søren Moreau",
                "soren.moreau@example.net",
                "Juniper",
                "friend",
                "Yes",
                dt.datetime(2026, 6, 1),
            ],
            [
                "Grace Okonjo",
                "grace.okonjo@example.com",
                "Clearwater",
                "friend",
                "Yes",
                dt.datetime(2026, 6, 1),
            ],
        ],
        [["Date", "Contact", "Email", "Channel", "Type", "Notes"]],
    )
    return path


def test_mail_from_and_to_contacts_becomes_their_log_once(
    make_workbook: Any, tmp_path: Path
) -> None:
    book = workbook(make_workbook)
    mbox = tmp_path / "All mail Including Spam and Trash.mbox"
    mbox.write_bytes(TAKEOUT.replace("\n", "\r\n").encode("utf-8"))
    args = ["import", "mail", str(mbox), "--into", str(book), "--me", "jordan.avery@gmail.com",
            "--since", "2026-10-01", "--as-of", "2026-11-30"]  # fmt: skip
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "Added 2 entries to Interactions in network.xlsx (rows 2-3)" in result.output
    rows = log_rows(book)
    # Søren by his address (in another case); Grace by her full name, from another address.
    assert rows[1] == [dt.datetime(2026, 11, 2), "Søren Moreau", "soren.moreau@example.net",
                       "Email", "Message sent", "Coffee next week?", rows[1][6]]  # fmt: skip
    assert rows[2][:6] == [dt.datetime(2026, 11, 4), "Grace Okonjo", "grace.okonjo@example.com",
                           "Email", "Reply received", "Re: Café"]  # fmt: skip
    assert rows[0][6] == "Imported ID"
    assert rows[1][6] == "mail:sent-1@mail.gmail.com soren.moreau@example.net"
    assert "1 bulk or automated" in result.output

    before = digest(book)
    again = run(*args, "--format", "json")
    assert again.exit_code == 0, again.output
    document = json.loads(again.output)
    assert document["entries"] == [] and document["skipped"]["already imported"] == 2
    assert digest(book) == before

    report = run("outreach", str(book), "--as-of", "2026-11-30", "--format", "json")
    listed = {i["name"]: i for i in json.loads(report.output)["outreach"]}
    # Grace replied on 4 Nov: a Warm contact's 30 days run from then (not from 1 June).
    assert listed["Grace Okonjo"]["due"] == "2026-12-04"
    # Søren was written to on 2 Nov and has not answered: a nudge 7 days later.
    assert listed["Søren Moreau"]["kind"] == "reply-nudge"
    assert listed["Søren Moreau"]["due"] == "2026-11-09"


def test_mail_needs_the_owners_address(make_workbook: Any, tmp_path: Path) -> None:
    book = workbook(make_workbook)
    mbox = tmp_path / "mail.mbox"
    mbox.write_bytes(TAKEOUT.encode("utf-8"))
    result = run("import", "mail", str(mbox), "--into", str(book))
    assert result.exit_code == 2
    assert "--me you@example.com" in result.output


CALENDAR = Path(__file__).parent / "data_calendar" / "google.ics"


def test_meetings_become_a_meeting_for_each_contact_invited(make_workbook: Any) -> None:
    book: Path = make_workbook(
        [
            ["Name", "Email", "How I know them"],
            ["Jörg Müller", None, "mentor"],
            ["Wei Chen", "wei.chen@example.com", "former colleague"],
            ["Tom Becker", "tom.becker@example.org", "met at a meetup"],
        ]
    )
    args = ["import", "calendar", str(CALENDAR), "--into", str(book),
            "--since", "2026-10-01", "--as-of", "2026-10-31"]  # fmt: skip
    result = run(*args)
    assert result.exit_code == 0, result.output
    # Worked out from google.ics: the weekly mentoring on Wednesdays (9:00 New York) falls
    # on 7, 14, 21 and 28 Oct; 14 Oct is an EXDATE, 21 Oct moved to Thursday 22 Oct and
    # 28 Oct was cancelled. Jörg is found by name ("Müller, Jörg"); Wei's call at 01:30 UTC
    # on 17 Oct is 16 Oct in New York, a Call by its title; Tom declined it.
    book_rows = openpyxl.load_workbook(book)["Interactions"].iter_rows(values_only=True)
    assert [r[:6] for r in book_rows] == [
        ("Date", "Contact", "Email", "Channel", "Type", "Notes"),
        (dt.datetime(2026, 10, 7), "Jörg Müller", None, None, "Meeting", "Mentoring: Ana / Jörg"),
        (dt.datetime(2026, 10, 16), "Wei Chen", "wei.chen@example.com", None, "Call",
         "Call with Wei, about the data team"),
        (dt.datetime(2026, 10, 22), "Jörg Müller", None, None, "Meeting",
         "Mentoring: Ana / Jörg (moved to Thursday)"),
    ]  # fmt: skip
    assert "1 declined by the contact" in result.output
    before = digest(book)
    again = run(*args)
    assert again.exit_code == 0 and "Nothing to add" in again.output
    assert "3 already imported" in again.output
    assert digest(book) == before


def test_a_meeting_later_today_is_not_logged_yet(make_workbook: Any, tmp_path: Path) -> None:
    book: Path = make_workbook([["Name", "Email"], ["Wei Chen", "wei.chen@example.com"]])
    now = dt.datetime.now(dt.UTC)
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T120000Z\r\n"
        f"DTSTART:{start:%Y%m%dT%H%M%SZ}\r\nSUMMARY:{title}\r\n"
        "ORGANIZER:mailto:me@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:wei.chen@example.com"
        "\r\nEND:VEVENT\r\n"
        for uid, start, title in (
            ("past", now - dt.timedelta(days=1), "Yesterday's call"),
            ("later", now + dt.timedelta(minutes=30), "Call later on"),
        )
    )
    ics = tmp_path / "calendar.ics"
    ics.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
    result = run("import", "calendar", str(ics), "--into", str(book), "--me", "me@example.com")
    assert result.exit_code == 0, result.output
    notes = [r[5] for r in openpyxl.load_workbook(book)["Interactions"].iter_rows(values_only=True)]
    assert notes == ["Notes", "Yesterday's call"]


def test_a_title_or_subject_says_what_kind_of_contact_it_was() -> None:
    from netreport.importers.activity import said
    from netreport.schema import MET_TYPES

    assert said("Informational interview \u2013 Globex UX", "Meeting", MET_TYPES) == (
        "Informational interview"
    )
    assert said("Info chat w/ Priya", "Meeting", MET_TYPES) == "Informational interview"
    assert said("Job shadowing at Acme", "Meeting", MET_TYPES) == "Shadowing"
    assert said("Zoom: catch-up", "Meeting", MET_TYPES) == "Call"
    assert said("Recall the plan", "Meeting", MET_TYPES) == "Meeting"
    assert said("Thanks!", "Meeting", MET_TYPES) == "Meeting"  # a meeting is not a thank-you
    assert said("Thank you for your time", "Message sent", {"Thank-you sent"}) == ("Thank-you sent")
    assert said("Coffee next week?", "Message sent", {"Thank-you sent"}) == "Message sent"
    assert said(None, "Message sent", {"Thank-you sent"}) == "Message sent"
