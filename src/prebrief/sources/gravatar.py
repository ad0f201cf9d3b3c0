"""Gravatar: the v3 profile for the SHA-256 of an e-mail address, with verified accounts.

The address itself never leaves this module: only its hash is sent, cached or shown.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from prebrief.errors import ParseError, UsageError
from prebrief.extract.text import clean_text, truncate
from prebrief.models import Evidence, Fact, Harvest, Identity, Link, Role
from prebrief.sources.base import Source, SourceCase, SourceContext

API = "https://api.gravatar.com/v3/profiles"
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email_hash(email: str) -> str:
    """Gravatar's profile identifier: SHA-256 of the trimmed, lower-cased address."""
    address = email.strip().lower()
    if not _EMAIL.match(address):
        raise UsageError("not an e-mail address", hint="Pass --email name@example.com.")
    return hashlib.sha256(address.encode()).hexdigest()


class GravatarSource(Source):
    name = "gravatar"
    label = "Gravatar"
    description = "v3 profile for the e-mail's SHA-256 (the address is never sent): job, " \
                  "company, location, verified accounts"
    takes_email = True
    token_env = "GRAVATAR_API_KEY"
    token_hosts = ("api.gravatar.com",)
    priority = 60
    hint = "Set GRAVATAR_API_KEY to raise Gravatar's limit from 100 to 1,000 requests an hour."
    cases = (
        SourceCase("profile", Identity("gravatar", handle=hashlib.sha256(
            b"saskia@brekke.example").hexdigest()), "profile",
            expect={"facts": [("name", "Saskia Lindqvist"), ("headline", "Head of Data"),
                              ("location", "Gothenburg"), ("bio", "regattas")],
                    "roles": [("Head of Data", "Brekke Freight", True)],
                    "links": ["github.com/slindqvist", "social.example/@saskia"]}),
        SourceCase("not-found", Identity("gravatar", handle="0" * 64), "not-found",
                   expect={"status": "not_found"}),
        SourceCase("rate-limited", Identity("gravatar", handle="1" * 64), "rate-limited",
                   expect={"status": "rate_limited", "hint": "GRAVATAR_API_KEY"}),
    )

    @classmethod
    def identity_for_email(cls, email: str) -> Identity:
        return Identity(cls.name, handle=email_hash(email),
                        found_via="e-mail address given by the user (sent only as a hash)")

    @classmethod
    def identity_for(cls, value: str, *, found_via: str = "given by the user") -> Identity:
        if "@" in value:
            return cls.identity_for_email(value)
        return Identity(cls.name, handle=value.strip().lower(), found_via=found_via)

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        got = await ctx.fetcher.get_json(f"{API}/{target.handle}")
        body = got.json()
        if not isinstance(body, dict):
            raise ParseError("Gravatar profile is not an object", url=got.url, source=self.name)
        url = body.get("profile_url") if isinstance(body.get("profile_url"), str) else None
        ev = self.evidence("Gravatar API v3 profile", url=url or got.url,
                           retrieved_at=got.retrieved_at)
        facts, roles = self._profile(body, ev)
        links = [Link(a["url"], "verified", ev, verified=True)
                 for a in body.get("verified_accounts") or []
                 if isinstance(a, dict) and isinstance(a.get("url"), str)
                 and a["url"].startswith(("http://", "https://")) and not a.get("is_hidden")]
        links += [Link(a["url"], "website", ev) for a in body.get("links") or []
                  if isinstance(a, dict) and isinstance(a.get("url"), str)
                  and a["url"].startswith(("http://", "https://"))]
        identity = Identity(self.name, handle=target.handle, url=url,
                            found_via=target.found_via, confidence=target.confidence,
                            outcome=target.outcome, reasons=target.reasons)
        return Harvest(facts=tuple(facts), roles=tuple(roles), links=tuple(links),
                       identity=identity)

    def _profile(self, body: dict[str, Any], ev: Evidence) -> tuple[list[Fact], list[Role]]:
        def text(key: str) -> str:
            value = body.get(key)
            return clean_text(value) if isinstance(value, str) else ""

        facts: list[Fact] = []
        for key, kind in (("display_name", "name"), ("location", "location"),
                          ("description", "bio"), ("timezone", "timezone")):
            if text(key):
                facts.append(Fact(kind, truncate(text(key), 500), ev))
        if text("avatar_url"):
            facts.append(Fact("photo", text("avatar_url"), ev))
        roles: list[Role] = []
        if text("job_title") or text("company"):
            headline = " at ".join(v for v in (text("job_title"), text("company")) if v)
            facts.append(Fact("headline", headline, ev))
            roles.append(Role(text("job_title") or None, text("company") or None, ev,
                              current=True))
        for language in body.get("languages") or []:
            if isinstance(language, dict) and isinstance(language.get("name"), str):
                facts.append(Fact("language", clean_text(language["name"]), ev))
        for interest in body.get("interests") or []:
            if isinstance(interest, dict) and isinstance(interest.get("name"), str):
                facts.append(Fact("interest", clean_text(interest["name"]), ev))
        return facts, roles
