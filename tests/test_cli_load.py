"""kg load: the store's document graphs pushed to a SPARQL server, one request per graph."""

from __future__ import annotations

from kg.store.backend import Embedded

GRAPH = "https://budget-kg.org/id/graph/323001/2023/unit-budget"


def test_load_puts_each_graph_and_reports_its_triples(kg, built_store, virtuoso_server):
    result = kg("load", "--endpoint", virtuoso_server.query, "--graph-store", virtuoso_server.graph_store,
                "--store", built_store)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    with Embedded(built_store) as embedded:
        assert lines[2].split() == [GRAPH, str(len(embedded.triples(GRAPH)))]
    assert lines[-1].startswith(f"(1 graphs written to {virtuoso_server.graph_store} in ")


def test_load_through_sparql_update_when_no_graph_store_is_given(kg, built_store, oxigraph_server):
    result = kg("load", "--endpoint", oxigraph_server.query, "--update", oxigraph_server.update, "--store", built_store)
    assert result.exit_code == 0, result.output
    summary = kg("query", "unit-summary", "--endpoint", oxigraph_server.query)
    assert [line.split()[0] for line in summary.stdout.splitlines()[2:-1]] == ["323001", "323003"]


def test_load_to_a_server_that_is_down_lists_the_graphs_not_written(kg, built_store):
    from servers import free_port

    port = free_port()
    result = kg("load", "--endpoint", f"http://127.0.0.1:{port}/query", "--graph-store",
                f"http://127.0.0.1:{port}/store", "--store", built_store)
    assert result.exit_code == 3
    assert f"not written: {GRAPH}" in result.stderr
    assert "written: none" in result.stderr
    assert "Traceback" not in result.output


def test_load_with_wrong_credentials_is_refused_with_the_status(kg, built_store, virtuoso_server):
    result = kg("load", "--endpoint", virtuoso_server.query, "--graph-store", virtuoso_server.graph_store + "-auth",
                "--user", "dba", "--password", "wrong", "--store", built_store)
    assert result.exit_code == 3
    assert "HTTP 401" in result.stderr and f"not written: {GRAPH}" in result.stderr


def test_load_of_a_missing_store_says_how_to_build_one(kg, tmp_path, oxigraph_server):
    result = kg("load", "--endpoint", oxigraph_server.query, "--store", tmp_path / "nowhere")
    assert result.exit_code == 3
    assert "kg build" in result.stderr
