"""The earlier bad files, each made by hand: CSVs as Excel saves them, renamed, empty,
truncated, damaged and encrypted files, lock files, zip bombs and entity-expansion payloads.

`FILES` makes each file's bytes; `ANSWERS` says what `validate` must answer (exit code, words
of its one line). tests/read/test_corpus.py puts them, with the files LibreOffice makes, in
tests/corpus/files/ and runs `validate` and `report` on each; here each is also a corpus case
of its own, run on its own under the corpus's memory and time limits.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from support.bombs import write_entity_bomb, write_zip_bomb

from corpus import case
from netreport.limits import MB

AS_OF = "2026-11-23"
CONTACTS_CSV = """\
Name,Email,Met?,How I know them,Introduced By,Last Contact,Phone
Ann Lee,ann@example.com,Yes,close friend,,2026-09-14,555-0100
Bo Chen,bo@example.com,No,referral,Ann Lee,2026-08-01,
Cy Diaz,,No,researched on company website,,,
Zoë Ærø,zoe@example.com,Yes,met once at a conference,,2026-10-20,
"""
EXCEL_TEXT = CONTACTS_CSV.replace("\n", "\r\n")  # Excel ends CSV lines with CR LF


def _starter(scratch: Path) -> bytes:
    from netreport.starter import write_starter

    path = scratch / "plain.xlsx"
    if not path.exists():
        write_starter(path)
    return path.read_bytes()


def _damaged(scratch: Path) -> bytes:
    _starter(scratch)
    damaged = scratch / "damaged.xlsx"
    with zipfile.ZipFile(scratch / "plain.xlsx") as source, zipfile.ZipFile(damaged, "w") as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/"):
                data = data[: len(data) // 2]
            out.writestr(info, data)
    return damaged.read_bytes()


def _docx(scratch: Path) -> bytes:
    docx = scratch / "letter.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return docx.read_bytes()


def _encrypted(scratch: Path) -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    _starter(scratch)
    with (scratch / "plain.xlsx").open("rb") as source, (scratch / "locked.xlsx").open("wb") as out:
        OOXMLFile(source).encrypt("s3cret", out)
    return (scratch / "locked.xlsx").read_bytes()


def _entity_bomb(part: str) -> Callable[[Path], bytes]:
    def make(scratch: Path) -> bytes:
        import xlsxwriter

        strings = scratch / "strings.xlsx"
        book = xlsxwriter.Workbook(str(strings))
        sheet = book.add_worksheet("Contacts")
        sheet.write_row(0, 0, ["Name", "Email"])
        sheet.write_row(1, 0, ["Ann Lee", "ann@example.com"])
        book.close()
        return write_entity_bomb(strings, scratch / "bomb.xlsx", part).read_bytes()

    return make


FILES: dict[str, Callable[[Path], bytes]] = {
    "excel-utf8.csv": lambda _: EXCEL_TEXT.encode("utf-8"),
    "excel-utf8-bom.csv": lambda _: EXCEL_TEXT.encode("utf-8-sig"),
    "excel-cp1252-semicolon.csv": lambda _: EXCEL_TEXT.replace(",", ";").encode("cp1252"),
    "excel-unicode-text.csv": lambda _: EXCEL_TEXT.replace(",", "\t").encode("utf-16"),
    "csv-renamed.xlsx": lambda _: EXCEL_TEXT.encode("utf-8-sig"),
    "pdf-renamed.xlsx": lambda _: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    "empty.xlsx": lambda _: b"",
    "~$network.xlsx": lambda _: b"\x0bAnn Lee    " + b"\x00" * 150,
    ".~lock.network.xlsx#": lambda _: b"Ann Lee,annlee,laptop,23.11.2026 10:00,file:///home/ann;\n",
    "xlsx-renamed.csv": _starter,
    "truncated.xlsx": lambda scratch: _starter(scratch)[: len(_starter(scratch)) // 2],
    "damaged-sheet.xlsx": _damaged,
    "docx-renamed.xlsx": _docx,
    "encrypted.xlsx": _encrypted,
    "zip-bomb.xlsx": lambda scratch: write_zip_bomb(
        scratch / "bomb.xlsx", parts=256, part_size=8 * MB
    ).read_bytes(),
    "ratio-bomb.xlsx": lambda scratch: write_zip_bomb(
        scratch / "ratio.xlsx", parts=1, part_size=64 * MB
    ).read_bytes(),
    "entity-expansion.xlsx": _entity_bomb("xl/sharedStrings.xml"),
    "entity-expansion-sheet.xlsx": _entity_bomb("xl/worksheets/sheet1.xml"),
}

# What `validate` answers: its exit code, and words its output holds (for exit 2, its one line).
ANSWERS: dict[str, tuple[int, tuple[str, ...]]] = {
    "excel-utf8.csv": (0, ("4 contacts",)),
    "excel-utf8-bom.csv": (0, ("4 contacts",)),
    "excel-cp1252-semicolon.csv": (0, ("4 contacts",)),
    "excel-unicode-text.csv": (0, ("4 contacts",)),
    "encrypted.xlsx": (2, ("protected with a password", "remove the password")),
    "truncated.xlsx": (2, ("damaged or incomplete", "backup")),
    "damaged-sheet.xlsx": (2, ("cannot be read as a workbook",)),
    "csv-renamed.xlsx": (2, ("not an Excel workbook", "text", "rename it to end in .csv")),
    "pdf-renamed.xlsx": (2, ("is a PDF, not a workbook",)),
    "docx-renamed.xlsx": (2, ("Word document", "not a workbook")),
    "xlsx-renamed.csv": (0, ("0 contacts", "[example-row]")),
    "empty.xlsx": (2, ("empty (0 bytes)",)),
    "~$network.xlsx": (2, ("lock file", "Run netreport on 'network.xlsx'")),
    ".~lock.network.xlsx#": (2, ("lock file", "Run netreport on 'network.xlsx'")),
    "zip-bomb.xlsx": (2, ("would unzip to 2,048 MB", "--max-unzipped-size 3072")),
    "ratio-bomb.xlsx": (2, ("would unzip 1,0", "-fold", "zip bombs")),
    "entity-expansion.xlsx": (2, ("xl/sharedStrings.xml", "document type declaration")),
    "entity-expansion-sheet.xlsx": (2, ("xl/worksheets/sheet1.xml", "entity-expansion")),
}


def _register(name: str) -> None:
    code, words = ANSWERS[name]

    def has_words(_folder: Path, done: object) -> None:
        output = getattr(done, "stdout", "") + getattr(done, "stderr", "")
        for word in words:
            assert word in output, (word, output)

    @case(
        f"earlier-{name}",
        exit_code=code,
        message=re.escape(f"Error: {name}: ") if code == 2 else None,
        unchanged=(name,),
        check=has_words,
    )
    def build(folder: Path) -> list[str]:
        scratch = folder / ".scratch"
        scratch.mkdir(exist_ok=True)
        (folder / name).write_bytes(FILES[name](scratch))
        return ["validate", name, "--as-of", AS_OF]


for _name in FILES:
    _register(_name)
