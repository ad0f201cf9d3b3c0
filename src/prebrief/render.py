"""Render a Briefing with Jinja2: HTML (autoescaped, self-contained), Markdown, JSON."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup

from prebrief.models import Briefing
from prebrief.report import briefing_dict, file_label
from prebrief.sheet import build_sheet
from prebrief.sheet.text import counted

FORMATS = ("html", "md", "json")
TEMPLATES = {"html": "briefing.html.j2", "md": "briefing.md.j2"}  # format -> sheet template


def templates_dir() -> Path:
    """Templates ship inside the wheel as prebrief/templates; a checkout has them at the top."""
    packaged = resources.files("prebrief").joinpath("templates")
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "templates"


def safe_url(value: object) -> str:
    """Only absolute http(s) URLs survive (vet.web_url, the test every source's URLs pass);
    anything else (javascript:, data:, markup in an href) becomes ''."""
    from prebrief.vet import web_url

    return web_url(str(value or "").strip()) or ""


# Only what can start formatting inline: with brackets escaped no link or image can form, and
# every value sits after "- " or a label, so line-start markers (#, +, 1.) cannot trigger.
# A "<" is escaped where it could open raw HTML or an autolink (a letter, "/", "!" or "?"
# follows); "Budget < 50k -> approved" and "More -> Save to PDF" stay as written.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~]|<(?=[A-Za-z/!?]))")


def md_escape(value: object) -> str:
    """Plain text safe for Markdown in CRM notes: no raw HTML, no accidental formatting."""
    if isinstance(value, Markup):
        return str(value)
    if value is None:
        return ""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def md_link(text: object, url: object) -> Markup:
    href = safe_url(url)
    label = md_escape(text)
    return Markup(f"[{label}](<{href}>)" if href else label)


def preferred_file(files: list[str], order: tuple[str, ...]) -> str | None:
    """The first of a contact's written files by suffix order (".md" before ".html", say)."""
    for suffix in order:
        for name in files:
            if name.endswith(suffix):
                return name
    return None


@cache
def environment(kind: str) -> Any:
    from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined

    # Compiled templates are reused across runs (a private per-user directory, keyed by each
    # template's checksum), which takes template compilation off every rerun.
    common: dict[str, Any] = {"loader": FileSystemLoader(str(templates_dir())),
                              "undefined": StrictUndefined, "trim_blocks": True,
                              "lstrip_blocks": True,
                              "bytecode_cache": FileSystemBytecodeCache()}
    if kind == "md":
        env = Environment(autoescape=False, finalize=md_escape, **common)
    else:
        env = Environment(autoescape=True, **common)
    env.filters["safe_url"] = safe_url
    env.globals["md_link"] = md_link
    from prebrief.sheet.sections import NOTHING_GIVEN, PRINTED_NOTES

    env.globals["printed_notes"] = PRINTED_NOTES  # what the one-page HTML has room for
    env.globals["nothing_given"] = NOTHING_GIVEN
    env.filters["basename"] = lambda path: file_label(path) or ""
    env.filters["preferred"] = preferred_file
    env.filters["counted"] = counted
    env.filters["date"] = lambda d: d.strftime("%Y-%m-%d") if d else ""
    return env


def render(briefing: Briefing, fmt: str) -> str:
    """Render to one of FORMATS."""
    if fmt == "json":
        import orjson

        # Byte for byte what json.dumps(indent=2, ensure_ascii=False) writes, ~15x faster:
        # the stdlib's C encoder does not indent, so indented output ran in pure Python and
        # was the largest single CPU cost of a batch contact.
        return orjson.dumps(briefing_dict(briefing), option=orjson.OPT_INDENT_2).decode() + "\n"
    return environment(fmt).get_template(TEMPLATES[fmt]).render(**build_sheet(briefing))
