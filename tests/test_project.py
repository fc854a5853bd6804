"""The project's promises: CI runs the README's test line verbatim, and the wheel holds the
package. The manual's own checks are in test_docs.py."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from support.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_lines() -> list[str]:
    section = re.search(r"^## Quick start\s*$(.*?)(?=^## )", README, re.M | re.S)
    assert section, "README has no '## Quick start' section"
    block = re.search(r"```[^\n]*\n(.*?)```", section.group(1), re.S)
    assert block, "Quick start has no code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_has_two_lines_and_ci_runs_the_second_verbatim() -> None:
    lines = quick_start_lines()
    assert len(lines) == 2
    assert lines[0].startswith("pip install . && netreport ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines[1] in ci


def test_quick_start_sample_workbook_exists() -> None:
    sample = quick_start_lines()[0].split()[-1]
    assert (ROOT / sample).is_file()


def test_the_wheel_holds_every_module_and_template(tmp_path: Path) -> None:
    """What `pip install .` installs: every package module and every template."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            "-q",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    import zipfile

    from netreport import __version__

    (wheel,) = tmp_path.glob("career_netreport-*.whl")
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    info = f"career_netreport-{__version__}.dist-info"
    metadata = archive.read(f"{info}/METADATA").decode()
    assert "\nName: career-netreport\n" in metadata
    assert f"\nVersion: {__version__}\n" in metadata
    assert f"{info}/licenses/LICENSE" in names
    assert "netreport/py.typed" in names
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "netreport").rglob("*.py")}
    templates = {
        "netreport/templates/" + p.relative_to(ROOT / "templates").as_posix()
        for p in (ROOT / "templates").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert modules <= names, sorted(modules - names)
    assert templates <= names, sorted(templates - names)
    assert not any(n.startswith("tests/") for n in names)
