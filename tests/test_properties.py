"""Property-based tests (hypothesis): whatever a workbook holds, netreport answers sensibly.

Random values of every type a cell can hold (text with any Unicode, control characters and
formula triggers; whole numbers; floats with NaN and infinities, which Excel stores as error
cells; booleans; dates; date-times; blanks), mixed with the words netreport looks for, go into
every column of Contacts, Interactions and Settings. Then:

- `validate` exits 0 or 1, never 2 or 3, and `outreach` and `report` exit 0;
- every contact gets exactly one of the four categories, and every row with anything in it
  is a contact;
- every issue points at a real cell of the input: its sheet exists, its row is within the
  sheet and its column letter within the sheet's columns (reopened with openpyxl).

The number of examples is fixed per test (`EXAMPLES`) so the suite stays quick; run with
`--hypothesis-show-statistics` to see how many ran. Locally every run tries new examples; where
the CI variable is set (as `.ci/run` runs), hypothesis loads its "ci" profile and the examples
are the same on every run, so a build is never red by chance.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.utils import column_index_from_string

from netreport.check import check_workbook
from netreport.check.settings import SETTING_KEYS
from netreport.cli import cli
from netreport.schema import CATEGORIES, CONTACT_FIELDS, INTERACTION_FIELDS

AS_OF = dt.date(2026, 11, 23)
EXAMPLES = {"validate": 150, "report": 40}
RUN: dict[str, int] = {"validate": 0, "report": 0}  # examples run, for the closing note
PROPERTY_SETTINGS = settings(
    database=None,  # nothing written into the work tree; print_blob replays a failure
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    print_blob=True,
)

# Words netreport reacts to, so random rows reach the rules and not only the "unknown" paths.
WORDS = (
    "Yes",
    "no",
    "Warm",
    "luke warm",
    "Cool",
    "Cold",
    "friend",
    "referral",
    "researched",
    "acquaintance",
    "High",
    "Low",
    "Meeting",
    "Message sent",
    "Thank-you sent",
    "Phone",
    "Do not contact",
    "Archived",
    "ann@example.com",
    "Ann Lee",
    "https://www.linkedin.com/in/ann",
    "linkedin.com/in/bo",
    "10/3/2026",
    "31/12/2026",
    "2026-11-30",
    "3 Oct 2026",
    "day first",
    "Data Science, Finance",
    "21",
    "-3",
    "=1+1",
    "@x",
    "\t",
    " ",
)


texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),  # surrogates cannot be stored
    max_size=30,
)
values = st.one_of(
    st.none(),
    texts,
    st.sampled_from(WORDS),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    # From 1 March 1900 (XlsxWriter writes no earlier date) to Excel's last day: dates past
    # 2262 do not fit pandas' timestamps and must come out as invalid-date issues.
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(9999, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(9999, 12, 31)),
)


def rows_of(width: int, max_rows: int) -> st.SearchStrategy[list[list[Any]]]:
    return st.lists(st.lists(values, min_size=width, max_size=width), max_size=max_rows)


CONTACT_HEADERS = [f.header for f in CONTACT_FIELDS] + ["My own column"]
LOG_HEADERS = [f.header for f in INTERACTION_FIELDS]
SETTING_LABELS = [k.label for k in SETTING_KEYS]


@st.composite
def workbooks(draw: st.DrawFn) -> dict[str, list[list[Any]]]:
    """Sheets as grids: a header row, then random rows; Interactions and Settings may be
    missing. Contacts keeps a random selection of its columns, in a random order."""
    headers = draw(st.permutations(CONTACT_HEADERS))
    headers = headers[: draw(st.integers(min_value=3, max_value=len(headers)))]
    if "Name" not in headers:
        headers = ["Name", *headers]
    sheets: dict[str, list[list[Any]]] = {"Contacts": [headers, *draw(rows_of(len(headers), 8))]}
    if draw(st.booleans()):
        sheets["Interactions"] = [LOG_HEADERS, *draw(rows_of(len(LOG_HEADERS), 6))]
    if draw(st.booleans()):
        keys = st.one_of(st.sampled_from(SETTING_LABELS), texts)
        pairs = draw(st.lists(st.tuples(keys, values), max_size=6))
        sheets["Settings"] = [["Setting", "Value"], *([k, v] for k, v in pairs)]
    return sheets


def write(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """Each value as its own cell type, with XlsxWriter (strings never become formulas; NaN
    and infinities become Excel's error values)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"nan_inf_to_errors": True})
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    stamp = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for title, grid in sheets.items():
        sheet = book.add_worksheet(title)
        for r, row in enumerate(grid):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, str):
                    sheet.write_string(r, c, value)
                elif isinstance(value, bool):
                    sheet.write_boolean(r, c, value)
                elif isinstance(value, dt.datetime):
                    sheet.write_datetime(r, c, value, stamp)
                elif isinstance(value, dt.date):
                    sheet.write_datetime(r, c, value, date)
                else:
                    sheet.write_number(r, c, value)
    book.close()
    return path


def blank(value: Any) -> bool:
    """Blank to netreport: nothing, white space, or an error cell (XlsxWriter writes NaN and the
    infinities as #NUM! and #DIV/0!, which read back as empty)."""
    if isinstance(value, float) and not math.isfinite(value):
        return True
    return value is None or (isinstance(value, str) and not value.strip())


def check_places(path: Path, issues: list[dict[str, Any]]) -> None:
    """Every issue's sheet, row and column are a real cell of the input."""
    book = openpyxl.load_workbook(path)
    for issue in issues:
        where = (issue["code"], issue["sheet"], issue["row"], issue["column"])
        if issue["sheet"] is None:
            assert issue["row"] is None and issue["column"] is None, where
            continue
        if issue["code"] == "missing-sheet":
            assert issue["sheet"] not in book.sheetnames, where
            continue
        assert issue["sheet"] in book.sheetnames, where
        sheet = book[issue["sheet"]]
        if issue["row"] is not None:
            assert 1 <= issue["row"] <= sheet.max_row, where
        if issue["column"] is not None:
            letter = issue["column"].split(" ", 1)[0]
            assert 1 <= column_index_from_string(letter) <= sheet.max_column, where


def data_rows(sheets: dict[str, list[list[Any]]]) -> int:
    return sum(1 for row in sheets["Contacts"][1:] if not all(blank(v) for v in row))


def skipped_rows(issues: list[dict[str, Any]]) -> int:
    """Contacts rows skipped as not people (a number for a name, a totals row...): each has
    exactly one info issue saying so."""
    codes = ("not-a-contact", "example-row")
    return sum(1 for i in issues if i["code"] in codes and i["sheet"] == "Contacts")


@settings(PROPERTY_SETTINGS, max_examples=EXAMPLES["validate"])
@given(sheets=workbooks())
def test_validate_and_outreach_never_crash_and_issues_point_at_real_cells(
    sheets: dict[str, Any],
) -> None:
    RUN["validate"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "random.xlsx", sheets)
        args = ["validate", str(path), "--format", "json", "--as-of", AS_OF.isoformat()]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code in (0, 1), result.output
        data = json.loads(result.stdout)
        assert (result.exit_code == 1) == (data["counts"]["error"] > 0)
        check_places(path, data["issues"])

        args = ["outreach", str(path), "--drafts", "--as-of", AS_OF.isoformat()]
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output

        checked = check_workbook(path, as_of=AS_OF)
        categories = checked.contacts["category"]
        assert categories.isin(CATEGORIES).all(), categories.tolist()
        skipped = skipped_rows(data["issues"])
        assert len(categories) == data["contacts"] == data_rows(sheets) - skipped
        assert sum(data["categories"].values()) == data["contacts"]


@settings(PROPERTY_SETTINGS, max_examples=EXAMPLES["report"])
@given(sheets=workbooks())
# Found by hypothesis: XlsxWriter stores the largest float with 16 digits, which reads back as
# infinity; the report could not write it (fixed in workbook.py: read as the text "inf").
@example(sheets={"Contacts": [["Name", "Last Name"], ["Ann", 1.7976931348623157e308]]})
def test_report_never_crashes(sheets: dict[str, Any]) -> None:
    RUN["report"] += 1
    with tempfile.TemporaryDirectory() as folder:
        path = write(Path(folder) / "random.xlsx", sheets)
        out = Path(folder) / "out"
        args = ["report", str(path), "-o", str(out), "--as-of", AS_OF.isoformat()]
        result = CliRunner().invoke(cli, [*args, "--format", "json", "--ics", "--redact"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        skipped = skipped_rows([i.as_dict() for i in check_workbook(path, as_of=AS_OF).issues])
        assert sum(data["categories"].values()) == data["contacts"] == data_rows(sheets) - skipped
        for kind in ("xlsx", "html", "ics", "xlsx-redacted", "html-redacted"):
            assert Path(data["written"][kind]).is_file(), kind
        assert math.isfinite(data["score"])


def test_the_property_tests_ran_their_examples() -> None:
    """Runs after the two above (pytest keeps file order): hypothesis stops early only when it
    has tried every distinct example, which these strategies never exhaust."""
    print(f"\nhypothesis examples run: {RUN}")
    for name, count in RUN.items():
        assert count == 0 or count >= EXAMPLES[name], (name, count)


@pytest.mark.parametrize(
    "day", [dt.date(2263, 1, 1), dt.date(9999, 12, 31), "9999-12-31", "0001-01-01", "-3"]
)
def test_a_date_out_of_range_is_an_issue_not_a_crash(tmp_path: Path, day: Any) -> None:
    sheets: dict[str, list[list[Any]]] = {
        "Contacts": [["Name", "Follow up on"], ["Ann Lee", day]],
    }
    path = write(tmp_path / "far.xlsx", sheets)
    args = ["validate", str(path), "--format", "json", "--as-of", AS_OF.isoformat()]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    issues = json.loads(result.stdout)["issues"]
    assert [(i["code"], i["row"], i["column"]) for i in issues] == [
        ("invalid-date", 2, "B (Follow up on)")
    ]


# ---- found by the tests above -------------------------------------------------------------


def test_outreach_without_company_or_field_columns(tmp_path: Path) -> None:
    """A Contacts sheet with only Name and Email: `outreach` printed (exit 3) a float NaN
    where the company would be; fixed in render/console.py."""
    path = write(tmp_path / "plain.xlsx", {"Contacts": [["Name", "Email"], ["Ann Lee", "a@b.co"]]})
    result = CliRunner().invoke(cli, ["outreach", str(path), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Ann Lee (Cold): first outreach" in result.output


def test_no_nan_in_what_to_ask(tmp_path: Path) -> None:
    path = write(tmp_path / "plain.xlsx", {"Contacts": [["Name", "Email"], ["Ann Lee", "a@b.co"]]})
    result = CliRunner().invoke(cli, ["outreach", str(path), "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert "nan" not in result.output.split()
    assert "about nan" not in result.output


def test_huge_day_settings_are_invalid_not_a_crash(tmp_path: Path) -> None:
    """A cadence of 106,752 days ran due dates past what pandas holds (exit 3); "inf" for a
    number of days overflowed int(). Day settings are now whole numbers up to 3,650."""
    settings_rows = [["Setting", "Value"], ["Cadence Cold", 106752], ["Cadence Warm", "inf"]]
    settings_rows += [["Thank-you window days", "1e400"], ["Reply nudge days", 3650]]
    sheets = {
        "Contacts": [["Name", "Last Contact"], ["Ann Lee", dt.datetime(2026, 1, 5)]],
        "Settings": settings_rows,
    }
    path = write(tmp_path / "huge.xlsx", sheets)
    args = ["report", str(path), "-o", str(tmp_path / "out"), "--as-of", AS_OF.isoformat()]
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    checked = check_workbook(path, as_of=AS_OF)
    bad = [(i.code, i.row) for i in checked.issues]
    assert bad == [("invalid-setting", 2), ("invalid-setting", 3), ("invalid-setting", 4)]
    assert checked.settings.cadence["Cold"] == 180 and checked.settings.reply_nudge_days == 3650
