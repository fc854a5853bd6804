"""Every corpus case (tests/corpus) run as a user runs it: the command in a child process,
under an address-space limit and a time limit, its exit code, its one-line message and the
files it must not touch checked. The cases say what they expect; see tests/corpus."""

from __future__ import annotations

import hashlib
import os
import re
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from corpus import Case, load
from support.paths import ROOT

CASES = load()


def _limits(memory: int) -> None:  # runs in the child, before netreport starts
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def _digests(folder: Path, names: tuple[str, ...]) -> dict[str, str]:
    return {n: hashlib.sha256((folder / n).read_bytes()).hexdigest() for n in names}


@pytest.mark.parametrize("name", sorted(CASES))
def test_corpus_case(name: str, tmp_path: Path) -> None:
    found: Case = CASES[name]
    args = found.build(tmp_path)
    before = _digests(tmp_path, found.unchanged)
    env = {**os.environ, "NO_COLOR": "1", **found.env}
    done = subprocess.run(
        [sys.executable, "-m", "netreport", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=found.seconds,
        env=env,
        preexec_fn=lambda: _limits(found.memory),
    )
    assert done.returncode == found.exit_code, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    if found.message is not None:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert len(lines) == 1, done.stderr
        assert re.search(found.message, lines[0]), lines[0]
    assert _digests(tmp_path, found.unchanged) == before, "a file the case protects changed"
    if found.check is not None:
        found.check(tmp_path, done)


def test_the_corpus_writes_itself(tmp_path: Path) -> None:
    """`python -m corpus DIR` writes every case, the same files twice."""
    for out in ("a", "b"):
        done = subprocess.run(
            [sys.executable, "-m", "corpus", str(tmp_path / out)],
            cwd=ROOT / "tests",
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    first = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*"))
    second = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*"))
    assert first == second and len({p.parts[0] for p in first}) == len(CASES)
