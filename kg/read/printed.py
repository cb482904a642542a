"""What a disclosure prints that document checks read: its titles with the years they
name, the phrases no finished disclosure prints (placeholders, template leftovers), and
what its empty-table notes are about.

The reader only records what is printed, where; the shapes of
``ontology/shapes/document.ttl`` decide what is wrong with it. The patterns are data:
``mappings/printed.yaml``.

>>> title_years("冀财社 2022年 150号提前下达 2023年中央就业补助资金")
(2023,)
>>> title_years("2083.68万元"), title_years("2021-2025年规划")
((), ())
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache

from kg.read.source.text import TextSource
from kg.records import Document, Location, PrintedPhrase, PrintedTitle
from kg.resources import read_yaml, resource

__all__ = ["note_subjects", "read_printed", "title_years"]

#: How much of the sentence around a phrase its record keeps, each side.
_CONTEXT = 30


@dataclass(frozen=True)
class _Patterns:
    year: re.Pattern
    not_years: tuple[re.Pattern, ...]
    phrases: tuple[tuple[str, re.Pattern], ...]
    note_subjects: tuple[tuple[str, re.Pattern], ...]


@cache
def _patterns() -> _Patterns:
    data = read_yaml(resource("mappings", "printed.yaml"))
    return _Patterns(
        re.compile(data["year"]),
        tuple(re.compile(p) for p in data["not_years"]),
        tuple((kind, re.compile(p)) for kind, patterns in data["phrases"].items() for p in patterns),
        tuple((kind, re.compile(p)) for kind, p in data["empty_note_subjects"].items()),
    )


def title_years(text: str) -> tuple[int, ...]:
    """The years a printed title names, in printed order: not an amount, a 文号 or a span of years."""
    patterns = _patterns()
    for pattern in patterns.not_years:
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    return tuple(int(m["year"]) for m in patterns.year.finditer(text))


def read_printed(text: TextSource, doc: Document) -> None:
    """Set ``doc.titles`` and ``doc.phrases`` from the document's printed lines, and what
    each table's empty-table note is about (``Table.empty_note_names``).

    :param text: the document's lines (a PDF's as text)
    :param doc: its records, tables and narratives read already
    """
    doc.titles = _titles(text, doc)
    doc.phrases = _phrases(text)
    for table in doc.tables:
        if table.empty_note is not None:
            table.empty_note_names = note_subjects(table.empty_note)


def note_subjects(note: str) -> tuple[str, ...]:
    """The table kinds an empty-table note names by their subject.

    >>> note_subjects("注：无国有资本经营预算财政拨款预算，空表列示。"), note_subjects("此表为空")
    (('soe_expenditure',), ())
    """
    return tuple(kind for kind, pattern in _patterns().note_subjects if pattern.search(note))


def _titles(text: TextSource, doc: Document) -> list[PrintedTitle]:
    """The title of every table read, and the heading of every narrative, each once."""
    by_number = {line.no: line.text for line in text.lines}
    found: dict[tuple[str, int], PrintedTitle] = {}
    for unit in doc.units:
        for table in unit.tables:
            where = Location(doc.source, table.pages[0] if table.pages else 0, table.key)
            title = table.printed_title or table.title
            found.setdefault((title, where.page), PrintedTitle(title, title_years(title), where, unit.code))
        narrative = unit.narrative
        if narrative is not None and narrative.location is not None and narrative.location.line in by_number:
            heading = by_number[narrative.location.line].strip()
            found.setdefault((heading, narrative.location.page),
                             PrintedTitle(heading, title_years(heading), narrative.location, unit.code))
    return list(found.values())


def _phrases(text: TextSource) -> list[PrintedPhrase]:
    """Every placeholder and leftover, in printed order. Lines are joined first: prose
    wraps, and a phrase may cross a line break."""
    parts, starts, length = [], [], 0
    for line in text.lines:
        starts.append(length)
        parts.append(line.text.strip())
        length += len(parts[-1])
    joined = "".join(parts)
    found = []
    for kind, pattern in _patterns().phrases:
        for m in pattern.finditer(joined):
            line = text.lines[bisect_right(starts, m.start()) - 1]
            found.append(PrintedPhrase(kind, m.group(0), _context(joined, m.start(), m.end()),
                                       Location(text.name, line.page, None, line.no)))
    return sorted(found, key=lambda p: (p.location.line or 0, p.kind, p.text))


def _context(joined: str, start: int, end: int) -> str:
    """The phrase with the rest of its sentence, at most :data:`_CONTEXT` characters each side."""
    before = joined[max(0, start - _CONTEXT):start]
    after = joined[end:end + _CONTEXT]
    before = re.split(r"[。；;]", before)[-1]
    after = re.split(r"(?<=[。；;])", after)[0]
    return before + joined[start:end] + after
