"""Write the LinkedIn PDF test fixtures (fictional people) into tests/fixtures/linkedin_pdf/.

    python scripts/make_linkedin_fixtures.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.pdfgen import canvas

sys.path.insert(0, str(Path(__file__).parent))
from make_demo_pdf import write_profile  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "linkedin_pdf"

SIDEBAR = [
    ("Contact", 13, True), ("maren.ok@fjord.example", 9, False), ("+47 900 00 000 (Mobile)", 9, False),
    ("www.linkedin.com/in/maren-", 9, False), ("okafor (LinkedIn)", 9, False),
    ("maren.example (Personal)", 9, False), ("", 9, False),
    ("Top Skills", 13, True), ("Cold Chain Logistics", 9, False), ("Route Planning", 9, False), ("", 9, False),
    ("Languages", 13, True), ("Norwegian (Native or Bilingual)", 9, False), ("English (Full Professional)", 9, False), ("", 9, False),
    ("Certifications", 13, True), ("APICS CSCP", 9, False), ("", 9, False),
    ("Honors-Awards", 13, True), ("Nordic Logistics Innovator 2024", 9, False), ("", 9, False),
    ("Publications", 13, True), ("Reefer Containers at the Arctic Edge", 9, False),
]
PAGE1 = [
    ("Maren Okafor-Lindqvist", 24, False),
    ("Head of Logistics at Norrbrook Logistics", 11, False),
    ("Oslo, Norway", 10, False), ("", 10, False),
    ("Summary", 15, True),
    ("Twelve years in cold chain and temperature-controlled transport.", 10, False), ("", 10, False),
    ("Experience", 15, True),
    ("Norrbrook Logistics", 12, False),
    ("6 years 2 months", 10, False),
    ("Head of Logistics", 11, False),
    ("May 2023 - Present (3 years 7 months)", 10, False),
    ("Oslo, Norway", 10, False),
    ("\u2022 Runs 40 reefer lanes across Scandinavia.", 10, False),
    ("Logistics Planner", 11, False),
    ("October 2020 - April 2023 (2 years 7 months)", 10, False),
    ("Bergen, Norway", 10, False),
]
PAGE2 = [
    ("Fjord Freight", 12, False),
    ("Analyst", 11, False),
    ("2014 - 2020 (6 years)", 10, False), ("", 10, False),
    ("Education", 15, True),
    ("University of Tromsdal", 12, False),
    ("Master of Science - MS, Logistics \u00b7 (2012 - 2014)", 10, False),
]


def invoice(path: Path) -> None:
    pdf = canvas.Canvas(str(path), invariant=1)
    pdf.drawString(72, 720, "INVOICE 2026-0042")
    pdf.drawString(72, 700, "Fjord Freight AS, 40 pallets, NOK 12 000")
    pdf.showPage()
    pdf.save()


def main() -> None:
    write_profile(OUT / "Profile.pdf", "Maren Okafor-Lindqvist", SIDEBAR, [PAGE1, PAGE2],
                  saved="D:20260302141200+01'00'")
    write_profile(OUT / "encrypted.pdf", "Maren", SIDEBAR, [PAGE1], encrypt="secret")
    invoice(OUT / "invoice.pdf")
    data = (OUT / "Profile.pdf").read_bytes()
    (OUT / "truncated.pdf").write_bytes(data[: len(data) // 3])
    print(f"wrote fixtures into {OUT}")


if __name__ == "__main__":
    main()
