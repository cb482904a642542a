"""`kg build FILE.pdf`: PDFs as published, the template detected or named, into the same graph.

The PDFs are the Shanghai samples in ../shared (never committed); documents derived
from them for a test are written under tmp_path.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from kg import store as kg_store
from kg.rdf.mapping import document_quads
from kg.read import read_document

SWW = "putuo-sww-2025-unit-budget.pdf"
WANLI = "putuo-wanli-2024-dept-budget.pdf"
BK = "https://budget-kg.org/def/"
BASE = "https://budget-kg.org/id/"


@pytest.fixture
def shanghai(shared_samples: Path) -> Path:
    return shared_samples / "shanghai"


def test_pdfs_are_built_with_every_token_placed(kg, shanghai, store_dir):
    result = kg("build", shanghai / SWW, shanghai / WANLI, "--store", store_dir, "--json")
    assert result.exit_code == 0, result.output
    summaries = json.loads(result.stdout)
    assert [(s["status"], s["units"], s["tables"], s["unplaced"]) for s in summaries] == [("ok", 1, 9, 0)] * 2
    assert all(s["tokens"] == s["placed"] > 200 for s in summaries)


def test_the_template_can_be_named(kg, shanghai, store_dir):
    result = kg("build", shanghai / SWW, "--store", store_dir, "--template", "shanghai-district")
    assert result.exit_code == 0, result.output


def test_a_template_for_other_input_is_refused_with_the_reason(kg, shanghai, store_dir):
    result = kg("build", shanghai / SWW, "--store", store_dir, "--template", "hebei-county")
    assert result.exit_code == 3
    assert SWW in result.stderr and "hebei-county reads text input" in result.stderr


def test_an_unknown_template_name_lists_the_profiles(kg, shanghai, store_dir):
    result = kg("build", shanghai / SWW, "--store", store_dir, "--template", "guangdong-city")
    assert result.exit_code == 3
    assert "guangdong-city" in result.stderr and "shanghai-district" in result.stderr


def test_a_pdf_without_tables_says_which_titles_it_recognised(kg, shanghai, store_dir, tmp_path):
    # The cover, contents and narrative of a real disclosure, without its tables: no
    # template recognises it, and the standard tables' vocabulary finds titles but no table.
    source = pdfium.PdfDocument(str(shanghai / SWW))
    cut = pdfium.PdfDocument.new()
    cut.import_pages(source, list(range(0, 8)))
    path = tmp_path / "narrative-only.pdf"
    cut.save(str(path))
    result = kg("build", path, "--store", store_dir)
    assert result.exit_code == 3
    message = " ".join(result.stderr.split())
    assert "narrative-only.pdf: no budget tables found" in message
    # The contents page names the tables; the error repeats what it recognised.
    assert "预算单位财务收支预算总表" in message


def test_a_file_that_is_not_a_pdf_but_named_so_is_a_clear_error(kg, store_dir, tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_text("not a pdf", encoding="utf-8")
    result = kg("build", path, "--store", store_dir)
    assert result.exit_code == 3
    assert "broken.pdf: cannot be opened as a PDF" in result.stderr


def test_the_three_public_table_keeps_wan_yuan_and_a_normalised_amount_in_yuan(shanghai):
    doc = read_document(shanghai / SWW)
    quads = document_quads(doc)
    unit = doc.units[0].code
    table = f"{BASE}table/{unit}/2025/three_public"
    cell = f"{BASE}line/{unit}/2025/three_public/operating_costs/total"
    summary = f"{BASE}table/{unit}/2025/summary"

    def obj(subject, predicate):
        return {q.object.value for q in quads if q.subject.value == subject and q.predicate.value == BK + predicate}

    assert obj(table, "printedCurrencyUnit") == {"万元"}
    assert obj(summary, "printedCurrencyUnit") == {"元"}
    assert obj(cell, "printedAmount") == {"171.01"}
    assert {Decimal(v) for v in obj(cell, "amountYuan")} == {Decimal("1710100")}
    grand = f"{BASE}line/{unit}/2025/summary/income.grand_total/amount"
    assert {Decimal(v) for v in obj(grand, "amountYuan")} == {Decimal("371514655.00")}


def test_a_department_disclosure_is_recorded_as_such(kg, shanghai, store_dir):
    result = kg("build", shanghai / WANLI, "--store", store_dir, "--json")
    assert result.exit_code == 0, result.output
    graph = json.loads(result.stdout)[0]["graph"]
    assert graph.endswith("/2024/department-budget")
    store = kg_store.open(store_dir, read_only=True)
    kinds = {str(row[0].value) for row in store.query(
        f"SELECT ?k WHERE {{ GRAPH ?g {{ ?d <{BK}documentKind> ?k }} }}")}
    assert kinds == {"部门"}


def _cut(source: Path, pages: range, path: Path) -> Path:
    document, cut = pdfium.PdfDocument(str(source)), pdfium.PdfDocument.new()
    cut.import_pages(document, list(pages))
    cut.save(str(path))
    return path


def test_a_disclosure_published_as_two_files_is_built_as_one_document(kg, shared_corpus, store_dir, tmp_path):
    # 广州市信访局 2026: its 说明 (the cover and the narrative, pages 1–4) and its 报表 (the rest).
    source = shared_corpus / "31_广东_广州_信访局_2026.pdf"
    notes = _cut(source, range(0, 4), tmp_path / "广州市信访局-说明.pdf")
    tables = _cut(source, range(4, 25), tmp_path / "广州市信访局-报表.pdf")
    result = kg("build", notes, tables, "--store", store_dir, "--json")
    assert result.exit_code == 0, result.output
    summaries = json.loads(result.stdout)
    assert [(s["status"], s["joined"]) for s in summaries] == [("joined", str(tables)), ("ok", None)]
    assert summaries[0]["graph"] == summaries[1]["graph"]
    with kg_store.open(store_dir, read_only=True) as opened:
        # Both files are the sources of the one graph.
        names = {row["name"].value for row in opened.query(
            f"SELECT ?name WHERE {{ GRAPH ?g {{ ?g <http://www.w3.org/ns/prov#wasDerivedFrom> ?f . "
            f"?f <{BK}fileName> ?name }} }}")}
    assert names == {notes.name, tables.name}
