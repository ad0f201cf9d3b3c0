"""Name matching: tolerant of spelling, strict about different people."""

from __future__ import annotations

import pytest

from prebrief.names import looks_like_a_name, name_similarity, same_name


@pytest.mark.parametrize("a,b", [
    ("Saskia Lindqvist", "saskia lindqvist"),
    ("José Núñez", "Jose Nunez"),
    ("Jürgen Müller", "Juergen Mueller"),
    ("Jürgen Müller", "Jurgen Muller"),
    ("Lindqvist, Saskia", "Saskia Lindqvist"),
    ("Bill Okafor", "William Okafor"),
    ("Hans de Vries", "Johannes de Vries"),
    ("Sasha Petrov", "Alexander Petrov"),
    ("S. Lindqvist", "Saskia Lindqvist"),
    ("Dr. Marit Vandersloot", "Marit Vandersloot"),
    ("Marit van der Sloot", "Marit Van Der Sloot"),
    ("Søren Østergaard", "Soren Ostergaard"),
    ("Anna Maria Kowalczyk", "Anna Kowalczyk"),
    ("Marit van der Sloot", "Marit Vandersloot"),
    ("Marit Vandersloot (she/her)", "Marit Vandersloot"),
    ("Marit Vandersloot he/him", "Marit Vandersloot"),
    ("Marit Vandersloot | Procurement at Norrbrook", "Marit Vandersloot"),
    # Held back as another person until an outside tester's runs (two-way links and a
    # matching employer notwithstanding):
    ("Annemarie Okafor", "Anne-Marie Okafor"),  # a hyphen in the first name
    ("Minjun Kim", "Kim Min-jun"),  # surname first, given name hyphenated
    ("Soren Kierkegaard", "Søren Kierkegård"),  # å written "aa"
    ("Mohamed Alrashid", "Mohammed Al-Rashid"),  # a doubled letter, a particle joined
    ("Kathi Schröder", "Katharina Schröder"),  # a short form
    ("PJ de Wit", "Pieter-Jan de Wit"),  # initials of a hyphenated first name
    ("Marit Vandersloot, VP Procurement", "Marit Vandersloot"),  # a title after a comma
    ("Marit Vandersloot @ Valkbrug", "Marit Vandersloot"),  # "@ employer"
])
def test_same_person(a, b):
    assert same_name(a, b), name_similarity(a, b)


@pytest.mark.parametrize("a,b", [
    ("Saskia Lindqvist", "Saskia Lindgren"),
    ("Jonas Berg", "Jonas Bergman"),
    ("Anna Kowalczyk", "Anna Kowalski"),
    ("Tom Becker", "Tim Becker"),
    ("Marit Vandersloot", "Maria Vandersloot"),
    ("Lars Eriksen", "Lars"),
    ("", "Lars Eriksen"),
    ("Okafor Studio", "Chidi Okafor"),
    ("Tom Becker", "Tim B."),
    ("Marit Jansen", "Marit Vandersloot"),
    ("Maren Okafor-Lindqvist", "Joost Ambeek"),
    ("Hans-Peter Müller", "Peter Müller"),
    ("Sanne de Vries", "Marit de Vries"),
    ("Johanna Marit Vandersloot", "Pieter Vandersloot"),
])
def test_different_people(a, b):
    assert not same_name(a, b), name_similarity(a, b)


def test_reasons_are_readable():
    score, reason = name_similarity("Bill Okafor", "William Okafor")
    assert 0.8 <= score < 1 and "forms of one name" in reason


@pytest.mark.parametrize("a,b", [
    ("Marit V.", "Marit Vandersloot"),
    ("Saskia Lindqvist", "Saskia L."),
    ("Jan de Vries", "Jan de Vries-Bakker"),
])
def test_a_surname_cut_short_is_neither_a_match_nor_another_person(a, b):
    # Discovery must not accept on it, nor read it as somebody else (DIFFERENT_NAME, 0.5).
    score, reason = name_similarity(a, b)
    assert 0.5 <= score < 0.8 and "same first name" in reason
    assert name_similarity(b, a)[0] == score


@pytest.mark.parametrize("text,name", [
    ("Maren Okafor-Lindqvist", True), ("Jan de Vries", True), ("M. Vandersloot", True),
    ("Marit Vandersloot (she/her)", True), ("José Núñez", True),
    ("procurement & bees", False), ("The Procurement Nerd", False), ("marit", False),
    ("Notes on Port Logistics", False), ("Marit 2026", False),
])
def test_a_display_name_that_reads_as_a_phrase_is_told_from_a_name(text, name):
    assert looks_like_a_name(text) is name
