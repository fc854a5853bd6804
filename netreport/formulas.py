"""Text that a spreadsheet would run as a formula: the one rule that keeps the owner's text text.

Excel, LibreOffice and Google Sheets treat a cell typed as `=...` as a formula, and `+`, `-`
and `@` as the start of one; a leading tab or carriage return is the CSV-injection variant.
Every writer of cells (the report, the roll-up, an import into the owner's workbook) stores
such text as a string with Excel's quote prefix, so it shows and stays as typed.

A CSV has no quote prefix, so a CSV writer (the history) puts a visible apostrophe before such
text instead, as OWASP advises against CSV injection: `csv_safe`, undone by `from_csv_safe`.
"""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CSV_QUOTE = "'"
# What `csv_safe` puts the apostrophe before: formula-like text, and text that already starts
# with one (so that reading back strips exactly the apostrophes written).
CSV_ESCAPED = (*FORMULA_TRIGGERS, CSV_QUOTE)


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would read `text`, typed into a cell, as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def csv_safe(text: str) -> str:
    """`text` for a CSV cell that a spreadsheet opens as text, not as a formula: with an
    apostrophe before it when it looks like a formula or already starts with an apostrophe."""
    return CSV_QUOTE + text if text.startswith(CSV_ESCAPED) else text


def from_csv_safe(text: str) -> str:
    """The text `csv_safe` was given: its one added apostrophe removed."""
    return text[len(CSV_QUOTE) :] if text.startswith(CSV_QUOTE) else text
