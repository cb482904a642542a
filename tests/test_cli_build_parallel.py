"""kg build of many documents: folders and globs, worker processes, N-Quads shards.

The documents are written by ``benchmarks/generate_disclosures.py`` (one unit each, whose
code is 400000 + the document's number: doc-0001.txt is unit 400001), plus the bundled
sample (units 323001 and 323003).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import REPO, VOLATILE, stable_nquads

import kg.store as store_api
from kg.build import map_document

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_disclosures import generate

GRAPH = "https://budget-kg.org/id/graph/{}/2023/unit-budget"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    """Three clean generated disclosures, with the answer key beside them (not a disclosure)."""
    folder = tmp_path_factory.mktemp("disclosures")
    generate(folder, 3, seed=3, kinds=("clean",))
    assert (folder / "answer-key.json").is_file()
    return folder


def graphs(store_dir: Path) -> list[str]:
    with store_api.open(store_dir, read_only=True) as store:
        return store.graphs()


def dump(kg, store_dir: Path, out: Path) -> Path:
    result = kg("export", "nquads", "--store", store_dir, "--out", out)
    assert result.exit_code == 0, result.output
    return out


def test_a_folder_builds_every_disclosure_in_it_and_nothing_else(kg, folder, store_dir):
    result = kg("build", folder, "--store", store_dir, "--json")
    assert result.exit_code == 0, result.output
    summaries = json.loads(result.stdout)
    assert [Path(s["path"]).name for s in summaries] == ["doc-0001.txt", "doc-0002.txt", "doc-0003.txt"]
    assert graphs(store_dir) == [GRAPH.format(code) for code in ("400001", "400002", "400003")]


def test_a_quoted_glob_builds_the_files_it_matches(kg, folder, store_dir):
    result = kg("build", f"{folder}/doc-000[13].txt", "--store", store_dir)
    assert result.exit_code == 0, result.output
    assert graphs(store_dir) == [GRAPH.format("400001"), GRAPH.format("400003")]


@pytest.mark.parametrize("argument", ["empty-folder", "nothing-*.txt"])
def test_a_folder_or_glob_without_any_disclosure_is_a_usage_error(kg, tmp_path, store_dir, argument):
    (tmp_path / "empty-folder").mkdir()
    result = kg("build", tmp_path / argument, "--store", store_dir)
    assert result.exit_code == 2
    assert str(tmp_path / argument) in " ".join(result.output.split())


def test_two_jobs_give_the_same_quads_as_one(kg, folder, sample, tmp_path):
    dumps = []
    for jobs in ("1", "2"):
        store = tmp_path / f"jobs-{jobs}"
        result = kg("build", folder, sample, "--store", store, "--jobs", jobs)
        assert result.exit_code == 0, result.output
        dumps.append(dump(kg, store, tmp_path / f"jobs-{jobs}.nq"))
    one, two = (stable_nquads(d) for d in dumps)
    assert one == two
    volatile = [line for line in dumps[0].read_text(encoding="utf-8").splitlines() if VOLATILE in line]
    assert len(volatile) == 4  # one build time per document graph: the only lines that differ
    assert len(graphs(tmp_path / "jobs-2")) == 4


def test_nquads_shards_load_into_a_fresh_store_with_the_same_content(kg, folder, sample, tmp_path):
    built, shards, loaded = tmp_path / "built", tmp_path / "shards", tmp_path / "loaded"
    result = kg("build", folder, sample, "--store", built, "--nquads-dir", shards, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in shards.iterdir()) == [
        "323001-2023-unit-budget.nq", "400001-2023-unit-budget.nq", "400002-2023-unit-budget.nq",
        "400003-2023-unit-budget.nq"]
    result = kg("load", shards, "--store", loaded)
    assert result.exit_code == 0, result.output
    assert "(4 graphs written to" in result.stdout
    assert dump(kg, built, tmp_path / "built.nq").read_bytes() == dump(kg, loaded, tmp_path / "loaded.nq").read_bytes()


@pytest.fixture(scope="module")
def shards(folder, tmp_path_factory) -> tuple[Path, Path]:
    """The three documents built into a store, and written as N-Quads shards beside it."""
    from typer.testing import CliRunner

    from kg.cli import app

    root = tmp_path_factory.mktemp("sharded")
    result = CliRunner().invoke(app, ["build", str(folder), "--store", str(root / "built"),
                                      "--nquads-dir", str(root / "shards"), "--silent"])
    assert result.exit_code == 0, result.output
    return root / "built", root / "shards"


def test_nquads_shards_bulk_load_into_a_new_store_with_the_same_content(kg, shards, tmp_path):
    built, folder = shards
    result = kg("load", folder, "--store", tmp_path / "loaded", "--bulk", "--silent")
    assert result.exit_code == 0, result.output
    assert "(3 graphs written to" in result.stdout
    assert dump(kg, built, tmp_path / "built.nq").read_bytes() == dump(kg, tmp_path / "loaded", tmp_path / "loaded.nq").read_bytes()


def test_a_bulk_load_into_a_store_holding_graphs_is_refused_and_changes_nothing(kg, shards, tmp_path):
    built, folder = shards
    before = dump(kg, built, tmp_path / "before.nq").read_bytes()
    result = kg("load", folder, "--store", built, "--bulk", "--silent")
    assert result.exit_code == 3
    assert "holds no graph yet" in result.stderr and "holds 3" in result.stderr
    assert dump(kg, built, tmp_path / "after.nq").read_bytes() == before


def test_a_graph_in_two_shards_is_loaded_once_by_a_bulk_load_and_the_second_reported(kg, shards, tmp_path):
    built, folder = shards
    twice = tmp_path / "twice"
    twice.mkdir()
    shard = folder / "400002-2023-unit-budget.nq"
    for name in ("a.nq", "b.nq"):
        (twice / name).write_bytes(shard.read_bytes())
    result = kg("load", twice, "--store", tmp_path / "loaded", "--bulk", "--silent")
    assert result.exit_code == 3
    assert f"not written: {GRAPH.format('400002')}: also in {twice / 'b.nq'}" in result.stderr
    loaded = dump(kg, tmp_path / "loaded", tmp_path / "loaded.nq").read_text(encoding="utf-8").splitlines()
    graph = f"<{GRAPH.format('400002')}> ."
    assert loaded == [line for line in dump(kg, built, tmp_path / "built.nq").read_text(encoding="utf-8").splitlines()
                      if line.endswith(graph)]


def test_a_bulk_load_to_a_server_is_a_usage_error(kg, shards):
    result = kg("load", shards[1], "--endpoint", "http://127.0.0.1:9/sparql", "--bulk")
    assert result.exit_code == 2
    assert "--bulk" in result.output


def test_nquads_dir_alone_writes_no_store_and_rewrites_the_same_files(kg, folder, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("KG_STORE", raising=False)
    shards = tmp_path / "shards"
    contents = []
    for _ in range(2):
        result = kg("build", folder / "doc-0002.txt", "--nquads-dir", shards)
        assert result.exit_code == 0, result.output
        [shard] = shards.iterdir()
        contents.append(shard.read_text(encoding="utf-8").splitlines())
    assert shard.name == "400002-2023-unit-budget.nq"
    assert not (tmp_path / "kg-store").exists()
    first, again = ([line for line in c if VOLATILE not in line] for c in contents)
    assert first == again == sorted(first) and len(first) == json.loads(
        kg("build", folder / "doc-0002.txt", "--nquads-dir", shards, "--json").stdout)[0]["triples"] - 1


def test_a_bad_file_in_a_folder_is_reported_and_the_rest_built(kg, folder, tmp_path, store_dir):
    batch = tmp_path / "batch"
    batch.mkdir()
    for name in ("doc-0001.txt", "doc-0003.txt"):
        (batch / name).write_bytes((folder / name).read_bytes())
    (batch / "doc-0002.txt").write_bytes("预算".encode("gbk"))
    result = kg("build", batch, "--store", store_dir, "--jobs", "2", "--json")
    assert result.exit_code == 3
    assert [s["status"] for s in json.loads(result.stdout)] == ["ok", "failed", "ok"]
    assert "doc-0002.txt: not valid utf-8 text" in result.stderr and "--encoding gbk" in result.stderr
    assert graphs(store_dir) == [GRAPH.format("400001"), GRAPH.format("400003")]


def test_load_refuses_a_file_with_statements_outside_any_named_graph(kg, tmp_path, store_dir):
    shard = tmp_path / "stray.nq"
    shard.write_text('<http://example.org/s> <http://example.org/p> "o" .\n', encoding="utf-8")
    result = kg("load", shard, "--store", store_dir)
    assert result.exit_code == 3
    assert f"not written: {shard}: 1 statements in no named graph" in result.stderr


@pytest.fixture(scope="module")
def long_batch(tmp_path_factory) -> Path:
    """Thirty clean generated disclosures: a build still running when the first graph is in
    the store, however loaded the machine (three were done before the signal came at times)."""
    folder = tmp_path_factory.mktemp("long-batch")
    generate(folder, 30, seed=3, kinds=("clean",))
    return folder


def test_ctrl_c_stops_the_workers_and_says_what_is_in_the_store(long_batch, store_dir):
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", long_batch, "--store", store_dir, "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline, workers = time.monotonic() + 300, []
    while process.poll() is None and time.monotonic() < deadline and len(workers) < 2:
        workers = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        time.sleep(0.05)
    assert len(workers) == 2, "no two worker processes: the build ended before it could be interrupted"
    while process.poll() is None and time.monotonic() < deadline and not graphs(store_dir):
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    built = [line.split()[0] for line in stdout.splitlines()[2:] if line.startswith("doc-")]
    assert len(built) < 30
    # (A document interrupted between its write and its summary is in the store, but not in the table.)
    assert {GRAPH.format(400000 + int(name[4:8])) for name in built} <= set(graphs(store_dir))
    first_left = next(f"doc-{n:04d}.txt" for n in range(1, 31) if f"doc-{n:04d}.txt" not in built)
    assert f"interrupted: {len(built)} of the {len(built)} documents above are in the store; " \
           f"not built: {long_batch / first_left}" in " ".join(stderr.split())
    assert all(not Path(f"/proc/{pid}").exists() for pid in workers)


def _crashing_on_the_second(path, **options):
    """A file that crashes the library it is read with kills its worker process, as here."""
    if path.name == "doc-0002.txt":
        os._exit(11)
    return map_document(path, **options)


def test_a_worker_that_dies_reading_a_document_fails_it_and_the_rest_of_the_batch_is_built(folder, store_dir,
                                                                                            monkeypatch):
    import kg.build

    monkeypatch.setattr(kg.build, "map_document", _crashing_on_the_second)  # the workers are forked with it
    paths = sorted(folder.glob("doc-*.txt"))
    with store_api.open(store_dir) as store:
        summaries = kg.build.build(paths, store, jobs=2)
    assert [s.path.name for s in summaries] == ["doc-0001.txt", "doc-0002.txt", "doc-0003.txt"]
    assert [s.loaded for s in summaries] == [True, False, True]
    assert "the worker process reading it stopped (exit code 11)" in str(summaries[1].error)
    assert graphs(store_dir) == [GRAPH.format(400001), GRAPH.format(400003)]


def test_a_shard_that_cannot_be_written_fails_its_document_and_leaves_it_out_of_the_store(kg, folder, tmp_path,
                                                                                          store_dir):
    (tmp_path / "taken").write_text("a file where the folder should go", encoding="utf-8")
    result = kg("build", folder / "doc-0001.txt", "--store", store_dir, "--nquads-dir", tmp_path / "taken" / "shards")
    assert result.exit_code == 3
    assert f"cannot write {tmp_path / 'taken' / 'shards' / '400001-2023-unit-budget.nq'}" in result.stderr
    assert graphs(store_dir) == []
