"""The commands that record the week in the owner's workbook: `log`, `snooze` and `review`.
(`import calendar` and `import mail` are kinds of `import`.) Thin: the work is in
`netreport.recording` and `netreport.importers.review`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from netreport.cli.options import (
    WORKBOOK,
    EnvCommand,
    parse_date,
    writing_options,
)
from netreport.cli.output import emit, writing_into
from netreport.limits import MB


def parse_vocabulary(kind: str) -> Callable[[click.Context, click.Parameter, str | None], Any]:
    """A callback reading an option in the words the workbook's reader accepts for `kind`
    ("coffee chat" is a Meeting, "zoom" a Video call), answered with the canonical word."""

    def parse(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        from netreport.cells import suggest
        from netreport.schema import KIND_CHOICES, KIND_SPELLINGS, norm_key

        if value is None:
            return None
        found = KIND_SPELLINGS[kind].get(norm_key(value))
        if found is None:
            choices = KIND_CHOICES[kind]
            near = suggest(value, list(choices))
            hint = f"Did you mean {near}? " if near else ""
            raise click.BadParameter(
                f"'{value}' is not a word netreport knows. {hint}"
                f"Choose one of: {', '.join(choices)}."
            )
        return found

    return parse


def today_or_before(_ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date:
    day = parse_date(_ctx, param, value) or dt.date.today()
    if day > dt.date.today():
        raise click.BadParameter(
            f"{day.isoformat()} is after today: log what has happened (a planned meeting is a "
            "Follow up on date in Contacts)."
        )
    return day


def dry_run_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--dry-run", is_flag=True, help="Only print what would be written; write nothing."
    )(command)


@click.command(
    "log", cls=EnvCommand, short_help="Record a contact with someone in the Interactions sheet."
)
@click.argument("workbook", type=WORKBOOK)
@click.argument("person")
@click.option(
    "--type",
    "kind",
    default="Message sent",
    show_default=True,
    callback=parse_vocabulary("type"),
    metavar="TYPE",
    help="What happened, in the words the Type column accepts: Message sent, Reply received, "
    "Call, Meeting, Informational interview, Shadowing, Thank-you sent, Introduction, or an "
    "everyday word (coffee, lunch, zoom, email, DM, check-in, thanks...).",
)
@click.option(
    "--date",
    "day",
    metavar="YYYY-MM-DD",
    callback=today_or_before,
    help="When it happened. Default: today.",
)
@click.option(
    "--channel",
    callback=parse_vocabulary("channel"),
    metavar="CHANNEL",
    help="Email, Phone, Video call, In person, LinkedIn, Text message, Event or Other "
    "(or an everyday word: zoom, coffee, sms...).",
)
@click.option("--note", metavar="TEXT", help="A note for the Notes column.")
@dry_run_option
@writing_options
def log(
    workbook: Path,
    person: str,
    kind: str,
    day: dt.date,
    channel: str | None,
    note: str | None,
    dry_run: bool,
    keep_backups: int,
    max_unzipped_size: int,
    fmt: str,
) -> None:
    """Add one row to the Interactions sheet of WORKBOOK: PERSON (a name or an email address,
    as in Contacts; titles, accents and case do not matter), the date, the type, and the
    channel and note if given. A workbook without an Interactions sheet gets one, laid out as
    `netreport init` lays it out. The same person, day and type already logged: nothing is
    written.

    Before writing, the workbook is copied to backups/<name>/ beside it; like every command that
    writes into your workbook, it refuses while the workbook is open in Excel or LibreOffice,
    or holds parts that would be lost.

    Exit 0 when done (or already logged), 2 when PERSON matches no contact or several (the
    closest names are offered), or the workbook cannot be read or safely written.

    \b
    Example:
      netreport log my-network.xlsx "Samir Haddad" --type coffee --note "Intro to Dana"
      netreport log my-network.xlsx ana@example.org --type "reply received" --date 2026-11-30
    """
    from netreport.recording import log_contact
    from netreport.recording_output import log_text, recorded_json

    result = writing_into(
        workbook,
        lambda: log_contact(
            workbook,
            person,
            day=day,
            kind=kind,
            channel=channel,
            note=note,
            dry_run=dry_run,
            keep_backups=keep_backups,
            max_unzipped_bytes=max_unzipped_size * MB,
        ),
    )
    emit(fmt, lambda: recorded_json(result), lambda: log_text(result))


@click.command(
    "snooze", cls=EnvCommand, short_help="Keep someone off the outreach list until a date."
)
@click.argument("workbook", type=WORKBOOK)
@click.argument("person")
@click.option(
    "--until",
    "until",
    required=True,
    metavar="YYYY-MM-DD",
    callback=parse_date,
    help="The first day the person may be on the outreach list again.",
)
@click.option("--note", metavar="TEXT", help="Why: added below the person's Notes, with the dates.")
@dry_run_option
@writing_options
def snooze(
    workbook: Path,
    person: str,
    until: dt.date,
    note: str | None,
    dry_run: bool,
    keep_backups: int,
    max_unzipped_size: int,
    fmt: str,
) -> None:
    """Keep PERSON (a name or an email address, as in Contacts) off the outreach list of
    WORKBOOK until the --until date: netreport writes the date in the person's Snooze until
    cell (adding that column to Contacts when there is none). Reports say "Snoozed until"
    for them, and list them again from that day. To end a snooze early, clear the cell.

    Before writing, the workbook is copied to backups/<name>/ beside it; it refuses while the
    workbook is open in Excel or LibreOffice.

    Exit 0 when done, 2 when PERSON matches no contact or several, the date is not after
    today, or the workbook cannot be read or safely written.

    \b
    Example:
      netreport snooze my-network.xlsx "Samir Haddad" --until 2027-01-15 --note "On leave"
    """
    from netreport.recording import snooze_contact
    from netreport.recording_output import recorded_json, snooze_text

    today = dt.date.today()
    if until <= today:
        raise click.BadParameter(
            f"{until.isoformat()} is not after today: a snooze lasts until a later day.",
            param_hint="'--until'",
        )
    result = writing_into(
        workbook,
        lambda: snooze_contact(
            workbook,
            person,
            until=until,
            note=note,
            as_of=today,
            dry_run=dry_run,
            keep_backups=keep_backups,
            max_unzipped_bytes=max_unzipped_size * MB,
        ),
    )
    emit(fmt, lambda: recorded_json(result), lambda: snooze_text(result))


@click.command("review", cls=EnvCommand, short_help="Apply your decisions on the Review sheet.")
@click.argument("workbook", type=WORKBOOK)
@dry_run_option
@writing_options
def review(
    workbook: Path, dry_run: bool, keep_backups: int, max_unzipped_size: int, fmt: str
) -> None:
    """Apply the decisions you typed in the Decision column of WORKBOOK's Review sheet (the
    people `netreport import` found who may already be in Contacts):

    \b
      merge      the same person: the imported email, phone, company, job title and
                 LinkedIn fill your contact's blank cells; a value that differs from
                 yours is added below their Notes, never written over yours
      keep both  two people: the imported person is added as a new contact
      skip       nothing changes

    Each applied row gets today's date under Applied on and is never applied twice. Before
    writing, the workbook is copied to backups/<name>/ beside it.

    Exit 0 when done (or nothing to apply), 2 when the workbook has no Review sheet or cannot
    be read or safely written.

    \b
    Example:
      netreport review my-network.xlsx --dry-run
    """
    from netreport.importers.review import review_json, review_text, run_review

    result = writing_into(
        workbook,
        lambda: run_review(
            workbook,
            as_of=dt.date.today(),
            dry_run=dry_run,
            keep_backups=keep_backups,
            max_unzipped_bytes=max_unzipped_size * MB,
        ),
    )
    emit(fmt, lambda: review_json(result), lambda: review_text(result))
