"""Content negotiation: the Accept header picks a resource's page or one of its twins."""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.request
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
import rdflib

from kg.publish.negotiation import choose
from kg.publish.serve import serve_site

CASES = [
    ("text/turtle", "index.ttl"),
    ("application/ld+json", "index.jsonld"),
    ("application/ld+json, text/turtle;q=0.5", "index.ttl"),  # rules are ordered, q-values not weighed
    ("TEXT/TURTLE", "index.ttl"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "index.html"),  # a browser
    ("text/html;q=0.9, text/turtle", "index.html"),  # anything that takes HTML gets the page
    ("*/*", "index.html"),
    ("", "index.html"),
    (None, "index.html"),
    ("application/json", "index.html"),
]


@pytest.mark.parametrize(("accept", "expected"), CASES)
def test_the_accept_header_picks_the_file(accept, expected):
    assert choose(accept) == expected


def nginx_map(conf: str) -> tuple[str, list[tuple[str, str]]]:
    block = re.search(r"map \$http_accept \$kg_twin \{(.*?)\n\}", conf, re.S).group(1)
    default = re.search(r"^\s*default (\S+);", block, re.M).group(1)
    rules = re.findall(r'^\s*"~\*(.*)" (\S+);', block, re.M)
    return default, rules


@pytest.mark.parametrize(("accept", "expected"), CASES)
def test_the_nginx_snippet_maps_accept_headers_to_the_same_files(published_site, accept, expected):
    default, rules = nginx_map((published_site / "server/nginx.conf").read_text(encoding="utf-8"))
    # nginx checks map regexes in order and takes the first match (~* is case-insensitive PCRE).
    chosen = next((name for pattern, name in rules if accept and re.search(pattern, accept, re.I)), default)
    assert chosen == expected


def test_the_nginx_snippet_serves_the_negotiated_file_of_a_folder(published_site):
    conf = (published_site / "server/nginx.conf").read_text(encoding="utf-8")
    assert "index $kg_twin;" in conf
    assert "add_header Vary Accept;" in conf
    assert "server_name budget-kg.org;" in conf


def fetch(url: str, accept: str | None = None) -> tuple[int, str, bytes, str]:
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    with urllib.request.urlopen(request) as response:
        return response.status, response.headers["Content-Type"], response.read(), response.url


def test_the_local_server_answers_an_iri_with_the_negotiated_twin(published_site):
    with serve_site(published_site) as base:
        status, media, body, final = fetch(base + "id/unit/323001", "text/turtle")
        assert status == 200 and final == base + "id/unit/323001/"  # redirected to the folder
        assert media.startswith("text/turtle")
        graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
        assert (None, None, rdflib.Literal("巨鹿县人力资源和社会保障局本级", lang="zh")) in graph
        _, media, body, _ = fetch(base + "id/unit/323001/", "application/ld+json")
        assert media == "application/ld+json" and b'"323001"' in body
        _, media, body, _ = fetch(base + "id/unit/323001/", "text/html,*/*;q=0.8")
        assert media.startswith("text/html") and "巨鹿县人力资源和社会保障局本级".encode() in body
        # Chinese path segments: the link as written (percent-encoded) finds the folder.
        _, _, body, _ = fetch(base + "id/legal/%E5%86%80%E8%B4%A2%E8%A7%84%E3%80%942018%E3%80%9521%E5%8F%B7/")
        assert "冀财规〔2018〕21号".encode() in body
        with pytest.raises(urllib.error.HTTPError) as missing:
            fetch(base + "id/unit/999999/")
        assert missing.value.code == 404


def test_the_local_server_redirects_a_cell_iri_to_its_line_page_and_anchor(published_site):
    with serve_site(published_site) as base:
        cell = "id/line/323001/2023/expenditure/208/total"
        connection = http.client.HTTPConnection(urlsplit(base).hostname, urlsplit(base).port, timeout=10)
        connection.request("GET", "/" + cell, headers={"Accept": "text/turtle"})
        response = connection.getresponse()
        assert response.status == 303
        assert response.getheader("Location") == "/id/line/323001/2023/expenditure/208/#total"
        # Followed, it gives the line's twin, which holds the cell's statements: 支出总表 208 合计 3798.89 万元.
        status, media, body, final = fetch(base + cell, "text/turtle")
        assert status == 200 and media.startswith("text/turtle")
        assert final == base + "id/line/323001/2023/expenditure/208/#total"
        graph = rdflib.Graph().parse(data=body.decode("utf-8"), format="turtle")
        amount = graph.value(rdflib.URIRef("https://budget-kg.org/" + cell),
                             rdflib.URIRef("https://budget-kg.org/def/amount"))
        assert amount == rdflib.Literal(Decimal("3798.89"))
