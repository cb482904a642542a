"""Build the graph: read each document, map it to RDF, load it into the store.

This is the library behind ``kg build``. One document is one named graph; loading it
again replaces that graph. A batch never stops at a bad document: the failure is
recorded in that document's :class:`DocumentSummary` and the next one is built.

A graph is named after the disclosure, not the file, so another file can map to a
graph already in the store (a corrected re-publication, or a damaged copy). Such a
replacement is reported, and the earlier version's provenance is kept in the store's
history (:mod:`kg.rdf.history`). An incomplete build never replaces a complete graph
unless asked to (``replace=True``).

A batch runs in two stages: reading and mapping a document (:func:`map_document`), which
worker processes do in parallel, and writing its graph (:func:`build_document`), which
only this process does, in the order of the paths. Workers hand back each graph as
N-Quads bytes, and only a few documents are in flight at a time, so memory does not
grow with the batch.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import hashlib
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing.connection import wait
from pathlib import Path

import pyoxigraph as ox

from kg.errors import BudgetKgError, InputError, NoTablesError, OutputError
from kg.queries import CannedQuery, bind, load_query
from kg.rdf.history import Version, version_quads
from kg.rdf.iris import DEFAULT_BASE_IRI, normalise_base
from kg.rdf.mapping import document_quads, graph_iri
from kg.read import read_cover, read_document
from kg.records import Document, Problem, Recognised, Unplaced
from kg.resources import resource
from kg.store import Store
from kg.workers import die_with

__all__ = ["BuildInterrupted", "DocumentSummary", "Mapped", "build", "build_document", "input_paths",
           "map_document", "nquads_name"]

#: What a folder given to ``kg build`` is searched for: disclosures as PDFs or as copied text.
DISCLOSURE_SUFFIXES = (".pdf", ".txt")
#: A path that does not exist and holds one of these is a glob to expand.
GLOB_CHARACTERS = "*?["


@dataclass
class DocumentSummary:
    """What building one document did: counts, and whatever went wrong."""

    path: Path
    graph: str | None = None  #: IRI of the document's named graph, once loaded
    units: int = 0
    tables: int = 0
    lines: int = 0
    triples: int = 0
    tokens: int = 0  #: numeric tokens read from table bodies
    placed: int = 0  #: tokens placed in exactly one cell
    unplaced: list[Unplaced] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error: BudgetKgError | None = None  #: why the document could not be read or loaded
    replaced: Path | None = None  #: an earlier document of the same batch whose graph this one replaced
    #: The store's earlier version of the graph, built from other files, that this build replaced.
    previous: Version | None = None
    #: The complete graph the store kept instead of loading this incomplete build.
    kept: Version | None = None
    superseded_by: Path | None = None  #: a later document of the same batch that replaced this one's graph
    companion_of: Path | None = None  #: the 报表 whose document this 说明 (a file without tables) joined
    unit: str | None = None  #: the first unit's name, as printed
    year: int | None = None
    #: Read by printed titles (any province): the tables found, and the standard tables missing.
    found: list[Recognised] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)
    #: What is printed and in the graph, but not attributed to a row (see :func:`unattributed`).
    unattributed: dict[str, int] = field(default_factory=dict)

    @property
    def loaded(self) -> bool:
        """True when the document's graph is in the store (possibly with unplaced tokens)."""
        return self.graph is not None and self.error is None

    @property
    def ok(self) -> bool:
        """True when loaded (or joined to the document of its 报表), every token placed,
        and every table reconstructed."""
        return self.companion_of is not None or (self.loaded and not self.unplaced and not self.problems)

    @property
    def in_store(self) -> bool:
        """True when the store holds this document's graph at the end of the batch."""
        return self.loaded and self.superseded_by is None

    @property
    def status(self) -> str:
        """One word: ``ok``, ``incomplete`` (loaded, but something not placed or missing),
        ``kept`` (incomplete, and not loaded over the complete graph the store holds),
        ``replaced`` (a later document of the batch replaced its graph), ``joined`` (a 说明
        built into its 报表's document) or ``failed``."""
        if self.companion_of is not None:
            return "joined"
        if self.kept is not None:
            return "kept"
        if self.superseded_by is not None:
            return "replaced"
        return "ok" if self.ok else "incomplete" if self.loaded else "failed"

    def issues(self) -> list[str]:
        """Human messages, each naming the file (and page and table where known)."""
        if self.error is not None:
            return [str(self.error)]
        messages = [f"{p.location}: {p.message}" for p in self.problems]
        messages += [f"{u.location}: unplaced token {u.text!r} ({u.reason})" for u in self.unplaced]
        if self.kept is not None:
            messages.append(
                f"{self.path.name}: not loaded: the build is incomplete, and the store's graph {self.kept.graph} "
                f"is a complete build of {self.kept.names} ({self.kept.generated}); it is kept. "
                "Pass --replace to replace it all the same"
            )
        return messages

    def to_dict(self) -> dict[str, object]:
        """The summary as plain JSON-ready data."""
        return {
            "path": str(self.path),
            "graph": self.graph,
            "status": self.status,
            "units": self.units,
            "tables": self.tables,
            "lines": self.lines,
            "triples": self.triples,
            "tokens": self.tokens,
            "placed": self.placed,
            "unplaced": len(self.unplaced),
            "unattributed": sum(self.unattributed.values()),
            "unattributed_narrative": self.unattributed.get("narrative", 0),
            "unattributed_goals": self.unattributed.get("goals", 0),
            "issues": self.issues(),
            "replaced": str(self.replaced) if self.replaced else self.previous.names if self.previous else None,
            "replaced_version": _version(self.previous),
            "kept": _version(self.kept),
            "superseded_by": str(self.superseded_by) if self.superseded_by else None,
            "joined": str(self.companion_of) if self.companion_of else None,
            "tables_found": [{"key": r.key, "title": r.title, "pages": list(r.pages), "table": r.table,
                              "unit": r.unit,
                              "projects": [{"name": n, "amount": str(a) if a is not None else None}
                                           for n, a in r.projects]} for r in self.found],
            "tables_missing": [{"key": key, "title": title} for key, title in self.missing.items()],
        }


def _version(version: Version | None) -> dict[str, object] | None:
    if version is None:
        return None
    return {"files": [{"name": name, "sha256": sha} for name, sha in version.files],
            "generated": version.generated, "complete": version.complete}


@dataclass
class Mapped:
    """One document read and mapped, as a worker process hands it to the writer."""

    summary: DocumentSummary  #: counts and problems; ``error`` when it could not be read or mapped
    moment: datetime  #: when the build started: the graph's ``prov:generatedAtTime``
    graph: str | None = None  #: IRI of the document's named graph
    complete: bool = False  #: every token placed and every table and section there
    sha256: str = ""  #: of the file read
    nquads: bytes = b""  #: the graph, as sorted and distinct N-Quads lines

    @property
    def quads(self) -> list[ox.Quad]:
        """The graph's quads, parsed back from :attr:`nquads`."""
        return list(ox.parse(self.nquads, format=ox.RdfFormat.N_QUADS))


def map_document(
    path: Path,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    encoding: str = "utf-8",
    generated_at: datetime | None = None,
    template: str | None = None,
    companions: Iterable[Path] = (),
) -> Mapped:
    """Read one document and map it to the quads of its named graph; touch no store.

    Never raises for a bad document: the error is in the summary's ``error``. The
    parameters are those of :func:`build_document`.
    """
    summary = DocumentSummary(path=Path(path))
    mapped = Mapped(summary, generated_at or datetime.now(timezone.utc))
    try:
        document = read_document(summary.path, encoding=encoding, template=template)
        document.companions += [(Path(c).name, _sha256(Path(c))) for c in companions]
    except BudgetKgError as error:
        summary.error = error
        return mapped
    except Exception as error:  # noqa: BLE001 — a bug in one document must not stop the batch
        summary.error = _unexpected(summary.path, "reading", error)
        return mapped
    _count(summary, document)
    try:
        mapped.graph = graph_iri(document, base_iri)
        quads = document_quads(document, base_iri, generated_at=mapped.moment)
        lines = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)
        mapped.nquads = b"".join(sorted(set(lines)))
        mapped.complete, mapped.sha256 = document.ok, document.sha256
    except BudgetKgError as error:
        summary.error = error
    except Exception as error:  # noqa: BLE001
        summary.error = _unexpected(summary.path, "mapping", error)
    return mapped


def build_document(
    path: Path,
    store: Store | None,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    encoding: str = "utf-8",
    generated_at: datetime | None = None,
    template: str | None = None,
    companions: Iterable[Path] = (),
    replace: bool = False,
    nquads_dir: Path | None = None,
    mapped: Mapped | None = None,
) -> DocumentSummary:
    """Read one document, map it, and replace its named graph in ``store``.

    Never raises for a bad document: the error is in the returned summary's ``error``.
    Tokens that could not be placed are still loaded as far as they go and listed in
    ``unplaced`` — unless the store holds a complete build of the same disclosure: an
    incomplete build does not replace it (``kept``) unless ``replace``. When the graph
    replaced was built from other files, ``previous`` says which, and the store's
    history keeps its provenance.

    :param path: the disclosure: a PDF, or text copied out of one
    :param store: an open store, or None to write the graph to ``nquads_dir`` only
    :param base_iri: the base of every IRI minted for the document
    :param encoding: the text encoding of ``path``
    :param generated_at: the ``prov:generatedAtTime`` to record (default: now)
    :param template: the template profile id (default: detected from the table titles)
    :param companions: other files of the same disclosure (its 说明), recorded as its sources
    :param replace: load an incomplete build even over a complete graph
    :param nquads_dir: also write the graph loaded as ``nquads_dir/``:func:`nquads_name`
    :param mapped: ``path`` already read and mapped (by a worker); default: read and map it here
    """
    if mapped is None:
        mapped = map_document(path, base_iri=base_iri, encoding=encoding, generated_at=generated_at,
                              template=template, companions=companions)
    summary = mapped.summary
    if summary.error is not None:
        return summary
    try:
        previous = stored_version(store, mapped.graph) if store is not None else None
        if previous is not None and previous.complete is not False and not mapped.complete and not replace:
            summary.kept = previous
            return summary
        replaced = previous if previous is not None and not previous.built_from(mapped.sha256) else None
        # The file first: a document whose file cannot be written is failed, and not in the store either.
        if nquads_dir is not None:
            _write_atomically(Path(nquads_dir) / nquads_name(mapped.graph, base_iri), mapped.nquads)
        if store is not None:
            # The history record goes in with the graph, in one transaction: neither outlives the other.
            record = version_quads(base_iri, replaced, mapped.sha256, mapped.moment) if replaced else []
            summary.triples = store.replace_graph(mapped.graph, mapped.quads, record=record)
        else:
            summary.triples = mapped.nquads.count(b"\n")
        summary.graph, summary.previous = mapped.graph, replaced
    except BudgetKgError as error:
        summary.error = error
    except Exception as error:  # noqa: BLE001
        summary.error = _unexpected(summary.path, "loading", error)
    return summary


def nquads_name(graph: str, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The file ``--nquads-dir`` writes a document graph to, named after the graph, not the
    file read: two files of one disclosure then write one file, as they fill one graph.

    >>> nquads_name("https://budget-kg.org/id/graph/323001/2023/unit-budget")
    '323001-2023-unit-budget.nq'
    """
    local = graph.removeprefix(normalise_base(base_iri) + "graph/")
    return local.replace("/", "-") + ".nq"


def _write_atomically(path: Path, data: bytes) -> None:
    """A batch system may kill a shard at any moment: a file is there whole, or not at all.

    :raises OutputError: when the file cannot be written
    """
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as error:
        raise OutputError(path, error) from None


def input_paths(arguments: Iterable[Path | str], suffixes: tuple[str, ...] = DISCLOSURE_SUFFIXES) -> list[Path]:
    """The files to read, from what was typed: a file as it is, a folder as every file under
    it whose name ends in one of ``suffixes``, and a glob (quoted, so that the shell leaves
    it, e.g. ``'2026/**/*.pdf'``) as the files it matches, each in sorted order.

    A path that does not exist is kept: reading it reports it like any unreadable file.

    :raises ValueError: when a folder holds no such file or a glob matches no file
    """
    paths: list[Path] = []
    for argument in map(str, arguments):
        path = Path(argument)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes and p.is_file())
            if not found:
                raise ValueError(f"no {' or '.join(suffixes)} file in the folder {path}")
            paths += found
        elif not path.exists() and any(c in argument for c in GLOB_CHARACTERS):
            found = sorted(Path(p) for p in glob.glob(argument, recursive=True) if Path(p).is_file())
            if not found:
                raise ValueError(f"no file matches {argument}")
            paths += found
        else:
            paths.append(path)
    return paths


@functools.cache
def _graph_version_query() -> CannedQuery:
    return load_query(resource("queries", "store", "graph-version.rq"))


def stored_version(store: Store, graph: str) -> Version | None:
    """What ``store``'s ``graph`` was built from, or None when the store has no such graph."""
    rows = list(store.query(bind(_graph_version_query(), {"graph": graph})))
    if not rows:
        return None
    complete = rows[0]["complete"]
    return Version(
        graph=graph,
        files=tuple((row["file"].value, row["sha256"].value) for row in rows),
        generated=rows[0]["generated"].value,
        complete=None if complete is None else complete.value == "true",
    )


class BuildInterrupted(KeyboardInterrupt):
    """The user interrupted a batch; :attr:`summaries` are the documents done before."""

    def __init__(self, summaries: list[DocumentSummary]):
        super().__init__()
        self.summaries = summaries


def build(
    paths: Iterable[Path],
    store: Store | None,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    encoding: str = "utf-8",
    generated_at: datetime | None = None,
    template: str | None = None,
    replace: bool = False,
    jobs: int | None = 1,
    nquads_dir: Path | None = None,
    tick: Callable[[Path], None] | None = None,
) -> list[DocumentSummary]:
    """Build every document in ``paths`` into ``store``; one summary per document, in order.

    Two documents of the same disclosure (same first unit, year and kind) share one
    graph: the later replaces the earlier, and its summary's ``replaced`` names it
    (the earlier's ``superseded_by`` names the later).

    :param paths: disclosures to build
    :param store: an open store, or None to write ``nquads_dir`` only
    :param base_iri: the base of every IRI minted
    :param encoding: the text encoding of every path
    :param generated_at: the ``prov:generatedAtTime`` to record (default: now)
    :param template: the template profile id of every path (default: detected per document)
    :param replace: let an incomplete build replace a complete graph
    :param jobs: worker processes that read and map (None: one per core); with 1, all
        happens in this process; the store is written by this process alone, in order
    :param nquads_dir: also write each graph loaded to a file of its own (:func:`nquads_name`)
    :param tick: called with each path once it is built (progress)
    :raises BuildInterrupted: on Ctrl-C, with the summaries of the documents done
    """
    summaries: list[DocumentSummary] = []
    written: dict[str, DocumentSummary] = {}  # graph → the document of this batch now in it
    reading = {"base_iri": base_iri, "encoding": encoding, "generated_at": generated_at, "template": template}
    options = {**reading, "replace": replace, "nquads_dir": nquads_dir}
    paths = list(paths)
    try:
        # Closed however the loop ends, so that no worker outlives an interrupted batch.
        with contextlib.closing(_mapped(paths, jobs, reading)) as documents:
            for path, mapped in documents:
                summary = build_document(path, store, mapped=mapped, **options)
                if summary.loaded:
                    earlier = written.get(summary.graph)
                    if earlier is not None:
                        summary.replaced, earlier.superseded_by = earlier.path, summary.path
                    written[summary.graph] = summary
                summaries.append(summary)
                if tick is not None:
                    tick(path)
        _join_companions(summaries, store, **options)
    except KeyboardInterrupt:
        raise BuildInterrupted(summaries) from None
    return summaries


#: Documents handed out per worker at a time: enough to keep every worker busy while the
#: writer loads, few enough that the graphs waiting for it do not grow with the batch.
IN_FLIGHT_PER_WORKER = 2


def _mapped(paths: list[Path], jobs: int | None, options: dict) -> Iterator[tuple[Path, Mapped | None]]:
    """Each path with its document read and mapped by a worker, in the order of ``paths``;
    with one job, each path alone (:func:`build_document` maps it in this process).

    The workers are processes of our own, each with a pipe of its own, not a
    ``multiprocessing.Pool``: its ``terminate()`` can deadlock on the locks its workers share
    (CPython gh-73945, gh-78178), which hung a build interrupted with Ctrl-C, and a worker
    that dies (a crash in a PDF library) leaves the pool waiting for its document forever.
    Here leaving (the batch done, Ctrl-C, an error) kills the workers, which share nothing,
    a writer killed outright takes them with it (:func:`kg.workers.die_with`), and a worker
    that dies fails the document it was reading; the rest of the batch is read by a new one.
    """
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(paths)))
    if jobs == 1:
        yield from ((path, None) for path in paths)
        return
    workers = [_Worker(options) for _ in range(jobs)]
    try:
        done: dict[int, Mapped] = {}
        handed = 0  # paths handed out so far, in order
        for n, path in enumerate(paths):
            while n not in done:
                while handed < len(paths) and handed - n < jobs * IN_FLIGHT_PER_WORKER:
                    min(workers, key=lambda worker: len(worker.pending)).give(handed, paths[handed])
                    handed += 1
                ready = wait([worker.connection for worker in workers if worker.pending])
                for worker in workers:
                    if worker.connection in ready:
                        index, mapped = worker.take()
                        done[index] = mapped
            yield path, done.pop(n)
    finally:
        for worker in workers:
            worker.stop()


class _Worker:
    """A process that reads and maps the paths handed to it, in the order handed, over its own pipe."""

    def __init__(self, options: dict):
        self.options = options
        self.pending: deque[tuple[int, Path]] = deque()  # (index in the batch, path) handed, not yet taken
        self._start()

    def _start(self) -> None:
        self.connection, theirs = multiprocessing.Pipe()
        self.process = multiprocessing.Process(target=_serve, args=(theirs, self.options, os.getpid()), daemon=True)
        self.process.start()
        theirs.close()

    def give(self, index: int, path: Path) -> None:
        self.pending.append((index, path))
        with contextlib.suppress(OSError):  # a worker that died is found out by take()
            self.connection.send(path)

    def take(self) -> tuple[int, Mapped]:
        """The document it read first of those handed to it, with its index; if it died
        reading it, that document failed, and a new worker is given the others."""
        try:
            mapped = self.connection.recv()
        except (EOFError, OSError):
            index, path = self.pending.popleft()
            self.process.join(5)
            failed = Mapped(DocumentSummary(path=path), self.options.get("generated_at") or datetime.now(timezone.utc))
            failed.summary.error = InputError(
                path.name, f"the worker process reading it stopped (exit code {self.process.exitcode})",
                "the file may crash a library it is read with; the rest of the batch is built")
            waiting = list(self.pending)
            self.pending.clear()
            self.connection.close()
            self._start()
            for left in waiting:
                self.give(*left)
            return index, failed
        return self.pending.popleft()[0], mapped

    def stop(self) -> None:
        """Kill it, whatever it is doing: it holds nothing another process waits for."""
        self.process.kill()
        self.process.join(5)
        self.connection.close()


def _serve(connection, options: dict, writer: int) -> None:
    """A worker's loop: read and map each path it is sent, and send the result back, until
    it is killed (or the writer is gone)."""
    _leave_interrupts_to_the_writer()
    die_with(writer)
    with contextlib.suppress(EOFError):
        while True:
            connection.send(map_document(connection.recv(), **options))


def _leave_interrupts_to_the_writer() -> None:
    """Ctrl-C reaches every process of the terminal; the writer alone stops the batch and
    reports what it built, then stops the workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _join_companions(summaries: list[DocumentSummary], store: Store | None, **options) -> None:
    """A disclosure published as two files: its 说明 (no table) and its 报表. The 说明
    joins the document of the 报表 its cover names (same unit and year), which is built
    again with both files as its sources."""
    lonely = [s for s in summaries if isinstance(s.error, NoTablesError)]
    if not lonely:
        return
    loaded = {(s.unit, s.year): s for s in summaries if s.loaded}
    partners: dict[Path, list[DocumentSummary]] = {}
    for summary in lonely:
        try:
            cover = read_cover(summary.path)
        except BudgetKgError:
            continue
        partner = loaded.get((cover.unit, cover.year)) if cover else None
        if partner is not None:
            partners.setdefault(partner.path, []).append(summary)
    for index, summary in enumerate(summaries):
        joined = partners.get(summary.path)
        if not joined:
            continue
        rebuilt = build_document(summary.path, store, companions=[j.path for j in joined], **options)
        rebuilt.replaced, rebuilt.superseded_by = summary.replaced, summary.superseded_by
        summaries[index] = rebuilt
        for companion in joined:
            companion.error, companion.companion_of, companion.graph = None, summary.path, rebuilt.graph


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _count(summary: DocumentSummary, document: Document) -> None:
    tables = document.tables
    summary.unit = document.units[0].name if document.units else None
    summary.year = document.units[0].year if document.units else None
    summary.units = len(document.units)
    summary.tables = len(tables)
    summary.lines = sum(len(t.lines) for t in tables)
    summary.tokens = document.tokens
    summary.placed = document.placed
    summary.unplaced = list(document.unplaced)
    summary.problems = list(document.problems)
    summary.found = list(document.recognised)
    summary.missing = dict(document.missing)
    summary.unattributed = unattributed(document)


def unattributed(document: Document) -> dict[str, int]:
    """What the narrative and the goal tables print that no row was given: the graph keeps
    each (``bk:problem``, ``bk:unplacedToken``), so the build is complete, but not attributed.

    ``narrative``: each unit's narrative problems (an amount no row and column takes with
    confidence, a statement its template requires that was not found); ``goals``: the cells
    of the 绩效目标表 not given to one indicator field.
    """
    units = document.units
    return {
        "narrative": sum(len(u.narrative.problems) for u in units if u.narrative is not None),
        "goals": sum(len(p.unattributed) for u in units for p in u.projects),
    }


def _unexpected(path: Path, stage: str, error: Exception) -> InputError:
    failure = InputError(
        path.name,
        f"unexpected {type(error).__name__} while {stage}: {error}",
        "this is a bug in budget-kg; please report it with the file",
    )
    failure.__cause__ = error
    return failure
