"""E-mail addresses and phone numbers withheld from a text: never written in clear.

An e-mail address is ``local@host.tld`` that starts a word: a fediverse handle
(``@ilse@mastodon.example``) starts with '@' and a URL's ``/@ilse`` with '/', so neither is one.
A phone number is an international one (a leading '+' and at least 8 digits), or any number
of at least 6 digits after a label (``tel``, ``phone``, ``mobile``, ``Mobil`` ...) that is not
a date or a span of years.
"""

from __future__ import annotations

import re

EMAIL_WITHHELD = "[e-mail withheld]"
PHONE_WITHHELD = "[phone withheld]"

# Bounded as the RFC bounds them (64 for the local part, 63 a label), so a long text with an
# '@' in it is read in linear time. It starts a word: not inside "@user@host" or "/@user".
_EMAIL = re.compile(
    r"(?<![@/A-Za-z0-9_%+])(?:mailto:)?[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}\b",
    re.IGNORECASE)
_NUMBER = r"\(?\d[\d ()./-]*\d"
_INTERNATIONAL = re.compile(r"(?<![\w+])\+" + _NUMBER)
_LABELLED = re.compile(
    r"\b(?P<label>tel|tlf|phone|telephone|telefon|mobile|mobil|mob|cell|handy|gsm|whatsapp|fax)"
    r"\b\.?(?:\s*(?:no|nr|number)\b\.?)?\s*:?\s*(?P<number>\+?" + _NUMBER + ")",
    re.IGNORECASE)
_YEAR = r"(?:19|20)\d\d"
_NOT_A_PHONE = re.compile(  # a date or a span of years after "mobile", never a number to call
    rf"^(?:{_YEAR}(?:\s*[-/.]\s*(?:{_YEAR}|\d{{1,2}}(?:\s*[-/.]\s*\d{{1,2}})?))?"
    rf"|\d{{1,2}}[-/.]\d{{1,2}}[-/.]{_YEAR})$")


def withhold_contact_details(text: str) -> str:
    """text with every e-mail address and phone number replaced by a placeholder."""
    if "@" in text:
        text = _EMAIL.sub(EMAIL_WITHHELD, text)
    text = _LABELLED.sub(_labelled_number, text)
    return _INTERNATIONAL.sub(lambda m: _phone_or_keep(m.group(0), 8), text)


def _labelled_number(match: re.Match[str]) -> str:
    label = match.group(0)[:match.start("number") - match.start()]
    return label + _phone_or_keep(match.group("number"), 6)


def _phone_or_keep(number: str, min_digits: int) -> str:
    digits = sum(c.isdigit() for c in number)
    if digits < min_digits or _NOT_A_PHONE.match(number.lstrip("(")):
        return number
    return PHONE_WITHHELD
