"""The 18 real disclosures of ``../shared/corpus`` (five provinces no template describes):
each read completely, its standard tables recognised from their titles and headers, the
cells as printed, and ``kg validate`` reporting exactly the document's own errors.

The expected values are in :mod:`corpus_expectations`, read by hand and with pdfplumber.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from corpus_expectations import CORPUS, Cell

from kg import store as kg_store
from kg.build import build
from kg.rdf.mapping import document_quads
from kg.read import read_document
from kg.records import Document, Line
from kg.validate import validate_paths, validate_store
from kg.validate.document import graph_from_quads, validate_graph

FILES = sorted(CORPUS)


@pytest.fixture(scope="module")
def read(shared_corpus: Path):
    """Each corpus file read once for the module."""
    cache: dict[str, Document] = {}

    def get(name: str) -> Document:
        if name not in cache:
            cache[name] = read_document(shared_corpus / name)
        return cache[name]

    return get


def _printed(doc: Document, cell: Cell) -> set[Decimal]:
    """The amounts at (table, row, column) in every unit of the document that has that table."""
    table_key, row, column, _ = cell
    found = set()
    for unit in doc.units:
        table = unit.table(table_key)
        line = table.line(row) if table else None
        if line is not None and column in line.values:
            found.add(line.values[column])
    return found


def test_the_corpus_is_the_one_the_expectations_were_read_from(shared_corpus):
    assert sorted(p.name for p in shared_corpus.glob("*.pdf")) == FILES


@pytest.mark.parametrize("name", FILES)
def test_every_number_of_every_table_is_placed_and_nothing_is_left_unread(read, name):
    doc = read(name)
    assert doc.template == "standard"
    assert doc.tokens > 100
    assert [str(u.location) + " " + u.text for u in doc.unplaced] == []
    assert [p.message for p in doc.problems] == []


@pytest.mark.parametrize("name", FILES)
def test_the_unit_year_kind_and_currency_are_read_from_what_is_printed(read, name):
    doc, expected = read(name), CORPUS[name]
    unit = doc.units[0]
    assert (unit.name, unit.year, doc.kind, unit.currency) == (
        expected.unit, expected.year, expected.kind, expected.currency)


@pytest.mark.parametrize("name", FILES)
def test_every_standard_table_printed_is_recognised(read, name):
    doc, expected = read(name), CORPUS[name]
    assert {r.key for r in doc.recognised if r.key} == expected.tables
    # What the vocabulary calls standard and the document lacks is named, not guessed.
    assert not set(doc.missing) & expected.tables


@pytest.mark.parametrize("name", FILES)
def test_the_readme_facts_are_read_as_printed(read, name):
    _assert_cells(read(name), CORPUS[name].readme)


@pytest.mark.parametrize("name", FILES)
def test_cells_read_with_pdfplumber_are_read_the_same(read, name):
    expected = CORPUS[name]
    assert len(expected.cells) >= 8 and len({c[0] for c in expected.cells}) >= 4
    _assert_cells(read(name), expected.cells)


def _assert_cells(doc: Document, cells: list[Cell]) -> None:
    wrong = [(cell, sorted(_printed(doc, cell))) for cell in cells if Decimal(cell[3]) not in _printed(doc, cell)]
    assert wrong == []


@pytest.fixture(scope="module")
def report(shared_corpus: Path):
    return validate_paths([shared_corpus / name for name in FILES], jobs=2)


@pytest.mark.parametrize("name", FILES)
def test_validation_reports_exactly_the_errors_the_document_prints(report, name):
    (task,) = [t for t in report.tasks if t.document == name]
    assert task.error is None
    # Warnings too: a real code the lists have not seen, or a name the code had in the
    # document's year, is no finding.
    found = {(f.code, f.table, f.row, f.column) for f in task.findings}
    assert found == CORPUS[name].findings


def test_the_corpus_in_one_store_gives_each_document_s_findings_and_nothing_across_them(shared_corpus, report,
                                                                                        tmp_path):
    with kg_store.open(tmp_path / "store") as opened:
        build([shared_corpus / name for name in FILES], opened, jobs=2)
    stored = validate_store(tmp_path / "store", jobs=2)
    by_file = {t.document: t for t in report.tasks}
    assert [f for t in stored.tasks if t.document not in by_file for f in t.findings] == []
    assert {(t.document, f.code, f.table, f.row, f.column) for t in stored.tasks for f in t.findings} == {
        (t.document, f.code, f.table, f.row, f.column) for t in report.tasks for f in t.findings}


@pytest.mark.parametrize("name", FILES)
def test_validation_names_as_causes_only_the_misprints_read_by_hand(report, name):
    (task,) = [t for t in report.tasks if t.document == name]
    found = {tuple((c.table, c.row, c.column, c.printed, c.needed) for c in cause.cells) for cause in task.causes}
    assert found == CORPUS[name].causes
    assert {f.cause for f in task.findings} <= {None} | {cause.id for cause in task.causes}


def test_the_breaks_found_are_the_ones_read_by_hand(report):
    """Spot checks of the amounts in the findings, against the hand-computed sums."""
    def values(name: str, row: str, column: str, table: str) -> dict[str, str]:
        (task,) = [t for t in report.tasks if t.document == name]
        (finding,) = [f for f in task.violations if (f.table, f.row, f.column) == (table, row, column)]
        return finding.values

    guangzhou = values("31_广东_广州_信访局_2026.pdf", "20805", "total", "gpb_expenditure")
    assert "419.35" in guangzhou.values() and "419.36" in guangzhou.values()
    fuzhou = values("46_福建_福州_公安局巡特警支队_2026.pdf", "20402", "project", "expenditure")
    assert "1370.70" in fuzhou.values() and "1051.46" in fuzhou.values()


# -- table 1 printed by 用途: 本年支出合计 = its parts; 基本支出 = the economic table's ------
#
# 江苏 2019 (page 14): 当年支出小计 24,169.74 = 基本支出 15,844.04 + 项目支出 4,335.30 +
# 单位预留机动经费 3,990.40. 长沙 职业教育 (page 12): 本年支出合计 656.73 = 基本支出 386.73 +
# 项目支出 270.00, and its 一般公共预算基本支出情况表 (page 18) 合计 386.73; all of its money is
# 本级财政拨款, all 一般公共预算拨款 (page 15).
JIANGSU = "42_江苏_江苏省级_人民检察院_2019.pdf"
CHANGSHA_SCHOOL = "45_湖南_长沙_职业教育基地综合协调办公室_2026.pdf"
GUANGZHOU = "31_广东_广州_信访局_2026.pdf"
FUZHOU = "46_福建_福州_公安局巡特警支队_2026.pdf"
SUZHOU = "38_江苏_苏州_科学技术局_2026.pdf"
SHENZHEN = "32_广东_深圳_信访局_2026.pdf"
CHANGSHA = "43_湖南_长沙_信访局_2026.pdf"


def _violations(doc: Document) -> set[tuple]:
    task = validate_graph(graph_from_quads(document_quads(doc)))
    return {(f.code, f.table, f.row, f.column, f.values.get("actual"), f.values.get("expected"))
            for f in task.violations}


def _changed(doc: Document, changes: dict[str, str], table: str = "summary") -> Document:
    """A copy of the document whose 收支总表 (or ``table``) prints these amounts (row key -> amount)."""
    doc = copy.deepcopy(doc)
    for row, amount in changes.items():
        _retype(doc, table, row, {"total": amount})
    return doc


def _changed_line(doc: Document, table: str, row: str, amounts: dict[str, str]) -> Document:
    """A copy of the document whose ``table`` prints these amounts (column -> amount) in ``row``."""
    doc = copy.deepcopy(doc)
    _retype(doc, table, row, amounts)
    return doc


def _retype(doc: Document, key: str, row: str, amounts: dict[str, str]) -> None:
    """The first unit's table ``key`` prints ``amounts`` in ``row``: the row, and its columns,
    added where the table has none."""
    table = doc.units[0].table(key)
    line = table.line(row)
    if line is None:
        line = Line(row, row, {}, table.lines[-1].location if table.lines else doc.units[0].location)
        table.lines.append(line)
    line.values.update({column: Decimal(amount) for column, amount in amounts.items()})
    table.columns += [column for column in amounts if column not in table.columns]


def test_a_misprinted_part_of_table_1s_expenditure_breaks_its_total(read):
    doc = _changed(read(JIANGSU), {"expenditure.reserve": "3990.41"})
    assert _violations(doc) - _violations(read(JIANGSU)) == {
        ("BK-SUMMARY-BALANCE", "summary", "expenditure.total", "total", "24169.74", "24169.75")}


def _rules(doc: Document) -> set[tuple[str, str]]:
    """Each broken agreement of table 1: its row and the rule that compares it."""
    task = validate_graph(graph_from_quads(document_quads(doc)))
    return {(f.row, f.values["rule"]) for f in task.violations if f.code == "BK-AGREE-SUMMARY"}


SHIFT = {"expenditure.basic": "386.83", "expenditure.project": "269.90"}


def test_a_shift_from_project_to_basic_in_table_1_is_reported_against_the_economic_table(read):
    # 本年支出合计 still adds up; the 基本支出 economic table says 386.73, and the 支出总表's 合计
    # row 386.73 and 270.00.
    doc = _changed(read(CHANGSHA_SCHOOL), SHIFT)
    assert _violations(doc) == {
        ("BK-AGREE-SUMMARY", "summary", "expenditure.basic", "total", "386.83", "386.73"),
        ("BK-AGREE-SUMMARY", "summary", "expenditure.project", "total", "269.90", "270.00")}
    assert _rules(doc) == {
        ("expenditure.basic", "[expenditure.basic].total = gpb_basic_economic[total].total"),
        ("expenditure.basic", "[expenditure.basic].total = expenditure[total].basic"),
        ("expenditure.project", "[expenditure.project].total = expenditure[total].project")}


def test_the_economic_table_is_not_table_1s_measure_when_the_unit_has_other_money(read):
    # The same shift, with 五、其它收入 printed: 基本支出 may be paid from it, and the economic
    # table (一般公共预算 only) does not measure it; the 支出总表, of all money, still does. The
    # 说明 states 其他收入0.00万元. Printed as 0.00, it is no other money.
    economic = ("expenditure.basic", "[expenditure.basic].total = gpb_basic_economic[total].total")
    other = _changed(read(CHANGSHA_SCHOOL), {**SHIFT, "income.other": "0.10"})
    assert ("BK-NARR-AMOUNT", "narrative", "income.other", None, None, None) in _violations(other)
    assert economic not in _rules(other)
    assert _rules(other) == _rules(_changed(read(CHANGSHA_SCHOOL), SHIFT)) - {economic}
    assert economic in _rules(_changed(read(CHANGSHA_SCHOOL), {**SHIFT, "income.other": "0.00"}))


MISPRINTS = [
    # 广州 2026's 收支总体情况表 (page 5) prints 八、社会保障和就业支出 419.35, as its 本年支出总体情况表
    # (page 8) prints 208; its 二十、国有资本经营预算支出 0.00 is no class of 支出总表's.
    pytest.param(GUANGZHOU, "summary", "208", {"total": "419.53"}, {
        ("BK-AGREE-SUMMARY", "summary", "208", "total", "419.53", "419.35")}, id="a class of table 1"),
    # 福州 2026's 收支预算总表 (page 8) prints 一般公共预算拨款收入 10,344.71, as its 收入预算总表's
    # 合计 row (page 9) does.
    pytest.param(FUZHOU, "summary", "income.gpb", {"total": "10344.17"}, {
        ("BK-AGREE-SUMMARY", "summary", "income.gpb", "total", "10344.17", "10344.71")}, id="a source of table 1"),
    # 深圳 信访局 2026's 收支总表 (page 16): 收入总计 4,684.30 = 本年收入合计 4,676.96 + 上年结余、
    # 结转 7.34.
    pytest.param(SHENZHEN, "summary", "income.carryover", {"total": "7.43"}, {
        ("BK-SUMMARY-BALANCE", "summary", "income.grand_total", "total", "4684.30", "4684.39")},
        id="table 1's carry-over"),
    # 长沙 信访局 2026: all of its money is 一般公共预算 (收支总表, page 12). Its 部门支出总体情况表
    # (page 14) and 一般公共预算支出情况表 print 2014004 信访业务 417.41, all 项目支出. Retyped in
    # both of its cells, the row still adds up; 20140 no longer does, and the other tables name
    # the line (its 收入总表 prints 417.41 too).
    pytest.param(CHANGSHA, "expenditure", "2014004", {"total": "471.41", "project": "471.41"}, {
        ("BK-AGREE-LINE", "expenditure", "2014004", "total", "471.41", "417.41"),
        ("BK-AGREE-LINE", "income", "2014004", "total", "417.41", "471.41"),
        ("BK-AGREE-LINE", "expenditure", "2014004", "project", "471.41", "417.41"),
        ("BK-SUM-PARENT", "expenditure", "20140", "total", "1935.36", "1989.36"),
        ("BK-SUM-PARENT", "expenditure", "20140", "project", "417.41", "471.41")}, id="a line in both cells"),
    # The same, its 合计 alone: the 支出总表 prints 事业单位经营支出, 对附属单位补助支出 and 上缴上级支出
    # as columns of no amount, and its row (合计 = 基本 + 项目) no longer adds up either.
    pytest.param(CHANGSHA, "expenditure", "2014004", {"total": "471.41"}, {
        ("BK-ROW-TOTAL", "expenditure", "2014004", "total", "471.41", "417.41"),
        ("BK-AGREE-LINE", "expenditure", "2014004", "total", "471.41", "417.41"),
        ("BK-AGREE-LINE", "income", "2014004", "total", "417.41", "471.41"),
        ("BK-SUM-PARENT", "expenditure", "20140", "total", "1935.36", "1989.36")}, id="a line's total"),
    # 长沙 信访局 2026's 部门收入总体情况表 (page 13) prints 2014004 信访业务 417.41, as its 支出总表
    # spends it; nothing is carried over (收支总表, page 12).
    pytest.param(CHANGSHA, "income", "2014004", {"total": "471.41"}, {
        ("BK-AGREE-LINE", "income", "2014004", "total", "471.41", "417.41"),
        ("BK-SUM-PARENT", "income", "20140", "total", "1935.36", "1989.36")}, id="a line of the income table"),
    # 福州 2026's 收入预算总表 (page 9) prints every source: 合计 10,344.71 = 一般公共预算 10,344.71
    # + nine sources of 0.00 (printed on the 合计 row, blank on the unit's).
    pytest.param(FUZHOU, "income", "row:福州市公安局巡特警支队", {"gpb": "10344.17"}, {
        ("BK-ROW-TOTAL", "income", "row:福州市公安局巡特警支队", "total", "10344.71", "10344.17")},
        id="an income source"),
    # 苏州 科学技术局 2026's 一般公共预算支出表 (page 22): 2060101 行政运行 基本支出 1,304.01 =
    # 人员经费 1,080.35 + 公用经费 223.66, 合计 the same (no 项目支出).
    pytest.param(SUZHOU, "gpb_expenditure", "2060101", {"personnel": "1080.53"}, {
        ("BK-ROW-TOTAL", "gpb_expenditure", "2060101", "basic", "1304.01", "1304.19"),
        ("BK-ROW-TOTAL", "gpb_expenditure", "2060101", "total", "1304.01", "1304.19"),
        ("BK-SUM-PARENT", "gpb_expenditure", "20601", "personnel", "1080.35", "1080.53")}, id="人员经费"),
    # 福州 2026's 一般公共预算支出经济分类情况表 (page 15) and 一般公共预算拨款支出预算表 (page 12)
    # both total 10,344.71.
    pytest.param(FUZHOU, "gpb_economic", "total", {"total": "10344.17"}, {
        ("BK-AGREE-LINE", "gpb_economic", "total", "total", "10344.17", "10344.71"),
        ("BK-SUM-TOTAL", "gpb_economic", "total", "total", "10344.17", "10344.71")}, id="the economic table's total"),
    # 江苏 人民检察院 2019's 三公 table (page 20) prints one row: 合计 1,276.70 = 因公出国（境）费
    # 80.00 + 公务用车购置及运行费 237.00 + 公务接待费 101.26 + 会议费 158.44 + 培训费 700.00.
    pytest.param(JIANGSU, "three_public", "training", {"total": "707.00"}, {
        ("BK-SUMMARY-BALANCE", "three_public", "total", "total", "1276.70", "1283.70")}, id="三公 with 培训费"),
    # 长沙 信访局 2026's 三公 table (page 20): 小计 8.00 = 公务接待费 3.00 + 公务用车购置及运行费
    # 5.00 (运行费 5.00), 因公出国（境）费 and 购置费 blank; the 说明 states 接待费 3.00万元.
    pytest.param(CHANGSHA, "three_public", "three_public.reception", {"total": "3.50"}, {
        ("BK-SUMMARY-BALANCE", "three_public", "three_public.total", "total", "8.00", "8.50"),
        ("BK-NARR-THREE-PUBLIC", "narrative", "three_public.reception", None, None, None)},
        id="三公 with blank items"),
]


@pytest.mark.parametrize(("name", "table", "row", "amounts", "found"), MISPRINTS)
def test_a_misprint_planted_in_a_real_pdf_s_reading_is_found_by_the_rules_that_read_it(read, name, table, row,
                                                                                      amounts, found):
    """Each rule that applies in any province, on a PDF that prints the cells it reads: one cell
    (or one row's cells) retyped, and the findings the copy has beyond the document's own."""
    assert _violations(_changed_line(read(name), table, row, amounts)) - _violations(read(name)) == found


def test_tables_printed_in_different_units_are_not_compared_as_printed(read):
    # 福州 2026's economic table (page 15) in a copy that prints it in 元: 103,447,100.00 is the
    # 10,344.71 万元 of the function table, and no agreement compares the two as printed.
    doc = copy.deepcopy(read(FUZHOU))
    economic = doc.units[0].table("gpb_economic")
    economic.currency = "元"
    for line in economic.lines:
        line.values = {column: value * 10000 for column, value in line.values.items()}
    assert not {v for v in _violations(doc) if v[0] == "BK-AGREE-LINE" and v[1] == "gpb_economic"}
    # Printed in 万元 as the function table is, the same amount is compared.
    economic.currency = None
    assert {v for v in _violations(doc) if v[0] == "BK-AGREE-LINE" and v[1] == "gpb_economic"} == {
        ("BK-AGREE-LINE", "gpb_economic", "total", "total", "103447100.00", "10344.71")}


def test_a_class_of_the_fiscal_summary_is_reported_against_the_general_budget_table_when_all_is_general_budget(read):
    # 福州 2026's 财政拨款收支预算总表 (page 11) prints 八、社会保障和就业支出 1,184.60, as its
    # 一般公共预算拨款支出预算表 (page 12) prints 208; all of its 财政拨款 is 一般公共预算 (10,344.71).
    doc = _changed(read(FUZHOU), {"208": "1148.60"}, table="fiscal_summary")
    assert _violations(doc) - _violations(read(FUZHOU)) == {
        ("BK-AGREE-LINE", "fiscal_summary", "208", "total", "1148.60", "1184.60")}
    # With 政府性基金 printed, the class may be paid from it too: not compared.
    funded = _changed(doc, {"income.gov_fund": "36.00"}, table="fiscal_summary")
    assert ("BK-AGREE-LINE", "fiscal_summary", "208", "total", "1148.60", "1184.60") not in _violations(funded)


def test_the_expenditure_table_is_not_the_general_budget_s_where_the_unit_spends_government_funds(read):
    # 长沙 信访局 2026's 2014004 retyped in both cells, as in MISPRINTS ("a line in both cells"),
    # in a copy whose 政府性基金预算支出表 (page 21, printed empty) spends 10.00: its 支出总表 then
    # holds more than 一般公共预算, and is not compared with the 一般公共预算支出表.
    doc = _changed_line(read(CHANGSHA), "expenditure", "2014004", {"total": "471.41", "project": "471.41"})
    compared = {v for v in _violations(doc) if v[0] == "BK-AGREE-LINE" and v[1] == "expenditure"}
    assert len(compared) == 2  # 合计 and 项目支出, without the funds' spending
    _retype(doc, "gov_fund_expenditure", "total", {"total": "10.00"})
    assert {v for v in _violations(doc) if v[0] == "BK-AGREE-LINE" and v[1] == "expenditure"} == set()


def _stating(doc: Document, key: str, amount: str) -> Document:
    """A copy of the document whose narrative states ``amount`` for ``key``."""
    doc = copy.deepcopy(doc)
    narrative = doc.units[0].narrative
    narrative.facts = [replace(f, value=Decimal(amount)) if f.key == key else f for f in narrative.facts]
    return doc


def test_any_province_s_three_public_statement_is_checked_against_its_table_and_its_items(read):
    # 长沙 2026 states 公务接待费3.00万元, as its 三公 table prints; stated as 3.50, it differs
    # from the table and the stated items no longer make the stated 8.00.
    assert _violations(read(CHANGSHA)) == set()
    assert {(code, row, actual) for code, _, row, _, actual, _ in _violations(
        _stating(read(CHANGSHA), "three_public.reception", "3.50"))} == {
        ("BK-NARR-THREE-PUBLIC", "three_public.reception", None),
        ("BK-NARR-THREE-PUBLIC", "three_public.total", None)}


def test_any_province_s_stated_totals_are_checked_against_the_cells_that_print_them(read):
    # 长沙 2026: “2026年本单位收入预算1935.36万元”, “本单位支出预算1935.36万元” and “本单位一般公共
    # 预算拨款支出1935.36万元”, as the 收支总表's 收入总计, the 支出总表's and the 一般公共预算支出表's
    # 合计 print.
    doc = read(CHANGSHA)
    totals = ("income.total", "expenditure.total", "expenditure.gpb")
    assert {(f.key, f.value) for f in doc.units[0].narrative.facts if f.key in totals} == {
        (key, Decimal("1935.36")) for key in totals}
    for key in totals:
        assert {(code, fact) for code, _, fact, *_ in _violations(_stating(doc, key, "1935.46"))} == {
            ("BK-NARR-AMOUNT", key)}
    # Where the 收支总表 prints no 收入总计 that was read, the stated total is compared with nothing.
    doc = _stating(doc, "income.total", "1935.46")
    summary = doc.units[0].table("summary")
    summary.lines = [line for line in summary.lines if line.key != "income.grand_total"]
    assert not {v for v in _violations(doc) if v[0] == "BK-NARR-AMOUNT"}


def test_any_province_s_stated_procurement_budget_is_checked_against_its_procurement_table(read):
    # 苏州 科技局 2026: “2026年度政府采购支出预算总额393万元”, its 政府采购表's 合计 393.00. Stated
    # as 394, it differs from the table and from the goods, works and services stated after it.
    doc = read("38_江苏_苏州_科学技术局_2026.pdf")
    assert doc.units[0].narrative.fact("procurement.total").value == Decimal("393")
    assert {(code, fact) for code, _, fact, *_ in _violations(_stating(doc, "procurement.total", "394"))} - {
        (code, fact) for code, _, fact, *_ in _violations(doc)} == {
        ("BK-NARR-AMOUNT", "procurement.total"), ("BK-NARR-PROCUREMENT-PARTS", "procurement.total")}


def test_stated_procurement_of_goods_works_and_services_must_make_the_stated_procurement_budget(read):
    # 苏州 科技局 2026, page 41: “政府采购支出预算总额393万元，其中：拟采购货物支出20万元、拟采购工程
    # 支出0万元、拟采购服务支出373万元”. Goods stated as 21: the three make 394.
    doc = read("38_江苏_苏州_科学技术局_2026.pdf")
    assert {f.key: f.value for f in doc.units[0].narrative.facts if f.key.startswith("procurement.")} == {
        "procurement.total": Decimal(393), "procurement.goods": Decimal(20), "procurement.works": Decimal(0),
        "procurement.services": Decimal(373), "procurement.total.base.0": Decimal(393),
        "procurement.total.part.拟采购货物支出": Decimal(20), "procurement.total.part.拟采购工程支出": Decimal(0),
        "procurement.total.part.拟采购服务支出": Decimal(373)}
    assert {(code, fact) for code, _, fact, *_ in _violations(_stating(doc, "procurement.goods", "21"))} - {
        (code, fact) for code, _, fact, *_ in _violations(doc)} == {("BK-NARR-PROCUREMENT-PARTS", "procurement.total")}


def test_any_province_s_stated_change_over_last_year_is_checked_against_its_amounts(read):
    # 长沙 2026: “机关运行经费122.98万元，比上年预算增加7.20万元，上升6.22%” (7.20 / 115.78 = 6.22%).
    doc = read(CHANGSHA)
    assert {(f.key, f.value, f.direction) for f in doc.units[0].narrative.facts
            if f.key.startswith("change.operating_costs")} == {
        ("change.operating_costs.current", Decimal("122.98"), None),
        ("change.operating_costs", Decimal("7.20"), "增加"),
        ("change.operating_costs.percent", Decimal("6.22"), "上升")}
    assert {(code, fact) for code, _, fact, *_ in _violations(
        _stating(doc, "change.operating_costs.percent", "6.32"))} == {
        ("BK-NARR-CHANGE-PERCENT", "change.operating_costs.percent")}


WUXI = "40_江苏_无锡_信访局_2025.pdf"


def test_a_stated_grand_total_of_fiscal_funds_is_checked_against_the_fiscal_summary(read):
    # 无锡 信访局 2025 (page 29): 财政拨款收、支总预算 2,723.94 万元, as its 财政拨款收支总表
    # (page 15) prints under 收入总计.
    assert {f.value for f in read(WUXI).units[0].narrative.facts if f.key == "fiscal.total"} == {Decimal("2723.94")}
    assert _violations(_stating(read(WUXI), "fiscal.total", "2732.94")) - _violations(read(WUXI)) == {
        ("BK-NARR-AMOUNT", "narrative", "fiscal.total", None, None, None)}


def test_a_stated_fiscal_income_in_wan_yuan_is_checked_against_the_fiscal_summary_in_yuan(read):
    # 西安 信访局（汇总）2026 (page 8): 本部门当年财政拨款收入2,838.42万元; its 财政拨款收支总表
    # (page 22, in 元) prints 本年收入合计 28,384,234.71, which is 2,838.42 万元 to the cent.
    name = "35_陕西_西安_信访局（汇总）_2026.pdf"
    assert {f.value for f in read(name).units[0].narrative.facts if f.key == "fiscal.income"} == {Decimal("2838.42")}
    assert _violations(_stating(read(name), "fiscal.income", "2838.24")) - _violations(read(name)) == {
        ("BK-NARR-AMOUNT", "narrative", "fiscal.income", None, None, None)}


def test_a_stated_spending_of_government_funds_is_checked_against_their_table(read):
    # 深圳 盐田管理局 2026 (page 11): 本单位政府性基金预算支出 10.00 万元, as its 政府性基金预算支出表
    # (page 36) totals.
    name = "33_广东_深圳_规划和自然资源局盐田管理局_2026.pdf"
    assert _violations(_stating(read(name), "gov_fund.expenditure", "1.00")) - _violations(read(name)) == {
        ("BK-NARR-AMOUNT", "narrative", "gov_fund.expenditure", None, None, None)}


def test_a_total_s_parts_are_read_with_their_shares_across_a_page_break_and_its_running_header(read):
    # 无锡 2025, pages 28-29: “无锡市信访局2025年支出预算合计2,867.94万元，其中：” then, after the
    # page number and the running header “无锡市信访局2025年度部门预算公开”, “基本支出1,692.29万元，
    # 占59.01%；项目支出1,175.65万元，占40.99%；事业单位经营支出0万元，占0%；…”.
    facts = {f.key: f.value for f in read(WUXI).units[0].narrative.facts if f.key.startswith("expenditure.")}
    assert {k: v for k, v in facts.items() if "part.基本" in k or "part.项目" in k or k in {
        "expenditure.total", "expenditure.total.base.0", "expenditure.basic", "expenditure.project"}} == {
        "expenditure.total": Decimal("2867.94"), "expenditure.total.base.0": Decimal("2867.94"),
        "expenditure.total.part.基本支出": Decimal("1692.29"), "expenditure.total.part.基本支出.share": Decimal("59.01"),
        "expenditure.total.part.项目支出": Decimal("1175.65"), "expenditure.total.part.项目支出.share": Decimal("40.99"),
        "expenditure.basic": Decimal("1692.29"), "expenditure.project": Decimal("1175.65")}


def test_a_stated_share_of_a_total_is_checked_within_the_rounding_of_its_figures(read):
    # 无锡 2025: 1,692.29 / 2,867.94 = 59.007%, printed 59.01%: agrees. Printed 59.02%, it does not;
    # 1,175.65 stated as 1,175.95 gives 41.00%, not the printed 40.99%.
    doc = read(WUXI)
    assert not {v for v in _violations(doc) if v[0] == "BK-NARR-SHARE"}
    assert {(code, fact) for code, _, fact, *_ in _violations(
        _stating(doc, "expenditure.total.part.基本支出.share", "59.02"))} == {
        ("BK-NARR-SHARE", "expenditure.total.part.基本支出.share")}
    assert {(code, fact) for code, _, fact, *_ in _violations(
        _stating(doc, "expenditure.total.part.项目支出", "1175.95"))} == {
        ("BK-NARR-SHARE", "expenditure.total.part.项目支出.share")}


def test_stated_parts_of_income_and_expenditure_are_checked_against_the_tables_that_print_them(read):
    # 无锡 2025's 支出总表 (page 12) 合计 row: 基本支出 1,692.29, 项目支出 1,175.65; its 收支总表
    # (page 10): 一般公共预算拨款收入 2,723.94, 其他收入 144.00; its 一般公共预算基本支出表 (page
    # 20): 合计 1,692.29, 人员经费 1,593.76, 公用经费 98.53; as its 说明 states them (pages 27-32:
    # “一般公共预算财政拨款基本支出预算1,692.29万元，其中：（一）人员经费1,593.76万元。主要包括：…
    # （二）公用经费98.53万元。”).
    doc = read(WUXI)
    stated = {f.key: f.value for f in doc.units[0].narrative.facts}
    keys = ("expenditure.basic", "expenditure.project", "income.gpb", "income.other", "expenditure.gpb_basic",
            "expenditure.personnel", "expenditure.public")
    assert {key: stated[key] for key in keys} == {
        "expenditure.basic": Decimal("1692.29"), "expenditure.project": Decimal("1175.65"),
        "income.gpb": Decimal("2723.94"), "income.other": Decimal(144), "expenditure.gpb_basic": Decimal("1692.29"),
        "expenditure.personnel": Decimal("1593.76"), "expenditure.public": Decimal("98.53")}
    for key in keys:
        assert {(code, fact) for code, _, fact, *_ in _violations(_stating(doc, key, "1000.00"))} == {
            ("BK-NARR-AMOUNT", key)}


def test_a_stated_reserve_is_checked_against_the_expenditure_table_s_column_of_it(read):
    # 江苏 2019, page 27: “单位预留机动经费3990.4万元，占16.5%”; its 支出预算总表 (page 15) prints
    # 单位预留机动经费 3990.4.
    doc = read(JIANGSU)
    assert doc.units[0].narrative.fact("expenditure.reserve").value == Decimal("3990.4")
    assert {(code, fact) for code, _, fact, *_ in _violations(_stating(doc, "expenditure.reserve", "3990.5"))} - {
        (code, fact) for code, _, fact, *_ in _violations(doc)} == {("BK-NARR-AMOUNT", "expenditure.reserve")}


def test_a_public_finance_total_under_its_older_name_and_its_parts_are_checked_against_the_tables(read):
    # 西安 气象局 2022, page 9: “本部门一般公共财政拨款支出1899.9万元，其中基本支出183.93万元，专项业务
    # 经费支出1715.97万元”; its tables, in 元: 一般公共预算支出表 (page 22) 合计 18,999,011.66 and
    # 项目 17,159,700; 基本支出表 (page 25) 合计 1,839,311.66.
    doc = read("36_陕西_西安_气象局_2022.pdf")
    stated = {f.key: f.value for f in doc.units[0].narrative.facts}
    assert {k: stated[k] for k in ("expenditure.gpb", "expenditure.gpb_basic", "expenditure.gpb_project")} == {
        "expenditure.gpb": Decimal("1899.9"), "expenditure.gpb_basic": Decimal("183.93"),
        "expenditure.gpb_project": Decimal("1715.97")}
    for key in ("expenditure.gpb_basic", "expenditure.gpb_project"):
        assert {(code, fact) for code, _, fact, *_ in _violations(_stating(doc, key, "100.00"))} - {
            (code, fact) for code, _, fact, *_ in _violations(doc)} == {("BK-NARR-AMOUNT", key)}


def test_a_three_public_table_read_without_its_items_is_not_compared_with_the_narrative(read):
    # 深圳 2026 prints its 三公 table by fund and year, which the vocabulary does not read as
    # items: the stated 5.58万元 is compared with no cell, not with a blank taken as 0. Stated as
    # 5.59, it is reported only for not being the sum of the items the narrative states.
    doc = read("32_广东_深圳_信访局_2026.pdf")
    assert doc.units[0].narrative.fact("three_public.total").value == Decimal("5.58")
    assert not {v for v in _violations(doc) if v[0].startswith("BK-NARR")}
    assert {(code, fact) for code, _, fact, *_ in _violations(_stating(doc, "three_public.total", "5.59"))
            if code.startswith("BK-NARR")} == {("BK-NARR-THREE-PUBLIC", "three_public.total")}


def test_three_public_items_heading_numbered_paragraphs_are_read_and_must_make_the_stated_total(read):
    # 深圳 2026, pages 8-9: “2026年财政拨款“三公”经费预算5.58万元 … 1.因公出国（境）费用。2026年预算数
    # 0.00万元 … 2.公务接待费。2026年预算数2.98万元 … 3.公务用车购置和运行维护费。2026年预算数2.60万元”.
    doc = read("32_广东_深圳_信访局_2026.pdf")
    assert {f.key: f.value for f in doc.units[0].narrative.facts if f.key.startswith("three_public.")} == {
        "three_public.total": Decimal("5.58"), "three_public.abroad": Decimal("0.00"),
        "three_public.reception": Decimal("2.98"), "three_public.vehicles": Decimal("2.60"),
        "three_public.vehicle_purchase": Decimal("0.00"), "three_public.vehicle_operation": Decimal("2.60")}
    assert {(code, fact) for code, _, fact, *_ in _violations(_stating(doc, "three_public.reception", "3.98"))
            if code.startswith("BK-NARR")} == {("BK-NARR-THREE-PUBLIC", "three_public.total")}


def test_function_lines_explained_one_by_one_are_read_in_any_province_s_wording(read):
    # 江苏 2019, page 28: “1．检察（款）行政运行（项）支出12,268.62万元，与上年相比增加1385.26万元，
    # 增长12.73%。… 2．检察（款）一般行政管理事务(项)支出2354.4万元，与上年相比减少1311.6万元，减少35.77%。”
    narrative = read(JIANGSU).units[0].narrative
    stated = {(f.key, f.value, f.direction) for f in narrative.facts if f.key.startswith("function_line.20404")}
    assert stated == {
        ("function_line.2040401.amount", Decimal("12268.62"), None),
        ("function_line.2040401.change", Decimal("1385.26"), "增加"),
        ("function_line.2040401.percent", Decimal("12.73"), "增长"),
        ("function_line.2040402.amount", Decimal("2354.4"), None),
        ("function_line.2040402.change", Decimal("1311.6"), "减少"),
        ("function_line.2040402.percent", Decimal("35.77"), "减少"),
        ("function_line.2040410.amount", Decimal("1185.6"), None),
        ("function_line.2040410.change", Decimal("709.4"), "减少"),
        ("function_line.2040410.percent", Decimal("37.44"), "减少"),
        ("function_line.2040450.amount", Decimal("315"), None),
        ("function_line.2040499.amount", Decimal("469.5"), None),
    }
    # A line the narrative names as the table does not is reported, not guessed.
    assert [p.message for p in narrative.problems] == [
        "function_line: “行政事业单位离退休（款）机关事业单位基本养老保险费（项）” is not a line of gpb_expenditure",
        "function_line: “行政事业单位离退休（款）机关事业单位职业年金（项）” is not a line of gpb_expenditure"]


def test_an_expectation_names_only_tables_the_vocabulary_knows():
    from kg.read.vocabulary import load_vocabulary

    keys = {t.key for t in load_vocabulary().tables}
    assert all(expected.tables <= keys for expected in CORPUS.values())


#: The projects of some 绩效目标表, as printed: one per table (福州), 项目名称 key-value
#: blocks (西安), a grid row per project under 单位（项目）名称 (长沙).
GOAL_PROJECTS = {
    "46_福建_福州_公安局巡特警支队_2026.pdf": [
        ("公安执法执勤车辆消耗费", "77.48"), ("警务辅助人员经费", "97.84"), ("警用直升机租金及养护费", "600.00"),
        ("民警法定工作日之外加班补贴", "269.24"), ("特警队训练经费", "60.00"), ("特警伙食补助费", "216.14")],
    "48_福建_泉州_市场监管综合监测与技术保障中心_2026.pdf": [("知创大厦泉州知识产权馆建设费用", "230.38")],
    "36_陕西_西安_气象局_2022.pdf": [("其他履职经费", "1715.97")],
}


@pytest.mark.parametrize("name", sorted(GOAL_PROJECTS))
def test_goal_tables_name_their_projects_and_amounts(read, name):
    projects = [(n, str(a)) for r in read(name).recognised if r.key == "project_goals" for n, a in r.projects]
    assert projects == GOAL_PROJECTS[name]


def test_a_grid_of_goal_tables_names_one_project_per_row(read):
    doc = read("44_湖南_长沙_公安局_2025.pdf")
    (goals,) = [r for r in doc.recognised if r.key == "project_goals"]
    assert goals.pages == tuple(range(23, 51)) and len(goals.projects) == 10
    assert goals.projects[:2] == (("大型警保卫及基础设施安全保护工作经费", Decimal("428.69")),
                                  ("大院运行和维修经费", Decimal("2791.51")))
    xian = read("35_陕西_西安_信访局（汇总）_2026.pdf")
    (goals,) = [r for r in xian.recognised if r.key == "project_goals"]
    assert goals.projects[0] == ("接待中心安保服务", Decimal("50.00")) and len(goals.projects) == 9
