"""Mailbox exports (mbox) read from their headers: Google Takeout, Thunderbird, Apple Mail.

The fixtures are written as the exporters write them (Takeout: CRLF line ends, `From
<id>@xxx` lines and X-Gmail-Labels; Thunderbird: `From - <date>` lines and X-Mozilla-Status;
Apple Mail: a `Name.mbox` folder holding a file `mbox`). Every expected value is worked out
by hand from the fixture text: base64 and hashes were computed with `base64` and `sha256sum`.
"""

from __future__ import annotations

import datetime as dt
import random
import time
import tracemalloc
from pathlib import Path

import pytest

from netreport.importers.common import ImportProblem
from netreport.importers.mailbox import (
    MailExport,
    Message,
    Party,
    owner_key,
    parse_mailbox,
)

YEAR_2024 = {"since": dt.date(2024, 1, 1), "until": dt.date(2024, 12, 31)}

# Google Takeout, "All mail Including Spam and Trash.mbox". Written with \n here and saved with
# CRLF, as Takeout does.
TAKEOUT = """\
From 1812839201338474001@xxx Tue Oct 15 06:30:00 +0000 2024
X-GM-THRID: 1812839201338474001
X-Gmail-Labels: Sent,Opened
MIME-Version: 1.0
Date: Mon, 14 Oct 2024 23:30:00 -0700
Message-ID: <CAKsent001@mail.gmail.com>
Subject: Coffee next week? Following up on
 the product manager role
From: John Smith <john.smith@gmail.com>
To: "=?UTF-8?B?Sm9zw6kgTsO6w7Fleg==?=" <Jose.Nunez@Example.com>
Cc: =?ISO-8859-1?Q?Andr=E9_Pirard?= <andre@example.be>,
 John Smith <john.smith@gmail.com>
Content-Type: text/plain; charset="UTF-8"

Hi José, would you have time for coffee next week?

From 1812839201338474002@xxx Tue Oct 15 07:05:00 +0000 2024
X-GM-THRID: 1812839201338474001
X-Gmail-Labels: Inbox,Important,Opened,Category Personal
Delivered-To: john.smith@gmail.com
Received: by 2002:a05:6358:4aa1:b0:1b5:1c1e:5b3a with SMTP id abc;
        Tue, 15 Oct 2024 00:05:01 -0700 (PDT)
From: "Ann Lee" <ann.lee@acme.example>
Date: Tue, 15 Oct 2024 09:05:00 +0200
Message-ID: <ann-reply-1@acme.example>
Subject: =?UTF-8?Q?Re:_Caf=C3=A9_next_week=3F?=
To: johnsmith+jobs@gmail.com
Content-Type: text/plain; charset="UTF-8"

Happy to! A few notes from my files:

>From the archives: the team started in 2019.
>>From an older mail, quoted twice.

From the desk of Ann Lee
Call me at 5 if that is easier.
From Mon to Fri I am in the office.

From 1812839201338474003@xxx Tue Oct 15 08:00:00 +0000 2024
X-GM-THRID: 1812839201338474003
X-Gmail-Labels: Inbox,Category Updates
From: PyData Jobs <jobs@lists.pydata.example>
To: john.smith@gmail.com
Date: Tue, 15 Oct 2024 08:00:00 +0000
Message-ID: <digest-42@lists.pydata.example>
Subject: Weekly jobs digest
List-Unsubscribe: <mailto:leave@lists.pydata.example>
List-Id: PyData Jobs <jobs.lists.pydata.example>
Precedence: list

Ten new jobs this week.

From 1812839201338474004@xxx Tue Oct 15 08:10:00 +0000 2024
X-GM-THRID: 1812839201338474004
X-Gmail-Labels: Spam,Category Promotions
From: Prize Team <prizes@winner.example>
To: john.smith@gmail.com
Date: Tue, 15 Oct 2024 08:10:00 +0000
Message-ID: <prize-1@winner.example>
Subject: You have won

Click here.

From 1812839201338474005@xxx Tue Oct 15 07:05:00 +0000 2024
X-GM-THRID: 1812839201338474001
X-Gmail-Labels: Inbox,jobs
From: "Ann Lee" <ann.lee@acme.example>
Date: Tue, 15 Oct 2024 09:05:00 +0200
Message-ID: <ann-reply-1@acme.example>
Subject: =?UTF-8?Q?Re:_Caf=C3=A9_next_week=3F?=
To: johnsmith+jobs@gmail.com

The same message, listed a second time.

From 1812839201338474006@xxx Wed Oct 16 09:00:00 +0000 2024
X-Gmail-Labels: Inbox,Category Updates
From: LinkedIn <messages-noreply@linkedin.com>
To: John Smith <john.smith@gmail.com>
Date: Wed, 16 Oct 2024 09:00:00 +0000
Message-ID: <li-1@linkedin.com>
Subject: Ann Lee sent you a message

Ann wrote to you.

From 1812839201338474007@xxx Mon Jan 01 04:59:00 +0000 2024
X-Gmail-Labels: Inbox
From: Old Friend <old@friend.example>
To: john.smith@gmail.com
Date: Sun, 31 Dec 2023 23:59:00 -0500
Message-ID: <new-year@friend.example>
Subject: Happy new year

See you next year.

From 1812839201338474008@xxx Wed Oct 16 07:00:00 +0000 2024
X-Gmail-Labels: Inbox
From: Dana Wu <dana@wu.example>
To: john.smith@gmail.com
Message-ID: <undated@wu.example>
Subject: No date on this one

Hello.

From 1812839201338474009@xxx Wed Oct 16 07:00:00 +0000 2024
X-Gmail-Labels: Inbox
From: Bob Stone <bob@stone.example>
To: john.smith@gmail.com
Date: Wed, 16 Oct 2024 08:00:00 +0100
Subject: Lunch?

No Message-ID on this one.

From 1812839201338474010@xxx Wed Oct 16 10:00:00 +0000 2024
X-Gmail-Labels: Inbox
From: Chris Page <chris@page.example>
To: john.smith@gmail.com
Date: Wed, 16 Oct 2024 10:00:00 +0000
Message-ID: <ooo@page.example>
Subject: Out of office
Auto-Submitted: auto-replied

I am away until Monday.

From 1812839201338474011@xxx Wed Oct 16 11:00:00 +0000 2024
X-Gmail-Labels: Sent
From: John Smith <john.smith@gmail.com>
To: j.o.h.n.smith@googlemail.com
Date: Wed, 16 Oct 2024 11:00:00 +0000
Message-ID: <note-to-self@mail.gmail.com>
Subject: Reminder: call Ann

Note to self.

From 1812839201338474012@xxx Wed Oct 16 12:00:00 +0000 2024
X-Gmail-Labels: Inbox
Delivered-To: j.smith@oldjob.example
From: HR Team <hr@oldjob.example>
To: staff@oldjob.example
Date: Wed, 16 Oct 2024 12:00:00 +0000
Message-ID: <staff-1@oldjob.example>
Subject: Office closed Friday

The office is closed on Friday.

"""


def takeout(tmp_path: Path) -> Path:
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    path.write_bytes(TAKEOUT.replace("\n", "\r\n").encode("utf-8"))
    return path


def test_takeout_sent_and_received(tmp_path: Path) -> None:
    read = parse_mailbox(takeout(tmp_path), me=["john.smith@gmail.com"], **YEAR_2024)
    assert read.messages == [
        Message(
            key="CAKsent001@mail.gmail.com",
            where="message 1",
            # 23:30 at -0700 is already the 15th in UTC: the day is the sender's own.
            day=dt.date(2024, 10, 14),
            sent=True,
            others=(
                Party("jose.nunez@example.com", "José Núñez"),
                Party("andre@example.be", "André Pirard"),
            ),
            subject="Coffee next week? Following up on the product manager role",
        ),
        Message(
            key="ann-reply-1@acme.example",
            where="message 2",
            day=dt.date(2024, 10, 15),
            sent=False,
            others=(Party("ann.lee@acme.example", "Ann Lee"),),
            subject="Re: Café next week?",
        ),
        Message(
            # sha256 of "Wed, 16 Oct 2024 08:00:00 +0100\nBob Stone <bob@stone.example>\nLunch?"
            key="sha256:9fe4444324424d1ddd9be0ddb896b4b0",
            where="message 9",
            day=dt.date(2024, 10, 16),
            sent=False,
            others=(Party("bob@stone.example", "Bob Stone"),),
            subject="Lunch?",
        ),
    ]
    assert read.skipped == {
        "no date": 1,  # message 8
        "outside the window": 1,  # message 7, 31 Dec 2023 where it was sent
        "spam or trash": 1,  # message 4
        "bulk or automated": 3,  # 3 (list), 6 (noreply), 10 (auto-reply)
        "not to or from you": 1,  # message 12
        "to yourself only": 1,  # message 11
        "duplicate": 1,  # message 5
    }
    assert read.notes == [
        "Some messages came to or from addresses not given as yours (john.smith@gmail.com): "
        "j.smith@oldjob.example (1 message). If one is yours, give it too (--me)."
    ]
    assert isinstance(read, MailExport) and read.path.name.endswith(".mbox")


def test_body_from_lines_do_not_split_messages(tmp_path: Path) -> None:
    """Twelve From lines, twelve messages: the body's >From, >>From and bare From lines
    (mboxrd quoting, and a careless writer's unquoted ones) stay in message 2."""
    read = parse_mailbox(
        takeout(tmp_path),
        me=["john.smith@gmail.com"],
        since=dt.date(2000, 1, 1),
        until=dt.date(2030, 1, 1),
    )
    assert len(read.messages) + sum(read.skipped.values()) == 12
    assert [m.where for m in read.messages][:2] == ["message 1", "message 2"]


def test_window_is_inclusive(tmp_path: Path) -> None:
    read = parse_mailbox(
        takeout(tmp_path),
        me=["john.smith@gmail.com"],
        since=dt.date(2024, 10, 15),
        until=dt.date(2024, 10, 15),
    )
    assert [m.key for m in read.messages] == ["ann-reply-1@acme.example"]
    assert read.skipped["outside the window"] == 7  # messages 1, 6, 7, 9, 10, 11 and 12


THUNDERBIRD_SENT = """\
From - Tue Oct 15 10:00:00 2024
X-Mozilla-Status: 0001
X-Mozilla-Status2: 00000000
X-Mozilla-Keys:<80 spaces>
Message-ID: <5f1c2a70-0001@example.org>
Date: Tue, 15 Oct 2024 10:00:00 +0200
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: en-GB
To: 'Bob Stone' <Bob@Stone.example>, "Lee, Ann" <ann.lee@acme.example>
From: Me Myself <me@example.org>
Subject: Thanks for the introduction
X-Mozilla-Draft-Info: internal/draft; vcard=0; receipt=0; DSN=0; uuencode=0;
 attachmentreminder=0; deliveryformat=1
X-Identity-Key: id1
Fcc: imap://me%40example.org@imap.example.org/Sent
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 7bit

Thank you both.

From - Wed Oct 16 10:00:00 2024
X-Mozilla-Status: 0009
X-Mozilla-Status2: 00000000
Message-ID: <5f1c2a70-0002@example.org>
Date: Wed, 16 Oct 2024 10:00:00 +0200
To: Dana Wu <dana@wu.example>
From: Me Myself <me@example.org>
Subject: Deleted, waiting for the folder to be compacted

Gone.

From - Thu Oct 17 10:00:00 2024
X-Mozilla-Status: 0001
X-Mozilla-Status2: 00200000
Message-ID: <5f1c2a70-0003@example.org>
Date: Thu, 17 Oct 2024 10:00:00 +0200
To: Dana Wu <dana@wu.example>
From: Me Myself <me@example.org>
Subject: Deleted on the IMAP server

Gone too.

From - Fri Oct 18 10:00:00 2024
X-Mozilla-Status: 0001
X-Mozilla-Status2: 00000000
Message-ID: <5f1c2a70-0004@example.org>
Date: Fri, 18 Oct 2024 10:00:00 +0200
To: dana@wu.example
Bcc: Erin Moss <erin@moss.example>
From: Me Myself <me@example.org>
Subject: Introduction

Dana, meet Erin.
""".replace("<80 spaces>", " " * 80)


def test_thunderbird_sent(tmp_path: Path) -> None:
    path = tmp_path / "Sent"
    path.write_bytes(THUNDERBIRD_SENT.encode("utf-8"))
    read = parse_mailbox(path, me=["ME@Example.org"], **YEAR_2024)
    assert read.messages == [
        Message(
            key="5f1c2a70-0001@example.org",
            where="message 1",
            day=dt.date(2024, 10, 15),
            sent=True,
            others=(
                Party("bob@stone.example", "Bob Stone"),
                Party("ann.lee@acme.example", "Lee, Ann"),
            ),
            subject="Thanks for the introduction",
        ),
        Message(
            key="5f1c2a70-0004@example.org",
            where="message 4",
            day=dt.date(2024, 10, 18),
            sent=True,
            others=(Party("dana@wu.example", None), Party("erin@moss.example", "Erin Moss")),
            subject="Introduction",
        ),
    ]
    assert read.skipped == {"spam or trash": 2}
    assert read.notes == []


# Apple Mail, Mailbox > Export Mailbox: Inbox.mbox/mbox. Two names written as raw 8-bit
# text, as some mailers do: UTF-8 (RFC 6532) and, from an old mailer, Windows-1252.
APPLE_INBOX = (
    b"From zoe@kraus.example Thu Oct 17 09:00:00 2024\n"
    b"Return-Path: <zoe@kraus.example>\n"
    b"From: Zo\xc3\xab Kraus <zoe@kraus.example>\n"
    b"To: me@example.org\n"
    b"Subject: Informational interview\n"
    b"Date: Thu, 17 Oct 2024 09:00:00 +0100\n"
    b"Message-Id: <A1B2C3D4-0001@kraus.example>\n"
    b"Mime-Version: 1.0 (Mac OS X Mail 16.0)\n"
    b"\n"
    b"Yes, Tuesday works.\n"
    b"\n"
    b"From rene@dubois.example Fri Oct 18 09:00:00 2024\n"
    b"From: Ren\xe9 Dubois <rene@dubois.example>\n"
    b"To: Me <me@example.org>\n"
    b"Subject: Re: your CV\n"
    b"Date: Fri, 18 Oct 2024 09:00:00 +0200\n"
    b"Message-Id: <old-mailer-0002@dubois.example>\n"
    b"\n"
    b"Looks good.\n"
)


def test_apple_mail_export_folder(tmp_path: Path) -> None:
    folder = tmp_path / "Inbox.mbox"
    folder.mkdir()
    (folder / "mbox").write_bytes(APPLE_INBOX)
    (folder / "Info.plist").write_text("<plist/>", encoding="utf-8")
    read = parse_mailbox(folder, me=["me@example.org"], **YEAR_2024)
    assert [(m.where, m.sent, m.others, m.subject) for m in read.messages] == [
        ("message 1", False, (Party("zoe@kraus.example", "Zoë Kraus"),), "Informational interview"),
        ("message 2", False, (Party("rene@dubois.example", "René Dubois"),), "Re: your CV"),
    ]
    assert read.path == folder
    assert read.notes == [
        "No message in the window is from you (me@example.org): this file holds only "
        "messages you received. To count the messages you sent, import your Sent mailbox too."
    ]


def test_a_from_line_without_a_date(tmp_path: Path) -> None:
    """Some tools write `From Moon` or `From ` alone: after a blank line and before a header
    line, it still starts a message."""
    path = tmp_path / "Inbox"
    path.write_bytes(
        b"From Moon\n"
        b"From: Ann Lee <ann@acme.example>\nTo: me@example.org\n"
        b"Date: Tue, 15 Oct 2024 10:00:00 +0000\nMessage-ID: <a@acme.example>\n\nHi\n\n"
        b"From \n"
        b"From: Bob Stone <bob@stone.example>\nTo: me@example.org\n"
        b"Date: Wed, 16 Oct 2024 10:00:00 +0000\nMessage-ID: <b@stone.example>\n\nHello\n"
    )
    read = parse_mailbox(path, me=["me@example.org"], **YEAR_2024)
    assert [m.key for m in read.messages] == ["a@acme.example", "b@stone.example"]


def test_an_unreadable_message_is_left_out_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "Inbox"
    path.write_bytes(
        b"From - Tue Oct 15 10:00:00 2024\n"
        b"From: Ann Lee <ann@acme.example>\nTo: me@example.org\n"
        b"Date: Tue, 15 Oct 2024 10:00:00 +0000\nMessage-ID: <a@acme.example>\n\nHi\n\n"
        b"From - Tue Oct 15 11:00:00 2024\n"
        b"\x89PNG garbage where the headers should be\n\n"
        b"From - Tue Oct 15 12:00:00 2024\n"
        b"From: Bob Stone <bob@stone.example>\nTo: me@example.org\n"
        b"Date: Tue, 15 Oct 2024 12:00:00 +0000\nMessage-ID: <b@stone.example>\n\nHello\n"
    )
    read = parse_mailbox(path, me=["me@example.org"], **YEAR_2024)
    assert [m.key for m in read.messages] == ["a@acme.example", "b@stone.example"]
    assert read.skipped == {"unreadable": 1}
    assert read.notes[0] == "message 2 cannot be read (no header lines): left out."


def test_headers_with_no_body_and_no_blank_line(tmp_path: Path) -> None:
    path = tmp_path / "Inbox"
    path.write_bytes(
        b"From - Tue Oct 15 10:00:00 2024\n"
        b"From: Ann Lee <ann@acme.example>\nTo: me@example.org\n"
        b"Date: Tue, 15 Oct 2024 10:00:00 +0000\nMessage-ID: <a@acme.example>\n"
        b"From - Tue Oct 15 12:00:00 2024\n"
        b"From: Bob Stone <bob@stone.example>\nTo: me@example.org\n"
        b"Date: Tue, 15 Oct 2024 12:00:00 +0000\nMessage-ID: <b@stone.example>"
    )
    read = parse_mailbox(path, me=["me@example.org"], **YEAR_2024)
    assert [(m.where, m.key) for m in read.messages] == [
        ("message 1", "a@acme.example"),
        ("message 2", "b@stone.example"),
    ]


SKIPPED_ONE_BY_ONE = {
    "quoted label with a comma, and Trash": (
        'X-Gmail-Labels: Inbox,"Jobs, 2024",Trash\nFrom: Ann <ann@acme.example>\n'
        "To: me@example.org\n",
        "spam or trash",
    ),
    "French Gmail's trash": (
        "X-Gmail-Labels: Corbeille\nFrom: Ann <ann@acme.example>\nTo: me@example.org\n",
        "spam or trash",
    ),
    "Gmail draft": (
        "X-Gmail-Labels: Drafts\nFrom: Me <me@example.org>\nTo: ann@acme.example\n",
        "draft",
    ),
    "precedence bulk": (
        "Precedence: bulk\nFrom: News <news@acme.example>\nTo: me@example.org\n",
        "bulk or automated",
    ),
    "mailer-daemon": (
        "From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example>\nTo: me@example.org\n",
        "bulk or automated",
    ),
    "undisclosed recipients, not to me": (
        "From: Ann <ann@acme.example>\nTo: undisclosed-recipients:;\n",
        "not to or from you",
    ),
    "no sender": ("To: me@example.org\n", "no sender"),
    "an unreadable date": (
        "From: Ann <ann@acme.example>\nTo: me@example.org\nDate: someday soon\n",
        "no date",
    ),
}


@pytest.mark.parametrize(
    "headers,reason", SKIPPED_ONE_BY_ONE.values(), ids=list(SKIPPED_ONE_BY_ONE)
)
def test_skipped(tmp_path: Path, headers: str, reason: str) -> None:
    if "Date:" not in headers:
        headers += "Date: Tue, 15 Oct 2024 10:00:00 +0000\n"
    path = tmp_path / "Inbox"
    path.write_text(f"From - Tue Oct 15 10:00:00 2024\n{headers}\nBody\n", encoding="utf-8")
    read = parse_mailbox(path, me=["me@example.org"], **YEAR_2024)
    assert read.messages == []
    assert read.skipped == {reason: 1}


@pytest.mark.parametrize(
    "address,key",
    [
        ("John.Smith+jobs@GMAIL.com", "johnsmith@gmail.com"),
        ("j.o.h.n.smith@googlemail.com", "johnsmith@gmail.com"),
        ("ann.lee+x@acme.example", "ann.lee@acme.example"),
        ("<Ann.Lee@Acme.example>", "ann.lee@acme.example"),
    ],
)
def test_owner_key(address: str, key: str) -> None:
    assert owner_key(address) == key


NOT_MAILBOXES = {
    "eml": (
        "message.eml",
        b"Received: from mx.example by mx2.example\r\nFrom: Ann <ann@acme.example>\r\n"
        b"Subject: Hi\r\n\r\nHello\r\n",
        r"is a single email \(\.eml\), not a mailbox",
    ),
    "takeout zip": ("takeout-20241015T101010Z-001.zip", b"PK\x03\x04\x14\x00rest", "is a zip"),
    "takeout tgz": ("takeout-20241015T101010Z-001.tgz", b"\x1f\x8b\x08\x00rest", "Extract it"),
    "linkedin csv": (
        "Connections.csv",
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Ann,Lee,https://www.linkedin.com/in/annlee,,Acme,CTO,15 Oct 2024\r\n",
        "is a LinkedIn export \\(CSV\\), not a mailbox. Run `netreport import linkedin`",
    ),
    "thunderbird index": ("Inbox.msf", b'// <!-- <mdb:mork:z v="1.4"/> -->\n', "named 'Inbox'"),
    "outlook pst": ("backup.pst", b"!BDN\x00\x00rest", "Outlook data file"),
    "empty": ("Inbox.mbox", b"", "is empty"),
    "a letter": ("letter.txt", b"From the desk of Ann Lee\nDear John,\n", "start as a mailbox"),
}


@pytest.mark.parametrize("name,data,message", NOT_MAILBOXES.values(), ids=list(NOT_MAILBOXES))
def test_not_a_mailbox(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportProblem, match=message):
        parse_mailbox(path, me=["me@example.org"], **YEAR_2024)


def test_folders_that_are_not_an_export(tmp_path: Path) -> None:
    def read(path: Path) -> MailExport:
        return parse_mailbox(path, me=["me@example.org"], **YEAR_2024)

    with pytest.raises(ImportProblem, match="no such file"):
        read(tmp_path / "missing.mbox")
    apple_store = tmp_path / "INBOX.mbox"
    (apple_store / "Messages").mkdir(parents=True)
    with pytest.raises(ImportProblem, match="Apple Mail's own storage"):
        read(apple_store)
    exports = tmp_path / "exports"
    for name in ("Inbox.mbox", "Sent Messages.mbox"):
        (exports / name).mkdir(parents=True)
        (exports / name / "mbox").write_bytes(APPLE_INBOX)
    with pytest.raises(ImportProblem, match=r"holding 2 mailboxes \(Inbox.mbox, Sent Messages"):
        read(exports)


def test_a_big_mailbox_is_read_in_bounded_memory(tmp_path: Path) -> None:
    """20,000 messages with bodies, some in the window, three of those with a 3 MB
    attachment: the peak of Python's allocations stays far below the file's size (one chunk
    and one header block at a time, plus the messages kept)."""
    rng = random.Random(7)
    path = tmp_path / "All mail Including Spam and Trash.mbox"
    with path.open("wb") as out:
        for n in range(20_000):
            day = dt.date(2023, 1, 1) + dt.timedelta(days=n % 700)
            lines = [
                f"From 18{n:017d}@xxx Mon Oct 14 12:34:56 +0000 2024",
                f"X-GM-THRID: 18{n:017d}",
                "X-Gmail-Labels: Inbox,Opened",
                "Received: by 2002:a05:6358:4aa1 with SMTP id abc;\r\n        Mon, 14 Oct 2024",
                f"From: Person {n % 900} <person{n % 900}@example.com>",
                "To: John Smith <john.smith@gmail.com>",
                f"Date: {day:%a, %d %b %Y} 10:00:00 +0000",
                f"Message-ID: <m{n}@example.com>",
                f"Subject: Message {n}",
                "",
            ]
            body = f"{n:08d} " + "".join(rng.choices("abcdefgh ", k=63))
            size = 3_000_000 if n in (650, 10_450, 18_850) else 3_000  # days 650: kept
            out.write("\r\n".join(lines).encode() + b"\r\n")
            out.write((body + "\r\n").encode() * (size // 74) + b"\r\n")
    size = path.stat().st_size
    tracemalloc.start()
    started = time.perf_counter()
    try:
        read = parse_mailbox(
            path,
            me=["john.smith@gmail.com"],
            since=dt.date(2024, 10, 1),
            until=dt.date(2024, 12, 9),
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    # The days run 2023-01-01 + 0..699 (to 2024-11-30) over and over; 2024-10-01 is day 639,
    # so days 639..699 (61) are in the window. 20,000 = 28 cycles of 700 + 400 (days 0..399,
    # none in the window): 28 * 61 messages.
    assert len(read.messages) == 28 * 61
    assert read.skipped == {"outside the window": 20_000 - 28 * 61}
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MB for a {size / 2**20:.0f} MB file"
    assert peak < size / 5
    assert elapsed < 60
    assert {m.key for m in read.messages} >= {"m650@example.com", "m10450@example.com"}


def test_the_owner_and_the_window_are_checked() -> None:
    with pytest.raises(ValueError, match="name@domain"):
        parse_mailbox(Path("x.mbox"), me=["John Smith"], **YEAR_2024)
    with pytest.raises(ValueError, match="after it ends"):
        parse_mailbox(
            Path("x.mbox"),
            me=["me@example.org"],
            since=dt.date(2024, 2, 1),
            until=dt.date(2024, 1, 1),
        )


def test_me_may_be_any_iterable(tmp_path: Path) -> None:
    read = parse_mailbox(takeout(tmp_path), me=(a for a in ["JOHN.SMITH@gmail.com"]), **YEAR_2024)
    assert len(read.messages) == 3
    assert "(john.smith@gmail.com)" in read.notes[0]
