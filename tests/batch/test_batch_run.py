"""A batch end to end over the demo recording: outputs, index, resume, and kill -9."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prebrief.batch.journal import read_journal
from prebrief.cli.app import app
from prebrief.demo import demo_dir

REPLAY = str(demo_dir() / "replay")


def contacts(path: Path, n: int) -> Path:
    # n rows the demo's website answers for: "Marit" is one of the names it gives (a name it
    # does not give would hold the site back as somebody else's), one row per business unit.
    lines = ["Name,Company,Website"] + [f"Marit,Norrbrook Logistics {i:03d},https://marit.example/"
                                         for i in range(n)]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_batch_writes_briefings_index_and_summary(tmp_path):
    src = contacts(tmp_path / "c.csv", 3)
    result = CliRunner().invoke(app, ["batch", str(src), "--out-dir", str(tmp_path / "out"),
                                      "--format", "html,md,json", "--replay", REPLAY,
                                      "--no-discover", "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out"
    summary = json.loads((out / "summary.json").read_text())
    assert summary["contacts"] == 3 and summary["by_status"] == {"ok": 3}
    for entry in summary["entries"]:
        assert len(entry["files"]) == 3 and all((out / f).exists() for f in entry["files"])
    assert "found as Marit Vandersloot" in (out / "index.html").read_text()
    # The Markdown index links each contact to its Markdown briefing.
    md = (out / "index.md").read_text()
    entry = summary["entries"][1]
    md_file = next(f for f in entry["files"] if f.endswith(".md"))
    assert f"- [Marit](<{md_file}>) (found as Marit Vandersloot): " in md
    assert md.count(" · ok\n") == 3


def test_the_log_line_of_a_contact_names_its_sources_outcomes_in_words(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text("Name,Company,LinkedIn\nMara Vellinga,Kestrel Freight,\n"
                   "Joost Ambeek,Kestrel Freight,joost-ambeek\n")
    result = CliRunner().invoke(app, ["batch", str(src), "--out-dir", str(tmp_path / "out"),
                                      "--offline", "--no-discover",
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 1, result.output  # nothing usable for anyone
    assert "line 2: Mara Vellinga: empty (no sources)" in result.stderr
    assert "line 3: Joost Ambeek: empty (1 skipped)" in result.stderr  # offline, not cached


def test_resume_skips_finished_contacts(tmp_path):
    src = contacts(tmp_path / "c.csv", 4)
    args = ["batch", str(src), "--out-dir", str(tmp_path / "out"), "--replay", REPLAY,
            "--no-discover", "--cache-dir", str(tmp_path / "cache")]
    assert CliRunner().invoke(app, args).exit_code == 0
    again = CliRunner().invoke(app, [*args, "--resume"])
    assert "0 briefed, 4 already done" in again.stderr
    assert len(list(read_journal(tmp_path / "out"))) == 4


def test_kill_9_mid_batch_then_resume_finishes_each_contact_once(tmp_path):
    n = 120
    src = contacts(tmp_path / "c.csv", n)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "prebrief", "batch", str(src), "--out-dir", str(out),
           "--replay", REPLAY, "--no-discover", "--jobs", "1", "--format", "json",
           "--cache-dir", str(tmp_path / "cache")]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = out / "journal.jsonl"
    deadline = time.time() + 60
    while time.time() < deadline:
        if journal.exists() and journal.read_text().count("\n") >= 5:
            break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    before = {e["key"] for e in read_journal(out)}
    assert 5 <= len(before) < n, "the kill must land mid-batch"
    done = subprocess.run([*cmd, "--resume"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    entries = list(read_journal(out))
    keys = [e["key"] for e in entries]
    assert len(set(keys)) == n and len(keys) == n, "every contact exactly once"
    for entry in entries:
        for name in entry["files"]:
            json.loads((out / name).read_text())  # every file complete and valid
    assert not list(out.glob(".*.tmp"))


def test_a_linkedin_pdf_column_is_read_beside_the_list_and_an_old_one_is_named(tmp_path):
    from conftest import FIXTURES

    (tmp_path / "pdfs").mkdir()
    (tmp_path / "pdfs" / "maren.pdf").write_bytes((FIXTURES / "linkedin_pdf" / "Profile.pdf")
                                                  .read_bytes())  # saved 2026-03-02
    src = tmp_path / "c.csv"
    src.write_text("Name,Company,LinkedIn PDF\n"
                   "Maren Okafor-Lindqvist,Norrbrook Logistics,pdfs/maren.pdf\n"
                   "Joost Ambeek,Kestrel Freight,pdfs/missing.pdf\n"
                   "Lotte Brink,Kestrel Freight,pdfs/maren.pdf\n")  # the wrong person's PDF
    result = CliRunner().invoke(app, ["batch", str(src), "--out-dir", str(tmp_path / "out"),
                                      "--format", "md", "--offline", "--no-discover",
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0, result.output
    md = (tmp_path / "out" / "index.md").read_text()
    assert "· ok (maren.pdf saved 2026-03-02)" in md
    # A PDF that is not there sinks neither the row nor the batch: the briefing says why.
    assert "line 3: Joost Ambeek: empty (1 error)" in result.stderr
    joost = next((tmp_path / "out").glob("joost-ambeek-*.md")).read_text()
    assert "missing.pdf: no such file" in joost
    # Maren's PDF under Lotte's name is held back, and the index says which file to check.
    assert "- [Lotte Brink](<" in md and "· empty; to confirm: file maren.pdf" in md


def test_namesakes_at_one_company_with_different_profiles_are_two_contacts(tmp_path):
    src = tmp_path / "c.csv"
    first = "Jaap Verhoeff,Grootbank,https://www.linkedin.com/in/jaap-verhoeff-a1\n"
    src.write_text("Name,Company,LinkedIn\n" + first)
    args = ["batch", str(src), "--out-dir", str(tmp_path / "out"), "--format", "json",
            "--offline", "--no-discover", "--cache-dir", str(tmp_path / "cache")]
    CliRunner().invoke(app, args)
    # The second Jaap was never briefed: --resume must not count him as done.
    src.write_text("Name,Company,LinkedIn\n" + first +
                   "Jaap Verhoeff,Grootbank,https://www.linkedin.com/in/jaap-verhoeff-b2\n")
    again = CliRunner().invoke(app, [*args, "--resume"])
    assert "1 briefed, 1 already done" in again.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["contacts"] == 2
    assert len({f for e in summary["entries"] for f in e["files"]}) == 2


def test_a_repeated_contact_is_briefed_once_and_its_repeats_reported(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text("Name,Email,Company,GitHub\n"
                   "Wiebe Tjalsma,wiebe@dokwerk.example,Dokwerk BV,\n"
                   "Wiebe Tjalsma,wiebe@dokwerk.example,Dokwerk BV,\n"  # the same row again
                   "wiebe tjalsma,WIEBE@Dokwerk.example,Dokwerk B.V.,\n"  # the same address
                   "Fenna Tjalsma,,Dokwerk BV,fennat\n"
                   "Fenna Tjalsma,,Dokwerk BV,FennaT/\n")  # the same profile
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(src), "--out-dir", str(out), "--offline",
                                      "--no-discover", "--cache-dir", str(tmp_path / "cache")])
    for line, first in ((3, 2), (4, 2), (6, 5)):
        assert f"line {line}: same contact as line {first}, skipped" in result.stderr
    assert sorted(e["line"] for e in read_journal(out)) == [2, 5]  # one journal entry each
    summary = json.loads((out / "summary.json").read_text())
    assert summary["skipped_rows"][0] == {"line": 3, "error": "same contact as line 2"}


@pytest.mark.parametrize("rows", [
    "",  # a header and nothing else
    ",,\nNo Such,not-an-e-mail,\n",  # every row skipped
    "Mara Vellinga,,Kestrel Freight\n",  # briefed, but nothing gathered
])
def test_a_batch_with_no_usable_briefing_exits_1(tmp_path, rows):
    src = tmp_path / "c.csv"
    src.write_text("Name,Email,Company\n" + rows)
    result = CliRunner().invoke(app, ["batch", str(src), "--out-dir", str(tmp_path / "out"),
                                      "--offline", "--no-discover",
                                      "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 1, result.output
    assert "nothing usable was gathered" in result.stderr
    assert (tmp_path / "out" / "index.html").exists()  # the index still says what happened


def test_a_contact_known_by_e_mail_alone_is_never_named_by_the_address(tmp_path):
    src = tmp_path / "c.csv"
    # As `prebrief calendar` names them: a first.last address gives a name marked as guessed,
    # any other is 'guest at <domain>'.
    src.write_text("Email\ns.bloem@veenhof.example\npia.rietdijk@gaasterland.example\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["batch", str(src), "--out-dir", str(out), "--offline",
                                      "--format", "html,md,json", "--no-discover",
                                      "--cache-dir", str(tmp_path / "cache")])
    assert "line 2: guest at veenhof.example: empty" in result.stderr
    assert "line 3: Pia Rietdijk (name guessed from e-mail): empty" in result.stderr
    assert "s.bloem@" not in result.output and "pia.rietdijk@" not in result.output
    for name in ("index.md", "index.html", "summary.json", "journal.jsonl"):
        text = (out / name).read_text()
        assert "guest at veenhof.example" in text and "s.bloem@" not in text, name
        assert "Pia Rietdijk" in text and "pia.rietdijk@" not in text, name


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_journal_is_private_like_the_briefings(tmp_path):
    out = tmp_path / "out"
    src = contacts(tmp_path / "c.csv", 1)
    for extra in ([], ["--resume"]):
        CliRunner().invoke(app, ["batch", str(src), "--out-dir", str(out), "--replay", REPLAY,
                                 "--no-discover", "--cache-dir", str(tmp_path / "cache"),
                                 *extra])
        modes = {p.name: p.stat().st_mode & 0o777 for p in out.iterdir()}
        assert set(modes.values()) == {0o600}, modes
        (out / "journal.jsonl").chmod(0o644)  # as an older version left it, then --resume


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")
def test_ctrl_c_stops_cleanly_and_resume_finishes_the_list(tmp_path):
    """Ctrl-C during a batch printed 'Task exception was never retrieved ... ValueError: I/O
    operation on closed file' (a worker writing to the journal closed under it), no word on
    what to do, and no index (outside tester)."""
    src, out = contacts(tmp_path / "c.csv", 60), tmp_path / "out"
    args = [sys.executable, "-m", "prebrief", "batch", str(src), "--out-dir", str(out),
            "--replay", REPLAY, "--no-discover", "--format", "md", "--jobs", "2",
            "--cache-dir", str(tmp_path / "cache")]
    child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    journal = out / "journal.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (journal.exists() and journal.read_text().count(
            "\n") >= 3):
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 130, stderr
    assert "run the same command with --resume" in stderr
    assert "Traceback" not in stderr and "never retrieved" not in stderr, stderr
    assert (out / "index.md").exists()
    done = [json.loads(line) for line in journal.read_text().splitlines()]  # whole lines only
    assert 3 <= len(done) < 60
    resumed = subprocess.run([*args, "--resume"], capture_output=True, text=True, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{60 - len({e['key'] for e in done})} briefed, {len({e['key'] for e in done})} " \
           "already done" in resumed.stderr


def test_resume_with_another_format_renders_it(tmp_path):
    """'--resume -f md' after a run with '-f json' said '0 briefed, 2 already done' and wrote
    no Markdown (outside tester)."""
    src, out = contacts(tmp_path / "c.csv", 2), tmp_path / "out"
    args = ["batch", str(src), "--out-dir", str(out), "--replay", REPLAY, "--no-discover",
            "--cache-dir", str(tmp_path / "cache")]
    first = CliRunner().invoke(app, [*args, "--format", "json"])
    assert first.exit_code == 0, first.output
    again = CliRunner().invoke(app, [*args, "--format", "md", "--resume"])
    assert again.exit_code == 0, again.output
    assert "2 briefed, 0 already done" in again.stderr
    assert len(list(out.glob("*.md"))) == 2 + 1  # the two sheets and index.md
    same = CliRunner().invoke(app, [*args, "--format", "md", "--resume"])
    assert "0 briefed, 2 already done" in same.stderr


def test_a_contact_is_finished_once_each_asked_format_is_on_disk(tmp_path):
    from prebrief.batch.journal import finished_keys

    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "b.json").write_text("{}")
    (tmp_path / "b.md").write_text("")
    lines = [{"key": "a", "files": ["a.json"]}, {"key": "b", "files": ["b.json", "b.md"]},
             {"key": "gone", "files": ["gone.md"]},
             {"key": "failed", "status": "failed", "files": []}]  # retried: nothing written
    (tmp_path / "journal.jsonl").write_text("".join(json.dumps(e) + "\n" for e in lines))
    assert finished_keys(tmp_path, ("json",)) == {"a", "b"}
    assert finished_keys(tmp_path, ("json", "md")) == {"b"}
