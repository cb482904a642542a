"""kg publish on the sample: every link resolves, the dumps round-trip, pages say what the document says."""

from __future__ import annotations

import html.parser
import json
import re
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyoxigraph as ox
import pytest
import rdflib
from conftest import REPO

from kg import store as kg_store
from kg.build import build
from kg.publish import publish
from kg.publish.dumps import GZIP_OVER
from kg.publish.paths import SiteMap
from kg.rdf.iris import DEFAULT_BASE_IRI

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_disclosures import generate

SITE_MAP = SiteMap(DEFAULT_BASE_IRI)
UNIT = "id/unit/323001"
LEGAL = "id/legal/冀财规〔2018〕21号"


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)
            if name == "id" and value is not None:
                self.ids.add(value)


def parsed(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def links_of(page: Path) -> list[str]:
    return parsed(page).links


def store_quads(store: Path) -> set[ox.Quad]:
    with kg_store.open(store, read_only=True) as opened:
        return set(opened.inner)


def page(site: Path, folder: str) -> str:
    return (site / folder / "index.html").read_text(encoding="utf-8")


def test_every_link_in_the_sample_site_resolves_to_a_page_and_its_anchor(published_site):
    pages = sorted(published_site.rglob("*.html"))
    broken, internal, anchored, external = [], 0, 0, set()
    ids: dict[Path, set[str]] = {}
    for html_file in pages:
        for link in links_of(html_file):
            parts = urlsplit(link)
            if parts.scheme:
                external.add(parts.scheme)
                continue
            internal += 1
            target = (html_file.parent / unquote(parts.path)).resolve() if parts.path else html_file
            if not target.is_file():
                broken.append(f"{html_file.relative_to(published_site)} -> {link}")
            elif parts.fragment:
                anchored += 1
                if target not in ids:
                    ids[target] = parsed(target).ids
                if unquote(parts.fragment) not in ids[target]:
                    broken.append(f"{html_file.relative_to(published_site)} -> {link} (no such anchor)")
    # 1,153 pages: the 469 cells of the sample (one per amount placed) are anchors of their lines' pages
    assert len(pages) > 1100
    assert internal > 30_000 and anchored > 1000
    assert broken == []
    assert external <= {"http", "https"}  # only other vocabularies' own IRIs leave the site


def test_every_resource_iri_of_the_store_has_a_page_and_twins_at_its_path_or_its_lines(published_site, built_store):
    iris, subjects = set(), set()
    for quad in store_quads(built_store):
        subjects.add(quad.subject)
        for term in (quad.subject, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode) and term.value.startswith(SITE_MAP.base):
                iris.add(term.value)
    missing, cells = [], 0
    for iri in sorted(iris):
        anchor = SITE_MAP.anchor(iri)
        folder = SITE_MAP.folder(anchor[0] if anchor else iri)
        missing += [f"{iri}: {name}" for name in ("index.html", "index.ttl", "index.jsonld")
                    if not (published_site / folder / name).is_file()]
        if anchor is None:
            continue
        # A cell has no folder: its line's page holds it at an anchor, and the line's twins its statements.
        cells += 1
        if (published_site / SITE_MAP.folder(iri)).exists():
            missing.append(f"{iri}: a folder of its own")
        if f'id="{anchor[1]}"' not in page(published_site, folder):
            missing.append(f"{iri}: anchor {anchor[1]}")
        twin = {q.subject for q in ox.parse(path=str(published_site / folder / "index.ttl"), format=ox.RdfFormat.TURTLE)}
        if ox.NamedNode(iri) in subjects and ox.NamedNode(iri) not in twin:
            missing.append(f"{iri}: not in its line's Turtle")
    assert len(iris) > 1000
    assert cells == 469  # every amount the sample's tables print (469 placed, kg build)
    assert missing == []
    # Code-list concepts (terms, not instance data) resolve too, at their own path.
    assert (published_site / "def/code/function/2023/2080101/index.html").is_file()
    assert "行政运行" in page(published_site, "def/code/function/2023/2080101")


def test_published_nquads_load_into_a_fresh_store_as_the_same_graph(published_site, built_store, tmp_path):
    fresh = ox.Store(str(tmp_path / "fresh"))
    fresh.bulk_load(path=str(published_site / "dumps/budget.nq"), format=ox.RdfFormat.N_QUADS)
    assert set(fresh) == store_quads(built_store)
    per_graph = ox.Store()
    for dump in sorted((published_site / "dumps/graphs").glob("*.nq")):
        per_graph.bulk_load(path=str(dump), format=ox.RdfFormat.N_QUADS)
    assert set(per_graph) == store_quads(built_store)


def test_the_json_ld_dump_holds_the_same_quads_as_the_n_quads_dump(published_site):
    def quads(path: Path, fmt: str) -> set[tuple[str, ...]]:
        dataset = rdflib.Dataset()
        dataset.parse(path, format=fmt)
        return {tuple(t.n3() for t in quad) for quad in dataset.quads((None, None, None, None))}

    from_nquads = quads(published_site / "dumps/budget.nq", "nquads")
    assert len(from_nquads) > 10_000
    assert quads(published_site / "dumps/budget.jsonld", "json-ld") == from_nquads
    published_context = json.loads((published_site / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    dump_context = json.loads((published_site / "dumps/budget.jsonld").read_text(encoding="utf-8"))["@context"]
    assert dump_context == published_context
    assert published_context["bk"] == "https://budget-kg.org/def/"


def test_large_dumps_get_a_gzip_twin_and_small_ones_do_not(published_site):
    import gzip

    for dump in (published_site / "dumps").rglob("*"):
        if dump.suffix in (".nq", ".trig", ".ttl", ".jsonld"):
            twin = dump.with_name(dump.name + ".gz")
            assert twin.is_file() == (dump.stat().st_size > GZIP_OVER), dump
            if twin.is_file():
                assert gzip.decompress(twin.read_bytes()) == dump.read_bytes()


def test_publishing_the_same_store_twice_writes_identical_files_with_one_process_or_several(
    published_site, built_store, tmp_path
):
    again = tmp_path / "again"
    publish(built_store, again, jobs=1)  # the fixture's site was written by one process per core
    first = {p.relative_to(published_site): p.read_bytes() for p in published_site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_the_unit_page_shows_its_chinese_name_amounts_in_wan_yuan_and_its_source(published_site):
    text = page(published_site, UNIT)
    assert "<h1>巨鹿县人力资源和社会保障局本级</h1>" in text
    # 支出总表 合计 row of 323001: basic 685.86, project 3204.03 (万元); 基本支出表: personnel 632.20, public 53.66.
    for amount in ("685.86", "3204.03", "632.20", "53.66", "3798.89"):
        assert amount in text
    assert "（单位：万元）" in text
    assert "julu-hrss-2023-unit-budget.txt" in text
    assert 'rel="alternate" type="text/turtle" href="index.ttl"' in text


def test_a_line_page_gives_each_cell_at_its_anchor_with_its_unit_and_page(published_site):
    text = page(published_site, "id/line/323001/2023/expenditure/208")
    text = next(s for s in text.split('<section class="fragment"')[1:] if s.startswith(' id="total">'))
    assert "<code>https://budget-kg.org/id/line/323001/2023/expenditure/208/total</code>" in text
    assert re.search(r">3798\.89</span> <span class=\"unit\">万元</span>", text)
    assert re.search(r">37988900</span> <span class=\"unit\">元</span>", text)
    assert "第 5 页" in text  # the 支出总表 of 323001 is on page 5 of the disclosure


def test_a_legal_document_page_lists_every_indicator_citing_it(published_site):
    # The sample cites 冀财规〔2018〕21号 in 12 indicator rows, six spelled 〔〕 and six 【】, all of unit 323001.
    text = page(published_site, LEGAL)
    start = text.index('class="citations"')
    section = text[start:text.index("</section>", start)]
    indicators = re.findall(r'href="([^"]*/project/\d+/indicator/\d+/index.html)"', section)
    assert len(indicators) == 12
    assert all("unit/323001/2023/project/" in link for link in indicators)
    assert "巨鹿县人力资源和社会保障局本级</a>（12）" in section


def test_a_legal_document_cited_by_several_documents_counts_each_citing_indicator_once(tmp_path):
    # Each generated disclosure is one unit (its code and name printed under the first table's title) and
    # cites 冀财规〔2018〕21号 on some of its indicator rows; every citing graph states the document's number
    # again, which must not multiply the counts (nor, as it did, the time of the query behind them).
    documents = tmp_path / "documents"
    generate(documents, 3, seed=3, kinds=("clean",))
    texts = sorted(documents.glob("doc-*.txt"))
    store = tmp_path / "store"
    with kg_store.open(store) as opened:
        build(texts, opened)
    site = tmp_path / "site"
    publish(store, site, jobs=1)
    legal, citations = page(site, LEGAL), page(site, "id/legal")
    total = 0
    for text in texts:
        printed = text.read_text(encoding="utf-8")
        name = re.search(r"^\d{6}(\S+)$", printed, flags=re.MULTILINE)[1]
        cited = sum("冀财规〔2018〕21号" in line for line in printed.splitlines())
        assert cited > 0
        assert f"{name}</a>（{cited}）</h3>" in legal
        total += cited
    assert re.search(r">冀财规〔2018〕21号</a></th><td class=\"num\">(\d+)</td>", citations)[1] == str(total)


def test_a_table_page_links_each_amount_to_its_cell_on_its_line_page(published_site):
    text = page(published_site, "id/table/323001/2023/expenditure")
    # 支出总表 of 323001, class 208: total 3798.89 (万元)
    assert '<a href="../../../../line/323001/2023/expenditure/208/index.html#total">3798.89</a>' in text


def test_every_page_embeds_json_ld_equal_to_its_twin(published_site):
    for folder in (UNIT, LEGAL, "id/line/323001/2023/expenditure/208"):
        text = page(published_site, folder)
        embedded = re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1)
        twin = json.loads((published_site / folder / "index.jsonld").read_text(encoding="utf-8"))
        assert json.loads(embedded) == twin


def test_the_turtle_twin_holds_the_resource_statements(published_site):
    graph = rdflib.Graph().parse(published_site / UNIT / "index.ttl", format="turtle")
    unit = rdflib.URIRef(DEFAULT_BASE_IRI + "unit/323001")
    assert (unit, rdflib.URIRef("http://www.w3.org/ns/org#identifier"), rdflib.Literal("323001")) in graph


def test_the_ontology_page_documents_terms_and_code_lists(published_site):
    text = page(published_site, "def")
    assert "预算单位" in text and "budget unit" in text
    assert "2023年政府收支分类科目：支出功能分类" in text
    assert (published_site / "def/budget.ttl").is_file()
    # A resource page links every term it uses to the term's page, which links back to the ontology.
    line = page(published_site, "id/line/323001/2023/expenditure/208")
    assert 'href="../../../../../../def/amountYuan/index.html"' in line
    assert 'href="../../../../../../def/Cell/index.html"' in line


def test_publishing_into_a_folder_it_did_not_write_is_refused(built_store, tmp_path):
    from kg.errors import BudgetKgError

    (tmp_path / "mine.txt").write_text("keep me")
    with pytest.raises(BudgetKgError, match="not written by kg publish"):
        publish(built_store, tmp_path)
    assert (tmp_path / "mine.txt").read_text() == "keep me"


@pytest.mark.parametrize("name", ["paths", "jsonld", "dumps", "negotiation", "site"])
def test_the_publish_docstring_examples_run(name):
    import doctest
    import importlib

    failures, tried = doctest.testmod(importlib.import_module(f"kg.publish.{name}"))
    assert tried > 0 and failures == 0
