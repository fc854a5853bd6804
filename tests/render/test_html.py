"""The HTML summary page, parsed (html.parser) and checked against the analysis and the Excel
report's Summary sheet: every section's figures, the structure (landmarks, headings, tables,
charts), that it is one self-contained file with no script and no request, that its size is
bounded, that no text from a hostile workbook becomes markup or a link, and that the --redact
copies (page and workbook) hold nothing private while keeping every figure.

Rendering in Chromium (screenshots, axe, print) and the Nu validator are in
test_html_browser.py.
"""

from __future__ import annotations

import datetime as dt
import html
import itertools
import math
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import openpyxl
import pytest
from click.testing import CliRunner
from support.paths import ROOT

from netreport import __version__, check_workbook
from netreport.analysis import Analysis, analyze
from netreport.analysis.result import KIND_LABELS, OutreachItem
from netreport.cli import cli
from netreport.schema import CATEGORIES

SAMPLES = ROOT / "sample_workbooks"
FIRST = dt.date(2026, 11, 16)
AS_OF = dt.date(2026, 11, 23)
TOP_OUTREACH = 12
SECTION_TITLES = [
    "Network health",
    "Network mix",
    "Freshness and activity",
    "This week's outreach",
    "Introduction paths",
    "What changed",
    "Data quality",
]
# Every element and attribute the template itself writes; anything else came from data.
TEMPLATE_TAGS = {
    "html", "head", "meta", "title", "style", "body", "div", "header", "h1", "h2", "h3", "p",
    "main", "section", "svg", "circle", "text", "rect", "line", "g", "polyline", "ul", "ol",
    "li", "table", "caption", "thead", "tbody", "tr", "th", "td", "span", "dl", "dt", "dd",
    "details", "summary", "a", "strong", "footer", "bdi",
}  # fmt: skip
TEMPLATE_ATTRIBUTES = {
    "lang", "charset", "name", "content", "http-equiv", "class", "id", "role", "aria-labelledby",
    "aria-hidden", "viewbox", "preserveaspectratio", "cx", "cy", "r", "fill", "stroke",
    "stroke-width", "stroke-linecap", "stroke-dasharray", "transform", "x", "y", "x1", "y1",
    "x2", "y2", "width", "height", "text-anchor", "font-size", "font-weight", "points", "scope",
    "href",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# What HTML forbids in a document (controls other than whitespace, noncharacters).
FORBIDDEN = re.compile("[\\x00-\\x08\\x0b\\x0e-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef\\ufffe\\uffff]")


# ---- a small DOM on top of html.parser -----------------------------------------------------


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict[str, str]
    attr_list: list[tuple[str, str | None]] = field(default_factory=list)
    children: list[Node | str] = field(default_factory=list)
    parent: Node | None = None

    def iter(self) -> Iterator[Node]:
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n is not self
            and (tag is None or n.tag == tag)
            and (cls is None or cls in n.classes)
            and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Node:
        found = self.all(tag, cls, **attrs)
        assert len(found) == 1, f"{len(found)} <{tag} class={cls} {attrs}> in <{self.tag}>"
        return found[0]

    def elements(self) -> list[Node]:
        return [c for c in self.children if isinstance(c, Node)]

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    @property
    def raw(self) -> str:
        """The text inside, exactly as the browser has it."""
        return "".join(c if isinstance(c, str) else c.raw for c in self.children)

    @property
    def text(self) -> str:
        """The text inside, whitespace collapsed."""
        return " ".join(self.raw.split())

    @property
    def own_text(self) -> str:
        """The text directly inside, not in child elements, whitespace collapsed."""
        return " ".join("".join(c for c in self.children if isinstance(c, str)).split())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]
        self.problems: list[str] = []
        self.declarations: list[str] = []
        self.comments: list[str] = []

    def _node(self, tag: str, attrs: list[tuple[str, str | None]]) -> Node:
        node = Node(tag, {k: v or "" for k, v in attrs}, list(attrs), parent=self.stack[-1])
        if len(node.attrs) != len(attrs):
            self.problems.append(f"duplicate attribute on <{tag}>")
        self.stack[-1].children.append(node)
        return node

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = self._node(tag, attrs)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._node(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if tag not in [n.tag for n in self.stack]:
            self.problems.append(f"stray </{tag}>")
            return
        while self.stack[-1].tag != tag:
            self.problems.append(f"<{self.stack.pop().tag}> not closed before </{tag}>")
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


@dataclass
class Page:
    source: str
    root: Node
    problems: list[str]
    declarations: list[str]
    comments: list[str]

    def section(self, title_id: str) -> Node:
        return self.root.one("section", aria_labelledby=title_id)

    def heading_levels(self) -> list[tuple[int, str]]:
        return [(int(n.tag[1]), n.text) for n in self.root.iter() if re.fullmatch(r"h[1-6]", n.tag)]


def parse(path: Path) -> Page:
    source = path.read_text(encoding="utf-8")
    builder = _Builder()
    builder.feed(source)
    builder.close()
    problems = builder.problems + [f"<{n.tag}> never closed" for n in builder.stack[1:]]
    return Page(source, builder.root, problems, builder.declarations, builder.comments)


def link_scheme(url: str) -> str:
    """The scheme a browser reads from an href: C0 controls and spaces stripped from both
    ends, tabs and newlines removed anywhere (WHATWG URL parsing), then up to the colon."""
    cleaned = re.sub(r"[\t\n\r]", "", url.strip("".join(map(chr, range(0x21)))))
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else ""


def mailto_parts(href: str) -> tuple[str, dict[str, str]]:
    """The address and the subject and body of a mailto link."""
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and not parts.netloc and not parts.fragment, href
    assert "+" not in parts.query, "a + in a query is read as a space by some mail clients"
    fields = parse_qs(parts.query, keep_blank_values=True, strict_parsing=True)
    assert all(len(v) == 1 for v in fields.values()), fields
    return unquote(parts.path), {k: v[0] for k, v in fields.items()}


# ---- running the command --------------------------------------------------------------------


def run_report(workbook: Path, out: Path, as_of: dt.date, *more: str) -> None:
    result = CliRunner().invoke(
        cli, ["report", str(workbook), "-o", str(out), "--as-of", as_of.isoformat(), *more]
    )
    assert result.exit_code == 0, result.output


def written(out: Path, workbook: Path, kind: str, as_of: dt.date = AS_OF, suffix: str = "") -> Path:
    ext = ".html" if kind == "summary" else ".xlsx"
    path = out / f"{workbook.stem}-{kind}-{as_of.isoformat()}{suffix}{ext}"
    assert path.is_file(), f"{path.name} was not written"
    return path


@dataclass
class Run:
    workbook: Path
    out: Path
    analysis: Analysis
    page: Page
    html: Path
    xlsx: Path
    html_redacted: Path | None = None
    xlsx_redacted: Path | None = None


def report_twice(base: Path, workbook: Path, *, redact: bool = True) -> Run:
    """`netreport report` as of FIRST, then as of AS_OF (so there is a change and a trend),
    and the analysis recomputed from the library for the second."""
    out = base / "out"
    run_report(workbook, out, FIRST)
    run_report(workbook, out, AS_OF, *(["--redact"] if redact else []))
    analysis = analyze(
        check_workbook(workbook, as_of=AS_OF), history_dir=out / f"{workbook.stem}-history"
    )
    page = written(out, workbook, "summary")
    return Run(
        workbook,
        out,
        analysis,
        parse(page),
        page,
        written(out, workbook, "report"),
        written(out, workbook, "summary", suffix="-redacted") if redact else None,
        written(out, workbook, "report", suffix="-redacted") if redact else None,
    )


def copy_sample(name: str, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(SAMPLES / name, directory / name))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """A copy of sample_workbooks/network.xlsx, reported as of 16 and 23 November."""
    base = tmp_path_factory.mktemp("sample")
    return report_twice(base, copy_sample("network.xlsx", base / "in"))


@pytest.fixture(scope="module")
def messy(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """A copy of sample_workbooks/messy.xlsx (errors and warnings), reported the same way."""
    base = tmp_path_factory.mktemp("messy")
    return report_twice(base, copy_sample("messy.xlsx", base / "in"))


# ---- the Excel report's Summary sheet, read back ------------------------------------------


@dataclass
class Summary:
    rows: list[list[Any]]

    @classmethod
    def read(cls, path: Path) -> Summary:
        book = openpyxl.load_workbook(path)
        return cls([list(r) for r in book["Summary"].iter_rows(values_only=True)])

    def figures(self) -> dict[str, Any]:
        labels = self.rows[3]
        return {k: v for k, v in zip(labels, self.rows[4], strict=True) if k}

    def after(self, heading: str) -> Iterator[list[Any]]:
        """The rows under a heading in column A, up to the next blank row."""
        start = next(i for i, r in enumerate(self.rows) if str(r[0] or "").startswith(heading))
        for row in self.rows[start + 1 :]:
            if row[0] is None:
                return
            yield row

    def labelled(self, heading: str) -> dict[str, list[Any]]:
        return {str(r[0]): r[1:] for r in self.after(heading)}

    def cell(self, prefix: str) -> str:
        return next(str(r[0]) for r in self.rows if str(r[0] or "").startswith(prefix))


def excel_percent(value: float) -> str:
    """How Excel's 0% format shows a share: rounded half away from zero (0.125 is 13%)."""
    return f"{math.floor(value * 100 + 0.5 + 1e-9)}%"


def excel_one_decimal(value: float) -> str:
    """How Excel's 0.0 format shows a number (12.25 is 12.3)."""
    tenths = math.floor(value * 10 + 0.5 + 1e-9)
    return f"{tenths // 10}.{tenths % 10}"


def sheet_records(path: Path, sheet: str) -> list[dict[str, Any]]:
    rows = list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:] if any(v is not None for v in r)]


# ---- 1. self-contained, structure ---------------------------------------------------------


def test_page_is_well_formed_with_a_doctype(sample: Run) -> None:
    assert sample.page.declarations == ["doctype html"]
    assert sample.page.problems == []
    assert sample.page.comments == []
    html_el = sample.page.root.one("html")
    assert html_el.attrs["lang"] == "en"
    head = html_el.one("head")
    assert head.one("meta", charset="utf-8")
    assert "width=device-width" in head.one("meta", name="viewport").attrs["content"]
    assert head.one("meta", name="color-scheme").attrs["content"] == "light dark"
    assert head.one("title").text.startswith("Network report")


def csp(page: Page) -> dict[str, str]:
    meta = page.root.one("meta", http_equiv="Content-Security-Policy")
    directives = [d.strip().split(None, 1) for d in meta.attrs["content"].split(";") if d.strip()]
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def test_a_content_security_policy_forbids_scripts_and_requests(sample: Run) -> None:
    policy = csp(sample.page)
    assert policy["default-src"] == "'none'"
    assert "script-src" not in policy and "connect-src" not in policy
    assert policy.get("base-uri") == "'none'" and policy.get("form-action") == "'none'"
    # Beyond 'none': the inline <style>, and images only from data: URLs (there are none).
    assert {k: v for k, v in policy.items() if v != "'none'"} == {
        "style-src": "'unsafe-inline'",
        "img-src": "data:",
    }
    # The meta comes before anything it governs: first in <head> after the charset.
    head = sample.page.root.one("head").elements()
    assert [n.attrs.get("http-equiv") for n in head[:3]].index("Content-Security-Policy") <= 2


def test_self_contained_no_script_no_request(sample: Run) -> None:
    page = sample.page
    tags = {n.tag for n in page.root.iter()}
    assert tags - {"#document"} <= TEMPLATE_TAGS
    for banned in ("script", "img", "iframe", "object", "embed", "link", "base", "form", "input"):
        assert banned not in tags
    assert len(page.root.all("style")) == 1
    for node in page.root.iter():
        if node.attrs.get("http-equiv") == "Content-Security-Policy":
            continue  # checked on its own above
        for name, value in node.attr_list:
            assert not name.startswith("on"), (node.tag, name)
            assert name not in ("src", "srcset", "style", "action", "xlink:href"), (node.tag, name)
            assert "url(" not in (value or "").lower() and "://" not in (value or "")
            assert "data:" not in (value or "").lower()
    hrefs = [a.attrs["href"] for a in page.root.all(tag="a")]
    assert hrefs and all(h.startswith("mailto:") for h in hrefs)
    css = page.root.one("style").raw.lower()
    assert "url(" not in css and "@import" not in css and "://" not in css
    assert "@media print" in css and "prefers-color-scheme: dark" in css
    assert re.search(r"@media \(max-width: [\d.]+rem\)", css)
    assert "<script" not in page.source.lower() and "javascript:" not in page.source.lower()


def test_landmarks_one_main_header_and_footer(sample: Run) -> None:
    root = sample.page.root
    for tag in ("main", "header", "footer"):
        assert len(root.all(tag)) == 1, tag
    main = root.one("main")
    assert not main.all("header") and not main.all("footer")
    assert [s.attrs["aria-labelledby"] for s in main.elements()] == [
        s.attrs["aria-labelledby"] for s in root.all("section")
    ]
    ids = [n.attrs["id"] for n in root.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    for section in root.all("section"):
        title = root.one(id=section.attrs["aria-labelledby"])
        assert title.tag == "h2" and title.parent is section


def test_headings_h1_then_h2s_in_order_no_skipped_level(sample: Run, messy: Run) -> None:
    for run in (sample, messy):
        levels = run.page.heading_levels()
        assert levels[0][0] == 1 and [lvl for lvl, _ in levels].count(1) == 1
        assert levels[1][0] == 2
        for (before, _), (after, text) in itertools.pairwise(levels):
            assert after <= before + 1, f"h{before} then h{after} ({text})"
        assert [t for lvl, t in levels if lvl == 2] == SECTION_TITLES


def test_every_table_has_scoped_headers_and_a_caption(sample: Run, messy: Run) -> None:
    for run in (sample, messy):
        tables = run.page.root.all("table")
        assert len(tables) >= 3
        for table in tables:
            assert table.one("caption").text
            head = table.one("thead").all("th")
            assert head and all(th.attrs.get("scope") == "col" for th in head)
            for th in table.all("th"):
                assert th.attrs.get("scope") in ("col", "row")
            width = len(head)
            for tr in table.one("tbody").all("tr"):
                assert len(tr.elements()) == width


def test_every_chart_is_an_image_with_a_title_and_a_table(sample: Run) -> None:
    svgs = sample.page.root.all("svg")
    assert len(svgs) == 3  # score, mix, trend
    for svg in svgs:
        assert svg.attrs["role"] == "img"
        title = svg.elements()[0]
        assert title.tag == "title" and title.text
        assert svg.attrs["aria-labelledby"] == title.attrs["id"]
    health = sample.analysis.health
    # The mix bar's title says the counts the table beside it lists.
    mix = sample.page.section("mix-title")
    words = ", ".join(f"{c} {health.by_category[c]}" for c in CATEGORIES)
    assert mix.one("svg").elements()[0].text == f"Contacts by category: {words}"
    rows = [[c.text for c in tr.elements()] for tr in mix.one("tbody").all("tr")]
    assert [r[:2] for r in rows] == [[c, str(health.by_category[c])] for c in CATEGORIES]
    # The trend line has the table of past reports.
    trend = sample.page.section("changes-title")
    runs = sample.analysis.changes.trend if sample.analysis.changes else []
    assert trend.one("svg").elements()[0].text == (
        f"Health score over the last {len(runs)} reports, from {runs[0].score} to {runs[-1].score}"
    )
    table = trend.one("table")
    assert table.one("caption").text == "Past reports"


# ---- 1. every section's figures --------------------------------------------------------------


def test_the_summary_sheet_says_what_the_page_says_in_the_same_order(sample: Run) -> None:
    """The Excel Summary's headings follow the page's sections; the outreach it lists and the
    problems it shows are the page's, in the page's order."""
    headings = [str(r[0]) for r in Summary.read(sample.xlsx).rows if r[0] in SHEET_HEADINGS]
    assert headings == SHEET_HEADINGS
    page = [h.text for h in sample.page.root.all("h2")]
    assert page == [
        "Network health",
        "Network mix",
        "Freshness and activity",
        "This week's outreach",
        "Introduction paths",
        "What changed",
        "Data quality",
    ]
    excel = Summary.read(sample.xlsx)
    listed = [str(r[0]) for r in excel.after("This week's outreach")][1:-1]
    shown = [h.text for h in sample.page.section("outreach-title").all("h3")]
    assert listed == shown  # "1. Camila Greenberg", ...


# The Summary sheet's headings, in the order of the page's sections (the page's "Network
# health" is the Summary's first three).
SHEET_HEADINGS = [
    "Health score components",
    "Findings",
    "Network mix",
    "Activity and reach",
    "This week's outreach",
    "Introduction paths",
    "What changed (since 16 Nov 2026)",
    "Trend over past reports",
    "Data quality",
]


def test_headline_score_change_and_top_three_findings(sample: Run) -> None:
    health, changes = sample.analysis.health, sample.analysis.changes
    excel = Summary.read(sample.xlsx)
    section = sample.page.section("headline-title")
    score = section.one("svg")
    assert score.elements()[0].text == f"Health score {health.score} out of 100"
    assert score.all("text")[0].text == str(health.score)
    assert excel.figures()["Health score (0-100)"] == health.score
    # The change since last week: words on the page, a signed number in Excel.
    assert changes and changes.score_change is not None and changes.previous_as_of == FIRST
    change = changes.score_change
    word = f"Up {change}" if change > 0 else f"Down {-change}" if change < 0 else "No change"
    assert section.one("p", cls="change").text == f"{word} since 16 Nov"
    assert excel.cell("Score ") == f"Score {'+' if change >= 0 else ''}{change} since 16 Nov 2026"
    # The three findings that matter most, then the rest behind a disclosure.
    bullets = [str(r[0]).removeprefix("• ") for r in excel.after("Findings")]
    assert bullets == health.findings
    lists = section.all("ul", cls="findings")
    assert [li.text for li in lists[0].all("li")] == health.findings[:3]
    assert len(health.findings) > 3, "the sample should have more than three findings"
    more = section.one("details")
    assert [li.text for li in more.all("li")] == health.findings[3:]
    assert more.one("summary").text == f"{len(health.findings) - 3} more finding" + (
        "s" if len(health.findings) > 4 else ""
    )


def test_score_components_match_the_excel_summary(sample: Run) -> None:
    components = sample.analysis.health.components
    excel = Summary.read(sample.xlsx).labelled("Health score components")
    excel.pop("Component")
    rows = sample.page.section("headline-title").one("table").one("tbody").all("tr")
    assert len(rows) == len(components) == len(excel)
    for tr, comp in zip(rows, components, strict=True):
        th, weight, value, points = tr.elements()
        assert th.own_text == comp.name and th.one("span", cls="detail").text == comp.detail
        assert weight.text == str(comp.weight) == str(excel[comp.name][0])
        excel_value = excel[comp.name][1]
        assert value.text == ("n/a" if comp.value is None else excel_percent(excel_value))
        assert points.text == excel_one_decimal(excel[comp.name][2])
        assert excel[comp.name][3] == comp.detail


def test_network_mix_counts_shares_and_target(sample: Run) -> None:
    health = sample.analysis.health
    excel = Summary.read(sample.xlsx)
    mix = excel.labelled("Network mix")
    section = sample.page.section("mix-title")
    assert section.one("caption").text == f"{health.size} contacts by category"
    rows = [[c.text for c in tr.elements()] for tr in section.one("tbody").all("tr")]
    expected = []
    for category in CATEGORIES:
        count, share, overdue = mix[category][:3]
        assert count == health.by_category[category]
        assert overdue == health.overdue_by_category[category]
        assert share == pytest.approx(count / health.size)
        expected.append([category, str(count), excel_percent(share), str(overdue)])
    assert rows == expected
    # Each bar slice is as wide as its share of 100 units.
    rects = section.one("svg").all("rect")
    widths = [float(r.attrs["width"]) for r in rects]
    shown = [c for c in CATEGORIES if health.by_category[c]]
    assert [r.attrs["fill"] for r in rects] == [f"var(--{c.lower()})" for c in shown]
    assert widths == pytest.approx([100 * health.by_category[c] / health.size for c in shown], 1e-3)
    assert sum(widths) == pytest.approx(100, abs=0.01)
    # In the target fields, and not.
    reach = excel.labelled("Activity and reach")
    assert reach["In a target field"][0] == health.in_target
    assert health.target_share is not None
    assert reach["Share in a target field"][0] == pytest.approx(health.target_share)
    text = section.one("p").text
    share = excel_percent(reach["Share in a target field"][0])
    fields = ", ".join(health.target_fields)
    assert (
        f"{health.in_target} of {health.size} contacts ({share}) work in your target fields: "
        f"{fields}; {health.size - health.in_target} work elsewhere" in text
    )
    assert f"{reach['Companies'][0]} companies, {reach['Fields'][0]} fields." in text
    connectors = ", ".join(f"{n} ({k})" for n, k in health.top_connectors)
    assert reach["Top connectors"][0] == connectors
    assert f"Your best connectors: {connectors}." in text


def test_freshness_overdue_never_and_due_this_week(sample: Run) -> None:
    health = sample.analysis.health
    figures = Summary.read(sample.xlsx).figures()
    reach = Summary.read(sample.xlsx).labelled("Activity and reach")
    section = sample.page.section("fresh-title")
    shown = {
        fig.one("dt").text: int(fig.one("dd").text) for fig in section.all("div", cls="figure")
    }
    assert shown == {
        "Overdue": health.overdue,
        "Due this week": health.due_this_week,
        "Never contacted": health.never_contacted,
        "Within their cadence": health.within_cadence,
        "Interactions, 30 days": health.interactions_30,
        "Informational interviews, 90 days": health.informational_90,
    }
    assert shown["Overdue"] == figures["Overdue"]
    assert shown["Due this week"] == figures["Due this week"]
    assert shown["Never contacted"] == figures["Never contacted"]
    assert shown["Within their cadence"] == reach["Within their cadence"][0]
    assert shown["Interactions, 30 days"] == reach["Interactions, last 30 days"][0]
    assert (
        shown["Informational interviews, 90 days"]
        == reach["Informational interviews, last 90 days"][0]
    )
    overdue = section.all("div", cls="figure")[0]
    assert "alert" in overdue.classes and health.overdue > 0


def due_text(item: OutreachItem) -> str:
    label, days = KIND_LABELS[item.kind], item.days_overdue
    if days > 0:
        return f"{label}: {days} day{'' if days == 1 else 's'} overdue"
    if days == 0:
        return f"{label}: due today"
    return f"{label}: in {-days} day{'' if days == -1 else 's'}"


def test_outreach_top_items_in_order_with_why_ask_and_draft(sample: Run) -> None:
    items = sample.analysis.outreach
    assert len(items) > TOP_OUTREACH, "the sample should have more than a page of outreach"
    excel = sheet_records(sample.xlsx, "Outreach")
    assert [r["Name"] for r in excel] == [i.name for i in items]
    drafts = {r["Priority"]: r["Draft opener"] for r in sheet_records(sample.xlsx, "Drafts")}
    assert Summary.read(sample.xlsx).figures()["Outreach this week"] == len(items)
    section = sample.page.section("outreach-title")
    shown = section.one("ol", cls="outreach").elements()
    assert len(shown) == TOP_OUTREACH
    for li, item, row in zip(shown, items, excel, strict=False):
        assert li.one("h3").text == f"{item.priority}. {item.name}"
        assert row["Priority"] == item.priority and row["Category"] == item.category
        badge = li.one("span", cls="badge")
        assert badge.text == item.category and item.category.lower() in badge.classes
        assert li.one("span", cls="who").text == " · ".join(
            x for x in (item.company, item.field) if x
        )
        assert li.one("span", cls="due").text == due_text(item)
        assert row["Action"] == KIND_LABELS[item.kind]
        assert row["Due"].date() == item.due
        terms = dict(zip([d.text for d in li.all("dt")], li.all("dd"), strict=True))
        assert list(terms) == ["Why now", "Ask"]
        assert terms["Why now"].text == item.why[:1].upper() + item.why[1:]
        assert row["Why now"] == item.why
        assert terms["Ask"].text == item.ask == row["Ask"]
        assert li.one("summary").text == f"Draft opener: “{item.subject}”"
        assert li.one("p", cls="draft").raw == item.draft
        # The list shows the draft's subject, linked to the whole draft on the Drafts sheet.
        assert row["Draft opener"] == f"Subject: {item.subject}"
        assert drafts[item.priority] == f"Subject: {item.subject}\n\n{item.draft}"
    more = len(items) - TOP_OUTREACH
    assert (
        section.all("p")[-1].text == f"And {more} more on the Outreach sheet of the Excel report."
    )


def test_outreach_mailto_links_are_prefilled(sample: Run) -> None:
    items = sample.analysis.outreach[:TOP_OUTREACH]
    excel = sheet_records(sample.xlsx, "Outreach")
    lis = sample.page.section("outreach-title").one("ol").elements()
    linked = 0
    for li, item, row in zip(lis, items, excel, strict=False):
        links = li.all("a")
        if not item.email:
            assert not links
            continue
        linked += 1
        (a,) = links
        assert a.text == f"Write to {item.name.split()[0]}"
        address, fields = mailto_parts(a.attrs["href"])
        assert address == item.email == row["Email"]
        assert fields == {"subject": item.subject, "body": item.draft}
    assert linked >= TOP_OUTREACH - 1


def test_introduction_paths(sample: Run) -> None:
    paths = [p for p in sample.analysis.paths if p.via]
    assert paths, "the sample should have introduction paths"
    section = sample.page.section("paths-title")
    lis = section.one("ul", cls="paths").elements()
    assert len(lis) == min(8, len(paths))
    for li, path in zip(lis, paths, strict=False):
        assert li.one("strong").text == path.name
        via = " or ".join(f"{n} ({c}, {why})" for n, c, why in path.via)
        company = f" ({path.company})" if path.company else ""
        assert li.text == f"{path.name}{company}: ask {via}"
    chains = [li.text for li in section.one("ul", cls="chains").elements()]
    assert chains == [" → ".join(c) for c in sample.analysis.chains[:5]]


def changes_shown(page: Page) -> dict[str, str]:
    """The What changed list by its first word after the count: new, removed, category,
    outreach."""
    items = page.section("changes-title").one("ul").elements()
    return {li.text.split()[1].rstrip(":"): li.text for li in items}


def test_what_changed_and_the_trend(sample: Run) -> None:
    changes = sample.analysis.changes
    assert changes is not None
    section = sample.page.section("changes-title")
    assert section.one("p").text == "Since 16 November:"
    excel = Summary.read(sample.xlsx).labelled("What changed")
    assert [excel[k][0] for k in excel] == [
        len(changes.new),
        len(changes.removed),
        len(changes.moves),
        len(changes.completed),
    ]
    shown = changes_shown(sample.page)
    assert shown["outreach"] == f"{len(changes.completed)} outreach done: " + ", ".join(
        changes.completed
    )
    assert excel["Outreach done"][1] == ", ".join(changes.completed)
    # The trend table lists every run, newest first, as the History sheet does oldest first.
    rows = [[c.text for c in tr.elements()] for tr in section.one("tbody").all("tr")]
    history = sheet_records(sample.xlsx, "History")
    assert rows == [
        [
            r["Report date"].date().isoformat(),
            str(r["Score"]),
            str(r["Contacts"]),
            str(r["Overdue"]),
            str(r["Outreach"]),
        ]
        for r in reversed(history)
    ]
    assert [r[0] for r in rows] == [AS_OF.isoformat(), FIRST.isoformat()]


def test_what_changed_lists_new_removed_and_moved(tmp_path: Path) -> None:
    """Between the two runs the workbook gains a contact, loses one and one changes category."""
    workbook = copy_sample("network.xlsx", tmp_path / "in")
    out = tmp_path / "out"
    run_report(workbook, out, FIRST)
    book = openpyxl.load_workbook(workbook)
    sheet = book["Contacts"]
    header = [c.value for c in sheet[1]]
    name, category = header.index("Name"), header.index("Category")
    removed = sheet.cell(3, name + 1).value
    moved = sheet.cell(2, name + 1).value
    sheet.cell(2, category + 1).value = "Cold"
    sheet.delete_rows(3)
    sheet.append(["Zelda Newcombe", "zelda.newcombe@example.com"])
    book.save(workbook)
    run_report(workbook, out, AS_OF)
    changes = analyze(
        check_workbook(workbook, as_of=AS_OF), history_dir=out / "network-history"
    ).changes
    assert changes is not None
    assert changes.new == ["Zelda Newcombe"] and changes.removed == [removed]
    assert [m[0] for m in changes.moves] == [moved] and changes.moves[0][2] == "Cold"
    page = parse(written(out, workbook, "summary"))
    shown = changes_shown(page)
    assert shown["new"] == "1 new contact: Zelda Newcombe"
    assert shown["removed"] == f"1 removed: {removed}"
    (n, old, new) = changes.moves[0]
    assert shown["category"] == f"1 category move: {n} ({old} → {new})"
    excel = Summary.read(written(out, workbook, "report")).labelled("What changed")
    assert excel["New contacts"][:2] == [1, "Zelda Newcombe"]
    assert excel["Removed contacts"][:2] == [1, removed]
    assert excel["Category moves"][:2] == [1, f"{n}: {old} → {new}"]


def test_data_quality_counts_and_each_issue_with_sheet_and_row(messy: Run) -> None:
    checked = messy.analysis.checked
    errors = sum(i.severity.value == "error" for i in checked.issues)
    warnings = sum(i.severity.value == "warning" for i in checked.issues)
    assert errors and warnings
    figures = Summary.read(messy.xlsx).figures()
    assert (figures["Data errors"], figures["Warnings"]) == (errors, warnings)
    section = messy.page.section("quality-title")
    assert section.one("p").text == (
        f"{errors} error{'s' * (errors != 1)} and {warnings} warning{'s' * (warnings != 1)} "
        "in messy.xlsx. The most important:"
    )
    rows = [[c.text for c in tr.elements()] for tr in section.one("tbody").all("tr")]
    order = ["error", "warning", "info"]
    ranked = sorted(checked.issues, key=lambda i: order.index(i.severity.value))[:8]
    assert len(rows) == 8 < len(checked.issues)
    excel = sheet_records(messy.xlsx, "Issues")
    for row, issue in zip(rows, ranked, strict=True):
        severity, where, message, hint = row
        assert (severity, message, hint) == (issue.severity.value, issue.message, issue.hint)
        assert issue.sheet and issue.row, issue
        assert where.startswith(f"{issue.sheet}, row {issue.row}")
        assert any(
            (r["Sheet"], r["Row"], r["Message"]) == (issue.sheet, issue.row, message) for r in excel
        )
    # The errors come first, and the places name real sheets and rows.
    assert [r[0] for r in rows] == sorted((r[0] for r in rows), key=lambda s: s != "error")
    assert all(
        re.fullmatch(r"(People|Interaction Log), row \d+, [A-Z]+ \(.+\)", r[1]) for r in rows
    )


def test_data_quality_without_problems(sample: Run) -> None:
    assert not sample.analysis.checked.issues
    text = sample.page.section("quality-title").text
    assert text == "Data quality No problems found in network.xlsx."


def test_footer_date_source_and_version(sample: Run) -> None:
    footer = sample.page.root.one("footer")
    assert (
        footer.text
        == f"Report date {AS_OF.isoformat()} · from network.xlsx · netreport {__version__}"
    )
    assert Summary.read(sample.xlsx).rows[1][0] == (
        f"Week of 23 November 2026 · network.xlsx · netreport {__version__}"
    )
    owner = sample.analysis.settings.owner
    assert sample.page.root.one("header").one("p", cls="sub").text == (
        f"{owner} · Week of 23 November 2026"
    )


def test_shares_round_as_excel_shows_them(network_book: Any, tmp_path: Path) -> None:
    """8 contacts: one Warm is 12.5%, which Excel's 0% format shows as 13%; the page too."""
    categories = ["Warm", "Luke-warm", "Luke-warm", "Luke-warm", "Cool", "Cold", "Cold", "Cold"]
    people = [
        {
            "name": f"Person{i} Example",
            "email": f"p{i}@example.com",
            "company": f"Company {i}",
            "field": "Finance" if i < 3 else "Retail",
            "met": "Yes" if c in ("Warm", "Luke-warm") else "No",
            "category": c,
            "last_contact": dt.date(2026, 10, 1),
        }
        for i, c in enumerate(categories)
    ]
    workbook = network_book(people, settings={"Target fields": "Finance"})
    out = tmp_path / "out"
    run_report(workbook, out, AS_OF)
    page = parse(written(out, workbook, "summary"))
    excel = Summary.read(written(out, workbook, "report"))
    mix = excel.labelled("Network mix")
    rows = [
        [c.text for c in tr.elements()] for tr in page.section("mix-title").one("tbody").all("tr")
    ]
    assert [r[2] for r in rows] == [excel_percent(mix[c][1]) for c in CATEGORIES]
    assert [r[2] for r in rows] == ["13%", "38%", "13%", "38%"]
    share = excel.labelled("Activity and reach")["Share in a target field"][0]
    assert f"({excel_percent(share)})" == "(38%)"
    assert "(38%) work in your target field" in page.section("mix-title").one("p").text


def test_page_size_is_bounded_for_a_large_network(network_book: Any, tmp_path: Path) -> None:
    """3,000 contacts: the page lists the top of each list only."""
    fields = ["Finance", "Data Science", "Retail", "Healthcare", "Education"]
    kinds = ["Warm", "Luke-warm", "Cool", "Cold"]
    people = []
    for i in range(3000):
        kind = kinds[i % 4]
        people.append(
            {
                "name": f"Person{i} Surname{i % 97}",
                "email": f"person{i}@example.com" if i % 50 else f"person{i}-at-example",
                "company": f"Company {i % 40}",
                "field": fields[i % 5],
                "met": "Yes" if kind in ("Warm", "Luke-warm") else "No",
                "referrer": f"Person{i - 2} Surname{(i - 2) % 97}" if kind == "Cool" else None,
                "category": kind,
                "last_contact": dt.date(2026, 1, 1) + dt.timedelta(days=i % 300),
                "added": dt.date(2025, 1, 1),
            }
        )
    workbook = network_book(people, settings={"Target fields": "Finance, Data Science"})
    out = tmp_path / "out"
    run_report(workbook, out, FIRST)
    run_report(workbook, out, AS_OF)
    path = written(out, workbook, "summary")
    assert path.stat().st_size < 2_000_000
    page = parse(path)
    assert page.problems == []
    outreach = page.section("outreach-title").one("ol").elements()
    assert 0 < len(outreach) <= TOP_OUTREACH
    assert len(page.section("paths-title").one("ul", cls="paths").elements()) <= 8
    assert len(page.section("quality-title").one("tbody").elements()) <= 8
    assert "more on the Outreach sheet" in page.section("outreach-title").text
    assert "more." in page.section("paths-title").text


# ---- 2. injection ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(html_hostile_workbook: Any) -> tuple[Any, Run]:
    """The hostile workbook (conftest) and its reports, full and redacted."""
    return html_hostile_workbook, report_twice(
        html_hostile_workbook.path.parent, html_hostile_workbook.path
    )


def hostile_pages(run: Run) -> list[Page]:
    assert run.html_redacted
    return [run.page, parse(run.html_redacted)]


def test_hostile_text_makes_no_element_and_no_attribute(hostile: tuple[Any, Run]) -> None:
    _, run = hostile
    for page in hostile_pages(run):
        assert page.problems == [] and page.comments == []
        tags = {n.tag for n in page.root.iter()} - {"#document"}
        assert tags <= TEMPLATE_TAGS, tags - TEMPLATE_TAGS
        assert len(page.root.all("style")) == 1
        for node in page.root.iter():
            names = [name for name, _ in node.attr_list]
            assert set(names) <= TEMPLATE_ATTRIBUTES, (node.tag, names)
            assert not any(n.startswith("on") for n in names)
        lowered = page.source.lower()
        assert "<script" not in lowered and "<img" not in lowered
        assert not re.search(r"<[a-z]+[^>]*\sonmouseover=", lowered)
        # One <a> per outreach item with an address, nothing else is a link.
        for a in page.root.all("a"):
            assert "write" in a.classes


def test_hostile_text_makes_no_dangerous_link(hostile: tuple[Any, Run]) -> None:
    _, run = hostile
    full, shared = hostile_pages(run)
    for page in (full, shared):
        for node in page.root.iter():
            for name, value in node.attr_list:
                assert name not in ("src", "srcset", "style", "action", "formaction")
                if name == "href":
                    assert link_scheme(value or "") == "mailto"
                    assert (value or "").startswith("mailto:")
                else:
                    assert link_scheme(value or "") not in ("javascript", "vbscript", "data")
    hrefs = [a.attrs["href"] for a in full.root.all("a")]
    assert hrefs, "the hostile page should still link the valid addresses"
    assert not shared.root.all("a")  # a redacted page has no links at all
    # Each link goes to the item's own address and carries its text as data, not markup.
    items = {i.email: i for i in run.analysis.outreach if i.email}
    for href in hrefs:
        address, fields = mailto_parts(href)
        item = items[address]
        assert re.fullmatch(r"[pv]\d@example\.com", address)
        assert fields == {"subject": item.subject, "body": item.draft}


def test_hostile_text_is_shown_escaped_as_text(hostile: tuple[Any, Run]) -> None:
    workbook, run = hostile
    page = run.page
    text = page.root.one("body").text
    for payload in workbook.payloads:
        shown = " ".join(FORBIDDEN.sub("", payload).split())
        assert shown in text, payload
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.source
    assert "&lt;img src=x onerror=alert(1)&gt;" in page.source
    assert "&#34; onmouseover=&#34;alert(1)" in page.source
    # The owner's name, every outreach item's name, company and draft, as typed.
    owner = run.analysis.settings.owner
    assert page.root.one("header").one("p", cls="sub").text.startswith(" ".join(owner.split()))
    assert "<script>" in owner
    assert " ".join(owner.split()) in page.root.one("head").one("title").text
    # Referrers (Cool contacts) are named in why-now and the introduction chains.
    referrers = [
        " ".join(c["Introduced By"].split()) for c in workbook.contacts if c["Introduced By"]
    ]
    assert referrers and all(FORBIDDEN.sub("", r) in text for r in referrers)
    lis = page.section("outreach-title").one("ol").elements()
    assert lis
    for li, item in zip(lis, run.analysis.outreach, strict=False):
        assert li.one("h3").text == " ".join(
            FORBIDDEN.sub("", f"{item.priority}. {item.name}").split()
        )
        draft = li.all("p", cls="draft")
        if draft:
            assert draft[0].raw == FORBIDDEN.sub("", item.draft)
    # The data-quality list quotes the values it complains about, as text.
    quality = [
        tr.elements()[2].text for tr in page.section("quality-title").one("tbody").elements()
    ]
    assert any("<script>alert(1)</script>" in m for m in quality)


def test_hostile_page_has_no_forbidden_code_point(hostile: tuple[Any, Run]) -> None:
    """A control character typed in a cell would make the page invalid HTML."""
    _, run = hostile
    for page in hostile_pages(run):
        assert not FORBIDDEN.search(page.source)


# ---- 3. redaction ---------------------------------------------------------------------------

# Where each sample keeps what must never be shared: (sheet, header) pairs.
PRIVATE = {
    "network.xlsx": [
        ("Contacts", "Email"),
        ("Contacts", "Phone"),
        ("Contacts", "How I know them"),
        ("Contacts", "Where found"),
        ("Contacts", "LinkedIn"),
        ("Contacts", "Notes"),
        ("Interactions", "Email"),
        ("Interactions", "Notes"),
    ],
    "messy.xlsx": [
        ("People", "E-mail"),
        ("People", "Phone"),
        ("People", "Mobile"),
        ("People", "Relationship"),
        ("People", "LinkedIn Profile"),
        ("People", "Favourite coffee"),
        ("People", "Notes"),
        ("Interaction Log", "E-mail"),
        ("Interaction Log", "Notes"),
    ],
}
NAMES = {
    "network.xlsx": [("Contacts", "Name"), ("Contacts", "Introduced By")],
    "messy.xlsx": [("People", "Name"), ("People", "Referred By")],
}


def column_values(workbook: Path, sheet: str, header: str, skip: set[int] = set()) -> set[str]:  # noqa: B006
    """Every value typed under `header`, as text (the header row is found by its cell), but
    those of the Excel rows in `skip`."""
    rows = list(openpyxl.load_workbook(workbook)[sheet].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if header in r)
    index = rows[top].index(header)
    values = set()
    for number, row in enumerate(rows[top + 1 :], start=top + 2):
        if number in skip:
            continue
        value = row[index]
        if value is None or str(value).strip() == "":
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        values.add(" ".join(str(value).split()))
    return values


def short(name: str) -> str:
    words = name.split()
    return f"{words[0]} {words[-1][0]}." if len(words) >= 2 else name


def xlsx_text(path: Path) -> str:
    """Every XML part of the workbook (cells, shared strings, tables, doc properties), with
    XML and OOXML (_xHHHH_) escapes decoded."""
    with zipfile.ZipFile(path) as archive:
        parts = [
            archive.read(n).decode("utf-8")
            for n in archive.namelist()
            if n.endswith((".xml", ".rels", ".vml"))
        ]
    assert any("sharedStrings" in p or "<si>" in p for p in parts)
    text = html.unescape("\n".join(parts))
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def haystacks(run: Run) -> dict[str, str]:
    """Everything in the redacted copies, whitespace collapsed and case folded: the page's
    source (but its style sheet) and its text with entities decoded and attribute values
    (percent-decoded too), and every XML part of the workbook."""
    assert run.html_redacted and run.xlsx_redacted
    page = parse(run.html_redacted)
    style = page.root.one("style").raw
    assert style in page.source
    attributes = " ".join(v or "" for n in page.root.iter() for _, v in n.attr_list)
    found = {
        "html source": page.source.replace(style, ""),
        "html text": page.root.one("body").raw + " " + attributes + " " + unquote(attributes),
        "xlsx": xlsx_text(run.xlsx_redacted),
    }
    return {k: " ".join(v.split()).casefold() for k, v in found.items()}


def contains(text: str, value: str) -> bool:
    """Whether `value` is in `text` as whole words (both already folded)."""
    return re.search(rf"(?<!\w){re.escape(value)}(?!\w)", text) is not None


def shareable_text(workbook: Path) -> str:
    """Every cell of the workbook's contacts sheet outside the private columns and names:
    a private value also typed there (a relationship 'manager', a job title 'Store Manager')
    may rightly appear in the redacted copies."""
    sheet = PRIVATE[workbook.name][0][0]
    hidden = {h for s, h in PRIVATE[workbook.name] + NAMES[workbook.name] if s == sheet}
    rows = list(openpyxl.load_workbook(workbook)[sheet].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if "Name" in r)
    keep = [i for i, h in enumerate(rows[top]) if h is not None and h not in hidden]
    cells = [str(r[i]) for r in rows[top + 1 :] for i in keep if r[i] is not None]
    return " ".join(" ".join(cells).split()).casefold()


@pytest.fixture(scope="module", params=["network.xlsx", "messy.xlsx"])
def redacted_run(request: pytest.FixtureRequest, sample: Run, messy: Run) -> Run:
    return sample if request.param == "network.xlsx" else messy


def test_redacted_copies_hold_no_contact_detail_note_link_or_relationship(
    redacted_run: Run,
) -> None:
    run = redacted_run
    found = haystacks(run)
    shareable = shareable_text(run.workbook)
    checked = 0
    for sheet, header in PRIVATE[run.workbook.name]:
        for value in column_values(run.workbook, sheet, header):
            needle = value.casefold()
            if contains(shareable, needle):
                continue
            checked += 1
            for where, text in found.items():
                assert not contains(text, needle), f"{header} {value!r} is in the redacted {where}"
    assert checked > 50


def test_redacted_copies_hold_no_draft(redacted_run: Run) -> None:
    found = haystacks(redacted_run)
    items = redacted_run.analysis.outreach
    assert items and all(i.draft for i in items)
    for item in items:
        lines = [" ".join(line.split()).casefold() for line in item.draft.splitlines()]
        for line in [*lines, " ".join(item.draft.split()).casefold()]:
            if len(line) < 30:  # "Best," and the owner's name are not the draft
                continue
            for where, text in found.items():
                assert not contains(text, line), f"draft of {item.name}: {line!r} in the {where}"
    page = parse(redacted_run.html_redacted or Path())
    assert not page.root.all("a") and not page.root.all("p", cls="draft")
    assert not page.root.all("details", cls="draft")
    for sheet in ("Outreach", "Drafts"):
        assert all(
            not r["Draft opener"]
            for r in sheet_records(redacted_run.xlsx_redacted or Path(), sheet)
        )


def test_redacted_people_by_first_name_and_last_initial(redacted_run: Run) -> None:
    run = redacted_run
    found = haystacks(run)
    names = set()
    for sheet, header in NAMES[run.workbook.name]:
        names |= {n for n in column_values(run.workbook, sheet, header) if len(n.split()) >= 2}
    assert len(names) > 15
    for name in names:
        for where, text in found.items():
            assert not contains(text, name.casefold()), f"{name!r} in the redacted {where}"
    # Contacts: every name shortened, nothing else of the person's kept.
    assert run.xlsx_redacted and run.html_redacted
    contacts = sheet_records(run.xlsx_redacted, "Contacts")
    full = sheet_records(run.xlsx, "Contacts")
    assert len(contacts) == len(full)
    name_header = "Name"
    assert [r[name_header] for r in contacts] == [
        short(" ".join(str(r[name_header]).split())) if r[name_header] else None for r in full
    ]
    dropped = {"Email", "E-mail", "Phone", "Mobile", "LinkedIn", "LinkedIn Profile", "Notes"}
    dropped |= {"How I know them", "Relationship", "Where found", "Favourite coffee"}
    assert not dropped & set(contacts[0])
    # The page shows the short forms.
    page = parse(run.html_redacted)
    shown = [li.one("h3").text for li in page.section("outreach-title").one("ol").elements()]
    assert shown == [f"{i.priority}. {short(i.name)}" for i in run.analysis.outreach[:TOP_OUTREACH]]
    assert "first name and last initial" in page.root.one("header").one("p", cls="banner").text


def shorten_names(text: str, names: set[str]) -> str:
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), short(name), text, flags=re.IGNORECASE)
    return text


def test_redacted_figures_categories_companies_and_why_now_intact(redacted_run: Run) -> None:
    run = redacted_run
    assert run.xlsx_redacted and run.html_redacted
    names: set[str] = set()
    for sheet, header in NAMES[run.workbook.name]:
        names |= {n for n in column_values(run.workbook, sheet, header) if len(n.split()) >= 2}
    names.add(run.analysis.settings.owner)  # the owner is shortened too
    # The Summary sheets: every number the same, every text the same once names are shortened.
    # Under "Data quality" the problems keep their place and severity but not their text
    # (a cell's value can hold anything), as on the page.
    full, shared = Summary.read(run.xlsx).rows, Summary.read(run.xlsx_redacted).rows
    assert len(full) == len(shared)
    quality = next(i for i, r in enumerate(full) if r[0] == "Data quality")
    for number, (a_row, b_row) in enumerate(zip(full, shared, strict=True)):
        for column, (a, b) in enumerate(zip(a_row, b_row, strict=True)):
            if number > quality + 2 and column >= 2 and a != b:
                assert isinstance(b, str) and "…" in b, (a, b)
            elif isinstance(a, str):
                assert b == shorten_names(a, names)
            else:
                assert a == b
    # The pages: the same sections, figures, categories, companies, why-now and asks.
    whole, part = run.page, parse(run.html_redacted)
    for title in ("headline-title", "mix-title", "fresh-title", "paths-title", "changes-title"):
        assert part.section(title).text == shorten_names(whole.section(title).text, names), title
    a_items = whole.section("outreach-title").one("ol").elements()
    b_items = part.section("outreach-title").one("ol").elements()
    assert len(a_items) == len(b_items)
    for a, b in zip(a_items, b_items, strict=True):
        for cls in ("badge", "who", "due"):
            assert b.one("span", cls=cls).text == a.one("span", cls=cls).text
        assert [d.text for d in b.all("dd")] == [shorten_names(d.text, names) for d in a.all("dd")]
    counts = part.section("quality-title").all("p")[0].text
    assert counts == whole.section("quality-title").all("p")[0].text
    a_rows = whole.section("quality-title").all("tr")
    b_rows = part.section("quality-title").all("tr")
    assert [r.elements()[1].text for r in b_rows] == [r.elements()[1].text for r in a_rows]
    assert part.root.one("footer").text == whole.root.one("footer").text
    # Outreach and Contacts sheets: the same order, categories, companies and why-now.
    a_out = sheet_records(run.xlsx, "Outreach")
    b_out = sheet_records(run.xlsx_redacted, "Outreach")
    for a, b in zip(a_out, b_out, strict=True):
        for key in ("Priority", "Category", "Action", "Due", "Level"):
            assert a[key] == b[key]
        assert b["Why now"] == shorten_names(a["Why now"], names)
    a_contacts = sheet_records(run.xlsx, "Contacts")
    b_contacts = sheet_records(run.xlsx_redacted, "Contacts")
    company = "Company" if "Company" in a_contacts[0] else "Organisation"
    for a, b in zip(a_contacts, b_contacts, strict=True):
        for key in (company, "Category", "Next Due", "Days Since Contact", "Next Action"):
            assert a[key] == b[key]


def test_full_reports_keep_full_detail(redacted_run: Run) -> None:
    run = redacted_run
    page_text = run.page.source
    xlsx = xlsx_text(run.xlsx)
    items = run.analysis.outreach[:TOP_OUTREACH]
    assert all(i.name in html.unescape(page_text) for i in items)
    assert [mailto_parts(a.attrs["href"])[0] for a in run.page.root.all("a")] == [
        i.email for i in items if i.email
    ]
    assert len(run.page.root.all("p", cls="draft")) == len(items)
    for sheet, header in PRIVATE[run.workbook.name]:
        if sheet not in ("Contacts", "People"):
            continue
        # rows that are not people (the starter's example, a totals row) are not reported
        skipped = {
            i.row
            for i in run.analysis.checked.issues
            if i.code in ("example-row", "not-a-contact") and i.sheet == sheet and i.row
        }
        values = column_values(run.workbook, sheet, header, skipped)
        assert values, header
        everything = " ".join(xlsx.split()).casefold()
        assert [v for v in values if v.casefold() not in everything] == [], header
