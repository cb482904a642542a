"""Time every canned query over many documents: N copies of the sample, or a store already built.

Run:
    python benchmarks/query_scale_bench.py 30 100 [--repeat 3] [--only NAME,NAME]
    python benchmarks/query_scale_bench.py --store DIR          # e.g. generated disclosures, kg build
    python benchmarks/query_scale_bench.py 100 --queries OLD    # the .rq files of another tree, side by side
    python benchmarks/query_scale_bench.py 100 --folder DIR     # keep the copies' stores in DIR, reuse them next time

A copy is the sample's graph with its two unit codes changed (323001 → 601001, 323003 →
601003 for the first copy, 602001 … for the second), and its source file's name and
SHA-256 changed: what ``kg build`` writes for a copy of the sample's text with those unit
codes (tests/test_queries_many_documents.py builds such copies), but the build time, and
without parsing each. Every copy cites the same 文号 and uses the same codes as the sample, so shared nodes
(legal documents, code concepts) are described in every graph, as in a real store.

Prints, per query and N, the median seconds and CPU seconds in-process (start-up excluded) and
the rows.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg import store as kg_store
from kg.build import build
from kg.queries import bind, catalogue, load_query
from kg.resources import sample_path
from kg.store.backend import Embedded

SAMPLE_CODES = ("323001", "323003")


def copies_store(folder: Path, count: int) -> Path:
    """A store of ``count`` copies of the sample (the sample itself is not among them)."""
    sample_store = folder / "sample"
    if not sample_store.exists():
        with kg_store.open(sample_store) as opened:
            build([sample_path()], opened)
    with Embedded(sample_store) as sample:
        (graph,) = sample.graphs()
        text = ox.serialize(sample.store.inner.quads_for_pattern(None, None, None, ox.NamedNode(graph)),
                            format=ox.RdfFormat.N_QUADS).decode("utf-8")
    sha = hashlib.sha256(sample_path().read_bytes()).hexdigest()
    path = folder / f"copies-{count}"
    if path.exists():
        return path
    with kg_store.open(path) as opened:
        for k in range(1, count + 1):
            copy = text.replace(sha, hashlib.sha256(f"copy {k}".encode()).hexdigest())
            copy = copy.replace(f'"{sample_path().name}"', f'"copy-{k}.txt"')
            for code in SAMPLE_CODES:
                copy = copy.replace(code, f"{600 + k}{code[3:]}")
            opened.inner.bulk_extend(ox.parse(copy.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        opened.inner.optimize()
    return path


def time_queries(path: Path, queries: dict, repeat: int) -> dict[str, tuple[float, float, int]]:
    """Query name → (median seconds, median CPU seconds, rows).

    The CPU seconds are this process's: Oxigraph evaluates a query in the calling thread, so
    they are the query's own, which a machine loaded by other work inflates far less than
    the wall clock.
    """
    found = {}
    with Embedded(path) as backend:
        for name, query in queries.items():
            text, times, cpu, rows = bind(query), [], [], 0
            for _ in range(repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                rows = len(backend.query(text))
                times.append(time.perf_counter() - start)
                cpu.append(time.process_time() - start_cpu)
            found[name] = (statistics.median(times), statistics.median(cpu), rows)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("copies", type=int, nargs="*", help="numbers of copies of the sample, e.g. 30 100")
    parser.add_argument("--store", type=Path, action="append", default=[], help="a store already built")
    parser.add_argument("--queries", type=Path, help="a folder of .rq files to time instead of queries/")
    parser.add_argument("--only", help="comma-separated query names")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--folder", type=Path, help="where the copies' stores are made, and reused if there")
    args = parser.parse_args()
    queries = catalogue()
    if args.queries:
        queries = {p.stem: load_query(p) for p in sorted(args.queries.glob("*.rq"))}
    if args.only:
        queries = {name: queries[name] for name in args.only.split(",")}
    folder = args.folder or Path(tempfile.mkdtemp())
    stores = [(f"{n} copies", copies_store(folder, n)) for n in args.copies]
    stores += [(str(path), path) for path in args.store]
    print("| query | store | seconds | CPU seconds | rows |\n| --- | --- | --- | --- | --- |")
    for label, path in stores:
        for name, (seconds, cpu, rows) in time_queries(path, queries, args.repeat).items():
            print(f"| {name} | {label} | {seconds:.3f} | {cpu:.3f} | {rows} |", flush=True)


if __name__ == "__main__":
    main()
