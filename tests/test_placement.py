"""The placement search (kg/read/tables/placement/) on puzzles small enough to check by hand."""

from __future__ import annotations

from decimal import Decimal as D

from kg.read.tables.placement import Cell, Identity, Limits, Puzzle, Row, Token, solve
from kg.read.tables.placement.stop import Stop


def column_puzzle(*amounts: str) -> Puzzle:
    """One column: a 合计 row and one row per further amount, 合计 = the sum of the rows."""
    rows = [Row(key, 1, cells={"total": i}) for i, key in enumerate(["total", *(f"r{n}" for n in range(1, len(amounts)))])]
    cells = [Cell(i, i, "total", 0, 1) for i in range(len(amounts))]
    tokens = [Token(i, D(text), text, 1, 10 + i) for i, text in enumerate(amounts)]
    terms = ((1, 0), *((-1, i) for i in range(1, len(amounts))))
    return Puzzle(rows, cells, tokens, [Identity("total-sum", "total", "total", terms)])


def test_a_row_is_read_into_the_cells_its_identity_allows():
    # total = basic + project, the three printed as three column streams.
    row = Row("201", 1, cells={"total": 0, "basic": 1, "project": 2})
    cells = [Cell(0, 0, "total", 0, 1), Cell(1, 0, "basic", 1, 1), Cell(2, 0, "project", 2, 1)]
    tokens = [Token(0, D("5.00"), "5.00", 1, 1), Token(1, D("2.00"), "2.00", 1, 2), Token(2, D("3.00"), "3.00", 1, 3)]
    identity = Identity("row-sum", "201", "total", ((1, 0), (-1, 1), (-1, 2)))
    solution = solve(Puzzle([row], cells, tokens, [identity]))
    assert {c: t.text for c, t in solution.values.items()} == {0: "5.00", 1: "2.00", 2: "3.00"}
    assert solution.broken == [] and solution.unplaced == [] and not solution.gave_up


def test_a_misprinted_total_stays_in_its_cell_and_breaks_only_its_own_identity():
    # 10.00 is printed where 4.00 + 5.00 = 9.00 belongs: every amount keeps its printed place.
    solution = solve(column_puzzle("10.00", "4.00", "5.00"))
    assert {c: t.text for c, t in solution.values.items()} == {0: "10.00", 1: "4.00", 2: "5.00"}
    assert [(b.kind, b.row) for b in solution.broken] == [("total-sum", "total")]
    assert solution.unplaced == [] and solution.ambiguous == []


def test_rows_printed_column_by_column_are_read_in_their_printed_order():
    # 合计 and two rows, total = basic + project, printed column by column: 合计 9 4 5, then
    # basic 6 4 2, then project 3 (合计's and 202's). Read row by row instead ("9 4 5" the
    # 合计 row), the basic column would not add up (4 ≠ 4 + 3).
    rows = [Row(key, 1, cells={"total": 3 * r, "basic": 3 * r + 1, "project": 3 * r + 2}, expects_amount=r > 0)
            for r, key in enumerate(["total", "201", "202"])]
    cells = [Cell(3 * r + k, r, column, k, 1) for r in range(3) for k, column in enumerate(["total", "basic", "project"])]
    printed = ["9.00", "4.00", "5.00", "6.00", "4.00", "2.00", "3.00", "3.00"]
    tokens = [Token(i, D(text), text, 1, 10 + i) for i, text in enumerate(printed)]
    identities = [Identity("row-sum", key, "total", ((1, 3 * r), (-1, 3 * r + 1), (-1, 3 * r + 2)))
                  for r, key in enumerate(["total", "201", "202"])]
    identities += [Identity("total-sum", "total", column, ((1, k), (-1, 3 + k), (-1, 6 + k)))
                   for k, column in enumerate(["total", "basic", "project"])]
    solution = solve(Puzzle(rows, cells, tokens, identities), Limits(nodes=0))  # the layout alone reads it
    values = {(rows[cells[c].row].key, cells[c].column): t.text for c, t in solution.values.items()}
    assert values == {("total", "total"): "9.00", ("201", "total"): "4.00", ("202", "total"): "5.00",
                      ("total", "basic"): "6.00", ("201", "basic"): "4.00", ("202", "basic"): "2.00",
                      ("total", "project"): "3.00", ("202", "project"): "3.00"}
    assert solution.broken == [] and solution.unplaced == [] and not solution.gave_up


def test_a_search_that_stops_satisfied_has_not_given_up():
    # Stop looking at once after the first placement: that is the stopping rule, not a limit hit.
    solution = solve(column_puzzle("9.00", "4.00", "5.00"), Limits(after_first=0))
    assert len(solution.values) == 3 and not solution.gave_up


def test_a_search_out_of_nodes_says_it_gave_up():
    # No layout reading either (no node for it), so the search is what gives up.
    solution = solve(column_puzzle("9.00", "4.00", "5.00"), Limits(nodes=1, layout_nodes=0))
    assert solution.gave_up
    assert [t.text for t in solution.unplaced] == ["9.00", "4.00", "5.00"]


def test_the_stopping_rule_counts_nodes_after_the_first_placement():
    stop = Stop(nodes=100, after_first=2)
    stop.spend()
    stop.found()
    stop.spend(), stop.spend()
    assert not stop.check_satisfied()
    stop.spend()
    assert stop.check_satisfied() and stop.done and not stop.gave_up


def test_running_out_of_nodes_before_any_placement_is_giving_up():
    stop = Stop(nodes=2, after_first=1000)
    stop.spend(), stop.spend()
    assert stop.done and stop.gave_up


def test_an_amount_the_identities_let_into_any_of_several_rows_is_ambiguous_not_put_in_the_first():
    # 合计 9.00 over twenty rows, and 2.00, 3.00 and 4.00 printed apart from their labels:
    # any three rows in printed order fit equally well (1,140 ways). The depth-first search
    # varies its last rows first, so every placement it keeps puts 2.00 in r1.
    tokens = column_puzzle("9.00", "2.00", "3.00", "4.00").tokens
    rows = [Row(key, 1, cells={"total": i}) for i, key in enumerate(["total", *(f"r{n}" for n in range(1, 21))])]
    cells = [Cell(i, i, "total", 0, 1) for i in range(21)]
    identity = Identity("total-sum", "total", "total", ((1, 0), *((-1, i) for i in range(1, 21))))
    solution = solve(Puzzle(rows, cells, tokens, [identity]), Limits(layout_nodes=0))  # the search alone
    assert {c: t.text for c, t in solution.values.items()} == {0: "9.00"}
    assert sorted(t.text for t in solution.ambiguous) == ["2.00", "3.00", "4.00"]
    assert solution.unplaced == []
