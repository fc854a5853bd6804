"""What an import did (or, in a dry run, would do), for people and for programs."""

from __future__ import annotations

from typing import Any

from netreport.importers import ImportResult
from netreport.importers.common import NAMES, Candidate
from netreport.importers.plan import REVIEW_SHEET
from netreport.version import __version__


def _who(candidate: Candidate) -> str:
    name = candidate.name or f"({candidate.where}: no name)"
    details = ", ".join(filter(None, [candidate.company, candidate.email]))
    return f"{name} ({details})" if details else name


def _rows(rows: list[int]) -> str:
    if not rows:
        return ""
    return f"row {rows[0]}" if len(rows) == 1 else f"rows {rows[0]}-{rows[-1]}"


def import_text(result: ImportResult) -> str:
    plan = result.plan
    dry = result.dry_run
    export = plan.export
    people = len(export.candidates)
    lines = [
        f"{NAMES[export.kind]} export {export.path.name}: {people} "
        f"{'person' if people == 1 else 'people'} read"
        + (" (dry run: nothing was written)" if dry else "")
    ]
    lines += [f"note: {note}" for note in plan.notes]
    where = f"{plan.sheet} in {plan.workbook.name}"
    if plan.added:
        rows = [a.row for a in plan.added]
        lines.append(
            f"{'Would add' if dry else 'Added'} {len(plan.added)} to {where} ({_rows(rows)}):"
        )
        lines += [f"  + {_who(a.candidate)}" for a in plan.added]
    else:
        lines.append(f"{'Would add' if dry else 'Added'} no one to {where}.")
    if plan.review:
        lines.append(
            f"{'Would list' if dry else 'Listed'} {len(plan.review)} likely duplicate"
            f"{'s' if len(plan.review) != 1 else ''} on the {REVIEW_SHEET} sheet "
            "(nothing of yours was changed; decide there):"
        )
        lines += [
            f"  ? {_who(c.candidate)} vs your row {c.existing.row}: {c.evidence}"
            for c in plan.review
        ]
    if plan.skipped:
        lines.append(f"{'Would skip' if dry else 'Skipped'} {len(plan.skipped)}:")
        lines += [f"  - {_who(s.candidate)}: {s.reason}" for s in plan.skipped]
    if plan.added and plan.new_columns:
        added = ", ".join(f"{letter} ({header})" for letter, header in plan.new_columns)
        lines.append(
            f"{'Would add' if dry else 'Added'} column{'s' if len(plan.new_columns) > 1 else ''} "
            f"{added} to {plan.sheet}: your sheet had no column for "
            f"{'them' if len(plan.new_columns) > 1 else 'it'}."
        )
    if plan.added and plan.not_written:
        lines.append(
            f"Not written (your {plan.sheet} sheet has no column for them): "
            + ", ".join(plan.not_written)
        )
    if plan.added and plan.category is None:
        lines.append("New rows have no category typed: netreport decides it from their facts.")
    for refusal in result.refusals:
        lines.append(f"note: a real import would be refused: {refusal}")
    if "backup" in result.written:
        lines.append(f"Backup of the workbook as it was: {result.written['backup']}")
    elif not dry and not plan.changes:
        lines.append("Nothing to write: the workbook was not changed.")
    return "\n".join(lines)


def import_json(result: ImportResult) -> dict[str, Any]:
    plan = result.plan

    def person(candidate: Candidate) -> dict[str, Any]:
        return {
            "where": candidate.where,
            "name": candidate.name,
            "email": candidate.email,
            "company": candidate.company,
        }

    return {
        "netreport": __version__,
        "kind": plan.export.kind,
        "export": str(plan.export.path),
        "workbook": str(plan.workbook),
        "sheet": plan.sheet,
        "dry_run": result.dry_run,
        "source": plan.source,
        "read": len(plan.export.candidates),
        "totals": {
            "added": len(plan.added),
            "review": len(plan.review),
            "skipped": len(plan.skipped),
        },
        "added": [{**person(a.candidate), "row": a.row} for a in plan.added],
        "review": [
            {**person(c.candidate), "existing_row": c.existing.row, "evidence": c.evidence}
            for c in plan.review
        ],
        "skipped": [
            {**person(s.candidate), "reason": s.reason, "row": s.row} for s in plan.skipped
        ],
        "new_columns": [{"column": letter, "header": header} for letter, header in plan.new_columns]
        if plan.changes
        else [],
        "not_written": plan.not_written if plan.added else [],
        "notes": [*plan.notes, *result.refusals],
        "written": {kind: str(path) for kind, path in result.written.items()},
    }
