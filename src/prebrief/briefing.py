"""gather -> resolve -> classify -> Briefing. No I/O of its own beyond running sources."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from prebrief import __version__
from prebrief.config import RunOptions
from prebrief.merge import merge_person
from prebrief.models import Briefing, ContactQuery, Identity, SourceResult, Status
from prebrief.plan import Target, identity_key, plan_targets
from prebrief.reuse import file_stamp
from prebrief.sources.base import SourceContext
from prebrief.sources.registry import all_sources

if TYPE_CHECKING:
    import httpx

    from prebrief.http.settings import HttpSettings
    from prebrief.http.fetcher import Fetcher


class Gatherer:
    """Runs sources for one contact over one shared client (and so one set of host limits).

    Extracted results are cached per source and identity, so a rerun within the sources' TTL
    neither imports the HTTP and HTML machinery nor parses anything again.
    """

    def __init__(self, client_factory: Callable[[], httpx.AsyncClient], http: HttpSettings,
                 options: RunOptions, query: ContactQuery, store: Any = None,
                 now: datetime | None = None) -> None:
        self._client_factory = client_factory
        self.now = now
        self._client: httpx.AsyncClient | None = None
        self.http = http
        self.options = options
        self.query = query
        self.store = store
        self.requests = 0

    @property
    def client(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = self._client_factory()
        return self._client

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()

    def fetcher(self, cls: Any) -> Fetcher:
        from prebrief.http.fetcher import Fetcher

        token = (self.options.env.get(cls.token_env) or "").strip() if cls.token_env else ""
        auth = {"Authorization": f"Bearer {token}"} if token else {}
        return Fetcher(self.client, source=cls.name, ttl=cls.ttl.total_seconds(),
                       contact=self.query.key(), auth=auth, token_hosts=cls.token_hosts,
                       max_body=self.http.max_body)

    async def run_one(self, target: Target) -> SourceResult:
        cls, identity = target
        key = self._result_key(target)
        if key and not self.http.refresh:
            cached = self.store.get(key)
            if cached is not None:
                return cached
        fetcher = self.fetcher(cls)
        ctx = SourceContext(fetcher=fetcher, query=self.query, env=self.options.env,
                            now=self.now or datetime.now(UTC))
        result = await cls().run(identity, ctx)
        self.requests += fetcher.requests
        if key and result.status in (Status.OK, Status.NOT_FOUND):
            self.store.set(key, result, expire=cls.ttl.total_seconds(), tag=self.query.key())
        return result

    def _result_key(self, target: Target) -> str | None:
        """Cache key for a source's result; None where results must not be reused."""
        if self.store is None or self.http.replay is not None:
            return None
        cls, identity = target
        stamp = file_stamp(identity.file) if identity.file else ""
        if stamp is None:
            return None  # a file that cannot be read: let the run say so
        token = "token" if cls.token_env and self.options.env.get(cls.token_env) else ""
        return (f"result:{__version__}:{cls.name}:{identity_key(identity)}:{stamp}:{token}:"
                f"{self.query.key()}")

    async def run_all(self, targets: Iterable[Target]) -> list[SourceResult]:
        """Run targets concurrently; results come back in the order given."""
        import asyncio

        targets = list(targets)
        # Network sources start first: their requests go out at their first await, and the
        # file parsers' CPU work (a PDF, an export) then overlaps the wait for answers.
        order = sorted(range(len(targets)), key=lambda i: targets[i][1].file is not None)
        done = await asyncio.gather(*(self.run_one(targets[i]) for i in order))
        results: list[SourceResult | None] = [None] * len(targets)
        for i, result in zip(order, done, strict=True):
            results[i] = result
        return [r for r in results if r is not None]


async def gather(query: ContactQuery, http: HttpSettings, options: RunOptions, *,
                 client: httpx.AsyncClient | None = None, store: Any = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 now: datetime | None = None) -> Briefing:
    """Gather everything public about one contact and assemble the briefing."""
    targets = plan_targets(query)
    if store is None and http.replay is None:
        from prebrief.store import open_store

        store = open_store(http.cache_dir)

    def make_client() -> httpx.AsyncClient:
        from prebrief.http.client import build_client

        return client or build_client(http, store=store, transport=transport)

    if store is not None:
        from prebrief.store import note_contact

        note_contact(store, query)  # what `cache forget` finds this contact's entries by
    gatherer = Gatherer(make_client, http, options, query, store, now=now)
    try:
        results = await gatherer.run_all(targets)
        if options.discover:
            from prebrief.identity import discover

            results, identities = await discover(gatherer, results, targets)
        else:
            from prebrief.identity import judge_given

            results, identities = judge_given(query, results, targets)
        briefing = assemble(query, results, identities, now=now)
        briefing = await enrich(briefing, gatherer)
    finally:
        if client is None:
            await gatherer.aclose()
    if store is not None and http.replay is None and not http.offline:
        from prebrief.reuse import save_briefing

        ttl = min((all_sources()[r.source].ttl.total_seconds() for r in briefing.sources
                   if r.source in all_sources()), default=3600)
        save_briefing(store, query, options, briefing, ttl)
    return briefing


async def enrich(briefing: Briefing, gatherer: Gatherer) -> Briefing:
    """Add what the sheet needs beyond the sources: the user's own profile, the photo."""
    options = gatherer.options
    if options.me_path:
        from prebrief.me import load_me

        me = load_me(options.me_path)
        if me is not None:
            briefing = briefing.with_extras(me=me)
    if options.photos and briefing.person.photo_url:
        from prebrief.photos import embed_photo

        data_uri = await embed_photo(gatherer, briefing.person.photo_url)
        if data_uri:
            briefing = briefing.with_extras(photo=data_uri)
    return briefing


def assemble(query: ContactQuery, results: list[SourceResult],
             identities: Iterable[Identity], *, now: datetime | None = None) -> Briefing:
    """Merge, classify and package the results of one run."""
    from prebrief.classify import classify_facts
    from prebrief.classify.writer import writer_of_facts
    from prebrief.withhold import withhold

    priority = {name: cls.priority for name, cls in all_sources().items()}
    person = merge_person(results, priority)
    facts = [f for r in results if r.ok for f in r.harvest.facts]
    # Who wrote the contact's texts decides what some partner words reveal ("my husband").
    writer = writer_of_facts(person.name, facts)
    signals = tuple(classify_facts(facts, writer=writer))
    person = withhold(person, signals)  # a sensitive role or headline, as its signal is
    return Briefing(
        person=person, identities=tuple(_unique_identities(identities)), signals=signals,
        sources=tuple(results), generated_at=now or datetime.now(UTC), contact_key=query.key(),
        extras=_extras(results), asked_name=(query.name or "").strip() or None,
        asked_location=(query.location or "").strip() or None,
        asked_company=(query.company or "").strip() or None,
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
