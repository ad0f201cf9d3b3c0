"""Communication cues, measured from the contact's own posts; every figure names its base."""

from __future__ import annotations

import re
from collections import Counter
from statistics import median
from typing import Any
from zoneinfo import ZoneInfo

from prebrief.models import Briefing, Fact
from prebrief.sheet.text import counted

WINDOW_DAYS = 90
POST_KINDS = frozenset({"post", "article", "status", "tweet"})
_CONTRACTION = re.compile(r"\b\w+'(s|re|ve|ll|d|m|t)\b|\b\w+n't\b", re.I)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\U00002600-\U000027BF\U0001F000-\U0001F2FF]")
_INFORMAL_YOU = re.compile(r"\b(du|jij|je|tu|toi|ya|y'all|u)\b", re.I)


def posts(briefing: Briefing) -> list[Fact]:
    """The contact's own dated posts, from every source that read successfully."""
    seen: set[str] = set()
    out = []
    for s in briefing.signals:  # all spheres: only counts and shapes are reported, never text
        fact = s.fact
        if fact.kind in POST_KINDS and fact.published_at and fact.text not in seen:
            seen.add(fact.text)
            out.append(fact)
    return out


def cues_section(briefing: Briefing, zone: ZoneInfo | None) -> list[dict[str, Any]]:
    """Frequency, length, formality, languages, emoji, active hours; empty with no posts."""
    items = posts(briefing)
    if not items:
        return []
    n = len(items)
    out = [_frequency(items, briefing), _length(items), _formality(items)]
    out.append({"cue": "emoji", "text": f"emoji in {_share(items, _EMOJI)} posts", "n": n})
    langs = Counter(f.lang for f in items if f.lang)
    if langs:
        text = ", ".join(f"{lang} ({c})" for lang, c in langs.most_common(3))
        out.append({"cue": "languages", "text": f"posts in {text}", "n": sum(langs.values())})
    out.append(_hours(items, zone))
    return out


def _share(items: list[Fact], pattern: re.Pattern[str]) -> str:
    hits = sum(1 for f in items if pattern.search(f.text))
    return f"{hits} of {len(items)}"


def _frequency(items: list[Fact], briefing: Briefing) -> dict[str, Any]:
    """Posts a week over the last 90 days, or over the whole span when that window is empty."""
    now = briefing.generated_at
    recent = [f for f in items
              if (now - f.published_at).days <= WINDOW_DAYS]  # type: ignore[operator]
    base = recent or items
    oldest = min(f.published_at for f in base)  # type: ignore[type-var]
    days = WINDOW_DAYS if recent else max((now - oldest).days, 7)  # type: ignore[operator]
    rate = len(base) / (days / 7)
    return {"cue": "frequency", "n": len(base),
            "text": f"about {rate:.1f} posts a week over the last {counted(round(days / 7), 'week')}"}


def _length(items: list[Fact]) -> dict[str, Any]:
    words = median(len(f.text.split()) for f in items)
    return {"cue": "length", "text": f"typical post {round(words)} words (median)",
            "n": len(items)}


def _formality(items: list[Fact]) -> dict[str, Any]:
    casual = sum(1 for f in items if _CONTRACTION.search(f.text) or "!" in f.text
                 or _EMOJI.search(f.text) or _INFORMAL_YOU.search(f.text))
    share = casual / len(items)
    tone = "mostly informal" if share > 0.6 else "mixed" if share > 0.3 else "mostly formal"
    return {"cue": "formality", "n": len(items),
            "text": f"{tone}: {casual} of {len(items)} posts use contractions, exclamation "
                    f"marks, emoji or informal 'you'"}


def _hours(items: list[Fact], zone: ZoneInfo | None) -> dict[str, Any]:
    """The busiest three-hour window, in the contact's zone when known (else UTC)."""
    hours = Counter(f.published_at.astimezone(zone).hour if zone  # type: ignore[union-attr]
                    else f.published_at.hour for f in items)  # type: ignore[union-attr]
    best = max(range(24), key=lambda h: (sum(hours[(h + k) % 24] for k in range(3)), -h))
    count = sum(hours[(best + k) % 24] for k in range(3))
    label = zone.key if zone else "UTC"
    return {"cue": "active_hours", "n": len(items),
            "text": f"most active {best:02d}:00–{(best + 3) % 24:02d}:00 {label} "
                    f"({count} of {len(items)} posts)"}
