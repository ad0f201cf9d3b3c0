"""discover() over a stand-in gatherer: rounds, depth, budget, loops, what results come back."""

from __future__ import annotations

from dataclasses import dataclass, field

from discovery_builders import link, result

from prebrief.config import RunOptions
from prebrief.identity import discover
from prebrief.identity.graph import url_key
from prebrief.models import ContactQuery, SourceResult, Status
from prebrief.plan import route_for_url

QUERY = ContactQuery(name="Tomasz Wren", company="Quayline Robotics")
SITE = "https://wren.example/"
GH = "https://github.com/twren"


@dataclass
class StandInGatherer:
    """Serves hand-built results by URL and counts three requests per profile, like a source."""

    web: dict[str, SourceResult]
    query: ContactQuery = QUERY
    options: RunOptions = field(default_factory=RunOptions)
    requests: int = 0
    fetched: list[str] = field(default_factory=list)

    async def run_all(self, targets):  # noqa: ANN001, ANN201
        out = []
        for cls, identity in targets:
            self.requests += 3
            self.fetched.append(identity.url)
            found = self.web.get(url_key(identity.url))
            out.append(found or SourceResult(cls.name, Status.NOT_FOUND, identity))
        return out


def web_of(*results: SourceResult) -> dict[str, SourceResult]:
    return {url_key(r.identity.url): r for r in results}


async def run(gatherer: StandInGatherer, *given: str):
    targets = [route_for_url(u) for u in given]
    results = await gatherer.run_all(targets)
    return await discover(gatherer, results, targets)


def by_url(identities):
    return {url_key(i.url): i for i in identities}


async def test_chain_loop_and_depth_limit():
    web = web_of(
        result("website", SITE, name="Tomasz Wren", links=(link(GH),)),
        result("github", GH, name="Tomasz Wren", org="Quayline Robotics",
               links=(link(SITE, "blog"), link("https://notes.wren.example/", "blog"))),
        result("website", "https://notes.wren.example/", name="Tomasz Wren",
               links=(link(GH), link("https://deep.example/"))),
        result("website", "https://deep.example/", name="Tomasz Wren"))
    gatherer = StandInGatherer(web)
    results, identities = await run(gatherer, SITE)
    ids = by_url(identities)
    assert ids[url_key(GH)].outcome == "accepted"
    assert ids[url_key("https://notes.wren.example/")].outcome == "accepted"  # depth 2
    assert url_key("https://deep.example/") not in ids  # depth 3 is beyond the default
    assert sorted(gatherer.fetched) == sorted([SITE, GH, "https://notes.wren.example/"])
    assert {url_key(r.identity.url) for r in results} == set(ids)


async def test_depth_option_bounds_the_rounds():
    web = web_of(result("website", SITE, name="Tomasz Wren", links=(link(GH),)),
                 result("github", GH, name="Tomasz Wren", links=(link(SITE, "blog"),
                                                                 link("https://n.example/"))))
    gatherer = StandInGatherer(web, options=RunOptions(depth=1))
    _, identities = await run(gatherer, SITE)
    assert set(by_url(identities)) == {url_key(SITE), url_key(GH)}


async def test_possible_and_rejected_results_are_excluded_but_listed():
    other = "https://github.com/tomwren"
    web = web_of(
        result("website", SITE, name="Tomasz Wren", links=(link(other, "sameAs"),)),
        result("github", other, name="Tomasz Wren", org="Harbourline Ltd",
               links=(link("https://tomwren.example/", "blog"),)))
    gatherer = StandInGatherer(web)
    results, identities = await run(gatherer, SITE)
    namesake = by_url(identities)[url_key(other)]
    assert namesake.outcome in ("possible", "rejected")
    assert [r.identity.url for r in results] == [SITE]
    assert "https://tomwren.example/" not in gatherer.fetched  # a possible is not followed
    assert namesake.found_via == f"JSON-LD sameAs on {SITE}"


async def test_request_budget_leaves_the_rest_unchecked():
    links = tuple(link(f"https://github.com/wren{i}") for i in range(5))
    web = web_of(result("website", SITE, name="Tomasz Wren", links=links))
    gatherer = StandInGatherer(web, options=RunOptions(budget=9))
    _, identities = await run(gatherer, SITE)
    assert gatherer.requests <= 9 + 3  # the given profile, then two more within the budget
    unchecked = [i for i in identities if any("budget" in r for r in i.reasons)]
    assert len(unchecked) == 3 and all(i.outcome != "accepted" for i in unchecked)


async def test_dead_link_is_listed_as_rejected():
    web = web_of(result("website", SITE, name="Tomasz Wren",
                        links=(link("https://github.com/gone-wren"),)))
    _, identities = await run(StandInGatherer(web), SITE)
    dead = by_url(identities)[url_key("https://github.com/gone-wren")]
    assert dead.outcome == "rejected" and "dead link" in " ".join(dead.reasons)


async def test_plain_bio_links_to_unknown_hosts_are_not_read_as_websites():
    web = web_of(result("website", SITE, name="Tomasz Wren",
                        links=(link("https://news.example/article", "bio"),
                               link("mailto:t@wren.example", "me"))))
    gatherer = StandInGatherer(web)
    _, identities = await run(gatherer, SITE)
    assert gatherer.fetched == [SITE]
    assert len(identities) == 1


def test_profiles_on_platforms_without_a_source_are_not_read_as_websites(monkeypatch):
    import prebrief.plan as plan_mod
    from prebrief.identity.graph import route_link

    monkeypatch.setattr(plan_mod, "route_url", lambda url: None)
    for url in ("https://social.example/@tomasz", "https://x.com/twren",
                "https://bsky.app/profile/wren.example"):
        assert route_link(link(url, "me"), "test") is None
    routed = route_link(link("https://wren.example/", "me"), "rel=me on x")
    assert routed is not None and routed[0].name == "website"
    assert routed[1].found_via == "rel=me on x"


def test_handles_named_in_a_bio_become_weak_links():
    from prebrief.identity.graph import bio_links
    from prebrief.models import Evidence

    ev = Evidence("github", "test")
    text = ("Robots at Quayline. Also @tomasz@quay.example, github.com/twren-lab and "
            "https://wren.example/notes. Mail t@wren.example; @wren.bsky.social")
    urls = [lk.url for lk in bio_links(text, ev)]
    assert urls == ["https://wren.example/notes", "https://quay.example/@tomasz",
                    "https://github.com/twren-lab", "https://bsky.app/profile/wren.bsky.social"]
    assert {lk.rel for lk in bio_links(text, ev)} == {"bio"}


async def test_bio_handle_is_followed_but_alone_never_accepted():
    bio_only = "https://github.com/wren-bots"
    web = web_of(
        result("website", SITE, name="Tomasz Wren", bio="My bots: github.com/wren-bots"),
        result("github", bio_only, name="Tomasz Wren", org="Quayline Robotics"))
    gatherer = StandInGatherer(web)
    _, identities = await run(gatherer, SITE)
    found = by_url(identities)[url_key(bio_only)]
    assert bio_only in gatherer.fetched
    assert found.outcome == "possible" and "mentioned: bio link" in found.reasons[0]


async def test_two_spellings_of_one_profile_become_one_candidate():
    alias = "https://github.com/TWren-Alias"  # the API answers with the canonical login
    canonical = result("github", GH, name="Tomasz Wren", org="Quayline Robotics",
                       links=(link(SITE, "blog"),))
    web = {**web_of(result("website", SITE, name="Tomasz Wren", links=(link(alias, "sameAs"),)),
                    canonical), url_key(alias): canonical}
    _, identities = await run(StandInGatherer(web), SITE, GH)
    assert [url_key(i.url) for i in identities].count(url_key(GH)) == 1


def test_a_percent_escaped_handle_is_the_profile_it_spells():
    """sameAs 'https://social.example/@%6Darit' (an escaped '@marit') became a second,
    website candidate beside the accepted Mastodon account (outside tester)."""
    from prebrief.identity.graph import route_link, unescaped
    from prebrief.models import Evidence, Link
    from prebrief.sources.mastodon import MastodonSource

    assert url_key("https://social.example/@%6Darit") == url_key("https://social.example/@marit")
    routed = route_link(Link("https://social.example/@%6Darit", "sameas",
                             Evidence("website", "JSON-LD sameAs")), "sameAs")
    assert routed is not None and routed[0] is MastodonSource
    assert routed[1].handle == "marit@social.example"
    # Only plain characters are written out: an escaped space or angle bracket stays escaped.
    assert unescaped("https://x.example/a%20b") == "https://x.example/a%20b"
    assert unescaped("https://x.example/%3Cscript%3E") == "https://x.example/%3Cscript%3E"
