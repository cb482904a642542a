"""kg build and the graphs already in the store: a damaged copy never replaces good data.

A document graph is named after the disclosure (first unit, year, kind), so another file
of the same disclosure maps to the same graph. The copies here are derived from the
bundled sample in a temporary directory:

- the sample cut at 90% of its lines ends inside 323003's 预算绩效信息: its 情况说明 has no
  政府采购预算, 国有资产信息 nor 名词解释 (the sample prints them at the end);
- cut at 50% it ends inside 323001's 政府采购预算 table, before 323001's 国有资产信息 and
  before any table of 323003;
- a corrected re-publication is the sample with one more line at the end (same content,
  another file).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

import kg.build as kg_build
import kg.store as store_api

HISTORY = """
PREFIX bk:   <https://budget-kg.org/def/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT DISTINCT ?graph ?file ?sha256 ?generated ?replaced ?complete ?by WHERE {
  ?version a bk:GraphVersion ; prov:specializationOf ?graph ; prov:generatedAtTime ?generated ;
           prov:invalidatedAtTime ?replaced ; bk:complete ?complete ; bk:supersededBy ?by ;
           prov:wasDerivedFrom ?source .
  ?source bk:fileName ?file ; bk:sha256 ?sha256 .
}
"""


def cut(sample: Path, folder: Path, share: float) -> Path:
    lines = sample.read_text(encoding="utf-8").splitlines(keepends=True)
    path = folder / f"cut{round(share * 100)}.txt"
    path.write_text("".join(lines[: int(len(lines) * share)]), encoding="utf-8")
    return path


def units(store_dir: Path) -> set[str]:
    store = store_api.open(store_dir, read_only=True)
    rows = store.query("PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?c WHERE { ?u org:identifier ?c }")
    return {row["c"].value for row in rows}


def history(store_dir: Path) -> list[dict[str, str]]:
    rows = store_api.open(store_dir, read_only=True).query(HISTORY)
    return [{name: row[name].value for name in ("file", "sha256", "complete", "by", "generated")} for row in rows]


@pytest.fixture
def built(kg, sample, store_dir) -> Path:
    result = kg("build", sample, "--store", store_dir)
    assert result.exit_code == 0, result.output
    return store_dir


@pytest.mark.parametrize("share, unit, missing", [
    (0.9, "323003", "procurement, assets, glossary"),
    (0.5, "323001", "assets, glossary"),
])
def test_a_cut_short_document_is_incomplete_and_says_what_is_missing(kg, sample, tmp_path, store_dir, share, unit,
                                                                     missing):
    result = kg("build", cut(sample, tmp_path, share), "--store", store_dir, "--json")
    assert result.exit_code == 3
    [summary] = json.loads(result.stdout)
    assert summary["status"] == "incomplete"
    assert [issue.split(": ", 1)[1] for issue in summary["issues"]] == [
        f"unit {unit}: its 情况说明 lacks {missing} (is the file cut short?)"]


def test_an_incomplete_copy_does_not_replace_a_complete_graph(kg, sample, tmp_path, built):
    before = store_api.open(built, read_only=True)
    triples = len(before)
    before.close()
    result = kg("build", cut(sample, tmp_path, 0.5), "--store", built, "--json")
    assert result.exit_code == 3
    [summary] = json.loads(result.stdout)
    assert summary["status"] == "kept" and summary["triples"] == 0
    sha256 = hashlib.sha256(sample.read_bytes()).hexdigest()
    assert summary["kept"]["files"] == [{"name": sample.name, "sha256": sha256}]
    assert summary["kept"]["complete"] is True
    assert f"is a complete build of {sample.name}" in result.stderr and "--replace" in result.stderr
    assert units(built) == {"323001", "323003"}
    assert len(store_api.open(built, read_only=True)) == triples
    assert history(built) == []


def test_replace_loads_it_and_the_history_keeps_the_complete_version(kg, sample, tmp_path, built):
    damaged = cut(sample, tmp_path, 0.5)
    result = kg("build", damaged, "--store", built, "--replace", "--json")
    assert result.exit_code == 3  # loaded, and still incomplete
    [summary] = json.loads(result.stdout)
    assert summary["status"] == "incomplete"
    assert summary["replaced"] == sample.name and summary["replaced_version"]["complete"] is True
    assert f"built from {sample.name}" in result.stderr
    assert units(built) == {"323001"}
    [record] = history(built)
    assert record["file"] == sample.name and record["complete"] == "true"
    assert record["sha256"] == summary["replaced_version"]["files"][0]["sha256"]
    assert record["generated"] == summary["replaced_version"]["generated"]
    assert record["by"].endswith("/file/sha256/" + hashlib.sha256(damaged.read_bytes()).hexdigest())


def test_a_complete_build_replaces_an_incomplete_graph_without_being_asked(kg, sample, tmp_path, store_dir):
    assert kg("build", cut(sample, tmp_path, 0.9), "--store", store_dir).exit_code == 3
    result = kg("build", sample, "--store", store_dir, "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["replaced_version"]["complete"] is False
    assert units(store_dir) == {"323001", "323003"}
    assert [r["file"] for r in history(store_dir)] == ["cut90.txt"]


def test_a_republished_file_replaces_the_graph_and_names_the_file_it_replaced(kg, sample, tmp_path, built):
    corrected = tmp_path / "republished.txt"
    corrected.write_bytes(sample.read_bytes() + b"\n")
    result = kg("build", corrected, "--store", built, "--json")
    assert result.exit_code == 0, result.output
    [summary] = json.loads(result.stdout)
    assert summary["status"] == "ok" and summary["replaced"] == sample.name
    assert f"Note: {corrected} replaced the graph {summary['graph']}, built from {sample.name}" in result.stderr
    assert [r["file"] for r in history(built)] == [sample.name]


def test_rebuilding_the_same_file_replaces_silently_and_keeps_no_history(kg, sample, built):
    result = kg("build", sample, "--store", built, "--json")
    assert result.exit_code == 0, result.output
    [summary] = json.loads(result.stdout)
    assert summary["replaced"] is None and summary["replaced_version"] is None
    assert result.stderr == "" and history(built) == []


def test_the_totals_count_what_the_store_holds_when_two_files_share_a_graph(kg, sample, tmp_path, store_dir):
    copy = tmp_path / "copy" / sample.name
    copy.parent.mkdir()
    copy.write_bytes(sample.read_bytes())
    result = kg("build", sample, copy, "--store", store_dir)
    assert result.exit_code == 0, result.output
    first, second, total = (line.split() for line in result.stdout.splitlines()[2:5])
    assert first[-1] == "replaced" and second[-1] == "ok"
    assert total[:2] == ["total", "2"] and total[-3:] == ["1/2", "in", "store"]


def test_ctrl_c_says_which_documents_are_in_the_store(kg, sample, tmp_path, store_dir, monkeypatch):
    real = kg_build.build_document
    second = tmp_path / "second.txt"
    second.write_bytes(sample.read_bytes())

    def interrupted_at_the_second(path, *args, **kwargs):
        if Path(path) == second:
            raise KeyboardInterrupt
        return real(path, *args, **kwargs)

    monkeypatch.setattr(kg_build, "build_document", interrupted_at_the_second)
    result = kg("build", sample, second, tmp_path / "third.txt", "--store", store_dir)
    assert result.exit_code == 130
    assert sample.name in result.stdout
    assert f"interrupted: 1 of the 1 documents above are in the store; not built: {second}, {tmp_path / 'third.txt'}" \
        in result.stderr
    assert units(store_dir) == {"323001", "323003"}


def test_ctrl_c_while_the_store_is_closed_after_the_last_document_is_an_interruption(kg, sample, store_dir,
                                                                                        monkeypatch):
    real = store_api.Store.close

    def interrupted_while_closing(self):
        real(self)
        raise KeyboardInterrupt

    monkeypatch.setattr(store_api.Store, "close", interrupted_while_closing)
    result = kg("build", sample, "--store", store_dir)
    assert result.exit_code == 130
    assert sample.name in result.stdout
    assert "interrupted: 1 of the 1 documents above are in the store; not built: none" in result.stderr
    monkeypatch.setattr(store_api.Store, "close", real)
    assert units(store_dir) == {"323001", "323003"}


def test_ctrl_c_in_a_long_batch_names_ten_documents_not_built_and_counts_the_rest(kg, tmp_path, store_dir,
                                                                                  monkeypatch):
    batch = [tmp_path / f"doc-{n:02d}.txt" for n in range(1, 13)]
    for path in batch:
        path.write_text("未读", encoding="utf-8")

    def interrupted(path, *args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(kg_build, "build_document", interrupted)
    result = kg("build", *batch, "--store", store_dir, "--jobs", "1")
    assert result.exit_code == 130
    named = ", ".join(str(p) for p in batch[:9])
    assert (f"interrupted: 0 of the 0 documents above are in the store; not built: {named}, … 3 more, "
            f"the last {batch[-1]}") in " ".join(result.stderr.split())
