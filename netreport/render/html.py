"""The HTML summary: one self-contained page (inline CSS, inline SVG, no script, no request).

The page reads the same Analysis as the Excel report, through `summary_context` (a
`SummaryContext`, the documented contract with the template), which only arranges it for the
template (percentages, chart geometry, mailto links); the template,
`templates/summary.html.j2`, decides how it looks and can be replaced with `--templates`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from netreport.analysis.result import (
    KIND_LABELS,
    Analysis,
    Changes,
    Health,
    IntroPath,
    OutreachItem,
)
from netreport.atomic import write_atomically
from netreport.check.settings import Settings
from netreport.issues import IssueGroup, group_issues, worst_first
from netreport.render.palette import (
    ACCENT,
    CATEGORY_COLOURS,
    DUE_SOON,
    OVERDUE,
    Swatch,
)
from netreport.schema import CATEGORIES
from netreport.templating import TemplateProblem, environment
from netreport.version import __version__

TOP_OUTREACH = 12
TOP_PATHS = 8
TOP_CHAINS = 5
TOP_ISSUES = 8
TREND_RUNS = 12
MAILTO_LIMIT = 1800  # mail clients cut longer mailto links; the body is shortened to fit
# Code points HTML forbids in a document (controls other than whitespace, noncharacters). A
# value typed with one would make the page invalid, and they show as nothing anyway: dropped.
FORBIDDEN = re.compile(
    "[\\x00-\\x08\\x0b\\x0e-\\x1f\\x7f-\\x9f\\ufdd0-\\ufdef"
    + "".join(chr(plane | end) for plane in range(0, 0x110000, 0x10000) for end in (0xFFFE, 0xFFFF))
    + "]"
)


def _as_excel_shows(value: Decimal, places: int) -> str:
    return str(value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent(share: float) -> str:
    """A 0..1 share as the Excel report's 0% format shows it: to 15 significant digits, then
    half away from zero (0.125 -> '13%'; Python's '%.0f' would give 12)."""
    return _as_excel_shows(Decimal(f"{share:.15g}") * 100, 0) + "%"


def one_decimal(value: float) -> str:
    """`value` as the Excel report's 0.0 format shows it (12.25 -> '12.3')."""
    return _as_excel_shows(Decimal(f"{value:.15g}"), 1)


@dataclass(frozen=True)
class Slice:
    """One category's part of the network-mix bar."""

    category: str
    count: int
    share: float
    overdue: int
    x: float  # where the slice starts, 0..100
    width: float


def mailto(item: OutreachItem) -> str | None:
    """A mailto link that opens a prefilled message, or None without a valid address."""
    if not item.email or "@" not in item.email:
        return None
    body = item.draft
    href = ""
    while True:
        href = (
            f"mailto:{quote(item.email, safe='@.+')}?subject={quote(item.subject)}"
            f"&body={quote(body)}"
        )
        if len(href) <= MAILTO_LIMIT or not body:
            return href
        body = body[: max(0, len(body) - 200)].rstrip() + "…"


def mix_slices(
    by_category: dict[str, int], overdue_by_category: dict[str, int] | None = None
) -> list[Slice]:
    """The network-mix bar: one slice per category, in the categories' order."""
    size = sum(by_category.values())
    x = 0.0
    slices = []
    for category in CATEGORIES:
        count = by_category.get(category, 0)
        width = 100 * count / size if size else 0.0
        overdue = (overdue_by_category or {}).get(category, 0)
        slices.append(Slice(category, count, width / 100, overdue, round(x, 3), round(width, 3)))
        x += width
    return slices


def _trend(analysis: Analysis) -> dict[str, Any]:
    """Points for the score line (0-100) over the last runs, in a 300 x 100 box."""
    runs = (analysis.changes.trend if analysis.changes else [])[-TREND_RUNS:]
    if len(runs) < 2:
        return {"runs": runs, "points": "", "dots": []}
    step = 280 / (len(runs) - 1)
    dots = [(round(10 + i * step, 1), round(95 - 0.9 * r.score, 1), r) for i, r in enumerate(runs)]
    return {"runs": runs, "points": " ".join(f"{x},{y}" for x, y, _ in dots), "dots": dots}


@dataclass(frozen=True)
class PageContext:
    """What every page's template uses besides its own figures: the version, the palette (for
    `partials/page.css.j2`) and the number formats. A user's own template may use any of
    these names; docs/templates.md lists them."""

    version: str = __version__
    colours: Mapping[str, Swatch] = field(default_factory=lambda: CATEGORY_COLOURS)
    accent: str = ACCENT
    overdue_colour: Swatch = OVERDUE
    soon_colour: Swatch = DUE_SOON
    categories: tuple[str, ...] = CATEGORIES
    percent: Callable[[float], str] = percent
    one_decimal: Callable[[float], str] = one_decimal

    def variables(self) -> dict[str, Any]:
        """The template's variables: one per field (not deep-copied, unlike `asdict`)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True)
class SummaryContext(PageContext):
    """Everything `summary.html.j2` may use: the documented contract between the analysis and
    the page (tests/render/test_template_contract.py checks the template reads no other name)."""

    analysis: Analysis | None = None  # the whole result, for a user's own template
    health: Health | None = None
    settings: Settings | None = None
    owner: str = ""
    as_of: dt.date | None = None
    source_name: str = ""  # the workbook's file name
    redacted: bool = False  # the shareable copy: no contact details, notes or drafts
    changes: Changes | None = None  # what changed since the last run, if there was one
    findings: list[str] = field(default_factory=list)  # the top three
    more_findings: list[str] = field(default_factory=list)
    slices: list[Slice] = field(default_factory=list)  # the category mix bar
    outreach: list[tuple[OutreachItem, str | None, str]] = field(default_factory=list)
    outreach_more: int = 0  # items not shown on the page
    snoozed: int = 0  # people left off the list until their Snooze until day
    paths: list[IntroPath] = field(default_factory=list)
    paths_total: int = 0
    chains: list[list[str]] = field(default_factory=list)
    # The problems grouped (one entry for a problem on many rows), worst first, at most
    # TOP_ISSUES: what the page and the Summary sheet show. Each has the severity, where,
    # message and hint an issue has, and its count and rows.
    issues: list[IssueGroup] = field(default_factory=list)
    issue_counts: Mapping[str, int] = field(default_factory=dict)
    trend: Mapping[str, Any] = field(default_factory=dict)  # the score line's points


def summary_context(analysis: Analysis) -> SummaryContext:
    """The summary page's context, from the analysis the Excel report reads too."""
    health, checked = analysis.health, analysis.checked
    outreach = analysis.outreach[:TOP_OUTREACH]
    return SummaryContext(
        analysis=analysis,
        health=health,
        settings=analysis.settings,
        owner=analysis.settings.owner,
        as_of=analysis.as_of,
        source_name=checked.source.path.name,
        redacted=analysis.redacted,
        changes=analysis.changes,
        findings=health.findings[:3],
        more_findings=health.findings[3:],
        slices=mix_slices(health.by_category, health.overdue_by_category),
        outreach=[(item, mailto(item), KIND_LABELS[item.kind]) for item in outreach],
        outreach_more=len(analysis.outreach) - len(outreach),
        snoozed=analysis.snoozed,
        paths=[p for p in analysis.paths if p.via][:TOP_PATHS],
        paths_total=sum(1 for p in analysis.paths if p.via),
        chains=analysis.chains[:TOP_CHAINS],
        issues=worst_first(group_issues(checked.issues))[:TOP_ISSUES],
        issue_counts=checked.counts,
        trend=_trend(analysis),
    )


@lru_cache(maxsize=16)
def _page_template(name: str, templates: Path | None) -> Any:
    # Compiled once per process: a coach run renders the same page for every client, and
    # compiling it costs more than rendering it. A template that fails is not cached.
    return environment(templates).get_template(name)


def render_page(name: str, context: PageContext, templates: Path | None = None) -> str:
    """Render the page template `name` (the user's copy in `templates` first), without the
    characters HTML forbids."""
    import jinja2

    try:
        page = str(_page_template(name, templates).render(**context.variables()))
    except jinja2.TemplateError as exc:  # most likely a user's own template: say which
        raise TemplateProblem(f"{name} does not render: {exc}.") from exc
    return FORBIDDEN.sub("", page)


def render_summary(analysis: Analysis, templates: Path | None = None) -> str:
    return render_page("summary.html.j2", summary_context(analysis), templates)


def write_page(page: str, path: Path) -> None:
    """Write a rendered page atomically."""

    def write(temp: Path) -> None:
        temp.write_text(page, encoding="utf-8")

    write_atomically(Path(path), write)


def write_summary(analysis: Analysis, path: Path, templates: Path | None = None) -> None:
    """Render the summary page and write it atomically."""
    write_page(render_summary(analysis, templates), path)
