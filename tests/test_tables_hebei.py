"""Every cell of the Hebei sample (巨鹿县人力资源和社会保障局 2023), read by hand from the text.

Values below were read from kg/data/julu-hrss-2023-unit-budget.txt: the 支出总表 and
一般公共预算财政拨款支出表 print the same lines, and both are asserted cell by cell.
"""

from decimal import Decimal as D

import pytest

import kg.read.tables.placement as placement
from kg.read import read_document
from kg.resources import sample_path


@pytest.fixture(scope="module")
def doc():
    return read_document(sample_path())


def cells(table):
    return {line.key: {k: str(v) for k, v in line.values.items()} for line in table.lines}


# code: (total, basic, project) — blank cells are None
FUNCTION_323001 = {
    "total": ("3889.89", "685.86", "3204.03"),
    "208": ("3798.89", "594.86", "3204.03"),
    "20801": ("861.59", "491.66", "369.93"),
    "2080101": ("475.46", "465.46", "10.00"),
    "2080105": ("3.00", None, "3.00"),
    "2080106": ("20.00", None, "20.00"),
    "2080110": ("272.93", None, "272.93"),
    "2080112": ("6.00", None, "6.00"),
    "2080116": ("15.00", None, "15.00"),
    "2080150": ("26.20", "26.20", None),
    "2080199": ("43.00", None, "43.00"),
    "20805": ("103.00", "100.00", "3.00"),
    "2080501": ("48.00", "45.00", "3.00"),
    "2080505": ("55.00", "55.00", None),
    "20807": ("2831.10", None, "2831.10"),
    "2080701": ("1842.10", None, "1842.10"),
    "2080799": ("989.00", None, "989.00"),
    "20827": ("3.20", "3.20", None),
    "2082701": ("1.20", "1.20", None),
    "2082702": ("2.00", "2.00", None),
    "210": ("38.00", "38.00", None),
    "21011": ("38.00", "38.00", None),
    "2101101": ("30.00", "30.00", None),
    "2101103": ("8.00", "8.00", None),
    "221": ("53.00", "53.00", None),
    "22102": ("53.00", "53.00", None),
    "2210201": ("53.00", "53.00", None),
}

FUNCTION_323003 = {
    "total": ("481.10", "404.10", "77.00"),
    "208": ("420.10", "343.10", "77.00"),
    "20801": ("362.20", "294.20", "68.00"),
    "2080109": ("86.20", "24.20", "62.00"),
    "2080199": ("276.00", "270.00", "6.00"),
    "20805": ("46.00", "46.00", None),
    "2080502": ("9.00", "9.00", None),
    "2080505": ("37.00", "37.00", None),
    "20809": ("9.00", None, "9.00"),
    "2080999": ("9.00", None, "9.00"),
    "20827": ("2.90", "2.90", None),
    "2082701": ("1.60", "1.60", None),
    "2082702": ("1.30", "1.30", None),
    "210": ("27.00", "27.00", None),
    "21011": ("27.00", "27.00", None),
    "2101102": ("22.00", "22.00", None),
    "2101103": ("5.00", "5.00", None),
    "221": ("34.00", "34.00", None),
    "22102": ("34.00", "34.00", None),
    "2210201": ("34.00", "34.00", None),
}

# code: (total, personnel, public)
ECONOMIC_323001 = {
    "total": ("685.86", "632.20", "53.66"),
    "301": ("585.40", "585.40", None),
    "30101": ("321.82", "321.82", None),
    "30102": ("40.00", "40.00", None),
    "30107": ("74.38", "74.38", None),
    "30108": ("55.00", "55.00", None),
    "30110": ("30.00", "30.00", None),
    "30111": ("8.00", "8.00", None),
    "30112": ("3.20", "3.20", None),
    "30113": ("53.00", "53.00", None),
    "302": ("53.66", None, "53.66"),
    "30201": ("4.76", None, "4.76"),
    "30207": ("12.00", None, "12.00"),
    "30216": ("5.00", None, "5.00"),
    "30226": ("5.00", None, "5.00"),
    "30229": ("5.00", None, "5.00"),
    "30239": ("21.00", None, "21.00"),
    "30299": ("0.90", None, "0.90"),
    "303": ("46.80", "46.80", None),
    "30302": ("45.00", "45.00", None),
    "30305": ("1.80", "1.80", None),
}

ECONOMIC_323003 = {
    "total": ("404.10", "379.90", "24.20"),
    "301": ("370.90", "370.90", None),
    "30101": ("160.00", "160.00", None),
    "30107": ("110.00", "110.00", None),
    "30108": ("37.00", "37.00", None),
    "30110": ("22.00", "22.00", None),
    "30111": ("5.00", "5.00", None),
    "30112": ("2.90", "2.90", None),
    "30113": ("34.00", "34.00", None),
    "302": ("24.20", None, "24.20"),
    "30201": ("17.10", None, "17.10"),
    "30216": ("3.40", None, "3.40"),
    "30229": ("3.00", None, "3.00"),
    "30299": ("0.70", None, "0.70"),
    "303": ("9.00", "9.00", None),
    "30302": ("9.00", "9.00", None),
}


def expected(table, columns):
    return {
        code: {c: v for c, v in zip(columns, values) if v is not None} for code, values in table.items()
    }


@pytest.mark.parametrize("table_key", ["expenditure", "gpb_expenditure"])
@pytest.mark.parametrize("unit_code,lines", [("323001", FUNCTION_323001), ("323003", FUNCTION_323003)])
def test_every_cell_of_every_function_line_is_in_its_column(doc, unit_code, lines, table_key):
    unit = next(u for u in doc.units if u.code == unit_code)
    assert cells(unit.table(table_key)) == expected(lines, ("total", "basic", "project"))


@pytest.mark.parametrize("unit_code,lines", [("323001", ECONOMIC_323001), ("323003", ECONOMIC_323003)])
def test_every_cell_of_every_economic_line_is_in_its_column(doc, unit_code, lines):
    unit = next(u for u in doc.units if u.code == unit_code)
    assert cells(unit.table("gpb_basic_economic")) == expected(lines, ("total", "personnel", "public"))


@pytest.mark.parametrize("unit_code,lines", [("323001", FUNCTION_323001), ("323003", FUNCTION_323003)])
def test_income_table_prints_each_function_line_as_fiscal_appropriation(doc, unit_code, lines):
    unit = next(u for u in doc.units if u.code == unit_code)
    totals = {code: values[0] for code, values in lines.items()}
    assert cells(unit.table("income")) == {
        code: {"total": t, "current": t, "fiscal": t} for code, t in totals.items()
    }


def test_323001_totals_are_3889_89_of_which_685_86_basic_and_3204_03_project(doc):
    total = doc.units[0].table("expenditure").line("total")
    assert total.values == {"total": D("3889.89"), "basic": D("685.86"), "project": D("3204.03")}


@pytest.mark.parametrize("unit_code,total,by_class", [
    ("323001", "3889.89", {"208": "3798.89", "210": "38.00", "221": "53.00"}),
    ("323003", "481.10", {"208": "420.10", "210": "27.00", "221": "34.00"}),
])
def test_summary_table_has_income_by_source_and_expenditure_by_class(doc, unit_code, total, by_class):
    unit = next(u for u in doc.units if u.code == unit_code)
    got = cells(unit.table("summary"))
    assert {k: v for k, v in got.items() if v} == {
        "income.gpb": {"amount": total},
        "income.current_total": {"amount": total},
        "income.grand_total": {"amount": total},
        **{code: {"amount": amount} for code, amount in by_class.items()},
        "expenditure.current_total": {"amount": total},
        "expenditure.grand_total": {"amount": total},
    }


@pytest.mark.parametrize("unit_code,total,by_class", [
    ("323001", "3889.89", {"208": "3798.89", "210": "38.00", "221": "53.00"}),
    ("323003", "481.10", {"208": "420.10", "210": "27.00", "221": "34.00"}),
])
def test_fiscal_summary_puts_each_class_amount_on_its_class_row(doc, unit_code, total, by_class):
    unit = next(u for u in doc.units if u.code == unit_code)
    got = cells(unit.table("fiscal_summary"))
    assert {k: v for k, v in got.items() if v} == {
        "income.gpb": {"amount": total},
        "income.current_total": {"amount": total},
        "income.grand_total": {"amount": total},
        **{code: {"total": amount, "gpb": amount} for code, amount in by_class.items()},
        "expenditure.current_total": {"total": total, "gpb": total},
        "expenditure.grand_total": {"total": total, "gpb": total},
    }
    assert unit.table("fiscal_summary").breaks == []


def test_empty_tables_are_explicitly_empty_with_their_note(doc):
    unit = doc.units[0]
    assert unit.table("gov_fund_expenditure").empty_note == "注：无政府基金预算财政拨款预算，空表列示。"
    assert unit.table("soe_expenditure").empty_note == "注：无国有资本经营预算财政拨款预算，空表列示。"
    assert unit.table("three_public").empty_note == "注：无财政拨款“三公”经费支出预算，空表列示。"
    assert all(not line.values for line in unit.table("three_public").lines)


def test_every_numeric_token_of_the_sample_is_placed(doc):
    assert doc.unplaced == [], [str(u) for u in doc.unplaced]
    assert doc.tokens == doc.placed == 469


def test_units_years_and_currency_come_from_the_headers(doc):
    assert [(u.code, u.name, u.year, u.currency) for u in doc.units] == [
        ("323001", "巨鹿县人力资源和社会保障局本级", 2023, "万元"),
        ("323003", "巨鹿县社会保险事业服务中心", 2023, "万元"),
    ]
    assert [t.key for t in doc.units[0].tables] == [
        "summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure",
        "gpb_basic_economic", "gov_fund_expenditure", "soe_expenditure", "three_public",
    ]


def test_wrapped_names_are_joined_across_lines_and_pages(doc):
    unit = doc.units[0]
    assert unit.table("income").line("2080505").name == "机关事业单位基本养老保险缴费支出"
    assert unit.table("expenditure").line("22102").name == "住房改革支出"
    assert unit.table("income").line("2080199").name == "其他人力资源和社会保障管理事务支出"


def with_one_amount_changed(tmp_path, title, old, new):
    """A copy of the sample where the first ``old`` after ``title`` reads ``new`` (``title``:
    one text, or several, each found after the one before)."""
    return with_amounts_changed(tmp_path, [(title, old, new)])


def with_amounts_changed(tmp_path, changes):
    """A copy of the sample with each change of :func:`with_one_amount_changed` made in turn."""
    text = sample_path().read_text(encoding="utf-8")
    for title, old, new in changes:
        at = 0
        for anchor in (title,) if isinstance(title, str) else title:
            at = text.index(anchor, at) + len(anchor)
        at = text.index(old, at)
        text = text[:at] + new + text[at + len(old):]
    changed = tmp_path / "changed.txt"
    changed.write_text(text, encoding="utf-8")
    return read_document(changed)


def _no_search(puzzle, *args, **kwargs):
    raise AssertionError(f"the layout reading left a table of {len(puzzle.tokens)} amounts to the search")


@pytest.mark.parametrize("title,table_key,old,new,row,column,breaks", [
    # 2080101 行政运行's total in the 一般公共预算财政拨款支出表
    ("单位预算一般公共预算财政拨款支出表", "gpb_expenditure", "475.46", "475.47", "2080101", "total",
     {("row-sum", "2080101", "total", "475.46", "475.47"), ("parent-sum", "20801", "total", "861.60", "861.59")}),
    # 2080101 行政运行's basic in the 支出总表
    ("单位预算支出总表", "expenditure", "465.46", "465.56", "2080101", "basic",
     {("row-sum", "2080101", "total", "475.56", "475.46"), ("parent-sum", "20801", "basic", "491.76", "491.66")}),
    # 30101 基本工资 in the 基本支出表
    ("单位预算一般公共预算财政拨款基本支出表", "gpb_basic_economic", "321.82", "321.92", "30101", "total",
     {("row-sum", "30101", "total", "321.82", "321.92"), ("parent-sum", "301", "total", "585.50", "585.40")}),
    # 2082702's 合计 in the 支出总表, printed in a column of amounts ("1.20 / 2.10 / 38.00 …")
    ("单位预算支出总表", "expenditure", "2.00", "2.10", "2082702", "total",
     {("row-sum", "2082702", "total", "2.00", "2.10"), ("parent-sum", "20827", "total", "3.30", "3.20")}),
    # 20827's 合计 in the 收入总表, a row printed on its code's line ("18 20827 4.20 3.20 3.20")
    ("单位预算收入总表", "income", "3.20", "4.20", "20827", "total",
     {("row-sum", "20827", "total", "3.20", "4.20"), ("parent-sum", "208", "total", "3799.89", "3798.89"),
      ("parent-sum", "20827", "total", "3.20", "4.20")}),
    # 2080105's 一般公共预算 in the 收入总表, the middle amount of the third column of a block
    # ("475.46 / 3.00 / 20.00" printed three times): its whole, 本年收入 3.00, refuses it, so a
    # reading goes on with it elsewhere and stops an amount later
    (("单位预算收入总表", "2080106", "20.00", "20.00"), "income", "3.00", "3.07", "2080105", "fiscal",
     {("row-sum", "2080105", "current", "3.07", "3.00"), ("parent-sum", "20801", "fiscal", "861.66", "861.59")}),
    # 2101101's 合计 in the 支出总表 ("38.00 / 38.00 / 30.00 / 8.00"): it fits under 21011's
    # 38.00, but leaves 2101103 an amount no token has
    (("单位预算支出总表", "38.00", "38.00"), "expenditure", "30.00", "30.20", "2101101", "total",
     {("row-sum", "2101101", "total", "30.00", "30.20"), ("parent-sum", "21011", "total", "38.20", "38.00")}),
    # 2080106's 项目支出 in the 支出总表, the fourth of a column of five ("369.93 / 10.00 / 3.00 /
    # 20.00 / 272.93"): the evidence names a dozen cells first, most with row-mates
    (("单位预算支出总表", "369.93", "10.00", "3.00"), "expenditure", "20.00", "20.07", "2080106", "project",
     {("row-sum", "2080106", "total", "20.07", "20.00"), ("parent-sum", "20801", "project", "370.00", "369.93")}),
])
def test_changed_amount_is_kept_as_printed_and_reported_at_that_cell(
    tmp_path, monkeypatch, title, table_key, old, new, row, column, breaks
):
    # Read in printed order: the general search, which takes tens of seconds over such a
    # table, is never needed.
    monkeypatch.setattr(placement, "Search", _no_search)
    doc = with_one_amount_changed(tmp_path, title, old, new)
    table = doc.units[0].table(table_key)
    assert table.line(row).values[column] == D(new)
    assert doc.unplaced == []
    assert {(b.kind, b.row, b.column, str(b.expected), str(b.actual)) for b in table.breaks} == breaks
    # every other table of the document is untouched
    assert [t.key for t in doc.tables if t.breaks] == [table_key]


def test_a_changed_amount_among_many_empty_cells_is_kept_as_printed_and_reported(tmp_path, monkeypatch):
    # 323003's 财政拨款收支总表 prints 13 amounts in 145 cells; its 208 row prints
    # "420.10 420.10" (合计, 一般公共预算), the first of them changed here. Its readings that
    # may break agreements with the tables read before are too many to see them all.
    monkeypatch.setattr(placement, "Search", _no_search)
    doc = with_one_amount_changed(tmp_path, ("323003巨鹿县社会保险事业服务中心", "单位预算财政拨款收支总表"),
                                  "420.10", "420.60")
    unit = next(u for u in doc.units if u.code == "323003")
    table = unit.table("fiscal_summary")
    assert table.line("208").values["total"] == D("420.60")
    assert doc.unplaced == []
    assert {(b.kind, b.row, b.column, str(b.expected), str(b.actual)) for b in table.breaks} == {
        ("row-sum", "208", "total", "420.10", "420.60")}
    assert [(u.code, t.key) for u in doc.units for t in u.tables if t.breaks] == [("323003", "fiscal_summary")]


def test_a_changed_class_amount_of_the_summary_is_kept_as_printed_and_reported(tmp_path, monkeypatch):
    # 323003's 收支总表 (its second in the sample) prints "八、社会保障和就业支出 420.10", read here
    # as 460.10: its 本年支出合计 (481.10) no longer adds up, and the 支出总表 prints 420.10.
    monkeypatch.setattr(placement, "Search", _no_search)
    doc = with_one_amount_changed(tmp_path, ("单位预算收支总表", "单位预算收支总表"), "420.10", "460.10")
    unit = next(u for u in doc.units if u.code == "323003")
    table = unit.table("summary")
    assert table.line("208").values["amount"] == D("460.10")
    assert doc.unplaced == []
    assert {(b.kind, b.row, b.column, str(b.expected), str(b.actual)) for b in table.breaks} == {
        ("total-sum", "expenditure.current_total", "amount", "521.10", "481.10"),
        ("cross-table", "208", "amount", "420.10", "460.10")}
    assert [(u.code, t.key) for u in doc.units for t in u.tables if t.breaks] == [("323003", "summary")]


@pytest.mark.parametrize("title,old,new,unit_code,cells,breaks", [
    # 323001's 收支总表 prints 一般公共预算拨款 3889.89, read here as 9889.89: its 本年收入合计
    # (3889.89) no longer adds up, the 财政拨款收支总表 prints 3889.89, and the 收入总表, held to
    # the 收支总表, prints 3889.89 too. The misprinted amount's true value is what the other
    # tables fix, and the reading that puts it in its printed cell is the only one so good.
    ("单位预算收支总表", "3889.89", "9889.89", "323001",
     {("summary", "income.gpb", "amount"): "9889.89"},
     {("summary", "total-sum", "income.current_total", "amount", "9889.89", "3889.89"),
      ("summary", "cross-table", "income.gpb", "amount", "3889.89", "9889.89"),
      ("income", "cross-table", "total", "fiscal", "9889.89", "3889.89")}),
    # 323003's 财政拨款收支总表 prints 一般公共预算拨款 481.10, read here as 881.10. Its 收支总表,
    # read after it and held to it, prints 481.10 in that row: an amount out of the row the
    # other table fills would break as many agreements, but leaves that row empty.
    (("323003巨鹿县社会保险事业服务中心", "单位预算财政拨款收支总表"), "481.10", "881.10", "323003",
     {("fiscal_summary", "income.gpb", "amount"): "881.10", ("summary", "income.gpb", "amount"): "481.10"},
     {("fiscal_summary", "total-sum", "income.current_total", "amount", "881.10", "481.10"),
      ("fiscal_summary", "total-sum", "income.gpb", "amount", "481.10", "881.10"),
      ("summary", "cross-table", "income.gpb", "amount", "881.10", "481.10")}),
    # 323003's 支出总表 prints its 合计 and 208 rows column by column above the code rows
    # ("481.10 / 420.10", "404.10 / 343.10", "77.00 / 77.00"); 208's 合计 is read here as
    # 420.12. The readings stop several amounts later, at 20801, where nothing points back.
    (("323003巨鹿县社会保险事业服务中心", "单位预算支出总表"), "420.10", "420.12", "323003",
     {("expenditure", "208", "total"): "420.12"},
     {("expenditure", "row-sum", "208", "total", "420.10", "420.12"),
      ("expenditure", "parent-sum", "208", "total", "420.10", "420.12"),
      ("expenditure", "total-sum", "total", "total", "481.12", "481.10"),
      ("summary", "cross-table", "208", "amount", "420.12", "420.10")}),
])
def test_a_changed_amount_whose_breaks_reach_another_table_is_kept_as_printed_and_reported(
    tmp_path, monkeypatch, title, old, new, unit_code, cells, breaks
):
    monkeypatch.setattr(placement, "Search", _no_search)
    doc = with_one_amount_changed(tmp_path, title, old, new)
    unit = next(u for u in doc.units if u.code == unit_code)
    assert {cell: str(unit.table(cell[0]).line(cell[1]).values[cell[2]]) for cell in cells} == cells
    assert doc.unplaced == []
    assert {(t.key, b.kind, b.row, b.column, str(b.expected), str(b.actual))
            for t in unit.tables for b in t.breaks} == breaks
    # the other unit's tables are untouched
    assert not any(t.breaks for u in doc.units if u.code != unit_code for t in u.tables)


@pytest.mark.parametrize("title,old,new,unit_code,table_key,cells,breaks", [
    # 323003's 收支总表 prints its two totals on one line, "收入总计 481.10 481.10" (its label
    # 支出总计 on a line of its own); the second, 支出总计, is read here as 381.10
    (("单位预算收支总表", "单位预算收支总表", "收入总计 481.10 "), "481.10", "381.10", "323003", "summary",
     {("income.grand_total", "amount"): "481.10", ("expenditure.grand_total", "amount"): "381.10"},
     [("total-sum", "expenditure.grand_total", "amount", "481.10", "381.10"),
      ("total-sum", "income.grand_total", "amount", "381.10", "481.10")]),
    # 323001's 财政拨款收支总表 prints "37 3889.89 支出总计 3889.89 3889.89"; the first, 收入总计,
    # is read here as 3889.83: it breaks 收入总计 = 本年收入合计 + 上年结转 and 收入总计 = 支出总计
    (("单位预算财政拨款收支总表", "\n37 "), "3889.89", "3889.83", "323001", "fiscal_summary",
     {("income.grand_total", "amount"): "3889.83", ("expenditure.grand_total", "total"): "3889.89"},
     [("total-sum", "income.grand_total", "amount", "3889.89", "3889.83")] * 2),
])
def test_a_changed_total_of_two_sides_printed_on_one_line_is_read_in_its_own_side(
    tmp_path, monkeypatch, title, old, new, unit_code, table_key, cells, breaks
):
    # Both sides' totals print one amount, so either could be the misprint by the arithmetic
    # alone; the line prints its left side (收入) first.
    monkeypatch.setattr(placement, "Search", _no_search)
    doc = with_one_amount_changed(tmp_path, title, old, new)
    table = next(u for u in doc.units if u.code == unit_code).table(table_key)
    assert {cell: str(table.line(cell[0]).values[cell[1]]) for cell in cells} == cells
    assert doc.unplaced == []
    assert sorted((b.kind, b.row, b.column, str(b.expected), str(b.actual)) for b in table.breaks) == breaks
    assert [(u.code, t.key) for u in doc.units for t in u.tables if t.breaks] == [(unit_code, table_key)]


@pytest.mark.parametrize("changes,row,values,breaks", [
    # 2080105 劳动保障监察 prints 合计 3.00 and 项目 3.00 in the 支出总表 (text lines 616 and 630,
    # columns of "861.59 / 475.46 / 3.00 / …" and "369.93 / 10.00 / 3.00 / …"), both read
    # here as 3.09: its row still adds up, 20801's 合计 and 项目 sums do not
    ([(("单位预算支出总表", "475.46"), "3.00", "3.09"), (("单位预算支出总表", "369.93", "10.00"), "3.00", "3.09")],
     "2080105", {"total": "3.09", "project": "3.09"},
     {("parent-sum", "20801", "total", "861.68", "861.59"), ("parent-sum", "20801", "project", "370.02", "369.93")}),
    # 2080150 事业运行 prints 合计 26.20 and 基本 26.20 (lines 670 and 680, "6.00 / 15.00 /
    # 26.20 / 43.00" twice), both read here as 26.28
    ([(("单位预算支出总表", "15.00"), "26.20", "26.28"), (("单位预算支出总表", "15.00", "15.00"), "26.20", "26.28")],
     "2080150", {"total": "26.28", "basic": "26.28"},
     {("parent-sum", "20801", "total", "861.67", "861.59"), ("parent-sum", "20801", "basic", "491.74", "491.66")}),
])
def test_a_leaf_row_changed_in_both_its_columns_is_read_with_every_amount_in_its_printed_cell(
    tmp_path, monkeypatch, changes, row, values, breaks
):
    # 323001's 支出总表 (60 amounts, six columns): no single cell explains the two broken sums,
    # and the layout reading used to give up on the table after about 40 s.
    monkeypatch.setattr(placement, "Search", _no_search)
    doc = with_amounts_changed(tmp_path, changes)
    table = doc.units[0].table("expenditure")
    assert {column: str(amount) for column, amount in table.line(row).values.items()} == values
    assert doc.unplaced == []
    assert {(b.kind, b.row, b.column, str(b.expected), str(b.actual)) for b in table.breaks} == breaks
    assert [(u.code, t.key) for u in doc.units for t in u.tables if t.breaks] == [("323001", "expenditure")]


def test_the_read_document_docstring_example_runs():
    import doctest

    import kg.read

    failures, tried = doctest.testmod(kg.read)
    assert tried > 0 and failures == 0


# -- a table printed twice: the first copy is kept, the second compared with it -----------

#: 323003's 单位预算一般公共预算财政拨款支出表, from its title to the line before the next table.
GPB_323003 = slice(3410, 3647)


def printed_twice(folder):
    """The sample with 323003's 一般公共预算财政拨款支出表 printed again right after it."""
    lines = sample_path().read_text(encoding="utf-8").split("\n")
    copy = lines[GPB_323003]
    path = folder / "printed-twice.txt"
    path.write_text("\n".join(lines[: GPB_323003.stop] + copy + lines[GPB_323003.stop:]), encoding="utf-8")
    return path


def test_a_table_printed_twice_is_kept_once_and_the_copies_are_compared(tmp_path):
    doc = read_document(printed_twice(tmp_path))
    assert [p.message for p in doc.problems] == [
        "unit 323003: table 单位预算一般公共预算财政拨款支出表 (gpb_expenditure) printed twice; "
        "the copies agree; the first copy is kept"]
    assert len(doc.tables) == 18 and [t.key for t in doc.units[1].tables].count("gpb_expenditure") == 1
    # The copy's 45 amounts are counted, each equal to the first copy's in its cell.
    assert (doc.tokens, doc.placed, doc.unplaced) == (469 + 45, 469 + 45, [])


def test_an_amount_that_differs_between_the_copies_is_reported_with_both_values(tmp_path):
    # In the copy, 2080502 事业单位离退休 9.00 → 10.00 and 2080505 机关事业单位基本养老保险缴费支出
    # 37.00 → 36.00, in the total and the basic column alike: 20805 still adds up (46.00), but
    # the copy no longer agrees with the first. (9.00 is also printed on other rows: only the
    # copy's lines of those two rows are changed here, by their place in the text.)
    path = printed_twice(tmp_path)
    lines = path.read_text(encoding="utf-8").split("\n")
    start = GPB_323003.stop
    body = [i for i in range(start, start + GPB_323003.stop - GPB_323003.start) if lines[i].strip()]
    values = [lines[i].strip() for i in body]
    at = next(k for k in range(len(values)) if values[k:k + 7] == ["9.00", "37.00", "9.00", "9.00", "2.90", "9.00",
                                                                   "37.00"])
    for offset, new in [(0, "10.00"), (1, "36.00"), (5, "10.00"), (6, "36.00")]:
        lines[body[at + offset]] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    doc = read_document(path)
    assert [p.message for p in doc.problems] == [
        "unit 323003: table 单位预算一般公共预算财政拨款支出表 (gpb_expenditure) printed twice; "
        "4 amounts differ and are listed as unplaced; the first copy is kept"]
    assert sorted((u.text, u.reason) for u in doc.unplaced) == [
        ("10.00", "table printed twice: the first copy has 9.00 in row 2080502, column basic"),
        ("10.00", "table printed twice: the first copy has 9.00 in row 2080502, column total"),
        ("36.00", "table printed twice: the first copy has 37.00 in row 2080505, column basic"),
        ("36.00", "table printed twice: the first copy has 37.00 in row 2080505, column total"),
    ]
    first = {line.key: line.values for line in doc.units[1].table("gpb_expenditure").lines}
    assert first["2080502"]["total"] == D("9.00") and first["2080505"]["total"] == D("37.00")
    assert (doc.tokens, doc.placed) == (469 + 45, 469 + 45 - 4)


def test_an_amount_printed_after_a_row_s_label_is_that_row_s_and_one_printed_before_it_is_not():
    # The 财政拨款收支总表's last line, as the sample prints it (text line 1097): the left
    # side's 收入总计 3889.89 comes before the right side's label 支出总计, whose 合计 and
    # 一般公共预算 follow it. Another amount of the table is printed on a line of its own, so
    # the table did not keep every row on its line: only the amounts after a label say whose
    # they are, and only when asked (a table read again with amounts left over).
    from kg.read.profiles import load_profile
    from kg.read.source.text import SourceLine
    from kg.read.tables.placement import Row
    from kg.read.tables.reconstruct import _row_of_line
    from kg.read.tables.segment import pieces

    profile = next(t for t in load_profile("hebei-county").tables if t.key == "fiscal_summary")
    rows = [Row("income.grand_total", 5), Row("expenditure.grand_total", 5)]
    last = SourceLine(1097, 5, "37 3889.89 支出总计 3889.89 3889.89")
    alone = SourceLine(1091, 5, "3889.89 3889.89 3889.89")
    amounts = [p for line in (alone, last) for p in pieces(line) if p.kind == "amount"]
    labels = {"income.grand_total": (1089, 4), "expenditure.grand_total": (1097, last.text.index("支出总计") + 4)}
    assert _row_of_line(rows, labels, amounts, profile) == {}
    assert _row_of_line(rows, labels, amounts, profile, after_labels=True) == {4: 1, 5: 1}
