"""Domain model: frozen dataclasses that flow from query to briefing.

ContactQuery -> (sources) -> Harvest per source, wrapped in SourceResult
             -> (classify) -> Signal per Fact
             -> Briefing (person summary, identities, signals, sources)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Literal

Sphere = Literal["professional", "personal", "sensitive"]
Outcome = Literal["accepted", "possible", "rejected"]

SENSITIVE_CATEGORIES = (
    "health", "religion", "politics", "sexuality", "ethnicity", "union", "criminal",
)

STDIN = "-"  # a user file given as "-" is standard input (`--notes -`): pasted or piped text
# No profile a source reads was saved before the first of them opened (LinkedIn, May 2003): an
# earlier date on a saved file is a placeholder (a PDF generator's, an unpacker's 1980-01-01).
FIRST_POSSIBLE_SAVE = datetime(2003, 5, 1, tzinfo=UTC)


def plausible_save(saved: datetime | None, now: datetime | None = None) -> datetime | None:
    """saved, where it can be when a profile was saved: not before FIRST_POSSIBLE_SAVE, nor
    after now (a day's leeway for clocks; no bound without now); else None, as such a date
    says nothing about the save."""
    if saved is None or saved < FIRST_POSSIBLE_SAVE:
        return None
    return None if now is not None and saved > now + timedelta(days=1) else saved


# Fact kinds that describe the person's record rather than say something about them;
# they feed the identity header and are not classified into talking points.
PROFILE_KINDS = frozenset({"name", "photo", "url", "follower_count", "handle", "timezone",
                           "joined"})


class Status(StrEnum):
    """Outcome of one source for one contact."""

    OK = "ok"
    BLOCKED = "blocked"
    NOT_FOUND = "not_found"
    RATE_LIMITED = "rate_limited"
    ERROR = "error"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class ContactQuery:
    """What the user told us about the contact."""

    name: str | None = None
    company: str | None = None
    email: str | None = None
    location: str | None = None
    # (source name, handle or URL) pairs given explicitly, e.g. ("github", "octo").
    handles: tuple[tuple[str, str], ...] = ()
    # URLs whose platform is not stated; routed to sources by their URL patterns.
    urls: tuple[str, ...] = ()
    # (source name, path) pairs for user-supplied files, e.g. ("linkedin_pdf", "Profile.pdf").
    files: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # What the user typed or a contact list held goes into headings, file names and the
        # terminal: no escape sequences (ESC[2J clears a screen), no bidi overrides.
        from prebrief.extract.text import clean_text

        for name in ("name", "company", "email", "location"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, clean_text(value) or None)

    def key(self) -> str:
        """Stable, non-reversible key for this contact (cache tags, snapshots)."""
        parts = [
            (self.name or "").strip().casefold(),
            (self.company or "").strip().casefold(),
            (self.email or "").strip().casefold(),
        ]
        if not any(parts):
            parts += sorted(v for _, v in self.handles) + sorted(self.urls)
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:24]

    def is_empty(self) -> bool:
        return not (self.name or self.email or self.handles or self.urls or self.files)


@dataclass(frozen=True)
class Evidence:
    """Provenance of one fact: where it came from, when, and how it was extracted."""

    source: str
    method: str
    url: str | None = None
    file: str | None = None
    retrieved_at: datetime | None = None

    @property
    def document(self) -> tuple[str, str | None, str | None]:
        """The page or file the fact was read from (source, URL, file), which the facts read
        from it share whatever their method: one citation, one listed line."""
        return self.source, self.url, self.file


@dataclass(frozen=True)
class Fact:
    """One thing a source says about the contact, before classification."""

    kind: str
    text: str
    evidence: Evidence
    published_at: datetime | None = None
    lang: str | None = None
    # A source-specific topic hint ("repository", "certification"); the classifier decides.
    topic_hint: str | None = None
    pinned: bool = False


@dataclass(frozen=True)
class Role:
    """A position held; dates are ISO strings of whatever precision is known ("2021", "2021-03")."""

    title: str | None
    organization: str | None
    evidence: Evidence
    start: str | None = None
    end: str | None = None
    current: bool = False
    location: str | None = None
    description: str | None = None

    @property
    def text(self) -> str:
        """The role as one line, as the sources write its fact ("Deacon at Protestantse ...")."""
        return " at ".join(x for x in (self.title, self.organization) if x)


@dataclass(frozen=True)
class Education:
    """A school attended."""

    school: str
    evidence: Evidence
    degree: str | None = None
    field: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Link:
    """A link the person published about themselves (rel=me, sameAs, bio link, verified field)."""

    url: str
    rel: str
    evidence: Evidence
    verified: bool = False


_PIPE = re.compile(r"/(?:dev|proc/self)/fd/\d+$")


def file_name(path: str) -> str:
    """A user file's name without its folders (either separator): reports name the files
    they read, but must not reveal local paths."""
    if _PIPE.match(path):  # `--notes <(pbpaste)`: the shell's pipe has no name worth showing
        return "(piped input)"
    return path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Identity:
    """One profile (or user file) believed to belong to the contact."""

    platform: str
    handle: str | None = None
    url: str | None = None
    file: str | None = None
    found_via: str = "given by the user"
    confidence: float = 1.0
    outcome: Outcome = "accepted"
    reasons: tuple[str, ...] = ()

    def label(self) -> str:
        """How the user knows this profile: the file they gave (its name only), else its URL,
        else platform:handle. A saved PDF also names a URL, but the user gave the file."""
        if self.file:
            return f"file {file_name(self.file)}"
        if self.url:
            return self.url
        return f"{self.platform}:{self.handle}"


@dataclass(frozen=True)
class Harvest:
    """Everything one source extracted for one identity."""

    facts: tuple[Fact, ...] = ()
    roles: tuple[Role, ...] = ()
    education: tuple[Education, ...] = ()
    links: tuple[Link, ...] = ()
    # The identity as the source resolved it (canonical URL, handle from the API).
    identity: Identity | None = None
    # Free-form extras a later stage may use (e.g. the user's own "me" profile).
    extras: tuple[tuple[str, object], ...] = ()
    # Partial success worth telling the user ("protected timeline: profile only").
    note: str | None = None

    def extra(self, key: str) -> object | None:
        return next((v for k, v in self.extras if k == key), None)


@dataclass(frozen=True)
class SourceResult:
    """Outcome of running one source on one identity."""

    source: str
    status: Status
    identity: Identity
    message: str = ""
    hint: str | None = None
    fetched_at: datetime | None = None
    harvest: Harvest = field(default_factory=Harvest)
    missing: tuple[str, ...] = ()  # URLs not available offline / in the replay

    @property
    def ok(self) -> bool:
        return self.status is Status.OK


@dataclass(frozen=True)
class Classification:
    """The classifier's decision for one text."""

    sphere: Literal["professional", "personal"]
    sensitive_category: str | None
    topic: str | None
    confidence: float
    reason: str


@dataclass(frozen=True)
class Signal:
    """A classified fact: what it says, which sphere it belongs to, and why."""

    fact: Fact
    sphere: Sphere
    sensitive_category: str | None
    topic: str | None
    confidence: float
    reason: str

    @property
    def text(self) -> str:
        return self.fact.text

    @property
    def kind(self) -> str:
        return self.fact.kind

    @property
    def evidence(self) -> Evidence:
        return self.fact.evidence

    @classmethod
    def from_fact(cls, fact: Fact, decision: Classification) -> Signal:
        sphere: Sphere = "sensitive" if decision.sensitive_category else decision.sphere
        return cls(fact, sphere, decision.sensitive_category, decision.topic,
                   decision.confidence, decision.reason)


@dataclass(frozen=True)
class Person:
    """The merged picture of who the contact is."""

    name: str | None = None
    headline: str | None = None
    location: str | None = None
    photo_url: str | None = None
    roles: tuple[Role, ...] = ()
    education: tuple[Education, ...] = ()
    # Which fact each header field came from, for provenance on the sheet.
    provenance: tuple[tuple[str, Evidence], ...] = ()


@dataclass(frozen=True)
class Briefing:
    """The assembled briefing, ready to render."""

    person: Person
    identities: tuple[Identity, ...]
    signals: tuple[Signal, ...]
    sources: tuple[SourceResult, ...]
    generated_at: datetime
    contact_key: str = ""
    extras: tuple[tuple[str, object], ...] = ()
    asked_name: str | None = None  # the name the user asked about (a query, not a found fact)
    asked_location: str | None = None  # the place they gave (--location), likewise
    asked_company: str | None = None  # the company they gave (--company, a CRM's), likewise

    def with_extras(self, **items: object) -> Briefing:
        merged = dict(self.extras) | items
        return replace(self, extras=tuple(merged.items()))

    def extra(self, key: str) -> object | None:
        return dict(self.extras).get(key)


@dataclass(frozen=True)
class MeProfile:
    """The user themself, for common ground: from their LinkedIn export or a small TOML file."""

    name: str | None = None
    company: str | None = None
    roles: tuple[Role, ...] = ()
    education: tuple[Education, ...] = ()
    city: str | None = None
    interests: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    source: str = ""


@dataclass(frozen=True)
class Change:
    """Something that changed since the contact's last briefing snapshot."""

    kind: str  # employer, title, location, education, profile_added, profile_gone, topic, quiet
    text: str  # human-readable: "New employer: Norrbrook Logistics (was Halvorsen Maritime)"
    since: datetime  # when the previous snapshot was taken
    before: str | None = None
    after: str | None = None


@dataclass(frozen=True)
class Meeting:
    """The meeting a briefing is for (from a calendar), shown in the logistics line. An all-day
    meeting's start and end are its first and last day (at midnight)."""

    title: str
    start: datetime
    end: datetime | None = None
    attendees: tuple[str, ...] = ()  # other attendees' display names (never e-mail addresses)
    location: str | None = None
    # How the calendar lists the contact where it gives no name: a name guessed from the
    # address (marked so) or a label such as 'guest 2 at example.org'; never the address.
    guest: str | None = None
    all_day: bool = False
    more: tuple[Meeting, ...] = ()  # the contact's other meetings that day, in order
