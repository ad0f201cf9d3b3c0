"""Pure text helpers: whitespace, private-use glyphs, HTML fragments to text."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata

_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
# Control characters (C0, DEL, C1: a terminal's escape sequences), zero-width characters and
# the bidirectional overrides and isolates ("Trojan Source" reordering of what is shown).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029"
                      r"\u202a-\u202e\u2066-\u2069\ufeff]")
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")  # a whole escape sequence
_SPACE = re.compile(r"[ \t\u00a0\u2007\u202f]+")
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<\s*(br|/p|/div|/li)\b[^>]*>", re.I)


def clean_text(value: str | None, *, keep_newlines: bool = False) -> str:
    """Normalise whitespace, drop control and private-use glyphs; never returns None."""
    if not value:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    text = _PRIVATE_USE.sub("", _CONTROL.sub("", _ANSI.sub("", text)))
    if keep_newlines:
        lines = (_SPACE.sub(" ", line).strip() for line in text.splitlines())
        return "\n".join(line for line in lines if line)
    return _SPACE.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()


def html_to_text(fragment: str | None) -> str:
    """A small HTML fragment (a bio, a Mastodon note) to plain text with line breaks kept."""
    if not fragment:
        return ""
    text = _BREAK.sub("\n", fragment)
    text = html.unescape(_TAG.sub("", text))
    return clean_text(text, keep_newlines=True)


def truncate(text: str, limit: int = 280) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def decode_text(raw: bytes) -> str:
    """A text file the user saved, as Windows saves them: UTF-16 with its byte-order mark
    (Notepad's and Excel's "Unicode"), else UTF-8 (with or without BOM), else Windows-1252,
    which older exports and Excel round-trips use."""
    if raw.startswith(UTF16_BOMS):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
