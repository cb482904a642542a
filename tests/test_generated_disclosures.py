"""Precision and recall of ``kg validate`` on 200 generated disclosures with planted errors.

Each document is written by ``benchmarks/generate_disclosures.py`` in the Hebei text format,
read by the real parser, mapped and validated. The answer key lists, per document, the
findings (shape, table, row) the planted error must cause, as many as it must cause, and the
causes (misprinted cells) validation must name for them; a clean document must cause none.
Recall is the share of expected findings reported, precision the share of reported findings
that the key expects. Both must be 100%.
"""

from __future__ import annotations

import sys
from collections import Counter

from conftest import REPO

from kg.validate import validate_paths

sys.path.insert(0, str(REPO / "benchmarks"))
from generate_disclosures import KINDS, generate  # noqa: E402

COUNT = 200


def test_planted_errors_are_found_with_full_precision_and_recall(tmp_path):
    key = generate(tmp_path, COUNT, seed=7, kinds=KINDS)
    assert len(key) >= 200 and {p.kind for p in key} == set(KINDS)
    report = validate_paths([tmp_path / p.document for p in key], jobs=2)
    assert report.errors == []
    tasks = {t.document: t for t in report.tasks}
    found = {d: Counter((f.code, f.table, f.row) for f in t.findings) for d, t in tasks.items()}
    expected = {p.document: Counter(tuple(e) for e in p.expected) for p in key}
    hits = sum((found[d] & expected[d]).total() for d in expected)
    reported = sum(found[d].total() for d in expected)
    wanted = sum(expected[d].total() for d in expected)
    recall, precision = hits / wanted, hits / reported
    print(f"{COUNT} documents, kinds {KINDS}: recall {recall:.1%}, precision {precision:.1%}")
    assert wanted > 0
    assert {d: found[d] for d in expected if found[d] != expected[d]} == {}
    assert (recall, precision) == (1.0, 1.0)
    # Each planted misprint is named as the cause of the identities it breaks: all of them
    # (a narrative statement is no identity, and no cause explains it).
    causes = {d: {tuple(sorted((c.table, c.row, c.column) for c in cause.cells)) for cause in t.causes}
              for d, t in tasks.items()}
    wanted_causes = {p.document: {tuple(sorted(map(tuple, cells))) for cells in p.causes} for p in key}
    assert {d: causes[d] for d in causes if causes[d] != wanted_causes[d]} == {}
    uncaused = {p.document: [f.code for f in tasks[p.document].findings if f.cause is None and f.table != "narrative"]
                for p in key if p.causes}
    assert {d: codes for d, codes in uncaused.items() if codes} == {}

