"""Resource limits: zip bombs and entity expansion are refused before they cost anything.

A workbook is a zip of XML parts. Before anything is unzipped, netreport reads the zip's
directory and refuses a file whose parts would unzip to more than `--max-unzipped-size`
(default 1 GiB), or a part over 8 MB that would unzip more than 200-fold; then it looks at
each XML part's prolog and refuses a document type declaration, where "billion laughs"
entities would be declared. Behind that, calamine refuses entities it does not know and
openpyxl parses through defusedxml. Every refusal is one line and exit code 2, and fast.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.bombs import billion_laughs, write_entity_bomb, write_zip_bomb
from support.paths import ROOT
from support.workbooks import write_network

from netreport.cli import cli
from netreport.limits import DEFAULT_MAX_UNZIPPED_BYTES, MAX_RATIO, MB, RATIO_FLOOR
from netreport.read import WorkbookError, read_workbook
from netreport.read.sniff import _declares_doctype, check_zip_limits
from netreport.starter import write_starter

AS_OF = "2026-11-23"
COMMANDS = ("validate", "outreach", "report", "import")
CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Lee\r\nEMAIL:ann@example.com\r\nEND:VCARD\r\n"


def run(command: str, path: Path, tmp_path: Path, *more: str) -> tuple[int, str]:
    args = [command, str(path), "--as-of", AS_OF, *more]
    if command == "report":
        args += ["-o", str(tmp_path / "out")]
    if command == "import":  # the workbook is the one imported into
        card = tmp_path / "ann.vcf"
        card.write_text(CARD, encoding="utf-8")
        args = [command, "vcard", str(card), "--into", *args[1:]]
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.output


def one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


# ---- zip bombs -----------------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
def test_a_zip_bomb_is_refused_from_its_directory(tmp_path: Path, command: str) -> None:
    # 160 parts of 7 MB of zeros: 1.1 GB declared, 1 MB on disk, each part under the ratio floor.
    bomb = write_zip_bomb(tmp_path / "bomb.xlsx", parts=160, part_size=7 * MB)
    assert bomb.stat().st_size < 2 * MB
    started = time.perf_counter()
    code, output = run(command, bomb, tmp_path)
    assert time.perf_counter() - started < 5
    assert code == 2
    line = one_line(output)
    assert "bomb.xlsx: would unzip to 1,120 MB, more than the limit of 1,024 MB" in line
    assert "raise the limit with --max-unzipped-size 2048" in line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_part_that_unzips_too_many_fold_is_refused(tmp_path: Path) -> None:
    bomb = write_zip_bomb(tmp_path / "ratio.xlsx", parts=1, part_size=50 * MB)
    code, output = run("validate", bomb, tmp_path)
    assert code == 2
    line = one_line(output)
    assert "has a part (xl/worksheets/sheet1.xml) that would unzip" in line
    assert f"limit is {MAX_RATIO}-fold for parts over {RATIO_FLOOR // MB} MB" in line
    # Raising the size limit does not lift the ratio limit.
    code, output = run("validate", bomb, tmp_path, "--max-unzipped-size", "4096")
    assert code == 2 and "that would unzip" in output


def test_the_limits_from_the_directory_alone() -> None:
    def part(size: int, compressed: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.file_size, info.compress_size = size, compressed
        return info

    path = Path("n.xlsx")
    # Small parts pass whatever their ratio; large ones up to the ratio; totals up to the cap.
    check_zip_limits(path, [part(RATIO_FLOOR, 1)], DEFAULT_MAX_UNZIPPED_BYTES)
    check_zip_limits(path, [part(100 * MB, MB // 2)], DEFAULT_MAX_UNZIPPED_BYTES)
    check_zip_limits(path, [part(512 * MB, 5 * MB)] * 2, DEFAULT_MAX_UNZIPPED_BYTES)
    with pytest.raises(WorkbookError, match="200-fold"):
        check_zip_limits(path, [part(RATIO_FLOOR + 1, RATIO_FLOOR // 300)], 10**12)
    with pytest.raises(WorkbookError, match="would unzip to 1,024 MB"):
        check_zip_limits(path, [part(512 * MB, 5 * MB)] * 2 + [part(1, 1)], 1024 * MB)


def big_workbook(tmp_path: Path) -> Path:
    people = [
        {"name": f"Person {i}", "email": f"p{i}@example.com", "title": f"Title {i} " * 60}
        for i in range(4000)
    ]
    return write_network(tmp_path, people, filename="big.xlsx")


@pytest.mark.parametrize("command", COMMANDS)
def test_max_unzipped_size_reaches_every_command(tmp_path: Path, command: str) -> None:
    workbook = big_workbook(tmp_path)
    with zipfile.ZipFile(workbook) as archive:
        assert sum(i.file_size for i in archive.infolist()) > 1 * MB
    code, output = run(command, workbook, tmp_path, "--max-unzipped-size", "1")
    assert code == 2, output
    assert "more than the limit of 1.0 MB" in one_line(output)
    assert "--max-unzipped-size" in output
    code, output = run(command, workbook, tmp_path, "--max-unzipped-size", "100")
    assert code in (0, 1), output


def test_max_unzipped_size_must_be_positive(tmp_path: Path) -> None:
    workbook = write_starter(tmp_path / "n.xlsx") or tmp_path / "n.xlsx"
    code, output = run("validate", workbook, tmp_path, "--max-unzipped-size", "0")
    assert code == 2 and "--max-unzipped-size" in output


def test_honest_workbooks_pass_the_limits(tmp_path: Path) -> None:
    samples = ROOT / "sample_workbooks"
    for path in (*samples.glob("*.xlsx"), big_workbook(tmp_path)):
        assert read_workbook(path).contacts is not None, path


# ---- entity expansion ----------------------------------------------------------------------

PARTS = [
    "xl/sharedStrings.xml",
    "xl/worksheets/sheet1.xml",
    "xl/workbook.xml",
    "xl/styles.xml",
    "docProps/core.xml",
    "[Content_Types].xml",
]


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small workbook written by XlsxWriter (it has a shared-strings part)."""
    import xlsxwriter

    path = tmp_path_factory.mktemp("plain") / "plain.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Contacts")
    sheet.write_row(0, 0, ["Name", "Email"])
    sheet.write_row(1, 0, ["Ann Lee", "ann@example.com"])
    book.close()
    return path


@pytest.mark.parametrize("part", PARTS)
def test_an_entity_expansion_payload_is_refused_quickly(
    plain: Path, tmp_path: Path, part: str
) -> None:
    bomb = write_entity_bomb(plain, tmp_path / "laughs.xlsx", part)
    before = bomb.read_bytes()
    started = time.perf_counter()
    with pytest.raises(WorkbookError) as caught:
        read_workbook(bomb)
    assert time.perf_counter() - started < 1
    assert caught.value.problem == (
        f"has a part ({part}) with an XML document type declaration, which Excel and "
        "LibreOffice never write and which can hide an entity-expansion attack."
    )
    assert bomb.read_bytes() == before


def test_the_refusal_costs_neither_time_nor_memory(plain: Path, tmp_path: Path) -> None:
    """In a process of its own: the whole command, its peak memory and its exit code."""
    bomb = write_entity_bomb(plain, tmp_path / "laughs.xlsx", "xl/sharedStrings.xml", levels=12)
    script = (
        "import resource, sys\n"
        "from netreport.cli import main\n"
        f"sys.argv = ['netreport', 'report', {str(bomb)!r}, '-o', {str(tmp_path / 'out')!r}]\n"
        "try:\n"
        "    main()\n"
        "finally:\n"
        "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
        "    print(f'peak {peak} MB', file=sys.stderr)\n"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert time.perf_counter() - started < 15
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert "document type declaration" in lines[0]
    peak = int(lines[-1].split()[1])
    assert peak < 400, f"peak memory {peak} MB"


def test_calamine_itself_refuses_unknown_entities(plain: Path, tmp_path: Path) -> None:
    """Behind netreport's own check: calamine does not expand entities it does not know."""
    from python_calamine import CalamineError, CalamineWorkbook

    bomb = write_entity_bomb(plain, tmp_path / "laughs.xlsx", "xl/sharedStrings.xml")
    with pytest.raises(CalamineError, match="entity"):
        CalamineWorkbook.from_path(str(bomb)).get_sheet_by_name("Contacts").to_python()


def test_openpyxl_parses_through_defusedxml(plain: Path, tmp_path: Path) -> None:
    """Write-back loads the workbook with openpyxl: with defusedxml installed (a dependency),
    entity declarations are refused rather than expanded."""
    import openpyxl
    from defusedxml import DefusedXmlException
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML
    bomb = write_entity_bomb(plain, tmp_path / "laughs.xlsx", "xl/worksheets/sheet1.xml")
    started = time.perf_counter()
    with pytest.raises(ValueError, match="Unable to read workbook") as caught:
        openpyxl.load_workbook(bomb)
    assert isinstance(caught.value.__cause__, DefusedXmlException)
    assert time.perf_counter() - started < 1


def test_a_cell_that_reads_doctype_is_only_text(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "text.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Contacts")
    sheet.write_row(0, 0, ["Name", "Notes"])
    sheet.write_row(1, 0, ["Ann Lee", f"<!DOCTYPE x>{billion_laughs('x')}&lol9;"])
    book.close()
    table = read_workbook(path).contacts
    assert table is not None
    assert str(table.frame.loc[2, "B"]).startswith("<!DOCTYPE x><!DOCTYPE x [<!ENTITY")


@pytest.mark.parametrize(
    ("xml", "declared"),
    [
        (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', True),
        (b"\xef\xbb\xbf<!DOCTYPE a><a/>", True),
        (b"  \r\n\t<!DOCTYPE a><a/>", True),
        (b'<?xml version="1.0"?>\n<!-- <a> a comment -->\n<?pi x?>\n<!DOCTYPE a><a/>', True),
        (b"<!--" + b"-" * 100_000 + b"-->" + b" " * 50_000 + b"<!DOCTYPE a><a/>", True),
        (b'<?xml version="1.0"?><worksheet><!DOCTYPE a></worksheet>', False),
        (b'<?xml version="1.0"?><sst><si><t>&lt;!DOCTYPE x&gt;</t></si></sst>', False),
        (b"<a/>", False),
        (b"", False),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), False),
        (b"<", False),
        (b"<!DOC", False),
    ],
)
def test_the_prolog_scan(xml: bytes, declared: bool) -> None:
    class Trickle(io.BytesIO):
        """Gives at most 7 bytes a read, so every boundary is crossed."""

        def read(self, size: int | None = -1) -> bytes:
            return super().read(7)

    assert _declares_doctype(io.BytesIO(xml)) is declared
    if len(xml) < 2000:
        assert _declares_doctype(Trickle(xml)) is declared


def test_the_prolog_scan_stops_at_its_limit() -> None:
    endless = io.BytesIO(b"<!--" + b"-" * (3 * MB))
    started = time.perf_counter()
    assert _declares_doctype(endless) is False
    assert time.perf_counter() - started < 2
    assert endless.tell() < 2 * MB


def test_lying_sizes_are_caught_by_the_reader(plain: Path, tmp_path: Path) -> None:
    """A part that declares fewer bytes than it holds: the readers stop at the declared size,
    so the limits checked on declared sizes hold."""
    import struct

    padded = tmp_path / "padded.xlsx"
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(padded, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                data = data.replace(b"<t>Ann Lee</t>", b"<t>Ann Lee" + b"A" * (20 * MB) + b"</t>")
            out.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
    raw = bytearray(padded.read_bytes())
    with zipfile.ZipFile(padded) as archive:
        info = archive.getinfo("xl/sharedStrings.xml")
    struct.pack_into("<I", raw, info.header_offset + 22, info.compress_size)
    central = raw.find(b"PK\x01\x02")
    while central >= 0:
        size = struct.unpack_from("<H", raw, central + 28)[0]
        if raw[central + 46 : central + 46 + size] == b"xl/sharedStrings.xml":
            struct.pack_into("<I", raw, central + 24, info.compress_size)
        central = raw.find(b"PK\x01\x02", central + 4)
    liar = tmp_path / "liar.xlsx"
    liar.write_bytes(bytes(raw))
    with zipfile.ZipFile(liar) as archive:
        assert archive.getinfo("xl/sharedStrings.xml").file_size == info.compress_size
    with pytest.raises(WorkbookError, match="cannot be read as a workbook"):
        read_workbook(liar)
