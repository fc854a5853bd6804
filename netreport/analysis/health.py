"""Network health: size, mix, freshness, activity, reach, data quality; a score and findings.

The score is a weighted mean of four components, each 0..1 (the README has the formula):
  Freshness  40  share of contacted, contactable people still within their cadence
  Activity   25  interactions logged in the last 30 days / (4 x weekly budget), capped at 1
  Warmth     15  share of the network that is Warm, Luke-warm or Cool / 0.6, capped at 1
  Target     20  share of contacts in a target field / 0.3, capped at 1
A component that does not apply (no one contacted yet; no target fields set) is left out and
the others are re-weighted, so the score never punishes a missing setting twice.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from netreport.analysis.outreach import in_target
from netreport.analysis.result import Component, Health
from netreport.cells import map_norm_key
from netreport.check.settings import Settings
from netreport.identity import company_keys, name_keys
from netreport.issues import Issue, count_by_severity, plural
from netreport.schema import CATEGORIES

WARM_SHARE_FULL = 0.6
TARGET_SHARE_FULL = 0.3
TOP_CONNECTORS = 5


def _recent(dates: pd.Series, as_of: pd.Timestamp, days: int) -> pd.Series:
    # Up to the end of the report day: a date the next day is not "in the last N days".
    return (dates < as_of + pd.Timedelta(days=1)) & (dates > as_of - pd.Timedelta(days=days))


def connectors(contacts: pd.DataFrame) -> list[tuple[str, int]]:
    """Who introduced the most contacts (by the Introduced By column), most first."""
    referrers = contacts["referrer"].dropna()
    if referrers.empty:
        return []
    keys = name_keys(referrers)
    counts = keys.value_counts()
    shown = referrers.groupby(keys).first().to_dict()
    top = counts.sort_values(ascending=False, kind="stable").head(TOP_CONNECTORS)
    return [(str(shown[k]), int(n)) for k, n in top.items()]


def measure(
    contacts: pd.DataFrame,
    plan: pd.DataFrame,
    interactions: pd.DataFrame,
    issues: list[Issue],
    settings: Settings,
    has_added: bool,
) -> Health:
    """Every health figure, from the categorized contacts and their outreach plan."""
    as_of = pd.Timestamp(settings.as_of)
    size = len(contacts)
    counts = contacts["category"].value_counts()
    by_category = {c: int(counts.get(c, 0)) for c in CATEGORIES}
    active = ~plan["stopped"]
    contacted = active & plan["effective_last"].notna()
    overdue = plan["overdue"] & plan["due_kind"].isin(["keep-in-touch", "follow-up"])
    within = contacted & ~overdue
    overdue_counts = contacts.loc[overdue, "category"].value_counts()
    due_week = active & plan["due_listed"] & plan["due_kind"].ne("first-outreach")
    never = active & plan["effective_last"].isna()
    fields = contacts["field"].dropna()
    by_field = fields.value_counts().head(12)
    log = interactions[interactions["date"].notna()]
    types = log["type"]
    in_target = int(contacts["in_target"].sum())
    targets = settings.target_fields
    target_share = in_target / size if targets and size else None if not targets else 0.0
    i30 = int(_recent(log["date"], as_of, 30).sum())

    components = [
        Component(
            "Freshness",
            40,
            float(within.sum() / contacted.sum()) if contacted.any() else None,
            f"{int(within.sum())} of {int(contacted.sum())} contacted people are within "
            "their keep-in-touch cadence",
        ),
        Component(
            "Activity",
            25,
            min(1.0, i30 / max(1, 4 * settings.weekly_budget)),
            f"{i30} interactions in the last 30 days; {4 * settings.weekly_budget} or "
            "more earns full marks",
        ),
        Component(
            "Warmth",
            15,
            min(1.0, (size - by_category["Cold"]) / size / WARM_SHARE_FULL) if size else None,
            f"{size - by_category['Cold']} of {size} contacts are Warm, Luke-warm or Cool; "
            f"{WARM_SHARE_FULL:.0%} or more earns full marks",
        ),
        Component(
            "Target",
            20,
            None if target_share is None else min(1.0, target_share / TARGET_SHARE_FULL),
            (
                f"{in_target} of {size} contacts work in {', '.join(targets)}; "
                f"{TARGET_SHARE_FULL:.0%} or more earns full marks"
            )
            if targets
            else "no target fields set in Settings",
        ),
    ]
    weights = sum(c.weight for c in components if c.value is not None)
    score = round(100 * sum(c.points for c in components) / weights) if weights else 0
    issue_counts = count_by_severity(issues)
    health = Health(
        size=size,
        by_category=by_category,
        in_target=in_target,
        target_share=target_share,
        target_fields=targets,
        by_field={str(k): int(v) for k, v in by_field.items()},
        contactable=int(active.sum()),
        within_cadence=int(within.sum()),
        overdue=int(overdue.sum()),
        overdue_by_category={c: int(overdue_counts.get(c, 0)) for c in CATEGORIES},
        never_contacted=int(never.sum()),
        due_this_week=int(due_week.sum()),
        interactions_7=int(_recent(log["date"], as_of, 7).sum()),
        interactions_30=i30,
        interactions_90=int(_recent(log["date"], as_of, 90).sum()),
        new_contacts_30=int(_recent(contacts["added"], as_of, 30).sum()) if has_added else None,
        informational_90=int(
            (_recent(log["date"], as_of, 90) & types.eq("Informational interview")).sum()
        ),
        shadowing_90=int((_recent(log["date"], as_of, 90) & types.eq("Shadowing")).sum()),
        companies=int(company_keys(contacts["company"]).replace("", None).nunique()),
        fields=int(map_norm_key(fields).nunique()),
        top_connectors=connectors(contacts),
        issues=issue_counts,
        score=score,
        components=components,
        findings=[],
    )
    return _with_findings(health, plan, contacts, settings)


def _with_findings(
    health: Health, plan: pd.DataFrame, contacts: pd.DataFrame, settings: Settings
) -> Health:
    """A few sentences, most important first, that say what the figures mean."""
    findings: list[str] = []
    for category in CATEGORIES:
        n = health.overdue_by_category[category]
        if n and category in ("Warm", "Luke-warm"):
            findings.append(
                f"{plural(n, category + ' contact')} {'is' if n == 1 else 'are'} "
                f"overdue for a keep-in-touch message."
            )
    thanks = int((plan["due_kind"].eq("thank-you") & plan["due_listed"]).sum())
    if thanks:
        findings.append(
            f"{plural(thanks, 'meeting')} {'has' if thanks == 1 else 'have'} no "
            "thank-you logged yet."
        )
    for target in settings.target_fields:
        if target.strip() and not in_target(contacts["field"], (target,)).any():
            findings.append(
                f"None of your contacts works in {target}, your target field: ask "
                "your Warm contacts whom they know there."
            )
    if not settings.target_fields:
        findings.append(
            "No target fields are set: add 'Target fields' to the Settings sheet so "
            "netreport can tell which contacts matter most, and the drafts can name the "
            "field you want to work in."
        )
    if not settings.owner:
        findings.append(
            "No owner name is set: add 'Owner name' to the Settings sheet so the drafts are signed."
        )
    if health.interactions_30 == 0:
        findings.append(
            "No interactions logged in the last 30 days: a network is only as good as its upkeep."
        )
    if health.size and health.by_category["Cold"] / health.size > 0.5:
        findings.append(
            f"{health.by_category['Cold'] / health.size:.0%} of your network is Cold: "
            "ask your Warm contacts for introductions to turn Cold into Cool."
        )
    if health.never_contacted:
        findings.append(
            f"{plural(health.never_contacted, 'contact')} never contacted; this "
            f"week's list suggests up to {settings.weekly_budget}."
        )
    if health.issues["error"]:
        findings.append(
            f"{plural(health.issues['error'], 'error')} in the workbook: the values they "
            "name are left out of this picture (see Issues for each one and its fix)."
        )
    return replace(health, findings=findings)
