"""What a Python user expects of a command line: options from the environment, versioned JSON
with the same type for the same key, errors as JSON when JSON was asked for, shell completion,
and progress lines only where a person watches."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from support.paths import ROOT

from netreport.cli import cli
from netreport.cli.output import StageLines

SAMPLE = ROOT / "sample_workbooks" / "network.xlsx"
AS_OF = "2026-11-23"


def netreport(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real entry point (main(), not only the Click group) as a user's shell would."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NETREPORT_")}
    return subprocess.run(
        [sys.executable, "-m", "netreport", *args],
        capture_output=True,
        text=True,
        env=environment | (env or {}),
        timeout=300,
        check=False,
    )


# --- options from the environment -----------------------------------------------------------


def test_an_option_comes_from_the_commands_own_variable() -> None:
    result = CliRunner().invoke(
        cli, ["validate", str(SAMPLE)], env={"NETREPORT_VALIDATE_FORMAT": "json"}
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["contacts"] == 90


def test_an_option_comes_from_the_shared_variable_and_the_command_line_wins() -> None:
    env = {"NETREPORT_FORMAT": "json", "NETREPORT_AS_OF": "2026-01-05"}
    result = CliRunner().invoke(cli, ["validate", str(SAMPLE)], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == "2026-01-05"
    result = CliRunner().invoke(cli, ["validate", str(SAMPLE), "--format", "text"], env=env)
    assert result.stdout.startswith("network.xlsx: 90 contacts")


def test_the_commands_own_variable_wins_over_the_shared_one() -> None:
    env = {"NETREPORT_FORMAT": "text", "NETREPORT_VALIDATE_FORMAT": "json"}
    result = CliRunner().invoke(cli, ["validate", str(SAMPLE)], env=env)
    assert json.loads(result.stdout)["file"] == str(SAMPLE)


def test_a_bad_value_from_the_environment_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["validate", str(SAMPLE)], env={"NETREPORT_FORMAT": "yaml"})
    assert result.exit_code == 2
    assert "'yaml' is not one of 'text', 'json'" in result.stderr


# --- JSON: versioned, one type per key --------------------------------------------------------


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every command's JSON on the sample (and a coach run over two copies of it)."""
    folder = tmp_path_factory.mktemp("json")
    book = Path(shutil.copy2(SAMPLE, folder / "network.xlsx"))
    clients = folder / "clients"
    clients.mkdir()
    for name in ("ann.xlsx", "bo.xlsx"):
        shutil.copy2(SAMPLE, clients / name)
    export = folder / "Connections.csv"
    export.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Rosa,Diaz,https://www.linkedin.com/in/rosa-diaz,rosa@example.org,Acme,Analyst,"
        "02 Nov 2026\n",
        encoding="utf-8",
    )
    runs = {
        "validate": ["validate", str(book)],
        "outreach": ["outreach", str(book)],
        "report": ["report", str(book), "-o", str(folder / "out")],
        "coach": ["report", str(clients), "-o", str(folder / "coach"), "--workers", "1"],
        "import": ["import", "linkedin", str(export), "--into", str(book), "--dry-run"],
    }
    found = {}
    for name, args in runs.items():
        args = [*args, "--format", "json"] + (["--as-of", AS_OF] if name != "import" else [])
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, (name, result.output)
        found[name] = json.loads(result.stdout)
    return found


def test_every_commands_json_starts_with_schema_version_1(
    documents: dict[str, dict[str, Any]],
) -> None:
    for name, document in documents.items():
        assert next(iter(document)) == "schema_version", name
        assert document["schema_version"] == 1, name


def _types(value: Any, path: str, found: dict[str, set[str]]) -> None:
    """The JSON type of every key path (list items share their list's path)."""
    if value is not None:
        found.setdefault(path, set()).add(type(value).__name__)
    if isinstance(value, dict):
        for key, item in value.items():
            _types(item, f"{path}.{key}", found)
    elif isinstance(value, list):
        for item in value:
            _types(item, f"{path}[]", found)


def test_a_key_has_the_same_type_in_every_command(documents: dict[str, dict[str, Any]]) -> None:
    types: dict[str, set[str]] = {}
    # A coach run's clients are what `report` prints for each: compared as documents too.
    for document in [*documents.values(), *documents["coach"]["clients"]]:
        _types(document, "", types)
    mixed = {key: kinds for key, kinds in types.items() if len(kinds) > 1}
    assert mixed == {}
    # The key that used to differ: a count in report, the list itself in outreach.
    assert isinstance(documents["outreach"]["outreach"], list)
    assert "outreach" not in documents["report"]
    assert documents["report"]["outreach_count"] == len(documents["outreach"]["outreach"])
    assert [c["client"] for c in documents["coach"]["clients"]] == ["ann", "bo"]


# --- errors as JSON ---------------------------------------------------------------------------


def test_a_file_problem_with_format_json_is_one_json_object_on_stdout(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.xlsx"
    done = netreport("validate", str(missing), "--format", "json")
    assert done.returncode == 2
    error = json.loads(done.stdout)
    assert error == {
        "schema_version": 1,
        "error": "nowhere.xlsx: no such file. Check the path and the file name.",
        "hint": "Check the path and the file name.",
        "exit": 2,
    }
    assert done.stderr == ""


def test_a_usage_error_with_format_json_from_the_environment_is_json(tmp_path: Path) -> None:
    done = netreport(
        "report", "--cadence", "Warm=often", str(SAMPLE), env={"NETREPORT_FORMAT": "json"}
    )
    assert done.returncode == 2
    error = json.loads(done.stdout)
    assert "'Warm=often' should look like Warm=30" in error["error"]
    assert error["hint"] == "Run 'netreport report --help' to see how to use it."
    assert error["exit"] == 2


def test_a_file_problem_in_text_is_one_line_on_stderr(tmp_path: Path) -> None:
    done = netreport("validate", str(tmp_path / "nowhere.xlsx"))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.strip().splitlines() == [
        "Error: nowhere.xlsx: no such file. Check the path and the file name."
    ]


# --- shell completion and progress ------------------------------------------------------------


def test_bash_completion_script_and_completions() -> None:
    done = netreport(env={"_NETREPORT_COMPLETE": "bash_source"})
    assert done.returncode == 0
    assert "complete -o nosort -F _netreport_completion netreport" in done.stdout
    env = {"_NETREPORT_COMPLETE": "bash_complete", "COMP_WORDS": "netreport rep", "COMP_CWORD": "1"}
    done = netreport(env=env)
    assert done.stdout.splitlines() == ["plain,report"]


def test_stage_lines_stay_silent_for_a_short_run(capsys: pytest.CaptureFixture[str]) -> None:
    with StageLines(after=5.0) as lines:
        lines("read")
        lines("validate")
    assert capsys.readouterr().err == ""


def test_stage_lines_name_each_stage_once_a_run_is_long(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with StageLines(after=0.2) as lines:
        lines("read")
        time.sleep(0.5)  # the timer names the stage running when the run turns long
        lines("validate")
        lines("validate")
    shown = [line.split("...")[0] for line in capsys.readouterr().err.splitlines()]
    assert shown == ["netreport: read", "netreport: validate"]


def test_a_report_not_on_a_terminal_prints_no_progress(tmp_path: Path) -> None:
    done = netreport("report", str(SAMPLE), "-o", str(tmp_path), "--as-of", AS_OF)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_the_command_ends_quietly_when_its_reader_stops_listening() -> None:
    """`netreport validate ... | head -1`: the reader closes the pipe; the command ends without
    a traceback (its quick exit flushes what it can and says nothing of the closed pipe)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "netreport", "validate", str(SAMPLE), "--as-of", AS_OF],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=300) in (0, 1, 120)
    assert "Traceback" not in errors
