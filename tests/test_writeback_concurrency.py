"""Another program saves the workbook while `report --write-back` or `import` runs: its save
is never lost. The other program is a real process (openpyxl adds a contact and saves, either
as Excel and LibreOffice do, a new file renamed over the old, or by rewriting the file in
place), started at each phase of the write-back: after the read, while the report sheets are
rendered, while the backup is taken, and in the last check before the replace. Every time
netreport must refuse (exit 2, one line), and the workbook must be exactly what the other
program saved."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from support.paths import ROOT

from netreport.cli import cli

SAMPLE = ROOT / "sample_workbooks" / "network.xlsx"
AS_OF = "2026-11-23"
MARK = "Saved By Another Program"

# The other program: add a contact, then save as Excel does (temporary file, rename) or by
# writing the file's bytes in place.
OTHER_PROGRAM = f"""
import os, sys, openpyxl
path, how = sys.argv[1], sys.argv[2]
book = openpyxl.load_workbook(path)
book["Contacts"].append([{MARK!r}])
if how == "rename":
    temp = os.path.join(os.path.dirname(path), "~other-save.tmp")
    book.save(temp)
    os.replace(temp, path)
else:
    book.save(path)
"""


def other_program_saves(path: Path, how: str) -> bytes:
    subprocess.run([sys.executable, "-c", OTHER_PROGRAM, str(path), how], check=True)
    return path.read_bytes()


def write_back(workbook: Path) -> Any:
    out = workbook.parent / "out"
    args = ["report", str(workbook), "--write-back", "-o", str(out), "--as-of", AS_OF]
    return CliRunner().invoke(cli, args)


def once(original: Callable[..., Any], action: Callable[[], None], call: int = 1) -> Any:
    """`original`, wrapped to run `action` first on its `call`-th call."""
    calls = 0

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == call:
            action()
        return original(*args, **kwargs)

    return wrapped


# Where the other program's save lands: (module, function, on which call).
PHASES = {
    "after the read": ("netreport.run", "analyze", 1),
    "while rendering the sheets": ("netreport.writeback", "write_report", 1),
    "while taking the backup": ("shutil", "copyfile", 1),  # as netreport.inplace calls it
    "just before the replace": ("netreport.writeback", "read_grids", 2),
}


@pytest.mark.parametrize("how", ["rename", "in place"])
@pytest.mark.parametrize("phase", list(PHASES))
def test_another_programs_save_during_write_back_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, phase: str, how: str
) -> None:
    workbook = Path(shutil.copyfile(SAMPLE, tmp_path / "network.xlsx"))
    saved: list[bytes] = []
    module, name, call = PHASES[phase]
    target = importlib.import_module(module)
    monkeypatch.setattr(
        target,
        name,
        once(getattr(target, name), lambda: saved.append(other_program_saves(workbook, how)), call),
    )
    result = write_back(workbook)

    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines == [
        "Error: network.xlsx was saved by another program after netreport read it; nothing was "
        "changed, so that save is kept. Run again to include it."
    ]
    assert saved and workbook.read_bytes() == saved[0]
    book = openpyxl.load_workbook(workbook)
    assert not [s for s in book.sheetnames if s.startswith("NR ")]
    assert book["Contacts"].cell(book["Contacts"].max_row, 1).value == MARK
    for backup in (tmp_path / "backups" / "network").glob("*.xlsx"):
        assert backup.read_bytes() == SAMPLE.read_bytes()


def test_another_programs_save_during_an_import_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import netreport.importers.apply

    workbook = Path(shutil.copyfile(SAMPLE, tmp_path / "network.xlsx"))
    export = tmp_path / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Imani,Okafor,https://www.linkedin.com/in/imani-okafor,,Acme,Engineer,01 Nov 2026\n",
        encoding="utf-8",
    )
    saved: list[bytes] = []
    monkeypatch.setattr(
        netreport.importers.apply,
        "read_grids",
        once(
            netreport.importers.apply.read_grids,
            lambda: saved.append(other_program_saves(workbook, "rename")),
            2,
        ),
    )
    result = CliRunner().invoke(cli, ["import", "linkedin", str(export), "--into", str(workbook)])
    assert result.exit_code == 2, result.output
    assert "saved by another program after netreport read it" in result.stderr
    assert saved and workbook.read_bytes() == saved[0]


def test_a_write_back_with_no_other_program_still_works(tmp_path: Path) -> None:
    """The check does not refuse a workbook nobody touched (the control for the tests above)."""
    workbook = Path(shutil.copyfile(SAMPLE, tmp_path / "network.xlsx"))
    result = write_back(workbook)
    assert result.exit_code == 0, result.output
    assert "NR Summary" in openpyxl.load_workbook(workbook, read_only=True).sheetnames


SYNC_TOOL = """
import sys
path = sys.argv[1]
data = open(path, "rb").read()
with open(path, "r+b") as handle:  # a download in progress: the file cut short in place
    handle.truncate(len(data) // 3)
"""


@pytest.mark.parametrize("phase", list(PHASES))
def test_a_workbook_cut_short_by_a_sync_tool_is_refused_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, phase: str
) -> None:
    """A sync client rewriting the workbook mid-run leaves it cut short: netreport says so in
    one line (exit 2) and leaves the file to the sync tool, never a traceback (was exit 3)."""
    workbook = Path(shutil.copyfile(SAMPLE, tmp_path / "network.xlsx"))
    left: list[bytes] = []

    def cut() -> None:
        subprocess.run([sys.executable, "-c", SYNC_TOOL, str(workbook)], check=True)
        left.append(workbook.read_bytes())

    module, name, call = PHASES[phase]
    target = importlib.import_module(module)
    monkeypatch.setattr(target, name, once(getattr(target, name), cut, call))
    result = write_back(workbook)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: network.xlsx "), lines
    assert "another program" in lines[0]
    assert left and workbook.read_bytes() == left[0]
