"""Combine sensitive detection and sphere scoring into one Classification per text."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING, Literal

from prebrief.classify.learned import sensitive_model
from prebrief.classify.lexicon import (Cue, lexicon_matches, nameable, part_tokens, priors,
                                       sensitive_lexicon, writer_categories)
from prebrief.classify.model import Found, context_features, sphere_model
from prebrief.classify.sensitive import SensitiveHit, find_sensitive
from prebrief.classify.sphere import SphereScore, disclosure_prior, score_sphere, topic_for
from prebrief.classify.split import split_parts
from prebrief.classify.tokens import Tokens
from prebrief.models import PROFILE_KINDS, Classification, Fact, Signal

if TYPE_CHECKING:
    from prebrief.classify.writer import Writer


def _quote(phrases: Iterable[str], limit: int = 3) -> str:
    chosen = list(dict.fromkeys(phrases))[:limit]
    return "'" + "', '".join(chosen) + "'" if chosen else ""


def lexicon_evidence(tokens: Tokens, kind: str | None, source: str | None,
                     hint: str | None = None, writer: Writer | None = None
                     ) -> tuple[SensitiveHit | None, SphereScore]:
    """The hand-written part of a decision: the sensitive hit, and the lexicon's sphere score
    (cues, priors, the category's bias). The learned weights are added on top of its margin,
    and scripts/train_classifier.py fits them to exactly this."""
    hit = find_sensitive(tokens, writer)
    extra = sensitive_lexicon().sphere_bias.get(hit.category, 0.0) if hit else 0.0
    if hint:
        extra += priors()["hint"].get(hint.lower(), 0.0)
    return hit, score_sphere(tokens, kind=kind, source=source, extra=extra)


STRONG = 0.3  # a learned word weighing this much toward the decided sphere is named in a reason


class _Weighed:
    """The evidence of one decision and the sphere it points to, before it is put into words:
    classify_parts weighs every piece of a line but returns few of them, so the wording (the
    reason string, the topic, a Classification) is only built for what is returned."""

    __slots__ = ("hit", "set_aside", "score", "sphere", "margin", "leaned", "hint", "_found",
                 "_typical")

    def __init__(self, tokens: Tokens, kind: str | None, source: str | None,
                 hint: str | None, writer: Writer | None = None) -> None:
        self._found: Found | None
        self.hit, self.score = hit, score = lexicon_evidence(tokens, kind, source, hint, writer)
        model = sphere_model()
        if model:
            category = hit.category if hit else None
            context = context_features(kind, source, category, score.cues, tokens)
            self.margin, self._found = model.margin(tokens, score.margin, context)
        else:
            self.margin, self._found = score.margin, None
        # The learned opinions (prebrief.classify.learned) change the category only: a second
        # reading where the lexicons found nothing, and a check on what they found.
        self.set_aside: SensitiveHit | None = None  # a lexicon hit the check set aside
        second = sensitive_model()
        if hit is None:  # the lexicons found nothing: a second, learned opinion
            learned = second.hit(tokens) if second else None
            # Some dev labels read "ten years with my husband" as a same-sex couple, knowing
            # the writer the text does not name; a partner word counts only by who wrote it.
            if learned and learned.category not in writer_categories(tokens):
                self.hit = learned
        # A writer's partner word is exact, and so is a profile field's label ("Religion:").
        elif (second and second.check and hit.writer is None and hit.stated is None
              and kind not in PROSE_KINDS):
            if second.check.sets_aside(tokens, kind, source, lexicon_matches(tokens)[0]):
                self.hit, self.set_aside = None, hit
        # A disclosure the lexicons found, and the check kept, leans personal (priors.toml):
        # not one the check set aside as a work or figurative mention, nor the gate's.
        self.leaned = (hit is not None and self.set_aside is None
                       and disclosure_prior() != 0.0)
        if self.leaned:
            self.margin += disclosure_prior()
        self.sphere: Literal["professional", "personal"] = (
            "professional" if self.margin >= 0 else "personal")
        self.hint = hint
        self._typical: list[tuple[str, float]] | None = None

    def _sign(self) -> int:
        return 1 if self.sphere == "professional" else -1

    def typical(self) -> list[tuple[str, float]]:
        """The learned word features weighing at least STRONG toward the decided sphere, but
        function words ("the", "ich": lexicon.nameable): the only ones a reason names, worked
        out only when asked."""
        if self._typical is None:
            model, found = sphere_model(), self._found
            self._typical = (model.contributions(found, STRONG, self._sign(), nameable)
                             if model and found else [])
        return self._typical

    @property
    def category(self) -> str | None:
        return self.hit.category if self.hit else None

    def mixed(self) -> bool:
        """Whether the text holds evidence of both spheres (worth splitting)."""
        sides = {c.sphere for c in self.score.cues if not c.broad}  # not everyday words
        return len(sides) > 1 or (self.hit is not None and bool(sides))

    def _side_cues(self) -> list[Cue]:
        # Filtered before sorting (a sort is stable, so the order is the same) to sort less.
        side = [c for c in self.score.cues if c.sphere == self.sphere]
        if len(side) > 1:
            side.sort(key=lambda c: -c.weight)
        return side

    def _typical_words(self) -> list[str]:
        typical = self.typical()
        if not typical:
            return []
        if len(typical) == 1:
            return [typical[0][0]]
        sign = self._sign()
        # Heaviest first; equal weights by name, not by set order (which the hash seed sets).
        return [f for f, _ in sorted(typical, key=lambda fw: (-sign * fw[1], fw[0]))]

    def uninformative(self) -> bool:
        """Whether the reason would read "no strong cues" (nothing but the default)."""
        return not (self.hit or any(c.sphere == self.sphere for c in self.score.cues)
                    or self.typical())

    def reason(self) -> str:
        parts = []
        sphere, hit = self.sphere, self.hit
        if hit and hit.learned is not None:
            words = (f"; words typical of {hit.category} disclosures: {_quote(hit.learned)}"
                     if hit.learned else "")
            parts.append(f"sensitive ({hit.category}): reads as a disclosure to the learned "
                         f"model{words}")
        elif hit:
            parts.append(f"sensitive ({hit.category}): mentions {_quote(hit.phrases)}")
            if hit.writer:  # a partner word that counts because of who wrote it
                who = "a man" if hit.writer.gender == "male" else "a woman"
                parts[-1] += f" (written by {who}, by the contact's {hit.writer.basis})"
            if hit.stated:
                parts[-1] += f" in the profile field '{hit.stated}'"
        elif self.set_aside:
            parts.append(f"not sensitive: the learned check reads {_quote(self.set_aside.phrases)} "
                         f"as a work or figurative mention, not a disclosure")
        side, named = self._side_cues(), self._typical_words()
        if side:
            parts.append(f"{sphere}: mentions {_quote(c.phrase for c in side)}")
        if named:
            parts.append(f"{'also ' if side else ''}words typical of {sphere} texts: "
                         f"{_quote(named)}")
        elif not side and not hit:
            parts.append(f"no strong cues; default {sphere}")
        notes = [self.score.prior_note] if self.score.prior_note else []
        if self.leaned:
            notes.append("disclosure prior")
        if notes:
            parts.append(", ".join(notes))
        return "; ".join(parts)

    def classification(self) -> Classification:
        confidence = round(0.5 + 0.49 * math.tanh(abs(self.margin) / 2), 3)
        # A sensitive signal's topic is its category: the sheet names that, never the content.
        topic = self.category or topic_for(self.score.cues, self.sphere)
        if topic is None and self.hint:
            topic = self.hint
        return Classification(self.sphere, self.category, topic, confidence, self.reason())


MAX_SPLIT_CHARS = 280  # longer texts are prose (an About section), not a line of fragments
# Kinds written as sentences about the contact, not as a profile's fragments: the user's own
# notes. Their commas do not split, and the learned check does not set a lexicon's hit aside
# as a mention of somebody else ("She has breast cancer." is about the contact).
PROSE_KINDS = frozenset({"note"})


def classify_text(text: str, *, kind: str | None = None, source: str | None = None,
                  hint: str | None = None, writer: Writer | None = None) -> Classification:
    """Decide sphere, sensitive category, topic and confidence for one whole text (writer:
    who wrote it, where known; see prebrief.classify.writer)."""
    return _Weighed(Tokens(text), kind, source, hint, writer).classification()


def classify_parts(text: str, *, kind: str | None = None, source: str | None = None,
                   hint: str | None = None, writer: Writer | None = None
                   ) -> list[tuple[str, Classification]]:
    """Classify a text, split into parts where its parts land in different spheres.

    Parts without cues of their own join the part before them; adjacent parts with the
    same outcome are merged, so a line that does not need splitting comes back whole.
    """
    tokens = Tokens(text)
    whole = _Weighed(tokens, kind, source, hint, writer)
    if not whole.mixed():  # one sphere's evidence only: its parts would all say the same
        return [(text, whole.classification())]
    pieces = (split_parts(text, commas=kind not in PROSE_KINDS) if len(text) <= MAX_SPLIT_CHARS
              else [text])
    if len(pieces) < 2:
        return [(text, whole.classification())]
    parts = _Parts(tokens, pieces)
    groups: list[tuple[list[int], _Weighed]] = []
    for i in range(len(pieces)):
        piece = _Weighed(parts.tokens(i, i + 1), kind, source, hint, writer)
        if groups and (piece.uninformative() or _same(groups[-1][1], piece)):
            groups[-1][0].append(i)
        else:
            groups.append(([i], piece))
    if len(groups) < 2:
        return [(text, whole.classification())]
    return [(pieces[g[0]], w.classification()) if len(g) == 1 else
            (parts.text(g[0], g[-1] + 1),
             _Weighed(parts.tokens(g[0], g[-1] + 1), kind, source, hint,
                      writer).classification())
            for g, w in groups]


class _Parts:
    """The pieces of a split line, and the tokens of a run of them (joined by ", ") cut from
    the whole line's tokens when its words line up with theirs, so they are not re-scanned."""

    def __init__(self, whole: Tokens, pieces: list[str]) -> None:
        self.whole, self.pieces = whole, pieces
        self.ranges = whole.ranges(pieces)

    def text(self, first: int, last: int) -> str:
        return ", ".join(self.pieces[first:last])

    def tokens(self, first: int, last: int) -> Tokens:
        ranges, text = self.ranges, self.text(first, last)
        if ranges is None or any(ranges[i][1] != ranges[i + 1][0] for i in range(first, last - 1)):
            return Tokens(text)  # words between the pieces, or lower() is not per character
        return part_tokens(self.whole, text, ranges[first][0], ranges[last - 1][1])


@cache
def split_kinds() -> frozenset[str]:
    """Fact kinds whose lines mix spheres ("Proud dad | CTO at Acme"), from priors.toml."""
    return frozenset(priors().get("split", {}).get("kinds", ()))


def _same(a: _Weighed, b: _Weighed) -> bool:
    return a.sphere == b.sphere and a.category == b.category


def is_classified(fact: Fact) -> bool:
    """Whether classify_facts classifies fact: profile records (name, photo, follower count)
    and blank texts are skipped."""
    return fact.kind not in PROFILE_KINDS and bool(fact.text.strip())


def classify_facts(facts: Iterable[Fact], *, writer: Writer | None = None) -> list[Signal]:
    """Classify facts into signals, splitting mixed facts; profile-record kinds are skipped.
    writer: the contact who wrote them, where known (prebrief.classify.writer.writer_of)."""
    signals: list[Signal] = []
    for fact in facts:
        if not is_classified(fact):
            continue
        if fact.kind in split_kinds():
            parts = classify_parts(fact.text, kind=fact.kind, source=fact.evidence.source,
                                   hint=fact.topic_hint, writer=writer)
        else:  # posts and fields are one statement each; only profile lines mix spheres
            parts = [(fact.text, _Weighed(Tokens(fact.text), fact.kind, fact.evidence.source,
                                          fact.topic_hint, writer).classification())]
        for text, decision in parts:
            part_fact = fact if len(parts) == 1 else replace(fact, text=text)
            signals.append(Signal.from_fact(part_fact, decision))
    return signals
