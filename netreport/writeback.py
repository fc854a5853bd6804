"""Changing the user's own workbook in place, safely: `report --write-back` and `import`.

`safe_update` is the one path every in-place change takes. The user's workbook is often years
of their data, so it refuses rather than risks it:
- it refuses while Excel or LibreOffice has the workbook open (their lock files);
- it refuses when the workbook holds parts that openpyxl would drop on saving (pivot tables,
  images without Pillow, shapes, sparklines and data bars, slicers, threaded comments,
  embedded objects, macros outside an .xlsm, formulas' calculated values), naming them;
- it copies the workbook to a timestamped backup first;
- it writes a new file beside the workbook, reopens it and has the caller check it against
  what every sheet held before (write-back: every sheet of the user's reads back cell for
  cell as before), and only then renames it over the workbook.
`write_back` adds or refreshes the report sheets inside the workbook. They are named
"NR Summary", "NR Contacts", ... (REPORT_SHEET_PREFIX) and are replaced on every run; the
workbook's custom property `netreport_sheets` lists them, so a sheet of the user's that
happens to share a name is never overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from netreport.analysis import Analysis
from netreport.errors import NetreportError
from netreport.files import write_atomically
from netreport.render.xlsx import SHEETS, write_report
from netreport.schema import REPORT_SHEET_PREFIX

MARKER = "netreport_sheets"
OUR_SHEETS = tuple(REPORT_SHEET_PREFIX + s for s in SHEETS)


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


WRITE_BACK = Wording(
    "write-back",
    "Run without --write-back to get the report as its own file.",
    "Run without --write-back: the report is written as its own file.",
)


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
    wording: Wording = WRITE_BACK,
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


def write_back(workbook: Path, analysis: Analysis, backup_dir: Path) -> tuple[Path, Path]:
    """Put the report sheets into `workbook`, after a backup; returns (workbook, backup)."""
    workbook = Path(workbook)
    with tempfile.TemporaryDirectory(prefix="netreport-") as scratch:
        report = Path(scratch) / "report.xlsx"
        if not refusals(workbook, WRITE_BACK):
            write_report(analysis, report, sheet_prefix=REPORT_SHEET_PREFIX)
        backup = safe_update(
            workbook, lambda book: _merge(workbook, report, book), backup_dir, _verify
        )
    return workbook, backup


def _verify(before: Grids, after: Grids) -> None:
    """Every sheet of the user's (all but the report sheets) reads back cell for cell."""
    before = {k: v for k, v in before.items() if k not in OUR_SHEETS}
    after = {k: v for k, v in after.items() if k not in OUR_SHEETS}
    changed = [name for name, grid in before.items() if after.get(name) != grid]
    if changed or set(after) != set(before):
        raise UpdateRefused(
            f"checking the new workbook found sheet {changed or list(after)} "
            "changed; your workbook was not changed."
        )


def _merge(workbook: Path, report: Path, book: Any) -> None:
    """Swap the report sheets in the user's loaded workbook for those of `report`."""
    from openpyxl import load_workbook
    from openpyxl.packaging.custom import StringProperty

    props = book.custom_doc_props
    previous = next((p.value for p in props if p.name == MARKER), "")
    ours = set(filter(None, str(previous).split("|")))
    for name in OUR_SHEETS:
        if name in book.sheetnames:
            if name not in ours:
                raise UpdateRefused(
                    f"{workbook.name} has a sheet named '{name}' that netreport did not write. "
                    "Rename it and run again; nothing was changed."
                )
            del book[name]
    source = load_workbook(report, rich_text=True)
    for name in OUR_SHEETS:
        _copy_sheet(source, source[name], book.create_sheet(name))
    props.props = [p for p in props.props if p.name != MARKER]
    props.append(StringProperty(name=MARKER, value="|".join(OUR_SHEETS)))


def _copy_sheet(source_book: Any, source: Any, target: Any) -> None:
    """Copy values, styles, sizes, tables, conditional formats, links, charts and print set-up."""
    from openpyxl.worksheet.table import Table

    styles: dict[Any, Any] = {}
    for row in source.iter_rows():
        for cell in row:
            if cell.value is None and not cell.has_style:
                continue
            new = target.cell(row=cell.row, column=cell.column, value=cell.value)
            if cell.data_type == "s":
                new.data_type = "s"  # text stays text, whatever it starts with
            if cell.has_style:
                key = tuple(cell._style)
                if key in styles:
                    new._style = copy(styles[key])
                else:
                    new.font, new.fill = copy(cell.font), copy(cell.fill)
                    new.border, new.alignment = copy(cell.border), copy(cell.alignment)
                    new.number_format, new.protection = cell.number_format, copy(cell.protection)
                    styles[key] = copy(new._style)
            if cell.hyperlink is not None:
                new.hyperlink = copy(cell.hyperlink)
    for key, dim in source.column_dimensions.items():
        column = target.column_dimensions[key]
        column.width, column.min, column.max = dim.width, dim.min, dim.max
    for key, dim in source.row_dimensions.items():
        if dim.height:
            target.row_dimensions[key].height = dim.height
    for merged in source.merged_cells.ranges:
        target.merge_cells(str(merged))
    for table in source.tables.values():
        copied = Table(displayName=table.displayName, ref=table.ref)
        copied.tableStyleInfo = copy(table.tableStyleInfo)
        copied.autoFilter = copy(table.autoFilter)
        target.add_table(copied)
    dxfs = source_book._differential_styles
    for area, rules in source.conditional_formatting._cf_rules.items():
        for rule in rules:
            rule = copy(rule)
            if rule.dxfId is not None:
                rule.dxf, rule.dxfId = copy(dxfs[rule.dxfId]), None
            target.conditional_formatting.add(str(area.sqref), rule)
    for chart in source._charts:
        target.add_chart(chart)
    target.freeze_panes = source.freeze_panes
    target.sheet_view.showGridLines = source.sheet_view.showGridLines
    target.page_setup.orientation = source.page_setup.orientation
    target.page_setup.fitToWidth = source.page_setup.fitToWidth
    target.page_setup.fitToHeight = source.page_setup.fitToHeight
    target.sheet_properties.pageSetUpPr = copy(source.sheet_properties.pageSetUpPr)
    target.print_title_rows = source.print_title_rows
    target.oddHeader, target.oddFooter = copy(source.oddHeader), copy(source.oddFooter)
