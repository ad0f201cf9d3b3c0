"""Turn a ContactQuery into the (source, identity) pairs to run."""

from __future__ import annotations

from prebrief.errors import UsageError
from prebrief.models import ContactQuery, Identity
from prebrief.sources.base import Source
from prebrief.sources.registry import all_sources, route_url

Target = tuple[type[Source], Identity]


def plan_targets(query: ContactQuery) -> list[Target]:
    """Every explicit handle, URL, file and e-mail routed to its source, deduplicated."""
    sources = all_sources()
    targets: list[Target] = []
    for name, value in query.handles:
        cls = _source(sources, name)
        targets.append((cls, cls.identity_for(value)))
    for url in query.urls:
        targets.append(route_for_url(url))
    for name, path in query.files:
        cls = _source(sources, name)
        targets.append((cls, cls.identity_for_file(path)))
    if query.email:
        for cls in sources.values():
            if cls.takes_email:
                targets.append((cls, cls.identity_for_email(query.email)))
    return dedupe(targets)


def route_for_url(url: str, *, found_via: str = "given by the user") -> Target:
    if not url.startswith(("http://", "https://")):
        raise UsageError(f"not a web address: {url!r}", hint="URLs start with https://")
    routed = route_url(url)
    if routed is not None:
        cls = routed[0]
    else:
        cls = _source(all_sources(), "website")
    return cls, cls.identity_for(url, found_via=found_via)


def identity_key(identity: Identity) -> tuple[str, str]:
    value = identity.file or (identity.handle or "").casefold() or (identity.url or "").rstrip("/")
    return identity.platform, value


def dedupe(targets: list[Target]) -> list[Target]:
    seen: set[tuple[str, str]] = set()
    out: list[Target] = []
    for cls, identity in targets:
        key = identity_key(identity)
        if key not in seen:
            seen.add(key)
            out.append((cls, identity))
    return out


def _source(sources: dict[str, type[Source]], name: str) -> type[Source]:
    try:
        return sources[name]
    except KeyError:
        raise UsageError(f"unknown source {name!r}",
                         hint="`prebrief sources` lists the available sources.") from None
