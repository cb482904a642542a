"""Performance-goal tables in the graph and in the CSV exports, built from the bundled sample.

Expected values were read from ``kg/data/julu-hrss-2023-unit-budget.txt`` by hand.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.export import export_csv

BK = "https://budget-kg.org/def/"
PREFIXES = f"PREFIX bk: <{BK}>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


@pytest.fixture(scope="module")
def store(built_store: Path) -> ox.Store:
    return ox.Store.read_only(str(built_store))


@pytest.fixture(scope="module")
def csv_dir(store, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("csv")
    export_csv(store, out)
    return out


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def select(store, query: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(PREFIXES + query)]


def test_one_legal_entity_for_both_spellings_of_the_employment_subsidy_rule(store):
    legal = select(store, """
        SELECT DISTINCT ?legal ?number WHERE { GRAPH ?g {
          ?legal a bk:LegalDocument ; bk:documentNumber ?number FILTER(CONTAINS(?number, "冀财规")) } }""")
    assert [number for _, number in legal] == ["冀财规〔2018〕21号"]
    spellings = select(store, f"SELECT ?label WHERE {{ GRAPH ?g {{ <{legal[0][0]}> rdfs:label ?label }} }} ORDER BY ?label")
    assert spellings == [("冀财规【2018】21号",), ("冀财规〔2018〕21号",)]
    citing = select(store, f"""
        SELECT ?title (COUNT(?indicator) AS ?n) WHERE {{ GRAPH ?g {{
          ?indicator bk:basis <{legal[0][0]}> ; bk:project ?project . ?project bk:title ?title }} }}
        GROUP BY ?title ORDER BY ?title""")
    assert citing == [
        ("冀财社 2022年 150号提前下达 2023年中央就业补助资金-中央直达资金", "6"),
        ("冀财社 2022年 162号提前下达 2023年省级就业补助资金", "6"),
    ]


def test_a_project_links_the_funding_document_its_title_names(store):
    funded = select(store, """
        SELECT ?number WHERE { GRAPH ?g { ?p bk:projectNumber 3 ; bk:fundingDocument/bk:documentNumber ?number ;
                                               bk:unit/<http://www.w3.org/ns/org#identifier> "323001" } }""")
    assert funded == [("冀财社〔2022〕150号",)]


def test_targets_are_decimals_with_qudt_units_and_bases_are_typed(store):
    (target,) = select(store, """
        SELECT ?value ?unit ?basis WHERE { GRAPH ?g {
          ?i bk:indicatorName "补贴核算正确率" ; bk:targetValue ?value ; bk:measureUnit ?unit ;
             bk:basis ?basis ; bk:project/bk:projectNumber 4 } }""")
    assert target[:2] == ("100", "http://qudt.org/vocab/unit/PERCENT")
    assert target[2].endswith("/legal/%E5%86%80%E8%B4%A2%E8%A7%84%E3%80%942018%E3%80%9521%E5%8F%B7")
    datatypes = {row[0].datatype.value for row in store.query(
        PREFIXES + "SELECT ?v WHERE { GRAPH ?g { ?i bk:targetValue ?v } }")}
    assert datatypes == {"http://www.w3.org/2001/XMLSchema#decimal"}
    survey = select(store, """SELECT DISTINCT ?label WHERE { GRAPH ?g {
        ?i bk:basisText "调查问卷" ; bk:basis ?b . ?b a bk:BasisConcept ; <http://www.w3.org/2004/02/skos/core#prefLabel> ?label } }""")
    assert survey == [("调查问卷",)]


def test_indicators_csv_has_one_row_per_printed_row_with_every_field(csv_dir):
    indicators = rows(csv_dir / "indicators.csv")
    assert len(indicators) == 19 * 7
    pension = [r for r in indicators if r["unit_code"] == "323003" and r["project_no"] == "6"]
    assert pension[0] == {
        "document": "https://budget-kg.org/id/doc/323001/2023/unit-budget", "unit_code": "323003", "year": "2023",
        "project_no": "6", "project_name": "企业养老保险专项经费", "level1": "产出指标", "level2": "质量指标",
        "name": "参保率（%）", "description": "已参保人数占应参保人数的比率", "value_text": "≥90%",
        "comparator": "≥", "value": "90", "measure_unit": "%", "basis_text": "邢政办字【2008】34号文件要求",
        "basis_document": "邢政办字〔2008〕34号", "currency": "", "yuan": "",  # a rate, not money
    }
    satisfaction = pension[-1]
    assert (satisfaction["level1"], satisfaction["level2"], satisfaction["value_text"], satisfaction["basis_document"]) == (
        "满意度指标", "服务对象满意度指标", "90%", "")


def test_legal_documents_csv_counts_citations_across_units(csv_dir):
    legal = {r["document_number"]: r for r in rows(csv_dir / "legal_documents.csv")}
    assert {k: (v["citations"], v["indicator_citations"], v["project_citations"], v["units"])
            for k, v in legal.items()} == {
        "冀财规〔2018〕21号": ("12", "12", "0", "323001"),
        "巨政〔2012〕6号": ("6", "6", "0", "323003"),
        "巨政发〔2016〕9号": ("6", "6", "0", "323003"),
        # Cited only in basis cells of a table with no consistent reading (323003 #5).
        "冀财社〔2021〕192号": ("1", "0", "1", "323003"),
        "政字〔2004〕23号": ("6", "6", "0", "323003"),
        "政字〔2017〕7号": ("6", "6", "0", "323003"),
        "邢政办字〔2008〕34号": ("6", "6", "0", "323003"),
        "冀政办发〔2016〕4号": ("2", "2", "0", "323001"),
        "冀财社〔2022〕150号": ("1", "0", "1", "323001"),
        "冀财社〔2022〕162号": ("1", "0", "1", "323001"),
        "冀财社〔2022〕174号": ("1", "0", "1", "323003"),
    }
    assert legal["冀财规〔2018〕21号"]["spellings"] == "冀财规【2018】21号 | 冀财规〔2018〕21号"


def test_projects_csv_reports_unattributed_cells_per_project(csv_dir):
    projects = rows(csv_dir / "projects.csv")
    assert len(projects) == 19
    assert {(p["unit_code"], p["project_no"]): p["unattributed"] for p in projects if p["unattributed"] != "0"} == {
        ("323001", "2"): "2", ("323001", "11"): "2", ("323003", "4"): "2", ("323003", "5"): "16",
        ("323003", "8"): "2"}
