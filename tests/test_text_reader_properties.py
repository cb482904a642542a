"""Properties of the text reader on damaged copies of the sample (Hypothesis).

Each example deletes, duplicates, swaps, or inserts lines of the bundled sample, or
changes one digit, then builds the copy into a store that already holds the sample.
Whatever the damage:

- no exception escapes: a failure is a message about the file, never a bug report;
- every numeric token of a table is placed in a cell or reported as unplaced (counted
  from the table's text, independently of the placement);
- the store still holds both units of the sample: a damaged copy either is its own
  disclosure (a changed unit code), or it is complete, or it does not replace the
  complete graph.

How long one example may take is a benchmark figure (benchmarks/README.md), not an
assertion here. The examples are derandomised, so CI runs the same ones every time.
"""

from __future__ import annotations

import functools
import shutil
import tempfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg.build
import kg.store as store_api
from kg.build import build_document
from kg.read import read_document
from kg.records import Document


@functools.cache
def sample_lines(sample: Path) -> list[str]:
    return sample.read_text(encoding="utf-8").splitlines()


@st.composite
def damage(draw: st.DrawFn, count: int) -> tuple[str, int, int]:
    """One change: its kind, the line it applies to, and a second number (a line, a digit)."""
    kind = draw(st.sampled_from(["delete", "duplicate", "swap", "digit", "insert"]))
    return kind, draw(st.integers(0, count - 1)), draw(st.integers(0, 10**6))


INSERTED = ["合计 12.34 56.78", "本页无数据", "单位：万元", "99.99", "2080101 行政运行 1.00"]


def damaged(lines: list[str], changes: list[tuple[str, int, int]]) -> list[str]:
    out = list(lines)
    for kind, at, other in changes:
        at %= len(out)
        if kind == "delete":
            del out[at]
        elif kind == "duplicate":
            out.insert(at, out[at])
        elif kind == "swap":
            there = other % len(out)
            out[at], out[there] = out[there], out[at]
        elif kind == "insert":
            out.insert(at, INSERTED[other % len(INSERTED)])
        else:  # change one digit of the first line at or after ``at`` that has one
            for index in [*range(at, len(out)), *range(at)]:
                digits = [i for i, ch in enumerate(out[index]) if ch.isdigit()]
                if digits:
                    i = digits[other % len(digits)]
                    new = str((int(out[index][i]) + 1 + other % 9) % 10)
                    out[index] = out[index][:i] + new + out[index][i + 1:]
                    break
    return out


def units_in(store) -> set[str]:
    rows = store.query("PREFIX org: <http://www.w3.org/ns/org#> SELECT DISTINCT ?c WHERE { ?u org:identifier ?c }")
    return {row["c"].value for row in rows}


@pytest.fixture(scope="module")
def sample_store(sample, tmp_path_factory) -> Path:
    """A store holding the sample, copied for each example (building it takes seconds)."""
    folder = tmp_path_factory.mktemp("sample-store") / "store"
    with store_api.open(folder) as store:
        assert build_document(sample, store).ok
    return folder


# Most examples take 4–8 s; a duplicated table line can take a minute or two (the placement
# search; see benchmarks/README.md). Six examples of up to two changes keep the suite in bounds.
@settings(max_examples=6, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_a_damaged_copy_is_read_without_losing_a_token_or_the_stored_units(sample, sample_store, data):
    lines = sample_lines(sample)
    changes = data.draw(st.lists(damage(len(lines)), min_size=1, max_size=2), label="changes")
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "damaged.txt"
        copy.write_text("\n".join(damaged(lines, changes)) + "\n", encoding="utf-8")
        shutil.copytree(sample_store, Path(folder) / "store")
        read: list[Document] = []

        def reading(path: Path, **options) -> Document:
            read.append(read_document(path, **options))
            return read[-1]

        with store_api.open(Path(folder) / "store") as store, mock.patch.object(kg.build, "read_document", reading):
            summary = build_document(copy, store)
            assert summary.error is None or "bug in budget-kg" not in str(summary.error), summary.error
            assert units_in(store) >= {"323001", "323003"}, summary.issues()
        for document in read:  # none when the file is refused before its tables are read
            for table in document.tables:
                cells = sum(len(line.values) for line in table.lines)
                assert cells + len(table.unplaced) == table.tokens, (table.key, changes)
