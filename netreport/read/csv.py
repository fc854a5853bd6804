"""Text files: a `.csv` of contacts read as a Contacts sheet, and the one rule for how a CSV
is decoded and split (the importers read exports through it too)."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Any

from netreport.errors import WorkbookError
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
    contacts, issues = sheet_table(CONTACTS, sheet, SheetRows.of_list(grid))
    return SourceWorkbook(path, [sheet], contacts, None, None, issues)


def text_encoding(data: bytes) -> str:
    """How Excel and LibreOffice save a CSV, tried in this order: UTF-8 with a byte-order mark
    ("utf-8-sig"), UTF-16 with its mark, UTF-16 without it ("utf-16-le" or "utf-16-be"),
    UTF-8, Windows-1252, else Latin-1 (any bytes)."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith(UTF16_BOMS):
        return "utf-16"
    bare = utf16_without_bom(data[:TEXT_SAMPLE])
    if bare:
        return bare
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    return "latin-1"


def decode_text(data: bytes) -> str:
    """The text of a CSV file, in the encoding `text_encoding` finds."""
    return data.decode(text_encoding(data), errors="replace")


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
