"""Who a snapshot belongs to: hashed identifier keys, strongest first, and conflict checks.

A snapshot is indexed under every key, so a later run that knows the person by one more
handle (or one fewer) still finds it. Keys are hashes: the store never holds an e-mail address.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from prebrief.models import Briefing, ContactQuery, Identity

# Kinds that identify a person on their own; name+company is the weak fallback.
WEAK = "name_company"


def _digest(kind: str, value: str) -> str:
    return f"{kind}:" + hashlib.sha256(f"{kind}\x1f{value}".encode()).hexdigest()[:32]


def _identity_value(identity: Identity) -> str | None:
    value = identity.handle or (identity.url or "")
    value = value.casefold().removeprefix("https://").removeprefix("http://")
    return value.removeprefix("www.").rstrip("/") or None


def identifiers(query: ContactQuery, identities: Iterable[Identity] = ()) -> list[str]:
    """Hashed keys for this contact, strongest first: e-mail, profiles, then name+company."""
    from prebrief.plan import plan_targets
    from prebrief.sheet.text import norm, norm_org

    keys: list[str] = []
    if query.email and query.email.strip():
        keys.append(_digest("email", query.email.strip().casefold()))
    given = [identity for _, identity in plan_targets(query)]
    for identity in [*given, *identities]:
        value = _identity_value(identity)
        if value and not identity.file and identity.outcome == "accepted":
            keys.append(_digest(identity.platform, value))
    if query.name and query.company:
        keys.append(_digest(WEAK, f"{norm(query.name)}\x1f{norm_org(query.company)}"))
    return list(dict.fromkeys(keys))


def briefing_identifiers(query: ContactQuery, briefing: Briefing) -> list[str]:
    """The query's keys plus every accepted profile the run found."""
    return identifiers(query, briefing.identities)


def kinds(keys: Iterable[str]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for key in keys:
        kind, _, _ = key.partition(":")
        out.setdefault(kind, set()).add(key)
    return out


def conflicts(stored: Iterable[str], wanted: Iterable[str], *, weak_match: bool) -> bool:
    """Whether a stored snapshot is someone else's: a different e-mail always says so; when
    only name+company matched, so does a different profile on any platform both have."""
    old, new = kinds(stored), kinds(wanted)
    checked = [k for k in old if k in new and k != WEAK] if weak_match else ["email"]
    return any(k in old and k in new and not old[k] & new[k] for k in checked)
