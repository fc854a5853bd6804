"""A comma in a vCard is text except in the properties that are lists: vCard 2.1 has no comma
escaping and many 3.0 exporters do not escape it, so NOTE, TITLE, FN and ORG keep their
commas whole; CATEGORIES still splits into labels."""

from __future__ import annotations

from pathlib import Path

import pytest

from netreport.importers import read_export


def card(version: str, *lines: str) -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


CASES = {
    "3.0 unescaped": card(
        "3.0",
        "FN:Unescaped Comma",
        "NOTE:Met at PyCon, talked about jobs, follow up in May",
        "TITLE:Director, Data",
        "ORG:Acme, Inc.;Research, East",
    ),
    "2.1 from Android": card(
        "2.1",
        "FN:Unescaped Comma",
        "NOTE:Met at PyCon, talked about jobs, follow up in May",
        "TITLE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=44=69=72=65=63=74=6F=72=2C=20=44=61=74=61",
        "ORG:Acme, Inc.",
    ),
    "3.0 escaped and folded": card(
        "3.0",
        "FN:Unescaped Comma",
        "NOTE:Met at PyCon\\, talked about jobs,",
        "  follow up in May",
        "TITLE:Director\\, Data",
        "ORG:Acme\\, Inc.;Research",
    ),
}


@pytest.mark.parametrize("text", CASES.values(), ids=list(CASES))
def test_text_properties_keep_their_commas(tmp_path: Path, text: str) -> None:
    path = tmp_path / "cards.vcf"
    path.write_text(text, encoding="utf-8", newline="")
    (person,) = read_export("vcard", path).candidates
    assert person.name == "Unescaped Comma"
    assert person.notes == "Met at PyCon, talked about jobs, follow up in May"
    assert person.title == "Director, Data"
    assert person.company == "Acme, Inc."


def test_a_quoted_printable_name_keeps_its_comma(tmp_path: Path) -> None:
    path = tmp_path / "android.vcf"
    text = card(
        "2.1",
        "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4D=C3=BC=6C=6C=65=72;=4A=C3=B6=72=67;;;",
        "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4D=C3=BC=6C=6C=65=72=2C=20=4A=C3=B6=72=\r\n=67",
        "ORG:Smith, Jones & Partners",
        "NOTE:Likes golf, tennis, and chess",
    )
    path.write_text(text, encoding="utf-8", newline="")
    (person,) = read_export("vcard", path).candidates
    assert (person.name, person.first_name, person.last_name) == ("Müller, Jörg", "Jörg", "Müller")
    assert person.company == "Smith, Jones & Partners"
    assert person.notes == "Likes golf, tennis, and chess"


def test_lists_still_split_and_escapes_still_hold(tmp_path: Path) -> None:
    path = tmp_path / "lists.vcf"
    text = card(
        "3.0",
        "FN:List Tester",
        "CATEGORIES:Work,Friends\\, old,PyCon",
        "NOTE:a backslash \\\\, then a comma",
    )
    path.write_text(text, encoding="utf-8", newline="")
    (person,) = read_export("vcard", path).candidates
    assert person.notes == "a backslash \\, then a comma\nLabels: Work, Friends, old, PyCon"
