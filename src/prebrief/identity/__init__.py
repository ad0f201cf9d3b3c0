"""Discovery and resolution of one person's profiles, with a confidence and reasons for each.

From what the user gave, follow the links people publish about themselves (rel=me, JSON-LD
sameAs, verified fields, GitHub blog) to further profiles, then decide for each candidate:
accepted (its facts enter the briefing), possible (listed for the user to confirm, facts
unused) or rejected (dropped; shown with -v). Precision comes first: a wrong-person match is
the worst failure, so only verified or well-supported links are accepted.
"""

from __future__ import annotations

from prebrief.identity.crawl import discover, judge_given

__all__ = ["discover", "judge_given"]
