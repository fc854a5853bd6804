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
# Interaction types in which the owner spoke with or met the person.
MET_TYPES = frozenset({"Call", "Meeting", "Informational interview", "Shadowing"})

CLOSENESS_HIGH = frozenset({"high", "close", "strong", "veryclose", "h", "4", "5"})
CLOSENESS_LOW = frozenset(
    {"low", "medium", "med", "weak", "notclose", "some", "l", "m", "1", "2", "3", "unknown"}
)


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
    Field("company", "Company", ("Organisation", "Organization", "Employer", "Firm", "Org")),
    Field("title", "Job Title", ("Title", "Position", "Role")),
    Field("field", "Field", ("Industry", "Sector", "Profession", "Area")),
    Field(
        "relationship",
        "How I know them",
        ("Relationship", "Connection", "How we met", "Relation"),
        description="Relationship words decide the category: friend, cousin, coworker, "
        "acquaintance, referral, researched...",
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
        ("How close", "Strength", "Tie strength"),
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
        ("Last Contacted", "Last Contact Date", "Last Touch", "Last Spoke", "Last Interaction"),
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
    Field("added", "Added", ("Date Added", "Added On", "Created"), kind="date"),
    Field("status", "Status", ("Contact Status",), kind="status"),
    Field("linkedin", "LinkedIn", ("LinkedIn URL", "LinkedIn Profile", "Profile"), kind="link"),
    Field("website", "Website", ("URL", "Web", "Homepage"), kind="link"),
    Field("notes", "Notes", ("Note", "Comments", "Comment", "Remarks")),
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
        "type", "Type", ("Interaction", "Interaction Type", "Kind", "Activity", "What"), kind="type"
    ),
    Field("notes", "Notes", ("Note", "Comments", "Summary", "Details")),
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
RELATIONSHIP_WORDS: tuple[tuple[str, str], ...] = (
    (
        "Cool",
        r"friend of a friend|friend'?s friend|friends? of (?:my|a) |referr|referred|"
        r"introduc|recommended by|mutual|suggested by|cousin'?s friend|"
        r"(?:said|told me) to (?:call|contact|e-?mail|write to|reach out)",
    ),
    (
        "Cold",
        r"research|directory|website|web site|linkedin search|cold (?:e-?mail|call)|"
        r"found (?:on|online|via|through)|phone ?book|member list|job board|"
        r"company site|online search",
    ),
    (
        "Luke-warm",
        r"acquaint|met (?:at|once|briefly)|neighbou?r|former|ex-|old colleague|"
        r"not close|seen (?:at|often)|conference|event",
    ),
    (
        "Warm",
        r"friend|family|relative|cousin|aunt|uncle|sister|brother|parent|mother|father|"
        r"mom|mum|dad|niece|nephew|grand|spouse|partner|in-law|coworker|co-worker|"
        r"colleague|manager|boss|mentor|classmate|teammate|roommate|flatmate|close",
    ),
)

# Friends and family: the domain says to tell them you are looking, whatever their field.
FAMILY_FRIEND_WORDS = re.compile(
    r"friend|family|relative|cousin|aunt|uncle|sister|brother|parent|mother|father|mom|mum|dad|"
    r"niece|nephew|grand|spouse|partner|in-law|roommate|flatmate"
)

# Sheets that `report --write-back` adds to the user's workbook start with this; netreport
# replaces them on every write-back and never reads them as input.
REPORT_SHEET_PREFIX = "NR "
# The report workbook's sheets, in order; a write-back adds them with REPORT_SHEET_PREFIX.
REPORT_SHEETS: tuple[str, ...] = ("Summary", "Contacts", "Outreach", "Issues", "History")
