"""The layout reader recognises each way a province prints its tables, each shown on the
smallest real page of ``../shared/corpus`` that prints it (pages cut out with pdfium).

Values were read off the page with pdfplumber; see also :mod:`test_corpus`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from positioned import page as _page

from kg.read import read_cover, read_document
from kg.read.tables.layout import _code_in_label
from kg.records import Document

GUANGZHOU = "31_广东_广州_信访局_2026.pdf"
SHENZHEN = "32_广东_深圳_信访局_2026.pdf"
XIAN_SUMMARY = "35_陕西_西安_信访局（汇总）_2026.pdf"
XIAN_WEATHER = "36_陕西_西安_气象局_2022.pdf"
XIAN_SAFETY = "37_陕西_西安_安全生产监督管理局_2019.pdf"
SUZHOU = "38_江苏_苏州_科学技术局_2026.pdf"
WUXI = "40_江苏_无锡_信访局_2025.pdf"
JIANGSU = "42_江苏_江苏省级_人民检察院_2019.pdf"
CHANGSHA = "43_湖南_长沙_信访局_2026.pdf"
FUZHOU = "46_福建_福州_公安局巡特警支队_2026.pdf"


@pytest.fixture
def pages(shared_corpus: Path, tmp_path: Path):
    """Read pages ``first``…``last`` (1-based) of a corpus file as a disclosure of their own."""
    def read(name: str, first: int, last: int | None = None) -> Document:
        source = pdfium.PdfDocument(str(shared_corpus / name))
        cut = pdfium.PdfDocument.new()
        cut.import_pages(source, list(range(first - 1, last or first)))
        path = tmp_path / f"{Path(name).stem}-p{first}.pdf"
        cut.save(str(path))
        return read_document(path)

    return read


def _read_page(*rows: list[tuple[str, float]]) -> Document:
    """A page made by hand (:func:`positioned.page`), read as any province's PDF is."""
    from kg.read.profiles import load_profile
    from kg.read.tables import read_pdf_tables

    return read_pdf_tables(_page(*rows), load_profile("standard"))


def _line(doc: Document, table: str, row: str):
    found = [t.line(row) for u in doc.units if (t := u.table(table)) is not None and t.line(row) is not None]
    assert found, f"no row {row} in table {table}"
    return found[0]


@pytest.fixture
def turned(shared_corpus: Path, tmp_path: Path):
    """Pages of a corpus file printed sideways: each drawn turned a quarter (or half) in a
    page of its own whose /Rotate turns it back, as some PDF printers write landscape pages."""
    def read(name: str, first: int, last: int, rotation: int) -> Document:
        source = pdfium.PdfDocument(str(shared_corpus / name))
        out = pdfium.PdfDocument.new()
        for index in range(first - 1, last):
            width, height = source[index].get_size()
            drawn = source.page_as_xobject(index, out).as_pageobject()
            if rotation == 90:  # drawn turned anticlockwise, shown turned clockwise
                page = out.new_page(height, width)
                drawn.transform(pdfium.PdfMatrix().rotate(90, ccw=True).translate(height, 0))
            elif rotation == 270:
                page = out.new_page(height, width)
                drawn.transform(pdfium.PdfMatrix().rotate(90).translate(0, width))
            else:
                page = out.new_page(width, height)
                drawn.transform(pdfium.PdfMatrix().rotate(180).translate(width, height))
            page.insert_obj(drawn)
            page.gen_content()
            page.set_rotation(rotation)
        path = tmp_path / f"{Path(name).stem}-r{rotation}.pdf"
        out.save(str(path))
        return read_document(path)

    return read


def _every_cell(doc: Document) -> set[tuple]:
    return {(unit.code, table.key, line.key, column, value)
            for unit in doc.units for table in unit.tables for line in table.lines for column, value in line.values.items()}


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_pages_printed_sideways_are_read_as_they_are_shown(pages, turned, rotation):
    # 长沙 2026's 收支总表 to its 三公 table, landscape and portrait pages.
    doc = turned(CHANGSHA, 12, 20, rotation)
    assert _every_cell(doc) == _every_cell(pages(CHANGSHA, 12, 20))
    assert len(_every_cell(doc)) > 100 and doc.placed == doc.tokens


def test_a_year_printed_in_a_year_column_is_no_unit_s_code(pages):
    # 深圳 2026's 三公 table: 预算单位 | 年度 | …, its rows 深圳市信访局 2025 年 | …, 2026 年 | …,
    # 增减变化金额 | …. Read as a unit coded 2026 and named 年, it made a unit of every such
    # document, the same one, and two documents' tables disagreed across the store.
    doc = pages(SHENZHEN, 31)
    assert [unit.name for unit in doc.units] == ["深圳市信访局"]
    assert [line.key for line in doc.units[0].table("three_public").lines] == [
        "row:深圳市信访局2025年", "row:2026年", "row:增减变化金额"]


def test_a_code_printed_whole_in_its_own_cell(pages):
    doc = pages(GUANGZHOU, 8)  # 本年支出总体情况表: 2014001 | 行政运行 | 1,859.41 …
    line = _line(doc, "expenditure", "2014001")
    assert (line.code, line.name, line.values["total"], line.values["basic"]) == (
        "2014001", "行政运行", Decimal("1859.41"), Decimal("1831.41"))


def test_a_code_in_brackets_before_its_name(pages):
    doc = pages(GUANGZHOU, 11)  # [2014001]行政运行
    line = _line(doc, "gpb_expenditure", "2014001")
    assert (line.code, line.name, line.values["project"]) == ("2014001", "行政运行", Decimal("28.00"))


def test_a_code_before_a_dash_or_joined_to_its_name():
    assert _code_in_label("2040601-行政运行") == ("2040601", "行政运行")
    assert _code_in_label("[2120106]工程建设管理") == ("2120106", "工程建设管理")
    assert _code_in_label("2080505机关事业单位基本养老保险缴费支出")[0] == "2080505"
    # A unit's code or a year is no budget code.
    assert _code_in_label("121001西安市信访局")[0] is None
    assert _code_in_label("2026年中央信访资金")[0] is None


def test_codes_printed_in_class_kuan_and_xiang_columns(pages):
    doc = pages(CHANGSHA, 14)  # 类 款 项: "201 40 01 行政运行"; the 款 row prints "40" alone
    assert _line(doc, "expenditure", "2014001").values["total"] == Decimal("1517.95")
    assert _line(doc, "expenditure", "20140").name == "信访事务"
    assert _line(doc, "expenditure", "2014004").values["project"] == Decimal("417.41")


def test_a_three_five_seven_digit_hierarchy_in_one_column(pages):
    doc = pages(FUZHOU, 10)
    table = doc.units[0].table("expenditure")
    assert [line.key for line in table.lines[:4]] == ["total", "204", "20402", "2040201"]
    assert table.line("2040201").values == {"total": Decimal("6556.70"), "basic": Decimal("6556.70")}


def test_a_kuan_printed_by_its_own_digits_under_its_class(pages):
    doc = pages(XIAN_SAFETY, 7)  # 208 社会保障和就业支出, then "05 行政事业单位离退休"
    line = _line(doc, "gpb_expenditure", "20805")
    assert (line.name, line.values["total"]) == ("行政事业单位离退休", Decimal("113.28"))


def test_rows_printed_again_for_each_sub_unit_make_each_sub_unit_a_unit(pages):
    doc = pages(XIAN_SAFETY, 7, 9)  # 125001 …, its codes; 125002 …, its codes
    names = [u.name for u in doc.units]
    assert names[1:] == ["西安市安全生产监督管理局", "西安市安全生产宣传教育中心", "西安市安全生产执法监察支队",
                         "西安市安全生产应急救援中心"]
    centre = next(u for u in doc.units if u.name == "西安市安全生产宣传教育中心")
    table = centre.table("gpb_expenditure")
    assert table.line("total").values["total"] == Decimal("461.80")
    assert table.line("2240106").values["total"] == Decimal("413.58")
    # The department's own table keeps 合计 and one row per sub-unit.
    assert doc.units[0].table("gpb_expenditure").line("total").values["total"] == Decimal("3643.37")


def test_a_name_that_wraps_above_and_below_its_code_joins_its_row(pages):
    doc = pages(GUANGZHOU, 8)  # 机关事业单位基本养老保险缴 / 2080505 199.06 … / 费支出
    line = _line(doc, "expenditure", "2080505")
    assert (line.name, line.values["total"]) == ("机关事业单位基本养老保险缴费支出", Decimal("199.06"))


def test_names_without_codes_take_their_code_from_the_code_list_marked_as_inferred(pages):
    doc = pages(GUANGZHOU, 18)  # 部门预算基本支出预算表: 工资福利支出 2,577.42 (no code printed)
    line = _line(doc, "basic_expenditure", "301")
    assert (line.code, line.code_inferred, line.values["total"]) == ("301", True, Decimal("2577.42"))


def test_a_leading_row_number_column_and_amounts_without_separators(pages):
    doc = pages(XIAN_WEATHER, 22)  # 14 | 2200504 | 气象事业机构 | 4699323.32 | 1536932.32 | 106691 | 3055700
    line = _line(doc, "gpb_expenditure", "2200504")
    assert line.row_no == 14
    assert line.values == {"total": Decimal("4699323.32"), "personnel": Decimal("1536932.32"),
                           "public": Decimal("106691"), "project": Decimal("3055700")}


def test_a_name_that_runs_into_its_amount_is_cut_from_it(pages):
    doc = pages(XIAN_WEATHER, 22)  # "机关事业单位职业年金缴费支出43608.96" is one printed word
    line = _line(doc, "gpb_expenditure", "2080506")
    assert (line.name, line.values["total"]) == ("机关事业单位职业年金缴费支出", Decimal("43608.96"))


def test_a_second_code_column_is_the_row_s_paired_code_not_an_amount_nor_its_name(pages):
    doc = pages(XIAN_SUMMARY, 24)  # 30101 基本工资 | 50101 工资奖金津补贴 | 3,868,678.80
    line = _line(doc, "gpb_economic", "30101")
    assert (line.name, line.paired_code, line.paired_name) == ("基本工资", "50101", "工资奖金津补贴")
    assert line.values["total"] == Decimal("3868678.80")
    assert not any(column.startswith("col:") for column in doc.units[0].table("gpb_economic").columns)
    assert _line(doc, "gpb_economic", "301").paired_code is None  # 301 工资福利支出 prints none


def test_a_number_the_unit_codes_start_with_is_the_department_s_code_not_a_class(pages):
    doc = pages(XIAN_WEATHER, 20)  # 单位编码 | 单位名称: 234 西安市气象局, then 234001 …, 234002 …
    assert [line.key for line in doc.units[0].table("expenditure").lines] == [
        "total", "unit:234", "unit:234001", "unit:234002"]


def test_a_column_is_named_by_the_header_nearest_its_amounts_not_by_a_blank_column_s_beside_it(pages):
    # 小计 | 公务接待费 | 因公出国（境）费 | 公务用车购置及运行费 | 其中：购置 | 其中：运行费, amounts
    # right-aligned: 8.00, 3.00, blank, 5.00, blank, 5.00 (the narrative states 公务用车购置及运行费
    # 5.00万元, 购置费 0.00, 运行费 5.00, 因公出国（境）费 0.00).
    doc = pages(CHANGSHA, 20)
    table = doc.units[0].table("three_public")
    assert {line.key: line.values["total"] for line in table.lines if "@" not in line.key} == {
        "three_public.total": Decimal("8.00"), "three_public.reception": Decimal("3.00"),
        "three_public.vehicles": Decimal("5.00"), "three_public.vehicles.operation": Decimal("5.00")}


@pytest.mark.parametrize(("name", "page", "table", "row", "expected"), [
    # 一般公共预算 2,723.94 | … blank … | 其他收入 144.00 (the narrative: 其他收入144万元)
    (WUXI, 11, "income", "total", {"total": "2867.94", "col:小计": "2867.94", "gpb": "2723.94", "other": "144.00"}),
    # … 事业收入 | … | 上年实户资金余额 40.93 | 其他收入 | 上年结转 11.61 (by the printed column numbers 9, 11)
    (XIAN_SAFETY, 5, "expenditure", "total",
     {"total": "3695.91", "col:合计": "3695.91", "gpb": "3643.37", "col:上年实户资金余额": "40.93", "carryover": "11.61"}),
    # 一般公共预算拨款: 小计 | 其中：专项资金列入部门预算项目 550,000.00 (not the 政府性基金拨款 beside it)
    (XIAN_SUMMARY, 20, "income", "total",
     {"total": "28384234.71", "gpb": "28384234.71", "col:专项资金列入部门预算项目": "550000.00"}),
])
def test_an_amount_under_a_column_whose_neighbours_are_blank_keeps_its_own_header(pages, name, page, table, row,
                                                                                   expected):
    line = _line(pages(name, page), table, row)
    assert {column: str(value) for column, value in line.values.items()} == expected


def test_a_table_over_two_pages_with_its_title_and_header_printed_again(pages):
    doc = pages(SHENZHEN, 15, 16)
    (summary,) = [t for t in doc.units[0].tables if t.key.startswith("summary")]
    assert summary.pages == [15 - 14, 16 - 14]
    assert summary.line("expenditure.grand_total").values["total"] == Decimal("4684.30")
    assert summary.line("income.carryover").values["total"] == Decimal("7.34")


def test_a_two_sided_summary_puts_each_amount_on_its_side(pages):
    doc = pages(FUZHOU, 8)  # 一、一般公共预算拨款收入 10344.71 | 四、公共安全支出 7927.40
    summary = doc.units[0].table("summary")
    assert summary.line("income.gpb").values["total"] == Decimal("10344.71")
    assert summary.line("204").values["total"] == Decimal("7927.40")


@pytest.mark.parametrize(("name", "page", "parts"), [
    # 一、基本支出 15,844.04 | 二、项目支出 4,335.30 | 三、单位预留机动经费 3,990.40; 当年支出小计 24,169.74
    (JIANGSU, 14, {"expenditure.basic": "15844.04", "expenditure.project": "4335.30",
                   "expenditure.reserve": "3990.40", "expenditure.total": "24169.74"}),
    # 1、人员经费和公用经费支出 2,022.39 | 2、专项业务经费支出 1,620.98; 本年支出合计 3,643.37
    (XIAN_SAFETY, 3, {"expenditure.basic": "2022.39", "expenditure.project": "1620.98",
                      "expenditure.total": "3643.37", "income.balance": "40.93"}),
    # 一、基本支出 1,517.95 | 二、项目支出 417.41; 本年支出合计 1,935.36
    (CHANGSHA, 12, {"expenditure.basic": "1517.95", "expenditure.project": "417.41",
                    "expenditure.total": "1935.36"}),
])
def test_a_summary_that_prints_its_expenditure_by_purpose_names_each_part(pages, name, page, parts):
    summary = pages(name, page).units[0].table("summary")
    assert {key: str(summary.line(key).values["total"]) for key in parts} == parts


def test_every_other_money_of_a_summary_is_known_by_its_printed_label():
    """Labels the corpus prints blank: a unit that fills them has money besides 一般公共预算."""
    from kg.read.vocabulary import load_vocabulary

    labels = {
        "二、财政专户管理事业收入": "income.special_account",  # 长沙, 部门收支总体情况表
        "三、事业单位经营服务收入": "income.operating",
        "五、其它收入": "income.other",
        "三、其他资金": "income.other",  # 江苏 2019, 收支预算总表
        "5、下级单位上缴收入": "income.affiliated",  # 西安 2019, 部门综合预算收支总表
        "使用非财政拨款结余": "income.balance",  # 西安 2026
        "四、对附属单位补助支出": "expenditure.subsidy_to_affiliates",  # 长沙
        "五、上缴上级支出": "expenditure.remit_to_higher",
        "三、事业单位经营支出": "expenditure.operating_expenditure",
    }
    vocabulary = load_vocabulary()
    assert {label: vocabulary.row_key(label) for label in labels} == labels


def test_a_table_printed_as_one_row_becomes_one_line_per_item(pages):
    doc = pages(SUZHOU, 26)  # “三公”经费合计 | 因公出国（境）费 | 小计 | 购置费 | 运行维护费 | 接待费 | 会议费 | 培训费
    table = doc.units[0].table("three_public")
    amounts = {line.key: line.values["total"] for line in table.lines}
    assert amounts == {"three_public.total": Decimal("4.00"), "three_public.abroad": Decimal("0.00"),
                       "three_public.vehicles": Decimal("0.00"), "three_public.vehicles.purchase": Decimal("0.00"),
                       "three_public.vehicles.operation": Decimal("0.00"), "three_public.reception": Decimal("4.00"),
                       "meeting": Decimal("5.00"), "training": Decimal("2.16")}


def test_each_table_keeps_the_currency_it_prints(pages):
    doc = pages(XIAN_SUMMARY, 14, 21)  # 培训费明细表 in 万元 (narrative), the tables in 元
    assert doc.units[0].currency == "元"
    (other,) = [r for r in doc.recognised if r.key is None]
    assert other.title == "培训费明细表" and doc.units[0].table(other.table).currency == "万元"


def test_a_title_in_the_table_of_contents_is_not_a_table(pages):
    doc = pages(XIAN_SUMMARY, 18, 19)  # 报表目录 names every table; page 19 prints 表1
    assert [r.key for r in doc.recognised] == ["summary"]


def test_an_empty_table_printed_with_its_header_is_found_empty(pages):
    doc = pages(JIANGSU, 20)  # 政府性基金预算财政拨款支出预算表 … 此表为空
    table = doc.units[0].table("gov_fund_expenditure")
    assert table is not None and table.lines == [] and table.empty_note == "此表为空"


def test_a_goal_table_is_recognised_with_its_pages(pages):
    doc = pages(CHANGSHA, 21, 24)  # 政府性基金预算支出情况表 (empty), then 项目支出绩效目标表 over three pages
    assert [(r.key, r.pages) for r in doc.recognised] == [("gov_fund_expenditure", (1,)),
                                                          ("project_goals", (2, 3, 4))]


def test_the_cover_names_the_unit_year_and_kind(shared_corpus):
    cover = read_cover(shared_corpus / XIAN_SAFETY)  # 附件2 2019年部门综合预算公开报表 / 部门名称：…
    assert (cover.unit, cover.year, cover.kind) == ("西安市安全生产监督管理局", 2019, "部门")


@pytest.mark.parametrize("name", ["putuo-sww-2025-unit-budget.pdf", "putuo-wanli-2024-dept-budget.pdf",
                                  "putuo-zfb-2025-unit-budget.pdf"])
def test_the_standard_vocabulary_reads_shanghai_as_its_own_profile_does(shared_samples, name):
    """Shanghai has a profile of its own; read by the vocabulary alone, as a province never
    seen would be, every coded line and every printed amount comes out the same."""
    path = shared_samples / "shanghai" / name
    by_layout, by_profile = read_document(path, template="standard"), read_document(path)
    assert (by_layout.unplaced, by_layout.problems, by_layout.kind) == ([], [], by_profile.kind)
    ours, theirs = by_layout.units[0], by_profile.units[0]
    assert (ours.name, ours.year, ours.currency) == (theirs.name, theirs.year, theirs.currency)
    for table in theirs.tables:
        mine = ours.table(table.key)
        assert mine is not None, table.key
        coded = {line.code: line.values for line in table.lines if line.code}
        assert {line.code: line.values for line in mine.lines if line.code in coded} == coded, table.key


@pytest.mark.parametrize("profile", ["hebei-county", "shanghai-district"])
def test_every_title_a_provinces_profile_names_is_the_same_table_to_the_standard_vocabulary(profile):
    """The titles a province's own profile was written for, printed in a PDF of another
    county or year, are read by the vocabulary alone: each must be the table the profile
    says. Hebei prints 财政部's titles (一般公共预算财政拨款支出表, the 一般公共预算's and not
    all 财政拨款's) and 政府基金 for 政府性基金."""
    from kg.read.profiles import load_profile
    from kg.read.vocabulary import load_vocabulary

    vocabulary = load_vocabulary()
    titles = {t.title: t.key for t in load_profile(profile).tables}
    read = {title: (table.key if (table := vocabulary.table(title)) else None) for title in titles}
    assert read == titles


def test_the_national_templates_row_labels_are_known_by_the_standard_vocabulary():
    """Labels of 财政部's template (as the Hebei profile names them) and their common variants,
    printed in a PDF of a province no profile describes."""
    from kg.read.vocabulary import load_vocabulary

    labels = {
        "年初财政拨款结转和结余": "income.carryover",
        "年末财政拨款结转和结余": "expenditure.carry_forward",
        "年终结转结余": "expenditure.carry_forward",
        "二、公务用车购置及运维费": "three_public.vehicles",
        "本年收入合计": "income.total",
        "本年收入小计": "income.total",
        "本年支出小计": "expenditure.total",
        "上年结转结余": "income.carryover",
        "上年结转（结余）": "income.carryover",
        "上年财政拨款结转": "income.carryover",
        "使用非财政拨款结余（结转）": "income.balance",
        "纳入财政专户管理的行政事业性收费": "income.special_account",
        "事业收入（不含教育收费）": "income.business",
        "“三公”经费支出": "three_public.total",
        # 因公出国（境）费's own parts are not the item itself
        "其中：教学科研人员因公出国（境）费": None,
        "其他因公出国（境）费": None,
    }
    vocabulary = load_vocabulary()
    assert {label: vocabulary.row_key(label) for label in labels} == labels


def test_the_national_templates_column_headers_are_known_by_the_standard_vocabulary():
    from kg.read.vocabulary import load_vocabulary

    headers = {
        "一般公共预算财政拨款": "gpb",
        "政府性基金预算财政拨款": "gov_fund",
        "国有资本经营预算财政拨款": "soe",
        "政府基金预算拨款": "gov_fund",  # 河北
        "年初结转和结余": "carryover",
        "年初财政拨款结转和结余": "carryover",
    }
    vocabulary = load_vocabulary()
    assert {header: vocabulary.column_role(header) for header in headers} == headers




def test_a_table_printed_in_thousands_of_yuan_is_read_in_them():
    """单位：千元 is the table's currency, not a unit's name, and no 万元 is assumed."""
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("“三公”经费支出表", 220)], [("部门：某局", 60), ("单位：千元", 450)],
        [("项目", 100), ("预算数", 400)], [("合计", 100), ("12.00", 400)], [("因公出国（境）费", 100), ("2.00", 406)],
        [("公务用车购置及运行维护费", 100), ("6.00", 406)], [("公务接待费", 100), ("4.00", 406)])
    (unit,) = doc.units
    assert (unit.name, unit.currency, doc.problems) == ("某局", "千元", [])
    assert {line.key: line.values["total"] for line in unit.table("three_public").lines} == {
        "total": Decimal("12.00"), "three_public.abroad": Decimal("2.00"), "three_public.vehicles": Decimal("6.00"),
        "three_public.reception": Decimal("4.00")}


def test_a_header_printed_letter_spaced_is_read_as_one_word():
    """预  算  数, its letters spaced over the cell, names the budget column."""
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("“三公”经费支出表", 220)], [("部门：某局", 60), ("单位：万元", 450)],
        [("项", 100), ("目", 130), ("预", 300), ("算", 320), ("数", 340)],
        [("合计", 100), ("12.00", 330)], [("因公出国（境）费", 100), ("2.00", 336)],
        [("公务用车购置及运行维护费", 100), ("6.00", 336)], [("公务接待费", 100), ("4.00", 336)])
    table = doc.units[0].table("three_public")
    assert table.columns == ["total"]
    assert {line.key: line.values["total"] for line in table.lines} == {
        "total": Decimal("12.00"), "three_public.abroad": Decimal("2.00"), "three_public.vehicles": Decimal("6.00"),
        "three_public.reception": Decimal("4.00")}


def test_a_column_of_last_year_beside_the_budget_year_s_is_kept_under_its_header():
    """2025年预算数 | 2026年预算数 | 增减额: the 2026 budget's 三公 are the 2026 column."""
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("一般公共预算“三公”经费支出表", 200)], [("部门：某局", 60), ("单位：万元", 450)],
        [("项目", 100), ("2025年预算数", 250), ("2026年预算数", 350), ("增减额", 450)],
        [("合计", 100), ("12.00", 260), ("10.00", 360), ("-2.00", 455)],
        [("因公出国（境）费", 100), ("2.00", 266), ("0.00", 366), ("-2.00", 455)],
        [("公务用车购置及运行维护费", 100), ("6.00", 266), ("6.00", 366), ("0.00", 460)],
        [("公务接待费", 100), ("4.00", 266), ("4.00", 366), ("0.00", 460)])
    table = doc.units[0].table("three_public")
    assert table.columns == ["col:2025年预算数", "total", "col:增减额"]
    assert {line.key: line.values["total"] for line in table.lines} == {
        "total": Decimal("10.00"), "three_public.abroad": Decimal("0.00"), "three_public.vehicles": Decimal("6.00"),
        "three_public.reception": Decimal("4.00")}


def test_one_amount_printed_in_two_fonts_does_not_say_how_its_column_aligns(pages):
    """福州 2026's 收入预算总表 (page 9) prints 10344.71 under 合计 twice, in the 合计 row's font
    and the unit's (118–162, 117–154: left edges alike), and 0.00 in every other column: no
    column shows how the amounts align. Taken as left-aligned, every header from 政府性基金
    预算拨款收入 on named the column to its left's amounts, and the last had none."""
    line = _line(pages(FUZHOU, 9), "income", "total")
    zero = Decimal("0.00")
    assert line.values == {
        "total": Decimal("10344.71"), "gpb": Decimal("10344.71"), "gov_fund": zero, "soe": zero,
        "special_account": zero, "business": zero, "operating": zero, "higher_subsidy": zero,
        "affiliated": zero, "other": zero, "carryover": zero}


def test_two_columns_of_codes_side_by_side_are_codes_not_amounts(pages):
    """西安 2019's 财政拨款结转资金支出表 (page 29): 金额 9.00 | 功能分类科目代码 2150510 |
    政府经济分类科目代码 50299 | 项目类别 项目支出. The first code column is followed by the
    second, not by text, yet both are codes: only 9.00 and 2.61 are amounts."""
    table = pages(XIAN_SAFETY, 29).units[0].table("carryover")
    assert [line.values for line in table.lines] == [{"total": Decimal("9.00")}, {"total": Decimal("2.61")}]
    assert (table.tokens, table.unplaced) == (2, [])


def test_a_minus_printed_full_width_or_as_the_mathematical_sign_is_a_negative_amount():
    """增减额 －2.00 (U+FF0D) and −1.00 (U+2212): amounts of the change's column, not labels."""
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("一般公共预算“三公”经费支出表", 200)], [("部门：某局", 60), ("单位：万元", 450)],
        [("项目", 100), ("2025年预算数", 250), ("2026年预算数", 350), ("增减额", 450)],
        [("合计", 100), ("12.00", 260), ("9.00", 366), ("－3.00", 455)],
        [("因公出国（境）费", 100), ("2.00", 266), ("0.00", 366), ("－2.00", 455)],
        [("公务用车购置及运行维护费", 100), ("6.00", 266), ("5.00", 366), ("−1.00", 455)],
        [("公务接待费", 100), ("4.00", 266), ("4.00", 366), ("0.00", 460)])
    table = doc.units[0].table("three_public")
    assert (table.tokens, table.unplaced) == (12, [])
    assert {line.key: (line.values["total"], line.values["col:增减额"]) for line in table.lines} == {
        "total": (Decimal("9.00"), Decimal("-3.00")), "three_public.abroad": (Decimal("0.00"), Decimal("-2.00")),
        "three_public.vehicles": (Decimal("5.00"), Decimal("-1.00")),
        "three_public.reception": (Decimal("4.00"), Decimal("0.00"))}


def test_a_numbered_class_printed_without_its_zhichu_is_that_class(pages):
    """西安 2019's 收支总表 (page 3) lists its classes 8、社会保障和就业 183.60, 10、卫生健康 30.81,
    20、住房保障 157.42, 23、灾害防治及应急管理 3,271.54 (together 本年支出合计 3,643.37)."""
    table = pages(XIAN_SAFETY, 3).units[0].table("summary")
    assert {line.key: line.values["total"] for line in table.lines if line.key in ("208", "210", "221", "224")} == {
        "208": Decimal("183.60"), "210": Decimal("30.81"), "221": Decimal("157.42"), "224": Decimal("3271.54")}


def test_a_subtotal_is_its_own_group_s_where_two_groups_stand_side_by_side():
    """财政拨款 over 小计 | 一般公共预算 | 政府性基金预算 | 国有资本经营预算, then 财政专户管理资金,
    then 单位资金 over 小计 | 事业收入 | …: columns of even width, so that the run of columns from
    合计 to 单位资金's 小计 is centred under 财政拨款 as well. The nearer group is the 小计's."""
    centres = [240 + 90 * i for i in range(12)]
    leaves = ["合计", "上年结转结余", "小计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金",
              "小计", "事业收入", "事业单位经营收入", "上级补助收入", "附属单位上缴收入"]
    amounts = ["110.00", "0.00", "100.00", "90.00", "10.00", "0.00", "0.00", "10.00", "10.00", "0.00", "0.00", "0.00"]

    def centred(text: str, centre: float) -> tuple[str, float]:
        return text, centre - 6 * len(text)

    row = [(a, c + 40 - 6 * len(a)) for a, c in zip(amounts, centres)]
    doc = _read_page(
        [("某局2026年部门预算", 300)], [("部门收入总表", 320)], [("部门：某局", 60), ("单位：万元", 1200)],
        [("科目编码", 40), ("科目名称", 110), centred("财政拨款", (centres[2] + centres[5]) / 2),
         centred("单位资金", (centres[7] + centres[11]) / 2)],
        [centred(text, c) for text, c in zip(leaves, centres)],
        [("合计", 110), *row], [("201", 40), ("一般公共服务支出", 110), *row])
    table = doc.units[0].table("income")
    assert table.columns == ["total", "carryover", "fiscal", "gpb", "gov_fund", "soe", "special_account", "unit_funds",
                             "business", "operating", "higher_subsidy", "affiliated"]
    assert table.breaks == []


def test_a_three_public_table_printed_for_last_year_this_year_and_the_change_is_this_year_s(pages):
    """西安 prints its 三公 in three groups of columns, 上年 | 当年 | 增减变化情况, each under
    一般公共预算拨款安排的“三公”经费预算 (page 32, in 元): the items are the 当年 group's."""
    table = pages(XIAN_SUMMARY, 32).units[0].table("three_public")
    items = {line.key: line.values["total"] for line in table.lines if "@" not in line.key}
    assert {key: items.get(key) for key in (
        "total", "three_public.total", "three_public.reception", "three_public.vehicles",
        "three_public.vehicles.operation", "training")} == {
        "total": Decimal("320800.00"), "three_public.total": Decimal("101000.00"),
        "three_public.reception": Decimal("10000.00"), "three_public.vehicles": Decimal("91000.00"),
        "three_public.vehicles.operation": Decimal("91000.00"), "training": Decimal("219800.00")}
    # 上年's and the change's amounts are kept, under their printed headers.
    assert {items[key] for key in items if key.startswith("col:")} >= {
        Decimal("242000.00"), Decimal("120000.00"), Decimal("78800.00"), Decimal("-19000.00")}


def test_narrow_columns_headed_in_stacked_characters_keep_their_own_headers(pages):
    """西安 2019's 三公 table (page 32, 万元) heads each narrow column in characters stacked
    down the cell: 因/公/出/国 beside 公务/接待/费, 公务/用车/购置 beside 公务/用车/运行. Words
    of two cells side by side are not one letter-spaced header, and the 三公 小计 is not the
    公务用车 group's, whose header starts right of 因公出国's. The 2019 group, its 合计 row:
    小计 28.38 = 公务接待费 4.38 + 公务用车 24.00 (运行维护 24.00); 会议费 19.06, 培训费 36.30."""
    table = pages(XIAN_SAFETY, 32).units[0].table("three_public")
    items = {line.key: line.values["total"] for line in table.lines if "@" not in line.key}
    assert {key: items.get(key) for key in (
        "total", "three_public.total", "three_public.reception", "three_public.vehicles",
        "three_public.vehicles.operation", "meeting", "training")} == {
        "total": Decimal("83.74"), "three_public.total": Decimal("28.38"),
        "three_public.reception": Decimal("4.38"), "three_public.vehicles": Decimal("24.00"),
        "three_public.vehicles.operation": Decimal("24.00"), "meeting": Decimal("19.06"),
        "training": Decimal("36.30")}


def test_a_cell_printed_as_a_dash_is_empty_and_not_the_label_of_another_side():
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("一般公共预算基本支出表", 200)], [("部门：某局", 60), ("单位：万元", 450)],
        [("科目编码", 60), ("科目名称", 130), ("合计", 300), ("人员经费", 380), ("公用经费", 460)],
        [("合计", 130), ("110.00", 300), ("100.00", 380), ("10.00", 466)],
        [("301", 60), ("工资福利支出", 130), ("100.00", 300), ("100.00", 380), ("—", 476)],
        [("30101", 60), ("基本工资", 130), ("100.00", 300), ("100.00", 380), ("-", 484)],
        [("302", 60), ("商品和服务支出", 130), ("10.00", 306), ("—", 396), ("10.00", 466)])
    table = doc.units[0].table("gpb_basic_economic")
    assert {line.key: line.values for line in table.lines} == {
        "total": {"total": Decimal("110.00"), "personnel": Decimal("100.00"), "public": Decimal("10.00")},
        "301": {"total": Decimal("100.00"), "personnel": Decimal("100.00")},
        "30101": {"total": Decimal("100.00"), "personnel": Decimal("100.00")},
        "302": {"total": Decimal("10.00"), "public": Decimal("10.00")}}
    assert doc.unplaced == []


def test_a_column_of_percentages_is_kept_beside_the_amounts_and_breaks_no_row():
    """占比 printed between two amount columns: each percentage stays on its row, under its
    header, and is no label (which would split the row in two) and no amount."""
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("部门支出总表", 200)], [("部门：某局", 60), ("单位：万元", 450)],
        [("科目编码", 60), ("科目名称", 130), ("合计", 300), ("占比", 350), ("基本支出", 400), ("项目支出", 480)],
        [("合计", 130), ("110.00", 300), ("100%", 350), ("100.00", 400), ("10.00", 486)],
        [("201", 60), ("一般公共服务支出", 130), ("110.00", 300), ("100.0%", 350), ("100.00", 400), ("10.00", 486)])
    table = doc.units[0].table("expenditure")
    assert {line.key: (line.values, line.percentages) for line in table.lines} == {
        "total": ({"total": Decimal("110.00"), "basic": Decimal("100.00"), "project": Decimal("10.00")},
                  {"col:占比": Decimal(100)}),
        "201": ({"total": Decimal("110.00"), "basic": Decimal("100.00"), "project": Decimal("10.00")},
                {"col:占比": Decimal("100.0")})}
    assert (doc.tokens, doc.placed, doc.unplaced) == (8, 8, [])


def test_a_title_printed_on_one_line_with_the_currency_is_the_table_s_title():
    """部门收支总表 centred and 单位：万元 at the right, on one printed line."""
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("部门收支总表", 220), ("单位：元", 450)], [("部门：某局", 60)],
        [("收入", 100), ("支出", 350)], [("项目", 60), ("预算数", 200), ("项目", 300), ("预算数", 450)],
        [("一、一般公共预算拨款收入", 60), ("100.00", 200), ("一、一般公共服务支出", 300), ("100.00", 450)],
        [("收入总计", 60), ("100.00", 200), ("支出总计", 300), ("100.00", 450)])
    (unit,) = doc.units
    assert (unit.currency, [table.key for table in unit.tables]) == ("元", ["summary"])
    assert {line.key: line.values["total"] for line in unit.table("summary").lines} == {
        "income.gpb": Decimal("100.00"), "201": Decimal("100.00"), "income.grand_total": Decimal("100.00"),
        "expenditure.grand_total": Decimal("100.00")}


def test_a_year_that_no_column_of_the_budget_year_stands_beside_says_what_the_column_holds():
    """A 2026 budget's 三公 table headed 2025年预算数 alone (a template's leftover year): it is
    still the table's amount column, not last year's."""
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("一般公共预算“三公”经费支出表", 200)], [("部门：某局", 60), ("单位：万元", 450)],
        [("项目", 100), ("2025年预算数", 350)], [("合计", 100), ("10.00", 360)],
        [("因公出国（境）费", 100), ("0.00", 366)], [("公务用车购置及运行维护费", 100), ("6.00", 366)],
        [("公务接待费", 100), ("4.00", 366)])
    table = doc.units[0].table("three_public")
    assert table.columns == ["total"]
    assert table.line("three_public.vehicles").values == {"total": Decimal("6.00")}


def test_two_percentages_of_a_row_under_no_header_are_both_kept():
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("部门支出总表", 200)], [("部门：某局", 60), ("单位：万元", 450)],
        [("科目编码", 60), ("科目名称", 130), ("合计", 300), ("基本支出", 380), ("项目支出", 460)],
        [("合计", 130), ("110.00", 300), ("100.00", 380), ("10.00", 466), ("90.9%", 540), ("9.1%", 600)],
        [("201", 60), ("一般公共服务支出", 130), ("110.00", 300), ("100.00", 380), ("10.00", 466)])
    line = doc.units[0].table("expenditure").line("total")
    assert line.percentages == {"col:%": Decimal("90.9"), "col:%.2": Decimal("9.1")}
    assert (doc.tokens, doc.placed) == (8, 8)


def test_a_three_public_table_of_government_funds_is_not_the_general_budget_s():
    """四川 prints the 三公 paid from 政府性基金 in a table of its own: the narrative's 三公 are
    the 一般公共预算's (财政拨款's), which the table keyed three_public holds."""
    from kg.read.vocabulary import load_vocabulary

    titles = {
        "一般公共预算“三公”经费支出预算表": "three_public",
        "部门预算财政拨款“三公”经费支出表": "three_public",
        "一般公共预算和政府性基金预算“三公”经费支出表": "three_public",
        "政府性基金预算“三公”经费支出预算表": "fund_three_public",
        "国有资本经营预算“三公”经费支出表": "fund_three_public",
    }
    vocabulary = load_vocabulary()
    assert {title: vocabulary.table(title).key for title in titles} == titles


@pytest.mark.parametrize("cover, title", [
    ("二〇二六年某局部门预算", "“三公”经费支出表"),  # the year in Chinese digits
    ("某局部门预算", "2026年“三公”经费支出表"),  # no year on the cover: the tables' titles name it
])
def test_the_budget_year_is_read_from_a_cover_in_chinese_digits_or_else_from_the_titles(cover, title):
    doc = _read_page(
        [(cover, 200)], [("目录", 250)], [(title, 220)], [("部门：某局", 60), ("单位：万元", 450)],
        [("项目", 100), ("预算数", 400)], [("合计", 100), ("10.00", 400)], [("公务接待费", 100), ("10.00", 400)])
    assert ([(unit.name, unit.year) for unit in doc.units], doc.problems) == ([("某局", 2026)], [])


@pytest.mark.parametrize("printed, read", [
    ("关于某局2026年部门预算的说明", (2026, "某局", "部门")),
    ("某局二〇二六年单位预算公开", (2026, "某局", "单位")),
    # no unit named: the 部门 line names it, and nothing is taken for a name
    ("2026年度部门预算", (2026, None, None)),
])
def test_a_cover_gives_the_year_the_unit_and_the_kind_it_prints(printed, read):
    from kg.read.tables.layout import cover
    from kg.read.vocabulary import load_vocabulary

    assert cover(_page([(printed, 100)], [("目录", 100)]), load_vocabulary()) == read


@pytest.mark.parametrize("printed", ["填报单位：某局 单位：万元", "部门（单位）名称：某局", "编制单位：某局 金额单位：元"])
def test_the_line_that_names_a_table_s_unit_is_known_in_its_usual_wordings(printed):
    from kg.read.vocabulary import load_vocabulary, squash

    assert load_vocabulary().unit_line.match(squash(printed))["name"] == "某局"


def test_a_percentage_on_a_row_of_no_amount_is_reported_unplaced_with_its_line():
    doc = _read_page(
        [("某局2026年部门预算", 200)], [("部门支出总表", 200)], [("部门：某局", 60), ("单位：万元", 450)],
        [("科目编码", 60), ("科目名称", 130), ("合计", 300), ("基本支出", 380), ("项目支出", 460)],
        [("合计", 130), ("110.00", 300), ("100.00", 380), ("10.00", 466)],
        [("说明文字", 130), ("50%", 540)], [("60%", 540)],
        [("201", 60), ("一般公共服务支出", 130), ("110.00", 300), ("100.00", 380), ("10.00", 466)])
    assert [(u.text, u.location.table, u.location.line) for u in doc.unplaced] == [
        ("50%", "expenditure", 6), ("60%", "expenditure", 7)]
    assert doc.tokens == 8
