"""Outlook's CSV, from File > Open & Export > Import/Export > Export to a file > Comma
Separated Values (Outlook on the web: People > Manage contacts > Export contacts).

    First Name, Middle Name, Last Name, Title, Suffix, ..., Company, Job Title, ...,
    E-mail Address, E-mail 2 Address, E-mail 3 Address, ..., Mobile Phone, Business Phone,
    Home Phone, ..., Notes, Referred By, Web Page, ...

Outlook's `Title` is the courtesy title (Mr., Dr.), not the job title: `Job Title` is.
`Referred By` becomes Introduced By, which makes a never-met contact Cool. An Exchange address
(`/o=ExchangeLabs/...`) is not an email address and is left out. Outlook on Windows writes the
file in the Windows code page; that is read as Windows-1252 when it is not UTF-8.
"""

from __future__ import annotations

from pathlib import Path

from netreport.importers.common import (
    Export,
    build,
    first,
    join_name,
    locate_header,
    read_csv,
    records,
)

WHAT = "Outlook CSV export"
PHONES = (
    "mobilephone",
    "primaryphone",
    "businessphone",
    "homephone",
    "businessphone2",
    "homephone2",
    "otherphone",
    "carphone",
)


def parse(path: Path) -> Export:
    rows, notes = read_csv(path, WHAT)
    header = locate_header(
        path,
        "outlook",
        "First Name, Last Name, ..., E-mail Address",
        rows,
        ("First Name", "Last Name", "E-mail Address"),
        ("First Name", "Last Name", "Job Title", "Company"),
    )
    candidates = []
    for line, record in records(rows, header):
        given, middle, family = (
            first(record, "firstname"),
            first(record, "middlename"),
            first(record, "lastname"),
        )
        name = join_name(given, middle, family) or first(record, "emaildisplayname", "nickname")
        candidates.append(
            build(
                f"line {line}",
                name=name,
                first_name=given,
                last_name=family,
                emails=[
                    record.get("emailaddress"),
                    record.get("email2address"),
                    record.get("email3address"),
                ],
                phones=[record.get(key) for key in PHONES],
                company=first(record, "company"),
                title=first(record, "jobtitle"),
                links=[record.get("webpage"), record.get("personalwebpage")],
                referrer=first(record, "referredby"),
                notes=record.get("notes"),
                labels=[c for c in (record.get("categories") or "").split(";") if c.strip()],
            )
        )
    return Export("outlook", Path(path), candidates, notes)
