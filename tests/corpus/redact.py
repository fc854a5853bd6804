"""Workbooks whose redacted copies (`report --redact`) must leak nothing (issue 15): an email
typed as a name, a phone number or an email typed as the person who introduced someone,
"Roe, Jane", names with zero-width or no-break spaces inside, contact details typed under
Company, Job Title and Field. Each check reads the redacted workbook (every XML part) and
page, and finds none of the secrets: an email's local part or domain, a phone number's digits,
a surname, a note, a link, the owner's surname."""

from __future__ import annotations

import datetime as dt
import html
import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

from corpus import case

ARGS = ["report", "w.xlsx", "-o", "out", "--redact", "--as-of", "2026-11-23"]
HEADERS = (
    "Name",
    "Email",
    "Phone",
    "Company",
    "Job Title",
    "Field",
    "How I know them",
    "Met?",
    "Introduced By",
    "Last Contact",
    "LinkedIn",
    "Notes",
    "Favourite coffee",
)
EMAIL = "jane.roe@mailbox-zq.test"
PHONE = "+44 7788 987789"
# Never anywhere in a redacted copy, case folded: substrings, then surnames as whole words.
SECRETS = (
    "jane.roe",
    "mailbox-zq.test",
    "7788",
    "987789",
    "Quillfeather",
    "jane-roe-9a",
    "college roommate",
    "Cortado Zanzibar",
    "kestrel.okafor",
    "5550142",
)
SURNAMES = ("Roe", "Okafor", "Avery")


def _workbook(folder: Path, rows: list[tuple[Any, ...]]) -> list[str]:
    book = openpyxl.Workbook()
    book.properties.creator = "corpus"
    book.properties.created = book.properties.modified = dt.datetime(2026, 1, 1)
    sheet = book.active
    assert sheet is not None
    sheet.title = "Contacts"
    sheet.append(HEADERS)
    for row in rows:
        sheet.append(list(row))
    log = book.create_sheet("Interactions")
    log.append(["Date", "Contact", "Type", "Notes"])
    log.append([dt.datetime(2026, 11, 20), "Roe, Jane", "Meeting", "Quillfeather was there"])
    settings = book.create_sheet("Settings")
    settings.append(["Setting", "Value"])
    settings.append(["Owner name", "Avery,\u00a0Jordan"])
    settings.append(["Target fields", "Finance"])
    book.save(folder / "w.xlsx")
    return list(ARGS)


def _private(name: Any, company: Any, referrer: Any, **more: Any) -> tuple[Any, ...]:
    cells = {
        "Name": name,
        "Email": EMAIL,
        "Phone": PHONE,
        "Company": company,
        "Job Title": "Analyst",
        "Field": "Finance",
        "How I know them": "college roommate",
        "Met?": "Yes",
        "Introduced By": referrer,
        "Last Contact": dt.datetime(2026, 6, 1),
        "LinkedIn": "https://www.linkedin.com/in/jane-roe-9a",
        "Notes": "Her sister Quillfeather is ill; call 555 0142",
        "Favourite coffee": "Cortado Zanzibar",
        **more,
    }
    return tuple(cells.get(h) for h in HEADERS)


def _redacted_text(folder: Path) -> dict[str, str]:
    """The redacted workbook's XML parts (tags dropped, escapes decoded) and the redacted
    page's source (entities decoded, the style sheet dropped), case folded."""
    out = folder / "out"
    (xlsx,) = out.glob("*-redacted.xlsx")
    (page,) = out.glob("*-redacted.html")
    with zipfile.ZipFile(xlsx) as archive:
        parts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith("xml")]
    book = html.unescape(re.sub(r"<[^>]*>", " ", "\n".join(parts)))
    book = re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), book)
    source = re.sub(r"<style>.*?</style>", " ", page.read_text("utf-8"), flags=re.DOTALL)
    texts = {"redacted xlsx": book, "redacted html": html.unescape(source)}
    return {k: " ".join(v.split()).casefold() for k, v in texts.items()}


def _no_secret(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    for where, text in _redacted_text(folder).items():
        for secret in SECRETS:
            assert secret.casefold() not in text, f"{secret!r} in the {where}"
        for surname in SURNAMES:
            found = re.search(rf"(?<!\w){surname.casefold()}(?!\w)", text)
            assert not found, f"{surname!r} in the {where}"
        assert "jane r." in text and "jordan a." in text, where


def _names_shown(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    _no_secret(folder, done)
    (xlsx,) = (folder / "out").glob("*-redacted.xlsx")
    rows = list(openpyxl.load_workbook(xlsx)["Contacts"].iter_rows(values_only=True))
    column = rows[0].index("Name"), rows[0].index("Introduced By")
    shown = [(r[column[0]], r[column[1]]) for r in rows[1:]]
    assert shown == [
        ("Jane R.", None),
        ("(contact 3)", "Jane R."),
        ("Jane R.", "(contact 3)"),
        ("Jane R.", "(not a name)"),
        ("Kestrel O.", "Jane R."),
    ], shown


@case("redact-leaky-names", check=_names_shown)
def leaky_names(folder: Path) -> list[str]:
    """The tester's rows: 'Roe, Jane'; an email as the name; an email and a phone number as
    the person who introduced them; zero-width and no-break spaces inside names."""
    return _workbook(
        folder,
        [
            _private("Roe, Jane", "Foxglove Apps", None),
            _private(EMAIL, "Foxglove Apps", "Roe, Jane"),
            _private("Jane\u200bRoe", "Juniper & Co.", EMAIL),
            _private("Jane\u00a0Roe", "Juniper & Co.", PHONE),
            _private(
                "Kestrel\u2060Okafor",
                "Foxglove Apps",
                "Jane\u202fRoe",
                Email="kestrel.okafor@mailbox-zq.test",
            ),
        ],
    )


@case("redact-contact-details-in-company", check=_no_secret)
def contact_details_in_company(folder: Path) -> list[str]:
    """Contact details typed under Company, Job Title and Field are left out, not shown."""
    return _workbook(
        folder,
        [
            _private("Jane Roe", EMAIL, PHONE, **{"Job Title": PHONE, "Field": EMAIL}),
            _private("Dr. Jane Roe", f"Acme (call {PHONE})", None, **{"Job Title": EMAIL}),
            _private("Jane Roe PhD", "https://acme.example/jane-roe-9a", "Roe, Jane"),
            _private("Kestrel Okafor", "kestrel.okafor@mailbox-zq.test", "Jane Roe"),
        ],
    )


def _unspaced_names(folder: Path, done: subprocess.CompletedProcess[str]) -> None:
    for where, text in _redacted_text(folder).items():
        for secret in ("小龍", "小龙", "민준", "太郎", "kestrel.okafor", "mailbox-zq.test"):
            assert secret not in text, f"{secret!r} in the {where}"
        assert not re.search(r"(?<!\w)(?:okafor|zo)(?!\w)", text), where
    (xlsx,) = (folder / "out").glob("*-redacted.xlsx")
    rows = list(openpyxl.load_workbook(xlsx)["Contacts"].iter_rows(values_only=True))
    column = rows[0].index("Name")
    assert [r[column] for r in rows[1:]] == ["李.", "김.", "山.", "Zoe O.", "Zoe O."]


@case("redact-unspaced-names", check=_unspaced_names)
def unspaced_names(folder: Path) -> list[str]:
    """Issue t11: '李小龍' (no spaces, surname first) was shown whole and 'Zo\u200be' as 'Zo':
    a CJK name is its first character alone, a zero-width character inside a word removed."""
    rows = [
        _private("李小龍", "Golden", "李 小龙", Email="li@mailbox-zq.test"),
        _private("김 민준", "Golden", "김민준", Email="kim@mailbox-zq.test"),
        _private("山田太郎", "Golden", None, Email="yamada@mailbox-zq.test"),
        _private(
            "Zo\u200be\u200b Okafor", "Umbrella", None, Email="kestrel.okafor@mailbox-zq.test"
        ),
        _private("Zo\ufeffe\u00a0Okafor", "Umbrella", "Zo\u2060e Okafor"),
    ]
    return _workbook(folder, rows)
