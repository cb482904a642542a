"""Reading what document checks need from the printed text (kg/read/printed.py): the years
titles name, placeholders, template leftovers, and what an empty-table note is about.

The peer checker this answers (issue 14, item 4) read a "year" out of 2083.68万元 and out of
a 文号; these tests pin what is and is not a year, and that true sentences (比上年增加0万元)
are not leftovers.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.read.printed import note_subjects, read_printed, title_years
from kg.read.source.text import SourceLine, TextSource
from kg.records import Document, Location, Table, Unit


@pytest.mark.parametrize(("title", "years"), [
    ("2023年单位预算收支总表", (2023,)),
    ("巨鹿县社会保险事业服务中心 2023年单位预算信息公开情况说明", (2023,)),
    ("2026 年度部门收支总表", (2026,)),
    ("单位预算收支总表", ()),
])
def test_a_year_printed_with_nian_is_read_from_a_title(title, years):
    assert title_years(title) == years


@pytest.mark.parametrize("title", [
    "项目资金 2083.68万元",  # the peer checker's false "year" 2083
    "资金 2083 万元 年度目标",
    "冀财社 2022年 150号提前下达资金绩效目标表",  # a 文号 spelled with 年
    "依据冀财规〔2018〕21号",
    "依据国办发[2018]5号",
    "依据冀政办发(2016)4号",
    "2021-2025年发展规划",  # a span: none of its years is a budget year
])
def test_an_amount_a_document_number_or_a_span_is_not_a_year(title):
    assert title_years(title) == ()


def test_a_document_number_and_the_budget_year_in_one_title_give_the_budget_year_only():
    assert title_years("冀财社 2022年 150号提前下达 2023年中央就业补助资金绩效目标表") == (2023,)


def _text(*lines: str) -> TextSource:
    return TextSource("t.txt", "00" * 32, [SourceLine(no, 1 + no // 10, text) for no, text in enumerate(lines, 1)])


def _phrases(*lines: str) -> list[tuple[str, str, int]]:
    doc = Document("t.txt", "00" * 32, "hebei-county", "单位")
    read_printed(_text(*lines), doc)
    return [(p.kind, p.text, p.location.line) for p in doc.phrases]


def test_placeholders_of_a_template_are_read_with_their_line():
    assert _phrases("本单位无 XX 项目。", "运行经费××万元，", "依据冀财社【】5号文件") == [
        ("placeholder", "XX", 1), ("placeholder", "××", 2), ("placeholder", "【】", 3)]


def test_latin_words_and_filled_in_sentences_are_no_placeholders():
    assert _phrases("XXL 型号设备 2 台", "依据冀财社〔2022〕150号文件") == []


def test_contradictory_template_sentences_are_leftovers_even_across_a_line_break():
    assert _phrases("公务接待费比上年增加持平。", "公务用车运行维护费 0万元，比上年", "增加 5万元。") == [
        ("leftover", "增加持平", 1), ("leftover", "0万元，比上年增加 5万元", 2)]


@pytest.mark.parametrize("sentence", [
    "比上年增加0万元，增长0%，主要原因是与上年持平",  # 广州信访局 2026, p. 21: true, and not a leftover
    "公务接待费 0万元。与 2022年相比减少 0万元，与 2022年持平。",  # the Hebei sample
    "运行经费 300万元，比上年增加 5万元",
    "公务接待费0万元。与2022年相比增加5万元",  # another sentence: its subject is the total
])
def test_true_sentences_are_no_leftovers(sentence):
    assert _phrases(sentence) == []


@pytest.mark.parametrize(("note", "kinds"), [
    ("注：无国有资本经营预算财政拨款预算，空表列示。", ("soe_expenditure",)),
    ("注：无政府基金预算财政拨款预算，空表列示。", ("gov_fund_expenditure",)),
    ("注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。", ("three_public",)),
    ("此表为空", ()),
])
def test_an_empty_table_note_is_about_the_tables_whose_subject_it_names(note, kinds):
    assert note_subjects(note) == kinds


def test_the_reader_records_each_tables_title_and_what_its_empty_note_is_about():
    doc = Document("t.txt", "00" * 32, "hebei-county", "单位")
    note = "注：无国有资本经营预算财政拨款预算，空表列示。"
    table = Table("three_public", "2022年财政拨款“三公”经费支出表", [], pages=[15], empty_note=note)
    doc.units.append(Unit("323001", "局", 2023, "万元", tables=[table]))
    read_printed(_text("正文"), doc)
    assert [(t.text, t.years, t.location, t.unit) for t in doc.titles] == [
        ("2022年财政拨款“三公”经费支出表", (2022,), Location("t.txt", 15, "three_public"), "323001")]
    assert table.empty_note_names == ("soe_expenditure",)


def test_a_table_title_printed_after_a_year_is_still_the_table_and_its_year_is_read(tmp_path):
    # Some counties print the budget year before a table's title. The sample's first
    # 收入总表 (323001, text line 216) printed as "2022年单位预算收入总表": the table is read
    # as before (all 469 amounts of the document placed), and the title keeps its year for
    # BK-DOC-YEAR, which compares it with the budget year 2023.
    from kg.read import read_document
    from kg.resources import sample_path

    lines = sample_path().read_text(encoding="utf-8").split("\n")
    at = lines.index(" 单位预算收入总表")
    lines[at] = "2022年单位预算收入总表"
    copy = tmp_path / "year-before-title.txt"
    copy.write_text("\n".join(lines), encoding="utf-8")

    doc = read_document(copy)

    assert (doc.placed, doc.tokens) == (469, 469)
    income = doc.units[0].table("income")
    assert income.printed_title == "2022年单位预算收入总表" and income.line("total").values["total"] == Decimal("3889.89")
    assert [(t.text, t.years, t.unit) for t in doc.titles if "收入总表" in t.text] == [
        ("2022年单位预算收入总表", (2022,), "323001"), ("单位预算收入总表", (), "323003")]
