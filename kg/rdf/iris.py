"""Deterministic, readable IRIs for everything one document describes.

Instance IRIs hang under a configurable base (default ``https://budget-kg.org/id/``)
and are made only of unit code, year, table key, row key and column key, never of
counters or random ids, so rebuilding a document mints the same IRIs::

    {base}unit/323001
    {base}doc/323001/2023/unit-budget          the disclosure
    {base}graph/323001/2023/unit-budget        its named graph
    {base}graph/version/<32 hex>               an earlier version of a graph (the store's history)
    {base}file/sha256/<64 hex>                 the source file
    {base}table/323001/2023/expenditure
    {base}line/323001/2023/expenditure/2080101
    {base}line/323001/2023/expenditure/2080101/total     one cell
    {base}unit/323001/2023/narrative                     the unit's 情况说明 that year
    {base}unit/323001/2023/duty/5                        its duty （五）
    {base}unit/323001/2023/institution                   its 机构设置 row
    {base}unit/323001/2023/fact/income.total             an amount stated in prose
    {base}unit/323001/2023/glossary                      its 名词解释 (a SKOS scheme)
    {base}unit/323001/2023/glossary/3                    entry 3、
    {base}unit/323001/2023/asset/资产总额 (%-encoded)    a row of the fixed-asset table

Code-list concepts are *terms*, not instance data: they live under the ontology
namespace (``https://budget-kg.org/def/code/function/2023/2080101``) so that the
committed SKOS files do not depend on the base IRI and two deployments with
different bases still share codes.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote, unquote

from pyoxigraph import NamedNode

from kg.rdf.vocab import CODE, DEF
from kg.records import Document

DEFAULT_BASE_IRI = "https://budget-kg.org/id/"

# The two kinds of disclosure the records know; anything else is kept as printed.
_KIND_SLUGS = {"单位": "unit-budget", "部门": "department-budget"}


def normalise_base(base_iri: str) -> str:
    """The base with exactly one trailing ``/`` (or its own ``#``).

    >>> normalise_base("https://example.org/kg")
    'https://example.org/kg/'
    """
    return base_iri if base_iri.endswith(("/", "#")) else base_iri + "/"


@lru_cache(maxsize=65536)  # a document's IRIs repeat their segments (unit, year, table, row)
def segment(text: str) -> str:
    """One path segment: unreserved characters kept, everything else %-encoded.

    >>> segment("income.gpb"), segment("a b/c")
    ('income.gpb', 'a%20b%2Fc')
    """
    return quote(str(text), safe="-._~")


def _iri(base: str, *parts: object) -> NamedNode:
    return NamedNode(normalise_base(base) + "/".join(segment(str(p)) for p in parts))


def unit(base: str, code: str) -> NamedNode:
    """A budget unit across years: ``{base}unit/323001``."""
    return _iri(base, "unit", code)


def _document_key(doc: Document) -> tuple[object, ...]:
    # A disclosure is named by its first unit (the 本级 or department head), year
    # and kind, not by the file hash: a corrected re-publication of the same
    # disclosure then replaces the old graph instead of leaving its stale lines
    # beside the new ones (line IRIs carry no hash either).
    if not doc.units:
        return ("file", doc.sha256.lower()[:16])
    first = doc.units[0]
    return (first.code, first.year, _KIND_SLUGS.get(doc.kind, doc.kind))


def document(base: str, doc: Document) -> NamedNode:
    """The disclosure: ``{base}doc/323001/2023/unit-budget``."""
    return _iri(base, "doc", *_document_key(doc))


def graph(base: str, doc: Document) -> NamedNode:
    """The named graph holding everything read from the document: ``{base}graph/…``."""
    return _iri(base, "graph", *_document_key(doc))


def graph_version(base: str, digest: str) -> NamedNode:
    """An earlier version of a document graph, in the store's history: ``{base}graph/version/<hex>``."""
    return _iri(base, "graph", "version", digest)


def source_file(base: str, sha256: str) -> NamedNode:
    """The source file, by content: ``{base}file/sha256/<hex>``."""
    return _iri(base, "file", "sha256", sha256.lower())


def table(base: str, unit_code: str, year: int, key: str) -> NamedNode:
    """One table of one unit and year: ``{base}table/323001/2023/expenditure``."""
    return _iri(base, "table", unit_code, year, key)


def line(base: str, unit_code: str, year: int, table_key: str, line_key: str) -> NamedNode:
    """One row: ``{base}line/323001/2023/expenditure/2080101``."""
    return _iri(base, "line", unit_code, year, table_key, line_key)


def cell(line_iri: NamedNode, column: str) -> NamedNode:
    """One cell of a row: the line IRI plus the column key."""
    return NamedNode(cell_iri(line_iri.value, column))


def cell_iri(line_iri: str, column: str) -> str:
    """:func:`cell`'s IRI as text, of a line IRI as text."""
    return line_iri + "/" + segment(column)


def cell_parts(cell_iri: str) -> tuple[str, str]:
    """The line IRI and the column key of a cell's IRI (:func:`cell`).

    >>> cell_parts("https://budget-kg.org/id/line/323001/2023/expenditure/2080101/basic")
    ('https://budget-kg.org/id/line/323001/2023/expenditure/2080101', 'basic')
    """
    line, column = cell_iri.rsplit("/", 1)
    return line, unquote(column)


def identity_break(cell_iri: NamedNode, kind: str) -> NamedNode:
    """An identity the printed numbers break, at its cell: ``…/2080101/total/break/row-sum``."""
    return NamedNode(cell_iri.value + "/break/" + segment(kind))


def unplaced(table_iri: NamedNode, index: int) -> NamedNode:
    """The n-th (1-based, in parser order) unplaced token of a table."""
    return NamedNode(f"{table_iri.value}/unplaced/{index}")


def problem(document_iri: NamedNode, index: int) -> NamedNode:
    """The n-th (1-based, in parser order) problem of a document."""
    return NamedNode(f"{document_iri.value}/problem/{index}")


def printed_title(document_iri: NamedNode, index: int) -> NamedNode:
    """The n-th (1-based, in reading order) title a document prints."""
    return NamedNode(f"{document_iri.value}/title/{index}")


def printed_phrase(document_iri: NamedNode, index: int) -> NamedNode:
    """The n-th (1-based, in printed order) placeholder or template leftover of a document."""
    return NamedNode(f"{document_iri.value}/phrase/{index}")


def goal_table_project(document_iri: NamedNode, index: int) -> NamedNode:
    """The n-th (1-based, in printed order) project a PDF's 绩效目标表 name with their funds."""
    return NamedNode(f"{document_iri.value}/goal-table-project/{index}")


def narrative(base: str, unit_code: str, year: int) -> NamedNode:
    """One unit's narrative of one year: ``{base}unit/323001/2023/narrative``."""
    return _iri(base, "unit", unit_code, year, "narrative")


def duty(base: str, unit_code: str, year: int, number: int) -> NamedNode:
    """A numbered duty: ``{base}unit/323001/2023/duty/5``."""
    return _iri(base, "unit", unit_code, year, "duty", number)


def institution(base: str, unit_code: str, year: int) -> NamedNode:
    """The 机构设置 row of a unit and year: ``{base}unit/323001/2023/institution``."""
    return _iri(base, "unit", unit_code, year, "institution")


def fact(base: str, unit_code: str, year: int, key: str) -> NamedNode:
    """An amount the narrative states: ``{base}unit/323001/2023/fact/income.total``."""
    return _iri(base, "unit", unit_code, year, "fact", key)


def glossary(base: str, unit_code: str, year: int) -> NamedNode:
    """The 名词解释 of a unit's narrative: ``{base}unit/323001/2023/glossary``."""
    return _iri(base, "unit", unit_code, year, "glossary")


def glossary_term(glossary_iri: NamedNode, number: object) -> NamedNode:
    """The entry numbered ``number`` of a glossary: ``…/glossary/3``."""
    return NamedNode(f"{glossary_iri.value}/{segment(str(number))}")


def asset_row(base: str, unit_code: str, year: int, item: str) -> NamedNode:
    """A row of the fixed-asset table, by its printed item: ``{base}unit/323001/2023/asset/…``."""
    return _iri(base, "unit", unit_code, year, "asset", item)


def narrative_problem(narrative_iri: NamedNode, index: int) -> NamedNode:
    """The n-th (1-based, in reader order) problem of a narrative."""
    return NamedNode(f"{narrative_iri.value}/problem/{index}")


def project(base: str, unit_code: str, year: int, number: int) -> NamedNode:
    """One project (绩效目标表) of a unit: ``{base}unit/323001/2023/project/3``."""
    return _iri(base, "unit", unit_code, year, "project", number)


def goal(project_iri: NamedNode, number: int) -> NamedNode:
    """The n-th goal of a project."""
    return NamedNode(f"{project_iri.value}/goal/{number}")


def indicator(project_iri: NamedNode, index: int) -> NamedNode:
    """The n-th (1-based, printed order) indicator row of a project."""
    return NamedNode(f"{project_iri.value}/indicator/{index}")


def legal_document(base: str, canonical: str) -> NamedNode:
    """A cited document, by canonical 文号: ``{base}legal/冀财规〔2018〕21号`` (percent-encoded).

    Shared by every graph that cites it, so citations meet across documents.
    """
    return _iri(base, "legal", canonical)


def citations(base: str, unit_code: str, year: int, canonical: str) -> NamedNode:
    """How often a unit's indicators of one year cite a legal document:
    ``{base}unit/323001/2023/cites/冀财规〔2018〕21号`` (percent-encoded)."""
    return _iri(base, "unit", unit_code, year, "cites", canonical)


def basis_concept(key: str) -> NamedNode:
    """A non-legal basis (``mappings/basis-concepts.yaml``): ``bk:basis/survey``."""
    return NamedNode(f"{DEF}basis/{segment(key)}")


def code_scheme(classification: str, year: int) -> NamedNode:
    """A code list: ``https://budget-kg.org/def/code/function/2023``."""
    return CODE[f"{segment(classification)}/{year}"]


def code_concept(classification: str, year: int, code: str) -> NamedNode:
    """A code: ``https://budget-kg.org/def/code/function/2023/2080101``."""
    return CODE[f"{segment(classification)}/{year}/{segment(code)}"]
