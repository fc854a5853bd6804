"""What the command line prints and how it ends: results as text or versioned JSON, progress
lines, errors (one line for people, an object for programs) and the exit codes."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from netreport.errors import NetreportError

EXIT_OK, EXIT_DATA_ERRORS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
ENV_PREFIX = "NETREPORT"
# The version of the JSON every command prints: raised when a key is removed or changes type.
JSON_SCHEMA_VERSION = 1
T = TypeVar("T")


class FileProblem(click.ClickException):
    """A file that cannot be used: exit 2, one line, no traceback."""

    exit_code = EXIT_USAGE


def emit(fmt: str, as_json: Callable[[], dict[str, Any]], as_text: Callable[[], str]) -> None:
    """Print a command's result: JSON for programs (with its schema version first), or text
    for people."""
    if fmt == "json":
        document = {"schema_version": JSON_SCHEMA_VERSION, **as_json()}
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        click.echo(as_text())


class StageLines:
    """On a terminal, once a run has lasted `after` seconds, one line per stage on stderr:
    what is being done now, so a long report is visibly alive. Silent for short runs and
    when stderr is not a terminal (a pipe, a log file, a test)."""

    def __init__(self, after: float = 2.0) -> None:
        self.after, self.start, self.current = after, time.monotonic(), ""
        self.shown: set[str] = set()
        self.lock = threading.Lock()
        self.timer = threading.Timer(after, self._late)
        self.timer.daemon = True

    def __enter__(self) -> StageLines:
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.cancel()

    def __call__(self, name: str) -> None:
        self.current = name
        if time.monotonic() - self.start >= self.after:
            self._show(name)

    def _late(self) -> None:
        if self.current:
            self._show(self.current)

    def _show(self, name: str) -> None:
        with self.lock:
            if name not in self.shown:
                self.shown.add(name)
                elapsed = time.monotonic() - self.start
                click.echo(f"netreport: {name}... ({elapsed:.0f} s)", err=True)


def cannot_write(what: object, exc: OSError) -> FileProblem:
    where = f" ({exc.filename})" if exc.filename else ""
    return FileProblem(f"cannot write {what}: {exc.strerror or exc}{where}.")


def writing_into(workbook: Path, work: Callable[[], T]) -> T:
    """`work()`, for a command that writes into `workbook`: a known problem becomes exit 2 and
    its one line, an OSError one line naming the file."""
    try:
        return work()
    except NetreportError as exc:
        raise FileProblem(str(exc)) from exc
    except OSError as exc:
        raise cannot_write(workbook, exc) from exc


def print_timings(seconds: dict[str, float]) -> None:
    for name, value in seconds.items():
        click.echo(f"timing {name}: {value:.3f} s", err=True)


def wants_json(args: list[str], commands: Iterable[str]) -> bool:
    """Whether this run prints JSON, judged from the raw arguments and the environment, so
    that even an error found while parsing them is reported in the format asked for.
    `commands`: the command names, to find the command's own variable."""
    for i, arg in enumerate(args):
        if arg == "--format" and i + 1 < len(args):
            return args[i + 1] == "json"
        if arg.startswith("--format="):
            return arg.partition("=")[2] == "json"
    command = next((a for a in args if a in commands), None)
    names = [f"{ENV_PREFIX}_{command.upper()}_FORMAT"] if command else []
    value = next((os.environ[n] for n in [*names, f"{ENV_PREFIX}_FORMAT"] if n in os.environ), "")
    return value == "json"


def fail(as_json: bool, code: int, message: str, hint: str | None) -> NoReturn:
    """Report a failure and exit: one line, with the fix, on stderr for people; with
    --format json, one object on stdout, {"error", "hint", "exit"}, for programs."""
    if as_json:
        error = {"error": message, "hint": hint, "exit": code}
        click.echo(json.dumps({"schema_version": JSON_SCHEMA_VERSION, **error}, indent=2))
    else:
        line = f"Error: {message}" if code == EXIT_USAGE else message
        click.echo(f"{line} {hint}" if hint and hint not in message else line, err=True)
    sys.exit(code)


def hint_for(exc: click.ClickException) -> str | None:
    if isinstance(exc, click.UsageError) and exc.ctx is not None:
        return f"Run '{exc.ctx.command_path} --help' to see how to use it."
    cause = exc.__cause__
    return cause.hint if isinstance(cause, NetreportError) else None


INTERRUPTED = "Interrupted. Files already finished are kept; none is left half-written."
