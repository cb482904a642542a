"""CSV exports of the graph, one SPARQL query per file (``queries/export/*.rq``).

The file names and columns are a contract with users; the queries are the source
of truth for both (the CSV header is the query's ``SELECT`` list, in order).
Amounts are written as printed (``bk:printedAmount``: ``"10.00"``, not the
store-canonicalised ``"10"``), with the unit the table prints (``currency``: 万元 or 元)
and again in 元 (``*_yuan``, ``yuan``); a blank cell is an empty string.

Beside the CSV files goes ``datapackage.json``, a Frictionless Data Package that gives
each file its Table Schema (types, units, keys). Its content is declared in
``queries/export/datapackage.yaml``; this module only writes it out as JSON.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyoxigraph

from kg.resources import read_yaml, resource

__all__ = ["DATAPACKAGE", "EXPORTS", "data_package", "export_csv", "export_rows"]

#: The descriptor file written beside the CSV files.
DATAPACKAGE = "datapackage.json"

#: How :func:`export_csv` writes every file, said in Data Package terms: these follow the
#: writer (csv.writer with "\n" line ends), so they live beside it, not in the YAML.
_CSV_RESOURCE = {"profile": "tabular-data-resource", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                 "dialect": {"delimiter": ",", "lineTerminator": "\n", "quoteChar": '"', "header": True}}

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
    :param out_dir: folder for the files of :data:`EXPORTS` and their ``datapackage.json``
        (overwritten)
    :returns: CSV file name → number of data rows written

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
    # Same conventions as the CSV files: UTF-8 (the descriptions are Chinese), "\n", key order kept.
    text = json.dumps(data_package(), ensure_ascii=False, indent=2) + "\n"
    (out_dir / DATAPACKAGE).write_text(text, encoding="utf-8", newline="")
    return counts


def data_package() -> dict:
    """The Data Package descriptor of the CSV export, as ``datapackage.json`` holds it.

    One tabular resource per file of :data:`EXPORTS`, in that order, with the Table
    Schema of ``queries/export/datapackage.yaml``.

    >>> package = data_package()
    >>> [r["path"] for r in package["resources"]][:2], package["resources"][0]["schema"]["primaryKey"]
    (['units.csv', 'function_lines.csv'], ['unit_code', 'document'])
    """
    declared = read_yaml(resource("queries", "export", "datapackage.yaml"))
    by_path = {r["path"]: r for r in declared["resources"]}
    resources = [{"name": by_path[path]["name"], "path": path, **_CSV_RESOURCE,
                  "description": by_path[path]["description"], "schema": by_path[path]["schema"]}
                 for path in EXPORTS]
    return {"profile": "tabular-data-package", "name": declared["name"], "title": declared["title"],
            "description": declared["description"], "resources": resources}


def _text(term: object) -> str:
    # Unbound (blank cell, missing name) → ""; literals and IRIs → their lexical text.
    return "" if term is None else term.value
