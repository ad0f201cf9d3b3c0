"""--me: the user's own profile from a TOML file (or a LinkedIn export)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prebrief.errors import PrebriefError, UsageError
from prebrief.me import load_me

GOOD = '''
name = "Jo Aalders"
company = "Vennhof"
city = "Utrecht"
schools = ["Hogeschool Amstelland"]
interests = ["running"]
skills = ["Python"]

[[roles]]
title = "Buyer"
organization = "Halvorsen Maritime"
start = "2017-03"
end = "2021-12"
'''


def test_loads_toml(tmp_path: Path):
    path = tmp_path / "me.toml"
    path.write_text(GOOD, encoding="utf-8")
    me = load_me(str(path))
    assert me.name == "Jo Aalders" and me.city == "Utrecht"
    assert me.roles[0].organization == "Halvorsen Maritime" and not me.roles[0].current
    assert me.education[0].school == "Hogeschool Amstelland"
    assert me.skills == ("Python",) and me.source == "me.toml"


@pytest.mark.parametrize("text,needle", [
    ("name = [1]", "`name` must be a string"),
    ("schools = 'x'", "`schools` must be a list"),
    ("roles = 3", "`roles` must be an array"),
    ("[[roles]]\nstart = '2020'", "needs a title or an organization"),
    ("name = ", "not valid TOML"),
])
def test_bad_toml_names_the_file(tmp_path: Path, text: str, needle: str):
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError) as err:
        load_me(str(path))
    assert needle in err.value.message and "mine.toml" in err.value.message


def test_missing_file_is_a_usage_error(tmp_path: Path):
    with pytest.raises(UsageError, match="not found"):
        load_me(str(tmp_path / "nope.toml"))


def test_demo_me_file_loads():
    from prebrief.demo import demo_dir

    me = load_me(str(demo_dir() / "files" / "me.toml"))
    assert me is not None and me.company


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_profile_or_a_usage_error(tmp_path_factory, text: str):
    path = tmp_path_factory.mktemp("me") / "me.toml"
    path.write_text(text, encoding="utf-8")
    try:
        load_me(str(path))
    except PrebriefError:
        pass


def test_directory_is_read_as_a_linkedin_export(tmp_path: Path):
    """An empty folder is no export: the reader's error names it, nothing is guessed."""
    with pytest.raises(PrebriefError) as err:
        load_me(str(tmp_path))
    assert tmp_path.name in err.value.message
