"""kg query: any SPARQL file over the store, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json

import pytest

GRAPHS = "SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g\n"


@pytest.fixture
def query_file(tmp_path):
    def write(text: str, name: str = "q.rq"):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def test_select_prints_an_aligned_table_with_a_row_count(kg, built_store, query_file):
    result = kg("query", query_file(GRAPHS), "--store", built_store)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["g", "triples"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == "(1 rows)"


def test_select_as_csv_and_json_give_the_same_answer(kg, built_store, query_file):
    path = query_file(GRAPHS)
    as_csv = list(csv.DictReader(io.StringIO(kg("query", path, "--store", built_store, "--format", "csv").stdout)))
    as_json = json.loads(kg("query", path, "--store", built_store, "-f", "json").stdout)
    assert [row["triples"] for row in as_csv] == [b["triples"]["value"] for b in as_json["results"]["bindings"]]
    assert int(as_csv[0]["triples"]) > 0


def test_ask_prints_true_or_false(kg, built_store, query_file):
    yes = kg("query", query_file("ASK { ?s ?p ?o }"), "--store", built_store)
    no = kg("query", query_file("ASK { ?s <urn:nothing> ?o }"), "--store", built_store)
    assert (yes.stdout, no.stdout) == ("true\n", "false\n")
    assert json.loads(kg("query", query_file("ASK {}"), "--store", built_store, "-f", "json").stdout)["boolean"]


def test_construct_prints_turtle(kg, built_store, query_file):
    path = query_file("CONSTRUCT { ?g <urn:has> ?s } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3")
    result = kg("query", path, "--store", built_store)
    assert result.exit_code == 0, result.output
    assert "<urn:has>" in result.stdout


def test_a_syntax_error_is_a_usage_error_naming_the_file(kg, built_store, query_file):
    result = kg("query", query_file("SELEKT * WHERE {}", name="broken.rq"), "--store", built_store)
    assert result.exit_code == 2
    assert "broken.rq" in result.output
    assert "Traceback" not in result.output


def test_a_missing_query_file_is_a_usage_error(kg, built_store, tmp_path):
    result = kg("query", tmp_path / "nope.rq", "--store", built_store)
    assert result.exit_code == 2


def test_querying_a_missing_store_says_how_to_build_one(kg, query_file, tmp_path):
    result = kg("query", query_file(GRAPHS), "--store", tmp_path / "nowhere")
    assert result.exit_code == 3
    assert "kg build" in result.stderr


def test_summary_prints_one_line_per_unit_with_its_totals(kg, built_store):
    result = kg("summary", "--store", built_store)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["unit_code", "name", "year"]
    assert [line.split()[0] for line in lines[2:-1]] == ["323001", "323003"]
    assert lines[-1] == "(2 units)"


def test_summary_is_the_canned_unit_summary_query(kg, built_store):
    from kg.resources import resource

    as_query = kg("query", resource("queries", "unit-summary.rq"), "--store", built_store)
    summary = kg("summary", "--store", built_store)
    cells = lambda result: [line.split() for line in result.stdout.splitlines()[:-1]]  # noqa: E731
    assert cells(as_query) == cells(summary)


def test_summary_of_a_missing_store_says_how_to_build_one(kg, tmp_path):
    result = kg("summary", "--store", tmp_path / "nowhere")
    assert result.exit_code == 3
    assert "kg build" in result.stderr
