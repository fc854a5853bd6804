"""The command line's options: shared decorators, their parsing, and the environment variables
every option also reads (NETREPORT_<COMMAND>_<OPTION>, else NETREPORT_<OPTION>)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from netreport.cli.output import ENV_PREFIX
from netreport.limits import (
    DEFAULT_KEEP_BACKUPS,
    DEFAULT_MAX_UNZIPPED_MB,
    EARLIEST_REPORT_DATE,
    LATEST_REPORT_DATE,
    MB,
)


def env_names(command: str | None, option: click.Option) -> list[str]:
    """The environment variables an option may come from, the command's own name first:
    NETREPORT_<COMMAND>_<OPTION>, then NETREPORT_<OPTION> (dashes as underscores)."""
    longest = max(option.opts, key=len).lstrip("-").replace("-", "_").upper()
    names = [f"{ENV_PREFIX}_{command.upper()}_{longest}"] if command else []
    return [*names, f"{ENV_PREFIX}_{longest}"]


def _with_env_names(command: click.Command) -> None:
    for param in command.params:
        if isinstance(param, click.Option) and not param.is_eager and not param.envvar:
            param.envvar = env_names(command.name if command.name != "cli" else None, param)


class EnvCommand(click.Command):
    """A command whose options also read the environment (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_env_names(self)


class EnvGroup(click.Group):
    """The `netreport` group: its own options and every command's read the environment."""

    command_class = EnvCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_env_names(self)


def parse_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a date in the form YYYY-MM-DD.") from None
    if not EARLIEST_REPORT_DATE <= day.isoformat() <= LATEST_REPORT_DATE:
        raise click.BadParameter(
            f"{value} is out of range: give a date from {EARLIEST_REPORT_DATE} "
            f"to {LATEST_REPORT_DATE}."
        )
    return day


max_unzipped_option = click.option(
    "--max-unzipped-size",
    "max_unzipped_size",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_UNZIPPED_MB,
    show_default=True,
    metavar="MB",
    help="Refuse a workbook that would unzip to more than this many megabytes (a guard "
    "against zip bombs); raise it for a very large workbook you trust.",
)


keep_backups_option = click.option(
    "--keep-backups",
    "keep_backups",
    type=click.IntRange(min=0),
    default=DEFAULT_KEEP_BACKUPS,
    show_default=True,
    metavar="N",
    help="Before changing the workbook, netreport copies it to backups/<name>/ beside it; "
    "keep the newest N copies there, and the first (0 keeps them all).",
)


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text for people, json for programs.",
)


def writing_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that writes into the owner's workbook (import, log,
    snooze, review): backups kept, the zip-bomb guard, the output's format."""
    return keep_backups_option(max_unzipped_option(format_option(command)))


def settings_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by every command that reads a workbook."""
    command = max_unzipped_option(command)
    command = click.option(
        "--date-order",
        type=click.Choice(["day-first", "month-first"]),
        default=None,
        help="How to read dates typed as text like 10/3/2026. Default: the Settings sheet, "
        "else what the dates themselves show, else month first.",
    )(command)
    command = click.option(
        "--as-of",
        "as_of",
        metavar="YYYY-MM-DD",
        callback=parse_date,
        default=None,
        help="The report date every date check uses (1900-01-01 to 2199-12-31). Default: today.",
    )(command)
    return command


def workbook_overrides(
    as_of: dt.date | None, date_order: str | None, max_unzipped_size: int, **more: Any
) -> dict[str, Any]:
    day_first = None if date_order is None else date_order == "day-first"
    limit = max_unzipped_size * MB
    return {"as_of": as_of, "day_first": day_first, "max_unzipped_bytes": limit, **more}


def parse_cadence(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> dict[str, int] | None:
    from netreport.check.settings import MAX_DAYS, positive_days
    from netreport.schema import CATEGORY_SPELLINGS, norm_key

    cadence: dict[str, int] = {}
    for value in values:
        name, _, days = value.partition("=")
        category = CATEGORY_SPELLINGS.get(norm_key(name))
        try:
            if category is None:
                raise ValueError(name)
            cadence[category] = positive_days(days)  # the Settings sheet's rule
        except ValueError:
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise click.BadParameter(
                f"'{shown}' should look like Warm=30 or Warm=2w (a category, =, and a number "
                f"of days from 1 to {MAX_DAYS}, or a span such as 2 weeks or monthly)."
            ) from None
    return cadence or None


def analysis_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Options that change what the analysis considers due and important."""
    command = click.option(
        "--templates",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        help="A folder of your own templates; a file there replaces netreport's "
        "template of the same name (e.g. drafts/thank-you.txt.j2).",
    )(command)
    command = click.option(
        "--budget",
        type=click.IntRange(min=0),
        default=None,
        help="First-time outreach suggestions per week. Default: Settings, else 5.",
    )(command)
    command = click.option(
        "--cadence",
        multiple=True,
        metavar="CATEGORY=DAYS",
        callback=parse_cadence,
        help="Keep-in-touch rhythm for a category, e.g. --cadence Warm=21. Repeatable. "
        "Default: Settings, else Warm 30, Luke-warm 60, Cool 90, Cold 180.",
    )(command)
    command = click.option(
        "--target-field",
        "target_fields",
        multiple=True,
        metavar="FIELD",
        help="A field you want to work in. Repeatable; replaces Settings' Target fields.",
    )(command)
    return command


def analysis_overrides(
    target_fields: tuple[str, ...], cadence: dict[str, int] | None, budget: int | None
) -> dict[str, Any]:
    return {
        "target_fields": target_fields or None,
        "cadence_overrides": cadence,
        "weekly_budget": budget,
    }


WORKBOOK = click.Path(exists=False, dir_okay=True, path_type=Path)


def parse_category(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    from netreport.schema import CATEGORY_SPELLINGS, norm_key

    if value is None:
        return None
    category = CATEGORY_SPELLINGS.get(norm_key(value))
    if category is None:
        raise click.BadParameter(f"'{value}' is not Warm, Luke-warm, Cool or Cold.")
    return category
