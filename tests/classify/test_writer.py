"""A partner word reveals a same-sex couple only given who wrote it (fictional people only)."""

from __future__ import annotations

import pytest

from factories import evidence
from prebrief.briefing import assemble
from prebrief.classify import classify_facts, classify_text
from prebrief.classify.writer import Writer, writer_of
from prebrief.models import ContactQuery, Fact, Harvest, Identity, SourceResult, Status

MAN, WOMAN = Writer("male", "given name"), Writer("female", "given name")


@pytest.mark.parametrize(("name", "texts", "gender"), [
    ("Maarten Visser", [], "male"),
    ("Dr. Ilse van Dijk", [], "female"),
    ("Robin Vos", [], None),                      # given to both: no guess
    ("Zephyrine Oduya", [], None),                # not listed
    (None, [], None),
    ("Anna de Boer", ["Designer (he/him)"], "male"),  # stated pronouns beat the name
    ("Sam Kuiper", ["she / her | Product lead"], "female"),
    ("Lotte Smit", ["Zij/haar. Teamlead bij Acme"], "female"),
    ("Jonas Weber", ["Er/ihm, Entwickler"], "male"),
    ("Maarten Visser", ["they/them"], None),      # no gender to read a partner word by
    ("Maarten Visser", ["she/they"], None),
    ("Maarten Visser", ["he/him", "she/her"], None),  # pronouns that disagree
    ("Maarten Visser", ["Ask him/her about the API"], "male"),  # not a declaration
])
def test_writer_is_read_from_stated_pronouns_else_a_single_gender_given_name(
        name, texts, gender) -> None:
    writer = writer_of(name, texts)
    assert (writer.gender if writer else None) == gender


@pytest.mark.parametrize(("text", "writer", "category"), [
    ("Ten years with my husband Jonas today. Best decision I ever made.", MAN, "sexuality"),
    ("Ten years with my husband Jonas today. Best decision I ever made.", WOMAN, None),
    ("Ten years with my husband Jonas today. Best decision I ever made.", None, None),
    ("Proud of my wife, she ran her first marathon", WOMAN, "sexuality"),  # past the masks
    ("Proud of my wife, she ran her first marathon", MAN, None),
    ("Vanavond uit eten met mijn vrouw", WOMAN, "sexuality"),
    ("Mein Mann und ich haben ein Haus gekauft", MAN, "sexuality"),
    ("Mein Mann und ich haben ein Haus gekauft", WOMAN, None),
    ("Dinner with my friend Jonas and his wife", MAN, None),  # someone else's partner
    # A general trigger ("my boyfriend", same-sex in most labelled texts that name one) does
    # not count when the known writer makes the partner the other gender.
    ("Sunset swim at the lake with my boyfriend. He lies about the water.", None, "sexuality"),
    ("Sunset swim at the lake with my boyfriend. He lies about the water.", WOMAN, None),
    ("Sunset swim at the lake with my boyfriend. He lies about the water.", MAN, "sexuality"),
    ("My girlfriend and I adopted a greyhound called Biscuit", MAN, None),
    ("My girlfriend and I adopted a greyhound called Biscuit", WOMAN, "sexuality"),
    ("A year since I came out. Tonight my boyfriend cooked dinner", WOMAN, "sexuality"),
])
def test_partner_words_count_by_the_writers_gender(text, writer, category) -> None:
    assert classify_text(text, writer=writer).sensitive_category == category


def test_the_reason_says_the_phrase_counted_because_of_the_writer() -> None:
    reason = classify_text("Ten years with my husband Jonas", writer=MAN).reason
    assert "mentions 'my husband'" in reason
    assert "written by a man, by the contact's given name" in reason
    assert "written by" not in classify_text("He came out in 2019 as gay", writer=MAN).reason


def test_classify_facts_passes_the_writer_to_every_part() -> None:
    bio = Fact("bio", "CTO at Acme | Husband, dad, cyclist | my husband Jonas bakes", evidence())
    plain = classify_facts([bio])
    read = classify_facts([bio], writer=MAN)
    assert not any(s.sensitive_category for s in plain)
    assert [s.sensitive_category for s in read if s.sensitive_category] == ["sexuality"]


def test_a_briefing_reads_partner_words_by_the_contacts_name() -> None:
    def run(name: str) -> set[str | None]:
        facts = (Fact("name", name, evidence()),
                 Fact("post", "Ten years with my husband Jonas today.", evidence()))
        result = SourceResult("website", Status.OK, Identity("website", url="https://m.example/"),
                              harvest=Harvest(facts=facts))
        briefing = assemble(ContactQuery(), [result], [result.identity])
        return {s.sensitive_category for s in briefing.signals}

    assert run("Maarten Visser") == {"sexuality"}
    assert run("Ilse van Dijk") == {None}


def test_the_classify_command_takes_the_writer() -> None:
    from typer.testing import CliRunner

    from prebrief.cli.app import app

    text = "Ten years with my husband Jonas today."
    runner = CliRunner()
    read = runner.invoke(app, ["classify", text, "--writer", "male"])
    assert "SENSITIVE: sexuality" in read.output
    assert "SENSITIVE" not in runner.invoke(app, ["classify", text]).output
    wrong = runner.invoke(app, ["classify", text, "--writer", "tall"])
    assert wrong.exit_code != 0 and "--writer male" in wrong.output
