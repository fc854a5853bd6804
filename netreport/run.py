"""The weekly job end to end: check, analyze, write the reports, record the history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from netreport.analysis import analyze, record_history
from netreport.analysis.history import history_folder
from netreport.analysis.redact import redacted
from netreport.analysis.result import ReportRun
from netreport.atomic import private_as, remove_stale_temp_files, short_stem
from netreport.check import check_workbook
from netreport.inplace import backup_folder, formula_note
from netreport.limits import DEFAULT_KEEP_BACKUPS, STALE_TEMP_SECONDS
from netreport.render.html import write_summary
from netreport.render.ics import write_ics
from netreport.render.xlsx import report_path, write_report
from netreport.timing import stage


def default_output(workbook: Path) -> Path:
    return Path(workbook).resolve().parent / "reports"


def run_report(
    workbook: Path,
    out_dir: Path | None = None,
    *,
    templates: Path | None = None,
    write_back: bool = False,
    ics: bool = False,
    redact: bool = False,
    stem: str | None = None,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    **overrides: Any,
) -> ReportRun:
    """Read, check, analyze and write every report for `workbook`; record this run's history.

    Writes the Excel report and the HTML summary; with `ics` a calendar of the outreach; with
    `redact` also a redacted copy of both reports to share. The user's workbook is only read,
    unless `write_back` is set. `stem` names the reports and the history folder (default: the
    workbook's file name without its extension); `keep_backups` how many of the workbook's
    backups a write-back keeps. Nothing written is more readable than the workbook
    (`atomic.private_as`)."""
    with private_as(workbook):
        return _run_report(
            workbook, out_dir, templates, write_back, ics, redact, stem, keep_backups, overrides
        )


def _run_report(
    workbook: Path,
    out_dir: Path | None,
    templates: Path | None,
    write_back: bool,
    ics: bool,
    redact: bool,
    stem: str | None,
    keep_backups: int,
    overrides: dict[str, Any],
) -> ReportRun:
    workbook = Path(workbook)
    read_as = None
    if write_back:
        from netreport.appending import rows_read
        from netreport.inplace import read_for_update
        from netreport.writeback import refuse_write_back

        # Every refusal is checked before anything is written, and the workbook's fingerprint
        # kept, so that another program's save from here on is noticed.
        checked, read_as = read_for_update(workbook, lambda: check_workbook(workbook, **overrides))
        refuse_write_back(workbook, read_as, rows_read(checked.source))
    else:
        checked = check_workbook(workbook, **overrides)
    out = Path(out_dir) if out_dir else default_output(workbook)
    out.mkdir(parents=True, exist_ok=True)
    stem = short_stem(stem or workbook.stem)
    history = history_folder(out, stem)
    remove_temp_files(workbook, stem, out, write_back=write_back)
    with stage("analyze"):
        analysis = analyze(checked, history_dir=history, templates=templates)
    run = ReportRun(analysis)
    as_of = analysis.as_of
    xlsx = report_path(out, stem, as_of, "report", ".xlsx")
    with stage("write xlsx"):
        run.notes += write_report(analysis, xlsx)
    run.written["xlsx"] = xlsx
    run.written["html"] = report_path(out, stem, as_of, "summary", ".html")
    with stage("write html"):
        write_summary(analysis, run.written["html"], templates)
    if ics:
        run.written["ics"] = report_path(out, stem, as_of, "outreach", ".ics")
        write_ics(analysis, run.written["ics"], stem)
    if redact:
        shared = redacted(analysis)
        run.written["xlsx-redacted"] = report_path(out, stem, as_of, "report", "-redacted.xlsx")
        write_report(shared, run.written["xlsx-redacted"])
        run.written["html-redacted"] = report_path(out, stem, as_of, "summary", "-redacted.html")
        write_summary(shared, run.written["html-redacted"], templates)
    if write_back:
        from netreport.writeback import write_back as write_into

        written, backup = write_into(workbook, analysis, read_as, keep_backups)
        run.written["backup"], run.written["workbook"] = backup, written
        run.notes += [n for n in [formula_note(written)] if n]
    with stage("history"):
        run.notes += record_history(analysis, history)
    run.written["history"] = history
    return run


def remove_temp_files(
    workbook: Path,
    stem: str,
    out: Path,
    *,
    write_back: bool = False,
    older_than: float = STALE_TEMP_SECONDS,
) -> None:
    """Delete the temporary files a run on `workbook`, killed mid-write, left behind (those
    unchanged for `older_than` seconds). The workbook's own folder is touched only with
    write-back, the one mode that writes there."""
    remove_stale_temp_files(out, stem, older_than)
    remove_stale_temp_files(history_folder(out, stem), older_than=older_than)
    if write_back:
        remove_stale_temp_files(workbook.parent, workbook.stem, older_than)
        remove_stale_temp_files(backup_folder(workbook), workbook.stem, older_than)
