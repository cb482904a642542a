"""Validation of the three real Shanghai PDFs: only their genuine inconsistencies, and the
checks that must still fire on them.

The two genuine inconsistencies, both in 万里街道's 2024 document:

- its 三公 table (page 31) prints 合计 47.91, 公务用车 46.56 (购置 25, 运行 21.56), 接待
  1.35 and 机关运行经费 443.18 万元, and under them the note “本部门2024年无“三公”经费和
  机关运行经费预算，故本表为空表”. The narrative (page 32) states the same 47.91 万元, so
  the note is what is wrong; every printed amount is reported;
- item 31 of its 预算编制说明 (page 9) reads “住房保障支出（类）住房改革支出（款）住房公积金
  （项）”350.35万元 … 2023年当年预算执行数为348.52万元，2024年预算安排352.67万元，比2023年
  预算执行数增加0.53%. The 一般公共预算支出功能分类预算表 prints 2210201 住房公积金 at
  3,503,499 元 (350.35 万元), and 348.52 × 1.0053 = 350.37: 352.67 is the misprint.

Everything else in the three documents adds up: the template profile's identities and
agreements (mappings/shanghai-district.yaml) hold to the 元, the 万元 narrative (with its
94 function-line amounts) agrees with the 元 tables to the printed cent, the 28 percentages
万里's items state agree with the amounts they explain within their rounding (item 31's
0.53% with 350.35, so 352.67 is the one finding), and every code is in the code list.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef

from kg.rdf.mapping import document_quads
from kg.read import read_document
from kg.records import Document, Line
from kg.validate import validate_paths
from kg.validate.document import graph_from_quads, validate_graph
from kg.validate.engine import validate_quads
from kg.validate.equations import CHECK, equations_graph

BK = Namespace("https://budget-kg.org/def/")
SWW = "putuo-sww-2025-unit-budget.pdf"
WANLI = "putuo-wanli-2024-dept-budget.pdf"
ZFB = "putuo-zfb-2025-unit-budget.pdf"
WANLI_UNIT = "u-1e67d2ccf3"
SWW_UNIT = "u-8595d97116"


@cache
def _document(path: Path) -> Document:
    return read_document(path)


@lru_cache(maxsize=None)
def _graph(path: Path) -> Graph:
    return graph_from_quads(document_quads(_document(path)))


def _copy(path: Path) -> Graph:
    graph = Graph()
    graph += _graph(path)
    return graph


def _findings(graph: Graph) -> set[tuple]:
    return {(f.code, f.table, f.row, f.column) for f in validate_graph(graph).findings}


def _cell(unit: str, year: int, table: str, row: str, column: str) -> URIRef:
    return URIRef(f"https://budget-kg.org/id/line/{unit}/{year}/{table}/{row}/{column}")


def _fact(unit: str, year: int, key: str) -> URIRef:
    return URIRef(f"https://budget-kg.org/id/unit/{unit}/{year}/fact/{key}")


def test_the_three_pdfs_report_only_the_wanli_empty_three_public_table_and_its_misstated_line(shared_samples):
    report = validate_paths([shared_samples / "shanghai" / name for name in (SWW, WANLI, ZFB)], jobs=2)
    assert report.errors == []
    found = {(t.document, f.code, f.severity, f.unit, f.table, f.page, f.row, f.column, f.values.get("actual"))
             for t in report.tasks for f in t.findings}
    assert found == {
        (WANLI, "BK-EMPTY-TABLE", "violation", WANLI_UNIT, "three_public", 31, row, "total", amount)
        for row, amount in [("total", "47.91"), ("vehicles", "46.56"), ("vehicles.purchase", "25"),
                            ("vehicles.operation", "21.56"), ("reception", "1.35"), ("operating_costs", "443.18")]
    } | {(WANLI, "BK-NARR-AMOUNT", "violation", WANLI_UNIT, "narrative", 9, "function_line.2210201.planned", None,
          None)}
    narrative = next(f for t in report.tasks for f in t.findings if f.code == "BK-NARR-AMOUNT")
    assert (narrative.values["stated"], narrative.values["printed"], narrative.values["diff"]) == (
        "352.67", "3503499", "2.3201")
    # No misprinted cell: the six cells are what the table prints (page 31), and its note
    # (“…故本表为空表”) is wrong, which is no amount; the narrative's 352.67 万元 is no identity.
    assert [t.causes for t in report.tasks] == [[], [], []]


@pytest.mark.parametrize("name", [SWW, WANLI, ZFB])
def test_the_shanghai_profile_states_equations_for_every_table_arithmetic_shape(shared_samples, name):
    equations = equations_graph(_graph(shared_samples / "shanghai" / name))
    shapes = {str(s) for s in equations.objects(None, CHECK.shape)}
    assert shapes == {"BK-ROW-TOTAL", "BK-ECON-BASIC", "BK-SUM-PARENT", "BK-SUM-TOTAL", "BK-SUMMARY-BALANCE",
                      "BK-THREE-PUBLIC", "BK-AGREE-LINE", "BK-BASIC-TOTAL", "BK-AGREE-SUMMARY", "BK-AGREE-FISCAL"}


def test_a_changed_function_line_in_a_shanghai_table_breaks_every_equation_it_is_in(shared_samples):
    # 商务委 2025, 支出预算总表 row 201 一般公共服务支出 prints 合计 21,601,733.00 元
    # = 基本支出 12,291,733.00 + 项目支出 9,310,000.00 (page 12).
    graph = _copy(shared_samples / "shanghai" / SWW)
    cell = _cell(SWW_UNIT, 2025, "expenditure", "201", "total")
    graph.set((cell, BK.amount, Literal(Decimal("21601734.00"))))
    graph.set((cell, BK.amountYuan, Literal(Decimal("21601734.00"))))
    assert _findings(graph) == {
        ("BK-ROW-TOTAL", "expenditure", "201", "total"),  # 合计 = 基本 + 项目
        ("BK-SUM-PARENT", "expenditure", "201", "total"),  # 201 = its 款 rows
        ("BK-SUM-TOTAL", "expenditure", "total", "total"),  # 合计 row = its 类 rows
        ("BK-AGREE-LINE", "income", "201", "total"),  # 收入预算总表 prints the same line
        ("BK-AGREE-LINE", "gpb_expenditure", "201", "total"),  # all money is 一般公共预算
        ("BK-AGREE-SUMMARY", "summary", "201", "total"),  # 财务收支预算总表 prints the class
    }


def test_a_narrative_in_wan_yuan_agrees_with_a_table_in_yuan_to_the_printed_cent(shared_samples):
    # Page 7: “收入预算37,151.47万元”; 财务收支预算总表 收入总计 371,514,655.00 元 is
    # 37,151.4655 万元, which the sentence prints to the cent. 37,151.46 would not be.
    graph = _copy(shared_samples / "shanghai" / SWW)
    assert _findings(graph) == set()
    fact = _fact(SWW_UNIT, 2025, "income.total")
    graph.set((fact, BK.amount, Literal(Decimal("37151.46"))))
    graph.set((fact, BK.amountYuan, Literal(Decimal("371514600.00"))))
    task = validate_graph(graph)
    assert [(f.code, f.row, f.values["stated"], f.values["printed"], f.values["diff"]) for f in task.findings] == [
        ("BK-NARR-AMOUNT", "income.total", "37151.46", "371514655.00", "-0.0055")]


def test_a_code_of_a_year_without_its_own_list_is_checked_against_the_nearest_list(shared_samples):
    graph = _copy(shared_samples / "shanghai" / SWW)
    line = URIRef(f"https://budget-kg.org/id/line/{SWW_UNIT}/2025/gpb_basic_economic/30101")
    unknown = URIRef("https://budget-kg.org/def/code/economic/2025/30898")  # there is no class 308
    graph.set((line, BK.economicClassification, unknown))
    task = validate_graph(graph)
    assert [(f.code, f.severity, f.row, f.values["class"]) for f in task.findings] == [
        ("BK-CODE-UNKNOWN", "warning", "30101", "308")]
    assert "economic/2023 code list" in task.findings[0].message


def test_a_code_the_list_has_not_observed_under_a_class_it_has_is_not_reported(shared_samples):
    # The lists hold every class but only the 款 and 项 codes seen in disclosures: 30198 is
    # not among them, and that says nothing about it.
    graph = _copy(shared_samples / "shanghai" / SWW)
    line = URIRef(f"https://budget-kg.org/id/line/{SWW_UNIT}/2025/gpb_basic_economic/30101")
    graph.set((line, BK.economicClassification, URIRef("https://budget-kg.org/def/code/economic/2025/30198")))
    assert validate_graph(graph).findings == []


#: Shapes whose mutation tests change a Shanghai document's graph (below).
SHANGHAI_SHAPES = {"BK-NARR-BALANCE-DIRECTION"}


# -- income and expenditure stated to change on last year ---------------------------------
#
# 办公室 2025, page 6: “收入预算9,101.68万元，其中：财政拨款收入9,101.68万元，比2024年预算减少
# 2,389.52万元” and “支出预算9,101.68万元，其中：财政拨款支出预算9,101.68万元，比2024年预算减少
# 2,389.52万元”. The 一般公共预算拨款 sentence says 减少 2,389.52 too.


def test_income_and_expenditure_statements_are_read_with_their_directions(shared_samples):
    narrative = _document(shared_samples / "shanghai" / ZFB).units[0].narrative
    assert {key: (narrative.fact(key).value, narrative.fact(key).direction)
            for key in ("change.income_fiscal", "change.expenditure_fiscal", "change.expenditure_gpb")} == {
        "change.income_fiscal": (Decimal("2389.52"), "减少"),
        "change.expenditure_fiscal": (Decimal("2389.52"), "减少"),
        "change.expenditure_gpb": (Decimal("2389.52"), "减少")}


def _redirected(document: Document, key: str, direction: str) -> Document:
    """A copy of the document whose narrative states the change ``key`` with the word ``direction``."""
    document = copy.deepcopy(document)
    facts = document.units[0].narrative.facts
    at = next(i for i, f in enumerate(facts) if f.key == key)
    facts[at] = replace(facts[at], direction=direction)
    return document


@pytest.mark.parametrize("engine", ["oxigraph", "pyshacl"])
def test_balanced_income_and_expenditure_stated_to_change_opposite_ways_are_reported(shared_samples, engine):
    document = _redirected(_document(shared_samples / "shanghai" / ZFB), "change.expenditure_fiscal", "增加")
    quads = document_quads(document)
    task = validate_quads(quads) if engine == "oxigraph" else validate_graph(graph_from_quads(quads))
    assert [(f.code, f.table, f.row, f.page) for f in task.findings] == [
        ("BK-NARR-BALANCE-DIRECTION", "narrative", "change.expenditure_fiscal", 6)]
    assert "9101.68 万元" in task.findings[0].message


def test_a_change_of_one_kind_of_expenditure_is_not_held_to_the_income_of_another(shared_samples):
    # The document states no 一般公共预算 income change for 增加 there to contradict.
    graph = _copy(shared_samples / "shanghai" / ZFB)
    graph.set((_fact("u-ec1c902bff", 2025, "change.expenditure_gpb"), BK.direction, Literal("增加")))
    assert _findings(graph) == set()


def test_income_and_expenditure_that_differ_this_year_may_change_opposite_ways(shared_samples):
    graph = _copy(shared_samples / "shanghai" / ZFB)
    graph.set((_fact("u-ec1c902bff", 2025, "change.expenditure_fiscal"), BK.direction, Literal("增加")))
    income = _fact("u-ec1c902bff", 2025, "income.fiscal")
    graph.set((income, BK.amountYuan, Literal(Decimal("91016900.00"))))
    assert "BK-NARR-BALANCE-DIRECTION" not in {code for code, *_ in _findings(graph)}


# -- table 1 (财务收支预算总表): its 支出总计 row, and its 人员经费 and 公用经费 --------------
#
# 商务委 2025 prints, on page 9, 支出总计 371,514,655.00 = 人员经费 18,120,593.00 + 公用经费
# 1,710,062.00 + 项目支出 351,684,000.00, and on page 20 the 一般公共预算基本支出 economic
# table's 合计 19,830,655.00 = 18,120,593.00 + 1,710,062.00. All of its money is 一般公共预算
# (page 9: 一般公共预算资金 371,514,655.00, no other income printed).


#: The shift the issue reports on a real table 1 (issue 14), made here in a copy of 商务委's.
SHIFT = Decimal(101200)


def _shifted(document: Document, rows: tuple[str, ...], amount: Decimal) -> Document:
    """A copy of the document whose table 1 moves ``amount`` from 公用经费 to 人员经费 in these rows."""
    document = copy.deepcopy(document)
    summary = document.units[0].table("summary")
    for row in rows:
        values = summary.line(row).values
        values["personnel"] += amount
        values["public"] -= amount
    return document


def _with_income(document: Document, key: str, label: str, amount: str) -> Document:
    """A copy of the document whose table 1 prints one more income row."""
    document = copy.deepcopy(document)
    summary = document.units[0].table("summary")
    at = summary.line("income.grand_total").location
    summary.lines.append(Line(key, label, {"amount": Decimal(amount)}, at))
    return document


def _document_findings(document: Document) -> set[tuple]:
    return _findings(graph_from_quads(document_quads(document)))


@pytest.mark.parametrize(("name", "unit", "personnel", "public"), [
    (SWW, SWW_UNIT, "18120593.00", "1710062.00"),  # pages 9 and 20
    (ZFB, "u-ec1c902bff", "22473997.81", "2132777.54"),  # pages 8 and 19
])
def test_table_1s_personnel_and_public_are_compared_with_the_economic_tables_and_agree(shared_samples, name, unit,
                                                                                       personnel, public):
    equations = equations_graph(_graph(shared_samples / "shanghai" / name))
    for column, printed in (("personnel", personnel), ("public", public)):
        rule = f"[expenditure.grand_total].{column} = gpb_basic_economic[total].{column}"
        (node,) = equations.subjects(CHECK.rule, Literal(rule))
        assert str(equations.value(node, CHECK.shape)) == "BK-AGREE-SUMMARY"
        (left,), (right,) = equations.objects(node, CHECK.left), equations.objects(node, CHECK.right)
        assert left == _cell(unit, 2025, "summary", "expenditure.grand_total", column)
        assert right == _cell(unit, 2025, "gpb_basic_economic", "total", column)
        assert str(_graph(shared_samples / "shanghai" / name).value(left, BK.amount)) == printed


def test_a_shift_from_public_to_personnel_printed_through_table_1_is_reported_against_the_economic_table(
        shared_samples):
    # The case: table 1 moves 101,200 元 from 公用经费 to 人员经费, in a class row and
    # in 支出总计 alike, so that every sum of table 1 still holds; only the 基本支出 economic
    # table tells. Before these rules, nothing was reported.
    document = _shifted(_document(shared_samples / "shanghai" / SWW), ("201", "expenditure.grand_total"),
                        SHIFT)
    task = validate_graph(graph_from_quads(document_quads(document)))
    assert sorted((f.code, f.table, f.row, f.column, f.values["actual"], f.values["expected"], f.values["diff"])
                  for f in task.findings) == [
        ("BK-AGREE-SUMMARY", "summary", "expenditure.grand_total", "personnel", "18221793.00", "18120593.00",
         "101200.00"),
        ("BK-AGREE-SUMMARY", "summary", "expenditure.grand_total", "public", "1608862.00", "1710062.00",
         "-101200.00"),
    ]


def test_a_shift_in_the_grand_total_row_alone_breaks_its_part_columns_not_its_row(shared_samples):
    # 支出总计 still adds up across its row; its 人员经费 and 公用经费 no longer are the sums
    # of the class rows above, nor the economic table's.
    document = _shifted(_document(shared_samples / "shanghai" / SWW), ("expenditure.grand_total",),
                        SHIFT)
    assert _document_findings(document) == {
        ("BK-SUMMARY-BALANCE", "summary", "expenditure.grand_total", "personnel"),  # = sum of the 类 rows
        ("BK-SUMMARY-BALANCE", "summary", "expenditure.grand_total", "public"),
        ("BK-AGREE-SUMMARY", "summary", "expenditure.grand_total", "personnel"),  # = the economic table's
        ("BK-AGREE-SUMMARY", "summary", "expenditure.grand_total", "public"),
    }


def test_a_changed_project_cell_of_the_grand_total_row_breaks_its_row_and_its_column(shared_samples):
    # 支出总计 项目支出 351,684,000.00 printed as 351,684,001.00.
    document = copy.deepcopy(_document(shared_samples / "shanghai" / SWW))
    document.units[0].table("summary").line("expenditure.grand_total").values["project"] += 1
    assert _document_findings(document) == {
        ("BK-ROW-TOTAL", "summary", "expenditure.grand_total", "total"),  # 合计 = 人员 + 公用 + 项目
        ("BK-SUMMARY-BALANCE", "summary", "expenditure.grand_total", "project"),  # = sum of the 类 rows
    }


def test_the_economic_table_is_not_table_1s_measure_when_the_unit_has_other_money(shared_samples):
    # With 事业收入 printed, 人员经费 may be paid from it too: the agreement does not apply, and
    # the shift adds nothing to what the added income itself breaks.
    original = _document(shared_samples / "shanghai" / SWW)
    with_business = _with_income(original, "income.business", "二、事业收入", "1.00")
    shifted = _shifted(with_business, ("201", "expenditure.grand_total"), SHIFT)
    assert _document_findings(shifted) == _document_findings(with_business) == {
        ("BK-SUMMARY-BALANCE", "summary", "income.grand_total", "amount"),
        ("BK-AGREE-SUMMARY", "summary", "income.business", "amount"),
    }
    # The rule is there, and the income cell is what voids it.
    equations = equations_graph(graph_from_quads(document_quads(shifted)))
    (rule,) = equations.subjects(CHECK.rule, Literal("[expenditure.grand_total].personnel = "
                                                     "gpb_basic_economic[total].personnel"))
    assert list(equations.objects(rule, CHECK.voidIf)) == [_cell(SWW_UNIT, 2025, "summary", "income.business",
                                                                 "amount")]
