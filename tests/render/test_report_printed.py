"""The report as a printer shows it: each report rendered by LibreOffice to PDF and read back
word by word (`pdftotext -bbox`) and as pictures (`pdftoppm`).

For the report of every sample workbook and of a 1,080-contact workbook:
- no word is drawn over another (text spilling out of a cell onto the rows below, or into the
  next column, would be);
- every page's median word height is at least 6 points (a sheet squeezed onto one page width
  prints at 2 to 4 points);
- every sheet is printed, its name at the top of its pages;
- the whole first draft opener, subject to signature, is on one page.
And on the picture of the first Contacts page, a blank Next Due cell is not coloured while an
overdue one is red.

Skipped where LibreOffice or poppler is not installed (.ci/run installs both).
"""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from support.libreoffice import soffice_outputs
from support.paths import ROOT

from netreport.cli import cli

pytestmark = [
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler is not installed"),
]

AS_OF = "2026-11-23"
LIST_SHEETS = ["Contacts", "Outreach", "Drafts", "Issues", "History"]
WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Printed:
    report: Path
    pdf: Path
    pages: list[list[Word]]


def read_pdf(pdf: Path) -> list[list[Word]]:
    done = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    pages = done.stdout.split("<page ")[1:]
    return [
        [Word(*map(float, found[:4]), found[4]) for found in WORD.findall(page)] for page in pages
    ]


def drawn_over(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words whose boxes cross: by more than a point across, and by more than half
    the smaller height down (a word's box includes the font's whole ascent and descent, so
    the boxes of one cell's consecutive lines touch)."""
    found = []
    ordered = sorted(words, key=lambda w: w.x0)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if b.x0 >= a.x1:
                break
            across = min(a.x1, b.x1) - max(a.x0, b.x0)
            down = min(a.y1, b.y1) - max(a.y0, b.y0)
            if across > 1 and down > 0.5 * min(a.height, b.height):
                found.append((a.text, b.text))
    return found


def report_of(workbook: Path, out: Path) -> Path:
    args = ["report", str(workbook), "-o", str(out), "--as-of", AS_OF]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return out / f"{workbook.stem}-report-{AS_OF}.xlsx"


def thousand_contacts(folder: Path) -> Path:
    """The sample network twelve times over (1,080 contacts), each copy's people renamed."""
    book = openpyxl.load_workbook(ROOT / "sample_workbooks" / "network.xlsx")
    sheet = book["Contacts"]
    header = [c.value for c in sheet[1]]
    name, email = header.index("Name"), header.index("Email")
    people = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True) if any(row)]
    for copy in range(2, 13):
        for person in people:
            row = list(person)
            row[name] = f"{row[name]} {copy}"
            if row[email]:
                row[email] = str(row[email]).replace("@", f"{copy}@")
            sheet.append(row)
    path = folder / "thousand.xlsx"
    book.save(path)
    return path


WORKBOOKS = ["network.xlsx", "messy.xlsx", "thousand"]


@pytest.fixture(scope="module", params=WORKBOOKS)
def printed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Printed:
    base = tmp_path_factory.mktemp("printed")
    if request.param == "thousand":
        workbook = thousand_contacts(base)
    else:
        workbook = Path(shutil.copy(ROOT / "sample_workbooks" / request.param, base))
    report = report_of(workbook, base / "out")
    (pdf,) = soffice_outputs(report, "pdf", base / "pdf")
    return Printed(report, pdf, read_pdf(pdf))


def test_no_word_is_drawn_over_another(printed: Printed) -> None:
    crossed = {n: drawn_over(words) for n, words in enumerate(printed.pages, start=1)}
    assert not {n: pairs[:5] for n, pairs in crossed.items() if pairs}


def test_every_page_is_readable(printed: Printed) -> None:
    heights = {
        n: statistics.median(w.height for w in words)
        for n, words in enumerate(printed.pages, start=1)
        if words
    }
    assert heights and min(heights.values()) >= 6, {n: h for n, h in heights.items() if h < 6}


def test_every_sheet_is_printed_under_its_name(printed: Printed) -> None:
    """Each list sheet's pages carry its name top left (the page header); the Summary's
    first page its title."""
    tops = [min(words, key=lambda w: (w.y0, w.x0)).text for words in printed.pages if words]
    assert printed.pages[0][0].text == "Network"  # "Network report: ..."
    for sheet in LIST_SHEETS:
        assert sheet in tops, (sheet, sorted(set(tops)))


def test_the_whole_first_draft_is_on_one_page(printed: Printed) -> None:
    book = openpyxl.load_workbook(printed.report, read_only=True)
    rows = book["Drafts"].iter_rows(values_only=True)
    header = list(next(rows))
    first = next(rows, None)
    if first is None:
        pytest.skip("no outreach this week")
    draft = str(first[header.index("Draft opener")]).split()
    assert len(draft) > 15  # subject, greeting, body and signature
    pages = [[w.text for w in words] for words in printed.pages]
    assert any(_contains(page, draft) for page in pages), " ".join(draft)


def _contains(words: list[str], run: list[str]) -> bool:
    """Whether `run` appears in `words` in order, each word once (the draft's lines interleave
    with nothing else inside its cell, but the page's reading order may put a neighbouring
    cell's words between its lines)."""
    at = 0
    for word in words:
        if at < len(run) and word == run[at]:
            at += 1
    return at == len(run)


# ---- colours on the page ------------------------------------------------------------------


@dataclass(frozen=True)
class Picture:
    """A page as pdftoppm draws it at 72 dots per inch (one dot per point), read from its
    plain PPM output."""

    width: int
    height: int
    pixels: bytes

    @classmethod
    def of_page(cls, pdf: Path, page: int, folder: Path) -> Picture:
        stem = folder / f"page-{page}"
        args = ["pdftoppm", "-r", "72", "-f", str(page), "-l", str(page), "-singlefile"]
        subprocess.run([*args, str(pdf), str(stem)], check=True)
        data = Path(f"{stem}.ppm").read_bytes()
        magic, width, height, depth, pixels = data.split(maxsplit=4)
        assert magic == b"P6" and depth == b"255"
        return cls(int(width), int(height), pixels)

    def at(self, x: float, y: float) -> tuple[int, int, int]:
        start = (round(y) * self.width + round(x)) * 3
        red, green, blue = self.pixels[start : start + 3]
        return red, green, blue


def test_a_blank_due_date_is_not_coloured_and_an_overdue_one_is_red(tmp_path: Path) -> None:
    """On the first printed Contacts page: the Next Due cell of a contact with no due date
    (a first outreach) is white, that of an overdue contact red."""
    report = report_of(
        Path(shutil.copy(ROOT / "sample_workbooks" / "network.xlsx", tmp_path)), tmp_path / "out"
    )
    book = openpyxl.load_workbook(report, read_only=True)
    rows = list(book["Contacts"].iter_rows(values_only=True))
    header = list(rows[0])
    due, name = header.index("Next Due"), header.index("Name")
    (pdf,) = soffice_outputs(report, "pdf", tmp_path / "pdf")
    pages = read_pdf(pdf)
    page = next(i for i, words in enumerate(pages) if words and words[0].text == "Contacts")
    words = pages[page]
    column = next(w for w in words if w.text == "Next" and w.y0 < 80)  # the header "Next Due"
    picture = Picture.of_page(pdf, page + 1, tmp_path)
    on_page = {w.text: w for w in words if w.x0 < column.x0}
    blank = overdue = None
    for row in rows[1:]:
        first = str(row[name]).split()[0]
        if first not in on_page:
            continue
        if row[due] is None and blank is None:
            blank = on_page[first]
        elif row[due] is not None and row[due].date().isoformat() < AS_OF and overdue is None:
            overdue = on_page[first]
    assert blank is not None and overdue is not None
    x = column.x0 + 4
    assert picture.at(x, (blank.y0 + blank.y1) / 2) == (255, 255, 255)
    red, green, blue = picture.at(x, (overdue.y0 + overdue.y1) / 2)
    assert red > 200 and red - green > 25 and red - blue > 25, (red, green, blue)
