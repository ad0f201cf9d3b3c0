"""The Source contract: what a platform module declares and the one coroutine it implements.

A source module defines one ``Source`` subclass. The registry finds it by discovery, so adding a
platform is ``sources/<name>.py`` plus ``tests/fixtures/<name>/`` and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar

from prebrief.errors import (
    BlockedError,
    FetchError,
    InputFileError,
    NotAvailable,
    ParseError,
    PrebriefError,
    RateLimited,
)
from prebrief.models import ContactQuery, Evidence, Harvest, Identity, SourceResult, Status
from prebrief.vet import vet_harvest

if TYPE_CHECKING:
    from prebrief.http.fetcher import Fetcher


@dataclass(frozen=True)
class SourceCase:
    """A fixture-backed test case a source carries with it.

    ``fixture`` names a directory under ``tests/fixtures/<source>/`` in replay format
    (``manifest.json`` + bodies) or, for file sources, a file there. ``expect`` maps
    keys to expected values; see ``tests/test_source_cases.py`` for the keys understood.
    """

    name: str
    target: Identity
    fixture: str
    expect: Mapping[str, Any] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)
    query: ContactQuery | None = None


@dataclass
class SourceContext:
    """What a running source may use: its own fetcher, the query, tokens and the clock."""

    fetcher: Fetcher
    query: ContactQuery
    env: Mapping[str, str]
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def token(self, name: str | None) -> str | None:
        value = self.env.get(name) if name else None
        return value.strip() or None if value else None


class Source:
    """Base class of every platform module."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    description: ClassVar[str] = ""  # what it reads, one line
    # Regexes over URLs with a named group ``handle``; used to route URLs to this source.
    url_patterns: ClassVar[tuple[str, ...]] = ()
    # CLI option that takes a handle/URL (``--github``) and/or a file (``--linkedin-pdf``).
    option: ClassVar[str | None] = None
    file_option: ClassVar[str | None] = None
    takes_email: ClassVar[bool] = False
    token_env: ClassVar[str | None] = None
    token_required: ClassVar[bool] = False
    # Hosts the token may be sent to; never any other.
    token_hosts: ClassVar[tuple[str, ...]] = ()
    ttl: ClassVar[timedelta] = timedelta(days=7)
    # Lower runs first when several sources describe the same field (API before page).
    priority: ClassVar[int] = 50
    cases: ClassVar[tuple[SourceCase, ...]] = ()
    # Shown when the source cannot be read, saying what legitimate path remains.
    hint: ClassVar[str | None] = None
    # The source whose profile this one's file holds (a LinkedIn "Save to PDF" holds the
    # LinkedIn profile): when this one is read, that one's failure needs no hint.
    stands_in_for: ClassVar[str | None] = None
    # A file this source reads is dated by when it was saved (Source.evidence): a saved page
    # or an export holds the profile as it was then. The user's own notes are not dated.
    dates_files: ClassVar[bool] = True
    # What a page saved from this platform calls the site (its og:site_name, or the last part
    # of its <title> after " | " or " / "): "Name - Acme | LinkedIn", "Name (@name) / X".
    page_marks: ClassVar[tuple[str, ...]] = ()

    # ---- routing -------------------------------------------------------------------------
    @classmethod
    def match_url(cls, url: str) -> str | None:
        """Return the handle if ``url`` belongs to this source, else None."""
        for pattern in cls.url_patterns:
            m = re.match(pattern, url.strip(), re.IGNORECASE)
            if m:
                return m.group("handle")
        return None

    @classmethod
    def identity_for(cls, value: str, *, found_via: str = "given by the user") -> Identity:
        """Turn a handle or URL given for this source into an Identity."""
        handle = cls.match_url(value) if "/" in value else value.strip().lstrip("@")
        url = value if value.startswith(("http://", "https://")) else cls.profile_url(handle)
        return Identity(cls.name, handle=handle, url=url, found_via=found_via)

    @classmethod
    def identity_for_file(cls, path: str) -> Identity:
        return Identity(cls.name, file=str(path), found_via="file supplied by the user")

    @classmethod
    def identity_for_email(cls, email: str) -> Identity:
        """Identity for an e-mail-driven source; sources that take e-mail override this."""
        raise NotImplementedError(f"{cls.name} does not take an e-mail address")

    @classmethod
    def profile_url(cls, handle: str | None) -> str | None:
        """Canonical profile URL for a handle, when the platform has one."""
        return None

    @classmethod
    def readiness(cls, env: Mapping[str, str]) -> tuple[bool, str]:
        """Whether the source can run now, and what works without its token."""
        if cls.token_env and not (env.get(cls.token_env) or "").strip():
            if cls.token_required and cls.file_option:
                return False, f"API needs {cls.token_env}; {cls.file_option} works without it"
            if cls.token_required:
                return False, f"needs {cls.token_env}"
            return True, f"anonymous; {cls.token_env} raises the rate limit"
        return True, f"{cls.token_env} set" if cls.token_env else "no token needed"

    # ---- running -------------------------------------------------------------------------
    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        """Turn one identity (or user file) into facts. Implemented by each platform."""
        raise NotImplementedError

    async def run(self, target: Identity, ctx: SourceContext) -> SourceResult:
        """Run ``collect`` and turn every failure into a recorded status, never an exception;
        what it returns loses e-mail addresses, phone numbers and non-web URLs (prebrief.vet)."""
        started = ctx.now
        try:
            harvest = await self.collect(target, ctx)
        except PrebriefError as exc:
            return self.failed(target, exc, started, env=ctx.env)
        except (KeyError, TypeError, IndexError, AttributeError, ValueError) as exc:
            err = ParseError(f"unexpected data shape ({type(exc).__name__}: {exc})",
                             url=target.url, source=self.name)
            return self.failed(target, err, started)
        except Exception as exc:  # noqa: BLE001 - what no extractor foresaw fails this source only
            # Named by its type alone: its text may hold a local path, and reports name files
            # without their folders.
            err = PrebriefError(f"could not be read: an unexpected {type(exc).__name__}",
                                hint="This is a bug in prebrief; please report it.")
            return self.failed(target, err, started)
        # The one pass all sources share, before the result is cached or printed.
        harvest = vet_harvest(harvest)
        identity = harvest.identity or target
        # When the data was retrieved, which for cached or replayed data is not now.
        stamps = [f.evidence.retrieved_at for f in harvest.facts if f.evidence.retrieved_at]
        return SourceResult(
            self.name, Status.OK, identity, message=harvest.note or "",
            fetched_at=max(stamps, default=started), harvest=harvest,
        )

    def failed(self, target: Identity, exc: PrebriefError, started: datetime,
               env: Mapping[str, str] | None = None) -> SourceResult:
        status = Status(exc.status)
        hint = exc.hint
        # A result is written into reports (and the cache): a user file by its name only.
        message = exc.shared_message if isinstance(exc, InputFileError) else exc.message
        if isinstance(exc, (BlockedError, RateLimited)) and not hint:
            # "Set GITHUB_TOKEN to raise the limit" is no help to one who has set it.
            has_token = bool(self.token_env and (env or {}).get(self.token_env, "").strip())
            hint = None if has_token and self.token_env in (self.hint or "") else self.hint
        missing = (exc.url,) if isinstance(exc, NotAvailable) and exc.url else ()
        return SourceResult(
            self.name, status, target, message=message, hint=hint,
            fetched_at=started, missing=missing,
        )

    # ---- helpers for subclasses ----------------------------------------------------------
    def evidence(self, method: str, *, url: str | None = None, file: str | None = None,
                 retrieved_at: datetime | None = None) -> Evidence:
        """Provenance of a fact this source read. A fact read from a file, with no date of
        its own, is dated by when the file was saved (see dates_files)."""
        if file and retrieved_at is None and self.dates_files:
            from prebrief.reuse import file_saved_at

            retrieved_at = file_saved_at(file)
        return Evidence(self.name, method, url=url, file=file, retrieved_at=retrieved_at)

    def skipped(self, target: Identity, message: str, hint: str | None = None) -> SourceResult:
        return SourceResult(self.name, Status.SKIPPED, target, message=message,
                            hint=hint or self.hint)

    @staticmethod
    def read_file(path: str, *, max_bytes: int = 20 * 1024 * 1024) -> bytes:
        """Read a user-supplied file with a clear error naming it. The size is checked on
        what is read, not on what the file system reports: a pipe (`--notes <(...)`) or a
        device reports 0 bytes, and /dev/zero would never end."""
        p = Path(path)
        try:
            if p.stat().st_size > max_bytes:
                raise InputFileError(path, too_large(max_bytes))
            with p.open("rb") as stream:
                return read_bounded(stream, max_bytes, path)
        except FileNotFoundError:
            raise InputFileError(path, "no such file") from None
        except IsADirectoryError:
            raise InputFileError(path, "is a directory, expected a file") from None
        except PermissionError:
            raise InputFileError(path, "permission denied") from None


# Posts read from a saved page, at most: a page scrolled for an hour holds thousands (an
# outside tester's 11,000 made an 11 MB JSON); the APIs' sources ask for 20 to 40.
MAX_SAVED_POSTS = 40


def read_page(source: Source, path: str) -> tuple[str, Any]:
    """A web page the user saved, for source: its text, decoded as the page declares it (a
    BOM, <meta charset>) as a browser would, and its parsed tree. A binary file, or a page
    saved from another platform (a Facebook page given as --linkedin-html), is an
    InputFileError that names the option which reads it."""
    from prebrief.extract.html import decode_page, parse_html, saved_from
    from prebrief.extract.text import UTF16_BOMS

    raw = source.read_file(path)
    if not raw.strip():
        raise InputFileError(path, "is empty")
    if b"\x00" in raw[:4096] and not raw.startswith(UTF16_BOMS):
        raise InputFileError(path, "is a binary file, not a saved web page")
    markup = decode_page(raw)
    soup = parse_html(markup)
    other = _platform_of_page(*saved_from(soup))
    if other is not None and other.name != source.name:
        hint = f"Pass it as {other.file_option} instead." if other.file_option else None
        raise InputFileError(path, f"is a page saved from {other.label}, not from "
                             f"{source.label}", hint=hint)
    return markup, soup


def _platform_of_page(url: str | None, site: str | None) -> type[Source] | None:
    """The source whose platform a saved page says it came from: by the URL it declares, else
    by the name it gives the site; None where it names no platform prebrief reads."""
    from prebrief.sources.registry import all_sources, route_url

    routed = route_url(url) if url else None
    if routed:
        return routed[0]
    wanted = (site or "").strip().casefold()
    return next((cls for cls in all_sources().values()
                 if wanted and wanted in (m.casefold() for m in cls.page_marks)), None)


def too_large(max_bytes: int) -> str:
    return f"larger than {max_bytes // (1024 * 1024)} MB"


def read_bounded(stream: BinaryIO, max_bytes: int, label: str) -> bytes:
    """At most max_bytes from a stream (a file, a pipe, standard input); more is an error
    naming label, not a read without end."""
    raw = stream.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise InputFileError(label, too_large(max_bytes))
    return raw


def retarget(identity: Identity, **changes: Any) -> Identity:
    """Copy an identity with changed fields (canonical URL, resolved handle)."""
    return replace(identity, **changes)


def blocked(message: str, *, url: str | None, source: str, hint: str | None) -> FetchError:
    return BlockedError(message, url=url, source=source, hint=hint)
