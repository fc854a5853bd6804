"""The command line: exit codes, output shapes, the starter workbook, help and error manners."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result
from openpyxl.styles.numbers import is_date_format
from support.paths import ROOT

import netreport.check
from netreport.cli import cli, main
from netreport.schema import (
    CATEGORIES,
    CHANNELS,
    CLOSENESS_HIGH,
    CLOSENESS_LOW,
    INTERACTION_TYPES,
    NO_SPELLINGS,
    STATUSES,
    YES_SPELLINGS,
    norm_key,
)

AS_OF = "2026-11-23"
ISSUE_KEYS = {"code", "severity", "sheet", "row", "column", "value", "message", "hint"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

CLEAN = [
    ["Name", "Email", "Met?", "How I know them", "Last Contact"],
    ["Ann Lee", "ann@example.com", "Yes", "friend", "2026-10-01"],
    ["Bo Chen", "bo@example.com", "No", "researched", None],
]
WITH_ERRORS = [
    ["Name", "Email", "Met?", "Last Contact"],
    ["Ann Lee", "ann@", "Yes", "2026-10-01"],
    ["Bo Chen", "bo@example.com", "perhaps", "sometime"],
]
BAD_LOG = [
    ["Date", "Contact", "Channel"],
    ["2026-10-02", "Nobody Known", "Email"],
]
BAD_SETTINGS = [["Setting", "Value"], ["Cadence Warm", "often"]]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def error_lines(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def validate_json(path: Path, *extra: str) -> dict[str, Any]:
    result = run("validate", str(path), "--format", "json", "--as-of", AS_OF, *extra)
    assert result.exit_code in (0, 1), result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


# --- validate: exit codes -------------------------------------------------------------------


def test_validate_a_clean_workbook_exits_0(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(CLEAN)
    result = run("validate", str(path), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert "0 errors, 0 warnings: the workbook is clean." in result.stdout
    assert "2 contacts" in result.stdout


def test_validate_a_workbook_with_errors_exits_1(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(WITH_ERRORS)
    result = run("validate", str(path), "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert "row 2, B (Email): error:" in result.stdout
    assert "[invalid-email]" in result.stdout
    assert "row 3, C (Met?): error:" in result.stdout
    assert "row 3, D (Last Contact): error:" in result.stdout
    assert "fix: " in result.stdout


def test_warnings_alone_still_exit_0(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook([["Name", "Status"], ["Ann Lee", "Interviewing"]])
    result = run("validate", str(path), "--format", "json", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["counts"]["error"] == 0
    assert data["counts"]["warning"] >= 1


def _missing(tmp: Path) -> Path:
    return tmp / "no-such-network.xlsx"


def _text_file(tmp: Path) -> Path:
    path = tmp / "contacts.xlsx"
    path.write_text("Name,Email\nAnn,ann@example.com\n", encoding="utf-8")
    return path


def _legacy_xls(tmp: Path) -> Path:
    path = tmp / "network.xls"
    path.write_bytes(OLE_MAGIC + b"\x00" * 1024)
    return path


def _folder(tmp: Path) -> Path:
    (tmp / "a folder").mkdir()
    return tmp / "a folder"


UNREADABLE = [
    (_missing, "no such file"),
    (_text_file, "not an Excel workbook"),
    (_legacy_xls, "legacy Excel 97-2003 (.xls)"),
    (_folder, "is a folder"),
]


@pytest.mark.parametrize(
    ("make", "words"), UNREADABLE, ids=[m.__name__.strip("_") for m, _ in UNREADABLE]
)
def test_validate_an_unreadable_file_exits_2_with_one_line(
    tmp_path: Path, make: Callable[[Path], Path], words: str
) -> None:
    path = make(tmp_path)
    result = run("validate", str(path))
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    [line] = error_lines(result)
    assert words in line
    assert path.name in line
    assert "Traceback" not in result.output


# --- validate: output ---------------------------------------------------------------------------


def test_json_output_shape(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(WITH_ERRORS, BAD_LOG, BAD_SETTINGS)
    data = validate_json(path)
    assert {
        "file",
        "as_of",
        "contacts",
        "interactions",
        "categories",
        "counts",
        "issues",
    } <= set(data)
    assert data["file"] == str(path)
    assert data["as_of"] == AS_OF
    assert data["contacts"] == 2
    assert data["interactions"] == 1
    assert list(data["categories"]) == list(CATEGORIES)
    assert sum(data["categories"].values()) == 2
    counts = data["counts"]
    assert set(counts) == {"error", "warning", "info", "total"}
    assert counts["total"] == counts["error"] + counts["warning"] == len(data["issues"])
    assert counts["error"] >= 5
    for issue in data["issues"]:
        assert set(issue) == ISSUE_KEYS, issue
        assert issue["severity"] in ("error", "warning")
        assert isinstance(issue["message"], str) and issue["message"]
        assert isinstance(issue["hint"], str) and issue["hint"]
        assert issue["row"] is None or isinstance(issue["row"], int)
    places = {(i["code"], i["sheet"], i["row"], i["column"]) for i in data["issues"]}
    assert ("invalid-email", "Contacts", 2, "B (Email)") in places
    assert ("unknown-contact", "Interactions", 2, "B (Contact)") in places
    assert ("invalid-setting", "Settings", 2, "B (Value)") in places
    email = next(i for i in data["issues"] if i["code"] == "invalid-email")
    assert email["value"] == "ann@"


def test_text_output_is_grouped_by_sheet(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(WITH_ERRORS, BAD_LOG, BAD_SETTINGS)
    result = run("validate", str(path), "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    headings = [
        (n, line) for n, line in enumerate(lines) if n > 0 and line and not line.startswith(" ")
    ][1:]  # skip the counts line under the summary
    assert [h for _, h in headings] == ["Contacts", "Interactions", "Settings"]
    for _, heading in headings:
        before = lines[lines.index(heading) - 1]
        assert before == ""
    sections: dict[str, list[str]] = {}
    for (start, heading), (end, _) in zip(headings, [*headings[1:], (len(lines), "")], strict=True):
        sections[heading] = lines[start + 1 : end]
    assert any("[invalid-email]" in line for line in sections["Contacts"])
    assert any("[unknown-contact]" in line for line in sections["Interactions"])
    assert any("[invalid-setting]" in line for line in sections["Settings"])
    assert not any("[invalid-email]" in line for line in sections["Interactions"])
    for body in sections.values():
        issues = [line for line in body if line.startswith("  ") and not line.startswith("    ")]
        fixes = [line for line in body if line.startswith("    fix: ")]
        assert issues and len(issues) == len(fixes)


@pytest.mark.parametrize("bad", ["23/11/2026", "2026-02-30", "tomorrow", ""])
def test_a_bad_as_of_exits_2(make_workbook: Callable[..., Path], bad: str) -> None:
    path = make_workbook(CLEAN)
    result = run("validate", str(path), "--as-of", bad)
    assert result.exit_code == 2, result.output
    assert "YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output


def test_a_bad_format_exits_2(make_workbook: Callable[..., Path]) -> None:
    result = run("validate", str(make_workbook(CLEAN)), "--format", "xml")
    assert result.exit_code == 2, result.output


TEN_THREE = [["Name", "Last Contact"], ["Ann Lee", "10/3/2026"]]


def _codes(data: dict[str, Any]) -> list[str]:
    return [i["code"] for i in data["issues"]]


def test_date_order_decides_how_10_3_2026_is_read(make_workbook: Callable[..., Path]) -> None:
    path = make_workbook(TEN_THREE)
    as_of = ("--as-of", "2026-06-01")
    # Unsure: read month first (3 Oct 2026, after the report date), with a warning.
    result = run("validate", str(path), "--format", "json", *as_of)
    guessed = json.loads(result.stdout)
    assert "ambiguous-date" in _codes(guessed)
    ambiguous = next(i for i in guessed["issues"] if i["code"] == "ambiguous-date")
    assert "read as 3 Oct 2026" in ambiguous["message"]
    assert "future-date" in _codes(guessed)

    result = run("validate", str(path), "--format", "json", "--date-order", "day-first", *as_of)
    assert result.exit_code == 0, result.output
    assert _codes(json.loads(result.stdout)) == []  # 10 March 2026: in the past, no doubt

    result = run("validate", str(path), "--format", "json", "--date-order", "month-first", *as_of)
    month_first = json.loads(result.stdout)
    assert _codes(month_first) == ["future-date"]
    assert month_first["issues"][0]["value"] == "10/3/2026"


def test_date_order_on_the_command_line_wins_over_the_settings_sheet(
    make_workbook: Callable[..., Path],
) -> None:
    path = make_workbook(TEN_THREE, settings=[["Setting", "Value"], ["Date order", "Day first"]])
    as_of = ("--as-of", "2026-06-01")
    assert _codes(validate_json(path, *as_of)) == []
    assert _codes(validate_json(path, "--date-order", "month-first", *as_of)) == ["future-date"]


def test_date_order_rejects_other_values(make_workbook: Callable[..., Path]) -> None:
    result = run("validate", str(make_workbook(CLEAN)), "--date-order", "year-first")
    assert result.exit_code == 2, result.output
    assert "day-first" in result.output


# --- init -------------------------------------------------------------------------------------


def _list(formula: str) -> list[str]:
    assert formula.startswith('"') and formula.endswith('"'), formula
    return formula[1:-1].split(",")


def _validations(sheet: Any) -> dict[str, list[str]]:
    """Header -> the drop-down list on its column."""
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found: dict[str, list[str]] = {}
    for rule in sheet.data_validations.dataValidation:
        assert rule.type == "list"
        for cell_range in rule.sqref.ranges:
            assert cell_range.min_row == 2
            assert cell_range.min_col == cell_range.max_col
            assert cell_range.max_row >= 1000
            letter = openpyxl.utils.get_column_letter(cell_range.min_col)
            found[headers[letter]] = _list(rule.formula1)
    return found


@pytest.fixture
def starter(tmp_path: Path) -> Path:
    path = tmp_path / "my-network.xlsx"
    result = run("init", str(path))
    assert result.exit_code == 0, result.output
    assert str(path) in result.stdout
    assert "netreport validate" in result.stdout
    return path


def test_init_writes_sheets_with_tables_and_frozen_headers(starter: Path) -> None:
    book = openpyxl.load_workbook(starter)
    assert book.sheetnames == ["Contacts", "Interactions", "Settings", "Guide"]
    for title in ("Contacts", "Interactions", "Settings"):
        sheet = book[title]
        assert sheet.freeze_panes == "A2", title
        [table] = sheet.tables.values()
        last = openpyxl.utils.get_column_letter(sheet.max_column)
        assert table.ref == f"A1:{last}{sheet.max_row}", title
        assert [c.name for c in table.tableColumns] == [c.value for c in sheet[1]]
    guide = book["Guide"]
    text = " ".join(str(c.value) for row in guide.iter_rows() for c in row if c.value)
    for category in CATEGORIES:
        assert category in text


def test_init_drop_downs_list_exactly_the_schema_vocabularies(starter: Path) -> None:
    book = openpyxl.load_workbook(starter)
    contacts = _validations(book["Contacts"])
    assert set(contacts) == {"Category", "Met?", "Closeness", "Status"}
    assert contacts["Category"] == list(CATEGORIES)
    assert contacts["Status"] == list(STATUSES)
    yes, no = contacts["Met?"]
    assert norm_key(yes) in YES_SPELLINGS and norm_key(no) in NO_SPELLINGS
    high, low = contacts["Closeness"]
    assert norm_key(high) in CLOSENESS_HIGH and norm_key(low) in CLOSENESS_LOW

    interactions = _validations(book["Interactions"])
    assert interactions == {"Channel": list(CHANNELS), "Type": list(INTERACTION_TYPES)}
    assert _validations(book["Settings"]) == {}
    for sheet in (book["Contacts"], book["Interactions"]):
        for rule in sheet.data_validations.dataValidation:
            assert len(rule.formula1) <= 257  # Excel's 255-character limit, plus quotes


def test_init_date_columns_have_date_formats_and_three_examples(starter: Path) -> None:
    book = openpyxl.load_workbook(starter)
    contacts, log = book["Contacts"], book["Interactions"]
    assert contacts.max_row == 4
    names = [row[0] for row in contacts.iter_rows(min_row=2, values_only=True)]
    assert len(names) == 3 and all(names)
    for sheet, headers in ((contacts, ("Last Contact", "Follow up on", "Added")), (log, ("Date",))):
        by_header = {cell.value: cell.column_letter for cell in sheet[1]}
        for header in headers:
            cells = sheet[by_header[header]][1:]
            assert cells, header
            for cell in cells:
                assert is_date_format(cell.number_format), (header, cell.number_format)
    last_contact = {cell.value: cell.column_letter for cell in contacts[1]}["Last Contact"]
    dated = [c.value for c in contacts[last_contact][1:] if c.value is not None]
    assert dated and all(hasattr(d, "year") for d in dated), "examples show real dates"


def test_init_workbook_validates_clean(starter: Path) -> None:
    result = run("validate", str(starter), "--as-of", AS_OF, "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # The three example contacts and the example interaction are skipped, each with a note.
    assert data["counts"] == {"error": 0, "warning": 0, "info": 4, "total": 4}
    assert {i["code"] for i in data["issues"]} == {"example-row"}
    assert data["contacts"] == 0
    assert data["interactions"] == 0
    assert all(data["categories"][c] >= 0 for c in CATEGORIES)


def test_init_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "network.xlsx"
    path.write_bytes(b"years of the owner's data")
    before = path.read_bytes()
    result = run("init", str(path))
    assert result.exit_code == 2, result.output
    assert path.read_bytes() == before
    [line] = error_lines(result)
    assert "already exists" in line and "--force" in line
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left behind

    result = run("init", str(path), "--force")
    assert result.exit_code == 0, result.output
    assert path.read_bytes()[:4] == b"PK\x03\x04"
    assert openpyxl.load_workbook(path).sheetnames[0] == "Contacts"
    assert list(tmp_path.iterdir()) == [path]


def test_init_into_a_missing_folder_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "folder" / "network.xlsx"
    result = run("init", str(path))
    assert result.exit_code == 2, result.output
    [line] = error_lines(result)
    assert "does not exist" in line
    assert not (tmp_path / "no").exists()


def test_init_only_writes_xlsx(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "network.xls"))
    assert result.exit_code == 2, result.output
    assert ".xlsx" in result.output
    assert list(tmp_path.iterdir()) == []


# --- help, README, entry points ------------------------------------------------------------------


COMMANDS = sorted(cli.commands)


def test_the_group_help_lists_every_command() -> None:
    result = run("--help")
    assert result.exit_code == 0, result.output
    for name in COMMANDS:
        assert f"  {name} " in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0, result.output
    command = cli.commands[name]
    assert command.help and len(command.help) > 40
    assert "Example" in result.stdout
    assert f"netreport {name} " in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_appears_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"netreport {name}" in readme


def test_version() -> None:
    from netreport import __version__

    result = run("--version")
    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_python_m_netreport_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "netreport", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "netreport [OPTIONS] COMMAND" in done.stdout
    for name in COMMANDS:
        assert name in done.stdout


def _console_script() -> str:
    beside = Path(sys.executable).with_name("netreport")
    found = str(beside) if beside.is_file() else shutil.which("netreport")
    assert found, "the netreport console script is not installed (pip install .)"
    return found


def test_the_console_script_runs() -> None:
    done = subprocess.run(
        [_console_script(), "--help"], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Usage: netreport" in done.stdout


def test_the_console_script_refuses_a_legacy_xls_in_one_line(tmp_path: Path) -> None:
    path = _legacy_xls(tmp_path)
    done = subprocess.run(
        [_console_script(), "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert "legacy Excel 97-2003 (.xls)" in line
    assert "Traceback" not in done.stderr


# --- main(): exit codes outside Click's own handling ----------------------------------------------


def _run_main(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["netreport", *args])
    with pytest.raises(SystemExit) as caught:
        main()
    code = caught.value.code
    assert isinstance(code, int)
    return code


def _explode(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("the analysis fell over")


def test_an_unexpected_error_exits_3_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(netreport.check, "check_workbook", _explode)
    assert _run_main(monkeypatch, "validate", str(tmp_path / "network.xlsx")) == 3
    out, err = capsys.readouterr()
    assert out == ""
    [line] = err.strip().splitlines()
    assert "RuntimeError: the analysis fell over" in line
    assert "--debug" in line
    assert "Traceback" not in err


def test_debug_shows_the_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr(netreport.check, "check_workbook", _explode)
    assert _run_main(monkeypatch, "--debug", "validate", str(tmp_path / "network.xlsx")) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err
    assert "RuntimeError: the analysis fell over" in err


def test_main_exit_codes_for_known_outcomes(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    make_workbook: Callable[..., Path],
) -> None:
    assert _run_main(monkeypatch, "validate", str(make_workbook(CLEAN)), "--as-of", AS_OF) == 0
    assert _run_main(monkeypatch, "validate", str(make_workbook(WITH_ERRORS))) == 1
    capsys.readouterr()
    assert _run_main(monkeypatch, "validate") == 2  # missing argument
    assert "Missing argument" in capsys.readouterr().err
    assert _run_main(monkeypatch, "validate", "/no/such/file.xlsx") == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert "no such file" in line


def test_cadence_beyond_ten_years_is_a_usage_error(tmp_path: Path) -> None:
    from netreport.check.settings import MAX_DAYS

    result = CliRunner().invoke(
        cli,
        [
            "outreach",
            str(ROOT / "sample_workbooks" / "network.xlsx"),
            "--cadence",
            f"Warm={MAX_DAYS + 1}",
        ],
    )
    assert result.exit_code == 2
    assert f"from 1 to {MAX_DAYS}" in result.output
