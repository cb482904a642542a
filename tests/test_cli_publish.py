"""kg publish and kg serve from the command line."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from kg import store as kg_store
from kg.publish.serve import (
    SITE_PREFIX,
    free_port,
    remove_abandoned_sites,
    serve_site,
    sparql_endpoint,
    stopped_by_signals,
)

KG = Path(sys.executable).parent / "kg"

COUNT = urllib.parse.quote("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")


def test_kg_publish_writes_the_site_and_reports_what_it_wrote(kg, built_store, tmp_path):
    site = tmp_path / "site"
    result = kg("publish", "--store", built_store, "--out", site, "--query-endpoint", "https://example.org/sparql")
    assert result.exit_code == 0, result.output
    pages = sum(1 for _ in site.rglob("index.html"))
    assert f"{pages} pages" in result.stdout
    with kg_store.open(built_store, read_only=True) as opened:
        assert f"({len(opened)} triples in 1 graphs)" in result.stdout
    query = (site / "query/index.html").read_text(encoding="utf-8")
    assert 'action="https://example.org/sparql"' in query
    assert "<https://example.org/sparql>" in (site / "void.ttl").read_text(encoding="utf-8")


def test_kg_publish_needs_at_least_one_process_for_its_pages(kg, built_store, tmp_path):
    result = kg("publish", "--store", built_store, "--out", tmp_path / "site", "--jobs", "0")
    assert result.exit_code == 2
    assert not (tmp_path / "site").exists()


def test_kg_publish_refuses_a_foreign_folder_with_exit_3(kg, built_store, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    result = kg("publish", "--store", built_store, "--out", tmp_path)
    assert result.exit_code == 3
    assert "not written by kg publish" in result.stderr


def test_kg_publish_of_a_missing_store_says_how_to_build_one(kg, tmp_path):
    result = kg("publish", "--store", tmp_path / "nothing", "--out", tmp_path / "site")
    assert result.exit_code == 3
    assert "kg build --sample" in result.stderr


def test_kg_serve_serves_the_site_and_a_sparql_endpoint_on_localhost(built_store, tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [str(KG), "serve", "--store", str(built_store), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()  # printed once both servers answer
        assert line.startswith(f"site: http://127.0.0.1:{port}/"), line + process.stderr.read()
        endpoint = line.split("SPARQL endpoint: ")[1].split()[0]
        assert endpoint.startswith("http://127.0.0.1:") and endpoint.endswith("/query")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/query/") as response:
            assert f'href="{endpoint}"' in response.read().decode("utf-8")
        query = urllib.parse.quote("SELECT ?name WHERE { ?u <http://www.w3.org/ns/org#identifier> \"323003\" ; "
                                   "<http://www.w3.org/2004/02/skos/core#prefLabel> ?name }")
        request = urllib.request.Request(f"{endpoint}?query={query}", headers={"Accept": "text/csv"})
        with urllib.request.urlopen(request) as response:
            assert response.read().decode("utf-8").splitlines() == ["name", "巨鹿县社会保险事业服务中心"]
        request = urllib.request.Request(f"http://127.0.0.1:{port}/id/unit/323003", headers={"Accept": "text/turtle"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Type"].startswith("text/turtle")
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    # Stopping kg serve stops the Oxigraph server it started.
    time.sleep(0.5)
    with pytest.raises(OSError):
        urllib.request.urlopen(endpoint + "?query=ASK%7B%7D", timeout=2)
    assert process.returncode == 0, process.stderr.read()


def start_kg_serve(store: Path, temp: Path) -> tuple[subprocess.Popen, str]:
    """``kg serve`` with its site folder under ``temp``; returns once both servers answer, with the endpoint URL."""
    process = subprocess.Popen(
        [str(KG), "serve", "--store", str(store), "--port", str(free_port())],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(temp)},
    )
    line = process.stdout.readline()
    assert line.startswith("site: "), line + process.stderr.read()
    return process, line.split("SPARQL endpoint: ")[1].split()[0]


def children(pid: int) -> list[int]:
    """The pids whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            state_and_parent = stat.read_text().rsplit(")", 1)[1].split()[:2]
        except OSError:  # ended while we looked
            continue
        if int(state_and_parent[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` runs: a zombie no longer does (a container's init may be slow to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def ends_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while running(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def answers(endpoint: str) -> bool:
    try:
        with urllib.request.urlopen(endpoint + "?query=ASK%7B%7D", timeout=2):
            return True
    except OSError:
        return False


def quads(endpoint: str) -> int:
    request = urllib.request.Request(f"{endpoint}?query={COUNT}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return int(response.read().decode("utf-8").split()[-1])


def refusal(method: str, url: str, body: bytes | None = None, content_type: str = "application/n-triples") -> int:
    """The HTTP status of a write the server must refuse (a 2xx fails the test)."""
    request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            pytest.fail(f"{method} {url} was accepted with {response.status}")
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def endpoint(built_store, tmp_path):
    """The endpoint kg serve runs, on a copy of the sample store: were it writable, the shared store would survive."""
    store = tmp_path / "store"
    shutil.copytree(built_store, store)
    with sparql_endpoint(store, free_port()) as url:
        yield url


def test_the_endpoint_refuses_a_form_encoded_drop_all_and_keeps_the_data(endpoint):
    before = quads(endpoint)
    assert before > 0
    base = endpoint.removesuffix("/query")
    # The request any web page can send without a CORS preflight.
    status = refusal("POST", f"{base}/update", b"update=DROP%20ALL", "application/x-www-form-urlencoded")
    assert 400 <= status < 500
    assert quads(endpoint) == before


def test_the_endpoint_refuses_graph_store_puts_posts_and_deletes(endpoint, built_store):
    with kg_store.open(built_store, read_only=True) as opened:
        graph = opened.graphs()[0]
    before = quads(endpoint)
    store = endpoint.removesuffix("/query") + "/store"
    triple = b"<https://example.org/s> <https://example.org/p> <https://example.org/o> .\n"
    target = "graph=" + urllib.parse.quote(str(graph).strip("<>"), safe="")
    for method, url, body in [
        ("PUT", f"{store}?{target}", triple), ("PUT", f"{store}?default", triple),
        ("POST", f"{store}?{target}", triple), ("DELETE", f"{store}?{target}", None),
    ]:
        assert 400 <= refusal(method, url, body) < 500, f"{method} {url}"
    assert quads(endpoint) == before


def test_the_site_and_the_endpoint_listen_on_127_0_0_1_only(endpoint, tmp_path):
    with serve_site(tmp_path) as site:
        for url in (site, endpoint):
            parts = urlsplit(url)
            assert parts.hostname == "127.0.0.1"
            socket.create_connection(("127.0.0.1", parts.port), timeout=2).close()
            # Another loopback address reaches any server bound to 0.0.0.0 (or to ::, dual-stack).
            with pytest.raises(OSError):
                socket.create_connection(("127.0.0.2", parts.port), timeout=2).close()


def test_a_site_folder_is_removed_once_its_kg_serve_is_gone_and_kept_while_it_runs(tmp_path):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()  # reaped: its pid is free
    abandoned = tmp_path / f"{SITE_PREFIX}{ended.pid}-abc"
    live = tmp_path / f"{SITE_PREFIX}{os.getpid()}-def"
    for folder in (abandoned, live):
        (folder / "site").mkdir(parents=True)
    assert remove_abandoned_sites(tmp_path) == [abandoned]
    assert not abandoned.exists() and live.is_dir()


def test_a_stop_signal_ends_the_block_quietly_once_its_clean_up_has_run():
    before = signal.getsignal(signal.SIGHUP)
    cleaned = []
    with stopped_by_signals():
        assert signal.getsignal(signal.SIGHUP) not in (signal.SIG_DFL, signal.SIG_IGN)  # else SIGHUP ends pytest
        try:
            os.kill(os.getpid(), signal.SIGHUP)
            time.sleep(10)
            pytest.fail("SIGHUP did not interrupt the block")
        finally:
            os.kill(os.getpid(), signal.SIGHUP)  # a second signal must not cut the clean-up short
            time.sleep(0.1)
            cleaned.append("done")
    assert cleaned == ["done"]
    assert signal.getsignal(signal.SIGHUP) == before


def test_killing_kg_serve_stops_its_oxigraph_server_and_the_next_run_starts_and_removes_the_old_site(
    built_store, tmp_path,
):
    process, endpoint = start_kg_serve(built_store, tmp_path)
    [oxigraph] = children(process.pid)
    [leftover] = tmp_path.glob(f"{SITE_PREFIX}*")
    process.kill()
    process.wait(timeout=10)  # reaped, so that its pid no longer counts as running
    assert ends_within(oxigraph, 5), "the Oxigraph server outlived kg serve"
    assert not answers(endpoint)
    assert leftover.is_dir()  # SIGKILL gives kg serve no chance to remove it
    again, endpoint = start_kg_serve(built_store, tmp_path)
    try:
        assert answers(endpoint)
        assert not leftover.exists()
        assert len(list(tmp_path.glob(f"{SITE_PREFIX}*"))) == 1
    finally:
        again.send_signal(signal.SIGTERM)
        again.wait(timeout=30)


def test_sighup_stops_kg_serve_cleanly_with_its_oxigraph_server_and_site_folder(built_store, tmp_path):
    process, endpoint = start_kg_serve(built_store, tmp_path)
    [oxigraph] = children(process.pid)
    assert len(list(tmp_path.glob(f"{SITE_PREFIX}*"))) == 1
    process.send_signal(signal.SIGHUP)
    process.wait(timeout=30)
    assert process.returncode == 0, process.stderr.read()
    assert ends_within(oxigraph, 5)
    assert not answers(endpoint)
    assert list(tmp_path.iterdir()) == []
