"""Source registry, filled by discovery: every module in ``prebrief.sources`` that defines a
``Source`` subclass with a ``name`` is a source. Built-ins register exactly like new ones."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from prebrief.sources.base import Source

_NOT_SOURCES = frozenset({"base", "registry"})


@cache
def all_sources() -> dict[str, type[Source]]:
    """Name -> Source class for every discovered source, in priority then name order."""
    import prebrief.sources as package

    found: dict[str, type[Source]] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name in _NOT_SOURCES or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for obj in vars(module).values():
            if (isinstance(obj, type) and issubclass(obj, Source) and obj is not Source
                    and obj.name and obj.__module__ == module.__name__):
                found[obj.name] = obj
    return dict(sorted(found.items(), key=lambda kv: (kv[1].priority, kv[0])))


def get_source(name: str) -> type[Source]:
    return all_sources()[name]


def platform_of(name: str) -> str:
    """The source whose profile a source's results describe: its own name, or the one it
    stands in for (Source.stands_in_for); a name no source has is its own."""
    source = all_sources().get(name)
    return source.stands_in_for or name if source else name


def route_url(url: str) -> tuple[type[Source], str] | None:
    """The source whose URL patterns match ``url``, with the handle, if any."""
    for source in all_sources().values():
        handle = source.match_url(url)
        if handle:
            return source, handle
    return None
