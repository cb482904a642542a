"""Validation: SHACL shapes over each document's graph, a few SPARQL checks across documents.

Each document is validated on its own, in parallel across cores, by one of two engines
that read the same shapes and give the same findings: ``oxigraph`` (the default,
:mod:`kg.validate.engine`: the shapes' SPARQL constraints run by Oxigraph) or ``pyshacl``
(the reference, :mod:`kg.validate.document`: pySHACL on a small rdflib graph). Only
checks that need two documents run as SPARQL over the store (``queries/validate/*.rq``).
The result is a :class:`Report` of :class:`Finding` s.

>>> from kg.resources import sample_path
>>> report = validate_paths([sample_path()], jobs=1)
>>> report.flatten(["code", "unit", "table", "row"])
[['BK-NARR-PROCUREMENT', '323001', 'narrative', 'assets.planned_purchases']]
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pyoxigraph as ox

from kg.errors import BudgetKgError
from kg.validate.report import Finding, Report, Task
from kg.validate.shapes import ShapeInfo, catalogue
from kg.workers import die_with

__all__ = ["ENGINES", "Finding", "Report", "ShapeInfo", "Task", "catalogue", "validate_paths", "validate_store"]

Tick = Callable[[str], None]

#: The validation engines, the default first.
ENGINES = ("oxigraph", "pyshacl")


def validate_paths(
    paths: Sequence[Path], *, encoding: str = "utf-8", jobs: int | None = None, tick: Tick | None = None,
    engine: str = ENGINES[0],
) -> Report:
    """Read, map and validate each disclosure file, one process per core.

    A file that cannot be read becomes a task with an ``error``; the others are still validated.

    :param paths: disclosure files (PDF or text)
    :param encoding: their encoding (text)
    :param jobs: worker processes (default: the number of cores)
    :param tick: called with each document's name as it finishes (progress)
    :param engine: ``oxigraph`` or ``pyshacl`` (see :data:`ENGINES`)
    """
    work = [(str(p), encoding, _engine(engine)) for p in paths]
    return Report(tasks=_parallel(_validate_path, work, jobs, tick))


def validate_store(store_path: Path, *, jobs: int | None = None, tick: Tick | None = None,
                   engine: str = ENGINES[0]) -> Report:
    """Validate every document graph of a store, then run the cross-document checks over it.

    With the ``oxigraph`` engine each worker opens the store read-only and reads its
    documents' graphs from it; nothing is copied through the parent process.

    :param store_path: an on-disk store built by ``kg build``
    :param engine: ``oxigraph`` or ``pyshacl`` (see :data:`ENGINES`)
    :raises StoreError: when the store cannot be opened
    """
    from kg import store as kg_store

    with kg_store.open(store_path, read_only=True) as opened:
        if _engine(engine) == "oxigraph":
            run = uuid.uuid4().hex
            work = [(str(store_path), run, graph) for graph in opened.graphs()]
            try:
                tasks = _parallel(_validate_stored, work, jobs, tick)
            finally:
                _stores.clear()
        else:
            work = []
            for graph in opened.graphs():
                quads = opened.inner.quads_for_pattern(None, None, None, ox.NamedNode(graph))
                triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
                work.append((graph, ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""))
            tasks = _parallel(_validate_ntriples, work, jobs, tick)
        tasks.append(cross_document(opened))
    return Report(tasks=tasks)


def _engine(name: str) -> str:
    if name not in ENGINES:
        raise ValueError(f"unknown validation engine {name!r}; choose one of {', '.join(ENGINES)}")
    return name


def cross_document(opened) -> Task:
    """Run ``queries/validate/*.rq`` over the whole store: checks no single document can make."""
    from kg.resources import resource

    task = Task(document="(across documents)", graph=None)
    for path in sorted(resource("queries", "validate").glob("*.rq")):
        for row in opened.query(path.read_text(encoding="utf-8")):
            cell = row["cell"].value
            a, b = row["amountA"].value, row["amountB"].value
            ga, gb = row["graphA"].value, row["graphB"].value
            task.findings.append(
                Finding(
                    code="BK-XDOC-CELL",
                    severity="violation",
                    document=task.document,
                    message=f"{cell} is {a} in {ga} but {b} in {gb}. Check both documents' tables.",
                    message_zh=f"{cell} 在 {ga} 中为 {a}，在 {gb} 中为 {b}。请核对两份文件的该表。",
                    values={"actual": a, "expected": b, "graphA": ga, "graphB": gb},
                    node=cell,
                    **_cell_position(cell),
                )
            )
    return task


def _cell_position(cell: str) -> dict[str, object]:
    # {base}line/{unit}/{year}/{table}/{row}/{column}
    parts = cell.rsplit("/line/", 1)[-1].split("/")
    if len(parts) == 5:
        return {"unit": parts[0], "table": parts[2], "row": parts[3], "column": parts[4]}
    return {}


def _parallel(function, work: list, jobs: int | None, tick: Tick | None) -> list[Task]:
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(work) or 1))
    if jobs == 1:
        results = map(function, work)
        return [_ticked(task, tick) for task in results]
    with ProcessPoolExecutor(max_workers=jobs, initializer=die_with, initargs=(os.getpid(),)) as pool:
        return [_ticked(task, tick) for task in pool.map(function, work)]


def _ticked(task: Task, tick: Tick | None) -> Task:
    if tick is not None:
        tick(task.document)
    return task


def _validate_path(item: tuple[str, str, str]) -> Task:
    from kg.rdf.mapping import document_quads, graph_iri
    from kg.read import read_document
    from kg.validate.document import graph_from_quads, validate_graph
    from kg.validate.engine import validate_quads

    path, encoding, engine = item
    try:
        doc = read_document(Path(path), encoding=encoding)
    except BudgetKgError as failure:
        return Task(document=Path(path).name, error=str(failure))
    if engine == "oxigraph":
        return validate_quads(document_quads(doc), document=doc.source, graph=graph_iri(doc))
    return validate_graph(graph_from_quads(document_quads(doc)), document=doc.source, graph=graph_iri(doc))


#: The store a process validates from, opened read-only once per run of :func:`validate_store`
#: (a read-only store sees the data as it was when opened: a later run opens it again).
_stores: dict[str, ox.Store] = {}


def _validate_stored(item: tuple[str, str, str]) -> Task:
    from kg import store as kg_store
    from kg.validate.engine import validate_store_graph

    store_path, run, graph = item
    if run not in _stores:
        _stores.clear()
        _stores[run] = kg_store.open(Path(store_path), read_only=True).inner
    return validate_store_graph(_stores[run], graph)


def _validate_ntriples(item: tuple[str, bytes]) -> Task:
    from kg.validate.document import graph_from_ntriples, validate_graph, with_printed_scale

    graph, data = item
    return validate_graph(with_printed_scale(graph_from_ntriples(data)), graph=graph)


