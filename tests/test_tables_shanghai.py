"""The three Shanghai 普陀区 PDFs in ../shared/samples/shanghai, read from word positions.

Every expected value below was read off the PDFs by hand (pdfplumber's
``extract_text(layout=True)``, a different library from the one the reader uses),
with the page it is printed on. The PDFs are data only and never committed here.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from kg.read import read_document
from kg.records import Document

SWW = "putuo-sww-2025-unit-budget.pdf"
WANLI = "putuo-wanli-2024-dept-budget.pdf"
ZFB = "putuo-zfb-2025-unit-budget.pdf"
DOCUMENTS = [SWW, WANLI, ZFB]
NINE = ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gov_fund_expenditure",
        "soe_expenditure", "gpb_basic_economic", "three_public"]

D = Decimal


@lru_cache(maxsize=None)
def _read(path: Path) -> Document:
    return read_document(path)


@pytest.fixture
def doc(request, shared_samples: Path) -> Document:
    return _read(shared_samples / "shanghai" / request.param)


def cells(doc: Document, table: str, row: str) -> dict[str, Decimal]:
    line = doc.units[0].table(table).line(row)
    assert line is not None, f"{doc.source}: no row {row} in table {table}"
    return line.values


# -- what each document is ------------------------------------------------------------------

UNITS = {
    SWW: ("上海市普陀区商务委员会", 2025, "单位"),
    WANLI: ("上海市普陀区人民政府万里街道办事处", 2024, "部门"),
    ZFB: ("上海市普陀区人民政府办公室", 2025, "单位"),
}


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_the_shanghai_template_is_detected_with_unit_year_and_kind(doc):
    name, year, kind = UNITS[doc.source]
    assert doc.template == "shanghai-district"
    assert doc.kind == kind
    assert [(u.name, u.year, u.currency) for u in doc.units] == [(name, year, "元")]


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_every_token_of_every_table_is_placed(doc):
    assert [t.key for t in doc.units[0].tables] == NINE
    assert doc.tokens > 0
    assert doc.unplaced == []
    assert doc.problems == []


def test_a_unit_without_a_printed_code_gets_a_stable_identifier_from_region_and_name(shared_samples):
    first = _read(shared_samples / "shanghai" / SWW).units[0].code
    again = read_document(shared_samples / "shanghai" / SWW).units[0].code
    others = {_read(shared_samples / "shanghai" / d).units[0].code for d in DOCUMENTS}
    assert first == again
    assert len(others) == 3


# -- the totals of all nine tables ------------------------------------------------------------

TOTALS = {
    SWW: {
        ("summary", "income.grand_total"): {"amount": D("371514655.00")},
        ("summary", "expenditure.grand_total"): {"total": D("371514655.00"), "personnel": D("18120593.00"),
                                                 "public": D("1710062.00"), "project": D("351684000.00")},
        ("income", "total"): {"total": D("371514655.00"), "fiscal": D("371514655.00")},
        ("expenditure", "total"): {"total": D("371514655.00"), "basic": D("19830655.00"),
                                   "project": D("351684000.00")},
        ("fiscal_summary", "income.grand_total"): {"amount": D("371514655.00")},
        ("fiscal_summary", "expenditure.grand_total"): {"total": D("371514655.00"), "gpb": D("371514655.00")},
        ("gpb_expenditure", "total"): {"total": D("371514655.00"), "basic": D("19830655.00"),
                                       "project": D("351684000.00")},
        ("gpb_basic_economic", "total"): {"total": D("19830655.00"), "personnel": D("18120593.00"),
                                          "public": D("1710062.00")},
        ("three_public", "total"): {"total": D("1.00")},
    },
    WANLI: {
        ("summary", "income.grand_total"): {"amount": D("156211123")},
        ("summary", "expenditure.grand_total"): {"total": D("156211123")},
        ("income", "total"): {"total": D("156211123"), "fiscal": D("156211123"), "business": D("0"),
                              "operating": D("0"), "other": D("0")},
        ("expenditure", "total"): {"total": D("156211123"), "basic": D("99706020"), "project": D("56505103")},
        ("fiscal_summary", "income.grand_total"): {"amount": D("156211123")},
        ("fiscal_summary", "expenditure.grand_total"): {"total": D("156211123"), "gpb": D("156211123")},
        ("gpb_expenditure", "total"): {"total": D("156211123"), "basic": D("99706020"), "project": D("56505103")},
        ("gpb_basic_economic", "total"): {"total": D("99706020"), "personnel": D("88537451"),
                                          "public": D("11168569")},
        ("three_public", "total"): {"total": D("47.91")},
    },
    ZFB: {
        ("summary", "income.grand_total"): {"amount": D("91016775.35")},
        ("summary", "expenditure.grand_total"): {"total": D("91016775.35"), "personnel": D("22473997.81"),
                                                 "public": D("2132777.54"), "project": D("66410000.00")},
        ("income", "total"): {"total": D("91016775.35"), "fiscal": D("91016775.35")},
        ("expenditure", "total"): {"total": D("91016775.35"), "basic": D("24606775.35"),
                                   "project": D("66410000.00")},
        ("fiscal_summary", "income.grand_total"): {"amount": D("91016775.35")},
        ("fiscal_summary", "expenditure.grand_total"): {"total": D("91016775.35"), "gpb": D("91016775.35")},
        ("gpb_expenditure", "total"): {"total": D("91016775.35"), "basic": D("24606775.35"),
                                       "project": D("66410000.00")},
        ("gpb_basic_economic", "total"): {"total": D("24606775.35"), "personnel": D("22473997.81"),
                                          "public": D("2132777.54")},
        ("three_public", "total"): {"total": D("867.50")},
    },
}


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_the_totals_of_the_nine_tables_are_read_as_printed(doc):
    for (table, row), expected in TOTALS[doc.source].items():
        assert cells(doc, table, row) == expected, (table, row)


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_the_two_empty_fund_tables_keep_their_note_and_no_lines(doc):
    for key in ("gov_fund_expenditure", "soe_expenditure"):
        table = doc.units[0].table(key)
        assert table.explicitly_empty and "故本表为空表" in table.empty_note
        assert table.lines == [] and table.tokens == 0


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_tables_that_run_over_pages_list_every_page(doc):
    pages = {SWW: [12, 13], WANLI: [16, 17, 18, 19, 20], ZFB: [11, 12]}[doc.source]
    assert doc.units[0].table("expenditure").pages == pages


# -- function lines, across pages ------------------------------------------------------------

FUNCTION_LINES = {
    SWW: [  # (table, code, printed name, page, cells)
        ("expenditure", "2011301", "行政运行", 12, {"total": D("9389913.00"), "basic": D("9389913.00")}),
        ("expenditure", "2011302", "一般行政管理事务", 12, {"total": D("4545000.00"), "project": D("4545000.00")}),
        ("expenditure", "2060503", "科技条件专项", 12, {"total": D("17200000.00"), "project": D("17200000.00")}),
        ("expenditure", "2080502", "事业单位离退休", 12, {"total": D("17280.00"), "basic": D("17280.00")}),
        ("expenditure", "2080506", "机关事业单位职业年金缴费支出", 13,
         {"total": D("705443.00"), "basic": D("705443.00")}),
        ("expenditure", "2101101", "行政单位医疗", 13, {"total": D("631941.00"), "basic": D("631941.00")}),
        ("expenditure", "2150899", "其他支持中小企业发展和管理支出", 13,
         {"total": D("293810000.00"), "project": D("293810000.00")}),
        ("expenditure", "2169999", "其他商业服务业等支出", 13,
         {"total": D("31364000.00"), "project": D("31364000.00")}),
        ("expenditure", "2210203", "购房补贴", 13, {"total": D("1488000.00"), "basic": D("1488000.00")}),
        ("gpb_expenditure", "2080599", "其他行政事业单位养老支出", 16,
         {"total": D("13260.00"), "basic": D("13260.00")}),
        ("income", "2210201", "住房公积金", 11, {"total": D("1361034.00"), "fiscal": D("1361034.00")}),
        ("income", "20113", "商贸事务", 10, {"total": D("21601733.00"), "fiscal": D("21601733.00")}),
    ],
    WANLI: [
        ("expenditure", "2010507", "专项普查活动", 16,
         {"total": D("257700"), "basic": D("0"), "project": D("257700")}),
        ("expenditure", "2013802", "一般行政管理事务", 17,
         {"total": D("135200"), "basic": D("0"), "project": D("135200")}),
        ("expenditure", "2040607", "公共法律服务", 17, {"total": D("300000"), "basic": D("0"), "project": D("300000")}),
        ("expenditure", "2070308", "群众体育", 17, {"total": D("200000"), "basic": D("0"), "project": D("200000")}),
        ("expenditure", "208", "社会保障和就业支出", 17,
         {"total": D("19604064"), "basic": D("13368164"), "project": D("6235900")}),
        ("expenditure", "2080501", "行政单位离退休", 17, {"total": D("243120"), "basic": D("243120"), "project": D("0")}),
        ("expenditure", "2080502", "事业单位离退休", 18, {"total": D("76620"), "basic": D("76620"), "project": D("0")}),
        ("expenditure", "2080599", "其他行政事业单位养老支出", 18,
         {"total": D("3900"), "basic": D("3900"), "project": D("0")}),
        ("expenditure", "20807", "就业补助", 18, {"total": D("4212300"), "basic": D("0"), "project": D("4212300")}),
        ("expenditure", "2120199", "其他城乡社区管理事务支出", 19,
         {"total": D("54212362"), "basic": D("54212362"), "project": D("0")}),
        ("expenditure", "2210399", "其他城乡社区住宅支出", 19,
         {"total": D("2177200"), "basic": D("0"), "project": D("2177200")}),
        ("gpb_expenditure", "2040699", None, 23, None),  # not printed: the 司法 款 has only 公共法律服务
        ("gpb_expenditure", "2040607", "公共法律服务", 23,
         {"total": D("300000"), "basic": D("0"), "project": D("300000")}),
        ("income", "2013802", "一般行政管理事务", 12,
         {"total": D("135200"), "fiscal": D("135200"), "business": D("0"), "operating": D("0"), "other": D("0")}),
    ],
    ZFB: [
        ("income", "2010301", "行政运行", 9, {"total": D("12029501.84"), "fiscal": D("12029501.84")}),
        ("income", "2010302", "一般行政管理事务", 9, {"total": D("46140000.00"), "fiscal": D("46140000.00")}),
        ("income", "2010350", "事业运行", 9, {"total": D("3807295.58"), "fiscal": D("3807295.58")}),
        # The name wraps above and below its row.
        ("income", "2010399", "其他政府办公厅（室）及相关机构事务支出", 9,
         {"total": D("20120000.00"), "fiscal": D("20120000.00")}),
        ("income", "2080501", "行政单位离退休", 9, {"total": D("1554220.00"), "fiscal": D("1554220.00")}),
        ("income", "2080505", "机关事业单位基本养老保险缴费支出", 9,
         {"total": D("1763159.52"), "fiscal": D("1763159.52")}),
        ("income", "2080506", "机关事业单位职业年金缴费支出", 9, {"total": D("881579.76"), "fiscal": D("881579.76")}),
        ("income", "2080599", "其他行政事业单位养老支出", 9, {"total": D("14820.00"), "fiscal": D("14820.00")}),
        ("income", "2101101", "行政单位医疗", 10, {"total": D("782855.28"), "fiscal": D("782855.28")}),
        ("income", "2101102", "事业单位医疗", 10, {"total": D("314218.15"), "fiscal": D("314218.15")}),
        ("income", "2210201", "住房公积金", 10, {"total": D("1741445.22"), "fiscal": D("1741445.22")}),
    ],
}


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_function_lines_are_read_on_every_page_with_split_codes_joined(doc):
    checked = 0
    for table, code, name, page, expected in FUNCTION_LINES[doc.source]:
        line = doc.units[0].table(table).line(code)
        if expected is None:
            assert line is None, (table, code)
            continue
        assert line is not None, (table, code)
        assert (line.code, line.name, line.location.page, line.values) == (code, name, page, expected)
        checked += 1
    pages = {page for table, _, _, page, expected in FUNCTION_LINES[doc.source] if expected}
    assert checked >= 10 and len(pages) >= 2


# -- economic lines, with the 款 that lost its leading zero --------------------------------------

ECONOMIC_LINES = {
    SWW: [
        ("30101", "基本工资", 19, {"total": D("1952616.00"), "personnel": D("1952616.00")}),
        ("30102", "津贴补贴", 19, {"total": D("7533376.00"), "personnel": D("7533376.00")}),
        ("30217", "公务接待费", 20, {"total": D("10000.00"), "public": D("10000.00")}),
        ("30239", "其他交通费用", 20, {"total": D("284480.00"), "public": D("284480.00")}),
        ("30302", "退休费", 20, {"total": D("1197600.00"), "personnel": D("1197600.00")}),
        ("31002", "办公设备购置", 20, {"total": D("78000.00"), "public": D("78000.00")}),
    ],
    WANLI: [
        ("30101", "基本工资", 29, {"total": D("5873551"), "personnel": D("5873551"), "public": D("0")}),
        # Printed "301 2" and "301 7": the 款 lost its leading zero.
        ("30102", "津贴补贴", 29, {"total": D("16623810"), "personnel": D("16623810"), "public": D("0")}),
        ("30107", "绩效工资", 29, {"total": D("11447100"), "personnel": D("11447100"), "public": D("0")}),
        ("30213", "维修(护)费", 30, {"total": D("430000"), "personnel": D("0"), "public": D("430000")}),
        ("30231", "公务用车运行维护费", 30, {"total": D("215600"), "personnel": D("0"), "public": D("215600")}),
        ("30302", "退休费", 30, {"total": D("254940"), "personnel": D("254940"), "public": D("0")}),
    ],
    ZFB: [
        ("30101", "基本工资", 18, {"total": D("2540192.00"), "personnel": D("2540192.00")}),
        ("30102", "津贴补贴", 18, {"total": D("9572367.00"), "personnel": D("9572367.00")}),
        ("30217", "公务接待费", 19, {"total": D("185000.00"), "public": D("185000.00")}),
        ("30228", "工会经费", 19, {"total": D("248117.54"), "public": D("248117.54")}),
        ("30302", "退休费", 19, {"total": D("1188720.00"), "personnel": D("1188720.00")}),
        ("31002", "办公设备购置", 19, {"total": D("200000.00"), "public": D("200000.00")}),
    ],
}


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_economic_lines_are_read_with_codes_joined_and_zeros_restored(doc):
    table = doc.units[0].table("gpb_basic_economic")
    assert table.classification == "economic"
    for code, name, page, expected in ECONOMIC_LINES[doc.source]:
        line = table.line(code)
        assert line is not None, code
        assert (line.code, line.name, line.location.page, line.values) == (code, name, page, expected)


def test_no_economic_code_keeps_a_one_digit_kuan(shared_samples):
    table = _read(shared_samples / "shanghai" / WANLI).units[0].table("gpb_basic_economic")
    assert all(len(line.key) in (3, 5) for line in table.lines if line.key != "total")


# -- 三公 and 机关运行经费, printed in 万元 --------------------------------------------------------

THREE_PUBLIC = {
    SWW: {"total": D("1.00"), "reception": D("1.00"), "operating_costs": D("171.01")},
    WANLI: {"total": D("47.91"), "abroad": D("0"), "reception": D("1.35"), "vehicles": D("46.56"),
            "vehicles.purchase": D("25"), "vehicles.operation": D("21.56"), "operating_costs": D("443.18")},
    ZFB: {"total": D("867.50"), "abroad": D("839.00"), "reception": D("28.50"), "operating_costs": D("213.28")},
}


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_three_public_and_operating_costs_are_read_in_wan_yuan(doc):
    table = doc.units[0].table("three_public")
    assert table.currency == "万元"
    assert {line.key: line.values["total"] for line in table.lines} == THREE_PUBLIC[doc.source]


def test_the_wanli_three_public_table_keeps_both_its_amounts_and_its_empty_note(shared_samples):
    # A genuine inconsistency of the document: amounts printed under a note that the
    # table is empty. Both are kept; validation reports the contradiction.
    table = _read(shared_samples / "shanghai" / WANLI).units[0].table("three_public")
    assert table.empty_note == "注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。"
    assert table.line("total").values == {"total": D("47.91")}


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_the_tables_of_these_documents_break_no_identity(doc):
    # Checked by hand: every row, parent and 合计 of the three documents adds up.
    assert [b for t in doc.tables for b in t.breaks] == []


# -- the narrative: 预算编制说明 and 其他相关情况说明 ------------------------------------------------

FACTS = {
    SWW: {"income.total": (D("37151.47"), "万元"), "expenditure.total": (D("37151.47"), "万元"),
          "three_public.total": (D("1.00"), "万元"), "three_public.reception": (D("1.00"), "万元"),
          "operating_costs": (D("171.01"), "万元"), "procurement.total": (D("38.20"), "万元"),
          "procurement.goods": (D("7.80"), "万元"), "procurement.services": (D("30.40"), "万元"),
          "performance.projects": (D("25"), "个"), "performance.amount": (D("11381.60"), "万元"),
          "assets.vehicles": (D("0"), "辆")},
    WANLI: {"income.total": (D("15621.11"), "万元"), "change.income_fiscal": (D("876.75"), "万元"),
            "three_public.total": (D("47.91"), "万元"), "three_public.vehicles": (D("46.56"), "万元"),
            "three_public.vehicle_purchase": (D("25"), "万元"), "three_public.reception": (D("1.35"), "万元"),
            "operating_costs": (D("443.18"), "万元"), "procurement.total": (D("1662.44"), "万元"),
            "procurement.works": (D("815.87"), "万元"),
            "performance.projects": (D("50"), "个"), "performance.amount": (D("5634.81"), "万元"),
            "assets.vehicles": (D("7"), "辆"), "assets.planned_vehicles": (D("1"), "辆")},
    ZFB: {"income.total": (D("9101.68"), "万元"), "three_public.total": (D("867.50"), "万元"),
          "three_public.abroad": (D("839"), "万元"), "three_public.reception": (D("28.50"), "万元"),
          "operating_costs": (D("213.28"), "万元"), "procurement.total": (D("34"), "万元"),
          "performance.projects": (D("11"), "个"), "performance.amount": (D("6626"), "万元")},
}


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_the_narrative_facts_are_read_as_stated(doc):
    narrative = doc.units[0].narrative
    assert narrative is not None
    got = {key: (narrative.fact(key).value, narrative.fact(key).unit) for key in FACTS[doc.source]
           if narrative.fact(key) is not None}
    assert got == FACTS[doc.source]
    assert narrative.problems == []
    assert [g.term for g in narrative.glossary][-1] == "机关运行经费"


#: 预算编制说明 explains every 一般公共预算 function line (项): 16, 33 and 12 numbered items
#: (pages 7–8, 6–9, 6–7); 万里 repeats each amount as “2024年预算安排”, after last year's
#: (“2023年当年预算执行数为”) and, but for the 5 items that print 持平, the change in per cent
#: (33 × 3 + 28 facts). The facts are keyed by the code of the line the item names, found by
#: its 类/款/项 names in the table.
EXPLAINED_LINES = {
    SWW: (16, {"function_line.2011301.amount": D("938.99"), "function_line.2060503.amount": D("1720.00"),
               "function_line.2210201.amount": D("136.10"), "function_line.2210203.amount": D("148.80")}),
    WANLI: (127, {"function_line.2210201.amount": D("350.35"), "function_line.2210201.planned": D("352.67"),
                  "function_line.2210201.previous": D("348.52"), "function_line.2210201.percent": D("0.53"),
                  "function_line.2210203.amount": D("320.17"), "function_line.2210203.planned": D("320.17")}),
    ZFB: (12, {"function_line.2010301.amount": D("1202.95"), "function_line.2010302.amount": D("4614")}),
}


@pytest.mark.parametrize("doc", DOCUMENTS, indirect=True)
def test_each_explained_function_line_is_a_fact_keyed_by_its_code(doc):
    count, some = EXPLAINED_LINES[doc.source]
    facts = {f.key: f.value for f in doc.units[0].narrative.facts if f.key.startswith("function_line.")}
    assert len(facts) == count
    assert {key: facts.get(key) for key in some} == some


def test_a_change_states_its_direction(shared_samples):
    fact = _read(shared_samples / "shanghai" / SWW).units[0].narrative.fact("change.income_fiscal")
    assert (fact.value, fact.direction) == (D("24558.18"), "增加")


def test_nothing_is_invented_where_the_template_has_no_such_table_or_fact(shared_samples):
    narrative = _read(shared_samples / "shanghai" / SWW).units[0].narrative
    assert narrative.institution is None and narrative.asset_rows == []
    assert narrative.fact("procurement.sme_reserved") is None  # sww prints no 中小企业 reservation
    assert _read(shared_samples / "shanghai" / SWW).units[0].table("three_public").line("abroad") is None
    # No 绩效目标表 in these PDFs: only their count and amount, as narrative facts.
    assert all(_read(shared_samples / "shanghai" / d).units[0].projects == [] for d in DOCUMENTS)
