"""A file or profile the user gave that names somebody else (another person's PDF in a batch
folder, a mistyped handle) is held back, with or without discovery: a wrong-person briefing is
worse than a thin one (fictional contacts)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from prebrief.cli.app import app

PDF = str(FIXTURES / "linkedin_pdf" / "Profile.pdf")  # Maren Okafor-Lindqvist's


@pytest.mark.parametrize("discovery", ["--discover", "--no-discover"])
def test_another_persons_pdf_is_not_briefed_as_the_contact(tmp_path, discovery):
    result = CliRunner().invoke(app, ["brief", "--name", "Joost Ambeek", "--linkedin-pdf", PDF,
                                      "--offline", discovery, "-f", "md",
                                      "--cache-dir", str(tmp_path)])
    assert result.exit_code == 1, result.output  # nothing usable: no briefing on Maren
    md = result.stdout.replace("\\", "")
    assert md.startswith("# Briefing: Joost Ambeek (name as you gave it)")
    assert "Norrbrook" not in md and "Cold Chain" not in md
    assert ("- linkedin_pdf: skipped (2026-03-02). not used: it names 'Maren Okafor-Lindqvist', "
            "not 'Joost Ambeek' as you gave it") in md
    assert "brief again with the name it gives (--name)" in md
    assert "Please confirm, possibly the same person: file Profile.pdf (0.50)" in md
    # The terminal says so too, for a user who does not read the sheet's header first.
    assert "to confirm: file Profile.pdf: it names 'Maren Okafor-Lindqvist'" in result.stderr


def test_the_same_pdf_under_a_form_of_its_name_is_briefed(tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Met at the Logimat stand\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["brief", "--name", "Maren Okafor", "--linkedin-pdf", PDF,
                                      "--notes", str(notes), "--offline", "--no-discover",
                                      "-f", "md", "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Briefing: Maren Okafor-Lindqvist\n")
    assert "Head of Logistics at Norrbrook Logistics" in result.stdout
    # The user's notes are theirs too: both profiles were given by them.
    assert "Identity match: high (1.00), 2 of 2 profiles given by you." in result.stdout


@pytest.mark.parametrize("linkedin,held", [
    ("https://www.linkedin.com/in/maren-okafor-2", True),  # a namesake's profile
    ("https://www.linkedin.com/in/Maren-Okafor/", False),  # the PDF's own, written otherwise
    ("maren-okafor", False),
])
def test_a_namesakes_pdf_beside_the_linkedin_profile_given_is_held_back(tmp_path, linkedin,
                                                                       held):
    result = CliRunner().invoke(app, ["brief", "--name", "Maren Okafor", "--linkedin", linkedin,
                                      "--linkedin-pdf", PDF, "--offline", "--no-discover",
                                      "-f", "md", "--cache-dir", str(tmp_path)])
    said = ("to confirm: file Profile.pdf: it is the linkedin profile 'maren-okafor', not "
            "'maren-okafor-2' as you gave it: another person?")
    assert (said in result.stderr) is held, result.stderr
    assert ("Head of Logistics at Norrbrook Logistics" in result.stdout) is not held
