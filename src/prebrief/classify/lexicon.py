"""Load the classifier's data files once and compile them into matchers.

Term syntax: see prebrief/classify/terms.py (word lists) and masks.py (``re:`` contexts).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from prebrief.classify.masks import LazyMasks
from prebrief.classify.terms import Match, TermMatcher
from prebrief.classify.tokens import Tokens


DATA = Path(__file__).parent / "data"


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Read one data file from prebrief/classify/data/, once (callers only read it)."""
    from prebrief.classify.compiled import cached_json

    text = (DATA / name).read_text("utf-8")

    def parse() -> dict[str, Any]:
        import tomllib  # deferred, and only when the file changed since it was last parsed

        return tomllib.loads(text)

    return cached_json("toml", text, parse)  # TOML is pure Python: ~0.15 s for sensitive.toml


@dataclass(frozen=True)
class SensitiveLexicon:
    """Per-category masks and settings (the triggers live in all_terms())."""

    masks: dict[str, LazyMasks]  # per category: a mask only cancels its own category's triggers
    sphere_bias: dict[str, float]
    order: tuple[str, ...]


@cache
def sensitive_lexicon() -> SensitiveLexicon:
    """Compile data/sensitive.toml: every language's terms feed the same category."""
    data = load_toml("sensitive.toml")
    bias = {category: float(spec.get("sphere_bias", 0.0))
            for category, spec in data["categories"].items()}
    shared = every_category_masks(data)
    masks = {category: LazyMasks(val + shared) for category, val in data["masks"].items()}
    return SensitiveLexicon(masks, bias, tuple(data["categories"]))


def every_category_masks(data: dict[str, Any]) -> list[str]:
    """The masks of sensitive.toml's [masks_every_category] lists, which join every category's
    own masks: contexts that make any trigger innocent (news about a colleague or a friend, who
    is not the writer's family), written once rather than seven times."""
    return [term for listed in data.get("masks_every_category", {}).values() for term in listed]


@dataclass(frozen=True)
class Cue:
    """One sphere cue: the phrase that matched, its topic, sphere and weight."""

    phrase: str
    topic: str
    sphere: str
    weight: float
    broad: bool = False  # everyday vocabulary: evidence for a sphere, never a topic label


def cue_terms() -> list[tuple[str, Cue]]:
    """(term, Cue) for every cue of data/topics.toml, then of each data/topics_<lang>.toml.

    topics.toml defines the topics (sphere, weight, broad) and their terms; a language file
    only adds terms to topics defined there ("[topics.family] terms = [...]"), so a language
    is a data change of its own. Its terms come after the main file's, so where both name the
    same words the main file's cue counts."""
    main = load_toml("topics.toml")["topics"]
    files = ["topics.toml", *sorted(p.name for p in DATA.glob("topics_*.toml"))]
    terms: list[tuple[str, Cue]] = []
    for name in files:
        for topic, spec in load_toml(name)["topics"].items():
            settings = main[topic]  # a language file naming an unknown topic is an error
            for term in (t for key, val in spec.items() if key.startswith("terms") for t in val):
                weight = float(settings.get("weight", 1.0))
                head, _, tail = term.rpartition(":")
                if head and tail.replace(".", "", 1).isdigit():  # "term:0.8" sets the weight
                    term, weight = head, float(tail)
                terms.append((term, Cue(term.strip("*"), topic, settings["sphere"], weight,
                                        bool(settings.get("broad", False)))))
    return terms


class Partner(NamedTuple):
    """A trigger that holds only when the writer is of this gender ("my husband", written by a
    man): the payload of the writer_<gender>_<lang> lists' terms."""

    gender: str
    category: str


def trigger_lists() -> list[tuple[str, str, list[str]]]:
    """(category, list name, terms) for each of sensitive.toml's trigger lists: every
    terms_<lang> list as written, then every frames_<lang> list expanded, in the order
    all_terms() files them (scripts/audit_lexicon.py names a match by its list)."""
    categories = load_toml("sensitive.toml")["categories"].items()
    return ([(category, key, val) for category, spec in categories
             for key, val in spec.items() if key.startswith("terms_")]
            + [(category, key, expand_frames(val)) for category, spec in categories
               for key, val in spec.items() if key.startswith("frames_")])


@cache
def all_terms() -> TermMatcher:
    """Sensitive triggers (payload: category name), sphere cues (payload: Cue) and the
    writer-dependent triggers (payload: Partner) in one matcher, so a text is scanned once for
    all of them. Built once per change of the data files (or of this code): the built matcher
    is kept in the compiled cache, as loading it costs a tenth of building it."""
    from prebrief.classify import compiled, terms

    inputs = [*sorted(DATA.glob("*.toml")), Path(__file__), Path(terms.__file__)]
    return compiled.cached_object("term-matcher", inputs, _build_terms)


def _build_terms() -> TermMatcher:
    data = load_toml("sensitive.toml")
    terms: list[tuple[str, Any]] = [(t, category) for category, _, listed in trigger_lists()
                                    for t in listed]
    partners = [(t, Partner(gender, category)) for gender in ("male", "female")
                for category, spec in data["categories"].items()
                for key, val in spec.items() if key.startswith(f"writer_{gender}_")
                for t in expand_frames(val)]
    return TermMatcher([*terms, *cue_terms(), *partners])


def partner_matches(tokens: Tokens, gender: str) -> list[Match]:
    """The writer-dependent triggers of one gender in a text (payload: category name)."""
    return [(p.category, a, b) for p, a, b in lexicon_matches(tokens)[2] if p.gender == gender]


def writer_categories(tokens: Tokens) -> set[str]:
    """The categories of the writer-dependent terms in a text, for either gender: words that
    reveal something only given who wrote them ("my husband")."""
    return {p.category for p, _, _ in lexicon_matches(tokens)[2]}


@cache
def frame_lists() -> dict[str, list[str]]:
    """The named lists a frame's {slot} is filled from: the given names of data/names.toml
    and the origins, places, languages and kin words of data/origins.toml (a name defined in
    both would be ambiguous, so it is an error)."""
    names, origins = load_toml("names.toml"), load_toml("origins.toml")
    twice = names.keys() & origins.keys()
    if twice:
        raise ValueError(f"list defined in both names.toml and origins.toml: {sorted(twice)}")
    return {**names, **origins}


def expand_frames(frames: list[str]) -> list[str]:
    """Each frame once per item of the lists its {slots} name (see frame_lists()): "husband to
    {male}" -> "husband to marco", ...; "my {origin_en} {kin_en}" -> every combination, the
    first slot varying slowest. A frame without a placeholder is kept as it is."""
    lists = frame_lists()
    out = []
    for frame in frames:
        expanded = [frame]
        for slot in dict.fromkeys(part.partition("}")[0] for part in frame.split("{")[1:]):
            if slot not in lists:
                raise ValueError(f"frame {frame!r}: no list named {slot!r} in names.toml or "
                                 f"origins.toml")
            expanded = [e.replace("{" + slot + "}", item) for e in expanded for item in lists[slot]]
        out.extend(expanded)
    return out


def lexicon_matches(tokens: Tokens) -> tuple[list[Match], list[Match], list[Match]]:
    """(sensitive trigger matches, cue matches, writer-dependent trigger matches) of a text,
    computed once per Tokens."""
    if tokens.found is None:
        triggers: list[Match] = []
        cues: list[Match] = []
        partners: list[Match] = []
        for match in all_terms().find(tokens):
            payload = match[0]
            if payload.__class__ is str:
                triggers.append(match)
            elif payload.__class__ is Cue:
                cues.append(match)
            else:
                partners.append(match)
        tokens.found = (triggers, cues, partners)
    return tokens.found


def part_tokens(whole: Tokens, text: str, first: int, last: int) -> Tokens:
    """Tokens of a part of a text (words [first, last) of it, see Tokens.ranges), with the
    whole's lexicon matches that lie inside it: terms match words, never the characters
    between them, so scanning the part again would find exactly these."""
    part = Tokens.part(whole, text, first, last)
    part.found = tuple([(payload, a - first, b - first) for payload, a, b in matches
                        if first <= a and b <= last] for matches in lexicon_matches(whole))
    return part


@cache
def priors() -> dict[str, Any]:
    """Source and kind priors (log-odds toward professional) and decision settings."""
    return load_toml("priors.toml")


@cache
def never_named() -> frozenset[str]:
    """Function words a reason never names as learned evidence (priors.toml [reason])."""
    return frozenset(priors().get("reason", {}).get("never_named", ()))


def nameable(feature: str) -> bool:
    """Whether a reason may name a learned word feature ("word", "a b", "prefix*"): not when
    every word of it is a function word (never_named), which would explain nothing."""
    unnamed = never_named()
    return not all(word in unnamed for word in feature.split(" "))
