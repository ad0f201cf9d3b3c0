"""Write the demo contact's LinkedIn-style "Save to PDF" profile (fictional person).

    python scripts/make_demo_pdf.py   # -> src/prebrief/demo/files/Profile.pdf

Mimics the real export's layout: a left sidebar (Contact, Top Skills, Languages,
Certifications, Honors-Awards) and a main column (name, headline, location, Summary,
Experience, Education), "Page N of M" footers, bullets and a private-use glyph. Needs reportlab
(a test dependency).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

OUT = Path(__file__).resolve().parents[1] / "src" / "prebrief" / "demo" / "files" / "Profile.pdf"
SIDEBAR_X, MAIN_X, TOP = 36, 220, 740
GLYPH = "\uf0da"  # private-use bullet some exports carry

SIDEBAR = [
    ("Contact", 13, True), ("marit@norrbrook.example", 9, False),
    ("www.linkedin.com/in/marit-", 9, False), ("vandersloot (LinkedIn)", 9, False),
    ("marit.example (Personal)", 9, False), ("norrbrook.example (Company)", 9, False), ("", 9, False),
    ("Top Skills", 13, True), ("Supplier Negotiation", 9, False), ("Category Management", 9, False),
    ("Supply Chain Risk", 9, False), ("", 9, False),
    ("Languages", 13, True), ("Dutch (Native or Bilingual)", 9, False),
    ("English (Full Professional)", 9, False), ("German (Professional Working)", 9, False),
    ("", 9, False),
    ("Certifications", 13, True), ("CIPS Level 6 Professional Diploma", 9, False), ("", 9, False),
    ("Honors-Awards", 13, True), ("Procurement Leader of the Year 2025", 9, False),
    ("(Benelux Logistics Awards)", 9, False),
]
PAGE1 = [
    ("Marit Vandersloot", 24, False),
    ("VP Procurement at Norrbrook Logistics | Supplier risk, carrier", 11, False),
    ("negotiations, sustainable sourcing", 11, False),
    ("Utrecht, Utrecht, Netherlands", 10, False), ("", 10, False),
    ("Summary", 15, True),
    ("I lead procurement for a contract-logistics group with 14 cross-dock", 10, False),
    ("sites: carriers, warehousing services and the software that ties them", 10, False),
    ("together. I care about contracts both sides can live with.", 10, False), ("", 10, False),
    ("Experience", 15, True),
    ("Norrbrook Logistics", 12, False),
    ("VP Procurement", 11, False),
    ("January 2024 - Present (2 years 11 months)", 10, False),
    ("Utrecht, Netherlands", 10, False),
    (f"{GLYPH} Own the carrier and warehousing spend (EUR 180M) across 60 partners.", 10, False),
    ("• Introduced shared risk registers and exit clauses in every carrier", 10, False),
    ("contract.", 10, False), ("", 10, False),
    ("Halvorsen Maritime Systems", 12, False),
    ("Head of Strategic Sourcing", 11, False),
    ("March 2018 - December 2023 (5 years 10 months)", 10, False),
    ("Rotterdam, Netherlands", 10, False),
    ("• Built the sourcing team from 3 to 11 buyers.", 10, False),
]
PAGE2 = [
    ("Dekker Bouw", 12, False),
    ("Buyer", 11, False),
    ("September 2014 - February 2018 (3 years 6 months)", 10, False),
    ("Amersfoort, Netherlands", 10, False), ("", 10, False),
    ("Education", 15, True),
    ("Hogeschool Amstelland", 12, False),
    ("Bachelor of Business Administration - BBA, Logistics Management · (2010 - 2014)", 10, False),
    ("Universiteit van Vleuten", 12, False),
    ("Master of Science - MS, Supply Chain Management · (2016 - 2018)", 10, False),
]


def column(pdf: canvas.Canvas, x: int, lines: list[tuple[str, int, bool]]) -> None:
    y = TOP
    for text, size, heading in lines:
        pdf.setFont("Helvetica-Bold" if heading else "Helvetica", size)
        pdf.drawString(x, y, text)
        y -= size + 5


def footer(pdf: canvas.Canvas, page: int, pages: int) -> None:
    pdf.setFont("Helvetica", 8)
    pdf.drawString(270, 20, f"Page {page} of {pages}")


def write_profile(path: Path, title: str, sidebar: list[tuple[str, int, bool]],
                  pages: list[list[tuple[str, int, bool]]], *, saved: str | None = None,
                  **canvas_options: object) -> None:
    """A LinkedIn-layout PDF: the sidebar on page one, main-column pages, footers. saved: the
    CreationDate ("D:YYYYMMDDhhmmss+00'00'") the export would carry; else reportlab's
    invariant placeholder (2000-01-01), which prebrief reads as no date."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), pagesize=letter, invariant=1, **canvas_options)
    if saved:
        pdf.setDateFormatter(lambda *_: saved)
    pdf.setTitle(title)
    for number, lines in enumerate(pages, start=1):
        if number == 1:
            column(pdf, SIDEBAR_X, sidebar)
        column(pdf, MAIN_X, lines)
        footer(pdf, number, len(pages))
        pdf.showPage()
    pdf.save()


def main() -> None:
    # Saved the day before the demo's as-of date (demo/contact.toml).
    write_profile(OUT, "Marit Vandersloot", SIDEBAR, [PAGE1, PAGE2],
                  saved="D:20261119081500+00'00'")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
