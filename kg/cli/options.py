"""Options shared by several commands, declared once as ``Annotated`` aliases.

Commands use these aliases instead of repeating ``typer.Option(...)``, so a flag is
spelled, documented and grouped the same way everywhere. Panels group ``--help``:
Input, Output, Store.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Annotated, Optional

import typer

from kg.rdf.iris import DEFAULT_BASE_IRI
from kg.store import DEFAULT_STORE

INPUT = "Input"
OUTPUT = "Output"
STORE = "Store"

#: Shown under every command's ``--help``.
EXIT_CODES = (
    "Exit codes: 0 clean · 1 violations found · 2 usage error · "
    "3 a document, the store, an output or a server failed "
    "(the highest applies; a batch finishes the other documents first)."
)


StoreOpt = Annotated[
    Path,
    typer.Option(
        "--store",
        "-s",
        help="Directory of the embedded Oxigraph store.",
        envvar="KG_STORE",
        file_okay=False,
        rich_help_panel=STORE,
    ),
]
BaseIriOpt = Annotated[
    str,
    typer.Option(
        "--base-iri",
        help="Base of every IRI minted (units, lines, graphs); keep it stable between builds.",
        envvar="KG_BASE_IRI",
        rich_help_panel=OUTPUT,
    ),
]


def http_url(value: str | None) -> str | None:
    """Option callback: a malformed server URL is a usage error, before anything is read or sent."""
    if value is None:
        return None
    from kg.store.endpoint import check_url  # SPARQLWrapper and urllib.request, only once a URL is given

    try:
        return check_url(value)
    except ValueError as problem:
        raise typer.BadParameter(str(problem)) from None


EndpointOpt = Annotated[
    Optional[str],
    typer.Option(
        "--endpoint",
        help="URL of a SPARQL 1.1 query endpoint to use instead of the embedded store, "
        "e.g. http://127.0.0.1:7878/query (Oxigraph) or http://127.0.0.1:8890/sparql (Virtuoso).",
        envvar="KG_ENDPOINT",
        callback=http_url,
        rich_help_panel=STORE,
    ),
]
GraphStoreOpt = Annotated[
    Optional[str],
    typer.Option(
        "--graph-store",
        help="URL of the server's Graph Store HTTP Protocol service: each graph is sent as one PUT "
        "(Oxigraph: http://HOST:7878/store; Virtuoso: http://HOST:8890/sparql-graph-crud).",
        callback=http_url,
        rich_help_panel=STORE,
    ),
]
UpdateOpt = Annotated[
    Optional[str],
    typer.Option(
        "--update",
        help="URL for SPARQL Update when it differs from --endpoint (Oxigraph: http://HOST:7878/update).",
        callback=http_url,
        rich_help_panel=STORE,
    ),
]
UserOpt = Annotated[
    Optional[str],
    typer.Option("--user", help="User name for the SPARQL server (basic or digest auth).", envvar="KG_USER", rich_help_panel=STORE),
]
PasswordOpt = Annotated[
    Optional[str],
    typer.Option("--password", help="Password for --user.", envvar="KG_PASSWORD", rich_help_panel=STORE),
]


def _known_encoding(value: str) -> str:
    try:
        codecs.lookup(value)
    except LookupError:
        raise typer.BadParameter(f"unknown encoding {value!r}; try utf-8, gbk or gb18030") from None
    return value


EncodingOpt = Annotated[
    str,
    typer.Option(
        "--encoding",
        "-e",
        help="Text encoding of the input files, e.g. gbk or gb18030 for files saved on Chinese Windows.",
        callback=_known_encoding,
        rich_help_panel=INPUT,
    ),
]
SampleOpt = Annotated[
    bool,
    typer.Option(
        "--sample",
        help="Also build the bundled sample (巨鹿县人力资源和社会保障局 2023).",
        rich_help_panel=INPUT,
    ),
]
JsonOpt = Annotated[
    bool,
    typer.Option("--json", help="Print the result as JSON instead of a table.", rich_help_panel=OUTPUT),
]
SilentOpt = Annotated[
    bool,
    typer.Option("--silent", help="Show no progress on stderr.", rich_help_panel=OUTPUT),
]
JobsOpt = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Worker processes (default: one per core).", show_default=False),
]
OutFileOpt = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        help="File to write; '-' writes to stdout.",
        dir_okay=False,
        rich_help_panel=OUTPUT,
    ),
]
OutDirOpt = Annotated[
    Path,
    typer.Option(
        "--out",
        "-o",
        help="Directory to write the files into (created if missing).",
        file_okay=False,
        rich_help_panel=OUTPUT,
    ),
]

__all__ = [
    "DEFAULT_BASE_IRI",
    "DEFAULT_STORE",
    "EXIT_CODES",
    "BaseIriOpt",
    "EncodingOpt",
    "EndpointOpt",
    "JobsOpt",
    "JsonOpt",
    "OutDirOpt",
    "GraphStoreOpt",
    "UpdateOpt",
    "OutFileOpt",
    "PasswordOpt",
    "SampleOpt",
    "SilentOpt",
    "StoreOpt",
    "UserOpt",
    "http_url",
]
