"""History folders as people leave them (issue 15): runs.csv re-saved by Excel with US dates
or by a European Excel with semicolons, dd.mm.yyyy and Windows-1252, emptied by a sync tool,
with a column deleted; a snapshot overwritten with something else; and names that a
spreadsheet would run as formulas. Every report still exits 0; what can be read is kept, what
cannot is set aside beside itself with its bytes and a warning, and the files written are well
formed, with no cell that starts a formula."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
from support.paths import SAMPLE

from corpus import Check, case
from netreport.analysis.history_files import RUN_COLUMNS, SNAPSHOT_COLUMNS
from netreport.formulas import looks_like_formula

ARGS = ["report", "network.xlsx", "-o", "out", "--as-of", "2026-11-30"]
HISTORY = Path("out") / "network-history"
# Two earlier runs: as_of, contacts, Warm, Luke-warm, Cool, Cold, score, overdue, outreach,
# errors, warnings.
EARLIER = {
    "2026-11-16": [90, 20, 29, 16, 25, 93, 13, 26, 0, 16],
    "2026-11-23": [90, 20, 29, 16, 25, 94, 12, 28, 0, 0],
}
FORMULA_NAMES = ('=HYPERLINK("http://x","y")', "+1 Caller", "-Dash Person", "@handle")


def _history(folder: Path, files: dict[str, bytes]) -> list[str]:
    """The sample workbook beside a history folder holding `files`; the report's arguments."""
    shutil.copyfile(SAMPLE, folder / "network.xlsx")
    history = folder / HISTORY
    history.mkdir(parents=True)
    for name, data in files.items():
        (history / name).write_bytes(data)
    return list(ARGS)


def _runs(sep: str, date: str) -> str:
    """runs.csv as a spreadsheet saves it: `sep` between values, dates in the form `date`
    (a strftime pattern), CRLF line ends."""
    lines = [sep.join(RUN_COLUMNS)]
    for day, figures in EARLIER.items():
        lines.append(sep.join([dt.date.fromisoformat(day).strftime(date), *map(str, figures)]))
    return "\r\n".join(lines) + "\r\n"


def _table(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


def _runs_written(folder: Path) -> list[str]:
    """The report dates of the runs.csv the run wrote, checked well formed on the way."""
    rows = _table(folder / HISTORY / "runs.csv")
    assert rows[0] == RUN_COLUMNS, rows[0]
    assert all(len(row) == len(RUN_COLUMNS) for row in rows), rows
    assert all(cell.isdigit() for row in rows[1:] for cell in row[1:]), rows
    return [row[0] for row in rows[1:]]


def _kept_whole(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    assert _runs_written(folder) == [*EARLIER, "2026-11-30"]
    assert not list((folder / HISTORY).glob("*damaged*"))
    assert "could not be read" not in done.stdout + done.stderr
    assert "since 2026-11-23" in done.stdout  # the score change: the old runs were read


def _set_aside(name: str, data: bytes, runs: list[str]) -> Check:
    """A check: `name` set aside beside itself, holding `data`, named in a warning; runs.csv
    well formed with the report dates `runs`."""
    stem, suffix = name.rsplit(".", 1)

    def check(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
        (aside,) = (folder / HISTORY).glob(f"{stem}.damaged-*.{suffix}")
        assert aside.read_bytes() == data
        assert aside.name in done.stderr + done.stdout, done.stderr
        assert "could not be read" in done.stderr + done.stdout
        assert _runs_written(folder) == runs

    return check


@case("history-runs-resaved-by-excel-us", check=_kept_whole)
def resaved_us(folder: Path) -> list[str]:
    """Excel in the US: 11/23/2026, commas, Windows-1252, no byte-order mark; TRUE/FALSE."""
    snapshot = "\r\n".join(
        [
            ",".join(SNAPSHOT_COLUMNS),
            "beatriz.kaur@example.com,Beatriz Kaur,Warm,11/16/2026,FALSE",
            "soren.moreau@example.net,Søren Moreau,Warm,11/15/2026,TRUE",
        ]
    )
    return _history(
        folder,
        {
            "runs.csv": _runs(",", "%m/%d/%Y").encode("cp1252"),
            "contacts-2026-11-23.csv": snapshot.encode("cp1252"),
        },
    )


@case("history-runs-resaved-by-excel-europe", check=_kept_whole)
def resaved_europe(folder: Path) -> list[str]:
    """Excel where the decimal mark is a comma: semicolons, 23.11.2026, Windows-1252; and a
    snapshot saved the same way, with accents."""
    snapshot = "\r\n".join(
        [
            ";".join(SNAPSHOT_COLUMNS),
            "beatriz.kaur@example.com;Beatriz Kaur;Warm;16.11.2026;FALSCH",
            "name:josé núñez|;José Núñez;Cold;;WAHR",
        ]
    )
    return _history(
        folder,
        {
            "runs.csv": _runs(";", "%d.%m.%Y").encode("cp1252"),
            "contacts-2026-11-23.csv": snapshot.encode("cp1252"),
        },
    )


EMPTIED = b""


@case(
    "history-runs-emptied-by-a-sync-tool",
    check=_set_aside("runs.csv", EMPTIED, ["2026-11-30"]),
)
def emptied(folder: Path) -> list[str]:
    return _history(folder, {"runs.csv": EMPTIED})


NO_SCORE = _runs(",", "%Y-%m-%d").replace(",score", "").replace(",93,", ",").encode()


@case(
    "history-runs-column-deleted",
    check=_set_aside("runs.csv", NO_SCORE, ["2026-11-30"]),
)
def column_deleted(folder: Path) -> list[str]:
    """The score column deleted by hand: no row can be read whole."""
    return _history(folder, {"runs.csv": NO_SCORE})


GARBAGE = bytes(range(256)) * 8


@case(
    "history-snapshot-overwritten",
    check=_set_aside("contacts-2026-11-23.csv", GARBAGE, [*EARLIER, "2026-11-30"]),
)
def snapshot_overwritten(folder: Path) -> list[str]:
    """The newest snapshot overwritten with bytes that are no table; runs.csv is fine."""
    return _history(
        folder,
        {"runs.csv": _runs(",", "%Y-%m-%d").encode(), "contacts-2026-11-23.csv": GARBAGE},
    )


def _no_formulas(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    for path in (folder / HISTORY).glob("*.csv"):
        rows = _table(path)
        assert not [c for row in rows for c in row if looks_like_formula(c)], path.name
    names = [row[1] for row in _table(folder / HISTORY / "contacts-2026-11-30.csv")]
    assert {"'" + name for name in FORMULA_NAMES} <= set(names), names


@case("history-formula-names", check=_no_formulas)
def formula_names(folder: Path) -> list[str]:
    """Contacts named like formulas; the workbook stores them as text."""
    args = _history(folder, {})
    book = openpyxl.load_workbook(folder / "network.xlsx")
    sheet = book["Contacts"]
    for row, name in enumerate(FORMULA_NAMES, start=2):
        cell = sheet.cell(row=row, column=1)
        cell.value = name
        cell.data_type = "s"  # text, as typed with Excel's quote prefix
    book.save(folder / "network.xlsx")
    return args
