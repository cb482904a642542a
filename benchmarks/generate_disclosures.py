"""Write synthetic Hebei-style disclosures with known, planted errors, and an answer key.

Each document is one unit with the nine tables, a narrative that agrees with them and
3–15 performance-goal tables. Codes and names come from the code lists
(``ontology/codelists/*_observed.csv``); every identity of the tables holds unless an
error is planted. Tables are small (one 类, one 款, two or three 项) and printed one row
per line, so that the parser's placement search stays fast.

An error kind names what is changed, which findings (shape id, table, row) it must cause,
as many as it must cause, and the misprinted cells validation must name as their causes;
:func:`generate` returns them as the answer key. Usage::

    python benchmarks/generate_disclosures.py OUT_DIR --count 200 --seed 1

writes ``OUT_DIR/doc-0001.txt`` … and ``OUT_DIR/answer-key.json``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from dataclasses import asdict, dataclass, field
from decimal import ROUND_DOWN, Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CENT = Decimal("0.01")

#: Planted error kinds, in the order documents cycle through them ("clean" plants nothing).
KINDS = (
    "clean",
    "changed-cell",
    "child-not-summing",
    "narrative-total",
    "narrative-change",
    "procurement",
    "three-public",
    "missing-cost-indicator",
    "goal-funds",
    # What a disclosure prints besides its amounts (ontology/shapes/document.ttl, narrative.ttl).
    "title-year",
    "placeholder",
    "leftover",
    "instruction",
    "change-percent",
    "change-direction",
    "empty-note",
    # Misprinted cells of a classified table, with the causes validation must name for them.
    "leaf-both-columns",
    "leaf-function-line",
    "one-total",
    "two-cells-one-row",
)
#: The kinds whose tables do not add up as printed: what they test is the reading itself.
MISPRINTS = ("leaf-both-columns", "leaf-function-line", "one-total", "two-cells-one-row")


@dataclass
class Planted:
    document: str
    kind: str
    #: findings the error must cause, as [shape id, table, row] (None where a finding has none)
    expected: list[list[str]] = field(default_factory=list)
    #: the causes validation must name for them, each as its cells [table, row, column]
    causes: list[list[list[str]]] = field(default_factory=list)


def _codes(name: str) -> list[dict[str, str]]:
    with open(ROOT / "ontology" / "codelists" / name, encoding="utf-8") as f:
        return list(csv.DictReader(f))


FUNCTION = _codes("function_codes_observed.csv")
ECONOMIC = _codes("economic_codes_observed.csv")
CLASS_NUMERALS = {
    "201": "一", "202": "二", "203": "三", "204": "四", "205": "五", "206": "六", "207": "七", "208": "八",
    "210": "十", "211": "十一", "212": "十二", "213": "十三", "214": "十四", "221": "二十",
}


def _money(rng: random.Random, low: int = 1, high: int = 300) -> Decimal:
    return (Decimal(rng.randint(low * 100, high * 100)) / 100).quantize(CENT)


def _f(x: Decimal) -> str:
    return f"{x:.2f}"


def _short(x: Decimal) -> str:
    """How the narrative prints amounts: no trailing zeros (632.2, 77, 0)."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return text or "0"


class _Doc:
    def __init__(self, rng: random.Random, number: int):
        self.rng = rng
        self.code = f"{400000 + number:06d}"
        self.name = f"测试县第{number}局"
        self._pick_codes()
        self._amounts()

    def _pick_codes(self) -> None:
        rng = self.rng
        classes = [c for c in FUNCTION if c["level"] == "1" and c["code"] in CLASS_NUMERALS]
        while True:
            cls = rng.choice(classes)
            kuan = [c for c in FUNCTION if c["parent"] == cls["code"]]
            kuan = [k for k in kuan if len([x for x in FUNCTION if x["parent"] == k["code"]]) >= 2]
            if kuan:
                break
        k = rng.choice(kuan)
        items = [x for x in FUNCTION if x["parent"] == k["code"]]
        self.fclass, self.fkuan = cls, k
        self.fitems = rng.sample(items, min(len(items), 2))
        self.fitems.sort(key=lambda c: c["code"])
        e301 = [c for c in ECONOMIC if c["parent"] == "301"]
        e302 = [c for c in ECONOMIC if c["parent"] == "302"]
        self.econ = {
            "301": sorted(rng.sample(e301, 2), key=lambda c: c["code"]),
            "302": sorted(rng.sample(e302, 2), key=lambda c: c["code"]),
        }
        self.econ_names = {c["code"]: c["name"] for c in ECONOMIC}

    def _amounts(self) -> None:
        rng = self.rng
        # Function lines: basic on the first item only (行政运行-like), project on every item.
        self.basic_personnel = {c["code"]: _money(rng, 20, 200) for c in self.econ["301"]}
        self.basic_public = {c["code"]: _money(rng, 1, 30) for c in self.econ["302"]}
        basic = sum(self.basic_personnel.values()) + sum(self.basic_public.values())
        self.f_basic = {c["code"]: Decimal(0) for c in self.fitems}
        self.f_basic[self.fitems[0]["code"]] = basic
        self.f_project = {c["code"]: _money(rng, 5, 400) for c in self.fitems}
        self.planned_assets = _money(rng, 1, 20)
        self.procurement = self.planned_assets + _money(rng, 0, 10)
        self.projects = [
            (i, f"测试项目{i}号") for i in range(1, rng.randint(3, 15) + 1)
        ]

    # -- totals -------------------------------------------------------------------------
    def totals(self) -> tuple[Decimal, Decimal, Decimal]:
        basic = sum(self.f_basic.values())
        project = sum(self.f_project.values())
        return basic + project, basic, project

    def function_rows(self) -> list[tuple[str, str, Decimal, Decimal]]:
        """(code, name, basic, project) for 类, 款 and 项, in printed order."""
        rows = []
        basic, project = sum(self.f_basic.values()), sum(self.f_project.values())
        rows.append((self.fclass["code"], self.fclass["name"], basic, project))
        rows.append((self.fkuan["code"], self.fkuan["name"], basic, project))
        for c in self.fitems:
            rows.append((c["code"], c["name"], self.f_basic[c["code"]], self.f_project[c["code"]]))
        return rows


def _write(doc: _Doc, plant: str, out: Path, name: str) -> Planted:
    rng = doc.rng
    planted = Planted(name, plant)
    total, basic, project = doc.totals()
    personnel = sum(doc.basic_personnel.values())
    public = sum(doc.basic_public.values())
    frows = doc.function_rows()
    # Tables print these rows; planted table errors change them after the arithmetic is done.
    rows = [[*r, r[2] + r[3]] for r in frows]  # code, name, basic, project, total
    # Planted table errors sit in the labelled summary tables: their rows are found by
    # label, so the parser places a misprint as printed. (A misprint in a classified
    # table of this one-row-per-column layout defeats the parser's placement search; see
    # benchmarks/README.md.)
    summary_gpb = fiscal_current = total
    if plant == "changed-cell":
        # 收支总表 prints a 一般公共预算拨款收入 that differs from every other table.
        summary_gpb = total + _money(rng, 1, 50)
        planted.expected = [
            ["BK-SUMMARY-BALANCE", "summary", "income.current_total"],
            ["BK-AGREE-FISCAL", "summary", "income.gpb"],
            ["BK-AGREE-SUMMARY", "income", "total"],
            ["BK-NARR-AMOUNT", "narrative", "income.gpb"],
        ]
        planted.causes = [[["summary", "income.gpb", "amount"]]]
    elif plant == "child-not-summing":
        # 财政拨款收支总表's 本年支出合计 is not the sum of its 类 rows.
        fiscal_current = total + _money(rng, 1, 50)
        planted.expected = [
            ["BK-SUMMARY-BALANCE", "fiscal_summary", "expenditure.current_total"],
            # 支出总计 in both its columns (合计 and 一般公共预算).
            *[["BK-SUMMARY-BALANCE", "fiscal_summary", "expenditure.grand_total"]] * 2,
            # 一般公共预算 no longer balances: 拨款 + 结转 ≠ 本年支出 + 结余.
            ["BK-SUMMARY-BALANCE", "fiscal_summary", "income.gpb"],
            ["BK-AGREE-FISCAL", "fiscal_summary", "expenditure.current_total"],
        ]
        planted.causes = [[["fiscal_summary", "expenditure.current_total", column] for column in ("gpb", "total")]]

    text: list[str] = []
    head = f"{doc.code}{doc.name}"
    year = "预算年度：2023 单位：万元"

    def table(title: str, lines: list[str], empty: str | None = None) -> None:
        text.append(f" {title}")
        text.append(head)
        text.append(year)
        text.extend(lines)
        if empty:
            text.append(empty)

    numeral = CLASS_NUMERALS[doc.fclass["code"]]
    text.append(f" 一、{doc.name}收支预算")
    table(
        "单位预算收支总表",
        [
            "收入 支出",
            "项 目 预算数 项 目 预算数",
            f"一、一般公共预算拨款收入 {_f(summary_gpb)}",
            f"本年收入合计 {_f(total)}",
            f"收入总计 {_f(total)}",
            f"{numeral}、{doc.fclass['name']} {_f(total)}",
            f"本年支出合计 {_f(total)}",
            f"支出总计 {_f(total)}",
        ],
    )
    def classified(rows, columns) -> list[str]:
        # Column by column, as in the economic table; zero basic amounts are blank.
        _, _, b0, p0, t0 = rows[0]
        lines = ["科目编码 科目名称 " + " ".join(columns), "合计"]
        lines += [r[0] for r in rows] + [r[1] for r in rows]
        lines += [_f(t0)] + [_f(r[4]) for r in rows]
        lines += [_f(b0)] + [_f(r[2]) for r in rows if r[2]]
        lines += [_f(p0)] + [_f(r[3]) for r in rows]
        return lines

    # 收入总表: total = current = fiscal for every line.
    income_lines = ["科目编码 科目名称 合计 上年结转 本年收入 财政拨款"]
    income_lines.append(f"合计 {_f(total)} {_f(total)} {_f(total)}")
    for code, cname, b, p in frows:
        income_lines.append(f"{code} {cname} {_f(b + p)} {_f(b + p)} {_f(b + p)}")
    table("单位预算收入总表", income_lines)
    expenditure_rows = rows
    if plant == "leaf-function-line":
        # A 项 with no 基本支出 prints the same wrong amount as its 合计 and its 项目支出 in
        # the 支出总表 alone: the row adds up, its 款 does not, and the other tables that
        # print the line say which cell is wrong.
        code, cname, b, p, t = rows[-1]
        delta = _money(rng, 1, 50)
        expenditure_rows = [*rows[:-1], (code, cname, b, p + delta, t + delta)]
        # The 一般公共预算支出表 prints the line's 合计 and 项目支出 otherwise, the 收入总表 its 合计.
        planted.expected = ([["BK-SUM-PARENT", "expenditure", doc.fkuan["code"]]] * 2
                            + [["BK-AGREE-LINE", "gpb_expenditure", code]] * 2 + [["BK-AGREE-LINE", "income", code]])
        planted.causes = [[["expenditure", code, "total"], ["expenditure", code, "project"]]]
    table("单位预算支出总表", classified(expenditure_rows, ["合计", "基本支出", "项目支出"]))
    table(
        "单位预算财政拨款收支总表",
        [
            "收入 支出",
            f"一、一般公共预算拨款 {_f(total)}",
            f"本年收入合计 {_f(total)}",
            f"收入总计 {_f(total)}",
            f"{numeral}、{doc.fclass['name']} {_f(total)} {_f(total)}",
            f"本年支出合计 {_f(fiscal_current)} {_f(fiscal_current)}",
            f"支出总计 {_f(total)} {_f(total)}",
        ],
    )
    table("单位预算一般公共预算财政拨款支出表", classified(rows, ["合计", "基本支出", "项目支出"]))
    # As the PDF copy prints it: codes, then names, then each column top to bottom; a
    # blank cell is simply absent from its column, so the column order tells where it is.
    erows = [("301", doc.econ_names["301"], personnel, None)]
    erows += [(c["code"], c["name"], doc.basic_personnel[c["code"]], None) for c in doc.econ["301"]]
    erows += [("302", doc.econ_names["302"], None, public)]
    erows += [(c["code"], c["name"], None, doc.basic_public[c["code"]]) for c in doc.econ["302"]]
    misprint = _econ_misprint(doc, plant, planted)

    def printed(code: str, column: str, amount: Decimal) -> str:
        return _f(amount + misprint.get((code, column), 0))

    econ_lines = ["科目编码 科目名称 合计 人员经费 公用经费", "合计"]
    econ_lines += [code for code, *_ in erows] + [ename for _, ename, *_ in erows]
    econ_lines += [_f(basic)] + [printed(code, "total", pe if pe is not None else pu) for code, _, pe, pu in erows]
    econ_lines += [_f(personnel)] + [printed(code, "personnel", pe) for code, _, pe, _ in erows if pe is not None]
    econ_lines += [_f(public)] + [printed(code, "public", pu) for code, _, _, pu in erows if pu is not None]
    table("单位预算一般公共预算财政拨款基本支出表", econ_lines)
    table("单位预算政府基金预算财政拨款支出表", ["科目编码 科目名称 合计 基本支出 项目支出"],
          "注：无政府性基金预算财政拨款预算，空表列示。")
    table("单位预算国有资本经营预算财政拨款支出表", ["科目编码 科目名称 合计 基本支出 项目支出"],
          "注：无国有资本经营预算财政拨款预算，空表列示。")
    three_public_note = "注：无财政拨款“三公”经费支出预算，空表列示。"
    if plant == "empty-note":
        # Copied from the table before it, and not changed.
        three_public_note = "注：无国有资本经营预算财政拨款预算，空表列示。"
        planted.expected = [["BK-EMPTY-NOTE", "three_public", None]]
    table(
        "单位预算财政拨款“三公”经费支出表",
        ["1 合计", "2 “三公”经费小计", "3 一、因公出国（境）费", "4 其中：教学科研人员因公出国（境）费",
         "5 其他因公出国（境）费", "6 二、公务用车购置及运维费", "7 其中：公务用车购置费", "8 公务用车运行维护费",
         "9 三、公务接待费"],
        three_public_note,
    )

    # The narrative, in the sample's sentences.
    stated_total = total
    if plant == "narrative-total":
        stated_total = total + _money(rng, 1, 50)
        planted.expected = [["BK-NARR-AMOUNT", "narrative", "expenditure.total"]]
    # Less than the smallest total (52), so that last year's amount, and the percentage, exist.
    change_basic, change_project = _money(rng, 1, 20), _money(rng, 1, 20)
    change_total = change_basic + change_project
    if plant == "narrative-change":
        change_total += _money(rng, 1, 9)
        planted.expected = [["BK-NARR-CHANGE", "narrative", "change.total"]]
    procurement = doc.procurement
    if plant == "procurement":
        procurement = Decimal("0.00")
        planted.expected = [["BK-NARR-PROCUREMENT", "narrative", "assets.planned_purchases"]]
    percent = (change_total * 100 / (total - change_total)).quantize(CENT)
    direction = "增长"
    if plant == "change-percent":
        percent += _money(rng, 1, 9)
        planted.expected = [["BK-NARR-CHANGE-PERCENT", "narrative", "change.total.percent"]]
    elif plant == "change-direction":
        # The percentage is right; its word says the opposite of the change's 增加.
        direction = "下降"
        planted.expected = [["BK-NARR-CHANGE-DIRECTION", "narrative", "change.total.percent"]]
    heading_year = 2023
    if plant == "title-year":
        # Copied from last year's disclosure and not updated.
        heading_year = 2022
        planted.expected = [["BK-DOC-YEAR", "narrative", None]]
    fee = "邮电费"
    if plant == "placeholder":
        fee = rng.choice(("XX费", "××费", "【】号文件规定的费用"))
        planted.expected = [["BK-DOC-PLACEHOLDER", None, None]]
    elif plant == "instruction":
        fee = rng.choice(("邮电费（请根据实际情况填写）", "邮电费（请核实是否有其他费用，若无则删除此句）"))
        planted.expected = [["BK-DOC-INSTRUCTION", None, None]]
    three_public_change = "与 2022年相比持平"
    if plant == "leftover":
        three_public_change = rng.choice((f"与 2022年相比增加 {_short(_money(rng, 1, 5))}万元", "与 2022年相比增加持平"))
        planted.expected = [["BK-DOC-LEFTOVER", None, None]]
    reception = Decimal(0)
    if plant == "three-public":
        reception = _money(rng, 1, 5)
        planted.expected = [
            ["BK-NARR-THREE-PUBLIC", "narrative", "three_public.total"],
            ["BK-NARR-THREE-PUBLIC", "narrative", "three_public.reception"],
        ]
    text += [
        f" {doc.name} {heading_year}年单位预算信息公开情况说明",
        "一、单位职责及机构设置情况",
        "单位职责：",
        "（一）负责本县有关工作。",
        "（二）完成县委、县政府交办的其他事项。",
        "机构设置：",
        "单位机构设置情况",
        "单位名称 单位性质 单位规格 经费保障形式",
        doc.name,
        "行政 正科级 财政拨款",
        "二、单位预算安排的总体情况",
        "1、收入说明",
        f"反映本单位当年全部收入。2023年预算收入 {_short(total)}万元，其中：一般公共预算收入 {_short(total)}万元，"
        "基金预算收入 0万元，国有资本经营预算收入 0万元，财政专户核拨收入 0万元，上年结转结余 0万元。",
        "2、支出说明",
        f"2023年支出预算 {_short(stated_total)}万元，其中基本支出 {_short(basic)}万元，包括人员经费 {_short(personnel)}万元"
        f"和日常公用经费 {_short(public)}万元；项目支出 {_short(project)}万元，主要为业务工作经费。",
        "3、比上年增减情况",
        f"2023年预算收支安排 {_short(total)}万元，较 2022年预算增加 {_short(change_total)}万元，{direction}{percent}%，其中：基本支出增加 "
        f"{_short(change_basic)}万元，主要为增加人员经费支出；项目支出增加 {_short(change_project)}万元，主要为业务经费。",
        "三、机关运行经费安排情况",
        f"2023年，我单位运行经费共计安排 {_short(public)}万元，主要用于办公费、{fee}等日常运行支出。",
        "四、财政拨款“三公”经费预算情况及增减变化原因",
        f"2023年，我单位财政拨款“三公”经费预算安排 0万元，其中因公出国（境）费 0万元；公务用车购置及运维费 0万元"
        f"（其中：公务用车购置费为 0万元，公务用车运维费 0万元)；公务接待费 {_short(reception)}万元，{three_public_change}。",
        "五、预算绩效信息",
    ]
    # Each goal table prints its project's funds, within the 项目支出 they share.
    funds = (project / len(doc.projects)).quantize(CENT, rounding=ROUND_DOWN)
    for number, title in doc.projects:
        missing_cost = plant == "missing-cost-indicator" and number == 1
        printed_funds = funds
        if plant == "goal-funds" and number == 1:
            printed_funds = project + _money(rng, 1, 50)
        text += _performance_table(rng, number, title, missing_cost, printed_funds)
    if plant == "missing-cost-indicator":
        planted.expected = [["BK-IND-COMPLETE", "performance", doc.projects[0][1]]]
    elif plant == "goal-funds":
        planted.expected = [["BK-GOAL-FUNDS", "performance", doc.projects[0][1]]]
    text += [
        "六、政府采购预算情况",
        f"2023年，{doc.name}安排政府采购预算 {_f(procurement)}万元。",
        "七、国有资产信息",
        f"{doc.name}上年末固定资产金额为 {_f(_money(rng, 1000, 3000))}万元。本年度拟购置固定资产总额为 "
        f"{_f(doc.planned_assets)}万元，已按要求列入政府采购预算，详见政府采购预算表。",
        "八、名词解释",
        "1、财政拨款收入：指本级财政当年拨付的资金。",
    ]
    (out / name).write_text("\n".join(text) + "\n", encoding="utf-8")
    return planted


def _econ_misprint(doc: _Doc, plant: str, planted: Planted) -> dict[tuple[str, str], Decimal]:
    """The amounts a misprint kind adds to cells of the 基本支出表, by (row code, column),
    with the findings and causes it must cause set in ``planted``.

    The table prints its rows column by column: a changed amount stays in its printed
    place, and the reader must still place every amount (its layout reading suspects one
    row at a time)."""
    rng = doc.rng
    parent = rng.choice(("301", "302"))
    part = {"301": "personnel", "302": "public"}[parent]
    leaf = rng.choice(doc.econ[parent])["code"]
    table = "gpb_basic_economic"
    if plant == "leaf-both-columns":
        # 合计 and its one non-empty part carry the same error: the row still adds up, its
        # parent no longer does, in both columns.
        # No cause is named: the line is printed in no other table, so either child of the
        # parent, changed back, repairs both sums equally well (leaf-function-line is the
        # same misprint where other tables say which line it is).
        delta = _money(rng, 1, 50)
        planted.expected = [["BK-SUM-PARENT", table, parent]] * 2
        return {(leaf, "total"): delta, (leaf, part): delta}
    if plant == "one-total":
        # A subtotal's 合计: its row, its children's sum and the 合计 row's sum all break.
        delta = _money(rng, 1, 50)
        planted.expected = [["BK-ECON-BASIC", table, parent], ["BK-SUM-PARENT", table, parent],
                            ["BK-SUM-TOTAL", table, "total"]]
        planted.causes = [[[table, parent, "total"]]]
        return {(parent, "total"): delta}
    if plant == "two-cells-one-row":
        # Different errors in 合计 and its part: no one amount repairs the row, two causes
        # (one a cell) repair it together.
        first = _money(rng, 1, 50)
        second = first + _money(rng, 1, 50)
        planted.expected = [["BK-ECON-BASIC", table, leaf], *[["BK-SUM-PARENT", table, parent]] * 2]
        planted.causes = [[[table, leaf, "total"]], [[table, leaf, part]]]
        return {(leaf, "total"): first, (leaf, part): second}
    return {}


def _performance_table(rng: random.Random, number: int, title: str, missing_cost: bool,
                       funds: Decimal) -> list[str]:
    rows = [
        ("产出指标", "数量指标", "服务人次", "全年服务人次", f"≥{rng.randint(100, 999)}人次", "工作计划"),
        (None, "质量指标", "完成率", "任务完成率", f"{rng.randint(90, 100)}%", "工作计划"),
        # Copied text puts a space between CJK and a digit inside a cell ("每月 15日前"), so a
        # target that starts with a digit after a space would read as part of the description.
        (None, "时效指标", "完成时间", "按时完成", "年底前完成", "工作计划"),
        (None, "成本指标", "项目成本", "控制在预算内", f"≤{rng.randint(5, 90)}万元", "冀财规〔2018〕21号"),
        ("效益指标", "社会效益指标", "群众受益", "服务群众", "有效提升", "工作计划"),
        ("满意度指标", "服务对象满意度指标", "满意度", "服务对象满意度", "≥90%", "调查问卷"),
    ]
    if missing_cost:
        rows = [r for r in rows if r[1] != "成本指标"]
    # The funds in the wordings tables print them, with the unit on the line or above it.
    funds_lines = rng.choice(([f"资金总额：{_f(funds)}万元"], [f"年度资金总额（万元） {_f(funds)}"],
                              ["单位：万元", f"资金总额 {_f(funds)}"]))
    lines = [f" {number}、{title}绩效目标表", *funds_lines, "1.完成年度工作任务。", "绩效目标", "2.提升服务水平。",
             "一级指标 二级指标 三级指标 绩效指标描述 指标值 指标值确定依据"]
    for level1, level2, name, description, value, basis in rows:
        lines.append(" ".join(x for x in (level1, level2, name, description, value, basis) if x))
    return lines


def generate(out: Path, count: int, seed: int = 1, kinds: tuple[str, ...] = KINDS) -> list[Planted]:
    """Write ``count`` documents into ``out`` and return the answer key (also ``answer-key.json``).

    Documents cycle through ``kinds`` in order (the first document gets ``kinds[0]``).
    """
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    key = []
    for i in range(1, count + 1):
        doc = _Doc(rng, i)
        key.append(_write(doc, kinds[(i - 1) % len(kinds)], out, f"doc-{i:04d}.txt"))
    (out / "answer-key.json").write_text(
        json.dumps([asdict(p) for p in key], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kinds", default=",".join(KINDS), help="comma-separated error kinds to cycle through")
    args = parser.parse_args()
    key = generate(args.out, args.count, args.seed, tuple(args.kinds.split(",")))
    print(f"{len(key)} documents and answer-key.json written to {args.out}")


if __name__ == "__main__":
    main()
