"""History: a snapshot per report date, so the next run can say what changed.

It lives beside the reports, never inside the user's workbook, in a folder a person can open
in Excel: `<reports>/<stem>-history/runs.csv` (one row per report date, every run kept) and
`contacts-YYYY-MM-DD.csv` (one row per contact for that date; the newest twelve are kept).
CSV files are UTF-8 with a byte-order mark so that Excel shows accents correctly. A second run
for the same report date replaces that date's row and snapshot instead of adding another.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from netreport.analysis.result import Changes, OutreachItem, RunSummary
from netreport.atomic import write_atomically
from netreport.identity import person_keys
from netreport.schema import CATEGORIES

RUNS = "runs.csv"
SNAPSHOTS_KEPT = 12
ENCODING = "utf-8-sig"
RUN_COLUMNS = [
    "as_of",
    "contacts",
    *CATEGORIES,
    "score",
    "overdue",
    "outreach",
    "errors",
    "warnings",
]
SNAPSHOT_COLUMNS = ["key", "name", "category", "effective_last", "in_outreach"]


def history_folder(reports_dir: Path, stem: str) -> Path:
    return Path(reports_dir) / f"{stem}-history"


def contact_keys(contacts: pd.DataFrame) -> pd.Series:
    """A key that follows a person across runs (identity's person key; '' for no name)."""
    keys = person_keys(contacts["name"], contacts["company"], contacts["email_key"])
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
    path = Path(folder) / RUNS
    if not path.is_file():
        return []
    frame = pd.read_csv(path, encoding=ENCODING, dtype={"as_of": str})
    return [_run(record) for record in frame.to_dict("records")]


def _run(record: dict[Any, Any]) -> RunSummary:
    def number(key: str) -> int:
        value = record.get(key)
        return 0 if value is None or value != value else int(str(value).split(".")[0])

    return RunSummary(
        as_of=dt.date.fromisoformat(str(record["as_of"])),
        contacts=number("contacts"),
        by_category={c: number(c) for c in CATEGORIES},
        score=number("score"),
        overdue=number("overdue"),
        outreach=number("outreach"),
        errors=number("errors"),
        warnings=number("warnings"),
    )


def previous(folder: Path, as_of: dt.date) -> tuple[dt.date, pd.DataFrame] | None:
    """The newest snapshot strictly before `as_of`."""
    dates = sorted(d for d in _snapshot_dates(folder) if d < as_of)
    if not dates:
        return None
    frame = pd.read_csv(
        Path(folder) / f"contacts-{dates[-1].isoformat()}.csv",
        encoding=ENCODING,
        dtype=str,
        keep_default_na=False,
    )
    return dates[-1], frame


def _snapshot_dates(folder: Path) -> list[dt.date]:
    dates = []
    for path in Path(folder).glob("contacts-*.csv"):
        try:
            dates.append(dt.date.fromisoformat(path.stem.removeprefix("contacts-")))
        except ValueError:
            continue  # a file the user put there; not ours
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
    was_listed = old.loc[both, "in_outreach"].astype(str).str.lower().eq("true")
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


def record(folder: Path, current: pd.DataFrame, summary: RunSummary) -> None:
    """Save this run: replace any row and snapshot for the same report date; prune old ones."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    runs = [r for r in load_runs(folder) if r.as_of != summary.as_of]
    rows = [_run_row(r) for r in sorted([*runs, summary], key=lambda r: r.as_of)]
    frame = pd.DataFrame(rows, columns=RUN_COLUMNS)
    write_atomically(folder / RUNS, lambda temp: frame.to_csv(temp, index=False, encoding=ENCODING))
    target = folder / f"contacts-{summary.as_of.isoformat()}.csv"
    write_atomically(
        target, lambda temp: current[SNAPSHOT_COLUMNS].to_csv(temp, index=False, encoding=ENCODING)
    )
    for old in sorted(_snapshot_dates(folder))[:-SNAPSHOTS_KEPT]:
        (folder / f"contacts-{old.isoformat()}.csv").unlink(missing_ok=True)


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
