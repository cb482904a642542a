"""``kg query``: run a SPARQL query file over the store."""

from __future__ import annotations

import csv as csv_module
import io
from enum import Enum
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer

from kg import store as kg_store
from kg.cli.common import boundary, render_table
from kg.cli.options import DEFAULT_STORE, INPUT, OUTPUT, StoreOpt


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def query(
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE.rq",
            help="A SPARQL 1.1 query file (SELECT, ASK, CONSTRUCT or DESCRIBE).",
            exists=True,
            dir_okay=False,
            readable=True,
            rich_help_panel=INPUT,
        ),
    ],
    store: StoreOpt = DEFAULT_STORE,
    format: Annotated[  # noqa: A002
        Format,
        typer.Option(
            "--format",
            "-f",
            help="table: aligned text (CONSTRUCT: Turtle); csv: SPARQL CSV results; json: SPARQL JSON results (CONSTRUCT: JSON-LD).",
            rich_help_panel=OUTPUT,
        ),
    ] = Format.table,
) -> None:
    """Run a SPARQL query file over every graph in the store and print the results.

    The default graph is the union of all document graphs; use GRAPH ?g { … }
    to ask which document a statement came from.

    [bold]Examples[/bold]

    kg query queries/top-spenders.rq

    kg query my-question.rq --store kg-store --format csv > answer.csv
    """
    text = file.read_text(encoding="utf-8-sig")
    with boundary(), kg_store.open(store, read_only=True) as opened:
        try:
            output = _render(opened.query(text), format)
        except SyntaxError as problem:
            raise typer.BadParameter(f"{file}: {problem}", param_hint="FILE.rq") from None
    typer.echo(output, nl=False)


def _render(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples, format: Format) -> str:  # noqa: A002
    if isinstance(result, ox.QueryBoolean):
        if format is Format.json:
            return result.serialize(format=ox.QueryResultsFormat.JSON).decode() + "\n"
        return "true\n" if bool(result) else "false\n"
    if isinstance(result, ox.QuerySolutions):
        if format is Format.table:
            names = [v.value for v in result.variables]
            rows = [[_show(solution[v]) for v in names] for solution in result]
            return render_table(names, rows) + f"\n({len(rows)} rows)\n"
        kind = ox.QueryResultsFormat.CSV if format is Format.csv else ox.QueryResultsFormat.JSON
        text = result.serialize(format=kind).decode()
        return text if text.endswith("\n") else text + "\n"
    triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    if format is Format.csv:
        buffer = io.StringIO()
        writer = csv_module.writer(buffer, lineterminator="\n")
        writer.writerow(["subject", "predicate", "object"])
        writer.writerows([_show(t.subject), _show(t.predicate), _show(t.object)] for t in triples)
        return buffer.getvalue()
    kind = ox.RdfFormat.JSON_LD if format is Format.json else ox.RdfFormat.TURTLE
    return ox.serialize(triples, format=kind, prefixes=kg_store.prefixes()).decode()


def _show(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value
