"""Problems are data: one frozen record per problem, and the one table of their messages."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any

from netreport.schema import MAX_DAYS


class Severity(StrEnum):
    """error: netreport could not use the value, so part of the report is missing or guessed.
    warning: the value was used but is probably wrong.
    info: netreport read something in a way worth knowing (a totals row skipped, a column
    read as relationship words); nothing is wrong."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Message:
    severity: Severity
    message: str
    hint: str


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
# Worst first: how lists of issues are ordered for people (errors, then warnings, then notes).
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(Severity)}

# One entry per issue code. `message` and `hint` are str.format templates filled with the
# keyword arguments given to `make_issue`.
MESSAGES: dict[str, Message] = {
    "missing-sheet": Message(
        E,
        "No {what} sheet was found.",
        "Add a sheet named '{sheet}' with a header row ({headers}).",
    ),
    "missing-column": Message(
        E,
        "The {sheet} sheet has no '{field}' column.{did_you_mean}",
        "Add a column headed '{field}' (also accepted: {synonyms}).",
    ),
    "no-relationship-column": Message(
        W,
        "No column netreport reads says how you know each person, so every contact counts "
        "as Cold (columns not read: {unread}).",
        "If one of those says how you know them, head it '{field}' (or {synonyms}); it may "
        "hold words such as friend, coworker, met once, referred by Ben, researched.",
    ),
    "duplicate-column": Message(
        W,
        "Two columns mean '{field}'; only column {used} is used.",
        "Rename or delete one of them; this one is carried through unchanged.",
    ),
    "column-read-as-relationship": Message(
        INFO,
        "The cells under '{value}' ({examples}) say how you know each person, not a category: "
        "they are read as relationship words.",
        "To type categories yourself, add a column headed 'Category' (Warm, Luke-warm, Cool "
        "or Cold).",
    ),
    "column-not-dates": Message(
        INFO,
        "The cells under '{value}' ({examples}) are yes or no, not dates: the column is kept "
        "as your own, not read as '{field}'.",
        "To give follow-up dates, add a column headed '{field}' with the dates.",
    ),
    "text-encoding": Message(
        INFO,
        "{what} not UTF-8: read as {named}{rest}.",
        "Check that accented and non-Latin names read right. If they do not, save the file "
        "as 'CSV UTF-8' (Excel: File > Save As > CSV UTF-8) or as .xlsx, and run netreport "
        "again.",
    ),
    "stray-cell": Message(
        INFO,
        "A value far from the table, at {cell}, is ignored.",
        "Delete it in Excel if it is not yours; if it is, move it into the table.",
    ),
    "error-value": Message(
        W,
        "Cell {cell} holds the error {value}; it is read as empty.",
        "Fix the formula in Excel (or type the value itself), then run netreport again.",
    ),
    "merged-cells": Message(
        W,
        "{others} merged with {first}; netreport reads {them} as empty.",
        "Unmerge them (Home > Merge & Center) and fill the value down into every row.",
    ),
    "not-a-contact": Message(
        INFO,
        "This row is {what}, not a contact; it is skipped.",
        "Nothing to do. Move it off the table (or delete it) if you want no note of it.",
    ),
    "example-row": Message(
        INFO,
        "'{value}' is one of the starter workbook's examples; it is skipped.",
        "Type one of your own contacts over it (and remove '(example)'), or delete the row.",
    ),
    "missing-name": Message(
        E,
        "This contact has no name.",
        "Type the person's name, or delete the row if it is not a contact.",
    ),
    "invalid-email": Message(
        E,
        "'{value}' is not a valid email address: {reason}",
        "Correct the address, or clear the cell if you do not know it.",
    ),
    "invalid-date": Message(
        E,
        "'{value}' is not a date netreport can read.",
        "Type the date as {example}, or enter it as an Excel date.",
    ),
    "ambiguous-date": Message(
        W,
        "'{value}' could be {first} or {second}; read as {used}.",
        "Type the date as YYYY-MM-DD, or set 'Date order' in Settings.",
    ),
    "month-only-date": Message(
        W,
        "'{value}' has no day; read as {used}, the first of the month.",
        "Type the whole date (YYYY-MM-DD) if you know it.",
    ),
    "date-without-year": Message(
        W,
        "'{value}' has no year; read as {used}, the nearest such day {side} the report date.",
        "Type the year too, as YYYY-MM-DD.",
    ),
    "relative-date": Message(
        W,
        "'{value}' is counted back from the report date: read as {used}.",
        "Type the date itself (YYYY-MM-DD): next week the same words would mean another day.",
    ),
    "future-date": Message(
        W,
        "The {what} {value} is after the report date {as_of}.",
        "Check the year; the {what} cannot be in the future.",
    ),
    "follow-up-before-last-contact": Message(
        W,
        "Follow-up date {value} is before the last contact {last_contact}.",
        "Move the follow-up date forward, or clear it if it is done.",
    ),
    "invalid-cadence": Message(
        W,
        "'{value}' is not a keep-in-touch interval netreport can read; this contact keeps "
        "their category's cadence.",
        f"Type a number of days from 1 to {MAX_DAYS} (45), or words such as 2 weeks, "
        "fortnightly, monthly, every 3 months, quarterly or twice a year.",
    ),
    "unknown-category": Message(
        E,
        "'{value}' is not a category.{did_you_mean}",
        "Use Warm, Luke-warm, Cool or Cold, or leave it blank to let "
        "netreport decide from the row.",
    ),
    "unknown-yes-no": Message(
        E,
        "'{value}' is not yes or no.{did_you_mean}",
        "Type Yes or No (Y/N, TRUE/FALSE, x and 1/0 also work).",
    ),
    "unknown-value": Message(
        W,
        "'{value}' is not a known {what}.{did_you_mean}",
        "Use one of: {choices}. The value is kept as typed.",
    ),
    "duplicate-contact": Message(
        W,
        "Same {what} as row {first_row} ({first_name}).",
        "Merge the two rows into one, or correct the {what}.",
    ),
    "unknown-contact": Message(
        E,
        "This interaction names '{value}', who is not in Contacts.",
        "Type the contact's email or name as in the Contacts sheet, or add the person "
        "there.{did_you_mean}",
    ),
    "missing-interaction-contact": Message(
        E, "This interaction names no contact.", "Type the contact's email or name."
    ),
    "missing-interaction-date": Message(
        E, "This interaction has no date.", "Type the date it happened."
    ),
    "invalid-link": Message(
        E,
        "'{value}' is not a web or mailto link; it will not be linked.",
        "Use an address starting with https://, http:// or mailto:.",
    ),
    "link-without-scheme": Message(
        W,
        "'{value}' has no https://; read as {fixed}.",
        "Type the full address, starting with https://.",
    ),
    "category-contradicted": Message(
        W,
        "Typed {value}, but {facts}.",
        "Change the category to {suggested}, or correct the row's facts. netreport keeps {value}.",
    ),
    "unknown-setting": Message(
        W,
        "'{value}' is not a setting netreport knows.{did_you_mean}",
        "Known settings: {choices}. This row is ignored.",
    ),
    "invalid-setting": Message(
        E,
        "'{value}' is not a valid value for {what}.",
        "{expected} The default ({default}) is used.",
    ),
}


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem, placed where the user sees it: sheet, Excel row (1-based), column."""

    code: str
    severity: Severity
    sheet: str | None
    row: int | None
    column: str | None  # e.g. "C (Email)"
    value: str | None
    message: str
    hint: str

    def as_dict(self) -> dict[str, Any]:
        # Not dataclasses.asdict, which deep-copies every value: a JSON of 100,000 issues
        # spent seconds there. The fields hold text, numbers and None alone.
        data = {name: getattr(self, name) for name in _ISSUE_FIELDS}
        data["severity"] = self.severity.value
        return data

    @property
    def where(self) -> str:
        parts = [p for p in (self.sheet, self.row and f"row {self.row}", self.column) if p]
        return ", ".join(str(p) for p in parts) or "workbook"


_ISSUE_FIELDS = tuple(f.name for f in fields(Issue))


def make_issue(
    code: str,
    *,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
    value: object = None,
    **details: object,
) -> Issue:
    """Build an Issue from the message table; `details` fill the message templates."""
    entry = MESSAGES[code]
    shown = None if value is None else display(value)
    fill = {"value": shown, "sheet": sheet, "did_you_mean": "", **details}
    return Issue(
        code=code,
        severity=entry.severity,
        sheet=sheet,
        row=row,
        column=column,
        value=shown,
        message=entry.message.format(**fill),
        hint=entry.hint.format(**fill),
    )


def issues_for_cells(
    code: str,
    sheet: str | None,
    column: str | None,
    rows: Sequence[int],
    values: Sequence[object],
    details: Sequence[Mapping[str, object]] | None = None,
) -> list[Issue]:
    """`make_issue` for many cells of one column at once: each distinct value (with its
    details) is shown and its message and hint written once, then shared by every cell that
    holds it, so 20,000 cells of 'see notes' cost one message, not 20,000 (`make_issue` for
    each cell gives the same issues: tests/test_issue_batches.py)."""
    entry = MESSAGES[code]
    made: dict[object, tuple[str | None, str, str]] = {}
    found = []
    for at, (row, value) in enumerate(zip(rows, values, strict=True)):
        extra = details[at] if details is not None else {}
        try:
            key: object = (value, type(value), tuple(extra.items()))
            texts = made.get(key)
        except TypeError:  # a value or a detail that cannot be a key: written for itself
            key, texts = None, None
        if texts is None:
            shown = None if value is None else display(value)
            fill = {"value": shown, "sheet": sheet, "did_you_mean": "", **extra}
            texts = (shown, entry.message.format(**fill), entry.hint.format(**fill))
            if key is not None:
                made[key] = texts
        found.append(
            Issue(code, entry.severity, sheet, int(row), column, texts[0], texts[1], texts[2])
        )
    return found


def display(value: object) -> str:
    """A cell value as the user typed it, shortened so one message stays one line."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number cell holding 3 is read as 3.0; the user typed 3
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def did_you_mean(suggestion: str | None) -> str:
    return f" Did you mean '{suggestion}'?" if suggestion else ""


def count_by_severity(issues: Iterable[Issue]) -> dict[str, int]:
    counts = Counter(i.severity.value for i in issues)
    return {s.value: counts.get(s.value, 0) for s in Severity}


def sort_issues(issues: Iterable[Issue], sheet_order: Iterable[str] = ()) -> list[Issue]:
    """Workbook-level issues first, then by sheet (in workbook order), row and column."""
    order = {name: i for i, name in enumerate(sheet_order)}

    def key(issue: Issue) -> tuple[int, int, str, int, str]:
        sheet_rank = -1 if issue.sheet is None else order.get(issue.sheet, len(order))
        return (
            sheet_rank,
            issue.row or 0,
            issue.column or "",
            SEVERITY_RANK[issue.severity],
            issue.code,
        )

    return sorted(issues, key=key)


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 error', '2 errors', '3 people': how every count reads in a message."""
    return f"{count} {word if count == 1 else many or word + 's'}"


@dataclass(frozen=True)
class IssueGroup:
    """The same problem on several rows: one code, sheet, column, message and hint (a value
    repeated down a column, say 'see notes' typed as an interaction type 20,000 times)."""

    code: str
    severity: Severity
    sheet: str | None
    column: str | None
    message: str
    hint: str
    rows: tuple[int | None, ...]  # every row it is on, in the order found

    @property
    def count(self) -> int:
        return len(self.rows)

    def place(self, first: int = 5) -> str:
        """Its rows and column: "row 7, C (Type)", or "25 rows (first 2, 3, ...), C (Type)"."""
        rows = [r for r in self.rows if r is not None]
        if len(rows) > 1:
            shown = ", ".join(str(r) for r in rows[:first]) + (", ..." if len(rows) > first else "")
            at = f"{len(rows):,} rows (first {shown})"
        else:
            at = f"row {rows[0]}" if rows else ""
        return ", ".join(p for p in (at, self.column) if p)

    @property
    def where(self) -> str:
        """Its sheet, rows and column, as a person looks for them."""
        return ", ".join(p for p in (self.sheet, self.place(3)) if p) or "workbook"

    def as_dict(self, first: int = 10) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "column": self.column,
            "message": self.message,
            "hint": self.hint,
            "count": self.count,
            "first_rows": [r for r in self.rows[:first] if r is not None],
        }


def worst_first(groups: Iterable[IssueGroup]) -> list[IssueGroup]:
    """Errors, then warnings, then notes; within each, the problem on most rows first."""
    return sorted(groups, key=lambda g: (SEVERITY_RANK[g.severity], -g.count))


def group_issues(issues: Iterable[Issue]) -> list[IssueGroup]:
    """Identical problems grouped, in the order the issues come (by sheet and row): a person
    reads each kind once, with how many rows it is on."""
    found: dict[tuple[str, str | None, str | None, str, str], list[Issue]] = {}
    for issue in issues:
        key = (issue.code, issue.sheet, issue.column, issue.message, issue.hint)
        found.setdefault(key, []).append(issue)
    return [
        IssueGroup(
            code,
            same[0].severity,
            sheet,
            column,
            message,
            hint,
            tuple(i.row for i in same),
        )
        for (code, sheet, column, message, hint), same in found.items()
    ]
