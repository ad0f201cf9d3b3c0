"""Property tests: whatever profiles publish, link handling yields data or nothing, never a crash."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from prebrief.identity.graph import bio_links, route_link, url_key
from prebrief.identity.naming import fallback_similarity, org_matches, place_matches
from prebrief.models import Evidence, Link

EV = Evidence("test", "property")
URLISH = st.one_of(st.text(max_size=80), st.builds(lambda s: f"https://{s}", st.text(max_size=60)),
                   st.builds(lambda s: f"http://[{s}", st.text(max_size=10)))


@settings(max_examples=200, deadline=None)
@given(URLISH, st.sampled_from(["me", "sameAs", "bio", "blog", "rel=me", ""]), st.booleans())
def test_any_link_is_routed_or_skipped(url: str, rel: str, verified: bool):
    routed = route_link(Link(url, rel, EV, verified), "property")
    assert routed is None or routed[1].found_via == "property"
    assert isinstance(url_key(url), str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_bio_text_gives_web_links_only(text: str):
    for link in bio_links(text, EV):
        assert link.url.startswith(("http://", "https://")) and link.rel == "bio"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_name_and_place_comparison_is_total_and_symmetric(a: str, b: str):
    score, reason = fallback_similarity(a, b)
    assert 0.0 <= score <= 1.0 and reason
    assert fallback_similarity(b, a)[0] == score
    assert org_matches([a], [b], b) in (None, a)
    assert place_matches([a], [b]) in (None, a)


def test_names_module_decides_when_installed(monkeypatch):
    import sys
    import types

    from prebrief.identity.naming import SAME_NAME, name_similarity

    fake = types.ModuleType("prebrief.names")
    fake.name_similarity = lambda a, b: (0.4, "nickname")  # type: ignore[attr-defined]
    fake.same_name = lambda a, b: True  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "prebrief.names", fake)
    assert name_similarity("Bill Hart", "William Hart") == (SAME_NAME, "nickname")
    fake.same_name = lambda a, b: False  # type: ignore[attr-defined]
    fake.name_similarity = lambda a, b: (0.95, "similar")  # type: ignore[attr-defined]
    assert name_similarity("Jon Hart", "John Hart")[0] < SAME_NAME
