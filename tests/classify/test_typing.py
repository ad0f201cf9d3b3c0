"""The classify package type-checks, which bench/bench_compiled.py needs: mypyc compiles the
annotated source as it is, and refuses a module with a type error."""

from __future__ import annotations

from pathlib import Path

from mypy import api

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "prebrief" / "classify"


def test_the_classify_package_type_checks() -> None:
    out, err, status = api.run(["--ignore-missing-imports", "--cache-dir=/dev/null",
                                str(PACKAGE)])
    assert status == 0, out + err
