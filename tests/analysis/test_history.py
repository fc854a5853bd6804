"""History: a snapshot per report date, and what changed since the previous run.

Two weekly runs of the same network: after the first, `record_history` saves it; the second
is analyzed with the same history folder and reports new and removed contacts, category
moves, outreach completed and the change in score.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from support.paths import ROOT

from netreport.analysis import Analysis, analyze, record_history
from netreport.check import check_workbook

WEEK_1 = dt.date(2026, 11, 16)
WEEK_2 = dt.date(2026, 11, 23)
SETTINGS = {"Target fields": "Data Science", "Weekly outreach budget": 5}
NetworkBook = Callable[..., Path]

ANN = {
    "name": "Ann Ames",
    "email": "ann@example.org",
    "category": "Warm",
    "field": "Data Science",
    "last_contact": dt.date(2026, 11, 6),
}
BEN = {"name": "Ben Bell", "email": "ben@example.org", "category": "Warm", "field": "Retail"}
CHRIS = {
    "name": "Chris Cruz",
    "email": "chris@example.org",
    "category": "Cool",
    "referrer": "Anna Smith",
    "field": "Retail",
}
DORA = {
    "name": "Dora Diaz",
    "email": "dora@example.org",
    "category": "Luke-warm",
    "field": "Finance",
    "last_contact": dt.date(2026, 10, 20),
}
ED = {"name": "Ed Egan", "email": "ed@example.org", "category": "Cold", "field": "Law"}

# Week 1: Ben is overdue (last contact 1 Oct, Warm every 30 days), Chris never contacted.
PEOPLE_1 = [ANN, {**BEN, "last_contact": dt.date(2026, 10, 1)}, CHRIS, DORA]
# Week 2: Ben was written to (Last Contact updated), Chris was called (a call in the log makes
# a Cool contact Luke-warm), Dora was deleted, Ed was added.
PEOPLE_2 = [ANN, {**BEN, "last_contact": dt.date(2026, 11, 19)}, CHRIS, ED]
LOG_2 = [
    {"date": dt.date(2026, 11, 20), "contact": "Chris Cruz", "type": "Call", "channel": "Phone"}
]

# Scores by hand (health.py's formula):
# week 1: freshness 2/3 (Ann, Dora within; Ben overdue), activity 0, warmth 4/4 -> capped 1,
#         target 1/4 / 0.3; round(40 * 2/3 + 0 + 15 + 20 * 0.8333) = round(58.33) = 58
# week 2: freshness 3/3, activity 1/20, warmth 3/4 / 0.6 -> capped 1, target 1/4 / 0.3;
#         round(40 + 25 * 0.05 + 15 + 16.67) = round(72.92) = 73
SCORE_1, SCORE_2 = 58, 73


def run(
    network_book: NetworkBook,
    people: list[dict[str, Any]],
    as_of: dt.date,
    history: Path | None,
    log: list[dict[str, Any]] | None = None,
) -> Analysis:
    path = network_book(people, log or [], SETTINGS, filename=f"network-{as_of}.xlsx")
    checked = check_workbook(path, as_of=as_of)
    assert checked.counts["error"] == 0, checked.issues
    return analyze(checked, history_dir=history)


def two_weeks(network_book: NetworkBook, history: Path) -> tuple[Analysis, Analysis]:
    first = run(network_book, PEOPLE_1, WEEK_1, history)
    record_history(first, history)
    second = run(network_book, PEOPLE_2, WEEK_2, history, LOG_2)
    return first, second


def test_the_first_run_has_nothing_to_compare_with(
    network_book: NetworkBook, tmp_path: Path
) -> None:
    first = run(network_book, PEOPLE_1, WEEK_1, tmp_path / "history")
    changes = first.changes
    assert changes is not None
    assert changes.previous_as_of is None
    assert (changes.new, changes.removed, changes.moves, changes.completed) == ([], [], [], [])
    assert changes.score_change is None
    assert [r.as_of for r in changes.trend] == [WEEK_1]
    assert not (tmp_path / "history").exists()  # analyze reads; only record_history writes


def test_a_week_later_the_changes_are_reported(network_book: NetworkBook, tmp_path: Path) -> None:
    first, second = two_weeks(network_book, tmp_path / "history")
    assert first.health.score == SCORE_1
    assert second.health.score == SCORE_2
    assert {i.name for i in first.outreach} == {"Ben Bell", "Chris Cruz"}
    changes = second.changes
    assert changes is not None
    assert changes.previous_as_of == WEEK_1
    assert changes.new == ["Ed Egan"]
    assert changes.removed == ["Dora Diaz"]
    assert changes.moves == [("Chris Cruz", "Cool", "Luke-warm")]
    assert changes.completed == ["Ben Bell", "Chris Cruz"]
    assert changes.score_change == SCORE_2 - SCORE_1
    assert [(r.as_of, r.score) for r in changes.trend] == [(WEEK_1, SCORE_1), (WEEK_2, SCORE_2)]


def test_outreach_not_done_is_not_completed(network_book: NetworkBook, tmp_path: Path) -> None:
    history = tmp_path / "history"
    first = run(network_book, PEOPLE_1, WEEK_1, history)
    record_history(first, history)
    second = run(network_book, PEOPLE_1, WEEK_2, history)  # nothing happened all week
    changes = second.changes
    assert changes is not None
    assert changes.previous_as_of == WEEK_1
    assert (changes.new, changes.removed, changes.moves, changes.completed) == ([], [], [], [])


def test_history_files_open_in_pandas_one_row_per_date(
    network_book: NetworkBook, tmp_path: Path
) -> None:
    history = tmp_path / "history"
    _, second = two_weeks(network_book, history)
    record_history(second, history)
    runs = pd.read_csv(history / "runs.csv")
    assert list(runs.columns[:2]) == ["as_of", "contacts"]  # no byte-order mark in the name
    assert runs["as_of"].tolist() == [WEEK_1.isoformat(), WEEK_2.isoformat()]
    assert runs["score"].tolist() == [SCORE_1, SCORE_2]
    assert runs["contacts"].tolist() == [4, 4]
    by_category = runs[["Warm", "Luke-warm", "Cool", "Cold"]].to_numpy().tolist()
    assert by_category == [[2, 1, 1, 0], [2, 1, 0, 1]]
    assert sorted(p.name for p in history.glob("contacts-*.csv")) == [
        f"contacts-{WEEK_1}.csv",
        f"contacts-{WEEK_2}.csv",
    ]
    snapshot = pd.read_csv(history / f"contacts-{WEEK_2}.csv")
    assert sorted(snapshot["name"]) == ["Ann Ames", "Ben Bell", "Chris Cruz", "Ed Egan"]


def test_a_repeated_run_for_the_same_date_replaces_its_row_and_snapshot(
    network_book: NetworkBook, tmp_path: Path
) -> None:
    history = tmp_path / "history"
    _, second = two_weeks(network_book, history)
    record_history(second, history)
    # The owner fixes the workbook (Ed was a mistake) and runs the report again the same day.
    again = run(network_book, [ANN, PEOPLE_2[1], CHRIS], WEEK_2, history, LOG_2)
    changes = again.changes
    assert changes is not None
    assert changes.previous_as_of == WEEK_1  # not this same date's earlier run
    assert changes.new == []
    assert changes.removed == ["Dora Diaz"]
    assert [r.as_of for r in changes.trend] == [WEEK_1, WEEK_2]
    record_history(again, history)
    record_history(again, history)

    runs = pd.read_csv(history / "runs.csv")
    assert len(runs) == 2
    assert runs["as_of"].is_unique
    assert runs.loc[runs["as_of"].eq(WEEK_2.isoformat()), "contacts"].tolist() == [3]
    snapshots = sorted(p.name for p in history.glob("contacts-*.csv"))
    assert snapshots == [f"contacts-{WEEK_1}.csv", f"contacts-{WEEK_2}.csv"]
    snapshot = pd.read_csv(history / f"contacts-{WEEK_2}.csv")
    assert sorted(snapshot["name"]) == ["Ann Ames", "Ben Bell", "Chris Cruz"]


def test_the_newest_twelve_snapshots_are_kept_and_every_run(
    network_book: NetworkBook, tmp_path: Path
) -> None:
    history = tmp_path / "history"
    dates = [WEEK_2 - dt.timedelta(weeks=w) for w in range(13, -1, -1)]  # 14 weekly runs
    for as_of in dates:
        record_history(run(network_book, PEOPLE_1, as_of, history), history)
    runs = pd.read_csv(history / "runs.csv")
    assert runs["as_of"].tolist() == [d.isoformat() for d in dates]
    kept = sorted(p.name for p in history.glob("contacts-*.csv"))
    assert kept == [f"contacts-{d}.csv" for d in dates[-12:]]


def test_a_users_own_file_in_the_history_folder_is_left_alone(
    network_book: NetworkBook, tmp_path: Path
) -> None:
    history = tmp_path / "history"
    history.mkdir()
    (history / "contacts-notes.csv").write_text("mine\n", encoding="utf-8")
    _, second = two_weeks(network_book, history)
    assert second.changes is not None
    assert second.changes.previous_as_of == WEEK_1
    record_history(second, history)
    assert (history / "contacts-notes.csv").read_text(encoding="utf-8") == "mine\n"


def test_an_outreach_list_replaced_after_analysis_is_what_history_records(
    tmp_path: Path,
) -> None:
    sample = ROOT / "sample_workbooks" / "network.xlsx"
    result = analyze(check_workbook(sample, as_of=WEEK_2))
    listed = len(result.outreach)
    assert listed
    record_history(result, tmp_path / "kept")
    result.outreach = []  # a caller's own choice of whom to contact
    record_history(result, tmp_path / "changed")
    name = f"contacts-{WEEK_2.isoformat()}.csv"
    assert pd.read_csv(tmp_path / "kept" / name)["in_outreach"].sum() == listed
    assert not pd.read_csv(tmp_path / "changed" / name)["in_outreach"].any()
