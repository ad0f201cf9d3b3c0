"""--since-last end to end: a batch run twice, the second seeing a new employer; brief; diff."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from prebrief.cli.app import app
from prebrief.demo import demo_dir

HOME = "bodies/marit-home.html"


def recording(tmp_path: Path, employer: str | None = None) -> Path:
    """The demo recording; with employer, Marit's home page names a new one."""
    target = tmp_path / f"replay-{employer or 'then'}"
    shutil.copytree(demo_dir() / "replay", target)
    if employer:
        page = target / HOME
        page.write_text(page.read_text(encoding="utf-8").replace("Norrbrook Logistics", employer),
                        encoding="utf-8")
    return target


def batch(tmp_path: Path, replay: Path, out: str) -> Path:
    src = tmp_path / "c.csv"
    src.write_text("Name,Company,Website\nMarit Vandersloot,Norrbrook Logistics,"
                   "https://marit.example/\nIvar Solberg,Halvorsen Maritime,\n")
    result = CliRunner().invoke(app, ["batch", str(src), "--out-dir", str(tmp_path / out),
                                      "--format", "html,md,json", "--replay", str(replay),
                                      "--no-discover", "--cache-dir", str(tmp_path / "cache"),
                                      "--since-last"])
    assert result.exit_code == 0, result.output
    return tmp_path / out


def test_batch_twice_shows_the_new_employer_in_index_and_sheet(tmp_path):
    first = batch(tmp_path, recording(tmp_path), "first")
    assert "New employer" not in (first / "index.html").read_text()
    second = batch(tmp_path, recording(tmp_path, "Kestrel Freight"), "second")
    summary = json.loads((second / "summary.json").read_text())
    marit = next(e for e in summary["entries"] if e["name"] == "Marit Vandersloot")
    expected = "New employer: VP Procurement at Kestrel Freight (was VP Procurement at " \
               "Norrbrook Logistics)"
    assert marit["changes"] == [expected]
    assert summary["changed"] == 1
    assert expected in (second / "index.html").read_text()
    assert "1 changed" in (second / "index.md").read_text()
    stem = marit["files"][0].rsplit(".", 1)[0]
    html = (second / f"{stem}.html").read_text()
    assert "Changed since" in html and "Kestrel Freight (was" in html
    assert "## Changed since" in (second / f"{stem}.md").read_text()
    sheet = json.loads((second / f"{stem}.json").read_text())
    assert sheet["sections"]["changes"]["items"][0]["kind"] == "employer"
    assert sheet["sections"]["changes"]["items"][0]["after"] == "Kestrel Freight"


def test_brief_since_last(tmp_path):
    args = ["brief", "--name", "Marit Vandersloot", "--website", "https://marit.example/",
            "--no-discover", "--since-last", "--format", "md",
            "--cache-dir", str(tmp_path / "cache")]
    first = CliRunner().invoke(app, [*args, "--replay", str(recording(tmp_path))])
    assert first.exit_code == 0, first.output
    assert "Changed since" not in first.stdout
    second = CliRunner().invoke(app, [*args, "--replay", str(recording(tmp_path, "Kestrel AS"))])
    assert second.exit_code == 0, second.output
    assert "New employer: VP Procurement at Kestrel AS" in second.stdout


def test_diff_two_json_files(tmp_path):
    first = batch(tmp_path, recording(tmp_path), "first")
    second = batch(tmp_path, recording(tmp_path, "Kestrel Freight"), "second")
    old, new = (next(d.glob("marit-*.json")) for d in (first, second))
    text = CliRunner().invoke(app, ["diff", str(old), str(new)])
    assert text.exit_code == 0, text.output
    assert "New employer: VP Procurement at Kestrel Freight" in text.stdout
    same = CliRunner().invoke(app, ["diff", str(old), str(old), "--json"])
    dated = json.loads(old.read_text("utf-8"))["generated_at"][:10]
    assert json.loads(same.stdout) == {"compared_with": dated, "changes": []}
    assert CliRunner().invoke(app, ["diff", str(old), str(old)]).stdout == (
        f"no changes since {dated}\n")
    ivar = next(first.glob("ivar-*.json"))
    other = CliRunner().invoke(app, ["diff", str(ivar), str(new)])
    assert other.stderr.startswith(f"warning: {ivar.name} and {new.name} are briefings on "
                                   "different people")


def test_diff_with_contact_options_against_the_snapshot(tmp_path):
    batch(tmp_path, recording(tmp_path), "first")
    result = CliRunner().invoke(app, ["diff", "--website", "https://marit.example/", "--json",
                                      "--no-discover", "--replay",
                                      str(recording(tmp_path, "Kestrel Freight")),
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    kinds = [c["kind"] for c in json.loads(result.stdout)["changes"]]
    assert kinds == ["employer"]


def test_diff_without_an_earlier_snapshot_says_so_not_no_changes(tmp_path):
    """A contact never briefed before, or forgotten, was reported as 'no changes'."""
    args = ["diff", "--website", "https://marit.example/", "--no-discover", "--replay",
            str(recording(tmp_path)), "--cache-dir", str(tmp_path / "cache")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("no earlier snapshot of this contact to compare with")
    assert json.loads(CliRunner().invoke(app, [*args, "--json"]).stdout) == {
        "compared_with": None, "changes": []}


def test_a_rerun_with_nothing_changed_says_so_on_the_sheet(tmp_path):
    args = ["brief", "--name", "Marit Vandersloot", "--website", "https://marit.example/",
            "--no-discover", "--since-last", "--format", "md", "--refresh",
            "--cache-dir", str(tmp_path / "cache"), "--replay", str(recording(tmp_path))]
    first = CliRunner().invoke(app, args)
    assert "Changed since" not in first.stdout
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0, again.output
    assert "## Changed since " in again.stdout and "- No changes in what prebrief keeps track" \
        in again.stdout


def test_diff_bad_files_get_one_clear_line(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    for args in (["diff", str(bad), str(bad)], ["diff", str(tmp_path / "missing.json"),
                                               str(bad)]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2 and result.stderr.startswith("error: ")
        assert "Traceback" not in result.output
    usage = CliRunner().invoke(app, ["diff", str(bad)])
    assert usage.exit_code == 2
