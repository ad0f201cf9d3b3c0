"""Keys and safe, unique, readable file names for a contact's briefing."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from prebrief.models import ContactQuery

MAX_STEM = 60


def contact_key(query: ContactQuery) -> str:
    """The batch's key for a contact: ContactQuery.key() plus the profiles and files the row
    names, so two namesakes at one company with different profiles are two contacts, and the
    same row twice is one. ContactQuery.key() (name, company, e-mail) stays the cache's and
    `cache forget`'s key; a row that names no profile keeps it as it is."""
    profiles = sorted({f"{platform}:{_bare(value)}" for platform, value in query.handles}
                      | {_bare(url) for url in query.urls}
                      | {f"{kind}:{path}" for kind, path in query.files})
    if not profiles:
        return query.key()
    return hashlib.sha256("\x1f".join([query.key(), *profiles]).encode()).hexdigest()[:24]


def _bare(value: str) -> str:
    """'https://GitHub.com/Octo/ ' and 'https://github.com/octo' name one profile."""
    return value.strip().casefold().rstrip("/")


class FirstSeen:
    """Where each contact of a list was first met, so a repeated row is briefed once: the same
    contact key, or the same e-mail address (case aside) whatever the rest of the row says."""

    def __init__(self) -> None:
        self._lines: dict[str, int] = {}

    def earlier_line(self, query: ContactQuery, line: int) -> int | None:
        """The line of an earlier row for this contact; None (and this line noted) if new."""
        marks = [f"key:{contact_key(query)}"]
        if query.email:
            marks.append(f"email:{query.email.strip().casefold()}")
        earlier = next((self._lines[m] for m in marks if m in self._lines), None)
        if earlier is None:
            self._lines.update(dict.fromkeys(marks, line))
        return earlier


def slug(text: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", bare.casefold()).strip("-")


def file_stem(query: ContactQuery) -> str:
    """'marit-vandersloot-norrbrook-logistics-3f9a1c2b': no path parts, no collisions between
    namesakes (the contact key is in the name), portable to every file system."""
    words = slug(" ".join(v for v in (query.name, query.company) if v)) or "contact"
    return f"{words[:MAX_STEM].rstrip('-')}-{contact_key(query)[:8]}"
