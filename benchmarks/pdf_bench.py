"""Time PDF extraction per document against a plain pdfplumber ``extract_text()`` pass.

Run: python benchmarks/pdf_bench.py [--repeat N] [PDF ...]
(default: the Shanghai samples in ../shared/samples/shanghai and the 18 disclosures of
../shared/corpus; needs ``pip install pdfplumber``, the ``bench`` extra, for the
reference pass only).

For each PDF, in the same run, median over N repeats of:

- ``ours``: the whole path, PDF to table records (``kg.read.tables.read_document``:
  words and positions, tables, narrative);
- ``pdfplumber``: ``page.extract_text()`` on every page, the reference pass;
- ``pdfium boxes``: only pypdfium2's character boxes, the floor of our reading;
- ``pdfplumber chars``: only pdfplumber's character list, the same input the
  alternative library would give.

The target: ours / pdfplumber at most 0.20, per file (median) and over the whole
corpus (total time of ours / total time of pdfplumber).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from kg.read import read_document

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
SAMPLES = [SHARED / "samples" / "shanghai", SHARED / "corpus"]


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pdfplumber_text(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()


def pdfplumber_chars(path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars  # noqa: B018 — forcing the parse is the point


def pdfium_boxes(path: Path) -> None:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    for index in range(len(document)):
        textpage = document[index].get_textpage()
        for i in range(textpage.count_chars()):
            textpage.get_charbox(i, loose=True)
    document.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    pdfs = args.pdfs or [p for folder in SAMPLES for p in sorted(folder.glob("*.pdf"))]
    if not pdfs:
        sys.exit(f"no PDFs given and none in {', '.join(map(str, SAMPLES))}")
    print("| document | pages | ours | pdfplumber extract_text | ratio | pdfium boxes | pdfplumber chars |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    ratios = []
    totals = [0.0, 0.0]
    for path in pdfs:
        read_document(path)  # warm the imports and the profile cache once
        ours = median_time(lambda: read_document(path), args.repeat)
        reference = median_time(lambda: pdfplumber_text(path), args.repeat)
        boxes = median_time(lambda: pdfium_boxes(path), args.repeat)
        chars = median_time(lambda: pdfplumber_chars(path), args.repeat)
        import pypdfium2 as pdfium

        pages = len(pdfium.PdfDocument(str(path)))
        ratios.append(ours / reference)
        totals[0] += ours
        totals[1] += reference
        print(f"| {path.name} | {pages} | {ours:.3f} s | {reference:.3f} s | {ours / reference:.3f} "
              f"| {boxes:.3f} s | {chars:.3f} s |")
    print(f"\nmedian ratio ours / pdfplumber extract_text: {statistics.median(ratios):.3f} (target ≤ 0.20)")
    print(f"whole set: ours {totals[0]:.2f} s, pdfplumber {totals[1]:.2f} s, ratio {totals[0] / totals[1]:.3f}")


if __name__ == "__main__":
    main()
