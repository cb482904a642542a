"""A validation report as data: findings with positions and messages, per document.

Modelled on frictionless: a :class:`Finding` is a frozen record with a stable code
(the shape id, e.g. ``BK-SUM-PARENT``), a severity, its position (document, unit,
table, page, row, column), the values involved and messages in Chinese and English.
A :class:`Report` holds one :class:`Task` per document; renderers
(:mod:`kg.validate.render`) turn it into text, JSON, Turtle or HTML.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SEVERITIES = ("violation", "warning", "info")


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

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class Task:
    """The validation of one document (or of the cross-document checks of a store)."""

    document: str
    graph: str | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None  #: why the document could not be validated
    triples: int = 0
    shacl: str = ""  #: the W3C SHACL results of this document, as N-Triples

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
