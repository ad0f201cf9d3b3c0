"""The CLI through typer's CliRunner: exit codes, errors, help kept true."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from prebrief import __version__
from prebrief.cli.app import app
from prebrief.sources.registry import all_sources

runner = CliRunner()


def invoke(*args: str, **kw):
    return runner.invoke(app, list(args), **kw)


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.strip() == f"prebrief {__version__}"


def test_no_args_shows_help():
    result = invoke()
    assert "brief" in result.output and "demo" in result.output


def test_brief_without_anything_is_a_usage_error():
    result = invoke("brief")
    assert result.exit_code == 2
    assert "error: nothing to look up" in result.stderr and "hint:" in result.stderr
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(tmp_path):
    result = invoke("brief", "--name", "Ada Vermeer", "--format", "pdf",
                    "--cache-dir", str(tmp_path))
    assert result.exit_code == 2 and "unknown format" in result.stderr


def test_missing_replay_dir_is_a_usage_error(tmp_path):
    result = invoke("brief", "--github", "octo", "--replay", str(tmp_path / "nope"),
                    "--cache-dir", str(tmp_path))
    assert result.exit_code == 2 and "no replay recording" in result.stderr


def test_replay_and_record_together_refused(tmp_path):
    result = invoke("brief", "--github", "octo", "--replay", str(tmp_path), "--record",
                    str(tmp_path), "--cache-dir", str(tmp_path))
    assert result.exit_code == 2


def test_bad_url_is_a_usage_error(tmp_path):
    result = invoke("brief", "--url", "ftp://x", "--cache-dir", str(tmp_path))
    assert result.exit_code == 2 and "not a web address" in result.stderr


def test_verbose_shows_traceback_on_error(tmp_path):
    result = invoke("brief", "--url", "nope", "-v", "--cache-dir", str(tmp_path))
    assert result.exit_code == 2 and "Traceback" in result.stderr


@pytest.mark.parametrize("command", ["brief", "demo", "sources", "cache info", "cache clear",
                                     "cache forget"])
def test_every_command_has_help_with_an_example(command):
    result = invoke(*command.split(), "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output


def test_brief_accepts_every_source_option():
    """Keep --help true: every option a source declares is an option of `brief`."""
    help_text = invoke("brief", "--help", terminal_width=200).output
    for cls in all_sources().values():
        for option in (cls.option, cls.file_option):
            if option:
                assert re.search(rf"{re.escape(option)}\b", help_text), (cls.name, option)


def test_sources_lists_the_registry():
    result = invoke("sources", "--json")
    assert result.exit_code == 0
    rows = json.loads(result.stdout)
    assert [r["source"] for r in rows] == list(all_sources())


def test_cache_info_clear_forget(tmp_path):
    from prebrief.store import open_store
    from prebrief.models import ContactQuery

    store = open_store(tmp_path)
    key = ContactQuery(name="Ada Vermeer", company="Acme").key()
    store.set("a", 1, tag=key)
    store.set("b", 2, tag="someone-else")
    store.close()
    info = invoke("cache", "info", "--cache-dir", str(tmp_path))
    assert info.exit_code == 0 and "entries: 2" in info.stdout
    forget = invoke("cache", "forget", "--name", "Ada Vermeer", "--company", "Acme",
                    "--cache-dir", str(tmp_path))
    assert forget.exit_code == 0 and "forgot 1" in forget.stdout
    assert invoke("cache", "forget", "--cache-dir", str(tmp_path)).exit_code == 2
    clear = invoke("cache", "clear", "--cache-dir", str(tmp_path))
    assert clear.exit_code == 0 and "removed 1 entry and 0 classifier" in clear.stdout


def test_cache_info_and_clear_cover_the_classifier_build(tmp_path):
    built = tmp_path / "compiled"
    built.mkdir()
    (built / "term-matcher-0123.pickle").write_bytes(b"x" * 3072)
    (built / "sensitive-masks-4567.json").write_text("{}")
    (built / "notes.txt").write_text("not the cache's")
    info = invoke("cache", "info", "--cache-dir", str(tmp_path))
    assert info.exit_code == 0 and "classifier build: 2 files, 3 KiB" in info.stdout
    clear = invoke("cache", "clear", "--cache-dir", str(tmp_path))
    assert clear.exit_code == 0 and "and 2 classifier build files" in clear.stdout
    assert [p.name for p in built.iterdir()] == ["notes.txt"]


def test_a_commands_cache_dir_holds_the_classifier_build_and_is_forgotten_after(
        tmp_path, monkeypatch):
    import prebrief.cli.run as run
    from prebrief.classify.compiled import compiled_dir

    before = compiled_dir()
    seen = []
    real = run.briefing_and_sheet

    def spy(*args, **kw):  # where the compiled cache lies while the command gathers
        seen.append(compiled_dir())
        return real(*args, **kw)

    monkeypatch.setattr(run, "briefing_and_sheet", spy)
    notes = tmp_path / "notes.txt"
    notes.write_text("Head of Procurement at Kestrel Freight. Runs marathons.\n")
    result = invoke("brief", "--name", "Mara Vellinga", "--notes", str(notes), "--offline",
                    "--no-discover", "--cache-dir", str(tmp_path / "c"), "-f", "md")
    assert result.exit_code == 0, result.output
    assert seen == [tmp_path / "c" / "compiled"]
    assert compiled_dir() == before


def test_the_classifier_build_lies_in_the_cache_dir_a_run_was_given(tmp_path):
    """In a fresh process, where nothing is built yet: --cache-dir, not the default
    (~/.cache/prebrief here, run outside a checkout), receives the built matcher."""
    import os
    import subprocess
    import sys

    notes = tmp_path / "notes.txt"
    notes.write_text("Head of Procurement at Kestrel Freight. Runs marathons.\n")
    env = {k: v for k, v in os.environ.items() if k != "PREBRIEF_CACHE_DIR"}
    env.update(HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "home" / ".cache"))
    done = subprocess.run(
        [sys.executable, "-m", "prebrief", "brief", "--name", "Mara Vellinga", "--notes",
         str(notes), "--offline", "--no-discover", "--cache-dir", str(tmp_path / "given"),
         "-f", "md"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Runs marathons" in done.stdout
    built = {p.name.rsplit("-", 1)[0] for p in (tmp_path / "given" / "compiled").iterdir()}
    assert {"term-matcher", "sphere-model", "sensitive-model"} <= built
    assert not (tmp_path / "home" / ".cache" / "prebrief").exists()


def test_the_classifier_commands_keep_their_build_in_the_cache_dir_given(tmp_path, monkeypatch):
    import prebrief.classify as classify
    import prebrief.classify.evaluate as evaluate
    from prebrief.classify.compiled import compiled_dir

    before, seen = compiled_dir(), []
    for module, name in ((classify, "classify_parts"), (evaluate, "evaluate")):
        real = getattr(module, name)

        def spy(*args, real=real, **kw):  # where the compiled cache lies while it classifies
            seen.append(compiled_dir())
            return real(*args, **kw)

        monkeypatch.setattr(module, name, spy)
    labelled = tmp_path / "l.jsonl"
    labelled.write_text('{"text": "Head of Procurement at Kestrel Freight", '
                        '"label": "professional", "sensitive": null}\n')
    assert invoke("classify", "Runs marathons", "--cache-dir", str(tmp_path / "a")).exit_code == 0
    assert invoke("eval-classifier", str(labelled), "--cache-dir",
                  str(tmp_path / "b")).exit_code == 0
    assert seen == [tmp_path / "a" / "compiled", tmp_path / "b" / "compiled"]
    assert compiled_dir() == before


def test_cli_module_import_is_light():
    """Start-up stays light: the CLI module must not import the HTTP or HTML stack."""
    import subprocess
    import sys

    code = ("import sys, prebrief.cli.app; "
            "print(','.join(m for m in ('httpx','bs4','jinja2','diskcache','lxml') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_cache_commands_do_not_import_the_classifier():
    """`prebrief cache` lists and removes the classifier's build through
    prebrief.classify.compiled, which must not pull in the classifier itself."""
    import subprocess
    import sys

    code = ("import sys, prebrief.classify.compiled; "
            "print(','.join(m for m in sys.modules if m.startswith('prebrief.classify.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "prebrief.classify.compiled"


FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures"


def test_brief_from_a_replay_end_to_end(tmp_path):
    out = tmp_path / "saskia.json"
    result = invoke("brief", "--website", "https://saskia.example/", "--no-discover",
                    "--replay", str(FIXTURES / "website" / "jsonld-graph"),
                    "--cache-dir", str(tmp_path / "c"), "-o", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["person"]["name"] == "Saskia Lindqvist"
    assert data["sources"][0]["status"] == "ok"


def test_nothing_usable_exits_1_but_still_writes_the_sheet(tmp_path):
    out = tmp_path / "gone.md"
    result = invoke("brief", "--website", "https://gone.example/", "--no-discover",
                    "--replay", str(FIXTURES / "website" / "gone"),
                    "--cache-dir", str(tmp_path / "c"), "-o", str(out))
    assert result.exit_code == 1
    assert "nothing usable" in result.stderr
    assert "not found" in out.read_text()


def test_unrecorded_request_in_replay_is_a_source_error_not_a_crash(tmp_path):
    result = invoke("brief", "--website", "https://elsewhere.example/", "--no-discover",
                    "--replay", str(FIXTURES / "website" / "gone"), "--format", "json",
                    "--cache-dir", str(tmp_path / "c"))
    assert result.exit_code == 1 and "Traceback" not in result.output
    source = json.loads(result.stdout)["sources"][0]
    assert source["status"] == "skipped" and "not in the replay recording" in source["message"]


def test_a_name_and_company_alone_are_nothing_to_read(tmp_path):
    """The sheet had an empty 'Sources and gaps' while stderr said 'see the sources section
    for why' (outside tester)."""
    result = CliRunner().invoke(app, ["brief", "--name", "Ysolde Prantl", "--company",
                                      "Kettwig Rail", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "nothing to read: a name and company alone name no profile" in result.stderr
    assert "--linkedin-pdf" in result.stderr


def test_a_batch_row_with_nothing_to_read_says_so_on_its_sheet(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text("Name,Company\nYsolde Prantl,Kettwig Rail\n")
    out = tmp_path / "out"
    CliRunner().invoke(app, ["batch", str(src), "--out-dir", str(out), "--offline",
                             "--format", "md,html", "--cache-dir", str(tmp_path / "cache")])
    for sheet in (*out.glob("ysolde-*.md"), *out.glob("ysolde-*.html")):
        assert "Nothing was given to read: a name and company alone name no profile" in \
            sheet.read_text(), sheet.name
