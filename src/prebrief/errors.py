"""The whole prebrief error tree; every failure the user can see is one of these.

    PrebriefError            .message is for the user; .hint says what to do next
    ├── UsageError           bad input or config                      -> exit 2
    ├── InputFileError       a user-supplied file that cannot be read (names the file)
    ├── FetchError           .url, .source
    │   ├── NetworkError     timeout, DNS, connect, TLS, server error
    │   ├── NotFound         404 / profile absent
    │   ├── BlockedError     999, authwall, 401/403, robots disallow, missing token
    │   ├── RateLimited      429 / quota; .retry_at
    │   ├── TooLarge         body over the size cap
    │   └── NotAvailable     offline cache miss, or not in the replay recording
    └── ParseError           layout changed -> "please report", with the source and URL

HTTP library exceptions are translated in exactly one place: ``prebrief.http.errors``.
"""

from __future__ import annotations

from datetime import datetime


class PrebriefError(Exception):
    """Base of every error prebrief reports to the user."""

    status = "error"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class UsageError(PrebriefError):
    """Bad command-line input or configuration."""


class InputFileError(PrebriefError):
    """A user-supplied file (PDF, saved page, export, notes) that cannot be read."""

    def __init__(self, path: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(f"{path}: {message}", hint=hint)
        self.path = path
        self.reason = message

    @property
    def shared_message(self) -> str:
        """The message as a report may carry it: the file's name, not where it lies."""
        from prebrief.models import file_name

        return f"{file_name(self.path)}: {self.reason}"


class FetchError(PrebriefError):
    """A request for a source failed."""

    def __init__(
        self, message: str, *, url: str | None = None, source: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.url = url
        self.source = source


class NetworkError(FetchError):
    """Timeout, DNS, connect, TLS or server-side failure."""


class NotFound(FetchError):
    """The profile or resource does not exist."""

    status = "not_found"


class BlockedError(FetchError):
    """The platform refuses automated reading (999, authwall, robots, missing token)."""

    status = "blocked"


class RateLimited(FetchError):
    """The platform's rate limit is exhausted for longer than we are willing to wait."""

    status = "rate_limited"

    def __init__(self, message: str, *, retry_at: datetime | None = None, **kw: object) -> None:
        super().__init__(message, **kw)  # type: ignore[arg-type]
        self.retry_at = retry_at


class TooLarge(FetchError):
    """The response body exceeded the size cap."""


class NotAvailable(FetchError):
    """Offline and not cached, or not present in the replay recording."""

    status = "skipped"


class ParseError(PrebriefError):
    """A page or payload did not have the shape we expect (layout changed)."""

    def __init__(
        self, message: str, *, url: str | None = None, source: str | None = None,
        hint: str | None = "The platform may have changed its layout; please report it.",
    ) -> None:
        super().__init__(message, hint=hint)
        self.url = url
        self.source = source
