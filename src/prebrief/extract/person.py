"""Pure: a personal page's HTML -> the owner's profile (JSON-LD Person, then meta, then h-card)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from prebrief.extract.html import (find_typed, first_meta, hcards, json_ld_objects, meta_tags,
                                   page_title, parse_html, rel_me_links)
from prebrief.extract.text import clean_text, html_to_text


@dataclass
class PageProfile:
    """What a personal page says about its owner; each field notes how it was found."""

    name: str | None = None
    job_title: str | None = None
    organization: str | None = None
    description: str | None = None
    location: str | None = None
    photo: str | None = None
    schools: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)
    rel_me: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    about_links: list[str] = field(default_factory=list)
    methods: dict[str, str] = field(default_factory=dict)

    def set(self, attr: str, value: Any, method: str) -> None:
        """Fill a field once: earlier (more structured) extractors win."""
        text = clean_text(value) if isinstance(value, str) else None
        if text and not getattr(self, attr):
            setattr(self, attr, text)
            self.methods[attr] = method

    def has_person(self) -> bool:
        return bool(self.job_title or self.organization or self.description)


def _names(value: Any) -> list[str]:
    """A schema.org value that may be a string, an object with ``name``, or a list of either."""
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict) and isinstance(item.get("name"), str):
            out.append(item["name"])
    return [clean_text(v) for v in out if clean_text(v)]


def _address(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value:
        return _address(value[0])
    if isinstance(value, dict):
        parts = [value.get(k) for k in ("addressLocality", "addressRegion", "addressCountry")]
        return ", ".join(p for p in parts if isinstance(p, str) and p.strip()) or None
    return None


def _urls(value: Any, base: str) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        url = item if isinstance(item, str) else item.get("url") if isinstance(item, dict) else None
        if isinstance(url, str):
            absolute = urljoin(base, url.strip())
            if absolute.startswith(("http://", "https://")):
                out.append(absolute)
    return out


def _owner(people: list[dict[str, Any]], url: str) -> dict[str, Any] | None:
    """The Person node that represents the page owner: same URL first, else the first one."""
    for person in people:
        if any(_same_page(u, url) for u in _urls(person.get("url"), url)):
            return person
    return people[0] if people else None


def _same_page(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return pa.netloc.lower() == pb.netloc.lower() and pa.path.rstrip("/") == pb.path.rstrip("/")


def read_jsonld(profile: PageProfile, nodes: list[dict[str, Any]], url: str) -> None:
    person = _owner(find_typed(nodes, "Person"), url)
    if person is None:
        return
    how = "JSON-LD Person"
    profile.set("name", person.get("name"), f"{how}.name")
    titles = _names(person.get("jobTitle"))
    profile.set("job_title", titles[0] if titles else None, f"{how}.jobTitle")
    orgs = _names(person.get("worksFor"))
    profile.set("organization", orgs[0] if orgs else None, f"{how}.worksFor")
    profile.set("description", person.get("description"), f"{how}.description")
    profile.set("location", _address(person.get("address")), f"{how}.address")
    photo = _urls(person.get("image"), url)
    profile.set("photo", photo[0] if photo else None, f"{how}.image")
    alumni = person.get("alumniOf")
    for node in alumni if isinstance(alumni, list) else [alumni]:
        if isinstance(node, dict) and "Organization" in str(node.get("@type", "")):
            profile.schools.extend(_names(node))
        elif isinstance(node, str):
            profile.schools.append(clean_text(node))
    profile.same_as.extend(_urls(person.get("sameAs"), url))


def read_meta(profile: PageProfile, meta: dict[str, list[str]]) -> None:
    profile.set("name", first_meta(meta, "og:title", "author"), "OpenGraph og:title")
    profile.set("description", first_meta(meta, "og:description", "description",
                                          "twitter:description"), "meta description")
    profile.set("photo", first_meta(meta, "og:image"), "OpenGraph og:image")
    creator = first_meta(meta, "twitter:creator")
    if creator and creator.startswith("@") and len(creator) > 1:
        profile.same_as.append(f"https://x.com/{creator[1:]}")


def read_hcard(profile: PageProfile, doc: Any, url: str) -> None:
    cards = hcards(doc, url)
    card = next((c for c in cards if any(_same_page(u, url) for u in c.get("url", [])
                                        if isinstance(u, str))), cards[0] if cards else None)
    if not card:
        return

    def first(prop: str) -> str | None:
        for value in card.get(prop, []):
            if isinstance(value, dict):
                value = value.get("value") or (value.get("properties", {}).get("name") or [None])[0]
            if isinstance(value, str) and value.strip():
                return value
        return None

    profile.set("name", first("name"), "h-card p-name")
    profile.set("job_title", first("job-title"), "h-card p-job-title")
    profile.set("organization", first("org"), "h-card p-org")
    profile.set("description", first("note"), "h-card p-note")
    place = [p for p in (first("locality"), first("region"), first("country-name")) if p]
    profile.set("location", ", ".join(place) or None, "h-card p-locality")
    profile.set("photo", first("photo"), "h-card u-photo")


def read_page(markup: str, url: str) -> PageProfile:
    """Everything the page says about its owner, most structured source first."""
    soup = parse_html(markup)
    profile = PageProfile()
    read_jsonld(profile, json_ld_objects(soup), url)
    read_hcard(profile, soup, url)
    read_meta(profile, meta_tags(soup))
    profile.set("name", page_title(soup), "<title>")
    profile.rel_me = rel_me_links(soup, url)
    host = urlsplit(url).netloc.lower()
    for link in soup.find_all("link", href=True):
        kind = str(link.get("type") or "").lower()
        rels = [r.lower() for r in (link.get("rel") or [])]
        if "alternate" in rels and kind in ("application/rss+xml", "application/atom+xml"):
            feed = urljoin(url, link["href"])
            if urlsplit(feed).netloc.lower() == host:
                profile.feeds.append(feed)
    for a in soup.find_all("a", href=True):
        if clean_text(a.get_text()).lower() in ("about", "about me", "over mij", "über mich"):
            target = urljoin(url, a["href"])
            if urlsplit(target).netloc.lower() == host and not _same_page(target, url):
                profile.about_links.append(target)
    if profile.description:
        profile.description = html_to_text(profile.description)
    return profile
