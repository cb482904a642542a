"""Validation: the real sample's genuine errors, and one mutation per shape.

Mutation tests change one value or remove one node in a document's graph and assert the
complete set of findings (shape, table, row, column). A cell of these tables takes part in
several identities (its row, its column's parent sum, the same line in another table), so
where one change necessarily breaks more than one identity, every consequence is listed;
the shape under test is always among them, at the changed cell.

The base graph for table and narrative mutations is a clean generated disclosure
(``benchmarks/generate_disclosures.py``, parsed by the real parser): validating it takes
about 0.3 s, against about 2 s for the sample. Indicator shapes run on the sample's own
projects and indicators (read by the real reader), without its tables.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import REPO
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from kg.rdf.mapping import document_quads
from kg.read import read_document
from kg.read.goals import read_projects
from kg.read.narrative import read_narratives
from kg.read.source.text import read_text
from kg.records import Document, Unit
from kg.validate import catalogue
from kg.validate.document import graph_from_quads, validate_graph

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_disclosures import generate  # noqa: E402
from test_validate_document import DOCUMENT_SHAPES  # planted in a copy of the sample there
from test_validate_shanghai import SHANGHAI_SHAPES  # changed in a Shanghai document's graph there

BK = Namespace("https://budget-kg.org/def/")
ID = "https://budget-kg.org/id/"


@pytest.fixture(scope="session")
def sample_task(sample: Path):
    return validate_graph(graph_from_quads(document_quads(read_document(sample))))


def test_the_sample_reports_exactly_its_one_genuine_inconsistency(sample_task):
    # 323001's narrative (page 31, text lines 2402-2404): 本年度拟购置固定资产总额为 33.00万元，
    # 已按要求列入政府采购预算; its 政府采购预算情况 (line 2329) says 0.00万元, and the
    # procurement table is printed empty (注：无政府采购预算，空表列示).
    assert [(f.code, f.severity, f.unit, f.table, f.page, f.row) for f in sample_task.findings] == [
        ("BK-NARR-PROCUREMENT", "violation", "323001", "narrative", 31, "assets.planned_purchases")
    ]
    finding = sample_task.findings[0]
    assert finding.values == {"planned": "33.00", "procurement": "0.00"}
    assert "33.00" in finding.message_zh and "政府采购预算" in finding.message_zh
    assert finding.document == "julu-hrss-2023-unit-budget.txt"


def test_every_shape_has_an_id_severity_and_what_to_fix():
    shapes = catalogue()
    assert len(shapes) == 35
    for shape in shapes.values():
        assert shape.id.startswith("BK-") and shape.severity in {"violation", "warning"}
        assert shape.title and shape.title_zh and "heck" in shape.description


# -- the clean generated document and its mutations ---------------------------------------


@pytest.fixture(scope="session")
def clean_graph(tmp_path_factory) -> Graph:
    folder = tmp_path_factory.mktemp("generated")
    key = generate(folder, 1, seed=1)
    assert key[0].kind == "clean"
    graph = graph_from_quads(document_quads(read_document(folder / key[0].document)))
    assert validate_graph(graph).findings == [], "the clean generated document must validate clean"
    return graph


def _codes(graph: Graph) -> dict[str, str]:
    """The generated unit's function codes: 类, 款 and the two 项 (item1, item2)."""
    codes = sorted(
        str(c) for line, c in graph.subject_objects(BK.code) if "/gpb_expenditure/" in str(line)
    )
    return {"cls": codes[0], "kuan": codes[1], "item1": codes[2], "item2": codes[3]}


def _econ(graph: Graph) -> dict[str, str]:
    codes = sorted(
        str(c) for line, c in graph.subject_objects(BK.code) if "/gpb_basic_economic/" in str(line)
    )
    return {"leaf301": [c for c in codes if c.startswith("301") and len(c) == 5][0]}


def _line(table: str, row: str) -> URIRef:
    return URIRef(f"{ID}line/400001/2023/{table}/{row}")


def _cell(table: str, row: str, column: str) -> URIRef:
    return URIRef(f"{ID}line/400001/2023/{table}/{row}/{column}")


def _fact(key: str) -> URIRef:
    return URIRef(f"{ID}unit/400001/2023/fact/{key}")


def _add_to_amount(graph: Graph, node: URIRef, delta: str) -> None:
    old = graph.value(node, BK.amount)
    value = Decimal(str(old)) if old is not None else Decimal(0)
    _set_amount(graph, node, value + Decimal(delta))


def _set_amount(graph: Graph, node: URIRef, value: Decimal) -> None:
    """The amount as printed and in 元, as the mapping writes them (the generated documents are in 万元)."""
    graph.set((node, BK.amount, Literal(value)))
    graph.set((node, BK.amountYuan, Literal(value * 10000)))


def _state(graph: Graph, facts: dict[str, str]) -> None:
    """Facts the narrative states, in 万元 (a key ending in .share in %), as the mapping writes them."""
    narrative = graph.value(predicate=BK.fact, object=_fact("expenditure.project"))
    for key, printed in facts.items():
        node = _fact(key)
        graph.add((narrative, BK.fact, node))
        graph.add((node, BK.factKey, Literal(key)))
        graph.add((node, BK.printedAmount, Literal(printed)))
        graph.add((node, BK.printedUnit, Literal("%" if key.endswith(".share") else "万元")))
        if key.endswith(".share"):
            graph.add((node, BK.amount, Literal(Decimal(printed))))
        else:
            _set_amount(graph, node, Decimal(printed))


def _add_cell(graph: Graph, table: str, row: str, column: str, amount: str) -> None:
    cell = _cell(table, row, column)
    graph.add((_line(table, row), BK.cell, cell))
    graph.add((cell, BK.column, URIRef(f"https://budget-kg.org/def/column/{column}")))
    _set_amount(graph, cell, Decimal(amount))


def _add_unplaced(graph: Graph, table: str, text: str) -> None:
    """A number of the table that the reader could not place, as the mapping records it."""
    table_node = URIRef(f"{ID}table/400001/2023/{table}")
    token = URIRef(f"{table_node}/unplaced/1")
    graph.add((table_node, BK.unplacedToken, token))
    graph.add((token, RDF.type, BK.UnplacedToken))
    graph.add((token, BK.text, Literal(text)))
    graph.add((token, BK.reason, Literal("no cell fits it")))
    graph.add((token, BK.page, graph.value(table_node, BK.page)))


def _remove_node(graph: Graph, node: URIRef) -> None:
    graph.remove((node, None, None))
    graph.remove((None, None, node))


def _findings(graph: Graph) -> set[tuple]:
    return {(f.code, f.table, f.row, f.column) for f in validate_graph(graph).findings}


def _mutations(c: dict[str, str], e: dict[str, str]):
    """(name, mutate(graph), expected findings)."""
    return [
        ("BK-ROW-TOTAL", lambda g: _add_to_amount(g, _cell("fiscal_summary", c["cls"], "total"), "1.00"),
         {("BK-ROW-TOTAL", "fiscal_summary", c["cls"], "total")}),
        ("BK-ECON-BASIC", lambda g: _add_to_amount(g, _cell("gpb_basic_economic", e["leaf301"], "total"), "0.01"),
         {("BK-ECON-BASIC", "gpb_basic_economic", e["leaf301"], "total"),
          ("BK-SUM-PARENT", "gpb_basic_economic", "301", "total")}),
        ("BK-SUM-PARENT", lambda g: _remove_node(g, _line("gpb_basic_economic", e["leaf301"])),
         {("BK-SUM-PARENT", "gpb_basic_economic", "301", "total"),
          ("BK-SUM-PARENT", "gpb_basic_economic", "301", "personnel")}),
        ("BK-SUM-TOTAL", lambda g: _add_to_amount(g, _cell("gpb_basic_economic", "total", "personnel"), "1.00"),
         {("BK-SUM-TOTAL", "gpb_basic_economic", "total", "personnel"),
          ("BK-ECON-BASIC", "gpb_basic_economic", "total", "total"),
          ("BK-NARR-AMOUNT", "narrative", "expenditure.personnel", None)}),
        ("BK-SUMMARY-BALANCE", lambda g: _add_to_amount(g, _cell("summary", "income.current_total", "amount"), "1.00"),
         {("BK-SUMMARY-BALANCE", "summary", "income.current_total", "amount"),
          ("BK-SUMMARY-BALANCE", "summary", "income.grand_total", "amount")}),
        ("BK-THREE-PUBLIC", lambda g: _add_cell(g, "three_public", "reception", "total", "2.00"),
         {("BK-THREE-PUBLIC", "three_public", "subtotal", None),
          ("BK-ROW-TOTAL", "three_public", "reception", "total"),
          ("BK-EMPTY-TABLE", "three_public", "reception", "total"),
          ("BK-NARR-THREE-PUBLIC", "narrative", "three_public.reception", None)}),
        ("BK-EMPTY-TABLE", lambda g: _add_cell(g, "three_public", "abroad.teaching", "total", "0.50"),
         {("BK-EMPTY-TABLE", "three_public", "abroad.teaching", "total"),
          ("BK-ROW-TOTAL", "three_public", "abroad.teaching", "total")}),
        ("BK-AGREE-LINE", lambda g: _add_to_amount(g, _cell("income", c["item1"], "total"), "1.00"),
         {("BK-AGREE-LINE", "income", c["item1"], "total"),
          ("BK-ROW-TOTAL", "income", c["item1"], "total"),
          ("BK-SUM-PARENT", "income", c["kuan"], "total")}),
        ("BK-BASIC-TOTAL", lambda g: _add_to_amount(g, _cell("gpb_basic_economic", "total", "total"), "1.00"),
         {("BK-BASIC-TOTAL", "gpb_basic_economic", "total", "total"),
          ("BK-ECON-BASIC", "gpb_basic_economic", "total", "total"),
          ("BK-SUM-TOTAL", "gpb_basic_economic", "total", "total")}),
        ("BK-AGREE-SUMMARY", lambda g: _add_to_amount(g, _cell("summary", c["cls"], "amount"), "1.00"),
         {("BK-AGREE-SUMMARY", "summary", c["cls"], "amount"),
          ("BK-SUMMARY-BALANCE", "summary", "expenditure.current_total", "amount")}),
        ("BK-AGREE-FISCAL", lambda g: _add_to_amount(g, _cell("summary", "income.gpb", "amount"), "1.00"),
         {("BK-AGREE-FISCAL", "summary", "income.gpb", "amount"),
          ("BK-SUMMARY-BALANCE", "summary", "income.current_total", "amount"),
          ("BK-AGREE-SUMMARY", "income", "total", "fiscal"),
          ("BK-NARR-AMOUNT", "narrative", "income.gpb", None)}),
        ("BK-NARR-AMOUNT", lambda g: _add_to_amount(g, _fact("expenditure.project"), "0.01"),
         {("BK-NARR-AMOUNT", "narrative", "expenditure.project", None)}),
        ("BK-NARR-THREE-PUBLIC", lambda g: _add_to_amount(g, _fact("three_public.vehicle_purchase"), "3"),
         {("BK-NARR-THREE-PUBLIC", "narrative", "three_public.vehicle_purchase", None),
          ("BK-NARR-THREE-PUBLIC", "narrative", "three_public.vehicles", None)}),
        ("BK-NARR-CHANGE", lambda g: _add_to_amount(g, _fact("change.basic"), "0.01"),
         {("BK-NARR-CHANGE", "narrative", "change.total", None)}),
        # 支出预算合计100.00万元，其中：基本支出60.00万元，占61%: 60.00 / 100.00 is 60%, and the
        # printed figures allow 59.99–60.01%, not 60.5–61.5%.
        ("BK-NARR-SHARE", lambda g: _state(g, {"expenditure.total.base.0": "100.00",
                                                "expenditure.total.part.基本支出": "60.00",
                                                "expenditure.total.part.基本支出.share": "61"}),
         {("BK-NARR-SHARE", "narrative", "expenditure.total.part.基本支出.share", None)}),
        # 其中：货物 as much as the stated 政府采购预算, 工程0.00万元, 服务1.00万元: 1.00 too many.
        ("BK-NARR-PROCUREMENT-PARTS", lambda g: _state(g, {
            "procurement.goods": str(g.value(_fact("procurement.total"), BK.amount)),
            "procurement.works": "0.00", "procurement.services": "1.00"}),
         {("BK-NARR-PROCUREMENT-PARTS", "narrative", "procurement.total", None)}),
        ("BK-NARR-PROCUREMENT", lambda g: _set_amount(g, _fact("procurement.total"), Decimal("0.00")),
         {("BK-NARR-PROCUREMENT", "narrative", "assets.planned_purchases", None)}),
        ("BK-CODE-UNKNOWN", lambda g: g.set((_line("gpb_expenditure", c["item2"]), BK.functionalClassification,
                                             URIRef("https://budget-kg.org/def/code/function/2023/2999999"))),
         {("BK-CODE-UNKNOWN", "gpb_expenditure", c["item2"], None)}),
        ("BK-CODE-NAME", lambda g: g.set((_line("expenditure", c["item1"]), BK.printedName, Literal("行政运转", lang="zh"))),
         {("BK-CODE-NAME", "expenditure", c["item1"], None)}),
        # Its blank cells (a 301 row's 公用经费) may now be unread ones: no identity naming them is
        # checked, and all the others hold, so the table itself is the one finding.
        ("BK-UNREAD", lambda g: _add_unplaced(g, "gpb_basic_economic", "7.77"),
         {("BK-UNREAD", "gpb_basic_economic", None, None)}),
        ("BK-CODE-PARENT", lambda g: g.set((_line("gpb_expenditure", c["item2"]), BK.code, Literal("2999999"))),
         {("BK-CODE-PARENT", "gpb_expenditure", c["item2"], None),
          ("BK-SUM-PARENT", "gpb_expenditure", c["kuan"], "total"),
          ("BK-SUM-PARENT", "gpb_expenditure", c["kuan"], "project")}),
    ]


MUTATED_SHAPES = [name for name, _, _ in _mutations({k: "x" for k in ("cls", "kuan", "item1", "item2")}, {"leaf301": "x"})]


#: Shapes whose mutation tests change the sample's indicators (below).
INDICATOR_SHAPES = {"BK-IND-COMPLETE", "BK-IND-FIELDS", "BK-IND-NUMERIC", "BK-IND-PERCENT"}


#: Shapes of stated changes, whose mutation tests plant sentences in copies of the sample's text
#: (tests/test_narrative_changes.py).
NARRATIVE_CHANGE_SHAPES = {"BK-NARR-CHANGE-PERCENT", "BK-NARR-CHANGE-DIRECTION", "BK-NARR-CHANGE-AMOUNT"}


def test_every_shape_has_a_mutation_test():
    assert (set(MUTATED_SHAPES) | INDICATOR_SHAPES | DOCUMENT_SHAPES | NARRATIVE_CHANGE_SHAPES | SHANGHAI_SHAPES
            == set(catalogue()))


@pytest.mark.parametrize("shape", MUTATED_SHAPES)
def test_one_mutation_makes_the_shape_fire_at_the_changed_place(clean_graph, shape):
    name, mutate, expected = next(m for m in _mutations(_codes(clean_graph), _econ(clean_graph)) if m[0] == shape)
    graph = Graph()
    graph += clean_graph
    mutate(graph)
    found = _findings(graph)
    assert shape in {code for code, *_ in found}
    assert found == expected


@pytest.mark.parametrize("ordinal", ["一、", "1、", "(1)", "（八）", "20、"])
def test_a_list_ordinal_before_a_code_s_name_is_layout_not_the_name(clean_graph, ordinal):
    graph = Graph()
    graph += clean_graph
    line = _line("gpb_expenditure", _codes(clean_graph)["cls"])
    graph.set((line, BK.printedName, Literal(ordinal + str(graph.value(line, BK.printedName)), lang="zh")))
    assert _findings(graph) == set()


def test_a_name_a_code_had_in_the_document_s_year_is_not_reported_but_after_it_is(clean_graph):
    # 20805 was 行政事业单位离退休 until 2020 (ontology/codelists/former_names.csv).
    def renamed(year: int) -> set[tuple]:
        graph = Graph()
        graph += clean_graph
        line = _line("gpb_expenditure", _codes(clean_graph)["item1"])
        graph.set((line, BK.functionalClassification, URIRef(f"https://budget-kg.org/def/code/function/{year}/20805")))
        graph.set((line, BK.printedName, Literal("行政事业单位离退休", lang="zh")))
        return {code for code, *_ in _findings(graph)}

    assert renamed(2019) == set()
    assert renamed(2023) == {"BK-CODE-NAME"}


def test_a_message_names_a_row_as_printed_never_by_its_key(clean_graph):
    graph = Graph()
    graph += clean_graph
    _add_cell(graph, "three_public", "reception", "total", "2.00")
    printed = str(graph.value(_line("three_public", "reception"), BK.printedName))
    found = {f.code: f for f in validate_graph(graph).findings if f.row == "reception"}
    assert set(found) == {"BK-ROW-TOTAL", "BK-EMPTY-TABLE"}
    for finding in found.values():
        assert f"“{printed}”行" in finding.message_zh and f"row “{printed}”" in finding.message
        assert "reception" not in finding.message_zh + finding.message


def test_an_agreement_names_both_rows_as_printed(clean_graph):
    graph = Graph()
    graph += clean_graph
    _add_to_amount(graph, _cell("summary", "income.gpb", "amount"), "1.00")
    [finding] = [f for f in validate_graph(graph).findings if f.code == "BK-AGREE-FISCAL"]
    here = graph.value(_line("summary", "income.gpb"), BK.printedName)
    there = graph.value(_line("fiscal_summary", "income.gpb"), BK.printedName)
    assert here != there
    for row in (here, there):
        assert f"“{row}”行" in finding.message_zh and f"row “{row}”" in finding.message


# -- a table not read completely --------------------------------------------------------------


def test_a_broken_identity_over_cells_that_were_read_is_still_reported_in_a_table_not_read_completely(clean_graph):
    # The 合计 row of the 基本支出表 holds all three of its cells: 合计 = 人员经费 + 公用经费 and
    # its agreement with the 支出表's 基本支出 name only cells that were read, so +1.00 breaks
    # both. 合计 = sum(类) (BK-SUM-TOTAL when the table is read, see the BK-BASIC-TOTAL
    # mutation above) adds up rows, one of which may be the unplaced number's: not checked.
    graph = Graph()
    graph += clean_graph
    _add_unplaced(graph, "gpb_basic_economic", "7.77")
    _add_to_amount(graph, _cell("gpb_basic_economic", "total", "total"), "1.00")
    assert _findings(graph) == {
        ("BK-UNREAD", "gpb_basic_economic", None, None),
        ("BK-ECON-BASIC", "gpb_basic_economic", "total", "total"),
        ("BK-BASIC-TOTAL", "gpb_basic_economic", "total", "total"),
    }


def test_no_sum_is_checked_over_the_rows_of_a_table_not_read_completely(clean_graph):
    # The BK-SUM-PARENT mutation above: a 301 row missing from the graph breaks 301 = Σ children.
    # When the table has an unplaced number, that row may be one the reader did not make (a
    # PDF row whose label it did not know): the sum is not checked, the table is reported.
    graph = Graph()
    graph += clean_graph
    leaf = _econ(graph)["leaf301"]
    _remove_node(graph, _line("gpb_basic_economic", leaf))
    _add_unplaced(graph, "gpb_basic_economic", "7.77")
    assert _findings(graph) == {("BK-UNREAD", "gpb_basic_economic", None, None)}


def test_the_unread_table_finding_names_the_table_its_pages_and_how_many_numbers(clean_graph):
    graph = Graph()
    graph += clean_graph
    _add_unplaced(graph, "gpb_basic_economic", "7.77")
    [finding] = validate_graph(graph).findings
    page = int(graph.value(URIRef(f"{ID}table/400001/2023/gpb_basic_economic"), BK.page))
    assert (finding.code, finding.severity, finding.unit, finding.table, finding.page) == (
        "BK-UNREAD", "violation", "400001", "gpb_basic_economic", page)
    assert finding.values == {"tokens": "1", "pages": str(page)}
    assert f"《单位预算一般公共预算财政拨款基本支出表》未完整读取：第 {page} 页有 1 个数字未能放入单元格" in finding.message_zh
    assert f"was not read completely: 1 of its printed numbers (p. {page}) could not be placed" in finding.message


# -- indicators: the sample's 19 绩效目标表, read by the real reader -------------------------


@pytest.fixture(scope="session")
def sample_projects(sample: Path) -> Graph:
    """The sample's document with its units' projects and indicators only (no tables): the
    indicator shapes see real rows, and a validation takes a second, not fifteen."""
    units = [Unit("323001", "巨鹿县人力资源和社会保障局本级", 2023, "万元"),
             Unit("323003", "巨鹿县社会保险事业服务中心", 2023, "万元")]
    source = read_text(sample)
    sections = read_narratives(source, units)
    for unit in units:
        unit.narrative = None
        unit.projects = read_projects(source.name, sections[unit.code])
    document = Document(source.name, source.sha256, "hebei-county", "单位", units)
    return graph_from_quads(document_quads(document))


@pytest.fixture
def indicators(sample_projects) -> Graph:
    graph = Graph()
    graph += sample_projects
    return graph


def _indicator(graph: Graph, project_title: str, name: str) -> URIRef:
    (found,) = [i for i in graph.subjects(BK.indicatorName, Literal(name))
                if graph.value(graph.value(i, BK.project), BK.title) == Literal(project_title, lang="zh")]
    return found


CENTRAL = "冀财社 2022年 150号提前下达 2023年中央就业补助资金-中央直达资金"


def test_the_sample_indicators_validate_clean(indicators):
    # Every table has 数量/质量/时效/成本, 效益 and 满意度 rows; every numeric target parses;
    # no percentage is above 100. Rows of tables with unattributed cells are not checked
    # for blank fields (the build reports those cells).
    assert validate_graph(indicators).findings == []


def test_a_project_without_a_cost_indicator_is_reported(indicators):
    _remove_node(indicators, _indicator(indicators, CENTRAL, "补贴发放标准"))
    findings = validate_graph(indicators).findings
    assert [(f.code, f.unit, f.table, f.row, f.page) for f in findings] == [
        ("BK-IND-COMPLETE", "323001", "performance", CENTRAL, 22)]
    assert "成本指标" in findings[0].message_zh and "cost" in findings[0].message


def test_an_indicator_without_a_basis_is_reported(indicators):
    indicators.remove((_indicator(indicators, CENTRAL, "发放补贴时间"), BK.basisText, None))
    findings = validate_graph(indicators).findings
    assert [(f.code, f.unit, f.table, f.row, f.page) for f in findings] == [
        ("BK-IND-FIELDS", "323001", "performance", "发放补贴时间", 22)]
    assert findings[0].message == "The indicator has no basis (指标值确定依据)."


def test_a_blank_field_in_a_table_with_unattributed_cells_is_left_to_the_build_report(indicators):
    # 323003's 社会保障人脸识别 table (page 56): the 社会效益 row's name is one of two cells the
    # reader reports as unattributed, so its missing name is not a finding of the document.
    social = URIRef("https://budget-kg.org/def/indicator-level/social-benefit")
    rows = [i for i in indicators.subjects(BK.level2, social)
            if indicators.value(i, BK.page) == Literal(56) and indicators.value(i, BK.indicatorName) is None]
    assert len(rows) == 1
    assert validate_graph(indicators).findings == []


def test_a_numeric_value_without_a_parsed_target_is_reported(indicators):
    indicators.remove((_indicator(indicators, CENTRAL, "补贴核算正确率"), BK.targetValue, None))
    findings = validate_graph(indicators).findings
    assert [(f.code, f.row, f.values.get("printed")) for f in findings] == [("BK-IND-NUMERIC", "补贴核算正确率", "100%")]


def test_a_percentage_above_100_is_reported(indicators):
    indicators.set((_indicator(indicators, CENTRAL, "补贴发放率"), BK.targetValue, Literal(Decimal("110"))))
    findings = validate_graph(indicators).findings
    assert [(f.code, f.row, f.values.get("target")) for f in findings] == [("BK-IND-PERCENT", "补贴发放率", "110")]
