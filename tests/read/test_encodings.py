"""A CSV that is not UTF-8: read in the code page charset-normalizer finds (Shift-JIS from
Japanese Excel, Mac Roman, Windows-1252...), a UTF-8 file with a few lines in a code page
keeps its UTF-8 lines, and the owner is told how the file was read (`text-encoding`)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from netreport.read import read_workbook
from netreport.read.csv import decode_csv, text_encoding

HEADER = "Name,Email,Company,Notes\r\n"
# As the tester's files had them (/tmp/hostile-user/t20). Mac Roman is told from Windows-1252
# by its punctuation and accents together; a few names alone may fit either.
WESTERN = (
    'Zoë Ørsted,zoe@example.dk,Ørsted,"quoted" café\r\n'
    "José Núñez,jose@example.es,Telefónica,naïve résumé\r\n"
    '"Müller, Jürgen",jm@example.de,Bäckerei,groß\r\n'
)
JAPANESE = "山田 太郎,yamada@example.jp,ソニー,友人\r\n佐藤 花子,sato@example.jp,トヨタ,\r\n"
NAMES = {
    WESTERN: ["Zoë Ørsted", "José Núñez", "Müller, Jürgen"],
    JAPANESE: ["山田 太郎", "佐藤 花子"],
}


@pytest.mark.parametrize(
    ("body", "encoding", "named"),
    [
        (JAPANESE, "shift_jis", "Shift-JIS (Japanese)"),
        (WESTERN, "mac_roman", "Mac Roman"),
        (WESTERN, "cp1252", "Windows-1252 (Western European)"),
    ],
)
def test_a_file_in_a_code_page_is_read_in_it_and_says_so(
    tmp_path: Path, body: str, encoding: str, named: str
) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes((HEADER + body).encode(encoding))
    source = read_workbook(path)
    assert source.contacts is not None
    assert source.contacts.frame["A"].tolist() == NAMES[body]
    (note,) = [i for i in source.issues if i.code == "text-encoding"]
    assert note.severity == "info" and note.row is None
    assert note.message == f"The file is not UTF-8: read as {named}."


def test_utf8_lines_stay_utf8_when_a_few_lines_are_not(tmp_path: Path) -> None:
    lines = (HEADER + WESTERN).splitlines(keepends=True)
    odd = ["Ådne Åsheim,ad@example.no,Equinor,friend\r\n", "Renée Côté,rc@example.fr,Ubisoft,\r\n"]
    data = b"".join(
        [
            lines[0].encode(),
            lines[1].encode(),
            odd[0].encode("cp1252"),
            *(line.encode() for line in lines[2:]),
            odd[1].encode("cp1252"),
        ]
    )
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    decoded = decode_csv(data)
    assert (decoded.encoding, decoded.other_lines, decoded.other_encoding) == (
        "utf-8",
        (3, 6),
        "cp1252",
    )
    source = read_workbook(path)
    assert source.contacts is not None
    assert source.contacts.frame["A"].tolist() == [
        "Zoë Ørsted",
        "Ådne Åsheim",
        "José Núñez",
        "Müller, Jürgen",
        "Renée Côté",
    ]
    (note,) = [i for i in source.issues if i.code == "text-encoding"]
    assert note.message == (
        "Lines 3 and 6 are not UTF-8: read as Windows-1252 (Western European); the other "
        "lines as UTF-8."
    )


def test_a_byte_order_mark_says_utf8_even_with_no_other_accent() -> None:
    data = codecs.BOM_UTF8 + HEADER.encode() + "Ådne Åsheim,ad@example.no,,\r\n".encode("cp1252")
    decoded = decode_csv(data)
    assert decoded.text == HEADER + "Ådne Åsheim,ad@example.no,,\r\n"
    assert (decoded.encoding, decoded.other_lines) == ("utf-8-sig", (2,))
    assert text_encoding(data) == "utf-8-sig"  # import strips the mark


def test_many_odd_lines_are_counted_not_all_listed() -> None:
    odd = "Ådne Åsheim,ad@example.no,,\r\n".encode("cp1252")
    data = HEADER.encode() + "Zoë,z@example.com,,\r\n".encode() + odd * 12
    note = decode_csv(data).note()
    assert note is not None
    assert note["what"] == "Lines 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 and 2 more are"


@pytest.mark.parametrize(
    "data",
    [HEADER.encode(), (HEADER + WESTERN).encode(), codecs.BOM_UTF8 + WESTERN.encode()],
    ids=["ascii", "utf-8", "utf-8-sig"],
)
def test_unicode_files_have_no_note(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "contacts.csv"
    path.write_bytes(data)
    assert decode_csv(data).note() is None
    assert not [i for i in read_workbook(path).issues if i.code == "text-encoding"]


def test_the_importers_codec_follows_the_same_rule() -> None:
    assert text_encoding((HEADER + JAPANESE).encode("shift_jis")) == "cp932"
    assert text_encoding((HEADER + WESTERN).encode("mac_roman")) == "mac_roman"
    assert text_encoding((HEADER + WESTERN).encode()) == "utf-8"
