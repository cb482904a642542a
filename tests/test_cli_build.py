"""kg build: disclosures → one named graph each; rebuilding replaces, never duplicates."""

from __future__ import annotations

import json

from conftest import VOLATILE, stable_nquads

import kg.build as kg_build
import kg.read as kg_tables
import kg.store as store_api


def test_building_the_sample_prints_counts_per_document(kg, sample, store_dir):
    result = kg("build", sample, "--store", store_dir)
    assert result.exit_code == 0, result.output
    header, _rule, row = result.stdout.splitlines()[:3]
    assert header.split() == ["document", "units", "tables", "lines", "triples", "tokens", "placed", "unplaced",
                              "unattributed", "status"]
    assert row.split()[0] == sample.name and row.split()[-1] == "ok"
    assert result.stderr == ""


def test_a_build_that_at_least_doubles_the_store_compacts_it_and_a_rebuild_does_not(kg, sample, store_dir,
                                                                                    monkeypatch):
    compacted = []
    monkeypatch.setattr(store_api.Store, "compact", lambda store: compacted.append(store.graphs_added))
    assert kg("build", sample, "--store", store_dir).exit_code == 0
    assert kg("build", sample, "--store", store_dir).exit_code == 0
    assert compacted == [1], "the first build adds the store's only graph; the second replaces it"


def test_build_json_matches_the_store(kg, sample, store_dir):
    result = kg("build", sample, "--store", store_dir, "--json")
    assert result.exit_code == 0, result.output
    [summary] = json.loads(result.stdout)
    assert summary["status"] == "ok" and summary["unplaced"] == 0
    assert summary["units"] == 2  # 323001 本级 and 323003 社会保险事业服务中心
    assert summary["tokens"] == summary["placed"] > 0
    store = store_api.open(store_dir, read_only=True)
    assert store.graphs() == [summary["graph"]]
    assert len(store) == summary["triples"]


def test_the_build_counts_what_the_graph_keeps_but_gives_to_no_row_and_stays_ok(kg, sample, store_dir):
    # 323003's 单位固定资产占用情况表 (page 57) prints 11.24 and 68.74 on lines of their own,
    # which no row and column takes with confidence (together 资产总额 79.98); the 绩效目标表
    # have 24 cells the reader gives to no indicator field (4 of 323001, 20 of 323003).
    table = kg("build", sample, "--store", store_dir)
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[2].split()[-3:] == ["0", "26", "ok"]
    result = kg("build", sample, "--store", store_dir, "--json")
    [summary] = json.loads(result.stdout)
    assert (summary["status"], summary["unplaced"]) == ("ok", 0)
    assert (summary["unattributed"], summary["unattributed_narrative"], summary["unattributed_goals"]) == (26, 2, 24)
    # Each is in the graph: a narrative's bk:problem, a project's bk:unplacedToken.
    store = store_api.open(store_dir, read_only=True)
    [[problems, cells]] = [[int(row[0].value), int(row[1].value)] for row in store.query(
        "PREFIX bk: <https://budget-kg.org/def/> SELECT (COUNT(DISTINCT ?p) AS ?n) (COUNT(DISTINCT ?c) AS ?m) WHERE {"
        " { ?narrative a bk:Narrative ; bk:problem ?p } UNION { ?project a bk:Project ; bk:unplacedToken ?c } }")]
    assert (problems, cells) == (2, 24)


def test_sample_flag_builds_the_bundled_sample(kg, store_dir):
    result = kg("build", "--sample", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert "julu-hrss-2023-unit-budget.txt" in result.stdout


def test_build_without_any_document_is_a_usage_error(kg, store_dir):
    result = kg("build", "--store", store_dir)
    assert result.exit_code == 2
    assert "--sample" in result.output


def test_rebuilding_replaces_the_graph_so_the_triple_count_is_unchanged(kg, sample, store_dir):
    assert kg("build", sample, "--store", store_dir).exit_code == 0
    before = len(store_api.open(store_dir, read_only=True))
    assert kg("build", sample, "--store", store_dir).exit_code == 0
    store = store_api.open(store_dir, read_only=True)
    assert len(store) == before and len(store.graphs()) == 1


def test_building_twice_or_into_a_fresh_store_gives_identical_nquads(kg, sample, tmp_path, monkeypatch):
    dumps = []
    for store, times in [(tmp_path / "twice", 2), (tmp_path / "fresh", 1)]:
        if store.name == "fresh":  # parse again for real: the parser must be deterministic too
            monkeypatch.setattr(kg_build, "read_document", kg_tables.read_document)
        for _ in range(times):
            assert kg("build", sample, "--store", store).exit_code == 0
        out = tmp_path / f"{store.name}.nq"
        assert kg("export", "nquads", "--store", store, "--out", out).exit_code == 0
        dumps.append(out)
    assert stable_nquads(dumps[0]) == stable_nquads(dumps[1])
    assert len(stable_nquads(dumps[0])) > 100
    volatile = [line for line in dumps[0].read_text(encoding="utf-8").splitlines() if VOLATILE in line]
    assert len(volatile) == 1  # only the build time differs


def test_the_real_hebei_document_builds_like_the_bundled_one(kg, shared_samples, sample, store_dir):
    real = shared_samples / "hebei" / sample.name
    assert real.read_bytes() == sample.read_bytes()
    result = kg("build", real, "--store", store_dir)
    assert result.exit_code == 0, result.output


def test_two_files_of_one_disclosure_share_a_graph_and_the_later_wins(kg, sample, tmp_path, store_dir):
    copy = tmp_path / "downloads" / sample.name  # same name and bytes: parsed once per session
    copy.parent.mkdir()
    copy.write_bytes(sample.read_bytes())
    result = kg("build", sample, copy, "--store", store_dir, "--json")
    assert result.exit_code == 0, result.output
    first, second = json.loads(result.stdout)
    assert first["graph"] == second["graph"] and second["replaced"] == str(sample)
    assert "is the same disclosure as" in result.stderr
    assert store_api.open(store_dir, read_only=True).graphs() == [first["graph"]]


def test_base_iri_is_used_for_every_graph(kg, sample, store_dir):
    result = kg("build", sample, "--store", store_dir, "--base-iri", "https://data.example.org/budget/")
    assert result.exit_code == 0, result.output
    assert all(g.startswith("https://data.example.org/budget/") for g in store_api.open(store_dir, read_only=True).graphs())


def test_a_locked_store_fails_with_exit_3_and_no_traceback(kg, sample, store_dir):
    held = store_api.open(store_dir)  # noqa: F841 — the lock stays taken while this lives
    result = kg("build", sample, "--store", store_dir)
    assert result.exit_code == 3
    assert "in use by another process" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)
