"""`prebrief discover` through CliRunner over the demo recording."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from prebrief.cli.app import app
from prebrief.demo import demo_dir

REPLAY = str(demo_dir() / "replay")


def invoke(*args: str):
    return CliRunner().invoke(app, ["discover", *args])


def test_table_shows_outcome_confidence_and_reasons():
    got = invoke("--replay", REPLAY, "--name", "Marit Vandersloot",
                 "--website", "https://marit.example/")
    assert got.exit_code == 0, got.output
    assert "accepted  1.00  website    https://marit.example/  (given by the user)" in got.output
    github = next(line for line in got.output.splitlines() if "github.com/mvandersloot" in line)
    assert github.startswith("accepted") and "(rel=me on https://marit.example/)" in github
    assert "verified two-way" in got.output


def test_json_lists_every_candidate_with_reasons():
    got = invoke("--replay", REPLAY, "--json", "--name", "Marit Vandersloot",
                 "--github", "mvandersloot")
    assert got.exit_code == 0, got.output
    data = json.loads(got.output)
    rows = {row["url"].rstrip("/"): row for row in data["identities"]}
    site = rows["https://marit.example"]
    assert site["outcome"] == "accepted" and 0.75 <= site["confidence"] < 1.0
    assert site["found_via"] == "blog field on https://github.com/mvandersloot"
    assert site["reasons"] and data["requests"] > 0


def test_depth_zero_follows_nothing():
    got = invoke("--replay", REPLAY, "--json", "--depth", "0", "--github", "mvandersloot")
    assert [row["platform"] for row in json.loads(got.output)["identities"]] == ["github"]


def test_name_alone_is_a_usage_error():
    got = invoke("--name", "Marit Vandersloot")
    assert got.exit_code == 2
    assert "nothing to start from" in got.output


def test_brief_verbose_lists_rejected_candidates_with_reasons(tmp_path):
    web = str(Path(__file__).parent.parent / "fixtures" / "web")
    got = CliRunner().invoke(app, ["brief", "--replay", web, "--name", "Tomasz Wren",
                                   "--github", "twren", "-f", "json", "-v"])
    assert got.exit_code == 0, got.output
    line = next(x for x in got.stderr.splitlines() if x.startswith("rejected"))
    assert "github.com/tomwren-old" in line and "dead link" in line


def test_discover_table_hides_rejected_unless_verbose():
    web = str(Path(__file__).parent.parent / "fixtures" / "web")
    args = ["--replay", web, "--name", "Tomasz Wren", "--github", "twren"]
    quiet, loud = invoke(*args), invoke(*args, "-v")
    assert "tomwren-old" not in quiet.output and "1 rejected candidate(s) not shown" in quiet.output
    assert "tomwren-old" in loud.output and "dead link" in loud.output


def test_possible_profiles_come_with_how_to_confirm_them():
    web = str(Path(__file__).parent.parent / "fixtures" / "web")
    got = invoke("--replay", web, "--name", "Chidi Okafor", "--website", "https://okafor.example/")
    studio = next(x for x in got.output.splitlines() if "okafor-studio" in x)
    assert studio.startswith("possible")
    assert "to confirm one, pass it with --url URL" in got.output
