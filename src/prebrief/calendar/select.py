"""Which day, and who on it to brief: external attendees, de-duplicated across meetings."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from functools import cache
from importlib import resources

from prebrief.calendar.ics import Attendee, Event
from prebrief.calendar.names import guest_labels, shown_name
from prebrief.errors import UsageError

NOT_PEOPLE = ("ROOM", "RESOURCE", "GROUP")


def local_zone() -> tzinfo:
    """The system's named zone (so DST is right on the day), else its current fixed offset."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        link = os.path.realpath("/etc/localtime")
        candidates.append(link.partition("zoneinfo/")[2])
    except OSError:
        pass
    for key in filter(None, candidates):
        try:
            return ZoneInfo(key)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")


def zone_named(name: str | None) -> tzinfo:
    """--tz Europe/Amsterdam, or the system zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    if not name:
        return local_zone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UsageError(f"unknown time zone {name!r}",
                         hint="Use an IANA name such as Europe/Amsterdam or America/New_York."
                         ) from None


def day_window(spec: str, zone: tzinfo, now: datetime) -> tuple[date, datetime, datetime]:
    """'today' / 'tomorrow' / 'YYYY-MM-DD' -> the day and its local midnight-to-midnight."""
    today = now.astimezone(zone).date()
    word = spec.strip().casefold()
    if word in ("today", "tomorrow"):
        day = today + timedelta(days=1 if word == "tomorrow" else 0)
    else:
        try:
            day = date.fromisoformat(spec.strip())
        except ValueError:
            raise UsageError(f"bad --date {spec!r}",
                             hint="Use today, tomorrow or a date like 2026-11-26.") from None
    start = datetime.combine(day, time(0), zone)
    return day, start, datetime.combine(day + timedelta(days=1), time(0), zone)


def parse_domains(values: Iterable[str]) -> tuple[str, ...]:
    """--internal-domain values, normalised ('@Example.com' -> 'example.com')."""
    domains = []
    for value in values:
        for part in value.split(","):
            domain = part.strip().lstrip("@").rstrip(".").casefold()
            if not domain:
                continue
            if not re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", domain):
                raise UsageError(f"bad --internal-domain {part.strip()!r}",
                                 hint="Give a mail domain such as example.com.")
            domains.append(domain)
    if not domains:
        raise UsageError("no --internal-domain given",
                         hint="Name your organisation's mail domain, e.g. "
                              "--internal-domain example.com, so colleagues are not briefed.")
    return tuple(dict.fromkeys(domains))


def is_internal(email: str, domains: Iterable[str]) -> bool:
    """In one of the domains, or a subdomain of one (sales.example.com counts as example.com)."""
    host = email.rpartition("@")[2].casefold()
    return any(host == d or host.endswith("." + d) for d in domains)


@dataclass
class DayMeeting:
    """One meeting of the day and the external people in it."""

    event: Event
    externals: list[Attendee] = field(default_factory=list)


@dataclass
class Guest:
    """One external person, with every meeting of the day they attend (in time order)."""

    attendee: Attendee
    meetings: list[Event] = field(default_factory=list)
    label: str = ""  # how the day's outputs name them: never their address


@dataclass
class DayPlan:
    meetings: list[DayMeeting]
    guests: dict[str, Guest]
    me: str | None = None
    left_out: list[tuple[Event, str]] = field(default_factory=list)  # and why: 'cancelled'


def plan_day(events: Iterable[Event], domains: tuple[str, ...], me: str | None = None
             ) -> DayPlan:
    """Meetings that take place (not cancelled, not declined by you), each with its external
    attendees; guests de-duplicated by address."""
    meetings: list[DayMeeting] = []
    guests: dict[str, Guest] = {}
    left_out: list[tuple[Event, str]] = []
    for event in events:
        why = why_left_out(event, me)
        if why:
            left_out.append((event, why))
            continue
        meeting = DayMeeting(event, external_attendees(event, domains, me))
        meetings.append(meeting)
        for person in meeting.externals:
            guest = guests.setdefault(person.email, Guest(person))
            if guest.attendee.name is None and person.name:
                guest.attendee = person
            guest.meetings.append(event)
    for email, label in guest_labels([g.attendee for g in guests.values()]).items():
        guests[email].label = label
    return DayPlan(meetings, guests, me, left_out)


def why_left_out(event: Event, me: str | None) -> str | None:
    """'cancelled', 'declined' (your own attendance, as --me gives it), or None."""
    if event.status == "CANCELLED":
        return "cancelled"
    mine = (me or "").casefold()
    if mine and any(a.email == mine and a.partstat == "DECLINED" for a in event.attendees):
        return "declined"
    return None


def external_attendees(event: Event, domains: tuple[str, ...], me: str | None = None
                       ) -> list[Attendee]:
    """Attendees (and an external organiser) outside the internal domains, people only."""
    mine = (me or "").casefold()
    people = [*event.attendees]
    if event.organizer is not None:
        people.append(event.organizer)  # an external organiser may not list themselves
    found: dict[str, Attendee] = {}
    for person in people:
        if person.cutype in NOT_PEOPLE or person.email == mine:
            continue
        if is_internal(person.email, domains):
            continue
        if person.email not in found or (found[person.email].name is None and person.name):
            found[person.email] = person
    return list(found.values())


@cache
def _rules() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("prebrief.data").joinpath("freemail.json").read_text())
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


def company_guess(email: str) -> str | None:
    """'marit@mail.norrbrook.co.uk' -> 'Norrbrook'; None for free-mail and ISP domains."""
    domain = email.rpartition("@")[2].casefold()
    rules = _rules()
    if not domain or domain in rules["freemail"]:
        return None
    labels = domain.split(".")[:-1]  # drop the top-level domain
    if len(labels) > 1 and labels[-1] in rules["second_level"]:
        labels = labels[:-1]
    labels = [x for x in labels if x not in rules["host_labels"]]
    if not labels or len(labels[-1]) < 2:
        return None
    return labels[-1].replace("-", " ").title()


def others_of(event: Event, person: Attendee, me: str | None = None) -> tuple[str, ...]:
    """The other people in a meeting (not you) by name (a guessed one marked); the unnamed
    are counted."""
    names: list[str] = []
    unnamed = 0
    seen = {person.email, (me or "").casefold()}
    for other in (*event.attendees, *([event.organizer] if event.organizer else [])):
        if other.email in seen or other.cutype in NOT_PEOPLE:
            continue
        seen.add(other.email)
        name = shown_name(other)
        if name:
            names.append(name)
        else:
            unnamed += 1
    if unnamed:
        names.append(f"{unnamed} other{'s' if unnamed > 1 else ''}")
    return tuple(names)
