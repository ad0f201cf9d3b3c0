"""Discovery and resolution of one person's profiles (issue 6 deepens this)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from prebrief.models import Identity, SourceResult

if TYPE_CHECKING:
    from prebrief.briefing import Gatherer
    from prebrief.plan import Target


async def discover(gatherer: Gatherer, results: list[SourceResult],
                   targets: list[Target]) -> tuple[list[SourceResult], list[Identity]]:
    """Follow self-published links to further profiles. First version: none followed."""
    return results, [r.identity for r in results]
