"""URL normalisation shared by the cache key and replay matching."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that carry credentials; never stored, recorded or used as keys.
SECRET_PARAMS = frozenset({"access_token", "api_key", "apikey", "key", "token", "client_secret"})


def canonical_url(url: str) -> str:
    """Scheme and host lower-cased, query sorted, credentials and fragment dropped."""
    parts = urlsplit(str(url))
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if k.lower() not in SECRET_PARAMS)
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       urlencode(query), ""))


def without_query(url: str) -> str:
    parts = urlsplit(str(url))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", "", ""))
