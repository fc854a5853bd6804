"""Write the report sheets into the user's own workbook (placeholder: refuses for now)."""

from __future__ import annotations

from pathlib import Path

from netreport.analysis import Analysis


class WriteBackRefused(Exception):
    """Write-back would be unsafe; nothing was changed (exit code 2)."""


def write_back(workbook: Path, analysis: Analysis) -> tuple[Path, Path]:
    raise WriteBackRefused("write-back is not available yet.")
