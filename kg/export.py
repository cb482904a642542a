"""CSV exports of the graph, one SPARQL query per file (``queries/export/*.rq``).

The file names and columns are a contract with users; the queries are the source
of truth for both (the CSV header is the query's ``SELECT`` list, in order).
Amounts are written as printed (``bk:printedAmount``: ``"10.00"``, not the
store-canonicalised ``"10"``), with the unit the table prints (``currency``: 万元 or 元)
and again in 元 (``*_yuan``, ``yuan``); a blank cell is an empty string.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pyoxigraph

from kg.resources import resource

__all__ = ["EXPORTS", "export_csv", "export_rows"]

#: CSV file → query file under ``queries/export/``.
EXPORTS: dict[str, str] = {
    "units.csv": "units.rq",
    "function_lines.csv": "function_lines.rq",
    "income_lines.csv": "income_lines.rq",
    "economic_lines.csv": "economic_lines.rq",
    "duties.csv": "duties.rq",
    "narrative_facts.csv": "narrative_facts.rq",
    "projects.csv": "projects.rq",
    "indicators.csv": "indicators.rq",
    "legal_documents.csv": "legal_documents.rq",
}


def export_rows(store: pyoxigraph.Store, file_name: str) -> tuple[list[str], list[list[str]]]:
    """The header and rows one CSV file would hold.

    :param store: a store holding document graphs
    :param file_name: one of :data:`EXPORTS` (``"function_lines.csv"``)
    :raises KeyError: for a file name that is not an export
    """
    query = resource("queries", "export", EXPORTS[file_name]).read_text(encoding="utf-8")
    solutions = store.query(query)
    header = [variable.value for variable in solutions.variables]
    rows = [[_text(solution[name]) for name in header] for solution in solutions]
    return header, rows


def export_csv(store: pyoxigraph.Store, out_dir: Path) -> dict[str, int]:
    """Write every CSV export into ``out_dir`` (created if missing).

    :param store: a store holding document graphs
    :param out_dir: folder for ``units.csv``, ``function_lines.csv``, ``income_lines.csv``,
        ``economic_lines.csv``, ``duties.csv`` and ``narrative_facts.csv`` (overwritten)
    :returns: file name → number of data rows written

    >>> import tempfile, pyoxigraph
    >>> export_csv(pyoxigraph.Store(), Path(tempfile.mkdtemp()))["units.csv"]
    0
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = {}
    for file_name in EXPORTS:
        header, rows = export_rows(store, file_name)
        # UTF-8 without BOM and "\n" line ends: byte-identical on every platform.
        with (out_dir / file_name).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
        counts[file_name] = len(rows)
    return counts


def _text(term: object) -> str:
    # Unbound (blank cell, missing name) → ""; literals and IRIs → their lexical text.
    return "" if term is None else term.value
