"""The history's own files, edited by people and their programs, and written by several runs.

runs.csv and the snapshots are meant to be opened in a spreadsheet, so they come back re-saved
(US or European dates, semicolons, Windows-1252, UTF-16), emptied or with a column gone. What
can be read is read; what cannot is set aside beside itself with a note, never deleted; the
history goes on. Names that a spreadsheet would run as formulas are written with an apostrophe
and read back as they were. Runs recording into one folder at once each keep their row.
"""

from __future__ import annotations

import csv
import datetime as dt
import multiprocessing
import sys
from pathlib import Path

import pandas as pd
import pytest
from filelock import FileLock

from netreport.analysis import history
from netreport.analysis.history import LOCK, RUNS, compare, load_runs, previous, record
from netreport.analysis.history_files import RUN_COLUMNS, SNAPSHOT_COLUMNS, read_runs
from netreport.analysis.result import RunSummary
from netreport.formulas import csv_safe, from_csv_safe, looks_like_formula
from netreport.schema import CATEGORIES

WEEK_1, WEEK_2, WEEK_3 = dt.date(2026, 11, 16), dt.date(2026, 11, 23), dt.date(2026, 11, 30)
HEADER = ",".join(RUN_COLUMNS)
# Two runs as netreport writes them: as_of, contacts, Warm..Cold, score, overdue, outreach,
# errors, warnings.
ROW_1 = (90, 20, 29, 16, 25, 93, 13, 26, 0, 16)
ROW_2 = (91, 21, 29, 16, 25, 94, 12, 28, 1, 0)


def summary(as_of: dt.date, figures: tuple[int, ...] = ROW_1) -> RunSummary:
    contacts, *by_category = figures[: 1 + len(CATEGORIES)]
    score, overdue, outreach, errors, warnings = figures[1 + len(CATEGORIES) :]
    by = dict(zip(CATEGORIES, by_category, strict=True))
    return RunSummary(as_of, contacts, by, score, overdue, outreach, errors, warnings)


def snapshot(names: list[str], listed: tuple[bool, ...] = ()) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "key": [f"name:{n.casefold()}|" for n in names],
            "name": names,
            "category": ["Warm"] * len(names),
            "effective_last": ["2026-11-01"] * len(names),
            "in_outreach": [*listed, *[False] * (len(names) - len(listed))],
        }
    )


def cells(path: Path) -> list[list[str]]:
    return list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))


def lines(*rows: str) -> str:
    return "\r\n".join(rows) + "\r\n"


def line(date: str, figures: tuple[int, ...], sep: str = ",") -> str:
    return sep.join([date, *map(str, figures)])


# --- the CSV-safe form of a text: the one rule in netreport/formulas.py ---


@pytest.mark.parametrize(
    "text",
    [
        '=HYPERLINK("http://x","y")',
        "+1 555 0100",
        "-dash",
        "@handle",
        "\tTabbed",
        "\rReturned",
        "'Tis Quote",
        "''",
        "'",
        "O'Neil",
        "Plain Name",
        "",
    ],
)
def test_the_csv_safe_form_is_never_a_formula_and_reads_back_as_it_was(text: str) -> None:
    safe = csv_safe(text)
    assert not looks_like_formula(safe)
    assert from_csv_safe(safe) == text
    assert safe == text or safe == "'" + text  # one apostrophe, only where needed


# --- runs.csv re-saved by a spreadsheet: read as it was meant ---

RESAVED = {
    "Excel, US dates, Windows-1252": lines(
        HEADER, line("11/16/2026", ROW_1), line("11/23/2026", ROW_2)
    ).encode("cp1252"),
    "Excel, European: semicolons, dd.mm.yyyy, decimal commas": lines(
        HEADER.replace(",", ";"),
        line("16.11.2026", ROW_1, ";").replace(";93;", ";93,0;"),
        line("23.11.2026", ROW_2, ";"),
    ).encode("cp1252"),
    "semicolons, dd/mm/yy, no day above 12 (the separator decides)": lines(
        HEADER.replace(",", ";"), line("01/11/26", ROW_1, ";"), line("08/11/26", ROW_2, ";")
    ).encode("cp1252"),
    "LibreOffice, UK dates, blank rows of separators, a byte-order mark": lines(
        HEADER, line("16/11/2026", ROW_1), ",,,,,,,,,,", line("23/11/2026", ROW_2), ""
    ).encode("utf-8-sig"),
    "Excel's Unicode text: UTF-16, tabs": lines(
        HEADER.replace(",", "\t"), line("2026-11-16", ROW_1, "\t"), line("2026-11-23", ROW_2, "\t")
    ).encode("utf-16"),
    "columns in another order, headers in capitals, floats": lines(
        ",".join(reversed([c.upper() for c in RUN_COLUMNS])),
        ",".join([*(f"{v}.0" for v in reversed(ROW_1)), "2026-11-16"]),
        ",".join([*(str(v) for v in reversed(ROW_2)), "2026-11-23 00:00:00"]),
    ).encode(),
}


@pytest.mark.parametrize("data", RESAVED.values(), ids=RESAVED.keys())
def test_a_runs_file_resaved_by_a_spreadsheet_is_read_and_rewritten_whole(
    data: bytes, tmp_path: Path
) -> None:
    (tmp_path / RUNS).write_bytes(data)
    resaved_days = (
        [dt.date(2026, 11, 1), dt.date(2026, 11, 8)] if b"/26;" in data else [WEEK_1, WEEK_2]
    )
    assert load_runs(tmp_path) == [summary(resaved_days[0]), summary(resaved_days[1], ROW_2)]

    notes = record(tmp_path, snapshot(["Ann Ames"]), summary(WEEK_3))
    assert notes == []
    assert not list(tmp_path.glob("*damaged*"))
    rows = cells(tmp_path / RUNS)
    assert rows[0] == RUN_COLUMNS
    assert [r[0] for r in rows[1:]] == [*(d.isoformat() for d in resaved_days), "2026-11-30"]
    assert rows[1][1:] == [str(v) for v in ROW_1]


# --- runs.csv that cannot be read whole: set aside, with a note; the rest goes on ---

WEEKS_1_2 = [line("2026-11-16", ROW_1), line("2026-11-23", ROW_2)]
DAMAGED = {
    "emptied by a sync tool": (b"", 0),
    "only blank lines": (b"\r\n\r\n,,,\r\n", 0),
    "not a CSV at all": (bytes(range(256)) * 4, 0),
    "its date column renamed": (lines(HEADER.replace("as_of", "Date"), *WEEKS_1_2).encode(), 0),
    "a column deleted": (
        lines(HEADER.replace(",score", ""), line("2026-11-16", ROW_1[:5] + ROW_1[6:])).encode(),
        0,
    ),
    "a row with a date typed as TBD": (
        lines(HEADER, WEEKS_1_2[0], line("TBD", ROW_2), WEEKS_1_2[1]).encode(),
        2,
    ),
    "a figure typed as text": (
        lines(HEADER, WEEKS_1_2[0], WEEKS_1_2[1].replace(",94,", ",n/a,")).encode(),
        1,
    ),
    "a column of the user's own": (
        lines(HEADER + ",My notes", WEEKS_1_2[0] + ",good week").encode(),
        1,
    ),
    "a report date twice": (
        lines(HEADER, WEEKS_1_2[0], line("16/11/2026", ROW_2)).encode(),
        1,
    ),
}


@pytest.mark.parametrize("data, kept", DAMAGED.values(), ids=DAMAGED.keys())
def test_a_runs_file_not_understood_is_set_aside_and_the_history_goes_on(
    data: bytes, kept: int, tmp_path: Path
) -> None:
    (tmp_path / RUNS).write_bytes(data)
    assert len(load_runs(tmp_path)) == kept  # the report's trend: what could be read

    notes = record(tmp_path, snapshot(["Ann Ames"]), summary(WEEK_3))

    (aside,) = tmp_path.glob("runs.damaged-*.csv")
    assert aside.read_bytes() == data  # the user's bytes, all of them
    (note,) = notes
    assert str(tmp_path / RUNS) in note and aside.name in note
    rows = cells(tmp_path / RUNS)
    assert rows[0] == RUN_COLUMNS
    assert len(rows) == 1 + kept + 1 and rows[-1][0] == "2026-11-30"
    assert read_runs(tmp_path / RUNS).problem is None


def test_a_second_damaged_file_in_the_same_second_gets_its_own_name(tmp_path: Path) -> None:
    for _ in range(2):
        (tmp_path / RUNS).write_bytes(b"")
        record(tmp_path, snapshot(["Ann Ames"]), summary(WEEK_3))
    assert len(list(tmp_path.glob("runs.damaged-*.csv"))) == 2


# --- snapshots ---


def test_a_damaged_snapshot_is_passed_over_then_set_aside(tmp_path: Path) -> None:
    record(tmp_path, snapshot(["Ann Ames", "Ben Bell"], (True,)), summary(WEEK_1))
    record(tmp_path, snapshot(["Ann Ames"]), summary(WEEK_2))
    damaged = tmp_path / f"contacts-{WEEK_2}.csv"
    damaged.write_bytes(b"Name;Company\r\nsomething else entirely\r\n")

    before = previous(tmp_path, WEEK_3)
    assert before is not None and before[0] == WEEK_1  # the newest one that can be read
    changes = compare(snapshot(["Ann Ames"]), summary(WEEK_3), tmp_path)
    assert changes is not None and changes.previous_as_of == WEEK_1
    assert changes.removed == ["Ben Bell"]

    (note,) = record(tmp_path, snapshot(["Ann Ames"]), summary(WEEK_3))
    (aside,) = tmp_path.glob(f"contacts-{WEEK_2}.damaged-*.csv")
    assert aside.read_bytes() == b"Name;Company\r\nsomething else entirely\r\n"
    assert aside.name in note and "key" in note
    assert sorted(p.name for p in tmp_path.glob("contacts-*-*-??.csv")) == [
        f"contacts-{WEEK_1}.csv",
        f"contacts-{WEEK_3}.csv",
    ]


def test_a_snapshot_resaved_by_a_spreadsheet_is_compared_as_before(tmp_path: Path) -> None:
    names = ["Ann Ames", "José Núñez", "Ben Bell"]
    listed = ["WAHR", "FALSCH", "FALSE"]  # a German Excel's TRUE is not a spelling we know
    rows = [
        f"name:{n.casefold()}|;{n};Warm;01.11.2026;{w}" for n, w in zip(names, listed, strict=True)
    ]
    text = lines(";".join(SNAPSHOT_COLUMNS), *rows)
    (tmp_path / f"contacts-{WEEK_1}.csv").write_bytes(text.encode("cp1252"))
    when, old = previous(tmp_path, WEEK_2) or (None, None)
    assert when == WEEK_1 and old is not None
    assert old["name"].tolist() == names
    assert old["in_outreach"].tolist() == [False, False, False]
    changes = compare(snapshot(names), summary(WEEK_2), tmp_path)
    assert changes is not None and (changes.new, changes.removed) == ([], [])


# --- names that are formulas ---

FORMULAS = ['=HYPERLINK("http://x","y")', "+1 555 0100", "-Dash", "@handle", "'Tis Quote", "O'Neil"]


def test_formula_like_names_are_written_safe_and_read_back_as_they_were(tmp_path: Path) -> None:
    names = [*FORMULAS, "Ann Ames"]
    record(tmp_path, snapshot(names, (True,)), summary(WEEK_1))
    written = cells(tmp_path / f"contacts-{WEEK_1}.csv")
    assert not [cell for row in written for cell in row if looks_like_formula(cell)]
    assert written[1][1] == "'" + FORMULAS[0]
    assert [row[1] for row in written[1:]] == [csv_safe(n) for n in names]

    when, old = previous(tmp_path, WEEK_2) or (None, None)
    assert when == WEEK_1 and old is not None
    assert old["name"].tolist() == names
    changes = compare(snapshot(names), summary(WEEK_2), tmp_path)
    assert changes is not None
    assert (changes.new, changes.removed, changes.moves) == ([], [], [])


# --- several runs into one folder at once ---


def _record_weeks(
    folder: str, weeks: list[int], start: multiprocessing.synchronize.Barrier
) -> None:
    start.wait()  # every process begins together
    for week in weeks:
        as_of = WEEK_1 + dt.timedelta(weeks=week)
        record(Path(folder), snapshot([f"Person {week}"]), summary(as_of))


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_runs_recording_into_one_folder_at_once_all_keep_their_row(tmp_path: Path) -> None:
    processes, each = 6, 4
    context = multiprocessing.get_context("fork")
    start = context.Barrier(processes)
    workers = [
        context.Process(
            target=_record_weeks,
            args=(str(tmp_path), list(range(p, processes * each, processes)), start),
        )
        for p in range(processes)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    runs = load_runs(tmp_path)
    assert [r.as_of for r in runs] == [
        WEEK_1 + dt.timedelta(weeks=w) for w in range(processes * each)
    ]
    assert read_runs(tmp_path / RUNS).problem is None
    assert len(list(tmp_path.glob("contacts-*.csv"))) == history.SNAPSHOTS_KEPT


def test_a_run_that_cannot_get_the_lock_in_time_says_so_and_records_nothing(
    tmp_path: Path,
) -> None:
    record(tmp_path, snapshot(["Ann Ames"]), summary(WEEK_1))
    before = (tmp_path / RUNS).read_bytes()
    with FileLock(tmp_path / LOCK):  # another run, still at work
        (note,) = record(tmp_path, snapshot(["Ann Ames"]), summary(WEEK_2), lock_timeout=0.2)
    assert "not recorded" in note and LOCK in note and str(tmp_path) in note
    assert (tmp_path / RUNS).read_bytes() == before
    assert not (tmp_path / f"contacts-{WEEK_2}.csv").exists()
