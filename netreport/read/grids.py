"""Every cell value of a workbook's sheets, to compare a workbook before and after netreport
writes into it (write-back, import).

A sheet is read by calamine as a grid from A1. A sheet with a value far from the rest (one
left in XFD1048576) would be a grid of billions of cells, so, as the reader does, its XML is
surveyed first: the grid is read without the far-away values, and they are listed apart,
under the key `"<sheet> (far-away cells)"` as `[address, value]` rows, so a comparison still
sees them.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from netreport.read.survey import sheet_parts, survey_sheet, without_strays

FAR_AWAY = "(far-away cells)"


def read_grids(path: Path, names: list[str] | None = None) -> dict[str, list[list[Any]]]:
    """Each sheet's cell values from A1 (empty cells are ""), or only the sheets `names`."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    wanted = [n for n in book.sheet_names if names is None or n in names]
    with zipfile.ZipFile(path) as archive:
        parts = sheet_parts(archive)
        surveys = {n: survey_sheet(archive, parts[n]) for n in wanted if n in parts}
    grids: dict[str, list[list[Any]]] = {}
    for name in wanted:
        survey = surveys.get(name)
        if survey is None or survey.kept is None:
            sheet = book.get_sheet_by_name(name)
            grids[name] = sheet.to_python(skip_empty_area=False)
            continue
        data = without_strays(str(path), parts[name], survey.kept)
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(name)
        grids[name] = sheet.to_python(skip_empty_area=False)
        grids[f"{name} {FAR_AWAY}"] = [[cell.address, cell.value] for cell in survey.strays]
    return grids


def blanked(grid: list[list[Any]], cells: Iterable[tuple[int, str]]) -> list[list[Any]]:
    """A copy of `grid` with `cells` ((Excel row, column letter)) blank: what a check compares
    when those cells are meant to change, or cannot be read back (a formula's value)."""
    rows = [list(r) for r in grid]
    for row, letter in cells:
        column = column_index(letter)
        rows.extend([] for _ in range(row - len(rows)))
        values = rows[row - 1]
        values.extend("" for _ in range(column + 1 - len(values)))
        values[column] = ""
    return rows


def column_index(letter: str) -> int:
    """A column letter's 0-based index ('A' is 0, 'AA' is 26)."""
    index = 0
    for char in letter.upper():
        index = index * 26 + ord(char) - 64
    return index - 1
