"""The four categories of career networking, decided from each row's facts, with reasons.

The decision, in order (explicit words win over guesses):
1. Met / known?  yes and close -> Warm; yes, not close -> Luke-warm
2. never met, someone in common named -> Cool
3. never met, no one in common -> Cold
A category typed by the owner is kept; where the row's facts contradict it, a warning says so.
A Cool contact with a call or meeting in the Interactions sheet has since been met: Luke-warm.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from netreport.cells import distinct_rows, map_unique
from netreport.check.relationship import Reading, read_words
from netreport.days import day_month_year
from netreport.identity import full_names
from netreport.issues import Issue, make_issue
from netreport.read import Table
from netreport.schema import MET_CHANNELS, MET_TYPES, STATUSES, Meaning

WARM, LUKE, COOL, COLD = "Warm", "Luke-warm", "Cool", "Cold"
KNOWN = (WARM, LUKE)


@dataclass(frozen=True)
class Facts:
    """What each row says about the relationship, one boolean column per fact."""

    word: pd.Series  # the category the relationship words point to, or None
    said_met: pd.Series  # Met? column: True / False / NA
    met: pd.Series  # met by any evidence
    met_known: pd.Series  # the met question has an explicit answer
    close: pd.Series
    close_known: pd.Series
    referred: pd.Series  # someone in common named (Introduced By) or referral words
    logged_meeting: pd.Series  # date of the first call or meeting logged, NaT if none
    referrer: pd.Series  # the person in common: Introduced By, else named in the words
    introduced: pd.Series  # that person sent the owner: Introduced By, or "Ben suggested..."
    quote: pd.Series  # the owner's words that decided, or None


# The category each meaning of the owner's words points to (never met is Cool or Cold by
# whether someone in common is named).
MEANING_CATEGORY = {
    Meaning.NOT_CLOSE.value: LUKE,
    Meaning.NO_ONE_IN_COMMON.value: COLD,
    Meaning.CLOSE.value: WARM,
    Meaning.FAMILY_OR_FRIEND.value: WARM,
    Meaning.ACQUAINTED.value: LUKE,
    Meaning.MET.value: LUKE,
    Meaning.KNOWN.value: WARM,
    Meaning.IN_COMMON.value: COOL,
    Meaning.RESEARCHED.value: COLD,
}


def word_category(reading: Reading) -> pd.Series:
    """The category the owner's words imply (None where they say nothing)."""
    meaning = reading.meaning()
    word = meaning.map(MEANING_CATEGORY).astype(object)
    never = meaning.eq(Meaning.NOT_MET.value)
    in_common = reading.facts[Meaning.IN_COMMON]
    word = word.mask(never & in_common, COOL).mask(never & ~in_common, COLD)
    return word.where(word.notna(), None)


def first_meetings(contacts: pd.DataFrame, interactions: pd.DataFrame) -> pd.Series:
    """For each contact, the date of the first logged call or meeting (NaT if none)."""
    log = interactions
    spoke = log["type"].isin(MET_TYPES) | log["channel"].isin(MET_CHANNELS)
    met_log = log[spoke & log["contact_row"].notna() & log["date"].notna()]
    first = met_log.groupby(met_log["contact_row"].astype("int64"))["date"].min()
    return first.reindex(contacts.index).astype("datetime64[ns]")


def gather_facts(contacts: pd.DataFrame, interactions: pd.DataFrame) -> Facts:
    reading = read_words(contacts["relationship"], _notes_and_status(contacts))
    word = word_category(reading)
    said_met = contacts["met"].astype("boolean")
    logged = first_meetings(contacts, interactions)
    closeness = contacts["closeness"]
    # A close relationship word, or closeness marked high, says the owner knows the person.
    word_met = word.isin(KNOWN) | closeness.eq("high")
    word_not_met = word.isin((COOL, COLD))
    met = said_met.fillna(word_met).astype(bool)
    met_known = said_met.notna() | word_met | word_not_met
    close = closeness.eq("high").where(closeness.notna(), word.eq(WARM))
    # The person in common: as typed in Introduced By, else as the words name them.
    named = full_names(reading.go_between, contacts["name"])
    referrer = contacts["referrer"].where(contacts["referrer"].notna(), named).astype(object)
    referrer = referrer.where(referrer.notna(), None)  # None, never NaN: JSON keeps one type
    referred = referrer.notna() | word.eq(COOL)
    return Facts(
        word,
        said_met,
        met,
        met_known,
        close.astype(bool),
        closeness.notna() | word.isin(KNOWN),
        referred,
        logged,
        referrer,
        contacts["referrer"].notna() | reading.sent,
        reading.quote,
    )


def _notes_and_status(contacts: pd.DataFrame) -> pd.Series:
    """The notes, and a Status that is none of the statuses but the owner's own words
    ("Coffee chat done", "Haven't met yet"): read like a note, for meetings and negations."""
    status, notes = contacts["status"], contacts["notes"]
    own = status.where(~status.isin(STATUSES) & status.notna())
    both = notes.notna() & own.notna()
    joined = notes.where(notes.notna(), own).astype(object)
    return joined.mask(both, notes.astype(str) + "; " + own.astype(str))


def derive(facts: Facts) -> pd.Series:
    """The category the facts alone give, by the domain's decision order."""
    picked = np.select(
        [facts.met & facts.close, facts.met, facts.referred],
        [WARM, LUKE, COOL],
        default=COLD,
    )
    return pd.Series(picked, index=facts.met.index, dtype=object)


@dataclass(frozen=True)
class Categorized:
    category: pd.Series
    reason: pd.Series
    referrer: pd.Series  # the person in common, typed or named in the owner's words
    introduced: pd.Series  # the owner was sent by that person (Introduced By, "suggested")
    quote: pd.Series  # the owner's words that decided, as quoted in the reason
    issues: list[Issue]


def categorize(
    contacts: pd.DataFrame, interactions: pd.DataFrame, table: Table | None = None
) -> Categorized:
    """Give every contact exactly one category and a reason in plain words."""
    facts = gather_facts(contacts, interactions)
    derived = derive(facts)
    typed = contacts["category_typed"]
    category = typed.where(typed.notna(), derived).astype(object)
    # A Cool contact the owner has since spoken with or met is now Luke-warm; so is a Cold one
    # the owner did not type as Cold (a typed category is the owner's word and is kept).
    moved = facts.logged_meeting.notna() & (category.eq(COOL) | (typed.isna() & derived.eq(COLD)))
    category = category.mask(moved, LUKE)
    described, reason = _explain(_evidence(contacts, facts, derived, typed, moved))
    issues = _contradictions(facts, derived, described, typed, moved, table)
    return Categorized(category, reason, facts.referrer, facts.introduced, facts.quote, issues)


def _evidence(
    contacts: pd.DataFrame, facts: Facts, derived: pd.Series, typed: pd.Series, moved: pd.Series
) -> pd.DataFrame:
    """Everything a contact's reason is made of, one column each."""
    return pd.DataFrame(
        {
            "relationship": contacts["relationship"],
            "referrer": facts.referrer,
            "typed_referrer": contacts["referrer"].notna(),
            "quote": facts.quote,
            "source": contacts["source"],
            "closeness": contacts["closeness"],
            "said_met": facts.said_met,
            "word": facts.word,
            "logged_meeting": facts.logged_meeting,
            "derived": derived,
            "typed": typed,
            "moved": moved,
        },
        index=contacts.index,
    )


def _explain(evidence: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """What the evidence says and the reason given, for each row of the evidence.

    Worked out once per distinct row: many contacts share the same words, and making a
    million strings at once, several times over, would cost as much memory as the workbook."""
    codes, distinct = distinct_rows(evidence)
    described = _describe(distinct)
    reason = _reasons(distinct, described)
    return (
        pd.Series(described.to_numpy()[codes], index=evidence.index, dtype=object),
        pd.Series(reason.to_numpy()[codes], index=evidence.index, dtype=object),
    )


def _describe(evidence: pd.DataFrame) -> pd.Series:
    """Why the evidence gives the derived category, e.g. 'never met; introduced by Aunt Maria'."""
    derived = evidence["derived"]
    # The owner's words that decided, else their relationship words as typed.
    quoted = evidence["quote"].where(evidence["quote"].notna(), evidence["relationship"])
    quoted = quoted.fillna("")
    words = (" (" + quoted + ")").where(quoted.ne(""), "")
    referrer = evidence["referrer"]
    source = evidence["source"]
    met_how: pd.Series = pd.Series(
        np.where(evidence["said_met"].fillna(False).astype(bool), "you have met", "you know them"),
        index=derived.index,
        dtype=object,
    )
    known_close = np.where(
        evidence["closeness"].eq("high"), met_how + ", closeness high", "you know them well" + words
    )
    known_loose = np.where(
        evidence["closeness"].eq("low"),
        met_how + ", but not closely",
        np.where(
            evidence["word"].eq(LUKE),
            "met, but not close" + words,
            met_how + "; not marked as close",
        ),
    )
    cool = np.where(
        referrer.notna(),
        np.where(evidence["typed_referrer"], "never met; introduced by ", "never met; through ")
        + referrer.fillna("")
        + np.where(evidence["typed_referrer"], "", words),
        "never met; someone in common" + words,
    )
    cold = np.where(
        source.notna(),
        "no one in common; found via " + source.fillna(""),
        np.where(
            evidence["word"].eq(COLD),
            "no one in common" + words,
            "never met and no one in common named",
        ),
    )
    text = np.select(
        [derived.eq(WARM), derived.eq(LUKE), derived.eq(COOL)],
        [known_close, known_loose, cool],
        default=cold,
    )
    return pd.Series(text, index=derived.index, dtype=object)


def _reasons(evidence: pd.DataFrame, described: pd.Series) -> pd.Series:
    derived, typed = evidence["derived"], evidence["typed"]
    reason = derived + ": " + described
    reason = reason.mask(typed.notna() & typed.eq(derived), typed + " (as typed): " + described)
    reason = reason.mask(typed.notna() & typed.ne(derived), typed + ": as typed in your workbook")
    first_met = map_unique(evidence["logged_meeting"], day_month_year)
    was = np.where(typed.eq(COOL), "typed Cool", "was " + derived + " (" + described + ")")
    moved_text = (
        "Luke-warm: "
        + pd.Series(was, index=typed.index, dtype=object)
        + "; you have since spoken (first call or meeting "
        + first_met.fillna("")
        + ")"
    )
    return reason.mask(evidence["moved"], moved_text).astype(object)


def _contradictions(
    facts: Facts,
    derived: pd.Series,
    described: pd.Series,
    typed: pd.Series,
    moved: pd.Series,
    table: Table | None,
) -> list[Issue]:
    """Warn where the typed category and the row's own explicit facts disagree."""
    if table is None or table.column("category") is None:
        return []
    has = typed.notna() & typed.ne(derived) & ~moved
    typed_known, derived_known = typed.isin(KNOWN), derived.isin(KNOWN)
    # Only disagreements on facts the row states: met or not; close or not; someone in common.
    on_met = (typed_known != derived_known) & facts.met_known
    on_close = typed_known & derived_known & facts.close_known
    on_common = ~typed_known & ~derived_known & (facts.referred | facts.word.eq(COLD))
    flagged = has & (on_met | on_close | on_common)
    column = table.column("category")
    assert column is not None
    raw = table.frame[column.letter]
    return [
        make_issue(
            "category-contradicted",
            sheet=table.sheet,
            row=int(row),
            column=column.label,
            value=raw[row],
            facts=f"the row says {described[row]}",
            suggested=derived[row],
        )
        for row in flagged[flagged].index
    ]
