"""``kg build``: disclosures → named graphs in the store."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from kg.cli.common import FAILED, boundary, error, render_table
from kg.cli.options import (
    DEFAULT_BASE_IRI,
    DEFAULT_STORE,
    INPUT,
    OUTPUT,
    BaseIriOpt,
    EncodingOpt,
    JobsOpt,
    JsonOpt,
    SampleOpt,
    SilentOpt,
    StoreOpt,
)
from kg.progress import progress
from kg.resources import sample_path

if TYPE_CHECKING:
    from kg.build import DocumentSummary

#: Exit code after Ctrl-C (128 + SIGINT), as shells report it.
INTERRUPTED = 130

#: Documents an interrupted build names as not built, before "… N more".
MAX_LEFT = 10
#: Issues listed per document before "… and N more".
MAX_ISSUES = 10

#: ``unattributed``: printed in the narrative or the goal tables and kept in the graph, but
#: given to no row (kg.build.unattributed); it does not make a build incomplete.
COLUMNS = ["document", "units", "tables", "lines", "triples", "tokens", "placed", "unplaced", "unattributed",
           "status"]


def build(
    ctx: typer.Context,
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(
            metavar="PATH",
            help="Disclosure files: PDFs, or text copied out of them; a folder (every .pdf and .txt file in it), "
            "or a quoted glob such as '2026/**/*.pdf'. A bad file is reported and the others still built.",
            show_default=False,
            rich_help_panel=INPUT,
        ),
    ] = None,
    sample: SampleOpt = False,
    store: StoreOpt = DEFAULT_STORE,
    base_iri: BaseIriOpt = DEFAULT_BASE_IRI,
    encoding: EncodingOpt = "utf-8",
    template: Annotated[
        Optional[str],
        typer.Option(
            "--template",
            help="Template profile id (a file in mappings/, e.g. hebei-county, shanghai-district). "
            "Default: detected from the table titles.",
            show_default=False,
            rich_help_panel=INPUT,
        ),
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Load a build that is incomplete even over a complete graph of the same disclosure "
            "(by default the store keeps the complete one, and says so).",
        ),
    ] = False,
    jobs: JobsOpt = None,
    nquads_dir: Annotated[
        Path | None,
        typer.Option(
            "--nquads-dir",
            help="Also write each document graph built to DIR/<unit>-<year>-<kind>.nq (sorted N-Quads), "
            "for `kg load` or a big store's bulk loader. Without an explicit --store, no store is written.",
            file_okay=False,
            show_default=False,
            rich_help_panel=OUTPUT,
        ),
    ] = None,
    as_json: JsonOpt = False,
    silent: SilentOpt = False,
) -> None:
    """Build the graph from budget disclosures: one named graph per document.

    Each PATH is parsed into tables, mapped to RDF and loaded into the store.
    Building a document again replaces its graph. Another file of the same
    disclosure (a corrected re-publication, a damaged copy) replaces it too, and the
    table names the file it replaced; the earlier version's provenance stays in the
    store's history. An incomplete build never replaces a complete graph unless
    --replace is given. Prints per document: units,
    tables, lines, triples, numeric tokens placed/unplaced, and the cells of the narrative
    and goal tables kept in the graph but given to no row (unattributed), then totals; for
    a document of a province no template describes, which standard tables were
    found (with their pages) and which are missing.
    A document that cannot be read, or whose tokens could not all be placed,
    is named on stderr with its page and table, and the exit code is 3.
    Documents are read and mapped by --jobs worker processes (one per core) while
    this process alone writes the store, in the order given; on a terminal, a
    progress bar shows documents/s and the time left.

    [bold]Examples[/bold]

    [dim]# the bundled sample, into ./kg-store[/dim]
    kg build --sample

    kg build julu-hrss-2023-unit-budget.txt --store kg-store

    [dim]# a PDF as published; the template is detected, or named[/dim]
    kg build putuo-sww-2025-unit-budget.pdf --template shanghai-district

    [dim]# any other province: the standard tables are recognised from their titles and headers[/dim]
    kg build 2026年某市信访局部门预算.pdf

    [dim]# a disclosure published as two files, 说明 and 报表: one document[/dim]
    kg build 部门预算说明.pdf 部门预算报表.pdf

    [dim]# load a damaged copy over the complete graph on purpose[/dim]
    kg build damaged-copy.txt --replace

    [dim]# files saved on Chinese Windows[/dim]
    kg build disclosures/*.txt --encoding gbk --base-iri https://data.example.org/budget/

    [dim]# a folder, or a quoted glob, read by 8 worker processes[/dim]
    kg build disclosures/ --jobs 8

    kg build 'downloads/**/*.pdf' --store kg-store

    [dim]# one shard of a big batch: N-Quads files only, for `kg load` or a bulk loader[/dim]
    kg build shard-07/ --nquads-dir nquads/
    """
    from kg import store as kg_store  # the library is imported when the command runs (see kg.cli)
    from kg.build import BuildInterrupted, input_paths
    from kg.build import build as build_documents

    try:
        documents = input_paths(paths or [])
    except ValueError as problem:
        raise typer.BadParameter(str(problem), param_hint="PATH") from None
    if sample:
        documents.append(sample_path())
    if not documents:
        raise typer.BadParameter("give at least one disclosure PATH, or --sample", param_hint="PATH")
    # With --nquads-dir, the store is written only when asked for: a shard on a batch system has none.
    stored = nquads_dir is None or ctx.get_parameter_source("store").name != "DEFAULT"
    interrupted, summaries = False, None
    try:
        with boundary(), (kg_store.open(store) if stored else contextlib.nullcontext()) as opened:
            bar = progress(documents, "Building", silent=silent, unit="documents")
            done = iter(bar)
            try:
                summaries = build_documents(documents, opened, base_iri=base_iri, encoding=encoding,
                                            template=template, replace=replace, jobs=jobs, nquads_dir=nquads_dir,
                                            tick=lambda _path: next(done, None))
            except BuildInterrupted as stop:
                summaries, interrupted = stop.summaries, True
            bar.finish(f"{len(summaries)} documents, {len(_with_problems(summaries))} with problems")
            if stored and not interrupted and opened.grown:
                added = opened.graphs_added
                bar.note(f"Compacting the store {store} ({added} graph{'s' * (added != 1)} added), for faster queries…")
                opened.compact()
    except KeyboardInterrupt:
        if summaries is None:
            raise
        # Ctrl-C after the last document, while the store was flushed and closed: what is
        # built is in the store, and is reported as after any interruption.
        interrupted = True
    bad = _with_problems(summaries)
    if as_json:
        typer.echo(json.dumps([s.to_dict() for s in summaries], ensure_ascii=False, indent=2))
    else:
        typer.echo(_table(summaries))
        for summary in summaries:
            if summary.found:
                typer.echo(_recognised(summary))
    for summary in summaries:
        if summary.companion_of:
            typer.echo(f"Note: {summary.path} prints no table; it is the 说明 of {summary.companion_of}, "
                       f"and both are one document in {summary.graph}", err=True)
        if summary.replaced:
            typer.echo(
                f"Note: {summary.path} is the same disclosure as {summary.replaced} "
                f"and replaced its graph {summary.graph}",
                err=True,
            )
        elif summary.previous:
            previous = summary.previous
            state = {True: "complete", False: "incomplete", None: "completeness not recorded"}[previous.complete]
            typer.echo(
                f"Note: {summary.path} replaced the graph {summary.graph}, built from {previous.names} "
                f"({previous.generated}, {state}); the store's history keeps that version's provenance",
                err=True,
            )
    for summary in bad:
        _report(summary)
    if interrupted:
        left = [str(p) for p in documents[len(summaries):]]
        if len(left) > MAX_LEFT:  # an interrupted batch of 10,000 would print every name
            left = [*left[:MAX_LEFT - 1], f"… {len(left) - MAX_LEFT + 1} more, the last {left[-1]}"]
        error(f"interrupted: {sum(s.in_store for s in summaries)} of the {len(summaries)} documents above are in "
              f"the store; not built: {', '.join(left) or 'none'}")
        raise typer.Exit(INTERRUPTED)
    if bad:
        raise typer.Exit(FAILED)


def _with_problems(summaries: list[DocumentSummary]) -> list[DocumentSummary]:
    """The documents to report and fail on: not those whose graph a later one replaced."""
    return [s for s in summaries if not s.ok and s.status != "replaced"]


def _table(summaries: list[DocumentSummary]) -> str:
    rows = [
        [s.path.name, s.units, s.tables, s.lines, s.triples, s.tokens, s.placed, len(s.unplaced),
         sum(s.unattributed.values()), s.status]
        for s in summaries
    ]
    counts = range(1, len(COLUMNS) - 1)
    if len(summaries) > 1:
        # What the store holds now: not a document whose graph a later one replaced, nor one kept out.
        held = [row for row, s in zip(rows, summaries) if s.in_store]
        totals = [sum(row[i] for row in held) for i in counts]
        rows.append(["total", *totals, f"{len(held)}/{len(summaries)} in store"])
    return render_table(COLUMNS, rows, numeric=set(counts))


def _recognised(summary: DocumentSummary) -> str:
    """Which standard tables a document read by its printed titles has, on which pages, and which it lacks."""
    def pages(found) -> str:
        return f"p{found.pages[0]}" if len(found.pages) == 1 else f"p{found.pages[0]}-{found.pages[-1]}"

    def projects(found) -> str:
        if not found.projects:
            return ""
        named = ", ".join(f"{name} {amount}" if amount is not None else name for name, amount in found.projects[:3])
        more = f", … {len(found.projects) - 3} more" if len(found.projects) > 3 else ""
        return f" ({named}{more})"

    standard = [f"{r.key} {pages(r)}{projects(r)}" for r in summary.found if r.key]
    other = [f"{r.title} {pages(r)} (read as {r.table})" for r in summary.found if not r.key]
    lines = [f"{summary.path.name}: {len(standard)} standard tables found: {', '.join(standard)}",
             f"  missing: {', '.join(f'{key} ({title})' for key, title in summary.missing.items()) or 'none'}"]
    if other:
        lines.append(f"  not a standard table: {'; '.join(other)}")
    return "\n".join(lines)


def _report(summary: DocumentSummary) -> None:
    issues = summary.issues()
    for message in issues[:MAX_ISSUES]:
        error(message)
    if len(issues) > MAX_ISSUES:
        error(f"{summary.path.name}: … and {len(issues) - MAX_ISSUES} more (see --json)")
