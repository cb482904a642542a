"""From a source document to typed table records (no RDF here).

>>> from kg.resources import sample_path
>>> doc = read_document(sample_path())
>>> [u.code for u in doc.units], doc.placed == doc.tokens
(['323001', '323003'], True)
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import InputError
from kg.narrative import read_narratives
from kg.records import Document, Location, Problem, Unit
from kg.source.text import read_text
from kg.tables.profile import load_profile
from kg.tables.reconstruct import reconstruct
from kg.tables.segment import split_units

__all__ = ["read_document"]


def read_document(path: Path, encoding: str = "utf-8", template: str = "hebei-county") -> Document:
    """Read one disclosure and place every number of its tables.

    A table that cannot be fully reconstructed does not stop the others: its
    unplaced tokens are listed on the table (``Document.unplaced``).

    :param path: a text file copied out of a disclosure PDF
    :param encoding: the file's encoding
    :param template: the template profile id
    :raises InputError: the file cannot be read, or holds no budget tables
    """
    source = read_text(Path(path), encoding)
    profile = load_profile(template)
    unit_texts = split_units(source, profile)
    if not any(u.tables for u in unit_texts):
        raise InputError(
            source.name,
            f"no budget tables found (looked for titles such as {profile.tables[0].title})",
            "is this a 预算公开 disclosure?",
        )
    doc = Document(source.name, source.sha256, profile.id, profile.kind)
    for unit_text in unit_texts:
        unit = Unit(
            unit_text.code,
            unit_text.name,
            unit_text.year or 0,
            unit_text.currency or profile.currency,
            location=Location(source.name, unit_text.first_line.page, None, unit_text.first_line.no),
        )
        placed = {}
        by_key = {t.profile.key: t for t in unit_text.tables}
        for table_profile in profile.solving_order():
            text = by_key.get(table_profile.key)
            if text is None:
                doc.problems.append(
                    Problem(f"unit {unit.code}: table {table_profile.title} ({table_profile.key}) is missing",
                            unit.location)
                )
                continue
            placed[table_profile.key] = reconstruct(
                text, source.name, placed, profile.empty_note, [profile.year, profile.currency_pattern]
            )
        # Records keep the printed order of the tables.
        unit.tables = [placed[t.profile.key] for t in unit_text.tables if t.profile.key in placed]
        if unit_text.year is None:
            doc.problems.append(Problem(f"unit {unit.code}: no budget year (预算年度) found", unit.location))
        doc.units.append(unit)
    read_narratives(source, doc.units)
    return doc
