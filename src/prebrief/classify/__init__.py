"""Signal classifier: professional vs personal, sensitive categories, topic, and a reason.

Rules, lexicons and priors are data files under ``data/`` (loaded lazily on first use);
the code here only applies them. Quality is measured by ``prebrief eval-classifier``.
"""

from __future__ import annotations

from prebrief.classify.core import classify_facts, classify_parts, classify_text

__all__ = ["classify_facts", "classify_parts", "classify_text"]
