"""``kg publish`` and ``kg serve``: the store as a static linked-data site, and browsing it locally."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.cli.common import boundary, render_table, writing
from kg.cli.options import (
    DEFAULT_BASE_IRI,
    DEFAULT_STORE,
    OUTPUT,
    STORE,
    BaseIriOpt,
    GraphStoreOpt,
    PasswordOpt,
    SilentOpt,
    StoreOpt,
    UpdateOpt,
    UserOpt,
    http_url,
)

QueryEndpointOpt = Annotated[
    Optional[str],
    typer.Option(
        "--query-endpoint",
        help="URL of a public SPARQL endpoint holding this data, advertised in void.ttl and on the query page.",
        rich_help_panel=OUTPUT,
    ),
]


def publish(
    out: Annotated[
        Optional[Path],
        typer.Option("--out", "-o", help="Directory to write the site into (created if missing).", file_okay=False,
                     rich_help_panel=OUTPUT),
    ] = None,
    store: StoreOpt = DEFAULT_STORE,
    base_iri: BaseIriOpt = DEFAULT_BASE_IRI,
    query_endpoint: QueryEndpointOpt = None,
    endpoint: Annotated[
        Optional[str],
        typer.Option("--endpoint", help="Also (or only) publish to this SPARQL server: its query URL.",
                     envvar="KG_ENDPOINT", callback=http_url, rich_help_panel=STORE),
    ] = None,
    graph_store: GraphStoreOpt = None,
    update: UpdateOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Processes writing the pages (default: one per core).",
                     rich_help_panel=OUTPUT),
    ] = None,
    silent: SilentOpt = False,
) -> None:
    """Write the store as a static linked-data site that any web server can host, and/or push it to a SPARQL server.

    [bold]--out[/bold]: one page per resource IRI (units, documents, tables, lines, projects, indicators, legal documents, code-list concepts, ontology terms) at the IRI's path, with Turtle and JSON-LD twins, written by --jobs processes. A line's cells are sections of its page (…/line/…/2080101/#total); their IRIs redirect there. Charts are SVG, with their numbers as tables. Dumps are sorted (TriG, N-Quads, Turtle, JSON-LD; gzip when large); void.ttl describes the dataset (VoID/DCAT); server/nginx.conf does content negotiation. An --out folder written by an earlier kg publish is replaced; any other non-empty folder is refused.

    [bold]--endpoint[/bold]: every document graph is replaced on the server (one Graph Store PUT with --graph-store, else SPARQL Update), plus the VoID/DCAT graph {base}graph/dataset. That graph records a digest of each graph, so publishing again sends only the graphs that changed. The table says per graph what was written or left unchanged; graphs not written are listed and the exit code is 3.

    Give the --base-iri the store was built with.

    [bold]Examples[/bold]

    kg publish --store kg-store --out site/

    kg publish --store kg-store --out site/ --jobs 4

    kg publish --out site/ --base-iri https://data.example.org/budget/ --query-endpoint https://data.example.org/sparql

    kg publish --endpoint http://127.0.0.1:7878/query --graph-store http://127.0.0.1:7878/store
    """
    from kg.publish import publish as publish_site  # imported when the command runs (see kg.cli)
    from kg.publish.remote import publish_to_endpoint
    from kg.store.endpoint import Endpoint

    if out is None and endpoint is None:
        raise typer.BadParameter("give --out SITE/ to write a site, --endpoint URL to publish to a server, or both",
                                 param_hint="'--out' / '--endpoint'")
    with boundary():
        if out is not None:
            with writing(out):
                result = publish_site(store, out, base_iri, endpoint=query_endpoint, silent=silent, jobs=jobs)
            typer.echo(
                f"{result.pages} pages, {result.files} files, {result.bytes} bytes written to {result.out} "
                f"({result.triples} triples in {result.graphs} graphs) in {result.seconds:.1f} s"
            )
        if endpoint is not None:
            where = graph_store or update or endpoint
            target = Endpoint(endpoint, graph_store=graph_store, update=update, user=user, password=password)
            report = publish_to_endpoint(store, target, base_iri, name=where,
                                         query_endpoint=query_endpoint or endpoint, silent=silent)
            rows = [[g, "written", n] for g, n in report.written.items()]
            rows += [[g, "unchanged", n] for g, n in report.unchanged.items()]
            typer.echo(render_table(["graph", "status", "triples"], sorted(rows), numeric={2}))
            typer.echo(f"({len(report.written)} graphs written, {len(report.unchanged)} unchanged, "
                       f"to {where} in {report.seconds:.2f} s)")


def serve(
    store: StoreOpt = DEFAULT_STORE,
    port: Annotated[int, typer.Option("--port", "-p", help="Port of the site on 127.0.0.1.")] = 8000,
    sparql_port: Annotated[
        int, typer.Option("--sparql-port", help="Port of the SPARQL endpoint on 127.0.0.1 (0: a free one).")
    ] = 0,
    base_iri: BaseIriOpt = DEFAULT_BASE_IRI,
) -> None:
    """Browse the store locally: the published site and a SPARQL endpoint on 127.0.0.1.

    Publishes the store into a temporary folder, starts the Oxigraph server (oxigraph package) on the store, and serves the site with content negotiation: Accept text/turtle or application/ld+json gets a resource's twin.

    The endpoint is read-only: SPARQL Update and Graph Store writes are refused (403), so no web page can change the store through it. It does not lock the store: a kg build meanwhile is allowed, but the site and the endpoint show the store as it was at the start; restart kg serve to see it.

    The site's query page links to the endpoint. Stop with Ctrl-C, SIGTERM or SIGHUP: both servers stop and the temporary folder is removed. If kg serve is killed, the Oxigraph server stops with it (Linux) and the next kg serve removes the folder left behind.

    [bold]Examples[/bold]

    kg serve --store kg-store

    kg serve --port 8080

    [dim]# then, from another terminal: the unit as Turtle[/dim]
    curl -L -H 'Accept: text/turtle' http://127.0.0.1:8080/id/unit/323001
    """
    from kg.publish import publish as publish_site  # imported when the command runs (see kg.cli)
    from kg.publish.serve import (
        endpoint_url,
        free_port,
        serve_site,
        site_folder,
        sparql_endpoint,
        stopped_by_signals,
        wait_for_stop,
    )

    # Signals first: one that comes while publishing must still remove the folder.
    with stopped_by_signals(), boundary(), site_folder() as folder:
        sparql_port = sparql_port or free_port()
        site = folder / "site"
        publish_site(store, site, base_iri, endpoint=endpoint_url(sparql_port), silent=True)
        with sparql_endpoint(store, sparql_port) as endpoint, serve_site(site, port, verbose=True, base_iri=base_iri) as url:
            typer.echo(f"site: {url}   SPARQL endpoint: {endpoint}   (Ctrl-C stops)")
            wait_for_stop()
    with contextlib.suppress(OSError):  # after SIGHUP the terminal may be gone
        typer.echo("stopped", err=True)
