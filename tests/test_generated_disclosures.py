"""Precision and recall of ``kg validate`` on 200 generated disclosures with planted errors.

Each document is written by ``benchmarks/generate_disclosures.py`` in the Hebei text format,
read by the real parser, mapped and validated. The answer key lists, per document, the
findings (shape, table, row) the planted error must cause; a clean document must cause none.
Recall is the share of expected findings reported, precision the share of reported findings
that the key expects. Both must be 100%.
"""

from __future__ import annotations

import sys

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
    found = {t.document: {(f.code, f.table, f.row) for f in t.findings} for t in report.tasks}
    expected = {p.document: {tuple(e) for e in p.expected} for p in key}
    hits = sum(len(found[d] & expected[d]) for d in expected)
    reported = sum(len(found[d]) for d in expected)
    wanted = sum(len(expected[d]) for d in expected)
    recall, precision = hits / wanted, hits / reported
    print(f"{COUNT} documents, kinds {KINDS}: recall {recall:.1%}, precision {precision:.1%}")
    assert wanted > 0
    assert {d: found[d] for d in expected if found[d] != expected[d]} == {}
    assert (recall, precision) == (1.0, 1.0)
