"""Workbooks that look like the ones people really keep, for `bench.py`'s everyday and noisy
workloads.

A merged title row above the header, the owner's own column names (two relationship columns,
"How we met" and "Relationship"), everyday words for interaction types ("Coffee chat",
"Check-in", "Zoom call", "lunch", "LinkedIn DM", "intro"), everyday notes, a log kept in date
order and a TOTAL row under the contacts. `noise` scales the genuine problems; at 1.0, about:

- 20% of Interactions with a type no vocabulary knows ("see notes", "pinged", "misc" ...),
- 5% of emails broken (no @, a space, a trailing dot),
- 5% of the dates in every date column typed as text that is not a day ("Oct 2025",
  "last week", "3/14", "tbd"),
- 10% of Interactions naming a contact with a typo (two letters swapped, or one dropped).

At 0.0 the same workbook (the same people, dates and words: every draw is made whatever the
noise) has none of these: every type is an everyday word netreport knows. Values are drawn
with numpy (seeded, so a workbook is the same on every machine) and written with XlsxWriter's
constant-memory mode, row by row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

# Bump when the generator changes, so cached workbooks are made again.
VERSION = 1
EXCEL_EPOCH = dt.date(1899, 12, 30)

FIRST = (
    "Aaliyah", "Aaron", "Abdul", "Ada", "Adrian", "Aiko", "Alejandro", "Alex", "Alice", "Amara",
    "Amir", "Ana", "Andrea", "Anil", "Ann", "Arjun", "Astrid", "Ava", "Ben", "Bianca", "Bilal",
    "Bob", "Bruno", "Camila", "Carlos", "Chen", "Chloe", "Chris", "Dalia", "Dana", "Daniel",
    "Dario", "David", "Deepa", "Diego", "Dmitri", "Elena", "Eli", "Emeka", "Emily", "Emma", "Erik",
    "Esther", "Ethan", "Farah", "Fatima", "Felix", "Fiona", "Gabriel", "Goran", "Grace", "Hana",
    "Hannah", "Hassan", "Ines", "Irene", "Isaac", "Ivan", "Jamal", "James", "Jana", "Javier",
    "Jin", "Joanna", "John", "Jonas", "Jorge", "Julia", "Kai", "Karin", "Keiko", "Kenji", "Kofi",
    "Lars", "Laura", "Leila", "Liam", "Lina", "Lucas", "Luis", "Maya", "Mei", "Mia", "Michael",
    "Mohammed", "Nadia", "Naomi", "Nia", "Nikhil", "Noah", "Noor", "Olga", "Oren", "Pablo", "Paul",
    "Priya", "Rachel", "Rafael", "Rania", "Ravi", "Rosa", "Ruth", "Sam", "Sara", "Sean", "Sofia",
    "Soren", "Sunita", "Tariq", "Tom", "Tomas", "Uma", "Victor", "Wei", "Yasmin", "Yusuf", "Zara",
    "Zoe",
)  # fmt: skip
LAST = (
    "Abernathy", "Adeyemi", "Alvarez", "Amini", "Andersen", "Baker", "Banerjee", "Becker",
    "Bennett", "Brennan", "Campbell", "Chang", "Chowdhury", "Costa", "Cruz", "Dubois", "Eze",
    "Estrada", "Fernandez", "Fischer", "Garcia", "Goldberg", "Gonzalez", "Gupta", "Haddad",
    "Hansen", "Hernandez", "Holm", "Hughes", "Ibarra", "Ivanova", "Jackson", "Jensen", "Johansson",
    "Kaplan", "Khan", "Kim", "Kowalski", "Kuznetsov", "Lachance", "Larsen", "Lee", "Lindqvist",
    "Lopez", "Mahmoud", "Martin", "Mendoza", "Meyer", "Moreau", "Murphy", "Nakamura", "Nguyen",
    "Novak", "Nowak", "Obi", "Okafor", "Oliveira", "Olsen", "Ortiz", "Park", "Patel", "Pereira",
    "Petrov", "Popescu", "Quinn", "Raman", "Ramaswamy", "Reyes", "Richter", "Rossi", "Russo",
    "Saito", "Sanchez", "Santos", "Schmidt", "Schneider", "Shah", "Silva", "Singh", "Sokolova",
    "Suzuki", "Tanaka", "Taylor", "Thomas", "Torres", "Tran", "Ueda", "Varga", "Vasquez", "Volkov",
    "Wagner", "Walker", "Wang", "Weber", "Williams", "Wong", "Yamamoto", "Yilmaz", "Young",
    "Zhang", "Zimmerman",
)  # fmt: skip
DOMAINS = ("gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com", "proton.me")
COMPANIES = (
    "Acme Corp", "Northwind Traders", "Contoso", "Globex", "Initech", "City Hospital",
    "State University", "Riverside School District", "First National Bank", "Blue Sky Analytics",
    "Greenleaf Foods", "Harbor Health", "Metro Transit", "Pinecrest Consulting", "Summit Capital",
    "Lakeside Clinic", "Brightpath Nonprofit", "Orbit Software", "Redwood Retail", "Vertex Labs",
    "County Library", "Maple Credit Union", "Quantum Insights", "Sunrise Senior Living",
    "Ironbridge Engineering", "Civic Data Lab", "Department of Health", "freelance",
    "self-employed",
)  # fmt: skip
TITLES = (
    "Analyst", "Senior Analyst", "Data Scientist", "Software Engineer", "Product Manager",
    "Nurse", "Teacher", "Recruiter", "HR Business Partner", "Director of Operations", "VP Finance",
    "Account Manager", "Program Coordinator", "Research Assistant", "Founder", "Consultant",
    "Hiring Manager", "UX Designer", "Policy Advisor", "Store Manager",
)  # fmt: skip
INDUSTRIES = (
    "Finance", "Data Science", "Healthcare", "Education", "Retail", "Software", "Public Sector",
    "Tech", "Banking", "Nonprofit", "Consulting", "Higher Ed",
)  # fmt: skip
HOW_WE_MET = (
    "my aunt's tennis partner", "met once at a conference", "former colleague", "never met",
    "college roommate", "career fair 2023", "LinkedIn", "through Sam at church", "grad school",
    "alumni directory", "friend of a friend", "coffee chat after the panel", "old boss",
    "neighbour", "Dad's golf buddy", "volunteer day at the food bank", "found on LinkedIn",
    "Ben's colleague", "met at a meetup", "intro from my manager",
)  # fmt: skip
RELATIONSHIP = (
    "friend", "acquaintance", "cousin", "mentor", "former manager", "coworker", "referral",
    "cold", "never met", "friend of a friend", "met once", "close friend", "not close",
    "former colleague", "classmate", "researched",
)  # fmt: skip
MET = ("Yes", "yes", "Y", "No", "no", "N", "not yet", "yep")
STATUS = ("Active", "Waiting for reply", "waiting", "paused", "Do not contact")
NOTES = (
    "Met at the spring mixer; follow up about data roles.",
    "Has 2 kids, loves hiking",
    "Works on the payments team - ask about openings",
    "Said to reach out in January",
    "Sent resume 3/2",
    "see email thread",
    "Knows the hiring manager at Globex",
    "Coffee next time I'm in Boston",
    "ask about MBA programs",
    "Call after the holidays!!",
    "Moved to Denver last year",
    "Prefers text over email",
    "Café meeting — great chat, very generous with time",
    'Said "happy to help" with intros',
    "Called twice.\nNo answer.",
    "- follow up re: referral",
    "+1 for the Boston role",
    "TODO: thank-you note",
    "Speaks Spanish and Portuguese; mentors new grads",
)
CHANNELS = ("Email", "email", "Phone", "Zoom", "In person", "LinkedIn", "Text", "video call")
# Everyday words for types that netreport knows, and words nobody's vocabulary knows.
KNOWN_TYPES = (
    "Coffee chat", "Check-in", "Zoom call", "lunch", "LinkedIn DM", "intro", "Email", "email",
    "Call", "phone call", "Thank you note", "Info interview", "Meeting", "coffee", "Reply",
    "follow up email",
)  # fmt: skip
UNKNOWN_TYPES = ("see notes", "pinged", "networking", "misc", "f/u?", "bumped into", "?", "TBD")
LOG_NOTES = (
    "Talked about openings on their team.",
    "Sent my resume",
    "She'll intro me to her manager",
    "Left a voicemail",
    "great convo, follow up in 2 wks",
    "Asked about the data team's hiring timeline",
    "no reply yet",
    "Thanked them for their time",
    "See email",
    "Rescheduled to next week",
)
TEXT_DATES = (
    "Oct 2025", "last week", "3/14", "tbd", "TBD", "?", "summer 2024", "early Nov",
    "n/a", "sometime in spring", "ASAP", "2 weeks ago",
)  # fmt: skip
CONTACT_HEADERS = (
    "Full Name", "E-mail", "Phone", "Company", "Title", "Industry", "How we met",
    "Relationship", "Met?", "Introduced By", "Last Contacted", "Follow up on", "Date Added",
    "Status", "LinkedIn", "Notes",
)  # fmt: skip
LOG_HEADERS = ("Date", "Contact", "Channel", "Type", "Notes")


def generate(
    path: Path,
    contacts: int,
    interactions_each: int,
    *,
    noise: float,
    seed: int,
    as_of: dt.date,
) -> None:
    """Write the workbook to `path`: Contacts (title row, header, rows, TOTAL), Interactions
    (in date order) and Settings."""
    import xlsxwriter

    rng = np.random.default_rng(seed)
    people = _contacts(rng, contacts, noise, as_of)
    log = _interactions(rng, people, interactions_each, noise, as_of)

    book = xlsxwriter.Workbook(
        str(path),
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    date = book.add_format({"num_format": "d-mmm-yy"})
    bold = book.add_format({"bold": True})
    title = book.add_format({"bold": True, "font_size": 14, "align": "center"})

    sheet = book.add_worksheet("Contacts")
    last_col = len(CONTACT_HEADERS) - 1
    sheet.merge_range(0, 0, 0, last_col, f"My job search network (updated {as_of:%b %Y})", title)
    sheet.write_row(1, 0, CONTACT_HEADERS, bold)
    sheet.freeze_panes(2, 1)
    sheet.autofilter(1, 0, contacts + 1, last_col)
    _write_rows(sheet, people.columns, 2, date)
    sheet.write_string(contacts + 2, 0, "TOTAL", bold)
    sheet.write_formula(contacts + 2, 1, f"=COUNTA(A3:A{contacts + 2})", bold, contacts)

    if interactions_each:
        sheet = book.add_worksheet("Interactions")
        sheet.write_row(0, 0, LOG_HEADERS, bold)
        sheet.freeze_panes(1, 0)
        _write_rows(sheet, log, 1, date)

    write_settings(book)
    book.close()


def write_settings(book: Any) -> None:
    """The Settings sheet every generated workbook has: an owner and two target fields."""
    settings = book.add_worksheet("Settings")
    for r, (key, value) in enumerate(
        [("Owner name", "Career Centre"), ("Target fields", "Finance, Data Science")]
    ):
        settings.write_string(r, 0, key)
        settings.write_string(r, 1, value)


def _write_rows(sheet: Any, columns: list[list[Any]], first_row: int, date: Any) -> None:
    """One call per filled cell: text as text, floats as dates (Excel serials), None blank."""
    text, number = sheet.write_string, sheet.write_number
    for r, values in enumerate(zip(*columns, strict=True), start=first_row):
        for c, value in enumerate(values):
            if value is None:
                continue
            if value.__class__ is str:
                text(r, c, value)
            else:
                number(r, c, value, date)


def _pick(rng: np.random.Generator, words: tuple[str, ...], n: int) -> np.ndarray:
    return np.asarray(words, dtype=object)[rng.integers(0, len(words), n)]


def _blank(rng: np.random.Generator, values: np.ndarray, filled: float) -> np.ndarray:
    """`values` with about 1 - `filled` of them left blank (None)."""
    values = values.astype(object)
    values[rng.random(len(values)) >= filled] = None
    return values


def _dates(
    rng: np.random.Generator, days_ago: np.ndarray, noise: float, as_of: dt.date
) -> np.ndarray:
    """Excel serials (floats) for `days_ago`, with `noise` x 5% of them typed as text that is
    no day at all."""
    serial = float((as_of - EXCEL_EPOCH).days)
    values = (serial - days_ago.astype(np.float64)).astype(object)
    text = rng.random(len(values)) < 0.05 * noise
    values[text] = _pick(rng, TEXT_DATES, len(values))[text]
    return values


@dataclass
class _People:
    columns: list[list[Any]]  # the Contacts sheet's cells, column by column
    names: np.ndarray
    last_days: np.ndarray  # days from the last contact to the report date


def _contacts(rng: np.random.Generator, n: int, noise: float, as_of: dt.date) -> _People:
    initials = np.array(list("ABCDEFGHJKLMNPRSTW"), dtype=object)
    combos = len(FIRST) * len(initials) * len(LAST)
    if n > combos:
        raise ValueError(f"at most {combos:,} distinct names; asked for {n:,} contacts")
    index = rng.choice(combos, n, replace=False)
    f, m, la = np.unravel_index(index, (len(LAST), len(initials), len(FIRST)))[::-1]
    first = np.asarray(FIRST, dtype=object)[f]
    middle = initials[m]
    last = np.asarray(LAST, dtype=object)[la]
    names = first + " " + middle + ". " + last

    local = np.where(
        rng.random(n) < 0.5,
        first + "." + middle + "." + last,
        first + "_" + middle + last,
    )
    emails = np.array([s.lower() for s in local + "@" + _pick(rng, DOMAINS, n)], dtype=object)
    broken = rng.random(n) < 0.05 * noise
    how = rng.integers(0, 4, n)[broken]
    for i, kind in zip(np.flatnonzero(broken), how, strict=True):
        e = emails[i]
        emails[i] = (
            e.replace("@", ".", 1)  # the @ typed as a dot
            if kind == 0
            else e.replace("@", "", 1)  # the @ left out
            if kind == 1
            else e.replace(".", " ", 1)  # a space where a dot was
            if kind == 2
            else e + "."  # a trailing dot
        )
    emails = _blank(rng, emails, 0.9)

    digits = rng.integers(0, 10_000_000, n)
    style = rng.integers(0, 4, n)
    phones = np.array(
        [
            (
                f"(555) {d // 10_000:03d}-{d % 10_000:04d}",
                f"555-{d // 10_000:03d}-{d % 10_000:04d}",
                f"+1 555 {d // 10_000:03d} {d % 10_000:04d}",
                f"555.{d // 10_000:03d}.{d % 10_000:04d}",
            )[s]
            for d, s in zip(digits.tolist(), style.tolist(), strict=True)
        ],
        dtype=object,
    )

    # Days since the last contact: most people kept up with, a tail long neglected.
    kept_up = rng.random(n) < 0.8
    last_days = np.where(kept_up, rng.integers(2, 90, n), rng.integers(90, 700, n))
    referrer = np.where(rng.random(n) < 0.66, names[rng.integers(0, n, n)], _pick(rng, FIRST, n))
    linkedin = np.array(
        [
            f"https://www.linkedin.com/in/{f.lower()}-{la.lower()}-{i}"
            for i, (f, la) in enumerate(zip(first, last, strict=True))
        ],
        dtype=object,
    )
    # Always filled, and never the same for two people whose names differ only in the middle
    # initial: netreport's identity reads same name and company as one person.
    companies = np.asarray(COMPANIES, dtype=object)[(f * 7 + la * 13 + m) % len(COMPANIES)]
    columns = [
        names,
        emails,
        _blank(rng, phones, 0.5),
        companies,
        _blank(rng, _pick(rng, TITLES, n), 0.7),
        _blank(rng, _pick(rng, INDUSTRIES, n), 0.8),
        _blank(rng, _pick(rng, HOW_WE_MET, n), 0.6),
        _blank(rng, _pick(rng, RELATIONSHIP, n), 0.7),
        _blank(rng, _pick(rng, MET, n), 0.6),
        _blank(rng, referrer, 0.15),
        _blank(rng, _dates(rng, last_days, noise, as_of), 0.9),
        _blank(rng, _dates(rng, last_days - rng.integers(7, 60, n), noise, as_of), 0.1),
        _blank(rng, _dates(rng, last_days + rng.integers(0, 400, n), noise, as_of), 0.7),
        _blank(rng, _pick(rng, STATUS, n), 0.1),
        _blank(rng, linkedin, 0.3),
        _blank(rng, _pick(rng, NOTES, n), 0.5),
    ]
    return _People([c.tolist() for c in columns], names, last_days)


def _typo(name: str, at: int, drop: bool) -> str:
    """`name` with one letter of its last word dropped, or two neighbours swapped."""
    start = name.rindex(" ") + 1
    i = start + at % (len(name) - start - 1)
    if drop or name[i] == name[i + 1]:
        return name[:i] + name[i + 1 :]
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def _interactions(
    rng: np.random.Generator, people: _People, each: int, noise: float, as_of: dt.date
) -> list[list[Any]]:
    n = len(people.names) * each
    if not n:
        return []
    who = np.repeat(np.arange(len(people.names)), each)
    k = np.tile(np.arange(each), len(people.names))
    days = people.last_days[who] + k * rng.integers(5, 60, n)
    order = np.argsort(-days, kind="stable")  # a log kept in date order, oldest first
    who, days = who[order], days[order]

    names = people.names[who].copy()
    typos = rng.random(n) < 0.10 * noise
    at = rng.integers(0, 1_000, n)[typos].tolist()
    drop = (rng.random(n) < 0.5)[typos].tolist()
    for i, a, d in zip(np.flatnonzero(typos).tolist(), at, drop, strict=True):
        names[i] = _typo(names[i], a, d)

    types = _pick(rng, KNOWN_TYPES, n)
    unknown = rng.random(n) < 0.20 * noise
    types[unknown] = _pick(rng, UNKNOWN_TYPES, n)[unknown]
    columns = [
        _dates(rng, days, noise, as_of),
        names,
        _blank(rng, _pick(rng, CHANNELS, n), 0.8),
        types,
        _blank(rng, _pick(rng, LOG_NOTES, n), 0.3),
    ]
    return [c.tolist() for c in columns]
