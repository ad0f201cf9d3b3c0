"""LinkedIn "Save to PDF": the profile as the user saved it while signed in (More -> Save to PDF)."""

from __future__ import annotations

import re

from prebrief.errors import InputFileError
from prebrief.models import Education, Fact, Harvest, Identity, Link, Role
from prebrief.sources.base import Source, SourceCase, SourceContext

_PROFILE = re.compile(r"(?:www\.)?linkedin\.com/in/(?P<slug>[A-Za-z0-9\-_%]+)")
_TAGGED = re.compile(r"^(?P<value>\S+)\s*\((?P<tag>[A-Za-z ]+)\)$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")


class LinkedInPdfSource(Source):
    name = "linkedin_pdf"
    label = "LinkedIn PDF"
    description = "a profile saved with LinkedIn's More -> Save to PDF (no network)"
    file_option = "--linkedin-pdf"
    stands_in_for = "linkedin"
    priority = 10
    cases = (
        SourceCase("two-pages", Identity("linkedin_pdf"), "Profile.pdf", expect={
            "facts": [("name", "Maren Okafor-Lindqvist"), ("headline", "Head of Logistics"),
                      ("location", "Oslo"), ("summary", "cold chain"),
                      ("skill", "Cold Chain"), ("language", "Norwegian"),
                      ("certification", "APICS"), ("award", "Innovator"),
                      ("publication", "Reefer")],
            "roles": [("Head of Logistics", "Norrbrook Logistics", True),
                      ("Logistics Planner", "Norrbrook Logistics", False),
                      ("Analyst", "Fjord Freight", False)],
            "education": ["University of Tromsdal"],
            "links": ["linkedin.com/in/maren-okafor", "https://maren.example"]}),
        SourceCase("not-a-profile", Identity("linkedin_pdf"), "invoice.pdf",
                   expect={"status": "error", "message": "does not look like a LinkedIn"}),
        SourceCase("encrypted", Identity("linkedin_pdf"), "encrypted.pdf",
                   expect={"status": "error", "message": "encrypted"}),
        SourceCase("truncated", Identity("linkedin_pdf"), "truncated.pdf",
                   expect={"status": "error", "message": "cannot be read"}),
    )

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        from prebrief.extract.linkedin_pdf import NotAProfile, parse_profile_pdf

        path = target.file or ""
        data = self.read_file(path)
        if not data.startswith(b"%PDF"):
            raise InputFileError(path, "is not a PDF", hint="Pass the file LinkedIn's "
                                 "More -> Save to PDF wrote (usually Profile.pdf).")
        try:
            profile = parse_profile_pdf(data, ctx.now)
        except PermissionError:
            raise InputFileError(path, "is encrypted; save the profile again without a "
                                 "password") from None
        except NotAProfile as exc:
            raise InputFileError(path, f"does not look like a LinkedIn profile PDF ({exc})",
                                 hint="Use More -> Save to PDF on the profile.") from None
        except Exception as exc:  # noqa: BLE001 - pypdf raises many types on broken files
            raise InputFileError(path, f"cannot be read as a PDF ({type(exc).__name__})",
                                 hint="Save the profile to PDF again.") from None
        return self._harvest(profile, target)

    def _harvest(self, profile, target: Identity) -> Harvest:  # noqa: ANN001
        path = target.file or ""

        def ev(section: str):  # noqa: ANN202
            # Dated by when LinkedIn wrote the PDF where it says, else by the file's save.
            return self.evidence(f"LinkedIn PDF: {section}", file=path,
                                 retrieved_at=profile.created)

        facts = [Fact(kind, value, ev(label)) for kind, value, label in (
            ("name", profile.name, "name"), ("headline", profile.headline, "headline"),
            ("location", profile.location, "location"), ("summary", profile.summary, "Summary"))
            if value]
        for heading, kind in (("Top Skills", "skill"), ("Languages", "language"),
                              ("Certifications", "certification"), ("Honors-Awards", "award"),
                              ("Publications", "publication")):
            facts += [Fact(kind, value, ev(heading)) for value in profile.sidebar(heading)]
        roles = [Role(r.title, r.company, ev("Experience"), start=r.start, end=r.end,
                      current=r.current, location=r.location, description=r.description)
                 for r in profile.roles]
        facts += [Fact("role", f"{r.title} at {r.company}" if r.title and r.company else
                       (r.title or r.company or ""), ev("Experience"),
                       topic_hint="career") for r in profile.roles if r.title or r.company]
        education = [Education(e.school, ev("Education"), degree=e.degree, field=e.field,
                               start=e.start, end=e.end) for e in profile.education]
        links, slug = self._contact(profile.contact, ev("Contact"))
        identity = Identity(self.name, handle=slug, file=path,
                            url=f"https://www.linkedin.com/in/{slug}" if slug else None,
                            found_via=target.found_via)
        return Harvest(facts=tuple(facts), roles=tuple(roles), education=tuple(education),
                       links=tuple(links), identity=identity)

    @staticmethod
    def _contact(lines: list[str], evidence) -> tuple[list[Link], str | None]:  # noqa: ANN001
        """Profile URL tagged (LinkedIn), websites tagged (Company)/(Personal)/...; e-mail and
        phone numbers are not kept (the briefing does not need them)."""
        links: list[Link] = []
        slug = None
        for line in lines:
            m = _PROFILE.search(line.replace(" ", ""))
            if m:
                slug = m.group("slug")
                links.append(Link(f"https://www.linkedin.com/in/{slug}", "linkedin", evidence))
                continue
            tagged = _TAGGED.match(line)
            value = tagged.group("value") if tagged else line
            if _EMAIL.match(value) or not re.search(r"[A-Za-z]\.[A-Za-z]", value):
                continue
            url = value if value.startswith("http") else f"https://{value}"
            # LinkedIn tags each website; a "(Company)" one is the employer's, not the person's.
            company = bool(tagged) and tagged.group("tag").strip().lower() == "company"
            links.append(Link(url, "company" if company else "website", evidence))
        return links, slug
