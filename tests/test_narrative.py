"""The narrative reader (kg/read/narrative.py) on the bundled sample; values read from the text by hand."""

from __future__ import annotations

import doctest
from dataclasses import replace
from decimal import Decimal as D

import pytest

import kg.read.narrative
from kg.read import read_document
from kg.read.narrative import read_narratives
from kg.read.source.text import SourceLine, TextSource, read_text
from kg.records import Line, Location, Table, Unit

NAMES = {"323001": "巨鹿县人力资源和社会保障局本级", "323003": "巨鹿县社会保险事业服务中心"}


@pytest.fixture(scope="module")
def narratives(sample) -> dict:
    source = read_text(sample)
    units = [Unit(code, name, 2023, "万元") for code, name in NAMES.items()]
    read_narratives(source, units)
    return {u.code: u.narrative for u in units}


def values(narrative, *keys) -> list:
    return [narrative.fact(k).value for k in keys]


def test_each_unit_gets_its_own_narrative_from_its_heading(narratives):
    assert narratives["323001"].location.line == 1754
    assert narratives["323003"].location.line == 3908


def test_income_and_expenditure_totals_are_read_as_printed(narratives):
    keys = ("income.total", "income.gpb", "expenditure.total", "expenditure.basic", "expenditure.personnel",
            "expenditure.public", "expenditure.project")
    assert values(narratives["323001"], *keys) == [D("3889.89"), D("3889.89"), D("3889.89"), D("685.86"),
                                                   D("632.2"), D("53.66"), D("3204.03")]
    assert values(narratives["323003"], *keys) == [D("481.1"), D("481.1"), D("481.1"), D("404.1"),
                                                   D("379.9"), D("24.2"), D("77")]
    assert str(narratives["323001"].fact("expenditure.personnel").value) == "632.2"


def test_a_fact_keeps_its_unit_sentence_and_line(narratives):
    fact = narratives["323001"].fact("expenditure.personnel")
    assert fact.unit == "万元"
    assert fact.sentence.startswith("2023年支出预算 3889.89万元，其中基本支出 685.86万元")
    assert "包括人员经费 632.2万元和日常公用经费 53.66万元" in fact.sentence
    assert (fact.location.page, fact.location.line) == (18, 1849)


def test_changes_on_last_year_carry_their_direction_and_reasons(narratives):
    first, second = narratives["323001"], narratives["323003"]
    assert values(first, "change.total", "change.basic", "change.project") == [D("790.913"), D("111.133"),
                                                                              D("679.78")]
    assert values(second, "change.total", "change.basic", "change.project") == [D("37.764"), D("34.764"), D("3")]
    assert first.fact("change.total").direction == "增加"
    assert first.fact("change.basic").reason == "主要为增加人员经费支出"
    assert first.fact("change.project").reason == "主要为劳务派遣人员工资及各类保险资金支出"
    assert second.fact("change.project").reason == "主要增加为财政对城乡居民养老保险及贫困人员的补助"
    assert first.fact("change.previous_year").value == D("2022")


def test_stated_parts_add_up_to_the_stated_totals(narratives):
    for n in narratives.values():
        assert n.fact("expenditure.basic").value == n.fact("expenditure.personnel").value + n.fact(
            "expenditure.public").value
        assert n.fact("change.total").value == n.fact("change.basic").value + n.fact("change.project").value


def test_operating_costs_and_the_three_public_statement_are_read(narratives):
    assert narratives["323001"].fact("operating_costs").value == D("21.76")
    assert narratives["323001"].fact("operating_costs").reason == "主要用于办公费、邮电费、其他费用等日常运行支出"
    assert narratives["323003"].fact("operating_costs").value == D("24.2")
    three = ("three_public.total", "three_public.abroad", "three_public.vehicles", "three_public.vehicle_purchase",
             "three_public.vehicle_operation", "three_public.reception")
    for n in narratives.values():
        assert values(n, *three) == [D("0")] * 6
        assert n.fact("three_public.total").reason == "响应政府号召，从严控制“三公”经费开支"


def test_procurement_and_asset_statements_are_read(narratives):
    first, second = narratives["323001"], narratives["323003"]
    assert str(first.fact("procurement.total").value) == "0.00"
    assert values(first, "assets.total", "assets.planned_purchases") == [D("92.71"), D("33.00")]
    assert values(second, "assets.total", "assets.planned_purchases") == [D("79.98"), D("0.00")]


def test_asset_rows_on_their_own_lines_are_attributed(narratives):
    rows = [(r.item, r.quantity, r.value, r.location.line) for r in narratives["323001"].asset_rows]
    assert rows == [("资产总额", None, D("92.71"), 2411), ("其他固定资产", None, D("92.71"), 2425)]
    assert narratives["323001"].problems == []


def test_asset_numbers_printed_apart_from_their_rows_are_reported_not_guessed(narratives):
    second = narratives["323003"]
    assert [(r.item, r.value) for r in second.asset_rows] == [("资产总额", D("79.98"))]
    reported = [(p.location.line, p.message.split(" ")[1]) for p in second.problems]
    assert reported == [(4695, "11.24"), (4697, "68.74")]
    assert all("together they equal 资产总额 79.98" in p.message for p in second.problems)


def test_duties_are_numbered_and_joined_across_lines(narratives):
    first, second = narratives["323001"].duties, narratives["323003"].duties
    assert [d.number for d in first] == list(range(1, 13))
    assert [d.number for d in second] == list(range(1, 11))
    assert first[0].text == (
        "贯彻、执行国家、省、市人力资源和社会保障工作的方针政策、法律法规和规章。"
        "拟订全县人力资源和社会保障事业发展政策、规划并组织实施。"
    )
    assert first[11].text == "完成县委、县政府交办的其他事项。"
    assert second[9].text == "负责县政府交办的其他相关工作。"  # the page number 48 after it is not text


def test_a_duty_after_a_page_break_reads_whole(narratives):
    fourth, fifth = narratives["323001"].duties[3:5]
    assert fourth.location.page == 16 and fifth.location.page == 17
    assert fourth.text.endswith("会同有关部门实施全民参保计划并建立全县统一的社会保险公共服务平台。")
    assert fifth.text == (
        "负责就业、失业和相关社会保险基金预测预警和信息引导，拟订应对预案，实施预防、调节和控制，"
        "保持就业形势稳定和社会保险基金总体收支平衡。"
    )


def test_a_duty_split_by_a_page_break_is_joined():
    lines = ["单位 2023年单位预算信息公开情况说明", "单位职责：", "（一）负责甲乙", "丙丁工作。", "（二）其他。", "机构设置："]
    pages = [1, 1, 1, 2, 2, 2]
    source = TextSource("t.txt", "0", [SourceLine(i + 1, p, t) for i, (p, t) in enumerate(zip(pages, lines))])
    unit = Unit("100001", "单位", 2023, "万元")
    read_narratives(source, [unit])
    assert [(d.number, d.text, d.location.page) for d in unit.narrative.duties] == [
        (1, "负责甲乙丙丁工作。", 1), (2, "其他。", 2)]


def test_institution_row_is_assembled_from_scrambled_lines(narratives):
    first, second = narratives["323001"].institution, narratives["323003"].institution
    assert (first.name, first.nature, first.rank, first.funding_form) == (
        "巨鹿县人力资源和社会保障局本级", "行政", "正科级", "财政拨款")
    assert (second.name, second.nature, second.rank, second.funding_form) == (
        "巨鹿县社会保险事业服务中心", "事业", "副科级", "财政性资金基本保证")


def test_glossary_has_ten_numbered_terms(narratives):
    for n in narratives.values():
        assert [g.number for g in n.glossary] == list(range(1, 11))
    glossary = narratives["323001"].glossary
    assert glossary[0].term == "一般公共预算拨款收入"
    assert glossary[0].definition == "指县级财政当年拨付的资金。"
    assert glossary[6].term == "“三公”经费"
    assert glossary[2].definition == (
        "指除“一般公共预算拨款收入”、“事业收入”等以外的收入。主要是按规定动用的租房收入、存款利息收入等。")
    assert glossary[9].term == "事业单位经营支出"


def test_a_missing_statement_is_reported_not_invented():
    lines = ["单位 2023年单位预算信息公开情况说明", "二、单位预算安排的总体情况", "1、收入说明", "本单位无收入。"]
    source = TextSource("t.txt", "0", [SourceLine(i + 1, 1, t) for i, t in enumerate(lines)])
    unit = Unit("100001", "单位", 2023, "万元")
    read_narratives(source, [unit])
    assert unit.narrative.fact("income.total") is None
    messages = [p.message for p in unit.narrative.problems]
    assert "income.total: not stated in section income" in messages
    assert "duties" in unit.narrative.missing_sections and "overview" not in unit.narrative.missing_sections


def test_read_document_attaches_the_narratives(sample):
    doc = read_document(sample)
    by_code = {u.code: u for u in doc.units}
    assert by_code["323001"].narrative.fact("income.total").value == D("3889.89")
    assert by_code["323003"].narrative.fact("expenditure.project").value == D("77")


def test_docstring_examples_run():
    failures, tried = doctest.testmod(kg.read.narrative)
    assert tried > 0 and failures == 0


def _standard(lines: list[str], year: int = 2026) -> Unit:
    source = TextSource("t.pdf", "0", [SourceLine(i + 1, 1, t) for i, t in enumerate(lines)])
    units = [Unit("u-1", "某局", year, "万元"), Unit("u-2", "某局所属中心", year, "万元")]
    read_narratives(source, units, "standard")
    assert units[1].narrative is None, "the document's prose is its first unit's"
    return units[0]


def test_any_province_s_three_public_statement_is_read_wherever_it_is_printed():
    # 长沙 2026's wording, wrapped as printed; then 福州 2026's, item by item.
    unit = _standard([
        "六、其他重要事项的情况说明", "（一）机关运行经费：2026年某局机关运行经费",
        "122.98万元，比上年预算增加7.20万元，上升6.22%。", "（二）“三公”经费预算：2026年某局“三公”",
        "经费预算数为8.00万元，其中，公务接待费3.00万元，公务", "用车购置及运行费5.00万元（其中，公务用车购置费0.00万",
        "元，公务用车运行费5.00万元），因公出国（境）费0.00万", "元。2026年“三公”经费预算较2025年减少1.75万元。"])
    assert {f.key: f.value for f in unit.narrative.facts} == {
        "operating_costs": D("122.98"), "three_public.total": D("8.00"), "three_public.reception": D("3.00"),
        "three_public.vehicles": D("5.00"), "three_public.vehicle_purchase": D("0.00"),
        "three_public.vehicle_operation": D("5.00"), "three_public.abroad": D("0.00"),
        "change.operating_costs.current": D("122.98"), "change.operating_costs": D("7.20"),
        "change.operating_costs.percent": D("6.22"),
        # The parts listed after 其中, past the bracket that breaks one of them down further.
        "three_public.total.base.0": D("8.00"), "three_public.total.part.公务接待费": D("3.00"),
        "three_public.total.part.公务用车购置及运行费": D("5.00"), "three_public.total.part.因公出国（境）费": D("0.00")}
    assert unit.narrative.problems == [] and unit.narrative.missing_sections == []


def test_an_amount_compared_with_last_year_or_of_another_year_is_not_read_as_this_year_s():
    unit = _standard([
        "2025年“三公”经费预算为9.50万元。“三公”经费预算较上年减少1.50万元。上年公务接待费预算为5.00万元。",
        "（二）公务接待费2026年预算安排4.12万元，与上年持平。", "公务接待费比上年减少0.88万元。"])
    assert {f.key: f.value for f in unit.narrative.facts} == {"three_public.reception": D("4.12")}


def test_a_province_whose_prose_states_nothing_known_gets_an_empty_narrative_not_problems():
    unit = _standard(["一、部门职责", "负责本市信访工作。"])
    assert (unit.narrative.facts, unit.narrative.problems, unit.narrative.missing_sections) == ([], [], [])


def test_the_parts_of_a_total_are_read_after_qizhong_with_what_their_shares_may_be_of():
    # 无锡 2025's income wording: the total, what it includes, then 其中 in the next sentence, the
    # list running over a page whose header repeats on every page; 福建 2026's change statement
    # between a total and its parts, and parts listed with 、.
    header = "某局2026年度部门预算公开"
    pages = [
        ["一、收入预算情况说明", "某局2026年收入预算合计2,867.94万元，包括本年收入2,867.94万元，",
         "上年结转结余0万元。其中：", "本年一般公共预算收入2,723.94万元，占94.98%；"],
        ["本年其他收入144万元，占5.02%。", "相应安排支出预算1269.68万元，比上年增加75.03万元，增长6.28%。",
         "其中：基本支出926.68万元、项目支出343.00万元。"],
        ["本页无关。"],
    ]
    lines = [SourceLine(0, n + 1, text) for n, page in enumerate(pages) for text in [header, *page]]
    source = TextSource("t.pdf", "0", [replace(line, no=i + 1) for i, line in enumerate(lines)])
    unit = Unit("u-1", "某局", 2026, "万元")
    read_narratives(source, [unit], "standard")
    assert {f.key: f.value for f in unit.narrative.facts if not f.key.startswith("change.")} == {
        "income.total": D("2867.94"),
        "income.total.base.0": D("2867.94"), "income.total.base.1": D("2867.94"), "income.total.base.2": D(0),
        "income.total.part.本年一般公共预算收入": D("2723.94"), "income.total.part.本年一般公共预算收入.share": D("94.98"),
        "income.total.part.本年其他收入": D(144), "income.total.part.本年其他收入.share": D("5.02"),
        # Parts a table prints, under its keys.
        "income.gpb": D("2723.94"), "income.other": D(144),
        # 75.03万元 is a change, which no share is of.
        "expenditure.total": D("1269.68"), "expenditure.total.base.0": D("1269.68"),
        "expenditure.total.part.基本支出": D("926.68"), "expenditure.total.part.项目支出": D("343.00"),
        "expenditure.basic": D("926.68"), "expenditure.project": D("343.00")}


def test_the_national_templates_wording_is_read_by_the_profile_of_any_province(sample):
    """河北 words its 说明 as 财政部's template does; a 河北 PDF is read by the standard profile,
    which must read it as the 河北 profile reads the copied text (lines 1839–1866 of the sample)."""
    unit = Unit("323001", NAMES["323001"], 2023, "万元")
    read_narratives(read_text(sample), [unit], "standard")
    facts = {f.key: f.value for f in unit.narrative.facts}
    assert {key: facts.get(key) for key in (
        "income.total", "income.gpb", "income.gov_fund", "income.soe", "income.special_account", "income.carryover",
        "expenditure.total", "expenditure.basic", "expenditure.project", "operating_costs",
        "three_public.total", "three_public.reception")} == {
        # 2023年预算收入 3889.89万元，其中：一般公共预算收入 3889.89万元，基金预算收入 0万元，…
        "income.total": D("3889.89"), "income.gpb": D("3889.89"), "income.gov_fund": D(0), "income.soe": D(0),
        "income.special_account": D(0), "income.carryover": D(0),
        # 2023年支出预算 3889.89万元，其中基本支出 685.86万元，包括人员经费 632.2万元和日常公用经费
        # 53.66万元；项目支出 3204.03万元
        "expenditure.total": D("3889.89"), "expenditure.basic": D("685.86"), "expenditure.project": D("3204.03"),
        # 我单位运行经费共计安排 21.76万元
        "operating_costs": D("21.76"),
        # “三公”经费预算安排 0万元，其中因公出国（境）费 0万元；公务用车购置及运维费 0万元（其中：…)；公务接待费 0万元
        "three_public.total": D(0), "three_public.reception": D(0)}
    # What 基本支出 includes is its own list, not parts of the total.
    assert [key for key in facts if key.startswith("expenditure.total.part.")] == [
        "expenditure.total.part.基本支出", "expenditure.total.part.项目支出"]
    assert [key for key in facts if key.startswith("three_public.total.part.")] == [
        "three_public.total.part.因公出国（境）费", "three_public.total.part.公务用车购置及运维费",
        "three_public.total.part.公务接待费"]


@pytest.mark.parametrize("sentence, totals", [
    ("2024年部门收入预算1234.56万元，支出预算1200.00万元。", {"income.total": D("1234.56"), "expenditure.total": D("1200.00")}),
    ("收入总计1234.56万元，支出总计1234.56万元。", {"income.total": D("1234.56"), "expenditure.total": D("1234.56")}),
    ("本部门2024年收支总预算1234.56万元。", {"income.total": D("1234.56"), "expenditure.total": D("1234.56")}),
    ("2024年度收入、支出预算总计1234.56万元。", {"income.total": D("1234.56"), "expenditure.total": D("1234.56")}),
    # Another unit's total is not the document's.
    ("所属单位收入预算100.00万元。", {}),
])
def test_the_common_wordings_of_the_income_and_expenditure_totals_are_read(sentence, totals):
    unit = _standard([sentence], year=2024)
    assert {f.key: f.value for f in unit.narrative.facts if f.key.endswith(".total")} == totals


@pytest.mark.parametrize("sentence", [
    "苏州市科学技术局 2026 年度财政拨款收、支总预算 186,241万元。",  # 苏州 2026, page 35
    "省检察院2026年度财政拨款收入预算总计 186,241 万元。",  # 江苏 2019's wording (page 25), this year
    "本部门2026年财政拨款收支预算总计186,241.00万元。",
])
def test_the_grand_total_of_fiscal_funds_is_read_apart_from_the_unit_s_totals(sentence):
    unit = _standard([sentence])
    assert {f.key: f.value for f in unit.narrative.facts} == {"fiscal.total": D(186241)}


@pytest.mark.parametrize(("sentence", "facts"), [
    # 深圳 盐田 2026, page 11; 苏州 2026, page 40
    ("三、其他本单位政府性基金预算支出 10.00 万元，无国有资本经营预算支出。", {"gov_fund.expenditure": D("10.00")}),
    ("苏州市科学技术局 2026 年国有资本经营预算支出 0 万元。", {"soe.expenditure": D(0)}),
])
def test_what_the_funds_tables_spend_is_read_as_stated(sentence, facts):
    assert {f.key: f.value for f in _standard([sentence]).narrative.facts} == facts


def test_this_year_s_fiscal_income_is_read_apart_from_its_grand_total():
    unit = _standard(["财政拨款收支情况说明", "本部门当年财政拨款收入2,838.42万元。"])  # 西安 2026, page 8
    assert {f.key: f.value for f in unit.narrative.facts} == {"fiscal.income": D("2838.42")}


def test_a_statement_of_both_totals_at_once_gives_way_to_each_total_s_own():
    """无锡 2026 (pages 20–23): 收入、支出预算总计1,136.23万元 … 其中：（一）收入预算总计…, then each total
    stated with its parts: those are read, not the joint statement's 其中."""
    unit = _standard(["某局2026年度收入、支出预算总计1,136.23万元，与上年相比收、支预算总计各增加95.68万元，增长9.2%。其中：",
                      "（一）收入预算总计1,136.23万元。包括：", "1．本年收入合计1,136.23万元。",
                      "（二）支出预算总计1,136.23万元。包括：", "1．本年支出合计1,136.23万元。",
                      "某局2026年支出预算合计1,136.23万元，其中：基本支出1,000.00万元，项目支出136.23万元。"])
    facts = {f.key: f.value for f in unit.narrative.facts if not f.key.startswith("change.")}
    assert facts == {"income.total": D("1136.23"), "expenditure.total": D("1136.23"),
                     "expenditure.total.base.0": D("1136.23"), "expenditure.total.part.基本支出": D("1000.00"),
                     "expenditure.basic": D("1000.00"), "expenditure.total.part.项目支出": D("136.23"),
                     "expenditure.project": D("136.23")}


def test_the_last_part_joined_by_he_is_named_without_it():
    unit = _standard(["本部门支出预算100.00万元，其中基本支出60.00万元和项目支出40.00万元。"])
    assert {f.key: f.value for f in unit.narrative.facts} == {
        "expenditure.total": D(100), "expenditure.total.base.0": D(100),
        "expenditure.total.part.基本支出": D(60), "expenditure.basic": D(60),
        "expenditure.total.part.项目支出": D(40), "expenditure.project": D(40)}


def test_numbered_parts_are_read_past_what_each_includes_but_not_the_items_numbered_otherwise():
    # 福建 2026's wording; an item's own list (1.基本工资…) is not a part of the total.
    unit = _standard([
        "五、一般公共预算拨款基本支出情况", "2026年度一般公共预算拨款基本支出926.68万元，其", "中：",
        "（一）人员经费865.05万元，主要包括：基本工资、津贴补贴，其中1.基本工资300.00万元。",
        "（二）公用经费61.63万元，主要包括：办公费、印刷费。",
        # The list ends at an item that states no amount: （四） is not a part of the total.
        "（三）其他说明。", "（四）会议费1.00万元。", "六、其他"])
    assert {f.key: f.value for f in unit.narrative.facts} == {
        "expenditure.gpb_basic": D("926.68"), "expenditure.gpb_basic.base.0": D("926.68"),
        "expenditure.gpb_basic.part.人员经费": D("865.05"), "expenditure.personnel": D("865.05"),
        "expenditure.gpb_basic.part.公用经费": D("61.63"), "expenditure.public": D("61.63")}


def test_a_share_said_to_be_of_another_total_is_not_read_as_a_share_of_this_one():
    unit = _standard(["本部门支出预算合计100.00万元，其中：基本支出60.00万元，占支出总额的60%；",
                      "项目支出40.00万元，占一般公共预算支出的50%。"])
    assert {f.key: f.value for f in unit.narrative.facts if ".part." in f.key} == {
        "expenditure.total.part.基本支出": D("60.00"), "expenditure.total.part.基本支出.share": D(60),
        "expenditure.total.part.项目支出": D("40.00")}


def test_a_department_s_budget_income_and_expenditure_are_read_in_shenzhen_s_word_order():
    # 深圳 2026, page 6: 预算收入 and 预算支出, where others print 收入预算 and 支出预算.
    unit = _standard(["2026年深圳市信访局部门预算收入4,684.30万元，较", "2025年年初预算减少247.70万元，下降5.0%。",
                      "2026年深圳市信访局部门预算支出4,684.30万元。"])
    assert {f.key: f.value for f in unit.narrative.facts if f.key.endswith("total")} == {
        "income.total": D("4684.30"), "expenditure.total": D("4684.30")}


def test_an_item_heading_a_numbered_paragraph_is_read_with_the_amount_its_paragraph_states():
    # 深圳 2026's wording; a name with a full stop after it but no number before is not a heading.
    unit = _standard(["1.因公出国（境）费用。2026年预算数0.00万元，较2025年年初预算增加0.00万元。",
                      "2.公务接待费。2026年预算数2.98万元。", "机关运行经费。2026年预算数357.43万元。"])
    assert {f.key: f.value for f in unit.narrative.facts if not f.key.startswith("change.")} == {
        "three_public.abroad": D("0.00"), "three_public.reception": D("2.98")}


def test_shares_are_not_read_where_too_many_amounts_come_between_a_total_and_its_parts():
    # Five amounts a share might be of: which one it is of is not read, only the parts.
    unit = _standard(["本部门收入预算合计10.00万元，包括本年收入6.00万元，上年结转1.00万元、2.00万元、1.00万元。",
                      "其中：一般公共预算收入6.00万元，占60%。"])
    assert {f.key: f.value for f in unit.narrative.facts if ".part." in f.key} == {
        "income.total.part.一般公共预算收入": D("6.00")}


def test_a_list_after_a_change_or_after_another_statement_is_not_the_total_s():
    # 西安 2022: the 其中 follows a change (and lists what is not a 三公 item); then a 其中 that
    # follows a statement about another year.
    unit = _standard([
        "2022年本部门“三公”经费预算支出0.27万元，较上年增加0.0万元，其中会议费0.24万元。",
        "本部门支出预算合计100.00万元。2021年支出预算90.00万元，其中：基本支出50.00万元。"], year=2022)
    assert [f.key for f in unit.narrative.facts if ".part." in f.key or ".base." in f.key] == []


def test_a_list_of_parts_ends_where_a_change_is_stated():
    # 广州 2026: “三公”经费4.8万元，其中因公出国（境）费0万元，比上年增加0万元 …
    unit = _standard(["“三公”经费预算4.8万元，其中因公出国（境）费0万元，比上年增加0万元，公务接待费4.8万元。"])
    assert sorted(f.key for f in unit.narrative.facts if ".part." in f.key) == ["three_public.total.part.因公出国（境）费"]


def test_a_kuan_and_its_xiang_named_unquoted_are_read_even_where_the_words_before_run_into_the_name():
    # 无锡 2025's and 江苏 2019's wordings: a 款 name holds a bracket (政府办公厅（室）…), a sentence
    # runs into the 款's name, a marker is half-width; a 款 the table has not is reported.
    at = Location("t.pdf", 1, "gpb_expenditure", 1)
    table = Table("gpb_expenditure", "一般公共预算支出表", ["total"], [
        Line("20103", "政府办公厅（室）及相关机构事务", {"total": D("120.50")}, at, "20103"),
        Line("2010301", "行政运行", {"total": D("98.50")}, at, "2010301"),
        Line("2010350", "事业运行", {"total": D("22.00")}, at, "2010350")])
    source = TextSource("t.pdf", "0", [SourceLine(i + 1, 1, t) for i, t in enumerate([
        "（一）一般公共服务支出（类）1.政府办公厅（室）及相关机构事务（款）行政运行（项）支出98.50万元，",
        "与上年相比增加1.50万元，增长1.55%。主要原因是原列政府办公厅（室）及相关机构事务（款）事业运行(项)",
        "支出22万元。3.信访事务（款）信访业务（项）支出5万元。"])])
    unit = Unit("u-1", "某局", 2026, "万元", tables=[table])
    read_narratives(source, [unit], "standard")
    assert {(f.key, f.value) for f in unit.narrative.facts} == {
        ("function_line.2010301.amount", D("98.50")), ("function_line.2010301.change", D("1.50")),
        ("function_line.2010301.percent", D("1.55")), ("function_line.2010350.amount", D("22"))}
    assert [p.message for p in unit.narrative.problems] == [
        "function_line: “信访事务（款）信访业务（项）” is not a line of gpb_expenditure"]


def test_a_line_named_with_its_code_is_read_and_a_statement_ends_at_the_next_numbered_heading():
    # 福州 2026's and 西安 2022's wordings; then a heading, after which 预算安排 is not the last line's.
    at = Location("t.pdf", 1, "gpb_expenditure", 1)
    table = Table("gpb_expenditure", "一般公共预算支出表", ["total"], [
        Line("2040201", "行政运行", {"total": D("6556.70")}, at, "2040201"),
        Line("2101102", "事业单位医疗", {"total": D("4.17")}, at, "2101102")])
    source = TextSource("t.pdf", "0", [SourceLine(i + 1, 1, t) for i, t in enumerate([
        "其中（按项级科目分类统计）：（一）2040201-行政运行6556.70万元。主要用于单位基本支出。",
        "（6）其他（2089901）0.1万元。（7）事业单位医疗（2101102）4.16万元，上年度该科目无预算资金。",
        "十、机关运行经费安排情况说明", "本部门当年机关运行经费预算安排5.8万元。"])])
    unit = Unit("u-1", "某局", 2026, "万元", tables=[table])
    read_narratives(source, [unit], "standard")
    assert {(f.key, f.value) for f in unit.narrative.facts if f.key.startswith("function_line")} == {
        ("function_line.2040201.amount", D("6556.70")), ("function_line.2101102.amount", D("4.16"))}
    assert [p.message for p in unit.narrative.problems] == [
        "function_line: “其他（2089901）” is not a line of gpb_expenditure"]


@pytest.mark.parametrize("statement", [
    "1.一般公共服务支出（类）人大事务（款）行政运行（项）2024年预算数为98.50万元，比上年增加10.00万元。",
    "一般公共服务支出（类）人大事务（款）行政运行（项）：预算数98.50万元，比上年增加10.00万元。",
    "（1）行政运行（2010101）：2024年预算数为98.50万元，比上年增加10.00万元。",
    "1.2010101行政运行98.50万元，比上年增加10.00万元。",
])
def test_a_function_line_s_amount_is_read_after_the_words_that_say_it_is_this_year_s_budget(statement):
    unit = _with_function_lines([statement], 2024)
    assert {(f.key, f.value) for f in unit.narrative.facts} == {
        ("function_line.2010101.amount", D("98.50")), ("function_line.2010101.change", D("10.00"))}


def test_a_function_line_s_amount_of_another_year_is_not_this_year_s():
    unit = _with_function_lines(["一般公共服务支出（类）人大事务（款）行政运行（项）2023年预算数为90.00万元。"], 2024)
    assert unit.narrative.facts == []


def _with_function_lines(lines: list[str], year: int) -> Unit:
    at = Location("t.pdf", 1, "gpb_expenditure", 1)
    table = Table("gpb_expenditure", "一般公共预算支出表", ["total"], [
        Line("201", "一般公共服务支出", {"total": D("98.50")}, at, "201"),
        Line("20101", "人大事务", {"total": D("98.50")}, at, "20101"),
        Line("2010101", "行政运行", {"total": D("98.50")}, at, "2010101")])
    source = TextSource("t.pdf", "0", [SourceLine(i + 1, 1, t) for i, t in enumerate(lines)])
    unit = Unit("u-1", "某局", year, "万元", tables=[table])
    read_narratives(source, [unit], "standard")
    return unit
