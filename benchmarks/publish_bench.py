"""Time `kg publish` on the bundled sample and measure the site it writes.

Run: python benchmarks/publish_bench.py [--repeat N]

Builds the sample into a temporary store once, then publishes it N times into fresh
folders and prints the median publish time, the number of pages and files, the site's
size on disk (bytes of all files) and the size of each dump.
"""

from __future__ import annotations

import argparse
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        with kg_store.open(store) as opened:
            build([sample_path()], opened)
        times, result = [], None
        for attempt in range(args.repeat):
            start = time.perf_counter()
            result = publish(store, Path(tmp) / f"site-{attempt}")
            times.append(time.perf_counter() - start)
        print(f"publish (median of {args.repeat}): {statistics.median(times):.2f} s")
        print(f"triples {result.triples}, graphs {result.graphs}")
        print(f"pages {result.pages}, files {result.files}, site size {result.bytes} bytes")
        for dump in result.dumps:
            gz = f", gzip {dump.compressed_size}" if dump.compressed else ""
            print(f"  {dump.path}: {dump.size} bytes{gz}")


if __name__ == "__main__":
    main()
