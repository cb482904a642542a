"""The query library: every canned query documents itself, and parameters are bound safely."""

from __future__ import annotations

import re

import pytest
from query_answers import answer

from kg.errors import BudgetKgError
from kg.queries import CannedQuery, Parameter, ParameterError, bind, catalogue
from kg.store.backend import Embedded

QUERIES = sorted(catalogue())

#: Values that would change a query's shape if pasted into its text.
INJECTIONS = [
    'x"',
    "x' ",
    '" } ; DROP ALL ; SELECT * { "',
    "} ; DROP ALL",
    "就业\n} ; DROP ALL #",
    'x\\" } UNION { ?s ?p ?o } #',
    ">",
]


def test_the_library_has_at_least_fifteen_queries():
    assert len(QUERIES) >= 15


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_has_a_bilingual_title_a_description_and_an_example(name):
    query = catalogue()[name]
    assert re.search(r"[\u4e00-\u9fff]", query.title_zh), "the title needs its Chinese half: 中文 / English"
    assert re.search(r"[A-Za-z]", query.title_en)
    assert len(query.description) > 40
    assert query.example.startswith(f"kg query {name}")
    assert query.columns


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_names_its_graphs_so_any_server_gives_the_same_answer(name):
    text = "\n".join(line for line in catalogue()[name].text.splitlines() if not line.startswith("#"))
    assert "GRAPH ?" in text
    # every triple pattern block sits inside a GRAPH: no top-level "?s bk:p ?o" outside one
    outside = re.sub(r"GRAPH \?\w+ \{(?:[^{}]|\{[^{}]*\})*\}", "", text)
    assert not re.search(r"\?\w+ (?:bk|org|skos|sh):\w+", outside), outside


@pytest.mark.parametrize("name", QUERIES)
def test_every_query_selects_the_columns_its_header_lists(name, built_store):
    with Embedded(built_store) as backend:
        result = backend.query(bind(catalogue()[name]))
    assert result.variables == catalogue()[name].columns


@pytest.mark.parametrize("name", QUERIES)
def test_every_declared_parameter_has_one_binding_site_holding_its_default(name):
    query = catalogue()[name]
    for parameter in query.parameters:
        # binding the default must give back the file as written: the file runs as it stands
        assert bind(query, {parameter.name: parameter.default}) == query.text


def test_the_example_in_each_header_names_only_declared_parameters():
    for query in catalogue().values():
        used = set(re.findall(r"(?:--param|-p) (\w+)=", query.example))
        assert used <= {p.name for p in query.parameters}, query.name


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_hostile_string_stays_one_literal(value, built_store):
    text = bind(catalogue()["duties-keyword"], {"keyword": value})
    # only the VALUES block changed, and it holds one term
    before, after = catalogue()["duties-keyword"].text.split('VALUES ?keyword { "就业" }')
    assert text.startswith(before) and text.endswith(after)
    with Embedded(built_store) as backend:
        middle = text[len(before) : len(text) - len(after)]
        echoed = backend.query(f"SELECT ?keyword WHERE {{ {middle} }}")
        assert [row[0].value for row in echoed.rows] == [value]
        assert answer(backend, "duties-keyword", keyword=value) == []
        assert len(backend.store) > 8000  # nothing was dropped


@pytest.mark.parametrize("value", INJECTIONS)
def test_a_hostile_code_or_limit_is_refused(value):
    with pytest.raises(ParameterError, match="code"):
        bind(catalogue()["function-spending"], {"code": value})
    with pytest.raises(ParameterError, match="n="):
        bind(catalogue()["top-function-lines"], {"n": value})


def test_an_unknown_parameter_is_refused_and_the_known_ones_are_named():
    with pytest.raises(ParameterError, match="unknown parameter kode; it takes code"):
        bind(catalogue()["function-spending"], {"kode": "208"})


def test_a_parameter_error_is_a_budget_kg_error():
    assert issubclass(ParameterError, BudgetKgError)


def test_a_document_number_in_any_spelling_binds_its_canonical_form():
    query = catalogue()["indicators-citing-legal"]
    for spelling in ["冀财规〔2018〕21号", "冀财规【2018】21号", "冀财规[2018]21号", "冀财规［２０１８］２１ 号"]:
        assert 'VALUES ?document { "冀财规〔2018〕21号" }' in bind(query, {"document": spelling})
    with pytest.raises(ParameterError, match="文号"):
        bind(query, {"document": "冀财规〔2018〕21号 } ; DROP ALL"})
    with pytest.raises(ParameterError, match="文号"):
        bind(query, {"document": "2018 } ; DROP ALL"})


@pytest.mark.parametrize(
    ("kind", "value", "term"),
    [
        ("integer", "0042", '"42"^^<http://www.w3.org/2001/XMLSchema#integer>'),
        ("decimal", "12.50", '"12.50"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
        ("decimal", "1E+2", '"100"^^<http://www.w3.org/2001/XMLSchema#decimal>'),
        ("string", 'a"b\nc', '"a\\"b\\nc"'),
        ("iri", "https://budget-kg.org/id/unit/323001", "<https://budget-kg.org/id/unit/323001>"),
        ("limit", "5", "5"),
    ],
)
def test_values_become_typed_terms(kind, value, term):
    assert Parameter("p", kind, "", "").term(value) == term


@pytest.mark.parametrize(
    ("kind", "value"),
    [("integer", "1.5"), ("decimal", "NaN"), ("decimal", "12,5"), ("iri", "http://x> } DROP ALL"), ("limit", "0")],
)
def test_values_that_do_not_fit_the_type_are_refused(kind, value):
    with pytest.raises(ParameterError):
        Parameter("p", kind, "", "").term(value)


def test_a_query_without_a_binding_site_for_its_parameter_is_reported(tmp_path):
    path = tmp_path / "broken.rq"
    query = CannedQuery("broken", path, "坏", "Broken", "", (Parameter("code", "code", "208", ""),), "", ("x",),
                        "SELECT ?x WHERE { ?x ?p ?code }")
    with pytest.raises(ValueError, match="binding site"):
        bind(query)


def test_a_limit_binds_the_final_limit_and_a_ranking_subquerys(built_store):
    # top-function-lines ranks in a subquery and looks up the rest for the top rows only.
    text = bind(catalogue()["top-function-lines"], {"n": "3"})
    assert re.findall(r"LIMIT \d+", text) == ["LIMIT 3", "LIMIT 3"]
    with Embedded(built_store) as backend:
        assert len(backend.query(text).rows) == 3


def test_a_limit_only_inside_a_subquery_is_no_binding_site(tmp_path):
    query = CannedQuery("broken", tmp_path / "broken.rq", "坏", "Broken", "", (Parameter("n", "limit", "10", ""),), "",
                        ("x",), "SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p ?o } LIMIT 10 } }")
    with pytest.raises(ValueError, match="binding site"):
        bind(query)


def test_docstring_examples_of_the_query_library_run():
    import doctest

    import kg.queries

    failures, tried = doctest.testmod(kg.queries)
    assert tried > 0 and failures == 0
