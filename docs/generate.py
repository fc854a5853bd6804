"""Rewrite the generated parts of the manual from the code.

    python docs/generate.py           rewrite every generated block that is out of date
    python docs/generate.py --check   rewrite nothing; exit 1, naming each stale block, when
                                      any block differs from what the code gives now, else 0

A generated block sits between two HTML comments, which GitHub does not show:

    <!-- BEGIN generated: NAME -->
    ...
    <!-- END generated: NAME -->

NAME says what fills it (see `render`). The blocks each page must hold are listed in
`required`, so a new command without its `--help` block in docs/cli.md is reported too.
tests/test_docs.py runs the check, so CI fails when the manual drifts from the code.

It reads the definitions where they live, and nothing else: netreport.cli (the commands and
`env_names`), netreport.schema (sheets, fields, vocabularies), netreport.issues (`MESSAGES`)
and netreport.check.settings (`SETTING_KEYS`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

import click
from click.testing import CliRunner

from netreport.check.settings import SETTING_KEYS, Settings
from netreport.cli import cli
from netreport.cli.options import env_names
from netreport.issues import MESSAGES
from netreport.schema import (
    CATEGORIES,
    CATEGORY_SPELLINGS,
    CHANNEL_SPELLINGS,
    CHANNELS,
    CLOSENESS_HIGH,
    CLOSENESS_LOW,
    CONTACTS,
    INTERACTION_TYPES,
    INTERACTIONS,
    KIND_CHOICES,
    NO_SPELLINGS,
    SETTINGS,
    STATUS_SPELLINGS,
    STATUSES,
    TYPE_SPELLINGS,
    YES_SPELLINGS,
    Field,
)

DOCS = Path(__file__).resolve().parent
BLOCK = re.compile(
    r"(?P<begin><!-- BEGIN generated: (?P<name>[^>]+?) -->\n)"
    r"(?P<body>.*?)"
    r"(?P<end><!-- END generated: (?P=name) -->)",
    re.S,
)
HELP_WIDTH = 80


class UnknownBlock(Exception):
    """A page names a generated block this script does not know how to fill."""


# --- docs/cli.md ----------------------------------------------------------------------------


def help_text(*args: str) -> str:
    """`netreport ARGS --help` exactly as a terminal 80 columns wide shows it."""
    result = CliRunner().invoke(
        cli, [*args, "--help"], prog_name="netreport", terminal_width=HELP_WIDTH
    )
    if result.exit_code != 0:
        raise RuntimeError(f"netreport {' '.join(args)} --help failed:\n{result.output}")
    return result.output.rstrip() + "\n"


def help_block(*args: str) -> str:
    command = " ".join(["netreport", *args, "--help"])
    return f"```text\n$ {command}\n{help_text(*args)}```\n"


def commands_table() -> str:
    rows = ["| command | what it does |", "|---|---|"]
    for name, command in cli.commands.items():
        anchor = f"netreport-{name}"
        rows.append(f"| [`{name}`](#{anchor}) | {cell(command.get_short_help_str(200))} |")
    return "\n".join(rows) + "\n"


def env_table() -> str:
    rows = ["| command | option | environment variables, first found wins |", "|---|---|---|"]
    commands: list[tuple[str | None, click.Command]] = [(None, cli), *cli.commands.items()]
    for name, command in commands:
        for param in command.params:
            if isinstance(param, click.Option) and param.envvar:
                option = ", ".join(f"`{o}`" for o in sorted(param.opts, key=len, reverse=True))
                names = ", ".join(f"`{n}`" for n in env_names(name, param))
                rows.append(f"| {name or '(any)'} | {option} | {names} |")
    return "\n".join(rows) + "\n"


# --- docs/workbook.md -----------------------------------------------------------------------

KIND_LABELS = {
    "text": "text",
    "date": "date",
    "email": "email",
    "link": "link",
    "yesno": "yes/no",
    "closeness": "closeness",
    "category": "category",
    "status": "status",
    "channel": "channel",
    "type": "interaction type",
}
KIND_MEANINGS = {
    "text": "Text.",
    "date": "A date.",
    "email": "An email address, checked for valid syntax (no network lookup).",
    "link": "A web address (http or https) or a mailto link.",
    "yesno": "Yes or no.",
}


def cell(text: str) -> str:
    """Text that is safe inside a Markdown table cell."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\n", " ")


def field_meaning(field: Field) -> str:
    if field.description:
        return field.description
    if field.kind in KIND_CHOICES:
        return "One of: " + ", ".join(KIND_CHOICES[field.kind]) + "."
    return KIND_MEANINGS.get(field.kind, "")


def fields_table(fields: Iterable[Field]) -> str:
    rows = ["| column | also accepted | kind | meaning |", "|---|---|---|---|"]
    for field in fields:
        header = f"**{cell(field.header)}**" + (" (required)" if field.required else "")
        synonyms = ", ".join(cell(s) for s in field.synonyms)
        kind = KIND_LABELS.get(field.kind, field.kind)
        rows.append(f"| {header} | {synonyms} | {kind} | {cell(field_meaning(field))} |")
    return "\n".join(rows) + "\n"


def sheets_table() -> str:
    rows = ["| sheet | found by these names | needed |", "|---|---|---|"]
    for spec, needed in ((CONTACTS, "yes"), (INTERACTIONS, "no"), (SETTINGS, "no")):
        names = ", ".join(cell(n) for n in spec.names)
        rows.append(f"| **{spec.title}** | {names} | {needed} |")
    return "\n".join(rows) + "\n"


def settings_table() -> str:
    key_field, value_field = SETTINGS.fields
    lines = [
        f"The header row, when there is one: **{key_field.header}** (also "
        f"{', '.join(key_field.synonyms)}) and **{value_field.header}** (also "
        f"{', '.join(value_field.synonyms)}).",
        "",
        "| setting | also accepted | default | value |",
        "|---|---|---|---|",
    ]
    defaults = Settings()
    for key in SETTING_KEYS:
        synonyms = ", ".join(cell(s) for s in key.synonyms)
        default = cell(str(key.default(defaults)))
        lines.append(f"| **{cell(key.label)}** | {synonyms} | {default} | {cell(key.expected)} |")
    return "\n".join(lines) + "\n"


def vocabularies_table() -> str:
    """Every word netreport reads in a Met?, Closeness or drop-down cell."""

    def words(spellings: Iterable[str]) -> str:
        return ", ".join(f"`{w}`" for w in sorted(spellings))

    rows = [
        "| column | read as | when the cell says (case, spaces and punctuation ignored) |",
        "|---|---|---|",
        f"| Met? | Yes | {words(YES_SPELLINGS)} |",
        f"|  | No | {words(NO_SPELLINGS)} |",
        f"| Closeness | High | {words(CLOSENESS_HIGH)} |",
        f"|  | Low | {words(CLOSENESS_LOW)} |",
    ]
    for column, values, spellings in (
        ("Category", CATEGORIES, CATEGORY_SPELLINGS),
        ("Status", STATUSES, STATUS_SPELLINGS),
        ("Channel", CHANNELS, CHANNEL_SPELLINGS),
        ("Type", INTERACTION_TYPES, TYPE_SPELLINGS),
    ):
        for i, value in enumerate(values):
            typed = words(k for k, v in spellings.items() if v == value)
            rows.append(f"| {column if i == 0 else ''} | {value} | {typed} |")
    return "\n".join(rows) + "\n"


# --- docs/issues.md -------------------------------------------------------------------------


def issues_table() -> str:
    rows = ["| code | severity | message | how to fix it |", "|---|---|---|---|"]
    for code, entry in MESSAGES.items():
        severity = str(entry.severity)
        rows.append(f"| `{code}` | {severity} | {cell(entry.message)} | {cell(entry.hint)} |")
    return "\n".join(rows) + "\n"


# --- the blocks -----------------------------------------------------------------------------


def render(name: str) -> str:
    """The text of the generated block NAME."""
    words = name.split()
    if words == ["help"]:
        return help_block()
    if len(words) == 2 and words[0] == "help":
        if words[1] not in cli.commands:
            raise UnknownBlock(f"there is no command '{words[1]}' any more")
        return help_block(words[1])
    fixed = {
        "commands": commands_table,
        "env": env_table,
        "sheets": sheets_table,
        "contacts": lambda: fields_table(CONTACTS.fields),
        "interactions": lambda: fields_table(INTERACTIONS.fields),
        "settings": settings_table,
        "vocabularies": vocabularies_table,
        "issues": issues_table,
    }
    if name not in fixed:
        raise UnknownBlock(f"no generator is called '{name}'")
    return fixed[name]()


def required() -> dict[str, list[str]]:
    """The blocks each page must hold."""
    return {
        "cli.md": ["help", "commands", "env", *(f"help {name}" for name in cli.commands)],
        "workbook.md": ["sheets", "contacts", "interactions", "settings", "vocabularies"],
        "issues.md": ["issues"],
    }


def update(text: str) -> tuple[str, list[str]]:
    """The page with every block regenerated, and the names of the blocks that changed."""
    stale: list[str] = []

    def fill(match: re.Match[str]) -> str:
        # Blank lines around the text, so a table or fence never runs into a marker.
        body = "\n" + render(match["name"]) + "\n"
        if body != match["body"]:
            stale.append(match["name"])
        return match["begin"] + body + match["end"]

    return BLOCK.sub(fill, text), stale


def main(argv: list[str]) -> int:
    check = argv == ["--check"]
    if argv and not check:
        print(__doc__, file=sys.stderr)
        return 2
    problems: list[str] = []
    needed = required()
    for path in sorted(DOCS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        present = {match["name"] for match in BLOCK.finditer(text)}
        for name in needed.pop(path.name, []):
            if name not in present:
                problems.append(f"docs/{path.name}: no generated block '{name}'; add one")
        try:
            new, stale = update(text)
        except UnknownBlock as exc:
            problems.append(f"docs/{path.name}: {exc}")
            continue
        if check:
            problems += [f"docs/{path.name}: block '{name}' is out of date" for name in stale]
        elif stale:
            path.write_text(new, encoding="utf-8")
            print(f"docs/{path.name}: rewrote {', '.join(stale)}")
    problems += [f"docs/{page}: the page is missing" for page in needed]
    if problems:
        print("\n".join(problems), file=sys.stderr)
        if check:
            print("Run `python docs/generate.py` to bring them up to date.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
