"""Personal website: JSON-LD Person, OpenGraph/meta, h-card, rel="me", and the site's feed.

The generic fallback: URLs no other source claims are read here (as pages, so robots.txt
decides).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from prebrief.errors import UsageError
from prebrief.models import Education, Fact, Harvest, Identity, Link, Role
from prebrief.sources.base import Source, SourceCase, SourceContext

MAX_FEED_ITEMS = 5


class WebsiteSource(Source):
    name = "website"
    label = "Personal website"
    description = ("a personal site: schema.org Person JSON-LD, OpenGraph/meta, h-card, "
                   "rel=me links and its RSS/Atom feed (robots.txt obeyed)")
    option = "--website"
    priority = 80
    cases = (
        SourceCase("jsonld-graph", Identity("website", url="https://saskia.example/"),
                   "jsonld-graph", expect={
                       "facts": [("name", "Saskia Lindqvist"), ("headline", "Head of Data"),
                                 ("location", "Gothenburg"), ("article", "Warehouse")],
                       "roles": [("Head of Data", "Brekke Freight", True)],
                       "education": ["Chalmers Institute of Shipping"],
                       "links": ["github.com/slindqvist", "social.example/@saskia"]}),
        SourceCase("jsonld-array", Identity("website", url="https://piet.example/"),
                   "jsonld-array", expect={
                       "facts": [("name", "Piet Hoogendijk-Nkemelu"), ("location", "Eindhoven"),
                                 ("headline", "Category Manager at Valkenburg Retail")],
                       "links": ["social.example/@piet"]}),
        SourceCase("hcard", Identity("website", url="https://tomas.example/"), "hcard", expect={
            "facts": [("name", "Tomás Ferreira-Holm"), ("bio", "climbing")],
            "roles": [("Platform Engineer", "Quayside Robotics")],
            "links": ["tomas.example/@tomas", "github.com/tfholm"]}),
        SourceCase("meta-only", Identity("website", url="https://ines.example/"), "meta-only",
                   expect={"facts": [("name", "Ines Okoro"), ("bio", "product")]}),
        SourceCase("robots-disallow", Identity("website", url="https://private.example/"),
                   "robots-disallow", expect={"status": "blocked", "message": "robots.txt"}),
        SourceCase("gone", Identity("website", url="https://gone.example/"), "gone",
                   expect={"status": "not_found"}),
        SourceCase("hostile", Identity("website", url="https://hostile.example/"), "hostile",
                   expect={"facts": [("name", "Mallory Example")]}),
    )

    @classmethod
    def identity_for(cls, value: str, *, found_via: str = "given by the user") -> Identity:
        url = value.strip()
        if "://" not in url:
            url = f"https://{url}"
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UsageError(f"not a website address: {value!r}")
        return Identity(cls.name, handle=parts.netloc.lower(), url=url, found_via=found_via)

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        from prebrief.extract.person import read_page

        page = await ctx.fetcher.get_page(target.url or "")
        profile = read_page(page.text, page.url)
        if not profile.has_person() and profile.about_links:
            about = await ctx.fetcher.get_page(profile.about_links[0])
            richer = read_page(about.text, about.url)
            if richer.has_person():
                page, profile = about, richer
        facts, roles, education, links = self._from_profile(profile, page.url,
                                                            page.retrieved_at)
        facts += await self._feed(profile.feeds, ctx)
        note = None if facts else "the page carries no profile information"
        return Harvest(facts=tuple(facts), roles=tuple(roles), education=tuple(education),
                       links=tuple(links), identity=target, note=note)

    def _from_profile(self, profile, url, when):  # noqa: ANN001, ANN202 - internal shapes
        def ev(attr: str):  # noqa: ANN202
            return self.evidence(profile.methods.get(attr, "page"), url=url, retrieved_at=when)

        facts: list[Fact] = []
        for attr, kind in (("name", "name"), ("location", "location"), ("description", "bio"),
                           ("photo", "photo")):
            value = getattr(profile, attr)
            if value:
                facts.append(Fact(kind, value, ev(attr)))
        roles, education = [], []
        if profile.job_title or profile.organization:
            headline = " at ".join(v for v in (profile.job_title, profile.organization) if v)
            facts.append(Fact("headline", headline, ev("job_title")))
            roles.append(Role(profile.job_title, profile.organization, ev("job_title"),
                              current=True))
        for school in dict.fromkeys(profile.schools):
            education.append(Education(school, self.evidence("JSON-LD Person.alumniOf", url=url,
                                                             retrieved_at=when)))
        links = [Link(u, "me", self.evidence("rel=me link", url=url, retrieved_at=when))
                 for u in profile.rel_me]
        links += [Link(u, "sameAs", self.evidence("JSON-LD Person.sameAs", url=url,
                                                  retrieved_at=when))
                  for u in profile.same_as if u not in profile.rel_me]
        return facts, roles, education, links

    async def _feed(self, feeds: list[str], ctx: SourceContext) -> list[Fact]:
        """Latest posts from the site's own feed; a broken feed costs nothing but itself."""
        from prebrief.errors import PrebriefError
        from prebrief.extract.feeds import read_feed

        if not feeds:
            return []
        try:
            got = await ctx.fetcher.get(feeds[0], kind="page",
                                        headers={"Accept": "application/rss+xml, "
                                                 "application/atom+xml, text/xml"})
        except PrebriefError:
            return []
        facts = []
        for entry in read_feed(got.content, MAX_FEED_ITEMS):
            text = entry.title if not entry.summary else f"{entry.title}: {entry.summary}"
            facts.append(Fact("article", text[:500], self.evidence(
                "RSS/Atom feed item", url=entry.url or got.url, retrieved_at=got.retrieved_at),
                published_at=entry.published))
        return facts
