"""Code lists: the SKOS files generated from the reference CSVs, and the plain look-ups."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS

import kg.codes
import kg.rdf.codelists
from kg.codes import classification_of, code_name, economic_class_by_name, function_class_by_name, is_known, parent_code
from kg.rdf.codelists import CODELIST_YEARS, codelist_path, codelist_turtle, write_codelists
from kg.resources import resource

FN = rdflib.Namespace("https://budget-kg.org/def/code/function/2023/")
EC = rdflib.Namespace("https://budget-kg.org/def/code/economic/2023/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SOURCES = rdflib.Namespace("https://budget-kg.org/def/codelists/")
SCHEMES = [(c, y) for y in CODELIST_YEARS for c in ("function", "economic")]


@pytest.fixture(scope="module")
def function_2023() -> rdflib.Graph:
    return rdflib.Graph().parse(codelist_path("function", 2023), format="turtle")


@pytest.mark.parametrize("classification, year", SCHEMES)
def test_committed_turtle_equals_what_the_generator_writes(classification, year):
    committed = codelist_path(classification, year).read_text(encoding="utf-8")
    assert committed == codelist_turtle(classification, year), "run: python -m kg.rdf.codelists"


def test_write_codelists_writes_one_file_per_classification_and_year(tmp_path: Path):
    written = write_codelists(tmp_path, years=[2023, 2024])
    assert sorted(p.name for p in written) == [
        "economic-2023.ttl", "economic-2024.ttl", "function-2023.ttl", "function-2024.ttl"]
    assert "<https://budget-kg.org/def/code/function/2024/2080101>" in (tmp_path / "function-2024.ttl").read_text()


def test_concepts_have_notation_chinese_label_and_broader_chain(function_2023):
    g = function_2023
    assert (FN["2080101"], RDF.type, SKOS.Concept) in g
    assert (FN["2080101"], SKOS.notation, rdflib.Literal("2080101")) in g
    assert (FN["2080101"], SKOS.prefLabel, rdflib.Literal("行政运行", lang="zh")) in g
    assert (FN["2080101"], SKOS.broader, FN["20801"]) in g
    assert (FN["20801"], SKOS.broader, FN["208"]) in g
    assert (FN["208"], SKOS.topConceptOf, rdflib.URIRef("https://budget-kg.org/def/code/function/2023")) in g
    assert (FN["208"], SKOS.prefLabel, rdflib.Literal("社会保障和就业支出", lang="zh")) in g


def test_every_class_of_the_reference_list_is_a_top_concept(function_2023):
    scheme = rdflib.URIRef("https://budget-kg.org/def/code/function/2023")
    tops = {str(c).rsplit("/", 1)[-1] for c in function_2023.subjects(SKOS.topConceptOf, scheme)}
    assert {"201", "208", "221", "234"} <= tops
    assert (scheme, RDF.type, SKOS.ConceptScheme) in function_2023


def test_each_code_name_has_provenance_to_its_csv(function_2023):
    g = function_2023
    assert set(g.objects(FN["2080101"], PROV.wasDerivedFrom)) == {SOURCES["function_codes_observed.csv"]}
    assert SOURCES["function_classes.csv"] in set(g.objects(FN["221"], PROV.wasDerivedFrom))
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    assert len(concepts) == len(kg.codes.codes("function"))
    assert all(set(g.objects(c, PROV.wasDerivedFrom)) for c in concepts)


def test_economic_scheme_has_two_levels():
    g = rdflib.Graph().parse(codelist_path("economic", 2023), format="turtle")
    assert (EC["30101"], SKOS.broader, EC["301"]) in g
    assert (EC["30101"], SKOS.prefLabel, rdflib.Literal("基本工资", lang="zh")) in g


def test_function_class_by_name_finds_class_codes():
    assert function_class_by_name("社会保障和就业支出") == "208"
    assert function_class_by_name("住房保障支出") == "221"
    assert function_class_by_name("八、社会保障和就业支出") == "208"
    assert function_class_by_name(" 二十、住房保障 支出") == "221"
    assert economic_class_by_name("商品和服务支出") == "302"


def test_unknown_names_and_codes_are_none_not_errors():
    assert function_class_by_name("住房保障支出住") is None
    assert function_class_by_name("行政运行") is None  # a 项 name, not a class
    assert code_name("function", "2089988") is None
    assert not is_known("function", "2089988")
    assert is_known("function", "2080101")


def test_parent_code_strips_the_last_level():
    assert [parent_code(c) for c in ("2080101", "20801", "208", "30101", "x", "")] == [
        "20801", "208", None, "301", None, None]


def test_classification_of_a_code_follows_its_first_digit():
    assert [classification_of(c) for c in ("208", "2080101", "301", "101", "合计")] == [
        "function", "function", "economic", None, None]


def test_codes_module_does_not_import_rdf_libraries():
    # Extraction uses kg.codes; it must stay free of RDF code (DESIGN.md: one-way data flow).
    code = "import sys, kg.codes; kg.codes.function_class_by_name('住房保障支出'); " \
           "print(sorted(m for m in ('rdflib', 'pyoxigraph', 'kg.rdf') if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=Path(kg.codes.__file__).parent.parent, check=True)
    assert result.stdout.strip() == "[]"


def test_csv_copies_equal_the_shared_reference(shared_reference):
    for source in shared_reference.glob("*.csv"):
        assert resource("ontology", "codelists", source.name).read_bytes() == source.read_bytes()


@pytest.mark.parametrize("module", [kg.codes, kg.rdf.codelists])
def test_docstring_examples_run(module):
    assert doctest.testmod(module).failed == 0
