"""The command line: a thin Click layer over the library. No business logic lives here.

Exit codes: 0 success, 1 the workbook has data errors (or a coach run met a workbook it could
not report), 2 usage problems or a file that cannot be read at all, 3 an unexpected internal
error (a bug: run again with --debug and report it), 130 interrupted (Ctrl-C).

Every option may also come from the environment: NETREPORT_<COMMAND>_<OPTION>, else
NETREPORT_<OPTION> (e.g. NETREPORT_REPORT_FORMAT=json, NETREPORT_AS_OF=2026-11-23); the
command line wins over both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import click

from netreport.cli.options import (
    WORKBOOK,
    EnvGroup,
    analysis_options,
    analysis_overrides,
    format_option,
    keep_backups_option,
    parse_category,
    parse_date,
    settings_options,
    workbook_overrides,
    writing_options,
)
from netreport.cli.output import (
    ENV_PREFIX,
    EXIT_DATA_ERRORS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    INTERRUPTED,
    FileProblem,
    StageLines,
    cannot_write,
    emit,
    fail,
    hint_for,
    print_timings,
    wants_json,
    writing_into,
)
from netreport.errors import NetreportError
from netreport.limits import MB
from netreport.version import __version__


@click.group(cls=EnvGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="netreport")
@click.option("--debug", is_flag=True, help="Show the full traceback of an unexpected error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Keep a career network healthy: check a contacts workbook, sort every contact into
    Warm, Luke-warm, Cool or Cold, and see whom to contact next.

    \b
    Start a workbook:   netreport init my-network.xlsx
    Check it:           netreport validate my-network.xlsx
    Weekly report:      netreport report my-network.xlsx
    Record a contact:   netreport log my-network.xlsx "Samir Haddad" --type coffee
    A coach's clients:  netreport report clients/
    """
    ctx.obj = {"debug": debug}


@cli.command(short_help="Check a workbook and list every problem with a fix.")
@click.argument("workbook", type=WORKBOOK)
@format_option
@settings_options
def validate(
    workbook: Path,
    fmt: str,
    as_of: dt.date | None,
    date_order: str | None,
    max_unzipped_size: int,
) -> None:
    """Check WORKBOOK and list its problems with their sheet, rows, column and a fix.

    Exit code 0 when there are no errors (warnings are allowed), 1 when there are errors,
    2 when the file cannot be read at all.

    \b
    Example:
      netreport validate sample_workbooks/network.xlsx
      netreport validate my-network.xlsx --format json --as-of 2026-11-23
    """
    from netreport.check import check_workbook
    from netreport.render.console import validation_json, validation_text

    try:
        checked = check_workbook(
            workbook, **workbook_overrides(as_of, date_order, max_unzipped_size)
        )
    except NetreportError as exc:
        raise FileProblem(str(exc)) from exc
    emit(fmt, lambda: validation_json(checked), lambda: validation_text(checked))
    sys.exit(EXIT_DATA_ERRORS if checked.has_errors else EXIT_OK)


@cli.command(short_help="Write a starter workbook to fill in.")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite PATH if it already exists.")
def init(path: Path, force: bool) -> None:
    """Write a starter workbook at PATH: Contacts, Interactions, Settings and a Guide.

    Refuses to overwrite an existing file unless --force is given.

    \b
    Example:
      netreport init my-network.xlsx
    """
    from netreport.starter import write_starter

    if path.suffix.lower() != ".xlsx":
        raise click.UsageError(f"'{path.name}' should end in .xlsx, the format netreport writes.")
    if path.exists() and not force:
        raise FileProblem(
            f"{path} already exists; netreport will not overwrite it. "
            "Choose another name, or add --force to replace it."
        )
    if not path.parent.is_dir():
        raise FileProblem(f"the folder {path.parent} does not exist. Create it first.")
    try:
        write_starter(path)
    except OSError as exc:
        raise cannot_write(path, exc) from exc
    click.echo(f"Wrote {path}. Fill in Contacts, then run: netreport validate {path}")


@cli.command(short_help="Write this week's Excel report (the main job).")
@click.argument("workbooks", metavar="WORKBOOK...", nargs=-1, required=True, type=WORKBOOK)
@click.option(
    "-o",
    "--output",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the reports. Default: a reports/ folder beside WORKBOOK (created if "
    "missing); for a coach run, inside the folder that holds every workbook given.",
)
@click.option(
    "--write-back",
    is_flag=True,
    help="Also add or refresh the report sheets inside "
    "WORKBOOK itself, after a timestamped backup copy (one workbook only).",
)
@click.option(
    "--ics",
    is_flag=True,
    help="Also write DIR/<name>-outreach-<date>.ics: this week's outreach as calendar entries, "
    "updated (not duplicated) when a later file is imported.",
)
@click.option(
    "--redact",
    is_flag=True,
    help="Also write redacted copies of the report and the summary to share with a coach: "
    "first names and initials; no emails, phones, notes, links or drafts.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Coach run: how many workbooks to report at once, each in its own process. Default: "
    "one per core; 1 reports them one after another.",
)
@click.option(
    "--timings",
    is_flag=True,
    help="Also print how long each stage took (read, validate, categorize, analyze, write), "
    "to standard error; for a coach run, summed over the workbooks.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when a workbook has data errors (the reports are written all the same).",
)
@keep_backups_option
@format_option
@settings_options
@analysis_options
def report(
    workbooks: tuple[Path, ...],
    out_dir: Path | None,
    write_back: bool,
    ics: bool,
    redact: bool,
    workers: int | None,
    timings: bool,
    strict: bool,
    keep_backups: int,
    fmt: str,
    as_of: dt.date | None,
    date_order: str | None,
    max_unzipped_size: int,
    target_fields: tuple[str, ...],
    cadence: dict[str, int] | None,
    budget: int | None,
    templates: Path | None,
) -> None:
    """Check WORKBOOK, sort every contact, and write this week's reports:
    DIR/<name>-report-<date>.xlsx (Summary, Contacts, Outreach, Issues, History) and
    DIR/<name>-summary-<date>.html (one page to read and share), and record the run in
    DIR/<name>-history/ so next week's report can say what changed.

    Coach run: given a folder (its .xlsx, .xlsm and .ods files) or several workbooks, writes
    every client's reports into DIR, several at a time, and a roll-up of all clients, most in
    need of attention first: DIR/index.html and DIR/index.xlsx.

    Exit 0 when the reports were written, even when the data has problems (they are listed in
    the report); with --strict, 1 when there are data errors; 1 when a coach run met a workbook
    it could not report (the others are done all the same); 2 for usage problems and files
    that cannot be read or written.

    \b
    Example:
      netreport report sample_workbooks/network.xlsx
      netreport report my-network.xlsx -o ~/reports --as-of 2026-11-23 --format json
      netreport report clients/ --workers 4
    """
    from netreport.coach import is_coach_run

    overrides = workbook_overrides(
        as_of,
        date_order,
        max_unzipped_size,
        **analysis_overrides(target_fields, cadence, budget),
    )
    if is_coach_run(workbooks):
        if write_back:
            raise click.UsageError("--write-back works on one workbook at a time.")
        options = {"ics": ics, "redact": redact, "templates": templates, **overrides}
        _report_coach(workbooks, out_dir, workers, options, timings, strict, fmt)
        return

    from netreport.render.console import report_json, report_text
    from netreport.run import run_report
    from netreport.timing import Stopwatch

    progress = StageLines() if sys.stderr.isatty() and fmt == "text" else None
    try:
        with contextlib.ExitStack() as stack:
            if progress is not None:
                stack.enter_context(progress)
            watch = stack.enter_context(Stopwatch(on_stage=progress).running())
            run = run_report(
                workbooks[0],
                out_dir,
                templates=templates,
                write_back=write_back,
                ics=ics,
                redact=redact,
                keep_backups=keep_backups,
                **overrides,
            )
    except NetreportError as exc:
        raise FileProblem(str(exc)) from exc
    except OSError as exc:
        raise cannot_write("the report", exc) from exc
    emit(fmt, lambda: report_json(run), lambda: report_text(run))
    if timings:
        print_timings(watch.seconds)
    sys.exit(EXIT_DATA_ERRORS if strict and run.analysis.checked.has_errors else EXIT_OK)


def _report_coach(
    inputs: tuple[Path, ...],
    out_dir: Path | None,
    workers: int | None,
    options: dict[str, Any],
    timings: bool,
    strict: bool,
    fmt: str,
) -> None:
    """A coach run: every client's reports, the roll-up, a progress bar on a terminal."""
    from netreport.coach import ClientRow, plan_coach, run_coach
    from netreport.render.console import coach_json, coach_text
    from netreport.timing import Stopwatch

    try:
        plan = plan_coach(inputs, out_dir, **options)
        with contextlib.ExitStack() as stack, Stopwatch().running() as watch:
            bar: Any = None
            if sys.stderr.isatty():
                bar = stack.enter_context(
                    click.progressbar(
                        length=len(plan.jobs),
                        label="Reporting",
                        file=sys.stderr,
                        item_show_func=lambda row: row.stem if row else None,
                    )
                )

            def done(row: ClientRow) -> None:
                if bar is not None:
                    bar.update(1, row)

            run = run_coach(plan, workers, done)
    except NetreportError as exc:
        raise FileProblem(str(exc)) from exc
    except OSError as exc:  # the output folder, before any client, or the roll-up after them
        raise cannot_write("the reports", exc) from exc
    emit(fmt, lambda: coach_json(run), lambda: coach_text(run))
    if timings:
        totals: dict[str, float] = {}
        for row in run.rows:
            for name, seconds in row.seconds.items():
                totals[name] = totals.get(name, 0.0) + seconds
        print_timings(totals | watch.seconds)
    bugs = [row.bug for row in run.rows if row.bug]
    if bugs and click.get_current_context().find_root().obj.get("debug"):
        for bug in bugs:
            click.echo(bug, err=True)
    if bugs:
        sys.exit(EXIT_INTERNAL)
    failed = run.failed or (strict and run.with_data_errors)
    sys.exit(EXIT_DATA_ERRORS if failed else EXIT_OK)


@cli.command(short_help="Print this week's outreach list.")
@click.argument("workbook", type=WORKBOOK)
@format_option
@click.option("--drafts", is_flag=True, help="Also print each draft opener.")
@settings_options
@analysis_options
def outreach(
    workbook: Path,
    fmt: str,
    drafts: bool,
    as_of: dt.date | None,
    date_order: str | None,
    max_unzipped_size: int,
    target_fields: tuple[str, ...],
    cadence: dict[str, int] | None,
    budget: int | None,
    templates: Path | None,
) -> None:
    """Print whom to contact this week, why now and what to ask (with --drafts, a draft
    opener too), and the network's health score. Reads WORKBOOK; writes nothing.

    \b
    Example:
      netreport outreach sample_workbooks/network.xlsx --as-of 2026-11-23
      netreport outreach my-network.xlsx --target-field Finance --budget 3 --drafts
    """
    from netreport.analysis import analyze
    from netreport.check import check_workbook
    from netreport.render.console import outreach_json, outreach_text

    overrides = workbook_overrides(
        as_of,
        date_order,
        max_unzipped_size,
        **analysis_overrides(target_fields, cadence, budget),
    )
    try:
        result = analyze(check_workbook(workbook, **overrides), templates=templates)
    except NetreportError as exc:
        raise FileProblem(str(exc)) from exc
    emit(fmt, lambda: outreach_json(result), lambda: outreach_text(result, drafts=drafts))


@cli.command(
    "import", short_help="Bring in contacts (LinkedIn, Google, Outlook, vCard), meetings or mail."
)
@click.argument(
    "kind",
    metavar="{linkedin|google|outlook|vcard|calendar|mail}",
    type=click.Choice(
        ["linkedin", "google", "outlook", "vcard", "calendar", "mail"], case_sensitive=False
    ),
)
@click.argument("export", metavar="FILE", type=click.Path(path_type=Path))
@click.option(
    "--into",
    "workbook",
    required=True,
    metavar="WORKBOOK",
    type=click.Path(path_type=Path),
    help="The workbook to add to (.xlsx or .xlsm).",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Only print what would be added, listed for review and skipped; write nothing.",
)
@click.option(
    "--category",
    metavar="CATEGORY",
    callback=parse_category,
    default=None,
    help="Contacts: type this category (Warm, Luke-warm, Cool or Cold) on every new row. "
    "Default: none, so netreport decides each one from the row's facts.",
)
@click.option(
    "--source",
    metavar="TEXT",
    default=None,
    help="Contacts: what the new rows' Where found (Source) cell says. Default: e.g. "
    "'LinkedIn import 2026-11-26'.",
)
@click.option(
    "--me",
    "me",
    multiple=True,
    metavar="EMAIL",
    help="Calendar and mail: your own address (repeat for each one you use). Required for "
    "mail; for a calendar, Google's export names you already.",
)
@click.option(
    "--since",
    metavar="YYYY-MM-DD",
    callback=parse_date,
    default=None,
    help="Calendar and mail: the first day to import. Default: a year before --as-of.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    callback=parse_date,
    default=None,
    help="The import date: in the default Source and the Added date of people the export "
    "gives no date for; for calendar and mail, the last day imported. Default: today.",
)
@writing_options
def import_contacts(
    kind: str,
    export: Path,
    workbook: Path,
    dry_run: bool,
    category: str | None,
    source: str | None,
    me: tuple[str, ...],
    since: dt.date | None,
    as_of: dt.date | None,
    keep_backups: int,
    max_unzipped_size: int,
    fmt: str,
) -> None:
    """Add the people in FILE, a contacts export from LinkedIn (Connections.csv), Google
    Contacts (Google CSV), Outlook (CSV) or a vCard file (.vcf), to the Contacts sheet of the
    workbook given with --into, under your own headers, with Where found and Added filled in;
    or the meetings in a calendar export (.ics, or Google's .zip) or the messages in a mailbox
    export (.mbox: Google Takeout, Thunderbird, Apple Mail) to its Interactions sheet.

    Contacts: a person already in Contacts (same email, same LinkedIn profile, or same name and
    company or phone) is skipped; a likely duplicate (same name, but a different email or
    company) is never merged: it is listed on a Review sheet for you to decide.

    Calendar: each meeting between --since and --as-of becomes a Meeting row for every guest
    who is one of your contacts (matched by email, then by full name) and did not decline;
    recurring meetings count once per occurrence; cancelled ones, ones you declined and ones
    without a contact are skipped and counted. Mail: each message you sent to a contact
    becomes a Message sent row, each message from one a Reply received row, with the subject
    as the note; nothing else of a message is kept.

    Nothing you typed is changed, and running the same import again adds nothing. Before
    writing, the workbook is copied to backups/<name>/ beside it; it refuses while the workbook
    is open in Excel or holds parts that would be lost.

    Exit 0 when done (or nothing to do), 2 for a file that cannot be read or a workbook that
    cannot safely be written.

    \b
    Example:
      netreport import linkedin Connections.csv --into my-network.xlsx --dry-run
      netreport import google contacts.csv --into my-network.xlsx --category Luke-warm
      netreport import calendar calendar.ics --into my-network.xlsx --since 2026-06-01
      netreport import mail "All mail Including Spam and Trash.mbox" --into my-network.xlsx \\
          --me me@gmail.com
    """
    kind = kind.lower()
    activity = kind in ("calendar", "mail")
    misplaced: dict[str, object] = (
        {"--category": category, "--source": source} if activity else {"--me": me, "--since": since}
    )
    for option, given in misplaced.items():
        if given:
            what = "contact imports" if activity else "calendar and mail imports"
            raise click.UsageError(f"{option} is for {what} only.")
    if activity:
        where = (kind, export, workbook, me, since, as_of)
        _import_activity(*where, dry_run, keep_backups, max_unzipped_size * MB, fmt)
        return
    from netreport.importers import run_import
    from netreport.importers.output import import_json, import_text

    result = writing_into(
        workbook,
        lambda: run_import(
            kind,
            export,
            workbook,
            dry_run=dry_run,
            category=category,
            source=source,
            as_of=as_of,
            keep_backups=keep_backups,
            max_unzipped_bytes=max_unzipped_size * MB,
        ),
    )
    emit(fmt, lambda: import_json(result), lambda: import_text(result))


def _import_activity(
    kind: str,
    export: Path,
    workbook: Path,
    me: tuple[str, ...],
    since: dt.date | None,
    as_of: dt.date | None,
    dry_run: bool,
    keep_backups: int,
    max_unzipped_bytes: int,
    fmt: str,
) -> None:
    """`import calendar` and `import mail`: entries for the Interactions sheet."""
    from email.utils import parseaddr

    from netreport.importers.activity import meetings, messages
    from netreport.recording import record_entries
    from netreport.recording_output import entries_text, recorded_json

    addresses = tuple(parseaddr(m)[1] or m for m in me)  # "Alex <alex@example.com>" too
    odd = next((m for m, a in zip(me, addresses, strict=True) if "@" not in a), None)
    if odd is not None:
        raise click.BadParameter(f"'{odd}' is not an email address.", param_hint="'--me'")
    me = addresses
    if kind == "mail" and not me:
        raise click.UsageError(
            "import mail needs your own address, to tell what you sent from what you received: "
            "add --me you@example.com (once for each address you use)."
        )
    until = as_of or dt.date.today()
    first = since or until - dt.timedelta(days=365)
    if first > until:
        raise click.BadParameter(
            f"{first.isoformat()} is after {until.isoformat()}.", param_hint="'--since'"
        )
    make = (meetings if kind == "calendar" else messages)(export, since=first, until=until, me=me)
    result = writing_into(
        workbook,
        lambda: record_entries(
            workbook,
            make,
            dry_run=dry_run,
            keep_backups=keep_backups,
            max_unzipped_bytes=max_unzipped_bytes,
        ),
    )
    what = "meetings" if kind == "calendar" else "messages"
    emit(fmt, lambda: recorded_json(result), lambda: entries_text(result, what))


from netreport.cli.recording import log, review, snooze  # noqa: E402 (the group exists first)

for command in (log, snooze, review):
    cli.add_command(command)


def run() -> None:
    """The `netreport` command: `main()`, then a quick exit once the output is flushed.

    Python's own exit frees every object one at a time (0.4 s after a 100,000-contact report);
    by then every file is written, renamed into place and closed, and no worker is left."""
    try:
        main()
        code: int = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # sys.exit("message"): as Python does, the message on stderr and status 1
            print(exc.code, file=sys.stderr)
            code = 1
    for stream in (sys.stdout, sys.stderr):
        # A closed pipe (netreport ... | head) has nothing more to hear.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main() -> None:
    """Entry point: known problems exit with their code; anything else with 3 and one line."""
    args = sys.argv[1:]
    debug = "--debug" in args or os.environ.get(f"{ENV_PREFIX}_DEBUG", "") not in {"", "0"}
    as_json = wants_json(args, cli.commands)
    try:
        # The program's name is fixed, so usage lines and shell completion
        # (_NETREPORT_COMPLETE) are the same however netreport was started.
        cli.main(prog_name="netreport", standalone_mode=False)
    except click.ClickException as exc:
        if not as_json and not isinstance(exc, FileProblem):
            exc.show()  # Click's own usage block for people
            sys.exit(exc.exit_code)
        fail(as_json, exc.exit_code, exc.format_message(), hint_for(exc))
    except click.exceptions.Abort as exc:
        # Click turns Ctrl-C into Abort: files are written to a temporary name and renamed
        # when complete, so whatever was being written is simply not there.
        if isinstance(exc.__cause__, KeyboardInterrupt):
            fail(as_json, EXIT_INTERRUPTED, INTERRUPTED, None)
        fail(as_json, EXIT_USAGE, "Aborted.", None)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        fail(as_json, EXIT_INTERRUPTED, INTERRUPTED, None)
    except Exception as exc:  # the last line of defence: one clear line, not a traceback
        if _interrupted(exc):
            fail(as_json, EXIT_INTERRUPTED, INTERRUPTED, None)
        if debug:
            traceback.print_exc()
            sys.exit(EXIT_INTERNAL)
        fail(
            as_json,
            EXIT_INTERNAL,
            f"netreport: unexpected error: {type(exc).__name__}: {exc}.",
            "Run again with --debug for details, and report it.",
        )


def _interrupted(exc: BaseException) -> bool:
    """Whether Ctrl-C caused `exc`: a library that catches everything (openpyxl's typed
    attributes do) turns the KeyboardInterrupt into an error of its own, with the interrupt
    as its context."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
