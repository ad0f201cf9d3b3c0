"""Pure: LinkedIn's "Save to PDF" profile -> structured profile.

The export is a left sidebar (Contact, Top Skills, Languages, Certifications, Honors-Awards,
Publications) beside a main column (name, headline, location, Summary, Experience, Education),
with "Page N of M" footers. Text runs are split into the two columns by x position and into
lines by y; font size tells a company line (larger) from a title and its details.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from prebrief.extract.dates import month_year
from prebrief.extract.text import clean_text
from prebrief.models import plausible_save

if TYPE_CHECKING:
    from pypdf import PdfReader

SIDEBAR_HEADINGS = ("Contact", "Top Skills", "Languages", "Certifications", "Honors-Awards",
                    "Publications", "Patents")
MAIN_HEADINGS = ("Summary", "Experience", "Education", "Volunteer Experience", "Projects")
_DATE_RANGE = re.compile(
    r"^(?P<start>(?:[A-Z][a-z]+ )?\d{4})\s*[-–]\s*(?P<end>Present|(?:[A-Z][a-z]+ )?\d{4})"
    r"\s*(?:\((?P<duration>[^)]*)\))?$")
_TENURE = re.compile(r"^\d+ (?:years?|months?)(?: \d+ months?)?$")
_FOOTER = re.compile(r"^Page \d+ of \d+$")
# Bullets, including private-use glyphs and the shapes PDF fonts substitute for them (■, ▪).
_BULLETS = re.compile(r"^[\s•·◦‣\-\u2022\u25a0-\u25ff\ue000-\uf8ff]+")


@dataclass
class Line:
    text: str
    size: float
    page: int
    y: float


@dataclass
class PdfRole:
    company: str | None
    title: str | None
    start: str | None
    end: str | None
    current: bool
    duration: str | None = None
    location: str | None = None
    description: str | None = None


@dataclass
class PdfEducation:
    school: str
    degree: str | None = None
    field: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass
class PdfProfile:
    name: str | None = None
    headline: str | None = None
    location: str | None = None
    summary: str | None = None
    contact: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)
    roles: list[PdfRole] = field(default_factory=list)
    education: list[PdfEducation] = field(default_factory=list)
    created: datetime | None = None  # when LinkedIn wrote the PDF (created_at)

    def sidebar(self, heading: str) -> list[str]:
        return self.sections.get(heading, [])


class NotAProfile(ValueError):
    """The PDF reads, but it is not a LinkedIn profile export."""


def _reader(data: bytes) -> PdfReader:
    """pypdf's reader, its own complaints about a damaged file ("EOF marker not found") kept
    off the terminal: prebrief says in one line what is wrong with the file."""
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    return PdfReader(io.BytesIO(data))


def pdf_lines(data: bytes, sidebar_ratio: float = 0.3) -> tuple[list[Line], list[Line]]:
    """(sidebar lines, main lines) in reading order; raises on unreadable or encrypted PDFs."""
    reader = _reader(data)
    if reader.is_encrypted:
        raise PermissionError("encrypted")
    side: list[Line] = []
    main: list[Line] = []
    for number, page in enumerate(reader.pages):
        width = float(page.mediabox.width or 612)
        runs: list[tuple[float, float, float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  runs: list[tuple[float, float, float, str]] = runs) -> None:
            if text.strip():
                scale = abs(tm[3]) if tm[3] else 1.0
                runs.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5], size * scale, text))

        page.extract_text(visitor_text=visit)
        for x, y, size, text in runs:
            target = side if x < width * sidebar_ratio else main
            _append(target, text, size, number, y)
    return side, main


def _append(lines: list[Line], text: str, size: float, page: int, y: float) -> None:
    """Merge runs that sit on the same baseline into one line."""
    cleaned = clean_text(_BULLETS.sub("", text.replace("\n", " "))) or ""
    if not cleaned:
        return
    if lines and lines[-1].page == page and abs(lines[-1].y - y) < 1.5:
        lines[-1].text = f"{lines[-1].text} {cleaned}".strip()
        return
    lines.append(Line(cleaned, round(size, 1), page, y))


def _split(lines: list[Line], headings: tuple[str, ...]) -> tuple[list[Line], dict[str, list[Line]]]:
    head: list[Line] = []
    sections: dict[str, list[Line]] = {}
    current: list[Line] = head
    for line in lines:
        if _FOOTER.match(line.text):
            continue
        if line.text in headings:
            current = sections.setdefault(line.text, [])
            continue
        current.append(line)
    return head, sections


def _join_wrapped(lines: list[Line]) -> list[str]:
    """Sidebar values wrap (a long URL over two lines); join lines that continue a token."""
    out: list[str] = []
    for line in lines:
        if out and (out[-1].endswith("-") or line.text.startswith("(")
                    or out[-1].endswith("/")):
            sep = "" if out[-1].endswith(("-", "/")) else " "
            out[-1] = f"{out[-1]}{sep}{line.text}"
        else:
            out.append(line.text)
    return out


def parse_profile_pdf(data: bytes, now: datetime | None = None) -> PdfProfile:
    """The structured profile; NotAProfile when the PDF is something else. now: the clock,
    for telling a real save date from an impossible one (created_at)."""
    side, main = pdf_lines(data)
    _, side_sections = _split(side, SIDEBAR_HEADINGS)
    head, sections = _split(main, MAIN_HEADINGS)
    if not (("Experience" in sections or "Education" in sections or "Summary" in sections)
            and head):
        raise NotAProfile("no LinkedIn profile sections (Experience, Education, Summary)")
    profile = PdfProfile()
    profile.sections = {k: _join_wrapped(v) for k, v in side_sections.items()}
    profile.contact = profile.sections.get("Contact", [])
    _read_head(profile, head)
    if "Summary" in sections:
        profile.summary = " ".join(line.text for line in sections["Summary"]) or None
    profile.roles = read_experience(sections.get("Experience", []))
    profile.education = read_education(sections.get("Education", []))
    profile.created = created_at(data, now)
    return profile


def created_at(data: bytes, now: datetime | None = None) -> datetime | None:
    """When the PDF was written (its CreationDate, in UTC): for a "Save to PDF" export, the
    moment the profile was saved, so how old its facts are. None where the PDF names no
    date, an unreadable one, one before LinkedIn existed, or one after now (a day's leeway
    for clocks): such a date says nothing about the save."""
    try:
        meta = _reader(data).metadata
        created = meta.creation_date if meta else None
    except Exception:  # noqa: BLE001 - a malformed date or trailer only loses the date
        return None
    if created is None:
        return None
    return plausible_save(
        created.astimezone(UTC) if created.tzinfo else created.replace(tzinfo=UTC), now)


def _read_head(profile: PdfProfile, head: list[Line]) -> None:
    if not head:
        return
    biggest = max(line.size for line in head)
    names = [line for line in head if line.size == biggest]
    profile.name = names[0].text
    rest = [line for line in head if line is not names[0]]
    if rest:
        # The headline may wrap; the location is the last line of the block.
        profile.location = rest[-1].text if len(rest) > 1 else None
        headline = rest[:-1] if len(rest) > 1 else rest
        profile.headline = " ".join(line.text for line in headline) or None


def read_experience(lines: list[Line]) -> list[PdfRole]:
    """Company lines are the largest text in the section; each role is title + date range."""
    if not lines:
        return []
    company_size = max(line.size for line in lines)
    roles: list[PdfRole] = []
    company: str | None = None
    for i, line in enumerate(lines):
        m = _DATE_RANGE.match(line.text)
        if line.size == company_size and not m and not _is_title(lines, i):
            company = line.text
            continue
        if not m:
            continue
        title_line = lines[i - 1] if i else None
        title = title_line.text if title_line and title_line.size < company_size else None
        end = m.group("end")
        role = PdfRole(company, title, month_year(m.group("start")),
                       None if end == "Present" else month_year(end), end == "Present",
                       duration=m.group("duration"))
        details = _details(lines, i + 1, company_size)
        if details and len(details[0]) < 60 and not details[0].endswith("."):
            role.location = details.pop(0)
        role.description = " ".join(details) or None
        roles.append(role)
    return roles


def _is_title(lines: list[Line], i: int) -> bool:
    """A line directly above a date range is a title even in the company's font size."""
    return i + 1 < len(lines) and bool(_DATE_RANGE.match(lines[i + 1].text))


def _details(lines: list[Line], start: int, company_size: float) -> list[str]:
    """Lines after a date range up to the next role (a title line followed by a date range)."""
    out: list[str] = []
    for j in range(start, len(lines)):
        if lines[j].size == company_size or _DATE_RANGE.match(lines[j].text):
            break
        if j + 1 < len(lines) and _DATE_RANGE.match(lines[j + 1].text):
            break
        if _TENURE.match(lines[j].text):
            continue
        out.append(lines[j].text)
    return out


_DEGREE = re.compile(r"^(?P<degree>[^,·(]+?)(?:,\s*(?P<field>[^·(]+?))?\s*(?:·\s*)?"
                     r"(?:\((?P<start>\d{4})\s*[-–]\s*(?P<end>\d{4}|Present)\))?$")


def read_education(lines: list[Line]) -> list[PdfEducation]:
    if not lines:
        return []
    school_size = max(line.size for line in lines)
    items: list[PdfEducation] = []
    for line in lines:
        if line.size == school_size:
            items.append(PdfEducation(line.text))
        elif items:
            m = _DEGREE.match(line.text)
            if m and not items[-1].degree:
                items[-1].degree = clean_text(m.group("degree")) or None
                items[-1].field = clean_text(m.group("field")) or None
                items[-1].start = m.group("start")
                items[-1].end = None if m.group("end") == "Present" else m.group("end")
    return items
