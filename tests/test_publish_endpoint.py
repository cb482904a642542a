"""kg publish --endpoint: the document graphs and the dataset description on real SPARQL servers.

Both servers run on 127.0.0.1 (tests/servers.py). Each test builds the sample under its own
base IRI, so the servers' other graphs do not matter.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.publish.remote import graph_digest
from kg.store.backend import Embedded
from kg.store.endpoint import Endpoint

VOID_DATASET = "http://rdfs.org/ns/void#Dataset"


@pytest.fixture(params=["oxigraph_server", "virtuoso_server"])
def server(request):
    return request.getfixturevalue(request.param)


def build(kg, tmp_path, base: str):
    store = tmp_path / "store"
    result = kg("build", "--sample", "--store", store, "--base-iri", base)
    assert result.exit_code == 0, result.output
    with Embedded(store) as embedded:
        (graph,) = embedded.graphs()
    return store, graph


def publish(kg, server, store, base: str):
    return kg("publish", "--endpoint", server.query, "--graph-store", server.graph_store, "--store", store,
              "--base-iri", base)


def rows(result) -> dict[str, str]:
    """graph → status, from the table kg publish prints."""
    return {line.split()[0]: line.split()[1] for line in result.stdout.splitlines()[2:-1]}


def server_triples(server, graph: str) -> list[ox.Triple]:
    return Endpoint(server.query).query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")


def test_publishing_puts_each_graph_and_the_dataset_description(kg, tmp_path, server):
    base = f"https://test.example/{server.name}/first/"
    store, graph = build(kg, tmp_path, base)
    result = publish(kg, server, store, base)
    assert result.exit_code == 0, result.output
    assert rows(result) == {graph: "written", f"{base}graph/dataset": "written"}
    with Embedded(store) as embedded:
        local = embedded.triples(graph)
    assert len(server_triples(server, graph)) == len(local)
    endpoint = Endpoint(server.query)
    assert endpoint.query(f"ASK {{ GRAPH <{base}graph/dataset> {{ <{base}dataset> a <{VOID_DATASET}> }} }}")
    digests = endpoint.query(f"""SELECT ?digest WHERE {{ GRAPH <{base}graph/dataset> {{
        <{graph}> <https://budget-kg.org/def/contentSha256> ?digest }} }}""")
    assert [row[0].value for row in digests.rows] == [graph_digest(local)]


def test_publishing_again_after_one_document_changed_replaces_only_its_graph(kg, tmp_path, server):
    base = f"https://test.example/{server.name}/again/"
    store, graph = build(kg, tmp_path, base)
    # A second document: the sample's triples under another graph name.
    other = graph + "-copy"
    with Embedded(store, read_only=False) as embedded:
        embedded.replace_graph(other, embedded.triples(graph))
    assert publish(kg, server, store, base).exit_code == 0

    marker = ox.Triple(ox.NamedNode(other), ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                       ox.Literal("corrected re-publication"))
    with Embedded(store, read_only=False) as embedded:
        embedded.replace_graph(other, [*embedded.triples(other), marker])
    result = publish(kg, server, store, base)
    assert result.exit_code == 0, result.output
    assert rows(result) == {graph: "unchanged", other: "written", f"{base}graph/dataset": "written"}
    assert marker in server_triples(server, other)
    assert marker not in server_triples(server, graph)
    assert "(2 graphs written, 1 unchanged" in result.stdout


def test_publishing_to_a_server_that_is_down_says_what_was_not_written(kg, tmp_path):
    from servers import free_port

    base = "https://test.example/down/"
    store, graph = build(kg, tmp_path, base)
    port = free_port()
    result = kg("publish", "--endpoint", f"http://127.0.0.1:{port}/query", "--store", store, "--base-iri", base)
    assert result.exit_code == 3
    assert f"127.0.0.1:{port}" in result.stderr and "Traceback" not in result.output


def test_publish_needs_a_site_folder_or_an_endpoint(kg, built_store):
    result = kg("publish", "--store", built_store)
    assert result.exit_code == 2
    assert "--out" in result.output and "--endpoint" in result.output
