"""Tokens: the words every matcher shares, cut without a regular expression where possible."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from prebrief.classify.tokens import _WORDS, Tokens, stems, words


def test_the_translate_table_blanks_exactly_what_re_does_not_call_a_word_character() -> None:
    word = re.compile(r"\w")
    differ = [code for code in range(sys.maxunicode + 1)
              if bool(word.match(chr(code))) != (chr(code).isalnum() or chr(code) == "_")]
    assert differ == []


@pytest.mark.parametrize("text", [
    "Proud dad, CTO at Acme — opinions my own 🚀",
    "snake_case_name 42 ½ ² ٣ Ⅻ x²",
    "Zoë's café in Köln: Straße, naïve, İstanbul ΣΑΣ",
    "e\u0301 (combining) and 中文字 and ｆｕｌｌwidth",
    "tabs\tand\nnewlines\u00a0nbsp\u2003em-space\u200bzero-width",
    "it's rock 'n' roll, dogs' toys, a''b, ’quoted’",
    "",
    "  ...  ",
])
def test_words_are_the_regular_expressions_words(text: str) -> None:
    expected = [w.replace("'", "").replace("’", "") for w in _WORDS.findall(text)]
    assert words(text) == expected
    assert Tokens(text).folded == [w.lower() for w in expected] or "İ" in text


@pytest.mark.parametrize("text", [
    "Proud dad, CTO at Acme — opinions my own 🚀",
    "at at-at cat at. a a aa",  # a word found inside an earlier or longer one must not count
    "snake_case_name 42 ½ ² ٣ Ⅻ x²",
    "Zoë's café in Köln: Straße, naïve",  # apostrophe: the regular expression's spans
    "İstanbul ΣΑΣ and Istanbul",  # lower() changes lengths or words: likewise
    "e\u0301 (combining) and 中文字 and ｆｕｌｌwidth, ẞ and ß",
    "tabs\tand\nnewlines\u00a0nbsp\u2003em-space\u200bzero-width",
    "",
])
def test_word_spans_are_the_regular_expressions_spans(text: str) -> None:
    tokens = Tokens(text)
    assert tokens._word_spans() == [m.span() for m in _WORDS.finditer(text)]
    if tokens.folded:
        assert tokens.span(0, len(tokens.folded)) == (
            _WORDS.search(text).start(), list(_WORDS.finditer(text))[-1].end())


def test_word_spans_are_the_regular_expressions_spans_on_the_dev_texts() -> None:
    dev = Path(__file__).resolve().parents[1] / "data" / "classifier" / "dev.jsonl"
    texts = [json.loads(line)["text"] for line in dev.read_text("utf-8").splitlines() if line]
    assert len(texts) > 700
    for text in texts:
        assert Tokens(text)._word_spans() == [m.span() for m in _WORDS.finditer(text)], text


def test_a_dutch_er_ending_is_cut_off_one_word_for_one() -> None:
    tokens = Tokens("Trotse VVD'er en ADHD’ers, sinds 2010")
    assert tokens.folded == ["trotse", "vvder", "en", "adhders", "sinds", "2010"]  # as before
    assert tokens.stems() == ["trotse", "vvd", "en", "adhd", "sinds", "2010"]
    assert tokens.stems(cased=True) == ["Trotse", "VVD", "en", "ADHD", "sinds", "2010"]
    # English possessives and contractions are left as they are (see the comment on _CLITIC).
    assert stems("Our masjid's roof, it's fine") is None
    assert Tokens("Our masjid's roof").stems() is None
    assert stems("no apostrophe here") is None


@pytest.mark.parametrize(("text", "category"), [
    ("Trotse VVD'er sinds 2010", "politics"),  # a case-sensitive term, cs:VVD
    ("ADHD'er met een to-do-app-verzameling", "health"),
    ("Twee D66’ers in de raad, en ik ben er een van", "politics"),
])
def test_the_lexicons_find_an_abbreviation_with_a_dutch_er_ending(text: str, category: str
                                                                   ) -> None:
    from prebrief.classify.lexicon import lexicon_matches
    from prebrief.classify.sensitive import find_sensitive

    hit = find_sensitive(text)
    assert hit is not None and hit.category == category
    # The same triggers as the bare abbreviation: what both scans find is kept once.
    bare = text.replace("'er", "").replace("’ers", "")
    assert lexicon_matches(Tokens(text))[0] == lexicon_matches(Tokens(bare))[0]
