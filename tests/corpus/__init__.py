"""The corpus of bad files and bad situations: each case builds, deterministically, the files
a real user could hand netreport, and says what must come of it.

A case is registered by a module of this package (one per area: `read`, `history`,
`inplace`, ...) with `@case(...)` on a builder. The builder writes what it needs into the
folder it is given and returns the command's arguments (after `netreport`). Then
`tests/test_corpus.py` runs the command in a child process under memory and time limits and
asserts the outcome the case declares:

- `exit_code`: the documented exit code (0 when the run must succeed);
- `message`: a regular expression the one-line message on stderr must match (for refusals);
- `unchanged`: files that must be byte-identical after the run (the owner's workbook when a
  write is refused);
- `check`: a function given the folder and the completed process, asserting the rest.

`python -m corpus DIR` (from tests/) writes every case into DIR, to try by hand.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

Build = Callable[[Path], list[str]]
Check = Callable[[Path, "subprocess.CompletedProcess[str]"], None]


@dataclass(frozen=True)
class Case:
    name: str
    build: Build
    exit_code: int = 0
    message: str | None = None
    unchanged: tuple[str, ...] = ()
    check: Check | None = None
    seconds: float = 60.0  # wall-clock limit for the run
    memory: int = 1536 * 2**20  # address-space limit (bytes) for the run
    env: dict[str, str] = field(default_factory=dict)


CASES: dict[str, Case] = {}


def case(
    name: str,
    *,
    exit_code: int = 0,
    message: str | None = None,
    unchanged: tuple[str, ...] = (),
    check: Check | None = None,
    seconds: float = 60.0,
) -> Callable[[Build], Build]:
    """Register the decorated builder as the corpus case `name`."""

    def register(build: Build) -> Build:
        assert name not in CASES, f"two corpus cases named {name}"
        CASES[name] = Case(name, build, exit_code, message, unchanged, check, seconds)
        return build

    return register


def load() -> dict[str, Case]:
    """Every case of every module of this package."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")
    return CASES
