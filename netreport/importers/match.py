"""Who in an export is already in the workbook: each candidate matched against Contacts.

In this order:
1. the same email address (any of the candidate's, case-insensitive): the same person;
2. the same LinkedIn profile (the address normalised: scheme, `www.`, country sub-domains,
   query and trailing slash ignored): the same person;
3. the same name and company (netreport.identity's keys: case, accents, spacing, punctuation,
   name order, middle names, titles and legal forms such as Inc. or Ltd ignored): the same
   person, unless their emails or LinkedIn profiles differ.
A person with the same name but a different email or LinkedIn profile, a different company,
or a company on one side only is a likely duplicate (REVIEW): never merged, listed for the
owner to decide.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from netreport.identity import (
    company_key,
    email_keys,
    linkedin_key,
    name_key,
    name_key_variants,
    phone_key,
    same_phone,
)

SAME, REVIEW = "same", "review"


@dataclass(frozen=True)
class Person:
    """A contact reduced to what matching compares, and the values a person reads."""

    row: int  # the Excel row on its sheet
    values: dict[str, Any]  # field key -> value, as shown (name, email, company, ...)
    emails: frozenset[str]
    linkedin: str | None
    name: str | None  # name_key
    company: str  # company_key, "" when there is none
    phone: str | None = None  # phone_key
    new: bool = False  # a row this import adds
    # Every name key the person answers to: `name`, and with a nickname given in brackets
    # ("Bob (Robert) Smith" is also Robert Smith).
    names: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        row: int,
        values: dict[str, Any],
        *,
        new: bool = False,
        emails: Iterable[str] | None = None,
    ) -> Person:
        """`emails`: every address the person has, when more than the `email` value."""
        key = name_key(values.get("name"))
        return cls(
            row=row,
            values=values,
            emails=email_keys(" ".join(emails)) if emails else email_keys(values.get("email")),
            linkedin=linkedin_key(values.get("linkedin")),
            name=key,
            company=company_key(values.get("company")),
            phone=phone_key(values.get("phone")),
            new=new,
            names=frozenset(name_key_variants(values.get("name"), key)),
        )


@dataclass(frozen=True)
class Verdict:
    kind: str  # SAME or REVIEW
    evidence: str


def compare(new: Person, old: Person) -> Verdict | None:
    """Whether `new` is `old` (SAME), may be (REVIEW), or is someone else (None)."""
    if new.emails & old.emails:
        return Verdict(SAME, "same email")
    if new.linkedin and new.linkedin == old.linkedin:
        return Verdict(SAME, "same LinkedIn profile")
    if not new.names & old.names:
        return None
    yours, theirs = old.values, new.values
    differences = []
    if new.emails and old.emails:
        differences.append(
            f"different email: {yours.get('email')} in yours, {theirs.get('email')} imported"
        )
    if new.linkedin and old.linkedin:
        differences.append(
            f"different LinkedIn profile: {yours.get('linkedin')} in yours, "
            f"{theirs.get('linkedin')} imported"
        )
    same_company = bool(new.company) and new.company == old.company
    # The same name and number is the same person: a company on one side only is then a gap
    # in one of the two, not a sign of someone else.
    phone = same_phone(new.phone, old.phone)
    if new.company and old.company and not same_company:
        differences.append(
            f"different company: {yours.get('company')} in yours, {theirs.get('company')} imported"
        )
    elif old.company and not new.company and not phone:
        differences.append(f"company only in yours ({yours.get('company')})")
    elif new.company and not old.company and not phone:
        differences.append(f"company only in the import ({theirs.get('company')})")
    same = ["name", *(["company"] if same_company else []), *(["phone"] if phone else [])]
    evidence = "same " + (same[0] if len(same) == 1 else ", ".join(same[:-1]) + " and " + same[-1])
    if not differences:
        return Verdict(SAME, evidence)
    return Verdict(REVIEW, evidence + "; " + "; ".join(differences))


class Pool:
    """People indexed by email, LinkedIn profile and name, to find who a candidate may be."""

    def __init__(self, people: Iterable[Person] = ()) -> None:
        self.by_email: dict[str, list[Person]] = defaultdict(list)
        self.by_linkedin: dict[str, list[Person]] = defaultdict(list)
        self.by_name: dict[str, list[Person]] = defaultdict(list)
        for person in people:
            self.add(person)

    def add(self, person: Person) -> None:
        for email in person.emails:
            self.by_email[email].append(person)
        if person.linkedin:
            self.by_linkedin[person.linkedin].append(person)
        for name in person.names:
            self.by_name[name].append(person)

    def verdicts(self, new: Person) -> list[tuple[Verdict, Person]]:
        """Every person in the pool that `new` is or may be, strongest evidence first."""
        seen: list[Person] = [p for e in sorted(new.emails) for p in self.by_email.get(e, [])]
        if new.linkedin:
            seen += self.by_linkedin.get(new.linkedin, [])
        for name in sorted(new.names):
            seen += self.by_name.get(name, [])
        found: list[tuple[Verdict, Person]] = []
        done: set[int] = set()
        for old in seen:
            if id(old) in done:
                continue
            done.add(id(old))
            verdict = compare(new, old)
            if verdict is not None:
                found.append((verdict, old))
        return sorted(found, key=lambda pair: pair[0].kind != SAME)
