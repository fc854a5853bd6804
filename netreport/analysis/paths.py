"""Introduction paths: who could open a door to a Cold contact, and who introduced whom."""

from __future__ import annotations

import pandas as pd

from netreport import identity
from netreport.analysis.result import IntroPath
from netreport.cells import map_unique
from netreport.schema import norm_key

MAX_VIA = 3


def intro_paths(contacts: pd.DataFrame) -> list[IntroPath]:
    """For each Cold contact in a target field: Warm or Luke-warm contacts at the same company,
    else in the same field, who could introduce the owner."""
    known = contacts[contacts["category"].isin(["Warm", "Luke-warm"])]
    warm_rank = known["category"].map({"Warm": 0, "Luke-warm": 1})
    known = known.assign(
        _rank=warm_rank,
        _company=identity.company_keys(known["company"]),
        _field=map_unique(known["field"], _key),
    ).sort_values(["_rank"], kind="stable")
    by_company = _via(known, "_company", "company", "works at")
    by_field = _via(known, "_field", "field", "works in")
    targets = contacts[contacts["category"].eq("Cold") & contacts["in_target"]]
    return [
        IntroPath(
            int(row),
            str(name or ""),
            company,
            field,
            by_company.get(identity.company_key(company)) or by_field.get(_key(field)) or [],
        )
        for row, name, company, field in zip(
            targets.index, targets["name"], targets["company"], targets["field"], strict=True
        )
    ]


def _via(
    known: pd.DataFrame, key: str, column: str, verb: str
) -> dict[str, list[tuple[str, str, str]]]:
    """The first few warm contacts per company (or field), Warm before Luke-warm."""
    top = known[known[key].notna() & known[key].ne("")].groupby(key, sort=False).head(MAX_VIA)
    found: dict[str, list[tuple[str, str, str]]] = {}
    for k, name, category, value in zip(
        top[key], top["name"], top["category"], top[column], strict=True
    ):
        found.setdefault(k, []).append((str(name), str(category), f"{verb} {value}"))
    return found


def _key(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else norm_key(value)


def _first_of(keys: pd.Series, values: pd.Series) -> dict[str, str]:
    """Each key and the value beside its first occurrence."""
    shown = values[keys.index].tolist()
    # Built from the end, so that of a repeated key's values the first is the one kept.
    return dict(zip(reversed(keys.tolist()), reversed(shown), strict=True))


def introduction_chains(contacts: pd.DataFrame) -> list[list[str]]:
    """Chains of who introduced whom, e.g. [Aunt Maria, Sam Okafor, Lee Park], longest first.

    Follows Introduced By from each contact back through contacts who were themselves
    introduced; only chains that end at a contact nobody else was introduced by are kept."""
    names, referrers = contacts["name"], contacts["referrer"]
    name_keys, referrer_keys = contacts["name_key"], identity.name_keys(referrers)
    introduced = names.notna() & names.ne("") & referrers.notna() & referrers.ne("")
    # How each key is shown: the first contact's name with it, else the first such referrer's.
    by_name = _first_of(referrer_keys[introduced], referrers)
    by_name.update(_first_of(name_keys[names.notna()], names))
    # Who introduced whom; a name given twice keeps its last referrer.
    parent: dict[str, str] = dict(
        zip(name_keys[introduced].tolist(), referrer_keys[introduced].tolist(), strict=True)
    )
    has_children = set(parent.values())
    chains = []
    for leaf in parent:
        if leaf in has_children:
            continue
        chain, seen = [leaf], {leaf}
        while chain[-1] in parent and parent[chain[-1]] not in seen:
            seen.add(parent[chain[-1]])
            chain.append(parent[chain[-1]])
        if len(chain) >= 2:
            chains.append([str(by_name[k]) for k in reversed(chain)])
    # Longest first, then in order. Two sorts (the second stable) instead of one with a key
    # tuple per chain: lists compare in C, a tuple per chain is built in Python.
    return sorted(sorted(chains), key=len, reverse=True)
