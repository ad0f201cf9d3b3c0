"""gather -> resolve -> classify -> Briefing. No I/O of its own beyond running sources."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import httpx

from prebrief.config import RunOptions
from prebrief.http.client import HttpSettings, build_client
from prebrief.http.fetcher import Fetcher
from prebrief.merge import merge_person
from prebrief.models import Briefing, ContactQuery, Identity, SourceResult, Status
from prebrief.plan import Target, identity_key, plan_targets
from prebrief.sources.base import SourceContext
from prebrief.sources.registry import all_sources


class Gatherer:
    """Runs sources for one contact over one shared client (and so one set of host limits)."""

    def __init__(self, client: httpx.AsyncClient, http: HttpSettings, options: RunOptions,
                 query: ContactQuery) -> None:
        self.client = client
        self.http = http
        self.options = options
        self.query = query
        self.requests = 0

    def fetcher(self, cls: Any) -> Fetcher:
        token = (self.options.env.get(cls.token_env) or "").strip() if cls.token_env else ""
        auth = {"Authorization": f"Bearer {token}"} if token else {}
        return Fetcher(self.client, source=cls.name, ttl=cls.ttl.total_seconds(),
                       contact=self.query.key(), auth=auth, token_hosts=cls.token_hosts,
                       max_body=self.http.max_body)

    async def run_one(self, target: Target) -> SourceResult:
        cls, identity = target
        fetcher = self.fetcher(cls)
        ctx = SourceContext(fetcher=fetcher, query=self.query, env=self.options.env)
        result = await cls().run(identity, ctx)
        self.requests += fetcher.requests
        return result

    async def run_all(self, targets: Iterable[Target]) -> list[SourceResult]:
        return list(await asyncio.gather(*(self.run_one(t) for t in targets)))


async def gather(query: ContactQuery, http: HttpSettings, options: RunOptions, *,
                 client: httpx.AsyncClient | None = None, store: Any = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 now: datetime | None = None) -> Briefing:
    """Gather everything public about one contact and assemble the briefing."""
    targets = plan_targets(query)
    own_client = client is None
    client = client or build_client(http, store=store, transport=transport)
    try:
        gatherer = Gatherer(client, http, options, query)
        results = await gatherer.run_all(targets)
        identities = [r.identity for r in results]
        if options.discover:
            from prebrief.identity import discover

            results, identities = await discover(gatherer, results, targets)
    finally:
        if own_client:
            await client.aclose()
    return assemble(query, results, identities, now=now)


def assemble(query: ContactQuery, results: list[SourceResult],
             identities: Iterable[Identity], *, now: datetime | None = None) -> Briefing:
    """Merge, classify and package the results of one run."""
    from prebrief.classify import classify_facts

    priority = {name: cls.priority for name, cls in all_sources().items()}
    person = merge_person(results, priority)
    facts = [f for r in results if r.ok for f in r.harvest.facts]
    signals = tuple(classify_facts(facts))
    return Briefing(
        person=person, identities=tuple(_unique_identities(identities)), signals=signals,
        sources=tuple(results), generated_at=now or datetime.now(UTC), contact_key=query.key(),
        extras=_extras(results),
    )


def _unique_identities(identities: Iterable[Identity]) -> list[Identity]:
    seen: dict[tuple[str, str], Identity] = {}
    for identity in identities:
        seen.setdefault(identity_key(identity), identity)
    return list(seen.values())


def _extras(results: list[SourceResult]) -> tuple[tuple[str, object], ...]:
    out: dict[str, object] = {}
    for result in results:
        for key, value in result.harvest.extras:
            out.setdefault(key, value)
    return tuple(out.items())


def usable(briefing: Briefing) -> bool:
    """Whether anything worth a sheet was gathered (exit code 1 otherwise)."""
    return any(r.status is Status.OK and r.harvest.facts for r in briefing.sources)
