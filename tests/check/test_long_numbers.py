"""Numbers of thousands of digits, where days are given: Python refuses to turn more than
4,300 digits into an int, so such a value must be refused as any wrong value is (a usage
error for --cadence, an issue for a Settings cell), never a crash."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from support.workbooks import write_workbook

from netreport.check import check_workbook
from netreport.cli import cli

CONTACTS = [["Name", "Email", "How I know them"], ["Ann Lee", "ann@example.com", "friend"]]
HUGE = "9" * 5000


@pytest.mark.parametrize(
    "days", [HUGE, "99999999999", "²", "0", "nan"], ids=["5000-digits", "11", "sup2", "0", "nan"]
)
def test_cadence_that_is_no_number_of_days_is_a_usage_error(tmp_path: Path, days: str) -> None:
    path = write_workbook(tmp_path, CONTACTS)
    done = CliRunner().invoke(
        cli, ["report", str(path), "-o", str(tmp_path / "out"), "--cadence", f"Warm={days}"]
    )
    assert done.exit_code == 2, done.output
    assert "should look like Warm=30" in done.output
    assert len(done.output) < 1000  # the value is shortened, not echoed whole


def test_cadence_within_the_range_is_used(tmp_path: Path) -> None:
    path = write_workbook(tmp_path, CONTACTS)
    out = tmp_path / "out"
    done = CliRunner().invoke(
        cli, ["report", str(path), "-o", str(out), "--cadence", "Warm=21", "--as-of", "2026-11-23"]
    )
    assert done.exit_code == 0, done.output


@pytest.mark.parametrize("value", [HUGE, "-" + HUGE, 1e308], ids=["5000", "-5000", "1e308"])
def test_a_settings_cell_of_thousands_of_digits_is_an_issue(tmp_path: Path, value: object) -> None:
    settings = [["Setting", "Value"], ["Cadence Warm", value], ["Reply nudge days", value]]
    path = write_workbook(tmp_path, CONTACTS, settings=settings)
    checked = check_workbook(path, as_of=dt.date(2026, 11, 23))
    found = [(i.code, i.row) for i in checked.issues if i.sheet == "Settings"]
    assert found == [("invalid-setting", 2), ("invalid-setting", 3)]
    assert checked.settings.cadence["Warm"] == 30
