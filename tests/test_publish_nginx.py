"""The nginx snippet that kg publish writes, run by a real nginx on 127.0.0.1 over the sample site."""

from __future__ import annotations

import http.client
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
import rdflib

from kg.publish.serve import free_port


@pytest.fixture(scope="module")
def nginx(published_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)
    if binary is None:
        pytest.fail("nginx is missing: apt-get install nginx (.ci/run does this)")
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    snippet = (published_site / "server/nginx.conf").read_text(encoding="utf-8")
    assert "listen 80;" in snippet and "root /srv/budget-kg-site;" in snippet
    snippet = snippet.replace("listen 80;", f"listen 127.0.0.1:{port};")
    snippet = snippet.replace("root /srv/budget-kg-site;", f"root {published_site};")
    temp = " ".join(f"{kind}_temp_path {prefix}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;" if os.geteuid() == 0 else ""  # workers must read the test's private temp folder
    (prefix / "nginx.conf").write_text(
        f"{user}\ndaemon off;\nworker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log;\n"
        f"events {{}}\nhttp {{\naccess_log off;\n{temp}\n{snippet}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen([binary, "-p", str(prefix), "-c", str(prefix / "nginx.conf")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 15
    while True:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("HEAD", "/")
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(timeout=10)


def get(port: int, path: str, accept: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers={"Accept": accept} if accept else {})
    response = connection.getresponse()
    response.body = response.read()
    return response


UNIT = "/id/unit/323001/"


@pytest.mark.parametrize(
    ("accept", "name", "media"),
    [
        ("text/turtle", "index.ttl", "text/turtle"),
        ("application/ld+json", "index.jsonld", "application/ld+json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "index.html", "text/html"),
        (None, "index.html", "text/html"),
    ],
)
def test_nginx_answers_a_resource_folder_with_the_negotiated_file(nginx, published_site, accept, name, media):
    response = get(nginx, UNIT, accept)
    assert response.status == 200
    assert response.getheader("Content-Type").startswith(media)
    assert response.getheader("Vary") == "Accept"
    assert response.body == (published_site / "id/unit/323001" / name).read_bytes()


def test_nginx_redirects_an_iri_to_its_folder_on_the_same_host(nginx):
    response = get(nginx, "/id/unit/323001", "text/turtle")
    assert response.status == 301
    assert response.getheader("Location") == UNIT


def test_nginx_finds_folders_named_in_chinese_and_serves_dumps_as_they_are(nginx, published_site):
    legal = "/id/legal/%E5%86%80%E8%B4%A2%E8%A7%84%E3%80%942018%E3%80%9521%E5%8F%B7/"
    assert "冀财规〔2018〕21号" in get(nginx, legal).body.decode("utf-8")
    dump = get(nginx, "/dumps/budget.nq", "text/turtle")
    assert dump.status == 200 and dump.getheader("Content-Type") == "application/n-quads"
    assert dump.body == (published_site / "dumps/budget.nq").read_bytes()


@pytest.mark.parametrize(
    ("path", "location"),
    [
        ("/id/line/323001/2023/expenditure/208/total", "/id/line/323001/2023/expenditure/208/#total"),
        ("/id/line/323001/2023/expenditure/208/total/", "/id/line/323001/2023/expenditure/208/#total"),
        ("/id/line/323001/2023/expenditure/208/total/break/row-sum",
         "/id/line/323001/2023/expenditure/208/#total/break/row-sum"),
    ],
)
def test_nginx_redirects_an_iri_below_a_line_to_its_anchor_on_the_line_page(nginx, path, location):
    response = get(nginx, path, "text/turtle")
    assert response.status == 303
    assert response.getheader("Location") == location


def test_nginx_serves_the_line_page_a_cell_redirects_to_with_the_cell_statements(nginx):
    response = get(nginx, "/id/line/323001/2023/expenditure/208/", "text/turtle")
    assert response.status == 200
    graph = rdflib.Graph().parse(data=response.body.decode("utf-8"), format="turtle")
    cell = rdflib.URIRef("https://budget-kg.org/id/line/323001/2023/expenditure/208/total")
    # 支出总表 of 323001, class 208, 合计: 3798.89 万元
    assert graph.value(cell, rdflib.URIRef("https://budget-kg.org/def/amount")) == rdflib.Literal(Decimal("3798.89"))
