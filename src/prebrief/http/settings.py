"""Settings for the HTTP stack; plain data, so commands can build them without importing httpx."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from prebrief import USER_AGENT

DEFAULT_MAX_BODY = 5 * 1024 * 1024


@dataclass(frozen=True)
class HostPolicy:
    """How hard we may press one host: concurrent requests, and a token bucket of ``burst``
    request starts refilled at one per ``min_interval`` seconds."""

    concurrency: int = 2
    min_interval: float = 0.5
    burst: int = 1


@dataclass(frozen=True)
class HttpSettings:
    """Everything that shapes how prebrief talks to the network."""

    cache_dir: Path
    refresh: bool = False
    offline: bool = False
    replay: Path | None = None
    record: Path | None = None
    max_body: int = DEFAULT_MAX_BODY
    retry_cap: float = 30.0
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    max_redirects: int = 5
    policies: dict[str, HostPolicy] = field(default_factory=dict)
    user_agent: str = USER_AGENT
