"""``kg validate``: SHACL validation of disclosures or of a store, as text, JSON, Turtle or HTML."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli.common import FAILED, boundary, make_parent, writing
from kg.cli.options import INPUT, OUTPUT, STORE, EncodingOpt, SampleOpt, SilentOpt
from kg.progress import progress
from kg.resources import sample_path

VIOLATIONS = 1


class Engine(str, Enum):
    oxigraph = "oxigraph"
    pyshacl = "pyshacl"


class Format(str, Enum):
    text = "text"
    json = "json"
    ttl = "ttl"
    html = "html"


def validate(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="PATH",
            help="Disclosure files to read and validate (nothing is written to a store). "
            "A bad file is reported and the others still validated.",
            show_default=False,
            rich_help_panel=INPUT,
        ),
    ] = None,
    store: Annotated[
        Optional[Path],
        typer.Option(
            "--store", "-s", help="Validate every document graph of this store, plus the cross-document checks.",
            file_okay=False, exists=True, rich_help_panel=STORE, show_default=False,
        ),
    ] = None,
    sample: SampleOpt = False,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="text (each likely misprint with the findings it explains, then the rest by document and table), "
        "json, ttl (W3C SHACL report) or html.", rich_help_panel=OUTPUT)
    ] = Format.text,
    out: Annotated[
        Optional[Path],
        typer.Option("--out", "-o", help="File to write the report to (default: stdout).", dir_okay=False, rich_help_panel=OUTPUT),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings too (unknown codes, names that differ from the code list).")
    ] = False,
    jobs: Annotated[
        Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core).")
    ] = None,
    engine: Annotated[
        Engine, typer.Option("--engine", "-e", help="oxigraph (the shapes' SPARQL run by Oxigraph, fast) or pyshacl "
                             "(the reference SHACL engine); both report the same findings.")
    ] = Engine.oxigraph,
    encoding: EncodingOpt = "utf-8",
    silent: SilentOpt = False,
) -> None:
    """Check disclosures for internal consistency with the SHACL shapes of ontology/shapes/.

    Every finding names the shape (e.g. BK-SUM-PARENT), the document, unit, table, page, row
    and the amounts involved, in Chinese and English. Findings that one misprinted cell
    explains are listed under it, with the amount that would satisfy them. Exit 0 when there are no violations,
    1 when there are (or warnings with --strict), 3 when a document or the store failed.
    A document that cannot be read is named on stderr and in the report as failed; the
    others are still validated and reported.

    [bold]Examples[/bold]

    kg validate --sample

    kg validate julu-hrss-2023-unit-budget.txt --format json --out report.json

    [dim]# everything built so far, with the checks across documents[/dim]
    kg validate --store kg-store --format html --out report.html

    [dim]# the same checks by the reference SHACL engine[/dim]
    kg validate --sample --engine pyshacl
    """
    from kg.validate import validate_paths, validate_store  # imported when the command runs (see kg.cli)
    from kg.validate.render import RENDERERS

    documents = list(paths or [])
    if sample:
        documents.append(sample_path())
    if not documents and store is None:
        raise typer.BadParameter("give disclosure PATHs, --sample or --store DIR", param_hint="PATH")
    if documents and store is not None:
        raise typer.BadParameter("give either PATHs or --store, not both", param_hint="--store")
    if out is not None:
        with boundary():
            make_parent(out)
    bar = progress(documents or [store], "Validating", silent=silent)
    counter = iter(bar)
    tick = lambda _name: next(counter, None)  # noqa: E731
    with boundary():
        if store is not None:
            report = validate_store(store, jobs=jobs, tick=tick, engine=engine.value)
        else:
            report = validate_paths(documents, encoding=encoding, jobs=jobs, tick=tick, engine=engine.value)
    stats = report.stats
    bar.finish(f"{stats['documents']} documents, {stats['violations']} violations, {stats['warnings']} warnings")
    text = RENDERERS[fmt.value](report)
    if out is None:
        typer.echo(text, nl=False)
    else:
        with boundary(), writing(out):
            out.write_text(text, encoding="utf-8")
    for task in report.errors:
        typer.echo(f"Error: {task.error}", err=True)
    if report.errors:
        raise typer.Exit(FAILED)
    if stats["violations"] or (strict and stats["warnings"]):
        raise typer.Exit(VIOLATIONS)
