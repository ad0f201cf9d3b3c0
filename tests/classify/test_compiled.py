"""The compiled cache keeps built objects (the term matcher, the models' weight tables) as
pickles keyed by the bytes of what they are built from; it only ever saves work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from prebrief.classify import compiled
from prebrief.classify.compiled import cached_json, cached_object

DATA = Path(__file__).parents[1] / "data" / "classifier"


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PREBRIEF_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "compiled"


def test_a_built_object_is_loaded_until_an_input_changes(tmp_path, cache_dir) -> None:
    source = tmp_path / "input.toml"
    source.write_text("a = 1\n", "utf-8")
    calls: list[int] = []

    def build() -> dict:
        calls.append(1)
        return {"built": len(calls), "pieces": [("x", True, False)] * 3}

    first = cached_object("probe", [source], build)
    assert first == {"built": 1, "pieces": [("x", True, False)] * 3}
    assert cached_object("probe", [source], build) == first
    assert calls == [1]  # the second call loaded what the first stored
    source.write_text("a = 2\n", "utf-8")
    assert cached_object("probe", [source], build)["built"] == 2
    source.unlink()  # a missing input is part of the key too
    assert cached_object("probe", [source], build)["built"] == 3
    assert cached_object("probe", [source], lambda: 1 / 0)["built"] == 3


def test_a_kind_keeps_its_most_recently_used_files_and_stale_ones_go(tmp_path, cache_dir,
                                                                      monkeypatch) -> None:
    """Each data change writes a new file: a kind keeps KEEP of them, the ones used last,
    and any file unread for STALE_DAYS goes when another is written."""
    import os
    import time

    monkeypatch.setattr(compiled, "KEEP", 2)
    source = tmp_path / "input.toml"
    versions = []
    for n in range(4):
        source.write_text(f"a = {n}\n", "utf-8")
        assert cached_object("probe", [source], lambda n=n: n) == n
        [newest] = sorted(cache_dir.glob("probe-*.pickle"), key=os.path.getmtime)[-1:]
        versions.append(newest)
        old = time.time() - 3600 * (10 - n)  # written in order, an hour apart
        os.utime(newest, (old, old))
    assert set(cache_dir.glob("probe-*.pickle")) == set(versions[2:])
    source.write_text("a = 2\n", "utf-8")
    assert cached_object("probe", [source], lambda: 1 / 0) == 2  # read: now the newest
    source.write_text("a = 9\n", "utf-8")
    assert cached_object("probe", [source], lambda: 9) == 9
    assert versions[2].exists() and not versions[3].exists()  # the one read now was kept

    stale, fresh = cache_dir / "toml-aaaa.json", cache_dir / "toml-bbbb.json"
    for path in (stale, fresh):
        path.write_text("{}", "utf-8")
        old = time.time() - 86_400 * (compiled.STALE_DAYS + 1)
        os.utime(path, (old, old))
    (cache_dir / "other-cccc.pickle").write_bytes(b"")
    os.utime(fresh)  # read lately (cached_json marks a hit so)
    assert cached_object("probe", [], lambda: 0) == 0
    assert not stale.exists() and fresh.exists() and (cache_dir / "other-cccc.pickle").exists()


def test_a_json_hit_marks_its_file_as_used(cache_dir) -> None:
    import os

    assert cached_json("probe", "source", lambda: {"a": 1}) == {"a": 1}
    [path] = cache_dir.glob("probe-*.json")
    os.utime(path, (1_000_000, 1_000_000))
    assert cached_json("probe", "source", lambda: 1 / 0) == {"a": 1}
    assert path.stat().st_mtime > 1_000_000


def test_an_unreadable_file_is_rebuilt_and_rewritten(tmp_path, cache_dir) -> None:
    source = tmp_path / "input.toml"
    source.write_text("a = 1\n", "utf-8")
    assert cached_object("probe", [source], lambda: [1, 2, 3]) == [1, 2, 3]
    [stored] = cache_dir.glob("probe-*.pickle")
    for junk in (b"", b"not a pickle", stored.read_bytes()[:20]):
        stored.write_bytes(junk)
        assert cached_object("probe", [source], lambda: [4, 5]) == [4, 5]
        assert cached_object("probe", [source], lambda: 1 / 0) == [4, 5]  # rewritten


def test_without_a_writable_cache_directory_it_builds_every_time(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x", "utf-8")
    monkeypatch.setenv("PREBRIEF_CACHE_DIR", str(blocker))
    calls: list[int] = []
    for _ in range(2):
        assert cached_object("probe", [], lambda: calls.append(1) or "built") == "built"
    assert calls == [1, 1]


def test_the_collector_is_left_as_it_was(tmp_path, cache_dir) -> None:
    import gc

    cached_object("probe", [], lambda: 1)
    assert gc.isenabled()
    gc.disable()
    try:
        assert cached_object("probe", [], lambda: 2) == 1
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_loaded_term_matcher_finds_what_the_built_one_finds(cache_dir, monkeypatch) -> None:
    """The matcher read back from its pickle against the one built from the data files, over
    texts of the labelled sets in all three languages."""
    from prebrief.classify import lexicon
    from prebrief.classify.tokens import Tokens

    built: list[object] = []
    real = lexicon._build_terms
    monkeypatch.setattr(lexicon, "_build_terms", lambda: built.append(1) or real())
    lexicon.all_terms.cache_clear()
    try:
        fresh = lexicon.all_terms()  # built and stored
        lexicon.all_terms.cache_clear()
        loaded = lexicon.all_terms()  # read back
    finally:
        lexicon.all_terms.cache_clear()
    assert built == [1] and loaded is not fresh
    texts = [json.loads(line)["text"] for name in ("dev.jsonl", "dev206.jsonl", "dev214.jsonl")
             for line in (DATA / name).read_text("utf-8").splitlines() if line.strip()]
    found = 0
    for text in texts:
        expected = fresh.find(Tokens(text))
        assert loaded.find(Tokens(text)) == expected, text
        found += bool(expected)
    assert found > len(texts) // 2  # the comparison is over texts with matches


def test_the_models_read_back_weigh_as_the_built_ones(cache_dir) -> None:
    from prebrief.classify import learned, model
    from prebrief.classify.tokens import Tokens

    for loader in (model.sphere_model, learned.sensitive_model):
        loader.cache_clear()
    try:
        built = model.sphere_model(), learned.sensitive_model()
        assert len(list(cache_dir.glob("*-model-*.pickle"))) == 2
        for loader in (model.sphere_model, learned.sensitive_model):
            loader.cache_clear()
        loaded = model.sphere_model(), learned.sensitive_model()
    finally:
        for loader in (model.sphere_model, learned.sensitive_model):
            loader.cache_clear()
    assert loaded[0] is not built[0] and loaded[0] == built[0] and loaded[1] == built[1]
    text = Tokens("Back at work after chemo, proud of the team")
    assert loaded[0].margin(text, 0.5)[0] == built[0].margin(text, 0.5)[0]
