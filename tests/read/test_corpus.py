"""A corpus of real and hostile files, built by the tests into tests/corpus/files/ (git-ignored).

Files written by LibreOffice (xlsx, xls, ods, xlsm; a CSV converted to xlsx; a sheet exported
as CSV; netreport's own starter re-saved), CSVs as Excel saves them, an encrypted workbook
(msoffcrypto-tool), truncated, damaged and renamed files, lock files, zip bombs and
entity-expansion payloads. One parametrized test runs `validate` and `report` on a copy of
each and asserts the expected outcome: the exit code, the key words of the one-line message,
that nothing was written for a refused file, and that the file itself is untouched.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus.earlier import ANSWERS, CONTACTS_CSV, FILES
from support.bombs import write_entity_bomb
from support.libreoffice import run_soffice_convert, soffice_path
from support.paths import CORPUS, ROOT

from netreport.cli import cli
from netreport.starter import write_starter

AS_OF = "2026-11-23"


@dataclass(frozen=True)
class Case:
    """A corpus file and what netreport must answer: `validate`'s exit code (report exits 0
    for 0 and 1) and words its one line holds."""

    name: str
    exit_code: int
    words: tuple[str, ...]
    soffice: bool = False  # made by LibreOffice: skipped where it is not installed


CASES = [
    Case("libreoffice.xlsx", 0, ("4 contacts", "Warm 1", "Cool 1", "Cold 1"), soffice=True),
    Case("libreoffice.ods", 0, ("4 contacts",), soffice=True),
    Case("libreoffice.xlsm", 0, ("4 contacts",), soffice=True),
    Case(
        "libreoffice.xls",
        2,
        ("legacy Excel 97-2003 (.xls)", "save it as Excel Workbook (.xlsx)"),
        soffice=True,
    ),
    Case("libreoffice-export.csv", 0, ("4 contacts",), soffice=True),
    Case("starter-resaved-by-libreoffice.xlsx", 0, ("0 contacts", "[example-row]"), soffice=True),
    *(Case(name, code, words) for name, (code, words) in ANSWERS.items()),
    Case("entity-expansion.ods", 2, ("content.xml", "document type declaration"), soffice=True),
]


def _put(name: str, data: bytes) -> Path:
    """Write a corpus file in one step: another test session may be reading the folder."""
    path = CORPUS / name
    temp = CORPUS / f".{name}.{os.getpid()}.part"
    temp.write_bytes(data)
    os.replace(temp, path)
    return path


def _libreoffice(scratch: Path) -> None:
    """LibreOffice writes the CSV as each format, exports a sheet as CSV and re-saves
    netreport's starter workbook; in parallel, each run with its own profile."""
    source = scratch / "libreoffice.csv"
    source.write_text(CONTACTS_CSV, encoding="utf-8")
    starter = scratch / "starter-resaved-by-libreoffice.xlsx"
    write_starter(starter)
    csv_out = "csv:Text - txt - csv (StarCalc):44,34,76,1"  # the first sheet, in UTF-8
    jobs: list[tuple[Path, str, str | None, str]] = [
        (source, "xlsx:Calc MS Excel 2007 XML", "CSV:44,34,76,1", "libreoffice.xlsx"),
        (source, "ods", "CSV:44,34,76,1", "libreoffice.ods"),
        (source, "xlsm:Calc MS Excel 2007 VBA XML", "CSV:44,34,76,1", "libreoffice.xlsm"),
        (source, "xls:MS Excel 97", "CSV:44,34,76,1", "libreoffice.xls"),
        (starter, "xlsx:Calc MS Excel 2007 XML", None, starter.name),
    ]

    def convert(job: tuple[Path, str, str | None, str]) -> None:
        src, target, infilter, name = job
        written = run_soffice_convert(src, target, scratch / f"out-{name}", infilter)
        _put(name, written.read_bytes())

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(convert, jobs))
    # A sheet of a LibreOffice workbook exported as CSV (UTF-8).
    exported = run_soffice_convert(CORPUS / "libreoffice.xlsx", csv_out, scratch / "export")
    _put("libreoffice-export.csv", exported.read_bytes())
    write_entity_bomb(CORPUS / "libreoffice.ods", scratch / "bomb.ods", "content.xml")
    _put("entity-expansion.ods", (scratch / "bomb.ods").read_bytes())


def _by_hand(scratch: Path) -> None:
    for name, make in FILES.items():
        _put(name, make(scratch))


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build tests/corpus/files/ (every file replaced in one step, never the folder removed, so
    sessions running side by side do not disturb each other)."""
    pytest.importorskip("msoffcrypto")
    CORPUS.mkdir(parents=True, exist_ok=True)
    scratch = tmp_path_factory.mktemp("corpus")
    if soffice_path() is not None:
        _libreoffice(scratch)
    _by_hand(scratch)
    return CORPUS


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(cli, args)
    return result.exit_code, result.output


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_corpus_file_gets_its_expected_answer(
    corpus: Path, tmp_path: Path, case: Case
) -> None:
    if case.soffice and soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    source = corpus / case.name
    assert source.is_file(), f"the corpus has no {case.name}"
    folder = tmp_path / "in"
    folder.mkdir()
    path = Path(shutil.copy2(source, folder / case.name))
    before, stamp = sha256(path), path.stat().st_mtime_ns

    code, output = run(["validate", str(path), "--as-of", AS_OF])
    assert code == case.exit_code, output
    if case.exit_code == 2:
        lines = [line for line in output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith(f"Error: {case.name}: "), output
    for word in case.words:
        assert word in output, (word, output)

    out = tmp_path / "out"
    code, output = run(["report", str(path), "-o", str(out), "--as-of", AS_OF])
    assert code == (2 if case.exit_code == 2 else 0), output
    if case.exit_code == 2:
        assert case.words[0] in output
        assert not out.exists() or not any(out.iterdir())
    else:
        assert (out / f"{path.stem}-report-{AS_OF}.xlsx").is_file()

    assert sha256(path) == before and path.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in folder.iterdir()) == [case.name]


def test_the_corpus_is_git_ignored() -> None:
    ignored = (ROOT / ".gitignore").read_text()
    assert "tests/corpus/files/" in ignored.splitlines()
