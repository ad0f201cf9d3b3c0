"""Reading contact lists: CSV with flexible headers (or JSONL), streamed, bad rows reported.

A CSV record may span lines inside quotes; one whose quotes never close within a few lines is
reported as broken and reading resumes on the next line, so one bad row never eats the rest.
A CSV's encoding is decided once for the whole file and its delimiter by its header, so the
exports of a European Excel (semicolons, Windows-1252, UTF-16 "Unicode text") read as they are.
"""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from prebrief.calendar.ics import Attendee
from prebrief.calendar.names import guest_labels
from prebrief.errors import UsageError
from prebrief.models import ContactQuery

FIELDS = ("name", "first_name", "last_name", "company", "email", "location", "website",
          "github", "linkedin", "x", "facebook", "mastodon", "bluesky", "url", "title",
          "linkedin_pdf")
PLATFORMS = ("website", "github", "linkedin", "x", "facebook", "mastodon", "bluesky")
MAX_RECORD_LINES = 20
DELIMITERS = (",", ";", "\t")
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))
# Without a BOM: UTF-8 if the whole file is, else what Excel writes on a Western European
# Windows; Latin-1 decodes any byte, so a file is never refused for its encoding alone.
FALLBACK_ENCODINGS = ("utf-8", "cp1252")


@dataclass(frozen=True)
class Row:
    """One input row: a contact to brief, or the reason it was skipped."""

    line: int
    query: ContactQuery | None = None
    error: str | None = None
    label: str = ""
    # Briefing extras to attach (e.g. ("meeting", Meeting(...)) from a calendar).
    extras: tuple[tuple[str, object], ...] = ()


def _norm(column: str) -> str:
    return re.sub(r"[^a-z0-9]", "", column.casefold())


@cache
def _aliases() -> dict[str, str]:
    raw = json.loads(resources.files("prebrief.data").joinpath("columns.json").read_text())
    return {alias: field for field, aliases in raw.items() if not field.startswith("_")
            for alias in aliases}


def parse_mapping(items: list[str]) -> dict[str, str]:
    """`--map "Account Owner Email=email"` pairs -> {normalised column: field}."""
    mapping = {}
    for item in items:
        column, sep, field = item.partition("=")
        if not sep or field.strip() not in FIELDS:
            raise UsageError(f"bad --map {item!r}", hint=f"Use COLUMN=FIELD with FIELD one of "
                             f"{', '.join(FIELDS)}.")
        mapping[_norm(column)] = field.strip()
    return mapping


def column_fields(header: list[str], mapping: Mapping[str, str]) -> dict[int, str]:
    """Which field each recognised column feeds."""
    aliases = _aliases() | dict(mapping)
    return {i: aliases[_norm(c)] for i, c in enumerate(header) if _norm(c) in aliases}


def query_from(values: Mapping[str, str], folder: Path | None = None) -> ContactQuery | str:
    """A ContactQuery, or why the row cannot be one. A LinkedIn PDF's path is read relative to
    folder (the contact list's), so a list and the PDFs saved beside it move together."""
    v = {k: (values.get(k) or "").strip() for k in FIELDS}
    name = v["name"] or " ".join(x for x in (v["first_name"], v["last_name"]) if x)
    handles = tuple((p, v[p]) for p in PLATFORMS if v[p])
    urls = tuple(u for u in v["url"].split() if u.startswith(("http://", "https://")))
    if v["linkedin_pdf"].startswith(("http://", "https://")):  # a link, not a saved file
        urls, v["linkedin_pdf"] = (*urls, v["linkedin_pdf"]), ""
    if not (name or v["email"] or handles or urls or v["linkedin_pdf"]):
        return "no name and no identifier (e-mail, profile URL, handle or LinkedIn PDF)"
    if v["email"] and "@" not in v["email"]:
        return f"not an e-mail address: {v['email']!r}"
    pdf = Path(v["linkedin_pdf"]).expanduser() if v["linkedin_pdf"] else None
    if pdf is not None and folder is not None and not pdf.is_absolute():
        pdf = folder / pdf
    return ContactQuery(name=name or None, company=v["company"] or None,
                        email=v["email"] or None, location=v["location"] or None,
                        handles=handles, urls=urls,
                        files=(("linkedin_pdf", str(pdf)),) if pdf is not None else ())


def read_rows(path: Path, mapping: Mapping[str, str] | None = None) -> Iterator[Row]:
    """Rows of a CSV or JSONL file, one at a time, in file order."""
    mapping = mapping or {}
    jsonl = path.suffix.lower() in (".jsonl", ".ndjson")
    try:
        if jsonl:
            handle = open(path, "rb")  # noqa: SIM115 - closed by the generator below
        else:  # newline="": a line break inside quotes stays part of its cell
            handle = open(path, encoding=file_encoding(path), errors="replace", newline="")  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    with handle:
        if jsonl:
            yield from _jsonl_rows(handle, mapping, path.parent)
        else:
            yield from _csv_rows(handle, mapping, path.parent)


def file_encoding(path: Path) -> str:
    """The encoding of the whole file, decided once: its BOM's, else the first of
    FALLBACK_ENCODINGS that decodes every byte of it, else Latin-1."""
    with open(path, "rb") as fh:
        head = fh.read(4)
        for bom, encoding in BOMS:
            if head.startswith(bom):
                return encoding
        for encoding in FALLBACK_ENCODINGS:
            fh.seek(0)
            if _decodes(fh, encoding):
                return encoding
    return "latin-1"


def _decodes(fh, encoding: str) -> bool:  # noqa: ANN001
    """Whether the rest of a binary file decodes, read in chunks (memory stays flat)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        for chunk in iter(lambda: fh.read(1 << 16), b""):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _decode(raw: bytes, first: bool) -> str | None:
    try:
        return raw.decode("utf-8-sig" if first else "utf-8")
    except UnicodeDecodeError:
        return None


def _jsonl_rows(handle, mapping: Mapping[str, str], folder: Path) -> Iterator[Row]:  # noqa: ANN001
    for number, raw in enumerate(handle, start=1):
        text = _decode(raw, number == 1)
        if text is None:
            yield Row(number, error="not UTF-8 text")
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except ValueError as exc:
            yield Row(number, error=f"not valid JSON ({exc.msg})")
            continue
        if not isinstance(record, dict):
            yield Row(number, error="not a JSON object")
            continue
        values = {mapping.get(_norm(k), k): str(v) for k, v in record.items()
                  if isinstance(v, (str, int))}
        yield _row(number, values, folder)


def _row(number: int, values: Mapping[str, str], folder: Path) -> Row:
    result = query_from(values, folder)
    if isinstance(result, str):
        return Row(number, error=result)
    return Row(number, query=result, label=_label(result))


def _label(query: ContactQuery) -> str:
    """What the log, journal and index call a contact: never an e-mail address in clear, so one
    known only by it is 'guest at example.com', as `prebrief calendar` names such a person."""
    if query.name or not query.email:
        return query.name or "contact"
    guest = Attendee(email=query.email.casefold())
    return guest_labels([guest])[guest.email]


def _records(handle) -> Iterator[tuple[int, str | None]]:  # noqa: ANN001
    """(first line number, text) per CSV record; text None for a runaway one.

    A record whose quote does not close within MAX_RECORD_LINES (or by the end of the file)
    costs only its first line: the lines after it are read again as records of their own.
    """
    lines = enumerate(handle, start=1)
    replay: list[tuple[int, str]] = []
    pending: list[tuple[int, str]] = []
    while True:
        item = replay.pop(0) if replay else next(lines, None)
        if item is None:
            if not pending:
                return
            yield pending[0][0], None
            replay, pending = pending[1:], []
            continue
        pending.append(item)
        joined = "".join(t for _, t in pending)
        if joined.count('"') % 2 == 0:
            yield pending[0][0], joined
            pending = []
        elif len(pending) >= MAX_RECORD_LINES:
            yield pending[0][0], None
            replay[:0] = pending[1:]
            pending = []


def _csv_rows(handle, mapping: Mapping[str, str], folder: Path) -> Iterator[Row]:  # noqa: ANN001
    fields: dict[int, str] | None = None
    delimiter = ","
    for number, text in _records(handle):
        if text is None:
            yield Row(number, error="unreadable row (a quote that never closes)")
            continue
        if not text.strip():
            continue
        try:
            if fields is None:  # until the header, lines are a preamble ("Notes: ...")
                fields, delimiter = _header(text, mapping) or (None, delimiter)
                continue
            cells = _cells(text, delimiter)
        except csv.Error as exc:
            yield Row(number, error=f"broken CSV ({exc})")
            continue
        values: dict[str, str] = {}
        for i, field in fields.items():
            if i < len(cells) and cells[i].strip():
                values.setdefault(field, cells[i])
        if not any(c.strip() for c in cells):
            continue
        yield _row(number, values, folder)
    if fields is None:
        raise UsageError("no header row with a name, e-mail or profile column found",
                         hint="Name the columns (e.g. First Name, Last Name, Email, Company) "
                              "or map yours with --map COLUMN=FIELD.")


def _cells(text: str, delimiter: str) -> list[str]:
    return next(csv.reader([text.rstrip("\r\n")], delimiter=delimiter), [])


def _header(text: str, mapping: Mapping[str, str]) -> tuple[dict[int, str], str] | None:
    """A header's columns and delimiter: of comma, semicolon and tab, the one that makes the
    most columns known (a one-column header keeps the comma); None if no delimiter makes it
    a header."""
    best: tuple[dict[int, str], str] | None = None
    for delimiter in DELIMITERS:
        found = column_fields(_cells(text, delimiter), mapping)
        if _is_header(found) and (best is None or len(found) > len(best[0])):
            best = found, delimiter
    return best


def _is_header(fields: dict[int, str]) -> bool:
    found = set(fields.values())
    return bool(found & {"name", "first_name", "last_name", "email", "url", *PLATFORMS})
