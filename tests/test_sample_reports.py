"""sample_reports/ is the demo contact rendered by `prebrief demo`; stale copies fail here."""

from __future__ import annotations

from pathlib import Path

import pytest

from prebrief.demo import DEMO_STEM, build_demo_briefing
from prebrief.render import FORMATS, render

SAMPLES = Path(__file__).resolve().parents[1] / "sample_reports"


@pytest.fixture(scope="module")
def demo_briefing():
    return build_demo_briefing()


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_report_is_current(demo_briefing, fmt):
    committed = (SAMPLES / f"{DEMO_STEM}.{fmt}").read_text(encoding="utf-8")
    assert render(demo_briefing, fmt) == committed, (
        f"sample_reports/{DEMO_STEM}.{fmt} is stale: run `prebrief demo` and commit the result")


def test_demo_touches_no_network_and_uses_every_demo_source(demo_briefing):
    ok = {r.source for r in demo_briefing.sources if r.ok}
    assert {"website", "github"} <= ok
    assert demo_briefing.person.name == "Marit Vandersloot"


@pytest.mark.parametrize("fmt", FORMATS)
def test_reports_name_files_without_local_paths(demo_briefing, fmt):
    """A report travels (CRM, e-mail): it names the user's file, never where it lives."""
    from prebrief.demo import demo_dir

    text = render(demo_briefing, fmt)
    assert "Profile.pdf" in text
    assert str(demo_dir()) not in text and str(Path.home()) not in text
