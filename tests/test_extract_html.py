"""hcards() reads the page's own soup without changing it for the extractors after it."""

from __future__ import annotations

from prebrief.extract.html import hcards, parse_html
from prebrief.extract.person import read_page

PAGE = """<!doctype html><html><head><title>Fenna Brouwersma</title></head><body>
<div class="h-card"><a class="u-url p-name" href="https://fenna.example/">Fenna Brouwersma</a>
<span class="p-job-title">Head of Grid Planning</span>
<div class="p-org h-card"><span class="p-name">Veldkamp Netbeheer</span></div>
<template><p class="p-note">not shown</p></template>
<img class="u-photo" src="/me.jpg" alt=""></div>
<a href="/about">About me</a></body></html>"""


def test_hcards_from_the_soup_match_hcards_from_the_markup_and_leave_the_soup_alone():
    soup = parse_html(PAGE)
    before = str(soup)
    from_soup = hcards(soup, "https://fenna.example/")
    assert from_soup == hcards(PAGE, "https://fenna.example/")
    assert from_soup[0]["job-title"] == ["Head of Grid Planning"]
    assert str(soup) == before


def test_read_page_still_reads_everything_after_the_h_card():
    profile = read_page(PAGE, "https://fenna.example/")
    assert profile.name == "Fenna Brouwersma"
    assert profile.job_title == "Head of Grid Planning"
    assert profile.organization == "Veldkamp Netbeheer"
    assert profile.about_links == ["https://fenna.example/about"]
