"""kg publish and kg serve from the command line."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kg import store as kg_store
from kg.publish.serve import free_port


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
    kg_bin = Path(sys.executable).parent / "kg"
    process = subprocess.Popen(
        [str(kg_bin), "serve", "--store", str(built_store), "--port", str(port)],
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
