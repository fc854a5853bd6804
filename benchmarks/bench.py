"""netreport's benchmark: end-to-end `netreport report` against its targets, and the naive pipeline.

    python benchmarks/bench.py                 # every figure, medians of 3 runs (~20 minutes)
    python benchmarks/bench.py --quick         # small sizes only, 1 run: a smoke test
    python benchmarks/bench.py --coach-only    # only the coach run over 200 workbooks
    python benchmarks/bench.py --sizes 10000 --workloads everyday,noisy --no-million --no-coach

Three workloads at each size, measured side by side:

- clean: the synthetic workbooks below, whose values are netreport's own words;
- everyday: a workbook as people keep one (benchmarks/noisy.py): a merged title row above
  the header, their own column names, two relationship columns, Interactions types in
  everyday words ("Coffee chat", "Check-in", "Zoom call"), everyday notes, a TOTAL row;
- noisy: the same workbook with genuine problems: 20% of Interactions with an undefined
  type, 5% bad emails, 5% of dates typed as text that is no day ("last week", "tbd"), 10% of
  Interactions naming a contact with a typo.

For each: `report`'s wall time, stages and peak memory, the naive pipeline's on the same file and
the ratio, the issues found (`report --format json`), and the lines of `netreport validate`'s
text output; and the targets of issue 16 beside the figures, marked PASS or MISS.

Synthetic workbooks (realistic values: names, emails with some invalid ones, typed and text
dates, blanks, relationship words, referrers, five interactions per contact, an owner who
mostly keeps up) are generated once into benchmarks/.cache/ and reused. Each measurement runs
`python -m netreport report` as its own process and reads its wall time, its peak memory
and its per-stage times (`--timings`; for a coach run, summed over the workbooks). Peak memory
is the larger of the kernel's peak RSS (of the largest single process: the report, a coach
run's worker) and, on Linux, the peak of the whole process tree's PSS sampled five times a
second: the report forks a child for the largest sheet, and the kernel's figure would not add
the child's own pages to the parent's.

The coach figure runs `netreport report FOLDER` over 200 workbooks of 500 contacts each (every
one generated with its own seed into benchmarks/.cache/coach-200x500/), with the default
workers: one per core.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import noisy

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
AS_OF = dt.date(2026, 11, 23)
EXCEL_ROWS = 1_048_576
COACH, QUICK_COACH = (200, 500), (10, 100)  # workbooks, contacts each
COACH_TARGET = 60.0  # seconds
WORKLOADS = ("clean", "everyday", "noisy")
NOISE = {"everyday": 0.0, "noisy": 1.0}  # benchmarks/noisy.py's noise scale
# Issue 16's targets, at TARGET_SIZE contacts (the validate target at every size: grouped
# output should not grow with the file).
TARGET_SIZE = 100_000
TARGET_SECONDS, TARGET_RATIO, TARGET_MIB, TARGET_LINES = 8.0, 15.0, 1024.0, 300
# The sample workbook's report against `python -c 'import pandas'` timed in the same run
# (pandas' import is the floor), and a whole Excel sheet of contacts.
TARGET_SAMPLE_RATIO = 1.5
TARGET_MILLION_SECONDS, TARGET_MILLION_MIB = 40.0, 2048.0

FIRST = [
    "Ann",
    "Bob",
    "Chen",
    "Dalia",
    "Emeka",
    "Fatima",
    "Goran",
    "Hana",
    "Ines",
    "Jamal",
    "Keiko",
    "Liam",
    "Mei",
    "Noor",
    "Oren",
    "Priya",
    "Rosa",
    "Soren",
    "Tariq",
    "Yasmin",
]
LAST = [
    "Lee",
    "Okafor",
    "Nguyen",
    "Amini",
    "Estrada",
    "Costa",
    "Ibarra",
    "Kuznetsov",
    "Abernathy",
    "Brennan",
    "Petrov",
    "Sokolova",
    "Ramaswamy",
    "Eze",
    "Ueda",
    "Raman",
    "Lachance",
    "Holm",
]
FIELDS = [
    "Finance",
    "Data Science",
    "Healthcare",
    "Education",
    "Retail",
    "Software",
    "Public Sector",
]
WARM = ["friend", "cousin", "former manager", "mentor", "coworker", "classmate (close)"]
LUKE = ["acquaintance", "met at a conference", "neighbour", "former colleague"]
COOL = ["referral", "friend of a friend", "introduced by a colleague"]
COLD = ["researched", "LinkedIn search", "company website", "alumni directory"]
TYPES = [
    "Message sent",
    "Reply received",
    "Call",
    "Meeting",
    "Informational interview",
    "Thank-you sent",
]
CADENCE = {"warm": 30, "luke": 60, "cool": 90, "cold": 180}


def generate(path: Path, contacts: int, interactions_each: int, seed: int | None = None) -> None:
    """A workbook like a career centre's: Contacts, Interactions and Settings sheets, each
    written in one pass (XlsxWriter's constant-memory mode needs rows in order). The random
    seed defaults to the number of contacts."""
    import xlsxwriter

    rng = random.Random(contacts if seed is None else seed)
    book = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    date = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet = book.add_worksheet("Contacts")
    headers = [
        "Name",
        "Email",
        "Phone",
        "Company",
        "Job Title",
        "Field",
        "How I know them",
        "Met?",
        "Introduced By",
        "Where found",
        "Category",
        "Last Contact",
        "Follow up on",
        "Added",
        "Status",
        "LinkedIn",
        "Notes",
        "Favourite coffee",
    ]
    sheet.write_row(0, 0, headers)
    people: list[tuple[str, str, int]] = []
    for i in range(1, contacts + 1):
        kind = rng.choices(["warm", "luke", "cool", "cold"], [20, 30, 20, 30])[0]
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}"
        email = f"{name.split()[0].lower()}.{i}@example{i % 97}.com"
        kept_up = rng.random() < 0.85
        days = rng.randint(2, CADENCE[kind] - 1) if kept_up else rng.randint(CADENCE[kind], 400)
        people.append((name, kind, days))
        words = {"warm": WARM, "luke": LUKE, "cool": COOL, "cold": COLD}[kind]
        cells: list[str | None] = [
            name,
            "not-an-email@" if rng.random() < 0.01 else email if rng.random() < 0.9 else None,
            f"+1 555 {i % 10000:04d}" if rng.random() < 0.5 else None,
            f"Company {rng.randint(1, 4000)}",
            "Analyst",
            rng.choice(FIELDS),
            rng.choice(words),
            "Yes" if kind in ("warm", "luke") else "No",
            f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.randint(1, contacts)}"
            if kind == "cool"
            else None,
            "LinkedIn search" if kind == "cold" else None,
            None
            if rng.random() < 0.9
            else {"warm": "Warm", "luke": "Luke-warm", "cool": "Cool", "cold": "Cold"}[kind],
        ]
        for c, value in enumerate(cells):
            if value is not None:
                sheet.write_string(i, c, value)
        last = dt.datetime.combine(AS_OF - dt.timedelta(days=days), dt.time())
        if rng.random() < 0.05:
            sheet.write_string(i, 11, f"{last.day} {last:%b %Y}")  # a date typed as text
        elif rng.random() < 0.9:
            sheet.write_datetime(i, 11, last, date)
        if rng.random() < 0.05:
            sheet.write_datetime(i, 12, last + dt.timedelta(days=rng.randint(5, 40)), date)
        sheet.write_datetime(i, 13, last - dt.timedelta(days=rng.randint(0, 300)), date)
        if rng.random() < 0.02:
            sheet.write_string(i, 14, "Do not contact")
        if rng.random() < 0.3:
            sheet.write_string(i, 15, f"https://www.linkedin.com/in/person-{i}")
        if rng.random() < 0.4:
            sheet.write_string(i, 16, "Met at the spring mixer; follow up about data roles.")
        if rng.random() < 0.1:
            sheet.write_string(i, 17, rng.choice(["flat white", "espresso", "tea"]))
    if interactions_each:
        log = book.add_worksheet("Interactions")
        log.write_row(0, 0, ["Date", "Contact", "Channel", "Type", "Notes"])
        row = 1
        for name, _kind, days in people:
            for k in range(interactions_each):
                ago = days + k * rng.randint(5, 40)
                when = dt.datetime.combine(AS_OF - dt.timedelta(days=ago), dt.time())
                log.write_datetime(row, 0, when, date)
                log.write_string(row, 1, name)
                log.write_string(row, 2, rng.choice(["Email", "Phone", "In person", "LinkedIn"]))
                log.write_string(row, 3, rng.choice(TYPES))
                if rng.random() < 0.2:
                    log.write_string(row, 4, "Talked about openings on their team.")
                row += 1
    noisy.write_settings(book)
    book.close()


def workbook(contacts: int, interactions_each: int, workload: str = "clean") -> Path:
    """The cached workbook for a workload and size, generated when missing. The everyday and
    noisy ones are keyed by every parameter and the generator's version, and are written
    under a temporary name first, so an interrupted run leaves no half-written file."""
    CACHE.mkdir(parents=True, exist_ok=True)
    if workload == "clean":
        path = CACHE / f"network-{contacts}-{interactions_each}.xlsx"
        if not path.exists():
            print(f"generating {path.name} ...", file=sys.stderr, flush=True)
            generate(path, contacts, interactions_each)
        return path
    noise, seed = NOISE[workload], contacts
    path = CACHE / (
        f"{workload}-{contacts}-{interactions_each}-noise{noise:g}-seed{seed}"
        f"-as{AS_OF:%Y%m%d}-v{noisy.VERSION}.xlsx"
    )
    if not path.exists():
        print(f"generating {path.name} ...", file=sys.stderr, flush=True)
        start = time.perf_counter()
        partial = path.with_name(f"partial-{os.getpid()}-{path.name}")
        try:
            noisy.generate(
                partial, contacts, interactions_each, noise=noise, seed=seed, as_of=AS_OF
            )
            partial.replace(path)
        finally:
            partial.unlink(missing_ok=True)
        print(f"  ... in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
    return path


def coach_folder(clients: int, contacts: int) -> Path:
    """A folder of `clients` workbooks of `contacts` contacts each, every one different."""
    folder = CACHE / f"coach-{clients}x{contacts}"
    folder.mkdir(parents=True, exist_ok=True)
    missing = [i for i in range(1, clients + 1) if not (folder / f"client-{i:03d}.xlsx").exists()]
    if missing:
        print(f"generating {len(missing)} workbooks in {folder.name} ...", file=sys.stderr)
    for i in missing:
        generate(folder / f"client-{i:03d}.xlsx", contacts, 5, seed=contacts * 1000 + i)
    return folder


@dataclass
class Run:
    wall: float
    peak_mib: float
    stages: dict[str, float] = field(default_factory=dict)
    lines: int = 0  # lines the command wrote to standard output
    counts: dict[str, int] | None = None  # the issue counts of a `--format json` output


def _tree(pid: int) -> list[int]:
    """A process and its descendants, as far as /proc can tell (they may end as it is read)."""
    found, todo = [], [pid]
    while todo:
        at = todo.pop()
        found.append(at)
        for task in Path(f"/proc/{at}/task").glob("*/children"):
            with contextlib.suppress(OSError):
                todo += [int(c) for c in task.read_text().split()]
    return found


def _pss_kib(pid: int) -> int:
    """A process's proportional set size: its private pages, and its share of the pages it
    shares (a forked child's copy-on-write pages count once across parent and child)."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(found[1]) if found else 0


class TreeMemory(threading.Thread):
    """Samples the memory of a process and its forked children together, five times a second:
    the kernel's peak RSS of one process does not add a child's own pages to its parent's."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak_kib = max(self.peak_kib, sum(map(_pss_kib, _tree(self.pid))))


def measure(command: list[str]) -> Run:
    """Run a command as its own process; wall time, peak memory (the larger of the kernel's
    peak RSS and the sampled peak of the process tree's PSS), `timing` lines from stderr, the
    lines of its standard output and, when that is JSON with issue counts, the counts."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, cwd=ROOT)
        tree = TreeMemory(child.pid)
        if Path("/proc/self/smaps_rollup").exists():
            tree.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        tree.done.set()
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
        lines, counts = _output(out)
    if child.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{text}")
    stages = {m[1]: float(m[2]) for m in re.finditer(r"timing (.+): ([\d.]+) s", text)}
    return Run(wall, max(usage.ru_maxrss, tree.peak_kib) / 1024, stages, lines, counts)


def _output(out: IO[bytes]) -> tuple[int, dict[str, int] | None]:
    """Count the lines of a finished command's output file; read its issue counts when it is
    a small JSON document that has them (`report --format json`)."""
    out.seek(0)
    lines, size, last, head = 0, 0, b"\n", b""
    while chunk := out.read(1 << 20):
        lines += chunk.count(b"\n")
        size += len(chunk)
        last = chunk[-1:]
        head = head + chunk if size <= 16 << 20 else b""
    lines += last != b"\n"  # a last line without its newline
    try:
        document = json.loads(head) if head.lstrip().startswith(b"{") else None
    except ValueError:
        document = None
    counts = document.get("counts") if isinstance(document, dict) else None
    return lines, counts if isinstance(counts, dict) else None


def median_run(command: list[str], runs: int) -> Run:
    done = [measure(command) for _ in range(runs)]
    stages = {k: statistics.median(r.stages.get(k, 0.0) for r in done) for k in done[0].stages}
    return Run(
        statistics.median(r.wall for r in done),
        max(r.peak_mib for r in done),
        stages,
        done[0].lines,
        done[0].counts,
    )


def report_command(path: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "netreport",
        "report",
        str(path),
        "-o",
        str(out),
        "--as-of",
        AS_OF.isoformat(),
        "--timings",
        "--format",
        "json",  # for the issue counts; the text output says the same
    ]


def validate_command(path: Path) -> list[str]:
    """`netreport validate` with its text output, the one a person reads."""
    return [sys.executable, "-m", "netreport", "validate", str(path), "--as-of", AS_OF.isoformat()]


NAIVE = """
import sys, pandas as pd
sheets = pd.read_excel(sys.argv[1], sheet_name=None, engine="openpyxl")
with pd.ExcelWriter(sys.argv[2], engine="openpyxl") as out:
    for name, frame in sheets.items():
        frame.to_excel(out, sheet_name=name, index=False)
"""


def row(work: str, measured: str, target: str, ok: bool | None) -> str:
    """A table row, also printed at once to stderr so a long run shows progress."""
    mark = "" if ok is None else ("PASS" if ok else "MISS")
    line = f"| {work} | {measured} | {target} | {mark} |"
    print(line, file=sys.stderr, flush=True)
    return line


def coach_figure(clients: int, contacts: int, out: Path, runs: int) -> tuple[str, str]:
    """The coach run's table row and its per-stage line."""
    folder = coach_folder(clients, contacts)
    got = median_run(report_command(folder, out / f"coach-{clients}x{contacts}"), runs)
    target = (clients, contacts) == COACH
    line = row(
        f"coach run, {clients} workbooks x {contacts:,} contacts ({os.cpu_count()} workers)",
        f"{got.wall:.1f} s, {got.peak_mib:,.0f} MiB",
        f"< {COACH_TARGET:.0f} s" if target else "",
        got.wall < COACH_TARGET if target else None,
    )
    stages = ", ".join(f"{k} {v:.2f}" for k, v in got.stages.items())
    return line, f"coach {clients}x{contacts} (summed over workbooks): {stages}"


@dataclass
class Figures:
    """One workload at one size: the report (medians), the naive pipeline on the same file
    (medians; None with --no-naive) and one `validate` run."""

    report: Run
    naive: Run | None
    validate: Run

    @property
    def ratio(self) -> float | None:
        return None if self.naive is None else self.naive.wall / self.report.wall


def measure_workload(kind: str, size: int, out: Path, runs: int, naive: bool) -> Figures:
    path = workbook(size, 5, kind)
    got = median_run(report_command(path, out / f"{kind}-{size}"), runs)
    slow = None
    if naive:
        slow = median_run(
            [sys.executable, "-c", NAIVE, str(path), str(out / f"naive-{kind}-{size}.xlsx")], runs
        )
    return Figures(got, slow, measure(validate_command(path)))


def issues(run: Run) -> str:
    counts = run.counts
    if counts is None:
        return "?"
    return (
        f"{counts.get('total', 0):,} ({counts.get('error', 0):,} errors, "
        f"{counts.get('warning', 0):,} warnings)"
    )


def target_rows(kind: str, size: int, got: Figures) -> list[str]:
    """Issue 16's rows for the everyday and noisy workloads, beside the measured figures."""
    if kind == "clean":
        return []
    at_target = size == TARGET_SIZE
    report, ratio = got.report, got.ratio
    naive = "" if got.naive is None else f"; {ratio:.1f}x naive ({got.naive.wall:.1f} s)"
    measured = f"{report.wall:.1f} s, {report.peak_mib:,.0f} MiB{naive}"
    fits = report.wall <= TARGET_SECONDS and report.peak_mib <= TARGET_MIB
    contacts = f"{size:,} contacts + {5 * size:,} interactions"
    if kind == "everyday":
        fits = fits and ratio is not None and ratio >= TARGET_RATIO
        return [
            row(
                f"report, {contacts}, everyday types",
                measured,
                f"<= {TARGET_SECONDS:.0f} s, >= {TARGET_RATIO:.0f}x naive, <= 1 GiB"
                if at_target
                else "",
                fits if at_target else None,
            )
        ]
    total = (report.counts or {}).get("total")
    problems = "?" if total is None else f"{total:,}"
    lines = got.validate.lines
    return [
        row(
            f"report, {contacts}, noisy ({problems} problems)",
            measured,
            f"<= {TARGET_SECONDS:.0f} s, <= 1 GiB" if at_target else "",
            fits if at_target else None,
        ),
        row(
            f"`validate` text output, noisy {size:,} contacts",
            f"{lines:,} lines ({got.validate.wall:.1f} s)",
            f"<= {TARGET_LINES} lines",
            lines <= TARGET_LINES,
        ),
    ]


def side_by_side(size: int, figures: dict[str, Figures], runs: int) -> list[str]:
    """The workloads at one size as the columns of one table."""
    done = list(figures.values())
    stages = list(dict.fromkeys(k for f in done for k in f.report.stages))
    rows = [
        (f"report, wall (median of {runs})", [f"{f.report.wall:.2f} s" for f in done]),
        *[(f"stage: {k}", [f"{f.report.stages.get(k, 0.0):.2f} s" for f in done]) for k in stages],
        ("report, peak memory", [f"{f.report.peak_mib:,.0f} MiB" for f in done]),
    ]
    naive = [f.naive for f in done if f.naive is not None]
    if len(naive) == len(done):
        rows += [
            (f"naive pandas+openpyxl, wall (median of {runs})", [f"{n.wall:.1f} s" for n in naive]),
            ("naive, peak memory", [f"{n.peak_mib:,.0f} MiB" for n in naive]),
            (
                "netreport is faster by",
                [f"{n.wall / f.report.wall:.1f}x" for n, f in zip(naive, done, strict=True)],
            ),
        ]
    rows += [
        ("issues found", [issues(f.report) for f in done]),
        ("`validate` text output", [f"{f.validate.lines:,} lines" for f in done]),
        ("`validate`, wall (1 run)", [f"{f.validate.wall:.2f} s" for f in done]),
    ]
    head = f"{size:,} contacts + {5 * size:,} interactions"
    return [
        f"| {head} | " + " | ".join(figures) + " |",
        "|---|" + "---|" * len(figures),
        *(f"| {label} | " + " | ".join(cells) + " |" for label, cells in rows),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1,000 and 10,000 contacts and a coach run over 10 workbooks, 1 run",
    )
    parser.add_argument("--no-million", action="store_true", help="skip the 1,048,576-row sheet")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive pipeline")
    parser.add_argument(
        "--coach-only", action="store_true", help="only the coach run over 200 workbooks"
    )
    parser.add_argument("--no-coach", action="store_true", help="skip the coach run")
    parser.add_argument(
        "--workloads",
        type=_choices,
        default=WORKLOADS,
        metavar="LIST",
        help=f"comma-separated, of {', '.join(WORKLOADS)} (default: all)",
    )
    parser.add_argument(
        "--sizes",
        type=_sizes,
        metavar="LIST",
        help="comma-separated numbers of contacts, five interactions each (default: 1,000, "
        "10,000 and 100,000; with --quick, 1,000 and 10,000); the targets are at 100,000",
    )
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    sizes = args.sizes or ([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    lines = ["| work | measured | target | |", "|---|---|---|---|"]
    out = Path(tempfile.mkdtemp(prefix="netreport-bench-"))
    stage_lines: list[str] = []
    tables: list[list[str]] = []
    if args.coach_only:
        line, stages = coach_figure(*COACH, out, runs)
        lines.append(line)
        stage_lines.append(stages)
        return report(lines, stage_lines, runs, tables)

    helps = [measure([sys.executable, "-m", "netreport", "--help"]).wall for _ in range(5)]
    help_wall = statistics.median(helps)
    lines.append(row("`netreport --help`", f"{help_wall:.2f} s", "<= 0.25 s", help_wall <= 0.25))
    sample = ROOT / "sample_workbooks" / "network.xlsx"
    got = median_run(report_command(sample, out / "sample"), max(runs, 3))
    floor = statistics.median(
        measure([sys.executable, "-c", "import pandas"]).wall for _ in range(max(runs, 3))
    )
    lines.append(
        row("report on the sample workbook", f"{got.wall:.2f} s", "<= 1.0 s", got.wall <= 1.0)
    )
    lines.append(
        row(
            "report on the sample workbook / `python -c 'import pandas'` (same run)",
            f"{got.wall:.2f} s / {floor:.2f} s = {got.wall / floor:.2f}x",
            f"<= {TARGET_SAMPLE_RATIO}x",
            got.wall / floor <= TARGET_SAMPLE_RATIO,
        )
    )

    for size in sizes:
        figures = {}
        for kind in args.workloads:
            figures[kind] = measure_workload(kind, size, out, runs, not args.no_naive)
            if kind == "clean":
                lines.extend(clean_rows(size, figures[kind], out))
                stage_lines.append(
                    f"{size:>9,}: "
                    + ", ".join(f"{k} {v:.2f}" for k, v in figures[kind].report.stages.items())
                )
            lines.extend(target_rows(kind, size, figures[kind]))
        tables.append(side_by_side(size, figures, runs))
    if not args.no_million and not args.quick:
        path = workbook(EXCEL_ROWS - 1, 0)
        got = median_run(report_command(path, out / "million"), 1)
        lines.append(
            row(
                "report, 1,048,576-row Contacts sheet",
                f"{got.wall:.0f} s, {got.peak_mib:,.0f} MiB",
                f"<= {TARGET_MILLION_SECONDS:.0f} s, <= {TARGET_MILLION_MIB:.0f} MiB",
                got.wall <= TARGET_MILLION_SECONDS and got.peak_mib <= TARGET_MILLION_MIB,
            )
        )
        stage_lines.append("1,048,575: " + ", ".join(f"{k} {v:.2f}" for k, v in got.stages.items()))
    if not args.no_coach:
        line, stages = coach_figure(*(QUICK_COACH if args.quick else COACH), out, runs)
        lines.append(line)
        stage_lines.append(stages)
    return report(lines, stage_lines, runs, tables)


def clean_rows(size: int, got: Figures, out: Path) -> list[str]:
    """The clean workload's rows, with their earlier targets."""
    target = size == 100_000
    report = got.report
    rows = [
        row(
            f"report, {size:,} contacts + {5 * size:,} interactions",
            f"{report.wall:.1f} s, {report.peak_mib:,.0f} MiB",
            "<= 12 s, <= 1024 MiB" if target else "",
            (report.wall <= 12 and report.peak_mib <= 1024) if target else None,
        )
    ]
    if target:
        html = next((out / f"clean-{size}").glob("*-summary-*.html"))
        kib = html.stat().st_size / 1024
        rows.append(
            row("HTML summary at 100,000 contacts", f"{kib:,.0f} KiB", "<= 2 MB", kib <= 2048)
        )
    if got.naive is not None and got.ratio is not None:
        rows.append(
            row(
                f"naive pandas+openpyxl, {size:,} contacts",
                f"{got.naive.wall:.1f} s, {got.naive.peak_mib:,.0f} MiB; netreport is "
                f"{got.ratio:.1f}x faster",
                ">= 6x at 100,000" if target else "",
                got.ratio >= 6 if target else None,
            )
        )
    return rows


def _choices(text: str) -> tuple[str, ...]:
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in WORKLOADS]
    if unknown or not kinds:
        raise argparse.ArgumentTypeError(f"workloads are {', '.join(WORKLOADS)}; got {text!r}")
    return kinds


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(n.replace("_", "")) for n in text.split(",") if n.strip()]
    except ValueError:
        sizes = []
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"expected numbers of contacts like 10000; got {text!r}")
    return sizes


def report(lines: list[str], stage_lines: list[str], runs: int, tables: list[list[str]]) -> int:
    print(
        f"netreport benchmark, {dt.date.today()}, {os.cpu_count()} cores, Python "
        f"{sys.version.split()[0]}; medians of {runs} run(s)"
    )
    print("\n".join(lines))
    if stage_lines:
        print("\nSeconds per stage (median):")
        print("\n".join(stage_lines))
    for table in tables:
        print("\nWorkloads side by side:")
        print("\n".join(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
