"""Pure date helpers: ISO timestamps, month-year ranges, LinkedIn activity ids."""

from __future__ import annotations

import re
from datetime import UTC, datetime

_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}


def parse_datetime(value: object) -> datetime | None:
    """ISO 8601 (with Z), Unix seconds, or None; always timezone-aware UTC."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(float(value), UTC)
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def month_year(value: str | None) -> str | None:
    """"March 2021" / "Mar 2021" / "2021-03" / "2021" -> "2021-03" or "2021"; else None."""
    if not value:
        return None
    text = value.strip()
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-\d{1,2})?", text)
    if m:
        return f"{m.group(1)}-{int(m.group(2)):02d}" if m.group(2) else m.group(1)
    m = re.fullmatch(r"([A-Za-z]{3,9})\.?\s+(\d{4})", text)
    if m and m.group(1)[:3].lower() in _MONTHS:
        return f"{m.group(2)}-{_MONTHS[m.group(1)[:3].lower()]:02d}"
    return None


def activity_id_time(activity_id: int | str) -> datetime | None:
    """LinkedIn activity ids carry their creation time: the top 41 bits are Unix ms."""
    try:
        ms = int(activity_id) >> 22
    except (TypeError, ValueError):
        return None
    if not 1_000_000_000_000 < ms < 4_000_000_000_000:
        return None
    return datetime.fromtimestamp(ms / 1000, UTC)
