"""Open a workbook and find its tables: which sheet, which header row, which column is what.

The file is identified by its bytes, not its name, and read with calamine (a Rust reader that
keeps cell types, cached formula results and the 1904 date system, about ten times faster
than openpyxl). Values come back raw; typing them is the validator's job.

Before anything is unzipped, the zip's directory is checked against the limits in
`netreport.limits` (total size, compression ratio), and each XML part's prolog is checked for
a document type declaration, the only place entities can be declared: Excel and LibreOffice
never write one. A `.csv` of contacts is read as a Contacts sheet named after the file.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
import math
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from netreport.errors import NetreportError
from netreport.issues import Issue, make_issue
from netreport.limits import (
    DEFAULT_MAX_UNZIPPED_BYTES,
    MAX_RATIO,
    MB,
    PROLOG_LIMIT,
    RATIO_FLOOR,
)
from netreport.schema import (
    CONTACTS,
    INTERACTIONS,
    REPORT_SHEET_PREFIX,
    SETTINGS,
    Field,
    SheetSpec,
    norm_key,
)

HEADER_SEARCH_ROWS = 20
CHUNK_ROWS = 65_536  # rows turned into columns at a time: never a whole sheet of lists
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
TEXT_SAMPLE = 64 * 1024  # bytes looked at to tell text from binary
CSV_DELIMITERS = ",;\t"
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class WorkbookError(NetreportError):
    """The file cannot be read as a workbook at all (exit code 2)."""

    def __init__(self, path: Path, problem: str, fix: str) -> None:
        super().__init__(f"{path.name}: {problem} {fix}")
        self.path, self.problem, self.fix = path, problem, fix
        self.hint = fix


@dataclass(frozen=True)
class Column:
    """One column of a sheet as the user sees it."""

    letter: str
    header: str
    field: str | None  # the field it was matched to; None for the user's own columns

    @property
    def label(self) -> str:
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass
class Table:
    """A sheet's data below its header row.

    `frame` has one column per sheet column, named by its letter, and is indexed by the Excel
    row number, so every value knows its cell. Blank rows are dropped.
    """

    sheet: str
    header_row: int
    columns: tuple[Column, ...]
    frame: pd.DataFrame

    def letter(self, key: str) -> str | None:
        return next((c.letter for c in self.columns if c.field == key), None)

    def column(self, key: str) -> Column | None:
        return next((c for c in self.columns if c.field == key), None)

    def get(self, key: str) -> pd.Series | None:
        letter = self.letter(key)
        return None if letter is None else self.frame[letter]


@dataclass
class SourceWorkbook:
    """What was found in the file: the tables, and the problems met while finding them."""

    path: Path
    sheet_names: list[str]
    contacts: Table | None
    interactions: Table | None
    settings: Table | None
    issues: list[Issue] = field(default_factory=list)


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def sniff(path: Path, *, max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES) -> str:
    """Identify the file from its bytes: "xlsx" (also .xlsm), "ods" or "csv" (text in a file
    named .csv). Raise WorkbookError with a fix for anything unreadable, and for anything that
    would take more than `max_unzipped_bytes` to read."""
    if not path.exists():
        raise WorkbookError(path, "no such file.", "Check the path and the file name.")
    if path.is_dir():
        raise WorkbookError(path, "is a folder, not a workbook.", "Give the path of an .xlsx file.")
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
            _check_zip_limits(path, archive.infolist(), max_unzipped_bytes)
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
    """Text in any common encoding: no NUL byte (unless UTF-16 with its byte-order mark) and
    hardly any control characters."""
    if head.startswith(UTF16_BOMS):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 32 and b not in b"\t\n\r\f\x1a")
    return controls <= len(head) // 100


def _megabytes(size: int) -> str:
    return f"{size / MB:,.0f} MB" if size >= 10 * MB else f"{size / MB:,.1f} MB"


def _suggested_mb(size: int) -> int:
    """A round limit above `size`, in MB."""
    return (size // (1024 * MB) + 1) * 1024


def _check_zip_limits(path: Path, infos: list[zipfile.ZipInfo], max_unzipped_bytes: int) -> None:
    """Refuse a zip bomb from its directory alone, before anything is unzipped.

    The declared sizes can be trusted this far: calamine and Python's zipfile both stop with
    an error at a part's declared size."""
    total = sum(info.file_size for info in infos)
    if total > max_unzipped_bytes:
        raise WorkbookError(
            path,
            f"would unzip to {_megabytes(total)}, more than the limit of "
            f"{_megabytes(max_unzipped_bytes)} (a zip bomb, or a very large workbook).",
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


def read_workbook(
    path: Path, *, max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES
) -> SourceWorkbook:
    """Open the file and find its Contacts, Interactions and Settings tables (a CSV holds
    Contacts only). `max_unzipped_bytes` caps how much a workbook may unzip to."""
    from python_calamine import CalamineError, CalamineWorkbook, PasswordError

    path = Path(path)
    if sniff(path, max_unzipped_bytes=max_unzipped_bytes) == "csv":
        return read_csv(path)
    try:
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        sheets: dict[str, SheetRows] = {}
        # calamine parses a sheet without holding the GIL, so the Contacts and Interactions
        # sheets are parsed side by side, each from its own handle on the file (one handle
        # cannot serve two threads).
        with ThreadPoolExecutor(max_workers=2) as pool:
            ahead = {name: pool.submit(_parse_sheet, path, name) for name in _named_sheets(names)}

            def rows(name: str) -> SheetRows:
                if name not in sheets:
                    early = ahead.pop(name, None)
                    parsed = early.result() if early else book.get_sheet_by_name(name)
                    sheets[name] = SheetRows.of(parsed)
                return sheets[name]

            return _find_tables(path, names, rows)
    except PasswordError as exc:
        raise WorkbookError(
            path,
            "is protected with a password.",
            "Remove the password in Excel and save, then run netreport again.",
        ) from exc
    except (CalamineError, ValueError, OSError) as exc:
        raise WorkbookError(
            path,
            f"cannot be read as a workbook ({exc}).",
            "Open it in Excel or LibreOffice and save it again as .xlsx.",
        ) from exc


def _parse_sheet(path: Path, name: str) -> Any:
    """One sheet parsed by calamine from its own handle on the file, so that two sheets can
    be parsed at once on two threads (calamine lets go of the GIL while it parses)."""
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name)


@dataclass
class SheetRows:
    """A sheet's rows as lists of raw values ("" where a cell is empty; row 0 is Excel's row
    1), read as they are needed: the first few to find the header row, the rest once, straight
    into the table's columns. A million-row sheet so never exists as a million Python lists."""

    head: list[list[Any]]
    rest: Iterator[list[Any]]

    @classmethod
    def of(cls, sheet: Any) -> SheetRows:
        """The rows of a calamine sheet."""
        if getattr(sheet, "start", None) == (0, 0) and hasattr(sheet, "iter_rows"):
            rows = iter(sheet.iter_rows())
        else:
            # Only to_python pads a sheet that starts below or right of A1 back to A1 (and an
            # older python-calamine may have no iter_rows).
            rows = iter(sheet.to_python(skip_empty_area=False))
        return cls(list(itertools.islice(rows, HEADER_SEARCH_ROWS)), rows)

    @classmethod
    def of_list(cls, grid: list[list[Any]]) -> SheetRows:
        """Rows already in memory (a CSV's, or a sheet read whole)."""
        return cls(grid[:HEADER_SEARCH_ROWS], iter(grid[HEADER_SEARCH_ROWS:]))

    def take_from(self, index: int) -> Iterator[list[Any]]:
        """The rows from row `index` on; the rest of the sheet can be taken only once (and
        calamine's copy of it is let go as soon as it has been read)."""
        rest, self.rest = self.rest, iter(())
        return itertools.chain(self.head[index:], rest)


def _named_sheets(names: list[str]) -> list[str]:
    """The sheets that Contacts and Interactions will be read from when a sheet is named for
    them, as `_pick_sheet` finds them: the ones worth parsing before they are asked for. Were
    the two to disagree, the result would not change: a sheet would be parsed for nothing, or
    only when asked for."""
    taken = {n for n in names if n.startswith(REPORT_SHEET_PREFIX)}
    found = []
    for spec in (CONTACTS, INTERACTIONS):
        name = _named_sheet(spec, [n for n in names if n not in taken])
        if name is not None:
            found.append(name)
            taken.add(name)
    return found


def read_csv(path: Path) -> SourceWorkbook:
    """A CSV of contacts as a workbook of one Contacts sheet, named after the file as Excel
    names it. Row numbers are the rows Excel shows when it opens the file (the line numbers,
    unless a quoted value spans lines)."""
    path = Path(path)
    text = decode_text(path.read_bytes())
    sheet = path.stem[:31] or "Contacts"
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text)))
    except csv.Error as exc:
        raise WorkbookError(
            path,
            f"cannot be read as a CSV ({exc}).",
            "Open it in Excel or LibreOffice and save it as .xlsx.",
        ) from exc
    width = max(map(len, rows), default=0)  # a grid, like a sheet's: short lines padded
    grid: list[list[Any]] = [[*r, *[""] * (width - len(r))] for r in rows]
    contacts, issues = _table(CONTACTS, sheet, SheetRows.of_list(grid))
    return SourceWorkbook(path, [sheet], contacts, None, None, issues)


def decode_text(data: bytes) -> str:
    """Text as Excel and LibreOffice save a CSV: UTF-8 (with or without a byte-order mark),
    UTF-16 with its mark, else Windows-1252, else Latin-1 (which reads any bytes)."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig", errors="replace")
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", errors="replace")
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def csv_delimiter(text: str) -> str:
    """Comma, semicolon (Excel's CSV where the decimal mark is a comma) or tab."""
    sample = text[: TEXT_SAMPLE * 4]
    if len(sample) < len(text):
        sample = sample[: sample.rfind("\n") + 1] or sample
    try:
        return csv.Sniffer().sniff(sample, delimiters=CSV_DELIMITERS).delimiter
    except csv.Error:
        first = next((line for line in sample.splitlines() if line.strip()), "")
        return max(CSV_DELIMITERS, key=first.count)  # a tie: comma


def _find_tables(path: Path, names: list[str], rows: Callable[[str], SheetRows]) -> SourceWorkbook:
    issues: list[Issue] = []
    # Sheets that netreport's write-back added are its own output, never the user's input.
    taken: set[str] = {n for n in names if n.startswith(REPORT_SHEET_PREFIX)}
    tables: dict[str, Table | None] = {}
    for spec in (CONTACTS, INTERACTIONS, SETTINGS):
        sheet = _pick_sheet(spec, [n for n in names if n not in taken], rows)
        if sheet is None:
            tables[spec.kind] = None
            if spec is CONTACTS:
                issues.append(
                    make_issue(
                        "missing-sheet",
                        what="Contacts",
                        sheet="Contacts",
                        headers=", ".join(f.header for f in spec.fields[:6]),
                    )
                )
            continue
        taken.add(sheet)
        table, table_issues = _table(spec, sheet, rows(sheet))
        tables[spec.kind] = table
        issues.extend(table_issues)
    return SourceWorkbook(
        path, names, tables["contacts"], tables["interactions"], tables["settings"], issues
    )


def _synonyms(spec: SheetSpec) -> dict[str, Field]:
    return {norm_key(word): f for f in spec.fields for word in f.accepted}


def _header_score(spec: SheetSpec, row: list[Any]) -> int:
    synonyms = _synonyms(spec)
    return len({synonyms[k].key for cell in row if (k := norm_key(cell)) in synonyms})


def _named_sheet(spec: SheetSpec, names: list[str]) -> str | None:
    """The first sheet whose name is one of this kind's (`Contacts`, `People`...), if any."""
    wanted = {norm_key(n) for n in spec.names}
    return next((name for name in names if norm_key(name) in wanted), None)


def _pick_sheet(spec: SheetSpec, names: list[str], rows: Callable[[str], SheetRows]) -> str | None:
    """The sheet named for this kind, else the one whose header row matches best."""
    named = _named_sheet(spec, names)
    if named is not None:
        return named
    if spec is SETTINGS:
        return None
    # A sheet named for another kind (say "Interactions") is never taken for its headers.
    others = {
        norm_key(n) for s in (CONTACTS, INTERACTIONS, SETTINGS) if s is not spec for n in s.names
    }
    scored = [
        (max((_header_score(spec, r) for r in rows(n).head), default=0), n)
        for n in names
        if norm_key(n) not in others
    ]
    best = max(scored, default=(0, ""), key=lambda s: s[0])
    return best[1] if best[0] >= 2 else None


def _table(spec: SheetSpec, sheet: str, rows: SheetRows) -> tuple[Table, list[Issue]]:
    head = rows.head
    scores = [_header_score(spec, r) for r in head]
    header_index = max(range(len(scores)), key=scores.__getitem__) if scores else 0
    if spec is SETTINGS and (not scores or scores[header_index] < 2):
        # A Settings sheet is often bare key/value rows with no header at all.
        columns = [Column("A", "", "key"), Column("B", "", "value")]
        return Table(sheet, 0, tuple(columns), _frame(rows.take_from(0), columns, 1)), []
    if not scores or scores[header_index] == 0:
        # No known header at all: take the first non-empty row so the user's columns survive.
        header_index = next((i for i, r in enumerate(head) if any(_filled(c) for c in r)), 0)
    header = head[header_index] if head else []
    columns, issues = _map_columns(spec, sheet, header, header_index + 1)
    frame = _frame(rows.take_from(header_index + 1), columns, first_row=header_index + 2)
    table = Table(sheet, header_index + 1, tuple(columns), frame)
    issues.extend(_missing_columns(spec, table))
    return table, issues


def _filled(value: Any) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def _map_columns(
    spec: SheetSpec, sheet: str, header: list[Any], header_row: int
) -> tuple[list[Column], list[Issue]]:
    """Match headers to fields: exact header names first, then synonyms, first come first."""
    width = max((i + 1 for i, c in enumerate(header) if _filled(c)), default=0)
    texts = [str(c).strip() if _filled(c) else "" for c in header[:width]]
    exact = {norm_key(f.header): f for f in spec.fields}
    synonyms = _synonyms(spec)
    chosen: dict[int, Field] = {}
    claimed: dict[str, int] = {}
    for lookup in (exact, synonyms):
        for i, text in enumerate(texts):
            found = lookup.get(norm_key(text)) if text else None
            if found and i not in chosen and found.key not in claimed:
                chosen[i], claimed[found.key] = found, i
    issues = []
    columns = []
    for i, text in enumerate(texts):
        letter = column_letter(i)
        found = chosen.get(i)
        columns.append(Column(letter, text, found.key if found else None))
        twin = synonyms.get(norm_key(text)) if text and not found else None
        if twin is not None:
            issues.append(
                make_issue(
                    "duplicate-column",
                    sheet=sheet,
                    row=header_row,
                    column=columns[-1].label,
                    value=text,
                    field=twin.header,
                    used=column_letter(claimed[twin.key]),
                )
            )
    return columns, issues


def _frame(rows: Iterable[list[Any]], columns: list[Column], first_row: int) -> pd.DataFrame:
    """The table below the header: a column per header column, named by its letter, indexed
    by Excel row, blank rows left out. Built a chunk of rows at a time."""
    letters = [c.letter for c in columns]
    pieces: list[list[np.ndarray]] = [[] for _ in letters]
    count = 0
    for chunk in _chunks(rows, CHUNK_ROWS):
        count += len(chunk)
        if letters:
            block = pd.DataFrame(chunk, dtype=object)
            block = block.reindex(columns=range(len(letters)))  # the header's width
            for piece, values in zip(pieces, block.to_numpy().T, strict=True):
                piece.append(_cells(values))
    index = pd.RangeIndex(first_row, first_row + count)
    if not count or not letters:
        # No cells: the frame pandas makes of no rows (float columns) or of no columns.
        empty = pd.DataFrame([[]] * count, dtype=object).reindex(columns=range(len(letters)))
        empty.columns, empty.index = pd.Index(letters), index
        return empty
    cells = {letter: np.concatenate(piece) for letter, piece in zip(letters, pieces, strict=True)}
    frame = pd.DataFrame(cells, index=index, dtype=object)
    return frame[frame.notna().any(axis=1)]


def _chunks(rows: Iterable[list[Any]], size: int) -> Iterator[list[list[Any]]]:
    """Rows `size` at a time, so a sheet becomes columns without all its rows as lists."""
    rows = iter(rows)
    while chunk := list(itertools.islice(rows, size)):
        yield chunk


BLANK_TEXT, NOT_FINITE = "blank", "not finite"
# Values equal only to values of their own type and content, so that one object can stand for
# every cell holding an equal one (1, 1.0 and True are equal in Python, and so are not shared).
SHARED_TYPES = (str, dt.datetime, dt.date)


def _cells(values: np.ndarray) -> np.ndarray:
    """One column's raw cells: whitespace-only text blank (None), a number no float can hold
    as its text, and equal text or dates one shared object.

    calamine makes an object per cell; a column repeats itself (fields, companies, dates), so
    sharing them saves most of the memory a large sheet takes, and makes later passes over
    the column faster (equal objects are then identical)."""
    codes, uniques = pd.factorize(values)
    kept = np.empty(len(uniques) + 1, dtype=object)  # the last entry: for blank cells (code -1)
    shared = np.zeros(len(uniques) + 1, dtype=bool)
    for i, value in enumerate(uniques):
        odd = _odd_cell(value)
        if odd == BLANK_TEXT:
            kept[i], shared[i] = None, True
        elif odd == NOT_FINITE:
            kept[i], shared[i] = str(value), True
        elif type(value) in SHARED_TYPES:
            kept[i], shared[i] = value, True
    out: np.ndarray = np.where(shared[codes], kept[codes], values)
    return out


def _odd_cell(value: object) -> str | None:
    """Whitespace-only text, which is blank to a person; and a number no float can hold (a
    damaged or hostile file's 1E+999 reads as infinity), kept as the text "inf" so that it is
    reported and shown, never computed with."""
    if isinstance(value, str):
        return None if value.strip() else BLANK_TEXT
    if isinstance(value, float) and not math.isfinite(value):
        return NOT_FINITE
    return None


def _missing_columns(spec: SheetSpec, table: Table) -> list[Issue]:
    present = {c.field for c in table.columns}
    issues = []
    for f in spec.fields:
        if not f.required or f.key in present:
            continue
        if spec is CONTACTS and f.key == "name" and {"first_name", "last_name"} & present:
            continue
        unmatched = [c.header for c in table.columns if c.field is None and c.header]
        issues.append(
            make_issue(
                "missing-column",
                sheet=table.sheet,
                row=table.header_row,
                field=f.header,
                synonyms=", ".join(f.synonyms),
                did_you_mean=_rename_hint(f, unmatched),
            )
        )
    if spec is INTERACTIONS and not {"contact", "email"} & present:
        unmatched = [c.header for c in table.columns if c.field is None and c.header]
        contact = spec.field("contact")
        issues.append(
            make_issue(
                "missing-column",
                sheet=table.sheet,
                row=table.header_row,
                field=contact.header,
                synonyms=", ".join((*contact.synonyms, "Email")),
                did_you_mean=_rename_hint(contact, unmatched),
            )
        )
    return issues


def _rename_hint(f: Field, headers: list[str]) -> str:
    near = closest(f, headers)
    return f" Column '{near}' looks close: rename it to '{f.header}'." if near else ""


def closest(f: Field, headers: list[str]) -> str | None:
    """The user's header that most resembles one of the field's accepted names."""
    import difflib

    best: tuple[float, str | None] = (0.0, None)
    for header in headers:
        for word in f.accepted:
            ratio = difflib.SequenceMatcher(None, norm_key(header), norm_key(word)).ratio()
            if ratio > best[0]:
                best = (ratio, header)
    return best[1] if best[0] >= 0.75 else None
