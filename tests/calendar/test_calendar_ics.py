"""Reading Google and Outlook exports: recurrence, time zones, all-day, folding, broken parts."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from prebrief.calendar.ics import events_from_bytes, read_events
from prebrief.errors import InputFileError

FIXTURES = Path(__file__).parent / "fixtures"
AMS = ZoneInfo("Europe/Amsterdam")


def day(path: Path, y: int, m: int, d: int, zone: ZoneInfo = AMS):
    start = datetime(y, m, d, tzinfo=zone)
    return read_events(path, start, start + timedelta(days=1))


def titles(found) -> list[str]:
    return [e.title for e in found.events]


def test_weekly_series_ordinary_occurrence():
    found = day(FIXTURES / "google.ics", 2026, 11, 12)
    sync = [e for e in found.events if e.uid == "weekly-norrbrook-sync@google.com"]
    assert [(e.title, e.start.hour, e.start.minute) for e in sync] == [
        ("Norrbrook weekly sync", 10, 0)]


def test_exdate_removes_that_weeks_occurrence():
    found = day(FIXTURES / "google.ics", 2026, 11, 19)
    assert "Norrbrook weekly sync" not in titles(found)


def test_moved_occurrence_replaces_the_regular_one():
    found = day(FIXTURES / "google.ics", 2026, 11, 26)
    sync = [e for e in found.events if e.uid == "weekly-norrbrook-sync@google.com"]
    assert len(sync) == 1
    assert sync[0].title == "Norrbrook weekly sync (moved)"
    assert (sync[0].start.hour, sync[0].end.hour, sync[0].end.minute) == (15, 15, 30)
    assert sync[0].location == "https://meet.example.com/abc-defg-hij"


def test_all_day_event_is_on_its_day_only():
    on = day(FIXTURES / "google.ics", 2026, 11, 26)
    partner = next(e for e in on.events if e.title == "Kestrel partner day")
    assert partner.all_day and partner.start == datetime(2026, 11, 26, tzinfo=AMS)
    assert "Kestrel partner day" not in titles(day(FIXTURES / "google.ics", 2026, 11, 27))


def test_utc_time_lands_on_the_local_day():
    # 23:30 UTC on the 25th is 00:30 on the 26th in Amsterdam.
    late = "Call with Tomás (after midnight in Amsterdam)"
    in_amsterdam = day(FIXTURES / "google.ics", 2026, 11, 26)
    call = next(e for e in in_amsterdam.events if e.title == late)
    assert (call.start.day, call.start.hour, call.start.minute) == (26, 0, 30)
    assert late not in titles(day(FIXTURES / "google.ics", 2026, 11, 25))
    in_utc = day(FIXTURES / "google.ics", 2026, 11, 25, ZoneInfo("UTC"))
    assert late in titles(in_utc)
    assert late not in titles(day(FIXTURES / "google.ics", 2026, 11, 26, ZoneInfo("UTC")))


def test_cancelled_events_are_read_with_their_status():
    found = day(FIXTURES / "google.ics", 2026, 11, 26)
    assert next(e for e in found.events if e.title == "Cancelled intro").status == "CANCELLED"


def test_attendee_parameters_as_google_writes_them():
    found = day(FIXTURES / "google.ics", 2026, 11, 26)
    sync = next(e for e in found.events if e.uid == "weekly-norrbrook-sync@google.com")
    marit = next(a for a in sync.attendees if a.email == "marit@norrbrook.example")
    assert marit.name == "Vandersloot, Marit" and marit.partstat == "ACCEPTED"
    assert sync.organizer is not None and sync.organizer.email == "sam.reyes@example.com"


def test_outlook_windows_zone_bom_crlf_and_folding():
    raw = (FIXTURES / "outlook.ics").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n\t" in raw  # the fixture is what we test
    found = day(FIXTURES / "outlook.ics", 2026, 11, 26)
    review = found.events[0]
    assert review.title == "Quarterly review, Fjord and Norrbrook"  # tab-folded, escaped comma
    assert review.start == datetime(2026, 11, 26, 11, tzinfo=AMS)  # W. Europe Standard Time
    assert review.uid.endswith("00112233445566778899")  # space-folded UID joined
    by_mail = {a.email: a for a in review.attendees}
    assert by_mail["ruud.devries@example.com"].name == "Ruud de Vries"  # MAILTO:, upper case
    assert by_mail["jane@fjord.example"].name == "Doe, Jane"
    assert by_mail["boardroom412@example.com"].cutype == "ROOM"


def test_outlook_times_convert_to_another_zone():
    found = day(FIXTURES / "outlook.ics", 2026, 11, 26, ZoneInfo("America/New_York"))
    review = next(e for e in found.events if e.title.startswith("Quarterly review"))
    assert (review.start.hour, review.start.utcoffset()) == (5, timedelta(hours=-5))


def test_lf_only_file_reads_the_same():
    raw = (FIXTURES / "outlook.ics").read_bytes().replace(b"\r\n", b"\n")
    start = datetime(2026, 11, 26, tzinfo=AMS)
    found = events_from_bytes(raw, "lf.ics", start, start + timedelta(days=1))
    assert titles(found) == ["Quarterly review, Fjord and Norrbrook", "Ashgrove intro"]


def test_one_broken_event_is_skipped_with_a_warning_and_the_rest_read():
    found = day(FIXTURES / "outlook.ics", 2026, 11, 26)
    assert titles(found) == ["Quarterly review, Fjord and Norrbrook", "Ashgrove intro"]
    assert len(found.warnings) == 1
    assert "Broken start time" in found.warnings[0] and "DTSTART" in found.warnings[0]


@pytest.mark.parametrize("interval", ["0", "-2"])
def test_a_rule_that_never_moves_on_is_skipped_not_expanded_for_ever(interval):
    """RRULE INTERVAL=0 repeats on one day without end: the expansion never returned (and ate
    memory until the machine ran out); the event is skipped with a warning instead."""
    raw = (b"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:r0\nDTSTART:20261204T120000Z\n"
           b"RRULE:FREQ=DAILY;INTERVAL=" + interval.encode() + b"\nSUMMARY:Stand-up\nEND:VEVENT\n"
           b"BEGIN:VEVENT\nUID:ok\nDTSTART:20261204T100000Z\nSUMMARY:Intro\nEND:VEVENT\n"
           b"END:VCALENDAR\n")
    start = datetime(2026, 12, 4, tzinfo=AMS)
    found = events_from_bytes(raw, "loop.ics", start, start + timedelta(days=1))
    assert titles(found) == ["Intro"]
    assert found.warnings == [f"skipped event 'Stand-up': RRULE: INTERVAL={interval}, must be "
                              "1 or more"]


def test_floating_time_is_wall_clock_time_in_the_readers_zone():
    raw = (b"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:f1\nDTSTART:20261126T090000\n"
           b"DTEND:20261126T100000\nSUMMARY:Floating\nEND:VEVENT\nEND:VCALENDAR\n")
    for zone in (AMS, ZoneInfo("Asia/Tokyo")):
        start = datetime(2026, 11, 26, tzinfo=zone)
        event = events_from_bytes(raw, "f.ics", start, start + timedelta(days=1)).events[0]
        assert event.start == datetime(2026, 11, 26, 9, tzinfo=zone)


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "not an iCalendar file"),
    (b"Name,Email\nJane,jane@fjord.example\n", "not an iCalendar file"),
    (b"BEGIN:VCALENDAR\nVERSION:2.0\n", "cut short"),
    (b"BEGIN:VCALENDAR\nthis is not a content line\nEND:VCALENDAR\n", "not a readable"),
    (b"\x00\x01\x02BEGIN:VCALENDAR\x00", "binary"),
])
def test_unreadable_files_raise_input_file_error_naming_the_file(raw, message):
    start = datetime(2026, 11, 26, tzinfo=AMS)
    with pytest.raises(InputFileError) as caught:
        events_from_bytes(raw, "work.ics", start, start + timedelta(days=1))
    assert caught.value.message.startswith("work.ics: ") and message in caught.value.message
    assert caught.value.hint


def test_missing_file_and_directory(tmp_path):
    start = datetime(2026, 11, 26, tzinfo=AMS)
    with pytest.raises(InputFileError, match="no such file"):
        read_events(tmp_path / "nope.ics", start, start + timedelta(days=1))
    with pytest.raises(InputFileError, match="is a directory"):
        read_events(tmp_path, start, start + timedelta(days=1))


def test_display_names_as_written_with_unquoted_comma_and_outlook_brackets():
    """'CN=Brandsma, Okke' unquoted is parsed by icalendar as two values; it came out as
    "['Brandsma', ' Okke']". It is one name, as written."""
    raw = (b"BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:n1\nDTSTART:20261204T100000Z\n"
           b"SUMMARY:Intro\nATTENDEE;CN=Brandsma, Okke:mailto:okke@tjalkwerf.example\n"
           b'ATTENDEE;CN="Vogelsang, Henrike (Marschhafen Nord)":mailto:hv@marschhafen.example\n'
           b"END:VEVENT\nEND:VCALENDAR\n")
    start = datetime(2026, 12, 4, tzinfo=AMS)
    (event,) = events_from_bytes(raw, "n.ics", start, start + timedelta(days=1)).events
    assert [a.name for a in event.attendees] == [
        "Brandsma, Okke", "Vogelsang, Henrike (Marschhafen Nord)"]
