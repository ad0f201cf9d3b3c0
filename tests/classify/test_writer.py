"""A partner word reveals a same-sex couple only given who wrote it (fictional people only)."""

from __future__ import annotations

import pytest

from factories import evidence
from prebrief.briefing import assemble
from prebrief.classify import classify_facts, classify_text
from prebrief.classify.sensitive import find_sensitive
from prebrief.classify.tokens import Tokens
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
    # (no words of the writer's own gender: "Husband, dad" would state it)
    bio = Fact("bio", "CTO at Acme | Cyclist, baker, gardener | my husband Jonas bakes", evidence())
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


@pytest.mark.parametrize(("text", "gender"), [
    ("Dad of two. Ten years with my husband Jonas today.", "male"),
    ("Mum of three, and my wife Sanne still beats me at chess.", "female"),
    ("As the only woman on the trading desk, I owe a lot to my wife.", "female"),
    ("Ik ben Pieter, en samen met mijn man Joost run ik een B&B op Texel.", "male"),
    ("Als einzige Frau in der Werkstatt: danke an meine Frau fürs Essen.", "female"),
    ("Anniversary dinner with my husband tonight. See you Tuesday - Mark", "male"),
    ("Anniversary dinner with my wife tonight. Sarah x", "female"),
    # "dad of three" after the first words may be someone else: only first words count
    ("Ten years with my husband, dad of three and the best cook I know.", None),
    ("Dad of two. As the only woman on the board, my husband keeps me sane.", None),  # both
    ("Dad of two. Proud of the team at Kestrel this week.", None),  # no partner word
    ("Ten years with my husband today. Thanks for the flowers, Mark", None),  # no sign-off
])
def test_a_text_can_state_its_writers_gender_itself(text: str, gender: str | None) -> None:
    from prebrief.classify.tokens import Tokens
    from prebrief.classify.writer import writer_in_text

    writer = writer_in_text(Tokens(text))
    assert (writer.gender if writer else None) == gender


def test_a_writer_the_text_states_counts_where_no_profile_says() -> None:
    text = "Dad of two. Ten years with my husband Jonas today."
    decision = classify_text(text)
    assert decision.sensitive_category == "sexuality"
    assert "written by a man, by the contact's own words 'dad of'" in decision.reason
    # a writer known from the profile is the one that counts
    assert classify_text(text, writer=WOMAN).sensitive_category is None


def test_a_partner_named_by_a_one_gender_name_counts_by_the_writer() -> None:
    """writer_<gender>_<lang> lists take {male}/{female} slots as frames do: "my partner" is
    gender-neutral, "my partner Kevin" names a man."""
    text = "My partner Kevin and I finally adopted a dog."
    assert classify_text(text, writer=MAN).sensitive_category == "sexuality"
    assert classify_text(text, writer=WOMAN).sensitive_category is None
    assert classify_text(text).sensitive_category is None
    stated = "Raising our daughter with my partner Kevin. I'm Mark, by the way."
    assert classify_text(stated).sensitive_category == "sexuality"


def test_a_spouse_named_after_married_to_counts_only_said_of_the_writer() -> None:
    """"I'm married to Daniel", or stated pronouns then "married to Daniel", is the writer's
    own marriage; bare "married to Tom" is as often a daughter's."""
    assert classify_text("he/him · married to Daniel · sourdough baker").sensitive_category == (
        "sexuality")
    assert classify_text("I'm married to Daniel and we run a bakery together",
                         writer=MAN).sensitive_category == "sexuality"
    assert classify_text("I'm married to Daniel and we run a bakery together",
                         writer=WOMAN).sensitive_category is None
    # The rule is the lexicon's: a daughter's husband is no trigger for her father. (The
    # learned gate's own reading of this line is the test below.)
    assert find_sensitive(Tokens("Proud of my daughter, married to Tom last June in Leeds"),
                          MAN) is None


FAMILY_NEWS = [
    "Proud of my daughter, married to Tom last June in Leeds",
    "Seit heute Nacht darf ich mich Opa nennen",
    "Our son graduated from Delft today. Could not be prouder.",
    "My daughter got engaged to her boyfriend Sam this weekend!",
    "Trots op onze dochter: vandaag haar rijbewijs gehaald.",
    "Grandchild number three arrived this morning, mum and baby doing great",
    "Meine Tochter hat heute geheiratet, was für ein Fest.",
    "Big day: our youngest starts university in Glasgow next week.",
    "Onze kleinzoon Daan is geboren, 3420 gram en helemaal gezond.",
    "Family lunch for my mother's 80th birthday. Four generations at one table.",
    "My brother just married the love of his life, Anna. Best man duties done.",
]


def test_family_news_is_rarely_read_as_a_disclosure() -> None:
    """Family news discloses nothing sensitive, but the learned gate reads some of it as a
    disclosure ('proud', 'my', 'married'; a birth as health): "Proud of my daughter, married
    to Tom" sits at the gate's threshold and has flipped with retraining (a false alarm with
    the models of 194 and 206 sets, none with 190 and 210), "Opa nennen" reads as health.
    A known weakness, so the test bounds it rather than pinning one text: no more than two of
    these eleven may be flagged (one is with the models of 210, 211 and 215 sets, two with 206)."""
    flagged = [t for t in FAMILY_NEWS if classify_text(t, writer=MAN).sensitive_category]
    assert len(flagged) <= 2, flagged
