"""A sheet's rows, read as they are needed and turned into columns a chunk at a time."""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from netreport.read.model import Column

HEADER_SEARCH_ROWS = 20
CHUNK_ROWS = 65_536  # rows turned into columns at a time: never a whole sheet of lists


@dataclass
class SheetRows:
    """A sheet's rows as lists of raw values ("" where a cell is empty; row 0 is Excel's row
    1), read as they are needed: the first few to find the header row, the rest once, straight
    into the table's columns. A million-row sheet so never exists as a million Python lists."""

    head: list[list[Any]]
    rest: Iterator[list[Any]]
    # Merged ranges as ((first row, first column), (last row, last column)), 0-based.
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    @classmethod
    def of(cls, sheet: Any) -> SheetRows:
        """The rows of a calamine sheet, and its merged ranges."""
        merged = list(getattr(sheet, "merged_cell_ranges", None) or [])
        if getattr(sheet, "start", None) == (0, 0) and hasattr(sheet, "iter_rows"):
            rows = iter(sheet.iter_rows())
        else:
            # Only to_python pads a sheet that starts below or right of A1 back to A1 (and an
            # older python-calamine may have no iter_rows).
            rows = iter(sheet.to_python(skip_empty_area=False))
        return cls(list(itertools.islice(rows, HEADER_SEARCH_ROWS)), rows, merged)

    @classmethod
    def of_list(cls, grid: list[list[Any]]) -> SheetRows:
        """Rows already in memory (a CSV's, or a sheet read whole)."""
        return cls(grid[:HEADER_SEARCH_ROWS], iter(grid[HEADER_SEARCH_ROWS:]))

    def take_from(self, index: int) -> Iterator[list[Any]]:
        """The rows from row `index` on; the rest of the sheet can be taken only once (and
        calamine's copy of it is let go as soon as it has been read)."""
        rest, self.rest = self.rest, iter(())
        return itertools.chain(self.head[index:], rest)


def to_frame(rows: Iterable[list[Any]], columns: list[Column], first_row: int) -> pd.DataFrame:
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
