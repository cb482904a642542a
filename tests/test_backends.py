"""The same questions, the same answers: embedded store, Oxigraph server and Virtuoso.

The sample is loaded into both servers with one Graph Store PUT per document graph
(``kg.store.load``); every canned query then runs on all three, and the rows must be equal,
with numbers compared as values (servers rewrite ``12.00`` as ``12`` or ``12.0``).
"""

from __future__ import annotations

from decimal import Decimal as D

import pyoxigraph as ox
import pytest
from query_answers import answer

from kg.errors import StoreError
from kg.queries import catalogue
from kg.store.backend import Embedded
from kg.store.endpoint import Endpoint
from kg.store.load import LoadError, load

SERVERS = ["oxigraph", "virtuoso"]
GRAPH = "https://budget-kg.org/id/graph/323001/2023/unit-budget"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"

#: Canned queries with other parameter values than their defaults (including hostile ones).
VARIANTS = [
    ("function-spending", {"code": "208"}),
    ("function-spending", {"code": "2080101"}),
    ("economic-code", {"code": "30101"}),
    ("top-function-lines", {"n": "3"}),
    ("duties-keyword", {"keyword": "社会保险"}),
    ("duties-keyword", {"keyword": '" } ; DROP ALL ; SELECT * { "'}),
    ("duties-keyword", {"keyword": "就业\n} ; DROP ALL"}),
    ("code-browse", {"code": "30101"}),
    ("indicators-citing-legal", {"document": "冀财规【2018】21号"}),
    ("indicators-by-level2", {"level": "beneficiary-satisfaction"}),
]
CASES = [(name, {}) for name in sorted(catalogue())] + VARIANTS


@pytest.fixture(scope="module")
def size(built_store) -> int:
    """Triples in the sample's document graph (read from the store: the mapping grows)."""
    with Embedded(built_store) as embedded:
        return len(embedded.triples(GRAPH))


@pytest.fixture(scope="module")
def servers(built_store, oxigraph_server, virtuoso_server, size):
    """Both servers holding the sample, loaded through the Graph Store Protocol."""
    loaded = {}
    for server in (oxigraph_server, virtuoso_server):
        target = Endpoint(server.query, graph_store=server.graph_store)
        report = load(built_store, target, silent=True)
        assert report.written == {GRAPH: size} and not report.failed
        loaded[server.name] = target
    return loaded


@pytest.mark.parametrize(("name", "params"), CASES, ids=[f"{n}-{'-'.join(p) or 'defaults'}" for n, p in CASES])
def test_every_canned_query_gives_the_same_rows_on_all_three_stores(name, params, built_store, servers):
    with Embedded(built_store) as embedded:
        expected = answer(embedded, name, **params)
    for server in SERVERS:
        assert answer(servers[server], name, **params) == expected, f"{server} differs from the embedded store"


def test_the_comparison_is_not_vacuous(built_store, servers):
    # most queries return rows on the sample; the same top line everywhere
    for backend in [Embedded(built_store), *servers.values()]:
        top = answer(backend, "top-function-lines", n="1")
        assert [(r["unit_code"], r["code"], r["total"]) for r in top] == [("323001", "2080701", D("1842.10"))]
        backend.close()


@pytest.mark.parametrize("server_name", SERVERS)
def test_a_reload_replaces_the_graph_and_leaves_nothing_stale(server_name, request, built_store, tmp_path, servers, size):
    server = request.getfixturevalue(f"{server_name}_server")
    target = Endpoint(server.query, graph_store=server.graph_store)
    load(built_store, target, silent=True)
    assert _count(target) == size
    with Embedded(built_store) as sample, Embedded(tmp_path / "smaller", read_only=False) as smaller:
        triples = [t for t in sample.triples(GRAPH) if t.predicate.value != "https://budget-kg.org/def/textLine"]
        smaller.replace_graph(GRAPH, triples)
    load(tmp_path / "smaller", target, silent=True)
    assert _count(target) == len(triples) < size
    load(built_store, target, silent=True)
    assert _count(target) == size


@pytest.mark.parametrize("server_name", SERVERS)
def test_loading_through_sparql_update_gives_the_same_graph(server_name, request, built_store, servers, size):
    server = request.getfixturevalue(f"{server_name}_server")
    target = Endpoint(server.query, update=server.update)
    report = load(built_store, target, silent=True)
    assert report.written == {GRAPH: size}
    assert _count(target) == size
    with Embedded(built_store) as embedded:
        assert answer(target, "function-spending") == answer(embedded, "function-spending")


def test_a_server_that_is_down_gets_an_error_naming_the_graphs_not_written(built_store):
    from servers import free_port

    port = free_port()  # nothing listens there
    target = Endpoint(f"http://127.0.0.1:{port}/query", graph_store=f"http://127.0.0.1:{port}/store")
    with pytest.raises(LoadError) as raised:
        load(built_store, target, name=target.graph_store, silent=True)
    assert raised.value.report.failed.keys() == {GRAPH}
    assert raised.value.report.written == {}
    message = str(raised.value)
    assert f"not written: {GRAPH}" in message and "written: none" in message
    assert "is the server running?" in message


def test_a_query_to_a_server_that_is_down_is_a_store_error():
    from servers import free_port

    with pytest.raises(StoreError, match="cannot reach the SPARQL endpoint"):
        Endpoint(f"http://127.0.0.1:{free_port()}/query").query("ASK {}")


def test_a_server_that_refuses_writes_gets_an_error_with_its_status(built_store, tmp_path):
    from servers import start_oxigraph

    server = start_oxigraph(tmp_path / "read-only", read_only=True)
    try:
        target = Endpoint(server.query, graph_store=server.graph_store)
        with pytest.raises(LoadError) as raised:
            load(built_store, target, name=server.graph_store, silent=True)
    finally:
        server.stop()
    assert raised.value.report.failed.keys() == {GRAPH}
    assert "refused the write (HTTP" in str(raised.value)


def test_virtuoso_without_credentials_refuses_its_authenticated_graph_store(built_store, virtuoso_server):
    target = Endpoint(virtuoso_server.query, graph_store=virtuoso_server.graph_store + "-auth")
    with pytest.raises(LoadError, match="HTTP 401.*--user and --password"):
        load(built_store, target, silent=True)


def test_virtuoso_accepts_digest_credentials(built_store, virtuoso_server, size):
    target = Endpoint(
        virtuoso_server.query, graph_store=virtuoso_server.graph_store + "-auth", user="dba", password="dba"
    )
    assert load(built_store, target, silent=True).written == {GRAPH: size}
    assert _count(target) == size


def test_a_malformed_query_is_a_syntax_error_on_a_server(oxigraph_server):
    with pytest.raises(SyntaxError):
        Endpoint(oxigraph_server.query).query("SELEKT * WHERE {}")


def test_construct_and_ask_work_on_a_server(servers):
    target = servers["oxigraph"]
    assert target.query(f"ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}") is True
    triples = target.query(
        "CONSTRUCT { ?l <urn:code> ?c } WHERE { GRAPH ?g { ?l <https://budget-kg.org/def/code> ?c } } LIMIT 2"
    )
    assert len(triples) == 2 and all(isinstance(t, ox.Triple) for t in triples)


def _count(target: Endpoint) -> int:
    return int(target.query(COUNT).rows[0][0].value)


def test_asking_a_graph_store_for_its_challenge_never_changes_the_graph(servers, oxigraph_server, size):
    # With a user, every write first asks the server how it authenticates. Oxigraph asks
    # for nothing and accepts any PUT, so an empty write as that question would empty the graph.
    target = Endpoint(oxigraph_server.query, graph_store=oxigraph_server.graph_store, user="someone", password="x")
    graph_url = f"{oxigraph_server.graph_store}?graph={GRAPH}"
    assert target._answer_challenge("PUT", graph_url) is None
    assert _count(target) == size
