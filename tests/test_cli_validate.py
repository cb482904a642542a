"""``kg validate``: formats, exit codes, and the store path."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import REPO
from rdflib import Graph, Literal, Namespace

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_disclosures import generate  # noqa: E402

SH = Namespace("http://www.w3.org/ns/shacl#")


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docs")
    key = generate(folder, 2, seed=3, kinds=("clean", "narrative-total"))
    return {p.kind: folder / p.document for p in key}


def test_a_clean_document_exits_0(kg, generated):
    result = kg("validate", generated["clean"], "--silent")
    assert result.exit_code == 0, result.output
    assert "0 violations, 0 warnings" in result.stdout


def test_violations_exit_1_and_the_text_names_table_row_and_shape(kg, generated):
    result = kg("validate", generated["narrative-total"])
    assert result.exit_code == 1
    assert "BK-NARR-AMOUNT" in result.stdout and "expenditure.total" in result.stdout


def test_the_json_report_is_the_library_report(kg, generated, tmp_path):
    from kg.validate import validate_paths

    out = tmp_path / "r.json"
    result = kg("validate", generated["narrative-total"], "--format", "json", "--out", out)
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data == validate_paths([generated["narrative-total"]], jobs=1).to_dict()
    finding = data["tasks"][0]["findings"][0]
    assert {k: finding[k] for k in ("code", "severity", "unit", "table", "row")} == {
        "code": "BK-NARR-AMOUNT", "severity": "violation", "unit": "400002", "table": "narrative",
        "row": "expenditure.total",
    }
    assert set(finding["values"]) >= {"stated", "printed", "diff"}


def test_the_turtle_report_is_a_w3c_validation_report_with_languages(kg, generated):
    result = kg("validate", generated["narrative-total"], "--format", "ttl")
    graph = Graph().parse(data=result.stdout, format="turtle")
    report = next(graph.subjects(None, SH.ValidationReport))
    assert graph.value(report, SH.conforms) == Literal(False)
    messages = list(graph.objects(None, SH.resultMessage))
    assert {m.language for m in messages} == {"zh", "en"}


def test_the_html_report_is_self_contained_and_escaped(kg, generated, tmp_path):
    out = tmp_path / "r.html"
    kg("validate", generated["narrative-total"], "--format", "html", "--out", out)
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "BK-NARR-AMOUNT" in page
    assert "<script" not in page and "src=" not in page and "href=" not in page
    assert "“included" not in page or "&" in page


def test_warnings_exit_0_unless_strict(kg, generated, tmp_path):
    text = generated["clean"].read_text(encoding="utf-8")
    # A made-up 项 name: a code-list warning, not a violation.
    code_line = next(l for l in text.splitlines() if l.isdigit() and len(l) == 7)
    lines = text.splitlines()
    names_at = lines.index(code_line) + 2
    bad = tmp_path / "renamed.txt"
    lines[names_at] = "自造科目名称"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plain = kg("validate", bad, "--format", "json")
    assert plain.exit_code == 0, plain.output
    assert {f["code"] for t in json.loads(plain.stdout)["tasks"] for f in t["findings"]} == {"BK-CODE-NAME"}
    assert kg("validate", bad, "--strict").exit_code == 1


def test_an_unreadable_document_exits_3_and_is_named(kg, tmp_path, generated):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes(generated["clean"].read_text(encoding="utf-8").encode("gbk"))
    result = kg("validate", bad, generated["clean"])
    assert result.exit_code == 3
    assert "gbk.txt" in result.stderr


def test_the_store_is_validated_per_graph(kg, generated, tmp_path):
    store = tmp_path / "store"
    assert kg("build", generated["clean"], generated["narrative-total"], "--store", store).exit_code == 0
    result = kg("validate", "--store", store, "--format", "json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    codes = {(t["document"], f["code"]) for t in data["tasks"] for f in t["findings"]}
    assert codes == {(generated["narrative-total"].name, "BK-NARR-AMOUNT")}


def test_a_store_prints_the_same_report_as_the_files_it_was_built_from(kg, generated, tmp_path):
    # A store keeps 519.80 as 519.8: the report must still print the amount as the document does.
    found = json.loads(kg("validate", generated["narrative-total"], "--format", "json").stdout)
    stated = found["tasks"][0]["findings"][0]["values"]["stated"]
    text = generated["narrative-total"].read_text(encoding="utf-8")
    assert text.count(stated) == 1
    document, printed = tmp_path / "ends-in-zero.txt", stated[:-1] + "0"
    document.write_text(text.replace(stated, printed), encoding="utf-8")
    store = tmp_path / "store"
    assert kg("build", document, "--store", store).exit_code == 0
    from_file = kg("validate", document, "--silent")
    from_store = kg("validate", "--store", store, "--silent")
    assert from_file.exit_code == from_store.exit_code == 1
    assert f"states {printed} 万元" in from_file.stdout
    assert from_store.stdout == from_file.stdout


def test_two_documents_printing_the_same_cell_differently_are_reported_across_documents(generated, tmp_path):
    import pyoxigraph as ox

    from kg import store as kg_store
    from kg.rdf.mapping import document_quads
    from kg.read import read_document
    from kg.validate import validate_store

    quads = document_quads(read_document(generated["clean"]))
    first = quads[0].graph_name
    second = ox.NamedNode(first.value + "/republished")
    cell = next(q.subject for q in quads if q.subject.value.endswith("/fiscal_summary/income.gpb/amount")
                and q.predicate.value.endswith("/amount"))
    copy = [
        ox.Quad(q.subject, q.predicate,
                ox.Literal("1.00", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
                if q.subject == cell and q.predicate.value.endswith("/def/amount") else q.object, second)
        for q in quads
    ]
    with kg_store.open(tmp_path / "store") as opened:
        opened.replace_graph(first, quads)
        opened.replace_graph(second, copy)
    report = validate_store(tmp_path / "store", jobs=1)
    across = report.tasks[-1]
    assert across.document == "(across documents)"
    assert [(f.code, f.unit, f.table, f.row, f.column) for f in across.findings] == [
        ("BK-XDOC-CELL", "400001", "fiscal_summary", "income.gpb", "amount")
    ]
    assert across.findings[0].values["actual"] != across.findings[0].values["expected"]
