"""The manual: its generated parts current, every command documented, every link resolving,
and the README a front page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support.paths import ROOT

from netreport.cli import cli

DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
QUICK_START = [
    "pip install . && netreport report sample_workbooks/network.xlsx",
    "pip install -c constraints.txt '.[test]' && pytest",
]

FENCE = re.compile(r"^(```|~~~).*?^\1[ \t]*$", re.M | re.S)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$", re.M)
# A path in the source tree, named in a code span: `netreport/identity.py`, `tests/corpus/`.
TREE_PATH = re.compile(
    r"`((?:netreport|tests|templates|benchmarks|sample_workbooks|docs|\.ci)/[^`\s]*)`"
)


def prose(text: str) -> str:
    """Markdown without fenced blocks and code spans, where links and headings live."""
    text = FENCE.sub("", text)
    return CODE_SPAN.sub("code", text)


def anchors(path: Path) -> set[str]:
    """The #anchors GitHub makes for a page's headings."""
    seen: dict[str, int] = {}
    found = set()
    for match in HEADING.finditer(FENCE.sub("", path.read_text(encoding="utf-8"))):
        text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", match.group(2))  # a link: its text
        slug = re.sub(r"[^\w\- ]", "", text.replace("`", "").strip().lower()).replace(" ", "-")
        count = seen.get(slug, 0)
        seen[slug] = count + 1
        found.add(slug if count == 0 else f"{slug}-{count}")
    return found


def local_links(path: Path) -> list[str]:
    text = prose(path.read_text(encoding="utf-8"))
    return [t for t in LINK.findall(text) if not re.match(r"[a-z][a-z0-9+.-]*:", t, re.I)]


def test_generated_parts_are_current() -> None:
    """Tables and --help output in docs/ are what `python docs/generate.py` makes today."""
    result = subprocess.run(
        [sys.executable, str(DOCS / "generate.py"), "--check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_anchor_rule_matches_githubs() -> None:
    page = DOCS / "cli.md"
    assert {"netreport-report", "options-shared-by-outreach-and-report"} <= anchors(page)
    assert "write-back-what-it-keeps-and-what-it-refuses" in anchors(DOCS / "safety.md")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented_and_linked_from_the_readme(name: str) -> None:
    assert f"netreport-{name}" in anchors(DOCS / "cli.md")
    assert f"](docs/cli.md#netreport-{name})" in README.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_local_link_resolves(page: Path) -> None:
    broken = []
    for target in local_links(page):
        file, _, anchor = target.partition("#")
        linked = (page.parent / file).resolve() if file else page
        if not linked.exists():
            broken.append(f"{target}: no such file")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            broken.append(f"{target}: no heading makes #{anchor}")
    assert not broken, broken


def made_by_running(path: str) -> bool:
    """Whether git ignores the path: a folder the tests, the benchmark or a report make."""
    for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines():
        entry = line.strip().rstrip("/")
        if not entry or entry.startswith("#") or "*" in entry:
            continue
        if path.startswith(entry + "/") if "/" in entry else entry in path.split("/"):
            return True
    return False


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_file_the_manual_names_exists(page: Path) -> None:
    """A module or test renamed or moved fails here until the page that names it follows."""
    named = TREE_PATH.findall(FENCE.sub("", page.read_text(encoding="utf-8")))
    missing = [p for p in named if not (ROOT / p).exists() and not made_by_running(p)]
    assert not missing, missing


def test_every_docs_page_is_in_the_contents() -> None:
    contents = {t.partition("#")[0] for t in local_links(DOCS / "index.md")}
    pages = {p.name for p in DOCS.glob("*.md")} - {"index.md"}
    assert pages <= contents, sorted(pages - contents)


def test_the_readme_is_a_front_page() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 220, f"README has {len(lines)} lines; move detail into docs/"


def test_the_readme_quick_start_is_unchanged() -> None:
    text = README.read_text(encoding="utf-8")
    section = re.search(r"^## Quick start\s*$(.*?)(?=^## )", text, re.M | re.S)
    assert section, "README has no '## Quick start' section"
    block = re.search(r"```[^\n]*\n(.*?)```", section.group(1), re.S)
    assert block, "Quick start has no code block"
    assert [line for line in block.group(1).splitlines() if line.strip()] == QUICK_START
