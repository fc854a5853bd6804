"""`netreport import`: LinkedIn, Google, Outlook and vCard exports merged into the workbook.

Every export is built here from its documented layout; every import goes into a copy of the
sample network, which is then reopened with openpyxl to see exactly what landed where.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import shutil
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from support.paths import ROOT

from netreport import check_workbook
from netreport.cli import cli
from netreport.identity import (
    company_key,
    email_keys,
    linkedin_key,
    name_key,
    phone_key,
    same_phone,
)
from netreport.importers import ImportProblem, read_export, run_import
from netreport.inplace import lossy_parts

SAMPLE = ROOT / "sample_workbooks" / "network.xlsx"
AS_OF = "2026-11-26"
SAMPLE_ROWS = 91  # the header and 90 contacts

# People already in the sample's Contacts sheet (checked by the `workbook` fixture).
BEATRIZ = {
    "row": 2,
    "name": "Beatriz Kaur",
    "email": "beatriz.kaur@example.com",
    "company": "Foxglove Apps",
    "linkedin": "https://www.linkedin.com/in/example-beatriz-kaur",
}
SOREN = {"row": 3, "name": "Søren Moreau", "email": "soren.moreau@example.net"}
GRACE = {
    "row": 4,
    "name": "Grace Okonjo",
    "email": "grace.okonjo@example.com",
    "company": "Clearwater Pharmacy",
}
JANA = {"row": 7, "name": "Jana Jovanović", "company": "State Revenue Office"}

LINKEDIN_NOTE = (
    "When exporting your connection data, you may notice that some of the email addresses are "
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more about this setting "
    "here: https://www.linkedin.com/help/linkedin/answer/261"
)
LINKEDIN_HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position"]
LINKEDIN_HEADER += ["Connected On"]


# ---- helpers --------------------------------------------------------------------------------


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str) -> Any:
    return CliRunner().invoke(cli, ["import", *args, "--as-of", AS_OF], catch_exceptions=False)


def values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every sheet's cell values, row by row, as openpyxl reads them."""
    book = openpyxl.load_workbook(path)
    return {ws.title: [tuple(r) for r in ws.iter_rows(values_only=True)] for ws in book}


def contacts(path: Path) -> list[dict[str, Any]]:
    """The Contacts sheet as dicts keyed by the user's headers, with the Excel row."""
    sheet = openpyxl.load_workbook(path)["Contacts"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return [
        {"row": i, **dict(zip(header, row, strict=False))}
        for i, row in enumerate(rows[1:], start=2)
        if any(v is not None for v in row)
    ]


def review(path: Path) -> list[dict[str, Any]]:
    book = openpyxl.load_workbook(path)
    if "Review" not in book.sheetnames:
        return []
    rows = list(book["Review"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=False)) for row in rows[1:]]


def write_csv(
    path: Path,
    rows: Sequence[Sequence[str]],
    *,
    before: str = "",
    encoding: str = "utf-8",
    bom: bool = False,
) -> Path:
    """Write rows as a real export does: csv quoting, CRLF line ends, optional preamble/BOM."""
    with path.open("w", encoding=encoding, newline="") as handle:
        if bom:
            handle.write("\ufeff")
        handle.write(before)
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path


def linkedin_csv(
    path: Path, people: Sequence[Sequence[str]], preamble: str = "blank-line", url: bool = True
) -> Path:
    """LinkedIn's Connections.csv. preamble: 'blank-line' (Notes, paragraph, blank line),
    'no-blank-line' (Notes, paragraph), or 'none' (older exports)."""
    before = ""
    if preamble != "none":
        before = f'Notes:\r\n"{LINKEDIN_NOTE}"\r\n' + ("\r\n" if preamble == "blank-line" else "")
    header = LINKEDIN_HEADER if url else [h for h in LINKEDIN_HEADER if h != "URL"]
    rows = people if url else [[v for i, v in enumerate(p) if i != 2] for p in people]
    return write_csv(path, [header, *rows], before=before)


LINKEDIN_PEOPLE = [
    [
        "Ann",
        "Lee",
        "https://www.linkedin.com/in/ann-lee-1234",
        "",
        "Acme, Inc.",
        "Engineer",
        "15 Mar 2024",
    ],
    [
        "José",
        "Núñez",
        "https://www.linkedin.com/in/jose-nunez",
        "jose@globex.example",
        "Globex, Ltd",
        "CTO",
        "02 Feb 2023",
    ],
    # Beatriz is in the sample: the same LinkedIn profile (written without www. and with a /).
    [
        "Beatriz",
        "Kaur",
        "https://linkedin.com/in/example-beatriz-kaur/",
        "",
        "Foxglove Apps",
        "SRE",
        "01 Jan 2020",
    ],
]


GOOGLE_CURRENT = [
    "First Name",
    "Middle Name",
    "Last Name",
    "Phonetic First Name",
    "Phonetic Middle Name",
    "Phonetic Last Name",
    "Name Prefix",
    "Name Suffix",
    "Nickname",
    "File As",
    "Organization Name",
    "Organization Title",
    "Organization Department",
    "Birthday",
    "Notes",
    "Photo",
    "Labels",
    "E-mail 1 - Label",
    "E-mail 1 - Value",
    "E-mail 2 - Label",
    "E-mail 2 - Value",
    "Phone 1 - Label",
    "Phone 1 - Value",
    "Website 1 - Label",
    "Website 1 - Value",
]


def google_current_row(**given: str) -> list[str]:
    keys = {
        "first": "First Name",
        "middle": "Middle Name",
        "last": "Last Name",
        "org": "Organization Name",
        "title": "Organization Title",
        "notes": "Notes",
        "labels": "Labels",
        "email": "E-mail 1 - Value",
        "email2": "E-mail 2 - Value",
        "phone": "Phone 1 - Value",
        "website": "Website 1 - Value",
    }
    row = dict.fromkeys(GOOGLE_CURRENT, "")
    row["E-mail 1 - Label"] = "* Work" if given.get("email") else ""
    for key, value in given.items():
        row[keys[key]] = value
    return [row[h] for h in GOOGLE_CURRENT]


GOOGLE_LEGACY = [
    "Name",
    "Given Name",
    "Additional Name",
    "Family Name",
    "Yomi Name",
    "Given Name Yomi",
    "Additional Name Yomi",
    "Family Name Yomi",
    "Name Prefix",
    "Name Suffix",
    "Initials",
    "Nickname",
    "Short Name",
    "Maiden Name",
    "Birthday",
    "Gender",
    "Location",
    "Billing Information",
    "Directory Server",
    "Mileage",
    "Occupation",
    "Hobby",
    "Sensitivity",
    "Priority",
    "Subject",
    "Notes",
    "Language",
    "Photo",
    "Group Membership",
    "E-mail 1 - Type",
    "E-mail 1 - Value",
    "Phone 1 - Type",
    "Phone 1 - Value",
    "Organization 1 - Type",
    "Organization 1 - Name",
    "Organization 1 - Yomi Name",
    "Organization 1 - Title",
    "Website 1 - Type",
    "Website 1 - Value",
]


def google_legacy_row(**given: str) -> list[str]:
    keys = {
        "name": "Name",
        "given": "Given Name",
        "family": "Family Name",
        "groups": "Group Membership",
        "email": "E-mail 1 - Value",
        "phone": "Phone 1 - Value",
        "org": "Organization 1 - Name",
        "title": "Organization 1 - Title",
        "website": "Website 1 - Value",
        "notes": "Notes",
    }
    row = dict.fromkeys(GOOGLE_LEGACY, "")
    for key, value in given.items():
        row[keys[key]] = value
    return [row[h] for h in GOOGLE_LEGACY]


OUTLOOK = [
    "Title",
    "First Name",
    "Middle Name",
    "Last Name",
    "Suffix",
    "Company",
    "Department",
    "Job Title",
    "Business Street",
    "Business City",
    "Business Phone",
    "Home Phone",
    "Mobile Phone",
    "Categories",
    "E-mail Address",
    "E-mail Type",
    "E-mail Display Name",
    "E-mail 2 Address",
    "Notes",
    "Referred By",
    "Web Page",
    "Birthday",
]


def outlook_row(**given: str) -> list[str]:
    keys = {
        "courtesy": "Title",
        "first": "First Name",
        "middle": "Middle Name",
        "last": "Last Name",
        "company": "Company",
        "job": "Job Title",
        "business_phone": "Business Phone",
        "mobile": "Mobile Phone",
        "categories": "Categories",
        "email": "E-mail Address",
        "email_type": "E-mail Type",
        "email2": "E-mail 2 Address",
        "notes": "Notes",
        "referred_by": "Referred By",
        "web": "Web Page",
    }
    row = dict.fromkeys(OUTLOOK, "")
    row["Birthday"] = "0/0/00"  # what Outlook writes for no birthday
    for key, value in given.items():
        row[keys[key]] = value
    return [row[h] for h in OUTLOOK]


VCARD_3 = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//macOS 14.0//EN\r\n"
    "N:Müller;Jürgen;;;\r\n"
    "FN:Jürgen Müller\r\n"
    "ORG:Rheinwerk\\, GmbH;Vertrieb\r\n"
    "TITLE:Head of Sales\r\n"
    "EMAIL;type=INTERNET;type=HOME:juergen@home.example\r\n"
    "EMAIL;type=INTERNET;type=WORK;type=pref:juergen.mueller@rheinwerk.example\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+49 170 1234567\r\n"
    "item1.URL:https://www.linkedin.com/in/juergen-mueller\r\n"
    "item1.X-ABLabel:LinkedIn\r\n"
    "NOTE:Met at the Hannover fair\\, stand B12. A long note that Apple folds onto\r\n"
    "  a second line when it passes seventy-five octets.\r\n"
    "CATEGORIES:Fair 2026,Germany\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Okafor;Chidi;;;\r\n"
    "FN:Chidi Okafor\r\n"
    "EMAIL;type=INTERNET:chidi@okafor.example\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "N:Okonjo;Grace;;;\r\n"
    "FN:Grace Okonjo\r\n"
    "EMAIL;type=INTERNET:GRACE.OKONJO@EXAMPLE.COM\r\n"
    "END:VCARD\r\n"
)

VCARD_4 = (
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Zoë Ñúñez-Łukasiewicz\r\n"
    "N:Ñúñez-Łukasiewicz;Zoë;;;\r\n"
    "EMAIL;TYPE=home;PREF=2:zoe@home.example\r\n"
    "EMAIL;TYPE=work;PREF=1:zoe@globex.example\r\n"
    'TEL;VALUE=uri;TYPE="voice,cell":tel:+1-555-555-0100\r\n'
    "ORG:Globex\r\n"
    "TITLE:Data Scientist\r\n"
    "URL;TYPE=work:https://globex.example/people/zoe\r\n"
    "NOTE:Speaker at the data meetup; asked me to write after the conference in Dece\r\n"
    " mber.\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "FN:Kwame Mensah\r\n"
    "N:Mensah;Kwame;;;\r\n"
    "EMAIL:kwame@mensah.example\r\n"
    "ORG:Asante Bank\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\n"
    "VERSION:4.0\r\n"
    "KIND:group\r\n"
    "FN:Book club\r\n"
    "MEMBER:urn:uuid:03a0e51f-d1aa-4385-8a53-e29025acd8af\r\n"
    "END:VCARD\r\n"
)


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    target = tmp_path / "network.xlsx"
    shutil.copy(SAMPLE, target)
    rows = {r["row"]: r for r in contacts(target)}
    for person in (BEATRIZ, SOREN, GRACE, JANA):
        row = rows[person["row"]]
        assert row["Name"] == person["name"], "the sample changed: update the people above"
        for key in ("email", "company", "linkedin"):
            if key in person:
                header = {"email": "Email", "company": "Company", "linkedin": "LinkedIn"}[key]
                assert row[header] == person[key]
    assert len(rows) + 1 == SAMPLE_ROWS
    return target


# ---- reading each kind of export ------------------------------------------------------------


@pytest.mark.parametrize("preamble", ["blank-line", "no-blank-line", "none"])
def test_linkedin_header_is_found_by_content(tmp_path: Path, preamble: str) -> None:
    path = linkedin_csv(tmp_path / "Connections.csv", LINKEDIN_PEOPLE, preamble)
    export = read_export("linkedin", path)
    ann, jose, beatriz = export.candidates
    assert ann.name == "Ann Lee" and ann.first_name == "Ann" and ann.last_name == "Lee"
    assert ann.company == "Acme, Inc."  # a quoted comma stays inside its cell
    assert ann.title == "Engineer"
    assert ann.email is None  # blank, as most LinkedIn emails are
    assert ann.linkedin == "https://www.linkedin.com/in/ann-lee-1234"
    assert ann.added == dt.date(2024, 3, 15)
    assert jose.name == "José Núñez" and jose.email == "jose@globex.example"
    assert jose.added == dt.date(2023, 2, 2)
    assert beatriz.company == "Foxglove Apps"


def test_old_linkedin_export_without_preamble_or_url(tmp_path: Path) -> None:
    path = linkedin_csv(tmp_path / "Connections.csv", LINKEDIN_PEOPLE, "none", url=False)
    assert path.read_text(encoding="utf-8").startswith("First Name,Last Name,Email Address,")
    ann, jose, _ = read_export("linkedin", path).candidates
    assert ann.linkedin is None and ann.company == "Acme, Inc."
    assert jose.email == "jose@globex.example" and jose.added == dt.date(2023, 2, 2)


def test_google_current_layout_with_bom_and_several_values(tmp_path: Path) -> None:
    rows = [
        GOOGLE_CURRENT,
        google_current_row(
            first="Priya",
            middle="K.",
            last="Raman",
            org="Initech ::: Raman Consulting",
            title="Product Manager",
            email="priya@initech.example ::: priya.raman@gmail.example",
            email2="p.raman@old.example",
            phone="+1 555 0101 ::: +1 555 0102",
            website="https://www.linkedin.com/in/priya-raman",
            labels="* myContacts ::: * starred ::: Mentors",
            notes="Ex-colleague of Sam.",
        ),
    ]
    path = write_csv(tmp_path / "contacts.csv", rows, bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    (priya,) = read_export("google", path).candidates
    assert priya.name == "Priya K. Raman"
    assert (priya.first_name, priya.last_name) == ("Priya", "Raman")
    assert priya.company == "Initech" and priya.title == "Product Manager"
    assert priya.email == "priya@initech.example"  # the first of ' ::: ' values
    assert priya.other_emails == ("priya.raman@gmail.example", "p.raman@old.example")
    assert priya.phone == "+1 555 0101"
    assert priya.linkedin == "https://www.linkedin.com/in/priya-raman"
    assert priya.notes is not None
    assert priya.notes.splitlines() == [
        "Ex-colleague of Sam.",
        "Other emails: priya.raman@gmail.example, p.raman@old.example",
        "Other phones: +1 555 0102",
        "Labels: Mentors",  # Google's own * myContacts and * starred are left out
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_google_legacy_layout(tmp_path: Path, encoding: str) -> None:
    rows = [
        GOOGLE_LEGACY,
        google_legacy_row(
            name="Łucja Wiśniewska",
            given="Łucja",
            family="Wiśniewska",
            groups="* My Contacts ::: Conference",
            email="lucja@wisniewska.example ::: lw@work.example",
            org="Kraków Robotics",
            title="CTO",
        ),
    ]
    path = write_csv(tmp_path / "google.csv", rows, encoding=encoding, bom=encoding == "utf-8")
    (lucja,) = read_export("google", path).candidates
    assert lucja.name == "Łucja Wiśniewska"
    assert lucja.email == "lucja@wisniewska.example"
    assert lucja.company == "Kraków Robotics" and lucja.title == "CTO"
    assert lucja.notes == "Other emails: lw@work.example\nLabels: Conference"


def test_outlook_referred_by_and_its_traps(tmp_path: Path) -> None:
    rows = [
        OUTLOOK,
        outlook_row(
            courtesy="Dr.",
            first="Helga",
            last="Björk",
            company="Nordlys AS",
            job="Chief Economist",
            business_phone="+47 22 00 00 00",
            mobile="+47 900 00 000",
            email="helga@nordlys.example",
            email_type="SMTP",
            referred_by="Aunt Maria",
            notes="Maria's friend from Oslo.\r\nLikes long walks.",
            web="https://nordlys.example",
        ),
        outlook_row(
            first="Tom",
            last="Exchange",
            email="/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=tom",
            email_type="EX",
            email2="tom@smtp.example",
        ),
    ]
    # Outlook on Windows writes the file in the Windows code page, not UTF-8.
    path = write_csv(tmp_path / "outlook.csv", rows, encoding="cp1252")
    export = read_export("outlook", path)
    helga, tom = export.candidates
    assert helga.name == "Helga Björk"
    assert helga.title == "Chief Economist"  # Outlook's Title is "Dr.", not the job title
    assert helga.referrer == "Aunt Maria"
    assert helga.phone == "+47 900 00 000"  # the mobile first
    assert helga.website == "https://nordlys.example" and helga.linkedin is None
    assert helga.notes is not None and helga.notes.startswith("Maria's friend from Oslo.\n")
    assert tom.email == "tom@smtp.example"  # an Exchange address is not an email address
    assert any("Windows-1252" in note for note in export.notes)


def test_vcard_3_and_4_with_several_cards(tmp_path: Path) -> None:
    three = tmp_path / "apple.vcf"
    three.write_text(VCARD_3, encoding="utf-8", newline="")
    juergen, chidi, grace = read_export("vcard", three).candidates
    assert juergen.name == "Jürgen Müller"
    assert (juergen.first_name, juergen.last_name) == ("Jürgen", "Müller")
    assert juergen.company == "Rheinwerk, GmbH" and juergen.title == "Head of Sales"
    assert juergen.email == "juergen.mueller@rheinwerk.example"  # TYPE=pref first
    assert juergen.other_emails == ("juergen@home.example",)
    assert juergen.phone == "+49 170 1234567"
    assert juergen.linkedin == "https://www.linkedin.com/in/juergen-mueller"
    assert juergen.notes is not None
    assert "stand B12. A long note that Apple folds onto a second line" in juergen.notes
    assert "Labels: Fair 2026, Germany" in juergen.notes
    assert chidi.name == "Chidi Okafor" and grace.email == "GRACE.OKONJO@EXAMPLE.COM"

    four = tmp_path / "android.vcf"
    four.write_text(VCARD_4, encoding="utf-8", newline="")
    export = read_export("vcard", four)
    zoe, kwame = export.candidates  # the group card is not a person
    assert zoe.name == "Zoë Ñúñez-Łukasiewicz"
    assert zoe.email == "zoe@globex.example"  # PREF=1 wins over PREF=2
    assert zoe.phone == "+1-555-555-0100"  # the tel: URI of vCard 4.0
    assert zoe.website == "https://globex.example/people/zoe"
    assert zoe.notes == (
        "Speaker at the data meetup; asked me to write after the conference in December.\n"
        "Other emails: zoe@home.example"
    )
    assert kwame.company == "Asante Bank"
    assert any("card of a group or an organisation" in note for note in export.notes)


def test_vcard_2_1_from_android_with_quoted_printable(tmp_path: Path) -> None:
    path = tmp_path / "00001.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\nVERSION:2.1\n"
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85str=C3=B6m;=C3=89lodie;;;\n"
        b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=89lodie =C3=85str=C3=B6m\n"
        b"TEL;CELL:+33 6 12 34 56 78\nEMAIL;HOME:elodie@example.fr\nEND:VCARD\n"
    )
    (elodie,) = read_export("vcard", path).candidates
    assert elodie.name == "Élodie Åström"
    assert (elodie.first_name, elodie.last_name) == ("Élodie", "Åström")
    assert elodie.email == "elodie@example.fr" and elodie.phone == "+33 6 12 34 56 78"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("José Núñez", "jose  nunez"),
        ("Dr. Ann B. Lee", "ann lee"),
        ("Jane Doe, PhD", "JANE DOE"),
        ("Zoë Ñúñez-Łukasiewicz", "Zoe Nunez Łukasiewicz"),
    ],
)
def test_names_match_despite_case_accents_and_spacing(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Acme, Inc.", "ACME Inc", True),
        ("Acme", "Acme Corporation", True),
        ("Société Générale", "Societe  Generale", True),
        ("Acme", "Globex", False),
    ],
)
def test_companies_match_despite_legal_forms(a: str, b: str, same: bool) -> None:
    assert (company_key(a) == company_key(b)) is same


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/Ann-Lee",
        "http://linkedin.com/in/ann-lee/",
        "https://uk.linkedin.com/in/ann-lee?trk=public_profile",
        "www.linkedin.com/in/ann-lee",
    ],
)
def test_linkedin_profiles_are_normalised(url: str) -> None:
    assert linkedin_key(url) == "linkedin.com/in/ann-lee"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("+44 7700 900123", "07700 900123"),
        ("+1 (555) 123-4567", "555.123.4567"),
        ("+1 555-0152", "555-0152"),
        ("tel:+15551234567", "555-123-4567 x12"),
        ("555-0152", 5550152.0),  # a number typed into Excel
        ("+33 6 12 34 56 78", "06 12 34 56 78"),
    ],
)
def test_phones_match_however_they_are_written(a: object, b: object) -> None:
    assert same_phone(phone_key(a), phone_key(b))
    assert same_phone(phone_key(b), phone_key(a))


@pytest.mark.parametrize(
    ("a", "b"), [("555-0152", "555-0153"), ("+44 7700 900123", "+44 7700 900124")]
)
def test_other_numbers_do_not_match(a: str, b: str) -> None:
    assert not same_phone(phone_key(a), phone_key(b))


@pytest.mark.parametrize("value", [None, "", "n/a", "12345", True, 5551234.5])
def test_too_short_or_no_phone_number_matches_nothing(value: object) -> None:
    assert phone_key(value) is None


def test_emails_are_compared_case_insensitively() -> None:
    assert email_keys("Ann.Lee@Example.COM") == {"ann.lee@example.com"}
    assert email_keys("mailto:a@x.org; b@y.org") == {"a@x.org", "b@y.org"}
    assert linkedin_key("https://example.com/in/ann") is None


# ---- what lands in the workbook ---------------------------------------------------------------


def test_linkedin_import_appends_under_the_users_headers(workbook: Path) -> None:
    before = values(workbook)
    original = digest(workbook)
    path = linkedin_csv(workbook.parent / "Connections.csv", LINKEDIN_PEOPLE)

    result = run("linkedin", str(path), "--into", str(workbook))
    assert result.exit_code == 0, result.output
    assert "Added 2 to Contacts" in result.output
    assert "Beatriz Kaur" in result.output and "same LinkedIn profile" in result.output

    after = values(workbook)
    # Every cell that was there reads back the same, sheet by sheet and row by row.
    assert set(after) == set(before)
    for name, rows in before.items():
        assert after[name][: len(rows)] == rows, name
    rows = contacts(workbook)
    assert len(rows) == SAMPLE_ROWS - 1 + 2
    ann, jose = rows[-2:]
    assert ann["row"] == SAMPLE_ROWS + 1
    assert ann["Name"] == "Ann Lee"
    assert ann["Company"] == "Acme, Inc."
    assert ann["Job Title"] == "Engineer"
    assert ann["LinkedIn"] == "https://www.linkedin.com/in/ann-lee-1234"
    assert ann["Email"] is None
    assert ann["Where found"] == f"LinkedIn import {AS_OF}"
    assert ann["Added"] == dt.datetime(2024, 3, 15)  # Connected On: when they joined
    assert ann["Category"] is None  # no --category: the rules decide
    assert jose["Name"] == "José Núñez" and jose["Email"] == "jose@globex.example"
    # The user's Excel table now covers the new rows; dates look like the user's dates.
    sheet = openpyxl.load_workbook(workbook)["Contacts"]
    assert sheet.tables["ContactsTable"].ref == f"A1:R{SAMPLE_ROWS + 2}"
    assert sheet[f"O{SAMPLE_ROWS + 1}"].number_format == sheet["O2"].number_format
    # The backup is the workbook as it was, beside it in backups/network/.
    (backup,) = (workbook.parent / "backups" / "network").glob("network-backup-*.xlsx")
    assert digest(backup) == original
    assert "backups" in result.output


def test_the_rules_categorize_imported_rows(workbook: Path) -> None:
    linkedin = linkedin_csv(workbook.parent / "Connections.csv", LINKEDIN_PEOPLE)
    outlook = write_csv(
        workbook.parent / "outlook.csv",
        [
            OUTLOOK,
            outlook_row(first="Helga", last="Björk", company="Nordlys", referred_by="Aunt Maria"),
        ],
    )
    assert run("linkedin", str(linkedin), "--into", str(workbook)).exit_code == 0
    assert run("outlook", str(outlook), "--into", str(workbook)).exit_code == 0
    checked = check_workbook(workbook, as_of=dt.date(2026, 11, 26))
    people = checked.contacts.set_index("name")
    # Nothing says the owner has met a LinkedIn connection, nor who they share: Cold.
    assert people.loc["Ann Lee", "category"] == "Cold"
    assert "found via LinkedIn import" in people.loc["Ann Lee", "reason"]
    # Outlook's Referred By is someone in common: Cool.
    assert people.loc["Helga Björk", "category"] == "Cool"
    assert people.loc["Helga Björk", "reason"] == "Cool: never met; introduced by Aunt Maria"
    assert people.loc["Helga Björk", "referrer"] == "Aunt Maria"
    assert not checked.has_errors
    assert len(checked.contacts) == SAMPLE_ROWS - 1 + 3


def test_category_option_types_the_category(workbook: Path) -> None:
    path = linkedin_csv(workbook.parent / "Connections.csv", LINKEDIN_PEOPLE)
    result = run("linkedin", str(path), "--into", str(workbook), "--category", "luke warm")
    assert result.exit_code == 0, result.output
    ann = contacts(workbook)[-2]
    assert ann["Name"] == "Ann Lee" and ann["Category"] == "Luke-warm"
    checked = check_workbook(workbook, as_of=dt.date(2026, 11, 26))
    assert checked.contacts.set_index("name").loc["Ann Lee", "category"] == "Luke-warm"
    assert not checked.has_errors

    bad = run("linkedin", str(path), "--into", str(workbook), "--category", "tepidish")
    assert bad.exit_code == 2
    assert "not Warm, Luke-warm, Cool or Cold" in bad.output


def test_likely_duplicates_go_to_review_and_are_not_appended(workbook: Path) -> None:
    before = values(workbook)
    rows = [
        GOOGLE_CURRENT,
        # Same name and company as row 4, but another email: a likely duplicate.
        google_current_row(
            first="grace", last="OKONJO", org="Clearwater Pharmacy", email="grace@new.example"
        ),
        # Same name as row 7 (accents aside), no company: cannot tell.
        google_current_row(first="Jana", last="Jovanovic", email="jana@personal.example"),
        # Same email as row 3 in other case: the same person, skipped.
        google_current_row(first="Soren", last="Moreau", email="SOREN.MOREAU@example.net"),
        google_current_row(first="Kwame", last="Mensah", org="Asante Bank"),
    ]
    path = write_csv(workbook.parent / "contacts.csv", rows, bom=True)
    result = run("google", str(path), "--into", str(workbook))
    assert result.exit_code == 0, result.output
    assert "Listed 2 likely duplicates on the Review sheet" in result.output

    names = [r["Name"] for r in contacts(workbook)]
    assert names.count("Grace Okonjo") == 1 and "grace OKONJO" not in names
    assert "Jana Jovanovic" not in names and names.count("Søren Moreau") == 1
    assert names[-1] == "Kwame Mensah"
    # The user's cells are untouched: the existing rows read exactly as before.
    assert values(workbook)["Contacts"][:SAMPLE_ROWS] == before["Contacts"]

    grace, jana = review(workbook)
    assert grace["Your row"] == GRACE["row"]
    assert grace["Your name"] == "Grace Okonjo" and grace["Your email"] == GRACE["email"]
    assert grace["Imported name"] == "grace OKONJO"
    assert grace["Imported email"] == "grace@new.example"
    assert grace["Evidence"] == (
        "same name and company; different email: grace.okonjo@example.com in yours, "
        "grace@new.example imported"
    )
    assert grace["Imported from"] == f"Google Contacts import {AS_OF}"
    assert grace["Listed on"] == dt.datetime(2026, 11, 26)
    assert jana["Your row"] == JANA["row"]
    assert jana["Evidence"] == (
        "same name; different email: jana.jovanovic@example.org in yours, "
        "jana@personal.example imported; company only in yours (State Revenue Office)"
    )
    # The row number links to the row on Contacts.
    cell = openpyxl.load_workbook(workbook)["Review"]["A2"]
    assert cell.hyperlink is not None and cell.hyperlink.location == f"'Contacts'!A{GRACE['row']}"
    # The Review sheet is never read as contacts or interactions.
    checked = check_workbook(workbook, as_of=dt.date(2026, 11, 26))
    assert checked.source.contacts is not None and checked.source.contacts.sheet == "Contacts"
    assert len(checked.contacts) == SAMPLE_ROWS - 1 + 1
    assert not checked.has_errors


def test_the_same_name_and_phone_is_the_same_person(workbook: Path) -> None:
    rows = [
        GOOGLE_CURRENT,
        # Row 7's name and phone, in another form, and no company: the same person.
        google_current_row(first="Jana", last="Jovanovic", phone="(555) 0152"),
        # Row 7's name and phone with another email: the same person, with a conflict to decide.
        google_current_row(
            first="Jana", last="Jovanović", phone="+1 555-0152", email="jana@personal.example"
        ),
        # Row 7's phone under another name: someone else (a shared line).
        google_current_row(first="Milan", last="Jovanović", phone="555-0152"),
    ]
    path = write_csv(workbook.parent / "contacts.csv", rows, bom=True)
    result = run("google", str(path), "--into", str(workbook), "--format", "json")
    assert result.exit_code == 0, result.output
    done = json.loads(result.stdout)
    (skipped,) = done["skipped"]
    assert skipped["name"] == "Jana Jovanovic" and skipped["row"] == JANA["row"]
    assert skipped["reason"] == f"already in Contacts, row {JANA['row']} (same name and phone)"
    (case,) = done["review"]
    assert case["existing_row"] == JANA["row"]
    assert case["evidence"] == (
        "same name and phone; different email: jana.jovanovic@example.org in yours, "
        "jana@personal.example imported"
    )
    assert [a["name"] for a in done["added"]] == ["Milan Jovanović"]
    assert review(workbook)[0]["Imported phone"] == "+1 555-0152"


def test_running_the_same_import_twice_adds_nothing(workbook: Path) -> None:
    rows = [
        GOOGLE_CURRENT,
        google_current_row(
            first="Grace", last="Okonjo", org="Clearwater Pharmacy", email="grace@new.example"
        ),
        google_current_row(first="Kwame", last="Mensah", org="Asante Bank"),  # no email
        google_current_row(first="Priya", last="Raman", email="priya@initech.example"),
        google_current_row(first="Lone", last="Name"),  # no email, no company
    ]
    path = write_csv(workbook.parent / "contacts.csv", rows, bom=True)
    first = run("google", str(path), "--into", str(workbook))
    assert first.exit_code == 0, first.output
    assert "Added 3" in first.output and "Listed 1 likely duplicate" in first.output
    after_first = values(workbook)
    written = digest(workbook)

    again = run("google", str(path), "--into", str(workbook))
    assert again.exit_code == 0, again.output
    assert "Added no one" in again.output
    assert "already on Review, row 2" in again.output
    assert "Nothing to write: the workbook was not changed." in again.output
    assert values(workbook) == after_first
    assert digest(workbook) == written  # not even re-saved
    assert len(list((workbook.parent / "backups" / "network").iterdir())) == 1


def test_duplicates_inside_one_export(workbook: Path) -> None:
    rows = [
        GOOGLE_CURRENT,
        google_current_row(first="Priya", last="Raman", org="Initech", email="p@initech.example"),
        google_current_row(first="Priya", last="Raman", org="Initech", email="P@INITECH.example"),
        google_current_row(first="Priya", last="Raman", org="Initech", email="priya@home.example"),
    ]
    path = write_csv(workbook.parent / "contacts.csv", rows)
    result = run("google", str(path), "--into", str(workbook), "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["totals"] == {"added": 1, "review": 1, "skipped": 1}
    new_row = SAMPLE_ROWS + 1
    assert (
        summary["skipped"][0]["reason"]
        == f"added earlier in this import, row {new_row} (same email)"
    )
    assert summary["review"][0]["existing_row"] == new_row


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_dry_run_writes_nothing(workbook: Path, fmt: str) -> None:
    vcf = workbook.parent / "cards.vcf"
    vcf.write_text(VCARD_3, encoding="utf-8", newline="")
    before = digest(workbook)
    result = run("vcard", str(vcf), "--into", str(workbook), "--dry-run", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert digest(workbook) == before
    assert not (workbook.parent / "backups").exists()
    assert not list(workbook.parent.glob(".network-*"))  # no temporary file left either
    if fmt == "json":
        summary = json.loads(result.output)
        assert summary["dry_run"] is True
        assert summary["totals"] == {"added": 2, "review": 0, "skipped": 1}
        assert [a["name"] for a in summary["added"]] == ["Jürgen Müller", "Chidi Okafor"]
        assert summary["skipped"][0]["name"] == "Grace Okonjo"
        assert summary["skipped"][0]["row"] == GRACE["row"]
        assert summary["written"] == {}
    else:
        assert "dry run: nothing was written" in result.output
        assert "Would add 2 to Contacts" in result.output
        assert "  + Jürgen Müller (Rheinwerk, GmbH, juergen.mueller@rheinwerk.example)" in (
            result.output
        )
        assert "Would skip 1:" in result.output and "Grace Okonjo" in result.output


def test_vcard_import_lands_in_the_workbook(workbook: Path) -> None:
    vcf = workbook.parent / "cards.vcf"
    vcf.write_text(VCARD_3 + VCARD_4, encoding="utf-8", newline="")
    result = run("vcard", str(vcf), "--into", str(workbook), "--source", "Hannover fair")
    assert result.exit_code == 0, result.output
    new = contacts(workbook)[SAMPLE_ROWS - 1 :]
    assert [r["Name"] for r in new] == [
        "Jürgen Müller",
        "Chidi Okafor",
        "Zoë Ñúñez-Łukasiewicz",
        "Kwame Mensah",
    ]
    juergen = new[0]
    assert juergen["Email"] == "juergen.mueller@rheinwerk.example"
    assert juergen["Phone"] == "+49 170 1234567"
    assert juergen["Where found"] == "Hannover fair"
    assert juergen["Added"] == dt.datetime(2026, 11, 26)  # the export has no date: today
    assert "Other emails: juergen@home.example" in juergen["Notes"]


def test_a_workbook_without_source_or_added_columns_gets_them(
    make_workbook: Any, tmp_path: Path
) -> None:
    path = make_workbook(
        [
            ["Full Name", "E-mail", "Organisation", "Position"],
            ["Ann Lee", "ann@acme.example", "Acme", "Engineer"],
        ],
        title_rows=2,
    )
    before = values(path)["Contacts"]
    outlook = write_csv(
        tmp_path / "outlook.csv",
        [
            OUTLOOK,
            outlook_row(
                first="Helga",
                last="Björk",
                company="Nordlys",
                job="Economist",
                email="helga@nordlys.example",
                mobile="+47 900 00 000",
                referred_by="Aunt Maria",
            ),
        ],
    )
    result = run("outlook", str(outlook), "--into", str(path))
    assert result.exit_code == 0, result.output
    assert "Added columns E (Where found), F (Added) to Contacts" in result.output
    assert "no column for them): Introduced By, Phone" in result.output
    rows = values(path)["Contacts"]
    assert [r[:4] for r in rows[: len(before)]] == before  # the user's cells, unchanged
    assert rows[2][4:] == ("Where found", "Added")  # the header row, below the title
    assert rows[3][4:] == (None, None)  # existing contacts get nothing in the new columns
    assert rows[4] == (
        "Helga Björk",
        "helga@nordlys.example",
        "Nordlys",
        "Economist",
        f"Outlook import {AS_OF}",
        dt.datetime(2026, 11, 26),
    )


def test_imported_text_never_becomes_a_formula(workbook: Path) -> None:
    people = [
        ["Eve", "Hacker", "", "", '=HYPERLINK("http://evil.example","x")', "+1", "1 Jan 2024"]
    ]
    path = linkedin_csv(workbook.parent / "Connections.csv", people)
    assert run("linkedin", str(path), "--into", str(workbook)).exit_code == 0
    cell = openpyxl.load_workbook(workbook)["Contacts"][f"D{SAMPLE_ROWS + 1}"]
    assert cell.value == '=HYPERLINK("http://evil.example","x")'
    assert cell.data_type == "s" and cell.quotePrefix
    assert lossy_parts(workbook) == []  # no formula in the file


# ---- refusals ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lock", ["~${name}", ".~lock.{name}#"])
def test_import_refuses_while_the_workbook_is_open(workbook: Path, lock: str) -> None:
    (workbook.parent / lock.format(name=workbook.name)).write_bytes(b"owner")
    path = linkedin_csv(workbook.parent / "Connections.csv", LINKEDIN_PEOPLE)
    before = digest(workbook)
    result = run("linkedin", str(path), "--into", str(workbook))
    assert result.exit_code == 2
    assert "open in Excel or LibreOffice" in result.output
    assert digest(workbook) == before
    assert not (workbook.parent / "backups").exists()
    # A dry run still works, and says a real run would be refused.
    dry = run("linkedin", str(path), "--into", str(workbook), "--dry-run")
    assert dry.exit_code == 0 and "a real import would be refused" in dry.output


@pytest.mark.parametrize(
    ("part", "words"),
    [
        ("xl/pivotTables/pivotTable1.xml", "pivot tables"),
        ("xl/threadedComments/threadedComment1.xml", "threaded comments"),
        ("xl/vbaProject.bin", "macros"),
    ],
)
def test_import_refuses_parts_it_would_lose(workbook: Path, part: str, words: str) -> None:
    with zipfile.ZipFile(workbook, "a") as archive:
        archive.writestr(part, b"x")
    path = linkedin_csv(workbook.parent / "Connections.csv", LINKEDIN_PEOPLE)
    before = digest(workbook)
    result = run("linkedin", str(path), "--into", str(workbook))
    assert result.exit_code == 2
    assert words in result.output and "Nothing was changed" in result.output
    assert digest(workbook) == before


def test_a_failed_check_leaves_the_workbook_as_it_was(
    workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The verification is real: a write that touches a user's cell is caught."""
    from netreport.importers import apply

    real = apply._write

    def sloppy(plan: Any, book: Any) -> None:
        real(plan, book)
        book["Interactions"]["F2"] = "oops"

    monkeypatch.setattr(apply, "_write", sloppy)
    path = linkedin_csv(workbook.parent / "Connections.csv", LINKEDIN_PEOPLE)
    before = digest(workbook)
    result = run("linkedin", str(path), "--into", str(workbook))
    assert result.exit_code == 2
    assert "sheet Interactions changed" in result.output
    assert digest(workbook) == before


def test_a_review_sheet_of_the_users_is_not_written_into(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    book.create_sheet("Review")["A1"] = "My weekly review notes"
    book.save(workbook)
    rows = [GOOGLE_CURRENT, google_current_row(first="Grace", last="Okonjo", email="g@x.example")]
    path = write_csv(workbook.parent / "contacts.csv", rows)
    before = digest(workbook)
    result = run("google", str(path), "--into", str(workbook))
    assert result.exit_code == 2
    assert "sheet named Review that netreport did not write" in result.output
    assert digest(workbook) == before


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: d / "missing.csv", "no such file"),
        (lambda d: d, "is a folder"),
        (lambda d: _write_bytes(d / "empty.csv", b""), "is empty"),
        (lambda d: _write_bytes(d / "book.csv", SAMPLE.read_bytes()), "not the exported file"),
        (lambda d: _write_bytes(d / "photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00"), "not a text"),
        (lambda d: _write_bytes(d / "other.csv", b"a,b\n1,2\n"), "no LinkedIn header row"),
    ],
)
def test_an_unreadable_export_exits_2_with_one_line(workbook: Path, make: Any, words: str) -> None:
    target = workbook.parent / "exports"
    target.mkdir()
    path = make(target)
    before = digest(workbook)
    result = run("linkedin", str(path), "--into", str(workbook))
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert digest(workbook) == before


def _write_bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_the_wrong_kind_names_the_right_one(workbook: Path) -> None:
    rows = [GOOGLE_CURRENT, google_current_row(first="Ann", last="Lee")]
    path = write_csv(workbook.parent / "contacts.csv", rows)
    result = run("outlook", str(path), "--into", str(workbook))
    assert result.exit_code == 2
    assert "netreport import google" in result.output
    vcf = workbook.parent / "cards.vcf"
    vcf.write_text(VCARD_3, encoding="utf-8")
    result = run("linkedin", str(vcf), "--into", str(workbook))
    assert result.exit_code == 2 and "netreport import vcard" in result.output
    result = run("vcard", str(path), "--into", str(workbook))
    assert result.exit_code == 2 and "not a vCard file" in result.output
    # An old LinkedIn export has First Name, Last Name and Email Address, as Outlook's has.
    old = linkedin_csv(workbook.parent / "Connections.csv", LINKEDIN_PEOPLE, "none", url=False)
    result = run("outlook", str(old), "--into", str(workbook))
    assert result.exit_code == 2 and "netreport import linkedin" in result.output
    outlook = write_csv(workbook.parent / "outlook.csv", [OUTLOOK, outlook_row(first="A")])
    result = run("linkedin", str(outlook), "--into", str(workbook))
    assert result.exit_code == 2 and "netreport import outlook" in result.output


def test_an_unreadable_workbook_exits_2(tmp_path: Path) -> None:
    path = linkedin_csv(tmp_path / "Connections.csv", LINKEDIN_PEOPLE)
    missing = run("linkedin", str(path), "--into", str(tmp_path / "nope.xlsx"))
    assert missing.exit_code == 2 and "no such file" in missing.output
    text = tmp_path / "notes.xlsx"
    text.write_text("not a workbook")
    assert run("linkedin", str(path), "--into", str(text)).exit_code == 2


def test_run_import_is_a_library_call(workbook: Path) -> None:
    path = linkedin_csv(workbook.parent / "Connections.csv", LINKEDIN_PEOPLE)
    result = run_import("linkedin", path, workbook, dry_run=True, as_of=dt.date(2026, 11, 26))
    assert [a.candidate.name for a in result.plan.added] == ["Ann Lee", "José Núñez"]
    assert result.written == {}
    with pytest.raises(ImportProblem):
        run_import("google", path, workbook, dry_run=True)


def test_report_write_back_still_works_after_an_import(workbook: Path) -> None:
    path = linkedin_csv(workbook.parent / "Connections.csv", LINKEDIN_PEOPLE)
    assert run("linkedin", str(path), "--into", str(workbook)).exit_code == 0
    result = CliRunner().invoke(
        cli, ["report", str(workbook), "--write-back", "--as-of", AS_OF], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    # And an import after a write-back leaves the report sheets alone.
    rows = [GOOGLE_CURRENT, google_current_row(first="Kwame", last="Mensah", org="Asante")]
    google = write_csv(workbook.parent / "contacts.csv", rows)
    before = values(workbook)
    assert run("google", str(google), "--into", str(workbook)).exit_code == 0
    after = values(workbook)
    for name in before:
        if name.startswith("NR "):
            assert after[name] == before[name], name
