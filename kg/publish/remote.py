"""``kg publish --endpoint``: the store's named graphs and the dataset description on a SPARQL server.

Each document graph is sent with :func:`kg.store.load.load` (one Graph Store PUT, or DROP +
INSERT DATA, per graph: replacement semantics). The description graph (VoID/DCAT, see
:mod:`kg.publish.dataset`) also records a SHA-256 of each graph's sorted N-Triples as
published. Publishing again reads those hashes back from the server and sends only the
graphs whose content changed, so re-publishing after one document changes replaces only
that document's graph (and the description).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import pyoxigraph as ox

from kg import store as kg_store
from kg.errors import BudgetKgError, StoreError
from kg.publish.dataset import check, dataset_description, description_graph
from kg.rdf import vocab
from kg.store.backend import Backend, Solutions
from kg.store.load import LoadError, LoadReport, load

__all__ = ["graph_digest", "publish_to_endpoint"]

CONTENT_SHA256 = vocab.BK.contentSha256


def graph_digest(triples: Sequence[ox.Triple]) -> str:
    """SHA-256 of a graph's triples as sorted N-Triples lines: equal graphs, equal digests."""
    lines = sorted(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES).decode("utf-8").splitlines())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def publish_to_endpoint(
    store_path: Path | str,
    target: Backend,
    base_iri: str,
    *,
    name: str,
    query_endpoint: str | None = None,
    silent: bool = False,
) -> LoadReport:
    """Send the graphs of ``store_path`` that ``target`` does not hold yet, then the description.

    :param name: how to name ``target`` in messages
    :param query_endpoint: the public SPARQL endpoint to advertise in the description
    :raises LoadError: when a graph was not written (the description then records only
        the graphs that are on the server, so the next run sends the others again)
    :raises StoreError: when the store cannot be opened or the server cannot be read
    """
    with kg_store.open(store_path, read_only=True) as store:
        quads = list(store.inner)
    if not quads:
        raise BudgetKgError(f"the store {store_path} is empty; build something first, e.g. `kg build --sample`")
    published = _published_digests(target, base_iri)
    digests: dict[str, str] = {}

    def unchanged(graph: str, triples: Sequence[ox.Triple]) -> bool:
        digests[graph] = graph_digest(triples)
        return published.get(graph) == digests[graph]

    failure: LoadError | None = None
    try:
        report = load(store_path, target, name=name, silent=silent, unchanged=unchanged)
    except LoadError as problem:
        failure, report = problem, problem.report
    description = dataset_description(quads, base_iri, endpoint=query_endpoint)
    conforms, message = check(description)
    if not conforms:
        raise BudgetKgError(f"the dataset description misses a promised field:\n{message}")
    graph = description_graph(base_iri)
    on_server = {**report.written, **report.unchanged}
    triples = [q.triple for q in description] + [
        ox.Triple(ox.NamedNode(g), CONTENT_SHA256, ox.Literal(digests[g])) for g in sorted(on_server)]
    try:
        target.replace_graph(graph.value, triples)
    except StoreError as problem:
        report.failed[graph.value] = str(problem)
        failure = LoadError(name, report)
    else:
        report.written[graph.value] = len(triples)
    if failure is not None:
        raise failure
    return report


def _published_digests(target: Backend, base_iri: str) -> dict[str, str]:
    graph = description_graph(base_iri).value
    found = target.query(f"SELECT ?g ?h WHERE {{ GRAPH <{graph}> {{ ?g <{CONTENT_SHA256.value}> ?h }} }}")
    if not isinstance(found, Solutions):
        raise StoreError(f"{target!r} did not answer a SELECT query with solutions")
    return {g.value: h.value for g, h in found.rows if g is not None and h is not None}
