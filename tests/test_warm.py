"""The background warm-up: it prepares what a run needs, and can never fail a run."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import prebrief.warm as warm_module


def test_planning_a_run_does_not_import_the_html_parser():
    """Planning (the source registry) must not pay for bs4: the first requests go out
    first, and the parser is imported in the warm-up while they are in flight."""
    code = ("import sys; from prebrief.sources.registry import all_sources; all_sources(); "
            "print(','.join(m for m in ('bs4', 'lxml', 'soupsieve') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_warm_prepares_parser_classifier_and_templates():
    code = ("import sys; from prebrief.warm import warm; warm(['html', 'md', 'json']); "
            "from prebrief.classify.lexicon import all_terms; from prebrief.render import "
            "environment; from prebrief.classify.learned import sensitive_model; "
            "print(all_terms.cache_info().currsize, environment.cache_info().currsize, "
            "sensitive_model.cache_info().currsize, 'bs4' in sys.modules, "
            "'lxml.etree' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["1", "2", "1", "True", "True"]


def test_a_failing_warm_up_is_swallowed(monkeypatch):
    calls = []

    def broken(formats):
        calls.append(formats)
        raise RuntimeError("no templates here")

    monkeypatch.setattr(warm_module, "warm", broken)

    async def run():
        return await warm_module.start_warm_up(["html"])

    assert asyncio.run(run()) is None
    assert calls == [("html",)]
