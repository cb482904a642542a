"""Findings grouped by cause (issue 14, item 3): the misprinted cell named, its findings under it.

One misprinted amount breaks every identity it is in. The report names the cell (or the
cells of one row carrying the same error) that explains the most broken identities exactly
and breaks none that holds, with the amount that would satisfy them, and lists the findings
it explains; JSON and Turtle link every finding to its cause, text and HTML show causes first.

The misprints are planted in the records the reader makes of the bundled sample (and of a
real 普陀区 PDF), not in the text: a copy of the text with a changed leaf row is not read
completely by today's text reader (see test_validate_unread.py), and these tests are about
what validation makes of a complete, misprinted document.
"""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from rdflib import RDF, Graph, Literal, Namespace, URIRef

from kg.rdf.mapping import document_quads
from kg.read import read_document
from kg.records import Document
from kg.resources import sample_path
from kg.validate import Report
from kg.validate.causes import Identity, Misprint, explain
from kg.validate.document import graph_from_quads, validate_graph
from kg.validate.equations import PARENT
from kg.validate.render import to_html, to_json, to_text, to_turtle

BK = Namespace("https://budget-kg.org/def/")
SH = Namespace("http://www.w3.org/ns/shacl#")
LINE = "https://budget-kg.org/id/line/"


# -- the choice of causes, on identities written out by hand ----------------------------------


def _sum(at: str, coefs: dict[str, int], amounts: dict[str, str]) -> Identity:
    left = sum((Decimal(amounts[c]) for c, k in coefs.items() if k > 0), Decimal(0))
    right = sum((Decimal(amounts[c]) for c, k in coefs.items() if k < 0), Decimal(0))
    return Identity("S", at, coefs, left, right)


def test_the_cell_in_every_broken_identity_is_the_cause_and_a_cell_in_a_holding_one_is_not():
    # parent = a + b, printed 10 = 4 + 7; and a, b printed again elsewhere (a2 = 4, b2 = 6).
    amounts = {"parent": "10", "a": "4", "b": "7", "a2": "4", "b2": "6"}
    found = [_sum("parent", {"parent": 1, "a": -1, "b": -1}, amounts),
             _sum("a", {"a": 1, "a2": -1}, amounts),
             _sum("b", {"b": 1, "b2": -1}, amounts)]
    rows = {cell: cell for cell in amounts}
    # b - 1 repairs both broken ones. parent + 1 would repair the sum only; b2 + 1 the
    # agreement only, and would break nothing: b explains more, so it is the one named.
    assert explain(found, rows) == [Misprint(("b",), Decimal(-1), (0, 2))]


def test_a_change_that_breaks_an_identity_that_holds_explains_nothing():
    # t = x + y holds (9 = 4 + 5); x is printed as 4 here and 3 in another table.
    amounts = {"t": "9", "x": "4", "y": "5", "x2": "3"}
    found = [_sum("t", {"t": 1, "x": -1, "y": -1}, amounts), _sum("x", {"x": 1, "x2": -1}, amounts)]
    # x - 1 would break t = x + y; x2 + 1 repairs the agreement and breaks nothing.
    assert explain(found, {c: c for c in amounts}) == [Misprint(("x2",), Decimal(1), (1,))]


def test_two_cells_of_one_row_carrying_one_error_are_one_cause():
    # Row r: total = basic (no project), both printed 1 too high; the column sums break.
    amounts = {"total": "6", "basic": "6", "sum_total": "5", "sum_basic": "5"}
    found = [_sum("total", {"total": 1, "basic": -1}, amounts),
             _sum("sum_total", {"sum_total": 1, "total": -1}, amounts),
             _sum("sum_basic", {"sum_basic": 1, "basic": -1}, amounts)]
    rows = {"total": "r", "basic": "r", "sum_total": "s1", "sum_basic": "s2"}
    # Either cell alone would break the row; each sum alone explains one finding, not two.
    assert explain(found, rows) == [Misprint(("basic", "total"), Decimal(-1), (1, 2))]


def test_two_cells_that_explain_the_same_finding_as_well_leave_it_uncaused():
    amounts = {"a": "1", "b": "2"}
    assert explain([_sum("a", {"a": 1, "b": -1}, amounts)], {"a": "r1", "b": "r2"}) == []


def test_an_amount_left_out_of_a_blank_cell_is_a_cause_only_where_no_printed_amount_explains_as_much():
    # Row r: total = gpb + fund, printed 38.03 = 38.00 + blank. The 38.00 is printed again
    # elsewhere (gpb2), so gpb is not the cause; the total 0.03 too high or 0.03 left out of the
    # blank fund cell mend the row alike.
    amounts = {"total": "38.03", "gpb": "38.00", "fund": "0", "gpb2": "38.00"}
    row = _sum("total", {"total": 1, "gpb": -1, "fund": -1}, amounts)
    found = [row, _sum("gpb", {"gpb": 1, "gpb2": -1}, amounts)]
    rows = {"total": "r", "gpb": "r", "fund": "r", "gpb2": "r2"}
    assert explain(found, rows, frozenset({"fund"})) == [Misprint(("total",), Decimal("-0.03"), (0,))]
    # The fund cell's column adds up elsewhere to 0.03 more than it prints: only the amount
    # left out mends both, and it is named.
    column = Identity("S", "fund_sum", {"fund_sum": 1, "fund": -1}, Decimal("0.03"), Decimal(0))
    rows["fund_sum"] = "s"
    assert explain([*found, column], rows, frozenset({"fund"})) == [Misprint(("fund",), Decimal("0.03"), (0, 2))]
    # A blank cell never takes a negative amount: spending left out is more than nothing. Row
    # p = a + fund prints 5.00 = 5.03 + blank, p and a printed again alike: nothing is named.
    amounts = {"p": "5.00", "a": "5.03", "fund": "0", "p2": "5.00", "a2": "5.03"}
    found = [_sum("p", {"p": 1, "a": -1, "fund": -1}, amounts), _sum("p2", {"p": 1, "p2": -1}, amounts),
             _sum("a2", {"a": 1, "a2": -1}, amounts)]
    rows = {"p": "r", "a": "r", "fund": "r", "p2": "r2", "a2": "r3"}
    assert explain(found, rows, frozenset({"fund"})) == []


def test_a_difference_the_rounding_of_the_figures_can_make_names_no_cell():
    # 深圳 2026 表8: 301 prints 2,522.02; its nine 款 (printed to the cent) add up to 2,522.03.
    children = {f"c{n}": "280.23" for n in range(8)} | {"c8": "280.19"}
    amounts = {"p": "2522.02"} | children
    parent = _sum("p", {"p": 1} | {c: -1 for c in children}, amounts)
    assert parent.residual == Decimal("-0.01")
    rounded = replace(parent, rounding=Decimal("0.005") * len(amounts))  # what identities() gives it
    assert explain([rounded], {c: c for c in amounts}) == []
    # The same 0.01 between two figures of one amount is no rounding: it names the cell, and
    # the cell then takes the sum it also repairs.
    agreement = _sum("p", {"p": 1, "p2": -1}, amounts | {"p2": "2522.03"})
    assert explain([rounded, agreement], {c: c for c in [*amounts, "p2"]}) == [
        Misprint(("p",), Decimal("0.01"), (0, 1))]


def test_a_child_row_that_only_its_parent_sums_would_be_as_well_printed_nowhere():
    # 福州 2026: 20402 prints 项目支出 1,370.70 and 合计 7,927.40; 2040201 has no 项目支出
    # (6,556.70 basic) and 2040299 prints 1,051.46 in both. 319.24 is under no printed 项.
    # 20402 is the one 款 of 204, which prints 7,927.40 and 1,370.70 too.
    found = [Identity(PARENT, "p.total", {"p.total": 1, "a.total": -1, "b.total": -1},
                      Decimal("7927.40"), Decimal("7608.16")),
             Identity(PARENT, "p.project", {"p.project": 1, "b.project": -1}, Decimal("1370.70"), Decimal("1051.46")),
             Identity(PARENT, "g.total", {"g.total": 1, "p.total": -1}, Decimal("7927.40"), Decimal("7927.40")),
             Identity(PARENT, "g.project", {"g.project": 1, "p.project": -1}, Decimal("1370.70"), Decimal("1370.70"))]
    rows = {"p.total": "p", "p.project": "p", "a.total": "a", "b.total": "b", "b.project": "b", "g.total": "g",
            "g.project": "g"}
    assert explain(found, rows) == []
    # Printed again in another table that says 1,370.70, row b is the misprint after all.
    again = Identity("BK-AGREE-LINE", "b2", {"b.project": 1, "b2": -1}, Decimal("1051.46"), Decimal("1370.70"))
    assert explain([*found, again], rows | {"b2": "b2"}) == [
        Misprint(("b.project", "b.total"), Decimal("319.24"), (0, 1, 4))]


def test_a_child_row_printed_too_large_in_both_its_columns_is_named_though_only_parent_sums_break():
    # A class p prints 合计 10.00 and 公用经费 6.00 over two children: a, 4.00 in its 合计 only,
    # and b, printed 6.50 in both its 合计 and 公用经费 instead of 6.00. b's row adds up; p's two
    # sums do not. A row printed nowhere would only add to p's children, not make them 0.50
    # smaller: b is the cause. (The 合计 row g, 10.00 and 6.00, holds p to what it prints.)
    amounts = {"p.total": "10.00", "p.public": "6.00", "a.total": "4.00", "b.total": "6.50", "b.public": "6.50",
               "g.total": "10.00", "g.public": "6.00"}
    found = [_sum("p.total", {"p.total": 1, "a.total": -1, "b.total": -1}, amounts),
             _sum("p.public", {"p.public": 1, "b.public": -1}, amounts),
             _sum("b.total", {"b.total": 1, "b.public": -1}, amounts),
             _sum("g.total", {"g.total": 1, "p.total": -1}, amounts),
             _sum("g.public", {"g.public": 1, "p.public": -1}, amounts)]
    found = [replace(i, shape=PARENT) if i.at.startswith(("p.", "g.")) else i for i in found]
    rows = {cell: cell.split(".")[0] for cell in amounts}
    assert explain(found, rows) == [Misprint(("b.public", "b.total"), Decimal("-0.50"), (0, 1))]
    # Printed 5.50 instead (0.50 too small), a row printed nowhere would do as well: no cause.
    smaller = amounts | {"b.total": "5.50", "b.public": "5.50"}
    found = [replace(i, left=_sum(i.at, i.coefs, smaller).left, right=_sum(i.at, i.coefs, smaller).right)
             for i in found]
    assert explain(found, rows) == []


# -- misprints planted in the sample ----------------------------------------------------------


@cache
def _sample() -> Document:
    return read_document(sample_path())


def _validate(changes: list[tuple[str, str, str, str]]):
    """Validate the sample with 323001's cells (table, row, column) printed as given."""
    document = copy.deepcopy(_sample())
    unit = next(u for u in document.units if u.code == "323001")
    for table, row, column, amount in changes:
        unit.table(table).line(row).values[column] = Decimal(amount)
    return validate_graph(graph_from_quads(document_quads(document)), document=document.source)


def _grouped(task) -> set[tuple]:
    return {(f.code, f.table, f.row, f.column, f.cause) for f in task.findings}


def _causes(task) -> list[tuple]:
    return [(c.id, c.delta, [(x.table, x.row, x.column, x.printed, x.needed) for x in c.cells], len(c.findings))
            for c in task.causes]


#: The sample's one genuine finding: its narrative plans 33.00 万元 of purchases that the
#: procurement budget (0.00) does not hold. No cell explains it.
GENUINE = ("BK-NARR-PROCUREMENT", "narrative", "assets.planned_purchases", None, None)


@pytest.fixture(scope="module")
def leaf_row_misprinted():
    # 单位预算支出总表 (page 5): 2080150 事业运行 prints 合计 26.20 and 基本支出 26.20; both 26.70.
    return _validate([("expenditure", "2080150", "total", "26.70"), ("expenditure", "2080150", "basic", "26.70")])


def test_a_leaf_row_misprinted_in_both_its_columns_is_one_cause_of_all_its_findings(leaf_row_misprinted):
    task = leaf_row_misprinted
    # The row still adds up; 20801 (861.59 = …, 491.66 = …) and the tables that print the
    # line again (一般公共预算支出表 26.20 in both columns, 收入总表 26.20) do not.
    assert _grouped(task) == {
        ("BK-SUM-PARENT", "expenditure", "20801", "total", "C1"),
        ("BK-SUM-PARENT", "expenditure", "20801", "basic", "C1"),
        ("BK-AGREE-LINE", "gpb_expenditure", "2080150", "total", "C1"),
        ("BK-AGREE-LINE", "gpb_expenditure", "2080150", "basic", "C1"),
        ("BK-AGREE-LINE", "income", "2080150", "total", "C1"),
        GENUINE,
    }
    assert _causes(task) == [("C1", "-0.50", [("expenditure", "2080150", "basic", "26.70", "26.20"),
                                              ("expenditure", "2080150", "total", "26.70", "26.20")], 5)]
    assert task.causes[0].cells[0].row_label == "2080150 事业运行" and task.causes[0].cells[0].page == 5


@pytest.fixture(scope="module")
def total_misprinted():
    # 单位预算支出总表: 合计 prints 3889.89; here 3899.89.
    return _validate([("expenditure", "total", "total", "3899.89")])


def test_a_misprinted_total_is_one_cause_of_its_row_its_column_and_the_tables_that_repeat_it(total_misprinted):
    assert _grouped(total_misprinted) == {
        ("BK-ROW-TOTAL", "expenditure", "total", "total", "C1"),  # 合计 = 685.86 + 3204.03
        ("BK-SUM-TOTAL", "expenditure", "total", "total", "C1"),  # 合计 = the sum of its 类 rows
        ("BK-AGREE-LINE", "gpb_expenditure", "total", "total", "C1"),
        ("BK-AGREE-LINE", "income", "total", "total", "C1"),
        ("BK-AGREE-SUMMARY", "summary", "expenditure.current_total", "amount", "C1"),
        # The narrative states 3889.89, the amount the identities need in that cell: the
        # statement follows from the same misprint.
        ("BK-NARR-AMOUNT", "narrative", "expenditure.total", None, "C1"),
        GENUINE,
    }
    assert _causes(total_misprinted) == [("C1", "-10.00", [("expenditure", "total", "total", "3899.89", "3889.89")], 6)]


def test_two_cells_of_one_row_misprinted_apart_are_two_causes_and_their_row_sum_needs_both():
    # 2080101 行政运行 prints 475.46 = 465.46 + 10.00; here 基本支出 466.46 and 项目支出 12.00.
    task = _validate([("expenditure", "2080101", "basic", "466.46"), ("expenditure", "2080101", "project", "12.00")])
    assert _grouped(task) == {
        ("BK-SUM-PARENT", "expenditure", "20801", "basic", "C1"),
        ("BK-AGREE-LINE", "gpb_expenditure", "2080101", "basic", "C1"),
        ("BK-SUM-PARENT", "expenditure", "20801", "project", "C2"),
        ("BK-AGREE-LINE", "gpb_expenditure", "2080101", "project", "C2"),
        # 475.46 ≠ 466.46 + 12.00: no single cell repairs it (it is off by 3.00, each by 1.00 or
        # 2.00), both together do; it is listed under both and carries the first.
        ("BK-ROW-TOTAL", "expenditure", "2080101", "total", "C1"),
        GENUINE,
    }
    assert _causes(task) == [("C1", "-1.00", [("expenditure", "2080101", "basic", "466.46", "465.46")], 3),
                             ("C2", "-2.00", [("expenditure", "2080101", "project", "12.00", "10.00")], 3)]
    row_sum = next(f.id for f in task.findings if f.code == "BK-ROW-TOTAL")
    assert [c.together for c in task.causes] == [(row_sum,), (row_sum,)]
    assert "1 of them together with another misprint" in task.causes[0].message


def test_a_misprint_planted_in_the_text_is_read_in_its_cell_and_named_as_the_cause(tmp_path):
    # 单位预算收入总表 prints "18 20827 3.20 3.20 3.20" (合计, 本年收入小计, 财政拨款收入); its
    # 合计 reads 4.20 here. The reader keeps it in its cell (the table is not lost), and one
    # cause explains every finding: the row (4.20 ≠ 3.20), 20827's children (1.20 + 2.00),
    # 208's children (3798.89 printed, 3799.89 with 4.20) and the 支出总表's 20827 (3.20).
    text = sample_path().read_text(encoding="utf-8")
    at = text.index("3.20", text.index("单位预算收入总表"))
    copy_path = tmp_path / "misprinted.txt"
    copy_path.write_text(text[:at] + "4.20" + text[at + 4:], encoding="utf-8")
    document = read_document(copy_path)
    assert document.unplaced == []
    task = validate_graph(graph_from_quads(document_quads(document)), document=document.source)
    assert _grouped(task) == {
        ("BK-ROW-TOTAL", "income", "20827", "total", "C1"),
        ("BK-SUM-PARENT", "income", "20827", "total", "C1"),
        ("BK-SUM-PARENT", "income", "208", "total", "C1"),
        ("BK-AGREE-LINE", "income", "20827", "total", "C1"),
        GENUINE,
    }
    assert _causes(task) == [("C1", "-1.00", [("income", "20827", "total", "4.20", "3.20")], 4)]


def test_an_amount_left_out_of_the_text_is_named_as_the_cause_its_cell_blank(tmp_path):
    # 323003's 单位预算支出总表 prints 2101102 事业单位医疗's 合计 22.00 alone on its line (page
    # 37), then its 基本支出 22.00; the 合计 is left out here. The cell is blank, and one cause
    # explains every finding: the row (blank ≠ 22.00), 21011's children (22.00 without it) and
    # the two tables that print the line again. No other cell, printed or blank, mends them all.
    lines = sample_path().read_text(encoding="utf-8").split("\n")
    start = [n for n, line in enumerate(lines) if line == " 单位预算支出总表"][1]
    at = next(n for n in range(start, len(lines)) if lines[n] == "22.00")
    lines[at] = ""
    copy_path = tmp_path / "left-out.txt"
    copy_path.write_text("\n".join(lines), encoding="utf-8")
    document = read_document(copy_path)
    assert document.unplaced == []
    assert document.units[1].table("expenditure").line("2101102").values == {"basic": Decimal("22.00")}
    task = validate_graph(graph_from_quads(document_quads(document)), document=document.source)
    assert _grouped(task) == {
        ("BK-ROW-TOTAL", "expenditure", "2101102", None, "C1"),
        ("BK-SUM-PARENT", "expenditure", "21011", "total", "C1"),
        ("BK-AGREE-LINE", "gpb_expenditure", "2101102", "total", "C1"),
        ("BK-AGREE-LINE", "income", "2101102", "total", "C1"),
        GENUINE,
    }
    assert _causes(task) == [("C1", "22.00", [("expenditure", "2101102", "total", "", "22.00")], 4)]
    assert task.causes[0].cells[0].page == 37
    assert task.causes[0].message.endswith("row “2101102 事业单位医疗”: total is blank (22.00 would satisfy them).")
    # A blank cell is named only as a cause, never as a printed term of a finding.
    row = next(f for f in task.findings if f.code == "BK-ROW-TOTAL")
    assert [(t.cell.removeprefix(LINE), t.amount) for t in row.terms] == [("323003/2023/expenditure/2101102/basic", "22.00")]


def test_every_finding_has_an_id_and_an_arithmetic_one_its_cells(total_misprinted):
    findings = total_misprinted.findings
    assert [f.id for f in findings] == [f"F{n}" for n in range(1, len(findings) + 1)]
    row = next(f for f in findings if f.code == "BK-ROW-TOTAL")
    assert [(t.cell.removeprefix(LINE), t.coef, t.amount) for t in row.terms] == [
        ("323001/2023/expenditure/total/total", 1, "3899.89"),
        ("323001/2023/expenditure/total/basic", -1, "685.86"),
        ("323001/2023/expenditure/total/project", -1, "3204.03"),
    ]
    assert next(f for f in findings if f.code == "BK-NARR-PROCUREMENT").terms == ()


def test_json_keeps_every_finding_and_links_each_to_its_cause(total_misprinted):
    report = Report(tasks=[total_misprinted])
    data = json.loads(to_json(report))
    assert data == report.to_dict()  # what `kg validate --format json` prints is the library's report
    [task] = data["tasks"]
    [cause] = task["causes"]
    assert cause["findings"] == [f["id"] for f in task["findings"] if f["cause"] == "C1"]
    assert len(task["findings"]) == 7 and len(cause["findings"]) == 6
    [cell] = cause["cells"]
    assert (cell["node"], cell["printed"], cell["needed"]) == (LINE + "323001/2023/expenditure/total/total",
                                                               "3899.89", "3889.89")


def test_turtle_links_each_explained_result_to_its_cause(total_misprinted):
    graph = Graph().parse(data=to_turtle(Report(tasks=[total_misprinted])), format="turtle")
    results = list(graph.subjects(RDF.type, SH.ValidationResult))
    assert len(results) == 7
    [cause] = graph.subjects(RDF.type, BK.Cause)
    assert set(graph.objects(cause, BK.misprintedCell)) == {URIRef(LINE + "323001/2023/expenditure/total/total")}
    assert graph.value(cause, BK.correction) == Literal(Decimal("-10.00"))
    explained = {str(graph.value(r, SH.sourceShape)).rsplit("/", 1)[-1] for r in results
                 if graph.value(r, BK.cause) == cause}
    assert explained == {"BK-ROW-TOTAL", "BK-SUM-TOTAL", "BK-AGREE-LINE", "BK-AGREE-SUMMARY", "BK-NARR-AMOUNT"}
    assert sum(graph.value(r, BK.cause) == cause for r in results) == 6


def test_text_and_html_show_the_cause_first_with_its_findings_under_it(total_misprinted):
    text = to_text(Report(tasks=[total_misprinted]))
    lines = text.splitlines()
    assert lines[1] == ("  C1 Most likely misprint, explains 6 findings: 323001 expenditure p.5, row “合计”: "
                        "total prints 3899.89 (3889.89 would satisfy them).")
    assert lines[2] == ("     最可能的误印，可解释以下 6 项：323001 expenditure 第 5 页“合计”行，"
                        "total 列印为 3899.89（若为 3889.89 则以下各项均成立）。")
    under = lines[3:3 + 6 * 3]  # each finding: its header line and two messages
    assert [line.split()[1] for line in under[::3]] == [f.code for f in total_misprinted.findings if f.cause == "C1"]
    assert text.index("BK-NARR-PROCUREMENT") > max(text.index("BK-AGREE-SUMMARY"), text.index("BK-NARR-AMOUNT"))
    page = to_html(Report(tasks=[total_misprinted]))
    assert page.index("最可能的误印") < page.index("BK-ROW-TOTAL") < page.index("BK-NARR-AMOUNT") \
        < page.index("其他问题") < page.index("BK-NARR-PROCUREMENT")


# -- a real 普陀区 document ----------------------------------------------------------------


def test_a_misprinted_class_total_of_a_real_shanghai_table_is_one_cause(shared_samples):
    # 万里街道 2024, 部门支出预算总表 (page 19): “212 01 城乡社区管理事务 94,450,003 76,609,000
    # 17,841,003”; its 项 rows 16,603,248 + 17,591,003 + 6,043,390 + 54,212,362 = 94,450,003.
    # The same line is printed in 部门收入预算总表 (page 14) and in the 一般公共预算支出功能分类预算表
    # (page 25). Here its 合计 reads 94,450,004.
    path = Path(shared_samples / "shanghai" / "putuo-wanli-2024-dept-budget.pdf")
    document = read_document(path)
    line = document.units[0].table("expenditure").line("21201")
    assert line.values == {"total": Decimal(94450003), "basic": Decimal(76609000),
                           "project": Decimal(17841003)}
    line.values["total"] += 1
    task = validate_graph(graph_from_quads(document_quads(document)), document=document.source)
    caused = {(f.code, f.table, f.row, f.column) for f in task.findings if f.cause == "C1"}
    assert caused == WANLI_21201
    [cause] = task.causes
    [cell] = cause.cells
    assert (cell.table, cell.row, cell.column, cell.page, cell.printed, cell.needed, cause.delta) == (
        "expenditure", "21201", "total", 19, "94450004", "94450003", "-1")
    # Its seven genuine findings (test_validate_shanghai.py) stay, explained by no cell.
    assert sorted(f.code for f in task.findings if f.cause is None) == ["BK-EMPTY-TABLE"] * 6 + ["BK-NARR-AMOUNT"]


WANLI_21201 = {
    ("BK-ROW-TOTAL", "expenditure", "21201", "total"),  # 合计 = 基本支出 + 项目支出
    ("BK-SUM-PARENT", "expenditure", "21201", "total"),  # 21201 = its 项 rows
    ("BK-SUM-PARENT", "expenditure", "212", "total"),  # 212 = its 款 rows
    ("BK-AGREE-LINE", "income", "21201", "total"),
    ("BK-AGREE-LINE", "gpb_expenditure", "21201", "total"),
}
