"""Table-driven classifier tests on short inline inputs, metrics arithmetic and CLI wiring."""

from __future__ import annotations

import json
from pathlib import Path
from datetime import datetime

import pytest
import typer
from typer.testing import CliRunner

from prebrief.classify import classify_facts, classify_parts, classify_text
from prebrief.classify.evaluate import Example, compute_metrics
from prebrief.classify.sensitive import find_sensitive
from prebrief.cli.classify import register
from prebrief.models import Evidence, Fact

LABELLED = Path(__file__).resolve().parents[1] / "data" / "classifier"  # the labelled sets

SENSITIVE = [
    ("Three years cancer-free after chemo. Grateful.", "health"),
    ("Back at work after a burn-out, taking it slow", "health"),
    ("Diagnosed with ADHD at 38, it explains a lot", "health"),
    ("Sunday service at our church, then lunch with the kids", "religion"),
    ("Eid Mubarak to everyone celebrating!", "religion"),
    ("Canvassing for the Green Party this weekend", "politics"),
    ("Proud gay dad of two", "sexuality"),
    ("Shop steward and proud union member", "union"),
    ("Former finance director convicted of embezzlement in 2019", "criminal"),
    ("As a daughter of immigrants, my heritage shapes how I lead", "ethnicity"),
    # A clergy role reveals belief (GUIDELINES.md): still professional, but never a talking point
    ("Pastor at Grace Church", "religion"),
    # Dutch
    ("Na mijn depressie weer aan het werk", "health"),
    ("Elke zondag naar de kerk", "religion"),
    ("Lid van de VVD sinds 2010", "politics"),
    ("Actief kaderlid bij de FNV", "union"),
    ("Uit de kast gekomen op mijn 30e", "sexuality"),
    ("Vorig jaar veroordeeld voor fraude", "criminal"),
    # German
    ("Nach meiner Krebserkrankung wieder im Job", "health"),
    ("Mein Glaube gibt mir Kraft", "religion"),
    ("SPD-Mitglied seit 2005", "politics"),
    ("Mitglied der IG Metall", "union"),
    ("Schwul, glücklich verheiratet", "sexuality"),
    ("Wegen Betrugs verurteilt", "criminal"),
]


@pytest.mark.parametrize(("text", "category"), SENSITIVE)
def test_sensitive_disclosures_are_caught(text: str, category: str) -> None:
    assert classify_text(text).sensitive_category == category


PROFESSIONAL_NOT_SENSITIVE = [
    "Oncology Sales Lead at Medivance",
    "Head of Diversity & Inclusion at Northwind",
    "Healthcare IT consultant",
    "Our new office on Church Street opens Monday",
    "Fraud detection analyst at a fintech",
    "Political risk analyst covering emerging markets",
    "Charged with leading our EMEA expansion",
    "Negotiating with the unions on the new agreement",
    "Running marketing campaigns for B2B SaaS",
]


@pytest.mark.parametrize("text", PROFESSIONAL_NOT_SENSITIVE)
def test_job_titles_in_sensitive_domains_are_professional(text: str) -> None:
    decision = classify_text(text)
    assert decision.sensitive_category is None
    assert decision.sphere == "professional"


# Common words of the three languages whose other meaning once fired a trigger on its own (the
# wordfreq audit, scripts/audit_lexicon.py), beside a disclosure that uses the same word.
OTHER_MEANING = [
    "Wir wurden gebeten, das Angebot bis Freitag zu überarbeiten.",  # asked, not prayers
    "Die Gläubiger haben dem Sanierungsplan zugestimmt.",  # creditors, not believers
    "Heute Gläubigerversammlung in Essen, danach Zug nach Hause.",
    "Ik wil dit project voor de zomer afronden met het team.",  # to finish, not "afro"
    "Uitgerekend op de drukste dag van het jaar viel de server uit.",  # of all days
    "Bei der Berufswahl hat mir mein Onkel geholfen.",  # a career choice, not an election
    "Die Wortwahl im Vertrag war unglücklich.",
    "Der Sommer war trocken, die Ernte klein.",  # dry weather, not sobriety
    "Die Parole für 2026 lautet: Wachstum aus eigener Kraft.",  # a slogan, not parole
    "It was painstaking work, but the migration is done.",  # not the Dutch "staking"
    "Homo sapiens has never built a worse spreadsheet.",
    "Beperking van de uitstoot met 20 procent in twee jaar.",  # a limit, not a disability
    "Kinkhoest op de crèche, dus ik werk deze week thuis.",  # whooping cough
    "Patriots fan since I was six.",  # the football team
    "Christiane Berg leitet ab Juli den Einkauf.",  # a given name
    "Een rechte lijn van de fabriek naar de haven.",  # straight, not right-wing
    "Die linke Spur ist ab Montag gesperrt.",  # the left lane
    "Battery discharged after two hours of testing.",
    "Allegedly the best coffee in Utrecht, come and judge.",  # a boast
    "Sami from our Helsinki office is presenting.",  # a given name
]
SAME_WORD_DISCLOSED = [
    ("Ein gläubiger Christ und Vater von drei Kindern.", "religion"),
    ("Ik ben uitgerekend op 12 mei!", "health"),
    ("Seit drei Jahren trocken. Jeder Tag zählt.", "health"),
    ("Mijn zoon heeft een beperking en gaat naar speciaal onderwijs.", "health"),
    ("Staking morgen bij de NS, ik sta ook aan de poort.", "union"),
    ("Released on parole last spring, now working full time.", "criminal"),
    ("Landtagswahl: Ich kandidiere für die Grünen.", "politics"),
    ("Homo en trots, al twintig jaar samen met Joost.", "sexuality"),
    ("Wähle seit 20 Jahren die Linke und bin stolz drauf.", "politics"),
    ("Discharged from hospital after three weeks, home at last.", "health"),
    ("Allegedly embezzled two million, the indictment says; I was the CFO then.", "criminal"),
    ("Proud of my Sami heritage, grew up with reindeer in Kautokeino.", "ethnicity"),
]


# Sphere cues whose prefix reached other words ("ski*" -> "skilled", "skin", "skip"; "cost*" ->
# "costume"; "audit*" -> "audition"): the words they meant keep their topic.
CUE_OTHER_MEANING = [  # (text, the topic the stray cue gave it, the sphere it should get)
    ("Skilled trades are the backbone of this region.", "sport", None),
    ("Skip hire booked for Monday.", "sport", "professional"),
    ("Skin care routine finally sorted.", "sport", "personal"),
    ("Category review with the buyer on Thursday.", None, "professional"),  # "cat*": pets
    ("Cookie banner and consent flow rebuilt.", "food", "professional"),
    ("Swimlanes for the new onboarding process are drawn.", "sport", "professional"),
    ("Surface treatment line commissioned in Tilburg.", "sport", "professional"),
]
# Words a work cue's prefix reached that the reason then named: "infrage" (in question) as
# 'infra', "Brandweer" (fire brigade) as 'brand', "auditorium" as 'auditor'.
CUE_NAMED_WRONGLY = [
    ("Eine Verschiebung kommt für uns nicht infrage.", "'infra'"),
    ("Brandweer Twente zoekt een projectleider materieel.", "'brand'"),
    ("Keynote in the main auditorium at 9, slides are up.", "'auditor'"),
]


@pytest.mark.parametrize(("text", "named"), CUE_NAMED_WRONGLY)
def test_a_reason_does_not_name_a_cue_the_text_does_not_hold(text: str, named: str) -> None:
    assert named not in classify_text(text).reason


@pytest.mark.parametrize(("text", "wrong_topic", "sphere"), CUE_OTHER_MEANING)
def test_sphere_cues_do_not_reach_words_of_another_meaning(text: str, wrong_topic: str | None,
                                                           sphere: str | None) -> None:
    decision = classify_text(text)
    if wrong_topic:
        assert decision.topic != wrong_topic
    if sphere:
        assert decision.sphere == sphere
    for stray in ("'ski'", "'cat'", "'cook'", "'swim'", "'surf'"):
        assert stray not in decision.reason


def test_the_cues_still_name_what_they_meant() -> None:
    assert classify_text("Skiing in Austria with the kids.").topic == "sport"
    assert classify_text("Swimming lessons for the twins on Saturday.").topic == "sport"


# Lexicon round 30 (dev155-162): work and everyday contexts its masks name, each beside a
# disclosure the round's triggers reach (written for the test, not copied from the sets).
ROUND_30_NEAR_MISSES = [
    "Intermittent fasting: I'm fasting till noon, so lunch meetings at 12:30 please.",
    "I'm fasting 16:8 this month, so the 11am meeting is all coffee for me.",
    "Signed up for the Berlin Marathon ballot again. Fingers crossed this year.",
    "Stage 6 from 14:00, so the Cape Town office runs on the generator today.",
    "Our sourdough starter has unionised and is demanding better flour.",
    "Ramadan working hours at the Doha office: 9 to 3, Sunday to Thursday.",
]
ROUND_30_DISCLOSURES = [
    ("Nine nights of garba with my cousins and my feet are finished.", "religion"),
    ("Visited my brother at HMP Wandsworth on Saturday. He looks thinner.", "criminal"),
    ("On ARVs since 2019, viral load undetectable, and training for Berlin.", "health"),
    ("Tag 90 ohne Alkohol. Wer hätte das gedacht.", "health"),
    ("Op doktersadvies een maand rustig aan, dus de beurs sla ik over.", "health"),
]


# Lexicon round 31, religion (dev163-178): festivals as office logistics and a colleague's or
# neighbour's treat, chaplaincy vacancies, religion taught, churches as venues, clergy met by
# chance, figurative prayer and others' family rites; beside indirect practice the round's
# triggers reach (written for the test, not copied from the sets).
ROUND_31_RELIGION_NEAR_MISSES = [
    "Huge thanks to Farah from payroll, who brought Eid sweets in for the whole floor.",
    "Onze buurman Yusuf bracht dadels en baklava voor het Suikerfeest. Niets meer over na tien minuten.",
    "Diwali falls on a Monday this year. Managers: please move the sprint review and approve leave without questions.",
    "We're recruiting a part-time hospital chaplain (0.4 FTE) for our multi-faith team. Link below.",
    "Year 8 start their Hinduism unit on Monday; anyone have a good Holi video for 12-year-olds?",
    "Book launch in the old Lutheran church on the Herengracht, now a lovely event space. Doors at 7.",
    "My taxi driver in Dublin was a retired priest and gave me the best restaurant tip of the trip.",
    "Deploy at 17:00 on a Friday. God help whoever is on call.",
    "Buffet voor 120 gasten: halal op aanvraag, vegan standaard, borden inbegrepen.",
    "Bei der Erstkommunion meines Neffen gewesen. Kirche voll, Kuchen gut, alle müde.",
]
ROUND_31_RELIGION_DISCLOSURES = [
    ("Shabbat dinner at my parents' tonight: blessing over the wine by Dad, and far too much brisket.", "religion"),
    ("From sundown Friday the laptop stays shut until Saturday night. Has done for twenty years.", "religion"),
    ("Second day of the fast and 11 hours on the shop floor, no food or water since dawn. Sunset can't come soon enough.", "religion"),
    ("No crisps until Easter for me. Forty days, I can do this.", "religion"),
    ("Finished RCIA this spring and was received into the Church at the Easter Vigil.", "religion"),
    ("Biddag vandaag: na het werk met de kinderen naar de avonddienst.", "religion"),
    ("Wir danken vor dem Essen, auch wenn Gäste da sind. Das gehört bei uns dazu.", "religion"),
    ("We danken voor het eten, ook als er collega's mee-eten.", "religion"),
    ("Married under the chuppah on Sunday, glass and all. Mazel tov to us.", "religion"),
    ("Seit 2019 Rabbinerin in Leipzig, davor zehn Jahre Lehrerin.", "religion"),
]



# Lexicon round 31, politics, union and criminal (dev163-178): election clutter, passing a
# protest, neutral voting, kids' class elections, delays from a strike, figurative crime words and
# professional fraud warnings, each beside a disclosure the round's triggers reach (written for the
# test, not copied from the sets).
ROUND_31_PUC_NEAR_MISSES = [
    'Two election leaflets through the door before breakfast and the dog has already shredded one.',
    'Cycled past the climate march on my way to the bakery. Great drums, no croissants left.',
    'Die Wahlplakate hängen schon wieder an jeder Ecke. Mein Sohn zählt die Schnurrbärte.',
    'Gestemd, daarna met oma naar de markt voor stroopwafels.',
    'Klassensprecherwahl morgen: Mein Sohn hat Flyer gebastelt und verspricht Eis für alle.',
    "Our trip to Leeds got cancelled because of the rail strike, so it's pizza and a film instead.",
    'Unser Drucker ist mal wieder ein Fall für die Staatsanwaltschaft.',
    'That quarterly review stole two hours from my Friday and produced one slide.',
    'Scam alert: someone is texting our customers pretending to be us. We never ask for your PIN.',
    'Het kabinet wil de accijns verhogen; wij rekenen uit wat dat doet met de prijs per liter.',
]
ROUND_31_PUC_DISCLOSURES = [
    ('Another 90 doors knocked before lunch. Back on the doors Thursday.', 'politics'),
    ('Vanavond ledenvergadering van de partij, en ik heb een motie over de bibliotheek.', 'politics'),
    ('Ich habe sie zwölf Jahre lang gewählt und bereue inzwischen jedes davon.', 'politics'),
    ("Volunteered for the Okafor campaign every Saturday this spring and I'd do it again.", 'politics'),
    ('Mijn neef zit al zes weken in voorhechtenis in Antwerpen. Zondag mogen we hem zien.', 'criminal'),
    ('Noch acht Wochen mit der Fußfessel, dann darf ich abends wieder joggen.', 'criminal'),
    ('Cautioned by the Gardaí when I was seventeen, and it still shows up on every form.', 'criminal'),
    ('Ballot paper back in the post, yes to action, and not a flicker of doubt this time.', 'union'),
    ('Gisteravond hebben onze leden ingestemd met het eindbod: twee procent erbij en een extra vrije dag.', 'union'),
    ('The contract we just ratified finally puts night pay in writing. Proud of this bargaining unit.', 'union'),
]



# Another person's news (sensitive.toml [masks_every_category] third_party): a colleague, friend,
# neighbour, boss or client who is the subject of a clause is not the writer or their family. Fresh
# texts, not dev items.
THIRD_PARTY_NEWS = [
    "My teammate Jonas is having knee surgery on Friday so the sprint review moves to Monday.",
    "Our CTO was diagnosed with diabetes last year and now runs the step challenge.",
    "My best friend just married her girlfriend in Porto and the speeches were perfect.",
    "Mijn collega Fleur is vandaag begonnen met chemo. Heel veel sterkte, we denken aan je!",
    "Meine Nachbarin ist Pastorin und hat uns Zucchini über den Zaun gereicht.",
    "Our client was arrested for fraud last week, so the audit is on hold.",
    "My landlord is a Labour councillor and still won't fix the boiler.",
    "Housemate has pneumonia, so I'm on bin duty for the foreseeable.",
    "Our new CFO is a practising Sikh and the best storyteller at lunch.",
    "Congrats to my old teammate Jens, who married his boyfriend in Ghent on Saturday.",
    "Alles Gute zur Wahl als Bürgermeister, lieber Kollege Henrik!",
    "Welcome back, Ines, after your chemo and a long spring.",
]
OWN_NEWS_BESIDE_OTHERS = [
    ("My colleague covered my accounts while I was having chemo.", "health"),
    ("Told my manager about my diagnosis today. She was kind.", "health"),
    ("Friends and family: chemo round three is done, feeling okay.", "health"),
    ("My boss knows I'm gay and honestly nobody at work cares.", "sexuality"),
    ("Mijn collega en ik gingen samen naar de kerk na de vergadering, zoals elke zondag.", "religion"),
    ("Der Nachbar hat mich angezeigt, jetzt läuft ein Verfahren gegen mich.", "criminal"),
    ("Everyone at work met my wife at the summer party; my manager said we're a lovely couple.", None),
    ("Sending love to my mum, who starts radiotherapy tomorrow.", "health"),
    ("Get well soon, Dad. The cardiac ward is lucky to have you.", "health"),
    ("Housemate knows about the diagnosis now, and I'm glad I told him.", "health"),
]


def test_the_third_party_masks_are_made_by_their_script() -> None:
    """sensitive.toml's third_party list is written by scripts/third_party_masks.py from its word
    lists; an edit to either alone is caught here."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[2] / "scripts" / "third_party_masks.py"
    run = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 0, run.stderr


def test_the_third_party_script_names_a_data_file_without_the_list(tmp_path: Path,
                                                                    monkeypatch) -> None:
    import importlib.util

    script = Path(__file__).resolve().parents[2] / "scripts" / "third_party_masks.py"
    spec = importlib.util.spec_from_file_location("third_party_masks", script)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    toml = tmp_path / "sensitive.toml"
    toml.write_text("[masks_every_category]\n", "utf-8")
    monkeypatch.setattr(module, "TOML", toml)
    with pytest.raises(SystemExit, match="sensitive.toml has no 'third_party = \\[' list"):
        module.main(["--check"])
    toml.write_text("[masks_every_category]\nthird_party = [\n  'old',\n]\n", "utf-8")
    assert module.main(["--check"]) == 1  # a list that differs from the script's
    assert module.main([]) == 0 and module.main(["--check"]) == 0


@pytest.mark.parametrize("text", THIRD_PARTY_NEWS)
def test_another_persons_news_is_not_a_disclosure(text: str) -> None:
    assert find_sensitive(text) is None


@pytest.mark.parametrize(("text", "category"), OWN_NEWS_BESIDE_OTHERS)
def test_the_writers_own_news_beside_another_person_still_counts(text: str,
                                                                 category: str | None) -> None:
    hit = find_sensitive(text)
    assert (hit.category if hit else None) == category


# Lexicon round 31, health, sexuality and ethnicity (dev163-178): contexts the round's masks
# name (a flu jab, an office cold, a dead brake light, climbing skin, the ethnicity pay gap,
# Keti Koti at the office, training on addiction), and indirect disclosures its triggers reach
# (memory care, signed off for weeks, a cast, a same-sex couple named by its children, translating for one's
# parents). Written for the test, not copied from the sets.
ROUND_31_HSE_NEAR_MISSES = [
    "Flu jab done in the lunch break, back at my desk by one.",
    "Die Hälfte unseres Vertriebs hat Grippe, der Kundentermin am Montag läuft per Video.",
    "Got pulled over for a burned-out brake light on the way to the match. Warning only.",
    "Training for school nurses: recognising addiction in teenagers. Free, link below.",
    "Seed rounds are in a mini depression and founders are feeling it.",
    "Weekend of bouldering in Fontainebleau, my skin is shredded and I regret nothing.",
    "Pay gap report: the ethnicity gap narrowed to 4%, full method in the appendix.",
    "Onze Keti Koti-lunch op kantoor was een succes, dank aan de commissie.",
    "Webinar: governance for second-generation owners of family firms, Thursday at 4.",
]
ROUND_31_HSE_DISCLOSURES = [
    ("Drove Mum back to her memory care place after lunch; she thought I was her brother.", "health"),
    ("Signed off for eight weeks. The out-of-office says travelling; it is not true.", "health"),
    ("Mijn vader heeft sinds dinsdag zijn gipsbeen, dus ik rij hem overal heen.", "health"),
    ("Letzte Sitzung der Krebstherapie heute, jetzt erst mal eine Woche an die Ostsee.", "health"),
    ("Bij de zwemles roepen ze 'papa Thijs en papa Koen' als we weer te laat zijn.", "sexuality"),
    ("Mein Mann und ich sind seit Montag Pflegeväter von zwei Geschwistern.", "sexuality"),
    ("Spent my teens translating for my parents at the bank and the council office.", "ethnicity"),
    ("Armenian on both sides, raised in Glasgow, writing Go in Rotterdam.", "ethnicity"),
    ("Op het schoolplein zeiden ze dat ik geen echte Nederlander was.", "ethnicity"),
    ("Sommerferien bei Babcia in Krakau, die Kinder sprechen nach drei Tagen Polnisch.", "ethnicity"),
]



# Every lexicon round's near misses and disclosures, each round's lists above.
ROUND_NEAR_MISSES = [*ROUND_30_NEAR_MISSES, *ROUND_31_RELIGION_NEAR_MISSES,
                     *ROUND_31_PUC_NEAR_MISSES, *ROUND_31_HSE_NEAR_MISSES]
ROUND_DISCLOSURES = [*ROUND_30_DISCLOSURES, *ROUND_31_RELIGION_DISCLOSURES,
                     *ROUND_31_PUC_DISCLOSURES, *ROUND_31_HSE_DISCLOSURES]


@pytest.mark.parametrize("text", ROUND_NEAR_MISSES)
def test_lexicon_rounds_masks_cancel_their_near_misses(text: str) -> None:
    # The lexicons' verdict: the learned gate may still read "fasting" or "Ramadan" as a
    # disclosure (it rescues more disclosures that masks cancel than it adds false alarms).
    assert find_sensitive(text) is None


@pytest.mark.parametrize(("text", "category"), ROUND_DISCLOSURES)
def test_lexicon_rounds_disclosures_are_found(text: str, category: str) -> None:
    hit = find_sensitive(text)  # by the round's triggers, not only the learned gate
    assert hit is not None and hit.category == category
    assert classify_text(text).sensitive_category == category


@pytest.mark.parametrize("text", OTHER_MEANING)
def test_common_words_in_another_meaning_are_not_disclosures(text: str) -> None:
    assert classify_text(text).sensitive_category is None


@pytest.mark.parametrize(("text", "category"), SAME_WORD_DISCLOSED)
def test_the_same_words_still_disclose_where_they_mean_it(text: str, category: str) -> None:
    assert classify_text(text).sensitive_category == category


@pytest.mark.parametrize(("text", "sphere"), [
    ("VP Procurement at Acme, ex-Siemens, posts about supply-chain risk", "professional"),
    ("Runs marathons, two kids, lives in Utrecht", "personal"),
    ("Thrilled to share our quarterly results, thanks to our team", "professional"),
    ("Weekend baking sourdough with my daughter", "personal"),
])
def test_sphere(text: str, sphere: str) -> None:
    decision = classify_text(text)
    assert decision.sphere == sphere
    assert decision.reason


def test_mixed_line_splits() -> None:
    parts = classify_parts("Proud dad, CTO at Acme, opinions my own")
    spheres = [c.sphere for _, c in parts]
    assert "personal" in spheres and "professional" in spheres
    assert parts[0][0] == "Proud dad"


def test_classify_facts_splits_and_skips_profile_kinds() -> None:
    ev = Evidence(source="linkedin", method="test", retrieved_at=datetime(2026, 1, 1))
    facts = [Fact("bio", "Proud dad, CTO at Acme", ev), Fact("name", "Jan Fictief", ev)]
    signals = classify_facts(facts)
    assert [s.text for s in signals] == ["Proud dad", "CTO at Acme"]
    assert all(s.evidence is ev for s in signals)


def test_metrics_hand_computed() -> None:
    gold = [Example("a", "professional", None), Example("b", "professional", "health"),
            Example("c", "personal", None), Example("d", "personal", "religion"),
            Example("e", "personal", None)]
    predicted = [("professional", None), ("personal", "health"), ("personal", "politics"),
                 ("personal", None), ("professional", None)]
    m = compute_metrics(gold, predicted)
    # professional: tp=1 fp=1 fn=1 -> P=R=F1=0.5; personal: tp=2 fp=1 fn=1 -> 2/3 each.
    assert m["per_class"]["professional"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5,
                                              "support": 2}
    assert m["per_class"]["personal"]["f1"] == 0.6667
    assert m["macro_f1"] == 0.5833
    assert m["sensitive_recall"] == 0.5
    assert m["false_sensitive_rate"] == 0.3333
    assert (m["sensitive_detected"], m["false_sensitive"]) == (1, 1)
    assert m["confusion"] == {"professional": {"professional": 1, "personal": 1},
                              "personal": {"professional": 1, "personal": 2}}


def _app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_cli_eval_json_keys(tmp_path) -> None:
    f = tmp_path / "tiny.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in [
        {"text": "CTO at Acme", "label": "professional", "sensitive": None},
        # Not "Sunday at church": with no kind or source, the check read it at p 0.497 once
        # dev56-58 (church fairs, church car boot sales) joined the training data.
        {"text": "Sunday mass with my grandmother, then pancakes", "label": "personal",
         "sensitive": "religion"},
    ]))
    result = CliRunner().invoke(_app(), ["eval-classifier", str(f), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"per_class", "macro_f1", "sensitive_recall", "sensitive_per_category",
            "false_sensitive_rate", "confusion"} <= data.keys()
    assert data["sensitive_recall"] == 1.0


def test_cli_eval_reads_a_file_with_a_byte_order_mark(tmp_path) -> None:
    f = tmp_path / "bom.jsonl"
    f.write_bytes("\ufeff".encode() + b'{"text": "CTO at Acme", "label": "professional", '
                  b'"sensitive": null}\r\n')
    result = CliRunner().invoke(_app(), ["eval-classifier", str(f), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["per_class"]["professional"]["support"] == 1


def test_cli_eval_pools_several_files_and_names_the_bad_one(tmp_path) -> None:
    one, two, bad = tmp_path / "one.jsonl", tmp_path / "two.jsonl", tmp_path / "bad.jsonl"
    one.write_text(json.dumps({"text": "CTO at Acme", "label": "professional",
                               "sensitive": None}) + "\n")
    two.write_text(json.dumps({"text": "Sunday mass with my grandmother, then pancakes",
                               "label": "personal", "sensitive": "religion"}) + "\n")
    bad.write_text('{"text": "x", "label": "maybe"}\n')
    result = CliRunner().invoke(_app(), ["eval-classifier", str(one), str(two), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["per_class"]["professional"]["support"] == 1
    assert data["per_class"]["personal"]["support"] == 1
    result = CliRunner().invoke(_app(), ["eval-classifier", str(one), str(bad)])
    assert result.exit_code != 0
    assert "bad.jsonl" in str(result.exception) and "one.jsonl" not in str(result.exception)
    missing = CliRunner().invoke(_app(), ["eval-classifier", str(one), str(tmp_path / "no")])
    assert missing.exit_code != 0 and "no such file" in str(missing.exception)


def test_cli_eval_bad_line_is_usage_error(tmp_path) -> None:
    f = tmp_path / "bad.jsonl"
    f.write_text('{"text": "x", "label": "maybe"}\n')
    result = CliRunner().invoke(_app(), ["eval-classifier", str(f)])
    assert result.exit_code != 0
    assert "label" in str(result.exception)


def test_cli_classify_json() -> None:
    result = CliRunner().invoke(_app(), ["classify", "Recovering from chemo", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["parts"][0]["sensitive_category"] == "health"


@pytest.mark.parametrize("name", ["heldout.jsonl", "heldout2.jsonl", "heldout3.jsonl",
                                  "heldout4.jsonl"])
def test_held_out_quality_does_not_regress(name: str) -> None:
    """Floors a little under the measured held-out figures (issue 4's targets are 0.90 / 0.95 /
    0.05; the README says where they stand): a lexicon or weight change that loses quality on
    texts it was not tuned on fails here."""
    from prebrief.classify.evaluate import evaluate, read_examples

    held = LABELLED / name
    metrics = evaluate(read_examples(held))
    assert metrics["macro_f1"] >= 0.90  # measured 0.919-0.946 per set
    assert metrics["sensitive_recall"] >= 0.94  # measured 0.940-0.979 per set
    assert metrics["false_sensitive_rate"] <= 0.055  # measured 1.4-3.2 % per set


def _pooled_metrics(pattern: str) -> dict:
    """eval-classifier's metrics over the labelled sets matching pattern, pooled."""
    from prebrief.classify.evaluate import evaluate, read_examples

    return evaluate([e for p in sorted(LABELLED.glob(pattern)) for e in read_examples(p)])


def test_outside_testers_sets_do_not_regress() -> None:
    """outside*.jsonl: twenty writers who had only issue 4's text, not GUIDELINES.md (the
    nearest thing here to the external data prebrief is measured on), kept out of training
    (docs/classifier.md, "dev207-211 and outside1-12", "outside13-16", "dev220-223").
    Floors a little under the figures measured with the models of 223 sets, all twenty
    pooled: macro-F1 0.898, sensitive recall 0.963, false-sensitive 2.9 %."""
    assert len(list(LABELLED.glob("outside*.jsonl"))) == 20
    metrics = _pooled_metrics("outside*.jsonl")
    assert metrics["macro_f1"] >= 0.885
    assert metrics["sensitive_recall"] >= 0.95
    assert metrics["false_sensitive_rate"] <= 0.035


def test_held_out_split_meets_the_targets() -> None:
    """Issue 4's targets on the four held-out sets together (1,507 items; measured 0.936,
    0.957 and 2.2 % since the check's threshold went to 0.4)."""
    metrics = _pooled_metrics("heldout*.jsonl")
    assert metrics["n"] == 1507
    assert metrics["macro_f1"] >= 0.90
    assert metrics["sensitive_recall"] >= 0.95
    assert metrics["false_sensitive_rate"] <= 0.05


def test_training_script_reproduces_the_committed_weights() -> None:
    """The weights are data made by scripts/train_classifier.py from the dev sets only; a
    changed lexicon, dev set or feature must come with re-trained weights."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[2] / "scripts" / "train_classifier.py"
    run = subprocess.run([sys.executable, str(script), "--check"], capture_output=True,
                         text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert "weights reproduce" in run.stderr


def _training_script():
    import importlib.util
    import sys

    path = Path(__file__).resolve().parents[2] / "scripts" / "train_classifier.py"
    spec = importlib.util.spec_from_file_location("train_classifier", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("train_classifier", module)
    spec.loader.exec_module(module)
    return module


def test_cross_validation_scores_each_writer_unseen_and_says_whether_it_picks_l2(
        monkeypatch, capsys) -> None:
    """--cv (kept out of --check, which a test runs): each writer is scored by a model trained
    on the others only, and the exit code says whether the committed L2 is the best."""
    tc = _training_script()
    # Four writers; "desk" is professional and "garden" personal for the first three, but
    # writer 3 writes them the other way round: a model that saw writer 3's texts would know,
    # an honest fold does not, so writer 3 scores low while the others score perfectly.
    rows = [(0.0, frozenset({word, f"w{n}"}), label, writer)
            for writer, (pro, per) in enumerate([("desk", "garden")] * 3 + [("garden", "desk")])
            for n in range(6) for word, label in ((pro, 1), (per, 0))]
    fit = tc.fit

    def fit_on_three_writers(train, vocab, l2):  # runs in the fold's process: raising fails it
        assert len({row[3] for row in train}) == 3, "a fold trained on the writer it scores"
        return fit(train, vocab, l2)

    monkeypatch.setattr(tc, "fit", fit_on_three_writers)
    cv = tc.leave_one_writer_out(rows, (0.0003, 0.001))
    assert set(cv) == {0.0003, 0.001} and all(len(scores) == 4 for scores in cv.values())
    assert cv[0.001][:3] == [1.0, 1.0, 1.0] and cv[0.001][3] < 0.5

    monkeypatch.setattr(tc, "L2_GRID", (0.0003, 0.001))
    monkeypatch.setattr(tc, "L2", 0.001)  # equal scores: the stronger L2 is the best
    assert tc.cross_validate(rows) == 0
    assert "L2 = 0.001 is the best" in capsys.readouterr().out
    monkeypatch.setattr(tc, "L2", 0.0003)
    assert tc.cross_validate(rows) == 1
    assert "the best L2 is 0.001, not the committed 0.0003" in capsys.readouterr().err


def test_descend_reaches_the_minimum_of_an_ill_conditioned_loss() -> None:
    """The models are fitted to convergence (descend()): on a quadratic whose curvature spans
    a factor of 1,000, 600 accelerated steps land on the minimum, where as many plain gradient
    steps stop far short along the flat direction."""
    import numpy as np

    tc = _training_script()
    curvature, target = np.array([1.0, 0.001]), np.array([1.0, -2.0])

    def gradient(theta):
        return curvature * (theta - target)

    reached = tc.descend(gradient, np.zeros(2), 600, 1.0)
    assert np.allclose(reached, target, atol=0.05)  # plain steps: 1.1 short (below)
    plain = np.zeros(2)
    for _ in range(600):
        plain = plain - gradient(plain)
    assert abs(plain[1] - target[1]) > 1.0  # what the old fixed-epoch descent did
    clipped = tc.descend(gradient, np.zeros(2), 600, 1.0,
                         (np.array([-np.inf, -0.25]), np.array([np.inf, 0.25])))
    assert np.allclose(clipped, [1.0, -0.25], atol=0.01)  # kept within bounds (SOURCE_CAP)


def test_the_learned_gate_weighs_no_partner_word_or_given_name() -> None:
    """Whether "husband", "woman" or "Tom" disclose a same-sex couple depends on who wrote
    them (the writer_* terms): the gate and the categories are not fitted on them at all."""
    from prebrief.classify.learned import sensitive_model

    tc = _training_script()
    words = tc.partner_words()
    assert {"husband", "wife", "woman", "frau", "vrouw", "daniel", "anna"} <= words
    assert tc.weighable(["husband", "husband to", "to tom", "husba*", "proud", "proud of",
                         "diagn*"]) == ["proud", "proud of", "diagn*"]
    model = sensitive_model()
    assert model is not None
    for weighed in (list(model.gate.singles), list(model.gate.pairs),
                    [f"{p}*" for p in model.gate.prefixes], list(model.category_words)):
        kept = tc.weighable(weighed)
        assert kept == weighed, sorted(set(weighed) - set(kept))[:5]


def test_training_also_reads_each_item_without_its_kind_and_source(tmp_path, monkeypatch) -> None:
    """eval-classifier's input has no kind or source: the sphere model and the check are
    also trained on every dev item without them, and the vocabulary counts an item once."""
    tc = _training_script()
    dev = tmp_path / "dev.jsonl"
    dev.write_text("\n".join(json.dumps(r) for r in [
        {"text": "Hiring two backend engineers", "label": "professional", "sensitive": None,
         "kind": "post", "source": "linkedin"},
        {"text": "Back home after my knee surgery", "label": "personal", "sensitive": "health",
         "kind": "post", "source": "facebook"},
        {"text": "Sunday roast with the kids", "label": "personal", "sensitive": None},
    ]), "utf-8")
    monkeypatch.setattr(tc, "DEV", [dev])
    made = tc.examples()
    assert len(made.rows) == 3 and len(made.labelled) == 3
    assert len(made.plain_rows) == 2  # the third item has neither to leave out
    assert "source:linkedin" in made.rows[0][1]
    for margin, feats, label, writer in made.plain_rows:
        assert not any(f.startswith(("kind:", "source:")) for f in feats)
    assert [r[2] for r in made.plain_rows] == [1, 0]  # the labels travel with the copies
    assert len(made.checked) == len(made.plain_checked) == 1  # "surgery" fired
    assert not any(f.startswith(("kind:", "source:")) for f in made.plain_checked[0][0])
    monkeypatch.setattr(tc, "WITHOUT_CONTEXT", False)
    assert tc.examples().plain_rows == []


def test_writers_from_the_issue_alone_weigh_more_in_the_sphere_model() -> None:
    """FROM_THE_ISSUE names dev sets that exist; their rows weigh FROM_THE_ISSUE_WEIGHT times
    the others', with the mean weight kept at 1."""
    tc = _training_script()
    stems = {path.stem for path in tc.DEV}
    assert tc.FROM_THE_ISSUE and tc.FROM_THE_ISSUE <= stems
    heavy = next(i for i, path in enumerate(tc.DEV) if path.stem in tc.FROM_THE_ISSUE)
    light = next(i for i, path in enumerate(tc.DEV) if path.stem not in tc.FROM_THE_ISSUE)
    rows = [(0.0, frozenset(), 1, heavy), (0.0, frozenset(), 0, light),
            (0.0, frozenset(), 0, light)]
    weight = tc.row_weights(rows)
    assert weight[0] == pytest.approx(tc.FROM_THE_ISSUE_WEIGHT * weight[1])
    assert weight[1] == weight[2] and weight.mean() == pytest.approx(1.0)


def test_the_check_can_be_scored_on_the_last_writers_before_they_are_used() -> None:
    """scripts/check_before_use.py fits the check as train_classifier.py does, on the dev sets
    before --first, and scores the rest; an unknown set name is a clear error."""
    import re
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    script = root / "scripts" / "check_before_use.py"
    # The newest dev set, whatever it is: the test must not need editing when writers join.
    # The sets are dev, dev2, ..., devN, so the newest is devN for N sets (a gap fails below).
    last = len(list(LABELLED.glob("dev*.jsonl")))
    run = subprocess.run([sys.executable, str(script), "--first", f"dev{last}"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    assert re.search(rf"trained on {last - 1} dev sets, scored 1 \(dev{last}\): \d+ disclosures",
                     run.stdout)
    assert re.search(r"below 0\.3: sets aside \d+ false alarms, loses \d+ disclosures  <- shipped",
                     run.stdout)
    bad = subprocess.run([sys.executable, str(script), "--first", "heldout"],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode != 0 and "not a dev set name" in bad.stderr


@pytest.mark.parametrize(("text", "category"), [
    ("Husband to Marco, dad to a very loud beagle", "sexuality"),
    ("Wife to Claire, mum to Otto and Freya", "sexuality"),
    ("Ehefrau von Anna und Mama von zwei Jungs", "sexuality"),
    ("Wife of Daniel, mum of two, runner", None),  # a wife whose spouse is a man
    ("Husband to a wonderful woman and dad of three", None),
])
def test_name_frames_reveal_a_same_sex_couple_only_when_the_names_do(text, category) -> None:
    assert classify_text(text).sensitive_category == category


def test_reason_is_the_same_whatever_the_hash_seed() -> None:
    """'bakery' and 'open' weigh the same: the reason must not list them in set order."""
    import os
    import subprocess
    import sys

    text = ("Mobile hairdresser covering the villages round Ludlow. Cuts, colours, and all the "
            "gossip you can handle. | Bakery open since 4. Sold out of cardamom buns by 9. "
            "Sorry to the gentleman who wept.")
    code = ("from prebrief.classify import classify_text; "
            f"print(classify_text({text!r}, kind='post', source='facebook').reason)")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}, check=True).stdout
            for seed in range(6)}
    assert len(outs) == 1, outs


def test_a_reason_names_no_function_word_the_model_weighs() -> None:
    """The sphere model weighs some function words ("as", "her", "ich", ...) past the strength
    at which a reason names a word, but naming them explains nothing: the reason leaves them
    out (priors.toml [reason]) and still names content words and pairs."""
    from prebrief.classify.core import STRONG
    from prebrief.classify.lexicon import nameable, never_named
    from prebrief.classify.model import sphere_model

    model = sphere_model()
    assert model is not None
    strong = {w: weight for w in never_named()
              if abs(weight := model.words.singles.get(w, 0.0)) >= STRONG}
    assert strong  # what makes this test able to fail
    for word, weight in sorted(strong.items()):
        # A text clearly of the sphere the word leans to, so that the word would be named.
        sphere, text = (("personal", f"Sunday at the beach with the kids and grandma {word}")
                        if weight < 0 else
                        ("professional", f"Quarterly revenue review with the sales team {word}"))
        decision = classify_text(text)
        assert decision.sphere == sphere, (text, decision.reason)
        named = decision.reason.partition("words typical of")[2].partition(";")[0]
        assert f"'{word}'" not in named, (text, decision.reason)
    assert nameable("our team") and nameable("weddi*") and nameable("team")
    assert not nameable("of the") and not nameable("the") and not nameable("ich")


def test_a_language_file_adds_cues_to_the_main_files_topics(tmp_path, monkeypatch) -> None:
    """data/topics_<lang>.toml adds terms to topics.toml's topics, taking their settings."""
    import shutil

    from prebrief.classify import lexicon

    data = tmp_path / "data"
    shutil.copytree(lexicon.DATA, data)
    (data / "topics_xx.toml").write_text('[topics.family]\nterms = ["zorblat"]\n', "utf-8")
    monkeypatch.setattr(lexicon, "DATA", data)
    lexicon.load_toml.cache_clear()
    try:
        cues = {term: cue for term, cue in lexicon.cue_terms()}
        assert cues["zorblat"].topic == "family" and cues["zorblat"].sphere == "personal"
        assert cues["zorblat"].weight == lexicon.load_toml("topics.toml")["topics"]["family"].get(
            "weight", 1.0)
    finally:
        lexicon.load_toml.cache_clear()


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("Long run done 🏃 now pancakes", "shape:emoji", None),
    ("Long run done, now pancakes", None, "shape:emoji"),
    ("Finally shipped it!", "shape:exclaim", "shape:question"),
    ("Anyone going to the Ghent meetup?", "shape:question", "shape:exclaim"),
    ("New role announced #hiring", "shape:hashtag", None),
    ("Our #2 priority this quarter", None, "shape:hashtag"),
    ("Great talk by @mira_devries today", "shape:mention", None),
    ("Write to mira@kestrel.example for slides", None, "shape:mention"),
    ("VP Sales | Fintech | ex-Kestrel", "shape:pipe", None),
    ("Head of Ops · Freight · Rotterdam", "shape:pipe", None),
    ("a|b testing notes", None, "shape:pipe"),
    ("Slides at https://kestrel.example/talk", "shape:url", None),
    ("Back at the desk on Monday.", "shape:period", None),
    ("Back at the desk on Monday", None, "shape:period"),
    ("one two three", "shape:len1-3", "shape:len4-8"),
    ("one two three four", "shape:len4-8", "shape:len1-3"),
    (" ".join(["word"] * 8), "shape:len4-8", "shape:len9-20"),
    (" ".join(["word"] * 9), "shape:len9-20", "shape:len4-8"),
    (" ".join(["word"] * 20), "shape:len9-20", "shape:len21+"),
    (" ".join(["word"] * 21), "shape:len21+", "shape:len9-20"),
])
def test_shape_features_read_the_form_of_a_text(text: str, present: str | None,
                                                absent: str | None) -> None:
    from prebrief.classify.model import shape_features
    from prebrief.classify.tokens import Tokens

    found = shape_features(Tokens(text))
    assert present is None or present in found
    assert absent is None or absent not in found
    assert sum(f.startswith("shape:len") for f in found) == 1  # exactly one length class


def test_the_sphere_model_weighs_a_texts_shape() -> None:
    """The shape features reach the decision: the same words read with headline separators
    move the sphere margin by exactly the separator's committed weight."""
    from prebrief.classify.core import _Weighed
    from prebrief.classify.model import sphere_model
    from prebrief.classify.tokens import Tokens

    model = sphere_model()
    assert model is not None
    weight = model.context["shape:pipe"]
    assert weight > 0  # a "|" between headline parts leans professional
    plain = _Weighed(Tokens("Supply chain, procurement, Rotterdam"), None, None, None)
    piped = _Weighed(Tokens("Supply chain | procurement | Rotterdam"), None, None, None)
    assert piped.margin - plain.margin == pytest.approx(weight)


def test_before_use_refits_every_model_on_the_earlier_writers_only() -> None:
    """scripts/before_use.py fits the models on the dev sets before --first, in its own
    process, and scores the pipeline on --first..--last: a set the committed models were
    trained on reads worse there, and the committed weight files are left as they were."""
    import hashlib
    import json
    import subprocess
    import sys

    from prebrief.classify.evaluate import evaluate, read_examples

    root = Path(__file__).resolve().parents[2]
    data = root / "src" / "prebrief" / "classify" / "data"
    weights = {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
               for p in sorted(data.glob("*_weights.json"))}
    script = root / "scripts" / "before_use.py"
    run = subprocess.run([sys.executable, str(script), "--first", "dev3", "--last", "dev3",
                          "--json"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    dev3 = read_examples(LABELLED / "dev3.jsonl")
    assert report["trained_on"] == 2 and report["scored"] == ["dev3"]
    assert report["pooled"]["n"] == report["sets"]["dev3"]["n"] == len(dev3)
    before = report["sets"]["dev3"]["with_context"]
    committed = evaluate(dev3)  # the shipped models, which were fitted on dev3 among others
    assert before["macro_f1"] < committed["macro_f1"] - 0.03
    assert 0 <= before["false_alarms"] and 0 <= before["missed"]
    assert weights == {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
                       for p in sorted(data.glob("*_weights.json"))}
    text = subprocess.run([sys.executable, str(script), "--first", "dev3", "--last", "dev3"],
                          capture_output=True, text=True, timeout=600).stdout
    assert "models fitted on 2 dev sets (dev..dev2)" in text and "dev3     n=500" in text
    for bad, message in ((["--first", "heldout"], "not a dev set name"),
                         (["--first", "dev9999"], "no dev sets to fit on or to score")):
        run = subprocess.run([sys.executable, str(script), *bad], capture_output=True,
                             text=True, timeout=60)
        assert run.returncode != 0 and message in run.stderr


def test_the_lexicon_audit_names_the_words_that_fire_alone_and_their_terms(tmp_path: Path) -> None:
    """scripts/audit_lexicon.py --words: each word that fires a trigger on its own, with the
    term that matched; words whose other meaning a mask names stay out."""
    import subprocess
    import sys

    words = tmp_path / "words.txt"
    words.write_text("cancer\ngebeten\nafronden\nhello\nGewerkschaft\npainstaking\n", "utf-8")
    script = Path(__file__).resolve().parents[2] / "scripts" / "audit_lexicon.py"
    run = subprocess.run([sys.executable, str(script), "--words", str(words)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "- cancer -> health (health.terms_en:cancer)",
        "- Gewerkschaft -> union (union.terms_de:*gewerkschaft, union.terms_de:gewerkschaft*)"]
    assert "2 of 6 words fire a trigger on their own" in run.stderr
    missing = subprocess.run([sys.executable, str(script), "--words", str(tmp_path / "no.txt")],
                             capture_output=True, text=True, timeout=300)
    assert missing.returncode != 0 and "cannot read" in missing.stderr
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("café\n".encode("latin-1"))
    garbled = subprocess.run([sys.executable, str(script), "--words", str(latin1)],
                             capture_output=True, text=True, timeout=300)
    assert garbled.returncode != 0 and "not UTF-8 text" in garbled.stderr
    assert "Traceback" not in garbled.stderr


def test_eval_reads_labels_as_other_tools_write_them() -> None:
    """Case and spaces around a label are ignored, and "none" or "" mean no sensitive category;
    anything else outside the two spheres and seven categories is still a clear error."""
    from prebrief.classify.evaluate import parse_line

    ex = parse_line('{"text": "CTO at Acme", "label": " Professional", "sensitive": "None"}', 1)
    assert (ex.label, ex.sensitive) == ("professional", None)
    ex = parse_line('{"text": "Chemo round 3 done", "label": "PERSONAL", "sensitive": "Health "}',
                    2)
    assert (ex.label, ex.sensitive) == ("personal", "health")
    assert parse_line('{"text": "x", "label": "personal", "sensitive": ""}', 3).sensitive is None
    assert parse_line('{"text": "x", "label": "personal"}', 4).sensitive is None
    with pytest.raises(ValueError, match=r"line 5: unknown 'sensitive' category 'medical'"):
        parse_line('{"text": "x", "label": "personal", "sensitive": "medical"}', 5)
    with pytest.raises(ValueError, match=r"line 6: 'label' must be .* not 'work'"):
        parse_line('{"text": "x", "label": "work", "sensitive": null}', 6)
    with pytest.raises(ValueError, match="line 7: 'label'"):
        parse_line('{"text": "x", "label": 1, "sensitive": null}', 7)
    with pytest.raises(ValueError, match="line 8: unknown 'sensitive' category"):
        parse_line('{"text": "x", "label": "personal", "sensitive": ["health"]}', 8)


@pytest.mark.parametrize(("text", "leaned"), [
    ("Proud Sikh, proud engineer at Dunmore Rail", True),  # a close call the prior tips
    ("Type 1 diabetic and quantity surveyor. Ask me about either.", True),
    ("Pastor at Grace Fellowship Church, Dayton", False),    # a clergy role stays work
    ("Gay project manager at Veltrop Bouw, out at work since 2019", False),
])
def test_a_disclosure_leans_personal(text: str, leaned: bool, monkeypatch) -> None:
    """priors.toml [decision] disclosure tips a disclosure's close call to personal (outside
    testers label most disclosures personal); a role in the category stays professional."""
    from prebrief.classify import core

    with_prior = classify_text(text)
    monkeypatch.setattr(core, "disclosure_prior", lambda: 0.0)
    without = classify_text(text)
    assert with_prior.sensitive_category == without.sensitive_category is not None
    assert without.sphere == "professional"
    assert with_prior.sphere == ("personal" if leaned else "professional")
    assert "disclosure prior" in with_prior.reason and "disclosure prior" not in without.reason


def test_the_disclosure_prior_leaves_other_texts_alone(monkeypatch) -> None:
    from prebrief.classify import core

    texts = ["Runs marathons, two kids, lives in Utrecht", "VP Procurement at Acme, ex-Siemens",
             "Running the Rotterdam marathon for the cancer fund, sponsor link below"]
    before = [classify_text(t) for t in texts]
    monkeypatch.setattr(core, "disclosure_prior", lambda: -5.0)
    assert [classify_text(t) for t in texts] == before
    assert all(c.sensitive_category is None for c in before)


def test_the_users_notes_are_read_as_about_the_contact():
    """A note is the user's sentence about the contact: 'She has breast cancer.' was set aside
    by the learned check as a mention of somebody else and printed under Personal rapport, and
    'Votes for the Forum voor Democratie, very vocal about it at dinner.' was split at its
    comma, its second half ('very vocal about it at dinner', topic food) kept (outside
    testers). In a post the same words keep their old reading."""
    from prebrief.classify import classify_parts, classify_text

    for text, category in (("She has breast cancer.", "health"),
                           ("He is HIV positive.", "health"),
                           ("Was arrested for drunk driving in 2023 according to a colleague.",
                            "criminal")):
        assert classify_text(text, kind="note").sensitive_category == category, text
    assert classify_text("She has breast cancer.", kind="post",
                         source="x").sensitive_category is None
    whole = classify_parts("Votes for the Forum voor Democratie, very vocal about it at dinner.",
                           kind="note")
    assert [(t, c.sensitive_category) for t, c in whole] == [
        ("Votes for the Forum voor Democratie, very vocal about it at dinner.", "politics")]
    # A note's strong separators still split a mixed line.
    mixed = classify_parts("Head of procurement at Norrbrook; proud dad of two", kind="note")
    assert [c.sphere for _, c in mixed] == ["professional", "personal"]
