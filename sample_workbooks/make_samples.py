"""Regenerate the two sample workbooks in this folder.

    python sample_workbooks/make_samples.py [OUTPUT_DIR]

network.xlsx  a realistic, clean career network in netreport's own layout (written through
              netreport.starter.write_network_workbook): about ninety contacts in all four
              categories and a year of interactions. It validates with no issues at all.
messy.xlsx    the kind of file real people keep, written cell by cell with openpyxl: a merged
              title, renamed headers, blank rows, dates typed as text, odd yes/no and category
              spellings, the owner's own column, and at least one example of every rule.

The output is deterministic: a fixed random seed and a fixed "today" (TODAY below). Every
last-contact and interaction date is on or before TODAY, so the samples stay valid when they
are checked on any later day; only a few planned follow-ups lie after it, as they would in a
real workbook.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from netreport.atomic import write_atomically
from netreport.starter import starter_settings, write_network_workbook

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 23)
YEAR_AGO = TODAY - dt.timedelta(days=364)
SEED = 20261123
OWNER = "Jordan Avery"
TARGET_FIELDS = ("Finance", "Data Science")

FIRST_NAMES = (
    "Amara", "Ben", "Chiara", "Dmitri", "Esi", "Farid", "Grace", "Hiroshi", "Inês", "Jamal",
    "Keiko", "Liam", "Mei", "Nadia", "Oluwaseun", "Pablo", "Quinn", "Rania", "Santiago", "Tamar",
    "Uche", "Valentina", "Wei", "Ximena", "Yara", "Zoltán", "Aisha", "Bogdan", "Camila", "Deepa",
    "Emeka", "Freya", "Gustavo", "Hana", "Ibrahim", "Jana", "Kofi", "Leila", "Mateo", "Noor",
    "Oren", "Priyanka", "Rafael", "Sofia", "Tariq", "Ulla", "Vikram", "Wanjiru", "Yusuf", "Zara",
    "Anders", "Beatriz", "Chen", "Dalia", "Eitan", "Fatima", "Goran", "Helena", "Ikaika", "João",
    "Kamala", "Lorenzo", "Marisol", "Nikhil", "Olga", "Paulo", "Rosa", "Søren", "Thandiwe",
    "Yasmin",
)  # fmt: skip
LAST_NAMES = (
    "Adeyemi", "Bergström", "Castillo", "Dubois", "Eze", "Fernandes", "Galloway", "Haddad",
    "Iwasaki", "Jovanović", "Kowalczyk", "Lindqvist", "Mbeki", "Nakamura", "Okonjo", "Petrov",
    "Quintero", "Rahman", "Sokolova", "Tanaka", "Ugwu", "Varga", "Whitfield", "Xu", "Yilmaz",
    "Zamora", "Abernathy", "Bianchi", "Chaudhry", "Delacroix", "Estrada", "Farouk", "Gutierrez",
    "Holm", "Ibarra", "Jaramillo", "Kuznetsov", "Lachance", "Moreau", "Ndiaye", "Osei",
    "Pellegrini", "Ramaswamy", "Santos", "Takahashi", "Ueda", "Vasquez", "Wójcik", "Yamamoto",
    "Zhou", "Amini", "Brennan", "Costa", "Dlamini", "Eriksen", "Fonseca", "Greenberg", "Hoang",
    "Kaur", "Marchetti",
)  # fmt: skip

# Invented organisations, and the job titles found there, by field.
ORGANISATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Finance": (
        ("Harborview Bank", "Northwind Capital", "Granite Trust", "Lakeshore Credit Union",
         "Meridian Asset Partners", "Copperfield Insurance"),
        ("Financial Analyst", "Risk Analyst", "Portfolio Manager", "Credit Officer",
         "Controller", "Investment Associate", "Compliance Manager"),
    ),
    "Data Science": (
        ("Brightline Analytics", "Quillstone Data", "Parallax Labs", "Signalpath AI",
         "Tessellate Research"),
        ("Data Scientist", "Machine Learning Engineer", "Analytics Manager", "Data Engineer",
         "Head of Analytics", "Research Scientist"),
    ),
    "Healthcare": (
        ("Cedar Ridge Health", "Riverside Clinic", "Mapleton Children's Hospital",
         "Clearwater Pharmacy"),
        ("Nurse Practitioner", "Physical Therapist", "Practice Manager", "Pharmacist",
         "Clinical Coordinator"),
    ),
    "Education": (
        ("Eastfield Community College", "Lincoln Park High School", "Brookside University",
         "Open Door Tutoring"),
        ("Math Teacher", "Academic Advisor", "Professor of Economics", "Program Director",
         "Career Counselor"),
    ),
    "Retail": (
        ("Juniper & Co.", "Fernway Markets", "Outfitters Row", "Bluebird Home Goods"),
        ("Store Manager", "Merchandising Lead", "Buyer", "Regional Operations Manager"),
    ),
    "Software": (
        ("Kestrel Software", "Nimbus Cloudworks", "Foxglove Apps", "Ironleaf Systems"),
        ("Software Engineer", "Product Manager", "Engineering Manager", "UX Designer",
         "Site Reliability Engineer"),
    ),
    "Public Sector": (
        ("City of Riverton", "Hearthstone Foundation", "State Revenue Office"),
        ("Policy Analyst", "Budget Officer", "Grants Manager"),
    ),
}  # fmt: skip
DOMAINS = ("example.com", "example.org", "example.net")

# Relationship words, as an owner would type them, for each planned category.
WARM_WORDS = (
    "friend", "close friend", "cousin", "coworker", "mentor", "college roommate",
    "family friend", "sister-in-law", "uncle", "classmate (close)", "teammate", "manager",
)  # fmt: skip
LUKE_WORDS = (
    "acquaintance", "met at conference", "former colleague", "neighbour",
    "met once at a hackathon", "alumni event", "met at a CFA Society mixer",
    "acquaintance from the gym", "former colleague (not close)",
)  # fmt: skip
COOL_WORDS = ("referral", "friend of a friend", "mutual contact", "referred by {first}")
COLD_WORDS = ("researched", "LinkedIn search", "company website", "alumni directory", "cold email")
COLD_SOURCES = (
    "{company} website",
    "LinkedIn search: {title}",
    "CFA Society member directory",
    "Brookside alumni directory",
    "Riverton Data Meetup speaker page",
    "Professional association directory",
)

Row = dict[str, Any]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate the sample workbooks.")
    parser.add_argument(
        "out_dir", nargs="?", type=Path, default=HERE, help="Where to write (default: here)."
    )
    args = parser.parse_args(argv)
    out_dir: Path = args.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    contacts, interactions = build_network(random.Random(SEED))
    write_network_workbook(
        out_dir / "network.xlsx", contacts, interactions, starter_settings(owner=OWNER)
    )
    write_messy(out_dir / "messy.xlsx")
    for name in ("network.xlsx", "messy.xlsx"):
        pin_timestamps(out_dir / name)
    print(
        f"Wrote {out_dir / 'network.xlsx'} ({len(contacts)} contacts, "
        f"{len(interactions)} interactions) and {out_dir / 'messy.xlsx'}."
    )
    return 0


# --- network.xlsx -------------------------------------------------------------------------


def _ascii(text: str) -> str:
    """Søren Bergström -> Soren Bergstrom, for email addresses and profile links."""
    text = text.translate(str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "ß": "ss", "ł": "l"}))
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _day(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, max((end - start).days, 0)))


def _later(day: dt.date, rng: random.Random, low: int, high: int) -> dt.date:
    return day + dt.timedelta(days=rng.randint(low, high))


class Network:
    """Contacts and the log of what happened with each, built up plan by plan."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.contacts: list[Row] = []
        self.plans: dict[str, str] = {}  # name -> planned category (moved Cool: "Moved")
        self.log: list[Row] = []
        names = [(f, n) for f in FIRST_NAMES for n in LAST_NAMES]
        rng.shuffle(names)
        self._names = iter(names)
        self._first_used: Counter[str] = Counter()
        self._last_used: Counter[str] = Counter()
        self._phones = iter(rng.sample(range(100), 100))

    def new_person(self, plan: str, field: str) -> Row:
        """A new contact with a unique name (no first or last name used more than twice) at an
        organisation of the given field."""
        first, last = next(
            (f, n) for f, n in self._names if self._first_used[f] < 2 and self._last_used[n] < 2
        )
        self._first_used[first] += 1
        self._last_used[last] += 1
        name = f"{first} {last}"
        companies, titles = ORGANISATIONS[field]
        rng = self.rng
        row: Row = {
            "Name": name,
            "Company": rng.choice(companies),
            "Job Title": rng.choice(titles),
            "Field": field,
            "Status": "Active",
        }
        if plan in {"Warm", "Luke-warm"} or rng.random() < 0.85:
            local = _ascii(f"{first}.{last}".lower())
            row["Email"] = f"{local}@{rng.choice(DOMAINS)}"
        if plan in {"Warm", "Luke-warm"} and rng.random() < 0.6:
            row["Phone"] = f"555-01{next(self._phones):02d}"
        if rng.random() < 0.4:
            slug = _ascii(f"{first}-{last}".lower())
            row["LinkedIn"] = f"https://www.linkedin.com/in/example-{slug}"
        self.contacts.append(row)
        self.plans[name] = plan
        return row

    def note(self, day: dt.date, person: Row, channel: str, kind: str, notes: str = "") -> None:
        if day > TODAY:
            return
        entry: Row = {"Date": day, "Contact": person["Name"], "Channel": channel, "Type": kind}
        # Most rows carry the email (matched first); some only the name, as people log them.
        if person.get("Email") and self.rng.random() < 0.8:
            entry["Email"] = person["Email"]
        if notes:
            entry["Notes"] = notes
        self.log.append(entry)

    def outreach(
        self,
        person: Row,
        start: dt.date,
        *,
        reply: float,
        talk: float,
        channel: str | None = None,
        opener: str = "",
        talk_channels: Sequence[str] = ("Video call", "Phone", "In person"),
    ) -> None:
        """Message sent -> maybe a reply -> maybe an informational interview -> thank-you.
        Anything that would fall after TODAY has not happened yet and is left out."""
        rng = self.rng
        channel = channel or rng.choice(("Email", "Email", "LinkedIn"))
        self.note(start, person, channel, "Message sent", opener)
        if rng.random() >= reply:
            return
        answered = _later(start, rng, 1, 6)
        self.note(answered, person, channel, "Reply received", "Happy to talk.")
        if rng.random() >= talk:
            return
        talk_day = _later(answered, rng, 4, 16)
        where = rng.choice(talk_channels)
        self.note(
            talk_day,
            person,
            where,
            "Informational interview",
            f"Talked about the {person['Job Title'].lower()} role and how they got into "
            f"{person['Field'].lower()}.",
        )
        thanks = _later(talk_day, rng, 0, 2)
        self.note(thanks, person, "Email", "Thank-you sent")


def _fields(rng: random.Random, target_share: float, count: int) -> list[str]:
    """Fields for `count` people, about `target_share` of them in the owner's target fields
    and the rest spread evenly over the other fields."""
    others = [f for f in ORGANISATIONS if f not in TARGET_FIELDS]
    rng.shuffle(others)
    in_target = round(count * target_share)
    fields = [TARGET_FIELDS[i % 2] for i in range(in_target)]
    fields += [others[i % len(others)] for i in range(count - in_target)]
    rng.shuffle(fields)
    return fields


def build_network(rng: random.Random) -> tuple[list[Row], list[Row]]:
    """About ninety contacts (Warm 20, Luke-warm 25, Cool 20, Cold 25 once categorized) and a
    year of interactions with them."""
    net = Network(rng)
    warm = [_warm(net, f) for f in _fields(rng, 0.3, 20)]
    luke = [_luke(net, f) for f in _fields(rng, 0.55, 21)]
    referrers = warm + luke
    cool = [_cool(net, f, rng.choice(referrers), moved=False) for f in _fields(rng, 0.75, 20)]
    moved = [_cool(net, f, rng.choice(warm), moved=True) for f in _fields(rng, 0.75, 4)]
    cold = [_cold(net, f) for f in _fields(rng, 0.85, 25)]

    _finish(net, warm, luke, cool + moved, cold)
    contacts = sorted(net.contacts, key=lambda r: r["Added"])
    log = sorted(net.log, key=lambda r: (r["Date"], r["Contact"]))
    return contacts, log


def _warm(net: Network, field: str) -> Row:
    rng = net.rng
    person = net.new_person("Warm", field)
    person["How I know them"] = rng.choice(WARM_WORDS)
    person["Met?"] = "Yes"
    if rng.random() < 0.5:
        person["Closeness"] = "High"
    person["Added"] = _day(rng, dt.date(2024, 9, 1), dt.date(2025, 10, 31))
    for _ in range(rng.randint(1, 4)):
        day = _day(rng, YEAR_AGO, TODAY)
        channel, kind, text = rng.choice(
            (
                ("In person", "Meeting", "Coffee catch-up; told them I am looking."),
                ("Phone", "Call", "Caught up; they will keep an ear out for openings."),
                ("Text message", "Message sent", "Shared my updated CV."),
                ("Video call", "Call", "Talked through my target companies."),
            )
        )
        net.note(day, person, channel, kind, text)
    if field in TARGET_FIELDS and rng.random() < 0.8:
        talk = _day(rng, YEAR_AGO, TODAY - dt.timedelta(days=10))
        kind = rng.choice(("Informational interview", "Shadowing"))
        net.note(talk, person, "In person", kind, "Spent time on how their team works.")
        net.note(_later(talk, rng, 0, 2), person, "Email", "Thank-you sent")
    return person


def _luke(net: Network, field: str) -> Row:
    rng = net.rng
    person = net.new_person("Luke-warm", field)
    words = rng.choice((*LUKE_WORDS, "friend from book club"))
    person["How I know them"] = words
    if words == "friend from book club":
        person["Closeness"] = "Low"  # met, but not close: Luke-warm despite "friend"
    elif rng.random() < 0.3:
        person["Closeness"] = "Low"
    if rng.random() < 0.85:
        person["Met?"] = "Yes"  # left blank, the relationship words say they have met
    person["Added"] = _day(rng, dt.date(2025, 3, 1), dt.date(2026, 9, 30))
    if "conference" in words or "mixer" in words or "event" in words:
        met_day = max(person["Added"], YEAR_AGO)
        net.note(met_day, person, "Event", "Meeting", "Swapped cards; promised to follow up.")
        person["Added"] = met_day
    person["Notes"] = rng.choice(
        (
            "Friendly; said to keep in touch.",
            "Knows the local hiring scene.",
            "Mentioned their team is growing.",
            "Good person to ask about the field.",
        )
    )
    if rng.random() < 0.8:
        start = _day(rng, max(person["Added"], YEAR_AGO), TODAY - dt.timedelta(days=5))
        in_target = field in TARGET_FIELDS
        opener = (
            "Asked for a short informational interview."
            if in_target
            else f"Asked whether they know anyone in {rng.choice(TARGET_FIELDS).lower()}."
        )
        net.outreach(person, start, reply=0.8, talk=0.85 if in_target else 0.3, opener=opener)
    return person


def _cool(net: Network, field: str, referrer: Row, *, moved: bool) -> Row:
    """Someone a warm contact pointed the owner to. `moved`: they have since spoken."""
    rng = net.rng
    person = net.new_person("Moved" if moved else "Cool", field)
    first = referrer["Name"].split()[0]
    person["How I know them"] = rng.choice(COOL_WORDS).format(first=first)
    person["Met?"] = "No"
    person["Introduced By"] = referrer["Name"]
    intro = _day(
        rng, max(referrer["Added"], YEAR_AGO), TODAY - dt.timedelta(days=60 if moved else 3)
    )
    person["Added"] = intro
    net.note(
        intro, referrer, "Email", "Introduction", f"Introduced me to {person['Name']} by email."
    )
    person["Notes"] = f"{first} suggested I contact them about {field.lower()} roles."
    if moved:
        # A Cool contact the owner has since spoken with: netreport makes them Luke-warm.
        start = _later(intro, rng, 1, 4)
        net.note(start, person, "Email", "Message sent", f"{first} suggested I contact you.")
        reply = _later(start, rng, 1, 4)
        net.note(reply, person, "Email", "Reply received", "Offered a call.")
        call = _later(reply, rng, 3, 12)
        kind = rng.choice(("Call", "Informational interview"))
        net.note(call, person, rng.choice(("Phone", "Video call")), kind, "Good first talk.")
        net.note(_later(call, rng, 0, 1), person, "Email", "Thank-you sent")
    elif rng.random() < 0.75:
        start = _later(intro, rng, 1, 5)
        net.outreach(person, start, reply=0.5, talk=0.0, opener=f"{first} suggested I contact you.")
    return person


def _cold(net: Network, field: str) -> Row:
    rng = net.rng
    person = net.new_person("Cold", field)
    words = rng.choice(COLD_WORDS)
    person["How I know them"] = words
    person["Met?"] = "No"
    person["Where found"] = rng.choice(COLD_SOURCES).format(
        company=person["Company"], title=person["Job Title"]
    )
    person["Added"] = _day(rng, YEAR_AGO, TODAY - dt.timedelta(days=2))
    if rng.random() < 0.7:
        start = _later(person["Added"], rng, 0, 20)
        # Written only: a call would mean they have met, and make them Luke-warm.
        net.outreach(
            person,
            min(start, TODAY),
            reply=0.4,
            talk=0.0,
            opener="Asked for advice on breaking into the field; no job request.",
        )
    return person


# The owner runs netreport weekly and mostly keeps up: most people they know have heard from
# them within their cadence, so this week's list is short. The days are the default cadences.
KEEP_UP = {"Warm": 30, "Luke-warm": 60, "Moved": 60, "Cool": 90, "Cold": 180}
KEEP_UP_SHARE = 0.9


def _keep_up(net: Network) -> None:
    rng = net.rng
    logged = {entry["Contact"] for entry in net.log}
    for person in net.contacts:
        cadence = KEEP_UP.get(net.plans[person["Name"]])
        if cadence is None or person["Name"] not in logged or rng.random() >= KEEP_UP_SHARE:
            continue
        day = TODAY - dt.timedelta(days=rng.randint(3, cadence - 2))
        if net.plans[person["Name"]] == "Cold":
            # Written only: a call would mean they have met, and make them Luke-warm.
            net.note(day, person, "Email", "Message sent", "Shared an article on the field.")
            continue
        channel, kind, text = rng.choice(
            (
                ("Email", "Reply received", "Answered my update; nothing new on their side."),
                ("Phone", "Call", "Quick catch-up."),
                ("LinkedIn", "Reply received", "Congratulated me on the course I finished."),
                ("In person", "Meeting", "Bumped into them; coffee next month."),
            )
        )
        net.note(day, person, channel, kind, text)
        if kind == "Meeting":
            net.note(_later(day, rng, 0, 1), person, "Email", "Thank-you sent")


def _finish(
    net: Network, warm: list[Row], luke: list[Row], cool: list[Row], cold: list[Row]
) -> None:
    """Last contact from the log, follow-ups, statuses, typed categories and notes."""
    rng = net.rng
    _keep_up(net)
    last: dict[str, dt.date] = {}
    replied: set[str] = set()
    for entry in net.log:
        name = entry["Contact"]
        last[name] = max(last.get(name, entry["Date"]), entry["Date"])
        if entry["Type"] == "Reply received":
            replied.add(name)
    for person in net.contacts:
        name = person["Name"]
        if name in last:
            person["Last Contact"] = last[name]
        elif net.plans[name] in {"Warm", "Luke-warm"} and rng.random() < 0.7:
            # Spoke without logging it; the Last Contact column remembers.
            person["Last Contact"] = _day(rng, max(person["Added"], YEAR_AGO), TODAY)
        contacted = person.get("Last Contact")
        unanswered = contacted and name not in replied and net.plans[name] in {"Cool", "Cold"}
        if unanswered and (TODAY - contacted).days <= 30:
            person["Status"] = "Waiting for reply"
            person["Follow up on"] = contacted + dt.timedelta(days=rng.choice((7, 10, 14)))
    # A few promised follow-ups with people the owner knows.
    for person in rng.sample(warm + luke, 6):
        if person.get("Last Contact"):
            person["Follow up on"] = _later(person["Last Contact"], rng, 14, 45)

    # The owner's own words for a few people, always agreeing with the row's facts.
    for group, category in ((warm, "Warm"), (luke, "Luke-warm"), (cool, "Cool"), (cold, "Cold")):
        plain = [p for p in group if net.plans[p["Name"]] != "Moved"]
        for person in rng.sample(plain, 2):
            person["Category"] = category

    paused = rng.choice(luke)
    paused["Status"] = "Paused"
    paused["Notes"] = "On parental leave until spring; check in then."
    dnc = rng.choice([p for p in cold if p.get("Email")])
    dnc["Status"] = "Do not contact"
    dnc.pop("Follow up on", None)
    dnc["Notes"] = "Asked politely not to be contacted again."
    for person in warm:
        person.setdefault(
            "Notes",
            rng.choice(
                (
                    "Knows lots of people; tell them what I am looking for.",
                    "Always happy to review my CV.",
                    "Offered to pass on openings at work.",
                    "Great listener; ask for advice on interviews.",
                )
            ),
        )
    for person in cold:
        person.setdefault("Notes", "Ask for advice or an informational interview, not a job.")


# --- messy.xlsx ---------------------------------------------------------------------------

MESSY_HEADERS = (
    "Name", "E-mail", "Phone", "Mobile", "Organisation", "Position", "Industry", "Relationship",
    "Met in person", "Referred By", "Type", "Last Contacted", "Next Follow-Up", "Date Added",
    "Status", "LinkedIn Profile", "Favourite coffee", "Notes", "Contact every",
)  # fmt: skip
D = dt.date

# Each row as the owner typed it (None = empty cell, an empty tuple = a blank row). The
# comment says which rule the row shows; rows without one show that messy values still read.
MESSY_CONTACTS: tuple[tuple[Any, ...], ...] = (
    # Name, E-mail, Phone, Mobile, Organisation, Position, Industry, Relationship, Met in person,
    # Referred By, Type, Last Contacted, Next Follow-Up, Date Added, Status, LinkedIn Profile,
    # Favourite coffee, Notes, Contact every
    ("Amara Okonkwo", "amara.okonkwo@example.com", "555-0101", None, "Cedar Ridge Health",
     "Nurse Manager", "Healthcare", "cousin", "Y", None, "WARM ", D(2026, 10, 3), None,
     D(2025, 1, 12), "active", None, "Flat white", "Knows the hiring manager on 4 West"),
    # Last Contacted typed 10/3/2026 with no date order set: ambiguous-date (month first).
    ("Ben Hollis", "ben.hollis@example.org", None, "555-0102", "Eastfield Community College",
     "Dean of Students", "Education", "former colleague", True, None, "Luke-Warm", "10/3/2026",
     "2026-11-30", "3 Feb 2025", "waiting", "https://www.linkedin.com/in/example-ben-hollis",
     None, "Said he'd ask around the district office"),
    # invalid-cadence: no rhythm netreport can read (the category's cadence is used).
    ("Carla Mendes", "carla.mendes@example.net", "555-0103", "555-0104", "Riverside Clinic",
     "Practice Administrator", "Healthcare", "friend", "x", None, "warm", "3 Oct 2026", None,
     None, None, None, "Oat latte", None, "every so often"),
    (),
    ("Deshawn Price", "deshawn.price@example.com", None, None, "Lincoln Park High School",
     "Math Teacher", "Education", "acquaintance (met at PTA night)", "Y", None, "luke warm",
     "2026-03-10", None, D(2026, 2, 20), None, None, None, None),
    # No name: missing-name.
    (None, "r.ito@example.com", None, None, "Mapleton Children's Hospital", "Recruiter",
     "Healthcare", "referral", "no", "Amara Okonkwo", None, None, None, D(2026, 10, 5), None,
     None, None, "Amara's colleague in HR - get her name"),
    # invalid-email.
    ("Elif Yilmaz", "elif.yilmaz@example", None, None, "Brookside University",
     "Academic Advisor", "Education", "met at conference", "yes", None, None, "11/2/2026",
     None, None, None, None, "Espresso", None),
    # invalid-date.
    ("Farah Siddiqui", "farah.siddiqui@example.org", None, None, "Open Door Tutoring",
     "Program Director", "Education", "neighbour", "Y", None, None, "sometime in spring", None,
     None, None, None, None, "Runs the Saturday tutoring program"),
    # future-date: 2062 for 2026.
    ("Gabriel Soto", "gabriel.soto@example.net", None, None, "Cedar Ridge Health",
     "Physical Therapist", "Healthcare", "coworker", "Y", None, None, D(2062, 3, 10), None,
     None, None, None, "Cold brew", "Typo in the year?"),
    # follow-up-before-last-contact.
    ("Hana Kobayashi", "hana.kobayashi@example.com", None, None, "Riverside Clinic",
     "Nurse Practitioner", "Healthcare", "former colleague", "TRUE", None, None,
     D(2026, 9, 14), "2026-08-01", None, None, None, None, None),
    # unknown-category; month-only-date (no day).
    ("Ivan Petrov", "ivan.petrov@example.org", None, None, "Lincoln Park High School",
     "Career Counselor", "Education", "acquaintance", "Y", None, "Medium", "Sept 2026", None,
     None, None, None, None, None),
    # unknown-yes-no.
    ("Julia Brandt", "julia.brandt@example.net", None, None, "Eastfield Community College",
     "Professor of Biology", "Education", "alumni event", "maybe", None, None, None, None, None,
     None, None, "Chai", None),
    # unknown-value (a status the owner invented; kept as typed).
    ("Kwame Boateng", "kwame.boateng@example.com", None, None, "Mapleton Children's Hospital",
     "Clinical Coordinator", "Healthcare", "friend of a friend", "no", "Carla Mendes", None,
     D(2026, 10, 20), None, None, "Interviewing", None, None, "Interview on the 28th!"),
    (),
    (),
    ("Lena Fischer", "lena.fischer@example.com", None, None, "Brookside University",
     "Professor of Nursing", "Education", "researched", "N", None, "cold", None, None,
     D(2026, 9, 1), None, None, None, "Found on the faculty page"),
    # duplicate-contact by email (case does not matter).
    ("Lena Fischer", "LENA.FISCHER@example.com", None, None, "Brookside Univ.", "Professor",
     "Education", "researched", "no", None, None, None, None, D(2026, 10, 2), None, None, None,
     "Added again from the alumni list"),
    ("Tom Nguyen", "tom.nguyen@example.org", None, None, "Riverside Clinic", "Pharmacist",
     "Healthcare", "acquaintance", "x", None, None, D(2026, 6, 2), None, None, None, None, None,
     None),
    # duplicate-contact by name and company (a second address for the same man).
    ("Tom  Nguyen", "tnguyen@example.net", None, None, "Riverside clinic", "Pharmacist",
     "Healthcare", "acquaintance", "x", None, None, None, None, None, None, None, None,
     "Personal email"),
    # invalid-link; date-without-year.
    ("Uma Raghavan", "uma.raghavan@example.com", None, None, "Cedar Ridge Health",
     "Practice Manager", "Healthcare", "former colleague", "Y", None, None, "Nov 12", None, None,
     None, "ask Carla for her profile", None, None),
    # link-without-scheme; relative-date.
    ("Victor Alves", "victor.alves@example.org", None, None, "Open Door Tutoring", "Tutor",
     "Education", "acquaintance", "Y", None, None, "3 weeks ago", None, None, None,
     "linkedin.com/in/example-victor-alves", None, None),
    # category-contradicted: typed Cold, yet someone in common is named.
    ("Wendy Zhou", "wendy.zhou@example.net", None, None, "Clearwater Pharmacy", "Pharmacist",
     "Healthcare", "referral", "no", "Carla Mendes", "Cold", None, None, D(2026, 11, 2), None,
     None, None, "Carla's old roommate"),
    ("Xavier Dubois", None, None, None, "Brookside University", "Dean of Education",
     "Education", "researched", "N", None, "cold", None, None, D(2026, 11, 10), None, None, None,
     "From the university website"),
    # Cool (never met, introduced by Ben) but has since had a call: netreport says Luke-warm.
    ("Yusuf Ahmed", "yusuf.ahmed@example.com", None, None, "Eastfield Community College",
     "Academic Advisor", "Education", "friend of a friend", "no", "Ben Hollis", None,
     "Oct 31, 2026", "2026-12-05", D(2026, 10, 25), None, None, None, None),
    # example-row: the starter workbook's example, left in place.
    ("Sam Okafor (example)", "sam.okafor@example.org", None, None, "Brightline Analytics",
     "Data Engineer", "Data Science", "referral", "No", "Maria Lopez (example)", None, None,
     None, None, None, None, None, None),
    (),
    # not-a-contact: a totals row under the table (its count as Excel last calculated it).
    ("TOTAL", None, None, None, None, "22 contacts", None, None, None, None, None, None, None,
     None, None, None, None, None),
)  # fmt: skip

MESSY_INTERACTION_HEADERS = ("Date", "Who", "E-mail", "Via", "Activity", "Notes")
# Text dates here spell the month out, so they say nothing about day or month first: with no
# 'Date order' setting, 10/3/2026 on People stays ambiguous (netreport decides the order from
# every date column at once).
MESSY_INTERACTIONS: tuple[tuple[Any, ...], ...] = (
    (D(2026, 10, 3), "Amara Okonkwo", None, "in person", "coffee", "Told her I'm looking"),
    ("Oct 21, 2026", "Ben Hollis", "ben.hollis@example.org", "email", "message", None),
    ("2026-10-24", "ben hollis", None, "Email", "reply", "Introduced me to Yusuf"),
    ("Oct 30, 2026", "Yusuf Ahmed", None, "zoom", "info interview", None),
    (D(2026, 10, 31), "Yusuf Ahmed", "yusuf.ahmed@example.com", "email", "thanks", None),
    (),
    # unknown-contact: nobody called Jon Smyth in the contacts.
    (D(2026, 9, 2), "Jon Smyth", None, "LinkedIn", "Message sent", "From the career fair"),
    # missing-interaction-contact.
    (D(2026, 9, 5), None, None, "Phone", "Call", "Recruiter from Mapleton (forgot her name)"),
    # missing-interaction-date.
    (None, "Carla Mendes", None, "text", "Message sent", "When was this?"),
    # unknown-value: a channel and a type netreport does not know.
    (D(2026, 10, 20), "Kwame Boateng", None, "Slack", "Message sent", None),
    ("22 Oct 2026", "Amara Okonkwo", None, "In person", "Lunch & learn", "At Cedar Ridge"),
)  # fmt: skip

# The Settings sheet as bare key/value rows, no header.
MESSY_SETTINGS: tuple[tuple[Any, ...], ...] = (
    ("Owner", "Sam Rivera"),
    ("Target industries", "Healthcare; Education"),
    ("Cadence Warm", "bimonthly"),  # invalid-setting: twice a month, or every two months?
    ("Reminder sound", "chime"),  # unknown-setting
)

# Issue codes messy.xlsx shows. Not shown: missing-sheet (there is a contacts sheet) and
# missing-column (a sheet without its required column would hide the rules on that column).
MESSY_CODES = (
    "duplicate-column",
    "missing-name",
    "invalid-email",
    "invalid-date",
    "ambiguous-date",
    "future-date",
    "follow-up-before-last-contact",
    "invalid-cadence",
    "unknown-category",
    "unknown-yes-no",
    "unknown-value",
    "duplicate-contact",
    "unknown-contact",
    "missing-interaction-contact",
    "missing-interaction-date",
    "invalid-link",
    "link-without-scheme",
    "category-contradicted",
    "unknown-setting",
    "invalid-setting",
)


def build_messy() -> Any:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    people = book.active
    people.title = "People"
    people["A1"] = "Sam's job search contacts (healthcare + education)"
    people["A1"].font = Font(bold=True, size=14)
    people["A1"].alignment = Alignment(horizontal="center")
    people.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(MESSY_HEADERS))
    # Row 2 is left blank; the header row is row 3.
    for column, header in enumerate(MESSY_HEADERS, start=1):
        people.cell(row=3, column=column, value=header).font = Font(bold=True)
    _put_rows(people, MESSY_CONTACTS, first_row=4)

    log = book.create_sheet("Interaction Log")
    log.append(MESSY_INTERACTION_HEADERS)
    _put_rows(log, MESSY_INTERACTIONS, first_row=2)

    settings = book.create_sheet("Settings")
    _put_rows(settings, MESSY_SETTINGS, first_row=1)
    for sheet in (people, log):
        for cells in sheet.iter_rows():
            for cell in cells:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "d mmm yyyy"
    return book


def _put_rows(sheet: Any, rows: Sequence[tuple[Any, ...]], first_row: int) -> None:
    for offset, values in enumerate(rows):
        for column, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=first_row + offset, column=column, value=value)


def write_messy(path: Path) -> None:
    book = build_messy()
    write_atomically(Path(path), lambda temp: book.save(temp))


def pin_timestamps(path: Path) -> None:
    """Give the file's created/modified properties and its zip entries the fixed date TODAY,
    so that regenerating the samples changes no bytes and commits no noise."""
    stamp = f"{TODAY.isoformat()}T00:00:00Z"
    with zipfile.ZipFile(path) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]

    def write(temp: Path) -> None:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as out:
            for name, data in entries:
                if name == "docProps/core.xml":
                    data = re.sub(
                        rb"(<dcterms:(created|modified)[^>]*>)[^<]*",
                        rb"\g<1>" + stamp.encode(),
                        data,
                    )
                info = zipfile.ZipInfo(
                    name, date_time=(TODAY.year, TODAY.month, TODAY.day, 0, 0, 0)
                )
                info.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(info, data)

    write_atomically(path, write)


if __name__ == "__main__":
    sys.exit(main())
