"""The user's own LinkedIn data export: finds the contact among their connections, and
describes the user ("me") for common ground."""

from __future__ import annotations

from datetime import datetime

from prebrief.errors import InputFileError, NotFound
from prebrief.models import (ContactQuery, Education, Fact, Harvest, Identity, Link, MeProfile,
                             Role)
from prebrief.sources.base import Source, SourceCase, SourceContext

TEODOR = ContactQuery(name="Teodor Vasquez-Brandt", company="Brekke Freight")


def read_me_profile(path: str) -> MeProfile:
    """The user's profile from their export (Profile, Positions, Education, Skills CSVs)."""
    from prebrief.extract.linkedin_export import ExportError, read_export_files, read_me
    from prebrief.models import Evidence

    try:
        files = read_export_files(path)
    except (ExportError, OSError) as exc:
        raise InputFileError(path, str(exc)) from None
    record = read_me(files)
    ev = Evidence("linkedin_export", "your LinkedIn export", file=path)
    roles = tuple(Role(t, c, ev, start=s, end=e, current=e is None) for t, c, s, e in
                  record.positions)
    return MeProfile(name=record.name, company=next((r.organization for r in roles
                                                     if r.current), None),
                     roles=roles, education=tuple(Education(s, ev, degree=d, start=a, end=b)
                                                  for s, d, a, b in record.schools),
                     city=record.city, skills=tuple(record.skills), source=path)


def _since(start: datetime, now: datetime) -> str:
    years = (now - start).days // 365
    if years >= 1:
        return f"{years} year{'s' if years != 1 else ''}"
    months = max((now - start).days // 30, 0)
    return f"{months} month{'s' if months != 1 else ''}"


class LinkedInExportSource(Source):
    name = "linkedin_export"
    label = "Your LinkedIn export"
    description = "your own data export (folder or ZIP): the contact in Connections.csv; " \
                  "Profile/Positions/Education/Skills.csv describe you"
    file_option = "--linkedin-export"
    priority = 12
    cases = (
        SourceCase("with-preamble", Identity("linkedin_export"), query=TEODOR,
                   fixture="export-preamble", expect={
            "facts": [("role", "Procurement Director at Brekke Freight"),
                      ("connection", "since 15 Mar 2024")],
            "roles": [("Procurement Director", "Brekke Freight", True)],
            "links": ["linkedin.com/in/teodor-vb"]}),
        SourceCase("old-format-zip", Identity("linkedin_export"), query=TEODOR,
                   fixture="export-old.zip", expect={
            "facts": [("connection", "since 8 Jan 2018")]}),
        SourceCase("not-a-connection", Identity("linkedin_export"), query=TEODOR,
                   fixture="export-stranger",
                   expect={"status": "not_found"}),
        SourceCase("not-an-export", Identity("linkedin_export"), "not-an-export.zip",
                   expect={"status": "error", "message": "Connections.csv"}),
    )

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        from prebrief.extract.linkedin_export import (ExportError, find_connection,
                                                      read_connections, read_export_files)

        path = target.file or ""
        try:
            files = read_export_files(path)
        except ExportError as exc:
            raise InputFileError(path, str(exc)) from None
        except (OSError, ValueError) as exc:
            raise InputFileError(path, f"cannot be read ({type(exc).__name__})") from None
        if "connections.csv" not in files:
            raise InputFileError(path, "has no Connections.csv; is it a LinkedIn data export?",
                                 hint="Settings -> Data privacy -> Get a copy of your data.")
        urls = [u for u in ctx.query.urls] + [v for k, v in ctx.query.handles
                                               if k in ("linkedin", "linkedin_pdf")]
        conn = find_connection(read_connections(files["connections.csv"]), name=ctx.query.name,
                               company=ctx.query.company, urls=urls)
        me = read_me_profile(path) if "profile.csv" in files else None
        extras = (("me", me),) if me else ()
        if conn is None:
            raise NotFound("the contact is not (unambiguously) among your LinkedIn connections",
                           source=self.name, hint="Pass their profile URL with --linkedin to "
                           "match by URL instead of name.")
        ev = self.evidence("your LinkedIn export: Connections.csv", file=path)
        facts = [Fact("name", conn.name, ev)]
        roles = []
        if conn.position or conn.company:
            facts.append(Fact("role", " at ".join(v for v in (conn.position, conn.company) if v),
                              ev, topic_hint="career"))
            roles.append(Role(conn.position, conn.company, ev, current=True))
        if conn.connected_on:
            facts.append(Fact("connection", f"Connected on LinkedIn since "
                              f"{conn.connected_on.day} {conn.connected_on:%b %Y} "
                              f"({_since(conn.connected_on, ctx.now)})", ev))
        links = [Link(conn.url, "linkedin", ev)] if conn.url else []
        return Harvest(facts=tuple(facts), roles=tuple(roles), links=tuple(links),
                       identity=Identity(self.name, file=path, url=conn.url,
                                         found_via=target.found_via), extras=extras)
