"""A Facebook Page's Graph API fields as company facts (fictional Page, real field shapes)."""

from __future__ import annotations

from pathlib import Path

from prebrief.sources.facebook import FacebookSource
from test_source_cases import run_case

PAGE = next(case for case in FacebookSource.cases if case.name == "page")


async def test_page_fields_read_as_sentences_about_the_company(tmp_path: Path) -> None:
    result = await run_case(FacebookSource, PAGE, tmp_path)
    company = [f.text for f in result.harvest.facts if f.kind == "company"]
    assert "Halvorsen Maritime Systems: Ship design and hull engineering since 1962." in company
    # A field that already starts with the Page's name is not prefixed with it again.
    assert ("Halvorsen Maritime Systems designs hulls and propulsion layouts for offshore "
            "service vessels, from concept to class approval.") in company
    # The category is Facebook's label for the Page, and says so.
    assert "Halvorsen Maritime Systems: Shipbuilding (Facebook Page category)" in company
    assert not any(text.count("Halvorsen Maritime Systems") > 1 for text in company)


async def test_a_saved_personal_profile_describes_the_person_not_a_company(tmp_path):
    """A saved personal profile's description was filed under 'Company snapshot'."""
    from conftest import FIXTURES, run_source
    from prebrief.models import Identity
    from prebrief.sources.facebook import FacebookSource

    markup = (FIXTURES / "facebook" / "saved-page.html").read_text(encoding="utf-8")
    person = markup.replace("Halvorsen Maritime Systems", "Ilse Várga").replace(
        "https://www.facebook.com/halvorsenmaritime",
        "https://www.facebook.com/profile.php?id=100012345678901")
    kinds = {}
    for name, page in (("page.html", markup), ("profile.html", person),
                       ("typed.html", markup.replace("<head>", '<head><meta property="og:type" '
                                                     'content="profile">', 1))):
        path = tmp_path / name
        path.write_text(page, encoding="utf-8")
        result = await run_source(FacebookSource, Identity("facebook", file=str(path)), tmp_path)
        assert result.ok, result.message
        kinds[name] = [f.kind for f in result.harvest.facts if "likes" in f.text]
    assert kinds == {"page.html": ["company"], "profile.html": ["bio"], "typed.html": ["bio"]}
