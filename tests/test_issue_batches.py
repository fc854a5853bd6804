"""The batched path that turns vectorised findings into issues (`issues_for_cells`, used by
`validate`'s `_Cells.report`) gives exactly the issues the straightforward path gives, one
`make_issue` per cell; and the groups people read hold every one of them."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.paths import ROOT

from netreport.check import check_workbook, validate
from netreport.issues import group_issues, issues_for_cells, make_issue

VALUES = st.one_of(
    st.none(),
    st.text(max_size=90),
    st.sampled_from(["see notes", "see notes", "Coffee", "=SUM(A1)", " padded ", "a\nb"]),
    st.integers(-5, 5),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
    st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 1, 1)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(VALUES, max_size=40), st.sampled_from(["unknown-value", "invalid-email"]))
def test_a_batch_is_make_issue_for_each_cell(values: list[Any], code: str) -> None:
    rows = list(range(2, 2 + len(values)))
    details = [
        {"did_you_mean": f" Did you mean '{v}'?" if i % 3 else "", "what": "type",
         "choices": "A, B", "reason": f"reason {i % 2}"}
        for i, v in enumerate(values)
    ]  # fmt: skip
    batch = issues_for_cells(code, "Interactions", "E (Type)", rows, values, details)
    one_by_one = [
        make_issue(code, sheet="Interactions", row=r, column="E (Type)", value=v, **d)
        for r, v, d in zip(rows, values, details, strict=True)
    ]
    assert batch == one_by_one


def _straightforward_report(
    self: Any,
    key: str,
    mask: pd.Series,
    code: str,
    details: Callable[[int, Any], dict[str, Any]] | None = None,
    *,
    by_value: bool = False,
    **fixed: Any,
) -> None:
    """`_Cells.report` as it was first written: one lookup, one details call and one
    `make_issue` per cell."""
    column = self.table.column(key)
    if column is None or not mask.any():
        return
    raw = self.table.frame[column.letter]
    for row in mask.index[mask.to_numpy(dtype=bool)]:
        value = raw.get(row)
        extra = details(row, value) if details else {}
        fields = {"value": value, **fixed, **extra}
        self.issues.append(
            make_issue(code, sheet=self.table.sheet, row=int(row), column=column.label, **fields)
        )


NOISY = ROOT / "benchmarks" / "noisy.py"


@pytest.fixture(scope="module")
def noisy_workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The benchmark's noisy workbook at 300 contacts: misspelt names, unknown types, broken
    emails, text dates, a TOTAL row (benchmarks/noisy.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("noisy", NOISY)
    assert spec and spec.loader
    noisy = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("noisy", noisy)  # its dataclasses look their module up there
    spec.loader.exec_module(noisy)
    path = tmp_path_factory.mktemp("noisy") / "noisy.xlsx"
    noisy.generate(path, 300, 5, noise=1.0, seed=7, as_of=dt.date(2026, 11, 23))
    return path


def test_validate_finds_the_same_issues_by_either_path(
    noisy_workbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batched = check_workbook(noisy_workbook, as_of=dt.date(2026, 11, 23)).issues
    monkeypatch.setattr(validate._Cells, "report", _straightforward_report)
    plain = check_workbook(noisy_workbook, as_of=dt.date(2026, 11, 23)).issues
    assert len(batched) > 300  # the noise is there: each kind of problem, many times
    assert {i.code for i in batched} >= {
        "unknown-value",
        "invalid-email",
        "invalid-date",
        "unknown-contact",
        "not-a-contact",
    }
    assert batched == plain
    # The groups people read hold every issue once, under its own message.
    expanded = sorted(
        (g.code, g.sheet, g.column, g.message, g.hint, row)
        for g in group_issues(batched)
        for row in g.rows
    )
    assert expanded == sorted((i.code, i.sheet, i.column, i.message, i.hint, i.row) for i in plain)


def test_an_issue_as_json_holds_its_fields_in_order() -> None:
    issue = make_issue(
        "invalid-email", sheet="Contacts", row=5, column="C (Email)", value="ann@", reason="x"
    )
    assert issue.as_dict() == {
        "code": "invalid-email",
        "severity": "error",
        "sheet": "Contacts",
        "row": 5,
        "column": "C (Email)",
        "value": "ann@",
        "message": issue.message,
        "hint": issue.hint,
    }
    assert list(issue.as_dict()) == [
        "code",
        "severity",
        "sheet",
        "row",
        "column",
        "value",
        "message",
        "hint",
    ]
