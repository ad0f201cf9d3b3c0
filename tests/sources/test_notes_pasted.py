"""`--notes -`: notes pasted or piped in, as the legitimate path for what a platform serves
only to signed-in users (fictional contact)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_source
from prebrief.cli.app import app
from prebrief.models import Identity
from prebrief.sources.notes import MAX_BYTES, NotesSource

PASTED = "# Copied from her profile page\nHead of Procurement at Kestrel Freight.\nRuns marathons\n"


def test_pasted_notes_are_read_from_standard_input_and_cited_as_pasted(tmp_path: Path):
    result = CliRunner().invoke(app, ["brief", "--name", "Mara Vellinga", "--notes", "-",
                                      "--offline", "--no-discover", "-f", "md",
                                      "--cache-dir", str(tmp_path)], input=PASTED)
    assert result.exit_code == 0, result.output
    assert "- Your note: Head of Procurement at Kestrel Freight. [1]" in result.stdout
    assert "- Runs marathons [1]" in result.stdout
    assert ("1. notes: file (pasted text). user notes (Copied from her profile page): line 2"
            in result.stdout)


async def test_pasted_notes_over_the_limit_are_refused_with_a_clear_error(tmp_path: Path,
                                                                          monkeypatch):
    class Stdin:
        buffer = io.BytesIO(b"a line\n" * (MAX_BYTES // 7 + 2))

    monkeypatch.setattr(sys, "stdin", Stdin())
    result = await run_source(NotesSource, Identity("notes", file="-"), tmp_path)
    assert result.status.value == "error"
    assert "(pasted text)" in result.message and "larger than 1 MB" in result.message


def test_piped_text_is_never_keyed_by_a_file_that_happens_to_be_named_dash(tmp_path: Path,
                                                                          monkeypatch):
    from prebrief.reuse import file_stamp

    monkeypatch.chdir(tmp_path)
    (tmp_path / "-").write_text("an old note\n")
    (tmp_path / "notes.txt").write_text("a note\n")
    assert file_stamp("-") is None  # else a rerun would reuse the earlier piped notes
    assert file_stamp("notes.txt") is not None


def test_a_pipe_or_device_is_read_only_up_to_the_limit():
    """A pipe (`--notes <(...)`) or a device reports no size; what is read is what counts,
    and /dev/zero is an error, not a read without end."""
    import pytest

    from prebrief.errors import InputFileError
    from prebrief.models import file_name
    from prebrief.sources.base import Source

    with pytest.raises(InputFileError, match="larger than 1 MB"):
        Source.read_file("/dev/zero", max_bytes=1024 * 1024)
    assert file_name("/dev/fd/63") == "(piped input)"
    assert file_name("/proc/self/fd/5") == "(piped input)"
    assert file_name("/home/u/notes/fd/63.txt") == "63.txt"


async def test_empty_notes_say_so_and_a_long_file_says_what_was_not_read(tmp_path):
    """An empty notes file was 'notes: ok' above 'nothing usable was gathered; see the sources
    section for why', which gave none; a 1,000-line file was cut at 200 without a word."""
    from conftest import run_source
    from prebrief.models import Identity
    from prebrief.sources.notes import MAX_LINES, NotesSource

    empty = tmp_path / "empty.txt"
    empty.write_text("\n# Meeting prep\n\n", encoding="utf-8")
    result = await run_source(NotesSource, Identity("notes", file=str(empty)), tmp_path)
    assert result.status.value == "error" and "has no notes in it" in result.message
    long = tmp_path / "long.txt"
    long.write_text("".join(f"Fact {n}\n" for n in range(MAX_LINES + 50)), encoding="utf-8")
    result = await run_source(NotesSource, Identity("notes", file=str(long)), tmp_path)
    assert result.ok and len(result.harvest.facts) == MAX_LINES
    assert result.message == f"the first {MAX_LINES} notes were read; 50 more lines were not"


async def test_notes_saved_as_utf16_read(tmp_path):
    """Notepad's 'Unicode' (UTF-16 with a byte-order mark) was refused as 'a binary file, not
    text notes' (outside tester)."""
    from conftest import run_source
    from prebrief.models import Identity
    from prebrief.sources.notes import NotesSource

    path = tmp_path / "notes.txt"
    path.write_bytes("Met Zoë at the Logimat stand\r\n".encode("utf-16"))
    result = await run_source(NotesSource, Identity("notes", file=str(path)), tmp_path)
    assert result.ok, result.message
    assert [f.text for f in result.harvest.facts] == ["Met Zoë at the Logimat stand"]
