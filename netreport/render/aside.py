"""Zip members built aside: in a forked child process, deflated into files, and copied into
the package as they are.

Why: writing the report is building XML strings (Python, one core) and deflating them (zlib,
which lets go of the GIL). At 100,000 contacts the Contacts sheet alone is most of both, so a
child process builds and deflates it while this process writes the other sheets, and the two
cores share the stage. The child is forked, so it sees the report's tables as they are in
memory without copying or pickling them.

Only where `os.fork` is safe to use (`netreport.forking.can_fork`); elsewhere, or when the
child fails for any reason, the caller builds the members itself, and the report is the same
byte for byte.

One assumption beyond zipfile's documented API, checked by
tests/render/test_aside.py::test_zipfile_takes_deflated_bytes: a member opened with
`ZipFile.open(info, "w")` compresses through its `_compressor`, and counts the data's size and
CRC-32 in `_file_size` and `_crc`, which `close()` writes into the member's headers.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from netreport.forking import stop

MANIFEST = "members.json"
BLOCK = 1 << 20  # bytes copied at a time


@dataclass(frozen=True)
class Deflated:
    """A member's data, deflated (raw deflate, as a zip holds it) into `path`: its
    uncompressed size and CRC-32 go into the member's headers."""

    path: Path
    size: int
    crc: int


class DeflateFile:
    """A file taking a zip member's bytes and holding them deflated, as `ZipFile.open(info,
    "w")` would write them at the same level."""

    def __init__(self, path: Path, level: int) -> None:
        self.path = path
        self._file = path.open("wb")
        self._compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        self.size = self.crc = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        self.crc = zlib.crc32(data, self.crc)
        self._file.write(self._compressor.compress(data))
        return len(data)

    def close(self) -> Deflated:
        self._file.write(self._compressor.flush())
        self._file.close()
        return Deflated(self.path, self.size, self.crc)


class Sink:
    """Where the child puts its members: one file each in `folder`, and a manifest of them
    written last, so that a child that died half way leaves none."""

    def __init__(self, folder: Path, level: int) -> None:
        self.folder, self.level = folder, level
        self._open: dict[str, DeflateFile] = {}

    def open(self, name: str) -> DeflateFile:
        """A file for the member `name`'s bytes."""
        file = self._open[name] = DeflateFile(
            self.folder / f"member-{len(self._open) + 1}", self.level
        )
        return file

    def finish(self) -> None:
        """Close every member's file and list them in the manifest."""
        manifest = {}
        for name, file in self._open.items():
            done = file.close()
            manifest[name] = [done.path.name, done.size, done.crc]
        (self.folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


class Aside:
    """A child process building members with `build(sink)`; `members()` waits for them."""

    def __init__(self, build: Callable[[Sink], None], folder: Path, level: int) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=".netreport-aside-", dir=folder))
        self._pid: int | None = None
        pid = os.fork()
        if pid == 0:  # the child: build, and leave without running any of the parent's code
            code = 1
            try:
                sink = Sink(self.folder, level)
                build(sink)
                sink.finish()
                code = 0
            except BaseException:  # the parent builds the members itself
                pass
            finally:
                os._exit(code)
        self._pid = pid

    def members(self) -> dict[str, Deflated] | None:
        """The members built, once the child is done; None when it failed."""
        if self._pid is None:
            return None
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        manifest = self.folder / MANIFEST
        if os.waitstatus_to_exitcode(status) != 0 or not manifest.exists():
            return None
        listed = json.loads(manifest.read_text(encoding="utf-8"))
        return {
            name: Deflated(self.folder / file, size, crc)
            for name, (file, size, crc) in listed.items()
        }

    def close(self) -> None:
        """Stop the child if it still runs, and remove its files."""
        if self._pid is not None:
            stop(self._pid)
            self._pid = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Aside:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class _AlreadyDeflated:
    """Stands in for a member's compressor: the bytes written are deflated already."""

    def compress(self, data: bytes) -> bytes:
        return data

    def flush(self) -> bytes:
        return b""


def copy_deflated(out: ZipFile, info: ZipInfo, member: Deflated) -> None:
    """Write `member`'s deflated bytes into `out` as the member `info`, uncompressed size and
    CRC-32 as counted when they were deflated (the module's one assumption)."""
    info.compress_type = ZIP_DEFLATED
    with out.open(info, "w", force_zip64=True) as opened, member.path.open("rb") as data:
        stream: Any = opened  # zipfile's _ZipWriteFile, whose private counts are set here
        stream._compressor = _AlreadyDeflated()
        shutil.copyfileobj(data, stream, BLOCK)
        stream._file_size, stream._crc = member.size, member.crc
