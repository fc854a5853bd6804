"""Changing the owner's own workbook in place, safely: the one path every such change takes
(`report --write-back`, `import`, `log`, `snooze`, `review`). It knows nothing of reports or
analyses.

The owner's workbook is often years of their data, so `safe_update` refuses rather than
risks it:
- it refuses while Excel or LibreOffice has the workbook open (their lock files);
- it refuses when the workbook holds parts that openpyxl would drop on saving (pivot tables,
  images without Pillow, shapes, sparklines and data bars, slicers, threaded comments,
  embedded objects, macros outside an .xlsm, formulas' calculated values), naming them;
- it refuses when the workbook on disk is no longer the one the caller read (another program
  saved it meanwhile): checked before the backup and again just before the replace, so that
  program's save is never lost;
- it copies the workbook to a timestamped backup first, and changes that copy of what was
  read, not whatever is on disk by then. A workbook's backups, from whichever command, are
  kept in one folder, `backups/<name>/` beside it: the first and the newest
  `DEFAULT_KEEP_BACKUPS`;
- it writes a new file beside the workbook, reopens it and has the caller check it against
  what every sheet held before, and only then renames it over the workbook. A symbolic link
  is followed (the real file is replaced, the link kept); a file with other hard links is
  overwritten in place so the links stay one file.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from netreport.atomic import Fingerprint, short_stem, write_atomically
from netreport.errors import NetreportError
from netreport.limits import DEFAULT_KEEP_BACKUPS
from netreport.schema import REPORT_SHEET_PREFIX, REPORT_SHEETS

# The report sheets a write-back adds; their parts are not the owner's and may be replaced.
OUR_SHEETS = tuple(REPORT_SHEET_PREFIX + s for s in REPORT_SHEETS)


class UpdateRefused(NetreportError):
    """Changing the workbook in place would be unsafe; nothing was changed (exit code 2)."""


def lock_files(workbook: Path) -> list[Path]:
    """Excel's `~$name.xlsx` and LibreOffice's `.~lock.name.xlsx#` beside the workbook, or
    beside the file a link to it points at (the program may have opened either)."""
    found = []
    for path in dict.fromkeys((workbook, workbook.resolve())):
        folder, name = path.parent, path.name
        for lock in (folder / f"~${name}", folder / f".~lock.{name}#"):
            try:
                if lock.exists():
                    found.append(lock)
            except OSError:  # a name at the file system's limit cannot have a lock beside it
                pass
    return found


def _writable(path: Path) -> bool:
    """Whether the owner may write the file: its permission bits say so (a read-only file is
    one the owner protected, even where the superuser could write it) and the system agrees."""
    try:
        return bool(path.stat().st_mode & stat.S_IWUSR) and os.access(path, os.W_OK)
    except OSError:
        return False


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
        extensions: list[str] = []
        for name in sheets:
            xml = archive.read(name)
            extensions += [_extension_name(uri) for uri in _EXTENSION_URI.findall(xml)]
        found += sorted(set(extensions), key=extensions.index)
    return found


_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_CELL_REF = re.compile(rb'\sr="([A-Z]+)(\d+)"')
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")


def formula_cells(workbook: Path) -> dict[str, list[tuple[int, str]]]:
    """The cells holding a formula, by sheet name: (Excel row, column letter), in the order
    of the sheet's XML. Sheets without a formula are left out."""
    from netreport.read.survey import sheet_parts

    found: dict[str, list[tuple[int, str]]] = {}
    with zipfile.ZipFile(workbook) as archive:
        for name, part in sheet_parts(archive).items():
            xml = archive.read(part)
            if not _FORMULA.search(xml):
                continue
            cells = []
            for match in _CELL.finditer(xml):
                inner, ref = match.group(2), _CELL_REF.search(match.group(1))
                if inner and ref and _FORMULA.search(inner):
                    cells.append((int(ref.group(2)), ref.group(1).decode()))
            if cells:
                found[name] = cells
    return found


def formulas_where_read(workbook: Path, reads: Mapping[str, Collection[int]] | None) -> list[str]:
    """The formula cells in rows netreport reads (`reads`: sheet -> Excel rows; None: every
    row of every sheet), as 'Contacts!C2'. Writing through openpyxl drops a formula's
    calculated value, which netreport would then read as blank."""
    found = []
    for sheet, cells in formula_cells(workbook).items():
        rows = None if reads is None else reads.get(sheet)
        if reads is not None and rows is None:
            continue
        found += [f"{sheet}!{letter}{row}" for row, letter in cells if rows is None or row in rows]
    return found


def formula_note(workbook: Path) -> str | None:
    """What to tell the owner when their workbook's formulas were kept by a write."""
    cells = [f"{s}!{c}{r}" for s, found in formula_cells(workbook).items() for r, c in found]
    if not cells:
        return None
    shown = ", ".join(cells[:3]) + (f" and {len(cells) - 3} more" if len(cells) > 3 else "")
    return (
        f"Your formulas ({shown}) are kept; Excel and LibreOffice work out their values again "
        "when you next open the workbook."
    )


# openpyxl drops every extension (<extLst>) of a worksheet on saving; these are the ones
# Excel writes, named as a user knows them. Others are named by their identifier.
_EXTENSION_URI = re.compile(rb'<(?:\w+:)?ext\b[^>]*\buri="([^"]+)"')
_EXTENSIONS = {
    "{78C0D931-6437-407d-A8EE-F0AAD7539E65}": "conditional formats of Excel 2010 or later "
    "(data bars, icon sets, rules that refer to other sheets)",
    "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}": "drop-down lists or data validations that refer "
    "to other sheets (Excel 2010 or later)",
    "{05C60535-1F16-4fd2-B633-F4F36F0B64E0}": "sparklines",
    "{A8765BA9-456A-4dab-B4F3-ACF838C121DE}": "slicers",
    "{3A4CF648-6AED-40f4-86FF-DC5316D8AED3}": "slicers",
    "{7E03D99C-DC04-49d9-9315-930204A7B6E9}": "timelines",
    "{B025F937-C7B1-47D3-B67F-A62EFF666E3E}": "conditional formats of Excel 2010 or later "
    "(data bars, icon sets, rules that refer to other sheets)",
}
_EXTENSIONS_BY_URI = {uri.upper(): name for uri, name in _EXTENSIONS.items()}


def _extension_name(uri: bytes) -> str:
    text = uri.decode("ascii", "replace")
    return _EXTENSIONS_BY_URI.get(text.upper(), f"an Excel extension ({text})")


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


def backup_folder(workbook: Path) -> Path:
    """The one folder that holds a workbook's backups, whichever command took them:
    `backups/<name>/` beside it (beside a link's target, the file that is changed)."""
    target = Path(workbook).resolve()
    return target.parent / "backups" / short_stem(target.stem)


def backup_path(workbook: Path, folder: Path, now: dt.datetime) -> Path:
    return folder / f"{short_stem(workbook.stem)}-backup-{now:%Y%m%d-%H%M%S}{workbook.suffix}"


def prune_backups(workbook: Path, folder: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` backups of `workbook` in `folder`, and the oldest (the
    workbook as it was before netreport first changed it); 0 keeps them all. Returns those
    deleted. Only files named as `backup_path` names them are ever touched."""
    if keep <= 0:
        return []
    pattern = re.compile(
        re.escape(f"{short_stem(workbook.stem)}-backup-")
        + r"(\d{8}-\d{6})(?:-(\d+))?"
        + re.escape(workbook.suffix)
    )
    found = []
    for path in folder.iterdir() if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if match and path.is_file() and not path.is_symlink():
            found.append((match.group(1), int(match.group(2) or 1), path))
    deleted = [path for *_, path in sorted(found)[1 : max(len(found) - keep, 1)]]
    for path in deleted:
        path.unlink(missing_ok=True)
    return deleted


Grids = dict[str, list[list[Any]]]
T = TypeVar("T")


@dataclass(frozen=True)
class Wording:
    """How a refusal names the job and what to do instead, for each caller of safe_update."""

    job: str  # "write-back", "import"
    format_hint: str  # after "... works on .xlsx and .xlsm workbooks only."
    lossy_hint: str  # after "... which writing into it would lose. Nothing was changed."


def refusals(
    workbook: Path, wording: Wording, reads: Mapping[str, Collection[int]] | None = None
) -> list[str]:
    """Why updating `workbook` in place would be unsafe; empty when it is safe to try.
    `reads` (sheet -> Excel rows) are the rows netreport reads as contacts, log entries and
    settings: a formula there is refused (a write drops its calculated value), a formula
    elsewhere (a totals row, a sheet of your own) is kept. None: every formula is refused."""
    if workbook.suffix.lower() not in (".xlsx", ".xlsm"):
        return [
            f"{workbook.name}: {wording.job} works on .xlsx and .xlsm workbooks only. "
            f"{wording.format_hint}"
        ]
    target = workbook.resolve()
    if not _writable(target):
        return [
            f"{workbook.name} is read-only; nothing was changed. Make it writable (its "
            "Properties, or chmod u+w) and run again, or run without writing into it."
        ]
    if not _writable(target.parent):
        return [
            f"{workbook.name}: its folder {target.parent} is read-only, and the new workbook "
            "is written beside the old one before it takes its place; nothing was changed. "
            "Move the workbook to a folder you may write to, or run without writing into it."
        ]
    found = []
    locks = lock_files(workbook)
    if locks:
        found.append(
            f"{workbook.name} is open in Excel or LibreOffice ({locks[0].name} "
            "exists). Close it there and run again; nothing was changed."
        )
    try:
        lost = lossy_parts(target)
    except (zipfile.BadZipFile, KeyError, OSError):
        # Cut short or not a zip any more: another program (a sync tool) is writing it now.
        return [
            f"{workbook.name} cannot be read as a workbook just now (another program may be "
            "saving it); nothing was changed. Run again in a moment."
        ]
    if lost:
        found.append(
            f"{workbook.name} holds {', '.join(lost)}, which writing into it "
            f"would lose. Nothing was changed. {wording.lossy_hint}"
        )
    formulas = formulas_where_read(target, reads)
    if formulas:
        shown = ", ".join(formulas[:5]) + (
            f" and {len(formulas) - 5} more" if len(formulas) > 5 else ""
        )
        found.append(
            f"{workbook.name} has formulas where netreport reads your data ({shown}): writing "
            "into it would drop their calculated values until Excel recalculates them, and "
            "netreport would read them as blank. Nothing was changed. Turn them into values "
            f"(Copy, then Paste Special > Values) and run again. {wording.lossy_hint}"
        )
    return found


def safe_update(
    workbook: Path,
    mutate: Callable[[Any], None],
    verify: Callable[[Grids, Grids], None],
    wording: Wording,
    read_grids: Callable[[Path], Grids],
    read_as: Fingerprint | None = None,
    keep_backups: int = DEFAULT_KEEP_BACKUPS,
    reads: Mapping[str, Collection[int]] | None = None,
) -> Path:
    """Change the user's workbook in place without risking it; returns the backup's path.

    Refuses (UpdateRefused) for anything but .xlsx/.xlsm, while a lock file says the workbook
    is open, when openpyxl would lose parts of it, and when the file is no longer `read_as`
    (what the caller read; default: the file as it is now). Then copies it to a timestamped
    backup in `backup_folder` and checks the copy is what was read, loads the copy with openpyxl
    (macros kept for .xlsm, rich text kept), lets `mutate` change it, saves to a temporary
    file beside the workbook, calls `verify(before, after)` with every sheet's cell values
    as `read_grids` reads them (it raises to stop), checks once more that no other program has
    saved the workbook meanwhile, and only then replaces the workbook in one step. Last, all
    but the newest `keep_backups` backups of the workbook are deleted (0 keeps them all).
    """
    workbook = Path(workbook)
    target = workbook.resolve()  # a link's target: the file to change, the link kept
    problems = refusals(workbook, wording, reads)
    if problems:
        raise UpdateRefused(problems[0])
    read_as = read_as or Fingerprint.of(target)
    refuse_if_saved_since(workbook, read_as)
    backup_dir = backup_folder(workbook)
    backup_dir.mkdir(parents=True, exist_ok=True)
    backup = first = backup_path(target, backup_dir, dt.datetime.now())
    count = 1
    while backup.exists():  # two runs in one second: never overwrite an earlier backup
        count += 1
        backup = first.with_name(f"{first.stem}-{count}{first.suffix}")

    # The backup is itself written atomically and synced before the workbook is touched, and
    # must hold exactly the bytes that were read.
    def copy(temp: Path) -> None:
        shutil.copyfile(target, temp)

    def same_as_read(temp: Path) -> None:
        if Fingerprint.of(temp).sha256 != read_as.sha256:
            raise _moved(workbook)

    write_atomically(backup, copy, verify=same_as_read)
    formulas = formula_cells(backup)
    before = _without_formulas(read_grids(backup), formulas)

    def write(temp: Path) -> None:
        from openpyxl import load_workbook

        keep_vba = workbook.suffix.lower() == ".xlsm"
        book = load_workbook(backup, keep_vba=keep_vba, rich_text=True, keep_links=True)
        mutate(book)
        if formulas:
            # openpyxl keeps a formula but not its value: have Excel work them all out again.
            book.calculation.fullCalcOnLoad = True
        book.save(temp)

    def check(temp: Path) -> None:
        kept = formula_cells(temp)
        if sum(map(len, kept.values())) < sum(map(len, formulas.values())):
            raise UpdateRefused(
                "checking the new workbook found a formula missing; your workbook was not changed."
            )
        verify(before, _without_formulas(read_grids(temp), kept))
        refuse_if_saved_since(workbook, read_as)  # last, just before the replace

    write_atomically(target, write, verify=check, keep_hard_links=True)
    prune_backups(target, backup_dir, keep_backups)
    return backup


def check_sheets(
    before: Grids,
    after: Grids,
    changes: Mapping[str, Callable[[list[list[Any]], list[list[Any]]], str | None]],
    added: Iterable[str] = (),
) -> None:
    """The read-back check of every write: the new workbook's sheets are the old ones and
    `added`; a sheet in `changes` reads back as its check allows (the check names the first
    cell that does not, 'B7'); every other sheet reads back cell for cell. UpdateRefused
    otherwise."""
    expected = set(before) | set(added)
    if set(after) != expected:
        refuse_read_back(f"sheets {sorted(set(after) ^ expected)} added or missing")
    for name, grid in before.items():
        check = changes.get(name)
        if check is None:
            if after[name] != grid:
                refuse_read_back(f"sheet {name} changed")
        elif (cell := check(grid, after[name])) is not None:
            refuse_read_back(f"{name}!{cell} changed")


def refuse_read_back(what: str) -> NoReturn:
    """Stop a write whose new workbook does not read back as it should."""
    raise UpdateRefused(f"checking the new workbook found {what}; your workbook was not changed.")


def _without_formulas(grids: Grids, formulas: dict[str, list[tuple[int, str]]]) -> Grids:
    """The grids with every formula cell blank: a formula's value is the cached one before a
    write and none after it, so the checks compare everything else."""
    from netreport.read import blanked

    return {name: blanked(grid, formulas.get(name, [])) for name, grid in grids.items()}


@dataclass
class Outcome:
    """What a change to the workbook did, or (a dry run) would meet: the files written
    ("workbook", "backup"), why a real run would be refused, and notes for the owner."""

    written: dict[str, Path] = field(default_factory=dict)
    refusals: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def change(
    workbook: Path,
    write: Callable[[], Path],
    wording: Wording,
    reads: Mapping[str, Collection[int]] | None,
    dry_run: bool,
) -> Outcome:
    """Run `write` (a `safe_update`, returning the backup) with nothing written more readable
    than the workbook; or, for a dry run, only say why a real run would be refused."""
    if dry_run:
        return Outcome(refusals=refusals(workbook, wording, reads))
    from netreport.atomic import private_as

    with private_as(workbook):
        backup = write()
    note = formula_note(workbook)
    return Outcome({"backup": backup, "workbook": workbook}, notes=[note] if note else [])


def refuse_if_saved_since(workbook: Path, read_as: Fingerprint) -> None:
    """Raise UpdateRefused unless the workbook (a link's target) is still `read_as`."""
    target = workbook.resolve()
    try:
        if read_as.matches(target):
            return
    except OSError:  # gone, or being replaced this instant
        pass
    raise _moved(workbook)


def read_for_update(workbook: Path, read: Callable[[], T]) -> tuple[T, Fingerprint]:
    """Call `read` (which reads the workbook and raises for a file it cannot read) and return
    its result with the workbook's fingerprint as read; refuses when the file changed while it
    was being read."""
    target = Path(workbook).resolve()
    try:
        info = target.stat()
    except OSError:
        info = None  # `read` says what is wrong with the path
    result = read()
    try:
        read_as = Fingerprint.of(target)
    except OSError:
        raise _moved(workbook) from None
    if info is None or (info.st_size, info.st_mtime_ns) != (read_as.size, read_as.mtime_ns):
        raise _moved(workbook)
    return result, read_as


def _moved(workbook: Path) -> UpdateRefused:
    return UpdateRefused(
        f"{workbook.name} was saved by another program after netreport read it; nothing was "
        "changed, so that save is kept. Run again to include it."
    )
