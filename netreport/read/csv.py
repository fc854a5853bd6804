"""Text files: a `.csv` of contacts read as a Contacts sheet, and the one rule for how a CSV
is decoded and split (the importers read exports through it too)."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netreport.errors import WorkbookError
from netreport.issues import Issue, make_issue
from netreport.read.headers import sheet_table
from netreport.read.model import SourceWorkbook
from netreport.read.rows import SheetRows
from netreport.read.sniff import TEXT_SAMPLE, UTF16_BOMS, utf16_without_bom
from netreport.schema import (
    CONTACTS,
)

CSV_DELIMITERS = ",;\t"


def read_csv(path: Path) -> SourceWorkbook:
    """A CSV of contacts as a workbook of one Contacts sheet, named after the file as Excel
    names it. Row numbers are the rows Excel shows when it opens the file (the line numbers,
    unless a quoted value spans lines)."""
    path = Path(path)
    decoded = decode_csv(path.read_bytes())
    text = decoded.text
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
    contacts, issues = sheet_table(CONTACTS, sheet, SheetRows.of_list(grid))
    issues = [*encoding_issues(decoded, sheet), *issues]
    return SourceWorkbook(path, [sheet], contacts, None, None, issues)


# The code pages spreadsheet programs write a CSV in when it is not UTF-8: the Windows
# "ANSI" code page of the computer's language (Excel's "CSV (Comma delimited)") and Mac Roman
# (Excel for Mac before 2016), in the order preferred when the bytes fit several equally well:
# Windows-1252 first, the most common. Thai (Windows-874) is left out: charset-normalizer
# takes Chinese names for Thai.
LEGACY_ENCODINGS = {
    "cp1252": "Windows-1252 (Western European)",
    "mac_roman": "Mac Roman",
    "cp932": "Shift-JIS (Japanese)",
    "gb18030": "GB18030 (Chinese)",
    "cp950": "Big5 (Chinese)",
    "cp949": "Windows-949 (Korean)",
    "cp1250": "Windows-1250 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "cp1253": "Windows-1253 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1257": "Windows-1257 (Baltic)",
    "cp1258": "Windows-1258 (Vietnamese)",
}
DEFAULT_LEGACY = "cp1252"
# Fewer bytes outside ASCII than this are too few to judge a code page by ("€ Zoë" fits
# Cyrillic as well): they are read as Windows-1252.
MIN_EVIDENCE = 4
# How close two readings must be to count as equally good, on charset-normalizer's scales of
# 0 to 1: "chaos" (how much the text looks like garbage) and "coherence" (how much its
# letters look like a language).
CHAOS_MARGIN = 0.005
COHERENCE_MARGIN = 0.02
_ASCII = bytes(range(128))
# How much of a file the code page is judged from (judging reads the bytes in every code page).
DETECT_SAMPLE = 1024 * 1024


@dataclass(frozen=True)
class DecodedText:
    """A text file's characters and how its bytes were read: all in `encoding`, except the
    `other_lines` (1-based line numbers) of a UTF-8 file that were not UTF-8, which were read
    in `other_encoding`."""

    text: str
    encoding: str
    other_lines: tuple[int, ...] = ()
    other_encoding: str | None = None

    @property
    def legacy(self) -> str | None:
        """The code page (not a Unicode encoding) some or all of the file was read in."""
        if self.other_lines:
            return self.other_encoding
        return self.encoding if self.encoding in (*LEGACY_ENCODINGS, "latin-1") else None

    def note(self) -> dict[str, str] | None:
        """What was not UTF-8 (`what`: "The file is", "Lines 7 and 9 are"), the code page it
        was read in, named for people (`named`), and how the rest was read (`rest`), to fill
        the `text-encoding` message; None when the whole file was UTF-8 or UTF-16."""
        legacy = self.legacy
        if legacy is None:
            return None
        named = LEGACY_ENCODINGS.get(legacy, "Latin-1" if legacy == "latin-1" else legacy)
        if not self.other_lines:
            return {"what": "The file is", "named": named, "rest": ""}
        shown = [str(n) for n in self.other_lines[:10]]
        more = len(self.other_lines) - len(shown)
        if more:
            listed = f"{', '.join(shown)} and {more} more"
        elif len(shown) > 1:
            listed = f"{', '.join(shown[:-1])} and {shown[-1]}"
        else:
            listed = shown[0]
        what = f"Line {listed} is" if len(self.other_lines) == 1 else f"Lines {listed} are"
        return {"what": what, "named": named, "rest": "; the other lines as UTF-8"}


def decode_csv(data: bytes) -> DecodedText:
    """The one rule for reading a text file's bytes, tried in this order: UTF-16 with its
    byte-order mark or without it; UTF-8 (with its mark or without) when every line is
    UTF-8; a UTF-8 file with a few lines that are not (say one pasted from an old file) keeps
    its UTF-8 lines and reads the others in the code page charset-normalizer finds for them;
    a file with no UTF-8 line at all is read in the code page charset-normalizer finds for it
    (Shift-JIS from Japanese Excel, Mac Roman, Windows-1252...)."""
    if data.startswith(UTF16_BOMS):
        return DecodedText(data.decode("utf-16", errors="replace"), "utf-16")
    bare = utf16_without_bom(data[:TEXT_SAMPLE])
    if bare:
        return DecodedText(data.decode(bare, errors="replace"), bare)
    marked = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if marked else data
    unicode = "utf-8-sig" if marked else "utf-8"
    try:
        return DecodedText(body.decode("utf-8"), unicode)
    except UnicodeDecodeError:
        pass
    # A byte-order mark says the file was written as UTF-8; else a whole line that is not
    # ASCII must be UTF-8. Lines are looked at only when some character reads as UTF-8 (the
    # bytes that do not become U+FFFD), which a file in a Western code page seldom has.
    lines: list[bytes] = []
    if marked or not body.decode("utf-8", errors="replace").replace("\ufffd", "").isascii():
        lines = body.splitlines(keepends=True)
    pieces: list[str | None] = []
    utf8 = marked
    for line in lines:
        try:
            pieces.append(line.decode("utf-8"))
            utf8 = utf8 or not line.isascii()
        except UnicodeDecodeError:
            pieces.append(None)
    if not utf8:
        encoding = legacy_encoding(data)
        return DecodedText(data.decode(encoding, errors="replace"), encoding)
    odd = [index for index, piece in enumerate(pieces) if piece is None]
    encoding = legacy_encoding(b"".join(lines[index] for index in odd))
    text = "".join(
        lines[index].decode(encoding, errors="replace") if piece is None else piece
        for index, piece in enumerate(pieces)
    )
    return DecodedText(text, unicode, tuple(index + 1 for index in odd), encoding)


def legacy_encoding(data: bytes) -> str:
    """The code page (one of LEGACY_ENCODINGS) that reads `data` best, as charset-normalizer
    judges it: the readings that look least like garbage, then the most like a language, and
    among equally good ones the first in LEGACY_ENCODINGS. Too few bytes outside ASCII to
    judge by, or none that fits: Windows-1252, else Latin-1 (which reads any bytes)."""
    from charset_normalizer import from_bytes

    sample = data[:DETECT_SAMPLE]
    if len(sample) < len(data):
        sample = sample[: sample.rfind(b"\n") + 1] or sample
    matches = []
    if len(sample.translate(None, _ASCII)) >= MIN_EVIDENCE:
        matches = list(from_bytes(sample, cp_isolation=list(LEGACY_ENCODINGS)))
    if not matches:
        try:
            data.decode(DEFAULT_LEGACY)
        except UnicodeDecodeError:
            return "latin-1"
        return DEFAULT_LEGACY
    clean = min(m.chaos for m in matches) + CHAOS_MARGIN
    near = [m for m in matches if m.chaos <= clean]
    coherent = max(m.coherence for m in near) - COHERENCE_MARGIN
    fits = {e for m in near if m.coherence >= coherent for e in m.could_be_from_charset}
    return next((e for e in LEGACY_ENCODINGS if e in fits), near[0].encoding)


def text_encoding(data: bytes) -> str:
    """The one codec that reads the whole file (`decode_csv`'s): for a UTF-8 file with some
    lines in a code page, that code page, as no single codec reads both; `decode_csv` reads
    such a file line by line."""
    decoded = decode_csv(data)
    if decoded.other_lines and decoded.encoding == "utf-8" and decoded.other_encoding:
        return decoded.other_encoding
    return decoded.encoding


def decode_text(data: bytes) -> str:
    """The text of a CSV file, read as `decode_csv` reads it."""
    return decode_csv(data).text


def encoding_issues(decoded: DecodedText, sheet: str) -> list[Issue]:
    """A note when some or all of the file was read in a code page rather than UTF-8, so that
    the owner can tell whether the names came out right."""
    note = decoded.note()
    if note is None:
        return []
    return [
        make_issue(
            "text-encoding",
            sheet=sheet,
            value=decoded.legacy,
            what=note["what"],
            named=note["named"],
            rest=note["rest"],
        )
    ]


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
