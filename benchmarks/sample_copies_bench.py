"""Real-size documents: N copies of the bundled sample, each with its two unit codes changed (issue 15).

Run:
    python benchmarks/sample_copies_bench.py [N] [--repeat 5] [--build-option=--jobs=2] [--keep DIR]

Copy k of the sample prints the sample's text with its unit codes 323001 and 323003 replaced
by codes of its own (``4kk001``/``4kk003`` style, unique per copy), so N copies hold 2N units
of the sample's real size (18 tables, 469 amounts). Then, each command in a fresh process:

- build: ``kg build FOLDER --store STORE`` (the target: 8 copies/s or more on 2 cores);
- validate: ``kg validate --store STORE`` (the target: 20 copies/s or more);
- queries: every canned query with its default parameters on the embedded store, in this
  process, median of ``--repeat`` (the target: under 100 ms each, what a query costs beyond
  the CLI's start-up), and the CLI's own start-up (``kg query --list``) once for comparison.

Prints one Markdown table per part, with CPU seconds (user + system of the command and the
children it waited for), which a machine loaded by other work does not inflate.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from scale_bench import KG, _median_ms, _run

from kg.queries import bind, catalogue
from kg.resources import sample_path
from kg.store.backend import Embedded

#: The sample's unit codes, as printed: always just before the unit's name, sometimes right
#: after the budget year ("预算年度：2023323001巨鹿县…").
UNIT_CODES = re.compile(r"3230(0[13])(?=巨鹿县)")


def write_copies(folder: Path, n: int) -> list[Path]:
    """N copies of the sample; copy k's units are 4kk001 and 4kk003 (k < 100), then 5kk… and so on."""
    text = sample_path().read_text(encoding="utf-8")
    if len(set(UNIT_CODES.findall(text))) != 2:
        raise SystemExit("the sample no longer prints the unit codes 323001 and 323003")
    folder.mkdir(parents=True)
    paths = []
    for k in range(n):
        prefix = f"{4 + k // 100}{k % 100:02d}0"
        path = folder / f"copy-{k:04d}.txt"
        path.write_text(UNIT_CODES.sub(lambda m, p=prefix: p + m.group(1), text), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100, help="number of copies (default 100)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each query; the median is shown")
    parser.add_argument("--build-option", action="append", default=[], help="an option for kg build, e.g. --jobs=2")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=False)
        run(args.keep, args)
    else:
        with tempfile.TemporaryDirectory() as folder:
            run(Path(folder), args)


def run(folder: Path, args: argparse.Namespace) -> None:
    n, log, store = args.n, folder / "stderr.log", folder / "store"
    write_copies(folder / "copies", n)
    rows = []
    for stage, command in (
        ("build", [*KG, "build", str(folder / "copies"), "--store", str(store), *args.build_option]),
        ("validate", [*KG, "validate", "--store", str(store), "--format", "json", "--out", str(folder / "report.json")]),
    ):
        seconds, peak, code, cpu = _run(command, log)
        rows.append(f"| {stage} | {seconds:,.1f} | {n / seconds:,.2f} | {cpu:,.1f} | {cpu / n:.3f} | {peak:,.0f} | {code} |")
        print(f"{stage}: {rows[-1]}", file=sys.stderr, flush=True)
    start_up, _, _, _ = _run([*KG, "query", "--list"], log)

    print(f"\n### {n} copies of the sample ({2 * n} units)\n")
    print("| stage | seconds | copies/s | CPU s | CPU s a copy | peak MB | exit |\n| --- | --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))
    print(f"\n`kg query --list` (the CLI's start-up): {start_up * 1000:,.0f} ms\n")
    print("| query | median ms | rows |\n| --- | --- | --- |")
    with Embedded(store) as embedded:
        for name, query in sorted(catalogue().items()):
            ms, count = _median_ms(embedded, bind(query), args.repeat)
            print(f"| {name} | {ms:,.1f} | {count:,} |", flush=True)


if __name__ == "__main__":
    main()
