"""The discovery graph: candidate profiles and the self-published links between them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit, urlunsplit

from prebrief.errors import PrebriefError
from prebrief.models import Evidence, Fact, Identity, Link, SourceResult

if TYPE_CHECKING:
    from prebrief.plan import Target

Key = tuple[str, str]

# Links a person declares as their own; an unknown host is read as a website only via these.
SELF_RELS = frozenset({"me", "sameas", "blog", "website", "url", "homepage", "twitter",
                       "twitter_username", "verified", "field"})
# Links the user wrote themself (a URL line in their notes): a profile one leads to is given.
USER_RELS = frozenset({"notes"})
REL_LABELS = {"me": "rel=me", "sameas": "JSON-LD sameAs", "blog": "blog field",
              "twitter": "twitter_username field", "website": "website field",
              "verified": "verified account", "bio": "bio link"}
_HOST_ALIASES = {"twitter.com": "x.com", "mobile.twitter.com": "x.com", "m.facebook.com":
                 "facebook.com", "mobile.x.com": "x.com"}


def unescaped(url: str) -> str:
    """url with percent-escapes of plain characters in its path written out
    ('/@%6Darit' is '/@marit', RFC 3986 section 6.2.2.2), so a link finds the profile it names
    however it was spelled; a path that decodes to anything else is left as it was."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    path = unquote(parts.path)
    if "%" not in parts.path or not re.fullmatch(r"[\w@.~/+-]*", path):
        return url
    return urlunsplit(parts._replace(path=path))


def url_key(url: str | None) -> str:
    """A URL reduced to what identifies a profile: host (no www) and path, lower-cased."""
    if not url:
        return ""
    try:
        parts = urlsplit(unescaped(url.strip() if "://" in url else f"https://{url.strip()}"))
        host = (parts.hostname or "").lower().removeprefix("www.")
    except ValueError:  # malformed (e.g. an unclosed IPv6 bracket) names no profile
        return ""
    host = _HOST_ALIASES.get(host, host)
    return f"{host}{parts.path.rstrip('/')}".lower() if host else ""


def rel_of(link: Link) -> str:
    """The link's rel, normalised: 'rel=me' and 'me' alike, 'sameAs' as 'sameas'."""
    return link.rel.strip().casefold().removeprefix("rel=")


def is_self_declared(link: Link) -> bool:
    """Published by the person as their own (rel=me, sameAs, a profile field), not a mention."""
    return link.verified or rel_of(link) in SELF_RELS


def written_by_user(link: Link) -> bool:
    """Written by the user in their own files, not published by the person."""
    return rel_of(link) in USER_RELS


def rel_label(link: Link) -> str:
    """How a link was published, in words: 'rel=me', 'verified account'."""
    label = REL_LABELS.get(rel_of(link), link.rel)
    if link.verified and rel_of(link) not in ("me", "sameas", "verified"):
        return f"verified {label}"
    return label


@dataclass(frozen=True)
class Edge:
    """One profile linking to another."""

    origin: Key
    origin_label: str
    link: Link

    def describe(self) -> str:
        return f"{rel_label(self.link)} on {self.origin_label}"


@dataclass
class Candidate:
    """A profile that may belong to the contact, with the links that led to it."""

    key: Key
    target: Target
    depth: int
    given: bool = False
    result: SourceResult | None = None
    edges: list[Edge] = field(default_factory=list)
    expanded: bool = False

    def give(self, found_via: str) -> None:
        """Count this profile as given by the user (a URL in their notes), found as said."""
        self.given = True
        cls, identity = self.target
        self.target = (cls, replace(identity, found_via=found_via))
        if self.result is not None:
            self.result = replace(self.result, identity=replace(self.result.identity,
                                                                found_via=found_via))

    @property
    def identity(self) -> Identity:
        return self.result.identity if self.result else self.target[1]

    @property
    def label(self) -> str:
        return self.identity.label()

    def urls(self) -> set[str]:
        """Every URL under which other profiles may link to this one."""
        found = {url_key(self.target[1].url), url_key(self.identity.url)}
        for identity in (self.target[1], self.identity):
            if identity.platform == "website" and identity.handle:
                found.add(url_key(identity.handle))
        return found - {""}

    def links(self) -> tuple[Link, ...]:
        """Links the profile publishes, plus handles and URLs named in its bio."""
        if not (self.result and self.result.ok):
            return ()
        harvest = self.result.harvest
        published = {url_key(link.url) for link in harvest.links}
        named = [link for fact in harvest.facts if fact.kind in _BIO_KINDS
                 for link in bio_links(fact.text, fact.evidence)
                 if url_key(link.url) not in published]
        return harvest.links + tuple({url_key(lk.url): lk for lk in named}.values())

    def links_to(self, other: Candidate, *, declared: bool = False) -> bool:
        """Whether this profile links to other; declared: only by a link it declares as its
        owner's (rel=me, a website or blog field, sameAs), not a URL its bio mentions ("Looking
        for the procurement Marit? She is at marit.example" is no claim to be her)."""
        targets = other.urls()
        links = [lk for lk in self.links() if is_self_declared(lk)] if declared else self.links()
        return any(url_key(link.url) in targets for link in links)


# Hosts of platforms that are never someone's personal website.
PLATFORM_HOSTS = frozenset({"x.com", "twitter.com", "bsky.app", "linkedin.com", "facebook.com",
                            "instagram.com", "github.com", "gravatar.com", "threads.net",
                            "youtube.com", "tiktok.com", "mastodon.social"})


def _is_platform_profile(url: str) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")  # url_key vetted the URL
    # Mastodon and other fediverse servers live on any host; their profiles are /@user.
    return host in PLATFORM_HOSTS or bool(re.match(r"^/@[\w.-]+/?$", parts.path))


_BIO_KINDS = frozenset({"bio", "summary", "headline"})
_BIO_PATTERNS = (
    (re.compile(r"https?://[^\s<>\"')\]]+"), "{0}"),
    (re.compile(r"(?<![\w/@])@([A-Za-z0-9_]+)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})"),
     "https://{2}/@{1}"),
    (re.compile(r"(?<![\w/.])(?:www\.)?github\.com/([A-Za-z0-9-]+)"), "https://github.com/{1}"),
    (re.compile(r"(?<![\w/])@([a-z0-9-]+\.bsky\.social)"), "https://bsky.app/profile/{1}"),
)


def bio_links(text: str, evidence: Evidence) -> list[Link]:
    """Profile URLs and handles (@user@server, github.com/user) named in a bio's text."""
    found: list[Link] = []
    for pattern, template in _BIO_PATTERNS:
        for match in pattern.finditer(text):
            url = template.format(match.group(0), *match.groups()).rstrip(".,;:!?")
            found.append(Link(url, "bio", evidence))
    return found


def route_link(link: Link, found_via: str) -> Target | None:
    """The (source, identity) a self-published link leads to, or None when not followed."""
    from prebrief import plan

    url = unescaped(link.url.strip())
    if not url.startswith(("http://", "https://")) or not url_key(url):
        return None
    # An unknown host is read as a personal website only when declared as the person's own;
    # a bio link to a news site or an employer is not a profile.
    if plan.route_url(url) is None and not is_self_declared(link):
        return None
    if plan.route_url(url) is None and _is_platform_profile(url):
        return None  # a platform whose source is not installed: not a personal website
    try:
        return plan.route_for_url(url, found_via=found_via)
    except (PrebriefError, ValueError):  # a link no source can take is simply not followed
        return None


def read_facts(candidate: Candidate, kind: str) -> list[Fact]:
    """The candidate's facts of one kind with a text, where its profile was read."""
    result = candidate.result
    if result is None or not result.ok:
        return []
    return [f for f in result.harvest.facts if f.kind == kind and f.text]
