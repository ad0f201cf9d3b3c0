"""Any bytes handed to a file source end in a result or a typed error, never anything else."""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prebrief.errors import PrebriefError
from prebrief.models import ContactQuery, Harvest, Identity
from prebrief.sources.base import SourceContext
from prebrief.sources.registry import all_sources

FILE_SOURCES = [cls for cls in all_sources().values() if cls.file_option]

# Bytes that look a little like what these files hold, so the parsers get past their first checks.
SHAPES = st.one_of(
    st.binary(max_size=2048),
    st.text(max_size=2048).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.builds(lambda body: f"<html><head><title>x</title></head><body>{body}</body></html>"
              .encode("utf-8", "surrogatepass"), st.text(max_size=1024)),
    st.builds(lambda body: b"%PDF-1.4\n" + body, st.binary(max_size=1024)),
    st.builds(lambda body: ("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                            + body).encode("utf-8", "surrogatepass"), st.text(max_size=512)),
)


class NoNetwork:
    async def get(self, *args, **kwargs):  # pragma: no cover - file sources never fetch
        raise AssertionError("a file source tried the network")

    get_json = get_page = get


def run_collect(cls, path: str):  # noqa: ANN001, ANN202
    ctx = SourceContext(fetcher=NoNetwork(), query=ContactQuery(name="Ada Vermeer"), env={})
    return asyncio.run(cls().collect(Identity(cls.name, file=path), ctx))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=SHAPES)
def test_file_sources_survive_any_bytes(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input"
        path.write_bytes(data)
        for cls in FILE_SOURCES:
            try:
                result = run_collect(cls, str(path))
            except PrebriefError as exc:
                assert exc.message
            else:
                assert isinstance(result, Harvest)
