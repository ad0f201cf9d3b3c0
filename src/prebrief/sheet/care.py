"""The sheet's Handle with care section: sensitive categories named (never quoted), stale
items, files saved long ago, contradictions between sources and with what the user gave, and
identity doubts."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from prebrief.models import Briefing, Evidence, Signal, file_name
from prebrief.plan import identity_key
from prebrief.sheet.text import age_days, norm_org, same, snippet, span

Item = dict[str, Any]
RECENT_CHANGE_MONTHS = 6  # a job begun within this is a recent move (sections.career_section)
STALE_DAYS = 365
# A saved page or export older than this may miss a move the sheet would call recent
# (RECENT_CHANGE_MONTHS), so the sheet says how old it is.
OLD_FILE_DAYS = 183
LOW_CONFIDENCE = 0.7


def care_section(briefing: Briefing) -> dict[str, Any]:
    """What to handle with care: sensitive categories, stale data, contradictions, doubt."""
    from prebrief.sheet import LABELS

    counts = Counter(s.sensitive_category for s in briefing.signals if s.sensitive_category)
    now = briefing.generated_at
    stale = [s for s in briefing.signals if s.fact.published_at and not s.sensitive_category
             and age_days(s.fact.published_at, now) > STALE_DAYS]
    doubtful = [i for i in briefing.identities
                if i.outcome == "possible" or (i.outcome == "accepted"
                                               and i.confidence < LOW_CONFIDENCE)]
    return {
        "sensitive": [{"category": k, "label": LABELS.get(k, k), "count": n}
                      for k, n in sorted(counts.items())],
        "stale": _stale(stale, now),
        "old_files": old_files(briefing),
        "contradictions": (_contradictions(briefing) + _company_moved(briefing)
                           + _two_accounts(briefing)),
        "identity_doubts": [{"text": f"{i.label()}: {i.outcome}, confidence "
                                     f"{i.confidence:.2f}", "reasons": list(i.reasons)}
                            for i in doubtful],
    }


def _stale(stale: list[Signal], now: datetime) -> dict[str, Any] | None:
    if not stale:
        return None
    first = min(stale, key=lambda s: s.fact.published_at)  # type: ignore[arg-type, return-value]
    oldest = age_days(first.fact.published_at, now)  # type: ignore[arg-type]
    what = f"\u201c{snippet(first.text, 50)}\u201d"
    text = (f"{what} is {span(oldest // 30)} old: check it still holds" if len(stale) == 1
            else f"{len(stale)} dated items are older than a year, the oldest {what} "
                 f"({span(oldest // 30)}): check they still hold")
    return {"count": len(stale), "oldest_days": oldest, "text": text,
            "evidence": first.evidence}


def saved_long_ago(evidence: Evidence, now: datetime) -> datetime | None:
    """When the file a fact was read from was saved, where that is more than OLD_FILE_DAYS
    before now; else None (not from a file, undated, or recent)."""
    saved = evidence.retrieved_at if evidence.file else None
    return saved if saved and age_days(saved, now) > OLD_FILE_DAYS else None


def old_files(briefing: Briefing) -> list[Item]:
    """Each file the user gave that was saved more than OLD_FILE_DAYS before the briefing (a
    LinkedIn PDF from last spring): what changed since is not in it."""
    out = []
    for result in briefing.sources:
        file = result.identity.file if result.ok else None
        dated = [f.evidence for f in result.harvest.facts
                 if f.evidence.file and f.evidence.retrieved_at]
        if not (file and dated):
            continue
        newest = max(dated, key=lambda ev: ev.retrieved_at or briefing.generated_at)
        saved = saved_long_ago(newest, briefing.generated_at)
        if saved:
            out.append({"text": f"{file_name(file)} ({result.source}) was saved "
                                f"{span(age_days(saved, briefing.generated_at) // 30)} ago, on "
                                f"{saved:%Y-%m-%d}: what changed since is not in it",
                        "file": file_name(file), "date": f"{saved:%Y-%m-%d}",
                        "evidence": newest})
    return out


def _contradictions(briefing: Briefing) -> list[Item]:
    """Sources that name different current employers: no employer one names is among the
    other's. One source listing a second current position (a board seat beside the job) is no
    contradiction, and a role the sheet withholds (prebrief.withhold) is not named."""
    shown = [norm_org(r.organization) for r in briefing.person.roles]
    # By profile, not by source: two GitHub accounts that disagree are two sources of a claim.
    by_source: dict[tuple[str, str], dict[str, tuple[str, Evidence]]] = {}
    for result in briefing.sources:
        for role in result.harvest.roles if result.ok else ():
            key = norm_org(role.organization)
            if role.current and key and any(_same_org(key, k) for k in shown if k):
                by_source.setdefault(identity_key(result.identity), {}).setdefault(
                    key, (role.organization or "", role.evidence))
    listed = list(by_source.values())
    apart: dict[str, tuple[str, Evidence]] = {}
    for i, mine in enumerate(listed):
        for theirs in listed[i + 1:]:
            if not any(_same_org(a, b) for a in mine for b in theirs):
                apart.update(mine)
                apart.update(theirs)
    if not apart:
        return []
    names = sorted({name for name, _ in apart.values()})
    return [{"text": "Sources name different current employers: " + ", ".join(names),
             "evidence": next(iter(apart.values()))[1]}]


def _two_accounts(briefing: Briefing) -> list[Item]:
    """Two accounts read on one platform (one given, one found through the contact's site):
    a person seldom keeps two, so one of them may be a namesake's."""
    by_platform: dict[str, list[str]] = {}
    for result in briefing.sources:
        handle = result.identity.handle
        if result.ok and handle and not result.identity.file and result.source != "website":
            by_platform.setdefault(result.source, []).append(handle)
    return [{"text": f"Two {platform} accounts were read as theirs ({', '.join(handles)}): "
                     "one may be somebody else's", "evidence": None}
            for platform, handles in by_platform.items() if len(set(handles)) > 1]


def _company_moved(briefing: Briefing) -> list[Item]:
    """The company the user gave (a CRM's record, perhaps out of date) that no current role
    the sources name matches: the contact may have moved."""
    asked = norm_org(briefing.asked_company)
    held = [r for r in briefing.person.roles if r.current and norm_org(r.organization)]
    if not asked or not held or any(_same_org(asked, norm_org(r.organization)) or
                                    same(briefing.asked_company, r.organization, org=True)
                                    for r in held):
        return []
    names = ", ".join(dict.fromkeys(r.organization or "" for r in held))
    return [{"text": f"You gave {briefing.asked_company} as their company; the sources name "
                     f"{names} as where they work now: moved?", "evidence": held[0].evidence}]


def _same_org(a: str, b: str) -> bool:
    """"norrbrook" and "norrbrook logistics" are one employer: one name's words hold the other's."""
    left, right = set(a.split()), set(b.split())
    return left <= right or right <= left
