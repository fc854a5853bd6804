"""`netreport log` and `netreport snooze`: the right person found, one row or cell written
where it belongs, nothing else changed, the backup kept; and the weekly loop closed (logged
today, gone from the list the report makes)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from netreport.cli import cli

CONTACTS = [
    ["Name", "Email", "Company", "How I know them", "Met?", "Last Contact"],
    ["Dr. Samir Haddad", "samir@haddad.example", "Acme", "former colleague", "Yes", None],
    ["Ana Lima", "ana@lima.example; ana.lima@work.example", "Beta", "friend", "Yes", None],
    ["John Smith", "john@one.example", "One Ltd", "met at a meetup", "Yes", None],
    ["John Smith", "john@two.example", "Two plc", "researched", "No", None],
]
LOG = [
    ["Date", "Contact", "Type", "Notes"],
    [dt.datetime(2026, 11, 2), "Ana Lima", "Coffee chat", "caught up"],
    [None, "TOTAL", "=COUNTA(B2:B2)", None],
]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def rows(path: Path, sheet: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(path)
    return [list(r) for r in book[sheet].iter_rows(values_only=True)]


@pytest.fixture
def workbook(make_workbook: Any) -> Path:
    path: Path = make_workbook(CONTACTS, [row[:] for row in LOG[:2]])
    return path


def test_a_name_typed_without_the_title_and_an_everyday_type_log_one_row(
    workbook: Path,
) -> None:
    result = run(
        "log", str(workbook), "samir  HADDAD", "--type", "coffee", "--date", "2026-11-30",
        "--channel", "zoom", "--note", "=talked about Acme",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Logged Mon 30 Nov 2026: Meeting with Dr. Samir Haddad (Contacts row 2)" in result.output
    assert "row 3 of Interactions" in result.output
    log = rows(workbook, "Interactions")
    # The sheet had no Channel column: one is added at the right, under the starter's header.
    assert log[0] == ["Date", "Contact", "Type", "Notes", "Channel"]
    assert log[1] == [*LOG[1], None]
    assert log[2] == [dt.datetime(2026, 11, 30), "Dr. Samir Haddad", "Meeting",
                      "=talked about Acme", "Video call"]  # fmt: skip
    book = openpyxl.load_workbook(workbook)
    note = book["Interactions"]["D3"]
    assert note.data_type == "s" and note.quotePrefix  # text, never a live formula
    # The contacts are as they were; the backup is the workbook as it was.
    assert rows(workbook, "Contacts") == CONTACTS
    (backup,) = (workbook.parent / "backups" / "network").iterdir()
    assert rows(backup, "Interactions") == LOG[:2]


def test_an_address_finds_the_contact_whose_cell_holds_it_among_others(workbook: Path) -> None:
    result = run(
        "log", str(workbook), "ANA.LIMA@work.example", "--type", "reply",
        "--date", "2026-12-01", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    (entry,) = document["entries"]
    assert entry["contact"] == {"row": 3, "name": "Ana Lima"}
    assert entry["type"] == "Reply received" and entry["row"] == 3
    assert rows(workbook, "Interactions")[2] == [dt.datetime(2026, 12, 1), "Ana Lima",
                                                 "Reply received", None]  # fmt: skip


def test_no_match_offers_the_closest_name_and_writes_nothing(workbook: Path) -> None:
    before = digest(workbook)
    result = run("log", str(workbook), "Samir Hadad", "--date", "2026-12-01")
    assert result.exit_code == 2
    assert "No contact called 'Samir Hadad'" in result.output
    assert "Did you mean Dr. Samir Haddad?" in result.output
    assert digest(workbook) == before
    assert not (workbook.parent / "backups").exists()


def test_a_first_name_alone_is_not_enough_but_is_offered_the_full_name(workbook: Path) -> None:
    result = run("log", str(workbook), "Samir", "--date", "2026-12-01")
    assert result.exit_code == 2
    assert "Did you mean Dr. Samir Haddad?" in result.output


def test_two_people_of_one_name_are_told_apart_only_by_address(workbook: Path) -> None:
    before = digest(workbook)
    result = run("log", str(workbook), "John Smith", "--date", "2026-12-01")
    assert result.exit_code == 2
    assert "could be 2 of your contacts" in result.output
    assert "row 4: John Smith <john@one.example>" in result.output
    assert "row 5: John Smith <john@two.example>" in result.output
    assert digest(workbook) == before
    result = run("log", str(workbook), "john@two.example", "--date", "2026-12-01")
    assert result.exit_code == 0, result.output
    assert "(Contacts row 5)" in result.output


def test_the_same_entry_twice_is_written_once(workbook: Path) -> None:
    assert run("log", str(workbook), "Ana Lima", "--type", "coffee chat",
               "--date", "2026-11-02").exit_code == 0  # fmt: skip
    before = digest(workbook)
    again = run("log", str(workbook), "ana lima", "--type", "meeting", "--date", "2026-11-02")
    # The log's own "Coffee chat" on that day is the same Meeting.
    assert again.exit_code == 0
    assert "Already in the log" in again.output and "nothing was written" in again.output.lower()
    assert digest(workbook) == before


def test_a_workbook_without_a_log_gets_the_starters_interactions_sheet(
    make_workbook: Any,
) -> None:
    workbook = make_workbook(CONTACTS)
    result = run("log", str(workbook), "Ana Lima", "--type", "call", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(workbook)
    sheet = book["Interactions"]
    assert [c.value for c in sheet[1]] == ["Date", "Contact", "Email", "Channel", "Type", "Notes"]
    assert [c.value for c in sheet[2]] == [
        dt.datetime(2026, 11, 20), "Ana Lima", "ana.lima@work.example", None, "Call", None
    ]  # fmt: skip
    (table,) = sheet.tables.values()
    assert table.ref == "A1:F2"
    assert book.sheetnames == ["Contacts", "Interactions"]


def test_the_new_row_goes_above_a_totals_row_which_moves_down(make_workbook: Any) -> None:
    workbook = make_workbook(CONTACTS, [["Date", "Contact", "Type", "Notes"], LOG[1],
                                        [None, "TOTAL", 1, None]])  # fmt: skip
    result = run("log", str(workbook), "Ana Lima", "--type", "call", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    log = rows(workbook, "Interactions")
    assert log[2] == [dt.datetime(2026, 11, 20), "Ana Lima", "Call", None]
    assert log[3] == [None, "TOTAL", 1, None]


def test_a_date_after_today_and_an_unknown_type_are_usage_errors(workbook: Path) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    late = run("log", str(workbook), "Ana Lima", "--date", tomorrow)
    assert late.exit_code == 2 and "after today" in late.output
    odd = run("log", str(workbook), "Ana Lima", "--type", "pinged", "--date", "2026-11-20")
    assert odd.exit_code == 2 and "'pinged' is not a word netreport knows" in odd.output


def test_only_the_newest_backups_are_kept(workbook: Path) -> None:
    folder = workbook.parent / "backups" / "network"
    folder.mkdir(parents=True)
    mine = folder / "my-notes.txt"
    mine.write_text("not a backup")
    old = folder / "network-backup-20200101-000000.xlsx"
    old.write_bytes(workbook.read_bytes())
    for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
        result = run("log", str(workbook), "Ana Lima", "--date", day, "--keep-backups", "2")
        assert result.exit_code == 0, result.output
    kept = sorted(p.name for p in folder.iterdir())
    # The first backup (the workbook before netreport first changed it) is always kept, and
    # the newest two: the workbook before the second run (one new row) and before the third.
    assert len(kept) == 4 and "my-notes.txt" in kept and old.name in kept
    kept_rows = sorted(len(rows(p, "Interactions")) for p in folder.glob("network-backup-2026*"))
    assert kept_rows == [3, 4]


def test_logged_thanks_take_the_person_off_next_weeks_list(network_book: Any) -> None:
    workbook = network_book(
        [{"name": "Lena Vogel", "email": "lena@vogel.example", "relationship": "friend",
          "met": "Yes", "closeness": "High", "last_contact": dt.date(2026, 11, 20)}],
        [{"date": dt.date(2026, 11, 20), "contact": "Lena Vogel", "type": "Meeting",
          "channel": "In person"}],
    )  # fmt: skip

    def listed() -> list[str]:
        result = run("outreach", str(workbook), "--as-of", "2026-11-23", "--format", "json")
        assert result.exit_code == 0, result.output
        return [item["name"] for item in json.loads(result.output)["outreach"]]

    assert listed() == ["Lena Vogel"]  # thanks owed for the meeting
    result = run("log", str(workbook), "lena vogel", "--type", "thanks", "--date", "2026-11-21")
    assert result.exit_code == 0, result.output
    assert listed() == []


def test_snooze_writes_the_date_in_a_new_column_and_a_note(workbook: Path) -> None:
    until = (dt.date.today() + dt.timedelta(days=40)).isoformat()
    result = run("snooze", str(workbook), "Ana Lima", "--until", until, "--note", "On leave")
    assert result.exit_code == 0, result.output
    sheet = rows(workbook, "Contacts")
    assert sheet[0] == [*CONTACTS[0], "Snooze until", "Notes"]
    assert sheet[2][6] == dt.datetime.fromisoformat(until)
    assert sheet[2][7] == f"{dt.date.today().isoformat()}: snoozed until {until}: On leave"
    assert [r[:6] for r in sheet] == CONTACTS
    past = run("snooze", str(workbook), "Ana Lima", "--until", "2020-01-01")
    assert past.exit_code == 2 and "not after today" in past.output


# ---- what a new user met (fresh-eyes tries) ------------------------------------------------


def test_a_log_for_one_of_two_people_of_a_name_carries_their_address(
    make_workbook: Any,
) -> None:
    workbook = make_workbook(
        [
            ["Name", "Email", "Company"],
            ["Ann Lee", "ann@acme.example", "Acme"],
            ["Ann Lee", "annlee@globex.example", "Globex"],
        ],
        [["Date", "Who", "What", "Notes"], [dt.datetime(2026, 11, 1), "Ann Lee", "call", None]],
    )
    result = run("log", str(workbook), "annlee@globex.example", "--type", "coffee",
                 "--date", "2026-11-30")  # fmt: skip
    assert result.exit_code == 0, result.output
    # The log had no Email column: one is added, so the reader credits the right Ann Lee.
    assert rows(workbook, "Interactions") == [
        ["Date", "Who", "What", "Notes", "Email"],
        [dt.datetime(2026, 11, 1), "Ann Lee", "call", None, None],
        [dt.datetime(2026, 11, 30), "Ann Lee", "Meeting", None, "annlee@globex.example"],
    ]
    done = run("outreach", str(workbook), "--as-of", "2026-12-02", "--format", "json")
    # Thanks are owed two days after the coffee, to the Ann Lee of Globex alone.
    thanks = [i for i in json.loads(done.output)["outreach"] if i["kind"] == "thank-you"]
    assert [(i["name"], i["company"]) for i in thanks] == [("Ann Lee", "Globex")]


def test_a_sheet_of_the_owners_named_history_is_not_taken_for_the_log(
    make_workbook: Any, tmp_path: Path
) -> None:
    workbook = make_workbook(CONTACTS)
    book = openpyxl.load_workbook(workbook)
    applications = book.create_sheet("History")
    applications.append(["Date", "Company", "Position", "Status"])
    applications.append([dt.datetime(2026, 10, 1), "Acme", "Analyst", "Applied"])
    book.save(workbook)
    result = run("log", str(workbook), "Ana Lima", "--type", "coffee", "--date", "2026-11-30")
    assert result.exit_code == 0, result.output
    assert "row 2 of Interactions" in result.output
    assert rows(workbook, "History") == [
        ["Date", "Company", "Position", "Status"],
        [dt.datetime(2026, 10, 1), "Acme", "Analyst", "Applied"],
    ]
    # And the report reads the new sheet as the log, not History.
    report = run("validate", str(workbook), "--format", "json", "--as-of", "2026-12-01")
    assert not [i for i in json.loads(report.output)["issues"] if i["sheet"] == "History"]


def test_a_log_totals_row_in_words_keeps_its_formula(make_workbook: Any) -> None:
    workbook = make_workbook(
        CONTACTS,
        [
            ["Date", "Contact", "Type"],
            [dt.datetime(2026, 11, 2), "Ana Lima", "Meeting"],
            [None, "Total interactions", "=COUNTA(B2:B2)"],
        ],
    )
    result = run("log", str(workbook), "Ana Lima", "--type", "call", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(workbook)
    assert book["Interactions"]["C4"].value == "=COUNTA(B2:B3)"


def test_a_note_the_log_does_not_hold_yet_is_written(workbook: Path) -> None:
    result = run("log", str(workbook), "Ana Lima", "--type", "coffee", "--date", "2026-11-02",
                 "--note", "she knows the Dublin team")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert rows(workbook, "Interactions")[-1] == [
        dt.datetime(2026, 11, 2), "Ana Lima", "Meeting", "she knows the Dublin team"
    ]  # fmt: skip


def test_a_nickname_in_brackets_finds_the_person(make_workbook: Any) -> None:
    workbook = make_workbook([["Name", "Email"], ["Bob (Robert) Smith", "bob@acme.example"]])
    result = run("log", str(workbook), "Robert Smith", "--date", "2026-11-20")
    assert result.exit_code == 0, result.output
    assert "with Bob (Robert) Smith (Contacts row 2)" in result.output


def test_snooze_widens_the_contacts_table(tmp_path: Path) -> None:
    from netreport.starter import write_network_workbook

    workbook = tmp_path / "network.xlsx"
    write_network_workbook(workbook, [{"Name": "Ana Lima", "Email": "ana@lima.example"}], [], [])
    until = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    result = run("snooze", str(workbook), "Ana Lima", "--until", until)
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(workbook)["Contacts"]
    (table,) = sheet.tables.values()
    last = openpyxl.utils.get_column_letter(sheet.max_column)
    assert sheet[f"{last}1"].value == "Snooze until"
    assert table.ref == f"A1:{last}2"
    assert [c.name for c in table.tableColumns][-1] == "Snooze until"


def test_logging_into_a_workbook_saved_by_libreoffice(
    workbook: Path, tmp_path: Path, soffice_convert: Any
) -> None:
    saved = soffice_convert(workbook, "xlsx:Calc MS Excel 2007 XML", tmp_path / "lo")
    result = run("log", str(saved), "ana@lima.example", "--type", "thanks", "--date", "2026-11-03")
    assert result.exit_code == 0, result.output
    log = rows(saved, "Interactions")
    assert log[:2] == LOG[:2]
    assert log[2] == [dt.datetime(2026, 11, 3), "Ana Lima", "Thank-you sent", None]
    assert rows(saved, "Contacts") == CONTACTS


def test_a_table_with_its_totals_row_below_it_grows_over_the_new_row(tmp_path: Path) -> None:
    from openpyxl.worksheet.table import Table

    book = openpyxl.Workbook()
    contacts = book.active
    contacts.title = "Contacts"
    for row in CONTACTS:
        contacts.append(row)
    log = book.create_sheet("Interactions")
    log.append(["Date", "Contact", "Type"])
    log.append([dt.datetime(2026, 11, 2), "Ana Lima", "Meeting"])
    log.append([None, "TOTAL", 1])
    log.add_table(Table(displayName="LogT", ref="A1:C2"))  # the total is outside the table
    path = tmp_path / "network.xlsx"
    book.save(path)
    result = run("log", str(path), "Ana Lima", "--type", "call", "--date", "2026-11-20",
                 "--note", "about Dublin")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Added the column D (Notes) to Interactions: your log had none." in result.output
    sheet = openpyxl.load_workbook(path)["Interactions"]
    assert sheet.tables["LogT"].ref == "A1:D3"
    assert [c.value for c in sheet[3]] == [dt.datetime(2026, 11, 20), "Ana Lima", "Call",
                                           "about Dublin"]  # fmt: skip
    assert [c.value for c in sheet[4]][:3] == [None, "TOTAL", 1]
