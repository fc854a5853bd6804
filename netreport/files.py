"""Writing files so that a crash never leaves a half-written one behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(
    path: Path,
    write: Callable[[Path], None],
    verify: Callable[[Path], None] | None = None,
) -> None:
    """Call `write` on a temporary file beside `path`, check it with `verify` (which raises if
    the file is not right), then move it into place in one step.

    The target is either its old self or the complete new file, never a truncated one.
    """
    path = Path(path)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{path.stem}-", suffix=path.suffix, dir=path.parent
    )
    os.close(handle)
    temp = Path(temp_name)
    try:
        write(temp)
        with temp.open("rb") as done:
            os.fsync(done.fileno())
        if verify is not None:
            verify(temp)
        if path.exists():
            # Keep the target's permission bits: a replaced file should not change who may read it.
            os.chmod(temp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
        _sync_folder(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def check_workbook_opens(path: Path, sheets: list[str]) -> None:
    """Reopen a written workbook and check that it holds the expected sheets."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    missing = [s for s in sheets if s not in book.sheet_names]
    if missing:
        raise OSError(f"the written workbook is missing sheets {missing}")
