"""100 documents' N-Quads bulk-loaded into Virtuoso answer every canned query as the embedded store does.

The path of a large corpus (docs/scale.md), tested small: 100 generated disclosures
(``benchmarks/generate_disclosures.py``, all eight kinds, so that narrative, three-public and
indicator queries have rows) are built by ``kg build`` into the embedded store; each of its
graphs is written to its own ``.nq`` file, as a sharded build would; Virtuoso's own bulk
loader (``ld_dir`` + ``rdf_loader_run``, through :func:`kg.store.bulk.load_virtuoso`) loads
the folder; every canned query with its default parameters must then give the same rows on
Virtuoso as on the embedded store.

Rows are compared as sorted lists of values. Sorted, because ``ORDER BY`` leaves ties in
any order and the two engines break them differently. Values, because Virtuoso keeps an
``xsd:decimal`` as a number, not as the text it was given: ``1842.10`` comes back as
``1842.1``, a whole amount as ``12``. Equal numbers are the same answer, so numeric literals
are compared as :class:`~decimal.Decimal` (``query_answers.value``); the amounts as printed
are their own string literals (``bk:printedAmount``) and are compared as text, so a lost
digit would still show.
"""

from __future__ import annotations

import gzip
import sys
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import REPO
from query_answers import answer
from typer.testing import CliRunner

from kg.errors import StoreError
from kg.queries import catalogue
from kg.read import read_document
from kg.store.backend import Embedded
from kg.store.bulk import BulkLoadError, load_virtuoso
from kg.store.endpoint import Endpoint

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_disclosures import KINDS, MISPRINTS, generate

DOCUMENTS = 100

#: Canned queries without rows on the generated documents with their default parameters:
#: ``kg build`` stores no validation report, every generated project has all three level-1
#: categories, and no generated duty mentions 就业 (the default keyword; ``KEYWORD`` has rows).
EMPTY = {"validation-findings", "projects-missing-category", "duties-keyword"}

#: A keyword every generated unit's duties mention (``负责本县有关工作``).
KEYWORD = {"keyword": "本县"}

COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), ?base)) } GROUP BY ?g"


def _counts(backend, base: str = "https://budget-kg.org/") -> dict[str, int]:
    query = COUNTS.replace("?base", f'"{base}"')
    return {row[0].value: int(row[1].value) for row in backend.query(query).rows}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The embedded store of 100 generated disclosures, built by ``kg build``.

    The parser runs once per document, in two worker processes beforehand (the build itself
    reads one document at a time), and ``kg build`` is handed its records.
    """
    import kg.build
    from kg.cli import app

    folder = tmp_path_factory.mktemp("generated")
    # Every document is loaded whole: misprinted tables, some of which the reader does not yet
    # read completely (tests/test_generated_disclosures.py), are no part of a loading test.
    key = generate(folder / "documents", DOCUMENTS, seed=15, kinds=tuple(k for k in KINDS if k not in MISPRINTS))
    paths = [folder / "documents" / planted.document for planted in key]
    with ProcessPoolExecutor(2) as pool:
        parsed = dict(zip(paths, pool.map(read_document, paths)))
    patch = pytest.MonkeyPatch()
    patch.setattr(kg.build, "read_document", lambda path, **_: parsed[Path(path)])
    try:
        result = CliRunner().invoke(app, ["build", *map(str, paths), "--store", str(folder / "store")])
    finally:
        patch.undo()
    assert result.exit_code == 0, result.output
    return folder / "store"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):
    """A Virtuoso of this module's own, empty at the start (the session's holds the sample)."""
    from servers import running_virtuoso

    yield from running_virtuoso(tmp_path_factory.mktemp("virtuoso-bulk"))


def _write_nquads(store: Path, folder: Path) -> dict[str, Path]:
    """One ``.nq`` file per graph of ``store``, as a sharded build writes them; graph → file."""
    folder.mkdir(parents=True)
    files = {}
    with Embedded(store) as embedded:
        for index, graph in enumerate(embedded.graphs()):
            quads = embedded.store.inner.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            files[graph] = folder / f"graph-{index:05d}.nq"
            files[graph].write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    return files


@pytest.fixture(scope="module")
def loaded(built: Path, virtuoso) -> dict:
    """The folder of per-graph N-Quads (inside the server's DirsAllowed), bulk-loaded."""
    folder = virtuoso.log.parent / "nquads"
    files = _write_nquads(built, folder)
    report = load_virtuoso(folder, server=virtuoso.sql)
    return {"files": files, "report": report, "endpoint": Endpoint(virtuoso.query)}


@pytest.fixture(scope="module")
def expected(built: Path) -> dict[str, list[dict]]:
    with Embedded(built) as embedded:
        found = {name: answer(embedded, name) for name in catalogue()}
        found["duties-keyword-本县"] = answer(embedded, "duties-keyword", **KEYWORD)
    return found


def _key(row: dict) -> tuple:
    """A sort key over mixed values: unbound, then numbers by value, then text."""
    return tuple(
        (0, Decimal(0), "") if v is None else (1, v, "") if isinstance(v, Decimal) else (2, Decimal(0), v)
        for v in row.values()
    )


def _sorted(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=_key)


@pytest.mark.parametrize("name", sorted(catalogue()))
def test_every_canned_query_gives_the_same_rows_on_virtuoso_after_a_bulk_load(name, loaded, expected):
    assert _sorted(answer(loaded["endpoint"], name)) == _sorted(expected[name])


def test_a_keyword_search_with_rows_gives_the_same_rows_on_virtuoso(loaded, expected):
    assert _sorted(answer(loaded["endpoint"], "duties-keyword", **KEYWORD)) == _sorted(expected["duties-keyword-本县"])


def test_the_bulk_load_holds_every_graph_with_every_triple_of_the_embedded_store(built, loaded):
    report, files = loaded["report"], loaded["files"]
    assert sorted(report.loaded) == sorted(str(path) for path in files.values()) and not report.failed
    with Embedded(built) as embedded:
        in_store = _counts(embedded)
    assert len([g for g in in_store if "/id/graph/" in g]) == DOCUMENTS
    assert report.cleared == sorted(files) == sorted(in_store)
    assert report.quads == sum(in_store.values())
    assert _counts(loaded["endpoint"]) == in_store


def test_the_comparison_is_not_vacuous(expected):
    assert {name for name, rows in expected.items() if not rows} == EMPTY
    assert len(expected["duties-keyword-本县"]) >= DOCUMENTS
    units = {row["unit_code"] for row in expected["unit-summary"]}
    assert len(units) == DOCUMENTS  # one unit per generated document, 400001 … 400100
    assert min(units) == "400001" and max(units) == "400100"


def test_loading_a_graph_again_replaces_it_and_leaves_nothing_stale(loaded, virtuoso, tmp_path):
    endpoint, files = loaded["endpoint"], loaded["files"]
    graph = next(g for g in sorted(files) if "/id/graph/" in g)
    full = files[graph].read_text(encoding="utf-8").splitlines(keepends=True)
    smaller = [line for line in full if "<https://budget-kg.org/def/textLine>" not in line]
    assert 0 < len(smaller) < len(full)
    again = virtuoso.log.parent / "again"
    again.mkdir()
    (again / "one.nq").write_text("".join(smaller), encoding="utf-8")
    assert load_virtuoso(again, server=virtuoso.sql).cleared == [graph]
    assert _counts(endpoint)[graph] == len(smaller)
    (again / "one.nq").write_text("".join(full), encoding="utf-8")  # the same file name, loaded again
    load_virtuoso(again, server=virtuoso.sql)
    assert _counts(endpoint)[graph] == len(full)


def test_a_file_virtuoso_cannot_read_is_reported_with_its_message_and_the_others_are_loaded(virtuoso):
    folder = virtuoso.log.parent / "broken"
    folder.mkdir()
    (folder / "good.nq").write_text('<urn:kg:s> <urn:kg:p> "loaded" <urn:kg:good> .\n', encoding="utf-8")
    (folder / "bad.nq").write_text('<urn:kg:s> <urn:kg:p> "unterminated <urn:kg:bad> .\n', encoding="utf-8")
    with pytest.raises(BulkLoadError) as raised:
        load_virtuoso(folder, server=virtuoso.sql, replace=False)
    report = raised.value.report
    assert report.loaded == [str(folder / "good.nq")]
    assert list(report.failed) == [str(folder / "bad.nq")]
    assert "NQuads" in report.failed[str(folder / "bad.nq")]
    assert "1 of 2 files not loaded" in str(raised.value) and "not loaded: " + str(folder / "bad.nq") in str(raised.value)
    assert Endpoint(virtuoso.query).query('ASK { GRAPH <urn:kg:good> { <urn:kg:s> <urn:kg:p> "loaded" } }') is True


def test_a_malformed_file_stops_a_replacing_load_before_any_graph_is_cleared(tmp_path):
    (tmp_path / "bad.nq").write_text('<urn:kg:s> <urn:kg:p> "unterminated <urn:kg:bad> .\n', encoding="utf-8")
    with pytest.raises(StoreError, match=r"bad\.nq is not valid N-Quads"):
        load_virtuoso(tmp_path, server="127.0.0.1:1")  # never reached: the files are read first


def test_a_server_that_is_down_is_a_store_error_that_says_so(tmp_path):
    from servers import free_port

    (tmp_path / "one.nq").write_text('<urn:kg:s> <urn:kg:p> "x" <urn:kg:g> .\n', encoding="utf-8")
    with pytest.raises(StoreError, match="cannot log in to Virtuoso .* is the server running"):
        load_virtuoso(tmp_path, server=f"127.0.0.1:{free_port()}")


def test_a_folder_without_matching_files_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match=r"no files \*\.nq in"):
        load_virtuoso(tmp_path)


def test_gzipped_nquads_are_read_for_their_graphs_and_loaded_as_they_are(virtuoso):
    folder = virtuoso.log.parent / "gzipped"
    folder.mkdir()
    lines = '<urn:kg:s> <urn:kg:p> "1" <urn:kg:zipped> .\n<urn:kg:s> <urn:kg:p> "2" <urn:kg:zipped> .\n'
    (folder / "shard.nq.gz").write_bytes(gzip.compress(lines.encode("utf-8")))
    report = load_virtuoso(folder, server=virtuoso.sql, pattern="*.nq.gz")
    assert (report.loaded, report.cleared, report.quads) == ([str(folder / "shard.nq.gz")], ["urn:kg:zipped"], 2)
    assert _counts(Endpoint(virtuoso.query), base="urn:kg:zipped") == {"urn:kg:zipped": 2}
