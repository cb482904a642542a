"""The whole path at N documents: generate, build, validate, N-Quads, bulk load, queries, publish (issue 15).

Run:
    python benchmarks/scale_bench.py 100 [1000 10000] [--old 100,1000] [--build-option=--jobs=2]

For each N, on N clean generated disclosures (``generate_disclosures.py --kinds clean``), it
runs every stage with the commands and API that exist, each command in a fresh process:

- generate: write the N text files (in-process);
- build: ``kg build FILES --store STORE`` (``--build-option`` adds options, e.g. ``--jobs``);
- validate: ``kg validate --store STORE`` (per document, in parallel, plus cross-document checks);
- nquads: one ``.nq`` file per graph of the store, as a sharded build writes them (in-process);
- load: Virtuoso 7 on 127.0.0.1 (started here, not timed), its bulk loader over that folder
  (:func:`kg.store.bulk.load_virtuoso`);
- queries: every canned query with default parameters, median of ``--repeat``, on the
  embedded store (in-process) and on Virtuoso (SPARQL protocol);
- publish: ``kg publish --store STORE --out SITE``.

Peak RSS is the largest resident set of the stage's process and the children it waited for
(``wait4``), or Virtuoso's high-water mark (``VmHWM``); the CPU seconds of a command (user +
system, same children) are what a machine loaded by other work does not inflate. At the sizes of ``--old`` it also runs
the old validation path beside the new one: pySHACL per document in ``--jobs`` spawned workers
and one whole-graph pySHACL run (stopped after ``--old-timeout`` seconds), from
``validate_bench.py``. Prints Markdown tables.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from generate_disclosures import generate
from servers import start_virtuoso
from validate_bench import _measure, _per_document, _whole_graph

from kg.queries import bind, catalogue
from kg.store.backend import Embedded
from kg.store.bulk import load_virtuoso
from kg.store.endpoint import Endpoint

KG = [sys.executable, "-m", "kg"]


def _run(command: list[str], log: Path) -> tuple[float, float, int, float]:
    """Seconds, peak RSS in MB, exit code and CPU seconds (of the process and the children it waited for)."""
    with log.open("ab") as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode, usage.ru_utime + usage.ru_stime


def _bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else path.stat().st_size


def _high_water_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _median_ms(backend, text: str, repeat: int) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        rows = len(backend.query(text))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, rows


def run(n: int, folder: Path, args: argparse.Namespace) -> None:
    log = folder / "stderr.log"
    stages: list[str] = []

    def record(stage: str, seconds: float | None, peak: float | None, note: str) -> None:
        """One row of the stage table (``seconds`` None: stopped), shown on stderr at once: a large N runs for hours."""
        rate = f"{n / seconds:,.1f}" if seconds else ""
        shown = "—" if seconds is None else f"{seconds:,.2f}"
        stages.append(f"| {stage} | {shown} | {rate} | {'' if peak is None else f'{peak:,.0f}'} | {note} |")
        print(f"N = {n}: {stages[-1]}", file=sys.stderr, flush=True)

    start = time.perf_counter()
    key = generate(folder / "documents", n, seed=15, kinds=("clean",))
    record("generate", time.perf_counter() - start, None, f"{n} text files")
    paths = [str(folder / "documents" / planted.document) for planted in key]

    store = folder / "store"
    seconds, peak, code, cpu = _run([*KG, "build", *paths, "--store", str(store), *args.build_option], log)
    options = " ".join(["kg build", *args.build_option])
    record("build", seconds, peak, f"{options} (exit {code}), {cpu:,.0f} CPU s")
    with Embedded(store) as embedded:
        graphs = embedded.graphs()
        triples = int(embedded.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows[0][0].value)
    store_bytes = _bytes(store)

    seconds, peak, code, cpu = _run([*KG, "validate", "--store", str(store), "--format", "json", "--out",
                                     str(folder / "report.json")], log)
    record("validate", seconds, peak, f"kg validate --store (exit {code}), {cpu:,.0f} CPU s")

    server = start_virtuoso(folder / "virtuoso")
    try:
        nquads = folder / "virtuoso" / "nquads"
        nquads.mkdir()
        start = time.perf_counter()
        with Embedded(store) as embedded:
            for index, graph in enumerate(graphs):
                quads = embedded.store.inner.quads_for_pattern(None, None, None, ox.NamedNode(graph))
                (nquads / f"graph-{index:06d}.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
        record("nquads", time.perf_counter() - start, None, f"{len(graphs)} files, {_bytes(nquads):,} bytes")
        report = load_virtuoso(nquads, server=server.sql, loaders=args.loaders)
        record("load", report.seconds, _high_water_mb(server.process.pid),
               f"Virtuoso bulk loader, {args.loaders} loader(s), {report.quads:,} quads; peak is Virtuoso's")
        virtuoso_bytes = _bytes(folder / "virtuoso" / "virtuoso.db")

        timings = {}
        endpoint = Endpoint(server.query)
        with Embedded(store) as embedded:
            for name, query in catalogue().items():
                text = bind(query)
                timings[name] = (_median_ms(embedded, text, args.repeat), _median_ms(endpoint, text, args.repeat))
        record("queries", sum(e[0] + v[0] for e, v in timings.values()) / 1000 * args.repeat, None,
               f"{len(timings)} queries × {args.repeat} on each store")
    finally:
        server.stop()

    seconds, peak, code, cpu = _run([*KG, "publish", "--store", str(store), "--out", str(folder / "site")], log)
    site = folder / "site"
    files = sum(1 for f in site.rglob("*") if f.is_file()) if site.exists() else 0
    size = _bytes(site) if site.exists() else 0
    record("publish", seconds, peak, f"kg publish (exit {code}), {cpu:,.0f} CPU s, {files:,} files, {size:,} bytes")

    if n in args.old:
        ntriples = folder / "ntriples"
        ntriples.mkdir()
        with Embedded(store) as embedded:
            files_nt = []
            for index, graph in enumerate(g for g in graphs if "/id/graph/" in g):
                files_nt.append(str(ntriples / f"graph-{index:06d}.nt"))
                Path(files_nt[-1]).write_bytes(ox.serialize(embedded.triples(graph), format=ox.RdfFormat.N_TRIPLES))
        result = _measure(_per_document, (files_nt, args.jobs), None)
        record("old: pySHACL per document", result[0], result[1],
               f"{args.jobs} spawned workers, {result[2]} findings")
        result = _measure(_whole_graph, (files_nt,), args.old_timeout)
        if result is None:
            record("old: pySHACL whole graph", None, None, f"stopped after {args.old_timeout:.0f} s")
        else:
            record("old: pySHACL whole graph", result[0], result[1], f"{result[2]} findings")

    print(f"\n### N = {n}: {len(graphs)} graphs, {triples:,} triples ({triples / n:,.0f} a document)\n")
    print("| stage | seconds | documents/s | peak MB | note |\n| --- | --- | --- | --- | --- |")
    print("\n".join(stages))
    print(f"\n| store | bytes | bytes/triple |\n| --- | --- | --- |\n"
          f"| embedded Oxigraph | {store_bytes:,} | {store_bytes / triples:.0f} |\n"
          f"| Virtuoso (virtuoso.db after checkpoint) | {virtuoso_bytes:,} | {virtuoso_bytes / triples:.0f} |")
    print("\n| query | embedded ms | Virtuoso ms | rows |\n| --- | --- | --- | --- |")
    for name, ((embedded_ms, rows), (virtuoso_ms, _)) in sorted(timings.items()):
        print(f"| {name} | {embedded_ms:.1f} | {virtuoso_ms:.1f} | {rows:,} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+", help="numbers of documents, e.g. 100 1000 10000")
    parser.add_argument("--old", default="100,1000", help="sizes at which to run the old validation path too")
    parser.add_argument("--old-timeout", type=float, default=600, help="seconds before the whole-graph run is stopped")
    parser.add_argument("--jobs", type=int, default=2, help="workers of the old per-document path")
    parser.add_argument("--loaders", type=int, default=1, help="parallel rdf_loader_run() sessions")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--build-option", action="append", default=[], help="an option for kg build, e.g. --jobs=2")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    args.old = {int(size) for size in args.old.split(",") if size}
    for n in args.sizes:
        if args.keep:
            run(n, _fresh(args.keep / f"n{n}"), args)
        else:
            with tempfile.TemporaryDirectory() as folder:
                run(n, Path(folder), args)


def _fresh(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=False)
    return folder


if __name__ == "__main__":
    main()
