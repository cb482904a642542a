"""Every canned query's answer on the bundled sample (embedded store).

The expected values are read from the sample text (kg/data/julu-hrss-2023-unit-budget.txt):
the page and table are named next to each assertion. The indicator, legal-document and
project queries are in test_queries_indicators.py.
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pyoxigraph as ox
import pytest
from query_answers import answer, column

from kg.store.backend import Embedded

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def sample_store(built_store):
    with Embedded(built_store) as backend:
        yield backend


def test_expenditure_per_unit_gives_totals_and_the_basic_share(sample_store):
    rows = answer(sample_store, "expenditure-by-unit")
    # 单位预算支出总表, 合计 row: 3889.89 = 685.86 + 3204.03 (323001); 481.10 = 404.10 + 77.00 (323003)
    assert [(r["unit_code"], r["total"], r["basic"], r["project"]) for r in rows] == [
        ("323001", D("3889.89"), D("685.86"), D("3204.03")),
        ("323003", D("481.10"), D("404.10"), D("77.00")),
    ]
    # 685.86 / 3889.89 = 17.632…%; 404.10 / 481.10 = 83.995…%
    assert column(rows, "basic_share_percent") == [D("17.63"), D("84.00")]
    assert column(rows, "currency") == ["万元", "万元"]


def test_unit_summary_gives_its_amounts_in_wan_yuan_as_printed_and_names_the_printed_unit(sample_store):
    rows = answer(sample_store, "unit-summary")
    # 单位预算收支总表 收入总计 and 单位预算支出总表 合计 (单位：万元):
    # 3889.89 = 685.86 + 3204.03 (323001); 481.10 = 404.10 + 77.00 (323003)
    assert [(r["unit_code"], r["currency"], r["income_total"], r["expenditure_total"], r["basic"], r["project"],
             r["printed_currency"]) for r in rows] == [
        ("323001", "万元", "3889.89", "3889.89", "685.86", "3204.03", "万元"),
        ("323003", "万元", "481.10", "481.10", "404.10", "77.00", "万元"),
    ]
    assert column(rows, "tables") == [D(9), D(9)]


def test_function_spending_rolls_the_items_up_to_the_printed_kuan(sample_store):
    rows = answer(sample_store, "function-spending", code="20801")
    # 323001: 2080101 475.46 + 2080105 3.00 + 2080106 20.00 + 2080110 272.93 + 2080112 6.00
    #         + 2080116 15.00 + 2080150 26.20 + 2080199 43.00 = 861.59 (basic 491.66, project 369.93)
    # 323003: 2080109 86.20 + 2080199 276.00 = 362.20 (basic 294.20, project 68.00)
    assert [(r["unit_code"], r["name"], r["printed_total"], r["items"], r["items_total"], r["items_basic"],
             r["items_project"]) for r in rows] == [
        ("323001", "人力资源和社会保障管理事务", D("861.59"), 8, D("861.59"), D("491.66"), D("369.93")),
        ("323003", "人力资源和社会保障管理事务", D("362.20"), 2, D("362.20"), D("294.20"), D("68.00")),
    ]


def test_function_spending_of_a_lei_sums_all_its_items(sample_store):
    rows = answer(sample_store, "function-spending", code="208")
    # 208 社会保障和就业支出: 3798.89 (323001) and 420.10 (323003), each the sum of its 项
    assert [(r["unit_code"], r["printed_total"], r["items_total"]) for r in rows] == [
        ("323001", D("3798.89"), D("3798.89")),
        ("323003", D("420.10"), D("420.10")),
    ]


def test_function_spending_of_one_item_is_that_line(sample_store):
    rows = answer(sample_store, "function-spending", code="2080101")
    assert [(r["unit_code"], r["name"], r["items"], r["items_total"]) for r in rows] == [
        ("323001", "行政运行", 1, D("475.46"))
    ]


def test_top_function_lines_ranks_items_across_units(sample_store):
    rows = answer(sample_store, "top-function-lines", n="5")
    # 支出总表 项 lines, largest totals: 2080701 就业创业服务补贴 1842.10, 2080799 989.00, 2080101 475.46
    # (323001), 2080199 276.00 (323003), 2080110 272.93 (323001)
    assert [(r["unit_code"], r["code"], r["total"]) for r in rows] == [
        ("323001", "2080701", D("1842.10")),
        ("323001", "2080799", D("989.00")),
        ("323001", "2080101", D("475.46")),
        ("323003", "2080199", D("276.00")),
        ("323001", "2080110", D("272.93")),
    ]
    assert len(answer(sample_store, "top-function-lines")) == 10  # the default n


def test_personnel_and_public_split_basic_expenditure(sample_store):
    rows = answer(sample_store, "personnel-public")
    # 一般公共预算财政拨款基本支出表, 合计: 685.86 = 632.20 + 53.66; 404.10 = 379.90 + 24.20
    assert [(r["unit_code"], r["total"], r["personnel"], r["public"], r["personnel_share_percent"]) for r in rows] == [
        ("323001", D("685.86"), D("632.20"), D("53.66"), D("92.18")),
        ("323003", D("404.10"), D("379.90"), D("24.20"), D("94.01")),
    ]


def test_economic_code_rolls_kuan_up_to_lei(sample_store):
    rows = answer(sample_store, "economic-code", code="302")
    # 302 商品和服务支出, 323001: 30201 4.76 + 30207 12.00 + 30216 5.00 + 30226 5.00 + 30229 5.00
    # + 30239 21.00 + 30299 0.90 = 53.66, all public; 323003: 24.20 over four 款
    assert [(r["unit_code"], r["name"], r["printed_total"], r["items"], r["items_total"], r["items_public"],
             r["items_personnel"]) for r in rows] == [
        ("323001", "商品和服务支出", D("53.66"), 7, D("53.66"), D("53.66"), D("0")),
        ("323003", "商品和服务支出", D("24.20"), 4, D("24.20"), D("24.20"), D("0")),
    ]


def test_economic_code_of_one_kuan_across_units(sample_store):
    rows = answer(sample_store, "economic-code", code="30101")
    # 30101 基本工资: 321.82 (323001), 160.00 (323003)
    assert [(r["unit_code"], r["items_total"]) for r in rows] == [("323001", D("321.82")), ("323003", D("160.00"))]


def test_income_by_source_lists_the_non_blank_sources(sample_store):
    rows = answer(sample_store, "income-by-source")
    # 单位预算收入总表, 合计: all of it 财政拨款 (fiscal) in 本年收入 (current): 3889.89 and 481.10
    assert [(r["unit_code"], r["source"], r["amount"]) for r in rows] == [
        ("323001", "current", D("3889.89")),
        ("323001", "fiscal", D("3889.89")),
        ("323001", "total", D("3889.89")),
        ("323003", "current", D("481.10")),
        ("323003", "fiscal", D("481.10")),
        ("323003", "total", D("481.10")),
    ]


def test_no_unit_of_the_sample_has_a_three_public_budget(sample_store):
    # Both 三公 tables are printed empty (注：无财政拨款“三公”经费…预算，空表列示) and both narratives
    # state 0万元 for every item, 与 2022年相比持平.
    assert answer(sample_store, "three-public") == []


def test_three_public_finds_a_non_zero_cell_and_a_stated_change(tmp_path):
    with Embedded(tmp_path / "store", read_only=False) as backend:
        _load_fixture(backend, "three-public.trig")
        rows = answer(backend, "three-public")
    assert [(r["unit_code"], r["source"], r["item"], r["amount"], r["direction"]) for r in rows] == [
        ("999001", "narrative", "three_public.total", D("0.5"), "减少"),
        ("999001", "table", "reception", D("1.50"), None),
    ]


def test_narrative_changes_are_the_stated_year_on_year_changes(sample_store):
    rows = answer(sample_store, "narrative-changes")
    # 比上年增减情况: 较 2022年预算增加 790.913万元，其中：基本支出增加 111.133万元…；项目支出增加 679.78万元
    #                 (323001); 增加 37.764万元, 基本支出增加 34.764万元, 项目支出增加 3万元 (323003)
    assert [(r["unit_code"], r["previous_year"], r["key"], r["amount"], r["direction"]) for r in rows] == [
        ("323001", "2022", "change.basic", D("111.133"), "增加"),
        ("323001", "2022", "change.project", D("679.78"), "增加"),
        ("323001", "2022", "change.total", D("790.913"), "增加"),
        ("323003", "2022", "change.basic", D("34.764"), "增加"),
        ("323003", "2022", "change.project", D("3"), "增加"),
        ("323003", "2022", "change.total", D("37.764"), "增加"),
    ]
    assert rows[1]["reason"] == "主要为劳务派遣人员工资及各类保险资金支出"


def test_duties_containing_a_keyword(sample_store):
    rows = answer(sample_store, "duties-keyword", keyword="就业")
    # 323001's duties （三）负责促进就业创业工作… and （五）负责就业、失业和相关社会保险基金预测预警…
    assert [(r["unit_code"], r["number"]) for r in rows] == [("323001", "3"), ("323001", "5")]
    assert rows[0]["text"].startswith("负责促进就业创业工作")
    assert rows[1]["text"].startswith("负责就业、失业和相关社会保险基金预测预警")


def test_code_browse_shows_parent_children_and_units(sample_store):
    rows = answer(sample_store, "code-browse", code="20801")
    by_relation = {}
    for row in rows:
        by_relation.setdefault(row["relation"], []).append((row["notation"], row["name"]))
    assert by_relation["code"] == [("20801", "人力资源和社会保障管理事务")]
    assert by_relation["parent"] == [("208", "社会保障和就业支出")]
    # the 项 under 20801 printed in either unit's tables (323001: 2080101…2080199; 323003: 2080109, 2080199)
    assert [code for code, _ in by_relation["child"]] == [
        "2080101", "2080105", "2080106", "2080109", "2080110", "2080112", "2080116", "2080150", "2080199",
    ]
    assert by_relation["unit"] == [("323001", "巨鹿县人力资源和社会保障局本级"), ("323003", "巨鹿县社会保险事业服务中心")]


def test_validation_findings_are_empty_until_a_report_is_stored(sample_store):
    assert answer(sample_store, "validation-findings") == []


def test_validation_findings_name_the_unit_of_the_focus_node(built_store, tmp_path):
    with Embedded(built_store) as sample, Embedded(tmp_path / "store", read_only=False) as backend:
        for graph in sample.graphs():
            backend.replace_graph(graph, sample.triples(graph))
        _load_fixture(backend, "validation-report.trig")
        rows = answer(backend, "validation-findings")
    assert [(r["unit_code"], r["severity"], r["component"], r["focus"]) for r in rows] == [
        ("323001", "Violation", "SPARQLConstraintComponent",
         "https://budget-kg.org/id/line/323001/2023/expenditure/2080101/total"),
        ("323003", "Warning", "SPARQLConstraintComponent", "https://budget-kg.org/id/table/323003/2023/expenditure"),
    ]


def _load_fixture(backend: Embedded, name: str) -> None:
    quads = list(ox.parse(path=str(FIXTURES / name), format=ox.RdfFormat.TRIG))
    for graph in {q.graph_name.value for q in quads}:
        backend.replace_graph(graph, [q.triple for q in quads if q.graph_name.value == graph])


@pytest.fixture(scope="module")
def indicator_graph(tmp_path_factory):
    """The hand-written graph in the performance-goal vocabulary (tests/fixtures/indicators.trig)."""
    with Embedded(tmp_path_factory.mktemp("indicators") / "store", read_only=False) as backend:
        _load_fixture(backend, "indicators.trig")
        yield backend


def test_indicators_citing_a_document_match_any_spelling_on_the_canonical_number(indicator_graph):
    for spelling in ("冀财规〔2018〕21号", "冀财规【2018】21 号"):
        rows = answer(indicator_graph, "indicators-citing-legal", document=spelling)
        assert [(r["project_number"], r["level1"], r["level2"], r["indicator"]) for r in rows] == [
            ("1", "outcome", "sustainability", "失业人员再就业"),
            ("1", "output", "cost", "补贴发放标准"),
            ("1", "output", "quantity", "公益性岗位人数"),
        ]
    assert answer(indicator_graph, "indicators-citing-legal", document="冀财规〔2019〕21号") == []


def test_legal_documents_rank_by_citing_indicators_on_a_hand_written_graph(indicator_graph):
    rows = answer(indicator_graph, "legal-citations")
    assert [(r["document_number"], r["indicators"], r["projects"], r["units"]) for r in rows] == [
        ("冀财规〔2018〕21号", 3, 1, 1),
        ("巨政〔2012〕6号", 1, 1, 1),
    ]


def test_a_project_without_outcome_or_satisfaction_indicators_is_listed_twice(indicator_graph):
    rows = answer(indicator_graph, "projects-missing-category")
    assert [(r["project_number"], r["missing_level1"]) for r in rows] == [("2", "outcome"), ("2", "satisfaction")]


def test_only_numeric_targets_of_the_level_are_listed(indicator_graph):
    rows = answer(indicator_graph, "indicators-by-level2", level="成本指标")
    assert [(r["project_number"], r["indicator"], r["target_value"], r["measure_unit"]) for r in rows] == [
        ("1", "补贴发放标准", D("2000"), "元"),
    ]
    assert answer(indicator_graph, "indicators-by-level2", level="quantity")[0]["comparator"] == "≥"


def test_satisfaction_targets_come_with_their_basis(indicator_graph):
    rows = answer(indicator_graph, "satisfaction-targets")
    assert [(r["unit_code"], r["indicator"], r["target_value"], r["measure_unit"], r["basis_text"]) for r in rows] == [
        ("999001", "领取补贴人员满意度", D("100"), "%", "调查问卷"),
    ]
