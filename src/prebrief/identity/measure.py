"""Precision and recall of accepted identities on labelled discovery cases.

A case is a query plus the profiles that belong to the person (``own``) and reachable profiles
of other people (``others``); see ``tests/fixtures/web/cases.json``. Only discovered profiles
count: what the query gave is accepted by definition.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prebrief.config import RunOptions
from prebrief.identity.graph import url_key
from prebrief.models import ContactQuery, Identity

if TYPE_CHECKING:
    import httpx

    from prebrief.http.settings import HttpSettings

AS_OF = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@dataclass(frozen=True)
class CaseResult:
    """What discovery accepted for one case, sorted into right, wrong and missed."""

    case_id: str
    namesakes: bool
    right: tuple[str, ...]
    wrong: tuple[str, ...]
    missed: tuple[str, ...]
    identities: tuple[Identity, ...]


def load_cases(path: Path) -> list[dict[str, Any]]:
    return list(json.loads(path.read_text(encoding="utf-8"))["cases"])


def missing_sources(case: dict[str, Any]) -> list[str]:
    """The sources a case needs that are not installed."""
    from prebrief.sources.registry import all_sources

    return [name for name in case.get("requires", ()) if name not in all_sources()]


def query_for(case: dict[str, Any]) -> ContactQuery:
    spec = case["query"]
    return ContactQuery(name=spec.get("name"), company=spec.get("company"),
                        email=spec.get("email"), location=spec.get("location"),
                        handles=tuple(spec.get("handles", {}).items()))


async def run_case(case: dict[str, Any], http: HttpSettings, *,
                   transport: httpx.AsyncBaseTransport | None = None,
                   options: RunOptions | None = None) -> CaseResult:
    """Run the whole pipeline (gather with discovery) on one case and sort its identities."""
    from prebrief.briefing import gather

    briefing = await gather(query_for(case), http, options or RunOptions(), transport=transport,
                            now=AS_OF)
    return grade(case, briefing.identities)


def grade(case: dict[str, Any], identities: tuple[Identity, ...]) -> CaseResult:
    own = {url_key(u) for u in case["own"]}
    # Given identities carry full confidence; only what discovery accepted is graded.
    accepted = {url_key(i.url): i for i in identities
                if i.outcome == "accepted" and i.confidence < 1.0}
    return CaseResult(case["id"], bool(case.get("namesakes")),
                      right=tuple(sorted(k for k in accepted if k in own)),
                      wrong=tuple(sorted(k for k in accepted if k not in own)),
                      missed=tuple(sorted(own - set(accepted))), identities=identities)


def summarize(results: list[CaseResult]) -> dict[str, float | int]:
    """Micro-averaged precision and recall, overall and on the namesake cases."""
    def figures(chosen: list[CaseResult]) -> tuple[float, float]:
        right = sum(len(r.right) for r in chosen)
        wrong = sum(len(r.wrong) for r in chosen)
        missed = sum(len(r.missed) for r in chosen)
        precision = right / (right + wrong) if right + wrong else 1.0
        recall = right / (right + missed) if right + missed else 1.0
        return precision, recall

    precision, recall = figures(results)
    namesake_precision, _ = figures([r for r in results if r.namesakes])
    return {"cases": len(results), "precision": precision, "recall": recall,
            "namesake_precision": namesake_precision,
            "wrong": sum(len(r.wrong) for r in results)}
