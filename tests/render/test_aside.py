"""Table sheets built aside in a forked child process (netreport.render.aside) against the same
report written in one process, and the module's one assumption about zipfile."""

from __future__ import annotations

import datetime as dt
import os
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from support.paths import ROOT

from netreport.analysis import analyze
from netreport.check import check_workbook
from netreport.forking import can_fork
from netreport.render import aside, xlsx, xlsx_stream

AS_OF = dt.date(2026, 11, 23)
SAMPLE = ROOT / "sample_workbooks" / "network.xlsx"

pytestmark = pytest.mark.skipif(not can_fork(), reason="members are built aside on Linux")


def test_zipfile_takes_deflated_bytes(tmp_path: Path) -> None:
    """The assumption: bytes deflated by ISA-L into a file and copied with copy_deflated make a
    member whose headers hold its size and CRC-32 (zipfile's testzip reads every member back
    and checks them; calamine, another reader, does so in the report tests below)."""
    text = ("<row>Zoë &amp; Ann, Café</row>" * 50_000).encode()
    member = aside._DeflateFile(tmp_path / "member")
    for at in range(0, len(text), 70_001):
        member.write(text[at : at + 70_001])
    done = member.close()
    path = tmp_path / "out.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("first.txt", "before")
        aside.copy_deflated(out, zipfile.ZipInfo("xl/worksheets/sheet2.xml"), done)
        out.writestr("last.txt", "after")
    with zipfile.ZipFile(path) as back:
        assert back.testzip() is None  # every member's CRC-32 checked against its bytes
        info = back.getinfo("xl/worksheets/sheet2.xml")
        assert (info.file_size, info.compress_type) == (len(text), zipfile.ZIP_DEFLATED)
        assert info.compress_size == done.path.stat().st_size < len(text) // 10
        assert back.read("xl/worksheets/sheet2.xml") == text
        assert back.read("last.txt") == b"after"


def test_a_member_deflated_as_it_is_written_reads_back(tmp_path: Path) -> None:
    text = "".join(f'<row r="{n}"><c><v>{n * n}</v></c></row>' for n in range(100_000))
    path = tmp_path / "out.zip"
    with zipfile.ZipFile(path, "w") as out:
        with aside.deflated_member(out, zipfile.ZipInfo("sheet.xml")) as member:
            for at in range(0, len(text), 65_536):
                member.write(text[at : at + 65_536].encode())
        out.writestr("after.txt", "after")
    with zipfile.ZipFile(path) as back:
        assert back.testzip() is None
        assert back.getinfo("sheet.xml").compress_type == zipfile.ZIP_DEFLATED
        assert back.read("sheet.xml").decode() == text
        assert back.read("after.txt") == b"after"


def _report(tmp_path: Path, name: str) -> Path:
    checked = check_workbook(SAMPLE, as_of=AS_OF)
    path = tmp_path / name
    xlsx.write_report(analyze(checked), path)
    return path


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        assert package.testzip() is None
        return {n: package.read(n) for n in package.namelist() if n != "docProps/core.xml"}


def _cells(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))  # Rust's zip reader checks each CRC too
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def test_a_sheet_built_aside_gives_the_same_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The largest table (Contacts) built by the child: every part of the package is the
    same as when this process writes it, read back by zipfile, calamine and openpyxl."""
    monkeypatch.setattr(xlsx_stream, "ASIDE_CELLS", 10**12)
    alone = _report(tmp_path, "alone.xlsx")
    used = []
    members = aside.Aside.members

    def spy(self: aside.Aside) -> dict[str, aside.Deflated] | None:
        built = members(self)
        used.append(sorted(built or {}))
        return built

    monkeypatch.setattr(aside.Aside, "members", spy)
    monkeypatch.setattr(xlsx_stream, "ASIDE_CELLS", 1)
    shared = _report(tmp_path, "shared.xlsx")
    assert used == [["xl/worksheets/_rels/sheet2.xml.rels", "xl/worksheets/sheet2.xml"]]
    assert _members(shared) == _members(alone)
    assert _cells(shared) == _cells(alone)
    contacts = openpyxl.load_workbook(shared)["Contacts"]
    assert contacts.max_row == len(check_workbook(SAMPLE, as_of=AS_OF).contacts) + 1
    assert contacts["A1"].value == "Name"
    assert not list(tmp_path.glob(".netreport-aside-*"))


def test_a_child_that_fails_leaves_the_work_to_this_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_stream, "ASIDE_CELLS", 10**12)
    alone = _report(tmp_path, "alone.xlsx")

    def broken(self: object, sink: aside.Sink, names: set[str]) -> None:
        sink.open("xl/worksheets/sheet2.xml").write(b"<half")
        raise MemoryError

    monkeypatch.setattr(xlsx_stream._Members, "build", broken)
    monkeypatch.setattr(xlsx_stream, "ASIDE_CELLS", 1)
    fallen_back = _report(tmp_path, "fallen-back.xlsx")
    assert _members(fallen_back) == _members(alone)
    assert not list(tmp_path.glob(".netreport-aside-*"))


def test_closing_stops_a_child_still_at_work(tmp_path: Path) -> None:
    """When this process fails first, the child is stopped and its files removed."""
    started = time.monotonic()
    with aside.Aside(lambda _sink: time.sleep(60), tmp_path) as child:
        pid = child._pid
        assert pid is not None
        folder = child.folder
        assert folder.is_dir()
    assert time.monotonic() - started < 10
    assert not folder.exists()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left
