"""Pure-ish: the user's own LinkedIn data export (a folder or the ZIP LinkedIn e-mails).

Connections.csv starts with a "Notes:" preamble in most exports (2 or 3 lines), sometimes a
UTF-8 BOM and CRLF; "Connected On" is "15 Mar 2024" in current exports and "1/8/18, 6:14 PM"
in older ones.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from prebrief.extract.dates import month_year
from prebrief.extract.text import clean_text, decode_text

CONNECTIONS_HEADER = "First Name,Last Name"
MAX_FILE = 50 * 1024 * 1024


class ExportError(ValueError):
    """The folder or ZIP is not a LinkedIn export (message says what is missing)."""


@dataclass(frozen=True)
class Connection:
    first: str
    last: str
    url: str | None
    company: str | None
    position: str | None
    connected_on: datetime | None

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}".strip()


def read_export_files(path: str) -> dict[str, str]:
    """CSV file name (lower-case, no folders) -> decoded text, from a folder or a ZIP."""
    p = Path(path)
    files: dict[str, str] = {}
    if p.is_dir():
        for item in p.rglob("*.csv"):
            # A folder named like a CSV, or a link to nothing, is not one of the export's files.
            if item.is_file() and item.stat().st_size <= MAX_FILE:
                files[item.name.lower()] = decode_text(item.read_bytes())
    elif zipfile.is_zipfile(p):
        try:
            with zipfile.ZipFile(p) as archive:
                for info in archive.infolist():
                    name = Path(info.filename).name.lower()
                    if name.endswith(".csv") and info.file_size <= MAX_FILE:
                        files[name] = decode_text(archive.read(info))
        except RuntimeError:  # zipfile's word for an entry that needs a password
            raise ExportError("is an encrypted ZIP file: download the export again from "
                              "LinkedIn, or unpack it and pass the folder") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise ExportError(f"is a damaged ZIP file ({exc}): download the export again "
                              "from LinkedIn") from None
    else:
        raise ExportError("is neither a folder nor a ZIP file")
    return files


def _rows(text: str, header_start: str) -> list[dict[str, str]]:
    """Rows of a CSV whose header line starts with ``header_start``, after any preamble."""
    lines = text.splitlines()
    # Excel re-saves a CSV with the separator of the user's locale: ';' or a tab for ','.
    start = next((i for i, line in enumerate(lines) if re.sub(r"[;\t]", ",", line.replace(
        '"', "")).startswith(header_start)), None)
    if start is None:
        return []
    delimiter = max((",", ";", "\t"), key=lines[start].count)
    reader = csv.DictReader(io.StringIO("\n".join(lines[start:])), delimiter=delimiter)
    return [{(k or "").strip(): clean_text(v) for k, v in row.items() if isinstance(v, str)}
            for row in reader]


def parse_connected_on(value: str) -> datetime | None:
    for fmt in ("%d %b %Y", "%m/%d/%y, %I:%M %p", "%m/%d/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value.strip(), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
    return None


def read_connections(text: str) -> list[Connection]:
    out = []
    for row in _rows(text, CONNECTIONS_HEADER):
        first, last = row.get("First Name", ""), row.get("Last Name", "")
        if not (first or last):
            continue
        out.append(Connection(first, last, row.get("URL") or None, row.get("Company") or None,
                              row.get("Position") or None,
                              parse_connected_on(row.get("Connected On", ""))))
    return out


def fold_name(name: str) -> str:
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", bare.casefold()).split())


def find_connection(connections: list[Connection], *, name: str | None,
                    company: str | None, urls: list[str]) -> Connection | None:
    """The contact's row: by profile URL, else by exact full name (company breaks ties).

    Several people with the same name and no way to tell them apart give None: a wrong match
    is worse than none.
    """
    slugs = {_slug(u) for u in urls if _slug(u)}
    if slugs:
        for conn in connections:
            if conn.url and _slug(conn.url) in slugs:
                return conn
    if not name:
        return None
    matches = [c for c in connections if fold_name(c.name) == fold_name(name)]
    if len(matches) > 1 and company:
        matches = [c for c in matches if c.company and fold_name(company) in fold_name(c.company)]
    return matches[0] if len(matches) == 1 else None


def _slug(url: str) -> str | None:
    m = re.search(r"linkedin\.com/in/([^/?#]+)", url or "")
    return m.group(1).lower() if m else None


@dataclass(frozen=True)
class MeRecord:
    """The user's own profile rows, before they become a MeProfile."""

    name: str | None
    headline: str | None
    city: str | None
    positions: list[tuple[str | None, str | None, str | None, str | None]]
    schools: list[tuple[str, str | None, str | None, str | None]]
    skills: list[str]


def read_me(files: dict[str, str]) -> MeRecord:
    profile = (_rows(files.get("profile.csv", ""), "First Name") or [{}])[0]
    name = " ".join(v for v in (profile.get("First Name"), profile.get("Last Name")) if v)
    positions = [(r.get("Title") or None, r.get("Company Name") or None,
                  month_year(r.get("Started On")), month_year(r.get("Finished On")))
                 for r in _rows(files.get("positions.csv", ""), "Company Name")]
    schools = [(r.get("School Name", ""), r.get("Degree Name") or None,
                month_year(r.get("Start Date")), month_year(r.get("End Date")))
               for r in _rows(files.get("education.csv", ""), "School Name") if r.get(
                   "School Name")]
    skills = [r.get("Name", "") for r in _rows(files.get("skills.csv", ""), "Name")
              if r.get("Name")]
    return MeRecord(name or None, profile.get("Headline") or None,
                    profile.get("Geo Location") or None, positions, schools, skills)
