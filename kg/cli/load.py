"""``kg load``: push the embedded store's document graphs to a SPARQL server."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import boundary, render_table
from kg.cli.options import (
    DEFAULT_STORE,
    INPUT,
    STORE,
    GraphStoreOpt,
    PasswordOpt,
    SilentOpt,
    StoreOpt,
    UpdateOpt,
    UserOpt,
    http_url,
)


def load(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILE.nq",
            help="N-Quads files (a folder: every .nq file in it; or a quoted glob), such as `kg build --nquads-dir` "
            "writes, to load instead of the store's graphs: into --endpoint if given, else into --store.",
            show_default=False,
            rich_help_panel=INPUT,
        ),
    ] = None,
    endpoint: Annotated[
        str | None,
        typer.Option(
            "--endpoint",
            help="URL of the server's SPARQL endpoint; SPARQL Update requests go here unless --update or --graph-store is given.",
            envvar="KG_ENDPOINT",
            show_default=False,
            callback=http_url,
            rich_help_panel=STORE,
        ),
    ] = None,
    graph_store: GraphStoreOpt = None,
    update: UpdateOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    store: StoreOpt = DEFAULT_STORE,
    bulk: Annotated[
        bool,
        typer.Option(
            "--bulk",
            help="Load the N-Quads FILEs into a --store that holds no graph yet with Oxigraph's bulk loader, "
            "outside transactions: about 2.7 times faster. Stopped midway, it leaves a store to delete and load again.",
            rich_help_panel=STORE,
        ),
    ] = False,
    silent: SilentOpt = False,
) -> None:
    """Push every document graph of the store to a SPARQL 1.1 server, replacing each one there.

    One request per document graph: a Graph Store PUT with --graph-store, else
    DROP + INSERT DATA through SPARQL Update. Loading again replaces each graph, so
    the server holds no duplicates and nothing stale. If the server is down or
    refuses, every graph is still tried, and the error lists which graphs were
    written and which were not (exit 3).

    Given N-Quads FILEs (the shards of `kg build --nquads-dir`), it loads their
    graphs instead: into the server, or without --endpoint into the embedded
    --store, each graph replaced whole in one transaction (or, with --bulk, all of
    them into a new store at once).

    [bold]Examples[/bold]

    kg load --endpoint http://127.0.0.1:7878/query --graph-store http://127.0.0.1:7878/store

    kg load --endpoint http://127.0.0.1:8890/sparql --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --password dba

    kg load --endpoint http://127.0.0.1:7878/query --update http://127.0.0.1:7878/update --store kg-store

    [dim]# the N-Quads shards of several `kg build --nquads-dir` runs, into one store[/dim]
    kg load nquads/ --store kg-store

    [dim]# the same into a new store, with the bulk loader[/dim]
    kg load nquads/ --store new-store --bulk
    """
    from kg.build import input_paths  # imported when the command runs (see kg.cli)
    from kg.store.backend import Embedded
    from kg.store.endpoint import Endpoint
    from kg.store.load import load as load_graphs
    from kg.store.load import load_files

    try:
        shards = input_paths(files or [], suffixes=(".nq",))
    except ValueError as problem:
        raise typer.BadParameter(str(problem), param_hint="FILE.nq") from None
    if endpoint is None and not shards:
        raise typer.BadParameter("give the server's --endpoint, or N-Quads FILEs to load into --store",
                                 param_hint="--endpoint")
    if bulk and (endpoint is not None or not shards):
        raise typer.BadParameter("a bulk load reads N-Quads FILEs into the embedded --store; "
                                 "give FILEs and no --endpoint", param_hint="--bulk")
    with boundary():
        if endpoint is None:
            where = str(store)
            with Embedded(store, read_only=False) as target:
                report = load_files(shards, target, name=where, silent=silent, bulk=bulk)
        else:
            target = Endpoint(endpoint, graph_store=graph_store, update=update, user=user, password=password)
            where = graph_store or update or endpoint
            if shards:
                report = load_files(shards, target, name=where, silent=silent)
            else:
                report = load_graphs(store, target, name=where, silent=silent)
    rows = [[graph, triples] for graph, triples in report.written.items()]
    typer.echo(render_table(["graph", "triples"], rows, numeric={1}))
    typer.echo(f"({len(rows)} graphs written to {where} in {report.seconds:.2f} s)")
