"""Coach mode: `netreport report` over a folder or several workbooks writes every client's
reports and a roll-up (index.html, index.xlsx), most in need of attention first.

Checked here: which files a folder holds for the run (lock and hidden files, .csv and subfolders
left out), the roll-up's rows against each client's own report, the links, the order, exit
codes, identical results with one and with two workers, history per client, report names that
would collide, and hostile text. The page in Chromium (axe, phone, Nu validator) is in
test_html_browser.py.
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
from click.testing import CliRunner, Result
from icalendar import Calendar
from support.hostile import HOSTILE_OWNER, write_hostile_network
from support.paths import ROOT
from support.workbooks import write_network

import netreport.coach
from netreport.analysis.clients import ClientRow, attention
from netreport.analysis.history import LOCK as HISTORY_LOCK
from netreport.cli import cli
from netreport.coach import Job, find_workbooks, plan_coach, report_stems, run_coach
from netreport.schema import CATEGORIES

SAMPLES = ROOT / "sample_workbooks"
FIRST, AS_OF = "2026-11-16", "2026-11-23"
FIGURES = ["Score", "Change", "Contacts", "Overdue", "To contact this week"]
FIGURES += ["Interactions, 30 days", "Errors", "Warnings"]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def make_clients(folder: Path) -> Path:
    """Three readable clients, a PDF named .xlsx, and files a run must leave alone: Excel's and
    LibreOffice's lock files, a hidden file, a CSV and a workbook in a subfolder."""
    folder.mkdir(parents=True)
    shutil.copy(SAMPLES / "network.xlsx", folder / "anna.xlsx")
    shutil.copy(SAMPLES / "messy.xlsx", folder / "bob.xlsx")
    people = [
        {"name": "Cy Cold", "email": "cy@example.com", "source": "LinkedIn search"},
        {"name": "Di Far", "email": "di@example.com", "source": "company website"},
    ]
    write_network(folder, people, settings={"Owner name": "Carl Quiet"}, filename="carl.xlsx")
    (folder / "dora.xlsx").write_bytes(b"%PDF-1.4\n% a PDF renamed .xlsx\n")
    (folder / "~$anna.xlsx").write_bytes(b"\x00" * 165)
    (folder / ".~lock.bob.xlsx#").write_text(",someone,host,26.11.2026 09:00,file:///x;")
    (folder / "._carl.xlsx").write_bytes(b"\x00\x05\x16\x07")
    (folder / "contacts.csv").write_text("Name,Email\nEd Csv,ed@example.com\n")
    (folder / "archive").mkdir()
    shutil.copy(SAMPLES / "network.xlsx", folder / "archive" / "old.xlsx")
    return folder


# ---- reading the roll-up ---------------------------------------------------------------------


@dataclass
class PageRow:
    """One client's row of index.html."""

    failed: bool
    heading: str = ""
    links: list[str] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)
    problem: str = ""
    mix: str = ""


class _IndexParser(HTMLParser):
    """The rows of table.clients' body, with their cells by data-label; and every tag seen."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[PageRow] = []
        self.tags: set[str] = set()
        self.hrefs: list[str] = []
        self.text: list[str] = []
        self._in_body = False
        self._cell: tuple[str, str] | None = None  # (kind, label)
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        found = {k: v or "" for k, v in attrs}
        if "href" in found:
            self.hrefs.append(found["href"])
        if tag == "tbody" and self._in_table:
            self._in_body = True
        if tag == "table" and "clients" in found.get("class", ""):
            self._in_table = True
        if not self._in_body:
            return
        if tag == "tr":
            self.rows.append(PageRow(failed="failed" in found.get("class", "")))
        elif tag == "th":
            self._cell, self._buffer = ("th", ""), []
        elif tag == "td":
            kind = "problem" if "problem" in found.get("class", "") else "td"
            self._cell, self._buffer = (kind, found.get("data-label", "")), []
        elif tag == "a" and self.rows:
            self.rows[-1].links.append(found["href"])

    _in_table = False

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        if tag in ("th", "td") and self._cell and self._in_body:
            kind, label = self._cell
            text = " ".join("".join(self._buffer).split())
            row = self.rows[-1]
            if kind == "th":
                row.heading = text
            elif kind == "problem":
                row.problem = text
            elif label == "Mix":
                row.mix = text
            else:
                row.cells[label] = text
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell:
            self._buffer.append(data)


def read_page(path: Path) -> _IndexParser:
    parser = _IndexParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


def page_text(path: Path) -> str:
    return " ".join("".join(read_page(path).text).split())


def read_book(path: Path) -> list[dict[str, Any]]:
    rows = list(openpyxl.load_workbook(path)["Clients"].iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@dataclass
class Coach:
    """A coach run over make_clients' folder: its result and what it wrote."""

    folder: Path
    out: Path
    result: Result
    clients: list[dict[str, Any]]  # --format json


def coach(folder: Path, *args: str) -> Coach:
    result = run("report", str(folder), "--as-of", AS_OF, "--format", "json", *args)
    out = Path(args[args.index("-o") + 1]) if "-o" in args else folder / "reports"
    return Coach(folder, out, result, json.loads(result.stdout)["clients"] if result.stdout else [])


@pytest.fixture(scope="module")
def clients(tmp_path_factory: pytest.TempPathFactory) -> Coach:
    """make_clients' folder, reported a week ago and today, in this process."""
    folder = make_clients(tmp_path_factory.mktemp("coach") / "clients")
    earlier = run("report", str(folder), "--as-of", FIRST, "--workers", "1")
    assert earlier.exit_code == 1, earlier.output
    return coach(folder, "--workers", "1")


# ---- which files, what is written ------------------------------------------------------------


def test_a_folder_holds_its_workbooks_and_nothing_else(tmp_path: Path) -> None:
    folder = make_clients(tmp_path / "clients")
    found = [p.name for p in find_workbooks([folder])]
    assert found == ["anna.xlsx", "bob.xlsx", "carl.xlsx", "dora.xlsx"]


def test_a_link_to_a_client_is_not_another_client(tmp_path: Path) -> None:
    """'alias.xlsx -> alice.xlsx' in one folder: one client, under the file's own name (the
    link used to take over alice's reports and history when the folder listed it first)."""
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copyfile(SAMPLES / "network.xlsx", folder / "alice.xlsx")
    (folder / "alias.xlsx").symlink_to("alice.xlsx")
    (folder / "zed.xlsx").symlink_to("alice.xlsx")
    assert [p.name for p in find_workbooks([folder])] == ["alice.xlsx"]
    assert [p.name for p in find_workbooks([folder / "alias.xlsx", folder])] == ["alice.xlsx"]


def test_every_client_has_its_reports_and_the_roll_up_is_beside_them(clients: Coach) -> None:
    assert clients.result.exit_code == 1, clients.result.output  # dora.xlsx has no report
    out = clients.out
    assert (out / "index.html").is_file() and (out / "index.xlsx").is_file()
    for stem in ("anna", "bob", "carl"):
        assert (out / f"{stem}-report-{AS_OF}.xlsx").is_file()
        assert (out / f"{stem}-summary-{AS_OF}.html").is_file()
        assert (out / f"{stem}-history" / "runs.csv").is_file()
    names = {p.name for p in out.iterdir()}
    assert not {n for n in names if n.startswith(("dora", "old", "contacts", "~", "._"))}


def test_json_lists_every_client_in_the_roll_up_order(clients: Coach) -> None:
    items = clients.clients
    assert [item["rank"] for item in items] == [1, 2, 3, 4]
    assert items[0]["client"] == "dora" and "PDF" in items[0]["error"]
    assert "written" not in items[0]
    for item in items[1:]:
        assert {"written", "contacts", "categories", "score", "outreach_count", "overdue"} <= set(
            item
        )
        assert Path(item["written"]["html"]).is_file()
    scores = [item["score"] for item in items[1:]]
    assert scores == sorted(scores)


def test_the_page_has_one_row_per_client_with_its_figures(clients: Coach) -> None:
    page = read_page(clients.out / "index.html")
    assert len(page.rows) == len(clients.clients) == 4
    assert page.rows[0].failed and "is a PDF, not a workbook" in page.rows[0].problem
    assert page.rows[0].heading.startswith("1. dora") and not page.rows[0].links
    pairs = zip(page.rows[1:], clients.clients[1:], strict=True)
    for rank, (shown, item) in enumerate(pairs, start=2):
        assert not shown.failed
        assert shown.heading.startswith(f"{rank}. ")
        assert list(shown.cells) == FIGURES
        assert shown.cells["Score"] == str(item["score"])
        assert shown.cells["Contacts"] == str(item["contacts"])
        assert shown.cells["Overdue"] == str(item["overdue"])
        assert shown.cells["To contact this week"] == str(item["outreach_count"])
        assert shown.cells["Errors"] == str(item["counts"]["error"])
        assert shown.cells["Warnings"] == str(item["counts"]["warning"])
        mix = ", ".join(f"{c} {item['categories'][c]}" for c in CATEGORIES)
        assert shown.mix == mix


def test_the_page_links_each_client_s_own_reports(clients: Coach) -> None:
    page = read_page(clients.out / "index.html")
    for shown, item in zip(page.rows[1:], clients.clients[1:], strict=True):
        assert len(shown.links) == 2
        targets = [clients.out / unquote(href) for href in shown.links]
        assert all(href.startswith("./") for href in shown.links)
        assert all(target.is_file() for target in targets), shown.links
        assert targets[0].resolve() == Path(item["written"]["html"]).resolve()
        assert targets[1].resolve() == Path(item["written"]["xlsx"]).resolve()


def test_the_workbook_has_the_same_rows_as_a_table_with_links(clients: Coach) -> None:
    path = clients.out / "index.xlsx"
    rows = read_book(path)
    assert [row["Rank"] for row in rows] == [1, 2, 3, 4]
    assert rows[0]["Status"] == "No report" and rows[0]["Score"] is None
    assert "is a PDF" in rows[0]["Top finding or problem"]
    for row, item in zip(rows[1:], clients.clients[1:], strict=True):
        assert row["Status"] == "Reported"
        assert row["Score"] == item["score"] and row["Contacts"] == item["contacts"]
        assert [row[c] for c in CATEGORIES] == [item["categories"][c] for c in CATEGORIES]
        assert row["Errors"] == item["counts"]["error"]
    book = openpyxl.load_workbook(path)
    sheet = book["Clients"]
    assert sheet.freeze_panes == "C2"
    assert list(sheet.tables) == ["ClientsTable"]
    links = [
        cell.hyperlink.target
        for line in sheet.iter_rows(min_row=2)
        for cell in line
        if cell.hyperlink
    ]
    assert len(links) == 6
    assert all((clients.out / unquote(target)).is_file() for target in links)


def test_history_works_per_client(clients: Coach) -> None:
    """The run a week earlier is each client's previous report: Change is the score's change
    between the two rows of that client's own history."""
    page = read_page(clients.out / "index.html")
    book = read_book(clients.out / "index.xlsx")
    for shown, line, item in zip(page.rows[1:], book[1:], clients.clients[1:], strict=True):
        history = Path(item["written"]["history"]) / "runs.csv"
        with history.open(encoding="utf-8-sig", newline="") as handle:
            runs = list(csv.DictReader(handle))
        scores = {r["as_of"]: int(r["score"]) for r in runs}
        assert set(scores) == {FIRST, AS_OF}
        change = scores[AS_OF] - scores[FIRST]
        assert line["Change"] == change
        assert shown.cells["Change"] == (f"{change:+d}" if change else "0")


# ---- order -----------------------------------------------------------------------------------


def row(stem: str, **figures: Any) -> ClientRow:
    return ClientRow(Path(f"{stem}.xlsx"), stem, **figures)


def test_the_order_puts_those_who_need_attention_most_first() -> None:
    rows = [
        row("calm", score=90, score_change=0),
        row("tie-more-overdue", score=60, score_change=-2, overdue=9),
        row("broken-b", error="is a PDF"),
        row("tie-less-overdue", score=60, score_change=-2, overdue=3, errors=5),
        row("low", score=20),
        row("tie-dropping", score=60, score_change=-8),
        row("broken-a", error="is empty"),
        row("tie-same-overdue-more-errors", score=60, score_change=-2, overdue=3, errors=9),
    ]
    assert [r.stem for r in sorted(rows, key=attention)] == [
        "broken-a",
        "broken-b",
        "low",
        "tie-dropping",
        "tie-more-overdue",
        "tie-same-overdue-more-errors",
        "tie-less-overdue",
        "calm",
    ]


# ---- one worker or several -------------------------------------------------------------------


def test_one_and_two_workers_give_the_same_roll_up(tmp_path: Path) -> None:
    folder = make_clients(tmp_path / "clients")
    one = coach(folder, "-o", str(tmp_path / "one"), "--workers", "1")
    two = coach(folder, "-o", str(tmp_path / "two"), "--workers", "2")
    assert one.result.exit_code == two.result.exit_code == 1
    assert read_book(one.out / "index.xlsx") == read_book(two.out / "index.xlsx")
    assert page_text(one.out / "index.html") == page_text(two.out / "index.html")
    assert (one.out / "index.html").read_bytes() == (two.out / "index.html").read_bytes()
    for a, b in zip(one.clients, two.clients, strict=True):
        a.pop("written", None)
        b.pop("written", None)
        assert a == b


REAL_REPORT_CLIENT = netreport.coach.report_client


def _dies_on_bob(job: Job) -> ClientRow:
    """report_client, but the worker process reporting bob.xlsx dies as if killed."""
    if job.stem == "bob":
        os._exit(9)
    return REAL_REPORT_CLIENT(job)


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the patch reaches workers by fork"
)
def test_a_worker_that_dies_costs_only_its_own_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_clients(tmp_path / "clients")
    monkeypatch.setattr(netreport.coach, "report_client", _dies_on_bob)
    done = coach(folder, "--workers", "2")
    assert done.result.exit_code == 3, done.result.output  # an unexpected error: a bug
    rows = {item["client"]: item for item in done.clients}
    assert set(rows) == {"anna", "bob", "carl", "dora"}
    assert "stopped abruptly" in rows["bob"]["error"]
    assert "PDF" in rows["dora"]["error"]
    for stem in ("anna", "carl"):
        assert "error" not in rows[stem]
        assert Path(rows[stem]["written"]["html"]).is_file()
    assert read_page(done.out / "index.html").rows[0].failed


def test_a_workbook_gone_before_its_turn_is_a_row(tmp_path: Path) -> None:
    folder = make_clients(tmp_path / "clients")
    plan = plan_coach([folder], tmp_path / "out", as_of=None)
    (folder / "carl.xlsx").unlink()
    done = run_coach(plan, workers=1)
    assert {r.stem: r.error is not None for r in done.rows} == {
        "anna": False,
        "bob": False,
        "carl": True,
        "dora": True,
    }
    assert "no such file" in next(r.error or "" for r in done.rows if r.stem == "carl")


def test_an_output_folder_that_cannot_be_made_exits_2_before_any_report(tmp_path: Path) -> None:
    folder = make_clients(tmp_path / "clients")
    done = run("report", str(folder), "-o", str(folder / "anna.xlsx" / "out"))
    assert done.exit_code == 2, done.output
    assert "cannot write the reports" in done.output and "Traceback" not in done.output
    assert not (folder / "reports").exists()


def test_next_week_clients_glob_leaves_the_reports_folder_out(tmp_path: Path) -> None:
    """`netreport report clients/*/`, as the README shows: the second week the glob also names
    clients/reports, the default output; it is not a client."""
    for client in ("ann", "ben"):
        (tmp_path / client).mkdir()
        shutil.copy(SAMPLES / "network.xlsx", tmp_path / client / "network.xlsx")
    for as_of in (FIRST, AS_OF):
        folders = sorted(str(p) for p in tmp_path.iterdir() if p.is_dir())
        done = run("report", *folders, "--as-of", as_of, "--workers", "1", "--format", "json")
        assert done.exit_code == 0, done.output
        assert [item["client"] for item in json.loads(done.stdout)["clients"]] == [
            "ann-network",
            "ben-network",
        ]
    assert (tmp_path / "reports" / f"ann-network-summary-{AS_OF}.html").is_file()
    explicit = run("report", *folders, "-o", str(tmp_path / "reports"))
    assert explicit.exit_code == 2 and "among the workbooks" in explicit.output


def test_run_coach_reports_progress_once_per_workbook(tmp_path: Path) -> None:
    folder = make_clients(tmp_path / "clients")
    plan = plan_coach([folder], tmp_path / "out", as_of=None)
    seen: list[str] = []
    done = run_coach(plan, workers=2, on_done=lambda r: seen.append(r.stem))
    assert sorted(seen) == ["anna", "bob", "carl", "dora"]
    assert [r.stem for r in done.failed] == ["dora"]


# ---- exit codes ------------------------------------------------------------------------------


def test_exit_0_when_every_workbook_is_reported_and_1_with_strict_and_data_errors(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(SAMPLES / "network.xlsx", folder / "anna.xlsx")
    shutil.copy(SAMPLES / "messy.xlsx", folder / "bob.xlsx")
    done = run("report", str(folder), "--as-of", AS_OF, "--workers", "1")
    assert done.exit_code == 0, done.output
    assert "Wrote the roll-up" in done.output and "2 clients" in done.output
    strict = run("report", str(folder), "--as-of", AS_OF, "--workers", "1", "--strict")
    assert strict.exit_code == 1, strict.output
    (folder / "bob.xlsx").unlink()
    clean = run("report", str(folder), "--as-of", AS_OF, "--strict")
    assert clean.exit_code == 0, clean.output  # a folder of one workbook is still a coach run
    assert (folder / "reports" / "index.html").is_file()


def test_one_workbook_is_a_plain_report_without_a_roll_up(tmp_path: Path) -> None:
    workbook = Path(shutil.copy(SAMPLES / "network.xlsx", tmp_path / "anna.xlsx"))
    done = run("report", str(workbook), "--as-of", AS_OF)
    assert done.exit_code == 0, done.output
    assert not (tmp_path / "reports" / "index.html").exists()
    assert (tmp_path / "reports" / f"anna-report-{AS_OF}.xlsx").is_file()
    broken = tmp_path / "dora.xlsx"
    broken.write_bytes(b"%PDF-1.4\n")
    assert run("report", str(broken), "--as-of", AS_OF).exit_code == 2  # as before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--write-back"], "--write-back works on one workbook at a time"),
        (["-o", "{folder}"], "among the workbooks"),
    ],
)
def test_usage_problems_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(SAMPLES / "network.xlsx", folder / "anna.xlsx")
    done = run("report", str(folder), *(a.format(folder=folder) for a in args))
    assert done.exit_code == 2, done.output
    assert message in done.output


def test_a_folder_without_workbooks_exits_2(tmp_path: Path) -> None:
    (tmp_path / "notes.csv").write_text("Name\nAnn\n")
    done = run("report", str(tmp_path))
    assert done.exit_code == 2
    assert "no .xlsx, .xlsm or .ods workbook" in done.output


# ---- names that would collide ----------------------------------------------------------------


def test_workbooks_with_the_same_name_get_their_folder_s_name(tmp_path: Path) -> None:
    for client in ("ann", "ben"):
        (tmp_path / client).mkdir()
        shutil.copy(SAMPLES / "network.xlsx", tmp_path / client / "network.xlsx")
    shutil.copy(SAMPLES / "messy.xlsx", tmp_path / "ann" / "NETWORK.xlsx")  # same, but for case
    files = find_workbooks(sorted(tmp_path.glob("*/*")))
    assert report_stems(files) == ["ann-NETWORK", "ann-network-2", "ben-network"]
    args = ["report", *map(str, files), "--as-of", AS_OF, "--workers", "2", "--format", "json"]
    done = run(*args, "--ics")
    assert done.exit_code == 0, done.output
    out = tmp_path / "reports"  # in the deepest folder holding every workbook
    for stem in ("ann-NETWORK", "ann-network-2", "ben-network"):
        assert (out / f"{stem}-summary-{AS_OF}.html").is_file()
        assert (out / f"{stem}-history").is_dir()
    items = json.loads(done.stdout)["clients"]
    assert {item["client"]: Path(item["file"]).name for item in items} == {
        "ann-NETWORK": "NETWORK.xlsx",
        "ann-network-2": "network.xlsx",
        "ben-network": "network.xlsx",
    }
    # The same workbook for two clients: two calendars whose entries never share a UID.
    uids = {
        stem: [
            str(event["uid"])
            for event in Calendar.from_ical(
                (out / f"{stem}-outreach-{AS_OF}.ics").read_bytes()
            ).walk("VEVENT")
        ]
        for stem in ("ann-network-2", "ben-network")
    }
    assert len(uids["ann-network-2"]) == len(uids["ben-network"]) > 0
    assert not set(uids["ann-network-2"]) & set(uids["ben-network"])


# ---- hostile text ----------------------------------------------------------------------------


def test_hostile_names_stay_text_in_both_roll_ups(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    write_hostile_network(folder / "hostile.xlsx")
    shutil.copy(SAMPLES / "network.xlsx", folder / '<img src=x onerror="alert(1)">.xlsx')
    shutil.copy(SAMPLES / "network.xlsx", folder / "c:#1 %41 ?x.xlsx")  # drive, anchor, escape
    done = run("report", str(folder), "--as-of", AS_OF, "--workers", "1")
    assert done.exit_code == 0, done.output
    out = folder / "reports"
    page = read_page(out / "index.html")
    assert len(page.hrefs) == 6
    assert all((out / unquote(href)).is_file() for href in page.hrefs), page.hrefs
    sheet = openpyxl.load_workbook(out / "index.xlsx")["Clients"]
    links = [
        cell.hyperlink for line in sheet.iter_rows(min_row=2) for cell in line if cell.hyperlink
    ]
    assert len(links) == 6 and not any(link.location for link in links)
    assert all((out / unquote(link.target)).is_file() for link in links), links
    assert page.tags <= {
        "html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "p",
        "main", "section", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr", "th",
        "td", "span", "a", "bdi", "svg", "rect", "footer",
    }  # fmt: skip
    assert all(href.startswith("./") and ":" not in href for href in page.hrefs), page.hrefs
    assert any(HOSTILE_OWNER in r.heading for r in page.rows)
    rows = read_book(folder / "reports" / "index.xlsx")
    assert HOSTILE_OWNER in [r["Client"] for r in rows]
    cells = openpyxl.load_workbook(folder / "reports" / "index.xlsx")["Clients"]
    assert all(cell.data_type != "f" for line in cells.iter_rows() for cell in line)


def test_ctrl_c_stops_every_worker_with_one_line_and_exit_130(tmp_path: Path) -> None:
    """Ctrl-C on a terminal signals the whole process group: the parent and every worker."""
    folder = tmp_path / "clients"
    folder.mkdir()
    for n in range(40):
        shutil.copy(SAMPLES / "network.xlsx", folder / f"client{n:02d}.xlsx")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "netreport", "report", str(folder), "-o", str(out)]
    process = subprocess.Popen(
        [*command, "--as-of", AS_OF, "--workers", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # a process group of its own, as a terminal's job is
    )
    deadline = time.monotonic() + 60
    # (pathlib's * also matches the hidden temporary files: wait for a finished report)
    while not list(out.glob("client*-summary-*.html")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130, errors.decode()
    assert errors.decode().strip() == (
        "Interrupted. Files already finished are kept; none is left half-written."
    )
    summaries = list(out.glob("client*-summary-*.html"))
    assert 1 <= len(summaries) < 40
    assert not (out / "index.html").exists()
    # No temporary file left (the history folders' lock files stay, as filelock keeps them).
    assert not [p.name for p in out.rglob(".*") if p.name != HISTORY_LOCK]
    for page in summaries:
        assert page.read_text(encoding="utf-8").rstrip().endswith("</html>")
