"""Hand-built records of the bundled sample (巨鹿县人社局 2023), for the RDF-side tests.

The values are copied from ``kg/data/julu-hrss-2023-unit-budget.txt`` by reading it,
so these tests do not depend on the parser. Only a few lines per table: enough to
exercise every kind of line, a blank cell, an empty table, an identity break and an
unplaced token.
"""

from __future__ import annotations

from decimal import Decimal as D

from kg.records import Document, IdentityBreak, Line, Location, Table, Unit, Unplaced

SOURCE = "julu-hrss-2023-unit-budget.txt"
SHA256 = "0f" * 32


def at(page: int, table: str | None = None, line: int | None = None) -> Location:
    return Location(SOURCE, page, table, line)


def _line(key, name, page, table, values, code=None, row_no=None, text_line=None) -> Line:
    return Line(key, name, {k: D(v) for k, v in values.items()}, at(page, table, text_line), code, row_no)


def unit_323001() -> Unit:
    summary = Table(
        "summary", "单位预算收支总表", ["amount"], pages=[1, 2],
        lines=[
            _line("income.gpb", "一、一般公共预算拨款收入", 1, "summary", {"amount": "3889.89"}, row_no=1),
            _line("208", "八、社会保障和就业支出", 1, "summary", {"amount": "3798.89"}, code="208"),
            _line("221", "二十、住房保障支出", 2, "summary", {"amount": "53.00"}, code="221"),
        ],
    )
    income = Table(
        "income", "单位预算收入总表", [
            "total", "carryover", "current", "fiscal", "special_account", "business",
            "operating", "higher_subsidy", "affiliated", "other"],
        classification="function", pages=[3],
        lines=[
            _line("total", "合计", 3, "income", {"total": "3889.89", "current": "3889.89", "fiscal": "3889.89"}),
            _line("2080101", "行政运行", 3, "income",
                  {"total": "475.46", "current": "475.46", "fiscal": "475.46"}, code="2080101", row_no=4),
        ],
    )
    expenditure = Table(
        "expenditure", "单位预算支出总表",
        ["total", "basic", "project", "remit_to_higher", "operating", "subsidy_to_affiliates"],
        classification="function", pages=[5, 6],
        lines=[
            _line("total", "合计", 5, "expenditure", {"total": "3889.89", "basic": "685.86", "project": "3204.03"}),
            _line("208", "社会保障和就业支出", 5, "expenditure",
                  {"total": "3798.89", "basic": "594.86", "project": "3204.03"}, code="208", row_no=2),
            _line("20801", "人力资源和社会保障管理事务", 5, "expenditure",
                  {"total": "861.59", "basic": "491.66", "project": "369.93"}, code="20801", row_no=3),
            _line("2080101", "行政运行", 5, "expenditure",
                  {"total": "475.46", "basic": "465.46", "project": "10.00"}, code="2080101", row_no=4,
                  text_line=594),
            # basic is blank in the document: absent here, never zero
            _line("2080105", "劳动保障监察", 5, "expenditure",
                  {"total": "3.00", "project": "3.00"}, code="2080105", row_no=5),
        ],
    )
    gpb_expenditure = Table(
        "gpb_expenditure", "单位预算一般公共预算财政拨款支出表", ["total", "basic", "project"],
        classification="function", pages=[9],
        lines=[
            _line("2080101", "行政运行", 9, "gpb_expenditure",
                  {"total": "475.46", "basic": "465.46", "project": "10.00"}, code="2080101", row_no=4),
        ],
    )
    economic = Table(
        "gpb_basic_economic", "单位预算一般公共预算财政拨款基本支出表", ["total", "personnel", "public"],
        classification="economic", pages=[11],
        lines=[
            _line("total", "合计", 11, "gpb_basic_economic", {"total": "685.86", "personnel": "632.20", "public": "53.66"}),
            _line("301", "工资福利支出", 11, "gpb_basic_economic", {"total": "585.40", "personnel": "585.40"}, code="301"),
            _line("30101", "基本工资", 11, "gpb_basic_economic", {"total": "321.82", "personnel": "321.82"}, code="30101"),
        ],
        # A made-up break and token, to show how they are annotated.
        breaks=[IdentityBreak("row-sum", "gpb_basic_economic", "total", "total",
                              D("685.86"), D("685.85"), at(11, "gpb_basic_economic", 1420))],
        unplaced=[Unplaced("989.0017", at(11, "gpb_basic_economic", 1433), "no cell fits")],
    )
    gov_fund = Table(
        "gov_fund_expenditure", "单位预算政府基金预算财政拨款支出表", ["total", "basic", "project"],
        classification="function", pages=[13],
        empty_note="注：无政府基金预算财政拨款预算，空表列示。",
    )
    return Unit("323001", "巨鹿县人力资源和社会保障局本级", 2023, "万元",
                [summary, income, expenditure, gpb_expenditure, economic, gov_fund], at(1))


def unit_323003() -> Unit:
    expenditure = Table(
        "expenditure", "单位预算支出总表",
        ["total", "basic", "project", "remit_to_higher", "operating", "subsidy_to_affiliates"],
        classification="function", pages=[30],
        lines=[
            _line("208", "社会保障和就业支出", 30, "expenditure",
                  {"total": "420.10", "basic": "343.10", "project": "77.00"}, code="208", row_no=2),
        ],
    )
    return Unit("323003", "巨鹿县社会保险事业服务中心", 2023, "万元", [expenditure], at(28))


def julu_document() -> Document:
    """Both units of the sample, as the parser is expected to hand them over."""
    return Document(SOURCE, SHA256, "hebei-county", "单位", [unit_323001(), unit_323003()])
