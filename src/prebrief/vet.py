"""What a source returned, made fit to cache and print: one pass, in Source.run, that every
source's harvest goes through before it is cached, classified or rendered.

Texts lose e-mail addresses and phone numbers (prebrief.redact); a URL that is not a plain
http(s) address (``javascript:``, or markup a saved page smuggled into an href) is dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from prebrief.models import Evidence, Fact, Harvest, Identity, Role
from prebrief.redact import withhold_contact_details

# Never unescaped in a URL (RFC 3986): whitespace, controls, quotes, angle brackets and co.
_NOT_IN_URL = re.compile(r"[\x00-\x20\x7f<>\"{}|\\^`]")


def web_url(url: str | None) -> str | None:
    """url if it is an http(s) address with a host and nothing a URL cannot hold, else None."""
    if not url or _NOT_IN_URL.search(url):
        return None
    try:
        parts = urlsplit(url)
        return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None
    except ValueError:  # an unclosed IPv6 bracket, a bad port
        return None


def vet_harvest(harvest: Harvest) -> Harvest:
    """harvest with contact details withheld from its texts and only web URLs kept."""
    links = tuple(replace(link, url=url, evidence=vet_evidence(link.evidence))
                  for link in harvest.links if (url := web_url(link.url.strip())))
    return replace(
        harvest, facts=tuple(_fact(f) for f in harvest.facts),
        roles=tuple(_role(r) for r in harvest.roles),
        education=tuple(replace(e, evidence=vet_evidence(e.evidence))
                        for e in harvest.education),
        links=links, identity=vet_identity(harvest.identity))


def vet_evidence(evidence: Evidence) -> Evidence:
    return replace(evidence, url=web_url(evidence.url),
                   method=withhold_contact_details(evidence.method))


def vet_identity(identity: Identity | None) -> Identity | None:
    return replace(identity, url=web_url(identity.url)) if identity else None


def _fact(fact: Fact) -> Fact:
    return replace(fact, text=withhold_contact_details(fact.text),
                   evidence=vet_evidence(fact.evidence))


def _role(role: Role) -> Role:
    description = withhold_contact_details(role.description) if role.description else None
    return replace(role, description=description, evidence=vet_evidence(role.evidence))
