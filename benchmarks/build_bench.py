"""Time the build of the bundled sample, stage by stage, and the parse of misprinted copies.

Run: python benchmarks/build_bench.py [--repeat N]

Prints the median wall time of each stage (parse = text to table records, map =
records to quads, load = quads into a fresh on-disk store) and the triple count.
Misprinted copies are parsed once each: 2080101 行政运行's total in the
一般公共预算财政拨款支出表 (475.46 -> 475.47), its 基本支出 in the 支出总表 (465.46 -> 465.56, the
copy of ``tests/test_tables_hebei.py``), and three copies of 323001's 基本支出表 (those of
``tests/test_misprints.py``): 30207 邮电费 at 12.50 instead of 12.00 in both its cells, 30113's
合计 alone at 53.10, and 30101's 合计 and 人员经费 at 322.82 and 320.82 instead of 321.82; and
the other copies of ``tests/test_tables_hebei.py``: 20827's 合计 in 323001's 收入总表 at 4.20 instead
of 3.20, 208's 合计 in 323003's 财政拨款收支总表 at 420.60 instead of 420.10, and the six copies planted
at random that a table was lost in before (issue 14; ``benchmarks/README.md``, section 8).
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
    parse_cpu = []
    for _ in range(args.repeat):
        cpu = time.process_time()
        t, doc = timed(lambda: read_document(sample_path()))
        parse_cpu.append(time.process_time() - cpu)
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
    print(f"parse CPU median {statistics.median(parse_cpu):6.2f} s")
    print(f"triples {triples}, tokens placed {doc.placed}/{doc.tokens}")

    text = sample_path().read_text(encoding="utf-8")
    at = text.index("475.46", text.index("单位预算一般公共预算财政拨款支出表"))
    basic = text.index("465.46", text.index("单位预算支出总表"))
    copies = {"one misprinted total": text[:at] + "475.47" + text[at + 6:],
              "2080101 基本 at 465.56 (支出总表)": text[:basic] + "465.56" + text[basic + 6:],
              "30207 at 12.50": _basic(text, [("12.00", "12.50"), ("12.00", "12.50")]),
              "30113 合计 at 53.10": _basic(text, [("53.00", "53.10")]),
              "30101 at 322.82 / 320.82": _basic(text, [("321.82", "322.82"), ("321.82", "320.82")]),
              "20827 合计 at 4.20 (收入总表)": _after(text, ["单位预算收入总表"], "3.20", "4.20"),
              "323003 208 合计 at 420.60 (财政拨款收支总表)":
                  _after(text, ["323003巨鹿县社会保险事业服务中心", "单位预算财政拨款收支总表"], "420.10", "420.60"),
              "2080105 一般公共预算 at 3.07 (收入总表)":
                  _after(text, ["单位预算收入总表", "2080106", "20.00", "20.00"], "3.00", "3.07"),
              "2101101 合计 at 30.20 (支出总表)": _after(text, ["单位预算支出总表", "38.00", "38.00"], "30.00", "30.20"),
              "2080106 项目 at 20.07 (支出总表)":
                  _after(text, ["单位预算支出总表", "369.93", "10.00", "3.00"], "20.00", "20.07"),
              "一般公共预算拨款 at 9889.89 (收支总表)": _after(text, ["单位预算收支总表"], "3889.89", "9889.89"),
              "323003 一般公共预算拨款 at 881.10 (财政拨款收支总表)":
                  _after(text, ["323003巨鹿县社会保险事业服务中心", "单位预算财政拨款收支总表"], "481.10", "881.10"),
              "323003 208 合计 at 420.12 (支出总表)":
                  _after(text, ["323003巨鹿县社会保险事业服务中心", "单位预算支出总表"], "420.10", "420.12")}
    for name, changed_text in copies.items():
        with tempfile.TemporaryDirectory() as tmp:
            changed = Path(tmp) / "misprint.txt"
            changed.write_text(changed_text, encoding="utf-8")
            cpu = time.process_time()
            t, doc = timed(lambda path=changed: read_document(path))
            cpu = time.process_time() - cpu
        breaks = [b for table in doc.tables for b in table.breaks]
        print(f"parse with {name}: {t:6.2f} s ({cpu:.2f} s CPU), placed {doc.placed}/{doc.tokens}, breaks {len(breaks)}")


def _after(text: str, anchors: list[str], old: str, new: str) -> str:
    """The first ``old`` after the anchors (each found after the one before) read as ``new``
    (the copies of ``tests/test_tables_hebei.py``)."""
    at = 0
    for anchor in anchors:
        at = text.index(anchor, at) + len(anchor)
    at = text.index(old, at)
    return text[:at] + new + text[at + len(old):]


def _basic(text: str, changes: list[tuple[str, str]]) -> str:
    """323001's 基本支出表 with the first line reading ``old`` changed to ``new``, for each change
    in turn (the copies of ``tests/test_misprints.py``)."""
    lines = text.split("\n")
    start = lines.index(" 单位预算一般公共预算财政拨款基本支出表")
    end = lines.index(" 单位预算政府基金预算财政拨款支出表", start)
    for old, new in changes:
        lines[next(i for i in range(start, end) if lines[i] == old)] = new
    return "\n".join(lines)


if __name__ == "__main__":
    main()
