"""Per-line narrative statements in every wording, and every stated change checked against its amounts.

The Hebei sample states one change per unit (“较 2022年预算增加 790.913万元”) and explains no
function line. Two copies of it plant statements in the 情况说明 (page 18 for 323001, page 47
for 323003): percentages after the totals' changes, and statements about three function lines
of 323001 in the “（208类）…（01款）…（01项）行政运行” wording, whose 一般公共预算支出表 prints
2080101 行政运行 475.46, 2080110 劳动关系和维权 272.93 and 2080799 其他就业补助支出 989.00 万元.
One copy states everything right, the other plants one error per check (validating a copy
takes most of a minute, so the errors share one). The true figures:

- 323001: 3889.89 − 790.913 = 3098.977 last year, a change of 25.52%; 323003: 481.1 − 37.764
  = 443.336, 8.52%;
- 2080101 from 500.00 to 475.46 is a decrease of 24.54 万元, 4.908% (4.91%);
- 2080799 from 900.00 to 989.00 is an increase of 89.00 万元, 9.889% (9.89%).
"""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

import pytest

from kg.read import read_document
from kg.validate import validate_paths

#: 323001's 支出说明 ends its sentence on project spending with this (page 18, line 1852).
EXPENDITURE_END = "助资金等。"
NAMES = {
    "2080101": "（208类）社会保障和就业支出（01款）人力资源和社会保障管理事务（01项）行政运行：",
    "2080110": "（208类）社会保障和就业支出（01款）人力资源和社会保障管理事务（10项）劳动关系和维权",
    "2080799": "（208类）社会保障和就业支出（07款）就业补助（99项）其他就业补助支出，",
}


def _lines(first: str, second: str, third: str) -> tuple[str, str]:
    return EXPENDITURE_END, (EXPENDITURE_END + NAMES["2080101"] + first + NAMES["2080799"] + second
                             + NAMES["2080110"] + third)


def _total(unit: str, percent: str) -> tuple[str, str]:
    change = {"323001": "790.913", "323003": "37.764"}[unit]
    return f"较 2022年预算增加 {change}万元，其中", f"较 2022年预算增加 {change}万元，{percent}，其中"


#: copy name → (text of the sample, what it becomes)
PLANTED = {
    "right": [
        _total("323001", "增长25.52%"), _total("323003", "增长8.52%"),
        _lines("2022年预算执行数为500.00万元，2023年预算安排475.46万元，比上年减少24.54万元，下降4.91%。",
               "2022年预算执行数为900.00万元，2023年预算安排989.00万元，比上年增加89.00万元，增长9.89%。",
               "2023年预算安排272.93万元。"),
    ],
    "wrong": [
        _total("323001", "增长30.00%"),  # the percentage
        _total("323003", "下降8.52%"),  # the direction, against the change's 增加
        _lines("2022年预算执行数为500.00万元，2023年预算安排475.46万元，比上年增加4.91%。",  # the direction, against the amounts
               "2022年预算执行数为900.00万元，2023年预算安排989.00万元，比上年增加90.00万元，增长9.89%。",  # the change
               "2023年预算安排272.39万元。"),  # this year's amount, against the table
    ],
}

#: What the sample itself reports (its fixed-asset purchases exceed the procurement budget).
SAMPLE = ("BK-NARR-PROCUREMENT", "323001", "narrative", "assets.planned_purchases", 31)
WRONG = {
    "percent": ("BK-NARR-CHANGE-PERCENT", "323001", "narrative", "change.total.percent", 18),
    "direction": ("BK-NARR-CHANGE-DIRECTION", "323003", "narrative", "change.total.percent", 47),
    "direction_amounts": ("BK-NARR-CHANGE-DIRECTION", "323001", "narrative", "function_line.2080101.percent", 18),
    "change": ("BK-NARR-CHANGE-AMOUNT", "323001", "narrative", "function_line.2080799.change", 18),
    "amount": ("BK-NARR-AMOUNT", "323001", "narrative", "function_line.2080110.planned", 18),
}


def _planted(folder: Path, sample: Path, name: str) -> Path:
    text = sample.read_text(encoding="utf-8")
    for old, new in PLANTED[name]:
        assert text.count(old) == 1
        text = text.replace(old, new)
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def planted(tmp_path_factory, sample) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("planted")
    return {name: _planted(folder, sample, name) for name in PLANTED}


@pytest.fixture(scope="module")
def findings(planted) -> dict[str, dict[tuple, dict]]:
    """Both copies validated once (in parallel): copy name → finding place → its values."""
    report = validate_paths(list(planted.values()), jobs=2)
    assert report.errors == []
    return {Path(t.document).stem: {(f.code, f.unit, f.table, f.row, f.page): f.values for f in t.findings}
            for t in report.tasks}


def _facts(path: Path, unit: str) -> dict[str, tuple]:
    narrative = next(u for u in read_document(path).units if u.code == unit).narrative
    return {f.key: (f.value, f.unit, f.direction, f.location.page) for f in narrative.facts
            if f.key.startswith(("function_line.", "change.total."))}


def test_lines_named_by_coded_markers_before_their_names_are_read_with_every_amount(planted):
    assert _facts(planted["right"], "323001") == {
        "change.total.current": (D("3889.89"), "万元", None, 18),
        "change.total.percent": (D("25.52"), "%", "增长", 18),
        "function_line.2080101.previous": (D("500.00"), "万元", None, 18),
        "function_line.2080101.planned": (D("475.46"), "万元", None, 18),
        "function_line.2080101.change": (D("24.54"), "万元", "减少", 18),
        "function_line.2080101.percent": (D("4.91"), "%", "下降", 18),
        "function_line.2080799.previous": (D("900.00"), "万元", None, 18),
        "function_line.2080799.planned": (D("989.00"), "万元", None, 18),
        "function_line.2080799.change": (D("89.00"), "万元", "增加", 18),
        "function_line.2080799.percent": (D("9.89"), "%", "增长", 18),
        "function_line.2080110.planned": (D("272.93"), "万元", None, 18),
    }
    assert _facts(planted["right"], "323003") == {
        "change.total.current": (D("481.1"), "万元", None, 47),
        "change.total.percent": (D("8.52"), "%", "增长", 47),
    }


def test_a_code_in_a_marker_must_be_the_line_its_names_name(tmp_path, sample):
    # 2080105 is 劳动保障监察: the names say 行政运行, so neither is guessed.
    names = NAMES["2080101"].replace("（01项）", "（05项）")
    text = sample.read_text(encoding="utf-8").replace(EXPENDITURE_END, EXPENDITURE_END + names + "2023年预算安排475.46万元。")
    path = tmp_path / "julu.txt"
    path.write_text(text, encoding="utf-8")
    narrative = next(u for u in read_document(path).units if u.code == "323001").narrative
    assert not [f for f in narrative.facts if f.key.startswith("function_line.")]
    printed = "（208类）社会保障和就业支出（01款）人力资源和社会保障管理事务（05项）"
    assert [(p.message, p.location.page) for p in narrative.problems if p.message.startswith("function_line")] == [
        (f"function_line: “{printed}” is not a line of gpb_expenditure", 18)]


def test_right_percentages_directions_and_amounts_give_no_finding(findings):
    assert set(findings["right"]) == {SAMPLE}


def test_each_planted_error_is_the_one_finding_of_its_check(findings):
    assert set(findings["wrong"]) == {SAMPLE, *WRONG.values()}


def test_a_wrong_percentage_is_reported_with_the_one_its_amounts_give(findings):
    values = findings["wrong"][WRONG["percent"]]
    assert (values["stated"], values["expected"], values["diff"]) == ("30.00", "25.52", "4.4783")


def test_a_change_in_money_that_is_not_the_difference_of_its_amounts_is_reported(findings):
    values = findings["wrong"][WRONG["change"]]
    assert (values["stated"], values["expected"], values["diff"]) == ("90.00", "89.00", "1.00")


def test_a_line_amount_in_the_coded_wording_is_compared_with_the_table(findings):
    values = findings["wrong"][WRONG["amount"]]
    assert (values["stated"], values["printed"], values["diff"]) == ("272.39", "272.93", "-0.54")


def test_wanli_states_last_years_amount_and_the_change_in_per_cent_of_each_line(shared_samples):
    # 万里街道 2024, 预算编制说明: item 1 (page 6) “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”
    # 25.77万元 … 2023年当年预算执行数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%;
    # item 31 (page 9) 住房公积金 350.35万元 … 348.52万元 … 352.67万元 … 增加0.53%; item 9 (page 7)
    # 其他教育支出 from 0.00 to 25.00万元, 增加100.00%. 33 items, 5 of them 持平 (no percentage).
    narrative = read_document(shared_samples / "shanghai" / "putuo-wanli-2024-dept-budget.pdf").units[0].narrative
    facts = {f.key: (f.value, f.unit, f.direction, f.location.page) for f in narrative.facts}
    assert {k: v for k, v in facts.items() if k.startswith(("function_line.2010507.", "function_line.2210201."))} == {
        "function_line.2010507.amount": (D("25.77"), "万元", None, 6),
        "function_line.2010507.previous": (D("60.13"), "万元", None, 6),
        "function_line.2010507.planned": (D("25.77"), "万元", None, 6),
        "function_line.2010507.percent": (D("57.14"), "%", "减少", 6),
        "function_line.2210201.amount": (D("350.35"), "万元", None, 9),
        "function_line.2210201.previous": (D("348.52"), "万元", None, 9),
        "function_line.2210201.planned": (D("352.67"), "万元", None, 9),
        "function_line.2210201.percent": (D("0.53"), "%", "增加", 9),
    }
    assert facts["function_line.2059999.previous"][0] == D("0.00")
    assert facts["function_line.2059999.percent"][:3] == (D("100.00"), "%", "增加")
    whats = [k.rsplit(".", 1)[1] for k in facts if k.startswith("function_line.")]
    assert {w: whats.count(w) for w in set(whats)} == {"amount": 33, "planned": 33, "previous": 33, "percent": 28}
    assert not [p for p in narrative.problems if p.message.startswith("function_line")]
