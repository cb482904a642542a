"""``kg summary``: one line per budget unit in the store."""

from __future__ import annotations

import typer

from kg.cli.common import boundary, render_table
from kg.cli.options import DEFAULT_STORE, StoreOpt
from kg.resources import resource

#: The canned query behind the command; ``kg query`` runs it too.
QUERY = ("queries", "unit-summary.rq")

NUMERIC = {"tables", "income_total", "expenditure_total", "basic", "project"}


def summary(store: StoreOpt = DEFAULT_STORE) -> None:
    """Summarise the store: one line per budget unit and year, with its totals.

    Shows the unit code and name, the number of tables read, 收入总计 and the 支出总表's
    合计 split into basic and project expenditure, all in 万元 (currency) whatever the
    document prints, so that units compare and add up; printed_currency is the unit the
    document prints (a table in 元 is divided by 10,000, exactly). The same answer as
    kg query queries/unit-summary.rq.

    [bold]Examples[/bold]

    kg summary

    kg summary --store kg-store
    """
    from kg import store as kg_store  # imported when the command runs (see kg.cli)

    sparql = resource(*QUERY).read_text(encoding="utf-8")
    with boundary(), kg_store.open(store, read_only=True) as opened:
        solutions = opened.query(sparql)
        names = [v.value for v in solutions.variables]
        rows = [[solution[name].value if solution[name] else "" for name in names] for solution in solutions]
    numeric = {i for i, name in enumerate(names) if name in NUMERIC}
    typer.echo(render_table(names, rows, numeric=numeric))
    typer.echo(f"({len(rows)} units)")
