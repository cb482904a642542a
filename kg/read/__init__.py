"""Reading a disclosure: from a source file to typed records (no RDF, no store).

The stages are siblings, each a module or package of this one, called in order by
:func:`read_document`:

- :mod:`kg.read.source`: the file's pages and lines (text) or positioned words (PDF);
- :mod:`kg.read.detect` and :mod:`kg.read.profiles`: which template profile it follows;
- :mod:`kg.read.tables`: the standard tables, every number placed in a cell or reported;
- :mod:`kg.read.narrative`: each unit's 情况说明 (duties, stated amounts, assets);
- :mod:`kg.read.goals`: the 绩效目标表 in the narrative's 预算绩效信息 section;
- :mod:`kg.read.legal`: the 文号 the goal tables cite, used by :mod:`kg.read.goals`;
- :mod:`kg.read.printed`: the years the titles name, placeholders and template leftovers.

>>> from kg.resources import sample_path
>>> doc = read_document(sample_path())
>>> [u.code for u in doc.units], doc.placed == doc.tokens
(['323001', '323003'], True)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.read.detect import detect_template
from kg.read.goals import prints_goal_tables, read_projects
from kg.read.narrative import narrated_units, read_narratives, reads_narrative
from kg.read.printed import read_printed
from kg.read.profiles import Profile, available_profiles, load_profile
from kg.read.source.pdf import read_pdf
from kg.read.source.text import read_text
from kg.read.tables import read_pdf_tables, read_text_tables
from kg.read.tables.layout import cover
from kg.read.vocabulary import load_vocabulary
from kg.records import Document, Problem, Unit

__all__ = ["Cover", "read_cover", "read_document"]


def read_document(path: Path, encoding: str = "utf-8", template: str | None = None) -> Document:
    """Read one disclosure: its tables, each unit's narrative and its 绩效目标表.

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
        pdf = read_pdf(path)
        profile = _profile(template, pdf.name, [line.text for line in pdf.lines], "pdf")
        doc = read_pdf_tables(pdf, profile)
        text = pdf.as_text()
    else:
        text = read_text(path, encoding)
        profile = _profile(template, text.name, [line.text for line in text.lines], "text")
        doc = read_text_tables(text, profile)
    goal_sections = {}
    if reads_narrative(profile.id):
        goal_sections = read_narratives(text, doc.units, profile.id)
        doc.problems += _cut_short(narrated_units(doc.units, profile.id))
    if prints_goal_tables(profile.id):
        for unit in doc.units:
            if unit.code in goal_sections:
                unit.projects = read_projects(text.name, goal_sections[unit.code], profile.id)
    read_printed(text, doc)
    return doc


def _cut_short(units: list[Unit]) -> list[Problem]:
    """A unit whose 情况说明, or part of it, is not printed: the file was cut short (or the
    template changed). The document is then incomplete, and says what is missing."""
    problems = []
    for unit in units:
        if unit.narrative is None:
            problems.append(Problem(f"unit {unit.code}: its 情况说明 (narrative) is missing", unit.location))
        elif unit.narrative.missing_sections:
            problems.append(Problem(
                f"unit {unit.code}: its 情况说明 lacks {', '.join(unit.narrative.missing_sections)}"
                " (is the file cut short?)", unit.narrative.location))
    return problems


@dataclass(frozen=True)
class Cover:
    """What a disclosure's cover says: the unit, the budget year and the kind (部门/单位)."""

    unit: str | None
    year: int | None
    kind: str | None


def read_cover(path: Path) -> Cover | None:
    """The cover of a PDF disclosure, also of one that prints no table (the 说明 of a
    disclosure whose 报表 is published as another file); None for a text file.

    :raises InputError: the file cannot be read as a PDF
    """
    path = Path(path)
    if not _is_pdf(path):
        return None
    year, unit, kind = cover(read_pdf(path), load_vocabulary())
    return Cover(unit, year, kind)


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
