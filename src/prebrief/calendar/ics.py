"""Reading an iCalendar export (Google, Outlook, Exchange) into plain events for a time window.

icalendar parses RFC 5545 (folding, escaping, VTIMEZONE, Windows zone names as Outlook writes
them) and recurring-ical-events expands RRULE/RDATE/EXDATE and moved occurrences. Each series
(one UID) is expanded on its own, so one broken event costs only itself, with a warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from prebrief.errors import InputFileError

MAX_BYTES = 50 * 1024 * 1024
HINT = "Export the calendar again as an .ics file (Google: Settings > Import & export; " \
       "Outlook: File > Save Calendar)."


@dataclass(frozen=True)
class Attendee:
    """One ATTENDEE or ORGANIZER: address lower-cased, display name as written."""

    email: str
    name: str | None = None
    cutype: str = "INDIVIDUAL"
    partstat: str | None = None

    @property
    def domain(self) -> str:
        return self.email.rpartition("@")[2]


@dataclass(frozen=True)
class Event:
    """One occurrence of a meeting, its times in the reader's time zone."""

    uid: str
    title: str
    start: datetime
    end: datetime | None
    all_day: bool = False
    location: str | None = None
    status: str | None = None
    organizer: Attendee | None = None
    attendees: tuple[Attendee, ...] = ()


@dataclass
class Occurrences:
    """The events found in a window, and what was skipped on the way."""

    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_events(path: Path, start: datetime, end: datetime) -> Occurrences:
    """Occurrences that start in [start, end) (all-day ones: that cover any of it), times in
    start's zone; InputFileError if the file cannot be read as a calendar at all."""
    return events_from_bytes(_read_bytes(path), str(path), start, end)


def events_from_bytes(raw: bytes, label: str, start: datetime, end: datetime) -> Occurrences:
    """As read_events, for bytes already in hand (label names them in errors)."""
    calendar = parse_calendar(raw, label)
    result = Occurrences()
    zones = [c for c in calendar.subcomponents if c.name == "VTIMEZONE"]
    for uid, series in _series(calendar, result.warnings).items():
        try:
            found = _expand(series, zones, start, end)
            events = (_event(c, start.tzinfo) for c in found)
            # A call from 23:30 to 00:15 belongs to the day it starts on, not the next one.
            result.events.extend(e for e in events if e.all_day or start <= e.start < end)
        except Exception as exc:  # noqa: BLE001 - one broken series never sinks the day
            result.warnings.append(f"skipped event {_describe(series[0], uid)}: {_reason(exc)}")
    result.events.sort(key=lambda e: (e.start, e.title))
    return result


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_BYTES:
            raise InputFileError(str(path), f"larger than {MAX_BYTES // 2**20} MB", hint=HINT)
        return path.read_bytes()
    except FileNotFoundError:
        raise InputFileError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputFileError(str(path), "is a directory, expected an .ics file") from None
    except OSError as exc:
        raise InputFileError(str(path), f"cannot be read ({exc.strerror})") from None


def parse_calendar(raw: bytes, label: str) -> Any:
    """The VCALENDAR in raw, or InputFileError saying why there is none."""
    import icalendar

    text = _decode(raw, label).lstrip("\ufeff")
    if "BEGIN:VCALENDAR" not in text.upper():
        raise InputFileError(label, "is not an iCalendar file (no BEGIN:VCALENDAR)", hint=HINT)
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # noqa: BLE001 - icalendar raises ValueError and friends
        raise InputFileError(label, f"is not a readable iCalendar file ({_reason(exc)})",
                             hint=HINT) from None
    calendars = [c for c in calendars if c.name == "VCALENDAR"]
    if not calendars:
        raise InputFileError(label, "has no complete VCALENDAR (is it cut short?)", hint=HINT)
    first = calendars[0]
    for extra in calendars[1:]:  # some exporters concatenate one calendar per account
        for component in extra.subcomponents:
            first.add_component(component)
    return first


def _decode(raw: bytes, label: str) -> str:
    if b"\x00" in raw and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputFileError(label, "is a binary file, not an iCalendar file", hint=HINT)
    for encoding in ("utf-8-sig", "utf-16"):
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            pass
    # Old Outlook versions write the system code page; Latin-1 never fails, and names in
    # Western European exports come out right.
    return raw.decode("latin-1")


def _series(calendar: Any, warnings: list[str]) -> dict[str, list[Any]]:
    """VEVENTs grouped by UID (a series and its moved occurrences); broken ones left out."""
    groups: dict[str, list[Any]] = {}
    for n, component in enumerate(c for c in calendar.subcomponents if c.name == "VEVENT"):
        uid = str(component.get("UID") or f"no-uid-{n}")
        broken = [(name, why) for name, why in getattr(component, "errors", [])
                  if name in ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE",
                              "RECURRENCE-ID")]
        endless = _endless_rule(component)
        if broken or endless or "DTSTART" not in component:
            why = (f"{broken[0][0]}: {broken[0][1]}" if broken else endless or "no DTSTART")
            warnings.append(f"skipped event {_describe(component, uid)}: {why}")
            continue
        groups.setdefault(uid, []).append(component)
    return groups


def _endless_rule(component: Any) -> str | None:
    """Why a recurrence rule cannot be expanded, where it cannot: INTERVAL=0 repeats on one
    day for ever (the expansion never ends), and so would a negative one."""
    rules = component.get("RRULE")
    for rule in rules if isinstance(rules, list) else [rules] if rules is not None else []:
        for value in rule.get("INTERVAL", ()):
            try:
                if int(value) < 1:
                    return f"RRULE: INTERVAL={value}, must be 1 or more"
            except (TypeError, ValueError):
                return f"RRULE: INTERVAL={value} is not a number"
    return None


def _expand(series: list[Any], zones: list[Any], start: datetime, end: datetime) -> list[Any]:
    import icalendar
    import recurring_ical_events

    calendar = icalendar.Calendar()
    for component in (*zones, *series):
        calendar.add_component(component)
    return list(recurring_ical_events.of(calendar).between(start, end))


def _event(component: Any, zone: tzinfo | None) -> Event:
    start, all_day = _moment(component.decoded("DTSTART"), zone)
    end = _moment(component.decoded("DTEND"), zone)[0] if "DTEND" in component else None
    organizer = _person(component.get("ORGANIZER"))
    return Event(uid=str(component.get("UID", "")), title=_text(component.get("SUMMARY")) or
                 "(no title)", start=start, end=end, all_day=all_day,
                 location=_text(component.get("LOCATION")),
                 status=(_text(component.get("STATUS")) or "").upper() or None,
                 organizer=organizer, attendees=tuple(_attendees(component.get("ATTENDEE"))))


def _moment(value: date | datetime, zone: tzinfo | None) -> tuple[datetime, bool]:
    if not isinstance(value, datetime):
        return datetime.combine(value, time(0), zone), True
    if value.tzinfo is None:  # floating time: the same wall-clock time wherever you are
        return value.replace(tzinfo=zone), False
    return value.astimezone(zone), False


def _attendees(value: Any) -> Iterable[Attendee]:
    values = value if isinstance(value, list) else [value] if value is not None else []
    for item in values:
        person = _person(item)
        if person is not None:
            yield person


def _person(value: Any) -> Attendee | None:
    """The address of a mailto: value ('MAILTO:' and stray spaces too); None without one."""
    if value is None:
        return None
    address = str(value).strip()
    if address[:7].casefold() == "mailto:":
        address = address[7:]
    address = address.strip().strip("<>").casefold()
    if "@" not in address or " " in address:
        return None
    params = getattr(value, "params", {})
    name = _common_name(params.get("CN"))
    return Attendee(email=address, name=name if name and name.casefold() != address else None,
                    cutype=str(params.get("CUTYPE", "INDIVIDUAL")).upper(),
                    partstat=str(params["PARTSTAT"]).upper() if "PARTSTAT" in params else None)


def _common_name(value: Any) -> str | None:
    """CN as written. An unquoted comma ('CN=Kroll, Bastian') makes icalendar read a list of
    values; it is one name written last-comma-first."""
    parts = value if isinstance(value, list) else [value] if value is not None else []
    name = ", ".join(" ".join(str(p).strip().strip('"').split()) for p in parts)
    return name.strip(", ") or None


def _text(value: Any) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _describe(component: Any, uid: str) -> str:
    title = _text(component.get("SUMMARY"))
    return repr(title) if title else f"UID {uid[:40]}"


def _reason(exc: Exception) -> str:
    text = "".join(c if c.isprintable() else "?" for c in " ".join(str(exc).split()))
    return text[:160] or type(exc).__name__
