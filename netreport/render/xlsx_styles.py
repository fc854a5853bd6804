"""The report workbook's cell formats, made once per workbook, and the one way the report
writes a string cell (formula-like text kept as text)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from netreport.formulas import looks_like_formula
from netreport.render.palette import ACCENT, CATEGORY_COLOURS, DUE_SOON, MUTED, OVERDUE
from netreport.render.xlsx_stream import cell_styles

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


class ReportStyles:
    """The formats a report uses, made once per workbook."""

    def __init__(self, book: Any) -> None:
        add = book.add_format
        self.text = add({"valign": "top"})
        self.quoted = add({"valign": "top", "quote_prefix": True})
        self.wrap = add({"valign": "top", "text_wrap": True})
        self.wrap_quoted = add({"valign": "top", "text_wrap": True, "quote_prefix": True})
        self.date = add({"valign": "top", "num_format": DATE_FORMAT, "align": "left"})
        self.datetime = add({"valign": "top", "num_format": DATETIME_FORMAT, "align": "left"})
        # Centred: a right-aligned number runs into the name beside it ("1 Camila").
        self.integer = add({"valign": "top", "num_format": "0", "align": "center"})
        self.number = add({"valign": "top"})
        link = {"valign": "top", "font_color": "#0B57D0", "underline": 1}
        self.link = add(link)
        self.link_quoted = add({**link, "quote_prefix": True})
        self.title = add({"bold": True, "font_size": 18, "font_color": ACCENT})
        self.subtitle = add({"font_color": MUTED, "italic": True})
        self.heading = add(
            {
                "bold": True,
                "font_size": 13,
                "font_color": ACCENT,
                "bottom": 1,
                "bottom_color": ACCENT,
            }
        )
        self.label = add(
            {"font_color": MUTED, "font_size": 9, "text_wrap": True, "valign": "bottom"}
        )
        self.figure = add({"bold": True, "font_size": 20, "align": "left"})
        self.percent = add({"num_format": "0%", "align": "center"})
        self.points = add({"num_format": "0.0", "align": "center"})
        self.centre = add({"align": "center"})
        self.bold_centre = add({"bold": True, "align": "center"})
        self.bold = add({"bold": True})
        self.muted_wrap = add({"font_color": MUTED, "text_wrap": True, "valign": "top"})
        self.overdue = add({"bg_color": OVERDUE.fill, "font_color": OVERDUE.text})
        self.soon = add({"bg_color": DUE_SOON.fill, "font_color": DUE_SOON.text})
        self.error = add({"font_color": OVERDUE.text, "bold": True, "valign": "top"})
        self.warning = add({"font_color": DUE_SOON.text, "valign": "top"})
        self.category = {
            c: add({"bg_color": s.fill, "font_color": s.text, "valign": "top"})
            for c, s in CATEGORY_COLOURS.items()
        }
        # The data cells are written outside XlsxWriter (see xlsx_stream), so their formats
        # are given their style indices now; XlsxWriter then writes them to styles.xml.
        self.cells = cell_styles(self)


def string_writer(sheet: Any, plain: Any, quoted: Any) -> Callable[[int, int, str], None]:
    def write(row: int, col: int, text: str) -> None:
        # A leading trigger would make Excel treat an edited cell as a formula: keep it text.
        sheet.write_string(row, col, text, quoted if looks_like_formula(text) else plain)

    return write


LINE_HEIGHT = 15.0  # points per line of 11-point Calibri (Excel's default row height)
MAX_ROW_HEIGHT = 409.0  # Excel's tallest row


def wrapped_lines(values: pd.Series, width: float) -> np.ndarray:
    """How many lines each value takes when wrapped in a column `width` characters wide."""
    per_line = max(1, int(width))
    # Worked out once per distinct text (a column of reasons repeats itself), and only the
    # texts with a line break are split into their lines.
    codes, uniques = pd.factorize(values.reset_index(drop=True), use_na_sentinel=True)
    text = pd.Series(uniques, dtype=object).astype(str)
    lines = np.ones(len(text) + 1)  # the last entry: for blank cells (code -1)
    broken = text.str.contains("\n", regex=False)
    long = text.str.len().gt(per_line) & ~broken
    lines[: len(text)][long.to_numpy()] = np.ceil(text[long].str.len().to_numpy() / per_line)
    if broken.any():
        parts = text[broken].str.split("\n").explode()
        lengths = parts.str.len().clip(lower=1).astype(float)
        needed = pd.Series(np.ceil(lengths.to_numpy() / per_line), index=lengths.index)
        total = needed.groupby(level=0).sum()
        lines[total.index.to_numpy()] = total.to_numpy()
    counts: np.ndarray = lines[codes]
    return counts
