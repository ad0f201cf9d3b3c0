"""CLI commands for the signal classifier: eval-classifier and classify."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from prebrief.cli.options import CacheDir
from prebrief.errors import UsageError


def _build_in(cache_dir: Path | None) -> None:
    """Keep the classifier's build (prebrief.classify.compiled) in --cache-dir, as brief does."""
    if cache_dir is not None:
        from prebrief.config import choose_cache_dir

        choose_cache_dir(cache_dir)


def eval_classifier(
    files: Annotated[list[Path], typer.Argument(
        help="Labelled JSONL: text, label, sensitive. Several files are measured together.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print metrics as JSON.")] = False,
    cache_dir: CacheDir = None,
) -> None:
    """Measure the classifier on labelled JSONL files (pooled).

    Example: prebrief eval-classifier tests/data/classifier/heldout.jsonl --json
    """
    from prebrief.classify.evaluate import evaluate, format_report, read_examples

    _build_in(cache_dir)

    examples = []
    for file in files:
        if not file.is_file():
            raise UsageError(f"{file}: no such file", hint="Pass JSONL files of labelled lines.")
        try:
            examples += read_examples(file)
        except (ValueError, UnicodeDecodeError) as exc:
            raise UsageError(f"{file}: {exc}", hint='Each line: {"text": ..., "label": '
                             '"professional"|"personal", "sensitive": null|"health"|...}') from exc
    if not examples:
        raise UsageError(f"{', '.join(map(str, files))}: no labelled lines",
                         hint="The file is empty." if len(files) == 1 else "The files are empty.")
    metrics = evaluate(examples)
    typer.echo(json.dumps(metrics, indent=2) if as_json else format_report(metrics))


def classify(
    texts: Annotated[list[str], typer.Argument(help="Texts to classify.")],
    source: Annotated[str | None, typer.Option(help="Source prior, e.g. linkedin.")] = None,
    kind: Annotated[str | None, typer.Option(help="Fact kind prior, e.g. headline.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print decisions as JSON.")] = False,
    writer: Annotated[str | None, typer.Option(
        help="The writer's gender (male or female), as a briefing reads it from the contact's "
             "pronouns or given name: it decides what partner words reveal.")] = None,
    cache_dir: CacheDir = None,
) -> None:
    """Show the classifier's decision and reason for each text.

    Example: prebrief classify "Proud dad, CTO at Acme, opinions my own" --source linkedin
    """
    from prebrief.classify import classify_parts
    from prebrief.classify.writer import Writer

    if writer is not None and writer.lower() not in ("male", "female"):
        raise UsageError(f"--writer {writer}: unknown",
                         hint="Pass --writer male or --writer female.")
    _build_in(cache_dir)
    who = Writer(writer.lower(), "stated gender") if writer else None  # type: ignore[arg-type]
    results = []
    for text in texts:
        parts = classify_parts(text, kind=kind, source=source, writer=who)
        results.append({"text": text, "parts": [{"text": p, **asdict(c)} for p, c in parts]})
    if as_json:
        typer.echo(json.dumps(results, indent=2, ensure_ascii=False))
        return
    for item in results:
        typer.echo(item["text"])
        for part in item["parts"]:
            label = part["sphere"] + (f" / SENSITIVE: {part['sensitive_category']}"
                                      if part["sensitive_category"] else "")
            prefix = f"  [{part['text']}] " if len(item["parts"]) > 1 else "  "
            typer.echo(f"{prefix}{label}; topic {part['topic']}; "
                       f"confidence {part['confidence']:.2f}\n    because {part['reason']}")


def register(app: typer.Typer) -> None:
    """Register both classifier commands on app."""
    app.command("eval-classifier")(eval_classifier)
    app.command("classify")(classify)
