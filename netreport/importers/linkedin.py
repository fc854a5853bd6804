"""LinkedIn's Connections.csv, from Settings & Privacy > Data privacy > Get a copy of your data.

Recent exports start with a few lines of preamble before the header: a `Notes:` line, a quoted
paragraph about missing email addresses, sometimes a blank line. Older ones start at the header
and have no URL column. So the header is found by what it says, not by its line number:

    First Name,Last Name,URL,Email Address,Company,Position,Connected On

`Connected On` (e.g. `15 Mar 2024`) is the date the person joined your network and becomes
the Added date. Most email addresses are blank: people choose whether connections may see them.
"""

from __future__ import annotations

from pathlib import Path

from netreport.importers.common import (
    Export,
    build,
    first,
    join_name,
    locate_header,
    parse_date,
    read_csv,
    records,
)

WHAT = "LinkedIn Connections.csv"


def parse(path: Path) -> Export:
    rows, notes = read_csv(path, WHAT)
    header = locate_header(
        path,
        "linkedin",
        "First Name, Last Name, ..., Connected On",
        rows,
        ("First Name", "Last Name", "Connected On"),
        ("First Name", "Last Name", "Company", "Position"),
    )
    candidates = []
    for line, record in records(rows, header):
        given, family = first(record, "firstname"), first(record, "lastname")
        candidates.append(
            build(
                f"line {line}",
                name=join_name(given, family),
                first_name=given,
                last_name=family,
                emails=[first(record, "emailaddress", "email")],
                company=first(record, "company"),
                title=first(record, "position", "title"),
                links=[first(record, "url", "profileurl")],
                added=parse_date(record.get("connectedon")),
            )
        )
    return Export("linkedin", Path(path), candidates, notes)
