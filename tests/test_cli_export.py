"""kg export: CSV tables through kg.export, sorted RDF dumps through kg.store."""

from __future__ import annotations

import csv
import json
from decimal import Decimal as D
from pathlib import Path

import frictionless
import pyoxigraph as ox
import pytest
from typer.testing import CliRunner

import kg.store as store_api

FIXTURES = Path(__file__).parent / "fixtures"

#: How many 元 one printed unit is, to check the yuan columns against the printed ones.
YUAN_PER = {"万元": 10_000, "元": 1}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def wan_yuan_and_yuan_csv(wan_yuan_and_yuan_store, tmp_path_factory) -> Path:
    """``kg export csv`` of the store holding a document in 万元 and one in 元."""
    from kg.cli import app

    out = tmp_path_factory.mktemp("wan-yuan-and-yuan-csv")
    result = CliRunner().invoke(app, ["export", "csv", "--store", str(wan_yuan_and_yuan_store), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_export_csv_writes_files_and_lists_their_row_counts(kg, built_store, tmp_path):
    out = tmp_path / "csv"
    result = kg("export", "csv", "--store", built_store, "--out", out)
    assert result.exit_code == 0, result.output
    files = sorted(out.glob("*.csv"))
    assert files
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1  # minus the header
        assert f"{path.name}" in result.stdout
        assert str(rows) in result.stdout
    assert result.stdout.splitlines()[-1] == f"({len(files)} files described in {out / 'datapackage.json'})"


def test_sample_lines_are_printed_in_wan_yuan_and_given_in_yuan_too(kg, built_store, tmp_path):
    assert kg("export", "csv", "--store", built_store, "--out", tmp_path).exit_code == 0
    lines = {(r["unit_code"], r["table"], r["code"]): r for r in read(tmp_path / "function_lines.csv")}
    # 单位预算支出总表 (单位：万元), 2080101 行政运行 of 323001: 475.46 = 465.46 + 10.00
    row = lines["323001", "expenditure", "2080101"]
    assert [row[k] for k in ("total", "basic", "project", "currency")] == ["475.46", "465.46", "10.00", "万元"]
    assert [row[k] for k in ("total_yuan", "basic_yuan", "project_yuan")] == ["4754600", "4654600", "100000"]
    # The narrative's "2023年预算收入 3889.89万元" (page 18 of the sample), in 元.
    facts = {(r["unit_code"], r["key"]): r for r in read(tmp_path / "narrative_facts.csv")}
    fact = facts["323001", "income.total"]
    assert (fact["value"], fact["currency"], fact["yuan"]) == ("3889.89", "万元", "38898900")


def test_shanghai_lines_are_printed_in_yuan_and_their_yuan_is_the_printed_amount(wan_yuan_and_yuan_csv):
    lines = [r for r in read(wan_yuan_and_yuan_csv / "function_lines.csv") if r["table"] == "expenditure"]
    row = next(r for r in lines if r["code"] == "2010301")
    # 2025年预算单位支出预算总表 (page 11, 单位：元): 201 03 01 行政运行 12,029,501.84 11,919,501.84 110,000.00
    assert [row[k] for k in ("name", "total", "basic", "project", "currency")] == [
        "行政运行", "12029501.84", "11919501.84", "110000.00", "元"]
    assert [D(row[k]) for k in ("total_yuan", "basic_yuan", "project_yuan")] == [
        D("12029501.84"), D("11919501.84"), D("110000.00")]


def test_yuan_summed_over_both_documents_is_the_store_sum_in_yuan(wan_yuan_and_yuan_store, wan_yuan_and_yuan_csv):
    rows = read(wan_yuan_and_yuan_csv / "income_lines.csv")
    assert {r["currency"] for r in rows} == {"万元", "元"}  # a sum of the amount column would be wrong
    total = sum(D(r["yuan"]) for r in rows)
    assert total == sum(D(r["amount"]) * YUAN_PER[r["currency"]] for r in rows)
    with store_api.open(wan_yuan_and_yuan_store, read_only=True) as opened:
        (solution,) = opened.query((FIXTURES / "income-yuan-sum.rq").read_text(encoding="utf-8"))
    assert total == D(solution["sum"].value)
    # The 收入总表 合计: 3889.89 and 481.10 万元 for the sample's units, 91,016,775.35 元 in the PDF
    # (page 10). The 类 rows of the total column add up to it.
    classes = [r for r in rows if r["column"] == "total" and len(r["code"]) == 3]
    assert sum(D(r["yuan"]) for r in classes) == D(38898900) + D(4811000) + D("91016775.35")


def test_data_package_of_two_documents_validates_with_frictionless(wan_yuan_and_yuan_csv):
    out = wan_yuan_and_yuan_csv
    report = frictionless.validate(str(out / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    # Every CSV file is a resource, and frictionless read all of its rows.
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert sorted(r["path"] for r in package["resources"]) == sorted(p.name for p in out.glob("*.csv"))
    assert {task.name: task.stats["rows"] for task in report.tasks} == {
        path.stem: len(read(path)) for path in out.glob("*.csv")}


@pytest.mark.parametrize("format", ["nquads", "trig", "turtle"])
def test_rdf_exports_parse_back_to_the_store_content(kg, built_store, tmp_path, format):
    out = tmp_path / f"dump.{format}"
    result = kg("export", format, "--store", built_store, "--out", out)
    assert result.exit_code == 0, result.output
    parsed = list(ox.parse(path=str(out), format=store_api.DUMP_FORMATS[format]))
    store = store_api.open(built_store, read_only=True)
    if format == "turtle":
        assert len(set(parsed)) == len({q.triple for q in store.inner})
    else:
        assert set(parsed) == set(store.inner)


@pytest.mark.parametrize("format", ["nquads", "trig", "turtle"])
def test_exporting_twice_gives_byte_identical_files(kg, built_store, tmp_path, format):
    first, second = tmp_path / "1", tmp_path / "2"
    for out in (first, second):
        assert kg("export", format, "--store", built_store, "--out", out).exit_code == 0
    assert first.read_bytes() == second.read_bytes()


def test_export_without_out_writes_to_stdout(kg, built_store):
    result = kg("export", "nquads", "--store", built_store)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith(" .")


def test_exporting_a_missing_store_says_how_to_build_one(kg, tmp_path):
    result = kg("export", "nquads", "--store", tmp_path / "nowhere", "--out", tmp_path / "x.nq")
    assert result.exit_code == 3
    assert "kg build" in result.stderr
    assert not (tmp_path / "nowhere").exists()
