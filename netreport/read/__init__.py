"""Reading the owner's file: what it is (`sniff`), its sheets (`xlsx`, `csv`), and where its
tables are (`headers`, into the types of `model`). Nothing here types or judges a value: that
is the check layer's job.

The public names below are what the rest of netreport uses."""

from netreport.errors import WorkbookError
from netreport.read.csv import csv_delimiter, decode_text, read_csv
from netreport.read.grids import blanked, column_index, read_grids
from netreport.read.headers import closest
from netreport.read.model import Column, SourceWorkbook, Table, column_letter
from netreport.read.sniff import sniff
from netreport.read.xlsx import read_workbook

__all__ = [
    "Column",
    "SourceWorkbook",
    "Table",
    "WorkbookError",
    "blanked",
    "closest",
    "column_index",
    "column_letter",
    "csv_delimiter",
    "decode_text",
    "read_csv",
    "read_grids",
    "read_workbook",
    "sniff",
]
