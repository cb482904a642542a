"""The performance-goal reader (kg/read/goals.py) on the bundled sample.

Every expected value below was read from ``kg/data/julu-hrss-2023-unit-budget.txt`` by
hand: the anchor line of each row, the blocks of wrapped cells printed before or after
it, and the basis blocks. Where the copied text does not say which row a cell belongs
to, the reader must report it, and the tests below list exactly those cells.
"""

from __future__ import annotations

import doctest
from decimal import Decimal as D

import pytest

import kg.read.goals
from kg.read.goals import parse_target, read_projects
from kg.read.legal import find_document_numbers
from kg.read.narrative import read_narratives
from kg.read.source.text import SourceLine, read_text
from kg.records import Unit

NAMES = {"323001": "巨鹿县人力资源和社会保障局本级", "323003": "巨鹿县社会保险事业服务中心"}


@pytest.fixture(scope="module")
def projects(sample) -> dict:
    units = [Unit(code, name, 2023, "万元") for code, name in NAMES.items()]
    source = read_text(sample)
    sections = read_narratives(source, units)
    return {u.code: read_projects(source.name, sections[u.code]) for u in units}


def project(projects, unit: str, number: int):
    return next(p for p in projects[unit] if p.number == number)


def test_each_unit_has_its_performance_tables_with_their_printed_titles(projects):
    assert [p.title for p in projects["323001"]] == [
        "办公楼更换空气源热泵中央空调资金",
        "补足巨鹿县农民工工资支付应急周转金",
        "冀财社 2022年 150号提前下达 2023年中央就业补助资金-中央直达资金",
        "冀财社 2022年 162号提前下达 2023年省级就业补助资金",
        "就业工作经费",
        "劳动监察执法经费",
        "劳动仲裁经费",
        "劳务派遣人员工资及各类保险资金",
        "人事人才经费",
        "事业单位公开招聘经费",
        "运行经费",
    ]
    assert [p.title for p in projects["323003"]] == [
        "2021年符合政府安排工作条件退役士兵待遇资金",
        "城乡居民养老保险专项经费",
        "工伤保险专项经费",
        "机关事业单位养老经费",
        "冀财社 2022年 174号提前下达 2023年省级城乡居民社会保险代办员补助资金",
        "企业养老保险专项经费",
        "全民参保宣传活动经费",
        "社会保障人脸识别身份认证平台管理",
    ]
    assert [p.number for p in projects["323001"]] == list(range(1, 12))
    assert [p.number for p in projects["323003"]] == list(range(1, 9))


def test_a_title_names_the_funding_document_it_was_issued_under(projects):
    central = project(projects, "323001", 3)
    assert [d.canonical for d in find_document_numbers(central.title)] == ["冀财社〔2022〕150号"]


def test_every_printed_indicator_row_is_attributed_to_its_project_and_levels(projects):
    # One indicator per printed row: 7 rows in every table of the sample.
    for unit in projects.values():
        for p in unit:
            assert len(p.indicators) == 7, (p.number, p.title)
            assert all(i.level1 and i.level2 for i in p.indicators)
    levels = {(i.level2_label, i.level1) for unit in projects.values() for p in unit for i in p.indicators}
    assert levels == {
        ("数量指标", "output"), ("质量指标", "output"), ("时效指标", "output"), ("成本指标", "output"),
        ("经济效益指标", "outcome"), ("社会效益指标", "outcome"), ("可持续影响指标", "outcome"),
        ("服务对象满意度指标", "satisfaction"),
    }


def test_goals_are_read_in_order_even_when_the_label_shares_their_line(projects):
    assert [(g.number, g.text) for g in project(projects, "323001", 1).goals] == [
        (1, "优化环境，更好的服务群众。"), (2, "提高工作人员积极性。")]
    assert [g.text for g in project(projects, "323003", 6).goals] == [
        "为了提高参保人员的生活质量和水平。",
        "为了确保离休企业退休人员养老金按时足额发放。",
        "确保城镇职工参保申报正常进行。",
    ]


# (level 2 as printed, name, description, value as printed, comparator, target, unit, basis as printed)
INDICATORS = {
    ('323001', 1): [
        ('数量指标', '空气源热泵数量', '更换空气源热泵数量', '3 台', None, '3', '台', '县委、县政府工作安排'),
        ('成本指标', '更换空气源热泵的费用', '更换 1 个空气源热泵的费用', '10万元', None, '10', '万元', '县委、县政府工作安排'),
        ('质量指标', '项目建设完工率', '项目建设完工率', '100百分比', None, '100', '%', '县委、县政府工作安排'),
        ('时效指标', '完成时间', '完成时间', '≤7 个月', '≤', '7', '月', '县委、县政府工作安排'),
        ('社会效益指标', '工作氛围', '工作氛围', '优化环境，提升工作环境', None, None, None, '县委、县政府工作安排'),
        ('可持续影响指标', '保障日常办公', '保障日常办公', '效果显著', None, None, None, '县委、县政府工作安排'),
        ('服务对象满意度指标', '服务对象满意度指标', '群众满意度', '≥98 百分比', '≥', '98', '%', '调查问卷'),
    ],
    ('323001', 3): [
        ('数量指标', '公益性岗位人数', '全县工公益性岗位人数', '≥255 人', '≥', '255', '人', '冀财规〔2018〕21号'),
        ('质量指标', '补贴核算正确率', '实际发放补贴占核算补贴的比例', '100%', None, '100', '%', '冀财规〔2018〕21号'),
        ('时效指标', '发放补贴时间', '自申请即日起发放补贴时间不高于 90天', '≤90 天', '≤', '90', '天', '冀财规〔2018〕21号'),
        ('成本指标', '补贴发放标准', '补贴发放标准', '2000元', None, '2000', '元', '冀财规〔2018〕21号'),
        ('社会效益指标', '补贴发放率', '实际领取补贴单位占领取补贴单位比例', '100%', None, '100', '%', '冀财规〔2018〕21号'),
        ('可持续影响指标', '失业人员再就业', '促进我县就业工作更好发展', '失业人员再就业', None, None, None, '冀财规〔2018〕21号'),
        ('服务对象满意度指标', '领取补贴人员满意度', '领取补贴人员满意度', '100%', None, '100', '%', '调查问卷'),
    ],
    ('323001', 7): [
        ('数量指标', '劳动仲裁案件数量', '办理劳动仲裁案件数量', '≥60 件', '≥', '60', '件', '单位工作年度计划'),
        ('成本指标', '案件综合成本', '办理案件成本', '0.1万元\\件', None, '0.1', '万元/件', '单位工作年度计划'),
        ('时效指标', '案件及时完成率', '案件实际完成时间与应完成时间的比例', '100%', None, '100', '%', '单位工作年度计划'),
        ('质量指标', '费用核算准确率', '案件实际成本占核算成本的比例', '≥98%', '≥', '98', '%', '单位工作年度计划'),
        ('社会效益指标', '劳动仲裁结案率', '结案案件占宗案件的比例', '≥90%', '≥', '90', '%', '单位工作年度计划'),
        ('可持续影响指标', '提高劳动人事争议调解仲裁的水平', '提高劳动人事争议调解仲裁的水平', '效果显著', None, None, None, '单位工作年度计划'),
        ('服务对象满意度指标', '群众满意度', '群众满意度', '≥98%', '≥', '98', '%', '调查问卷'),
    ],
    ('323003', 3): [
        ('成本指标', '工伤补助金', '工伤补助金应发尽发所需成本', '2 万元', None, '2', '万元', '政字【2004】23号文件要求'),
        ('数量指标', '工伤待遇领取人数', '全县工伤保险应享受待遇领取人员', '≥300 人数', '≥', '300', '人', '政字【2004】23号文件要求'),
        ('质量指标', '待遇按时足额发放', '确保待遇领取人员按时足额领取工伤补助金', '≥90%', '≥', '90', '%', '政字【2004】23号文件要求'),
        ('时效指标', '待遇金发放当月完成', '确保工伤待遇发放在每月 30日前', '≥90%', '≥', '90', '%', '政字【2004】23号文件要求'),
        ('经济效益指标', '保持社会稳定', '使广大参保人员少了后顾之忧，促进了社会稳定', '≥90%', '≥', '90', '%', '政字【2004】23号文件要求'),
        ('社会效益指标', '生活水平提高', '通过部门履职有效提高机关事业单位待遇领取人员生活水平', '≥90%', '≥', '90', '%', '政字【2004】23号文件要求'),
        ('服务对象满意度指标', '满意度', '服务对象的满意度', '≥96%', '≥', '96', '%', '满意度'),
    ],
    ('323003', 6): [
        ('质量指标', '参保率（%）', '已参保人数占应参保人数的比率', '≥90%', '≥', '90', '%', '邢政办字【2008】34号文件要求'),
        ('成本指标', '征缴收入（万元）', '实际征缴社会保险的收入', '3 万元', None, '3', '万元', '邢政办字【2008】34号文件要求'),
        ('时效指标', '资金发放到位日期', '保险资金待遇每月发放日期', '25日', None, '25', '日', '邢政办字【2008】34号文件要求'),
        ('数量指标', '享受保险基金补助人数(人)', '享受各类社会保险基金补助的人数', '≥90000 人', '≥', '90000', '人', '邢政办字【2008】34号文件要求'),
        ('经济效益指标', '享受保险基金补助覆盖面（%）', '实际享受各类保险基金补助人数占应享受保险基金补助人数的比率', '≥90%', '≥', '90', '%', '邢政办字【2008】34号文件要求'),
        ('社会效益指标', '保险基金补助受益人群增多', '提高受益人群的安全感和幸福指标', '效果显著', None, None, None, '邢政办字【2008】34号文件要求'),
        ('服务对象满意度指标', '群众满意数量占总数的比例。', '群众满意数量占总数的比例。', '90%', None, '90', '%', '调查问卷'),
    ],
    ('323003', 7): [
        ('数量指标', '参保人数', '通过参保宣传活动参保人数占全县总人数的比例', '≥90%', '≥', '90', '%', '政字【2017】7 号文件等相关文件要求'),
        ('质量指标', '宣传参保活动达到的效果', '对未参加社保的人员宣传普及效率', '≥92%', '≥', '92', '%', '政字【2017】7 号文件等相关文件要求'),
        ('时效指标', '宣传参保活动的及时率', '每月及时宣传参保活动的天数', '28天', None, '28', '天', '政字【2017】7 号文件等相关文件要求'),
        ('成本指标', '今年宣传活动成本', '宣传全县适龄人员参保活动所需成本', '3 万元', None, '3', '万元', '政字【2017】7 号文件等相关文件要求'),
        ('经济效益指标', '社会稳定', '使广大参保人员少了后顾之忧，促进了社会稳定', '≥90%', '≥', '90', '%', '政字【2017】7 号文件等相关文件要求'),
        ('社会效益指标', '参保全覆盖', '通过预算支出项目的实施，提高了适龄人群参保的积极性', '≥90%', '≥', '90', '%', '政字【2017】7 号文件等相关文件要求'),
        ('服务对象满意度指标', '满意度', '满意率', '≥96%', '≥', '96', '%', '调查问卷'),
    ],
}


@pytest.mark.parametrize("unit,number", sorted(INDICATORS))
def test_every_field_of_every_indicator_of_a_cleanly_read_table(projects, unit, number):
    p = project(projects, unit, number)
    got = [
        (i.level2_label, i.name, i.description, i.value_text, i.comparator,
         str(i.value) if i.value is not None else None, i.measure_unit, i.basis_text)
        for i in p.indicators
    ]
    assert got == INDICATORS[unit, number]
    assert p.unattributed == []


def test_both_employment_subsidy_projects_rest_on_one_legal_document_in_two_spellings(projects):
    for number, spelling in ((3, "冀财规〔2018〕21号"), (4, "冀财规【2018】21号")):
        bases = [i.basis_text for i in project(projects, "323001", number).indicators]
        assert bases[:6] == [spelling] * 6
        assert {d.canonical for b in bases[:6] for d in find_document_numbers(b)} == {"冀财规〔2018〕21号"}


# Cells the copied text does not tie to one field. Read from the source:
# - 323001 #2: 预算 / 资金到位率 / 预算 / 资金到位率 are the names and descriptions of the 成本
#   and 时效 rows. 时效's name is 资金到位率 whichever way they pair, so it is set; whether
#   预算 or 资金到位率 is 成本's description (and which is 时效's) the text does not say;
# - 323001 #11: 成本开支 / 政务信息查询和网上办事服务。 likewise for the 成本 description and the
#   社会效益 name and description (社会效益's name is 政务信息查询和网上办事服务。 either way);
# - 323003 #4: the description block 待遇领取人员按时足额领取 / 养老金占取全县养老金比例 /
#   全县机关事业单位应享受待 / 遇领取人员 holds two descriptions, but every line but the last
#   fills its column, so where the first ends is not printed;
# - 323003 #5: cells are printed row by row here, and a level-1 label sits inside a wrapped
#   cell (效益指标 between 社会保险报销事项实际在规 and its continuation): no reading gives every
#   row its cells, so every loose cell is reported;
# - 323003 #8: 对社会保险基金缴纳的影响力 and 通过认证，… are the 社会效益 row's name and
#   description, in an order the text does not give.
UNATTRIBUTED = {
    ("323001", 2): ["预算", "资金到位率"],
    ("323001", 11): ["成本开支", "政务信息查询和网上办事服务。"],
    ("323003", 4): ["待遇领取人员按时足额领取", "养老金占取全县养老金比例全县机关事业单位应享受待遇领取人员"],
    ("323003", 8): ["对社会保险基金缴纳的影响力", "通过认证，有力巩固了待遇人员老年生活保障力度"],
}


def test_cells_that_cannot_be_attributed_are_reported_with_their_line_not_guessed(projects):
    reported = {(u, p.number): [x.text for x in p.unattributed]
                for u, ps in projects.items() for p in ps if p.unattributed}
    assert {k: v for k, v in reported.items() if k in UNATTRIBUTED} == UNATTRIBUTED
    assert set(reported) == set(UNATTRIBUTED) | {("323003", 5)}
    budget = project(projects, "323001", 2)
    assert [x.location.line for x in budget.unattributed] == [1938, 1940]
    assert all(x.location.page == 21 and x.location.table == "performance.2" for x in budget.unattributed)
    cost, timeliness = budget.indicators[2], budget.indicators[3]
    assert (cost.level2_label, cost.name, cost.description, cost.value_text, cost.basis_text) == (
        "成本指标", "预算", None, "272.93万元", "工作计划")
    assert (timeliness.name, timeliness.description, timeliness.value_text) == ("资金到位率", None, "100百分比")


def test_a_block_of_bases_is_attributed_even_when_descriptions_are_not(projects):
    pension = project(projects, "323003", 4)
    assert [i.basis_text for i in pension.indicators] == ["巨政发【2016】9 号等一系列相关文件"] * 6 + ["调查问卷"]
    assert [i.description for i in pension.indicators] == [
        None, None, "每月 15日前发放完成", "养老退休就能应发尽发",
        "通过部门履职有效提高机关事业单位待遇领取人员生活水平", "使广大参保人员少了后顾之忧，促进了社会稳定", "满意程度"]


def test_a_table_with_no_consistent_reading_reports_every_loose_cell(projects):
    agents = project(projects, "323003", 5)
    texts = [x.text for x in agents.unattributed]
    assert texts.count("冀财社 2021年 192号文") == 6
    assert texts.count("已参保人数占应参保人数的比率") == 2
    assert "群众满意数量占总数的比例" in texts
    assert all(x.reason == "no reading of the table gives every row its cells" for x in agents.unattributed)
    # Each row keeps what its own line says.
    assert [(i.level2_label, i.name, i.value_text) for i in agents.indicators][:2] == [
        ("数量指标", "征缴收入（万元）", "6 万元"), ("质量指标", None, "≥90%")]


@pytest.mark.parametrize("printed,expected", [
    ("≥98 百分比", ("≥", D("98"), "%")),
    ("≥98 百分号", ("≥", D("98"), "%")),
    ("100%", (None, D("100"), "%")),
    ("≤0.1 万元\\件", ("≤", D("0.1"), "万元/件")),
    ("≥7.24 万人", ("≥", D("7.24"), "万人")),
    ("272.93万元", (None, D("272.93"), "万元")),
    ("≤7 个月", ("≤", D("7"), "月")),
])
def test_targets_parse_into_comparator_decimal_and_normalised_unit(printed, expected):
    target = parse_target(printed)
    assert (target.comparator, target.value, target.unit) == expected
    assert isinstance(target.value, D)


def test_a_table_without_its_header_row_reports_every_line():
    lines = [SourceLine(1, 3, " 1、某项目绩效目标表"), SourceLine(2, 3, "数量指标 人数 人数 5 人 工作计划")]
    (only,) = read_projects("x.txt", lines)
    assert only.indicators == []
    assert [(x.text, x.location.line, x.reason) for x in only.unattributed] == [
        ("数量指标 人数 人数 5 人 工作计划", 2, "no header row found")]


def test_the_sample_prints_no_funds_in_its_goal_tables(projects):
    assert {(p.funds, p.funds_currency) for ps in projects.values() for p in ps} == {(None, None)}


@pytest.mark.parametrize("printed, expected", [
    (["资金总额：1,234.50万元"], (D("1234.50"), "万元")),
    (["年度资金总额（万元） 12.5"], (D("12.5"), "万元")),
    (["单位：元", "项目资金总额 8000"], (D("8000"), "元")),
    (["实施期资金总额 30.00"], (D("30.00"), None)),
])
def test_a_goal_table_s_funds_are_read_with_the_unit_printed_on_their_line_or_above(printed, expected):
    lines = [SourceLine(1, 3, " 1、某项目绩效目标表"),
             *(SourceLine(2 + i, 3, text) for i, text in enumerate(printed)),
             SourceLine(9, 3, "1.完成年度工作任务。"),
             SourceLine(10, 3, "一级指标 二级指标 三级指标 绩效指标描述 指标值 指标值确定依据"),
             SourceLine(11, 3, "产出指标 数量指标 人数 服务人数 5人 工作计划")]
    (only,) = read_projects("x.txt", lines)
    assert (only.funds, only.funds_currency) == expected
    assert [g.text for g in only.goals] == ["完成年度工作任务。"] and only.unattributed == []


def test_module_examples_hold():
    assert doctest.testmod(kg.read.goals).failed == 0
