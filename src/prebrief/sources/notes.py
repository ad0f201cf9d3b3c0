"""User notes: what the user read by hand or knows, one fact per line, classified like the rest.

    # From LinkedIn, read 2026-11-20        <- a heading names where the following lines came from
    #cancersurvivor                          <- a hashtag is no heading: a note, classified
    - VP Procurement at Norrbrook Logistics  <- bullets are stripped
    LinkedIn: https://www.linkedin.com/in/…  <- a labelled link is a note and a link: a profile
                                                of a platform prebrief reads counts as given

`--notes -` reads them from standard input: text pasted into the terminal (end with Ctrl-D) or
piped in, so what was copied from a page a platform serves only to signed-in users never has
to be saved to a file.
"""

from __future__ import annotations

import asyncio
import re
import sys

from prebrief.errors import InputFileError
from prebrief.extract.text import UTF16_BOMS, clean_text, decode_text, truncate
from prebrief.models import STDIN, Fact, Harvest, Identity, Link
from prebrief.sources.base import Source, SourceCase, SourceContext, read_bounded

MAX_BYTES = 1024 * 1024
STDIN_LABEL = "(pasted text)"  # how provenance names them ("file (pasted text)")
MAX_LINES = 200
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d+[.)])\s+")
# A Markdown heading: '#' then a space, another '#' or nothing ("#hashtag" is a note).
_HEADING = re.compile(r"^#(?:[#\s]|$)")
HEADING_CHARS = 60  # a longer heading is not a source's name, and is not put in provenance
_LINK = re.compile(r"^(?P<label>[A-Za-z][\w .+-]{0,30}):\s*(?P<url>https?://\S+)$")


def read_stdin(max_bytes: int) -> bytes:
    """Notes pasted or piped in (`--notes -`), up to max_bytes."""
    return read_bounded(sys.stdin.buffer, max_bytes, STDIN_LABEL)


def decode_notes(raw: bytes, path: str) -> str:
    """The notes' text (extract.text.decode_text); binary files are refused."""
    if b"\x00" in raw[:4096] and not raw.startswith(UTF16_BOMS):
        raise InputFileError(path, "is a binary file, not text notes")
    return decode_text(raw)


def heading_context(line: str) -> str:
    """How provenance names the lines under a heading: "user notes (From LinkedIn)", or
    plain "user notes" where the heading is long or reads as sensitive, since provenance is
    printed in clear and never classified."""
    from prebrief.classify import classify_text

    heading = clean_text(line.strip("#"))
    if not heading or len(heading) > HEADING_CHARS:
        return "user notes"
    if classify_text(heading, kind="note", source="notes").sensitive_category:
        return "user notes"
    return f"user notes ({heading})"


class NotesSource(Source):
    name = "notes"
    label = "Your notes"
    description = "your own notes about the contact, one fact per line (user notes provenance)"
    file_option = "--notes"
    dates_files = False  # the user's own words: they hold no platform's data as of a date
    priority = 90
    cases = (
        SourceCase("notes", Identity("notes"), "notes.md",
                   expect={"facts": [("note", "Prefers morning meetings"),
                                     ("note", "VP Procurement")],
                           "links": ["https://www.linkedin.com/in/ilse-marchetti"]}),
        SourceCase("binary", Identity("notes"), "binary.bin",
                   expect={"status": "error", "message": "binary"}),
    )

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        path = target.file or ""
        if path == STDIN:  # pasted text: read off the event loop (a terminal waits for EOF)
            raw = await asyncio.to_thread(read_stdin, MAX_BYTES)
            path = STDIN_LABEL
        else:
            raw = self.read_file(path, max_bytes=MAX_BYTES)
        text = decode_notes(raw, path)
        facts, links = [], []
        context, last = "user notes", 0
        lines = text.splitlines()
        for number, line in enumerate(lines[:MAX_LINES * 4], start=1):
            stripped = line.strip()
            if not stripped:
                continue
            if _HEADING.match(stripped):
                context = heading_context(stripped)
                continue
            content = clean_text(_BULLET.sub("", stripped))
            ev = self.evidence(f"{context}: line {number}", file=path)
            m = _LINK.match(content)
            if m:  # followed where discovery runs, and kept as the note the user wrote
                links.append(Link(m.group("url"), "notes", ev))
            if content:
                facts.append(Fact("note", truncate(content, 500), ev))
                last = number
            if len(facts) >= MAX_LINES:
                break
        if not facts:
            raise InputFileError(path, "has no notes in it (it is empty, or headings only)",
                                 hint="Write one fact per line.")
        unread = sum(1 for line in lines[last:] if line.strip()
                     and not _HEADING.match(line.strip()))
        note = (f"the first {len(facts)} notes were read; {unread} more lines were not"
                if unread else "")
        return Harvest(facts=tuple(facts), links=tuple(links), note=note,
                       identity=Identity(self.name, file=path,
                                         found_via="file supplied by the user (your notes)"))
