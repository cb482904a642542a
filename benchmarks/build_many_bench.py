"""Time ``kg build`` of N generated disclosures into one fresh store, and the store's writes alone.

Run: python benchmarks/build_many_bench.py 100 1000 [--jobs 2] [--writes-only]

For each N, writes N clean disclosures with ``generate_disclosures.py`` (unless ``--docs DIR``
already holds them), runs ``kg build DIR --store fresh --jobs J --silent`` as a child process,
and prints wall seconds, documents/s, the peak resident memory of the largest process
(``resource.getrusage`` of the children: the build and its workers), the largest sum over
the build's process tree, sampled every 0.2 s, and CPU seconds per document (all processes),
which a machine shared with other work changes less than the wall time.

``--writes-only`` times the writer alone: N copies of one generated document's graph (its unit
code changed) written one by one into a fresh store, by ``Store.replace_graph`` (one
transaction per graph) and, for comparison, by the SPARQL Update with a flush per graph that
it used before; documents/s per fifth of N shows whether writes slow down as the store grows.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_disclosures import generate

#: Seconds between two samples of the build's process tree memory.
SAMPLE = 0.2


def tree_rss(pid: int) -> int:
    """Resident bytes of ``pid`` and its descendants, now (Linux /proc)."""
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next((int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        stack += map(int, children)
    return total


def build(docs: Path, store: Path, jobs: int | None) -> tuple[float, int]:
    command = [sys.executable, "-m", "kg", "build", str(docs), "--store", str(store), "--silent"]
    command += ["--jobs", str(jobs)] if jobs else []
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(SAMPLE)
    if process.returncode not in (0, 3):
        raise SystemExit(f"kg build failed with exit {process.returncode}")
    return time.perf_counter() - started, peak


def writes(n: int, docs: Path) -> None:
    from kg import store as kg_store
    from kg.build import map_document

    mapped = map_document(min(docs.glob("*.txt")))
    code = mapped.graph.split("/graph/")[1].split("/")[0]
    for way in ("replace_graph", "update+flush"):
        with tempfile.TemporaryDirectory() as tmp:
            store = kg_store.open(Path(tmp) / "store")
            started, last, cpu = time.perf_counter(), time.perf_counter(), time.process_time()
            rates = []
            for i in range(n):
                data = mapped.nquads.replace(code.encode(), f"9{i:05d}".encode())
                quads = list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
                if way == "replace_graph":
                    store.replace_graph(quads[0].graph_name, quads)
                else:
                    body = ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES).decode()
                    name = quads[0].graph_name
                    store.inner.update(f"DROP SILENT GRAPH {name} ; INSERT DATA {{ GRAPH {name} {{ {body} }} }}")
                    store.inner.flush()
                if (i + 1) % max(n // 5, 1) == 0:
                    now = time.perf_counter()
                    rates.append(max(n // 5, 1) / (now - last))
                    last = now
            total, cpu = time.perf_counter() - started, time.process_time() - cpu
            store.close()
        print(f"writes {way:<14} N={n:>6} {len(quads)} quads each: {total:7.1f} s, {n / total:6.1f} graphs/s, "
              f"{1000 * cpu / n:.0f} ms CPU per graph; graphs/s per fifth: {', '.join(f'{r:.1f}' for r in rates)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("counts", type=int, nargs="+")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    parser.add_argument("--docs", type=Path, help="a folder to keep the generated documents in (reused)")
    parser.add_argument("--writes-only", action="store_true")
    args = parser.parse_args()
    for n in args.counts:
        with tempfile.TemporaryDirectory() as tmp:
            docs = args.docs / str(n) if args.docs else Path(tmp) / "docs"
            if not docs.is_dir() or len(list(docs.glob("*.txt"))) != n:
                generate(docs, n, seed=1, kinds=("clean",))
            if args.writes_only:
                writes(n, docs)
                continue
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds, tree = build(docs, Path(tmp) / "store", args.jobs)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        print(f"build N={n:>6} jobs={args.jobs or os.cpu_count()}: {seconds:7.1f} s, {n / seconds:5.2f} documents/s, "
              f"{cpu / n:.2f} s CPU per document; peak MB: largest process {after.ru_maxrss / 1024:.0f}, "
              f"process tree {tree / 2**20:.0f}")


if __name__ == "__main__":
    main()
