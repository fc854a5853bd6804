"""What `netreport validate` prints: issues grouped by sheet as text, or one JSON object."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from netreport import __version__
from netreport.pipeline import CheckedWorkbook


def validation_json(checked: CheckedWorkbook) -> dict[str, Any]:
    """The machine-readable result: the file, counts, and every issue record."""
    return {
        "netreport": __version__,
        "file": str(checked.source.path),
        "as_of": checked.settings.as_of.isoformat(),
        "contacts": len(checked.contacts),
        "interactions": len(checked.interactions),
        "categories": checked.category_counts(),
        "counts": {**checked.counts, "total": len(checked.issues)},
        "issues": [issue.as_dict() for issue in checked.issues],
    }


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def validation_text(checked: CheckedWorkbook) -> str:
    """Issues grouped by sheet, each with where, what and how to fix it."""
    mix = ", ".join(f"{k} {v}" for k, v in checked.category_counts().items())
    counts = checked.counts
    lines = [
        f"{checked.source.path.name}: {_plural(len(checked.contacts), 'contact')} ({mix}), "
        f"{_plural(len(checked.interactions), 'interaction')}",
        f"{_plural(counts['error'], 'error')}, {_plural(counts['warning'], 'warning')}"
        + ("" if checked.issues else ": the workbook is clean."),
    ]
    for sheet, group in groupby(checked.issues, key=lambda i: i.sheet):
        lines += ["", sheet or "Workbook"]
        for issue in group:
            place = ", ".join(p for p in (issue.row and f"row {issue.row}", issue.column) if p)
            lines.append(
                f"  {place or 'sheet'}: {issue.severity.value}: {issue.message} [{issue.code}]"
            )
            lines.append(f"    fix: {issue.hint}")
    return "\n".join(lines)
