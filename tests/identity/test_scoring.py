"""Confidence, outcome and reasons for single candidates, on hand-built profiles."""

from __future__ import annotations

import pytest
from discovery_builders import candidate, link, result

from prebrief.identity.scoring import ACCEPT, assess
from prebrief.models import ContactQuery, Status

QUERY = ContactQuery(name="Ilse Várga", company="Tidewater Analytics", location="Rotterdam")
SITE = "https://ilse.example/"
GH = "https://github.com/ivarga"


def given_site(*links):
    return candidate(result("website", SITE, name="Ilse Várga", links=links), given=True)


def judge(cand, *origins, query=QUERY):
    return assess(cand, {o.key: o for o in origins}, query)


def test_given_identity_is_accepted_with_full_confidence():
    site = given_site()
    verdict = judge(site)
    assert (verdict.outcome, verdict.confidence, verdict.found_via) == (
        "accepted", 1.0, "given by the user")


def test_two_way_rel_me_is_verified_and_accepted():
    site = given_site(link(GH))
    gh = candidate(result("github", GH, name="Ilse Varga", links=(link(SITE, "blog"),)),
                   edges=((site, link(GH)),))
    verdict = judge(gh, site)
    assert verdict.outcome == "accepted" and verdict.confidence >= 0.9
    assert any("two-way" in r for r in verdict.reasons)
    assert verdict.found_via == f"rel=me on {SITE}"
    assert any("matches" in r for r in verdict.reasons)  # diacritics ignored


def test_platform_verified_link_is_accepted_without_a_link_back():
    site = given_site(link(GH, "verified", verified=True))
    gh = candidate(result("github", GH, name="Ilse Varga"), edges=((site, site.links()[0]),))
    verdict = judge(gh, site)
    assert verdict.outcome == "accepted"
    assert any("checked by the platform" in r for r in verdict.reasons)


def test_one_way_link_with_name_and_employer_is_accepted_but_not_called_verified():
    site = given_site(link(GH))
    gh = candidate(result("github", GH, name="Ilse Varga", org="@tidewater"),
                   edges=((site, link(GH)),))
    verdict = judge(gh, site)
    assert verdict.outcome == "accepted" and verdict.confidence < 0.9
    assert not any("verified" in r for r in verdict.reasons)
    assert any("one-way" in r for r in verdict.reasons)


def test_one_way_link_with_name_and_city_only_stays_possible():
    site = given_site(link(GH))
    gh = candidate(result("github", GH, name="Ilse Varga", location="Rotterdam, NL"),
                   edges=((site, link(GH)),))
    verdict = judge(gh, site)
    assert verdict.outcome == "possible"
    assert any("also in Rotterdam" in r for r in verdict.reasons)


def test_name_mismatch_counts_against_even_a_verified_link():
    site = given_site(link(GH, "verified", verified=True))
    gh = candidate(result("github", GH, name="Pieter Dekker", org="Tidewater Analytics"),
                   edges=((site, site.links()[0]),))
    verdict = judge(gh, site)
    assert verdict.outcome != "accepted" and verdict.confidence < ACCEPT
    assert any("is not 'Ilse Várga'" in r for r in verdict.reasons)


@pytest.mark.parametrize("location", [None, "Rotterdam"])
def test_namesake_at_another_employer_is_never_accepted(location):
    site = given_site(link(GH))
    namesake = candidate(result("github", GH, name="Ilse Varga", org="Pinecrest Labs",
                                location=location), edges=((site, link(GH)),))
    verdict = judge(namesake, site)
    assert verdict.outcome != "accepted"
    assert any("works at Pinecrest Labs, not Tidewater Analytics" in r for r in verdict.reasons)


def test_bio_mention_is_weaker_than_a_self_declared_link():
    site = given_site()
    mention = candidate(result("github", GH, name="Ilse Varga", org="Tidewater"),
                        edges=((site, link(GH, "bio")),))
    declared = candidate(result("github", GH, name="Ilse Varga", org="Tidewater"),
                         edges=((site, link(GH, "me")),))
    assert judge(mention, site).confidence < judge(declared, site).confidence
    assert judge(mention, site).outcome == "possible"


def test_dead_link_is_rejected():
    site = given_site(link(GH))
    dead = candidate(result("github", GH, status=Status.NOT_FOUND), edges=((site, link(GH)),))
    verdict = judge(dead, site)
    assert verdict.outcome == "rejected" and any("dead link" in r for r in verdict.reasons)


@pytest.mark.parametrize(("verified", "outcome"), [(True, "accepted"), (False, "possible")])
def test_unreadable_profile_is_judged_on_the_link_alone(verified, outcome):
    site = given_site()
    lk = link(GH, "verified" if verified else "me", verified=verified)
    blocked = candidate(result("github", GH, status=Status.BLOCKED), edges=((site, lk),))
    verdict = judge(blocked, site)
    assert verdict.outcome == outcome
    assert any("judged on the link alone" in r for r in verdict.reasons)


def test_links_from_profiles_not_accepted_do_not_count():
    stranger = candidate(result("website", "https://other.example/", name="Ilse Varga"))
    gh = candidate(result("github", GH, name="Ilse Varga", org="Tidewater"),
                   edges=((stranger, link(GH)),))
    verdict = judge(gh)  # the stranger's site is not among the accepted
    assert verdict.outcome == "rejected"


def test_second_accepted_origin_adds_support():
    site = given_site(link(GH))
    other = candidate(result("bluesky", "https://bsky.app/profile/ilse.example",
                             name="Ilse Varga"), given=True)
    alone = candidate(result("github", GH, name="Ilse Varga", location="Rotterdam"),
                      edges=((site, link(GH)),))
    both = candidate(result("github", GH, name="Ilse Varga", location="Rotterdam"),
                     edges=((site, link(GH)), (other, link(GH, "sameAs"))))
    assert judge(alone, site).outcome == "possible"
    assert judge(both, site, other).outcome == "accepted"
    assert any("also linked from 1 other" in r for r in judge(both, site, other).reasons)


def test_without_a_query_name_the_given_profiles_name_is_the_reference():
    site = given_site(link(GH))
    gh = candidate(result("github", GH, name="Someone Else", org="Tidewater"),
                   edges=((site, link(GH)),))
    verdict = judge(gh, site, query=ContactQuery(email="ilse@tidewater.example"))
    assert verdict.outcome != "accepted"
    assert any("is not 'Ilse Várga'" in r for r in verdict.reasons)


def test_single_word_display_name_from_the_full_name_is_not_a_mismatch():
    site = given_site(link(GH, "verified", verified=True))
    gh = candidate(result("github", GH, name="ilse"), edges=((site, site.links()[0]),))
    verdict = judge(gh, site)
    assert verdict.outcome == "accepted"
    assert not any("another person" in r for r in verdict.reasons)


@pytest.mark.parametrize("shown,outcome", [
    ("Maren Okafor-Lindqvist", "possible"),  # another person's page or PDF
    ("Ilse Varga (she/her)", "accepted"),
    ("Ilse V.", "accepted"),  # a surname cut short is no mismatch
    ("ilse", "accepted"),  # one of the names
    ("Tidewater Analytics", "accepted"),  # the contact's company's Page
    (None, "accepted"),  # nothing to compare
    ("ilsevarga", "accepted"),  # a handle as display name: one word
    ("Ilse @ Tidewater", "accepted"),  # shares a word with the name given
    ("Ilse Jansen", "accepted"),  # shares the first name: maybe a new surname
    ("procurement & bees", "accepted"),  # a free-form display name, not a name
    ("The Procurement Nerd", "accepted"),
])
def test_a_given_profile_that_names_somebody_else_is_held_back_for_the_user(shown, outcome):
    given = candidate(result("website", SITE, name=shown), given=True)
    verdict = judge(given)
    assert verdict.outcome == outcome, verdict.reasons
    if outcome == "possible":
        assert verdict.confidence == 0.5 and verdict.reasons == (
            "it names 'Maren Okafor-Lindqvist', not 'Ilse Várga' as you gave it; different "
            "surname (lindqvist / varga): another person?",)
    # With only a first name given, any display name holding it is theirs.
    first_name = ContactQuery(name="Ilse", company="Tidewater Analytics")
    assert judge(given, query=first_name).outcome == (
        "possible" if shown and "Maren" in shown else "accepted")


@pytest.mark.parametrize("shown,held", [
    ("Pieter Várga", True),  # same surname, another first name: a relative, a colleague
    ("Marit Varga", True),
    ("Ilsa Várga", False),  # one letter apart: a spelling, not another person
    ("Anna Ilse Várga", False),  # the first name is one of their given names
    ("P. Várga", False),  # an initial says too little
    ("Ilse Várga-Jansen", False),
])
def test_a_given_profile_of_another_first_name_under_the_same_surname_is_held_back(shown, held):
    """'Pieter Vandersloot' for a contact given as 'Marit Vandersloot' was briefed as them,
    identity high (1.00), the name given silently replaced: a shared surname was enough."""
    verdict = judge(candidate(result("website", SITE, name=shown), given=True))
    assert (verdict.outcome == "possible") is held, verdict.reasons
    if held:
        assert verdict.reasons[0].startswith(f"it names {shown!r}, not 'Ilse Várga' as you "
                                             "gave it; same surname, different first name")


def test_a_name_read_off_a_page_title_never_holds_back_what_the_user_gave():
    from dataclasses import replace

    from prebrief.models import Evidence, Fact

    # The same words decide by how they were read: a title is the site's, not its owner's.
    site = result("website", SITE)
    for method in ("<title>", "OpenGraph og:title"):
        titled = replace(site, harvest=replace(site.harvest, facts=(
            Fact("name", "Pieter Brandsma", Evidence("website", method, url=SITE)),)))
        assert judge(candidate(titled, given=True)).outcome == "accepted", method
    named = replace(site, harvest=replace(site.harvest, facts=(
        Fact("name", "Pieter Brandsma", Evidence("website", "JSON-LD Person.name",
                                                 url=SITE)),)))
    assert judge(candidate(named, given=True)).outcome == "possible"


def _given(platform: str, url: str, name: str | None):
    return candidate(result(platform, url, name=name), given=True)


def test_without_a_name_the_profiles_given_that_name_another_person_are_held_back():
    """Three saved pages of three people, no --name: they were briefed as one person (a starter
    quoted one person's post to another), identity high (1.00)."""
    from prebrief.identity.crawl import DiscoveryGraph

    def verdicts(*profiles):
        graph = DiscoveryGraph(ContactQuery())
        for c in profiles:
            graph.add(c)
        return {c.identity.url: v.outcome for c, v in zip(
            profiles, graph.resolve().values(), strict=True)}, graph

    site = _given("website", SITE, "Ilse Várga")
    gh = _given("github", GH, "Ilse Varga (she/her)")
    other = _given("x", "https://x.com/tvb", "Teodor Vasquez-Brandt")
    # Two of three agree: the third is held back, saying against what.
    outcome, graph = verdicts(site, gh, other)
    assert outcome == {SITE: "accepted", GH: "accepted", "https://x.com/tvb": "possible"}
    assert graph.resolve()[other.key].reasons == (
        "it names 'Teodor Vasquez-Brandt', not 'Ilse Várga' as the other profiles you gave do: "
        "another person?",)
    # One against one: nothing says which is the contact, so neither is used.
    outcome, graph = verdicts(_given("website", SITE, "Ilse Várga"),
                              _given("x", "https://x.com/tvb", "Teodor Vasquez-Brandt"))
    assert set(outcome.values()) == {"possible"}
    assert "brief again with --name" in graph.resolve()[site.key].reasons[0]
    # Profiles that agree, or that name nobody (a handle, a phrase), are all taken.
    outcome, _ = verdicts(_given("website", SITE, "Ilse Várga"), _given("github", GH, "ivarga"),
                          _given("x", "https://x.com/iv", "procurement & bees"))
    assert set(outcome.values()) == {"accepted"}
    # With a name given, that name is the reference, as before.
    graph = DiscoveryGraph(QUERY)
    for c in (_given("website", SITE, "Ilse Várga"), _given("x", "https://x.com/tvb",
                                                             "Teodor Vasquez-Brandt")):
        graph.add(c)
    assert [v.outcome for v in graph.resolve().values()] == ["accepted", "possible"]


def test_a_bio_that_mentions_the_contacts_site_is_no_link_back():
    """A namesake's GitHub whose bio said 'Looking for the procurement Ilse? She is at
    https://ilse.example/' was 'verified two-way' and accepted (0.98), at another employer in
    another city (outside tester)."""
    site = given_site(link(GH))
    namesake = candidate(result("github", GH, name="Ilse Várga", org="Kestrel Freight",
                                location="Groningen",
                                bio=f"Go developer. Looking for the analytics Ilse? See {SITE}"),
                         edges=((site, link(GH)),))
    verdict = judge(namesake, site)
    assert verdict.outcome != "accepted", verdict.reasons
    assert not any("two-way" in r for r in verdict.reasons)
    # The same back link as a field the profile declares as its own is a link back.
    own = candidate(result("github", GH, name="Ilse Várga", links=(link(SITE, "blog"),)),
                    edges=((site, link(GH)),))
    assert any("two-way" in r for r in judge(own, site).reasons)


@pytest.mark.parametrize("bio", ["Innovation lead at Kestrel Freight.",
                                 "Our biggest customer: Tidewater Analytics. Go Kestrel!"])
def test_a_company_inside_a_word_or_merely_mentioned_is_not_where_they_work(bio):
    """'Innovation' named 'Nova' (a substring), and a bio naming a customer counted as the
    employer, over the employer the profile states (outside tester)."""
    site = given_site(link(GH))
    gh = candidate(result("github", GH, name="Ilse Várga", org="Kestrel Freight", bio=bio),
                   edges=((site, link(GH)),))
    for company in ("Nova", "Tidewater Analytics"):
        query = ContactQuery(name="Ilse Várga", company=company, location="Rotterdam")
        verdict = judge(gh, site, query=query)
        assert not any("also names" in r for r in verdict.reasons), (company, verdict.reasons)
        assert verdict.outcome != "accepted"
    # A profile that states no employer may still name it, as a whole word or a hashtag.
    from prebrief.identity.naming import org_matches

    assert org_matches(["Tidewater Analytics"], [], "Data at #TidewaterAnalytics")
    assert org_matches(["Tidewater Analytics"], [], "Data at Tidewater Analytics, Rotterdam")
    assert org_matches(["Nova"], [], "Head of Sales at Nova")
    assert not org_matches(["Nova"], [], "Innovation lead")


def test_a_discovered_profile_does_not_lend_its_employer_to_the_next_one():
    """One wrongly accepted profile (at Kestrel Freight) made the namesake's own site, linked
    one-way from it, 'also name Kestrel Freight' and pass: two wrong profiles supporting each
    other (outside tester)."""
    site = given_site(link(GH, "verified", verified=True))
    gh = candidate(result("github", GH, name="Ilse Várga", org="Kestrel Freight",
                          links=(link("https://iv.example/", "blog"),)),
                   edges=((site, site.links()[0]),))
    blog = candidate(result("website", "https://iv.example/", name="Ilse Várga",
                            org="Kestrel Freight"), edges=((gh, gh.links()[0]),))
    no_company = ContactQuery(name="Ilse Várga")
    verdict = judge(blog, site, gh, query=no_company)
    assert not any("Kestrel" in r for r in verdict.reasons), verdict.reasons
    assert verdict.outcome != "accepted"


def test_a_profile_never_read_is_not_said_to_have_no_link_back():
    """With the request budget used up, every candidate read 'one-way rel=me ... (no link
    back); not checked', asserting no link back for profiles never read (outside tester)."""
    site = given_site(link(GH))
    unread = candidate(None, identity=result("github", GH).identity, edges=((site, link(GH)),))
    verdict = assess(unread, {site.key: site}, QUERY, budget_note="not checked: the request "
                     "budget (3) was used up")
    assert verdict.reasons[0] == f"one-way rel=me on {SITE} (not read, so a link back is unknown)"
    read = candidate(result("github", GH, name="Ilse Várga"), edges=((site, link(GH)),))
    assert judge(read, site).reasons[0] == f"one-way rel=me on {SITE} (no link back)"
