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
from kg.source.pdf import read_pdf
from kg.source.text import read_text
from kg.tables.detect import detect_template
from kg.tables.grid import read_units
from kg.tables.profile import Profile, available_profiles, load_profile
from kg.tables.reconstruct import reconstruct
from kg.tables.segment import split_units

__all__ = ["read_document"]


def read_document(path: Path, encoding: str = "utf-8", template: str | None = None) -> Document:
    """Read one disclosure and place every number of its tables.

    A PDF is read from the positions of its words; text copied out of a PDF has lost
    them, and its numbers are placed by the tables' arithmetic. Both give the same
    records. A table that cannot be fully reconstructed does not stop the others:
    its unplaced tokens are listed on the table (``Document.unplaced``).

    :param path: a disclosure PDF, or a text file copied out of one
    :param encoding: the text file's encoding (not used for a PDF)
    :param template: the template profile id; by default the profile that recognises
        most of the document's table titles
    :raises InputError: the file cannot be read, its template is unknown, or it holds no budget tables
    """
    path = Path(path)
    if _is_pdf(path):
        return _read_pdf(path, template)
    source = read_text(path, encoding)
    profile = _profile(template, source.name, [line.text for line in source.lines], "text")
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
    read_narratives(source, doc.units, profile.id)
    return doc


def _is_pdf(path: Path) -> bool:
    if path.suffix.lower() == ".pdf":
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def _profile(template: str | None, name: str, lines: list[str], source: str) -> Profile:
    if template is None:
        return detect_template(name, lines, source)
    if template not in available_profiles():
        raise InputError(name, f"no template profile {template!r}", f"the profiles are {', '.join(available_profiles())}")
    profile = load_profile(template)
    if profile.source != source:
        raise InputError(name, f"template {template} reads {profile.source} input, and this file is {source}")
    return profile


def _read_pdf(path: Path, template: str | None) -> Document:
    source = read_pdf(path)
    profile = _profile(template, source.name, [line.text for line in source.lines], "pdf")
    units, problems = read_units(source, profile)
    if not any(u.tables for u in units):
        raise InputError(source.name, f"no budget tables of template {profile.id} found")
    text = source.as_text()
    kind = next((k for k, pattern in profile.kinds.items() if any(pattern.search(l.text) for l in text.lines)),
                profile.kind)
    doc = Document(source.name, source.sha256, profile.id, kind, units, problems)
    read_narratives(text, doc.units, profile.id)
    return doc
