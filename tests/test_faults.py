"""Faults: a writer killed with SIGKILL leaves every graph complete or as it was.

``kg build`` replaces a document graph in one transaction (drop and insert are one SPARQL
Update), and ``kg load`` and ``kg publish --endpoint`` send each graph as one Graph Store
PUT, which the server applies whole or not at all. So whenever the writer dies, each graph holds either its earlier
triples or all of its new ones. The tests kill a real ``kg`` process while it writes.
Other faults have their own tests: two writers (test_cli_build, test_store), a server
that is down (test_cli_load, test_publish_endpoint), a read-only store (test_bad_input).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.store as store_api

#: The sample's unit codes, and those of a copy that is another disclosure.
CODES = {"323001": "523001", "323003": "523003"}


def kg_process(*args: object) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", *map(str, args)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONUNBUFFERED": "1"})


def counts(store_dir: Path) -> dict[str, int]:
    """Triples per named graph, and the default graph's (the history) under ``""``."""
    with store_api.open(store_dir, read_only=True) as store:
        found = {graph: len(list(store.inner.quads_for_pattern(None, None, None, ox.NamedNode(graph))))
                 for graph in store.graphs()}
        found[""] = len(list(store.inner.quads_for_pattern(None, None, None, ox.DefaultGraph())))
    return found


@pytest.fixture(scope="module")
def documents(sample, tmp_path_factory) -> dict[str, Path]:
    """The sample, a re-publication of it (one more line: another file, same graph), and a
    copy whose unit codes are changed (another graph)."""
    folder = tmp_path_factory.mktemp("documents")
    text = sample.read_text(encoding="utf-8")
    other = text
    for old, new in CODES.items():
        other = other.replace(old, new)
    paths = {"sample": sample, "republished": folder / "republished.txt", "other": folder / "other.txt"}
    paths["republished"].write_text(text + "\n", encoding="utf-8")
    paths["other"].write_text(other, encoding="utf-8")
    return paths


@pytest.fixture(scope="module")
def complete(documents, tmp_path_factory) -> dict[str, dict[str, int]]:
    """Triples per graph of each state a killed build may leave: before, one of the two
    documents written, both written (built for real, without killing anything)."""
    from typer.testing import CliRunner

    from kg.cli import app

    states = {}
    for name, paths in {"before": ["sample"], "republished": ["sample", "republished"],
                        "other": ["sample", "other"], "both": ["sample", "republished", "other"]}.items():
        store = tmp_path_factory.mktemp(name) / "store"
        for path in paths:
            result = CliRunner().invoke(app, ["build", str(documents[path]), "--store", str(store)])
            assert result.exit_code == 0, result.output
        states[name] = counts(store)
    return states


def wal_bytes(store_dir: Path) -> int:
    """Bytes in the store's write-ahead logs: they grow as soon as a write begins.

    RocksDB deletes an old log while the build runs: one listed and gone before it is
    measured counts nothing (it failed the suite once with FileNotFoundError)."""
    total = 0
    for path in store_dir.glob("*.log"):
        try:
            total += path.stat().st_size
        except FileNotFoundError:
            pass
    return total


@pytest.mark.parametrize("moment", ["while the log grows", "once the first write is done"])
def test_a_build_killed_while_it_writes_leaves_each_graph_complete_or_as_it_was(
        kg, documents, complete, store_dir, moment):
    assert kg("build", documents["sample"], "--store", store_dir).exit_code == 0
    process = kg_process("build", documents["republished"], documents["other"], "--store", store_dir)
    grew, steady, last = False, 0, wal_bytes(store_dir)
    deadline = time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        size = wal_bytes(store_dir)
        if size > last:  # (opening the store starts a new, empty log: a smaller size is no write)
            grew, steady = True, 0
        elif grew:
            steady += 1
        if (moment == "while the log grows" and size > last) or steady == 3:
            process.send_signal(signal.SIGKILL)
            break
        last = size
        time.sleep(0.001)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL, "the build ended before it could be killed while writing"
    assert counts(store_dir) in list(complete.values())


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid``, from Linux's /proc."""
    assert Path("/proc/self/status").exists(), "this test finds the workers in Linux's /proc"
    found = set()
    for status in Path("/proc").glob("[0-9]*/status"):
        with contextlib.suppress(OSError):
            if f"\nPPid:\t{pid}\n" in status.read_text():
                found.add(int(status.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def _copies(documents, folder: Path, n: int) -> list[Path]:
    """``n`` copies of the sample: work enough for two workers."""
    copies = [folder / f"copy-{k}.txt" for k in range(n)]
    for copy in copies:
        copy.write_bytes(documents["sample"].read_bytes())
    return copies


def _killed_outright_its_two_workers_die_too(process: subprocess.Popen) -> None:
    # Killed with SIGKILL (the OOM killer, `kill -9`), a process cannot stop its workers; they
    # must not live on, each holding its memory, waiting on a pipe no one will read.
    deadline, workers = time.monotonic() + 60, set()
    while len(workers) < 2 and process.poll() is None and time.monotonic() < deadline:
        workers = _children(process.pid)
        time.sleep(0.05)
    assert len(workers) == 2, "the command did not start its two workers"
    time.sleep(0.5)  # let them work
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if _alive(pid)], "workers outlived the process that started them"


def test_a_build_killed_outright_takes_its_workers_with_it(documents, tmp_path):
    copies = _copies(documents, tmp_path, 6)
    _killed_outright_its_two_workers_die_too(kg_process("build", *copies, "--store", tmp_path / "store", "--jobs", "2"))


def test_a_validation_killed_outright_takes_its_workers_with_it(documents, tmp_path):
    _killed_outright_its_two_workers_die_too(kg_process("validate", *_copies(documents, tmp_path, 8), "--jobs", "2"))


@pytest.mark.parametrize("command", ["load", "publish"])
def test_a_load_or_publish_killed_midway_leaves_each_server_graph_complete_or_absent(kg, documents, tmp_path,
                                                                                     store_dir, command):
    from servers import start_oxigraph

    for name in ("sample", "other"):
        assert kg("build", documents[name], "--store", store_dir).exit_code == 0
    expected = counts(store_dir)
    server = start_oxigraph(tmp_path / "server")
    try:
        for delay in (0.05, 0.3, 0.8, 1.5):
            process = kg_process(command, "--endpoint", server.query, "--graph-store", server.graph_store,
                                 "--store", store_dir)
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            held = _server_counts(server.query)
            # The document graphs; kg publish also writes its dataset description, not compared here.
            documents_held = {graph: n for graph, n in held.items() if graph in expected}
            assert all(n == expected[graph] for graph, n in documents_held.items()), (delay, held, expected)
    finally:
        server.stop()


def _server_counts(endpoint: str) -> dict[str, int]:
    from kg.store.endpoint import Endpoint

    rows = Endpoint(endpoint).query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {g.value: int(n.value) for g, n in rows.rows}
