"""A validation report as data: findings with positions and messages, per document.

Modelled on frictionless: a :class:`Finding` is a frozen record with a stable code
(the shape id, e.g. ``BK-SUM-PARENT``), a severity, its position (document, unit,
table, page, row, column), the values involved and messages in Chinese and English.
Findings that one misprinted cell explains share a :class:`Cause` (:mod:`kg.validate.causes`).
A :class:`Report` holds one :class:`Task` per document; renderers
(:mod:`kg.validate.render`) turn it into text, JSON, Turtle or HTML.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("violation", "warning", "info")


@dataclass(frozen=True)
class Term:
    """One cell of a broken identity: ``coef`` is +1 on its left side, -1 on its right."""

    cell: str  #: the cell's IRI
    coef: int
    amount: str  #: as printed


@dataclass(frozen=True)
class Finding:
    """One thing a shape (or a cross-document query) found, where, and what to check."""

    code: str  #: the shape id, e.g. ``BK-SUM-PARENT``; never changes
    severity: str  #: ``violation``, ``warning`` or ``info``
    document: str  #: the source file name (or graph IRI when it has none)
    message: str  #: English, says what to check
    message_zh: str  #: the same in Chinese
    unit: str | None = None  #: six-digit unit code
    table: str | None = None  #: table key (``expenditure``), ``narrative`` or ``performance``
    page: int | None = None
    row: str | None = None  #: row key or code (``2080101``, ``income.gpb``, a fact key)
    column: str | None = None
    values: dict[str, str] = field(default_factory=dict)  #: the amounts and names in the message
    node: str | None = None  #: IRI of the offending cell, row, fact or table
    id: str | None = None  #: ``F1``, ``F2``… in the order of its document's findings
    cause: str | None = None  #: the id of the :class:`Cause` that explains it, if one does
    terms: tuple[Term, ...] = ()  #: an arithmetic finding's identity, cell by cell

    def to_dict(self) -> dict[str, object]:
        """Plain JSON data: what ``json.loads`` of the JSON report gives back (lists, not tuples)."""
        return {**asdict(self), "terms": [asdict(t) for t in self.terms]}


@dataclass(frozen=True)
class CauseCell:
    """A cell of a cause: where it is, what it prints and what would satisfy its identities."""

    node: str  #: the cell's IRI
    unit: str | None
    table: str | None
    page: int | None
    row: str | None  #: row key or code
    row_label: str | None  #: the row as printed (“2080101 行政运行”)
    column: str | None
    printed: str  #: as printed; empty for a cell printed blank (an amount left out)
    needed: str


@dataclass(frozen=True)
class Cause:
    """The most likely misprint behind several findings: one cell (or the cells of one row
    that carry the same error) which, changed by ``delta``, repairs every finding listed
    and breaks no identity that holds."""

    id: str  #: ``C1``, ``C2``… within its document, the one explaining the most first
    cells: tuple[CauseCell, ...]
    delta: str  #: what to add to each printed amount
    findings: tuple[str, ...]  #: the ids of the findings it explains
    #: those of ``findings`` it explains only together with the other causes they name
    together: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        first = self.cells[0]  # the cells of a cause are on one row
        cells = ", ".join(f"{c.column} {f'prints {c.printed}' if c.printed else 'is blank'} "
                          f"({c.needed} would satisfy them)" for c in self.cells)
        jointly = f" ({len(self.together)} of them together with another misprint)" if self.together else ""
        return (f"Most likely misprint, explains {len(self.findings)} findings{jointly}: {first.unit} {first.table} "
                f"p.{first.page}, row “{first.row_label}”: {cells}.")

    @property
    def message_zh(self) -> str:
        first = self.cells[0]
        cells = "，".join(f"{c.column} 列{f'印为 {c.printed}' if c.printed else '为空'}（若为 {c.needed} 则以下各项均成立）"
                         for c in self.cells)
        jointly = f"（其中 {len(self.together)} 项需与另一处误印合并解释）" if self.together else ""
        return (f"最可能的误印，可解释以下 {len(self.findings)} 项{jointly}：{first.unit} {first.table} 第 {first.page} 页"
                f"“{first.row_label}”行，{cells}。")

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "cells": [asdict(c) for c in self.cells], "findings": list(self.findings),
                "together": list(self.together)}


@dataclass
class Task:
    """The validation of one document (or of the cross-document checks of a store)."""

    document: str
    graph: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  #: why the document could not be validated
    triples: int = 0
    shacl: str = ""  #: the W3C SHACL results of this document, as N-Triples
    causes: list[Cause] = field(default_factory=list)

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def to_dict(self) -> dict[str, object]:
        return {
            "document": self.document,
            "graph": self.graph,
            "error": self.error,
            "triples": self.triples,
            "findings": [f.to_dict() for f in self.findings],
            "causes": [c.to_dict() for c in self.causes],
        }


@dataclass
class Report:
    """All tasks of one ``kg validate`` run."""

    tasks: list[Task] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for t in self.tasks for f in t.findings]

    @property
    def errors(self) -> list[Task]:
        return [t for t in self.tasks if t.error]

    @property
    def valid(self) -> bool:
        """True when no document failed and nothing is a violation (warnings allowed)."""
        return not self.errors and not any(f.severity == "violation" for f in self.findings)

    @property
    def stats(self) -> dict[str, int]:
        findings = self.findings
        return {
            "documents": len([t for t in self.tasks if t.graph is not None or t.error]),
            "failed": len(self.errors),
            "violations": sum(f.severity == "violation" for f in findings),
            "warnings": sum(f.severity == "warning" for f in findings),
            "infos": sum(f.severity == "info" for f in findings),
        }

    def flatten(self, fields: list[str]) -> list[list[object]]:
        """Compact rows for tests: ``report.flatten(["code", "table", "row"])``."""
        return [[getattr(f, name) for name in fields] for f in self.findings]

    def to_dict(self) -> dict[str, object]:
        return {"valid": self.valid, "stats": self.stats, "tasks": [t.to_dict() for t in self.tasks]}
