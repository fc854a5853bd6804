"""Hostile text end to end: what a workbook holds never acts as code in anything netreport writes.

One workbook (conftest's hostile_network) puts formula triggers (=, +, -, @, tab, CR,
=HYPERLINK, =cmd|...), markup, script and link tricks, template syntax and calendar-breaking
line ends into every field of every sheet, including the owner's name and target fields that
flow into titles, headers and drafts. One run of `report --ics --redact --write-back` then
writes every output, and each is checked: the Excel files (report, redacted report, the
user's own workbook with the report sheets) hold no formula, no external or DDE link, and
show the text unchanged; the HTML pages hold no markup or link made from it; the calendar
holds it as text only. The narrower checks of each renderer live in test_report.py and
test_ics.py. A second workbook carries very long text, emoji, right-to-left and combining
characters through the report and the summary intact.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook
from support.hostile import (
    ALL_PAYLOADS,
    CONTACT_TEXT_HEADERS,
    HOSTILE_OWNER,
    HostileNetwork,
    write_hostile_network,
)
from support.paths import ROOT

from netreport.cli import cli

ROOT = ROOT
AS_OF = dt.date(2026, 11, 23)
FORMULA = re.compile(r"<f[\s>/]")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
EVENT_PROPERTIES = {
    "UID",
    "DTSTAMP",
    "SEQUENCE",
    "DTSTART",
    "DTEND",
    "TRANSP",
    "SUMMARY",
    "DESCRIPTION",
    "CATEGORIES",
    "PRIORITY",
}
CALENDAR_PROPERTIES = {"PRODID", "VERSION", "CALSCALE", "METHOD", "X-WR-CALNAME"}


@dataclass
class HostileRun:
    network: HostileNetwork
    before: bytes  # the workbook's bytes before the run
    out: Path
    written: dict[str, Path]
    outreach: int


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> HostileRun:
    base = tmp_path_factory.mktemp("hostile")
    network = write_hostile_network(base / "hostile-network.xlsx")
    before = network.path.read_bytes()
    out = base / "out"
    args = ["report", str(network.path), "-o", str(out), "--as-of", AS_OF.isoformat()]
    args += ["--ics", "--redact", "--write-back", "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    written = {kind: Path(path) for kind, path in data["written"].items()}
    assert {"xlsx", "html", "ics", "xlsx-redacted", "html-redacted", "workbook", "backup"} <= set(
        written
    )
    assert data["outreach_count"] >= len(ALL_PAYLOADS)  # every hostile name is on the list
    return HostileRun(network, before, out, written, data["outreach_count"])


def calamine_grid(path: Path, sheet: str) -> list[list[Any]]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def column(grid: list[list[Any]], header: str) -> list[Any]:
    index = grid[0].index(header)
    return [row[index] if index < len(row) else "" for row in grid[1:]]


def typed(values: list[Any]) -> list[Any]:
    """What the user typed, as a reader gives it back: blanks as empty strings."""
    return ["" if v is None else v for v in values]


# ---- Excel ---------------------------------------------------------------------------------


def excel_outputs(run: HostileRun) -> dict[str, Path]:
    return {k: run.written[k] for k in ("xlsx", "xlsx-redacted", "workbook")}


@pytest.mark.parametrize("kind", ["xlsx", "xlsx-redacted", "workbook"])
def test_no_excel_output_holds_a_formula_or_an_external_link(
    hostile_run: HostileRun, kind: str
) -> None:
    path = excel_outputs(hostile_run)[kind]
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        sheets = [n for n in names if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)]
        assert sheets
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert not FORMULA.search(xml), f"{kind}: {name} holds a formula"
        # No DDE or external-workbook links, no macros, no embedded objects.
        assert not [n for n in names if n.startswith(("xl/externalLinks/", "xl/embeddings/"))]
        assert "xl/vbaProject.bin" not in names
        assert all(b"ddeLink" not in archive.read(n) for n in names if n.endswith(".xml"))
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{kind}: {sheet.title}!{cell.coordinate}"


@pytest.mark.parametrize("kind", ["xlsx", "xlsx-redacted"])
def test_text_starting_with_a_trigger_keeps_its_quote_prefix(
    hostile_run: HostileRun, kind: str
) -> None:
    book = openpyxl.load_workbook(hostile_run.written[kind])
    checked = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(TRIGGERS):
                    assert cell.data_type == "s" and cell.quotePrefix, (
                        f"{kind}: {sheet.title}!{cell.coordinate} {cell.value!r}"
                    )
                    checked += 1
    # The redacted copy leaves most hostile text out (phones, links, notes); what it keeps
    # (companies, titles, fields) is quoted all the same.
    assert checked > (len(ALL_PAYLOADS) if kind == "xlsx" else 0)


def test_report_shows_every_contact_field_exactly_as_typed(hostile_run: HostileRun) -> None:
    grid = calamine_grid(hostile_run.written["xlsx"], "Contacts")
    contacts = hostile_run.network.sheets["Contacts"]
    for header in CONTACT_TEXT_HEADERS:
        assert column(grid, header) == typed(column(contacts, header)), header
    # The typed columns hold the payloads that could not be read, also exactly as typed.
    for header in ("Met?", "Closeness", "Follow up on", "Added"):
        wanted = [v for v in column(contacts, header) if isinstance(v, str)]
        shown = [v for v in column(grid, header) if v in wanted]
        assert shown == wanted, header


def test_issues_show_the_offending_values_as_text(hostile_run: HostileRun) -> None:
    book = openpyxl.load_workbook(hostile_run.written["xlsx"])
    sheet = book["Issues"]
    headers = [c.value for c in sheet[1]]
    values = [row[headers.index("Value")] for row in sheet.iter_rows(min_row=2)]
    shown = {unescape_ooxml(c.value) for c in values if isinstance(c.value, str)}
    assert all(c.data_type == "s" for c in values if c.value is not None)
    # Unknown Settings keys, invalid settings, bad emails, dates and yes/no: each payload is
    # reported somewhere, as typed (runs of white space, line breaks included, shown as one
    # space, so an issue stays on one line).
    wanted = {" ".join(p.split()) for p in ALL_PAYLOADS}
    assert wanted <= shown, wanted - shown


def test_owner_and_target_reach_the_summary_as_text(hostile_run: HostileRun) -> None:
    book = openpyxl.load_workbook(hostile_run.written["xlsx"])
    texts = [c.value for row in book["Summary"].iter_rows() for c in row if c.value]
    assert any(isinstance(t, str) and HOSTILE_OWNER in t for t in texts)
    assert book.properties.creator == HOSTILE_OWNER


def test_write_back_keeps_every_user_sheet_and_adds_text_only_sheets(
    hostile_run: HostileRun,
) -> None:
    workbook, backup = hostile_run.written["workbook"], hostile_run.written["backup"]
    assert workbook == hostile_run.network.path
    assert backup.read_bytes() == hostile_run.before
    for sheet in ("Contacts", "Interactions", "Settings"):
        assert calamine_grid(workbook, sheet) == calamine_grid(backup, sheet), sheet
    report = calamine_grid(hostile_run.written["xlsx"], "Contacts")
    assert calamine_grid(workbook, "NR Contacts") == report


def unescape_ooxml(text: str) -> str:
    """openpyxl leaves the OOXML escape _xHHHH_ (how a CR is stored) as it is: decode it."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


# ---- HTML ----------------------------------------------------------------------------------


class Page(HTMLParser):
    """Every element, attribute and piece of text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def template_vocabulary() -> tuple[set[str], set[str]]:
    """The element and attribute names the summary template itself writes."""
    source = (ROOT / "templates" / "summary.html.j2").read_text(encoding="utf-8")
    tags = {t.lower() for t in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", source)}
    attributes = {a.lower() for a in re.findall(r"\s([a-zA-Z][a-zA-Z:-]*)=\"", source)}
    return tags, attributes


def scheme(value: str) -> str:
    """A URL's scheme as a browser would read it: control characters and spaces dropped."""
    cleaned = re.sub(r"[\x00-\x20\x7f]", "", value).lower()
    return cleaned.split(":", 1)[0] if ":" in cleaned else ""


@pytest.mark.parametrize("kind", ["html", "html-redacted"])
def test_html_holds_no_markup_or_link_made_from_the_workbook(
    hostile_run: HostileRun, kind: str
) -> None:
    path = hostile_run.written[kind]
    raw = path.read_text(encoding="utf-8")
    page = parse(path)
    tags, attributes = template_vocabulary()
    assert page.tags <= tags, page.tags - tags
    names = {name for _, name, _ in page.attributes}
    assert names <= attributes, names - attributes
    assert not [n for n in names if n.startswith("on")]
    assert "<script" not in raw.lower()
    for tag, name, value in page.attributes:
        if name in ("href", "src", "action", "formaction", "xlink:href"):
            assert scheme(value) in ("mailto", "") and not value.startswith("//"), (tag, value)
            if scheme(value) == "mailto":
                assert re.fullmatch(
                    r"mailto:p\d+%40example\.com|mailto:p\d+@example\.com", value.split("?")[0]
                )
        assert scheme(value) not in ("javascript", "vbscript", "data"), (tag, name, value)
    text = "".join(page.text)
    assert "49seven" not in text  # template syntax in the data is never run
    if kind == "html":
        # The names are payloads: they are on the page, as text.
        for payload in ("<script>alert(1)</script>", '<img src=x onerror="alert(1)">'):
            assert payload in text
        assert "{{ 7*7 }}" in text
        assert "<script>alert('owner')</script>" in text


# ---- calendar ------------------------------------------------------------------------------


def test_calendar_holds_the_text_as_text_only(hostile_run: HostileRun) -> None:
    from icalendar import Calendar

    path = hostile_run.written["ics"]
    data = path.read_bytes()
    calendar = Calendar.from_ical(data)
    events = calendar.walk("VEVENT")
    assert len(events) == hostile_run.outreach
    assert set(calendar.keys()) <= CALENDAR_PROPERTIES
    for event in events:
        assert set(event.keys()) <= EVENT_PROPERTIES, set(event.keys()) - EVENT_PROPERTIES
    lines = data.decode("utf-8").replace("\r\n ", "").split("\r\n")
    assert sum(line == "BEGIN:VEVENT" for line in lines) == len(events)
    assert not [line for line in lines if line.startswith("SUMMARY:injected")]
    summaries = [str(e["SUMMARY"]) for e in events]
    assert any("<script>alert(1)</script>" in s for s in summaries)
    assert any(s.endswith('=HYPERLINK("http://evil","x")') for s in summaries)
    # A second, independent parser sees the same entries.
    vobject = pytest.importorskip("vobject")
    parsed = vobject.readOne(data.decode("utf-8"))
    assert len(parsed.contents["vevent"]) == len(events)


# ---- long text and every script ------------------------------------------------------------

# Excel's cell limit is 32,767 characters (UTF-16 code units): text from the Basic
# Multilingual Plane, so characters and code units agree.
LONG = ("Ünïcödé ليلى حداد דוד כהן e\u0301 " * 1200)[:32767]
INTERNATIONAL = {
    "Ada 👩🏽‍💻 Lovelace 🚀": "Emoji Works 🎉",
    "ليلى حداد": "شركة الأمل",
    "דוד כהן": "חברת אור",
    "Zoe\u0308 A\u030angstro\u0308m": "Cafe\u0301 Noe\u0308l",
    "Z\u0338\u0322\u031ba\u0336l\u0337g\u0335o\u0334 Text": "Combining \u20dd Ltd",
    "王小明": "北京科技",
}


def write_international(path: Path) -> Path:
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Contacts")
    headers = ["Name", "Email", "Company", "Met?", "How I know them", "Notes", "Long own column"]
    for c, header in enumerate(headers):
        sheet.write_string(0, c, header)
    for r, (name, company) in enumerate(INTERNATIONAL.items(), start=1):
        for c, value in enumerate(
            [name, f"p{r}@example.com", company, "Yes", "friend", LONG, LONG[::-1]]
        ):
            assert sheet.write_string(r, c, value) == 0, (r, c)
    book.close()
    return path


def test_long_text_emoji_rtl_and_combining_characters_round_trip(tmp_path: Path) -> None:
    assert len(LONG.encode("utf-16-le")) // 2 == 32767
    workbook = write_international(tmp_path / "international.xlsx")
    out = tmp_path / "out"
    args = ["report", str(workbook), "-o", str(out), "--as-of", AS_OF.isoformat(), "--budget", "9"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    report = out / f"international-report-{AS_OF.isoformat()}.xlsx"
    book = openpyxl.load_workbook(report)
    rows = list(book["Contacts"].iter_rows(values_only=True))
    header = list(rows[0])
    shown = {
        row[header.index("Name")]: (
            row[header.index("Company")],
            row[header.index("Notes")],
            row[header.index("Long own column")],
        )
        for row in rows[1:]
    }
    # Exactly as typed: not normalised (NFC would merge the combining marks), not cut.
    assert shown == {name: (company, LONG, LONG[::-1]) for name, company in INTERNATIONAL.items()}
    outreach = [r[1] for r in book["Outreach"].iter_rows(min_row=2, values_only=True) if r[1]]
    assert sorted(outreach) == sorted(INTERNATIONAL)

    page = parse(out / f"international-summary-{AS_OF.isoformat()}.html")
    text = "".join(page.text)
    for name in INTERNATIONAL:
        assert name in text, name


def test_a_number_no_float_can_hold_is_text_not_a_crash(tmp_path: Path) -> None:
    """XlsxWriter stores the largest float with 16 digits, so it reads back as infinity, as a
    damaged or hostile file's 1E+999 would: such a cell is the text "inf", reported where it
    should be a date and shown as it reads everywhere, never computed with."""
    import xlsxwriter

    path = tmp_path / "huge.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Contacts")
    sheet.write_row(0, 0, ["Name", "Last Contact", "Phone"])
    sheet.write_row(1, 0, ["Ann Lee", 1.7976931348623157e308, -1.7976931348623157e308])
    book.close()
    assert calamine_grid(path, "Contacts")[1][1:3] == [float("inf"), float("-inf")]
    out = tmp_path / "out"
    args = ["report", str(path), "-o", str(out), "--as-of", AS_OF.isoformat(), "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    written = json.loads(result.stdout)["written"]
    header, row = calamine_grid(Path(written["xlsx"]), "Contacts")[:2]
    assert [row[header.index("Last Contact")], row[header.index("Phone")]] == ["inf", "-inf"]
    issues = calamine_grid(Path(written["xlsx"]), "Issues")
    assert any("invalid-date" in r and "inf" in r for r in issues)
