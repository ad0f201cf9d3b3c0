"""Small text helpers shared by the sheet's sections: normalising names, dates, snippets,
counts."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

_SUFFIXES = re.compile(r"\s(b ?v|n ?v|inc|ltd|llc|gmbh|ag|plc|s ?a|as|ab|oy|co)$")


def norm(text: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form for conservative matching."""
    value = unicodedata.normalize("NFKD", text or "")
    value = "".join(c for c in value if not unicodedata.combining(c)).casefold()
    value = re.sub(r"[^\w\s]", " ", value)
    return " ".join(value.split())


def norm_org(text: str | None) -> str:
    """An organization name without its legal-form suffix ("Acme B.V." == "acme")."""
    return _SUFFIXES.sub("", norm(text)).strip()


def same(a: str | None, b: str | None, *, org: bool = False) -> bool:
    """Equal after normalising; fuzzy only at a high threshold, for long names."""
    left, right = (norm_org(a), norm_org(b)) if org else (norm(a), norm(b))
    if not left or not right:
        return False
    if left == right:
        return True
    if min(len(left), len(right)) < 8:
        return False
    from rapidfuzz import fuzz

    return fuzz.token_sort_ratio(left, right) >= 92


def parse_partial(value: str | None) -> tuple[int, int] | None:
    """(year, month) from "2021", "2021-03" or "2021-03-05"; None if unreadable."""
    match = re.match(r"^(\d{4})(?:-(\d{1,2}))?", (value or "").strip())
    if not match:
        return None
    return int(match.group(1)), int(match.group(2) or 1)


def months_between(start: tuple[int, int], now: datetime) -> int:
    return (now.year - start[0]) * 12 + now.month - start[1]


def span(months: int) -> str:
    """"2 yrs 3 mos" style tenure."""
    years, rest = divmod(max(months, 0), 12)
    parts = [f"{years} yr{'s' if years != 1 else ''}"] if years else []
    if rest or not parts:
        parts.append(f"{rest} mo{'s' if rest != 1 else ''}")
    return " ".join(parts)


def period(start: str | None, end: str | None, *, current: bool = False) -> str:
    """When a role or a school ran, as the sheet writes it: "2015-01–2019-02", "1991-02" (began
    and ended that month), "since 2008-06" (still held), "–2014" (only its end is known)."""
    if start and end:
        return start if start == end else f"{start}–{end}"
    if start:
        return f"since {start}" if current else f"{start}–"
    return f"–{end}" if end else ""


def snippet(text: str, limit: int = 110) -> str:
    """The first sentence-ish of a text, cut at a word boundary."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0].rstrip(",;:.-")
    return cut + "…"


def age_days(when: datetime, now: datetime) -> int:
    return (now - when).days


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """"1 meeting", "2 meetings": a count with its noun in the right number."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
