"""Whom to contact now, why now, what to ask, and a draft opener.

Per contact, in order, the first that applies is its next action:
1. thank-you:     a meeting, informational interview or shadowing in the last 30 days with no
                  thank-you logged after it; due `thank_you_days` after the meeting.
2. reply-nudge:   the last thing logged is a message the owner sent in the last 30 days; due
                  `reply_nudge_days` after it.
3. follow-up:     the row's own follow-up date (when not already behind the last contact).
4. keep-in-touch: the effective last contact plus the contact's own cadence (Keep in touch
                  every), else the category's.
5. first-outreach: never contacted at all.
Listed: 1-2 when due; 3-4 when due within the next 7 days; 5 capped by the weekly budget.
Nobody whose status says not to contact them (or paused) is ever listed, nor anyone snoozed
(Snooze until a day after the report date), whose due date is then no earlier than that day.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from netreport.analysis.result import (
    FIRST_OUTREACH,
    FOLLOW_UP,
    KEEP_IN_TOUCH,
    KIND_LABELS,
    REPLY_NUDGE,
    THANK_YOU,
    OutreachItem,
)
from netreport.cells import map_unique
from netreport.check.settings import Settings
from netreport.days import day_month, day_month_year
from netreport.forking import split_map
from netreport.identity import greeting_name
from netreport.schema import CATEGORIES, DO_NOT_CONTACT, FAMILY_FRIEND_WORDS
from netreport.templating import compiled, environment

SOON_DAYS = 7
THANK_YOU_HORIZON_DAYS = 30
REPLY_HORIZON_DAYS = 30
THANKS_ASK = (
    "Thank them for their time; mention one thing you will act on, and ask whom else "
    "you should talk to."
)
MEETING_TYPES = ("Meeting", "Informational interview", "Shadowing")
NOT_NOW = frozenset({*DO_NOT_CONTACT, "Paused"})
CATEGORY_RANK = {c: i for i, c in enumerate(CATEGORIES)}


def in_target(fields: pd.Series, targets: tuple[str, ...]) -> pd.Series:
    """Whether each contact's field names one of the owner's target fields, as whole words
    with case and punctuation ignored: "Finance" matches "Finance / Banking" and "finance",
    "IT" matches "IT Services" but not "Recruiting"."""
    words = [_words(t) for t in targets if _words(t)]
    if not words:
        return pd.Series(False, index=fields.index)
    pattern = re.compile("|".join(re.escape(f" {w} ") for w in words))
    # Searched once per distinct field: a network spans a few dozen fields at most.
    found = map_unique(fields, lambda field: pattern.search(f" {_words(field)} ") is not None)
    return found.eq(True)


def _words(text: object) -> str:
    return " ".join(re.findall(r"[0-9a-z]+", str(text).casefold()))


def timeline(contacts: pd.DataFrame, interactions: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Per contact, the dates that matter for outreach, from interactions up to the report day."""
    end = pd.Timestamp(as_of) + pd.Timedelta(days=1)
    log = interactions[interactions["contact_row"].notna() & (interactions["date"] < end)]
    # A stable sort keeps the log's own row order among entries of one day.
    log = log.assign(contact_row=log["contact_row"].astype("int64")).sort_values(
        "date", kind="stable"
    )
    by = log.groupby("contact_row")
    out = pd.DataFrame(index=contacts.index)
    out["last_logged"] = by["date"].max()
    # The type of the very last entry, blank included (GroupBy.last would skip a blank type).
    out["last_kind"] = log.drop_duplicates("contact_row", keep="last").set_index("contact_row")[
        "type"
    ]
    meetings = log[log["type"].isin(MEETING_TYPES)].groupby("contact_row")
    out["last_meeting"] = meetings["date"].max()
    out["last_meeting_type"] = meetings["type"].last()
    out["last_thanks"] = log[log["type"].eq("Thank-you sent")].groupby("contact_row")["date"].max()
    for column in ("last_logged", "last_meeting", "last_thanks"):
        out[column] = out[column].astype("datetime64[ns]")
    return out


def _latest_of_person(dates: pd.Series, contacts: pd.DataFrame) -> pd.Series:
    """A person entered twice is one person: the latest date typed on any of their rows (a
    Last Contact, a Snooze until) counts for the first, the row the outreach list follows."""
    repeats = contacts["duplicate_of"].dropna().astype("int64")
    if repeats.empty:
        return dates
    latest = dates[repeats.index].groupby(repeats.to_numpy()).max()
    return pd.concat([dates, latest.reindex(contacts.index)], axis=1).max(axis=1)


def schedule(
    contacts: pd.DataFrame, interactions: pd.DataFrame, settings: Settings
) -> pd.DataFrame:
    """Each contact's effective last contact, next action, its due date and whether it is listed."""
    as_of = pd.Timestamp(settings.as_of)
    times = timeline(contacts, interactions, settings.as_of)
    last_column = contacts["last_contact"].where(
        contacts["last_contact"] < as_of + pd.Timedelta(days=1)
    )
    last_column = _latest_of_person(last_column, contacts)
    effective = pd.concat([last_column, times["last_logged"]], axis=1).max(axis=1).dt.normalize()
    own_cadence = contacts["cadence"].astype("float64")  # the contact's own, NaN where none
    by_category = (
        contacts["category"].map(settings.cadence).fillna(settings.cadence["Cold"]).astype(float)
    )
    cadence = own_cadence.where(own_cadence.notna(), by_category)
    follow_up = contacts["follow_up"].dt.normalize()
    # Nobody is listed whom the owner asked not to contact, or whom a message cannot address;
    # nor, until the day comes, anyone snoozed.
    held = contacts["status"].isin(NOT_NOW)
    nameless = contacts["name"].isna()
    stopped = held | nameless
    snooze = _latest_of_person(contacts["snooze_until"].dt.normalize(), contacts)
    snoozed = (snooze > as_of) & ~stopped

    pending_thanks = (
        times["last_meeting"].notna()
        & (times["last_thanks"].isna() | (times["last_thanks"] < times["last_meeting"]))
        & (as_of - times["last_meeting"] <= pd.Timedelta(days=THANK_YOU_HORIZON_DAYS))
    )
    # One nudge is polite; after REPLY_HORIZON_DAYS of silence the cadence takes over again.
    awaiting = times["last_kind"].eq("Message sent") & (
        as_of - times["last_logged"] <= pd.Timedelta(days=REPLY_HORIZON_DAYS)
    )
    has_follow_up = follow_up.notna() & (effective.isna() | (follow_up >= effective))
    contacted = effective.notna()

    kind = np.select(
        [pending_thanks, awaiting, has_follow_up, contacted],
        [THANK_YOU, REPLY_NUDGE, FOLLOW_UP, KEEP_IN_TOUCH],
        default=FIRST_OUTREACH,
    )
    day = pd.to_timedelta(1, unit="D")
    # The first rule that applies wins, so apply them from the last to the first.
    due = (
        (effective + cadence * day)
        .mask(has_follow_up, follow_up)
        .mask(awaiting, times["last_logged"].dt.normalize() + settings.reply_nudge_days * day)
        .mask(pending_thanks, times["last_meeting"].dt.normalize() + settings.thank_you_days * day)
    )
    # While a snooze lasts, never due before it ends (a first outreach, with no due date, is
    # due on that day), so the person comes back on that day; a past snooze changes nothing.
    due = due.mask((snooze > as_of) & ~(due >= snooze), snooze)
    out = pd.DataFrame(index=contacts.index)
    out["effective_last"] = effective
    out["days_since"] = (as_of - effective).dt.days.astype("Int64")
    out["cadence"] = cadence.astype(int)
    out["own_cadence"] = own_cadence.notna()
    out["due_kind"] = kind
    out["next_due"] = pd.to_datetime(due).astype("datetime64[ns]")
    out["days_overdue"] = (as_of - out["next_due"]).dt.days.astype("Int64")
    window = np.select(
        [pd.Series(kind).isin([THANK_YOU, REPLY_NUDGE]).to_numpy()], [0], default=SOON_DAYS
    )
    out["stopped"] = stopped
    out["snoozed"] = snoozed & contacts["duplicate_of"].isna()  # each person counted once
    out["next_action"] = pd.Series(kind, index=contacts.index).map(KIND_LABELS)
    until = pd.Series(
        _each_date(snooze[snoozed], day_month_year), index=snooze[snoozed].index, dtype=object
    )
    out["next_action"] = (
        out["next_action"]
        .mask(snoozed, "Snoozed until " + until.reindex(contacts.index).fillna(""))
        .mask(nameless, "None (no name)")
        .mask(held, "None (status: " + contacts["status"].astype(str) + ")")
    )
    out["due_listed"] = (
        ~stopped
        & ~snoozed
        & out["next_due"].notna()
        & (out["days_overdue"].fillna(-(10**6)) >= -window)
    ).astype(bool)
    out["overdue"] = (~stopped & out["days_overdue"].fillna(-1).gt(0)).astype(bool)
    for column in ("last_meeting", "last_meeting_type", "last_logged"):
        out[column] = times[column]
    return out


def order(contacts: pd.DataFrame, plan: pd.DataFrame, budget: int) -> pd.Index:
    """Listed contacts in priority order, first-time outreach capped by the weekly budget.

    Due items: thanks owed first (they are owed now or not at all), then overdue contacts in
    a target field, then by how overdue relative to their cadence, then by category (Warm
    first). Then first outreach: Cool first, then target field, then category, then row.
    """
    rank = contacts["category"].map(CATEGORY_RANK).fillna(len(CATEGORIES))
    # One person is listed once: a row repeating an earlier one's person is left out.
    once = contacts["duplicate_of"].isna()
    due = plan["due_listed"] & plan["due_kind"].ne(FIRST_OUTREACH) & once
    window = plan["cadence"].where(~plan["due_kind"].isin([THANK_YOU, REPLY_NUDGE]), 7)
    keys = pd.DataFrame(
        {
            # Thanks are owed now or not at all; then the domain's order.
            "thanks": plan["due_kind"].ne(THANK_YOU),
            "target_overdue": ~(plan["overdue"] & contacts["in_target"]),
            "ratio": -(plan["days_overdue"].astype(float) / window),
            "rank": rank,
            "row": contacts.index,
        },
        index=contacts.index,
    )
    due_order = keys[due].sort_values(["thanks", "target_overdue", "ratio", "rank", "row"]).index
    fresh = plan["due_kind"].eq(FIRST_OUTREACH) & ~plan["stopped"] & ~plan["snoozed"] & once
    first_keys = pd.DataFrame(
        {
            "cool": contacts["category"].ne("Cool"),
            "target": ~contacts["in_target"],
            "rank": rank,
            "row": contacts.index,
        },
        index=contacts.index,
    )[fresh]
    first_order = first_keys.sort_values(["cool", "target", "rank", "row"]).index[:budget]
    return due_order.append(first_order)


def _month(value: Any) -> str:
    return f"{value:%B %Y}" if pd.notna(value) else ""


def _each_date(dates: pd.Series, form: Callable[[pd.Timestamp], Any]) -> list[Any]:
    """`form` of each date, None where there is none. A list of dates repeats the same few
    hundred days, so each distinct day is formatted once."""
    return map_unique(dates, form).tolist()


def why_now(
    kind: str, person: Mapping[Any, Any], plan: Mapping[Any, Any], settings: Settings
) -> str:
    """Why this contact is on this week's list, in words. `plan` holds the contact's plan
    with its dates already in words: meeting_date, message_date and due_date."""
    overdue = 0 if pd.isna(plan["days_overdue"]) else int(plan["days_overdue"])
    late = f"{overdue} days ago" if overdue > 1 else "yesterday" if overdue == 1 else "today"
    if kind == THANK_YOU:
        what = str(plan["last_meeting_type"]).lower()
        return f"{what} on {plan['meeting_date']}, no thank-you logged"
    if kind == REPLY_NUDGE:
        return (
            f"no reply for {int(plan['days_since'])} days to your message of {plan['message_date']}"
        )
    if kind == FOLLOW_UP:
        due = plan["due_date"]
        if overdue > 0:
            return f"follow-up date {due} passed ({late})"
        return f"follow-up date {due} is " + _in_days(-overdue)
    if kind == KEEP_IN_TOUCH:
        whom = "them" if plan.get("own_cadence") else f"{person['category']} contacts"
        base = (
            f"last contact {int(plan['days_since'])} days ago; you keep up with {whom} "
            f"every {int(plan['cadence'])} days"
        )
        return base if overdue >= 0 else base + f" (due {_in_days(-overdue)})"
    referrer = person["referrer"]
    if person["category"] == "Cool" and referrer:
        return f"never contacted; {to_owner(referrer)} is your person in common"
    return "never contacted" + (" and works in your target field" if person["in_target"] else "")


def to_owner(referrer: str) -> str:
    """A go-between as the owner is told of them: the drafts' "my aunt" is "your aunt"."""
    return "your " + referrer[3:] if referrer.startswith("my ") else referrer


def _in_days(days: int) -> str:
    return "today" if days == 0 else "tomorrow" if days == 1 else f"in {days} days"


def ask_for(person: Mapping[Any, Any], settings: Settings) -> str:
    """What to ask, by the domain's rules: category, and target field or not."""
    target = " or ".join(settings.target_fields) or "the field you want to work in"
    category = person["category"]
    relationship = str(person["relationship"] or "").casefold()
    if category == "Cold":
        return (
            f"Ask for advice or information about {person['field'] or 'their field'}, or a "
            "short informational interview or a chance to shadow. Do not ask for a job."
        )
    if category == "Cool":
        named = (
            to_owner(person["referrer"]) if person["referrer"] else "the person you have in common"
        )
        return f"Reach out naming {named}; ask for advice or a short informational interview."
    if category == "Warm" and FAMILY_FRIEND_WORDS.search(relationship):
        return (
            f"Tell them you are looking for work in {target}; ask them to pass on openings "
            "and people they know."
        )
    if person["in_target"]:
        return (
            "Ask for an informational interview or to shadow them at work; ask to hear of "
            "openings, and for advice."
        )
    return f"Ask whether they know someone in {target}, and for an introduction."


PERSON_COLUMNS = (
    "name",
    "email",
    "email_key",
    "company",
    "title",
    "field",
    "category",
    "referrer",
    "introduced",
    "relationship",
    "in_target",
)
PLAN_COLUMNS = (
    "due_kind",
    "last_meeting_type",
    "days_since",
    "days_overdue",
    "cadence",
    "own_cadence",
)
PLAN_DATES = ("last_meeting", "last_logged", "next_due", "effective_last")


def _records(columns: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Equal-length columns as one plain dict per row."""
    keys = list(columns)
    return [dict(zip(keys, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def outreach_rows(
    contacts: pd.DataFrame, plan: pd.DataFrame, rows: pd.Index
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The listed contacts and their plans as plain dicts: the plan's dates in words
    (meeting_date, message_date, due_date, last_contact_date), `due` as a date and its counts
    of days as ints, each None where there is none.

    Reading a pandas row per item costs more than all the rest of the work, and so does
    formatting a Timestamp per item: the columns are read whole, each distinct day formatted
    once."""
    people = contacts.loc[rows, list(PERSON_COLUMNS)]
    plans = plan.loc[rows, [*PLAN_COLUMNS, *PLAN_DATES]]
    person_columns = {key: people[key].tolist() for key in PERSON_COLUMNS}
    plan_columns = {key: plans[key].tolist() for key in PLAN_COLUMNS}
    for key in ("days_since", "days_overdue"):  # whole days, None where there are none
        plan_columns[key] = plans[key].astype(object).where(plans[key].notna(), None).tolist()
    plan_columns["meeting_date"] = _each_date(plans["last_meeting"], day_month)
    plan_columns["message_date"] = _each_date(plans["last_logged"], day_month)
    plan_columns["due_date"] = _each_date(plans["next_due"], day_month)
    plan_columns["last_contact_date"] = _each_date(plans["effective_last"], _month)
    plan_columns["due"] = _each_date(plans["next_due"], pd.Timestamp.date)
    for key in ("meeting_date", "message_date", "due_date", "last_contact_date"):
        plan_columns[key] = [text or "" for text in plan_columns[key]]
    return _records(person_columns), _records(plan_columns)


def build_items(
    contacts: pd.DataFrame, plan: pd.DataFrame, settings: Settings, templates: Path | None = None
) -> list[OutreachItem]:
    """The outreach list, in priority order, with why, ask and a rendered draft each. A long
    list is shared with a forked child (`forking.split_map`): a draft each is most of the
    analysis."""
    rows = order(contacts, plan, settings.weekly_budget)
    people, plans = outreach_rows(contacts, plan, rows)
    entries = list(zip(range(1, len(rows) + 1), rows.tolist(), people, plans, strict=True))
    return split_map(lambda part: _items(part, settings, templates), entries, at_least=SPLIT_ITEMS)


SPLIT_ITEMS = 5_000  # items from which a child builds half of them


def _items(
    entries: Sequence[tuple[int, int, dict[str, Any], dict[str, Any]]],
    settings: Settings,
    templates: Path | None,
) -> list[OutreachItem]:
    """The items of `entries` (priority, Excel row, the person's and the plan's fields)."""
    env = environment(templates)
    target = " or ".join(settings.target_fields)
    owner = settings.owner
    items = []
    drafts: dict[tuple[str, str], Callable[[dict[str, Any]], str]] = {}
    for priority, row, person, when in entries:
        kind = str(when["due_kind"])
        ask = THANKS_ASK if kind == THANK_YOU else ask_for(person, settings)
        name = str(person["name"] or "")
        first = greeting_name(name)
        context = {
            "owner": owner,
            "name": name,
            "first_name": first,
            "company": person["company"],
            "title": person["title"],
            "field": person["field"],
            "category": person["category"],
            # None for a Cool contact known only by words ("friend of a friend"): the
            # draft then says that someone is in common without naming them.
            "referrer": person["referrer"] or None,
            # whether the person in common sent the owner, so the draft may say so
            "introduced": bool(person["introduced"]),
            "target": target,
            "in_target": bool(person["in_target"]),
            "ask": ask,
            "ask_sentence": _ask_sentence(person, settings),
            "meeting_kind": str(when["last_meeting_type"] or "meeting").lower(),
            "meeting_date": when["meeting_date"],
            "message_date": when["message_date"],
            "last_contact_date": when["last_contact_date"],
            "days_since": when["days_since"],
            "days_overdue": when["days_overdue"],
        }
        slug = str(person["category"]).lower()
        draft_for = drafts.get((kind, slug))
        if draft_for is None:
            names = [f"drafts/{kind}-{slug}.txt.j2", f"drafts/{kind}.txt.j2"]
            draft_for = drafts[kind, slug] = compiled(env, names)
        subject, draft = _split_subject(draft_for(context))
        overdue = 0 if when["days_overdue"] is None else when["days_overdue"]
        items.append(
            OutreachItem(
                priority=priority,
                level=_level(kind, overdue, bool(person["in_target"])),
                row=int(row),
                name=name,
                email=person["email"] if person["email_key"] else None,
                company=person["company"],
                field=person["field"],
                category=str(person["category"]),
                in_target=bool(person["in_target"]),
                kind=kind,
                why=why_now(kind, person, when, settings),
                ask=ask,
                subject=subject,
                draft=draft,
                due=when["due"] or settings.as_of,
                days_overdue=overdue,
                referrer=person["referrer"],
            )
        )
    return items


def _ask_sentence(person: Mapping[Any, Any], settings: Settings) -> str:
    if person["category"] == "Cold":
        return "I would still value a few minutes of your advice."
    if person["in_target"]:
        return "I would be grateful for a short conversation about your work, or any advice."
    target = " or ".join(settings.target_fields)
    if not target:  # no placeholder in a message that is sent: the sentence says less
        return "Do you know anyone I could talk to about my next step?"
    return f"Do you know anyone in {target} I could talk to?"


def _split_subject(text: str) -> tuple[str, str]:
    first, _, rest = text.partition("\n")
    if first.lower().startswith("subject:"):
        return first.split(":", 1)[1].strip(), rest.strip()
    return "", text.strip()


def _level(kind: str, overdue: int, target: bool) -> str:
    if kind == THANK_YOU or (overdue > 0 and target):
        return "High"
    if overdue > 0:
        return "Medium"
    return "Low"
