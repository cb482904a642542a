"""Template profiles: what a template's tables look like, loaded from mappings/*.yaml.

Each table states its identities and its agreements with other tables as equations
of the language of :mod:`kg.equations` (``total = basic + project``,
``[class].gpb = gpb_expenditure[class].total``); they are parsed here, once. An entry
may also be ``{rule: "…", check: BK-…}`` to name the shape that reports it.

Validation (:mod:`kg.validate.equations`) checks the same equations; a table's
``checks:`` and ``validate:`` keys are read only there (see ``ontology/shapes/README.md``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from kg.equations import Equation, Term, parse, parse_term
from kg.resources import read_yaml, resource


@dataclass(frozen=True)
class Validation:
    """An equation the validator checks and the parser does not use.

    ``void_if``: cells that, when any is non-zero, make the equation not apply (a rule
    that holds only when all of a unit's money is 一般公共预算拨款, say).
    """

    check: str  # the shape id that reports it, e.g. "BK-BASIC-TOTAL"
    equation: Equation
    void_if: tuple[Term, ...] = ()


@dataclass(frozen=True)
class Side:
    """One side of a labelled table (income on the left, expenditure on the right)."""

    columns: list[str]
    rows: dict[str, str]  # row key -> printed label; "[class]" -> classification
    headers: dict[str, list[re.Pattern]] = field(default_factory=dict)  # PDF: column -> header words


@dataclass(frozen=True)
class TableProfile:
    key: str
    title: str
    layout: str  # "classified" or "labelled"
    columns: list[str]
    classification: str | None = None
    sides: dict[str, Side] = field(default_factory=dict)  # labelled tables only
    identities: list[Equation] = field(default_factory=list)
    agreements: list[Equation] = field(default_factory=list)
    # Hints only order the search ("try this first"); they never decide a placement.
    hints: list[Equation] = field(default_factory=list)
    after: list[str] = field(default_factory=list)
    # Read from positions (PDF profiles): the title as printed, and the header words
    # above each column (classified tables) or above each item (single-row tables).
    match: re.Pattern | None = None
    headers: dict[str, list[re.Pattern]] = field(default_factory=dict)
    cells: dict[str, tuple[str, list[re.Pattern]]] = field(default_factory=dict)  # row key -> (name, header)
    # Validation only: which shape reports a broken identity or agreement of this table
    # ({"identities": id, "agree": id}, or an equation's own text: id), and equations
    # only the validator checks.
    checks: dict[str, str] = field(default_factory=dict)
    validations: list[Validation] = field(default_factory=list)

    def agreements_with(self, key: str) -> list[Equation]:
        """This table's agreements that read the table ``key``."""
        return [equation for equation in self.agreements if any(term.table == key for term in equation.terms)]


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    kind: str
    currency: str
    unit_header: re.Pattern
    year: re.Pattern
    currency_pattern: re.Pattern
    empty_note: re.Pattern
    tables: list[TableProfile]
    source: str = "text"  # "text": copied text, cells placed by arithmetic; "pdf": cells from positions
    kinds: dict[str, re.Pattern] = field(default_factory=dict)  # 单位/部门 -> pattern in the document
    region: re.Pattern | None = None  # where the region is printed, for units without a code
    tables_end: re.Pattern | None = None  # a heading after which no table continues
    code_layout: dict[str, list[int]] = field(default_factory=dict)  # digits per printed code column
    total_label: str = ""  # how the 合计 row of a classified table is labelled (合计)
    # Text profiles: a code printed as one token, per classification; a numbered class
    # row of a summary table (group 1: the name), and the ending of a class name that
    # the code list does not know.
    codes: dict[str, re.Pattern] = field(default_factory=dict)
    class_label: re.Pattern | None = None
    class_name_ending: re.Pattern | None = None
    # "layout": tables recognised from printed titles and headers (mappings/standard.yaml);
    # "template": the profile's own titles and headers.
    reader: str = "template"
    # What may be printed before a table's title and is not part of it (the budget year,
    # "2023年单位预算收入总表"); the document checks read the title as printed.
    title_prefix: re.Pattern | None = None

    def recognises(self, line: str) -> TableProfile | None:
        """The table whose title ``line`` is, if any."""
        text = line.strip()
        for table in self.tables:
            if (table.match.match(text) if table.match else table.title == text):
                return table
        return None

    def table_by_title(self, title: str) -> TableProfile | None:
        if self.title_prefix is not None:
            title = self.title_prefix.sub("", title, count=1)
        return next((t for t in self.tables if t.title == title), None)

    def solving_order(self) -> list[TableProfile]:
        """Tables ordered so that each comes after the tables its agreements read."""
        done: list[TableProfile] = []
        pending = list(self.tables)
        while pending:
            ready = [t for t in pending if all(d in {x.key for x in done} for d in t.after)]
            if not ready:
                raise ValueError(f"profile {self.id}: circular agreements among {[t.key for t in pending]}")
            done += ready
            pending = [t for t in pending if t not in ready]
        return done


def _rule(entry: str | dict, checks: dict[str, str]) -> Equation:
    """An identity or agreement: ``"a = b + c"``, or ``{rule: "a = b + c", check: BK-…}``."""
    if isinstance(entry, str):
        return parse(entry)
    equation = parse(entry["rule"])
    checks[equation.text] = entry["check"]
    return equation


def _validation(entry: dict, absent_rows: str) -> Validation:
    void_if = tuple(parse_term(text) for text in entry.get("void_if", []))
    return Validation(entry["check"], replace(parse(entry["rule"]), absent_rows=absent_rows), void_if)


def load_profile(name_or_path: str | Path) -> Profile:
    """Load a template profile by id (``hebei-county``) or from a YAML file.

    :raises FileNotFoundError: no such profile
    """
    path = Path(name_or_path)
    if not path.suffix:
        path = resource("mappings", f"{name_or_path}.yaml")
    stat = path.stat()
    return _load_profile(path.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _load_profile(path: Path, mtime_ns: int, size: int) -> Profile:
    """A profile parsed once per process (every document of a batch reads the same few),
    again when its file changes."""
    data = read_yaml(path)
    absent = data.get("absent_rows", "zero")
    tables = []
    for t in data["tables"]:
        checks = dict(t.get("checks", {}))
        identities = [replace(_rule(i, checks), absent_rows=absent) for i in t.get("identities", [])]
        agreements = [replace(_rule(a, checks), absent_rows=absent) for a in t.get("agree", [])]
        hints = [parse(h) for h in t.get("hint", [])]
        tables.append(
            TableProfile(
                key=t["key"],
                title=t["title"],
                layout=t.get("layout", "labelled"),
                columns=list(t.get("columns") or _all_columns(t)),
                classification=t.get("classification"),
                sides={k: Side(list(v.get("columns") or v["headers"]), dict(v["rows"]), _headers(v.get("headers", {})))
                       for k, v in (t.get("sides") or {}).items()},
                identities=identities,
                agreements=agreements,
                hints=hints,
                after=sorted({term.table for a in agreements + hints for term in a.terms if term.table}),
                match=_pattern(t.get("match")),
                headers=_headers(t.get("headers", {})),
                cells={row: (c["name"], [re.compile(h) for h in c["header"]]) for row, c in t.get("cells", {}).items()},
                checks=checks,
                validations=[_validation(v, absent) for v in t.get("validate", [])],
            )
        )
    return Profile(
        id=data["id"],
        name=data["name"],
        kind=data["kind"],
        currency=data["currency"],
        unit_header=re.compile(data["unit_header"]),
        year=re.compile(data["year"]),
        currency_pattern=re.compile(data["currency_pattern"]),
        empty_note=re.compile(data["empty_note"]),
        tables=tables,
        source=data.get("source", "text"),
        kinds={k: re.compile(v) for k, v in data.get("kinds", {}).items()},
        region=_pattern(data.get("region")),
        tables_end=_pattern(data.get("tables_end")),
        code_layout={k: list(v) for k, v in data.get("code_layout", {}).items()},
        total_label=data["total_label"],
        codes={k: re.compile(v) for k, v in data.get("codes", {}).items()},
        class_label=_pattern(data.get("class_label")),
        class_name_ending=_pattern(data.get("class_name_ending")),
        reader=data.get("reader", "template"),
        title_prefix=_pattern(data.get("title_prefix")),
    )


def _pattern(text: str | None) -> re.Pattern | None:
    return re.compile(text) if text else None


def _headers(spec: dict[str, list[str]]) -> dict[str, list[re.Pattern]]:
    return {column: [re.compile(h) for h in words] for column, words in spec.items()}


def _all_columns(table: dict) -> list[str]:
    columns: list[str] = []
    for side in (table.get("sides") or {}).values():
        columns += [c for c in side.get("columns") or side["headers"] if c not in columns]
    if "cells" in table:
        columns.append(table["column"])
    return columns or list(table.get("headers", {}))


def available_profiles() -> list[str]:
    """Ids of the template profiles: the files of ``mappings/`` that describe tables."""
    return sorted(p.stem for p in resource("mappings").glob("*.yaml")
                  if re.search(r"^tables:", p.read_text(encoding="utf-8"), re.M))
