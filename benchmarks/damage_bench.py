"""How long the text reader takes on damaged copies of the sample, and the bound it keeps.

The property test (tests/test_text_reader_properties.py) runs six damaged copies and
asserts what must hold of every one; how long one may take is measured here instead:
random one- or two-line damages (deleted, duplicated, swapped or inserted lines, a
changed digit), seeded, each read once by ``kg.build.build_document`` into a store that
holds the sample. Prints each copy's seconds and status, then the median, 90th
percentile and maximum, and how many copies raised a bug or cost the store a unit.

    python benchmarks/damage_bench.py --copies 20 --seed 1
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_text_reader_properties import damaged, units_in  # noqa: E402

import kg.store as store_api  # noqa: E402
from kg.build import build_document  # noqa: E402
from kg.resources import sample_path  # noqa: E402

KINDS = ["delete", "duplicate", "swap", "digit", "insert"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--max-changes", type=int, default=2)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    lines = sample_path().read_text(encoding="utf-8").splitlines()
    seconds, broken = [], 0
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        with store_api.open(folder / "template") as store:
            assert build_document(sample_path(), store).ok
        for n in range(options.copies):
            changes = [(rng.choice(KINDS), rng.randrange(len(lines)), rng.randrange(10**6))
                       for _ in range(rng.randint(1, options.max_changes))]
            copy = folder / f"damaged-{n}.txt"
            copy.write_text("\n".join(damaged(lines, changes)) + "\n", encoding="utf-8")
            shutil.rmtree(folder / "store", ignore_errors=True)
            shutil.copytree(folder / "template", folder / "store")
            with store_api.open(folder / "store") as store:
                started = time.perf_counter()
                summary = build_document(copy, store)
                seconds.append(time.perf_counter() - started)
                kept = units_in(store) >= {"323001", "323003"}
            bug = summary.error is not None and "bug in budget-kg" in str(summary.error)
            broken += (not kept) or bug
            print(f"{seconds[-1]:7.1f} s  {summary.status:10}  units kept: {kept}  {changes}", flush=True)
    ordered = sorted(seconds)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    print(f"{len(seconds)} copies: median {statistics.median(seconds):.1f} s, 90th percentile {p90:.1f} s, "
          f"max {max(seconds):.1f} s; {broken} broke a property")


if __name__ == "__main__":
    main()
