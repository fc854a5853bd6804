"""A copy of the analysis that is safe to share with a coach or a job-search group.

People appear by first name and last initial ("Ann Lee" -> "Ann L."); email addresses, phone
numbers, notes, links, relationship words, draft messages and the user's own extra columns
are left out; figures, categories, companies, fields, dates and why-now stay. Every renderer
then writes the redacted copy exactly as it writes the full one, so nothing can leak through
a renderer that forgot to redact.

The copy is made by allow-list, never by scrubbing patterns out of text:

- Every person-valued text (contacts, outreach, people in common, introduction paths and
  chains, connectors, changes since the last run, the owner) is made only from its parsed
  name's first given name and surname initial (`identity.short_name`, after
  `identity.plain_text`: NFKC, zero-width and other invisible characters removed, odd spaces
  made plain, so 'Zo\u200be Lee' is "Zoe L."). What is no person's name (an email, a phone
  number, digits, a web address) becomes a placeholder: "(contact 12)" for the contact on
  row 12, else "(not a name)". A single word is shown only when it is someone's given name;
  else, perhaps a surname, as its initial; so is a word an invisible character parted, which
  cannot be cut into given name and surname ('Ann\u200bرو' -> "A.").
- A name in a script written without spaces between its parts (Han, Hiragana and Katakana,
  Hangul, Thai and the others `identity.unspaced_script` knows) cannot be cut reliably, and
  one of its characters may be a whole surname or given name, so an initial hides nothing.
  Such a name, with or without spaces, is shown as its first character followed by "." and
  nothing more: the surname's, since Chinese, Japanese and Korean names put the surname
  first ('李小龍' -> "李.", '김 민준' -> "김."). A name netreport made of First Name and Last
  Name (given name first) is read surname first, as it is typed elsewhere ("Introduced By":
  '王芳'), so one person shows one character everywhere. A Last Name cell in such a script,
  and the First Name cell of a row whose name is in one, are left out ("…"), so no row shows
  one part beside the other. Japanese names in Latin letters ("Yamada Taro") are read as any
  other ("Yamada T.").
- Companies, job titles and fields are kept, made plain, unless they hold contact details
  (`identity.holds_contact_details`): then they are left out.
- Typed columns (Met?, Closeness, Category, Status, dates, Keep in touch every as its days)
  show the value netreport read, never the text typed; a Status that is no status (the
  owner's own words) is left out.
- Texts netreport wrote are rebuilt from the redacted pieces: the ask and a first
  outreach's why-now from `outreach`'s own rules; the other whys hold only dates, counts, a
  category and an interaction type. A reason is kept only when, with the owner's words left
  out and the person in common shortened, it is one of the reasons `categorize` writes;
  else only its category is shown. Issues keep their code, place and kind, not the value.
- Every other column of the contacts (and all of the Interactions log but dates, channels
  and types) is left out, whatever it is called.
"""

from __future__ import annotations

import re
from dataclasses import replace
from string import Formatter

import pandas as pd

from netreport.analysis.outreach import THANKS_ASK, ask_for, why_now
from netreport.analysis.result import (
    FIRST_OUTREACH,
    THANK_YOU,
    Analysis,
    Changes,
    Health,
    IntroPath,
    OutreachItem,
)
from netreport.cells import map_unique
from netreport.check.settings import Settings
from netreport.identity import (
    fold,
    holds_contact_details,
    name_parts,
    plain_text,
    short_name,
    surname_initial,
    unspaced_script,
)
from netreport.issues import MESSAGES, Issue
from netreport.read import Table
from netreport.schema import STATUSES

# The user's columns that the redacted Contacts sheet keeps, each as `_cells` shows it.
KEPT_FIELDS = frozenset(
    {
        "name",
        "first_name",
        "last_name",
        "company",
        "title",
        "field",
        "met",
        "closeness",
        "referrer",
        "category",
        "last_contact",
        "follow_up",
        "snooze_until",
        "cadence",
        "added",
        "status",
    }
)
# The contacts table's columns the copy keeps (redacted as `redacted` says); all others, and
# any added later, are emptied.
KEPT_COLUMNS = frozenset(
    {
        "name",
        "referrer",
        "company",
        "title",
        "field",
        "met",
        "closeness",
        "category_typed",
        "last_contact",
        "follow_up",
        "snooze_until",
        "cadence",
        "added",
        "status",
        "duplicate_of",
        "category",
        "reason",
        "introduced",
        "in_target",
        "effective_last",
        "days_since",
        "next_due",
        "due_kind",
        "overdue",
        "next_action",
        "snoozed",
    }
)
SHAREABLE_FIELDS = ("company", "title", "field")
TYPED_FIELDS = {  # the user's typed column -> the contacts column holding what was read
    "closeness": "closeness",
    "category": "category_typed",
    "last_contact": "last_contact",
    "follow_up": "follow_up",
    "snooze_until": "snooze_until",
    "cadence": "cadence",  # the days read, not the words typed
    "added": "added",
}
INTERACTION_COLUMNS = frozenset({"date", "channel", "type", "contact_row"})
NOT_A_NAME = "(not a name)"
HIDDEN = "…"

# Every reason `categorize` writes, once the owner's words are left out, "found via <source>"
# is "found by research" and the person in common is the marker \0.
_CATEGORY = "(?:Warm|Luke-warm|Cool|Cold)"
_MET = "(?:you have met|you know them)"
_DESCRIBED = (
    "(?:"
    + "|".join(
        (
            "you know them well",
            f"{_MET}, closeness high",
            f"{_MET}, but not closely",
            "met, but not close",
            f"{_MET}; not marked as close",
            "never met; introduced by \0",
            "never met; through \0",
            "never met; someone in common",
            "no one in common; found by research",
            "no one in common",
            "never met and no one in common named",
        )
    )
    + ")"
)
_REASON = re.compile(
    rf"{_CATEGORY}(?: \(as typed\))?: {_DESCRIBED}|{_CATEGORY}: as typed in your workbook|"
    rf"Luke-warm: (?:typed Cool|was {_CATEGORY} \({_DESCRIBED}\)); you have since spoken "
    r"\(first call or meeting (?:\d{1,2} [A-Z][a-z]{2} \d{4})?\)"
)


def shareable(value: object) -> str | None:
    """A company, job title or field as the copy shows it: made plain, or None when blank or
    when it holds contact details (an email typed under Company)."""
    text = plain_text(value)
    return None if not text or holds_contact_details(text) else text


class _People:
    """Who a person-valued text names, as the copy shows them: the short name (`short_name`),
    else "(contact N)" when it is the name typed for the contact on row N, else "(not a name)".

    A single word is shown only when it is a given name: the given name of a parsed name of
    two words or more (a contact, a person in common, the owner), or a contact's name typed as
    one word that is no such name's surname; any other single word ("Roe", read from "Roe
    said to call her") may be a surname, and shows as its initial."""

    def __init__(
        self, names: pd.Series, others: list[object], order: dict[str, str] | None = None
    ) -> None:
        self.order = order or {}  # a name made of its parts -> as it is typed (`_typed_order`)
        parsed = [name_parts(v) for v in pd.unique(names.dropna())]
        whole = [p for p in (*parsed, *(name_parts(v) for v in others)) if p and p[0] and p[1]]
        surnames = {w for _, surname in whole for w in fold(surname).split()}
        single = {fold(p[0]) for p in parsed if p and p[0] and not p[1]}
        self.given = frozenset({fold(g) for g, _ in whole} | (single - surnames))
        shown = map_unique(names, self.short)
        texts = map_unique(names, plain_text)
        unnamed = shown.isna() & texts.notna() & texts.ne("")
        self.unnamed: dict[str, str] = {}
        for row, text in texts[unnamed].items():
            self.unnamed.setdefault(str(text), _placeholder(row))
        self.seen: dict[str, str | None] = {}

    def short(self, value: object) -> str | None:
        """The short name; None for a blank and for what is no name."""
        if self.order:
            value = self.order.get(plain_text(value), value)
        return short_name(value, self.given)

    def __call__(self, value: object) -> str | None:
        """The short name or a placeholder; None for a blank."""
        text = plain_text(value)
        if not text:
            return None
        if text not in self.seen:
            self.seen[text] = self.short(text) or self.unnamed.get(text, NOT_A_NAME)
        return self.seen[text]

    def at(self, row: int, value: object) -> str:
        """The contact on `row`, named `value`: "(contact N)" when that is no name."""
        return self.short(value) or (_placeholder(row) if plain_text(value) else "")

    def by_row(self, names: pd.Series) -> pd.Series:
        """Each contact's name (`names` indexed by Excel row): "(contact N)" for no name."""
        shown = map_unique(names, self.short)
        texts = map_unique(names, plain_text)
        unnamed = shown.isna() & texts.notna() & texts.ne("")
        rows = pd.Series([_placeholder(r) for r in names.index], index=names.index, dtype=object)
        return shown.mask(unnamed, rows)


def _placeholder(row: object) -> str:
    return f"(contact {row})"


def redacted(analysis: Analysis) -> Analysis:
    """A redacted copy of `analysis`; the original is not changed."""
    full = analysis.contacts
    others = [*pd.unique(full["referrer"].dropna()), analysis.settings.owner]
    source = analysis.checked.source
    people = _People(full["name"], others, _typed_order(source.contacts, full))
    settings = _settings(analysis.settings, people)
    contacts = _contacts(full, people)
    checked = replace(
        analysis.checked,
        source=replace(
            source,
            contacts=_table(source.contacts, full, people),
            interactions=None,
            settings=None,
            issues=[_issue(i) for i in source.issues],
        ),
        settings=settings,
        contacts=contacts,
        interactions=_interactions(analysis.checked.interactions, people),
        issues=[_issue(i) for i in analysis.checked.issues],
    )
    return replace(
        analysis,
        checked=checked,
        settings=settings,
        contacts=contacts,
        outreach=[_item(i, people, settings, full) for i in analysis.outreach],
        health=_health(analysis.health, analysis.settings, people),
        paths=[_path(p, people) for p in analysis.paths],
        chains=[[_shown(people(n)) for n in chain] for chain in analysis.chains],
        changes=_changes(analysis.changes, people),
        redacted=True,
    )


def _typed_order(table: Table | None, full: pd.DataFrame) -> dict[str, str]:
    """Each name netreport made of First Name and Last Name (given name first, when the table
    has no Name column) in a script written without spaces, read surname first as such names
    are typed ("芳 王" -> "王 芳")."""
    if table is None or table.column("name") is not None:
        return {}
    first, last = table.get("first_name"), table.get("last_name")
    if first is None or last is None:
        return {}
    order = {}
    names = full["name"].reindex(table.frame.index)
    for name, given, surname in zip(
        map(plain_text, names), map(plain_text, first), map(plain_text, last), strict=True
    ):
        if given and surname and name == f"{given} {surname}" and unspaced_script(name):
            order[name] = f"{surname} {given}"
    return order


def _shown(name: str | None) -> str:
    return name or NOT_A_NAME


def _settings(settings: Settings, people: _People) -> Settings:
    owner = people.short(settings.owner) or (NOT_A_NAME if plain_text(settings.owner) else "")
    targets = tuple(shareable(t) or HIDDEN for t in settings.target_fields)
    return replace(settings, owner=owner, target_fields=targets)


def _contacts(full: pd.DataFrame, people: _People) -> pd.DataFrame:
    contacts = full.copy()
    for column in contacts.columns:
        if column not in KEPT_COLUMNS:
            contacts[column] = None
    contacts["name"] = people.by_row(full["name"])
    contacts["referrer"] = map_unique(full["referrer"], people)
    for column in SHAREABLE_FIELDS:
        contacts[column] = map_unique(full[column], shareable)
    contacts["status"] = full["status"].where(full["status"].isin(STATUSES), None)
    contacts["reason"] = _reasons(full, people)
    return contacts


def _reasons(people: pd.DataFrame, shown: _People) -> pd.Series:
    """Each reason, redacted: the owner's words ("(college roommate)") left out, where a Cold
    contact was found said as "found by research", the person in common shortened; a reason
    that is then none of `categorize`'s is shown as its category alone."""
    reasons = []
    for reason, category, relationship, quote, source, referrer in zip(
        people["reason"],
        people["category"],
        people["relationship"],
        people["quote"],
        people["source"],
        people["referrer"],
        strict=True,
    ):
        if isinstance(reason, str):
            for words in (quote, relationship):
                if isinstance(words, str) and words:
                    reason = reason.replace(f" ({words})", "")
            if isinstance(source, str) and source:
                reason = reason.replace(f"found via {source}", "found by research")
            if isinstance(referrer, str) and referrer:
                for lead in ("; introduced by ", "; through "):
                    reason = reason.replace(lead + referrer, lead + "\0")
            if _REASON.fullmatch(reason):
                reason = reason.replace("\0", _shown(shown(referrer)))
            else:
                reason = category
        reasons.append(reason)
    return pd.Series(reasons, index=people.index, dtype=object)


def _table(table: Table | None, full: pd.DataFrame, people: _People) -> Table | None:
    """The user's Contacts table with only the kept columns, each as `_cells` shows it."""
    if table is None:
        return None
    columns = tuple(c for c in table.columns if c.field in KEPT_FIELDS)
    frame = table.frame[[c.letter for c in columns]].copy()
    read = full.reindex(frame.index)
    for column in columns:
        assert column.field is not None
        frame[column.letter] = _cells(column.field, frame[column.letter], read, people)
    return Table(table.sheet, table.header_row, columns, frame)


def _cells(field: str, typed: pd.Series, read: pd.DataFrame, people: _People) -> pd.Series:
    """A kept column of the user's table as the copy shows it: names shortened, companies,
    titles and fields without contact details, typed columns as netreport read them."""
    if field == "name":
        return people.by_row(typed)
    if field == "referrer":
        return map_unique(typed, people)
    if field == "first_name":  # none beside a name shown by its surname's first character
        beside = map_unique(read["name"], lambda v: unspaced_script(plain_text(v)))
        return map_unique(typed, _given_name).mask(beside.eq(True), HIDDEN)
    if field == "last_name":
        return map_unique(typed, _initial)
    if field in SHAREABLE_FIELDS:
        return map_unique(typed, shareable)
    if field == "met":
        met = read["met"].astype(object)
        return met.map({True: "Yes", False: "No"}).where(met.notna(), None).astype(object)
    if field == "status":
        return read["status"].where(read["status"].isin(STATUSES), None).astype(object)
    values = read[TYPED_FIELDS[field]]
    return values.where(values.notna(), None) if values.dtype == object else values


def _given_name(value: object) -> str:
    """A First Name cell: the given name, left out when in a script written without spaces."""
    parts = name_parts(value)
    if parts is None:
        return NOT_A_NAME
    return parts[0] if parts[0] and not unspaced_script(parts[0]) else HIDDEN


def _initial(value: object) -> str:
    """A Last Name cell: its initial, left out when in a script written without spaces."""
    initial = surname_initial(value)
    return NOT_A_NAME if initial is None else initial or HIDDEN


def _interactions(log: pd.DataFrame, people: _People) -> pd.DataFrame:
    """The log with its dates, channels, types and contact rows; the name as the copy shows
    it; everything else left out."""
    kept = log.copy()
    for column in kept.columns:
        if column not in INTERACTION_COLUMNS:
            kept[column] = None
    if "contact" in log.columns:
        kept["contact"] = map_unique(log["contact"], people)
    return kept


def _item(
    item: OutreachItem, people: _People, settings: Settings, full: pd.DataFrame
) -> OutreachItem:
    """The item with its texts rebuilt from redacted pieces: `outreach`'s own rules given the
    short name of the person in common (none when that is no name) and the shareable field."""
    referrer = people.short(item.referrer)
    field = shareable(item.field)
    relationship = full.at[item.row, "relationship"] if item.row in full.index else None
    person = {
        "category": item.category,
        "field": field,
        "relationship": relationship,  # chooses the ask; never part of it
        "in_target": item.in_target,
        "referrer": referrer,
    }
    why = item.why  # dates, counts, a category and an interaction type: nothing of a person
    if item.kind == FIRST_OUTREACH:
        why = why_now(item.kind, person, {"days_overdue": item.days_overdue}, settings)
    return replace(
        item,
        name=people.at(item.row, item.name),
        email=None,
        company=shareable(item.company),
        field=field,
        why=why,
        ask=THANKS_ASK if item.kind == THANK_YOU else ask_for(person, settings),
        subject="",
        draft="",
        referrer=people(item.referrer),
    )


def _health(health: Health, settings: Settings, people: _People) -> Health:
    """Connectors shortened; fields and target fields as `shareable` shows them, in the
    figures and in the sentences that name them."""
    by_field: dict[str, int] = {}
    for name, count in health.by_field.items():
        if (shown := shareable(name)) is not None:
            by_field[shown] = by_field.get(shown, 0) + count
    targets = {t: shareable(t) or HIDDEN for t in settings.target_fields}
    changed = sorted((t for t, s in targets.items() if s != t), key=len, reverse=True)

    def said(text: str) -> str:
        for target in changed:
            text = text.replace(target, targets[target])
        return text

    return replace(
        health,
        target_fields=tuple(targets[t] for t in health.target_fields if t in targets),
        by_field=by_field,
        top_connectors=[(_shown(people(n)), k) for n, k in health.top_connectors],
        components=[replace(c, detail=said(c.detail)) for c in health.components],
        findings=[said(f) for f in health.findings],
    )


def _path(path: IntroPath, people: _People) -> IntroPath:
    return replace(
        path,
        name=people.at(path.row, path.name),
        company=shareable(path.company),
        field=shareable(path.field),
        via=[(_shown(people(n)), c, _works(why)) for n, c, why in path.via],
    )


def _works(why: str) -> str:
    """'works at <company>' or 'works in <field>' (as `paths` writes them), the company or
    field as `shareable` shows it."""
    for verb, instead in (("works at ", "the same company"), ("works in ", "the same field")):
        if why.startswith(verb):
            return verb + (shareable(why.removeprefix(verb)) or instead)
    return HIDDEN


def _changes(changes: Changes | None, people: _People) -> Changes | None:
    if changes is None:
        return None

    def name(value: str) -> str:
        return _shown(people(value))

    return replace(
        changes,
        new=[name(n) for n in changes.new],
        removed=[name(n) for n in changes.removed],
        moves=[(name(n), a, b) for n, a, b in changes.moves],
        completed=[name(n) for n in changes.completed],
    )


class _Blanks(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return HIDDEN


def _issue(issue: Issue) -> Issue:
    """The issue without the value or anything taken from the row: its code, place and kind."""
    entry = MESSAGES[issue.code]
    fill = _Blanks(did_you_mean="")
    return replace(
        issue,
        value=None,
        message=Formatter().vformat(entry.message, (), fill),
        hint=Formatter().vformat(entry.hint, (), fill),
    )
