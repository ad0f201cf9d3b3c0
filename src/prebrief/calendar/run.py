"""Drive a calendar day through the batch runner, then write the day index."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from prebrief.batch.inputs import Row, query_from
from prebrief.batch.naming import contact_key
from prebrief.calendar.ics import Event
from prebrief.calendar.names import display_name, organisation_hint, search_name
from prebrief.calendar.select import NOT_PEOPLE, DayPlan, Guest, company_guess, others_of
from prebrief.config import RunOptions
from prebrief.http.settings import HttpSettings
from prebrief.models import ContactQuery, Meeting
from prebrief.render import preferred_file


def guest_query(guest: Guest) -> ContactQuery | str:
    """The contact query for a guest (name from CN or guessed from the address, e-mail,
    company from a work domain or else from the CN's brackets), or why there cannot be one."""
    person = guest.attendee
    return query_from({"name": search_name(person) or "", "email": person.email,
                       "company": company_guess(person.email) or organisation_hint(person) or ""})


def guest_rows(plan: DayPlan) -> Iterator[Row]:
    """One batch row per external guest, in order of their first meeting."""
    for number, guest in enumerate(plan.guests.values(), start=1):
        result = guest_query(guest)
        if isinstance(result, str):
            yield Row(number, error=f"{guest.label}: {result}")
            continue
        yield Row(number, query=result, label=guest.label,
                  extras=(("meeting", meeting_for(guest, plan.me)),))


def meeting_for(guest: Guest, me: str | None = None) -> Meeting:
    """The logistics of every meeting with a guest that day: the first timed one, with the
    rest (all-day ones last) as its `more`."""
    ordered = sorted(guest.meetings, key=lambda e: e.all_day)  # stable: timed ones in order
    first, *rest = (_logistics(e, guest, me) for e in ordered)
    return replace(first, more=tuple(rest),
                   guest=None if display_name(guest.attendee) else guest.label)


def _logistics(event: Event, guest: Guest, me: str | None) -> Meeting:
    start, end = days_of(event) if event.all_day else (event.start, event.end)
    return Meeting(title=event.title, start=start, end=end, all_day=event.all_day,
                   attendees=others_of(event, guest.attendee, me), location=location_of(event))


def days_of(event: Event) -> tuple[datetime, datetime]:
    """An all-day event's first and last day (DTEND is the day after the last)."""
    after = event.end if event.end and event.end.date() > event.start.date() else None
    return event.start, (after - timedelta(days=1)) if after else event.start


def location_of(event: Event) -> str | None:
    """LOCATION, else the rooms booked as resources (Outlook often leaves LOCATION empty)."""
    if event.location:
        return event.location
    rooms = [a.name for a in event.attendees if a.cutype in NOT_PEOPLE and a.name]
    return ", ".join(rooms) or None


def day_context(plan: DayPlan, day: date, zone_name: str, out_dir: Path,
                warnings: list[str]) -> dict[str, Any]:
    """Everything the day index templates need; names only, never an e-mail address."""
    from prebrief.batch.index import latest_entries

    entries = {e["key"]: e for e in latest_entries(out_dir)}
    keys = {email: _key(guest) for email, guest in plan.guests.items()}
    meetings = []
    for meeting in plan.meetings:
        event = meeting.event
        people = []
        for person in meeting.externals:
            entry = entries.get(keys.get(person.email, ""), {})
            files = entry.get("files") or []
            people.append({"name": plan.guests[person.email].label, "status": entry.get("status", "not run"),
                           "href": preferred_file(files, (".html", ".md", ".json")),
                           "md_href": preferred_file(files, (".md", ".html", ".json")),
                           "headline": entry.get("headline")})
        meetings.append({"time": _time_text(event), "title": event.title,
                         "location": location_of(event), "externals": people})
    left_out = [{"time": _time_text(e), "title": e.title, "reason": why}
                for e, why in plan.left_out]
    return {"day": day, "zone": zone_name, "meetings": meetings, "left_out": left_out,
            "warnings": warnings, "generated_at": datetime.now().astimezone()}


def _key(guest: Guest) -> str:
    result = guest_query(guest)
    return contact_key(result) if isinstance(result, ContactQuery) else ""


def _time_text(event: Event) -> str:
    """'09:00–09:30'; 'all day', with its dates when it is not just this day (the same
    wording as the sheet's logistics line)."""
    if event.all_day:
        first, last = days_of(event)
        return "all day" if last == first else f"{first:%Y-%m-%d} to {last:%Y-%m-%d}, all day"
    end = f"–{event.end:%H:%M}" if event.end else ""
    return f"{event.start:%H:%M}{end}"


def write_day_index(context: dict[str, Any], out_dir: Path) -> list[Path]:
    """index.html, index.md and summary.json for the day."""
    from prebrief.batch.journal import write_atomic
    from prebrief.render import environment

    written = []
    for fmt in ("html", "md"):
        template = environment(fmt).get_template(f"calendar_index.{fmt}.j2")
        path = out_dir / f"index.{fmt}"
        write_atomic(path, template.render(**context))
        written.append(path)
    summary = {"schema_version": "1.0", "day": context["day"].isoformat(),
               "time_zone": context["zone"], "meetings": context["meetings"],
               "left_out": context["left_out"], "warnings": context["warnings"]}
    path = out_dir / "summary.json"
    write_atomic(path, json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    written.append(path)
    return written


@dataclass(frozen=True)
class CalendarJob:
    """What `prebrief calendar` was asked to do."""

    ics: Path
    day_spec: str
    zone: tzinfo
    internal_domains: tuple[str, ...]
    out_dir: Path
    me: str | None = None
    formats: tuple[str, ...] = ("html", "json")
    jobs: int = 16
    resume: bool = False


@dataclass
class CalendarReport:
    day: date
    meetings: int
    guests: int
    warnings: list[str]
    batch: Any
    written: list[Path]
    left_out: dict[str, int] = field(default_factory=dict)  # meetings not briefed, by why


async def run_calendar(job: CalendarJob, http: HttpSettings, options: RunOptions, *,
                       now: datetime | None = None, transport: Any = None,
                       on_progress: Any = None) -> CalendarReport:
    """Read the day's meetings, brief every external guest, write the day index."""
    from prebrief.batch.runner import run_batch
    from prebrief.calendar.ics import read_events
    from prebrief.calendar.select import day_window, plan_day

    day, start, end = day_window(job.day_spec, job.zone, now or datetime.now(job.zone))
    found = read_events(job.ics, start, end)
    plan = plan_day(found.events, job.internal_domains, job.me)
    batch = await run_batch(guest_rows(plan), job.out_dir, http, options, formats=job.formats,
                            jobs=job.jobs, resume=job.resume, transport=transport,
                            on_progress=on_progress)
    warnings = [*found.warnings, *(f"guest {n}: {e}" for n, e in batch.skipped_rows)]
    context = day_context(plan, day, str(job.zone), job.out_dir, warnings)
    written = write_day_index(context, job.out_dir)
    left_out = Counter(why for _, why in plan.left_out)
    return CalendarReport(day, len(plan.meetings), len(plan.guests), warnings, batch, written,
                          dict(sorted(left_out.items())))
