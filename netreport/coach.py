"""Coach mode: one run over many clients' workbooks, and the roll-up of their reports.

Each workbook gets its own report pair and history (`run_report`) in one output folder, several
at a time in worker processes. A workbook that cannot be reported becomes a row with its error
instead of stopping the others. The rows come back in one order whatever the workers did: the
clients who need attention most come first (`attention`). The rows and the run are data, in
`netreport.analysis.clients`, which the renderers read without importing this module.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netreport.analysis.clients import ClientRow as ClientRow  # cli.py imports it from here
from netreport.analysis.clients import CoachRun, attention
from netreport.errors import NetreportError
from netreport.timing import stage

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods")  # what a folder is searched for
SKIPPED_PREFIXES = ("~$", ".")  # Excel's lock files; LibreOffice's .~lock...# and hidden files
INDEX_STEM = "index"


class CoachProblem(NetreportError):
    """The inputs cannot make a coach run: no workbook found, or -o among the inputs."""


def is_coach_run(inputs: Sequence[Path]) -> bool:
    """A folder, or two or more workbooks, make a coach run; one workbook a plain report."""
    return len(inputs) > 1 or any(Path(p).is_dir() for p in inputs)


def find_workbooks(inputs: Sequence[Path]) -> list[Path]:
    """Each file as given, and every .xlsx, .xlsm and .ods directly inside each folder (not in
    its subfolders; lock files and hidden files skipped); each once (a link to one found is
    not another: the file is kept under its own name), sorted by path."""
    found: dict[Path, Path] = {}
    for item in map(Path, inputs):
        try:
            inside = [p for p in item.iterdir() if _is_workbook(p)] if item.is_dir() else [item]
        except OSError as exc:
            raise CoachProblem(f"cannot read the folder {item}: {exc.strerror or exc}.") from exc
        for path in sorted(inside):
            # A link to a workbook already found is the same client: the file keeps its own
            # name (its reports and history), whichever the folder lists first.
            kept = found.get(path.resolve())
            if kept is None or (kept.is_symlink() and not path.is_symlink()):
                found[path.resolve()] = path
    if not found:
        folders = ", ".join(str(p) for p in inputs)
        raise CoachProblem(f"no .xlsx, .xlsm or .ods workbook in {folders}.")
    return sorted(found.values(), key=lambda p: (str(p).casefold(), str(p)))


def _is_workbook(path: Path) -> bool:
    return (
        path.suffix.lower() in WORKBOOK_SUFFIXES
        and not path.name.startswith(SKIPPED_PREFIXES)
        and path.is_file()
    )


def report_stems(workbooks: Sequence[Path]) -> list[str]:
    """The name each workbook's reports and history go under: its file name without the
    extension, unless another workbook has the same (ignoring case); then `<folder>-<name>`,
    with -2, -3... after it while that is still taken."""
    counts = Counter(p.stem.casefold() for p in workbooks)
    taken = {p.stem.casefold() for p in workbooks if counts[p.stem.casefold()] == 1}
    stems = []
    for path in workbooks:
        stem = path.stem
        if counts[stem.casefold()] > 1:
            base = stem = f"{Path(path).resolve().parent.name}-{path.stem}"
            n = 2
            while stem.casefold() in taken:
                stem, n = f"{base}-{n}", n + 1
            taken.add(stem.casefold())
        stems.append(stem)
    return stems


def default_output(inputs: Sequence[Path]) -> Path:
    """`reports/` in the deepest folder holding every input (for one folder: that folder)."""
    folders = [Path(p).resolve() if Path(p).is_dir() else Path(p).resolve().parent for p in inputs]
    try:
        return Path(os.path.commonpath(folders)) / "reports"
    except ValueError:  # different drives (Windows): no common folder
        return Path.cwd() / "reports"


@dataclass(frozen=True)
class Job:
    """One client's report to run, as sent to a worker process."""

    workbook: Path
    stem: str
    out_dir: Path
    options: dict[str, Any]  # run_report's keyword arguments


def report_client(job: Job) -> ClientRow:
    """Run one client's weekly report; a workbook that cannot be reported gives a row with its
    error rather than an exception."""
    from netreport.read import WorkbookError
    from netreport.render.console import report_json
    from netreport.run import run_report
    from netreport.timing import Stopwatch

    watch = Stopwatch()
    try:
        with watch.running():
            run = run_report(job.workbook, job.out_dir, stem=job.stem, **job.options)
    except WorkbookError as exc:  # its message starts with the file's name: the row shows it
        return ClientRow(job.workbook, job.stem, error=f"{exc.problem} {exc.fix}")
    except NetreportError as exc:
        return ClientRow(job.workbook, job.stem, error=str(exc))
    except OSError as exc:  # the workbook gone or locked mid-read, or a report not writable
        reading = exc.filename is not None and Path(exc.filename) == job.workbook
        where = f" ({exc.filename})" if exc.filename and not reading else ""
        what = "cannot read it" if reading else "cannot write its report"
        return ClientRow(job.workbook, job.stem, error=f"{what}: {exc.strerror or exc}{where}.")
    except Exception as exc:  # a bug: kept to this client's row, shown, and exit 3 at the end
        message = f"unexpected error: {type(exc).__name__}: {exc}. Please report it."
        return ClientRow(job.workbook, job.stem, error=message, bug=traceback.format_exc())
    analysis = run.analysis
    health, changes = analysis.health, analysis.changes
    return ClientRow(
        job.workbook,
        job.stem,
        owner=analysis.settings.owner,
        contacts=health.size,
        categories=dict(health.by_category),
        score=health.score,
        score_change=changes.score_change if changes else None,
        overdue=health.overdue,
        outreach=len(analysis.outreach),
        interactions_30=health.interactions_30,
        errors=health.issues["error"],
        warnings=health.issues["warning"],
        finding=health.findings[0] if health.findings else None,
        written=dict(run.written),
        result=report_json(run),
        seconds=dict(watch.seconds),
    )


def default_workers() -> int:
    """One worker per core this process may run on (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def run_clients(
    jobs: Sequence[Job],
    workers: int | None = None,
    on_done: Callable[[ClientRow], None] | None = None,
) -> list[ClientRow]:
    """Run every job, `workers` at a time in worker processes (default: one per core; 1 runs
    in this process), calling `on_done` as each finishes. Rows in attention order."""
    workers = min(workers or default_workers(), len(jobs))
    done = on_done or (lambda _row: None)
    rows: list[ClientRow] = []
    if workers <= 1:
        for job in jobs:
            rows.append(report_client(job))
            done(rows[-1])
    else:
        rows = _run_in_pools(list(jobs), workers, done)
    return sorted(rows, key=attention)


def _run_in_pools(
    jobs: list[Job], workers: int, done: Callable[[ClientRow], None]
) -> list[ClientRow]:
    """Run the jobs in worker processes. A worker that dies (killed for memory, a crash in a
    native library) breaks its pool and every job not finished with it: those run again in a
    new pool; when a pool reports nothing before breaking, the first of them runs alone, so the
    workbook that kills its process is found and gets a row saying so."""
    rows: list[ClientRow] = []
    while jobs:
        reported, broken = _pool_pass(jobs, workers, done)
        if broken and not reported:
            reported, crashed = _pool_pass(broken[:1], 1, done)
            for job in crashed:
                reported.append(_crashed(job))
                done(reported[-1])
            broken = broken[1:]
        rows += reported
        jobs = broken
    return rows


def _pool_pass(
    jobs: list[Job], workers: int, done: Callable[[ClientRow], None]
) -> tuple[list[ClientRow], list[Job]]:
    """One pool over `jobs`, calling `done` as each row comes back: the rows, and the jobs lost
    when the pool broke (in their original order)."""
    from concurrent.futures import ProcessPoolExecutor, as_completed
    from concurrent.futures.process import BrokenProcessPool

    rows: list[ClientRow] = []
    broken: set[int] = set()
    pool = ProcessPoolExecutor(min(workers, len(jobs)), initializer=_ignore_interrupts)
    try:
        futures = {pool.submit(report_client, job): n for n, job in enumerate(jobs)}
        for future in as_completed(futures):
            try:
                row = future.result()
            except BrokenProcessPool:
                broken.add(futures[future])
                continue
            except Exception as exc:  # e.g. a result that could not be sent back: a bug
                row = _crashed(jobs[futures[future]], exc)
            rows.append(row)
            done(row)
    except BaseException:  # Ctrl-C: stop now, not after the workbooks being reported
        pool.shutdown(wait=False, cancel_futures=True)
        _stop_workers(jobs)
        raise
    pool.shutdown()
    return rows, [job for n, job in enumerate(jobs) if n in broken]


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent (a terminal sends it to the whole process group):
    the parent stops them at once and cleans up after them, so no worker prints a traceback
    or is caught between creating a temporary file and removing it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_workers(jobs: Sequence[Job]) -> None:
    """Terminate this process's workers and delete the temporary files they were writing
    (the reports finished before stay; none is left half-written)."""
    import multiprocessing

    workers = multiprocessing.active_children()
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join()
    from netreport.run import remove_temp_files

    for job in jobs:
        write_back = bool(job.options.get("write_back"))
        remove_temp_files(job.workbook, job.stem, job.out_dir, write_back=write_back, older_than=0)


def _crashed(job: Job, exc: BaseException | None = None) -> ClientRow:
    """The row of a workbook whose worker process died, or whose result never came back."""
    if exc is None:
        why = "the process reporting it stopped abruptly (out of memory, or a crash)"
        bug = f"{job.workbook}: {why}; it was run alone and stopped again."
    else:
        why = f"unexpected error: {type(exc).__name__}: {exc}"
        bug = "".join(traceback.format_exception(exc))
    return ClientRow(job.workbook, job.stem, error=f"{why}. Please report it.", bug=bug)


@dataclass(frozen=True)
class CoachPlan:
    """The workbooks found, the name each client's reports go under, and where they go."""

    out_dir: Path
    as_of: dt.date
    jobs: list[Job]
    templates: Path | None = None


def plan_coach(
    inputs: Sequence[Path],
    out_dir: Path | None = None,
    *,
    templates: Path | None = None,
    as_of: dt.date | None = None,
    **options: Any,
) -> CoachPlan:
    """Find the workbooks in `inputs` (files and folders) and plan a report for each into
    `out_dir` (default: `default_output`; a folder among `inputs` that is that default, as
    `clients/*/` gives once `clients/reports` exists, is left out). `options` are run_report's
    (ics, redact, Settings overrides)."""
    out = Path(out_dir) if out_dir else default_output(inputs)
    among = [p for p in inputs if Path(p).is_dir() and Path(p).resolve() == out.resolve()]
    if among and out_dir is None and len(among) < len(inputs):
        # `clients/*/` names last week's default reports folder too: it holds no client
        inputs = [p for p in inputs if p not in among]
    elif among:
        raise CoachProblem(
            f"the reports would go into {out}, among the workbooks; give another folder with -o."
        )
    workbooks = find_workbooks(inputs)
    as_of = as_of or dt.date.today()  # one report date for every client, even past midnight
    options |= {"templates": templates, "as_of": as_of}
    stems = report_stems(workbooks)
    jobs = [Job(path, stem, out, options) for path, stem in zip(workbooks, stems, strict=True)]
    return CoachPlan(out, as_of, jobs, templates)


def run_coach(
    plan: CoachPlan,
    workers: int | None = None,
    on_done: Callable[[ClientRow], None] | None = None,
) -> CoachRun:
    """Report every planned workbook, then write the roll-up, `index.html` and `index.xlsx`,
    beside the clients' reports."""
    from netreport.render.rollup import write_index_html, write_index_xlsx

    plan.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryFile(dir=plan.out_dir):  # not writable: say so before any work
        pass
    run = CoachRun(plan.out_dir, plan.as_of, run_clients(plan.jobs, workers, on_done))
    with stage("write roll-up"):
        run.written["html"] = plan.out_dir / f"{INDEX_STEM}.html"
        write_index_html(run, run.written["html"], plan.templates)
        run.written["xlsx"] = plan.out_dir / f"{INDEX_STEM}.xlsx"
        write_index_xlsx(run, run.written["xlsx"])
    return run
