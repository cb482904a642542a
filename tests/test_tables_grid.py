"""Reading tables from positions (kg.read.tables.grid), its identity checks and template detection.

The real PDFs are tested in test_tables_shanghai.py; these tests need nothing from ../shared.
"""

from __future__ import annotations

import copy
import doctest
from decimal import Decimal
from pathlib import Path

import pytest

import kg.read.tables.grid
import kg.read.tables.identities
from kg.errors import InputError
from kg.read.detect import detect_template
from kg.read.profiles import available_profiles, load_profile
from kg.read.source.text import read_text
from kg.read.tables.grid import _join_code
from kg.read.tables.identities import identity_breaks
from kg.records import Line, Location, Table


@pytest.mark.parametrize("module", [kg.read.tables.grid, kg.read.tables.identities], ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    failures, tried = doctest.testmod(module)
    assert tried > 0 and failures == 0


def test_codes_printed_in_columns_are_joined_and_short_levels_zero_padded():
    assert _join_code(["201", "03", "01"], [3, 2, 2]) == "2010301"
    assert _join_code(["201", "13"], [3, 2, 2]) == "20113"
    assert _join_code(["301", "2"], [3, 2]) == "30102"
    assert _join_code(["301"], [3, 2]) == "301"


def test_what_is_not_a_code_is_not_joined():
    assert _join_code(["2010", "01"], [3, 2]) is None  # a 类 has three digits
    assert _join_code(["301", "01", "02"], [3, 2]) is None  # economic codes have two levels
    assert _join_code(["301", "123"], [3, 2]) is None


def test_the_templates_and_the_standard_vocabulary_are_profiles_and_the_basis_concepts_file_is_not():
    assert available_profiles() == ["hebei-county", "shanghai-district", "standard"]
    assert load_profile("shanghai-district").source == "pdf"
    assert load_profile("hebei-county").source == "text"
    # The standard tables' vocabulary reads any other province's PDF, from what is printed.
    assert (load_profile("standard").source, load_profile("standard").reader) == ("pdf", "layout")


def test_the_hebei_sample_is_detected_as_the_hebei_template(sample):
    lines = [line.text for line in read_text(sample).lines]
    assert detect_template(sample.name, lines, "text").id == "hebei-county"


def test_a_text_of_no_known_template_names_the_file_and_what_was_looked_for(tmp_path: Path):
    with pytest.raises(InputError) as caught:
        detect_template("notes.txt", ["会议纪要", "2025年某市项目支出绩效目标表"], "text")
    message = str(caught.value)
    assert message.startswith("notes.txt: unknown template")
    assert "2025年某市项目支出绩效目标表" in message  # recognised as a title, of no known template
    assert "hebei-county" in message and "--template" in message
    assert "build the PDF it was copied from" in message  # the layout reader reads any province's PDF


def _expenditure() -> Table:
    at = Location("x.pdf", 12, "expenditure", 1)
    rows = [("201", "20", "8", "12"), ("20113", "20", "8", "12"), ("2011301", "8", "8", None),
            ("2011302", "12", None, "12"), ("total", "20", "8", "12")]
    lines = []
    for key, total, basic, project in rows:
        values = {c: Decimal(v) for c, v in (("total", total), ("basic", basic), ("project", project)) if v}
        lines.append(Line(key, key, values, at, code=None if key == "total" else key))
    return Table("expenditure", "支出预算总表", ["total", "basic", "project"], lines=lines, pages=[12])


def test_a_consistent_table_breaks_no_identity():
    spec = load_profile("shanghai-district").tables[2]
    assert spec.key == "expenditure"
    assert identity_breaks(_expenditure(), spec, "x.pdf") == []


def test_a_changed_cell_is_reported_at_that_cell_and_at_its_parent():
    spec = load_profile("shanghai-district").tables[2]
    table = copy.deepcopy(_expenditure())
    table.line("2011301").values["total"] = Decimal("9")
    found = {(b.kind, b.row, b.column, b.expected, b.actual) for b in identity_breaks(table, spec, "x.pdf")}
    assert found == {
        ("row-sum", "2011301", "total", Decimal("8"), Decimal("9")),
        ("parent-sum", "20113", "total", Decimal("21"), Decimal("20")),
    }
