"""The report's large zip members: deflated by ISA-L, and built aside in a forked child.

Why: writing the report is building XML strings (Python, one core) and deflating them. ISA-L
(python-isal) deflates them five to six times as fast as zlib, without the GIL. And at 100,000
contacts the Contacts sheet alone is most of the building, so a forked child process builds
and deflates it into a file while this process writes the other sheets, and the two cores
share the stage; the child sees the report's tables as they are in memory, nothing copied or
pickled. Its deflated bytes are copied into the package as they are.

A child is used only where `os.fork` is safe (`netreport.forking.can_fork`); elsewhere, or
when the child fails for any reason, the caller builds the members itself, and the report is
the same.

One assumption beyond zipfile's documented API, checked by
tests/render/test_aside.py::test_zipfile_takes_deflated_bytes: a member opened with
`ZipFile.open(info, "w")` compresses through its `_compressor`, and counts the data's size and
CRC-32 in `_file_size` and `_crc`, which `close()` writes into the member's headers. Here the
compressor passes on bytes deflated already, and the counts are set to the data's own.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from isal import isal_zlib

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


class _Writable(Protocol):
    def write(self, data: bytes, /) -> int: ...


# ISA-L's level 2 deflates a report's sheets five to six times as fast as zlib's level 3, into
# a file about 7% larger; its compressor lets go of the GIL as zlib's does.
LEVEL = 2


class Deflater:
    """Bytes deflated by ISA-L into `sink` as a zip member holds them (raw deflate), their
    size and CRC-32 counted for the member's headers."""

    def __init__(self, sink: _Writable) -> None:
        self._sink = sink
        self._compressor = isal_zlib.compressobj(LEVEL, isal_zlib.DEFLATED, -15)
        self.size = self.crc = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        self.crc = isal_zlib.crc32(data, self.crc)
        self._sink.write(self._compressor.compress(data))
        return len(data)

    def finish(self) -> None:
        self._sink.write(self._compressor.flush())


@contextlib.contextmanager
def deflated_member(out: ZipFile, info: ZipInfo) -> Iterator[Deflater]:
    """A member of `out` whose bytes are deflated by a Deflater."""
    with _member(out, info) as stream:
        deflater = Deflater(stream)
        yield deflater
        deflater.finish()
        stream._file_size, stream._crc = deflater.size, deflater.crc


class _DeflateFile(Deflater):
    """A file holding one member's bytes deflated."""

    def __init__(self, path: Path) -> None:
        self.path, self._file = path, path.open("wb")
        super().__init__(self._file)

    def close(self) -> Deflated:
        self.finish()
        self._file.close()
        return Deflated(self.path, self.size, self.crc)


class Sink:
    """Where the child puts its members: one file each in `folder`, and a manifest of them
    written last, so that a child that died half way leaves none."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._open: dict[str, _DeflateFile] = {}

    def open(self, name: str) -> Deflater:
        """A file for the member `name`'s bytes."""
        file = self._open[name] = _DeflateFile(self.folder / f"member-{len(self._open) + 1}")
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

    def __init__(self, build: Callable[[Sink], None], folder: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=".netreport-aside-", dir=folder))
        self._pid: int | None = None
        pid = os.fork()
        if pid == 0:  # the child: build, and leave without running any of the parent's code
            code = 1
            try:
                sink = Sink(self.folder)
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
    """Write `member`'s deflated bytes into `out` as the member `info`."""
    with _member(out, info) as stream, member.path.open("rb") as data:
        shutil.copyfileobj(data, stream, BLOCK)
        stream._file_size, stream._crc = member.size, member.crc


@contextlib.contextmanager
def _member(out: ZipFile, info: ZipInfo) -> Iterator[Any]:
    """The member `info` of `out` open for bytes deflated already; the caller sets its size
    and CRC-32 before it closes (the module's one assumption)."""
    info.compress_type = ZIP_DEFLATED
    with out.open(info, "w", force_zip64=True) as opened:
        stream: Any = opened  # zipfile's _ZipWriteFile, whose private counts are set
        stream._compressor = _AlreadyDeflated()
        yield stream
