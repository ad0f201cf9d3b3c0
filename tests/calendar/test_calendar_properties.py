"""Any text fed to the calendar reader gives events or an InputFileError, never anything else."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prebrief.calendar.ics import Occurrences, events_from_bytes
from prebrief.errors import InputFileError

START = datetime(2026, 11, 26, tzinfo=ZoneInfo("Europe/Amsterdam"))
END = START + timedelta(days=1)

FRAGMENTS = [
    "BEGIN:VCALENDAR", "END:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "VERSION:2.0",
    "BEGIN:VTIMEZONE", "END:VTIMEZONE", "TZID:W. Europe Standard Time", "UID:x@example.com",
    "DTSTART:20261126T100000Z", "DTSTART;TZID=Europe/Amsterdam:20261126T100000",
    "DTSTART;VALUE=DATE:20261126", "DTEND:20261126T110000Z", "DURATION:PT1H",
    "RRULE:FREQ=WEEKLY;BYDAY=TH", "RRULE:FREQ=DAILY;COUNT=3", "EXDATE:20261126T100000Z",
    "RECURRENCE-ID:20261126T100000Z", "SUMMARY:Sync", "STATUS:CANCELLED",
    "ATTENDEE;CN=\"Doe, Jane\":MAILTO:jane@fjord.example", "ORGANIZER:mailto:sam@example.com",
    " folded continuation", "\tand more", "RRULE:FREQ=", "DTSTART:2026", ";;;", ":", "",
]


def check(raw: bytes) -> None:
    try:
        result = events_from_bytes(raw, "prop.ics", START, END)
    except InputFileError as exc:
        assert exc.message.startswith("prop.ics: ")
        return
    assert isinstance(result, Occurrences)
    for event in result.events:
        assert event.all_day or START <= event.start < END


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_arbitrary_text(text):
    check(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=25),
       st.sampled_from(["\r\n", "\n"]))
def test_calendar_shaped_text(lines, newline):
    check(newline.join(["BEGIN:VCALENDAR", *lines, "END:VCALENDAR"]).encode("utf-8",
                                                                            "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.binary())
def test_arbitrary_bytes(raw):
    check(raw)
