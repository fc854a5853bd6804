"""What a file really is, judged by its bytes, and the guards before anything is unzipped.

The zip's directory is checked against the limits in `netreport.limits` (total size,
compression ratio), and each XML part's prolog for a document type declaration, the only place
entities can be declared: Excel and LibreOffice never write one.
"""

from __future__ import annotations

import codecs
import re
import stat
import zipfile
import zlib
from pathlib import Path
from typing import IO

from netreport.errors import WorkbookError
from netreport.limits import (
    DEFAULT_MAX_UNZIPPED_BYTES,
    MAX_RATIO,
    MB,
    PROLOG_LIMIT,
    RATIO_FLOOR,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SAMPLE = 64 * 1024  # bytes looked at to tell text from binary
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def sniff(path: Path, *, max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES) -> str:
    """Identify the file from its bytes: "xlsx" (also .xlsm), "ods" or "csv" (text in a file
    named .csv). Raise WorkbookError with a fix for anything unreadable, and for anything that
    would take more than `max_unzipped_bytes` to read."""
    if not path.exists():
        raise WorkbookError(path, "no such file.", "Check the path and the file name.")
    if path.is_dir():
        raise WorkbookError(path, "is a folder, not a workbook.", "Give the path of an .xlsx file.")
    special = not_a_regular_file(path)
    if special:
        raise WorkbookError(path, special, "Give the path of the saved workbook (.xlsx) itself.")
    name = path.name
    if name.startswith("~$") or name.startswith(".~lock."):
        real = name.removeprefix("~$").removeprefix(".~lock.").removesuffix("#")
        raise WorkbookError(
            path,
            "is a lock file that Excel or LibreOffice keeps while a "
            "workbook is open, not the workbook itself.",
            f"Run netreport on '{real}' instead.",
        )
    try:
        with path.open("rb") as handle:
            head = handle.read(TEXT_SAMPLE)
    except OSError as exc:
        raise WorkbookError(
            path, f"cannot be opened ({exc.strerror}).", "Check that you may read it."
        ) from exc
    if not head:
        raise WorkbookError(
            path, "is empty (0 bytes).", "Pick the saved workbook, or restore it from a backup."
        )
    if head.startswith(OLE_MAGIC):
        if (
            b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o"
            in path.read_bytes()
        ):
            raise WorkbookError(
                path,
                "is protected with a password.",
                "Open it in Excel, remove "
                "the password (File > Info > Protect Workbook), save, and run "
                "netreport again.",
            )
        raise WorkbookError(
            path,
            "is a legacy Excel 97-2003 (.xls) file.",
            "Open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx).",
        )
    if head.startswith(b"%PDF"):
        raise WorkbookError(path, "is a PDF, not a workbook.", "Give the .xlsx file itself.")
    if not head.startswith(ZIP_MAGIC):
        return _sniff_text(path, head, max_unzipped_bytes)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            check_zip_limits(path, archive.infolist(), max_unzipped_bytes)
            _check_no_doctype(path, archive)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
        raise WorkbookError(
            path,
            "is damaged or incomplete (the zip container cannot be read).",
            "Restore it from a backup, or open and re-save it in Excel.",
        ) from exc
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return "xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "ods"
    kind = "a Word document" if "word/document.xml" in names else "a zip archive"
    raise WorkbookError(path, f"is {kind}, not a workbook.", "Give an .xlsx, .xlsm or .ods file.")


SPECIAL_FILES = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def not_a_regular_file(path: Path) -> str | None:
    """What is wrong when `path` is not a regular file (a named pipe, a socket, a device),
    judged from its status alone: opening a pipe waits for a writer, and reading a device may
    never end. None for a regular file (or a folder, or nothing: the callers say so).

    Every opener of the owner's files asks this first: the workbook and the import sources."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing or unreadable: opening it says why
    for test, kind in SPECIAL_FILES:
        if test(mode):
            return f"is {kind}, not a file; netreport reads only saved files."
    return None


def _sniff_text(path: Path, head: bytes, max_unzipped_bytes: int) -> str:
    """A file that is not a zip: a CSV when it is text named .csv, else refused."""
    text = _looks_like_text(head)
    if text and path.suffix.lower() == ".csv":
        size = path.stat().st_size
        if size > max_unzipped_bytes:
            raise WorkbookError(
                path,
                f"is {_megabytes(size)}, more than the limit of "
                f"{_megabytes(max_unzipped_bytes)} netreport reads.",
                f"If you trust the file, raise the limit with --max-unzipped-size "
                f"{_suggested_mb(size)}.",
            )
        return "csv"
    if text:
        raise WorkbookError(
            path,
            "is not an Excel workbook (it looks like text).",
            "If it is a CSV of contacts, rename it to end in .csv; or open it in Excel "
            "and save it as .xlsx.",
        )
    raise WorkbookError(
        path,
        "is not an Excel workbook (it looks like some other kind of file).",
        "Give an .xlsx, .xlsm, .ods or .csv file.",
    )


def _looks_like_text(head: bytes) -> bool:
    """Text in any common encoding: no NUL byte (unless UTF-16, with its byte-order mark or
    without) and hardly any control characters."""
    if head.startswith(UTF16_BOMS) or utf16_without_bom(head):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\x1a")
    return controls <= len(head) // 100


def utf16_without_bom(head: bytes) -> str | None:
    """The encoding ("utf-16-le" or "utf-16-be") of UTF-16 text written without its
    byte-order mark (some exports are), judged from its first bytes `head`: in text of Latin
    letters, digits and punctuation every other byte is NUL, on the odd positions
    (little-endian) or the even ones (big-endian), and hardly any byte on the other positions
    is. None for anything else."""
    sample = head[: min(len(head), TEXT_SAMPLE) // 2 * 2]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2], sample[1::2]
    half = len(even)
    even_nuls, odd_nuls = even.count(0), odd.count(0)
    for nuls, others, encoding in (
        (odd_nuls, even_nuls, "utf-16-le"),
        (even_nuls, odd_nuls, "utf-16-be"),
    ):
        if nuls * 10 >= half * 7 and others * 100 <= half:
            text = sample.decode(encoding, errors="replace")
            controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\x1a")
            if controls <= len(text) // 100:
                return encoding
    return None


def _megabytes(size: int) -> str:
    return f"{size / MB:,.0f} MB" if size >= 10 * MB else f"{size / MB:,.1f} MB"


def _suggested_mb(size: int) -> int:
    """A round limit above `size`, in MB."""
    return (size // (1024 * MB) + 1) * 1024


def check_zip_limits(
    path: Path, infos: list[zipfile.ZipInfo], max_unzipped_bytes: int, what: str = "workbook"
) -> None:
    """Refuse a zip bomb from its directory alone, before anything is unzipped (`what` the
    zip is, for the message: a workbook, an export).

    The declared sizes can be trusted this far: calamine and Python's zipfile both stop with
    an error at a part's declared size."""
    total = sum(info.file_size for info in infos)
    if total > max_unzipped_bytes:
        raise WorkbookError(
            path,
            f"would unzip to {_megabytes(total)}, more than the limit of "
            f"{_megabytes(max_unzipped_bytes)} (a zip bomb, or a very large {what}).",
            f"If you trust the file, raise the limit with --max-unzipped-size "
            f"{_suggested_mb(total)}.",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            raise WorkbookError(
                path,
                f"has a part ({info.filename}) that would unzip {ratio:,.0f}-fold, from "
                f"{_megabytes(info.compress_size)} to {_megabytes(info.file_size)}: that is "
                f"how zip bombs look, and netreport's limit is {MAX_RATIO}-fold for parts "
                f"over {RATIO_FLOOR // MB} MB.",
                "If you trust the file, open it in Excel or LibreOffice and save it again "
                "(--max-unzipped-size does not change this limit).",
            )


def _check_no_doctype(path: Path, archive: zipfile.ZipFile) -> None:
    """Refuse a part whose XML declares a document type: entities (and so entity-expansion
    attacks such as "billion laughs") can only be declared there, and Office never writes one."""
    for info in archive.infolist():
        if info.is_dir() or info.file_size == 0:
            continue
        try:
            with archive.open(info) as stream:
                found = _declares_doctype(stream)
        except (NotImplementedError, RuntimeError):
            continue  # encrypted or an unusual compression: left to the reader
        if found:
            raise WorkbookError(
                path,
                f"has a part ({info.filename}) with an XML document type declaration, which "
                "Excel and LibreOffice never write and which can hide an entity-expansion "
                "attack.",
                "If you trust where it came from, open it in Excel or LibreOffice and save "
                "it again; otherwise delete it.",
            )


_PROLOG_MISC = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->", re.S)


def _declares_doctype(stream: IO[bytes]) -> bool:
    """Whether the XML prolog (before the first element) holds `<!DOCTYPE`, reading at most
    PROLOG_LIMIT bytes."""
    buffer, read, done = b"", 0, False
    while True:
        found = _PROLOG_MISC.match(buffer)
        while found and (found.end() < len(buffer) or done):
            buffer = buffer[found.end() :]
            found = _PROLOG_MISC.match(buffer)
        if buffer.startswith(b"<!DOCTYPE"):
            return True
        undecided = buffer[:1].isspace() or buffer.startswith((b"<?", b"<!--"))
        if (len(buffer) >= len(b"<!DOCTYPE") or done) and not undecided:
            return False  # the root element, or not XML at all
        if done or read >= PROLOG_LIMIT:
            return False  # past the limit, the XML parsers' own defences apply
        chunk = stream.read(16 * 1024)
        if read == 0:
            chunk = chunk.removeprefix(codecs.BOM_UTF8)
        read += len(chunk)
        done = not chunk
        buffer += chunk
