"""Time the build of the bundled sample, stage by stage, and of a sample with one misprint.

Run: python benchmarks/build_bench.py [--repeat N]

Prints the median wall time of each stage (parse = text to table records, map =
records to quads, load = quads into a fresh on-disk store) and the triple count.
The misprinted copy changes 2080101 行政运行's total in the 一般公共预算财政拨款支出表
(475.46 -> 475.47), which sends the parser through its suspect search.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kg import store as kg_store
from kg.rdf.mapping import document_quads, graph_iri
from kg.read import read_document
from kg.resources import sample_path


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    stages: dict[str, list[float]] = {"parse": [], "map": [], "load": []}
    triples = 0
    for _ in range(args.repeat):
        t, doc = timed(lambda: read_document(sample_path()))
        stages["parse"].append(t)
        t, quads = timed(lambda: document_quads(doc))
        stages["map"].append(t)
        with tempfile.TemporaryDirectory() as tmp:
            store = kg_store.open(Path(tmp) / "store")
            t, _ = timed(lambda: store.replace_graph(graph_iri(doc), quads))
            stages["load"].append(t)
            store.close()
        triples = len(quads)
    for stage, times in stages.items():
        print(f"{stage:<6} median {statistics.median(times):6.2f} s  (n={len(times)})")
    print(f"triples {triples}, tokens placed {doc.placed}/{doc.tokens}")

    text = sample_path().read_text(encoding="utf-8")
    at = text.index("475.46", text.index("单位预算一般公共预算财政拨款支出表"))
    with tempfile.TemporaryDirectory() as tmp:
        changed = Path(tmp) / "misprint.txt"
        changed.write_text(text[:at] + "475.47" + text[at + 6:], encoding="utf-8")
        t, doc = timed(lambda: read_document(changed))
    breaks = [b for table in doc.tables for b in table.breaks]
    print(f"parse with one misprint {t:6.2f} s, placed {doc.placed}/{doc.tokens}, breaks {len(breaks)}")


if __name__ == "__main__":
    main()
