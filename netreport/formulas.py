"""Text that a spreadsheet would run as a formula: the one rule that keeps the owner's text text.

Excel, LibreOffice and Google Sheets treat a cell typed as `=...` as a formula, and `+`, `-`
and `@` as the start of one; a leading tab or carriage return is the CSV-injection variant.
Every writer of cells (the report, the roll-up, an import into the owner's workbook) stores
such text as a string with Excel's quote prefix, so it shows and stays as typed.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read `text`, typed into a cell, as a formula."""
    return text.startswith(FORMULA_TRIGGERS)
