"""The limits netreport puts on what it reads, so a hostile file cannot exhaust the machine.

Kept in a module of its own, with no imports, so the command line can show the defaults in
`--help` without loading the readers.
"""

from __future__ import annotations

MB = 1024 * 1024

# A workbook is a zip: refuse one whose parts would unzip to more than this in total.
# `--max-unzipped-size MB` raises it; a CSV is held to the same limit on its size.
DEFAULT_MAX_UNZIPPED_MB = 1024
DEFAULT_MAX_UNZIPPED_BYTES = DEFAULT_MAX_UNZIPPED_MB * MB

# A part of a zip that unzips more than MAX_RATIO-fold is what zip bombs are made of; real
# workbooks stay far below it. Checked only for parts larger than RATIO_FLOOR, so small,
# very regular parts (styles, empty sheets) always pass.
MAX_RATIO = 200
RATIO_FLOOR = 8 * MB

# How far into each XML part netreport looks for a document type declaration.
PROLOG_LIMIT = 1 * MB

# Backups of the owner's workbook kept in backups/<name>/ beside it: the newest this many and
# the first; the others are deleted after each change (`--keep-backups N`; 0 keeps them all).
DEFAULT_KEEP_BACKUPS = 20

# Temporary files a killed run left behind are removed by a later run once this old.
STALE_TEMP_SECONDS = 10 * 60

# The report dates netreport accepts (`--as-of`): every date it works out from one (a year
# back, months ahead) must stay inside the dates pandas can hold (1677-2262) and Excel can
# show (from 1900).
EARLIEST_REPORT_DATE = "1900-01-01"
LATEST_REPORT_DATE = "2199-12-31"
