"""``kg export``: the store as CSV tables or as sorted RDF dumps."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli.common import boundary, reflowed, render_table, writing
from kg.cli.options import DEFAULT_STORE, EXIT_CODES, OutDirOpt, OutFileOpt, StoreOpt

app = typer.Typer(
    help="Write the store out: CSV tables for spreadsheets, or sorted RDF dumps for other stores.",
    no_args_is_help=True,
    epilog=EXIT_CODES,
)


@app.command("csv", epilog=EXIT_CODES)
@reflowed
def csv(out: OutDirOpt, store: StoreOpt = DEFAULT_STORE) -> None:
    """Write one CSV file per kind of record (units, lines, …) into a directory.

    Amounts are as printed, with the table's unit in a currency column (万元 or 元) and
    again in 元 (*_yuan, yuan), so sums across documents are right. A datapackage.json
    (Frictionless Data Package) gives each file's column types, units and keys.
    Prints each file written with its number of rows.

    [bold]Examples[/bold]

    kg export csv --store kg-store --out csv/
    """
    from kg import store as kg_store  # imported when the command runs (see kg.cli)
    from kg.export import DATAPACKAGE, export_csv

    with boundary(), writing(out), kg_store.open(store, read_only=True) as opened:
        counts = export_csv(opened.inner, out)
    rows = [[str(out / name), rows] for name, rows in sorted(counts.items())]
    typer.echo(render_table(["file", "rows"], rows, numeric={1}))
    typer.echo(f"({len(counts)} files described in {out / DATAPACKAGE})")


def _dump(format: str, store: Path, out: Path) -> None:  # noqa: A002
    from kg import store as kg_store  # imported when the command runs (see kg.cli)

    with boundary(), kg_store.open(store, read_only=True) as opened:
        count = opened.dump(format, out)
    if str(out) != "-":
        typer.echo(f"{count} statements written to {out}", err=True)


@app.command("nquads", epilog=EXIT_CODES)
@reflowed
def nquads(out: OutFileOpt = Path("-"), store: StoreOpt = DEFAULT_STORE) -> None:
    """Write every named graph as N-Quads, lines sorted: equal graphs give identical files.

    The dump to hand to the bulk loaders of big stores (oxigraph load, Virtuoso).

    [bold]Examples[/bold]

    kg export nquads --store kg-store --out budget.nq

    kg export nquads | grep 2080101
    """
    _dump("nquads", store, out)


@app.command("trig", epilog=EXIT_CODES)
@reflowed
def trig(out: OutFileOpt = Path("-"), store: StoreOpt = DEFAULT_STORE) -> None:
    """Write every named graph as TriG, graphs and triples sorted, with prefixes.

    [bold]Examples[/bold]

    kg export trig --store kg-store --out budget.trig
    """
    _dump("trig", store, out)


@app.command("turtle", epilog=EXIT_CODES)
@reflowed
def turtle(out: OutFileOpt = Path("-"), store: StoreOpt = DEFAULT_STORE) -> None:
    """Write the union of all graphs as Turtle, sorted (document graphs are merged).

    [bold]Examples[/bold]

    kg export turtle --store kg-store --out budget.ttl
    """
    _dump("turtle", store, out)
