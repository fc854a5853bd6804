"""The check stage: read the file, then settings -> validate -> categorize, into one
`CheckedWorkbook` that every later stage starts from. The submodules are imported as
modules here, so `netreport.check.validate` and `.categorize` always name the modules."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd

from netreport.check import categorize, validate
from netreport.check.settings import Settings, read_settings
from netreport.issues import Issue, count_by_severity, sort_issues
from netreport.limits import DEFAULT_MAX_UNZIPPED_BYTES
from netreport.memory import paused_gc, release_free_memory
from netreport.read import SourceWorkbook, read_workbook
from netreport.schema import CATEGORIES
from netreport.timing import stage


@dataclass
class CheckedWorkbook:
    """A workbook read, typed and categorized: what every later stage starts from.

    `contacts` and `interactions` are indexed by Excel row; `contacts` carries the typed
    fields plus `category` and `reason`; `interactions` carries `contact_row`, the Excel row of
    the contact it names.
    """

    source: SourceWorkbook
    settings: Settings
    contacts: pd.DataFrame
    interactions: pd.DataFrame
    issues: list[Issue]

    @property
    def counts(self) -> dict[str, int]:
        return count_by_severity(self.issues)

    @property
    def has_errors(self) -> bool:
        return self.counts["error"] > 0

    def category_counts(self) -> dict[str, int]:
        counts = self.contacts["category"].value_counts().to_dict()
        return {c: int(counts.get(c, 0)) for c in CATEGORIES}


def check_workbook(
    path: Path, *, max_unzipped_bytes: int = DEFAULT_MAX_UNZIPPED_BYTES, **overrides: Any
) -> CheckedWorkbook:
    """Read, validate and categorize a workbook. `overrides` are Settings fields from the CLI
    (None means not given) and win over the Settings sheet; `max_unzipped_bytes` caps how much
    the workbook may unzip to (see `netreport.limits`)."""
    with paused_gc():
        return _check(path, max_unzipped_bytes, overrides)


def _check(path: Path, max_unzipped_bytes: int, overrides: dict[str, Any]) -> CheckedWorkbook:
    """Read, validate and categorize, each timed as its own stage."""
    with stage("read"):
        source = read_workbook(path, max_unzipped_bytes=max_unzipped_bytes)
        release_free_memory()  # calamine's copy of the sheets
    with stage("validate"):
        settings, setting_issues = read_settings(source.settings)
        settings = settings.with_overrides(**overrides)
        # Rows that are not people (totals, legends, examples) leave the tables here, so no
        # later stage, report or redacted copy sees them; each has an info issue.
        skipped: list[Issue] = []
        people, log = source.contacts, source.interactions
        seen: dict[str, int] = {}  # the log names the same people: their names read once
        source = replace(
            source,
            contacts=None
            if people is None
            else validate.people_only(people, "name", skipped, seen),
            interactions=None
            if log is None
            else validate.people_only(log, "contact", skipped, seen),
        )
        checked = validate.validate(source.contacts, source.interactions, settings)
    contacts = checked.contacts
    with stage("categorize"):
        result = categorize.categorize(contacts, checked.interactions, source.contacts)
    contacts = contacts.assign(
        category=result.category,
        reason=result.reason,
        referrer=result.referrer,
        introduced=result.introduced,
        quote=result.quote,
    )
    release_free_memory()  # the typing and categorizing's temporary columns
    issues = sort_issues(
        [*source.issues, *skipped, *setting_issues, *checked.issues, *result.issues],
        source.sheet_names,
    )
    return CheckedWorkbook(source, settings, contacts, checked.interactions, issues)
