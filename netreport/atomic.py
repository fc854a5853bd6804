"""Writing files so that a crash never leaves a half-written one behind.

Every file is first written to a hidden temporary file beside its target, named
`.<target stem>-tmp-XXXXXXXX<suffix>`, then renamed over the target. A process killed before the
rename leaves that temporary file behind, never a half-written target; such files are safe to
delete, and `remove_stale_temp_files` does so on a later run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from netreport.limits import STALE_TEMP_SECONDS

TEMP_MARK = "-tmp-"
# A file name may have 255 bytes. Names netreport makes start with the workbook's name and add
# at most about 50 ("-summary-YYYY-MM-DD-redacted.html", "-backup-YYYYMMDD-HHMMSS-2", a
# temporary file's "." and "-tmp-XXXXXXXX"): a longer workbook name is shortened first.
MAX_STEM_BYTES = 180


def short_stem(stem: str) -> str:
    """`stem` (a workbook's name without its extension) as the names of files made from it
    begin: itself, or when too long for them, cut at a character and followed by a short hash
    of the whole name, so that two long names with the same beginning stay apart."""
    if len(stem.encode("utf-8")) <= MAX_STEM_BYTES:
        return stem
    digest = hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]
    cut = stem.encode("utf-8")[: MAX_STEM_BYTES - 9].decode("utf-8", "ignore").rstrip()
    return f"{cut}-{digest}"


@dataclass(frozen=True)
class Fingerprint:
    """What a file was when it was read: size, modification time and a hash of its bytes.
    Another program's save (a new file renamed over it, or the bytes rewritten) changes one."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> Fingerprint:
        digest = hashlib.sha256()
        with Path(path).open("rb") as handle:
            info = os.fstat(handle.fileno())
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        return cls(info.st_size, info.st_mtime_ns, digest.hexdigest())

    def quick_match(self, path: Path) -> bool:
        """Size and time agree (without reading the bytes)."""
        info = Path(path).stat()
        return (info.st_size, info.st_mtime_ns) == (self.size, self.mtime_ns)

    def matches(self, path: Path) -> bool:
        """The file is still the one read: same size, time and bytes."""
        return self.quick_match(path) and Fingerprint.of(path) == self


def write_atomically(
    path: Path,
    write: Callable[[Path], None],
    verify: Callable[[Path], None] | None = None,
    *,
    keep_hard_links: bool = False,
) -> None:
    """Call `write` on a temporary file beside `path`, check it with `verify` (which raises if
    the file is not right; it runs last, just before the file is moved), then move it into
    place in one step.

    The target is either its old self or the complete new file, never a truncated one. With
    `keep_hard_links`, a target that has other hard links is instead overwritten in place from
    the checked temporary file, so every link sees the new content (a rename would split them);
    that copy is not atomic, so callers keep a backup first.
    """
    path = Path(path)
    handle, temp_name = tempfile.mkstemp(
        prefix=f".{short_stem(path.stem)}{TEMP_MARK}", suffix=path.suffix, dir=path.parent
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
            # Keep the target's permission bits, owner and group: a replaced file should not
            # change who may read it (a workbook shared with a group stays shared).
            info = path.stat()
            os.chmod(temp, info.st_mode & 0o7777)
            try:  # only the superuser may give a file away; a member may keep the group
                os.chown(temp, info.st_uid, info.st_gid)
            except OSError:
                with contextlib.suppress(OSError):
                    os.chown(temp, -1, info.st_gid)
        else:
            os.chmod(temp, 0o666 & ~_umask())
        if keep_hard_links and path.exists() and path.stat().st_nlink > 1:
            _overwrite(temp, path)
        else:
            os.replace(temp, path)
        _sync_folder(path.parent)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()


def _overwrite(source: Path, target: Path) -> None:
    """Copy `source`'s bytes into `target`'s own inode (its hard links keep seeing it)."""
    with source.open("rb") as reader, target.open("r+b") as writer:
        while block := reader.read(1 << 20):
            writer.write(block)
        writer.truncate()
        writer.flush()
        os.fsync(writer.fileno())


@contextlib.contextmanager
def private_as(source: Path) -> Iterator[None]:
    """Within the block, files and folders netreport creates are no more readable than
    `source` (the owner's workbook): a workbook others may not read gets reports, backups and
    history others may not read either. Done with the process's umask, which every file
    written here honours, and restored after."""
    try:
        mode = Path(source).resolve().stat().st_mode
    except OSError:
        yield  # the reader says what is wrong with the path
        return
    extra = (0 if mode & stat.S_IRGRP else 0o070) | (0 if mode & stat.S_IROTH else 0o007)
    previous = os.umask(0)
    os.umask(previous | extra)
    try:
        yield
    finally:
        os.umask(previous)


def remove_stale_temp_files(
    folder: Path, stem: str = "", older_than: float = STALE_TEMP_SECONDS
) -> list[Path]:
    """Delete the temporary files that runs killed mid-write left in `folder`: hidden files
    named `.<stem>...-tmp-XXXXXXXX.<ext>` as `write_atomically` names them, once they have not
    changed for `older_than` seconds (so another run's file in the making is left alone).
    Returns the files removed."""
    pattern = re.compile(
        re.escape(f".{short_stem(stem)}") + r".*" + TEMP_MARK + r"[a-z0-9_]{8}\.[A-Za-z0-9]+"
    )
    removed: list[Path] = []
    with contextlib.suppress(OSError):
        for entry in Path(folder).iterdir():
            if not pattern.fullmatch(entry.name):
                continue
            with contextlib.suppress(OSError):
                info = entry.lstat()
                if stat.S_ISREG(info.st_mode) and time.time() - info.st_mtime > older_than:
                    entry.unlink()
                    removed.append(entry)
    return removed


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
