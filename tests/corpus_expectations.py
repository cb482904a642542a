"""What the 18 real disclosures of ``../shared/corpus`` print, read by hand.

For each file:

- ``readme``: the facts of ``../shared/corpus/README.md`` (支出总计, and one 行政运行-like line);
- ``cells``: more cells read with a different tool: pdfplumber's ``extract_text()``,
  each amount found on the printed line of its code or label, spread over at least
  four tables;
- ``tables``: the standard tables the file prints (the 绩效目标表 among them);
- ``findings``: the violations ``kg validate`` must report, each an error of the
  document itself, checked by hand (sums recomputed from pdfplumber's text):

  - 31 广州: 20805 = 419.35, its three 项 sum to 419.36 (表3 and 表5);
  - 32, 33 深圳: 301/302/303 against their 款 differ by 0.01 (表8); and the unit's own row,
    the tables' total, is 0.01 more than its 类 rows (32: 4,684.30 against 4,684.29 in 表8,
    3,072.01 against 3,072.00 in 基本支出总表; 33: 4,628.07 against 4,628.06 in 支出总表,
    4,363.87 against 4,363.86 in 表7);
  - 37 西安 2019: 3010201 and 3010202 are printed under 301 with no 30102 row, in
    every unit's 经济分类 table;
  - 46 福州: 20402 公安 = 7927.40 (project 1370.70), but 2040201 + 2040299 =
    7608.16 (project 1051.46): 319.24 printed under no 项;
  - 47 福州: 301 = 780.14, its 款 sum to 780.15 (表9).
  - 36 西安 2022: the narrative (page 11) states “（7）事业单位医疗（2101102）4.16万元”, its
    一般公共预算支出表 41,651.40 元, which is 4.17 万元 (4.16514): the only one of its eight
    function lines not rounded to the cent of 万元. And the narrative (page 13) states
    “2022年本部门当年一般公共预算“三公”经费预算支出0.27万元，较上年增加0.0万元”, where its 三公
    table (page 30) prints 0 in every cell of its 2022年 columns (and 增减变化情况 −2,720 元 for
    the 三公, −12,240 in all): the 0.27 万元 (2,720 元) it states is the table's 2021年 column.
  - 32 深圳: page 11 prints its template's note to the editor, “（请核实单位是否有涉密项目，若无
    涉密项目，则备注写“备注：无”）”.
  - 42 江苏 2019: four percentages of the narrative's function lines (page 28) are not the
    change they state over last year's amount (this year's less the change), rounded to
    the cent of a per cent as the document rounds the others (12.73% for 1385.26 over
    10883.36): 2040402 支出2354.4万元, 减少1311.6万元, 减少35.77% (1311.6 / 3666.0 =
    35.78%); 2080504 400.02, 增加28.1, 7.57% (28.1 / 371.92 = 7.56%); 2210201 1442.74,
    增加368.97, 34.38% (368.97 / 1073.77 = 34.36%); 2210202 4243.61, 增加1657, 64.07%
    (1657 / 2586.61 = 64.06%). Every amount they state is the 一般公共预算支出表's.

- ``causes``: the misprinted cells ``kg validate`` must name as causes of those findings
  (:mod:`kg.validate.causes`): none, in every file. Each was checked against the PDF:

  - 31 广州, 32 and 33 深圳, 47 福州 鼓楼: every arithmetic break is 0.01, within what the
    rounding of the figures to the cent of 万元 can make (a parent and its children, a 合计
    and its classes, each rounded on its own). 32's 301 is 2,522.02 in 表8 and in 基本支出总表
    alike, and 302 breaks by 0.01 the same way: no cell is misprinted.
  - 46 福州 巡特警: 2040299 prints 1,051.46 in 表3 and 表5 and in the narrative (page 21), and
    every total (20402, 204, 合计, the narrative's 项目支出) 1,370.70: 319.24 is under no printed
    项, a row missing, not a cell misprinted (a row printed nowhere repairs the sums as well).
  - 37 西安 2019 (codes under a missing 30102) and the code-list findings are no arithmetic.

A cell is (table key, row key, column key, amount as printed); amounts are in the
currency the table prints. A cause is its cells, each (table, row, column, printed, needed).
"""

from __future__ import annotations

from dataclasses import dataclass, field

Cell = tuple[str, str, str, str]
Finding = tuple[str, str, str, str | None]
Cause = tuple[tuple[str, str, str, str, str], ...]


@dataclass(frozen=True)
class Expected:
    unit: str
    year: int
    kind: str
    currency: str
    readme: list[Cell]
    cells: list[Cell]
    tables: set[str]
    findings: set[Finding] = field(default_factory=set)
    causes: set[Cause] = field(default_factory=set)


CORPUS: dict[str, Expected] = {
    "31_广东_广州_信访局_2026.pdf": Expected(
        unit="广州市信访局", year=2026, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '3944.08'),
            ('gpb_expenditure', '2014001', 'total', '1859.41')],
        cells=[
            ('summary', 'income.fiscal', 'total', '3944.08'),
            ('income', 'total', 'gpb', '3944.08'),
            ('expenditure', '20140', 'basic', '1831.41'),
            ('expenditure', '2014001', 'project', '28.00'),
            ('gpb_expenditure', '20140', 'basic', '1831.41'),
            ('gpb_expenditure', '2014001', 'project', '28.00'),
            ('gpb_basic_economic', '30101', 'total', '374.86'),
            ('gpb_basic_economic', '30102', 'total', '1088.93'),
        ],
        tables={
            "basic_expenditure", "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_basic_economic",
            "gpb_expenditure", "gpb_project_economic", "income", "project_expenditure", "soe_expenditure",
            "summary", "three_public"
        },
        findings={
            ('BK-SUM-PARENT', 'expenditure', '20805', 'basic'),
            ('BK-SUM-PARENT', 'expenditure', '20805', 'total'),
            ('BK-SUM-PARENT', 'gpb_expenditure', '20805', 'basic'),
            ('BK-SUM-PARENT', 'gpb_expenditure', '20805', 'total'),
        },
    ),
    "32_广东_深圳_信访局_2026.pdf": Expected(
        unit="深圳市信访局", year=2026, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '4684.30'),
            ('expenditure', '2014001', 'total', '1866.84')],
        cells=[
            ('summary', 'income.fiscal', 'total', '4676.96'),
            ('summary', 'row:信访事务', 'total', '3459.13'),
            ('income', 'total', 'gpb', '4676.96'),
            ('expenditure', '20140', 'basic', '1866.84'),
            ('expenditure', '2014004', 'project', '1592.29'),
            ('gpb_expenditure', '20140', 'basic', '1866.84'),
            ('gpb_expenditure', '2014004', 'project', '1592.29'),
            ('gpb_economic', '30101', 'basic', '356.33'),
            ('gpb_economic', '30102', 'basic', '1182.05'),
        ],
        tables={
            "basic_expenditure", "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_economic",
            "gpb_expenditure", "income", "project_expenditure", "soe_expenditure", "summary", "three_public"
        },
        findings={
            ('BK-SUM-PARENT', 'gpb_economic', '301', 'basic'),
            ('BK-SUM-PARENT', 'gpb_economic', '301', 'total'),
            ('BK-SUM-PARENT', 'gpb_economic', '302', 'basic'),
            ('BK-SUM-PARENT', 'gpb_economic', '302', 'total'),
            ('BK-SUM-TOTAL', 'basic_expenditure', 'total', 'fiscal'),
            ('BK-SUM-TOTAL', 'basic_expenditure', 'total', 'gpb'),
            ('BK-SUM-TOTAL', 'basic_expenditure', 'total', 'total'),
            ('BK-SUM-TOTAL', 'gpb_economic', 'total', 'basic'),
            ('BK-SUM-TOTAL', 'gpb_economic', 'total', 'total'),
            ('BK-DOC-INSTRUCTION', None, None, None),
        },
    ),
    "33_广东_深圳_规划和自然资源局盐田管理局_2026.pdf": Expected(
        unit="深圳市规划和自然资源局盐田管理局", year=2026, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '4628.07'),
            ('expenditure', '2200101', 'total', '1721.27')],
        cells=[
            ('summary', 'income.fiscal', 'total', '4373.87'),
            ('summary', 'income.gpb', 'total', '4363.87'),
            ('expenditure', '20805', 'basic', '369.14'),
            ('expenditure', '2080501', 'basic', '135.41'),
            ('gpb_expenditure', '20805', 'basic', '369.14'),
            ('gpb_expenditure', '2080501', 'basic', '135.41'),
            ('gpb_economic', '30101', 'basic', '310.20'),
            ('gpb_economic', '30102', 'basic', '1032.93'),
        ],
        tables={
            "basic_expenditure", "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_economic",
            "gpb_expenditure", "income", "project_expenditure", "soe_expenditure", "summary", "three_public"
        },
        findings={
            ('BK-SUM-PARENT', 'gpb_economic', '302', 'basic'),
            ('BK-SUM-PARENT', 'gpb_economic', '302', 'total'),
            ('BK-SUM-PARENT', 'gpb_economic', '303', 'basic'),
            ('BK-SUM-PARENT', 'gpb_economic', '303', 'total'),
            ('BK-SUM-TOTAL', 'expenditure', 'total', 'basic'),
            ('BK-SUM-TOTAL', 'expenditure', 'total', 'total'),
            ('BK-SUM-TOTAL', 'gpb_expenditure', 'total', 'basic'),
            ('BK-SUM-TOTAL', 'gpb_expenditure', 'total', 'total'),
            # Page 8: “政府采购项目共有262.90万元，其中：货物类项目116.87万元、工程类项目0.00万元、
            # 服务类项目146.04万元”, which make 262.91.
            ('BK-NARR-PROCUREMENT-PARTS', 'narrative', 'procurement.total', None),
        },
    ),
    "34_广东_珠海_政府投资交通市政项目工务中心_2026.pdf": Expected(
        unit="珠海市政府投资交通市政项目工务中心", year=2026, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '7552.92'),
            ('gpb_expenditure', '2120106', 'total', '736.81')],
        cells=[
            ('summary', 'income.fiscal', 'total', '7552.81'),
            ('summary', 'expenditure.total', 'total', '7552.92'),
            ('income', 'total', 'gpb', '736.81'),
            ('income', 'row:珠海市政府投资交通市政项目工务中心', 'gov_fund', '6816.00'),
            ('expenditure', '21201', 'project', '736.92'),
            ('expenditure', '21298', 'project', '6816.00'),
            ('gpb_expenditure', '21201', 'project', '736.81'),
            ('fiscal_summary', 'income.gpb', 'total', '736.81'),
            ('fiscal_summary', 'income.gov_fund', 'total', '6816.00'),
        ],
        tables={
            "basic_expenditure", "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_basic_economic",
            "gpb_expenditure", "gpb_project_economic", "income", "project_expenditure", "soe_expenditure",
            "summary", "three_public"
        },
    ),
    "35_陕西_西安_信访局（汇总）_2026.pdf": Expected(
        unit="西安市信访局（汇总）", year=2026, kind="部门", currency="元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '28384234.71'),
            ('gpb_expenditure', '2014001', 'total', '13733180.94')],
        cells=[
            ('summary', 'row:部门预算', 'total', '28384234.71'),
            ('summary', 'expenditure.basic', 'total', '19328114.71'),
            ('income', 'total', 'gpb', '28384234.71'),
            # Printed under 一般公共预算拨款's 其中：专项资金列入部门预算项目, not 政府性基金拨款 beside it:
            # its right edge is that header's, the row's 合计 is its 一般公共预算拨款, and the
            # narrative states 政府性基金预算拨款0万元 (pdfplumber's text cannot tell them apart).
            ('income', 'unit:121', 'col:专项资金列入部门预算项目', '550000.00'),
            ('expenditure', 'total', 'gpb', '28384234.71'),
            ('expenditure', 'unit:121', 'col:专项资金列入部门预算的项目', '550000.00'),
            ('gpb_expenditure', '20140', 'personnel', '12653513.74'),
            ('gpb_expenditure', '2014001', 'public', '1079667.20'),
        ],
        tables={
            "carryover", "expenditure", "fiscal_summary", "fund_goals", "gov_fund_expenditure",
            "gpb_basic_economic", "gpb_basic_function", "gpb_economic", "gpb_expenditure", "income",
            "overall_goals", "procurement", "project_expenditure", "project_goals", "summary", "three_public"
        },
    ),
    "36_陕西_西安_气象局_2022.pdf": Expected(
        unit="西安市气象局", year=2022, kind="部门", currency="元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '18999011.66'),
            ('gpb_expenditure', '2200504', 'total', '4699323.32')],
        cells=[
            ('summary', 'row:部门预算', 'total', '18999011.66'),
            ('summary', 'expenditure.basic', 'total', '1839311.66'),
            ('income', 'total', 'gpb', '18999011.66'),
            ('income', 'unit:234001', 'gpb', '17159700'),
            ('expenditure', 'total', 'gpb', '18999011.66'),
            ('expenditure', 'unit:234001', 'gpb', '17159700'),
            ('gpb_expenditure', '20805', 'personnel', '43608.96'),
            ('gpb_expenditure', '20899', 'personnel', '1090.22'),
        ],
        tables={
            "expenditure", "fiscal_summary", "fund_goals", "gov_fund_expenditure", "gpb_basic_economic",
            "gpb_basic_function", "gpb_economic", "gpb_expenditure", "income", "overall_goals", "procurement",
            "project_expenditure", "project_goals", "summary", "three_public"
        },
        findings={
            ('BK-NARR-AMOUNT', 'narrative', 'function_line.2101102.amount', None),
            ('BK-NARR-THREE-PUBLIC', 'narrative', 'three_public.total', None),
        },
    ),
    "37_陕西_西安_安全生产监督管理局_2019.pdf": Expected(
        unit="西安市安全生产监督管理局", year=2019, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '3695.91'),
            ('gpb_expenditure', '2240101', 'total', '853.04')],
        cells=[
            ('summary', 'income.fiscal', 'total', '3643.37'),
            ('summary', 'expenditure.basic', 'total', '2022.39'),
            ('income', 'total', 'gpb', '3643.37'),
            ('expenditure', 'total', 'gpb', '3643.37'),
            ('expenditure', 'unit:125001', 'gpb', '2080.32'),
            ('gpb_expenditure', 'total', 'personnel', '1839.51'),
            ('gpb_expenditure', 'unit:125001', 'personnel', '972.99'),
            ('gpb_basic_economic', 'total', 'personnel', '1839.51'),
        ],
        tables={
            "carryover", "expenditure", "fiscal_summary", "fund_goals", "gov_fund_expenditure",
            "gpb_basic_economic", "gpb_basic_function", "gpb_economic", "gpb_expenditure", "income",
            "overall_goals", "procurement", "project_expenditure", "summary", "three_public"
        },
        findings={
            ('BK-CODE-PARENT', 'gpb_basic_economic', '3010201', None),
            ('BK-CODE-PARENT', 'gpb_basic_economic', '3010202', None),
            ('BK-CODE-PARENT', 'gpb_economic', '3010201', None),
            ('BK-CODE-PARENT', 'gpb_economic', '3010202', None),
        },
    ),
    "38_江苏_苏州_科学技术局_2026.pdf": Expected(
        unit="苏州市科学技术局", year=2026, kind="单位", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '186241.00'),
            ('gpb_expenditure', '2060101', 'total', '1304.01')],
        cells=[
            ('summary', 'income.gpb', 'total', '186241.00'),
            ('income', 'total', 'gpb', '186241.00'),
            ('expenditure', '20601', 'basic', '1304.01'),
            ('expenditure', '2060102', 'project', '34.16'),
            ('gpb_expenditure', '20601', 'basic', '1304.01'),
            ('gpb_expenditure', '2060101', 'personnel', '1080.35'),
            ('gpb_basic_economic', '30101', 'personnel', '228.07'),
            ('gpb_basic_economic', '30102', 'personnel', '648.21'),
        ],
        tables={
            "expenditure", "fiscal_basic_economic", "fiscal_expenditure", "fiscal_summary", "gov_fund_expenditure",
            "gpb_basic_economic", "gpb_expenditure", "income", "operating_costs", "procurement", "soe_expenditure",
            "summary", "three_public"
        },
    ),
    "39_江苏_苏州_审计局_2026.pdf": Expected(
        unit="苏州市审计局", year=2026, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '4651.67'),
            ('gpb_expenditure', '2010801', 'total', '2342.00')],
        cells=[
            ('summary', 'income.gpb', 'total', '4651.67'),
            ('income', 'total', 'gpb', '4651.67'),
            ('expenditure', '20108', 'basic', '2567.13'),
            ('expenditure', '2010801', 'basic', '2342.00'),
            ('gpb_expenditure', '20108', 'basic', '2567.13'),
            ('gpb_expenditure', '2010801', 'basic', '2342.00'),
            ('gpb_basic_economic', '30101', 'personnel', '469.17'),
            ('gpb_basic_economic', '30102', 'personnel', '1300.77'),
        ],
        tables={
            "expenditure", "fiscal_basic_economic", "fiscal_expenditure", "fiscal_summary", "gov_fund_expenditure",
            "gpb_basic_economic", "gpb_expenditure", "income", "operating_costs", "procurement", "soe_expenditure",
            "summary", "three_public"
        },
    ),
    "40_江苏_无锡_信访局_2025.pdf": Expected(
        unit="无锡市信访局", year=2025, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '2867.94'),
            ('gpb_expenditure', '2014001', 'total', '307.15')],
        cells=[
            ('summary', 'income.gpb', 'total', '2723.94'),
            ('summary', 'income.other', 'total', '144.00'),
            ('income', 'total', 'gpb', '2723.94'),
            # Under 其他收入, its header's left edge over the amount's (the narrative: 其他收入144万元;
            # 事业收入 is blank, left of it).
            ('income', 'unit:113', 'other', '144.00'),
            ('expenditure', '20103', 'basic', '1084.14'),
            ('expenditure', '20140', 'project', '1175.65'),
            ('gpb_expenditure', '20103', 'basic', '1084.14'),
            ('gpb_expenditure', '2010301', 'personnel', '985.61'),
        ],
        tables={
            "expenditure", "fiscal_basic_economic", "fiscal_expenditure", "fiscal_summary", "gov_fund_expenditure",
            "gpb_basic_economic", "gpb_expenditure", "income", "operating_costs", "procurement", "soe_expenditure",
            "summary", "three_public"
        },
    ),
    "41_江苏_无锡_应急管理综合行政执法监督局_2026.pdf": Expected(
        unit="无锡市应急管理综合行政执法监督局", year=2026, kind="单位", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '1136.23'),
            ('gpb_expenditure', '2240101', 'total', '708.96')],
        cells=[
            ('summary', 'income.gpb', 'total', '1136.23'),
            ('income', 'total', 'gpb', '1136.23'),
            ('expenditure', '20805', 'basic', '135.06'),
            ('expenditure', '2080505', 'basic', '90.04'),
            ('gpb_expenditure', '20805', 'basic', '135.06'),
            ('gpb_expenditure', '2080505', 'basic', '90.04'),
            ('gpb_basic_economic', '30101', 'personnel', '156.77'),
            ('gpb_basic_economic', '30102', 'personnel', '477.12'),
        ],
        tables={
            "expenditure", "fiscal_basic_economic", "fiscal_expenditure", "fiscal_summary", "gov_fund_expenditure",
            "gpb_basic_economic", "gpb_expenditure", "income", "operating_costs", "procurement", "soe_expenditure",
            "summary", "three_public"
        },
    ),
    "42_江苏_江苏省级_人民检察院_2019.pdf": Expected(
        unit="江苏省人民检察院", year=2019, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.total', 'total', '24169.74'),
            ('gpb_expenditure', '2040401', 'total', '12268.62')],
        cells=[
            ('summary', 'income.fiscal', 'total', '24169.74'),
            ('summary', 'expenditure.basic', 'total', '15844.04'),
            ('income', 'income.grand_total', 'total', '24169.74'),
            ('gpb_expenditure', '20404', 'total', '16593.12'),
            ('gpb_expenditure', '2040401', 'total', '12268.62'),
            ('gpb_basic_economic', '30101', 'total', '2171.78'),
            ('gpb_basic_economic', '30102', 'total', '6372.51'),
            ('fiscal_basic_economic', '30101', 'total', '2171.78'),
            ('fiscal_basic_economic', '30102', 'total', '6372.51'),
        ],
        tables={
            "expenditure", "fiscal_basic_economic", "fiscal_expenditure", "fiscal_summary", "gov_fund_expenditure",
            "gpb_basic_economic", "gpb_expenditure", "income", "operating_costs", "procurement", "summary",
            "three_public"
        },
        findings={
            ('BK-NARR-CHANGE-PERCENT', 'narrative', 'function_line.2040402.percent', None),
            ('BK-NARR-CHANGE-PERCENT', 'narrative', 'function_line.2080504.percent', None),
            ('BK-NARR-CHANGE-PERCENT', 'narrative', 'function_line.2210201.percent', None),
            ('BK-NARR-CHANGE-PERCENT', 'narrative', 'function_line.2210202.percent', None),
            # Page 26: 基本支出15,844.04万元，占65.56% of 24,169.74万元, which is 65.553%.
            ('BK-NARR-SHARE', 'narrative', 'expenditure.total.part.基本支出.share', None),
        },
    ),
    "43_湖南_长沙_信访局_2026.pdf": Expected(
        unit="长沙市信访局", year=2026, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '1935.36'),
            ('gpb_expenditure', '2014001', 'total', '1517.95')],
        cells=[
            ('summary', 'income.fiscal', 'total', '1935.36'),
            ('summary', 'expenditure.basic', 'total', '1517.95'),
            ('income', '20140', 'fiscal', '1935.36'),
            ('income', '2014001', 'fiscal', '1517.95'),
            ('expenditure', '20140', 'basic', '1517.95'),
            ('expenditure', '2014004', 'project', '417.41'),
            ('gpb_expenditure', '20140', 'basic', '1517.95'),
            ('gpb_expenditure', '2014004', 'project', '417.41'),
        ],
        tables={
            "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_basic_economic", "gpb_expenditure",
            "income", "overall_goals", "project_goals", "summary", "three_public"
        },
    ),
    "44_湖南_长沙_公安局_2025.pdf": Expected(
        unit="长沙市公安局", year=2025, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '68632.12'),
            ('gpb_expenditure', '2040201', 'total', '28398.17')],
        cells=[
            ('summary', 'income.fiscal', 'total', '68632.12'),
            ('summary', 'expenditure.basic', 'total', '28398.17'),
            ('income', '20111', 'fiscal', '3.00'),
            ('income', '20402', 'fiscal', '68629.12'),
            ('expenditure', '20111', 'project', '3.00'),
            ('expenditure', '20402', 'basic', '28398.17'),
            ('gpb_expenditure', '20402', 'basic', '28398.17'),
            ('gpb_expenditure', '2040220', 'project', '1740.93'),
        ],
        tables={
            "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_basic_economic", "gpb_expenditure",
            "income", "overall_goals", "project_goals", "summary", "three_public"
        },
    ),
    "45_湖南_长沙_职业教育基地综合协调办公室_2026.pdf": Expected(
        unit="长沙职业教育基地综合协调办公室", year=2026, kind="部门", currency="万元",
        readme=[
            ('summary', 'expenditure.grand_total', 'total', '656.73'),
            ('gpb_expenditure', '2050399', 'total', '656.73')],
        cells=[
            ('summary', 'income.fiscal', 'total', '656.73'),
            ('summary', 'expenditure.basic', 'total', '386.73'),
            ('income', '20503', 'fiscal', '656.73'),
            ('expenditure', '20503', 'basic', '386.73'),
            ('expenditure', '2050399', 'project', '270.00'),
            ('gpb_expenditure', '20503', 'basic', '386.73'),
            ('gpb_expenditure', '2050399', 'project', '270.00'),
            ('gpb_basic_economic', '30101', 'personnel', '80.51'),
            ('gpb_basic_economic', '30102', 'personnel', '4.06'),
        ],
        tables={
            "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_basic_economic", "gpb_expenditure",
            "income", "overall_goals", "project_goals", "summary", "three_public"
        },
    ),
    "46_福建_福州_公安局巡特警支队_2026.pdf": Expected(
        unit="福州市公安局巡特警支队", year=2026, kind="单位", currency="万元",
        readme=[
            ('summary', 'expenditure.total', 'total', '10344.71'),
            ('gpb_expenditure', '2040201', 'total', '6556.70')],
        cells=[
            ('summary', 'income.gpb', 'total', '10344.71'),
            ('income', 'total', 'gpb', '10344.71'),
            ('expenditure', '20402', 'basic', '6556.70'),
            ('expenditure', '2040299', 'project', '1051.46'),
            ('gpb_expenditure', '20402', 'basic', '6556.70'),
            ('gpb_expenditure', '2040299', 'project', '1051.46'),
            ('gpb_basic_economic', '30101', 'total', '1461.43'),
            ('gpb_basic_economic', '30102', 'total', '2145.76'),
        ],
        tables={
            "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_basic_economic", "gpb_economic",
            "gpb_expenditure", "income", "project_goals", "soe_expenditure", "summary", "three_public"
        },
        findings={
            ('BK-SUM-PARENT', 'expenditure', '20402', 'project'),
            ('BK-SUM-PARENT', 'expenditure', '20402', 'total'),
            ('BK-SUM-PARENT', 'gpb_expenditure', '20402', 'project'),
            ('BK-SUM-PARENT', 'gpb_expenditure', '20402', 'total'),
        },
    ),
    "47_福建_福州_鼓楼生态环境局_2026.pdf": Expected(
        unit="福州市鼓楼生态环境局", year=2026, kind="单位", currency="万元",
        readme=[
            ('summary', 'expenditure.total', 'total', '1269.68'),
            ('gpb_expenditure', '2110101', 'total', '91.49')],
        cells=[
            ('summary', 'income.gpb', 'total', '1269.68'),
            ('income', 'total', 'gpb', '1269.68'),
            ('expenditure', '20805', 'basic', '178.94'),
            ('expenditure', '2080501', 'basic', '56.20'),
            ('gpb_expenditure', '20805', 'basic', '178.94'),
            ('gpb_expenditure', '2080501', 'basic', '56.20'),
            ('gpb_basic_economic', '30101', 'total', '169.64'),
            ('gpb_basic_economic', '30102', 'total', '107.50'),
        ],
        tables={
            "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_basic_economic", "gpb_economic",
            "gpb_expenditure", "income", "project_goals", "soe_expenditure", "summary", "three_public"
        },
        findings={
            ('BK-SUM-PARENT', 'gpb_basic_economic', '301', 'total'),
        },
    ),
    "48_福建_泉州_市场监管综合监测与技术保障中心_2026.pdf": Expected(
        unit="泉州市市场监管综合监测与技术保障中心", year=2026, kind="单位", currency="万元",
        readme=[
            ('summary', 'expenditure.total', 'total', '1468.70'),
            ('gpb_expenditure', '2013850', 'total', '761.56')],
        cells=[
            ('summary', 'income.gpb', 'total', '1468.70'),
            ('income', 'total', 'gpb', '1468.70'),
            ('expenditure', '2013850', 'basic', '761.56'),
            ('expenditure', '2013899', 'project', '455.33'),
            ('gpb_expenditure', '2013850', 'basic', '761.56'),
            ('gpb_expenditure', '2013899', 'project', '455.33'),
            ('gpb_basic_economic', '30101', 'total', '209.36'),
            ('gpb_basic_economic', '30102', 'total', '99.40'),
        ],
        tables={
            "expenditure", "fiscal_summary", "gov_fund_expenditure", "gpb_basic_economic", "gpb_economic",
            "gpb_expenditure", "income", "project_goals", "soe_expenditure", "summary", "three_public"
        },
    ),
}
