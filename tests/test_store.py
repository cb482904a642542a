"""kg.store: one named graph per document, replaced on reload, dumped sorted."""

from __future__ import annotations

import doctest
import subprocess
import sys

import pyoxigraph as ox
import pytest

import kg.store
import kg.store.embedded
from kg.errors import StoreError

EX = "http://example.org/"
P = ox.NamedNode(EX + "p")


def quads(graph: str, *values: str) -> list[ox.Quad]:
    g = ox.NamedNode(EX + graph)
    return [ox.Quad(ox.NamedNode(EX + "s"), P, ox.Literal(v), g) for v in values]


def test_docstring_examples_run():
    failures, tried = doctest.testmod(kg.store.embedded)
    assert tried > 0 and failures == 0


def test_replacing_a_graph_leaves_nothing_stale_and_no_duplicates(store_dir):
    store = kg.store.open(store_dir)
    store.replace_graph(EX + "g", quads("g", "old", "kept"))
    assert store.replace_graph(EX + "g", quads("g", "kept", "new", "new")) == 2
    values = sorted(q.object.value for q in store.inner.quads_for_pattern(None, None, None, ox.NamedNode(EX + "g")))
    assert values == ["kept", "new"]


def test_replacing_a_graph_with_the_same_amounts_printed_otherwise_changes_nothing(store_dir):
    # The store keeps a decimal by value: 3.00 and 3 are one statement, not a change, and
    # the count returned is the graph's, not the list's.
    decimal = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
    g, s = ox.NamedNode(EX + "g"), ox.NamedNode(EX + "s")
    store = kg.store.open(store_dir)
    store.replace_graph(g, [ox.Quad(s, P, ox.Literal("3.00", datatype=decimal), g)])
    assert store.replace_graph(g, [ox.Quad(s, P, ox.Literal("3", datatype=decimal), g),
                                   ox.Quad(s, P, ox.Literal("3.0", datatype=decimal), g),
                                   ox.Quad(ox.NamedNode(EX + "t"), P, ox.Literal("4.50", datatype=decimal), g)]) == 2
    values = sorted(q.object.value for q in store.inner.quads_for_pattern(None, None, None, g))
    assert values == ["3", "4.5"]


def test_replacing_a_graph_that_holds_blank_nodes_leaves_none_of_the_old_ones(store_dir):
    g = ox.NamedNode(EX + "g")
    store = kg.store.open(store_dir)
    store.replace_graph(g, [ox.Quad(ox.BlankNode(), P, ox.Literal("old"), g), *quads("g", "kept")])
    assert store.replace_graph(g, [ox.Quad(ox.BlankNode(), P, ox.Literal("new"), g), *quads("g", "kept")]) == 2
    values = sorted(q.object.value for q in store.inner.quads_for_pattern(None, None, None, g))
    assert values == ["kept", "new"]


def test_replacing_a_graph_by_nothing_keeps_it_empty(store_dir):
    store = kg.store.open(store_dir)
    store.replace_graph(EX + "g", quads("g", "1"))
    assert store.replace_graph(EX + "g", []) == 0
    assert store.graphs() == [EX + "g"] and len(store) == 0


def test_replacing_one_graph_leaves_the_others_alone(store_dir):
    store = kg.store.open(store_dir)
    store.replace_graph(EX + "a", quads("a", "1"))
    store.replace_graph(EX + "b", quads("b", "2"))
    store.replace_graph(EX + "a", quads("a", "3"))
    assert store.graphs() == [EX + "a", EX + "b"]
    assert len(store) == 2


def test_quads_of_another_graph_are_refused(store_dir):
    with pytest.raises(ValueError, match="not in graph"):
        kg.store.open(store_dir).replace_graph(EX + "a", quads("b", "1"))


def test_the_store_survives_reopening(store_dir):
    kg.store.open(store_dir).replace_graph(EX + "g", quads("g", "1"))
    assert kg.store.open(store_dir, read_only=True).graphs() == [EX + "g"]


def test_a_closed_store_holds_what_was_written_in_its_table_files_not_only_in_its_log(store_dir):
    # Opening replays a log that was never flushed: 1.7 s, read-only, for the store of six
    # copies of the sample; 0.02 s once flushed (benchmarks/README.md).
    with kg.store.open(store_dir) as store:
        store.replace_graph(EX + "g", quads("g", "1"))
        tables = set(store_dir.glob("*.sst"))
    assert set(store_dir.glob("*.sst")) > tables, "the write is only in the write-ahead log"


def test_a_store_has_grown_once_it_was_written_as_many_new_graphs_as_it_held_when_opened(store_dir):
    with kg.store.open(store_dir) as store:
        assert not store.grown, "nothing written yet"
        store.replace_graph(EX + "a", quads("a", "1"))
        store.replace_graph(EX + "b", quads("b", "1"))
        assert store.grown, "an empty store given two graphs"
    with kg.store.open(store_dir) as store:
        store.replace_graph(EX + "a", quads("a", "2"))
        assert not store.grown, "a graph replaced is not a new one"
        store.replace_graph(EX + "c", quads("c", "1"))
        assert not store.grown, "one new graph beside two"
        store.replace_graph(EX + "d", quads("d", "1"))
        assert store.grown and (store.graphs_at_open, store.graphs_added) == (2, 2)
        store.compact()
        assert store.graphs() == [EX + g for g in "abcd"]
    assert kg.store.open(store_dir, read_only=True).graphs() == [EX + g for g in "abcd"]


def test_equal_graphs_loaded_in_any_order_dump_byte_identical(tmp_path):
    outputs = {}
    for name, order in [("one", ["a", "b"]), ("two", ["b", "a"])]:
        store = kg.store.open(tmp_path / name)
        for graph in order:
            store.replace_graph(EX + graph, quads(graph, "z", "y", "x"))
        for format in kg.store.DUMP_FORMATS:
            store.dump(format, tmp_path / f"{name}.{format}")
            outputs.setdefault(format, []).append((tmp_path / f"{name}.{format}").read_bytes())
    for format, (first, second) in outputs.items():
        assert first == second, format
    lines = outputs["nquads"][0].decode().splitlines()
    by_graph = sorted(lines, key=lambda line: (line.rsplit(" ", 2)[-2], line))
    assert lines == by_graph  # graphs in IRI order, lines sorted within each graph


def test_turtle_dump_is_the_union_of_the_graphs(store_dir, tmp_path):
    store = kg.store.open(store_dir)
    store.replace_graph(EX + "a", quads("a", "1", "2"))
    store.replace_graph(EX + "b", quads("b", "2", "3"))
    assert store.dump("turtle", tmp_path / "all.ttl") == 3
    assert store.dump("trig", tmp_path / "all.trig") == 4
    assert len(ox.Dataset(ox.parse(path=str(tmp_path / "all.trig")))) == 4


def test_dumps_from_the_sorted_quads_read_once_equal_dumps_reading_the_store(store_dir, tmp_path):
    store = kg.store.open(store_dir)
    store.replace_graph(EX + "b", quads("b", "2", "3"))
    store.replace_graph(EX + "a", quads("a", "1", "2"))
    g = ox.NamedNode(EX + "a")  # a blank node: the shared order is the relabelled one
    store.inner.add(ox.Quad(ox.NamedNode(EX + "s"), P, ox.BlankNode(), g))
    shared = store.sorted_quads()
    assert [q.graph_name.value for q in shared] == [EX + "a"] * 3 + [EX + "b"] * 2
    for format in kg.store.DUMP_FORMATS:
        alone, together = tmp_path / f"alone.{format}", tmp_path / f"together.{format}"
        assert store.dump(format, alone) == store.dump(format, together, shared) == (4 if format == "turtle" else 5)
        assert alone.read_bytes() == together.read_bytes(), format
    by_graph = dict(store.nquads_by_graph(shared))
    assert list(by_graph) == [None, EX + "a", EX + "b"] and by_graph[None] == []
    assert b"".join(by_graph[EX + "a"] + by_graph[EX + "b"]) == (tmp_path / "alone.nquads").read_bytes()


def test_blank_nodes_are_relabelled_so_dumps_stay_identical(tmp_path):
    dumps = []
    for name in ["one", "two"]:
        store = kg.store.open(tmp_path / name)
        g = ox.NamedNode(EX + "g")
        store.replace_graph(g, [ox.Quad(ox.NamedNode(EX + "s"), P, ox.BlankNode(), g)])
        store.dump("nquads", tmp_path / f"{name}.nq")
        dumps.append((tmp_path / f"{name}.nq").read_bytes())
    assert dumps[0] == dumps[1]
    assert b"_:c14n0" in dumps[0]


def test_an_unknown_dump_format_is_refused(store_dir, tmp_path):
    with pytest.raises(ValueError, match="nquads"):
        kg.store.open(store_dir).dump("rdfxml", tmp_path / "x")


def test_a_file_is_not_a_store(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        kg.store.open(tmp_path / "file")


def test_reading_a_missing_store_says_how_to_build_one(tmp_path):
    with pytest.raises(StoreError, match="kg build"):
        kg.store.open(tmp_path / "nowhere", read_only=True)


def test_a_store_held_by_another_process_is_reported_as_locked(store_dir):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, pyoxigraph; s = pyoxigraph.Store(sys.argv[1]); print('held', flush=True); sys.stdin.read()", str(store_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="in use by another process"):
            kg.store.open(store_dir)
        assert kg.store.open(store_dir, read_only=True).graphs() == []
    finally:
        holder.communicate("")
