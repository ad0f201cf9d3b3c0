"""Finding the contact in Connections.csv, conservatively; the user's own profile."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from prebrief.extract.linkedin_export import (Connection, find_connection, parse_connected_on,
                                              read_connections)
from prebrief.sources.linkedin_export import read_me_profile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin_export"


@pytest.mark.parametrize("value,expected", [
    ("15 Mar 2024", datetime(2024, 3, 15, tzinfo=UTC)),
    ("1/8/18, 6:14 PM", datetime(2018, 1, 8, 18, 14, tzinfo=UTC)),
    ("garbage", None),
])
def test_both_connected_on_formats(value, expected):
    assert parse_connected_on(value) == expected


def conn(first, last, company, url=None):
    return Connection(first, last, url, company, "Buyer", None)


def test_namesakes_without_a_tie_breaker_give_no_match():
    people = [conn("Jonas", "Berg", "Acme"), conn("Jonas", "Berg", "Globex")]
    assert find_connection(people, name="Jonas Berg", company=None, urls=[]) is None
    assert find_connection(people, name="Jonas Berg", company="Globex", urls=[]).company == "Globex"
    assert find_connection(people, name="Jonas Berg", company="Initech", urls=[]) is None


def test_url_beats_name_and_diacritics_fold():
    people = [conn("José", "Núñez", "Acme", "https://www.linkedin.com/in/jnunez"),
              conn("Jose", "Nunez", "Globex", "https://www.linkedin.com/in/jose-n")]
    found = find_connection(people, name="x", company=None,
                            urls=["https://linkedin.com/in/jose-n/"])
    assert found.company == "Globex"
    assert find_connection(people[:1], name="jose nunez", company=None, urls=[]).company == "Acme"


def test_preamble_bom_crlf_and_blank_rows():
    text = (FIXTURES / "export-preamble" / "Connections.csv").read_bytes().decode("utf-8-sig")
    rows = read_connections(text)
    assert [c.name for c in rows] == ["Teodor Vasquez-Brandt", "Teodor Vasquez-Brandt",
                                      "Saskia Lindqvist"]
    assert rows[2].position == "Head of Data, Nordics"


def test_a_connections_csv_excel_resaved_with_semicolons_or_as_utf16_still_reads():
    """An Excel re-save (';' for ',' in a European locale, or 'Unicode text') made every
    contact 'not (unambiguously) among your LinkedIn connections'."""
    import csv
    import io

    from prebrief.extract.text import decode_text as decode

    original = (FIXTURES / "export-preamble" / "Connections.csv").read_bytes().decode("utf-8-sig")
    head, _, table = original.partition("First Name")
    rows = list(csv.reader(io.StringIO("First Name" + table)))
    for delimiter, encoding in ((";", "utf-8-sig"), ("\t", "utf-16"), (";", "cp1252")):
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter).writerows(rows)
        text = decode((head + out.getvalue()).encode(encoding))
        found = read_connections(text)
        assert [c.name for c in found] == ["Teodor Vasquez-Brandt", "Teodor Vasquez-Brandt",
                                           "Saskia Lindqvist"], (delimiter, encoding)
        assert found[1].company == "Dekker Bouw, Malmö", (delimiter, encoding)


def test_me_profile_from_the_export():
    me = read_me_profile(str(FIXTURES / "export-preamble"))
    assert me.name == "Jonas Aalders" and me.city == "Utrecht"
    assert me.company == "Vennhof Freight Software"
    assert {r.organization for r in me.roles} == {"Vennhof Freight Software", "Brekke Freight"}
    assert [e.school for e in me.education] == ["Lund School of Trade"]
    assert me.skills == ("Negotiation", "Python")


def _damaged(tmp_path: Path, how: str) -> Path:
    """A copy of the fixture export, damaged as a download or a disk can damage it."""
    import zipfile

    path = tmp_path / f"{how}.zip"
    rows = (FIXTURES / "export-preamble" / "Connections.csv").read_bytes() * 20
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", rows)
    data = bytearray(path.read_bytes())
    start = data.index(b"Connections.csv") + len("Connections.csv")  # the entry's data
    if how == "deflate":  # garbled compressed bytes
        for i in range(start + 10, start + 70):
            data[i] ^= 0x5A
    elif how == "crc":  # a stored CRC that does not match the data
        crc = data.index(b"PK\x01\x02") + 16  # the central directory's, which zipfile checks
        data[crc] ^= 0xFF
    elif how == "encrypted":  # the entry's encrypted flag set, as a password-protected ZIP has
        flags = data.index(b"PK\x01\x02") + 8
        data[flags] |= 0x01
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("how,says", [("deflate", "damaged ZIP"), ("crc", "damaged ZIP"),
                                      ("encrypted", "encrypted ZIP")])
async def test_a_damaged_or_encrypted_export_fails_its_source_not_the_run(tmp_path: Path, how,
                                                                           says):
    from conftest import run_source
    from prebrief.models import ContactQuery, Identity
    from prebrief.sources.linkedin_export import LinkedInExportSource

    path = _damaged(tmp_path, how)
    result = await run_source(LinkedInExportSource, Identity("linkedin_export", file=str(path)),
                              tmp_path, query=ContactQuery(name="Ilse Marchetti"))
    assert result.status.value == "error" and says in result.message, result.message
    assert str(tmp_path) not in result.message  # named without its folders
    from prebrief.errors import InputFileError

    with pytest.raises(InputFileError, match=says):
        read_me_profile(str(path))


def test_a_folder_named_like_a_csv_or_a_dangling_link_is_no_export_file(tmp_path: Path):
    from prebrief.extract.linkedin_export import read_export_files

    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "Connections.csv").write_bytes(
        (FIXTURES / "export-preamble" / "Connections.csv").read_bytes())
    (folder / "Sub.csv").mkdir()
    (folder / "Positions.csv").symlink_to(tmp_path / "gone.csv")
    assert set(read_export_files(str(folder))) == {"connections.csv"}
