"""kg export: CSV tables through kg.export, sorted RDF dumps through kg.store."""

from __future__ import annotations

import csv

import pyoxigraph as ox
import pytest

import kg.store as store_api


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
