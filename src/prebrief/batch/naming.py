"""Safe, unique, readable file names for a contact's briefing."""

from __future__ import annotations

import re
import unicodedata

from prebrief.models import ContactQuery

MAX_STEM = 60


def slug(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.casefold()).strip("-")


def file_stem(query: ContactQuery) -> str:
    """'marit-vandersloot-norrbrook-logistics-3f9a1c2b': no path parts, no collisions between
    namesakes (the contact key is in the name), portable to every file system."""
    words = slug(" ".join(v for v in (query.name, query.company) if v)) or "contact"
    return f"{words[:MAX_STEM].rstrip('-')}-{query.key()[:8]}"
