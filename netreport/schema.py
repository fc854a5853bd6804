"""The workbook contract: sheets, fields, header synonyms and the controlled vocabularies.

Everything a user may type in a header or a drop-down cell is listed here once; the reader,
the validator, the starter workbook and the README all take their words from this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

KEY_CHARACTERS = "0123456789abcdefghijklmnopqrstuvwxyz"
_NOT_KEY = re.compile(f"[^{KEY_CHARACTERS}]+")
_NOT_KEY_NOR_NUL = re.compile(f"[^{KEY_CHARACTERS}\0]+")
# Every ASCII byte the patterns delete: all but 0-9 and a-z (and NUL).
_ASCII_NOT_KEY = bytes(sorted(set(range(128)) - set(KEY_CHARACTERS.encode())))
_ASCII_NOT_KEY_NOR_NUL = _ASCII_NOT_KEY.removeprefix(b"\0")


def norm_key(text: object) -> str:
    """Fold a header or vocabulary word for matching: case, spaces and punctuation ignored."""
    folded = str(text).casefold()
    if folded.isascii():
        # The same deletion as the pattern, four times faster: keys are made for every
        # name and company, several times over.
        return folded.encode("ascii").translate(None, _ASCII_NOT_KEY).decode("ascii")
    return _NOT_KEY.sub("", folded)


def norm_keys(texts: list[str]) -> list[str]:
    """`norm_key` of each text, folded all at once as one text joined by NULs: a column of a
    million names costs a few passes over its characters instead of a million calls. (Case
    folding looks at one character at a time, so it folds the joined text just as each part.)"""
    joined = "\0".join(texts)
    if not texts or joined.count("\0") != len(texts) - 1:  # a text holds a NUL itself
        return [norm_key(text) for text in texts]
    folded = joined.casefold()
    if folded.isascii():
        kept = folded.encode("ascii").translate(None, _ASCII_NOT_KEY_NOR_NUL).decode("ascii")
    else:
        kept = _NOT_KEY_NOR_NUL.sub("", folded)
    return kept.split("\0")


@dataclass(frozen=True)
class Field:
    """One column the tool understands, the header it writes and the headers it accepts."""

    key: str
    header: str
    synonyms: tuple[str, ...] = ()
    kind: str = "text"  # one of KINDS: how a cell of this field is read, checked and offered
    required: bool = False
    description: str = ""
    # Several of the owner's columns may hold this field (two columns about how they know a
    # person, notes in two places): all are read, in order, as one text.
    several: bool = False

    @property
    def accepted(self) -> tuple[str, ...]:
        return (self.header, *self.synonyms)


class Category(StrEnum):
    """The four kinds of career-networking contact, spelled as the field spells them."""

    WARM = "Warm"
    LUKE_WARM = "Luke-warm"
    COOL = "Cool"
    COLD = "Cold"


CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)

# Spellings people type for each category, folded by norm_key.
CATEGORY_SPELLINGS: dict[str, str] = {
    "warm": "Warm",
    "hot": "Warm",
    "close": "Warm",
    "lukewarm": "Luke-warm",
    "lukwarm": "Luke-warm",
    "lw": "Luke-warm",
    "tepid": "Luke-warm",
    "cool": "Cool",
    "cold": "Cold",
}

YES_SPELLINGS = frozenset({"y", "yes", "true", "x", "1", "ja", "oui", "si", "yep", "yeah", "met"})
NO_SPELLINGS = frozenset({"n", "no", "false", "0", "nope", "notyet", "never", "notmet"})

# Status: anything in DO_NOT_CONTACT keeps the person out of every outreach list.
STATUSES: tuple[str, ...] = ("Active", "Waiting for reply", "Paused", "Do not contact", "Archived")
STATUS_SPELLINGS: dict[str, str] = {
    "active": "Active",
    "open": "Active",
    "ok": "Active",
    "waiting": "Waiting for reply",
    "waitingforreply": "Waiting for reply",
    "awaitingreply": "Waiting for reply",
    "pending": "Waiting for reply",
    "paused": "Paused",
    "onhold": "Paused",
    "later": "Paused",
    "donotcontact": "Do not contact",
    "dontcontact": "Do not contact",
    "dnc": "Do not contact",
    "nocontact": "Do not contact",
    "optedout": "Do not contact",
    "unsubscribed": "Do not contact",
    "archived": "Archived",
    "inactive": "Archived",
    "closed": "Archived",
}
DO_NOT_CONTACT = frozenset({"Do not contact", "Archived"})

CHANNELS: tuple[str, ...] = (
    "Email",
    "Phone",
    "Video call",
    "In person",
    "LinkedIn",
    "Text message",
    "Event",
    "Other",
)
CHANNEL_SPELLINGS: dict[str, str] = {
    "email": "Email",
    "mail": "Email",
    "phone": "Phone",
    "call": "Phone",
    "phonecall": "Phone",
    "telephone": "Phone",
    "video": "Video call",
    "videocall": "Video call",
    "zoom": "Video call",
    "teams": "Video call",
    "inperson": "In person",
    "meeting": "In person",
    "facetoface": "In person",
    "coffee": "In person",
    "linkedin": "LinkedIn",
    "linkedinmessage": "LinkedIn",
    "text": "Text message",
    "textmessage": "Text message",
    "sms": "Text message",
    "whatsapp": "Text message",
    "event": "Event",
    "other": "Other",
}
# Channels on which the owner and the contact actually spoke or met.
MET_CHANNELS = frozenset({"Phone", "Video call", "In person", "Event"})

INTERACTION_TYPES: tuple[str, ...] = (
    "Message sent",
    "Reply received",
    "Call",
    "Meeting",
    "Informational interview",
    "Shadowing",
    "Thank-you sent",
    "Introduction",
    "Other",
)
TYPE_SPELLINGS: dict[str, str] = {
    # A message: the owner wrote, and nothing says they spoke.
    "messagesent": "Message sent",
    "message": "Message sent",
    "sent": "Message sent",
    "outreach": "Message sent",
    "followup": "Message sent",
    "followupemail": "Message sent",
    "email": "Message sent",
    "emailed": "Message sent",
    "emailsent": "Message sent",
    "coldemail": "Message sent",
    "dm": "Message sent",
    "linkedin": "Message sent",
    "linkedinmessage": "Message sent",
    "linkedinmsg": "Message sent",
    "linkedindm": "Message sent",
    "inmail": "Message sent",
    "text": "Message sent",
    "texted": "Message sent",
    "sms": "Message sent",
    "checkin": "Message sent",
    "checkinemail": "Message sent",
    "connectionrequest": "Message sent",
    "replyreceived": "Reply received",
    "reply": "Reply received",
    "replied": "Reply received",
    "response": "Reply received",
    "theyreplied": "Reply received",
    # A call or a meeting: the person has now been met.
    "call": "Call",
    "phonecall": "Call",
    "phone": "Call",
    "videocall": "Call",
    "video": "Call",
    "zoom": "Call",
    "zoomcall": "Call",
    "teams": "Call",
    "teamscall": "Call",
    "googlemeet": "Call",
    "facetime": "Call",
    "meeting": "Meeting",
    "met": "Meeting",
    "coffee": "Meeting",
    "coffeechat": "Meeting",
    "coffeemeeting": "Meeting",
    "virtualcoffee": "Meeting",
    "lunch": "Meeting",
    "dinner": "Meeting",
    "drinks": "Meeting",
    "catchup": "Meeting",
    "inperson": "Meeting",
    "informationalinterview": "Informational interview",
    "infointerview": "Informational interview",
    "informational": "Informational interview",
    "infochat": "Informational interview",
    "shadowing": "Shadowing",
    "jobshadow": "Shadowing",
    "jobshadowing": "Shadowing",
    "shadow": "Shadowing",
    "thankyou": "Thank-you sent",
    "thankyousent": "Thank-you sent",
    "thankyounote": "Thank-you sent",
    "thankyouemail": "Thank-you sent",
    "thankyoucard": "Thank-you sent",
    "thanks": "Thank-you sent",
    "thanked": "Thank-you sent",
    "introduction": "Introduction",
    "intro": "Introduction",
    "introduced": "Introduction",
    "warmintro": "Introduction",
    "other": "Other",
}
# What a meeting's title or a message's subject says it was, read by `import calendar` and
# `import mail` (first match wins): "Informational interview - Globex UX", "Zoom call with
# Wei", "Thank you for your time!". A title that says none of these is a Meeting, a subject
# a Message sent (or a Reply received).
TYPE_PHRASES: tuple[tuple[str, str], ...] = (
    (r"\binfo(?:rmational)?[ -]?(?:interview|chat|call|meeting)\b", "Informational interview"),
    (r"\b(?:job[ -]?)?shadow(?:ing)?\b", "Shadowing"),
    (r"\bthank(?:s| you|-you)\b", "Thank-you sent"),
    (r"\b(?:call|phone|zoom|teams|facetime|google meet|video chat)\b", "Call"),
)
# Interaction types in which the owner spoke with or met the person.
MET_TYPES = frozenset({"Call", "Meeting", "Informational interview", "Shadowing"})

CLOSENESS_HIGH = frozenset({"high", "close", "strong", "veryclose", "h", "4", "5"})
CLOSENESS_LOW = frozenset(
    {"low", "medium", "med", "weak", "notclose", "some", "l", "m", "1", "2", "3", "unknown"}
)

# A number of days given for a cadence or a window (Settings, --cadence, a contact's own Keep
# in touch every) is at most ten years: a longer one would carry due dates off the calendar.
MAX_DAYS = 3650
# Days in each unit of time, for a cadence ("every 3 months") and for a date counted back ("a
# month ago"). A month is 30 days and a year 365; a quarter is 13 weeks.
DAYS_PER_UNIT: dict[str, int] = {
    "day": 1, "week": 7, "fortnight": 14, "month": 30, "quarter": 91, "year": 365,
}  # fmt: skip
# How a cadence cell may spell each unit ("6 wks", "3 mo", "2y"), lower case.
CADENCE_UNITS: dict[str, str] = {
    "d": "day", "day": "day", "days": "day", "dys": "day",
    "w": "week", "wk": "week", "wks": "week", "week": "week", "weeks": "week",
    "fortnight": "fortnight", "fortnights": "fortnight",
    "m": "month", "mo": "month", "mos": "month", "mon": "month", "mth": "month",
    "mths": "month", "month": "month", "months": "month",
    "q": "quarter", "qtr": "quarter", "qtrs": "quarter", "quarter": "quarter",
    "quarters": "quarter",
    "y": "year", "yr": "year", "yrs": "year", "year": "year", "years": "year",
}  # fmt: skip
# Words that are a cadence on their own, folded by norm_key ("Bi-weekly", "semi-annually").
# "Bimonthly" and "biannually" are left out on purpose: people mean both twice a month and
# every two months, twice a year and every two years.
CADENCE_WORDS: dict[str, int] = {
    "daily": 1, "everyday": 1,
    "weekly": 7,
    "fortnightly": 14, "biweekly": 14,
    "monthly": 30,
    "quarterly": 91,
    "halfyearly": 182, "semiannually": 182, "semiannual": 182,
    "yearly": 365, "annually": 365, "annual": 365,
}  # fmt: skip
# "Once a month", "twice a year", "thrice a week": how many times in one unit.
CADENCE_TIMES: dict[str, int] = {"once": 1, "twice": 2, "thrice": 3}


CONTACT_FIELDS: tuple[Field, ...] = (
    Field(
        "name",
        "Name",
        ("Full Name", "Contact", "Contact Name", "Person"),
        required=True,
        description="The person's name. First Name + Last Name are combined when there is "
        "no Name column.",
    ),
    Field(
        "first_name",
        "First Name",
        ("First", "Given Name", "Forename"),
        description="Used only when there is no Name column.",
    ),
    Field(
        "last_name",
        "Last Name",
        ("Last", "Surname", "Family Name"),
        description="Used only when there is no Name column.",
    ),
    Field("email", "Email", ("E-mail", "Email Address", "E-mail Address", "Mail"), kind="email"),
    Field("phone", "Phone", ("Telephone", "Mobile", "Cell", "Phone Number")),
    Field(
        "company",
        "Company",
        ("Organisation", "Organization", "Employer", "Firm", "Org", "Works at", "Current company"),
    ),
    Field("title", "Job Title", ("Title", "Position", "Role")),
    Field("field", "Field", ("Industry", "Sector", "Profession", "Area")),
    Field(
        "relationship",
        "How I know them",
        (
            "Relationship",
            "Connection",
            "How we met",
            "Relation",
            "How we know each other",
            "How do I know them",
            "How I know him/her",
            "How connected",
            "How I met them",
            "Where we met",
            "Met through",
            "Connection to client",
            "Relationship to client",
            "Relationship to me",
            "Connection type",
            "Relationship type",
            "Context",
        ),
        description="Relationship words decide the category: friend, cousin, coworker, "
        "acquaintance, referral, researched... Several such columns are all read.",
        several=True,
    ),
    Field(
        "met",
        "Met?",
        ("Met", "Met in person", "Have met", "Met Before", "Know them"),
        kind="yesno",
        description="Yes if you have met or know the person.",
    ),
    Field(
        "closeness",
        "Closeness",
        ("How close", "Strength", "Tie strength", "Relationship strength", "Closeness rating"),
        kind="closeness",
        description="High or low; a high closeness makes a met contact Warm.",
    ),
    Field(
        "referrer",
        "Introduced By",
        (
            "Referred By",
            "Mutual Contact",
            "Referrer",
            "Introduced Through",
            "Referral",
            "Mutual Connection",
            "Intro By",
        ),
        description="The person you have in common; makes a never-met contact Cool.",
    ),
    Field(
        "source",
        "Where found",
        ("Source", "Found Via", "Found On"),
        description="Where you found a contact you have no connection to (Cold).",
    ),
    Field(
        "category",
        "Category",
        ("Type", "Contact Type", "Warmth", "Temperature", "Kind"),
        kind="category",
        description="Warm, Luke-warm, Cool or Cold; left blank, netreport "
        "decides from the row's facts.",
    ),
    Field(
        "last_contact",
        "Last Contact",
        (
            "Last Contacted",
            "Last Contact Date",
            "Last Touch",
            "Last Spoke",
            "Last Interaction",
            "Date of Contact",
            "Date Contacted",
            "Contacted On",
            "Last Talked",
            "Last Reached Out",
            "Last Touchpoint",
            "Date Reached Out",
            "Last Contacted On",
            "Last Conversation",
        ),
        kind="date",
    ),
    Field(
        "follow_up",
        "Follow up on",
        (
            "Next Follow-Up",
            "Follow Up",
            "Follow-up Date",
            "Next Contact",
            "Next Step Date",
            "Follow Up Date",
        ),
        kind="date",
    ),
    Field(
        "cadence",
        "Keep in touch every",
        (
            "Cadence",
            "Contact cadence",
            "Keep-in-touch cadence",
            "Contact every",
            "Touch every",
            "Touch base every",
            "Check in every",
            "Check-in frequency",
            "Follow up every",
            "Follow-up frequency",
            "Reach out every",
            "Frequency",
            "Contact frequency",
            "How often",
        ),
        kind="cadence",
        description="How often to keep in touch with this person: 45, 2 weeks, fortnightly, "
        "monthly, every 3 months, quarterly, twice a year... Overrides the category's cadence "
        "for this person only.",
    ),
    Field(
        "snooze_until",
        "Snooze until",
        (
            "Snoozed until",
            "Snooze",
            "Snooze till",
            "Snoozed till",
            "Snooze date",
            "Paused until",
            "Pause until",
            "On hold until",
            "Hold until",
            "Not before",
            "Do not contact until",
            "Don't contact until",
            "Wait until",
            "Resume on",
        ),
        kind="date",
        description="Until this day the person is left off the outreach list; from it, they "
        "are due again.",
    ),
    Field("added", "Added", ("Date Added", "Added On", "Created", "Connected On"), kind="date"),
    Field("status", "Status", ("Contact Status",), kind="status"),
    Field("linkedin", "LinkedIn", ("LinkedIn URL", "LinkedIn Profile", "Profile"), kind="link"),
    Field("website", "Website", ("URL", "Web", "Homepage"), kind="link"),
    Field("notes", "Notes", ("Note", "Comments", "Comment", "Remarks"), several=True),
)

INTERACTION_FIELDS: tuple[Field, ...] = (
    Field(
        "date",
        "Date",
        ("When", "Interaction Date", "Date of Contact", "Day"),
        kind="date",
        required=True,
    ),
    Field(
        "contact",
        "Contact",
        ("Name", "Person", "Who", "Contact Name", "With", "Full Name"),
        description="The contact's name (or email address), as in Contacts.",
    ),
    Field(
        "email",
        "Email",
        ("E-mail", "Email Address", "E-mail Address", "Contact Email"),
        kind="email",
        description="The contact's email; matched before the name.",
    ),
    Field("channel", "Channel", ("Medium", "Via", "How"), kind="channel"),
    Field(
        "type",
        "Type",
        (
            "Interaction",
            "Interaction Type",
            "Kind",
            "Activity",
            "Activity Type",
            "What",
            "What happened",
            "What we did",
        ),
        kind="type",
    ),
    Field("notes", "Notes", ("Note", "Comments", "Summary", "Details")),
    Field(
        "ref",
        "Imported ID",
        ("Import ID", "Source ID", "Imported From ID"),
        description="Filled by `netreport import calendar` and `import mail`: the meeting's "
        "or the message's own ID, so that importing a file again adds nothing.",
    ),
)

SETTINGS_FIELDS: tuple[Field, ...] = (
    Field("key", "Setting", ("Key", "Name", "Option", "Parameter"), required=True),
    Field("value", "Value", ("Setting Value",), required=True),
)


@dataclass(frozen=True)
class SheetSpec:
    """A kind of sheet: what it is called and which fields it holds."""

    kind: str
    title: str
    names: tuple[str, ...]
    fields: tuple[Field, ...]

    def field(self, key: str) -> Field:
        return next(f for f in self.fields if f.key == key)


CONTACTS = SheetSpec(
    "contacts", "Contacts", ("Contacts", "Contact List", "Network", "People"), CONTACT_FIELDS
)
INTERACTIONS = SheetSpec(
    "interactions",
    "Interactions",
    ("Interactions", "Interaction Log", "Log", "Activity", "History", "Touchpoints"),
    INTERACTION_FIELDS,
)
SETTINGS = SheetSpec(
    "settings",
    "Settings",
    ("Settings", "Config", "Configuration", "Preferences", "Options"),
    SETTINGS_FIELDS,
)

# What each kind of field holds. A kind decides how a cell is parsed and checked
# (check/validate.py), which drop-down and date format the starter workbook offers
# (starter.py), and what the docs' field tables say (docs/generate.py).
KINDS: tuple[str, ...] = (
    "text",
    "email",
    "link",
    "date",
    "yesno",
    "closeness",
    "category",
    "status",
    "channel",
    "type",
    "cadence",
)
# The words a drop-down offers, by kind; each choice kind's spellings are its accepted words.
KIND_CHOICES: dict[str, tuple[str, ...]] = {
    "yesno": ("Yes", "No"),
    "closeness": ("High", "Low"),
    "category": CATEGORIES,
    "status": STATUSES,
    "channel": CHANNELS,
    "type": INTERACTION_TYPES,
}
KIND_SPELLINGS: dict[str, dict[str, str]] = {
    "category": CATEGORY_SPELLINGS,
    "status": STATUS_SPELLINGS,
    "channel": CHANNEL_SPELLINGS,
    "type": TYPE_SPELLINGS,
}


# Category rules by relationship words. Checked in this order, first match wins, so
# "friend of a friend" is Cool before "friend" can make it Warm and "former colleague"
# is Luke-warm before "colleague" can make it Warm.
# Relationship words: how the owner's own words about a person are read (`check.relationship`).
# Each rule says what a phrase means; `check.relationship` applies them in this order of
# strength: a negation, then a person in common, then met-and-close or met-not-close words,
# then research words. Words of a go-between's phrase ("my aunt's neighbour") describe the
# go-between, not the contact, and are set aside before the rest is read.


class Meaning(StrEnum):
    """What a relationship phrase says about the owner and the person."""

    NOT_MET = "never met"
    NOT_CLOSE = "met, not close"
    NO_ONE_IN_COMMON = "no one in common"  # "no mutual connections"
    CLOSE = "close"  # close whatever else the words say: "close", "best friend", "like family"
    FAMILY_OR_FRIEND = "family or friend"  # "cousin", "roommate", "friend"
    KNOWN = "known"  # close unless words say otherwise: "coworker", "mentor", "manager"
    ACQUAINTED = "acquainted"  # met, not close: "acquaintance", "met once", "former colleague"
    MET = "met"  # met somewhere, closeness not said: "met at a conference", "church"
    IN_COMMON = "someone in common"  # "referral", "friend of a friend", "Ben's colleague"
    RESEARCHED = "found by research"  # "found on LinkedIn", "alumni directory"


# Family and friends: the domain says to tell them you are looking, whatever their field.
FAMILY_WORDS = (
    r"family|relatives?|cousins?|cuz|aunt(?:ie|y)?|uncle|sisters?|sis|brothers?|bro|siblings?|"
    r"parents?(?! (?:from|at|of))|mother|father|mom|mum|mam|dad|niece|nephew|grand\w*|spouse|"
    r"husband|hubby|wife|son|daughter|\w+-in-law|in-laws?|godmother|godfather|stepmother|"
    r"stepfather|stepbrother|stepsister"
)
FRIEND_WORDS = r"friends?|buddy|buddies|pal|roommate|room-mate|flatmate|housemate|bff|bestie"
# People the owner knows through work or study: close unless other words say otherwise.
PEER_WORDS = (
    r"co-?workers?|colleagues?|(?<!hiring )manager|mgr|boss|supervisor|mentor|mentee|"
    r"classmates?|teammates?|team-mates?|lab-?mates?|workmates?|partner|advisor|adviser|"
    r"professor|prof|teacher|intern|direct report|"
    r"worked (?:together|with)|work together|studied together|went to school together|"
    r"(?:yrs|years) at .{1,30}? together"
)
# Nouns that name a go-between's relation to the contact: "my aunt's <tennis partner>".
RELATION_NOUNS = (
    rf"(?:{FAMILY_WORDS}|{FRIEND_WORDS}|{PEER_WORDS}|neighbou?rs?|acquaintances?|contacts?|"
    r"connections?|clients?|recruiter|coach|doctor|dentist|landlord|pastor|boyfriend|"
    r"girlfriend|bf|gf|fianc[eé]e?|ex|mate|student|tutor|employee|referral|intro|"
    r"introduction|recommendation|sorority sister|fraternity brother)"
)
# Words before a relation noun that still name the same person: "my old manager".
RELATION_ADJECTIVES = r"(?:(?:old|former|ex-?|best|older|younger|little|big|step-?|career) )?"
FAMILY_FRIEND_WORDS = re.compile(rf"\b(?:{FAMILY_WORDS}|{FRIEND_WORDS})\b")
# Words that say the owner has met the person but is not close: they outrank a work tie
# ("former manager"), not a friend word.
_ACQUAINTED_WORDS = (
    r"acquaint|\bmet once\b|\bonce\b|briefly|in passing|a few times|"
    r"\b(?:former|ex-?|old|previous|past) (?:colleague|co-?worker|classmate|teammate|workmate|"
    r"client)s?|\bneighbou?rs?\b|\bsee (?:him|her|them) at\b|sat next to|"
    r"took (?:one|a|an) (?:class|course)|kids? (?:play|go)|parents? (?:from|at)|"
    r"dentist|doctor|hairdresser|barber|barista|landlord|trainer"
)
# Everyday words for having met, spoken with or seen someone, saying nothing of closeness.
_MET_WORDS = (
    r"\bmet\b|\btwice\b|several times|"
    r"conference(?! (?:speaker|attendee|website|list))|meet-?up|career fair|job fair|"
    r"networking event|\bevent\b|mixer|workshop|seminar|webinar|panel|hackathon|bootcamp|"
    r"\bgym\b|\bchurch\b|volunteer|coffee chat|lunch|dinner|"
    r"(?:had|over) (?:a |an )?(?:[\w-]+ ){0,2}?(?:coffee|lunch|call|chat|meeting)|"
    r"info(?:rmational)? interview|interviewed me|spoke (?:at|after|with|to)|chatted|"
    r"talked (?:on the phone|at|with|to)|(?:phone|video|zoom|teams) (?:call|chat|screen)"
    r"(?! (?:next|scheduled|planned|tomorrow|soon|set|booked|for \d))|video-chat|"
    r"introduced myself|played \w+ with|pastor|tutor"
)

RELATIONSHIP_PHRASES: tuple[tuple[Meaning, str], ...] = (
    (
        Meaning.NOT_MET,
        r"never (?:actually |really )?(?:met|spoken|talked|been introduced)|"
        r"(?:have ?n[o']?t|haven't|hasn't|has not|did ?n[o']?t|didn't|not|yet to|still to) "
        r"(?:\w+ )?(?:met|meet)|not (?:yet )?met|"
        r"only (?:e-?mailed|messaged|corresponded|emailed|written|connected online|"
        r"connected on linked ?in|dm'?e?d)|online only|no contact yet|not contacted yet|"
        r"(?:don't|do not) know (?:him|her|them)(?! (?:well|that well|very well))|"
        r"(?:a )?stranger",
    ),
    (
        Meaning.NOT_CLOSE,
        r"not (?:that |very |super |too |really |particularly )?close|barely know|"
        r"hardly know|(?:don't|do not) know (?:him|her|them) (?:well|that well|very well)|"
        r"did ?n[o']?t (?:really )?know (?:him|her|them)|lost touch|drifted apart|"
        r"out of touch|weak tie|loose tie|distant|casual(?:ly)?|not (?:really )?friends|"
        r"not (?:a |really a |my )?(?:friend|co-?worker|colleague)|not really|"
        r"just someone i know",
    ),
    (
        Meaning.NO_ONE_IN_COMMON,
        r"no (?:mutual|shared|common) (?:connections?|friends?|contacts?)|no one in common|"
        r"nobody in common|no connection",
    ),
    (
        Meaning.CLOSE,
        r"\bclose\b|closest|best friends?|good friends?|old friends?|family friend|\bbff\b|"
        r"bestie|known (?:\w+ )?(?:for )?(?:years|ages|forever|since)|like family|very close|"
        r"still (?:meet|texts?|talk|see)|every week|weekly|monthly",
    ),
    (Meaning.FAMILY_OR_FRIEND, rf"\b(?:{FAMILY_WORDS}|{FRIEND_WORDS})\b"),
    (Meaning.ACQUAINTED, _ACQUAINTED_WORDS),
    (Meaning.MET, _MET_WORDS),
    (Meaning.KNOWN, rf"\b(?:{PEER_WORDS})\b"),
    (
        Meaning.IN_COMMON,
        r"friend of (?:a )?friend|friend-of-a-friend|\bfof\b|friends? of friends?|referr|"
        r"referral|introduc(?!\w* myself)|\bintro\b|intro'?d|recommended|mutual|suggested|"
        r"put (?:me|us) in touch|connected (?:me|us)|(?:said|told me|says) to (?:call|contact|"
        r"e-?mail|write|reach out|get in touch)|warm intro",
    ),
    (
        Meaning.RESEARCHED,
        r"research|directory|website|web ?site|linked ?in|\bli\b|cold (?:e-?mail|"
        r"call|outreach|message)|found (?:on|online|via|through|her|him|them|in)|phone ?book|"
        r"member(?:ship)? list|members? directory|job board|company (?:site|page)|"
        r"online search|\bgoogled\b|google search|alumni|alumnus|alumna|\balum\b|association|"
        r"twitter|\bx\.com\b|github|article|podcast|blog|reached out to me|recruiter|"
        r"speaker list|attendee list|job post(?:ing)?|job ad|\bmember\b",
    ),
)
# Misspellings are read as the word they are one slip away from ("freind", "colleage").
RELATIONSHIP_VOCABULARY: tuple[str, ...] = (
    "friend", "colleague", "acquaintance", "neighbour", "neighbor", "coworker", "cousin",
    "manager", "mentor", "classmate", "roommate", "referral", "referred", "introduced",
    "directory", "research", "researched", "supervisor", "brother", "sister", "family",
    "relative", "teammate", "professor", "conference", "alumni", "website", "linkedin",
    "daughter", "nephew", "husband", "former",
)  # fmt: skip

# Short forms people type, read as the word they stand for.
RELATIONSHIP_SLANG: dict[str, str] = {
    "cuz": "cousin", "coz": "cousin", "bro": "brother", "sis": "sister", "mgr": "manager",
    "bf": "boyfriend", "gf": "girlfriend", "hubby": "husband",
}  # fmt: skip

# Go-between phrases: they name the person in common (`who`), whose relation to the contact
# the rest of the phrase gives ("my aunt's tennis partner": through my aunt). Those marked
# True say the go-between sent the owner ("Ben suggested I contact her").
# A name's letters after its first: an apostrophe only before a capital (O'Brien,
# D'Angelo), never the possessive of "Kate's colleague".
_NAME_REST = r"(?:[\w.-]|['\u2019](?=[A-Z]))*"
_WHO = rf"(?P<who>(?i:my|our) [\w-]+(?: [\w-]+)?|[A-Za-z]{_NAME_REST}(?: [A-Z]{_NAME_REST})?)"
GO_BETWEEN_PHRASES: tuple[tuple[str, bool], ...] = (
    # "my aunt's tennis partner", "Ben's colleague", "Dad's golf buddy", "Tom's referral"
    (rf"\b{_WHO}['\u2019]s (?i:(?:[\w-]+ ){{0,2}}?{RELATION_NOUNS})\b", False),
    # "friend of a friend (Jess)": the go-between named in brackets
    (
        rf"(?i:\b{RELATION_NOUNS} of (?:a|an|my|our) [\w-]+) \((?P<who>[A-Z][\w.-]*"
        r"(?: [A-Z][\w.-]*)?)\)",
        False,
    ),
    # "friend of my cousin", "a colleague of Ben's", "friend of a friend"
    (
        rf"(?i:\b{RELATION_NOUNS} of) (?P<who>(?i:my|our|a|an) [\w-]+|[A-Za-z][\w.-]*"
        r"(?: [A-Z][\w.-]*)?)(?:['\u2019]s)?",
        False,
    ),
    # "Ana introduced us", "Ben suggested I contact her", "Sam (my old roommate) referred me",
    # "Prof. Chen intro"
    (
        rf"\b{_WHO}(?: \([^)]*\))? (?i:introduced|intro'?d|intro\b|referred|recommended|connected|"
        r"suggested|said|told|put (?:me|us)|passed (?:on|along)|gave me|offered to intro\w*|"
        r"to intro\w*)\b",
        True,
    ),
    # "Tom says she's great", "Ben knows him well", "Priya used to work with her"
    (
        rf"\b{_WHO} (?i:says|mentioned|knows (?:him|her|them)|(?:used to )?work(?:s|ed)? with "
        r"(?:him|her|them))\b",
        False,
    ),
    # "introduced by Ana", "intro via Tom", "referral from my cousin", "Referred by: Priya"
    (
        r"(?i:\b(?:introduc\w*|intro'?d?|referr\w*|referral|recommend\w*|suggest\w*|connected|"
        rf"put in touch)(?: (?:to me|me|us|requested))?:? (?:by|from|via|through|thru):?) {_WHO}",
        True,
    ),
    # "mutual friend: Sarah", "mutual connection - Ben Lee"
    (
        r"(?i:\bmutual (?:friend|connection|contact|acquaintance)s?(?: is| was)?) ?[:,-]? ?"
        r"(?P<who>[A-Z][\w.-]*(?: [A-Z][\w.-]*)?)",
        False,
    ),
    # "through my sister", "via Priya" (a person, not a place or a website)
    (
        r"(?i:\b(?:via|through|thru)) (?P<who>(?i:my|our) [\w-]+(?: [\w-]+)?|[A-Z][\w.-]*"
        r"(?: [A-Z][\w.-]*)?)",
        False,
    ),
)

# Sheets that `report --write-back` adds to the user's workbook start with this; netreport
# replaces them on every write-back and never reads them as input.
REPORT_SHEET_PREFIX = "NR "
# The report workbook's sheets, in order; a write-back adds them with REPORT_SHEET_PREFIX.
REPORT_SHEETS: tuple[str, ...] = (
    "Summary",
    "Contacts",
    "Outreach",
    "Drafts",
    "Issues",
    "History",
)

# Words that look like a go-between's name in those phrases but are not a person.
NOT_A_GO_BETWEEN = frozenset(
    (
        "she",
        "he",
        "they",
        "it",
        "we",
        "i",
        "you",
        "who",
        "that",
        "this",
        "there",
        "what",
        "which",
        "someone",
        "somebody",
        "everyone",
        "anyone",
        "one",
        "a",
        "an",
        "the",
        "also",
        "just",
        "then",
        "and",
        "but",
        "or",
        "so",
        "was",
        "is",
        "has",
        "had",
        "been",
        "be",
        "never",
        "not",
        "her",
        "him",
        "them",
        "me",
        "us",
        "today",
        "let",
        "here",
        "people",
        "children",
        "women",
        "men",
        "master",
        "masters",
        "bachelor",
        "bachelors",
        "company",
        "year",
        "years",
        "month",
        "week",
        "work",
        "school",
        "college",
        "university",
        "church",
        "gym",
        "linkedin",
        "facebook",
        "twitter",
        "instagram",
        "meetup",
        "slack",
        "reddit",
        "discord",
        "handshake",
        "google",
        "indeed",
        "glassdoor",
        "github",
        "zoom",
        "email",
        "e-mail",
        "phone",
        "online",
        "website",
        "web",
        "internet",
        "alumni",
        "association",
        "club",
        "team",
        "office",
        "job",
        "conference",
        "event",
        "class",
        "program",
        "course",
        "recruiter",
        "hr",
    )
)
