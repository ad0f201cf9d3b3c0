"""The user's own profile for common ground (--me or the config file's `me`)."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from prebrief.errors import UsageError
from prebrief.models import Education, Evidence, MeProfile, Role

_TEXT_KEYS = ("name", "company", "city")
_LIST_KEYS = ("interests", "skills", "schools")


def load_me(path: str) -> MeProfile | None:
    """Load the user's profile: a directory or ZIP is a LinkedIn export, anything else TOML."""
    target = Path(path).expanduser()
    if not target.exists():
        raise UsageError(f"--me file not found: {target.name}",
                         hint="pass your LinkedIn export (ZIP or folder) or a small TOML file")
    if target.is_dir() or target.suffix.lower() == ".zip":
        return _from_export(str(target))
    try:
        data = tomllib.loads(target.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{target.name} is not valid TOML: {exc}",
                         hint="see `prebrief brief --help` for the --me file format") from None
    return me_from_mapping(data, target.name)


def _from_export(path: str) -> MeProfile | None:
    try:
        from prebrief.sources.linkedin_export import read_me_profile
    except ImportError:  # the export reader may not be installed in this build
        raise UsageError(f"{Path(path).name}: reading LinkedIn exports is not available",
                         hint="describe yourself in a TOML file instead") from None
    me = read_me_profile(path)
    if not (me.name or me.company or me.roles or me.education or me.skills):
        raise UsageError(f"{Path(path).name}: no profile found in this LinkedIn export",
                         hint="pass the ZIP LinkedIn sends you, or its unpacked folder")
    return me


def me_from_mapping(data: dict[str, Any], label: str) -> MeProfile:
    """Validate the TOML shape; every problem names the file and the key."""
    ev = Evidence("me", "your --me file", file=label)
    for key in _TEXT_KEYS:
        if key in data and not isinstance(data[key], str):
            raise UsageError(f"{label}: `{key}` must be a string")
    for key in _LIST_KEYS:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"{label}: `{key}` must be a list of strings")
    return MeProfile(
        name=data.get("name"), company=data.get("company"), city=data.get("city"),
        roles=tuple(_role(r, label, ev) for r in _tables(data, "roles", label)),
        education=tuple(Education(s, ev) for s in data.get("schools", [])),
        interests=tuple(data.get("interests", [])), skills=tuple(data.get("skills", [])),
        source=label)


def _tables(data: dict[str, Any], key: str, label: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise UsageError(f"{label}: `{key}` must be an array of tables ([[{key}]])")
    return value


def _role(table: dict[str, Any], label: str, ev: Evidence) -> Role:
    fields = {k: table.get(k) for k in ("title", "organization", "start", "end")}
    if any(v is not None and not isinstance(v, str) for v in fields.values()):
        raise UsageError(f"{label}: roles need string title, organization, start and end")
    if not (fields["title"] or fields["organization"]):
        raise UsageError(f"{label}: each [[roles]] needs a title or an organization")
    return Role(fields["title"], fields["organization"], ev, start=fields["start"],
                end=fields["end"], current=fields["end"] is None)
