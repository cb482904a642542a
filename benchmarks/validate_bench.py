"""Validation speed: per-document parallel pySHACL against one whole-graph pySHACL run.

Generates N clean disclosures (``generate_disclosures.py``), parses and maps them once
(not timed) into one N-Triples file each, then validates the same graphs two ways, each
in freshly started processes (spawned, not forked, so that no process inherits another's
memory and each peak is its own):

- per document: ``--jobs`` worker processes, each reading one document's file and
  validating it as a small rdflib graph (as ``kg validate --store`` does); peak MB is the
  largest worker's;
- whole graph: one process reads every file into one rdflib graph for one pySHACL run;
  peak MB is that process's.

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

SPAWN = multiprocessing.get_context("spawn")


def _prepare(path: str) -> str:
    from kg.rdf.mapping import document_quads
    from kg.read import read_document
    from kg.validate.document import graph_from_quads

    graph = graph_from_quads(document_quads(read_document(Path(path))))
    target = Path(path).with_suffix(".nt")
    target.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    return str(target)


def _validate_file(path: str) -> int:
    from kg.validate import _validate_ntriples

    return len(_validate_ntriples((path, Path(path).read_bytes())).findings)


def _per_document(files: list[str], jobs: int, out) -> None:
    with ProcessPoolExecutor(max_workers=jobs, mp_context=SPAWN) as pool:
        list(pool.map(_validate_file, files[:jobs]))  # start the workers and load the shapes: not timed
        start = time.perf_counter()
        findings = sum(pool.map(_validate_file, files))
        seconds = time.perf_counter() - start
    out.put((seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, findings))


def _whole_graph(files: list[str], out) -> None:
    from kg.validate.document import graph_from_ntriples, validate_graph

    graph = graph_from_ntriples(b"".join(Path(f).read_bytes() for f in files))
    start = time.perf_counter()
    task = validate_graph(graph)
    seconds = time.perf_counter() - start
    out.put((seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(task.findings)))


def _measure(target, args, timeout: float):
    out = SPAWN.Queue()
    process = SPAWN.Process(target=target, args=(*args, out))
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
            files = list(pool.map(_prepare, [str(Path(folder) / p.document) for p in key]))
        triples = sum(Path(f).read_bytes().count(b"\n") for f in files) / len(files)
        print(f"documents of {triples:.0f} triples on average (parse and mapping not timed)")
        print("N      way            seconds  docs/s  peak MB  findings")
        for n in args.sizes:
            for way, target, extra in (("per-document", _per_document, (args.jobs,)), ("whole-graph", _whole_graph, ())):
                result = _measure(target, (files[:n], *extra), args.whole_timeout if way == "whole-graph" else None)
                if result is None:
                    print(f"{n:<6} {way:<14} >{args.whole_timeout:.0f} s (stopped)", flush=True)
                    continue
                seconds, peak, findings = result
                print(f"{n:<6} {way:<14} {seconds:7.1f}  {n / seconds:6.2f}  {peak:7.0f}  {findings}", flush=True)


if __name__ == "__main__":
    main()
