"""Work shared with a forked child (netreport.forking) gives what one process gives."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

import pytest
from support.paths import ROOT

from netreport.analysis import analyze, outreach
from netreport.check import check_workbook
from netreport.forking import can_fork, split_map

pytestmark = pytest.mark.skipif(not can_fork(), reason="work is shared with a child on Linux")
SAMPLE = ROOT / "sample_workbooks" / "network.xlsx"


def _tagged(items: Sequence[int]) -> list[tuple[int, int]]:
    return [(item * item, os.getpid()) for item in items]


@pytest.mark.parametrize("count", [0, 1, 2, 3, 10, 1001])
def test_the_child_does_the_second_half_in_order(count: int) -> None:
    got = split_map(_tagged, list(range(count)), at_least=2)
    assert [square for square, _ in got] == [i * i for i in range(count)]
    workers = [pid for _, pid in got]
    half = count // 2
    if count >= 2:
        assert set(workers[:half]) == {os.getpid()}
        assert os.getpid() not in workers[half:]  # done by the child
    else:
        assert set(workers) <= {os.getpid()}


def test_below_the_threshold_one_process_does_it_all() -> None:
    got = split_map(_tagged, list(range(10)), at_least=11)
    assert {pid for _, pid in got} == {os.getpid()}


def test_a_child_that_fails_leaves_its_half_to_this_process() -> None:
    me = os.getpid()

    def fails_in_the_child(items: Sequence[int]) -> list[tuple[int, int]]:
        if os.getpid() != me:
            raise MemoryError
        return _tagged(items)

    got = split_map(fails_in_the_child, list(range(7)), at_least=2)
    assert got == [(i * i, me) for i in range(7)]


def test_a_failure_here_stops_the_child_and_leaves_no_process() -> None:
    me = os.getpid()

    def fails_here(items: Sequence[int]) -> list[int]:
        if os.getpid() == me:
            raise ValueError("here")
        return list(items)

    with pytest.raises(ValueError, match="here"):
        split_map(fails_here, list(range(7)), at_least=2)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left, not even a zombie


def test_the_outreach_list_built_by_two_processes_is_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    checked = check_workbook(
        ROOT / "sample_workbooks" / "network.xlsx", as_of=dt.date(2026, 11, 23)
    )
    monkeypatch.setattr(outreach, "SPLIT_ITEMS", 10**9)
    alone = analyze(checked).outreach
    monkeypatch.setattr(outreach, "SPLIT_ITEMS", 2)
    shared = analyze(checked).outreach
    assert len(alone) > 10
    assert shared == alone
    assert [item.priority for item in shared] == list(range(1, len(alone) + 1))
