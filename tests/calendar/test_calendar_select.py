"""Which day, who is external, de-duplication, and the contact query built from an attendee."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from prebrief.calendar.ics import Attendee, Event
from prebrief.calendar.run import guest_query, guest_rows, meeting_for
from prebrief.calendar.names import display_name
from prebrief.calendar.select import (company_guess, day_window, is_internal, parse_domains,
                                      plan_day)
from prebrief.errors import UsageError
from prebrief.models import Meeting

AMS = ZoneInfo("Europe/Amsterdam")
INTERNAL = ("example.com",)
SAM = Attendee("sam.reyes@example.com", "Sam Reyes")
LENA = Attendee("lena.okafor@sales.example.com", "Lena Okafor")
MARIT = Attendee("marit@norrbrook.example", "Vandersloot, Marit")
JANE = Attendee("jane@fjord.example", "Doe, Jane")
ROOM = Attendee("boardroom412@example.com", "Boardroom 4.12", cutype="ROOM")
PROJECTOR = Attendee("beamer@rooms.example", "Beamer", cutype="RESOURCE")


def event(title: str, hour: int, *people: Attendee, organizer: Attendee = SAM,
          all_day: bool = False, status: str | None = None) -> Event:
    start = datetime(2026, 11, 26, 0 if all_day else hour, tzinfo=AMS)
    return Event(uid=title, title=title, start=start, end=start + timedelta(hours=1),
                 all_day=all_day, organizer=organizer, attendees=people, status=status)


@pytest.mark.parametrize(("spec", "now", "expected"), [
    ("today", datetime(2026, 11, 25, 12, tzinfo=ZoneInfo("UTC")), "2026-11-25"),
    ("tomorrow", datetime(2026, 11, 25, 12, tzinfo=ZoneInfo("UTC")), "2026-11-26"),
    # 23:30 UTC is already the next day in Amsterdam.
    ("today", datetime(2026, 11, 25, 23, 30, tzinfo=ZoneInfo("UTC")), "2026-11-26"),
    ("Tomorrow", datetime(2026, 12, 31, 20, tzinfo=AMS), "2027-01-01"),
    ("2026-03-29", datetime(2026, 1, 1, tzinfo=AMS), "2026-03-29"),
])
def test_day_window_is_local_midnight_to_midnight(spec, now, expected):
    day, start, end = day_window(spec, AMS, now)
    assert day.isoformat() == expected
    assert start == datetime.combine(day, datetime.min.time(), AMS)
    assert end.date() == day + timedelta(days=1) and end.hour == 0


def test_day_window_on_a_dst_day_is_23_hours():
    _, start, end = day_window("2026-03-29", AMS, datetime(2026, 1, 1, tzinfo=AMS))
    # Aware datetimes in one zone subtract as wall-clock time; the real length is 23 hours.
    assert end.timestamp() - start.timestamp() == 23 * 3600


@pytest.mark.parametrize("spec", ["yesterday", "26/11/2026", "2026-13-01", ""])
def test_bad_date_is_a_usage_error(spec):
    with pytest.raises(UsageError, match="--date"):
        day_window(spec, AMS, datetime(2026, 11, 25, tzinfo=AMS))


@pytest.mark.parametrize(("email", "internal"), [
    ("sam@example.com", True), ("SAM@EXAMPLE.COM", True), ("lena@sales.example.com", True),
    ("eve@notexample.com", False), ("eve@example.com.evil.example", False),
    ("marit@norrbrook.example", False),
])
def test_internal_domains_include_subdomains_only(email, internal):
    assert is_internal(email.casefold(), INTERNAL) is internal


def test_parse_domains_normalises_and_rejects():
    assert parse_domains(["@Example.com", "other.example,example.com"]) == (
        "example.com", "other.example")
    with pytest.raises(UsageError):
        parse_domains(["not a domain"])
    with pytest.raises(UsageError):
        parse_domains([])


def test_only_external_people_are_briefed():
    plan = plan_day([event("Review", 11, SAM, LENA, MARIT, ROOM, PROJECTOR)], INTERNAL)
    assert list(plan.guests) == ["marit@norrbrook.example"]
    assert [a.email for a in plan.meetings[0].externals] == ["marit@norrbrook.example"]


def test_external_organiser_is_briefed_internal_one_is_not():
    kofi = Attendee("kofi@ashgrove.example", "Kofi Mensah")
    external = plan_day([event("Intro", 16, SAM, organizer=kofi)], INTERNAL)
    assert list(external.guests) == ["kofi@ashgrove.example"]
    internal = plan_day([event("Stand-up", 8, LENA, organizer=SAM)], INTERNAL)
    assert internal.guests == {} and internal.meetings[0].externals == []


def test_own_address_is_never_briefed_even_from_a_free_mail_domain():
    me = Attendee("sam.reyes@gmail.com", "Sam Reyes")
    plan = plan_day([event("Lunch", 12, me, JANE, organizer=me)], INTERNAL,
                    me="sam.reyes@gmail.com")
    assert list(plan.guests) == ["jane@fjord.example"]


def test_cancelled_meetings_are_dropped():
    plan = plan_day([event("Intro", 9, JANE, status="CANCELLED")], INTERNAL)
    assert plan.meetings == [] and plan.guests == {}


def test_a_person_in_several_meetings_is_briefed_once_with_every_meeting():
    events = [event("Partner day", 0, MARIT, all_day=True), event("Review", 11, MARIT, JANE),
              event("Sync", 15, SAM, MARIT)]
    plan = plan_day(events, INTERNAL)
    assert list(plan.guests) == ["marit@norrbrook.example", "jane@fjord.example"]
    assert [e.title for e in plan.guests["marit@norrbrook.example"].meetings] == [
        "Partner day", "Review", "Sync"]
    rows = list(guest_rows(plan))
    assert len(rows) == 2
    meeting = dict(rows[0].extras)["meeting"]
    assert isinstance(meeting, Meeting) and meeting.title == "Review"
    assert meeting.attendees == ("Jane Doe", "Sam Reyes")
    # Only the first was on the sheet; the rest follow, the all-day one last.
    assert [(m.title, m.attendees) for m in meeting.more] == [
        ("Sync", ("Sam Reyes",)), ("Partner day", ("Sam Reyes",))]


def test_meeting_names_other_attendees_never_addresses_and_skips_rooms_and_me():
    nameless = Attendee("x7@fjord.example")
    plan = plan_day([event("Review", 11, SAM, MARIT, JANE, nameless, ROOM)], INTERNAL,
                    me="sam.reyes@example.com")
    meeting = meeting_for(plan.guests["marit@norrbrook.example"], plan.me)
    assert meeting.attendees == ("Jane Doe", "1 other")
    assert meeting.location == "Boardroom 4.12"  # no LOCATION: the booked room
    assert not any("@" in name for name in meeting.attendees)


@pytest.mark.parametrize(("name", "shown"), [
    ("Vandersloot, Marit", "Marit Vandersloot"), ("Marit Vandersloot", "Marit Vandersloot"),
    ("de Vries, Ruud", "Ruud de Vries"), ("Acme, Inc., Sales", "Acme, Inc., Sales"),
    ("jane@fjord.example", None), (None, None),
])
def test_display_name_handles_last_comma_first(name, shown):
    assert display_name(Attendee("a@b.example", name)) == shown


@pytest.mark.parametrize(("email", "company"), [
    ("marit@norrbrook.example", "Norrbrook"), ("a@mail.acme-tools.co.uk", "Acme Tools"),
    ("t@gmail.com", None), ("t@GMX.de", None), ("t@outlook.com", None),
])
def test_company_guessed_from_work_domains_only(email, company):
    assert company_guess(email.casefold()) == company


def test_contact_query_from_an_attendee():
    plan = plan_day([event("Review", 11, MARIT, Attendee("tomas@gmail.com", "Tomás Ibarra"))],
                    INTERNAL)
    marit, tomas = (guest_query(g) for g in plan.guests.values())
    assert (marit.name, marit.email, marit.company) == (
        "Marit Vandersloot", "marit@norrbrook.example", "Norrbrook")
    assert (tomas.name, tomas.company) == ("Tomás Ibarra", None)


def test_the_name_in_brackets_is_the_company_only_where_the_domain_names_none():
    henrike = Attendee("henrike.v@gmail.com", "Vogelsang, Henrike (Marschhafen Nord)")
    okke = Attendee("okke@tjalkwerf.example", "Brandsma, Okke (Werf Noord)")
    plan = plan_day([event("Review", 11, henrike, okke)], INTERNAL)
    queries = [guest_query(g) for g in plan.guests.values()]
    assert [(q.name, q.company) for q in queries] == [
        ("Henrike Vogelsang", "Marschhafen Nord"), ("Okke Brandsma", "Tjalkwerf")]


def test_guests_known_by_address_only_are_searched_by_a_guessed_name_and_told_apart():
    wietske, jelmer = Attendee("wietske.hoogeveen@terpstra.example"), Attendee(
        "jelmer.tuinstra@terpstra.example")
    plan = plan_day([event("Pricing", 11, wietske, jelmer, Attendee("inkoop@terpstra.example"),
                           Attendee("verkoop@terpstra.example"))], INTERNAL)
    rows = list(guest_rows(plan))
    assert [r.label for r in rows] == [
        "Wietske Hoogeveen (name guessed from e-mail)", "Jelmer Tuinstra (name guessed from "
        "e-mail)", "guest 1 at terpstra.example", "guest 2 at terpstra.example"]
    assert [r.query.name for r in rows] == ["Wietske Hoogeveen", "Jelmer Tuinstra", None, None]
    meeting = dict(rows[0].extras)["meeting"]
    assert meeting.guest == "Wietske Hoogeveen (name guessed from e-mail)"
    assert meeting.attendees[0] == "Jelmer Tuinstra (name guessed from e-mail)"


def test_an_all_day_meeting_is_its_days_not_a_midnight():
    fair = Event(uid="f", title="Maritime fair", start=datetime(2026, 12, 3, tzinfo=AMS),
                 end=datetime(2026, 12, 6, tzinfo=AMS), all_day=True, attendees=(MARIT,))
    visit = Event(uid="v", title="Site visit", start=datetime(2026, 12, 4, tzinfo=AMS),
                  end=None, all_day=True, attendees=(JANE,))
    plan = plan_day([fair, visit], INTERNAL)
    for guest, days in ((MARIT, (3, 5)), (JANE, (4, 4))):
        meeting = meeting_for(plan.guests[guest.email])
        assert meeting.all_day and (meeting.start.day, meeting.end.day) == days


def test_a_meeting_you_declined_is_left_out_like_a_cancelled_one():
    me = Attendee("sam.reyes@example.com", "Sam Reyes", partstat="DECLINED")
    kofi = Attendee("kofi@ashgrove.example", "Kofi Mensah", partstat="ACCEPTED")
    pitch = event("Pitch", 16, me, kofi, organizer=kofi)
    plan = plan_day([pitch, event("Intro", 9, JANE, status="CANCELLED")], INTERNAL,
                    me="Sam.Reyes@example.com")
    assert plan.meetings == [] and plan.guests == {}
    assert [(e.title, why) for e, why in plan.left_out] == [
        ("Pitch", "declined"), ("Intro", "cancelled")]
    # Someone else declining is their business: the meeting takes place.
    assert plan_day([pitch], INTERNAL, me="lena.okafor@sales.example.com").meetings
