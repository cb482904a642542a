"""The equation language (kg/equations.py): one parse, one expansion, and every consumer agrees.

The three consumers are the text reader's placement search (kg/read/tables/reconstruct.py),
the PDF reader's check of printed numbers (kg/read/tables/identities.py) and validation
(kg/validate/equations.py). The agreement tests build, for every profile, a unit that
prints every table of the profile with every cell filled by a distinct power of two: any
sum of cells then says exactly which cells were added, so two consumers agree when they
produce the same sums.
"""

from __future__ import annotations

import doctest
from dataclasses import replace
from decimal import Decimal, localcontext

import pytest
from rdflib import RDF

import kg.equations
from kg.equations import TableView, hierarchy, instances, parse, parse_term
from kg.rdf.mapping import document_quads
from kg.read.profiles import Profile, TableProfile, available_profiles, load_profile
from kg.read.tables.identities import identity_breaks
from kg.read.tables.placement import Row
from kg.read.tables.reconstruct import _puzzle
from kg.records import Document, Line, Location, Table, Unit, Unplaced
from kg.validate.document import graph_from_quads
from kg.validate.equations import BK, CHECK, equations_graph

CODES = {
    "function": ["201", "20101", "2010101", "2010102", "20102", "208", "20801", "2080101"],
    "economic": ["301", "30101", "30102", "302", "30201"],
}
CLASS_ROWS = ["201", "208"]


def test_a_row_level_equation_applies_to_every_row_of_its_table():
    table = TableView("expenditure", ("total", "201", "20101"), ("total", "basic", "project"), classified=True)
    found = instances(parse("total = basic + project"), table, {})
    assert [i.row for i in found] == ["total", "201", "20101"]
    assert [(r.coef, r.row, r.column) for r in found[1].refs] == [(1, "201", "total"), (-1, "201", "basic"),
                                                                   (-1, "201", "project")]


def test_class_rows_of_either_table_are_compared_so_a_row_missing_from_one_still_counts():
    summary = TableView("summary", ("201", "expenditure.grand_total"), ("total",))
    gpb = TableView("gpb_expenditure", ("total", "201", "205"), ("total",), classified=True)
    found = instances(parse("[class].total = gpb_expenditure[class].total"), summary, {"gpb_expenditure": gpb})
    assert [i.row for i in found] == ["201", "205"]
    assert found[1].at.table == "summary" and found[1].other.table == "gpb_expenditure"


def test_an_equation_over_a_column_or_table_that_is_not_printed_does_not_apply():
    table = TableView("expenditure", ("total",), ("total", "basic"), classified=True)
    assert instances(parse("total = basic + project"), table, {}) == []
    assert instances(parse("[total].total = gpb_expenditure[total].total"), table, {}) == []


def test_a_sum_reads_every_class_row_and_is_compared_once():
    table = TableView("summary", ("201", "208", "expenditure.current_total"), ("amount",))
    (found,) = instances(parse("[expenditure.current_total].amount = sum([class].amount)"), table, {})
    assert found.row is None and found.at.row == "expenditure.current_total"
    assert [(r.coef, r.row) for r in found.refs] == [(1, "expenditure.current_total"), (-1, "201"), (-1, "208")]


def test_the_hierarchy_sums_printed_children_under_their_parent_and_the_class_rows_into_the_total():
    # 2999999 is printed under no parent (a misprinted code): it is in neither sum.
    table = TableView("expenditure", ("total", "201", "20101", "20102", "205", "2999999"), ("total",),
                      classified=True)
    sums = {(i.rule, i.row): sorted(r.row for r in i.refs if r.coef < 0) for i in hierarchy(table)}
    assert sums == {("parent = sum(children)", "201"): ["20101", "20102"],
                    ("合计 = sum(类)", "total"): ["201", "205"]}


def test_a_code_printed_without_its_parent_counts_under_its_nearest_printed_ancestor():
    # 西安 prints 3010201 津贴补贴 under 301 with no 30102 row; 30102 printed twice (split by
    # 政府经济科目) is keyed 30102 and 30102.2, and both are 301's children.
    table = TableView("gpb_economic", ("total", "301", "30101", "3010201", "30103", "30103.2"), ("total",),
                      classified=True)
    sums = {(i.rule, i.row): sorted(r.row for r in i.refs if r.coef < 0) for i in hierarchy(table)}
    assert sums[("parent = sum(children)", "301")] == ["30101", "3010201", "30103", "30103.2"]


def test_an_equation_over_a_row_not_printed_reads_0_or_does_not_apply_as_the_profile_says():
    table = TableView("three_public", ("three_public.total", "three_public.abroad"), ("total",))
    equation = parse("[three_public.total].total = [three_public.abroad].total + [three_public.reception].total")
    assert len(instances(equation, table, {})) == 1  # the template prints every row: 接待费 absent reads 0
    assert instances(replace(equation, absent_rows="skip"), table, {}) == []  # any province: does not apply


def test_where_absent_rows_do_not_apply_a_class_row_is_compared_only_where_both_tables_print_it():
    # Any province: 收支总表 may print every class at 0.00, or a row the reader took for a
    # class (301 工资福利支出, an economic item beside the classes), that 支出总表 does not.
    summary = TableView("summary", ("201", "205", "301", "expenditure.total"), ("total",))
    expenditure = TableView("expenditure", ("total", "201", "20101", "208"), ("total",), classified=True)
    equation = replace(parse("[class].total = expenditure[class].total"), absent_rows="skip")
    assert [i.row for i in instances(equation, summary, {"expenditure": expenditure})] == ["201"]
    by_purpose = TableView("summary", ("expenditure.basic", "expenditure.project", "expenditure.total"), ("total",))
    assert instances(equation, by_purpose, {"expenditure": expenditure}) == []


def test_a_named_row_inside_a_sum_is_an_optional_part_even_where_absent_rows_do_not_apply():
    # 江苏 2019 prints 单位预留机动经费 as a third part of 支出; 湖南 prints 基本 and 项目 only.
    equation = replace(parse("[expenditure.total].total = [expenditure.basic].total + [expenditure.project].total"
                             " + sum([expenditure.reserve].total)"), absent_rows="skip")
    three = TableView("summary", ("expenditure.basic", "expenditure.project", "expenditure.reserve",
                                  "expenditure.total"), ("total",))
    two = TableView("summary", ("expenditure.basic", "expenditure.project", "expenditure.total"), ("total",))
    by_class = TableView("summary", ("201", "expenditure.reserve", "expenditure.total"), ("total",))
    assert [r.row for r in instances(equation, three, {})[0].refs] == [
        "expenditure.total", "expenditure.basic", "expenditure.project", "expenditure.reserve"]
    assert [r.row for r in instances(equation, two, {})[0].refs] == [
        "expenditure.total", "expenditure.basic", "expenditure.project"]
    assert instances(equation, by_class, {}) == []  # 基本支出 not printed: 支出 is not printed by 用途


def test_a_column_inside_a_sum_of_a_row_level_equation_is_a_part_where_printed():
    equation = parse("total = basic + project + sum(reserve) + sum(remit_to_higher)")
    plain = TableView("expenditure", ("total", "201"), ("total", "basic", "project"), classified=True)
    reserved = TableView("expenditure", ("total",), ("total", "basic", "project", "reserve"), classified=True)
    assert [[(r.row, r.column) for r in i.refs] for i in instances(equation, plain, {})] == [
        [("total", "total"), ("total", "basic"), ("total", "project")], [("201", "total"), ("201", "basic"), ("201", "project")]]
    assert [(r.coef, r.column) for r in instances(equation, reserved, {})[0].refs] == [
        (1, "total"), (-1, "basic"), (-1, "project"), (-1, "reserve")]
    # The parts that are not optional still decide whether the equation applies.
    assert instances(equation, TableView("expenditure", ("total",), ("total", "basic"), classified=True), {}) == []


def test_a_row_that_voids_a_rule_voids_it_by_each_of_its_printings():
    # 西安 2022 prints two rows of money from balances (用事业基金弥补收支差额, 上年实户资金余额).
    summary = TableView("summary", ("expenditure.basic", "income.balance", "income.balance.2"), ("total",))
    economic = TableView("gpb_basic_economic", ("total",), ("total",))
    (found,) = instances(parse("[expenditure.basic].total = gpb_basic_economic[total].total"), summary,
                         {"gpb_basic_economic": economic}, void_if=(parse_term("summary[income.balance].total"),))
    assert [r.row for r in found.void_if] == ["income.balance", "income.balance.2"]


def test_a_table_whose_rows_are_not_codes_has_no_hierarchy():
    assert hierarchy(TableView("summary", ("income.gpb", "201"), ("amount",))) == []


def test_docstring_examples_run():
    assert doctest.testmod(kg.equations).failed == 0


# -- the three consumers agree ------------------------------------------------------------


def _rows(spec: TableProfile) -> list[tuple[str, list[str]]]:
    """(row key, its columns) of every row a full printing of the table has."""
    if spec.layout == "classified":
        return [(key, spec.columns) for key in ["total", *CODES[spec.classification]]]
    if spec.layout == "single_row":
        return [(key, spec.columns) for key in spec.cells]
    rows = []
    for side in spec.sides.values():
        for key in side.rows:
            rows += [(code, side.columns) for code in CLASS_ROWS] if key == "[class]" else [(key, side.columns)]
    return rows


def _unit(profile: Profile) -> tuple[Unit, dict[Decimal, tuple]]:
    """Every table of the profile, each cell a distinct power of two; and value → cell."""
    unit = Unit("000001", "单位", 2023, profile.currency)
    cells: dict[Decimal, tuple] = {}
    for spec in profile.tables:
        table = Table(spec.key, spec.title, list(spec.columns), pages=[1], classification=spec.classification)
        for key, columns in _rows(spec):
            values = {}
            for column in columns:
                values[column] = Decimal(2) ** len(cells)
                cells[values[column]] = (spec.key, key, column)
            code = key if key[:1].isdigit() else None
            table.lines.append(Line(key, key, values, Location("synthetic.txt", 1, spec.key), code))
        unit.tables.append(table)
    return unit, cells


def _cells(total: Decimal, cells: dict[Decimal, tuple]) -> frozenset:
    """The cells whose values add up to ``total`` (each a distinct power of two)."""
    bits, found = int(total), set()
    for value, cell in cells.items():
        if bits & int(value):
            found.add(cell)
    assert sum((v for v, c in cells.items() if c in found), Decimal(0)) == total
    return frozenset(found)


def _validation(profile: Profile, unit: Unit, cells) -> dict[str, set]:
    """Rule text → the (left cells, right cells) of each instance validation writes."""
    document = Document("synthetic.txt", "0" * 64, profile.id, profile.kind, [unit])
    data = graph_from_quads(document_quads(document))
    written = equations_graph(data)
    out: dict[str, set] = {}
    for node in written.subjects(RDF.type, CHECK.Equation):
        sides = [sum((Decimal(str(data.value(c, BK.amount))) for c in written.objects(node, side)), Decimal(0))
                 for side in (CHECK.left, CHECK.right)]
        out.setdefault(str(written.value(node, CHECK.rule)), set()).add(
            (_cells(sides[0], cells), _cells(sides[1], cells)))
    return out


def _search(profile: Profile, unit: Unit, cells) -> dict[str, set]:
    """Rule text → the (left cells, right cells) of each constraint the placement search is given."""
    placed: dict[str, Table] = {}
    out: dict[str, set] = {}
    for spec in profile.solving_order():
        table = unit.table(spec.key)
        rows = [Row(line.key, 1) for line in table.lines]
        problem = _puzzle(rows, [], spec, placed)
        values = {row.cells[column]: line.values[column] for row, line in zip(rows, table.lines)
                  for column in row.cells}
        for identity in problem.identities:
            if identity.hint:
                continue
            sides = [Decimal(0), Decimal(0)]
            for coef, cell in identity.terms:
                sides[coef < 0] += values[cell]
            # The cells of tables placed before are a constant, all on one side of the equation.
            sides[identity.constant < 0] += abs(identity.constant)
            out.setdefault(identity.rule, set()).add((_cells(sides[0], cells), _cells(sides[1], cells)))
        placed[spec.key] = table
    return out


@pytest.fixture(autouse=True)
def exact_sums():
    """Sums of up to a few hundred distinct powers of two, exactly (the default is 28 digits)."""
    with localcontext() as context:
        context.prec = 400
        yield


def _profiles(source: str) -> list[str]:
    return [p for p in available_profiles() if load_profile(p).source == source]


@pytest.mark.parametrize("profile_id", _profiles("text"))
def test_the_search_and_validation_read_the_same_cells_for_every_equation(profile_id):
    profile = load_profile(profile_id)
    unit, cells = _unit(profile)
    search = _search(profile, unit, cells)
    checked = _validation(profile, unit, cells)
    stated = {e.text for spec in profile.tables for e in [*spec.identities, *spec.agreements]}
    assert stated <= set(search), "every identity and agreement constrains the search"
    for rule in [*stated, "parent = sum(children)", "合计 = sum(类)"]:
        assert search[rule] == checked[rule], rule


@pytest.mark.parametrize("profile_id", available_profiles())
def test_the_pdf_check_and_validation_read_the_same_cells_for_every_identity(profile_id):
    profile = load_profile(profile_id)
    unit, cells = _unit(profile)
    checked = _validation(profile, unit, cells)
    for spec in profile.tables:
        table = unit.table(spec.key)
        rules = {e.text for e in spec.identities}
        if spec.layout == "classified":
            rules |= {"parent = sum(children)", "合计 = sum(类)"}
        if not rules:
            continue  # a table with no arithmetic of its own (绩效目标表, 政府采购)
        # Every cell is a distinct power of two, so every instance is broken and reported.
        pdf = {(_cells(b.actual, cells), _cells(b.expected, cells))
               for b in identity_breaks(table, spec, "synthetic.txt")}
        validated = {pair for rule in rules for pair in checked.get(rule, ())
                     if all(cell[0] == spec.key for side in pair for cell in side)}
        assert pdf == validated, spec.key
        assert pdf, f"{spec.key}: no identity checked"


@pytest.mark.parametrize(("left", "current_total_bound"), [
    ([], True),  # a table read whole: its empty 合计 cell is 0
    (["an integer that is neither a code nor a row or column number"], True),  # a stray integer is no amount
    (["no cell fits it"], False),  # its empty 合计 cell may hold the amount left unplaced
])
def test_an_agreement_reads_an_empty_cell_as_zero_only_when_its_table_placed_every_amount(
        left, current_total_bound):
    # The Hebei 收支总表 agrees with the 支出总表 read before it: its 本年支出合计 with the 合计
    # row's 合计, each class row with that row's 合计. The 支出总表 placed 5 in 208 and nothing in
    # its 合计 row; the 208 agreement binds either way.
    profile = load_profile("hebei-county")
    summary = next(spec for spec in profile.tables if spec.key == "summary")
    at = Location("synthetic.txt", 1)
    expenditure = Table("expenditure", "单位预算支出总表", ["total", "basic", "project"], classification="function",
                        lines=[Line("total", "合计", {}, at), Line("208", "", {"total": Decimal("5.00")}, at)],
                        unplaced=[Unplaced("3.00", at, reason) for reason in left])
    rows = [Row("expenditure.current_total", 1), Row("208", 1)]
    problem = _puzzle(rows, [], summary, {"expenditure": expenditure})
    row_of = {row.cells["amount"]: row.key for row in rows}
    agreements = {(row_of[cell], identity.constant) for identity in problem.identities
                  if identity.soft and not identity.hint for _, cell in identity.terms}
    assert ("208", Decimal("-5.00")) in agreements
    assert (("expenditure.current_total", 0) in agreements) is current_total_bound
