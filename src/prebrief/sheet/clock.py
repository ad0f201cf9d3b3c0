"""The contact's time zone and local time, from a profile timezone or their location."""

from __future__ import annotations

import json
from datetime import datetime
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


@cache
def _table() -> dict[str, str]:
    text = resources.files("prebrief.data").joinpath("timezones.json").read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def zone_for(location: str | None, profile_zone: str | None = None) -> ZoneInfo | None:
    """A profile's own IANA zone wins; otherwise the first known place in the location."""
    if profile_zone:
        try:
            return ZoneInfo(profile_zone.strip())
        except (ZoneInfoNotFoundError, ValueError):
            pass
    for part in (location or "").split(","):
        name = _table().get(" ".join(part.split()).casefold())
        if name:
            return ZoneInfo(name)
    return None


def local_time(zone: ZoneInfo, at: datetime) -> dict[str, str]:
    """Local time and UTC offset at ``at`` (the briefing's generated_at), for the header."""
    local = at.astimezone(zone)
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return {"zone": zone.key, "time": local.strftime("%H:%M"), "weekday": local.strftime("%a"),
            "utc_offset": f"UTC{sign}{hours:02d}:{mins:02d}"}
