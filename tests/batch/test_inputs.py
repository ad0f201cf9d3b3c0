"""Reading contact lists: CRM headers, mapping, JSONL, and bad rows that never sink the rest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from prebrief.batch.inputs import parse_mapping, read_rows
from prebrief.batch.naming import file_stem
from prebrief.errors import UsageError
from prebrief.models import ContactQuery


def rows_of(tmp_path: Path, text: str | bytes, name: str = "c.csv", mapping=None):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return list(read_rows(path, mapping or {}))


def test_hubspot_export(tmp_path):
    rows = rows_of(tmp_path, "First Name,Last Name,Email,Company Name,LinkedIn URL,Twitter Username\n"
                   "Ada,Vermeer,ada@acme.example,Acme,https://www.linkedin.com/in/adav,ada_v\n")
    q = rows[0].query
    assert q.name == "Ada Vermeer" and q.company == "Acme" and q.email == "ada@acme.example"
    assert ("linkedin", "https://www.linkedin.com/in/adav") in q.handles and ("x", "ada_v") in q.handles


def test_salesforce_export(tmp_path):
    rows = rows_of(tmp_path, "Salutation,First Name,Last Name,Title,Account Name,Mailing City,Email\n"
                   "Ms.,Ines,Okoro,CPO,Valkenburg Retail,Eindhoven,ines@valkenburg.example\n")
    q = rows[0].query
    assert (q.name, q.company, q.location) == ("Ines Okoro", "Valkenburg Retail", "Eindhoven")


@pytest.mark.parametrize("header,row", [
    # Google Contacts today: e-mail, organisation, city and website each under a numbered name
    ("First Name,Last Name,Organization Name,Organization Title,E-mail 1 - Label,"
     "E-mail 1 - Value,Address 1 - City,Website 1 - Label,Website 1 - Value",
     "Lieke,Hazeveld,Kade Shipping,Buyer,* Work,lieke@kade.example,Rotterdam,Profile,"
     "https://lieke.example"),
    # Google's legacy export
    ("Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Organization 1 - Type,"
     "Organization 1 - Name,Location,Web Page",
     "Lieke Hazeveld,Lieke,Hazeveld,* Work,lieke@kade.example,,Kade Shipping,Rotterdam,"
     "https://lieke.example"),
    # Outlook
    ('"First Name","Last Name","E-mail Address","Company","Business City","Home City",'
     '"Personal Web Page"',
     '"Lieke","Hazeveld","lieke@kade.example","Kade Shipping","Rotterdam","Delft",'
     '"https://lieke.example"'),
    # a German Excel list
    ("Vorname;Nachname;E-Mail;Firma;Ort;Homepage",
     "Lieke;Hazeveld;lieke@kade.example;Kade Shipping;Rotterdam;https://lieke.example"),
], ids=["google", "google-legacy", "outlook", "german-excel"])
def test_contact_exports_give_email_company_city_and_website(tmp_path, header, row):
    q = rows_of(tmp_path, f"{header}\n{row}\n")[0].query
    assert (q.name, q.email, q.company, q.location) == (
        "Lieke Hazeveld", "lieke@kade.example", "Kade Shipping", "Rotterdam")
    assert q.handles == (("website", "https://lieke.example"),)


def test_linkedin_connections_with_preamble_and_bom(tmp_path):
    text = ('\ufeffNotes:\r\n"When exporting your connection data, you may notice..."\r\n\r\n'
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
            "Teodor,Vasquez-Brandt,https://www.linkedin.com/in/teodor-vb,,Brekke Freight,Director,15 Mar 2024\r\n")
    q = rows_of(tmp_path, text)[0].query
    assert q.name == "Teodor Vasquez-Brandt" and q.urls == ("https://www.linkedin.com/in/teodor-vb",)


def test_map_and_jsonl(tmp_path):
    rows = rows_of(tmp_path, "Who,Org,Handle\nAda Vermeer,Acme,adav\n",
                   mapping=parse_mapping(["Who=name", "Org=company", "Handle=github"]))
    assert rows[0].query.handles == (("github", "adav"),)
    rows = rows_of(tmp_path, '{"name": "Ada Vermeer", "github": "adav"}\nnot json\n[1]\n',
                   name="c.jsonl")
    assert rows[0].query.name == "Ada Vermeer"
    assert [(r.line, bool(r.error)) for r in rows[1:]] == [(2, True), (3, True)]
    with pytest.raises(UsageError):
        parse_mapping(["Who=nonsense"])


def test_bad_rows_are_reported_with_line_numbers_and_the_rest_goes_on(tmp_path):
    text = (b"Name,Email,Company\n"
            b"Ada Vermeer,ada@acme.example,Acme\n"
            b",,\n"
            b'Broken "quote,b@x.example,Acme\n'
            b",,Only A Company\n"
            b"Caf\xe9 Owner,cafe@x.example,Latin1\n"  # the file is Latin-1, so read as such
            b"Lars Eriksen,lars@x.example,Fjord\n")
    rows = rows_of(tmp_path, text)
    ok = [r.query.name for r in rows if r.query]
    bad = {r.line: r.error for r in rows if r.error}
    assert ok == ["Ada Vermeer", "Café Owner", "Lars Eriksen"]
    assert set(bad) == {4, 5}
    assert "quote" in bad[4] and "no name" in bad[5]


EXCEL_ROWS = [["Vorname", "Nachname", "E-Mail", "Firma", "Ort", "Position"],
              ["Jörg", "Weißdorn", "joerg@sudhaus.example", "Sudhaus Süd GmbH", "Göppingen",
               "Einkäufer"],
              ["Zoë", "Ålvik", "zoe@fjellmark.example", "Fjellmark AB", "Malmö", "Inköpschef"],
              ["Anaïs", "Lefèvre", "a.lefevre@etoile.example", "Étoile & Fils", "Besançon",
               "Directrice"]]


@pytest.mark.parametrize("encoding,delimiter", [
    ("cp1252", ";"),  # Excel "CSV (semicolon)" on a German Windows
    ("cp1252", ","),
    ("utf-8-sig", ";"),  # Excel "CSV UTF-8"
    ("utf-16", "\t"),  # Excel "Unicode text": UTF-16 with a BOM, tab-delimited
])
def test_european_excel_exports_are_read_in_their_encoding_and_delimiter(tmp_path, encoding,
                                                                         delimiter):
    text = "".join(delimiter.join(cells) + "\r\n" for cells in EXCEL_ROWS)
    rows = rows_of(tmp_path, text.encode(encoding))
    assert [r.error for r in rows] == [None, None, None]
    assert [(r.query.name, r.query.email) for r in rows] == [
        ("Jörg Weißdorn", "joerg@sudhaus.example"), ("Zoë Ålvik", "zoe@fjellmark.example"),
        ("Anaïs Lefèvre", "a.lefevre@etoile.example")]


def test_a_latin1_file_with_one_accented_row_keeps_that_row(tmp_path):
    # The encoding is decided for the whole file, not row by row.
    text = ("First Name,Last Name,Email\nAda,Brink,ada@brink.example\n"
            "Renée,Möller,renee@moeller.example\nBo,Vink,bo@vink.example\n")
    rows = rows_of(tmp_path, text.encode("latin-1"))
    assert [r.query.name for r in rows] == ["Ada Brink", "Renée Möller", "Bo Vink"]


def test_no_recognisable_header_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError):
        rows_of(tmp_path, "foo,bar\n1,2\n")


def test_file_names_are_safe_and_unique():
    evil = file_stem(ContactQuery(name="../../etc/passwd", company="..\\x"))
    assert "/" not in evil and "\\" not in evil and not evil.startswith(".")
    a = file_stem(ContactQuery(name="Jonas Berg", company="Acme"))
    b = file_stem(ContactQuery(name="Jonas Berg", company="Globex"))
    c = file_stem(ContactQuery(name="Jonas Berg", email="jonas@other.example"))
    assert len({a, b, c}) == 3 and a.startswith("jonas-berg-acme-")
    # Namesakes at one company are told apart by the profiles their rows name.
    jonas = ContactQuery(name="Jonas Berg", company="Acme")
    by_profile = {file_stem(replace(jonas, handles=(("github", h),))) for h in ("jberg", "jb2")}
    by_url = {file_stem(replace(jonas, urls=(f"https://www.linkedin.com/in/{h}",)))
              for h in ("jonas-berg-a1", "jonas-berg-b2")}
    assert len(by_profile) == 2 and len(by_url) == 2 and not by_profile & by_url
    same = replace(jonas, handles=(("github", "JBerg/"),))
    assert file_stem(same) == file_stem(replace(jonas, handles=(("github", "jberg"),)))
    # ContactQuery.key() (the cache's, and `cache forget --name --company`'s) is left as it was.
    assert replace(jonas, handles=(("github", "jberg"),)).key() == jonas.key()
    assert len(file_stem(ContactQuery(name="x" * 500))) < 80


def test_a_linkedin_pdf_column_is_a_path_relative_to_the_list(tmp_path):
    rows = rows_of(tmp_path, "Name,LinkedIn PDF\nAda Vermeer,pdfs/ada.pdf\n"
                             f",{tmp_path / 'elsewhere' / 'Profile.pdf'}\nBo Lind,\n")
    assert rows[0].query.files == (("linkedin_pdf", str(tmp_path / "pdfs" / "ada.pdf")),)
    # A PDF alone is enough to brief (it names the contact); an absolute path stays as given.
    assert rows[1].query.files == (("linkedin_pdf", str(tmp_path / "elsewhere" / "Profile.pdf")),)
    assert rows[2].query.files == ()
    # A link pasted into the column is a profile URL, routed like one, not a file to open.
    link = rows_of(tmp_path, "Name,LinkedIn PDF\nAda Vermeer,https://www.linkedin.com/in/adav\n")
    assert (link[0].query.files, link[0].query.urls) == ((), ("https://www.linkedin.com/in/adav",))
    jsonl = rows_of(tmp_path, '{"name": "Ada Vermeer", "linkedin_pdf": "ada.pdf"}\n',
                    name="c.jsonl")
    assert jsonl[0].query.files == (("linkedin_pdf", str(tmp_path / "ada.pdf")),)
