"""Pure helpers over HTML: JSON-LD, meta tags (both property= and name= forms), rel=me, h-card."""

from __future__ import annotations

import json
import re
import warnings
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from prebrief.extract.text import clean_text

if TYPE_CHECKING:
    from bs4 import BeautifulSoup


def parse_html(markup: str | bytes | BeautifulSoup) -> BeautifulSoup:
    """Parse HTML leniently; never raises on broken markup. A tree already parsed is
    returned as it is (a source that looked at a page first hands on its tree).

    bs4 is imported here, not at module level: importing it (with soupsieve and the tree
    builders) costs ~150 ms, which planning a run does not need, and which a batch pays in a
    background warm-up while its first requests are in flight (prebrief.warm)."""
    from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning

    if isinstance(markup, BeautifulSoup):
        return markup
    with warnings.catch_warnings():
        # We always pass markup, never a path; short text that looks like one is still markup.
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        try:
            return BeautifulSoup(markup, "lxml")
        except Exception:  # noqa: BLE001 - lxml can reject some byte soups; fall back
            return BeautifulSoup(markup, "html.parser")


def decode_page(raw: bytes) -> str:
    """A saved page's text in the encoding it declares (a BOM, <meta charset>), else UTF-8,
    else Windows-1252: as a browser reads it. A page saved by an older browser or tool in
    windows-1252 read as UTF-8 turned "Zoë Müller" into "Zo� M�ller"."""
    import codecs

    from bs4.dammit import EncodingDetector

    body, bom = EncodingDetector.strip_byte_order_mark(raw)
    declared = bom or EncodingDetector.find_declared_encoding(body, is_html=True)
    # No statistical guess: it read a windows-1252 page without a declaration as
    # windows-1250 ("Řdegĺrd"), where a browser falls back as this does.
    for encoding in (declared, "utf-8"):
        try:
            if encoding and codecs.lookup(encoding):
                return body.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("windows-1252", errors="replace")


def saved_from(soup: BeautifulSoup) -> tuple[str | None, str | None]:
    """Where a saved page says it came from: the URL it declares (og:url, else its canonical
    link) and the site's name (og:site_name, else the last part of its <title> after " | "
    or " / ", as "Name - Acme | LinkedIn" and "Name (@name) / X" have it)."""
    meta = meta_tags(soup)
    url = first_meta(meta, "og:url")
    if not url:
        link = soup.find("link", rel="canonical")
        href = link.get("href") if link is not None else None
        url = href if isinstance(href, str) else None
    site = first_meta(meta, "og:site_name")
    if not site:
        title = page_title(soup) or ""
        parts = re.split(r"\s[|/]\s", title)
        site = parts[-1].strip() if len(parts) > 1 else None
    return (url.strip() if url else None), site


def json_ld_objects(soup: BeautifulSoup) -> list[dict[str, Any]]:
    """Every JSON-LD node on the page, with arrays and ``@graph`` flattened. Bad blocks skipped."""
    nodes: list[dict[str, Any]] = []
    for script in soup.find_all("script", attrs={"type": re.compile(r"ld\+json", re.I)}):
        raw = script.string or script.get_text() or ""
        try:
            data = json.loads(raw.strip().removeprefix("<!--").removesuffix("-->"))
        except ValueError:
            continue
        _flatten(data, nodes)
    return nodes


def _flatten(data: Any, out: list[dict[str, Any]]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, out)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list):
            _flatten(graph, out)
        if "@type" in data:
            out.append(data)


def has_type(node: Any, *names: str) -> bool:
    if not isinstance(node, dict):
        return False
    types = node.get("@type")
    types = types if isinstance(types, list) else [types]
    wanted = {n.lower() for n in names}
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1].lower() in wanted for t in types)


def find_typed(nodes: list[dict[str, Any]], *names: str) -> list[dict[str, Any]]:
    return [n for n in nodes if has_type(n, *names)]


def meta_tags(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Meta values keyed by lower-cased ``property`` or ``name`` (LinkedIn used both for og:)."""
    out: dict[str, list[str]] = {}
    for tag in soup.find_all("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        value = tag.get("content")
        if isinstance(key, str) and isinstance(value, str) and value.strip():
            out.setdefault(key.strip().lower(), []).append(clean_text(value))
    return out


def first_meta(meta: dict[str, list[str]], *keys: str) -> str | None:
    for key in keys:
        values = meta.get(key.lower())
        if values:
            return values[0]
    return None


def rel_me_links(soup: BeautifulSoup, base_url: str | None = None) -> list[str]:
    """Links marked rel="me" on <a> and <link>, absolute, in page order, deduplicated."""
    seen: dict[str, None] = {}
    for tag in soup.find_all(["a", "link"], href=True):
        rels = tag.get("rel") or []
        rels = rels.split() if isinstance(rels, str) else rels
        if any(r.lower() == "me" for r in rels):
            href = urljoin(base_url or "", tag["href"].strip())
            if href.startswith(("http://", "https://")):
                seen.setdefault(href, None)
    return list(seen)


def hcards(doc: str | BeautifulSoup, url: str | None = None) -> list[dict[str, Any]]:
    """Top-level microformats2 h-card items (mf2py), as ``{property: [values]}`` dicts.

    Given the page's parsed soup, mf2py reads it rather than parsing the markup again
    (~1.5 ms a page) and copies what it would change, so the soup is left as it was."""
    import mf2py

    try:
        parsed = mf2py.parse(doc=doc, url=url, html_parser="lxml")
    except Exception:  # noqa: BLE001 - mf2py on hostile markup; h-card is optional
        return []
    return [item.get("properties", {}) for item in parsed.get("items", [])
            if "h-card" in item.get("type", [])]


def page_title(soup: BeautifulSoup) -> str | None:
    title = soup.find("title")
    return clean_text(title.get_text()) if title else None
