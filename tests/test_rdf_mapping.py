"""The record → RDF mapping (kg.rdf.mapping), on hand-built records of the sample."""

from __future__ import annotations

import doctest
import re
from datetime import datetime, timezone
from decimal import Decimal

import pyoxigraph as ox
import pytest
import rdflib
from julu_records import SHA256, SOURCE, julu_document

import kg
import kg.rdf.iris
import kg.rdf.literals
import kg.rdf.mapping
from kg.rdf.mapping import document_quads, graph_iri
from kg.records import Document, Line, Location, Table, Unit

BASE = "https://budget-kg.org/id/"
BK = "https://budget-kg.org/def/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
WHEN = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
LINE = BASE + "line/323001/2023/expenditure/2080101"


def triples(quads) -> set[tuple[str, str, str]]:
    return {(q.subject.value, q.predicate.value, str(q.object)) for q in quads}


def objects(quads, subject: str, predicate: str) -> set[str]:
    return {str(q.object) for q in quads if q.subject.value == subject and q.predicate.value == predicate}


@pytest.fixture(scope="module")
def quads():
    return document_quads(julu_document(), BASE, generated_at=WHEN)


def test_all_quads_are_in_one_graph_named_after_first_unit_year_and_kind(quads):
    assert {q.graph_name.value for q in quads} == {BASE + "graph/323001/2023/unit-budget"}
    assert graph_iri(julu_document()) == BASE + "graph/323001/2023/unit-budget"


def test_same_document_maps_to_identical_quads(quads):
    assert document_quads(julu_document(), BASE, generated_at=WHEN) == quads


def test_only_generated_at_time_differs_between_two_builds(quads):
    later = document_quads(julu_document(), BASE, generated_at=datetime(2030, 1, 1, tzinfo=timezone.utc))
    differing = triples(quads) ^ triples(later)
    assert {p for _, p, _ in differing} == {PROV + "generatedAtTime"}
    assert len(differing) == 2


def test_generated_at_defaults_to_now_in_utc():
    quads = document_quads(julu_document(), BASE)
    (stamp,) = [q.object.value for q in quads if q.predicate.value == PROV + "generatedAtTime"]
    assert stamp.endswith("+00:00")


def test_amounts_are_plain_xsd_decimals(quads):
    cell = LINE + "/project"
    assert objects(quads, cell, BK + "amount") == {f'"10.00"^^<{XSD}decimal>'}
    decimals = [q.object.value for q in quads if isinstance(q.object, ox.Literal)
                and q.object.datatype.value == XSD + "decimal"]
    assert decimals and all(re.fullmatch(r"-?\d+(\.\d+)?", d) for d in decimals)


def test_printed_amount_is_kept_as_its_own_string(quads):
    assert objects(quads, LINE + "/project", BK + "printedAmount") == {'"10.00"'}
    assert objects(quads, LINE + "/total", BK + "printedAmount") == {'"475.46"'}


def test_amount_in_yuan_is_wan_yuan_times_ten_thousand(quads):
    assert objects(quads, LINE + "/total", BK + "amountYuan") == {f'"4754600.00"^^<{XSD}decimal>'}


def test_printed_currency_unit_is_on_the_table(quads):
    table = BASE + "table/323001/2023/expenditure"
    assert objects(quads, table, BK + "printedCurrencyUnit") == {'"万元"'}


def test_each_cell_is_line_column_amount(quads):
    cell = LINE + "/basic"
    assert (LINE, BK + "cell", f"<{cell}>") in triples(quads)
    assert objects(quads, cell, BK + "column") == {f"<{BK}column/basic>"}
    assert objects(quads, cell, "http://purl.org/linked-data/cube#dataSet") == {
        f"<{BASE}table/323001/2023/expenditure>"}
    assert objects(quads, cell, RDF_TYPE) == {f"<{BK}Cell>", "<http://purl.org/linked-data/cube#Observation>"}


def test_each_cell_is_also_reached_by_its_column_as_a_property(quads):
    # 2080101 行政运行 prints 475.46 / 465.46 / 10.00 in the 支出总表.
    for column, amount in (("total", "475.46"), ("basic", "465.46"), ("project", "10.00")):
        (cell,) = objects(quads, LINE, f"{BK}column/{column}")
        assert cell == f"<{LINE}/{column}>"
        assert objects(quads, cell[1:-1], BK + "printedAmount") == {f'"{amount}"'}
    blank = BASE + "line/323001/2023/expenditure/2080105"  # no 基本支出 printed
    assert objects(quads, blank, f"{BK}column/basic") == set()
    assert objects(quads, blank, f"{BK}column/project") == {f"<{blank}/project>"}


def test_a_coded_line_rolls_up_to_its_own_code_and_each_code_above(quads):
    assert objects(quads, LINE, BK + "rollsUpTo") == {'"2080101"', '"20801"', '"208"'}
    economic = BASE + "line/323001/2023/gpb_basic_economic/"
    assert objects(quads, economic + "30101", BK + "rollsUpTo") == {'"30101"', '"301"'}
    assert objects(quads, economic + "301", BK + "rollsUpTo") == {'"301"'}
    assert objects(quads, economic + "total", BK + "rollsUpTo") == set()


def test_a_code_concept_carries_the_code_of_its_broader_concept(quads):
    function = "https://budget-kg.org/def/code/function/2023/"
    assert objects(quads, function + "2080101", BK + "parentCode") == {'"20801"'}
    assert objects(quads, function + "20801", BK + "parentCode") == {'"208"'}
    assert objects(quads, function + "208", BK + "parentCode") == set()


def test_blank_cell_has_no_cell_and_is_never_zero(quads):
    line = BASE + "line/323001/2023/expenditure/2080105"
    assert objects(quads, line, BK + "cell") == {f"<{line}/total>", f"<{line}/project>"}
    assert not objects(quads, line + "/basic", BK + "amount")


def test_float_amount_is_refused():
    doc = julu_document()
    doc.units[0].tables[2].lines[0].values["total"] = 3889.89
    with pytest.raises(TypeError, match="Decimal"):
        document_quads(doc, BASE, generated_at=WHEN)


def test_line_has_printed_name_code_row_page_and_function_concept(quads):
    assert objects(quads, LINE, BK + "printedName") == {'"行政运行"@zh'}
    assert objects(quads, LINE, BK + "code") == {'"2080101"'}
    assert objects(quads, LINE, BK + "rowKey") == {'"2080101"'}
    assert objects(quads, LINE, BK + "rowNumber") == {f'"4"^^<{XSD}integer>'}
    assert objects(quads, LINE, BK + "page") == {f'"5"^^<{XSD}integer>'}
    assert objects(quads, LINE, BK + "textLine") == {f'"594"^^<{XSD}integer>'}
    assert objects(quads, LINE, BK + "functionalClassification") == {f"<{BK}code/function/2023/2080101>"}
    assert objects(quads, LINE, RDF_TYPE) == {f"<{BK}BudgetLine>", f"<{BK}FunctionLine>"}


def test_code_concept_gets_skeleton_and_the_name_printed_in_this_document(quads):
    concept = BK + "code/function/2023/2080101"
    assert objects(quads, concept, SKOS + "notation") == {'"2080101"'}
    assert objects(quads, concept, SKOS + "broader") == {f"<{BK}code/function/2023/20801>"}
    assert objects(quads, concept, SKOS + "inScheme") == {f"<{BK}code/function/2023>"}
    assert objects(quads, concept, BK + "printedName") == {'"行政运行"@zh'}


def test_economic_lines_point_at_economic_concepts(quads):
    line = BASE + "line/323001/2023/gpb_basic_economic/30101"
    assert objects(quads, line, BK + "economicClassification") == {f"<{BK}code/economic/2023/30101>"}
    assert objects(quads, BK + "code/economic/2023/30101", SKOS + "broader") == {f"<{BK}code/economic/2023/301>"}


def test_summary_class_rows_are_function_lines_and_labelled_rows_are_not(quads):
    assert objects(quads, BASE + "line/323001/2023/summary/221", BK + "functionalClassification") == {
        f"<{BK}code/function/2023/221>"}
    labelled = BASE + "line/323001/2023/summary/income.gpb"
    assert objects(quads, labelled, RDF_TYPE) == {f"<{BK}BudgetLine>", f"<{BK}LabelledLine>"}
    assert objects(quads, labelled + "/amount", BK + "printedAmount") == {'"3889.89"'}


def test_total_row_without_code_is_a_labelled_line(quads):
    total = BASE + "line/323001/2023/expenditure/total"
    assert f"<{BK}LabelledLine>" in objects(quads, total, RDF_TYPE)
    assert not objects(quads, total, BK + "code")


def test_unknown_code_is_mapped_without_error():
    doc = julu_document()
    doc.units[0].tables[2].lines.append(
        Line("2089988", "没有的科目", {"total": Decimal("1.00")}, Location(SOURCE, 6), "2089988"))
    quads = document_quads(doc, BASE, generated_at=WHEN)
    concept = BK + "code/function/2023/2089988"
    assert objects(quads, concept, SKOS + "broader") == {f"<{BK}code/function/2023/20899>"}


def test_a_row_s_code_in_a_second_classification_is_its_paired_concept_with_the_name_printed():
    doc = julu_document()
    table = doc.units[0].table("gpb_basic_economic")
    line = table.line("30101")
    table.lines[table.lines.index(line)] = Line(line.key, line.name, line.values, line.location, line.code,
                                                paired_code="50101", paired_name="工资奖金津补贴")
    quads = document_quads(doc, BASE, generated_at=WHEN)
    node = BASE + "line/323001/2023/gpb_basic_economic/30101"
    concept = BK + "code/government-economic/2023/50101"
    assert objects(quads, node, BK + "pairedClassification") == {f"<{concept}>"}
    assert objects(quads, node, BK + "economicClassification") == {f"<{BK}code/economic/2023/30101>"}
    assert objects(quads, concept, SKOS + "inScheme") == {f"<{BK}code/government-economic/2023>"}
    assert objects(quads, concept, BK + "printedName") == {'"工资奖金津补贴"@zh'}


def test_unit_is_a_formal_organization_with_identifier_and_name(quads):
    unit = BASE + "unit/323001"
    assert objects(quads, unit, "http://www.w3.org/ns/org#identifier") == {'"323001"'}
    assert objects(quads, unit, SKOS + "prefLabel") == {'"巨鹿县人力资源和社会保障局本级"@zh'}
    assert "<http://www.w3.org/ns/org#FormalOrganization>" in objects(quads, unit, RDF_TYPE)
    document = BASE + "doc/323001/2023/unit-budget"
    assert objects(quads, document, BK + "coversUnit") == {f"<{unit}>", f"<{BASE}unit/323003>"}


def test_table_has_title_year_unit_kind_phase_and_pages(quads):
    table = BASE + "table/323001/2023/expenditure"
    assert objects(quads, table, "http://purl.org/dc/terms/title") == {'"单位预算支出总表"@zh'}
    assert objects(quads, table, BK + "year") == {f'"2023"^^<{XSD}gYear>'}
    assert objects(quads, table, BK + "unit") == {f"<{BASE}unit/323001>"}
    assert objects(quads, table, BK + "tableKind") == {f"<{BK}table/expenditure>"}
    assert objects(quads, table, "http://data.openbudgets.eu/ontology/dsd/dimension/fiscalYear") == {
        "<http://reference.data.gov.uk/id/year/2023>"}
    assert objects(quads, table, BK + "budgetPhase") == {
        "<http://data.openbudgets.eu/resource/codelist/budget-phase/approved>"}
    assert objects(quads, table, BK + "page") == {f'"5"^^<{XSD}integer>', f'"6"^^<{XSD}integer>'}


def test_explicitly_empty_table_is_marked_with_its_note(quads):
    table = BASE + "table/323001/2023/gov_fund_expenditure"
    assert objects(quads, table, BK + "explicitlyEmpty") == {f'"true"^^<{XSD}boolean>'}
    assert objects(quads, table, BK + "emptyNote") == {'"注：无政府基金预算财政拨款预算，空表列示。"@zh'}
    assert not objects(quads, BASE + "table/323001/2023/expenditure", BK + "explicitlyEmpty")


def test_identity_breaks_and_unplaced_tokens_are_annotated(quads):
    table = BASE + "table/323001/2023/gpb_basic_economic"
    brk = BASE + "line/323001/2023/gpb_basic_economic/total/total/break/row-sum"
    assert objects(quads, table, BK + "identityBreak") == {f"<{brk}>"}
    assert objects(quads, brk, BK + "expected") == {f'"685.86"^^<{XSD}decimal>'}
    assert objects(quads, brk, BK + "actual") == {f'"685.85"^^<{XSD}decimal>'}
    token = table + "/unplaced/1"
    assert objects(quads, token, BK + "text") == {'"989.0017"'}
    assert objects(quads, token, BK + "textLine") == {f'"1433"^^<{XSD}integer>'}


def test_graph_provenance_names_file_sha_time_and_tool_version(quads):
    graph = BASE + "graph/323001/2023/unit-budget"
    source = BASE + "file/sha256/" + SHA256
    assert objects(quads, graph, PROV + "wasDerivedFrom") == {f"<{source}>"}
    assert objects(quads, graph, PROV + "generatedAtTime") == {f'"2024-05-01T12:00:00+00:00"^^<{XSD}dateTime>'}
    assert objects(quads, graph, BK + "toolVersion") == {f'"{kg.__version__}"'}
    assert objects(quads, source, BK + "fileName") == {f'"{SOURCE}"'}
    assert objects(quads, source, BK + "sha256") == {f'"{SHA256}"'}


def test_base_iri_is_configurable():
    quads = document_quads(julu_document(), "https://example.org/kg", generated_at=WHEN)
    assert {q.graph_name.value for q in quads} == {"https://example.org/kg/graph/323001/2023/unit-budget"}
    subjects = {q.subject.value for q in quads}
    assert "https://example.org/kg/line/323001/2023/expenditure/2080101" in subjects
    # code-list concepts are terms, shared by every deployment
    assert BK + "code/function/2023/2080101" in subjects


def test_document_without_units_is_named_by_its_hash():
    quads = document_quads(Document("x.txt", "AB" * 32, "hebei-county", "单位"), BASE, generated_at=WHEN)
    assert {q.graph_name.value for q in quads} == {BASE + "graph/file/abababababababab"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own nquads parser
def test_mapped_graph_loads_into_oxigraph_and_rdflib(quads):
    store = ox.Store()
    store.extend(quads)
    assert len(store) == len(quads)
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    dataset = rdflib.Dataset()
    dataset.parse(data=text, format="nquads")
    assert len(dataset.graph(rdflib.URIRef(BASE + "graph/323001/2023/unit-budget"))) == len(quads)


@pytest.mark.parametrize("module", [kg.rdf.iris, kg.rdf.literals, kg.rdf.mapping])
def test_docstring_examples_run(module):
    assert doctest.testmod(module).failed == 0


def test_unit_on_table_record_is_used_for_year_and_currency():
    unit = Unit("100001", "某单位", 2024, "元", [Table("expenditure", "支出总表", ["total"], [
        Line("201", "一般公共服务支出", {"total": Decimal("12.5")}, Location("y.txt", 1), "201")],
        classification="function")])
    quads = document_quads(Document("y.txt", "cd" * 32, "hebei-county", "单位", [unit]), BASE, generated_at=WHEN)
    cell = BASE + "line/100001/2024/expenditure/201/total"
    assert objects(quads, cell, BK + "amountYuan") == {f'"12.5"^^<{XSD}decimal>'}
    assert objects(quads, BASE + "line/100001/2024/expenditure/201", BK + "functionalClassification") == {
        f"<{BK}code/function/2024/201>"}


def test_a_percentage_a_line_prints_is_a_cell_with_no_amount():
    """占比 85.5% is a cell of its line and column, with bk:percentage 85.5: no amount, so no
    sum, export or check takes it for money."""
    line = Line("201", "一般公共服务支出", {"total": Decimal("12.5")}, Location("y.pdf", 1), "201",
                percentages={"col:占比": Decimal("85.5")})
    unit = Unit("100001", "某单位", 2024, "万元", [Table("expenditure", "支出总表", ["total"], [line],
                                                    classification="function")])
    quads = document_quads(Document("y.pdf", "cd" * 32, "standard", "部门", [unit]), BASE, generated_at=WHEN)
    cell = BASE + "line/100001/2024/expenditure/201/col%3A%E5%8D%A0%E6%AF%94"
    assert f"<{cell}>" in objects(quads, BASE + "line/100001/2024/expenditure/201", BK + "cell")
    assert objects(quads, cell, BK + "percentage") == {f'"85.5"^^<{XSD}decimal>'}
    assert objects(quads, cell, BK + "printedAmount") == {'"85.5%"'}
    assert objects(quads, cell, BK + "amount") == set() and objects(quads, cell, BK + "amountYuan") == set()


def test_a_table_printed_in_another_unit_than_its_unit_keeps_both_and_normalises_by_its_own():
    # A Shanghai document prints its tables in 元 and its 三公 table in 万元.
    at = Location("b.pdf", 21, "three_public", 1)
    three_public = Table("three_public", "单位“三公”经费和机关运行经费预算表", ["total"], currency="万元",
                         lines=[Line("operating_costs", "机关运行经费预算数", {"total": Decimal("171.01")}, at)])
    summary = Table("summary", "预算单位财务收支预算总表", ["amount"],
                    lines=[Line("income.grand_total", "收入总计", {"amount": Decimal("371514655.00")}, at)])
    unit = Unit("u-8595d97116", "上海市普陀区商务委员会", 2025, "元", tables=[summary, three_public])
    quads = document_quads(Document("b.pdf", "cd" * 32, "shanghai-district", "单位", [unit]), BASE, WHEN)
    table = BASE + "table/u-8595d97116/2025/"
    line = BASE + "line/u-8595d97116/2025/"
    assert objects(quads, table + "three_public", BK + "printedCurrencyUnit") == {'"万元"'}
    assert objects(quads, table + "summary", BK + "printedCurrencyUnit") == {'"元"'}
    assert objects(quads, line + "three_public/operating_costs/total", BK + "amountYuan") == {
        f'"1710100.00"^^<{XSD}decimal>'}
    assert objects(quads, line + "summary/income.grand_total/amount", BK + "amountYuan") == {
        f'"371514655.00"^^<{XSD}decimal>'}
