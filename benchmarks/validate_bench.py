"""Validation speed: the Oxigraph engine on a store, against pySHACL per document and on one whole graph.

Generates N disclosures (``generate_disclosures.py``; clean, or with ``--planted`` every kind
of planted error in turn), parses and maps them once (not timed) into one N-Triples file
each and one on-disk store holding them all, then validates the same graphs, each way in a
freshly spawned process (not forked, so that no process inherits another's memory and each
peak is its own):

- ``store/oxigraph``: ``validate_store(--engine oxigraph)``, what ``kg validate --store``
  does: ``--jobs`` workers each open the store read-only and read their documents from it;
- ``store/pyshacl``: ``validate_store(--engine pyshacl)``: the parent serialises every graph,
  workers run pySHACL;
- ``per-document``: pySHACL, ``--jobs`` warmed-up workers each reading one document's file
  (the pySHACL figure of earlier measurements);
- ``whole-graph``: one pySHACL run over every file read into one rdflib graph.

Both ``store`` ways include starting the workers and loading the shapes, and the checks
across documents. With ``--engine both`` the two store reports must be identical (every
finding's every field); the script stops with an error if they are not.

Usage: ``python benchmarks/validate_bench.py 10 100 [--jobs 2] [--engine oxigraph|pyshacl|both]
[--planted] [--whole-timeout 600]``. Prints one line per N and way: documents, seconds,
documents/s, CPU seconds of
all its processes and documents per CPU second, peak MB, findings.
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
from generate_disclosures import KINDS, generate

SPAWN = multiprocessing.get_context("spawn")


def _prepare(path: str) -> tuple[str, str]:
    from kg.rdf.mapping import document_quads, graph_iri
    from kg.read import read_document
    from kg.validate.document import graph_from_quads

    doc = read_document(Path(path))
    graph = graph_from_quads(document_quads(doc))
    target = Path(path).with_suffix(".nt")
    target.write_bytes(graph.serialize(format="nt", encoding="utf-8"))
    return str(target), graph_iri(doc)


def _load(store_path: Path, files: list[tuple[str, str]]) -> None:
    import pyoxigraph as ox

    store = ox.Store(str(store_path))
    for file, graph in files:
        store.bulk_load(path=file, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(graph))
    store.flush()


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the workers)."""
    return sum(r.ru_utime + r.ru_stime for r in (resource.getrusage(resource.RUSAGE_SELF),
                                                 resource.getrusage(resource.RUSAGE_CHILDREN)))


def _validate_file(path: str) -> int:
    from kg.validate import _validate_ntriples

    return len(_validate_ntriples((path, Path(path).read_bytes())).findings)


def _per_document(files: list[str], jobs: int, out) -> None:
    with ProcessPoolExecutor(max_workers=jobs, mp_context=SPAWN) as pool:
        list(pool.map(_validate_file, files[:jobs]))  # start the workers and load the shapes: not timed
        start, cpu = time.perf_counter(), _cpu()
        findings = sum(pool.map(_validate_file, files))
        seconds = time.perf_counter() - start
    # The warm-up's CPU is in the workers' totals too: this way's CPU is an upper bound.
    out.put((seconds, _cpu() - cpu, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, findings, None))


def _whole_graph(files: list[str], out) -> None:
    from kg.validate.document import graph_from_ntriples, validate_graph

    graph = graph_from_ntriples(b"".join(Path(f).read_bytes() for f in files))
    start, cpu = time.perf_counter(), _cpu()
    task = validate_graph(graph)
    seconds = time.perf_counter() - start
    out.put((seconds, _cpu() - cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(task.findings), None))


def _store(store_path: str, jobs: int, engine: str, out) -> None:
    from kg.validate import validate_store

    start, cpu = time.perf_counter(), _cpu()
    report = validate_store(Path(store_path), jobs=jobs, engine=engine)
    seconds = time.perf_counter() - start
    peak = max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    out.put((seconds, _cpu() - cpu, peak / 1024, len(report.findings), report.to_dict()))


def _measure(target, args, timeout: float | None):
    """Run one way in a spawned process; ``None`` when it was stopped after ``timeout`` seconds."""
    import queue

    out = SPAWN.Queue()
    process = SPAWN.Process(target=target, args=(*args, out))
    process.start()
    try:
        return out.get(timeout=timeout)  # before join: a big report would fill the pipe
    except queue.Empty:
        process.terminate()
        return None
    finally:
        process.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--engine", choices=("oxigraph", "pyshacl", "both"), default="both")
    parser.add_argument("--planted", action="store_true", help="every kind of planted error in turn, not clean documents")
    parser.add_argument("--whole-timeout", type=float, default=600, help="stop the whole-graph run after this; 0: skip it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        kinds = KINDS if args.planted else ("clean",)
        key = generate(Path(folder), max(args.sizes), seed=11, kinds=kinds)
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            files = list(pool.map(_prepare, [str(Path(folder) / p.document) for p in key]))
        triples = sum(Path(f).read_bytes().count(b"\n") for f, _ in files) / len(files)
        print(f"{'planted-error' if args.planted else 'clean'} documents of {triples:.0f} triples on average "
              "(parse and mapping not timed)")
        # CPU: all processes' CPU seconds; docs/CPU-s is the rate on an idle core (the machine is shared).
        print("N      way              seconds  docs/s   CPU s  docs/CPU-s  peak MB  findings")
        for n in args.sizes:
            store = Path(folder) / f"store-{n}"
            _load(store, files[:n])
            ways = []
            if args.engine in ("oxigraph", "both"):
                ways.append(("store/oxigraph", _store, (str(store), args.jobs, "oxigraph"), None))
            if args.engine in ("pyshacl", "both"):
                ways.append(("store/pyshacl", _store, (str(store), args.jobs, "pyshacl"), None))
                ways.append(("per-document", _per_document, ([f for f, _ in files[:n]], args.jobs), None))
                if args.whole_timeout:
                    ways.append(("whole-graph", _whole_graph, ([f for f, _ in files[:n]],), args.whole_timeout))
            reports = {}
            for way, target, extra, timeout in ways:
                result = _measure(target, extra, timeout)
                if result is None:
                    print(f"{n:<6} {way:<16} >{timeout:.0f} s (stopped)", flush=True)
                    continue
                seconds, cpu, peak, findings, report = result
                reports[way] = report
                print(f"{n:<6} {way:<16} {seconds:7.1f}  {n / seconds:6.2f}  {cpu:6.1f}  {n / cpu:10.2f}  {peak:7.0f}  "
                      f"{findings}", flush=True)
            if args.engine == "both":
                same = reports["store/oxigraph"] == reports["store/pyshacl"]
                print(f"{n:<6} the two engines' store reports are {'identical' if same else 'DIFFERENT'}", flush=True)
                if not same:
                    sys.exit(1)


if __name__ == "__main__":
    main()
