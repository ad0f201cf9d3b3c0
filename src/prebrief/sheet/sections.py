"""Sections of the sheet as pure functions over a Briefing. Items carry their Evidence; the
renderers turn it into citation numbers (HTML, Markdown) or evidence objects (JSON)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from prebrief.models import Briefing, Identity, Role, Signal
from prebrief.plan import identity_key
from prebrief.sheet.care import LOW_CONFIDENCE, RECENT_CHANGE_MONTHS, STALE_DAYS, saved_long_ago
from prebrief.sheet.clock import local_time, zone_for
from prebrief.sheet.text import (age_days, counted, months_between, norm, norm_org,
                                 parse_partial, period, snippet, span)

Item = dict[str, Any]
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
        what = "the profile given" if unread == 1 else f"the {unread} profiles given"
        why = [f"none of {what} could be read: see Sources and gaps"] if unread else []
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
        saved = saved_long_ago(current.evidence, now)
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
