"""First classifier: a handful of keyword rules, enough to complete the pipeline.

Superseded by the measured classifier (issue 4); kept tiny on purpose.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from prebrief.models import PROFILE_KINDS, Classification, Fact, Signal

_SENSITIVE = {
    "health": r"\b(depress\w*|cancer|chemo\w*|therapy|diagnos\w*|adhd|autis\w*|burn-?out)\b",
    "religion": r"\b(church|mosque|synagogue|faith|prayer|pray\w*|god)\b",
    "politics": r"\b(vot(e|ing)|party member|campaign\w* for|election)\b",
    "union": r"\b(union member|trade union|shop steward)\b",
}
_PROFESSIONAL = r"\b(ceo|cto|vp|head of|manager|engineer|director|team|customers?|product|sales|" \
    r"procurement|supply chain|company|role|hiring|startup|software|open source|release)\b"
_PROFESSIONAL_KINDS = {"headline", "role", "repository", "activity", "skill", "certification",
                       "company", "publication", "education", "article"}


def classify_text(text: str, *, kind: str | None = None,
                  source: str | None = None) -> Classification:
    lowered = text.lower()
    for category, pattern in _SENSITIVE.items():
        m = re.search(pattern, lowered)
        if m:
            return Classification("personal", category, None, 0.6, f"mentions '{m.group(0)}'")
    m = re.search(_PROFESSIONAL, lowered)
    if m:
        return Classification("professional", None, None, 0.6, f"mentions '{m.group(0)}'")
    if kind in _PROFESSIONAL_KINDS:
        return Classification("professional", None, None, 0.55, f"{kind} field")
    return Classification("personal", None, None, 0.5, "no work cues")


def classify_facts(facts: Iterable[Fact]) -> list[Signal]:
    return [Signal.from_fact(f, classify_text(f.text, kind=f.kind, source=f.evidence.source))
            for f in facts if f.kind not in PROFILE_KINDS and f.text]


__all__ = ["classify_text", "classify_facts", "replace"]
