"""What reading a workbook finds: its tables, their columns, and the file they came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from netreport.issues import Issue


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
        """The field's cells; where several columns hold it, their texts joined by '; '."""
        letters = [c.letter for c in self.columns if c.field == key]
        if len(letters) <= 1:
            return self.frame[letters[0]] if letters else None
        joined: pd.Series | None = None
        for letter in letters:
            raw = self.frame[letter]
            text = raw.astype(str).str.strip().where(raw.notna())
            text = text.where(text.ne(""))
            if joined is None:
                joined = text
            else:
                both = joined.notna() & text.notna()
                joined = joined.where(joined.notna(), text).mask(both, joined + "; " + text)
        return joined


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
