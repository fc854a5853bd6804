"""Changing the owner's own workbook in place, safely: the one path every such change takes
(`report --write-back`, `import`). It knows nothing of reports or analyses.

The owner's workbook is often years of their data, so `safe_update` refuses rather than
risks it:
- it refuses while Excel or LibreOffice has the workbook open (their lock files);
- it refuses when the workbook holds parts that openpyxl would drop on saving (pivot tables,
  images without Pillow, shapes, sparklines and data bars, slicers, threaded comments,
  embedded objects, macros outside an .xlsm, formulas' calculated values), naming them;
- it copies the workbook to a timestamped backup first;
- it writes a new file beside the workbook, reopens it and has the caller check it against
  what every sheet held before, and only then renames it over the workbook.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netreport.atomic import write_atomically
from netreport.errors import NetreportError
from netreport.schema import REPORT_SHEET_PREFIX, REPORT_SHEETS

# The report sheets a write-back adds; their parts are not the owner's and may be replaced.
OUR_SHEETS = tuple(REPORT_SHEET_PREFIX + s for s in REPORT_SHEETS)


class UpdateRefused(NetreportError):
    """Changing the workbook in place would be unsafe; nothing was changed (exit code 2)."""


def lock_files(workbook: Path) -> list[Path]:
    """Excel's `~$name.xlsx` and LibreOffice's `.~lock.name.xlsx#` beside the workbook."""
    folder, name = workbook.parent, workbook.name
    return [p for p in (folder / f"~${name}", folder / f".~lock.{name}#") if p.exists()]


def lossy_parts(workbook: Path) -> list[str]:
    """What saving through openpyxl would lose from this workbook, in the user's words."""
    found: list[str] = []
    with zipfile.ZipFile(workbook) as archive:
        names = archive.namelist()
        ours = _our_sheet_parts(archive)

        def has(prefix: str) -> bool:
            return any(n.startswith(prefix) for n in names)

        if has("xl/pivotTables/") or has("xl/pivotCache/"):
            found.append("pivot tables")
        if has("xl/media/") and not _pillow():
            found.append("images")
        if has("xl/slicers/") or has("xl/slicerCaches/") or has("xl/timelines/"):
            found.append("slicers or timelines")
        if has("xl/threadedComments/"):
            found.append("threaded comments")
        if has("xl/embeddings/") or has("xl/activeX/"):
            found.append("embedded objects or controls")
        if "xl/vbaProject.bin" in names and workbook.suffix.lower() != ".xlsm":
            found.append("macros")
        drawings = [n for n in names if re.match(r"xl/drawings/drawing\d+\.xml$", n)]
        if any(b"<xdr:sp>" in archive.read(n) or b"<xdr:sp " in archive.read(n) for n in drawings):
            found.append("shapes or text boxes")
        sheets = [
            n for n in names if re.match(r"xl/worksheets/sheet\d+\.xml$", n) and n not in ours
        ]
        extension_found = formula_found = False
        for name in sheets:
            xml = archive.read(name)
            extension_found |= b"x14:sparklineGroup" in xml or b"x14:dataBar" in xml
            formula_found |= b"<f>" in xml or b"<f " in xml
        if extension_found:
            found.append("sparklines or data bars")
        if formula_found:
            found.append(
                "formulas (their calculated values would be lost until Excel "
                "recalculates, and netreport would read them as blank)"
            )
    return found


def _pillow() -> bool:
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def _our_sheet_parts(archive: zipfile.ZipFile) -> set[str]:
    """The worksheet parts of the report sheets a previous write-back added."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
    rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', rels))
    targets |= {k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="([^"]+)"', rels)}
    parts = set()
    for name, rid in re.findall(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"', workbook):
        if name in OUR_SHEETS and rid in targets:
            parts.add("xl/" + targets[rid].lstrip("/").removeprefix("xl/"))
    return parts


def backup_path(workbook: Path, folder: Path, now: dt.datetime) -> Path:
    return folder / f"{workbook.stem}-backup-{now:%Y%m%d-%H%M%S}{workbook.suffix}"


Grids = dict[str, list[list[Any]]]


@dataclass(frozen=True)
class Wording:
    """How a refusal names the job and what to do instead, for each caller of safe_update."""

    job: str  # "write-back", "import"
    format_hint: str  # after "... works on .xlsx and .xlsm workbooks only."
    lossy_hint: str  # after "... which writing into it would lose. Nothing was changed."


def refusals(workbook: Path, wording: Wording) -> list[str]:
    """Why updating `workbook` in place would be unsafe; empty when it is safe to try."""
    if workbook.suffix.lower() not in (".xlsx", ".xlsm"):
        return [
            f"{workbook.name}: {wording.job} works on .xlsx and .xlsm workbooks only. "
            f"{wording.format_hint}"
        ]
    found = []
    locks = lock_files(workbook)
    if locks:
        found.append(
            f"{workbook.name} is open in Excel or LibreOffice ({locks[0].name} "
            "exists). Close it there and run again; nothing was changed."
        )
    lost = lossy_parts(workbook)
    if lost:
        found.append(
            f"{workbook.name} holds {', '.join(lost)}, which writing into it "
            f"would lose. Nothing was changed. {wording.lossy_hint}"
        )
    return found


def safe_update(
    workbook: Path,
    mutate: Callable[[Any], None],
    backup_dir: Path,
    verify: Callable[[Grids, Grids], None],
    wording: Wording,
) -> Path:
    """Change the user's workbook in place without risking it; returns the backup's path.

    Refuses (UpdateRefused) for anything but .xlsx/.xlsm, while a lock file says the workbook
    is open, and when openpyxl would lose parts of it. Then copies it to a timestamped backup
    in `backup_dir`, loads it with openpyxl (macros kept for .xlsm, rich text kept), lets
    `mutate` change the loaded workbook, saves to a temporary file beside it, calls
    `verify(before, after)` with every sheet's cell values read back by calamine (it raises
    to stop), and only then replaces the workbook in one step.
    """
    workbook = Path(workbook)
    problems = refusals(workbook, wording)
    if problems:
        raise UpdateRefused(problems[0])
    before = read_grids(workbook)
    backup_dir.mkdir(parents=True, exist_ok=True)
    backup = first = backup_path(workbook, backup_dir, dt.datetime.now())
    count = 1
    while backup.exists():  # two runs in one second: never overwrite an earlier backup
        count += 1
        backup = first.with_name(f"{first.stem}-{count}{first.suffix}")

    # The backup is itself written atomically and synced before the workbook is touched.
    def copy(temp: Path) -> None:
        shutil.copyfile(workbook, temp)

    write_atomically(backup, copy)

    def write(target: Path) -> None:
        from openpyxl import load_workbook

        keep_vba = workbook.suffix.lower() == ".xlsm"
        book = load_workbook(workbook, keep_vba=keep_vba, rich_text=True, keep_links=True)
        mutate(book)
        book.save(target)

    write_atomically(workbook, write, verify=lambda temp: verify(before, read_grids(temp)))
    return backup


def read_grids(path: Path) -> Grids:
    """Every sheet's cell values from A1, as calamine reads them (empty cells are "")."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    return {
        name: book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for name in book.sheet_names
    }
