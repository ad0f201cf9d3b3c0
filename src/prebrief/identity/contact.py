"""Discovery on its own, for `prebrief discover`: the contact's profiles without a briefing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from prebrief.models import ContactQuery, Identity

if TYPE_CHECKING:
    import httpx

    from prebrief.config import RunOptions
    from prebrief.http.settings import HttpSettings


@dataclass(frozen=True)
class DiscoveryReport:
    """Every candidate with its verdict, and how many requests finding them took."""

    identities: tuple[Identity, ...]
    requests: int


async def discover_contact(query: ContactQuery, http: HttpSettings, options: RunOptions, *,
                           transport: httpx.AsyncBaseTransport | None = None,
                           store: Any = None) -> DiscoveryReport:
    """Run the given identities' sources, then discovery; no classification, no sheet."""
    from prebrief.briefing import Gatherer
    from prebrief.identity.crawl import discover
    from prebrief.plan import plan_targets

    targets = plan_targets(query)
    if store is None and http.replay is None:
        from prebrief.store import open_store

        store = open_store(http.cache_dir)

    def make_client() -> httpx.AsyncClient:
        from prebrief.http.client import build_client

        return build_client(http, store=store, transport=transport)

    gatherer = Gatherer(make_client, http, options, query, store)
    try:
        results = await gatherer.run_all(targets)
        _, identities = await discover(gatherer, results, targets)
    finally:
        await gatherer.aclose()
    return DiscoveryReport(tuple(identities), gatherer.requests)


def identity_row(identity: Identity) -> dict[str, object]:
    """One candidate as plain data for --json."""
    return {"platform": identity.platform, "handle": identity.handle, "url": identity.url,
            "outcome": identity.outcome, "confidence": identity.confidence,
            "found_via": identity.found_via, "reasons": list(identity.reasons)}


def format_table(identities: tuple[Identity, ...], *, verbose: bool) -> str:
    """Candidates as an aligned table, each followed by its reasons; rejected ones only with -v."""
    shown = [i for i in identities if verbose or i.outcome != "rejected"]
    lines = [f"{'outcome':<9} {'conf':>4}  {'platform':<10} profile  (found via)"]
    for identity in shown:
        lines.append(f"{identity.outcome:<9} {identity.confidence:>4.2f}  "
                     f"{identity.platform:<10} {identity.label()}  ({identity.found_via})")
        lines += [f"{'':<26}- {reason}" for reason in identity.reasons]
    if any(i.outcome == "possible" for i in identities):
        lines.append("Possible profiles are not used; to confirm one, pass it with --url URL.")
    hidden = len(identities) - len(shown)
    if hidden:
        lines.append(f"{hidden} rejected candidate(s) not shown; -v lists them.")
    return "\n".join(lines) + "\n"
