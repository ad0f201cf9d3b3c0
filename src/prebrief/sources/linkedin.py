"""LinkedIn public profile page: a page the user saved, or one polite guest request.

LinkedIn's robots.txt disallows automated clients and it answers them with HTTP 999 or an
authwall; those are reported as refusals ("not served to automated clients"), never as "no
profile", with the legitimate path: the user's own Save-to-PDF.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from prebrief.errors import BlockedError, InputFileError, UsageError
from prebrief.extract.text import truncate
from prebrief.models import Education, Fact, Harvest, Identity, Link, Role
from prebrief.sources.base import (MAX_SAVED_POSTS, Source, SourceCase, SourceContext,
                                   read_page)

PDF_HINT = ("LinkedIn does not serve profiles to automated clients. Open the profile while "
            "signed in, choose More -> Save to PDF, and pass --linkedin-pdf Profile.pdf (or save "
            "the page and pass --linkedin-html FILE).")


class LinkedInSource(Source):
    name = "linkedin"
    label = "LinkedIn"
    description = "public profile page: a saved page via --linkedin-html, or one guest request " \
                  "(usually refused: robots.txt, HTTP 999, authwall)"
    option = "--linkedin"
    file_option = "--linkedin-html"
    page_marks = ("LinkedIn",)
    url_patterns = (r"https?://(?:[a-z]{2,3}\.)?(?:www\.)?linkedin\.com/in/"
                    r"(?P<handle>[A-Za-z0-9\-_%]{3,100})/?(?:[?#].*)?$",)
    priority = 15
    hint = PDF_HINT
    cases = (
        SourceCase("guest-2026", Identity("linkedin"), "guest-2026.html", expect={
            "facts": [("name", "Teodor Vasquez-Brandt"), ("headline", "Procurement Director"),
                      ("location", "Malmö"), ("summary", "tail spend"),
                      ("post", "supplier days"), ("article", "Negotiating")],
            "roles": [("Procurement Director", "Brekke Freight", True), ("", "Dekker Bouw")],
            "education": ["Lund School of Trade"]}),
        SourceCase("guest-2023-jsonld", Identity("linkedin"), "guest-2023.html", expect={
            "facts": [("name", "Teodor Vasquez-Brandt"), ("summary", "buyers"),
                      ("language", "Swedish"), ("award", "Buyer of the Year")],
            "roles": [("Procurement Director", "Brekke Freight", True),
                      ("Category Manager", "Dekker Bouw", False)],
            "education": ["Lund School of Trade"], "no_fact_kinds": []}),
        SourceCase("robots", Identity("linkedin", handle="teodor-vb",
                                      url="https://www.linkedin.com/in/teodor-vb"), "robots",
                   expect={"status": "blocked", "message": "robots.txt",
                           "hint": "--linkedin-pdf"}),
        SourceCase("status-999", Identity("linkedin", handle="teodor-vb",
                                          url="https://www.linkedin.com/in/teodor-vb"),
                   "status-999", expect={"status": "blocked", "hint": "Save to PDF"}),
        SourceCase("authwall", Identity("linkedin", handle="teodor-vb",
                                        url="https://www.linkedin.com/in/teodor-vb"),
                   "authwall", expect={"status": "blocked", "message": "authwall"}),
        SourceCase("rate-limited", Identity("linkedin", handle="teodor-vb",
                                            url="https://www.linkedin.com/in/teodor-vb"),
                   "rate-limited", expect={"status": "rate_limited", "hint": "--linkedin-pdf"}),
        SourceCase("truncated-file", Identity("linkedin"), "truncated.html",
                   expect={"facts": [("name", "Teodor Vasquez-Brandt")]}),
        SourceCase("binary-file", Identity("linkedin"), "binary.html",
                   expect={"status": "error", "message": "binary"}),
    )

    @classmethod
    def identity_for(cls, value: str, *, found_via: str = "given by the user") -> Identity:
        text = value.strip()
        slug = cls.match_url(text) if "/" in text else text.strip("@/ ")
        if not slug:
            raise UsageError(f"not a LinkedIn profile: {value!r}",
                             hint="Use https://www.linkedin.com/in/<slug> or the slug.")
        return Identity(cls.name, handle=slug, url=f"https://www.linkedin.com/in/{slug}",
                        found_via=found_via)

    @classmethod
    def profile_url(cls, handle: str | None) -> str | None:
        return f"https://www.linkedin.com/in/{handle}" if handle else None

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        from prebrief.extract.linkedin_page import is_wall, read_guest_page

        if target.file:
            markup, soup = read_page(self, target.file)
            if is_wall(markup):
                raise InputFileError(target.file, "is LinkedIn's sign-in wall, not a profile",
                                     hint=PDF_HINT)
            profile = read_guest_page(soup)
            if not profile.name:
                raise InputFileError(target.file, "does not look like a LinkedIn profile page")
            return self._harvest(profile, target, file=target.file)
        # One polite request, no retries: robots.txt decides first (and today it says no).
        got = await ctx.fetcher.get_page(target.url or "", ok=(200, 999))
        path = urlsplit(got.url).path
        if got.status == 999:
            raise BlockedError("LinkedIn answered HTTP 999: not served to automated clients "
                               "(this says nothing about whether the profile exists)",
                               url=got.url, source=self.name, hint=PDF_HINT)
        if path.startswith(("/authwall", "/login", "/checkpoint")) or is_wall(got.text):
            raise BlockedError("LinkedIn sent its sign-in authwall instead of the profile",
                               url=got.url, source=self.name, hint=PDF_HINT)
        return self._harvest(read_guest_page(got.text), target, url=got.url,
                             retrieved_at=got.retrieved_at)

    def _harvest(self, profile, target: Identity, *, file: str | None = None,  # noqa: ANN001
                 url: str | None = None, retrieved_at=None) -> Harvest:  # noqa: ANN001
        def ev(attr: str):  # noqa: ANN202
            return self.evidence(f"LinkedIn page: {profile.methods.get(attr, attr)}", url=url,
                                 file=file, retrieved_at=retrieved_at)

        facts = [Fact(kind, truncate(value, 600 if kind == "summary" else 500), ev(attr))
                 for kind, value, attr in (
                     ("name", profile.name, "name"), ("headline", profile.headline, "headline"),
                     ("location", profile.location, "location"),
                     ("summary", profile.about, "about")) if value]
        if profile.followers is not None:
            facts.append(Fact("follower_count", f"{profile.followers} followers on LinkedIn",
                              ev("JSON-LD interactionStatistic")))
        facts += [Fact("language", truncate(v, 500), ev("JSON-LD knowsLanguage"))
                  for v in profile.languages]
        facts += [Fact("award", truncate(v, 500), ev("JSON-LD awards")) for v in profile.awards]
        for post in profile.posts[:MAX_SAVED_POSTS]:  # the page's order: newest first
            facts.append(Fact(post.kind, truncate(post.text, 500), self.evidence(
                "LinkedIn page: posts/articles (date from the activity id)", url=post.url or url,
                file=file, retrieved_at=retrieved_at), published_at=post.published))
        roles = [Role(r.title, r.company, ev("experience"), start=r.start, end=r.end,
                      current=r.current) for r in profile.roles]
        if not roles and profile.current_company:
            roles.append(Role(None, profile.current_company, ev("current_company"),
                              current=True))
        schools = profile.schools or ([(profile.school, None, None)] if profile.school else [])
        education = [Education(s, ev("education"), start=a, end=b) for s, a, b in schools]
        links = [Link(w, "website", ev("websites")) for w in profile.websites]
        identity = target if not file else Identity(self.name, file=file,
                                                    found_via=target.found_via)
        return Harvest(facts=tuple(facts), roles=tuple(roles), education=tuple(education),
                       links=tuple(links), identity=identity)
