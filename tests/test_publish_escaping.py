"""Names from third-party documents are text, never markup: a <script> in an indicator name publishes safely."""

from __future__ import annotations

import json
import re

import rdflib

from kg.publish import publish

EVIL = '空气源热泵<script>alert("x")</script>\'数量"&'


def test_a_document_whose_names_hold_script_tags_and_quotes_publishes_escaped(kg, sample, tmp_path):
    text = sample.read_text(encoding="utf-8")
    assert text.count("数量指标 空气源热泵数量 ") == 1
    evil = tmp_path / "evil.txt"
    evil.write_text(text.replace("数量指标 空气源热泵数量 ", f"数量指标 {EVIL} "), encoding="utf-8")
    store = tmp_path / "store"
    assert kg("build", evil, "--store", store).exit_code == 0
    site = tmp_path / "site"
    publish(store, site)

    pages = list(site.rglob("*.html"))
    leaked = [p for p in pages if "<script>alert" in p.read_text(encoding="utf-8")]
    assert leaked == []

    indicator = site / "id/unit/323001/2023/project/1/indicator/1"
    html = (indicator / "index.html").read_text(encoding="utf-8")
    assert "<h1>空气源热泵&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&#39;数量&#34;&amp;</h1>" in html
    # The embedded JSON-LD cannot close its <script> early, and still says exactly what was printed.
    embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</script" not in embedded and "<" not in embedded
    names = [v["@value"] for v in json.loads(embedded)["@graph"][0]["bk:indicatorName"]]
    assert names == [EVIL]
    # The unit page lists the indicator under its project, escaped too.
    unit = (site / "id/unit/323001/index.html").read_text(encoding="utf-8")
    assert "空气源热泵&lt;script&gt;" in unit
    # The twins are data: the name comes back unchanged.
    graph = rdflib.Graph().parse(indicator / "index.ttl", format="turtle")
    assert rdflib.Literal(EVIL) in set(graph.objects())
