"""``kg load``: push the embedded store's document graphs to a SPARQL server."""

from __future__ import annotations

from typing import Annotated

import typer

from kg.cli.common import boundary, render_table
from kg.cli.options import (
    DEFAULT_STORE,
    STORE,
    GraphStoreOpt,
    PasswordOpt,
    SilentOpt,
    StoreOpt,
    UpdateOpt,
    UserOpt,
    http_url,
)
from kg.store.endpoint import Endpoint
from kg.store.load import load as load_graphs


def load(
    endpoint: Annotated[
        str,
        typer.Option(
            "--endpoint",
            help="URL of the server's SPARQL endpoint; SPARQL Update requests go here unless --update or --graph-store is given.",
            envvar="KG_ENDPOINT",
            show_default=False,
            callback=http_url,
            rich_help_panel=STORE,
        ),
    ],
    graph_store: GraphStoreOpt = None,
    update: UpdateOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    store: StoreOpt = DEFAULT_STORE,
    silent: SilentOpt = False,
) -> None:
    """Push every document graph of the store to a SPARQL 1.1 server, replacing each one there.

    One request per document graph: a Graph Store PUT with --graph-store, else
    DROP + INSERT DATA through SPARQL Update. Loading again replaces each graph, so
    the server holds no duplicates and nothing stale. If the server is down or
    refuses, every graph is still tried, and the error lists which graphs were
    written and which were not (exit 3).

    [bold]Examples[/bold]

    kg load --endpoint http://127.0.0.1:7878/query --graph-store http://127.0.0.1:7878/store

    kg load --endpoint http://127.0.0.1:8890/sparql --graph-store http://127.0.0.1:8890/sparql-graph-crud-auth --user dba --password dba

    kg load --endpoint http://127.0.0.1:7878/query --update http://127.0.0.1:7878/update --store kg-store
    """
    target = Endpoint(endpoint, graph_store=graph_store, update=update, user=user, password=password)
    where = graph_store or update or endpoint
    with boundary():
        report = load_graphs(store, target, name=where, silent=silent)
    rows = [[graph, triples] for graph, triples in report.written.items()]
    typer.echo(render_table(["graph", "triples"], rows, numeric={1}))
    typer.echo(f"({len(rows)} graphs written to {where} in {report.seconds:.2f} s)")
