"""Sections of the sheet as pure functions over a Briefing. Items carry their Evidence; the
renderers turn it into citation numbers (HTML, Markdown) or evidence objects (JSON)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from prebrief.models import Briefing, Evidence, Identity, Role, Signal, file_name
from prebrief.plan import identity_key
from prebrief.sheet.clock import local_time, zone_for
from prebrief.sheet.text import (age_days, counted, months_between, norm, norm_org,
                                 parse_partial, period, same, snippet, span)

Item = dict[str, Any]
RECENT_CHANGE_MONTHS = 6
STALE_DAYS = 365
# A saved page or export older than this may miss a move the sheet would call recent
# (RECENT_CHANGE_MONTHS), so the sheet says how old it is.
OLD_FILE_DAYS = 183
LOW_CONFIDENCE = 0.7
# Where a contact was given nothing to read (a batch row with a name and company only): the
# sheet says so, and `prebrief brief` refuses it with the same words.
NOTHING_TO_READ = "a name and company alone name no profile"
GIVE_SOMETHING = ("Give a profile (a LinkedIn URL, --github, --url), a file you saved "
                  "(--linkedin-pdf, --notes) or their e-mail (--email, for Gravatar).")
NOTHING_GIVEN = f"Nothing was given to read: {NOTHING_TO_READ}. {GIVE_SOMETHING}"
MAX_ACTIVITY = 5
MAX_RAPPORT = 4
MAX_COMPANY = 2  # a print page holds two; the rest are in the JSON signals
MAX_CREDENTIALS = 4
PRINTED_NOTES = 5  # of the user's professional notes, on the one-page HTML
MAX_SKILLS = 6
MAX_SUMMARY = 300  # characters of their About in the Markdown and the JSON
# Fact kinds that are credentials, in the order the sheet lists them, with their label.
CREDENTIALS = {"award": "Award", "certification": "Certification", "publication": "Publication"}
# Profile facts that describe the record, not a talking point.
NOT_RAPPORT = frozenset({"location", "language", "name", "headline", "role"})


def visible(signals: tuple[Signal, ...], sphere: str) -> list[Signal]:
    return [s for s in signals if s.sphere == sphere and not s.sensitive_category]


def newest_first(signals: list[Signal]) -> list[Signal]:
    dated = [s for s in signals if s.fact.published_at]
    return sorted(dated, key=lambda s: s.fact.published_at,  # type: ignore[arg-type, return-value]
                  reverse=True)


def signal_item(signal: Signal, now: datetime, limit: int = 120) -> Item:
    """One cited line; dated lines older than a year say how old they are."""
    when = signal.fact.published_at
    old = when is not None and age_days(when, now) > STALE_DAYS
    return {"text": snippet(signal.text, limit), "evidence": signal.evidence,
            "date": when.date().isoformat() if when else None, "topic": signal.topic,
            "kind": signal.kind,
            "age": f"{span(age_days(when, now) // 30)} old" if old and when else None}


def contact_zone(briefing: Briefing) -> Any:
    profile = next((s.text for s in briefing.signals if s.kind == "timezone"), None)
    for result in briefing.sources:  # timezone is a profile kind, so it is no signal
        for fact in result.harvest.facts if result.ok else ():
            if fact.kind == "timezone":
                profile = profile or fact.text
    return zone_for(briefing.person.location or briefing.asked_location, profile)


def identity_section(briefing: Briefing) -> dict[str, Any]:
    """Who this is, where and when they are, which profiles were used, and how sure we are."""
    person = briefing.person
    zone = contact_zone(briefing)
    accepted = [i for i in briefing.identities if i.outcome == "accepted"]
    # A profile counts once it was read: one given but blocked, suspended or not cached was
    # listed as theirs and made the match "high (1.00)" with nothing read at all.
    read = {identity_key(r.identity) for r in briefing.sources if r.ok}
    shown = [i for i in accepted if identity_key(i) in read]
    return {
        "name": person.name, "headline": person.headline, "location": person.location,
        # What the user gave, for a sheet whose sources state no name or place (and for an
        # integration to match the record on): the sheet marks them "as you gave it".
        "asked_name": briefing.asked_name, "asked_location": briefing.asked_location,
        "asked_company": briefing.asked_company,
        "heading": _heading(briefing),
        "local_time": local_time(zone, briefing.generated_at) if zone else None,
        "profiles": [_profile(i) for i in shown],
        "match": _match(shown, unread=len(accepted) - len(shown)),
        "possible": [_profile(i) for i in briefing.identities if i.outcome == "possible"],
    }


def _heading(briefing: Briefing) -> dict[str, str | None]:
    """Whom the sheet is about, for its title: the name the sources state, else the name the
    user gave (or the calendar guessed from an address), saying which, else nobody known."""
    if briefing.person.name:
        return {"name": briefing.person.name, "note": None}
    if briefing.asked_name:
        meeting = briefing.extra("meeting")
        guessed = bool(getattr(meeting, "guest", None))  # a guest the invitation did not name
        return {"name": briefing.asked_name,
                "note": "name guessed from e-mail" if guessed else "name as you gave it"}
    return {"name": "Unknown contact", "note": None}


def _profile(identity: Identity) -> Item:
    return {"platform": identity.platform, "url": identity.url, "label": identity.label(),
            "confidence": round(identity.confidence, 2), "reasons": list(identity.reasons),
            "found_via": identity.found_via}


def _match(accepted: list[Identity], *, unread: int = 0) -> dict[str, Any]:
    if not accepted:
        why = [f"none of the {counted(unread, 'profile')} given could be read: see Sources "
               "and gaps"] if unread else []
        return {"level": "none", "confidence": 0.0, "reasons": why}
    lowest = min(i.confidence for i in accepted)
    level = "high" if lowest >= 0.9 else "medium" if lowest >= LOW_CONFIDENCE else "low"
    given = sum(1 for i in accepted if i.found_via.startswith(("given", "file")))
    reasons = [f"{given} of {counted(len(accepted), 'profile')} given by you"] if given else []
    reasons += sorted({r for i in accepted for r in i.reasons})[:3]
    return {"level": level, "confidence": round(lowest, 2), "reasons": reasons}


def career_section(briefing: Briefing) -> dict[str, Any]:
    """Current role with tenure, a recent move called out, past roles, education; the
    credentials, languages and skills the sources list, and the user's professional notes."""
    now = briefing.generated_at
    roles = list(briefing.person.roles)
    current = _main_role([r for r in roles if r.current], briefing.person.headline)
    out: dict[str, Any] = {"current": None, "recent_change": None}
    if current:
        start = parse_partial(current.start)
        months = months_between(start, now) if start else None
        saved = _saved_long_ago(current.evidence, now)
        # Read from a file saved long ago, the tenure is counted to the save: what it shows.
        held = months_between(start, saved) if start and saved else months
        out["current"] = {"title": current.title, "organization": current.organization,
                          "start": current.start, "evidence": current.evidence,
                          "tenure": span(held) if held is not None and held >= 0 else None,
                          # Read from a file saved long ago: current as of then (old_files).
                          "as_of": f"{saved:%Y-%m-%d}" if saved else None}
        if months is not None and 0 <= months <= RECENT_CHANGE_MONTHS:
            out["recent_change"] = {"text": f"Started as {current.text} "
                                            f"{span(months)} ago ({current.start})",
                                    "evidence": current.evidence}
    # Another position held now (a board seat beside the job) is no past role.
    out["also"] = [{"text": r.text, "start": r.start, "when": period(r.start, None, current=True),
                    "evidence": r.evidence} for r in roles if r.current and r is not current]
    out["past"] = [{"text": r.text, "start": r.start, "end": r.end,
                    "when": period(r.start, r.end), "evidence": r.evidence}
                   for r in roles if not r.current]
    out["education"] = [{"text": ", ".join(x for x in (e.school, e.degree, e.field) if x),
                         "start": e.start, "end": e.end, "when": period(e.start, e.end),
                         "evidence": e.evidence}
                        for e in briefing.person.education]
    pro = _distinct(visible(briefing.signals, "professional"))
    # Their own account of their work (a LinkedIn About), for the Markdown and the JSON: the
    # printed HTML page has no room for it.
    about = next((s for s in pro if s.kind == "summary"), None)
    out["summary"] = ({"text": snippet(about.text, MAX_SUMMARY), "evidence": about.evidence}
                      if about else None)
    out["credentials"] = _credentials(pro)
    out["languages"] = _listed(pro, "language")
    out["skills"] = _listed(pro, "skill", MAX_SKILLS)
    # The user's own notes that read professional (personal ones go to rapport), every one:
    # the printed page shows PRINTED_NOTES and says how many more the Markdown and JSON hold.
    out["notes"] = [{"text": s.text, "evidence": s.evidence} for s in pro if s.kind == "note"]
    return out


def _main_role(held: list[Role], headline: str | None) -> Role | None:
    """Of the positions held now, the one the headline names ("COO at Zeewolde Terminals"
    beside a board seat begun later); else the latest begun (merge_roles' order)."""
    words = set(norm(headline).split())
    named = [r for r in held if (org := norm_org(r.organization)) and set(org.split()) <= words]
    return (named or held or [None])[0]


def _credentials(pro: list[Signal]) -> list[Item]:
    """Awards, certifications and publications the sources list, awards first."""
    found = sorted((s for s in pro if s.kind in CREDENTIALS),  # stable: source order kept
                   key=lambda s: list(CREDENTIALS).index(s.kind))
    return [{"kind": s.kind, "label": CREDENTIALS[s.kind], "text": s.text,
             "evidence": s.evidence} for s in found][:MAX_CREDENTIALS]


def _listed(pro: list[Signal], kind: str, limit: int | None = None) -> list[Item]:
    """The signals of one kind (languages spoken, skills) as one line per source that lists
    them ("Dutch (Native or Bilingual), English (Full Professional)"), so each line cites the
    source it came from."""
    by_source: dict[tuple[str, str | None, str | None], list[Signal]] = {}
    for s in pro:
        if s.kind == kind:
            by_source.setdefault(s.evidence.document, []).append(s)
    return [{"text": ", ".join(s.text for s in found[:limit]), "evidence": found[0].evidence}
            for found in by_source.values()]


def _distinct(signals: list[Signal]) -> list[Signal]:
    """signals without repeats of one kind and text (two sources listing one award)."""
    seen: set[tuple[str, str]] = set()
    out = []
    for s in signals:
        key = (s.kind, norm(s.text))
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


def company_section(briefing: Briefing) -> list[Item]:
    """What the sources say about the employer, verbatim and cited, duplicates dropped."""
    seen: set[str] = set()
    items = []
    for s in briefing.signals:
        if s.kind == "company" and not s.sensitive_category and s.text not in seen:
            seen.add(s.text)
            items.append(signal_item(s, briefing.generated_at, 200))
    return items[:MAX_COMPANY]


def activity_section(briefing: Briefing) -> dict[str, Any]:
    """Latest dated professional posts, and the topics their activity returns to most: of
    what they posted or did, dated, not of their profile's skills and roles (which made a
    PDF-only contact 'return to' topics with no activity at all)."""
    pro = visible(briefing.signals, "professional")
    dated = [s for s in newest_first(pro) if s.kind not in ("company",)]
    latest = [signal_item(s, briefing.generated_at) for s in dated]
    topics = Counter(s.topic for s in dated if s.topic)
    return {"latest": latest[:MAX_ACTIVITY],
            "topics": [{"topic": t, "count": n} for t, n in topics.most_common(5)]}


def rapport_section(briefing: Briefing) -> list[Item]:
    """The user's own personal notes, every one (what they know is never cut for a post),
    then safe public personal signals, newest first, undated interests after, up to
    MAX_RAPPORT in all."""
    personal = [s for s in visible(briefing.signals, "personal") if s.kind not in NOT_RAPPORT]
    notes = [s for s in personal if s.kind == "note"]
    public = [s for s in personal if s.kind != "note"]
    undated = [s for s in public if not s.fact.published_at]
    now = briefing.generated_at
    room = max(0, MAX_RAPPORT - len(notes))
    return [signal_item(s, now) for s in notes + (newest_first(public) + undated)[:room]]


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


def _saved_long_ago(evidence: Evidence, now: datetime) -> datetime | None:
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
        saved = _saved_long_ago(newest, briefing.generated_at)
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


def sources_section(briefing: Briefing) -> list[Item]:
    """Every source with its status, when it was fetched, and what to do when it failed:
    nothing, where another result read the same profile (covered_by), such as the LinkedIn
    PDF the user gave beside a LinkedIn URL that was blocked, or a saved X page beside a
    handle without a token."""
    from prebrief.sources.registry import platform_of

    read: dict[str, str] = {}
    for r in briefing.sources:
        if r.ok:
            read.setdefault(platform_of(r.source), f"{r.source} ({r.identity.label()})")
    out = []
    for r in briefing.sources:
        covered_by = None if r.ok else read.get(platform_of(r.source))
        out.append({"source": r.source, "status": r.status.value,
                    "label": r.status.value.replace("_", " "),
                    "identity": r.identity.label(),
                    "fetched_at": r.fetched_at.date().isoformat() if r.fetched_at else None,
                    "message": _sentence(r.message), "hint": None if covered_by else r.hint,
                    "covered_by": covered_by, "note": r.harvest.note})
    return out


def _sentence(message: str | None) -> str | None:
    """A source's message as a sentence, so the hint after it does not run on from it."""
    if not message:
        return message
    message = message.rstrip()
    return message if message[-1] in ".!?" else f"{message}."
