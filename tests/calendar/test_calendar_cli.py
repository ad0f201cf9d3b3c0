"""`prebrief calendar` end to end over the demo recording: briefings, logistics line, index."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from typer.testing import CliRunner

from prebrief.calendar.run import CalendarJob, run_calendar
from prebrief.cli.app import app
from prebrief.cli.run import http_settings
from prebrief.config import RunOptions
from prebrief.demo import demo_dir

FIXTURES = Path(__file__).parent / "fixtures"
REPLAY = str(demo_dir() / "replay")
ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def run(tmp_path: Path, ics: Path, *extra: str):
    args = ["calendar", str(ics), "--date", "2026-11-26", "--tz", "Europe/Amsterdam",
            "--internal-domain", "example.com", "--out-dir", str(tmp_path / "out"),
            "--format", "html,md,json", "--replay", REPLAY, "--no-discover",
            "--cache-dir", str(tmp_path / "cache"), *extra]
    return CliRunner().invoke(app, args)


def briefing_of(out: Path, stem_start: str, fmt: str) -> str:
    (path,) = out.glob(f"{stem_start}-*.{fmt}")
    return path.read_text(encoding="utf-8")


def test_google_day_briefs_external_attendees_with_their_meeting(tmp_path):
    result = run(tmp_path, FIXTURES / "google.ics")
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    assert "3 external attendees" in result.stderr
    md = briefing_of(out, "marit-vandersloot", "md")
    assert ("**Meeting:** Norrbrook weekly sync (moved), 2026-11-26T15:00+01:00, "
            "https://meet.example.com/abc-defg-hij, with Sam Reyes, Lena Okafor") in md
    html = briefing_of(out, "marit-vandersloot", "html")
    assert re.search(r'<p class="logistics"><strong>Meeting:</strong> Norrbrook weekly sync '
                     r"\(moved\), 2026-11-26T15:00\+01:00–15:30\+01:00", html)
    meeting = json.loads(briefing_of(out, "marit-vandersloot", "json"))["sections"]["meeting"]
    assert meeting["attendees"] == ["Sam Reyes", "Lena Okafor"]
    assert not list(out.glob("lena-*")) and not list(out.glob("ola-*"))  # internal, cancelled


def test_day_index_lists_every_meeting_with_links_and_status(tmp_path):
    assert run(tmp_path, FIXTURES / "google.ics").exit_code == 0
    out = tmp_path / "out"
    index = (out / "index.html").read_text(encoding="utf-8")
    rows = index.split('<tr class="meeting">')[1:]
    assert [re.search(r"<td>([^<]+)</td>", r).group(1) for r in rows] == [
        "all day", "00:30–01:15", "08:00–08:30", "15:00–15:30"]
    assert "Cancelled intro" not in index
    standup = next(r for r in rows if "Team stand-up" in r)
    assert "no external attendees" in standup
    sync = next(r for r in rows if "Norrbrook weekly sync (moved)" in r)
    (marit_html,) = out.glob("marit-vandersloot-*.html")
    assert f'<a href="{marit_html.name}">Marit Vandersloot</a>' in sync
    status = json.loads((out / "summary.json").read_text())["meetings"][3]["externals"][0]
    assert status["status"] in ("ok", "empty") and status["status"] in sync
    md_index = (out / "index.md").read_text(encoding="utf-8")
    assert "## 15:00–15:30 Norrbrook weekly sync (moved)" in md_index
    assert f"[Marit Vandersloot](<{marit_html.stem}.md>)" in md_index


def test_no_email_address_in_any_output(tmp_path):
    assert run(tmp_path, FIXTURES / "outlook.ics").exit_code == 0
    for path in (tmp_path / "out").iterdir():
        text = path.read_text(encoding="utf-8")
        found = [a for a in ADDRESS.findall(text) if not a.startswith(("media", "page"))]
        assert not found, (path.name, found)


def test_broken_event_is_a_warning_and_the_rest_is_briefed(tmp_path):
    result = run(tmp_path, FIXTURES / "outlook.ics", "--me", "Sam.Reyes@example.com")
    assert result.exit_code == 0, result.output
    assert "warning: skipped event 'Broken start time'" in result.stderr
    out = tmp_path / "out"
    assert {p.name.split("-")[0] for p in out.glob("*.md") if p.name != "index.md"} == {
        "jane", "marit", "kofi"}
    kofi = briefing_of(out, "kofi-mensah", "md")
    assert "**Meeting:** Ashgrove intro, 2026-11-26T16:00+01:00, Teams\n" in kofi  # no "with"
    assert "Broken start time" in (out / "index.html").read_text(encoding="utf-8")


def test_unreadable_file_exits_2_with_one_line_and_a_hint(tmp_path):
    bad = tmp_path / "work.ics"
    bad.write_text("Subject,Start Date\nLunch,2026-11-26\n")
    result = run(tmp_path, bad)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"error: {bad}: is not an iCalendar file (no BEGIN:VCALENDAR)"
    assert lines[1].startswith("hint: Export the calendar again") and len(lines) == 2


def test_missing_file_and_bad_options_exit_2(tmp_path):
    assert run(tmp_path, tmp_path / "nope.ics").exit_code == 2
    assert run(tmp_path, FIXTURES / "google.ics", "--tz", "Mars/Olympus").exit_code == 2
    no_domain = CliRunner().invoke(app, ["calendar", str(FIXTURES / "google.ics"),
                                         "--out-dir", str(tmp_path)])
    assert no_domain.exit_code == 2 and "--internal-domain" in no_domain.stderr


def test_tomorrow_is_relative_to_an_injected_now(tmp_path):
    zone = ZoneInfo("Europe/Amsterdam")
    job = CalendarJob(ics=FIXTURES / "google.ics", day_spec="tomorrow", zone=zone,
                      internal_domains=("example.com",), out_dir=tmp_path / "out",
                      formats=("json",))
    http = http_settings(tmp_path / "cache", False, False, Path(REPLAY), None)
    now = datetime(2026, 11, 18, 20, tzinfo=zone)  # tomorrow is the 19th: EXDATE, no sync
    report = asyncio.run(run_calendar(job, http, RunOptions(discover=False), now=now))
    assert report.day.isoformat() == "2026-11-19"
    assert (report.meetings, report.guests) == (0, 0)
    assert "No meetings on this day." in (tmp_path / "out" / "index.md").read_text()


def test_counts_are_in_the_right_number(tmp_path):
    """One meeting with one external attendee reads '1 meeting', not '1 meetings'."""
    args = ["calendar", str(FIXTURES / "google.ics"), "--date", "2026-11-05", "--tz",
            "Europe/Amsterdam", "--internal-domain", "example.com", "--out-dir",
            str(tmp_path / "out"), "--format", "md", "--replay", REPLAY, "--no-discover",
            "--cache-dir", str(tmp_path / "cache")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "2026-11-05: 1 meeting, 1 external attendee; 1 briefed" in result.stderr
    assert "1 meeting · times in Europe/Amsterdam" in (tmp_path / "out" / "index.md").read_text()


def test_counted():
    from prebrief.sheet.text import counted

    assert [counted(n, "meeting") for n in (0, 1, 2)] == ["0 meetings", "1 meeting", "2 meetings"]
    assert counted(2, "person", "people") == "2 people"


# mixed.ics's guests are all unknown to the demo's recording: each gets a sheet, none has
# anything usable on it, so the command ends as `prebrief brief` would (exit 1).
NOTHING_USABLE = 1


def run_mixed(tmp_path: Path, *extra: str):
    """fixtures/mixed.ics: a day of invented people, as an outside tester's file had them."""
    return run(tmp_path, FIXTURES / "mixed.ics", "--date", "2026-12-04", "--internal-domain",
               "veldhuis.example", "--me", "sanne.kuipers@veldhuis.example", *extra)


def test_attendees_given_by_address_only_get_a_guessed_name_or_a_label_of_their_own(tmp_path):
    """Both 'ATTENDEE:mailto:' guests of one company were 'guest at terpstra-staal.example'
    and both sheets 'Unknown contact'."""
    result = run_mixed(tmp_path)
    assert result.exit_code == NOTHING_USABLE, result.output
    out = tmp_path / "out"
    index = (out / "index.md").read_text(encoding="utf-8")
    for label in ("Wietske Hoogeveen (name guessed from e-mail)",
                  "Jelmer Tuinstra (name guessed from e-mail)",
                  "guest 1 at terpstra-staal.example", "guest 2 at terpstra-staal.example"):
        assert f"[{label}]" in index
    sheet = briefing_of(out, "wietske-hoogeveen", "md")
    assert sheet.startswith("# Briefing: Wietske Hoogeveen")
    assert "; listed as Wietske Hoogeveen (name guessed from e-mail)\n" in sheet
    assert not ADDRESS.findall(index + sheet)


def test_all_day_meetings_read_all_day_on_the_sheet_as_in_the_index(tmp_path):
    """A 3-5 Dec fair briefed on 4 Dec said '2026-12-03T00:00+01:00' on the sheet, a one-day
    visit '2026-12-04T00:00+01:00', where the index said 'all day'."""
    assert run_mixed(tmp_path).exit_code == NOTHING_USABLE
    out = tmp_path / "out"
    rows = (out / "index.html").read_text(encoding="utf-8").split('<tr class="meeting">')[1:]
    assert [re.search(r"<td>([^<]+)</td>", r).group(1) for r in rows[:2]] == [
        "2026-12-03 to 2026-12-05, all day", "all day"]
    assert "## 2026-12-03 to 2026-12-05, all day Maritime fair Emden" in (
        out / "index.md").read_text(encoding="utf-8")
    fair = "Maritime fair Emden, 2026-12-03 to 2026-12-05, all day"
    assert f"**Meeting:** {fair}\n" in briefing_of(out, "aukje-de-boer", "md")
    assert f"<strong>Meeting:</strong> {fair}</p>" in briefing_of(out, "aukje-de-boer", "html")
    visit = "Site visit Dokkum, 2026-12-04, all day"
    assert f"**Meeting:** {visit}\n" in briefing_of(out, "henrike-vogelsang", "md")
    meeting = json.loads(briefing_of(out, "aukje-de-boer", "json"))["sections"]["meeting"]
    assert (meeting["start"], meeting["end"], meeting["all_day"]) == (
        "2026-12-03", "2026-12-05", True)


def test_a_contact_in_two_meetings_has_both_on_their_one_sheet(tmp_path):
    """Wietske is in the 11:00 pricing talk and the 12:00 lunch; her sheet named only the
    first, though the index listed her under both."""
    assert run_mixed(tmp_path).exit_code == NOTHING_USABLE
    out = tmp_path / "out"
    assert len(list(out.glob("wietske-hoogeveen-*.md"))) == 1
    md = briefing_of(out, "wietske-hoogeveen", "md")
    assert re.search(r"\*\*Meeting:\*\* Pricing talk Terpstra, 2026-12-04T11:00\+01:00, .*\n\n"
                     r"\*\*Meeting:\*\* Harbour lunch, 2026-12-04T12:00\+01:00, with Okke "
                     r"Brandsma\n", md)
    html = briefing_of(out, "wietske-hoogeveen", "html")
    assert html.count('<p class="logistics">') == 2
    meeting = json.loads(briefing_of(out, "wietske-hoogeveen", "json"))["sections"]["meeting"]
    assert meeting["title"] == "Pricing talk Terpstra"
    assert [(m["title"], m["end"]) for m in meeting["more"]] == [
        ("Harbour lunch", "2026-12-04T13:00+01:00")]


def test_a_meeting_you_declined_is_not_briefed_and_the_summary_says_so(tmp_path):
    """'Vendor pitch', which --me declined, was briefed like any other meeting."""
    result = run_mixed(tmp_path)
    assert result.exit_code == NOTHING_USABLE, result.output
    out = tmp_path / "out"
    assert not list(out.glob("ruben-zwart-*"))
    assert "Vendor pitch" not in (out / "index.md").read_text(encoding="utf-8")
    assert ("2026-12-04: 4 meetings (left out: 1 cancelled, 1 declined), 7 external "
            "attendees;") in result.stderr
    left_out = json.loads((out / "summary.json").read_text())["left_out"]
    assert left_out[1] == {"time": "16:00–16:30", "title": "Vendor pitch", "reason": "declined"}


def test_the_exit_code_says_whether_anything_usable_was_gathered(tmp_path):
    """`prebrief calendar` exited 0 with nothing usable for any guest (outside tester), where
    `prebrief brief` and `prebrief batch` exit 1; a day without outside guests is no error."""
    result = run_mixed(tmp_path)
    assert "error: nothing usable was gathered for any contact" in result.stderr
    assert run(tmp_path, FIXTURES / "google.ics").exit_code == 0  # a guest the demo knows
    quiet = run(tmp_path, FIXTURES / "google.ics", "--date", "2026-01-01",
                "--out-dir", str(tmp_path / "quiet"))
    assert quiet.exit_code == 0, quiet.output
    assert "0 external attendees" in quiet.stderr
