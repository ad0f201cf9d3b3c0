"""Split mixed lines ("Proud dad | CTO at Acme | opinions my own") into parts."""

from __future__ import annotations

import re

# Strong separators: pipes, bullets, dashes between spaces, semicolons, line breaks, sentence ends.
_STRONG = re.compile(r"\s*(?:[|•·▪●/]|\s[-–—]\s|;|\n+|(?<=[.!?])\s+(?=[A-Z\"'#@(]))\s*")
_MAY_SPLIT = re.compile(r"[|•·▪●/;,\n.!?]|\s[-–—]\s")  # cheap test before the real split
_COMMA = re.compile(r"\s*,\s*")
_SHORT_CHUNK = 6  # words; comma lists of short chunks are bio fragments, not prose


def split_parts(text: str, *, commas: bool = True) -> list[str]:
    """Candidate parts of a mixed line, in order; a single part when nothing splits. commas:
    whether short comma-separated chunks are parts too (a bio's "Dad of 2, runner, CTO");
    not in a sentence the user wrote, whose chunks lean on each other ("Votes for the Forum
    voor Democratie, very vocal about it at dinner": its second half is about the first)."""
    if not _MAY_SPLIT.search(text):
        return [text.strip()]
    parts: list[str] = []
    for piece in _STRONG.split(text):
        piece = piece.strip(" ,.")
        if not piece:
            continue
        chunks = [c for c in _COMMA.split(piece) if c] if commas else [piece]
        if len(chunks) > 1 and all(len(c.split()) <= _SHORT_CHUNK for c in chunks):
            parts.extend(chunks)
        else:
            parts.append(piece)
    return parts or [text.strip()]
