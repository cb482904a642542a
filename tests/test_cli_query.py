"""kg query: any SPARQL file over the store, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import io
import json
import re

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


def test_summary_gives_units_printed_in_wan_yuan_and_in_yuan_in_one_unit(kg, wan_yuan_and_yuan_store):
    result = kg("summary", "--store", wan_yuan_and_yuan_store)
    assert result.exit_code == 0, result.output
    header, _, *rows, footer = [line.split() for line in result.stdout.splitlines()]
    assert header[4:] == ["currency", "income_total", "expenditure_total", "basic", "project", "printed_currency"]
    # The sample's 收入总计 3889.89 万元 and the PDF's 91,016,775.35 元 (财务收支预算总表, page 8), both in 万元;
    # the PDF's 支出预算总表 合计 (page 12) splits into 24,606,775.35 basic and 66,410,000.00 project.
    assert [(r[0], *r[-7:]) for r in rows if r[0] in {"323001", "u-ec1c902bff"}] == [
        ("323001", "9", "万元", "3889.89", "3889.89", "685.86", "3204.03", "万元"),
        ("u-ec1c902bff", "9", "万元", "9101.677535", "9101.677535", "2460.677535", "6641", "元"),
    ]
    assert footer == ["(3", "units)"]


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


def test_list_shows_every_canned_query_with_its_title(kg):
    from kg.queries import catalogue

    result = kg("query", "--list")
    assert result.exit_code == 0, result.output
    for query in catalogue().values():
        line = next(line for line in result.stdout.splitlines() if line.startswith(query.name + " "))
        assert query.title_zh in line and query.title_en in line
    assert result.stdout.splitlines()[-1] == f"({len(catalogue())} queries)"


def test_a_canned_query_runs_by_name_with_a_parameter(kg, built_store):
    result = kg("query", "function-spending", "--param", "code=2080101", "--store", built_store, "-f", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # 支出总表: 2080101 行政运行 475.46 (323001 only)
    assert [(r["unit_code"], r["name"], r["items_total"]) for r in rows] == [("323001", "行政运行", "475.46")]


def test_markdown_output_is_a_table_with_a_header_rule(kg, built_store):
    result = kg("query", "personnel-public", "--store", built_store, "--format", "md")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "| unit_code | year | currency | total | personnel | public | personnel_share_percent |"
    assert lines[1].startswith("| --- |")
    assert lines[2].split(" | ")[:2] == ["| 323001", "2023"]
    assert len(lines) == 4


def test_a_hostile_parameter_is_data_not_query(kg, built_store):
    for value in ['x" } ; DROP ALL ; SELECT * { "', "就业\n} ; DROP ALL"]:
        result = kg("query", "duties-keyword", "-p", f"keyword={value}", "--store", built_store)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[-1] == "(0 rows)"
    assert kg("query", "duties-keyword", "--store", built_store).stdout.splitlines()[-1] == "(2 rows)"


def test_a_bad_parameter_is_a_usage_error_that_names_it(kg, built_store):
    unknown = kg("query", "function-spending", "-p", "kode=208", "--store", built_store)
    assert unknown.exit_code == 2 and "kode" in unknown.output and "code" in unknown.output
    badly_typed = kg("query", "function-spending", "-p", "code=20801' }", "--store", built_store)
    assert badly_typed.exit_code == 2 and "3 to 7 digits" in badly_typed.output
    not_a_pair = kg("query", "function-spending", "-p", "208", "--store", built_store)
    assert not_a_pair.exit_code == 2 and "KEY=VALUE" in not_a_pair.output


def test_an_unknown_query_name_points_at_the_list(kg, built_store):
    result = kg("query", "no-such-question", "--store", built_store)
    assert result.exit_code == 2
    assert "kg query --list" in " ".join(re.sub("[│╭╮╰╯─]", " ", result.output).split())


def test_a_file_without_a_header_takes_no_parameters(kg, built_store, query_file):
    result = kg("query", query_file(GRAPHS), "-p", "code=208", "--store", built_store)
    assert result.exit_code == 2
    assert "takes no parameters" in result.output


def test_a_query_runs_on_a_sparql_endpoint_with_the_same_answer(kg, built_store, oxigraph_server):
    loaded = kg("load", "--endpoint", oxigraph_server.query, "--graph-store", oxigraph_server.graph_store,
                "--store", built_store)
    assert loaded.exit_code == 0, loaded.output
    local = kg("query", "expenditure-by-unit", "--store", built_store, "-f", "json")
    remote = kg("query", "expenditure-by-unit", "--endpoint", oxigraph_server.query, "-f", "json")
    assert remote.exit_code == 0, remote.output

    def values(result):
        return [{k: v["value"] for k, v in b.items()} for b in json.loads(result.stdout)["results"]["bindings"]]

    assert [r["unit_code"] for r in values(remote)] == ["323001", "323003"]
    assert [float(r["total"]) for r in values(remote)] == [float(r["total"]) for r in values(local)]


def test_a_query_to_an_endpoint_that_is_down_says_so(kg):
    from servers import free_port

    result = kg("query", "unit-summary", "--endpoint", f"http://127.0.0.1:{free_port()}/query")
    assert result.exit_code == 3
    assert "cannot reach the SPARQL endpoint" in result.stderr
