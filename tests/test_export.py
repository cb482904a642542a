"""CSV export (kg.export): contract file names and columns, printed amounts, stable order."""

from __future__ import annotations

import ast
import csv
import doctest
import json
from datetime import datetime, timezone
from pathlib import Path

import frictionless
import pyoxigraph as ox
import pytest
from conftest import REPO
from julu_records import julu_document

import kg.export
from kg.export import DATAPACKAGE, EXPORTS, export_csv, export_rows
from kg.rdf.mapping import document_quads
from kg.resources import resource

DOC = "https://budget-kg.org/id/doc/323001/2023/unit-budget"
#: The columns users rely on. New columns go at the end (the unit columns of issue 16 did),
#: so that a spreadsheet or script reading columns by position keeps working.
CONTRACT = {
    "units.csv": ["unit_code", "unit_name", "year", "document"],
    "function_lines.csv": ["document", "unit_code", "year", "table", "code", "name", "total", "basic", "project",
                           "currency", "total_yuan", "basic_yuan", "project_yuan"],
    "income_lines.csv": ["document", "unit_code", "year", "table", "code", "name", "column", "amount",
                         "currency", "yuan"],
    "economic_lines.csv": ["document", "unit_code", "year", "table", "code", "name", "total", "personnel", "public",
                           "currency", "total_yuan", "personnel_yuan", "public_yuan", "paired_code", "paired_name"],
    "duties.csv": ["document", "unit_code", "year", "number", "text", "page"],
    "narrative_facts.csv": ["document", "unit_code", "year", "key", "value", "unit", "direction", "reason",
                            "sentence", "page", "currency", "yuan"],
    "projects.csv": ["document", "unit_code", "year", "project_no", "project_name", "funding_document", "goals",
                     "indicators", "unattributed", "page"],
    "indicators.csv": ["document", "unit_code", "year", "project_no", "project_name", "level1", "level2", "name",
                       "description", "value_text", "comparator", "value", "measure_unit", "basis_text",
                       "basis_document", "currency", "yuan"],
    "legal_documents.csv": ["document_number", "spellings", "citations", "indicator_citations",
                            "project_citations", "units"],
}


def store_of(*quad_lists) -> ox.Store:
    store = ox.Store()
    for quads in quad_lists:
        store.extend(quads)
    return store


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return store_of(document_quads(julu_document(), generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc)))


@pytest.fixture(scope="module")
def out(store, tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("csv")
    export_csv(store, folder)
    return folder


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_export_writes_the_contract_files_and_counts_rows(store, tmp_path):
    counts = export_csv(store, tmp_path / "new" / "dir")
    # The hand-built records carry no narrative: its files hold only their header.
    assert counts == {"units.csv": 2, "function_lines.csv": 6, "income_lines.csv": 3, "economic_lines.csv": 2,
                      "duties.csv": 0, "narrative_facts.csv": 0, "projects.csv": 0, "indicators.csv": 0,
                      "legal_documents.csv": 0}
    assert sorted(p.name for p in (tmp_path / "new" / "dir").iterdir()) == sorted([*CONTRACT, "datapackage.json"])


@pytest.mark.parametrize("file_name", sorted(CONTRACT))
def test_export_files_have_contract_columns(out, file_name):
    with (out / file_name).open(encoding="utf-8") as handle:
        assert next(csv.reader(handle)) == CONTRACT[file_name]


def test_export_function_lines_has_contract_columns(out):
    assert list(read(out / "function_lines.csv")[0]) == CONTRACT["function_lines.csv"]


def test_function_lines_keep_printed_amounts(out):
    rows = {(r["unit_code"], r["table"], r["code"]): r for r in read(out / "function_lines.csv")}
    assert rows["323001", "expenditure", "2080101"] == {
        "document": DOC, "unit_code": "323001", "year": "2023", "table": "expenditure",
        "code": "2080101", "name": "行政运行", "total": "475.46", "basic": "465.46", "project": "10.00",
        "currency": "万元", "total_yuan": "4754600", "basic_yuan": "4654600", "project_yuan": "100000"}
    assert rows["323001", "gpb_expenditure", "2080101"]["project"] == "10.00"


def test_blank_cell_is_an_empty_string(out):
    rows = {(r["table"], r["code"]): r for r in read(out / "function_lines.csv")}
    assert (rows["expenditure", "2080105"]["total"], rows["expenditure", "2080105"]["basic"]) == ("3.00", "")
    assert (rows["expenditure", "2080105"]["total_yuan"], rows["expenditure", "2080105"]["basic_yuan"]) == ("30000", "")


def test_function_lines_cover_only_coded_lines_of_the_two_expenditure_tables(out):
    rows = read(out / "function_lines.csv")
    assert {r["table"] for r in rows} == {"expenditure", "gpb_expenditure"}
    assert [(r["unit_code"], r["table"], r["code"]) for r in rows] == [
        ("323001", "expenditure", "208"),
        ("323001", "expenditure", "20801"),
        ("323001", "expenditure", "2080101"),
        ("323001", "expenditure", "2080105"),
        ("323001", "gpb_expenditure", "2080101"),
        ("323003", "expenditure", "208"),
    ]


def test_economic_lines_have_personnel_and_public(out):
    rows = read(out / "economic_lines.csv")
    assert [(r["code"], r["name"], r["total"], r["personnel"], r["public"]) for r in rows] == [
        ("301", "工资福利支出", "585.40", "585.40", ""),
        ("30101", "基本工资", "321.82", "321.82", ""),
    ]
    assert [(r["currency"], r["total_yuan"], r["personnel_yuan"], r["public_yuan"]) for r in rows] == [
        ("万元", "5854000", "5854000", ""),
        ("万元", "3218200", "3218200", ""),
    ]
    assert {r["table"] for r in rows} == {"gpb_basic_economic"}


def test_income_lines_are_tidy_one_row_per_printed_cell(out):
    rows = read(out / "income_lines.csv")
    assert [(r["code"], r["name"], r["column"], r["amount"], r["currency"], r["yuan"]) for r in rows] == [
        ("2080101", "行政运行", "current", "475.46", "万元", "4754600"),
        ("2080101", "行政运行", "fiscal", "475.46", "万元", "4754600"),
        ("2080101", "行政运行", "total", "475.46", "万元", "4754600"),
    ]


def test_units_csv_lists_each_unit_with_name_year_and_document(out):
    assert read(out / "units.csv") == [
        {"unit_code": "323001", "unit_name": "巨鹿县人力资源和社会保障局本级", "year": "2023", "document": DOC},
        {"unit_code": "323003", "unit_name": "巨鹿县社会保险事业服务中心", "year": "2023", "document": DOC},
    ]


def test_export_is_byte_identical_whatever_the_load_order(tmp_path):
    doc_a = julu_document()
    doc_b = julu_document()
    doc_b.sha256, doc_b.units = "ee" * 32, doc_b.units[::-1]  # another disclosure, named after 323003
    when = datetime(2024, 1, 1, tzinfo=timezone.utc)
    quads_a, quads_b = document_quads(doc_a, generated_at=when), document_quads(doc_b, generated_at=when)
    export_csv(store_of(quads_a, quads_b), tmp_path / "ab")
    export_csv(store_of(quads_b[::-1], quads_a[::-1]), tmp_path / "ba")
    for name in [*CONTRACT, DATAPACKAGE]:
        assert (tmp_path / "ab" / name).read_bytes() == (tmp_path / "ba" / name).read_bytes()
    units = read(tmp_path / "ab" / "units.csv")
    assert [u["document"].rsplit("/doc/", 1)[1] for u in units] == [
        "323001/2023/unit-budget", "323003/2023/unit-budget",
        "323001/2023/unit-budget", "323003/2023/unit-budget"]


def test_store_canonicalises_decimals_so_printed_form_is_read_from_its_own_literal(store):
    (value,) = store.query(
        'PREFIX bk: <https://budget-kg.org/def/> SELECT (STR(?a) AS ?s) WHERE { GRAPH ?g { '
        '<https://budget-kg.org/id/line/323001/2023/expenditure/2080101/project> bk:amount ?a } }')
    assert value["s"].value == "10"  # why bk:printedAmount exists
    header, rows = export_rows(store, "function_lines.csv")
    row = next(r for r in rows if r[header.index("code")] == "2080101")
    assert row[header.index("project")] == "10.00"


def test_amount_falls_back_to_the_decimal_value_without_printed_form():
    quads = [q for q in document_quads(julu_document(), generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
             if q.predicate.value != "https://budget-kg.org/def/printedAmount"]
    header, rows = export_rows(store_of(quads), "function_lines.csv")
    row = next(r for r in rows if r[header.index("code")] == "2080101")
    assert (row[header.index("total")], row[header.index("project")]) == ("475.46", "10")


@pytest.mark.parametrize("query", sorted(EXPORTS.values()))
def test_every_export_query_has_a_title_and_description_header(query):
    text = resource("queries", "export", query).read_text(encoding="utf-8")
    assert text.startswith("# title: ")
    assert "\n# description: " in text
    assert "\n# columns: " in text


def test_empty_store_gives_header_only_files(tmp_path):
    assert set(export_csv(ox.Store(), tmp_path).values()) == {0}
    assert (tmp_path / "units.csv").read_text(encoding="utf-8") == "unit_code,unit_name,year,document\n"


def test_docstring_examples_run():
    assert doctest.testmod(kg.export).failed == 0


# -- datapackage.json: the Table Schema of every file --------------------------------------


def package_fields(out: Path) -> dict[str, list[dict]]:
    package = json.loads((out / DATAPACKAGE).read_text(encoding="utf-8"))
    return {r["path"]: r["schema"]["fields"] for r in package["resources"]}


def test_data_package_validates_with_frictionless_and_covers_every_csv_file(out):
    report = frictionless.validate(str(out / DATAPACKAGE))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert sorted(task.name for task in report.tasks) == sorted(name.removesuffix(".csv") for name in CONTRACT)
    assert sorted(package_fields(out)) == sorted(p.name for p in out.glob("*.csv"))


def test_data_package_field_names_are_each_csv_header_in_order(out):
    for file_name, fields in package_fields(out).items():
        with (out / file_name).open(encoding="utf-8", newline="") as handle:
            assert [f["name"] for f in fields] == next(csv.reader(handle)), file_name


def test_data_package_says_the_unit_of_every_amount(out):
    for file_name, fields in package_fields(out).items():
        by_name = {f["name"]: f for f in fields}
        yuan = [f for f in fields if f["name"] == "yuan" or f["name"].endswith("_yuan")]
        for field in yuan:
            assert field["type"] == "number"
            assert "元" in field["description"] and "万元" not in field["description"], (file_name, field)
        # A file with amounts in 元 also says which unit its printed amounts are in.
        if yuan:
            assert "万元" in by_name["currency"]["description"] and "元" in by_name["currency"]["description"]


def test_data_package_keys_reject_a_repeated_unit_and_a_line_of_an_unknown_unit(out, tmp_path):
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in out.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    units = (broken / "units.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (broken / "units.csv").write_text("".join(units + units[1:2]), encoding="utf-8")
    lines = (broken / "function_lines.csv").read_text(encoding="utf-8")
    (broken / "function_lines.csv").write_text(lines.replace(",323003,", ",999999,"), encoding="utf-8")
    report = frictionless.validate(str(broken / DATAPACKAGE))
    assert {task.name: task.flatten(["rowNumber", "type"]) for task in report.tasks if not task.valid} == {
        "units": [[4, "primary-key"]],  # the copy of row 2 (323001), after 323003
        "function_lines": [[7, "foreign-key"]],  # the 323003 line, now of unit 999999
    }


def test_the_package_writer_does_not_need_frictionless():
    # frictionless is a test extra: the writer emits JSON from the declared YAML by itself.
    for path in (REPO / "kg").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            assert not any(n.split(".")[0] == "frictionless" for n in names), path


def test_an_economic_line_s_paired_government_code_is_exported_beside_it(tmp_path):
    doc = julu_document()
    table = doc.units[0].table("gpb_basic_economic")
    line = table.line("30101")
    line.paired_code, line.paired_name = "50101", "工资奖金津补贴"
    export_csv(store_of(document_quads(doc, generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc))), tmp_path)
    rows = {r["code"]: (r["paired_code"], r["paired_name"]) for r in read(tmp_path / "economic_lines.csv")}
    assert rows == {"301": ("", ""), "30101": ("50101", "工资奖金津补贴")}
