"""LibreOffice, headless, writing files as another program would.

Builders the test modules import, and the pytest fixtures that wrap them (loaded by
tests/conftest.py as plugins)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

# --- soffice_convert: have LibreOffice write a file (used by test_workbook) ---


def soffice_path() -> str | None:
    """Where LibreOffice's soffice is, or None."""
    import shutil

    return shutil.which("soffice")


def soffice_outputs(
    src: Path, target_filter: str, outdir: Path, infilter: str | None = None
) -> list[Path]:
    """Convert `src` with headless LibreOffice into `outdir`; return the files it wrote. Each
    run gets its own profile, so parallel runs never collide and a crashed run leaves no lock
    behind."""
    import shutil
    import subprocess
    import tempfile

    soffice = soffice_path()
    assert soffice, "soffice is not installed"
    outdir.mkdir(parents=True, exist_ok=True)
    before = set(outdir.iterdir())
    profile = Path(tempfile.mkdtemp(prefix="lo-", dir="/tmp"))
    command = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        *([f"--infilter={infilter}"] if infilter else []),
        "--convert-to",
        target_filter,
        "--outdir",
        str(outdir),
        str(src),
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    written = sorted(set(outdir.iterdir()) - before)
    assert done.returncode == 0 and written, (
        f"soffice failed ({done.returncode}): {done.stdout}\n{done.stderr}"
    )
    return written


def run_soffice_convert(
    src: Path, target_filter: str, outdir: Path, infilter: str | None = None
) -> Path:
    """Convert `src`, e.g. target_filter 'xlsx:Calc MS Excel 2007 XML' or 'xls:MS Excel 97',
    into `outdir`; return the written file."""
    soffice_outputs(src, target_filter, outdir, infilter)
    written = outdir / f"{src.stem}.{target_filter.split(':', 1)[0]}"
    assert written.is_file(), f"soffice did not write {written.name}"
    return written


@pytest.fixture
def soffice_convert() -> Callable[..., Path]:
    """soffice_convert(src, target_filter, outdir, infilter=None) -> the converted file."""
    if soffice_path() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return run_soffice_convert
