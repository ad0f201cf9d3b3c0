"""Signal classifier: professional vs personal, sensitive categories, topic, and a reason.

Rules, lexicons and priors are data files under ``data/`` (loaded lazily on first use);
the code here only applies them. Quality is measured by ``prebrief eval-classifier``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from prebrief.classify.core import classify_facts, classify_parts, classify_text

__all__ = ["classify_facts", "classify_parts", "classify_text"]


def __getattr__(name: str) -> Any:
    """The entry points, imported on first use: a submodule that needs none of the classifier
    (prebrief.classify.compiled, for `prebrief cache`) is imported without it."""
    if name in __all__:
        from prebrief.classify import core

        return getattr(core, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
