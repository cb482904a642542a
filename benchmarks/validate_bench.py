"""Validation speed: per-document parallel pySHACL against one whole-graph pySHACL run.

Generates N clean disclosures (``generate_disclosures.py``), parses and maps them once
(not timed), then validates the same graphs two ways, each in a fresh process so that
peak memory (max RSS) is its own:

- per document: one small rdflib graph per document, ``--jobs`` worker processes;
- whole graph: all documents in one rdflib graph, one pySHACL run.

Usage: ``python benchmarks/validate_bench.py 10 100 [--jobs 2] [--whole-timeout 600]``.
Prints one line per N and way: documents, seconds, documents/s, peak MB.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_disclosures import generate  # noqa: E402


def _prepare(path: str) -> bytes:
    from kg.rdf.mapping import document_quads
    from kg.tables import read_document
    from kg.validate.document import graph_from_quads

    return graph_from_quads(document_quads(read_document(Path(path)))).serialize(format="nt", encoding="utf-8")


def _per_document(data: list[bytes], jobs: int, out) -> None:
    from kg.validate import _validate_ntriples

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        tasks = list(pool.map(_validate_ntriples, [(str(i), d) for i, d in enumerate(data)]))
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    out.put((seconds, peak / 1024, sum(len(t.findings) for t in tasks)))


def _whole_graph(data: list[bytes], out) -> None:
    from kg.validate.document import graph_from_ntriples, validate_graph

    graph = graph_from_ntriples(b"".join(data))
    start = time.perf_counter()
    task = validate_graph(graph)
    seconds = time.perf_counter() - start
    out.put((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(task.findings)))


def _measure(target, args, timeout: float):
    out = multiprocessing.Queue()
    process = multiprocessing.Process(target=target, args=(*args, out))
    process.start()
    process.join(timeout)
    if process.is_alive():
        process.terminate()
        process.join()
        return None
    return out.get()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--whole-timeout", type=float, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        key = generate(Path(folder), max(args.sizes), seed=11, kinds=("clean",))
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            data = list(pool.map(_prepare, [str(Path(folder) / p.document) for p in key]))
    triples = sum(d.count(b"\n") for d in data) / len(data)
    print(f"documents of {triples:.0f} triples on average (parse and mapping not timed)")
    print("N      way            seconds  docs/s  peak MB  findings")
    for n in args.sizes:
        for way, target, extra in (("per-document", _per_document, (args.jobs,)), ("whole-graph", _whole_graph, ())):
            result = _measure(target, (data[:n], *extra), args.whole_timeout if way == "whole-graph" else None)
            if result is None:
                print(f"{n:<6} {way:<14} >{args.whole_timeout:.0f} s (stopped)")
                continue
            seconds, peak, findings = result
            print(f"{n:<6} {way:<14} {seconds:7.1f}  {n / seconds:6.2f}  {peak:7.0f}  {findings}", flush=True)


if __name__ == "__main__":
    main()
