"""The problems a user can fix: the CLI shows each as one line, exit 2."""

from __future__ import annotations

from pathlib import Path


class NetreportError(Exception):
    """A file that cannot be read, written or used as asked; the message says what to do.

    `hint`, when a subclass knows it apart from the message, is the fix alone (the JSON error
    object carries it in its own key)."""

    hint: str | None = None


class WorkbookError(NetreportError):
    """The file cannot be read as a workbook at all (exit code 2)."""

    def __init__(self, path: Path, problem: str, fix: str) -> None:
        super().__init__(f"{path.name}: {problem} {fix}")
        self.path, self.problem, self.fix = path, problem, fix
        self.hint = fix
