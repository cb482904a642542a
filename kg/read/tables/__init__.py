"""The standard tables of a disclosure, as :class:`~kg.records.Table` records.

Two readers, one per kind of source, give the same records:

- text copied out of a PDF (:func:`read_text_tables`): :mod:`~kg.read.tables.segment`
  finds each unit's tables, :mod:`~kg.read.tables.reconstruct` states where the numbers
  could go and :mod:`~kg.read.tables.placement` lets the tables' arithmetic decide;
- a PDF's positioned words (:func:`read_pdf_tables`): :mod:`~kg.read.tables.grid` puts each
  number under its printed header, and :mod:`~kg.read.tables.identities` records which
  identities the printed numbers break; :mod:`~kg.read.tables.layout` does the same for
  a province no template describes, recognising the standard tables from what is printed.
"""

from __future__ import annotations

from kg.errors import InputError
from kg.read.profiles import Profile, TableProfile
from kg.read.source.pdf import PdfSource
from kg.read.source.text import TextSource
from kg.read.tables.grid import read_units
from kg.read.tables.layout import read_layout
from kg.read.tables.reconstruct import left_amounts, reconstruct
from kg.read.tables.segment import TableText, split_units
from kg.read.vocabulary import load_vocabulary
from kg.records import Document, Location, Problem, Table, Unit, Unplaced

__all__ = ["read_pdf_tables", "read_text_tables"]


def read_text_tables(source: TextSource, profile: Profile) -> Document:
    """Every unit's tables from copied text, the numbers placed by arithmetic.

    :raises InputError: no table of the profile is found
    """
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
        copies: dict[str, list[TableText]] = {}
        for text in unit_text.tables:
            copies.setdefault(text.profile.key, []).append(text)
        by_key = {key: texts[0] for key, texts in copies.items()}
        order = profile.solving_order()
        for table_profile in order:
            if table_profile.key not in by_key:
                doc.problems.append(
                    Problem(f"unit {unit.code}: table {table_profile.title} ({table_profile.key}) is missing",
                            unit.location)
                )
        placed = _read_tables([p for p in order if p.key in by_key], by_key, source.name, profile)
        for key, texts in copies.items():
            for again in texts[1:]:
                doc.problems.append(_printed_again(placed[key], reconstruct(again, source.name, placed, profile),
                                                   unit, Location(source.name, again.title_line.page, key,
                                                                  again.title_line.no)))
        # Records keep the printed order of the tables, each once.
        unit.tables = [placed[key] for key in copies if key in placed]
        if unit_text.year is None:
            doc.problems.append(Problem(f"unit {unit.code}: no budget year (预算年度) found", unit.location))
        doc.units.append(unit)
    return doc


def _read_tables(order: list[TableProfile], texts: dict[str, TableText], source: str,
                 profile: Profile) -> dict[str, Table]:
    """The tables ``texts`` prints, read in ``order``: each after the tables its agreements read.

    A table that tables read after it agree with, and that its layout does not place whole,
    is read again once they are read, bound also by the agreements they state on it (on the
    cells they placed): a misprinted amount that only they pin (the 支出总表's 合计, which
    the 收支总表 repeats) is then read in its cell. Only if that fails too is its placement
    searched for (the slow part of a table that cannot be read), and last, with the amounts
    printed after a row's label on its line kept in that row (a 收支总表 whose class rows
    nothing else binds, its 支出总表 lost, may still say which class an amount is). Such
    tables are read again the latest first, so that each is bound by the best reading of
    the tables after it. When a second reading places more, the tables after it that
    depend on it, directly or not, are read again with its amounts (before, its cells said
    nothing).
    """
    pinned = {table.key for n, table in enumerate(order) if any(o.agreements_with(table.key) for o in order[n + 1:])}
    placed: dict[str, Table] = {}
    for table in order:
        placed[table.key] = reconstruct(texts[table.key], source, placed, profile, search=table.key not in pinned)
    for n in reversed(range(len(order))):
        table = order[n]
        if table.key not in pinned or not left_amounts(placed[table.key]):
            continue
        before = _before(order[:n], placed)
        later = [(other, placed[other.key]) for other in order[n + 1:] if other.agreements_with(table.key)]
        again = reconstruct(texts[table.key], source, before, profile, later)
        # A classified table's rows are its codes: no amount there follows a row's label.
        if left_amounts(again) and table.layout != "classified":
            beside = reconstruct(texts[table.key], source, before, profile, later, after_labels=True)
            again = beside if len(beside.unplaced) < len(again.unplaced) else again
        if len(again.unplaced) >= len(placed[table.key].unplaced):
            continue
        placed[table.key], changed = again, {table.key}
        for m, other in enumerate(order[n + 1:], start=n + 1):
            if changed & set(other.after):
                placed[other.key] = reconstruct(texts[other.key], source, _before(order[:m], placed), profile)
                changed.add(other.key)
    return placed


def _before(order: list[TableProfile], placed: dict[str, Table]) -> dict[str, Table]:
    return {table.key: placed[table.key] for table in order}


def _printed_again(first: Table, again: Table, unit: Unit, where: Location) -> Problem:
    """A table printed a second time: the first copy is kept, the second compared with it.

    An amount of the second copy equal to the first's, in the same row and column, is
    accounted for; one that differs, or has no cell in the first, is listed as unplaced
    with the first copy's value, so that nothing printed is lost without a word.
    """
    kept = {(line.key, column): value for line in first.lines for column, value in line.values.items()}
    differ = [
        Unplaced(str(value), line.location,
                 f"table printed twice: the first copy has {kept[line.key, column]} in row {line.key}, column {column}"
                 if (line.key, column) in kept else
                 f"table printed twice: the first copy has no row {line.key}, column {column}")
        for line in again.lines for column, value in line.values.items() if kept.get((line.key, column)) != value
    ]
    first.tokens += again.tokens
    first.unplaced += again.unplaced + differ
    verdict = (f"{len(differ)} amounts differ and are listed as unplaced" if differ else "the copies agree")
    return Problem(f"unit {unit.code}: table {first.title} ({first.key}) printed twice; {verdict}; "
                   "the first copy is kept", where)


def read_pdf_tables(source: PdfSource, profile: Profile) -> Document:
    """Every unit's tables from a PDF's positioned words: by the template's own titles
    and headers (:mod:`~kg.read.tables.grid`), or, for any other province, by the
    standard tables' vocabulary (:mod:`~kg.read.tables.layout`).

    :raises InputError: no table of the profile is found
    """
    if profile.reader == "layout":
        return read_layout(source, load_vocabulary(profile.id), profile)
    units, problems = read_units(source, profile)
    if not any(u.tables for u in units):
        raise InputError(source.name, f"no budget tables of template {profile.id} found")
    kind = next((k for k, pattern in profile.kinds.items() if any(pattern.search(l.text) for l in source.lines)),
                profile.kind)
    return Document(source.name, source.sha256, profile.id, kind, units, problems)
