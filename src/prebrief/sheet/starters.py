"""Common ground with the user, and conversation starters templated from cited facts."""

from __future__ import annotations

import re
from typing import Any

from prebrief.models import Briefing, MeProfile
from prebrief.sheet.sections import Item, visible
from prebrief.sheet.text import norm, same, snippet

MAX_STARTERS = 4

# Templates as data: each kind of fact has one opener; {placeholders} come from the fact.
STARTER_TEMPLATES: dict[str, str] = {
    "recent_change": "Congratulations on the move: how are the first months as {role}?",
    "post": "I read your post from {date} (\u201c{quote}\u201d). What has the reaction been?",
    "common": "We have {what} in common: {value}. Could be a good way in.",
    "repository": "I came across your repository \u201c{quote}\u201d. What led you to build it?",
    "rapport": "You mentioned \u201c{quote}\u201d ({date}). How is that going?",
    "company": "How is {organization} doing? The sources describe it as: \u201c{quote}\u201d.",
    "award": "Congratulations on \u201c{quote}\u201d. What was the work behind it?",
}
# What "I read your post" and "You mentioned" may quote: something the contact wrote, not a
# repository's description or a summary of their GitHub activity.
QUOTED_KINDS = frozenset({"post", "article"})
AWARD_YEARS = 2  # an award naming a year older than this many years back is no opener
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def common_ground(briefing: Briefing, me: MeProfile | None) -> list[Item]:
    """Shared employers, schools, city, skills and interests; conservative matching."""
    if me is None:
        return []
    person = briefing.person
    out: list[Item] = []
    mine_orgs = {o for o in [me.company, *(r.organization for r in me.roles)] if o}
    for role in person.roles:
        if role.organization and any(same(role.organization, o, org=True) for o in mine_orgs):
            out.append({"what": "employer", "value": role.organization, "evidence": role.evidence})
    for edu in person.education:
        if any(same(edu.school, e.school) for e in me.education):
            out.append({"what": "school", "value": edu.school, "evidence": edu.evidence})
    if me.city and person.location and any(
            same(me.city, part) for part in person.location.split(",")):
        ev = dict(person.provenance).get("location")
        out.append({"what": "city", "value": me.city, "evidence": ev})
    out += _shared_terms(briefing, me.skills, "skill")
    out += _shared_terms(briefing, me.interests, "interest")
    return _dedupe(out)


def _shared_terms(briefing: Briefing, terms: tuple[str, ...], what: str) -> list[Item]:
    """A term counts when it appears as whole words in a non-sensitive signal."""
    signals = visible(briefing.signals, "professional") + visible(briefing.signals, "personal")
    out = []
    for term in terms:
        key = norm(term)
        if len(key) < 3:
            continue
        pattern = re.compile(rf"\b{re.escape(key)}\b")
        hit = next((s for s in signals if pattern.search(norm(s.text))), None)
        if hit:
            out.append({"what": what, "value": term, "evidence": hit.evidence})
    return out


def _dedupe(items: list[Item]) -> list[Item]:
    seen: set[tuple[str, str]] = set()
    out = []
    for item in items:
        key = (item["what"], norm(item["value"]))
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


def starters(sections: dict[str, Any], year: int) -> list[Item]:
    """2-4 openers from the sections already built (so never from sensitive signals); year:
    the briefing's, against which an award's year is judged."""
    out: list[Item] = []
    change = sections["career"]["recent_change"]
    current = sections["career"]["current"]
    if change and current:
        out.append(_fill("recent_change", change["evidence"],
                         role=" at ".join(x for x in (current["title"],
                                                      current["organization"]) if x)))
    latest = sections["activity"]["latest"]
    posts = _quoted(latest)
    for post in posts[:1]:
        out.append(_fill("post", post["evidence"], date=post["date"],
                         quote=snippet(post["text"], 70)))
    if not posts:  # a developer's own project, where they post nothing
        for repo in [i for i in latest if i.get("kind") == "repository"][:1]:
            out.append(_fill("repository", repo["evidence"], quote=snippet(repo["text"], 70)))
    for item in sections["common_ground"][:1]:
        out.append(_fill("common", item["evidence"], what=_article(item["what"]),
                         value=item["value"]))
    for item in _quoted(sections["rapport"])[:1]:
        if item["date"]:
            out.append(_fill("rapport", item["evidence"], date=item["date"],
                             quote=snippet(item["text"], 60)))
    for item in sections["career"]["credentials"][:1]:
        if item["kind"] == "award" and len(out) < MAX_STARTERS and _recent(item["text"], year):
            out.append(_fill("award", item["evidence"], quote=snippet(item["text"], 70)))
    if len(out) < 2 and sections["company"] and current and current["organization"]:
        item = sections["company"][0]
        out.append(_fill("company", item["evidence"], organization=current["organization"],
                         quote=snippet(item["text"], 70)))
    return out[:MAX_STARTERS]


def _quoted(items: list[Item]) -> list[Item]:
    return [i for i in items if i.get("kind") in QUOTED_KINDS]


def _recent(text: str, year: int) -> bool:
    """Whether an award is recent enough to congratulate on: no year in its text older than
    AWARD_YEARS ("Employee of the Month 2009" is not; an award naming no year may be)."""
    return all(int(y) >= year - AWARD_YEARS for y in _YEAR.findall(text))


def _article(what: str) -> str:
    return {"employer": "an employer", "school": "a school", "city": "a city",
            "skill": "a skill", "interest": "an interest"}.get(what, what)


def _fill(kind: str, evidence: Any, **values: str) -> Item:
    return {"kind": kind, "text": STARTER_TEMPLATES[kind].format(**values), "evidence": evidence}
