"""Build the graph: read each document, map it to RDF, load it into the store.

This is the library behind ``kg build``. One document is one named graph; loading it
again replaces that graph. A batch never stops at a bad document: the failure is
recorded in that document's :class:`DocumentSummary` and the next one is built.

A graph is named after the disclosure, not the file, so another file can map to a
graph already in the store (a corrected re-publication, or a damaged copy). Such a
replacement is reported, and the earlier version's provenance is kept in the store's
history (:mod:`kg.rdf.history`). An incomplete build never replaces a complete graph
unless asked to (``replace=True``).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from kg.errors import BudgetKgError, InputError, NoTablesError
from kg.queries import CannedQuery, bind, load_query
from kg.rdf.history import Version, version_quads
from kg.rdf.iris import DEFAULT_BASE_IRI
from kg.rdf.mapping import document_quads, graph_iri
from kg.read import read_cover, read_document
from kg.records import Document, Problem, Recognised, Unplaced
from kg.resources import resource
from kg.store import Store

__all__ = ["BuildInterrupted", "DocumentSummary", "build", "build_document"]


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


def build_document(
    path: Path,
    store: Store,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    encoding: str = "utf-8",
    generated_at: datetime | None = None,
    template: str | None = None,
    companions: Iterable[Path] = (),
    replace: bool = False,
) -> DocumentSummary:
    """Read one document, map it, and replace its named graph in ``store``.

    Never raises for a bad document: the error is in the returned summary's ``error``.
    Tokens that could not be placed are still loaded as far as they go and listed in
    ``unplaced`` — unless the store holds a complete build of the same disclosure: an
    incomplete build does not replace it (``kept``) unless ``replace``. When the graph
    replaced was built from other files, ``previous`` says which, and the store's
    history keeps its provenance.

    :param path: the disclosure: a PDF, or text copied out of one
    :param store: an open store
    :param base_iri: the base of every IRI minted for the document
    :param encoding: the text encoding of ``path``
    :param generated_at: the ``prov:generatedAtTime`` to record (default: now)
    :param template: the template profile id (default: detected from the table titles)
    :param companions: other files of the same disclosure (its 说明), recorded as its sources
    :param replace: load an incomplete build even over a complete graph
    """
    summary = DocumentSummary(path=Path(path))
    moment = generated_at or datetime.now(timezone.utc)
    try:
        document = read_document(summary.path, encoding=encoding, template=template)
        document.companions += [(Path(c).name, _sha256(Path(c))) for c in companions]
    except BudgetKgError as error:
        summary.error = error
        return summary
    except Exception as error:  # noqa: BLE001 — a bug in one document must not stop the batch
        summary.error = _unexpected(summary.path, "reading", error)
        return summary
    _count(summary, document)
    try:
        graph = graph_iri(document, base_iri)
        previous = stored_version(store, graph)
        if previous is not None and previous.complete is not False and not document.ok and not replace:
            summary.kept = previous
            return summary
        replaced = previous if previous is not None and not previous.built_from(document.sha256) else None
        # The history record goes in with the graph, in one transaction: neither outlives the other.
        record = version_quads(base_iri, replaced, document.sha256, moment) if replaced else []
        quads = document_quads(document, base_iri, generated_at=moment)
        summary.triples = store.replace_graph(graph, quads, record=record)
        summary.graph, summary.previous = graph, replaced
    except BudgetKgError as error:
        summary.error = error
    except Exception as error:  # noqa: BLE001
        summary.error = _unexpected(summary.path, "mapping", error)
    return summary


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
    store: Store,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    encoding: str = "utf-8",
    generated_at: datetime | None = None,
    template: str | None = None,
    replace: bool = False,
) -> list[DocumentSummary]:
    """Build every document in ``paths`` into ``store``; one summary per document, in order.

    Two documents of the same disclosure (same first unit, year and kind) share one
    graph: the later replaces the earlier, and its summary's ``replaced`` names it
    (the earlier's ``superseded_by`` names the later).

    :param paths: disclosures to build
    :param store: an open store
    :param base_iri: the base of every IRI minted
    :param encoding: the text encoding of every path
    :param generated_at: the ``prov:generatedAtTime`` to record (default: now)
    :param template: the template profile id of every path (default: detected per document)
    :param replace: let an incomplete build replace a complete graph
    :raises BuildInterrupted: on Ctrl-C, with the summaries of the documents done
    """
    summaries: list[DocumentSummary] = []
    written: dict[str, DocumentSummary] = {}  # graph → the document of this batch now in it
    options = {"base_iri": base_iri, "encoding": encoding, "generated_at": generated_at, "template": template,
               "replace": replace}
    try:
        for path in paths:
            summary = build_document(path, store, **options)
            if summary.loaded:
                earlier = written.get(summary.graph)
                if earlier is not None:
                    summary.replaced, earlier.superseded_by = earlier.path, summary.path
                written[summary.graph] = summary
            summaries.append(summary)
        _join_companions(summaries, store, **options)
    except KeyboardInterrupt:
        raise BuildInterrupted(summaries) from None
    return summaries


def _join_companions(summaries: list[DocumentSummary], store: Store, **options) -> None:
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
