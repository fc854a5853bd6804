"""The owner's settings: defaults, overridden by the workbook's Settings sheet, then by the CLI."""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from netreport.cells import cadence_days, days_said
from netreport.issues import Issue, did_you_mean, make_issue
from netreport.read import Table
from netreport.schema import CATEGORIES, norm_key
from netreport.schema import MAX_DAYS as MAX_DAYS  # the bound of every number of days

DEFAULT_CADENCE: dict[str, int] = {"Warm": 30, "Luke-warm": 60, "Cool": 90, "Cold": 180}


@dataclass(frozen=True)
class Settings:
    """Everything a run depends on besides the contacts themselves."""

    as_of: dt.date = field(default_factory=dt.date.today)
    owner: str = ""
    target_fields: tuple[str, ...] = ()
    cadence: dict[str, int] = field(default_factory=lambda: dict(DEFAULT_CADENCE))
    reply_nudge_days: int = 7
    thank_you_days: int = 2
    weekly_budget: int = 5
    day_first: bool | None = None  # None: decide from the dates themselves

    def with_overrides(
        self, cadence_overrides: dict[str, int] | None = None, **changes: Any
    ) -> Settings:
        """A copy with the given values replaced (None means keep); `cadence_overrides`
        replaces the cadence of the categories it names only."""
        kept = {k: v for k, v in changes.items() if v is not None}
        if cadence_overrides:
            kept["cadence"] = {**self.cadence, **cadence_overrides}
        return replace(self, **kept)


@dataclass(frozen=True)
class SettingKey:
    """One row a user may put in the Settings sheet."""

    label: str
    synonyms: tuple[str, ...]
    apply: Callable[[Settings, Any], Settings]
    parse: Callable[[Any], Any]
    expected: str
    default: Callable[[Settings], Any]


def _whole_days(value: Any) -> int:
    """A whole number that is not negative ("5", 5.0), as the weekly budget is given."""
    number = float(str(value).strip().lower().removesuffix("days").removesuffix("day"))
    if not math.isfinite(number) or number != int(number) or number < 0:
        raise ValueError(value)
    return int(number)


def _days(value: Any) -> int:
    """A number of days from 0 to MAX_DAYS, read as `cells.days_said` reads one."""
    days = days_said(value)
    if days is None:
        raise ValueError(value)
    return days


def positive_days(value: Any) -> int:
    """A number of days from 1 to MAX_DAYS ("30", "30 days", 30.0, "2 weeks", "monthly"), as a
    cadence or a window is given in the Settings sheet, with --cadence or in a contact's own
    Keep in touch every cell (`cells.cadence_days`, the one reading of all three); ValueError
    for anything else, however long (5,000 digits are too many days, not a crash)."""
    days = cadence_days(value)
    if days is None:
        raise ValueError(value)
    return days


def _fields_list(value: Any) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[,;/\n]", str(value)) if p.strip())


def _date_order(value: Any) -> bool:
    key = norm_key(value)
    if key in {"dayfirst", "dmy", "ddmmyyyy", "dmyyyy", "european", "uk", "day"}:
        return True
    if key in {"monthfirst", "mdy", "mmddyyyy", "mdyyyy", "us", "american", "month"}:
        return False
    raise ValueError(value)


def _cadence_key(category: str) -> SettingKey:
    return SettingKey(
        f"Cadence {category}",
        (
            f"{category} cadence",
            f"{category} cadence days",
            f"Cadence {category} days",
            f"Keep in touch {category}",
            f"{category} days",
        ),
        lambda s, v: replace(s, cadence={**s.cadence, category: v}),
        positive_days,
        f"A number of days from 1 to {MAX_DAYS}, e.g. 30, or words such as 2 weeks or monthly.",
        lambda s: s.cadence[category],
    )


SETTING_KEYS: tuple[SettingKey, ...] = (
    SettingKey(
        "Owner name",
        ("Owner", "Your name", "My name", "Name"),
        lambda s, v: replace(s, owner=v),
        # "Your Name", as an older starter workbook left it, is no one's name.
        lambda v: "" if str(v).strip().casefold() == "your name" else str(v).strip(),
        "Your name.",
        lambda s: s.owner or "none",
    ),
    SettingKey(
        "Target fields",
        ("Target field", "Target industries", "Target industry", "Targets", "Fields", "My fields"),
        lambda s, v: replace(s, target_fields=v),
        _fields_list,
        "Field names separated by commas, e.g. Finance, Data Science.",
        lambda s: ", ".join(s.target_fields) or "none",
    ),
    *(_cadence_key(c) for c in CATEGORIES),
    SettingKey(
        "Reply nudge days",
        ("Reply nudge", "Nudge after days", "Follow up after days"),
        lambda s, v: replace(s, reply_nudge_days=v),
        positive_days,
        f"A number of days from 1 to {MAX_DAYS}, e.g. 7 or 1 week.",
        lambda s: s.reply_nudge_days,
    ),
    SettingKey(
        "Thank-you window days",
        ("Thank-you window", "Thank you days", "Thank you within"),
        lambda s, v: replace(s, thank_you_days=v),
        _days,
        f"A number of days up to {MAX_DAYS}, e.g. 2.",
        lambda s: s.thank_you_days,
    ),
    SettingKey(
        "Weekly outreach budget",
        ("Weekly budget", "New contacts per week", "Outreach budget"),
        lambda s, v: replace(s, weekly_budget=v),
        _whole_days,
        "A whole number, e.g. 5.",
        lambda s: s.weekly_budget,
    ),
    SettingKey(
        "Date order",
        ("Date format", "Day first", "Dates"),
        lambda s, v: replace(s, day_first=v),
        _date_order,
        "Day first (31/12/2026) or Month first (12/31/2026).",
        lambda s: "decided from the dates",
    ),
)

_BY_NAME: dict[str, SettingKey] = {
    norm_key(word): key for key in SETTING_KEYS for word in (key.label, *key.synonyms)
}


def read_settings(
    table: Table | None, base: Settings | None = None
) -> tuple[Settings, list[Issue]]:
    """Apply each key/value row of the Settings sheet to `base`; bad rows become issues."""
    settings = base or Settings()
    issues: list[Issue] = []
    keys, values = (table.get("key"), table.get("value")) if table else (None, None)
    if table is None or keys is None or values is None:
        return settings, issues
    key_col, value_col = table.column("key"), table.column("value")
    for row, raw_key in keys.items():
        if raw_key is None:
            continue
        setting = _BY_NAME.get(norm_key(raw_key))
        if setting is None:
            suggestion = difflib.get_close_matches(
                str(raw_key), [k.label for k in SETTING_KEYS], n=1, cutoff=0.6
            )
            issues.append(
                make_issue(
                    "unknown-setting",
                    sheet=table.sheet,
                    row=_row(row),
                    column=key_col.label if key_col else None,
                    value=raw_key,
                    did_you_mean=did_you_mean(suggestion[0] if suggestion else None),
                    choices=", ".join(k.label for k in SETTING_KEYS),
                )
            )
            continue
        raw_value = values.get(row)
        if raw_value is None:
            continue
        try:
            settings = setting.apply(settings, setting.parse(raw_value))
        except (ValueError, TypeError):
            issues.append(
                make_issue(
                    "invalid-setting",
                    sheet=table.sheet,
                    row=_row(row),
                    column=value_col.label if value_col else None,
                    value=raw_value,
                    what=setting.label,
                    expected=setting.expected,
                    default=setting.default(settings),
                )
            )
    return settings, issues


def _row(label: object) -> int:
    """An Excel row number from a table index label."""
    assert isinstance(label, int)
    return label
