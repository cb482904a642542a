"""Time `kg publish` on the bundled sample (or a store already built) and measure the site it writes.

Run: python benchmarks/publish_bench.py [--repeat N] [--store DIR] [--jobs N]

Builds the sample into a temporary store once (or takes ``--store``, e.g. generated
disclosures built with ``kg build``), then publishes it N times into fresh folders and
prints the median publish time (wall clock, and the CPU time of the process and its page
workers: on a machine shared with other jobs the CPU time is the figure to compare), the
number of pages and files, the site's size on disk (bytes of all files) and the size of each
dump.
"""

from __future__ import annotations

import argparse
import inspect
import resource
import statistics
import tempfile
import time
from pathlib import Path

from kg import store as kg_store
from kg.build import build
from kg.publish import publish
from kg.resources import sample_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--store", type=Path, help="a store already built (default: the sample, built here)")
    parser.add_argument("--jobs", type=int, help="worker processes writing pages (default: one per core)")
    args = parser.parse_args()
    # The tree before parallel pages has no jobs parameter: time it as it is.
    options = {"jobs": args.jobs} if "jobs" in inspect.signature(publish).parameters else {}
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store
        if store is None:
            store = Path(tmp) / "store"
            with kg_store.open(store) as opened:
                build([sample_path()], opened)
        times, cpu, result = [], [], None
        for attempt in range(args.repeat):
            start, start_cpu = time.perf_counter(), _cpu()
            result = publish(store, Path(tmp) / f"site-{attempt}", **options)
            times.append(time.perf_counter() - start)
            cpu.append(_cpu() - start_cpu)
        print(f"publish (median of {args.repeat}): {statistics.median(times):.2f} s, "
              f"CPU {statistics.median(cpu):.2f} s")
        print(f"triples {result.triples}, graphs {result.graphs}")
        print(f"pages {result.pages}, files {result.files}, site size {result.bytes} bytes")
        for dump in result.dumps:
            if "/graphs/" not in dump.path:
                gz = f", gzip {dump.compressed_size}" if dump.compressed else ""
                print(f"  {dump.path}: {dump.size} bytes{gz}")


def _cpu() -> float:
    """User and system seconds of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
