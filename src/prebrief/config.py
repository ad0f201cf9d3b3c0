"""Run settings: where the cache lives, which tokens are present, the user's config file."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prebrief.errors import UsageError

# Environment variables that may hold secrets; read once, passed explicitly, never logged.
TOKEN_ENV = ("GITHUB_TOKEN", "X_BEARER_TOKEN", "FACEBOOK_ACCESS_TOKEN", "GRAVATAR_API_KEY")


def default_cache_dir(cwd: Path | None = None) -> Path:
    """``$PREBRIEF_CACHE_DIR``, else ``./cache`` inside a prebrief checkout, else the user cache."""
    env = os.environ.get("PREBRIEF_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    cwd = cwd or Path.cwd()
    if (cwd / "pyproject.toml").is_file() and (cwd / "src" / "prebrief").is_dir():
        return cwd / "cache"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "prebrief"


_chosen_cache_dir: Path | None = None  # the running command's --cache-dir (choose_cache_dir)


def choose_cache_dir(path: Path) -> None:
    """Make path the cache directory for the rest of the running command, so what is cached
    outside the HTTP store (the classifier's build, prebrief.classify.compiled) lies beside
    that command's responses. The CLI resets it after each command (command_scope)."""
    global _chosen_cache_dir
    _chosen_cache_dir = Path(path)


def cache_dir() -> Path:
    """The running command's cache directory (choose_cache_dir), else default_cache_dir()."""
    return _chosen_cache_dir if _chosen_cache_dir is not None else default_cache_dir()


@contextmanager
def command_scope() -> Iterator[None]:
    """Run one command: a cache directory it chooses is forgotten when it ends (several
    commands run in one process under tests)."""
    global _chosen_cache_dir
    before = _chosen_cache_dir
    try:
        yield
    finally:
        _chosen_cache_dir = before


def config_path() -> Path:
    env = os.environ.get("PREBRIEF_CONFIG")
    if env:
        return Path(env).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "prebrief" / "config.toml"


def load_config(path: Path | None = None) -> dict[str, Any]:
    """The user's config file (TOML), or {} when there is none."""
    path = path or config_path()
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML ({exc})",
                         hint="Fix or remove the config file.") from None


def token_env(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    environ = os.environ if environ is None else environ
    return {k: environ[k] for k in TOKEN_ENV if environ.get(k, "").strip()}


@dataclass(frozen=True)
class RunOptions:
    """How one run gathers: discovery on or off, the request budget, the user's profile."""

    discover: bool = True
    depth: int = 2
    budget: int = 40
    photos: bool = False
    me_path: str | None = None
    env: Mapping[str, str] = field(default_factory=dict)
