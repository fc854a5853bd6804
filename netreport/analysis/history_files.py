"""The history's CSV files as people leave them: read leniently, set aside when not understood.

The history folder is meant to be opened in Excel, so its files come back re-saved: with US or
European dates, semicolons between the values, in Windows-1252, emptied by a sync tool, with a
column deleted. They are read through the project's one CSV rule (`netreport.read.csv`: the
encoding and the separator) and its one date rule (`netreport.cells`). A file that cannot be
understood whole is never deleted or written over: `set_aside` renames it beside itself
(`runs.damaged-YYYYMMDD-HHMMSS.csv`), and the history goes on from what could be read.

Every text cell is written in its CSV-safe form (`netreport.formulas.csv_safe`: an apostrophe
before formula-like text) and read back through its inverse, so names compare week to week.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from netreport.analysis.result import RunSummary
from netreport.atomic import write_atomically
from netreport.cells import evident_day_first, parse_dates, parse_yes_no
from netreport.formulas import CSV_ESCAPED, CSV_QUOTE, csv_safe, from_csv_safe
from netreport.issues import plural
from netreport.read.csv import csv_delimiter, decode_text
from netreport.schema import CATEGORIES

ENCODING = "utf-8-sig"  # a byte-order mark, so that Excel shows accents
RUN_COLUMNS = [
    "as_of",
    "contacts",
    *CATEGORIES,
    "score",
    "overdue",
    "outreach",
    "errors",
    "warnings",
]
SNAPSHOT_COLUMNS = ["key", "name", "category", "effective_last", "in_outreach"]
COMPARED = ["key", "name", "category", "in_outreach"]  # what `compare` reads of a snapshot

# A whole number as a spreadsheet may write it back: 58, 58.0, 58,0 (a decimal comma). At
# most 15 digits, as many as a spreadsheet keeps: a longer one is damage, not a count (and
# Python refuses to read more than 4,300 digits as a number).
_WHOLE = re.compile(r"[+-]?\d{1,15}(?:[.,]0*)?")
_SPACES = str.maketrans("", "", " \t\u00a0\u202f\ufeff")


class Damaged(Exception):
    """A history file that cannot be understood; the message says why, in words."""


@dataclass(frozen=True)
class Runs:
    """What `runs.csv` holds: the runs read, and why the file cannot be kept as it is (None when
    it is whole or absent). Rewriting a file with a problem would lose what was not read."""

    runs: list[RunSummary]
    problem: str | None = None


def read_table(path: Path) -> tuple[pd.DataFrame, str]:
    """A CSV file as text columns named by its header (its first row with a value in it, the
    names trimmed and in lower case), each cell as it was before `csv_safe`, blank rows kept;
    and the file's separator. Raises Damaged when it is not a table."""
    text = decode_text(Path(path).read_bytes())
    delimiter = csv_delimiter(text)
    grid = _grid(text, delimiter)
    top = next((i for i, row in enumerate(grid.itertuples(index=False)) if any(row)), None)
    if top is None:
        raise Damaged("it is empty")
    header = [_name(str(cell)) for cell in grid.iloc[top]]
    body = grid.iloc[top + 1 :].reset_index(drop=True)
    if _added_quotes(text, delimiter):
        body = body.apply(_unescaped)
    named: dict[str, pd.Series] = {}
    for position, name in enumerate(header):
        named.setdefault(name or f"column {position + 1}", body[position])
    return pd.DataFrame(named, index=body.index, dtype=object), delimiter


def _grid(text: str, delimiter: str) -> pd.DataFrame:
    """Every row of the file (its decoded `text`) as str cells, short rows padded with ""
    (pandas' parser, else the csv module's when rows have different lengths)."""
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=delimiter,
            header=None,
            dtype=object,
            na_filter=False,
            skip_blank_lines=True,
        )
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except pd.errors.ParserError:
        pass
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:  # a value longer than the csv module's limit
        raise Damaged(f"it cannot be read as a CSV table: {exc}") from exc
    width = max(map(len, rows), default=0)
    return pd.DataFrame([[*r, *[""] * (width - len(r))] for r in rows], dtype=object)


def _added_quotes(text: str, delimiter: str) -> bool:
    """Whether a cell may start with an apostrophe `csv_safe` added: one at the start of the
    text, of a line, after a separator or after the quote that opens a quoted value. Most
    files have none, and are spared looking at every cell."""
    at = text.find(CSV_QUOTE)
    while at != -1:
        if at == 0 or text[at - 1] in ("\n", "\r", delimiter, '"'):
            return True
        at = text.find(CSV_QUOTE, at + 1)
    return False


def _unescaped(column: pd.Series) -> pd.Series:
    return _marked(column, (CSV_QUOTE,), from_csv_safe)


def _marked(column: pd.Series, starts: tuple[str, ...], change: Callable[[str], str]) -> pd.Series:
    """`column` with `change` applied to its texts that start with one of `starts` (a loop
    over plain values: pandas' string methods take twice as long on a million)."""
    values = column.to_numpy(dtype=object, copy=True)
    found = (isinstance(v, str) and v.startswith(starts) for v in values)
    marked = np.fromiter(found, bool, len(values))
    values[marked] = [change(v) for v in values[marked]]
    return pd.Series(values, index=column.index, dtype=object)


def read_runs(path: Path) -> Runs:
    """The runs in `runs.csv`, whatever program saved it last; the file absent: none.

    A row is kept when its date and every figure can be read; the file has a problem when it
    cannot be read at all, misses a column, or holds anything not kept (a row not read, a date
    twice, a column netreport does not write), since writing it anew would lose that."""
    path = Path(path)
    if not path.is_file():
        return Runs([])
    try:
        table, delimiter = read_table(path)
    except Damaged as exc:
        return Runs([], str(exc))
    table = table[table.apply(lambda column: column.str.strip().ne("")).any(axis=1)]
    problem = _missing(list(table.columns), [c.casefold() for c in RUN_COLUMNS])
    if problem is not None:
        return Runs([], problem)
    table = table.rename(columns={c.casefold(): c for c in RUN_COLUMNS})
    # Day first where the separator is a semicolon (Excel's CSV where the decimal mark is a
    # comma, in Europe), unless the dates themselves show their order.
    dates = _dates(table["as_of"], True if delimiter == ";" else None)
    figures = pd.DataFrame({c: table[c].map(_whole_number) for c in RUN_COLUMNS[1:]})
    readable = dates.notna() & figures.notna().all(axis=1)
    runs: dict[dt.date, RunSummary] = {}
    for when, row in zip(dates[readable], figures[readable].to_dict("records"), strict=True):
        runs[when] = _summary(when, row)
    problems = []
    if not readable.all():
        problems.append(f"{plural(int((~readable).sum()), 'row')} of {len(table)} cannot be read")
    if len(runs) < int(readable.sum()):
        problems.append("a report date is there twice")
    extra = [c for c in table.columns if c not in RUN_COLUMNS and _filled(table[c])]
    if extra:
        problems.append(f"it has a column netreport does not write ({', '.join(extra)})")
    return Runs(sorted(runs.values(), key=lambda r: r.as_of), "; ".join(problems) or None)


def read_snapshot(path: Path) -> pd.DataFrame:
    """A snapshot's `key`, `name`, `category` and `in_outreach` (a boolean) columns, rows
    without a key left out. Raises Damaged when it is not a table or misses one of them."""
    table, _ = read_table(path)
    problem = _missing(list(table.columns), COMPARED)
    if problem is not None:
        raise Damaged(problem)
    frame = table[COMPARED][table["key"].ne("")]
    listed = parse_yes_no(frame["in_outreach"])  # blank: not listed
    return frame.assign(in_outreach=listed.values.fillna(False).astype(bool))


def snapshot_problem(path: Path) -> str | None:
    """Why `read_snapshot` would refuse the file, found from its header alone; None when it
    would not."""
    text = decode_text(Path(path).read_bytes())
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=csv_delimiter(text))
    try:
        header = next((row for row in rows if any(row)), None)
    except csv.Error as exc:
        return f"it cannot be read as a CSV table: {exc}"
    if header is None:
        return "it is empty"
    return _missing([_name(cell) for cell in header], COMPARED)


def write_table(path: Path, frame: pd.DataFrame) -> None:
    """Write `frame` atomically as a CSV that Excel opens with accents and without formulas."""
    safe = frame.copy()
    for name in safe.columns:
        if safe[name].dtype == object or isinstance(safe[name].dtype, pd.StringDtype):
            safe[name] = _marked(safe[name], CSV_ESCAPED, csv_safe)
    write_atomically(path, lambda temp: safe.to_csv(temp, index=False, encoding=ENCODING))


def set_aside(path: Path, now: dt.datetime) -> Path:
    """Rename `path` to `<stem>.damaged-YYYYMMDD-HHMMSS<suffix>` beside it (never over another
    file: `-2`, `-3`... when that name is taken) and return the new path. The caller holds the
    history's lock, so no other run takes the name between the look and the rename."""
    path = Path(path)
    base = f"{path.stem}.damaged-{now:%Y%m%d-%H%M%S}"
    target, number = path.with_name(base + path.suffix), 1
    while target.exists():
        number += 1
        target = path.with_name(f"{base}-{number}{path.suffix}")
    os.rename(path, target)
    return target


def _dates(column: pd.Series, hint: bool | None) -> pd.Series:
    """Report dates in any form `netreport.cells` reads (2026-11-23, 11/23/2026, 23.11.2026...):
    the order shown by the dates themselves, else `hint`. NaT where a cell is not a date."""
    text = column.str.strip()
    text = text.where(text.ne(""), None)
    evident = evident_day_first([text])
    parsed = parse_dates(text, hint if evident is None else evident).values
    return parsed.map(lambda t: None if pd.isna(t) else t.date())


def _name(cell: str) -> str:
    """A column's name as matched: without spaces or byte-order marks, in lower case."""
    return cell.translate(_SPACES).casefold()


def _missing(columns: list[str], needed: list[str]) -> str | None:
    absent = [c for c in needed if c not in columns]
    if not absent:
        return None
    return f"it has no {', '.join(absent)} column{'s' if len(absent) > 1 else ''}"


def _whole_number(text: str) -> int | None:
    cleaned = text.translate(_SPACES)
    if not _WHOLE.fullmatch(cleaned):
        return None
    return int(re.split(r"[.,]", cleaned)[0])


def _summary(when: dt.date, row: dict[Hashable, Any]) -> RunSummary:
    return RunSummary(
        as_of=when,
        contacts=int(row["contacts"]),
        by_category={c: int(row[c]) for c in CATEGORIES},
        score=int(row["score"]),
        overdue=int(row["overdue"]),
        outreach=int(row["outreach"]),
        errors=int(row["errors"]),
        warnings=int(row["warnings"]),
    )


def _filled(column: pd.Series) -> bool:
    return bool(column.str.strip().ne("").any())
