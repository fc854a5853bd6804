"""Crash safety: `report --write-back` killed (SIGKILL) at any moment loses nothing.

Each trial copies the sample network into a folder of its own, starts
`python -m netreport report WORKBOOK --write-back --ics --redact -o DIR` and kills it after a
delay. The delays are real timing, spread over the phases of a run measured on this machine
just before (reading, rendering the reports, write-back: backup, merge and check, then the
replace and the history), and trials go on until every phase has been hit. After each kill:

- the workbook is byte-identical to before, or a complete new version: it opens, every one of
  the user's sheets reads back cell for cell as before, and the report sheets are in it;
- whenever it changed, the backup exists and is byte-identical to the original;
- every backup there is, is byte-identical to the original;
- every file in the report folder that does not start with "." is complete (the workbooks
  open, the pages end, the calendar and the history parse); files starting with "." are
  temporary files named `.<name>-tmp-XXXXXXXX.<ext>`, and nothing else is left anywhere.
A later run removes such temporary files once they are ten minutes old.
"""

from __future__ import annotations

import csv
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from python_calamine import CalamineWorkbook
from support.paths import ROOT

from netreport.analysis.history import LOCK as HISTORY_LOCK
from netreport.atomic import TEMP_MARK, remove_stale_temp_files
from netreport.limits import STALE_TEMP_SECONDS

SAMPLE = ROOT / "sample_workbooks" / "network.xlsx"
AS_OF = "2026-11-23"
REPORT_SHEETS = ["Summary", "Contacts", "Outreach", "Drafts", "Issues", "History"]
PHASES = ("read", "render", "write-back", "replaced")
MIN_TRIALS, MAX_TRIALS, HITS_PER_PHASE = 16, 40, 2
TEMP_NAME = re.compile(r"\..+" + TEMP_MARK + r"[a-z0-9_]{8}\.[a-z]+")


def command(workbook: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "netreport",
        "report",
        str(workbook),
        "--write-back",
        "--ics",
        "--redact",
        "-o",
        str(out),
        "--as-of",
        AS_OF,
    ]


def start(workbook: Path, out: Path, errors: int = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        command(workbook, out), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def grids(path: Path) -> dict[str, list[list[Any]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


def user_grids(path: Path) -> dict[str, list[list[Any]]]:
    return {k: v for k, v in grids(path).items() if not k.startswith("NR ")}


@dataclass
class Trial:
    folder: Path
    workbook: Path
    out: Path

    @classmethod
    def make(cls, base: Path, number: int) -> Trial:
        folder = base / f"trial-{number:02d}"
        folder.mkdir()
        workbook = Path(shutil.copy(SAMPLE, folder / SAMPLE.name))
        return cls(folder, workbook, folder / "out")

    def reports(self) -> list[Path]:
        if not self.out.exists():
            return []
        return [p for p in self.out.iterdir() if p.is_file() and not p.name.startswith(".")]

    def backups(self) -> list[Path]:
        folder = self.workbook.parent / "backups" / self.workbook.stem
        # A backup is written atomically too: a kill can leave only a dot-named temporary.
        found = folder.iterdir() if folder.exists() else iter(())
        return sorted(p for p in found if not p.name.startswith("."))


# ---- timing the phases ---------------------------------------------------------------------


@dataclass
class Timing:
    """Seconds from the start of the process to the first sight of each step, first measured
    on a whole run and then corrected by every trial: a run's speed varies (a cold first run,
    a busy machine, the other test worker), so a window measured once drifts."""

    reports: float  # the first report file (reading and checking are done)
    backup: float  # the backup copy (rendering is done)
    replaced: float  # the workbook replaced
    end: float

    def edges(self) -> list[float]:
        return [0.05, self.reports, self.backup, self.replaced, self.end]

    def window(self, phase: str) -> tuple[float, float]:
        edges = self.edges()
        index = PHASES.index(phase)
        low, high = edges[index], edges[index + 1]
        margin = (high - low) * 0.15
        return low + margin, high - margin

    def learn(self, delay: float, landed: str) -> None:
        """A signal `delay` seconds in landed in phase `landed` ("finished": after the end):
        that phase began before it and ends after it, so move the edges to agree."""
        edges = self.edges()
        index = len(PHASES) if landed == "finished" else PHASES.index(landed)
        for k in range(1, index + 1):  # the edges before the phase it landed in
            edges[k] = min(edges[k], delay)
        for k in range(index + 1, len(edges)):  # the edges after it
            edges[k] = max(edges[k], delay + 0.01)
        self.reports, self.backup, self.replaced, self.end = edges[1:]


def measure(trial: Trial) -> Timing:
    """Run once to the end, watching the folders every couple of milliseconds."""
    inode = trial.workbook.stat().st_ino
    started = time.perf_counter()
    process = start(trial.workbook, trial.out, subprocess.PIPE)
    seen: dict[str, float] = {}
    while process.poll() is None:
        now = time.perf_counter() - started
        if trial.reports():
            seen.setdefault("reports", now)
        if trial.backups():
            seen.setdefault("backup", now)
        if trial.workbook.exists() and trial.workbook.stat().st_ino != inode:
            seen.setdefault("replaced", now)
        time.sleep(0.002)
    end = time.perf_counter() - started
    assert process.stderr is not None
    with process.stderr:
        assert process.returncode == 0, process.stderr.read()
    assert set(seen) == {"reports", "backup", "replaced"}, seen
    return Timing(seen["reports"], seen["backup"], seen["replaced"], end)


def kill_when_replaced(process: subprocess.Popen[bytes], workbook: Path) -> None:
    """Return as soon as the workbook is a new file, or the process has ended."""
    inode = workbook.stat().st_ino
    while process.poll() is None:
        try:
            if workbook.stat().st_ino != inode:
                return
        except FileNotFoundError:  # between an unlink and a rename on some systems
            pass
        time.sleep(0.0002)


# ---- what must hold after a kill -------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.closed_html = False

    def handle_endtag(self, tag: str) -> None:
        self.closed_html |= tag == "html"


def check_complete(path: Path) -> None:
    """A report folder's file is whole: it opens as what its name says."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        names = CalamineWorkbook.from_path(str(path)).sheet_names
        if "backup" not in path.name:
            assert names == REPORT_SHEETS, (path.name, names)
        for name in names:
            CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()
    elif suffix == ".html":
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        assert page.closed_html, f"{path.name} is cut short"
    elif suffix == ".ics":
        from icalendar import Calendar

        data = path.read_bytes()
        assert data.endswith(b"END:VCALENDAR\r\n"), f"{path.name} is cut short"
        Calendar.from_ical(data)
    elif suffix == ".csv":
        text = path.read_text(encoding="utf-8-sig")
        assert text.endswith("\n"), f"{path.name} is cut short"
        rows = list(csv.reader(text.splitlines()))
        assert rows and len({len(r) for r in rows}) == 1, f"{path.name} is ragged"
    else:
        raise AssertionError(f"unexpected file {path}")


def check_after_kill(trial: Trial, original: bytes, before: dict[str, list[list[Any]]]) -> str:
    """Assert every promise; return the phase the kill landed in, judged by what is on disk."""
    data = trial.workbook.read_bytes()
    changed = data != original
    if changed:
        after = grids(trial.workbook)
        assert {k: v for k, v in after.items() if not k.startswith("NR ")} == before
        assert {f"NR {s}" for s in REPORT_SHEETS} <= set(after)
    backups = trial.backups()
    if changed:
        assert backups, "the workbook changed without a backup"
    for backup in backups:
        assert backup.read_bytes() == original, f"{backup.name} differs from the original"
    # Beside the workbook: the workbook, its backups folder, and at most a temporary file of
    # write-back (in either).
    backups_folder = trial.folder / "backups"
    for entry in trial.folder.iterdir():
        if entry not in (trial.workbook, trial.out, backups_folder):
            assert TEMP_NAME.fullmatch(entry.name), entry.name
    for entry in backups_folder.rglob("*") if backups_folder.exists() else ():
        if entry.is_file() and entry.name.startswith("."):
            assert TEMP_NAME.fullmatch(entry.name), entry.name
    if trial.out.exists():
        for entry in trial.out.rglob("*"):
            if entry.is_dir() or entry.name == HISTORY_LOCK:  # the history's lock stays
                continue
            if entry.name.startswith("."):
                assert TEMP_NAME.fullmatch(entry.name), entry.name
            else:
                check_complete(entry)
    if changed:
        return "replaced"
    if backups:
        return "write-back"
    return "render" if trial.reports() else "read"


# ---- the tests -----------------------------------------------------------------------------


def test_killed_at_any_moment_nothing_is_lost(tmp_path: Path) -> None:
    original = SAMPLE.read_bytes()
    before = user_grids(SAMPLE)
    measure(Trial.make(tmp_path, 0))  # a cold first run: slower than the trials
    timing = measure(Trial.make(tmp_path, -1))
    seed = random.randrange(1 << 30)
    chance = random.Random(seed)
    hits: Counter[str] = Counter()
    log: list[str] = []
    number = 0
    while number < MIN_TRIALS or min(hits[p] for p in PHASES) < HITS_PER_PHASE:
        assert number < MAX_TRIALS, f"phases not reached after {number} trials: {hits}, {log}"
        number += 1
        missing = [p for p in PHASES if hits[p] < HITS_PER_PHASE]
        target = missing[number % len(missing)] if missing else PHASES[number % len(PHASES)]
        trial = Trial.make(tmp_path, number)
        started = time.perf_counter()
        process = start(trial.workbook, trial.out)
        if target == "replaced":
            # The last phase lasts milliseconds on a fast machine, too short to aim at by
            # the clock: watch for the replace and kill at once.
            kill_when_replaced(process, trial.workbook)
        else:
            time.sleep(chance.uniform(*timing.window(target)))
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        delay = time.perf_counter() - started
        phase = check_after_kill(trial, original, before)
        finished = process.returncode == 0
        hits[phase] += not finished
        timing.learn(delay, "finished" if finished else phase)
        log.append(f"{delay:.3f}s->{'finished' if finished else phase}")
    # A later run over what a kill left behind completes, and clears old temporary files.
    leftovers = [p for p in tmp_path.rglob(".*") if TEMP_NAME.fullmatch(p.name)]
    print(
        f"\ncrash trials (seed {seed}, {timing}): {dict(hits)}, {len(leftovers)} temporary "
        "files left\n" + ", ".join(log)
    )
    trials = {next(a for a in p.parents if a.name.startswith("trial-")) for p in leftovers}
    for folder in sorted(trials)[:3]:
        workbook = folder / SAMPLE.name
        old = time.time() - STALE_TEMP_SECONDS - 60
        for path in [*folder.glob(".*"), *(folder / "out").rglob(".*")]:
            os.utime(path, (old, old))
        done = subprocess.run(command(workbook, folder / "out"), cwd=ROOT, capture_output=True)
        assert done.returncode == 0, done.stderr
        trial = Trial(folder, workbook, folder / "out")
        check_after_kill(trial, original, before)
        assert not [p for p in folder.rglob(".*") if TEMP_NAME.fullmatch(p.name)]


def fake_temp(folder: Path, stem: str, suffix: str, age: float) -> Path:
    """A file named as write_atomically names its temporary files, `age` seconds old."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{stem}{TEMP_MARK}", suffix=suffix, dir=folder)
    os.close(handle)
    moment = time.time() - age
    os.utime(name, (moment, moment))
    return Path(name)


def test_a_later_run_removes_stale_temporary_files_only(tmp_path: Path) -> None:
    workbook = Path(shutil.copy(SAMPLE, tmp_path / SAMPLE.name))
    out = tmp_path / "out"
    stale = STALE_TEMP_SECONDS + 60
    old = [
        fake_temp(out, f"network-report-{AS_OF}", ".xlsx", stale),
        fake_temp(out, f"network-summary-{AS_OF}-redacted", ".html", stale),
        fake_temp(out / "network-history", "runs", ".csv", stale),
        fake_temp(tmp_path, "network", ".xlsx", stale),  # write-back's, beside the workbook
    ]
    young = fake_temp(out, f"network-report-{AS_OF}", ".xlsx", 5)  # another run's, in the making
    other = fake_temp(out, "budget", ".xlsx", stale)  # another workbook's
    mine = [tmp_path / ".network-notes.xlsx", out / "network-tmp-notes.xlsx"]
    for path in mine:
        path.write_text("the user's own")
        os.utime(path, (time.time() - stale, time.time() - stale))

    read_only = [c for c in command(workbook, out) if c != "--write-back"]
    done = subprocess.run(read_only, cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert [p.exists() for p in old] == [False, False, False, True]  # read-only mode
    assert young.exists() and other.exists() and all(p.exists() for p in mine)

    done = subprocess.run(command(workbook, out), cwd=ROOT, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert not old[3].exists()
    assert young.exists() and other.exists() and all(p.exists() for p in mine)


def test_remove_stale_temp_files_matches_its_own_names_only(tmp_path: Path) -> None:
    stale = STALE_TEMP_SECONDS + 1
    ours = fake_temp(tmp_path, "network-report-2026-11-23", ".xlsx", stale)
    theirs = tmp_path / ".network-report-2026-11-23-abcdefgh.xlsx"  # no -tmp- mark
    theirs.write_text("x")
    os.utime(theirs, (time.time() - stale, time.time() - stale))
    folder = tmp_path / ".network-tmp-abcdefgh.xlsx"  # a folder of that name is left alone
    folder.mkdir()
    os.utime(folder, (time.time() - stale, time.time() - stale))
    assert remove_stale_temp_files(tmp_path, "network") == [ours]
    assert theirs.exists() and folder.exists()
    assert remove_stale_temp_files(tmp_path / "missing", "network") == []


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGTERM"])
def test_killed_while_reading_leaves_no_trace(tmp_path: Path, signal_name: str) -> None:
    """Killed before it has written anything: the workbook is untouched, nothing else exists."""
    trial = Trial.make(tmp_path, 1)
    stamp = trial.workbook.stat().st_mtime_ns
    process = start(trial.workbook, trial.out)
    time.sleep(0.1)
    if process.poll() is None:
        os.kill(process.pid, getattr(signal, signal_name))
    process.wait()
    assert digest(trial.workbook) == digest(SAMPLE)
    assert trial.workbook.stat().st_mtime_ns == stamp
    assert sorted(p.name for p in trial.folder.iterdir()) in ([SAMPLE.name], [SAMPLE.name, "out"])


def test_ctrl_c_at_any_moment_exits_130_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGINT, as Ctrl-C sends, in each phase: one line and exit 130, no traceback; everything
    that holds after a kill holds, and, unlike a kill, no temporary file is left behind."""
    original = SAMPLE.read_bytes()
    before = user_grids(SAMPLE)
    measure(Trial.make(tmp_path, 0))  # a cold first run: slower than the trials
    timing = measure(Trial.make(tmp_path, -1))
    chance = random.Random(130)
    # After the replace, only the history and the interpreter's own shutdown remain: a signal
    # then ends a finished run (exit 0, or -SIGINT once Python has restored default handlers).
    phases = PHASES[:-1]
    interrupted: Counter[str] = Counter()
    log: list[str] = []
    for number in range(1, MAX_TRIALS + 1):
        missing = [p for p in phases if not interrupted[p]]
        if not missing:
            break
        delay = chance.uniform(*timing.window(missing[number % len(missing)]))
        trial = Trial.make(tmp_path, number)
        process = start(trial.workbook, trial.out, subprocess.PIPE)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
        _, errors = process.communicate()
        landed = check_after_kill(trial, original, before)
        assert not [p.name for p in trial.folder.rglob(".*") if TEMP_NAME.fullmatch(p.name)]
        log.append(f"{delay:.3f}s->{process.returncode} {landed}")
        if process.returncode == 130:
            assert errors.decode().strip() == (
                "Interrupted. Files already finished are kept; none is left half-written."
            )
            interrupted[landed] += 1
            timing.learn(delay, landed)
        else:
            # 0: the signal came as the run ended. -SIGINT: it came while the interpreter was
            # starting or shutting down, outside netreport's code; what is on disk says where.
            assert process.returncode in (0, -signal.SIGINT), errors.decode()
            timing.learn(delay, "finished" if process.returncode == 0 else landed)
    assert set(interrupted) >= set(phases), (interrupted, timing, log)
