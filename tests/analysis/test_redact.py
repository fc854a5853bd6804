"""`report --redact` leaks nothing: the redacted copies are built by allow-list (issue 15).

Hand-worked cases first (how a name, a company, a whole row is shown), then a property test:
workbooks whose every field holds adversarial text (emails, phone numbers in many formats,
"Last, First", zero-width characters inside and between words, no-break and other spaces,
titles, suffixes, single names, emoji, right-to-left text, Chinese, Japanese and Korean
names) run through the real pipeline (`run_report(..., redact=True)`), and no secret (an
email's local part or domain, a phone number's digits, a surname, a note, a link, an extra
column, a CJK name's given name) is anywhere in the redacted workbook or page.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from support.paths import SAMPLES

from netreport.analysis import analyze
from netreport.analysis.redact import NOT_A_NAME, redacted, shareable
from netreport.check import check_workbook
from netreport.identity import name_parts, plain_text, short_name, surname_initial
from netreport.run import run_report

AS_OF = dt.date(2026, 11, 23)
HEADERS = [
    "Name",
    "Email",
    "Phone",
    "Company",
    "Job Title",
    "Field",
    "How I know them",
    "Met?",
    "Introduced By",
    "Where found",
    "Last Contact",
    "LinkedIn",
    "Notes",
    "Favourite coffee",  # a column of the owner's own
]


# ---- 1. names and companies, worked by hand -------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Jane Roe", "Jane R."),
        ("Roe, Jane", "Jane R."),
        ("Roe,Jane", "Jane R."),
        ("ROE, JANE", "JANE R."),
        ("Dr. Jane Roe", "Jane R."),
        ("Jane Roe, PhD", "Jane R."),
        ("Jane Q. Roe Jr.", "Jane R."),
        ('Jane "JJ" Roe', "Jane R."),
        ("Jane\u200bRoe", "Jane R."),  # a zero-width space, removed: JaneRoe, cut at the case
        ("Jane\u00a0Roe", "Jane R."),  # a no-break space
        ("Jane\u2007Roe", "Jane R."),  # a figure space
        ("Jane\u202fRoe", "Jane R."),  # a narrow no-break space
        ("Jane\u3000Roe", "Jane R."),  # an ideographic space
        ("Jane\u2060Roe", "Jane R."),  # a word joiner
        ("Jane\u034fRoe", "Jane R."),  # a combining grapheme joiner (not a format character)
        # Zero-width characters inside a word are removed, never made a space (issue t11).
        ("Zo\u200be Lee", "Zoe L."),
        ("Zo\u200ce Lee", "Zoe L."),  # a zero-width non-joiner
        ("Zo\u200de Lee", "Zoe L."),  # a zero-width joiner, no emoji on either side
        ("Zo\u2060e Lee", "Zoe L."),
        ("Zo\ufeffe Lee", "Zoe L."),  # a byte-order mark
        ("Zo\u00ade Lee", "Zoe L."),  # a soft hyphen
        ("Zo\u200be\u200b Quistgaard-Nakamura", "Zoe Q."),  # the tester's row
        ("Ann Le\u200be", "Ann L."),
        ("Zo\u200be", "Z."),  # parted as typed: perhaps given name and surname, so its initial
        ("Jane\u200bرو", "J."),  # no case to cut it at
        ("جين\u200bرو", "ج."),
        ("Jane 👩\u200d💻 Roe", "Jane R."),  # a joiner inside an emoji sequence, dropped with it
        ("\u200fJane Roe\u200f", "Jane R."),  # right-to-left marks
        ("\uff2a\uff41\uff4e\uff45 \uff32\uff4f\uff45", "Jane R."),  # full-width letters
        ("JaneRoe", "Jane R."),  # two words run together
        ("Jane 🌟 Roe", "Jane R."),
        ("Dr. Roe", "Dr. R."),
        ("J. Roe", "J. R."),  # an initial is shown, the surname is not
        ("جين رو", "جين ر."),
        ("Ann", "Ann"),  # a single name is a given name
        # Scripts written without spaces: the first character (the surname's) and nothing more.
        ("李小龍", "李."),
        ("李 小龍", "李."),
        ("李\u3000小龍", "李."),
        ("李\u200b小龍", "李."),
        ("李, 小龍", "李."),
        ("Dr. 李小龍", "李."),
        ("王芳", "王."),
        ("王 芳", "王."),
        ("김민준", "김."),
        ("김 민준", "김."),
        ("山田太郎", "山."),
        ("やまだ たろう", "や."),
        ("ヤマダタロウ", "ヤ."),
        ("ﾔﾏﾀﾞ", "ヤ."),  # half-width katakana, made full-width
        ("สมชาย ใจดี", "ส."),  # Thai: the given name's first character, no more
        ("Ann 李", "A."),
        ("Yamada Taro", "Yamada T."),  # Latin letters: read as any other name
        ("jane.roe@example.com", None),
        ("mailto:jane.roe@example.com", None),
        ("+1 (555) 010-7788", None),
        ("07700 900123", None),
        ("Jane Roe 2", None),  # digits are no name
        ("https://www.linkedin.com/in/jane-roe", None),
        ("linkedin.com/in/jane-roe", None),
        ("😀", None),
        ("", None),
        (None, None),
    ],
)
def test_short_name_is_made_of_the_parsed_given_name_and_initial(
    typed: object, shown: str | None
) -> None:
    assert short_name(typed) == shown


def test_surname_initial_and_plain_text() -> None:
    assert surname_initial("Roe") == surname_initial("\u200bRoe") == "R."
    assert surname_initial("roe@example.com") is None
    assert surname_initial("李") == surname_initial("김") == ""  # left out: all of it
    assert plain_text("Acme\u00a0\u200bAnalytics\t Ltd") == "Acme Analytics Ltd"
    assert plain_text("Zo\u200be\u200c\u200d\u2060\ufeff Lee") == "Zoe Lee"
    assert plain_text("a\u00a0b\u2007c\u202fd\u3000e\u2028f") == "a b c d e f"
    assert plain_text("Dev 👩\u200d💻 Co") == "Dev 👩\u200d💻 Co"  # an emoji sequence stays
    assert plain_text("❤\ufe0f Co") == "❤\ufe0f Co"
    assert plain_text(float("nan")) == plain_text(None) == ""


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("李小龍", ("", "李小龍")),  # the surname first; where it ends is unknown
        ("김 민준", ("민준", "김")),
        ("李, 小龍", ("小龍", "李")),
        ("Dr. 李小龍", ("", "李小龍")),
        ("Zo\u200be", ("", "Zoe")),
        ("Zo\u200be Lee", ("Zoe", "Lee")),
        ("Yamada Taro", ("Yamada", "Taro")),
    ],
)
def test_name_parts_of_names_without_spaces(typed: str, parts: tuple[str, str]) -> None:
    assert name_parts(typed) == parts


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Foxglove Apps", "Foxglove Apps"),
        ("Juniper\u00a0& Co.", "Juniper & Co."),
        ("Booking.com", "Booking.com"),  # a company's bare domain is its name
        ("3M", "3M"),
        ("jane.roe@example.com", None),
        ("Acme (call +44 7700 900123)", None),
        ("https://acme.example/people/jane-roe", None),
        ("www.janeroe.example", None),
        ("  ", None),
    ],
)
def test_company_is_kept_unless_it_holds_contact_details(typed: str, shown: str | None) -> None:
    assert shareable(typed) == shown


# ---- the pipeline, on a workbook written here ------------------------------------------------


@dataclass
class Person:
    """One contact row, and what of it must never reach a redacted copy."""

    cells: dict[str, Any]
    secrets: list[str] = field(default_factory=list)  # never a substring (case folded)
    surnames: list[str] = field(default_factory=list)  # never a whole word
    digits: list[str] = field(default_factory=list)  # phone digit runs of four or more


def write(folder: Path, people: list[Person], owner: str, log: list[list[Any]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Contacts"
    sheet.append(HEADERS)
    for person in people:
        sheet.append([person.cells.get(h) for h in HEADERS])
    interactions = book.create_sheet("Interactions")
    interactions.append(["Date", "Contact", "Type", "Notes"])
    for row in log:
        interactions.append(row)
    settings_sheet = book.create_sheet("Settings")
    settings_sheet.append(["Setting", "Value"])
    settings_sheet.append(["Owner name", owner])
    settings_sheet.append(["Target fields", "Finance, Data Science"])
    path = folder / "w.xlsx"
    book.save(path)
    return path


@dataclass(frozen=True)
class Shared:
    """The redacted copies of one run, as text to search, and the redacted Contacts sheet."""

    texts: dict[str, str]
    contacts: list[dict[str, Any]]


def xlsx_text(path: Path) -> str:
    """The text of every XML part of a workbook (cells, shared strings, tables, document
    properties), tags dropped, XML and OOXML (_xHHHH_) escapes decoded."""
    with zipfile.ZipFile(path) as archive:
        parts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith("xml")]
    text = html.unescape(re.sub(r"<[^>]*>", " ", "\n".join(parts)))
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def redacted_run(workbook: Path, out: Path) -> Shared:
    run = run_report(workbook, out, redact=True, as_of=AS_OF)
    xlsx, page = run.written["xlsx-redacted"], run.written["html-redacted"]
    grid = CalamineWorkbook.from_path(str(xlsx)).get_sheet_by_name("Contacts").to_python()
    contacts = [{str(k): v for k, v in zip(grid[0], row, strict=False)} for row in grid[1:]]
    source = page.read_text(encoding="utf-8")
    source = re.sub(r"<style>.*?</style>", " ", source, flags=re.DOTALL)  # the style sheet
    texts = {"xlsx": xlsx_text(xlsx), "html": html.unescape(source)}
    return Shared({k: " ".join(v.split()).casefold() for k, v in texts.items()}, contacts)


def leaks(shared: Shared, people: list[Person]) -> list[str]:
    """Every secret of `people` found in the redacted copies, with where."""
    found = []
    for where, text in shared.texts.items():
        for person in people:
            for secret in person.secrets:
                if " ".join(secret.split()).casefold() in text:
                    found.append(f"{secret!r} in the {where}")
            for surname in person.surnames:
                if re.search(rf"(?<!\w){re.escape(surname.casefold())}(?!\w)", text):
                    found.append(f"surname {surname!r} in the {where}")
            for run in person.digits:
                if run in text:
                    found.append(f"phone digits {run!r} in the {where}")
    return found


def test_the_testers_rows_are_redacted_by_hand_worked_values(tmp_path: Path) -> None:
    """Issue 15's rows: each name as worked out by hand, and none of the secrets anywhere."""
    rows = [
        ("Roe, Jane", "Jane R."),
        ("jane.roe@example.com", "(contact 3)"),
        ("Jane\u200bRoe", "Jane R."),
        ("Jane\u00a0Roe", "Jane R."),
        ("+44 7788 987789", "(contact 6)"),
    ]
    people = [
        Person(
            {
                "Name": name,
                "Email": "jane.roe@example.com",
                "Phone": "+44 7788 987789",
                "Company": company,
                "Field": "Finance",
                "Introduced By": referrer,
                "Notes": "Secret note: her sister Quillfeather is ill",
                "LinkedIn": "https://www.linkedin.com/in/jane-roe-9a",
                "How I know them": "college roommate",
                "Favourite coffee": "Cortado Zanzibar",
            },
            secrets=[
                "jane.roe",
                "example.com",
                "Secret note",
                "Quillfeather",
                "jane-roe-9a",
                "college roommate",
                "Cortado Zanzibar",
            ],
            surnames=["Roe"],
            digits=["7788", "987789"],
        )
        for (name, _), company, referrer in zip(
            rows,
            ["Foxglove Apps", "jane.roe@example.com", "Juniper\u00a0& Co.", "+44 7788 987789", ""],
            ["", "Roe, Jane", "jane.roe@example.com", "+44 7788 987789", "Jane\u200bRoe"],
            strict=True,
        )
    ]
    shared = redacted_run(write(tmp_path, people, "Jordan Avery", []), tmp_path / "out")
    assert leaks(shared, people) == []
    assert [r["Name"] for r in shared.contacts] == [shown for _, shown in rows]
    assert [r["Introduced By"] for r in shared.contacts] == [
        "",
        "Jane R.",
        "(contact 3)",  # the email is the name typed on row 3
        "(contact 6)",
        "Jane R.",
    ]
    assert [r["Company"] for r in shared.contacts] == [
        "Foxglove Apps",
        "",  # contact details, left out
        "Juniper & Co.",
        "",
        "",
    ]
    assert "avery" not in shared.texts["html"] and "jordan a." in shared.texts["html"]
    assert "Email" not in shared.contacts[0] and "Notes" not in shared.contacts[0]


def test_names_without_spaces_show_one_character_and_never_a_whole_pair(tmp_path: Path) -> None:
    """Issue t11: '李小龍' was shown whole. Typed in one Name column or in First Name and Last
    Name columns, a CJK name shows its first character at most, in no sheet beside another
    part; a zero-width character inside a word no longer cuts it ('Zo\u200be' was 'Zo')."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Contacts"
    sheet.append(["First Name", "Last Name", "Email", "Company", "Introduced By"])
    sheet.append(["芳", "王", "fang@mailbox-zq.test", "Golden", "李小龍"])
    sheet.append(["Ann", "李", "ann@mailbox-zq.test", "Golden", "김 민준"])
    sheet.append(["Zo\u200be", "Le\u200be", "zoe@mailbox-zq.test", "Umbrella", "王芳"])
    sheet.append(["민준", "김", "mj@mailbox-zq.test", "Umbrella", None])
    shared = redacted_run(write_book(tmp_path, book), tmp_path / "out")
    shown = [(r["First Name"], r["Last Name"], r["Introduced By"]) for r in shared.contacts]
    assert shown == [
        ("…", "…", "李."),
        ("…", "…", "김."),  # her name is shown as "李.": no given name beside it
        ("…", "L.", "王."),  # one word parted as typed: perhaps a whole name, left out
        ("…", "…", ""),
    ]
    for where, text in shared.texts.items():
        for secret in ("芳", "小龍", "민준", "zo e", "zo l."):
            assert secret not in text, f"{secret!r} in the {where}"
        assert not re.search(r"(?<!\w)ann(?!\w)", text), f"'Ann' in the {where}"


def write_book(folder: Path, book: openpyxl.Workbook) -> Path:
    path = folder / "w.xlsx"
    book.save(path)
    return path


# ---- 2. every field adversarial: a property test -------------------------------------------

GIVEN = ("Jane", "Ann", "Zoë", "José", "Mary-Kate", "Ngozi", "Sven", "Aiko", "جين")
SURNAMES = ("Roe", "Quixley", "Vandermolen", "O'Brannagh", "Núñez", "Wójcik", "Østergaard", "رو")
# Chinese, Japanese and Korean names as (surname, given name): shown as the surname's first
# character alone; the given name is never anywhere in a redacted copy.
CJK = (("李", "小龍"), ("王", "芳"), ("김", "민준"), ("山田", "太郎"), ("やまだ", "はなこ"))
FORMS = (  # how a name is typed; {g} given name, {s} surname
    "{g} {s}",
    "{s}, {g}",
    "{s} ,{g}",
    "Dr. {g} {s}",
    "{g} {s} Jr.",
    "{g} {s}, PhD",
    "{g} Q. {s}",
    "{g} (JJ) {s}",
    "{g}\u200b{s}",
    "{g}\u200c{s}",
    "{g}\ufeff{s}",
    "{g}\u2060{s}",
    "{gz} {s}",  # a zero-width space inside the given name
    "{g} {sz}",  # and inside the surname
    "{g}\u00a0{s}",
    "{g}\u2007{s}",
    "{g}\u202f{s}",
    "{g}\u3000{s}",
    "\u200f{g} {s}\u200f",
    "\u202e{g} {s}\u202c",
    "  {g}\t{s} ",
    "{g} {s} 🌟",
    "{G} {S}",
)
CJK_FORMS = (  # surname first, as these names are written
    "{s}{g}",
    "{s} {g}",
    "{s}\u3000{g}",
    "{s}\u200b{g}",
    "{s}, {g}",
    "Dr. {s}{g}",
    "\u200f{s}{g}\u200f",
    "{s}\u00a0{g} 🌟",
)
JOINERS = ("\u200b", "\u200c", "\ufeff", "\u2060")  # removed: the two words become one


def shown_as(form: str, g: str, s: str, cjk: bool) -> str:
    """How a name typed in `form` is shown, worked out by hand: given name and surname
    initial; the surname's first character alone for CJK; for two words an invisible
    character joined, cut where a lower-case letter meets a capital, else the initial."""
    if cjk:
        return f"{s[0]}."
    if "{G}" in form:
        return f"{g.upper()} {s.upper()[0]}."
    joined = any(j in form for j in JOINERS) and "{gz}" not in form
    if joined and not (g[-1].islower() and s[0].isupper()):
        return f"{g[0]}."
    return f"{g} {s[0]}."


DOMAINS = ("mailbox-zq.test", "corp-xv.example", "inbox-kw.org")
COMPANIES = ("Foxglove Apps", "Juniper\u00a0& Co.", "Café Zürich", "Booking.com", "3M")
TOKENS = ("zebrafinch", "quokkamoon", "tapirglow", "wombatrye", "okapifern", "lemurdusk")
PHONE_FORMS = (
    "+44 {a} {b}",
    "({a}) {b}-{c}",
    "{a}.{b}.{c}",
    "{a}-{b} ext. 78",
    "tel:+1{a}{b}{c}",
    "0{a} {b}{c}",
)


@st.composite
def phones(draw: st.DrawFn) -> tuple[object, list[str]]:
    """A phone number in one of many formats (or typed as a number), and its digit runs of
    four or more. Only the digits 7, 8 and 9: no date, serial or count is made of them."""
    group = st.text("789", min_size=3, max_size=4)
    a, b, c = draw(group), draw(group), draw(group)
    if draw(st.booleans()):
        number = int(a + b + c)
        return number, [str(number)]
    text = draw(st.sampled_from(PHONE_FORMS)).format(a=a, b=b, c=c)
    return text, [run for run in re.findall(r"\d+", text) if len(run) >= 4]


@st.composite
def people(draw: st.DrawFn) -> tuple[list[Person], list[str], str]:
    """Two to five contacts (every field adversarial), the names expected in the redacted
    Contacts sheet, and the owner's name."""
    count = draw(st.integers(2, 5))
    names = [draw(_name()) for _ in range(count)]
    expected: list[str] = []
    found: list[Person] = []
    contact_details: list[tuple[str, object, list[str]]] = []
    for g, s, _ in names:
        token = draw(st.sampled_from(TOKENS))
        local = draw(st.sampled_from(("{g}.{s}", "{s}_{g}", "{s}.{t}")))
        local = local.format(g=_ascii(g), s=_ascii(s), t=token)
        email = f"{local}@{draw(st.sampled_from(DOMAINS))}"
        phone, runs = draw(phones())
        contact_details.append((email, phone, runs))
    for row, ((g, s, cjk), (email, phone, runs)) in enumerate(
        zip(names, contact_details, strict=True), start=2
    ):
        kind = draw(st.sampled_from(("name", "name", "name", "single", "email", "phone")))
        if kind == "name" or (kind == "single" and cjk):
            form = draw(st.sampled_from(CJK_FORMS if cjk else FORMS))
            name: object = _typed(form, g, s)
            expected.append(shown_as(form, g, s, cjk))
        elif kind == "single":
            name = g
            expected.append(g)
        else:
            # a number where the name goes is a totals row, skipped: the phone is typed as text
            name = email if kind == "email" else f"+{phone}" if isinstance(phone, int) else phone
            expected.append(f"(contact {row})")
        other_email, other_phone, _ = draw(st.sampled_from(contact_details))
        referrer: object = draw(st.sampled_from((None, other_email, other_phone, "a name")))
        if referrer == "a name":
            rg, rs, rcjk = draw(st.sampled_from(names))
            forms = ("{s}{g}", "{s}\u200b{g}", "{s}, {g}") if rcjk else FORMS
            referrer = _typed(draw(st.sampled_from(forms)), rg, rs)
        note = draw(st.sampled_from(TOKENS))
        cells = {
            "Name": name,
            "Email": email,
            "Phone": phone,
            "Company": draw(st.sampled_from((*COMPANIES, email, phone, f"Acme (call {phone})"))),
            "Job Title": draw(st.sampled_from(("Engineer", email, f"Assistant, {phone}"))),
            "Field": draw(st.sampled_from(("Finance", "Data Science", "Retail", email))),
            "How I know them": draw(
                st.sampled_from(
                    ("friend", f"college roommate of {g} {s}", f"referred by {g} {s}", None)
                )
            ),
            "Met?": draw(st.sampled_from(("Yes", "No", None))),
            "Introduced By": referrer,
            "Where found": draw(st.sampled_from((None, f"{s} family website {note}mark"))),
            "Last Contact": draw(
                st.sampled_from((None, dt.datetime(2026, 11, 20), dt.datetime(2025, 6, 2)))
            ),
            "LinkedIn": f"https://www.linkedin.com/in/{_ascii(g)}-{_ascii(s)}-{note}",
            "Notes": f"Private: {g} {s} said call {phone}, or mail {email} ({note}note)",
            "Favourite coffee": f"{note}brew at {email}",
        }
        local_part, domain = email.split("@")
        found.append(
            Person(
                cells,
                secrets=[
                    local_part,
                    domain,
                    str(cells["Notes"]),
                    f"{note}note",
                    f"{note}mark",
                    f"{note}brew",
                    note,
                    *_cjk_secrets(g, s, cjk),
                ],
                surnames=[] if cjk else [s],
                digits=runs,
            )
        )
    og, os_, ocjk = draw(_name())
    found.append(Person({}, secrets=_cjk_secrets(og, os_, ocjk), surnames=[] if ocjk else [os_]))
    owner = draw(st.sampled_from(("{s}{g}", "{s} {g}") if ocjk else ("{g} {s}", "{s}, {g}")))
    return found, expected, owner.format(g=og, s=os_)


@st.composite
def _name(draw: st.DrawFn) -> tuple[str, str, bool]:
    """A given name, a surname and whether it is a Chinese, Japanese or Korean name."""
    if draw(st.integers(0, 3)) == 0:
        s, g = draw(st.sampled_from(CJK))
        return g, s, True
    return draw(st.sampled_from(GIVEN)), draw(st.sampled_from(SURNAMES)), False


def _typed(form: str, g: str, s: str) -> str:
    return form.format(
        g=g, s=s, G=g.upper(), S=s.upper(), gz=f"{g[:2]}\u200b{g[2:]}", sz=f"{s[:2]}\u200b{s[2:]}"
    )


def _cjk_secrets(g: str, s: str, cjk: bool) -> list[str]:
    """A CJK name's given name, and its surname but the first character: never shown."""
    return [g, *([s] if len(s) > 1 else [])] if cjk else []


def _ascii(text: str) -> str:
    from anyascii import anyascii

    return re.sub(r"[^a-z]", "", anyascii(text).lower()) or "x"


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(people())
def test_no_secret_of_any_field_reaches_the_redacted_copies(
    case: tuple[list[Person], list[str], str],
) -> None:
    found, expected, owner = case
    rows = [p for p in found if p.cells]
    with TemporaryDirectory() as folder:
        base = Path(folder)
        log = [[dt.datetime(2026, 11, 20), rows[0].cells["Name"], "Meeting", "Secret tapirglow"]]
        shared = redacted_run(write(base, rows, owner, log), base / "out")
    assert leaks(shared, found) == []
    assert [r["Name"] for r in shared.contacts] == expected
    # Nothing of the owner's own columns or contact details is in the Contacts sheet.
    assert set(shared.contacts[0]).isdisjoint(
        {
            "Email",
            "Phone",
            "LinkedIn",
            "Notes",
            "How I know them",
            "Where found",
            "Favourite coffee",
        }
    )
    for row in shared.contacts:
        assert row["Company"] in {"", *(plain_text(c) for c in COMPANIES)}
        assert row["Introduced By"] == "" or re.fullmatch(
            r"(?:\S+ )?\S\.|\(contact \d+\)|" + re.escape(NOT_A_NAME), str(row["Introduced By"])
        ), row


# ---- 3. the reasons netreport wrote stay, the owner's words in them do not -------------------


@pytest.mark.parametrize("sample", ["network.xlsx", "messy.xlsx"])
def test_every_reason_of_the_samples_is_kept_with_the_person_in_common_shortened(
    sample: str,
) -> None:
    """A reason is kept only when it is one `categorize` writes: if its wording changes, the
    copy shows the category alone, and this test says so."""
    analysis = analyze(check_workbook(SAMPLES / sample, as_of=AS_OF))
    full, shared = analysis.contacts, redacted(analysis).contacts
    assert (shared["reason"] != shared["category"]).all()
    for reason, quote, referrer in zip(
        shared["reason"], full["quote"], full["referrer"], strict=True
    ):
        assert not (isinstance(quote, str) and quote and f"({quote})" in reason), reason
        if isinstance(referrer, str) and referrer in str(reason):
            raise AssertionError(reason)


def test_a_reason_holding_anything_else_is_shown_as_its_category() -> None:
    analysis = analyze(check_workbook(SAMPLES / "network.xlsx", as_of=AS_OF))
    row = analysis.contacts.index[0]
    analysis.contacts.loc[row, "reason"] = "Warm: you know them well; call 555 0142"
    shown = redacted(analysis).contacts.at[row, "reason"]
    assert str(shown) == str(analysis.contacts.at[row, "category"])
