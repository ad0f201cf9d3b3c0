"""The user's own profile for common ground (--me or the config file's `me`)."""

from __future__ import annotations

from prebrief.models import MeProfile


def load_me(path: str) -> MeProfile | None:
    """Load the user's profile from a LinkedIn export or a TOML file. (Issue 5 fills this in.)"""
    return None
