"""Pure: a LinkedIn public ("guest") profile page -> structured profile.

Fallbacks in order: JSON-LD Person (often absent in 2026), the top-card DOM and data-section
blocks, then OpenGraph (both property= and the older name= form) and its " · " parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from prebrief.extract.dates import activity_id_time, month_year, parse_datetime
from prebrief.extract.html import find_typed, first_meta, json_ld_objects, meta_tags, parse_html
from prebrief.extract.text import clean_text, html_to_text

_MASKED = re.compile(r"^\*+$")
_ACTIVITY = re.compile(r"activity[-:](\d{19})")
_CONNECTIONS = re.compile(r"([\d,.]+\+?)\s+connections", re.I)
_BOILERPLATE = re.compile(r"^View .+ profile on LinkedIn", re.I)
WALL_MARKERS = ("authwall", 'pagekey" content="auth_wall', "challenge-form")
PUBLIC_MARKERS = ("public_profile", "top-card-layout__title", 'og:type" content="profile')


@dataclass
class PageRole:
    title: str | None
    company: str | None
    start: str | None = None
    end: str | None = None
    current: bool = False
    location: str | None = None


@dataclass
class PagePost:
    text: str
    url: str | None
    published: datetime | None
    kind: str = "post"


@dataclass
class GuestProfile:
    name: str | None = None
    headline: str | None = None
    about: str | None = None
    location: str | None = None
    current_company: str | None = None
    school: str | None = None
    connections: str | None = None
    followers: int | None = None
    roles: list[PageRole] = field(default_factory=list)
    schools: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    awards: list[str] = field(default_factory=list)
    posts: list[PagePost] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    methods: dict[str, str] = field(default_factory=dict)

    def set(self, attr: str, value: Any, method: str) -> None:
        text = clean_text(value) if isinstance(value, str) else ""
        if text and not getattr(self, attr):
            setattr(self, attr, text)
            self.methods[attr] = method


def is_wall(markup: str) -> bool:
    """An authwall or challenge page rather than a public profile."""
    lowered = markup.lower()
    return any(m in lowered for m in WALL_MARKERS) and not any(
        m in lowered for m in PUBLIC_MARKERS)


def read_guest_page(markup: str | bytes) -> GuestProfile:
    soup = parse_html(markup)
    profile = GuestProfile()
    _read_jsonld(profile, json_ld_objects(soup))
    _read_dom(profile, soup)
    _read_meta(profile, meta_tags(soup))
    return profile


def _names(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    out = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and clean_text(name) and not _MASKED.match(name.strip()):
            out.append(clean_text(name))
    return out


def _read_jsonld(profile: GuestProfile, nodes: list[dict[str, Any]]) -> None:
    # Posts and articles carry their own JSON-LD even on pages without a Person node.
    for article in find_typed(nodes, "Article", "SocialMediaPosting"):
        title = article.get("headline") or article.get("name")
        if isinstance(title, str) and clean_text(title):
            profile.posts.append(PagePost(clean_text(title), article.get("url") if isinstance(
                article.get("url"), str) else None, parse_datetime(article.get("datePublished")),
                "article"))
    people = find_typed(nodes, "Person")
    person = next((p for p in people if p.get("jobTitle") or p.get("worksFor")), None) or (
        people[0] if people else None)
    if person is None:
        return
    how = "JSON-LD Person"
    profile.set("name", person.get("name"), f"{how}.name")
    profile.set("about", html_to_text(person.get("description")) if isinstance(
        person.get("description"), str) else None, f"{how}.description")
    titles = [clean_text(t) for t in (person.get("jobTitle") if isinstance(
        person.get("jobTitle"), list) else [person.get("jobTitle")]) if isinstance(t, str)]
    employers = [o for o in (person.get("worksFor") or []) if isinstance(o, dict)]
    for i, org in enumerate(employers):
        names = _names(org)  # masked "**********" employers are dropped here
        member = org.get("member") if isinstance(org.get("member"), dict) else {}
        title = titles[i] if i < len(titles) else None
        if names or title:
            profile.roles.append(PageRole(title, names[0] if names else None,
                                          month_year(member.get("startDate")), None, True))
    if titles and not employers:
        profile.roles.append(PageRole(titles[0], None, current=True))
    for node in person.get("alumniOf") or []:
        if not isinstance(node, dict) or not _names(node):
            continue
        member = node.get("member") if isinstance(node.get("member"), dict) else {}
        start, end = member.get("startDate"), member.get("endDate")
        if "Educational" in str(node.get("@type")):
            profile.schools.append((_names(node)[0], _year(start), _year(end)))
        else:
            profile.roles.append(PageRole(clean_text(member.get("description")) or None,
                                          _names(node)[0], month_year(str(start or "")),
                                          month_year(str(end or ""))))
    address = person.get("address")
    if isinstance(address, dict):
        profile.set("location", ", ".join(str(address[k]) for k in (
            "addressLocality", "addressCountry") if address.get(k)), f"{how}.address")
    profile.languages += _names(person.get("knowsLanguage") or [])
    profile.awards += [clean_text(a) for a in person.get("awards") or [] if isinstance(a, str)]
    stat = person.get("interactionStatistic")
    if isinstance(stat, dict) and isinstance(stat.get("userInteractionCount"), int):
        profile.followers = stat["userInteractionCount"]


def _year(value: Any) -> str | None:
    return str(value)[:4] if isinstance(value, (int, str)) and str(value)[:4].isdigit() else None


def _text(node: Any) -> str:
    return clean_text(node.get_text(" ")) if node is not None else ""


def _read_dom(profile: GuestProfile, soup: Any) -> None:
    profile.set("name", _text(soup.select_one("h1.top-card-layout__title")), "top card")
    headline = soup.select_one(".top-card-layout__headline")
    if headline is not None and not headline.select_one(".blur"):
        profile.set("headline", _text(headline), "top card")
    for item in soup.select(".top-card__subline-item"):
        text = _text(item)
        if "connection" in text.lower():
            profile.set("connections", text, "top card")
        elif "follower" in text.lower():
            continue
        else:
            profile.set("location", text, "top card")
    section = soup.select_one('[data-section="summary"]')
    if section is not None:
        profile.set("about", _text(section).removeprefix("About").strip(), "About section")
    if not any(r.start for r in profile.roles):
        for item in soup.select("li.experience-item"):
            _dom_role(profile, item)
    for item in soup.select("li.education__list-item"):
        school = _text(item.select_one("h3") or item.select_one(".education__item--school-name"))
        if school and school not in [s for s, _, _ in profile.schools]:
            profile.schools.append((school, None, None))
    for link in soup.select('[data-section="posts"] a[href], [data-section="articles"] a[href]'):
        _dom_post(profile, link)
    for link in soup.select('[data-section="websites"] a[href]'):
        href = link.get("href", "")
        if href.startswith("http") and "linkedin.com" not in href:
            profile.websites.append(href)


def _dom_role(profile: GuestProfile, item: Any) -> None:
    title_node = item.select_one(".experience-item__title") or item.select_one("h3")
    blurred = title_node is not None and (title_node.select_one(".blur") or "*" * 4 in _text(
        title_node))
    title = None if blurred else _text(title_node) or None
    company = _text(item.select_one(".experience-item__subtitle") or item.select_one("h4"))
    dates = _text(item.select_one(".date-range"))
    m = re.match(r"(?P<start>[A-Za-z]* ?\d{4})\s*-\s*(?P<end>Present|[A-Za-z]* ?\d{4})", dates)
    start = month_year(m.group("start").strip()) if m else None
    end = m.group("end") if m else None
    profile.roles.append(PageRole(title, company or None, start, None if end in (None, "Present")
                                  else month_year(end.strip()), end == "Present"))


def _dom_post(profile: GuestProfile, link: Any) -> None:
    href = link.get("href", "")
    text = _text(link) or _text(link.find_parent("li"))
    m = _ACTIVITY.search(href)
    if not text or any(p.url == href for p in profile.posts):
        return
    kind = "article" if "/pulse/" in href else "post"
    profile.posts.append(PagePost(text, href if href.startswith("http") else None,
                                  activity_id_time(m.group(1)) if m else None, kind))


def _read_meta(profile: GuestProfile, meta: dict[str, list[str]]) -> None:
    title = first_meta(meta, "og:title", "twitter:title") or ""
    name, _, rest = title.removesuffix("| LinkedIn").strip().partition(" - ")
    profile.set("name", name, "OpenGraph og:title")
    description = first_meta(meta, "og:description", "description", "twitter:description")
    if not description:
        return
    if " · " not in description:  # the 2023 form: About text plus a boilerplate tail
        about = re.split(r"\s*View [^.]{0,80}profile on LinkedIn", description)[0]
        profile.set("about", about, "og:description")
        profile.set("headline", rest, "OpenGraph og:title")
        return
    for part in (p.strip() for p in description.split(" · ")):
        if part.startswith("Experience:"):
            profile.set("current_company", part.split(":", 1)[1], "og:description")
        elif part.startswith("Education:"):
            profile.set("school", part.split(":", 1)[1], "og:description")
        elif part.startswith("Location:"):
            profile.set("location", part.split(":", 1)[1], "og:description")
        elif _CONNECTIONS.search(part):
            profile.set("connections", _CONNECTIONS.search(part).group(0), "og:description")
        elif _BOILERPLATE.match(part):
            continue
        elif not profile.headline:
            profile.set("headline", part, "og:description")
        else:
            profile.set("about", part, "og:description")
    profile.set("headline", rest, "OpenGraph og:title")
