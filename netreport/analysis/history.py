"""History: a snapshot per report date, so the next run can say what changed.

It lives beside the reports, never inside the user's workbook, in a folder a person can open
in Excel: `<reports>/<stem>-history/runs.csv` (one row per report date, every run kept) and
`contacts-YYYY-MM-DD.csv` (one row per contact for that date; the newest twelve are kept).
CSV files are UTF-8 with a byte-order mark so that Excel shows accents correctly, and text
that a spreadsheet would run as a formula is written with an apostrophe before it. A second
run for the same report date replaces that date's row and snapshot instead of adding another.

The files survive being opened and saved again by a spreadsheet (history_files.py reads them
leniently); one that cannot be understood is set aside beside itself, never deleted, with a
note, and the history goes on from what is left. `record` reads and writes the folder under a
lock file in it (`.history.lock`), so that two reports into one folder at once both keep
their run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
from filelock import FileLock, Timeout

from netreport.analysis.history_files import (
    RUN_COLUMNS,
    SNAPSHOT_COLUMNS,
    Damaged,
    read_runs,
    read_snapshot,
    set_aside,
    snapshot_problem,
    write_table,
)
from netreport.analysis.result import Changes, OutreachItem, RunSummary
from netreport.identity import person_keys
from netreport.issues import plural

RUNS = "runs.csv"
SNAPSHOTS_KEPT = 12
LOCK = ".history.lock"
LOCK_SECONDS = 60.0  # how long `record` waits for another run's hold on the folder


def history_folder(reports_dir: Path, stem: str) -> Path:
    return Path(reports_dir) / f"{stem}-history"


def contact_keys(contacts: pd.DataFrame) -> pd.Series:
    """A key that follows a person across runs (identity's person key; '' for no name)."""
    keys = person_keys(contacts["name_key"], contacts["company"], contacts["email_key"])
    return keys.fillna("name:|")


def snapshot(contacts: pd.DataFrame, outreach: list[OutreachItem]) -> pd.DataFrame:
    listed = {item.row for item in outreach}
    return pd.DataFrame(
        {
            "key": contact_keys(contacts),
            "name": contacts["name"],
            "category": contacts["category"],
            "effective_last": contacts["effective_last"].dt.strftime("%Y-%m-%d"),
            "in_outreach": contacts.index.isin(list(listed)),
        }
    )


def load_runs(folder: Path) -> list[RunSummary]:
    """Every run `runs.csv` holds that can be read, oldest first (none when it cannot be)."""
    try:
        return read_runs(Path(folder) / RUNS).runs
    except OSError:  # another run is setting it aside or replacing it: no trend this time
        return []


def previous(folder: Path, as_of: dt.date) -> tuple[dt.date, pd.DataFrame] | None:
    """The newest snapshot strictly before `as_of` that can be read (see `read_snapshot`)."""
    for when in sorted((d for d in _snapshot_dates(folder) if d < as_of), reverse=True):
        try:
            return when, read_snapshot(_snapshot_path(folder, when))
        except (Damaged, OSError):
            continue  # `record` sets it aside, with a note
    return None


def _snapshot_path(folder: Path, when: dt.date) -> Path:
    return Path(folder) / f"contacts-{when.isoformat()}.csv"


def _snapshot_dates(folder: Path) -> list[dt.date]:
    dates = []
    for path in Path(folder).glob("contacts-*.csv"):
        try:
            dates.append(dt.date.fromisoformat(path.stem.removeprefix("contacts-")))
        except ValueError:
            continue  # a file the user put there, or one set aside; not ours
    return dates


def compare(current: pd.DataFrame, summary: RunSummary, folder: Path | None) -> Changes | None:
    """What changed since the newest earlier run; `current` is this run's snapshot."""
    runs = [r for r in (load_runs(folder) if folder else []) if r.as_of != summary.as_of]
    trend = sorted([*runs, summary], key=lambda r: r.as_of)
    before = previous(folder, summary.as_of) if folder else None
    if before is None:
        return Changes(None, [], [], [], [], None, trend)
    when, old = before
    old = old.drop_duplicates("key").set_index("key")
    now = current.drop_duplicates("key").set_index("key")
    new = now.index.difference(old.index)
    gone = old.index.difference(now.index)
    both = now.index.intersection(old.index)
    moved = both[(now.loc[both, "category"] != old.loc[both, "category"]).to_numpy()]
    was_listed = old.loc[both, "in_outreach"].astype(bool)
    contacted = now.loc[both, "effective_last"].fillna("") > when.isoformat()
    done = both[(was_listed & contacted).to_numpy()]
    old_score = next((r.score for r in reversed(runs) if r.as_of == when), None)
    return Changes(
        previous_as_of=when,
        new=sorted(str(n) for n in now.loc[new, "name"].dropna()),
        removed=sorted(str(n) for n in old.loc[gone, "name"]),
        moves=[
            (str(now.at[k, "name"]), str(old.at[k, "category"]), str(now.at[k, "category"]))
            for k in moved
        ],
        completed=sorted(str(now.at[k, "name"]) for k in done),
        score_change=None if old_score is None else summary.score - old_score,
        trend=trend,
    )


def record(
    folder: Path, current: pd.DataFrame, summary: RunSummary, *, lock_timeout: float = LOCK_SECONDS
) -> list[str]:
    """Save this run: replace any row and snapshot for the same report date; prune old ones.

    Holds the folder's lock while it reads and writes. Returns notes for the person running
    the report: a file set aside, or this run left out because another run held
    the lock for `lock_timeout` seconds. Neither stops the report."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with FileLock(folder / LOCK, timeout=lock_timeout):
            notes = _record(folder, current, summary)
    except Timeout:
        notes = [
            f"This run was not recorded in the history {folder}: another netreport run kept "
            f"it locked ({LOCK}) for {lock_timeout:g} seconds. Run the report again once the "
            "other run has finished to record this one."
        ]
    return notes


def _record(folder: Path, current: pd.DataFrame, summary: RunSummary) -> list[str]:
    now = dt.datetime.now()
    notes = _set_aside_damaged_snapshots(folder, summary.as_of, now)
    found = read_runs(folder / RUNS)
    runs = [r for r in found.runs if r.as_of != summary.as_of]
    if found.problem is not None:
        kept = set_aside(folder / RUNS, now)
        notes.append(
            f"The history file {folder / RUNS} could not be read as it is ({found.problem}). "
            f"It is kept as {kept.name}, and {RUNS} was written anew from "
            f"{plural(len(runs), 'earlier run')} read from it and this one."
        )
    rows = [_run_row(r) for r in sorted([*runs, summary], key=lambda r: r.as_of)]
    write_table(folder / RUNS, pd.DataFrame(rows, columns=RUN_COLUMNS))
    write_table(_snapshot_path(folder, summary.as_of), current[SNAPSHOT_COLUMNS])
    for old in sorted(_snapshot_dates(folder))[:-SNAPSHOTS_KEPT]:
        _snapshot_path(folder, old).unlink(missing_ok=True)
    return notes


def _set_aside_damaged_snapshots(folder: Path, as_of: dt.date, now: dt.datetime) -> list[str]:
    """Set aside the snapshots that cannot be read among those this run would replace or
    compare with: the one for `as_of`, and the newest before it back to one that can be read."""
    notes = []
    dates = sorted((d for d in _snapshot_dates(folder) if d <= as_of), reverse=True)
    for when in dates:
        path = _snapshot_path(folder, when)
        problem = snapshot_problem(path)
        if problem is not None:
            kept = set_aside(path, now)
            notes.append(
                f"The history snapshot {path} could not be read ({problem}). It is kept as "
                f"{kept.name} and left out when runs are compared."
            )
            continue
        if when < as_of:
            break
    return notes


def _run_row(run: RunSummary) -> dict[str, object]:
    return {
        "as_of": run.as_of.isoformat(),
        "contacts": run.contacts,
        **run.by_category,
        "score": run.score,
        "overdue": run.overdue,
        "outreach": run.outreach,
        "errors": run.errors,
        "warnings": run.warnings,
    }
