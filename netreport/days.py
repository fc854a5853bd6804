"""How a day is written for people, wherever netreport writes one in words: "3 Oct",
"3 Oct 2026", "Tue 3 Oct 2026" (English month names, no leading zero). Files get ISO dates."""

from __future__ import annotations

from typing import Any


def _missing(value: Any) -> bool:
    return value is None or value != value  # None, NaN or NaT


def day_month(value: Any) -> str:
    """'3 Oct': a day of the weeks around the report; '' for no day."""
    return "" if _missing(value) else f"{value.day} {value:%b}"


def day_month_year(value: Any) -> str:
    """'3 Oct 2026': a day that may be months away or past; '' for no day."""
    return "" if _missing(value) else f"{value.day} {value:%b %Y}"


def weekday_date(value: Any) -> str:
    """'Tue 3 Oct 2026': a day the owner acted on; '' for no day."""
    return "" if _missing(value) else f"{value:%a} {day_month_year(value)}"
