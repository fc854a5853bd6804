"""vCard 2.1 exports from Android phones: quoted-printable values broken over lines with a
trailing `=` (soft line breaks), and one card that cannot be read among good ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from netreport.importers import ImportProblem, read_export

ANDROID = (
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4D=C3=BC=6C=6C=65=72;=4A=C3=B6=72=67;;;\r\n"
    "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=4A=C3=B6=72=67=20=4D=C3=BC=6C=6C=65=72\r\n"
    "TEL;CELL:+49 151 1234567\r\nEMAIL;HOME:joerg@example.de\r\n"
    "NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=54=72=61=64=65=20=66=61=69=72=20=69=6E=20=\r\n"
    "=48=61=6E=6E=6F=76=65=72=2E\r\n"
    "END:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN:Broken;Card;;;\r\nFN:Card Broken\r\n"
    "not a property line\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\n"
    "N;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=85str=C3=B6m;=C3=89lodie;;;\r\n"
    "FN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:=C3=89lodie=20=\r\n"
    "=C3=85str=C3=B6m\r\n"
    "EMAIL;HOME:elodie@example.fr\r\nEND:VCARD\r\n"
)


def test_soft_line_breaks_are_joined_and_a_bad_card_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "00001.vcf"
    path.write_text(ANDROID, encoding="utf-8", newline="")
    export = read_export("vcard", path)
    joerg, elodie = export.candidates
    assert (joerg.name, joerg.first_name, joerg.last_name) == ("Jörg Müller", "Jörg", "Müller")
    assert joerg.notes == "Trade fair in Hannover."
    assert (elodie.where, elodie.name) == ("card 3", "Élodie Åström")
    assert elodie.email == "elodie@example.fr"
    (note,) = export.notes
    assert note.startswith("card 2 (line 10) cannot be read") and note.endswith("left out.")


def test_a_file_of_only_unreadable_cards_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.vcf"
    path.write_text("BEGIN:VCARD\r\nVERSION:2.1\r\nnot a line\r\nEND:VCARD\r\n", encoding="utf-8")
    with pytest.raises(ImportProblem, match="cannot be read as vCard: card 1"):
        read_export("vcard", path)


def test_a_named_pipe_as_the_export_is_refused(tmp_path: Path) -> None:
    pipe = tmp_path / "cards.vcf"
    os.mkfifo(pipe)
    with pytest.raises(ImportProblem, match="named pipe"):
        read_export("vcard", pipe)  # would wait for a writer forever if opened
