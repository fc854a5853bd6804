"""Reading a workbook with calamine (a Rust reader that keeps cell types, cached formula
results and the 1904 date system, about ten times faster than openpyxl). Values come back
raw; typing them is the validator's job.

Each .xlsx sheet is surveyed before calamine reads it (`survey`): a sheet with values far from
its table is read without them, and error cells, which calamine reads as blank, are reported."""

from __future__ import annotations

import io
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

from netreport.errors import WorkbookError
from netreport.issues import Issue, make_issue
from netreport.limits import (
    DEFAULT_MAX_UNZIPPED_BYTES,
)
from netreport.read.csv import read_csv
from netreport.read.headers import find_tables, named_sheet
from netreport.read.model import SourceWorkbook, Table, column_letter
from netreport.read.rows import SheetRows
from netreport.read.sniff import sniff
from netreport.read.survey import SheetSurvey, sheet_parts, survey_sheet, without_strays
from netreport.schema import (
    CONTACTS,
    INTERACTIONS,
    REPORT_SHEET_PREFIX,
)


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
        with zipfile.ZipFile(path) as archive:
            parts = sheet_parts(archive)
        surveys: dict[str, SheetSurvey] = {}
        book = CalamineWorkbook.from_path(str(path))
        names = list(book.sheet_names)
        sheets: dict[str, SheetRows] = {}
        # calamine parses a sheet without holding the GIL, so the Contacts and Interactions
        # sheets are parsed side by side, each from its own handle on the file (one handle
        # cannot serve two threads).
        with ThreadPoolExecutor(max_workers=2) as pool:
            ahead = {
                name: pool.submit(_parse_sheet, path, name, parts.get(name), surveys)
                for name in _named_sheets(names)
            }

            def rows(name: str) -> SheetRows:
                if name not in sheets:
                    early = ahead.pop(name, None)
                    parsed = (
                        early.result()
                        if early
                        else _parse_sheet(path, name, parts.get(name), surveys, book)
                    )
                    sheets[name] = SheetRows.of(parsed)
                return sheets[name]

            source = find_tables(path, names, rows)
        source.issues.extend(survey_issues(source, surveys))
        source.issues.extend(skip_totals_rows(source, surveys))
        return source
    except PasswordError as exc:
        raise WorkbookError(
            path,
            "is protected with a password.",
            "Remove the password in Excel and save, then run netreport again.",
        ) from exc
    except (CalamineError, ValueError, OSError, zipfile.BadZipFile) as exc:
        raise WorkbookError(
            path,
            f"cannot be read as a workbook ({exc}).",
            "Open it in Excel or LibreOffice and save it again as .xlsx.",
        ) from exc


def _parse_sheet(
    path: Path,
    name: str,
    part: str | None,
    surveys: dict[str, SheetSurvey],
    book: Any = None,
) -> Any:
    """One sheet parsed by calamine, after its XML was surveyed (an .xlsx sheet); without
    `book`, from its own handle on the file, so that two sheets can be parsed at once on two
    threads (calamine lets go of the GIL while it parses)."""
    from python_calamine import CalamineWorkbook

    if part is not None:
        with zipfile.ZipFile(path) as archive:
            survey = surveys[name] = survey_sheet(archive, part)
        if survey.kept is not None:
            data = without_strays(str(path), part, survey.kept)
            return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(name)
    if book is None:
        book = CalamineWorkbook.from_path(str(path))
    return book.get_sheet_by_name(name)


def survey_issues(source: SourceWorkbook, surveys: dict[str, SheetSurvey]) -> list[Issue]:
    """The surveys' findings on the sheets read as tables: each error cell at or below the
    header row, and each far-away cell left out."""
    issues = []
    for table in (source.contacts, source.interactions, source.settings):
        survey = surveys.get(table.sheet) if table is not None else None
        if table is None or survey is None:
            continue
        for cell in survey.strays:
            issues.append(
                make_issue(
                    "stray-cell",
                    sheet=table.sheet,
                    row=cell.row,
                    column=column_letter(cell.column),
                    value=cell.value,
                    cell=cell.address,
                )
            )
        for cell in survey.errors:
            if cell.row >= table.header_row:
                issues.append(
                    make_issue(
                        "error-value",
                        sheet=table.sheet,
                        row=cell.row,
                        column=_label(table, cell.column),
                        value=cell.value,
                        cell=cell.address,
                    )
                )
    return issues


def skip_totals_rows(source: SourceWorkbook, surveys: dict[str, SheetSurvey]) -> list[Issue]:
    """Take out of each table the rows its Excel table declares as its totals row (the same
    table: its header row is the one found), each noted as not a contact. A typed "Total"
    row is told by its words later (`netreport.check.validate.people_only`); this one may
    hold only a count under the notes, with nothing at all where the name goes."""
    issues = []
    for kind in ("contacts", "interactions"):
        table: Table | None = getattr(source, kind)
        survey = surveys.get(table.sheet) if table is not None else None
        if table is None or survey is None:
            continue
        totals = {
            t.row: t.table
            for t in survey.totals
            if t.header_row == table.header_row and t.row in table.frame.index
        }
        if not totals:
            continue
        first = table.frame.iloc[:, 0] if len(table.frame.columns) else None
        for row, name in sorted(totals.items()):
            issues.append(
                make_issue(
                    "not-a-contact",
                    sheet=table.sheet,
                    row=row,
                    value=None if first is None else first.get(row),
                    what=f"the totals row of the Excel table '{name}'",
                )
            )
        setattr(source, kind, replace(table, frame=table.frame.drop(index=list(totals))))
    return issues


def _label(table: Table, column: int) -> str:
    letter = column_letter(column)
    return next((c.label for c in table.columns if c.letter == letter), letter)


def _named_sheets(names: list[str]) -> list[str]:
    """The sheets that Contacts and Interactions will be read from when a sheet is named for
    them, as `_pick_sheet` finds them: the ones worth parsing before they are asked for. Were
    the two to disagree, the result would not change: a sheet would be parsed for nothing, or
    only when asked for."""
    taken = {n for n in names if n.startswith(REPORT_SHEET_PREFIX)}
    found = []
    for spec in (CONTACTS, INTERACTIONS):
        name = named_sheet(spec, [n for n in names if n not in taken])
        if name is not None:
            found.append(name)
            taken.add(name)
    return found
