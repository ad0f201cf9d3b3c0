"""Write sensitive.toml's [masks_every_category] third_party list: another person's news, not the
writer's. Its regular expressions are long and repetitive (every determiner, noun and stop word in
three languages), so they are made from the word lists here, and this file is what to edit.

    python scripts/third_party_masks.py            # rewrites the list in sensitive.toml
    python scripts/third_party_masks.py --check    # exit 1 if sensitive.toml's list differs

A test runs the check, so an edit to the lists here must come with the rewritten data file (and,
as for any lexicon change, retrained weights).
"""

from __future__ import annotations

import sys
from pathlib import Path

TOML = Path(__file__).resolve().parents[1] / "src" / "prebrief" / "classify" / "data" / "sensitive.toml"

poss = ["my", "our", "mijn", "onze", "mein", "meine", "unser", "unsere"]
conj = ["and", "but", "so", "en", "maar", "und", "aber"]


def clause(words: list[str]) -> list[str]:
    """Lookbehinds for each determiner at the start of a clause: the text's, a sentence's, a
    line's, or after a comma or a conjunction."""
    alts = []
    for d in words:
        alts += [f"(?<=^{d}\\s)", f"(?<=[.!?;:,]\\s{d}\\s)", f"(?<=\\n{d}\\s)"]
        alts += [f"(?<=\\b{c}\\s{d}\\s)" for c in conj]
    return alts


lb = "(?:" + "|".join(clause(poss) + clause(["one of our", "een van onze", "eine unserer", "einer unserer"])) + ")"
# a bare noun as a clause's first word ('Neighbour's just had a hip replacement', 'Teammate announced ...')
bare = "(?:(?<=^)|(?<=[.!?;:]\\s)|(?<=\\n))"
adj_en, adj_nl, adj_de = "new|old|former|ex", "nieuwe|oude|voormalige", "neue[rn]?|alte[rn]?|ehemalige[rn]?"
nouns_en = ["colleague", "co-worker", "coworker", "workmate", "teammate", "team-mate", "team member", "neighbour", "neighbor",
            "mate", "best mate", "friend", "best friend", "flatmate", "housemate", "roommate", "boss", "manager", "line manager",
            "ceo", "coo", "cfo", "cto", "vp", "co-founder", "cofounder", "client", "customer", "landlord", "landlady", "tenant",
            "student", "pupil", "intern", "apprentice", "mentee", "mentor", "hire", "starter", "joiner", "regulars?", "coach"]
nouns_nl = ["collega", "buurman", "buurvrouw", "baas", "leidinggevende", "klant", "huisgenoot", "beste vriend",
            "beste vriendin", "stagiair", "stagiaire", "teamgenoot", "mentor", "coach"]
nouns_de = ["kollege", "kollegin", "nachbar", "nachbarin", "chef", "chefin", "kunde", "kundin", "mitbewohner",
            "mitbewohnerin", "bester freund", "beste freundin", "azubi", "teamkollege", "teamkollegin", "vorgesetzte",
            "vorgesetzter", "mentorin", "mentor", "trainer", "trainerin"]
# a bare noun opens a clause only as its subject, before a verb ('Flatmate has Covid'); not a
# headline's title ('CTO at ...') nor a noun that is also a verb ('Hire people with records')
ambiguous = {"hire", "coach", "mentor", "regulars?", "starter", "joiner", "student", "intern", "trainer", "chef"}
bare_en = [n for n in nouns_en if n not in ambiguous]
bare_nl = [n for n in nouns_nl if n not in ambiguous]
bare_de = [n for n in nouns_de if n not in ambiguous]
verbs = ("is|was|has|had|just|got|did|does|announced|told|asked|says|said|went|came|finished|started|brought|"
         "ist|hat|war|wurde|wird|heeft|zit|ligt|kreeg|werd|wordt")


def alt(ns: list[str]) -> str:
    """One alternation of nouns, a space matching any run of spaces, a hyphen optional."""
    return "|".join(n.replace(" ", r"\s+").replace("-", r"[\s\-]?") for n in ns)


fp = r"i|me|my|mine|myself|we|us|our|ours|ik|mij|mijn|m[\x27’]n|wij|ons|onze|ich|mich|mir|mein\w*|wir|uns|unser\w*"
family = (r"mum|mom|mam|mama|dad|papa|father|mother|husband|wife|partner|son|daughter|brother|sister|moeder|vader|"
          r"mutter|vater|sohn|tochter|bruder|schwester|zoon|dochter|broer|zus")
third = ["his", "her", "their", "zijn", "haar", "hun", "sein", "seine", "seinen", "ihr", "ihre", "ihren"]
not_third = "".join(f"(?<!\\b{w}\\s)" for w in third)
# a family word counts unless another person's ('her wife', 'seine Tochter')
stop = f"{fp}|{not_third}(?:{family})"
stop_next = f"(?!(?:{'|'.join(third)})\\s)\\w+\\s+(?:{fp}|{family})"
quoted = r"(?!(?:\s+\w+)?[\x27’\"”])"
tail = f"(?:(?!\\b(?:{stop})\\b|{stop_next}\\b)[^.!?:;,|·•\\n]){{0,120}}"


def subject(adj: str, nouns: list[str]) -> str:
    return f"(?:(?:{adj})\\s+)?(?:{alt(nouns)})"


MASKS = [
    f"re:{lb}{subject(adj_en, nouns_en)}\\b{quoted}(?:[\\x27’]s\\b)?{tail}",
    f"re:{lb}{subject(adj_nl, nouns_nl)}\\b(?![\\x27’]s\\b){quoted}{tail}",
    f"re:{lb}{subject(adj_de, nouns_de)}\\b{quoted}{tail}",
    f"re:{bare}(?:{alt(bare_en)})(?=[\\x27’]s\\b|\\s+(?:{verbs})\\b){tail}",
    f"re:{bare}(?:{alt(bare_nl)})(?=\\s+(?:{verbs})\\b){tail}",
    f"re:{bare}(?:{alt(bare_de)})(?=\\s+(?:{verbs})\\b){tail}",
]
# wishes and greetings to someone else, up to the writer or their family ('Wishing a speedy recovery
# to Coach Danvers after his knee surgery', 'Beterschap aan buurman Kees, die ...', 'Alles Gute für
# die Reha, Sabine!'); 'my friend X' inside does not stop it, 'my mum' does.
greet = (r"get\s+well\s+soon|speedy\s+recovery|sending\s+(?:love|strength|hugs|healing\s+vibes|good\s+vibes)\s+to|"
         r"welcome\s+back|welkom\s+terug|beterschap|sterkte|gute\s+besserung|alles\s+gute|"
         r"congratulations\s+to|congrats\s+to|gefeliciteerd|proficiat|glückwunsch|herzlichen\s+glückwunsch")
friendly = f"\\b(?:my|mijn|meine?[mnrs]?|our|onze|unsere?[mnrs]?)\\s+(?:(?:old|oude|alte[nr]?)\\s+)?(?:{alt(list(dict.fromkeys(nouns_en + nouns_nl + nouns_de)))})\\b"
gtail = f"(?:{friendly}|(?!\\b(?:{stop})\\b|{stop_next}\\b)[^.!?:;|·•\\n]){{0,120}}"
MASKS.append(f"re:(?<!\\w)(?:{greet})\\b{gtail}")


def write(text: str) -> str:
    """sensitive.toml's text with its third_party list replaced by MASKS."""
    head = "third_party = [\n"
    if head not in text:
        raise SystemExit(f"{TOML.name} has no '{head.strip()}' list under [masks_every_category]")
    start = text.index(head) + len(head)
    end = text.index("]\n", start)
    return text[:start] + "".join(f"  '{mask}',\n" for mask in MASKS) + text[end:]


def main(argv: list[str]) -> int:
    text = TOML.read_text("utf-8")
    if "--check" in argv:
        if write(text) != text:
            print("sensitive.toml's third_party masks differ from scripts/third_party_masks.py",
                  file=sys.stderr)
            return 1
        return 0
    TOML.write_text(write(text), "utf-8")
    print(f"wrote {len(MASKS)} third_party masks to {TOML.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
