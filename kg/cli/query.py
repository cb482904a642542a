"""``kg query``: run a canned query by name, or any SPARQL file, on the store or a SPARQL endpoint."""

from __future__ import annotations

import csv as csv_module
import io
import json
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import pyoxigraph as ox
import typer

from kg.cli.common import boundary, render_table
from kg.cli.options import DEFAULT_STORE, INPUT, OUTPUT, EndpointOpt, PasswordOpt, StoreOpt, UserOpt

if TYPE_CHECKING:
    from kg.queries import CannedQuery
    from kg.store.backend import Result, Term


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    md = "md"


def query(
    name: Annotated[
        Optional[str],
        typer.Argument(
            metavar="NAME|FILE.rq",
            help="A canned query's name (see --list), or a SPARQL 1.1 query file (SELECT, ASK, CONSTRUCT or DESCRIBE).",
            show_default=False,
            rich_help_panel=INPUT,
        ),
    ] = None,
    params: Annotated[
        Optional[list[str]],
        typer.Option(
            "--param",
            "-p",
            metavar="KEY=VALUE",
            help="A parameter of the query, e.g. --param code=2080101 (repeat for several).",
            rich_help_panel=INPUT,
        ),
    ] = None,
    list_queries: Annotated[
        bool, typer.Option("--list", help="List the canned queries with their titles and parameters.", rich_help_panel=INPUT)
    ] = False,
    store: StoreOpt = DEFAULT_STORE,
    endpoint: EndpointOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    format: Annotated[  # noqa: A002
        Format,
        typer.Option(
            "--format",
            "-f",
            help="table: aligned text (CONSTRUCT: Turtle); csv: SPARQL CSV results; "
            "json: SPARQL JSON results (CONSTRUCT: JSON-LD); md: a Markdown table.",
            rich_help_panel=OUTPUT,
        ),
    ] = Format.table,
) -> None:
    """Run a canned query by name, or a SPARQL query file, and print the results.

    The canned queries live in queries/*.rq; each file's header gives its title,
    parameters (with types and defaults) and an example. Parameters are bound as
    typed RDF terms, so a value can never change the query's shape. The query runs
    on the embedded store, or on any SPARQL 1.1 endpoint with --endpoint: the same
    question gets the same rows either way.

    [bold]Examples[/bold]

    kg query --list

    kg query expenditure-by-unit

    kg query function-spending --param code=208 --format md

    kg query indicators-citing-legal -p document=冀财规【2018】21号

    kg query top-function-lines -p n=5 --endpoint http://127.0.0.1:7878/query

    kg query my-question.rq --store kg-store --format csv > answer.csv
    """
    from kg.queries import ParameterError  # imported when the command runs (see kg.cli)
    from kg.store.backend import open_backend

    if list_queries:
        typer.echo(_listing())
        return
    if name is None:
        raise typer.BadParameter("give a query name or a .rq file (kg query --list shows the names)", param_hint="NAME|FILE.rq")
    canned = _resolve(name)
    try:
        values = _parse_params(params or [])
        text = _bound(canned, values)
    except ParameterError as problem:
        raise typer.BadParameter(str(problem), param_hint="--param") from None
    with boundary():
        backend = open_backend(store, endpoint, user=user, password=password)
        try:
            result = backend.query(text)
        except SyntaxError as problem:
            raise typer.BadParameter(f"{name}: {problem}", param_hint="NAME|FILE.rq") from None
        finally:
            backend.close()
    typer.echo(render(result, format), nl=False)


def _resolve(name: str) -> CannedQuery:
    """A canned query by name, or a file (with or without a header)."""
    from kg.queries import CannedQuery, catalogue, load_query

    path = Path(name)
    if name.endswith(".rq") or path.exists() or "/" in name:
        if not path.is_file():
            raise typer.BadParameter(f"no query file {name}", param_hint="NAME|FILE.rq")
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError as problem:
            line = path.read_bytes()[: problem.start].count(b"\n") + 1
            raise typer.BadParameter(
                f"{name}: not UTF-8 text (first bad byte on line {line}); save the query as UTF-8",
                param_hint="NAME|FILE.rq",
            ) from None
        except OSError as problem:
            raise typer.BadParameter(f"{name}: cannot be read ({problem.strerror})",
                                     param_hint="NAME|FILE.rq") from None
        try:
            return load_query(path)
        except ValueError:  # a plain SPARQL file without a header: it takes no parameters
            return CannedQuery(path.stem, path, "", path.stem, "", (), "", (), text)
    known = catalogue()
    if name not in known:
        raise typer.BadParameter(
            f"no canned query {name!r}; kg query --list shows the {len(known)} names", param_hint="NAME|FILE.rq"
        )
    return known[name]


def _bound(canned: CannedQuery, values: dict[str, str]) -> str:
    from kg.queries import ParameterError, bind

    try:
        return bind(canned, values)
    except ValueError as problem:
        if isinstance(problem, ParameterError):
            raise
        raise ParameterError(str(problem)) from None


def _parse_params(pairs: list[str]) -> dict[str, str]:
    from kg.queries import ParameterError

    values = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ParameterError(f"{pair!r} is not KEY=VALUE, e.g. --param code=2080101")
        values[key.strip()] = value
    return values


def _listing() -> str:
    from kg.queries import catalogue

    rows = []
    for canned in catalogue().values():
        params = " ".join(f"{p.name}={p.default}" for p in canned.parameters)
        rows.append([canned.name, canned.title, params])
    return render_table(["name", "title", "parameters (defaults)"], rows) + f"\n({len(rows)} queries)"


def render(result: Result, format: Format) -> str:  # noqa: A002
    """The text ``kg query`` prints for ``result`` in ``format`` (ending with a newline)."""
    from kg import store as kg_store
    from kg.store.backend import Solutions

    if isinstance(result, bool):
        if format is Format.json:
            return json.dumps({"head": {}, "boolean": result}) + "\n"
        return "true\n" if result else "false\n"
    if isinstance(result, list):
        triples = sorted(result, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        if format in (Format.table, Format.json):
            kind = ox.RdfFormat.JSON_LD if format is Format.json else ox.RdfFormat.TURTLE
            return ox.serialize(triples, format=kind, prefixes=kg_store.prefixes()).decode()
        result = Solutions(("subject", "predicate", "object"), tuple((t.subject, t.predicate, t.object) for t in triples))
    names = list(result.variables)
    if format is Format.json:
        bindings = [{n: _json_term(t) for n, t in zip(names, row) if t is not None} for row in result.rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False) + "\n"
    rows = [[_show(term) for term in row] for row in result.rows]
    if format is Format.csv:
        buffer = io.StringIO()
        writer = csv_module.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(rows)
        return buffer.getvalue()
    if format is Format.md:
        def cell(text: str) -> str:
            return text.replace("|", "\\|").replace("\r", "").replace("\n", "<br>")

        lines = ["| " + " | ".join(names) + " |", "|" + "|".join(" --- " for _ in names) + "|"]
        lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    return render_table(names, rows) + f"\n({len(rows)} rows)\n"


def _show(term: Term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        out["datatype"] = term.datatype.value
    return out
