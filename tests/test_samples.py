"""The sample workbooks: the committed files match their generator, network.xlsx is a clean,
realistic network, and messy.xlsx shows every rule at work."""

from __future__ import annotations

import datetime as dt
import importlib.util
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest
from support.paths import ROOT

from netreport import check_workbook
from netreport.issues import MESSAGES
from netreport.schema import CATEGORIES

SAMPLES = ROOT / "sample_workbooks"
AS_OF = dt.date(2026, 11, 23)

# Every code messy.xlsx must show. Not shown: missing-sheet (it has a contacts sheet) and
# missing-column (a sheet without its required column would hide that column's own rules).
MESSY_CODES = {
    "not-a-contact",
    "example-row",
    "month-only-date",
    "date-without-year",
    "relative-date",
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
}
# Shown by their own tests instead: they would hide messy.xlsx's other rules.
NOT_SHOWN = {
    "missing-sheet",
    "missing-column",
    "column-read-as-relationship",
    "column-not-dates",
    "no-relationship-column",
    # Damage a hand-kept sample does not hold; tests/read/test_real_files.py makes each.
    "stray-cell",
    "error-value",
    "merged-cells",
    # A CSV's encoding; the hand-kept samples are workbooks. tests/read/test_encodings.py.
    "text-encoding",
}


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES / "make_samples.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples")
    assert load_generator().main([str(out)]) == 0
    return out


def issue_keys(path: Path) -> list[tuple[object, ...]]:
    checked = check_workbook(path, as_of=AS_OF)
    return [(i.code, i.sheet, i.row, i.column, i.value) for i in checked.issues]


@pytest.mark.parametrize("name", ["network.xlsx", "messy.xlsx"])
def test_committed_sample_matches_its_generator(regenerated: Path, name: str) -> None:
    committed, fresh = SAMPLES / name, regenerated / name
    assert committed.is_file(), f"run: python sample_workbooks/make_samples.py ({name})"
    assert issue_keys(fresh) == issue_keys(committed)
    old, new = check_workbook(committed, as_of=AS_OF), check_workbook(fresh, as_of=AS_OF)
    assert new.category_counts() == old.category_counts()
    assert len(new.interactions) == len(old.interactions)
    pd.testing.assert_frame_equal(new.contacts, old.contacts)


@pytest.mark.parametrize("name", ["network.xlsx", "messy.xlsx"])
def test_generator_is_byte_for_byte_deterministic(
    regenerated: Path, tmp_path: Path, name: str
) -> None:
    # Same seed, same fixed dates, pinned zip and document timestamps: the same bytes, so
    # regenerating the samples commits no noise (as long as openpyxl's version is the same).
    load_generator().main([str(tmp_path)])
    assert (tmp_path / name).read_bytes() == (regenerated / name).read_bytes()


def test_network_is_a_clean_realistic_network() -> None:
    checked = check_workbook(SAMPLES / "network.xlsx", as_of=AS_OF)
    assert checked.issues == []
    assert len(checked.contacts) >= 80
    assert len(checked.interactions) >= 150
    counts = checked.category_counts()
    assert all(counts[c] > 0 for c in CATEGORIES), counts
    assert checked.contacts["field"].nunique() >= 5
    assert {"Finance", "Data Science"} <= set(checked.contacts["field"])
    # The Settings sheet was read.
    assert checked.settings.owner == "Jordan Avery"
    assert checked.settings.target_fields == ("Finance", "Data Science")
    # Every interaction names a known contact, and nothing is dated after the data's "today".
    assert checked.interactions["contact_row"].notna().all()
    assert checked.interactions["date"].max() <= pd.Timestamp(AS_OF)
    assert checked.contacts["last_contact"].max() <= pd.Timestamp(AS_OF)


def test_network_is_clean_on_any_later_day() -> None:
    checked = check_workbook(SAMPLES / "network.xlsx", as_of=AS_OF + dt.timedelta(days=400))
    assert checked.issues == []


def test_network_shows_the_domain() -> None:
    checked = check_workbook(SAMPLES / "network.xlsx", as_of=AS_OF)
    people = checked.contacts
    cool = people[people["category"].eq("Cool")]
    assert cool["referrer"].notna().all()
    assert set(cool["referrer"]) <= set(people["name"]), "referrers are contacts too"
    cold = people[people["category"].eq("Cold")]
    assert cold["source"].notna().all()
    # Cool contacts the owner has since spoken with are Luke-warm now.
    assert people["reason"].str.contains("you have since spoken").sum() >= 3
    assert {"Do not contact", "Paused"} <= set(people["status"])
    typed = people[people["category_typed"].notna()]
    assert len(typed) >= 4
    assert (typed["category_typed"] == typed["category"]).all()
    assert people["last_contact"].isna().any(), "some contacts were never contacted"
    emails = people["email"].dropna()
    assert emails.str.fullmatch(r"[a-z.\-]+@example\.(?:com|org|net)").all()


def test_messy_shows_every_rule() -> None:
    checked = check_workbook(SAMPLES / "messy.xlsx", as_of=AS_OF)
    codes = {i.code for i in checked.issues}
    assert codes == MESSY_CODES
    assert set(MESSAGES) - NOT_SHOWN == MESSY_CODES, "a new issue code needs an example"
    duplicates = [i for i in checked.issues if i.code == "duplicate-contact"]
    assert {i.message.split(" as row")[0] for i in duplicates} == {
        "Same email",
        "Same name and company",
    }


def test_messy_keeps_the_owners_own_column() -> None:
    checked = check_workbook(SAMPLES / "messy.xlsx", as_of=AS_OF)
    table = checked.source.contacts
    assert table is not None
    coffee = [c for c in table.columns if c.header == "Favourite coffee"]
    assert len(coffee) == 1 and coffee[0].field is None
    assert table.header_row == 3  # below a merged title and a blank row
    assert "Flat white" in set(table.frame[coffee[0].letter].dropna())


def test_messy_values_read_as_people_type_them() -> None:
    checked = check_workbook(SAMPLES / "messy.xlsx", as_of=AS_OF)
    people = checked.contacts.set_index("name", drop=False)
    last = people["last_contact"]
    assert last["Carla Mendes"] == pd.Timestamp(2026, 10, 3)  # "3 Oct 2026"
    assert last["Deshawn Price"] == pd.Timestamp(2026, 3, 10)  # "2026-03-10"
    assert last["Ben Hollis"] == pd.Timestamp(2026, 10, 3)  # "10/3/2026", month first
    assert people.loc["Amara Okonkwo", "met"]  # "Y"
    assert people.loc["Carla Mendes", "met"]  # "x"
    assert not people.loc["Wendy Zhou", "met"]  # "no"
    typed = dict(zip(people["name"], people["category_typed"], strict=False))
    assert typed["Amara Okonkwo"] == "Warm"  # "WARM "
    assert typed["Deshawn Price"] == "Luke-warm"  # "luke warm"
    assert typed["Ben Hollis"] == "Luke-warm"  # "Luke-Warm"
    assert people.loc["Yusuf Ahmed", "category"] == "Luke-warm"  # Cool, since spoken with
    assert checked.settings.owner == "Sam Rivera"
    assert checked.settings.target_fields == ("Healthcare", "Education")
