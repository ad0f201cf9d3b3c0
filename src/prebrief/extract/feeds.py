"""Pure: RSS 2.0 / Atom feed -> latest entries. Declarations (DOCTYPE/ENTITY) are refused."""

from __future__ import annotations

import email.utils
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, datetime

from prebrief.extract.dates import parse_datetime
from prebrief.extract.text import clean_text, html_to_text

_ATOM = "{http://www.w3.org/2005/Atom}"
_DECLARATION = re.compile(rb"<!(DOCTYPE|ENTITY)", re.I)


@dataclass(frozen=True)
class FeedEntry:
    title: str
    url: str | None
    published: datetime | None
    summary: str


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (TypeError, ValueError):
        return parse_datetime(value)


def read_feed(body: bytes, limit: int = 5) -> list[FeedEntry]:
    """Newest entries first; an unreadable or hostile feed gives an empty list."""
    if _DECLARATION.search(body[:4096]):
        return []  # no entity expansion, ever (billion laughs, external entities)
    try:
        root = ET.fromstring(body)
    except ET.ParseError:
        return []
    entries = [_rss_item(i) for i in root.iter("item")]
    entries += [_atom_entry(e) for e in root.iter(f"{_ATOM}entry")]
    entries = [e for e in entries if e.title]
    entries.sort(key=lambda e: e.published or datetime.min.replace(tzinfo=UTC), reverse=True)
    return entries[:limit]


def _rss_item(item: ET.Element) -> FeedEntry:
    return FeedEntry(clean_text(item.findtext("title")), clean_text(item.findtext("link")) or None,
                     _date(item.findtext("pubDate")),
                     html_to_text(item.findtext("description") or ""))


def _atom_entry(entry: ET.Element) -> FeedEntry:
    link = entry.find(f"{_ATOM}link")
    href = link.get("href") if link is not None else None
    return FeedEntry(clean_text(entry.findtext(f"{_ATOM}title")), href,
                     _date(entry.findtext(f"{_ATOM}published") or entry.findtext(f"{_ATOM}updated")),
                     html_to_text(entry.findtext(f"{_ATOM}summary") or ""))
