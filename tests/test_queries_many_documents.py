"""Canned queries over several documents that cite the same 文号 and use the same codes.

A legal document (``bk:LegalDocument``, one IRI per canonical 文号) and a classification code
are nodes of their own, described again in every document graph that cites or uses them. A
query that looks such a node up in a graph of its own (``GRAPH ?lg { ?legal … }``) finds it
once per document graph, and its rows multiply with the number of documents in the store.

The store here holds three disclosures: the bundled sample and two copies of its text whose
unit codes are changed (323001 → 523001 and 723001, 323003 → 523003 and 723003). That is
three graphs and six units, and the same indicators cite the same 文号 in each. Each query's
rows over the three must be the sample's rows once per disclosure, with that disclosure's unit
codes; a query that counts across units counts three times as many.

So that no query passes merely by being empty, every store first loses, in each document
graph, the satisfaction indicators of project 3 of unit X23001 and gains the summary the build
writes for such a project, bk:lacksLevel1 (then projects-missing-category has a row), and gains a validation report per document graph with one finding on each unit's
expenditure table (then validation-findings has rows). Only three-public stays empty: the
sample has no row for it (tests/test_queries_answers.py).
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import pytest
from query_answers import answer
from typer.testing import CliRunner

from kg.queries import catalogue
from kg.store.backend import Embedded

#: The first digit of each disclosure's unit codes: 3 is the sample itself, 5 and 7 its copies.
DISCLOSURES = ("3", "5", "7")

#: Canned queries without rows on the sample even after the edits below.
EMPTY_ON_THE_SAMPLE = {"three-public"}

#: A limit larger than any ranking of the sample, so that the whole ranking is compared.
EVERYTHING = "100000"

WITHOUT_SATISFACTION = """
PREFIX bk:      <https://budget-kg.org/def/>
PREFIX bklevel: <https://budget-kg.org/def/indicator-level/>
PREFIX org:     <http://www.w3.org/ns/org#>
DELETE { GRAPH ?g { ?i ?p ?o } }
INSERT { GRAPH ?g { ?project bk:lacksLevel1 bklevel:satisfaction } }
WHERE {
  GRAPH ?g {
    ?project bk:projectNumber 3 ; bk:unit ?unit .
    ?unit org:identifier ?code .
    FILTER (STRENDS(?code, "23001"))
    ?i bk:project ?project ; bk:level1 bklevel:satisfaction ; ?p ?o .
  }
}
"""

REPORTS = """
PREFIX bk: <https://budget-kg.org/def/>
PREFIX sh: <http://www.w3.org/ns/shacl#>
INSERT {
  GRAPH ?report {
    ?result a sh:ValidationResult ; sh:focusNode ?table ; sh:resultSeverity sh:Warning ;
      sh:sourceConstraintComponent sh:SPARQLConstraintComponent ; sh:resultMessage "a code is not in the code list" .
  }
}
WHERE {
  GRAPH ?g { ?table bk:tableKey "expenditure" ; bk:unit ?unit }
  BIND (IRI(CONCAT(STR(?g), "/report")) AS ?report)
  BIND (IRI(CONCAT(STR(?table), "/finding")) AS ?result)
}
"""


def _renamed(text: str, digit: str) -> str:
    """``text`` as disclosure ``digit`` prints it: its unit codes start with that digit."""
    return text.replace("323001", f"{digit}23001").replace("323003", f"{digit}23003")


def _params(name: str) -> dict[str, str]:
    return {p.name: EVERYTHING for p in catalogue()[name].parameters if p.type == "limit"}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory, sample: Path, parse_once: None) -> dict[str, Path]:
    """``one``: the sample alone; ``many``: the sample and its two copies. Both built by ``kg build``."""
    from kg.cli import app

    folder = tmp_path_factory.mktemp("many-documents")
    text = sample.read_text(encoding="utf-8")
    copies = []
    for digit in DISCLOSURES[1:]:
        copies.append(folder / f"copy-{digit}.txt")
        copies[-1].write_text(_renamed(text, digit), encoding="utf-8")
    made = {}
    for name, paths in (("one", [sample]), ("many", [sample, *copies])):
        made[name] = folder / name
        result = CliRunner().invoke(app, ["build", *map(str, paths), "--store", str(made[name])])
        assert result.exit_code == 0, result.output
        with Embedded(made[name], read_only=False) as backend:
            backend.store.inner.update(WITHOUT_SATISFACTION)
            backend.store.inner.update(REPORTS)
    return made


@pytest.fixture(scope="module")
def answers(stores) -> dict[str, dict[str, list[dict]]]:
    """Every canned query's rows (default parameters, but whole rankings) on ``one`` and on ``many``."""
    found = {}
    for store, path in stores.items():
        with Embedded(path) as backend:
            found[store] = {name: answer(backend, name, **_params(name)) for name in catalogue()}
    return found


def _row_renamed(row: dict, digit: str) -> dict:
    return {k: _renamed(v, digit) if isinstance(v, str) else v for k, v in row.items()}


def _expected_over_all(name: str, rows: list[dict]) -> list[dict]:
    """The rows ``name`` must give over the three disclosures, from its rows on the sample."""
    if name == "legal-citations":  # counted across units: three times the citing indicators, projects, units
        counts = ("indicators", "projects", "units")
        return [{k: v * len(DISCLOSURES) if k in counts else v for k, v in row.items()} for row in rows]
    if name == "code-browse":  # the code, its parent and children once; the units using it per disclosure
        shared = [row for row in rows if row["relation"] != "unit"]
        return shared + [_row_renamed(row, d) for d in DISCLOSURES for row in rows if row["relation"] == "unit"]
    assert "unit_code" in catalogue()[name].columns, f"say what {name} gives over several documents"
    return [_row_renamed(row, d) for d in DISCLOSURES for row in rows]


def _multiset(rows: list[dict]) -> Counter:
    return Counter(tuple(row.items()) for row in rows)


def test_every_query_but_three_public_has_rows_on_the_sample(answers):
    assert {name for name, rows in answers["one"].items() if not rows} == EMPTY_ON_THE_SAMPLE


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_over_three_documents_each_query_gives_the_rows_of_each_document_once(name, answers):
    one, many = answers["one"][name], answers["many"][name]
    assert _multiset(many) == _multiset(_expected_over_all(name, one))
    assert len(many) == len(_expected_over_all(name, one))


def test_indicators_citing_a_document_cited_by_three_documents_are_each_listed_once(answers):
    rows = answers["many"]["indicators-citing-legal"]
    # 冀财规〔2018〕21号: the six indicators of projects 3 and 4 of 323001, in each disclosure
    assert Counter((r["unit_code"], r["project_number"]) for r in rows) == {
        (unit, project): 6 for unit in ("323001", "523001", "723001") for project in ("3", "4")
    }
    assert len({tuple(r.values()) for r in rows}) == len(rows) == 36


def test_legal_documents_cited_by_three_documents_count_the_citations_of_all_three(answers):
    top = answers["many"]["legal-citations"][0]
    assert (top["document_number"], top["indicators"], top["projects"], top["units"]) == (
        "冀财规〔2018〕21号", 36, 6, 3,
    )


def test_a_project_missing_a_category_is_reported_once_in_each_document(answers):
    rows = answers["many"]["projects-missing-category"]
    assert [(r["unit_code"], r["project_number"], r["missing_level1"]) for r in rows] == [
        ("323001", "3", "satisfaction"), ("523001", "3", "satisfaction"), ("723001", "3", "satisfaction"),
    ]


def test_the_default_ranking_is_the_head_of_the_whole_ranking(stores, answers):
    with Embedded(stores["many"]) as backend:
        head = answer(backend, "top-function-lines")
    assert head == answers["many"]["top-function-lines"][:10]
    # 2080701 of 323001 (1842.10) tops the sample, so its three disclosures top the three
    assert [(r["unit_code"], r["code"], r["total"]) for r in head[:3]] == [
        ("323001", "2080701", D("1842.10")), ("523001", "2080701", D("1842.10")), ("723001", "2080701", D("1842.10")),
    ]
