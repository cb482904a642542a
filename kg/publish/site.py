"""Render the site: one page per resource, the charts, the ontology and the index pages.

:func:`write_site` takes the indexed graph (:class:`kg.publish.index.Index`) and writes,
for every IRI of the site, ``index.html`` plus its Turtle and JSON-LD twins. Templates
are files in ``kg/publish/templates/`` (Jinja2 with autoescaping on: every literal comes
from a third-party document and is escaped; JSON-LD in a ``<script>`` goes through
``tojson``, which escapes ``<``, ``>`` and ``&``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import jinja2
import pyoxigraph as ox
from markupsafe import Markup, escape

from kg.publish import jsonld
from kg.publish.charts import Bar, Category, Chart
from kg.publish.index import BK, LABEL_PROPERTIES, RDF_TYPE, SKOS, Index
from kg.publish.paths import SiteMap, fragment_href, href
from kg.rdf import vocab
from kg.store import prefixes

__all__ = ["Site", "environment"]

ORG = vocab.ORG.prefix
OWL = vocab.OWL.prefix
RDFS = vocab.RDFS.prefix
QB = vocab.QB.prefix
PROV = vocab.PROV.prefix
COLUMN = BK + "column/"

#: Incoming links listed per property on a page; the rest are counted (the full list is in the dumps).
INCOMING_LIMIT = 200

SERIES_LABELS = {"basic": "基本支出", "project": "项目支出", "personnel": "人员经费", "public": "公用经费", "total": "合计"}


def environment() -> jinja2.Environment:
    """The Jinja2 environment of the site's templates: autoescape on for HTML and SVG.

    ``a(link)`` is a global of every template: a link, its text alone when it leads nowhere,
    a dash for none. It is the most called piece of markup (tens per page), a Jinja macro
    call costs many times a Python one.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(Path(__file__).parent / "templates")),
        autoescape=jinja2.select_autoescape(["html", "svg", "xml"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        auto_reload=False,  # the templates do not change while a site is written: no stat per page
    )
    env.globals["a"] = anchor
    return env


def anchor(link: Link | None) -> Markup:
    """``<a href="…">text</a>``, every part escaped.

    >>> anchor(Link("<b>", "x/index.html", "")), anchor(Link("t", None, "")), anchor(None)
    (Markup('<a href="x/index.html">&lt;b&gt;</a>'), Markup('t'), Markup('—'))
    """
    if link is None:
        return Markup("—")
    if link.href:
        # Concatenated, not Markup.format, which goes through string.Formatter (several times slower).
        return Markup(f'<a href="{escape(link.href)}">{escape(link.text)}</a>')
    return escape(link.text)


@dataclass
class Link:
    text: str
    href: str | None
    iri: str


@dataclass
class Value:
    text: str
    link: Link | None = None
    language: str | None = None
    datatype: str | None = None
    unit: str | None = None


@dataclass
class Site:
    """Everything needed to render pages, and the helpers templates call."""

    index: Index
    sitemap: SiteMap
    out: Path
    chart_rows: dict[str, list[dict[str, str]]]
    endpoint: str | None = None
    pages: set[str] = field(default_factory=set)  #: folders that get a page
    files: set[str] = field(default_factory=set)  #: published files (dumps) that IRIs may name
    _labels: dict[str, str] = field(default_factory=dict)
    _by_unit: dict[str, dict[str, list[dict[str, str]]]] = field(default_factory=dict)

    # -- naming ---------------------------------------------------------------------

    def label(self, iri: str) -> str:
        """The name a reader sees: Chinese label first; lines as code + printed name."""
        if iri not in self._labels:
            self._labels[iri] = self._label(iri)
        return self._labels[iri]

    def _label(self, iri: str) -> str:
        index = self.index
        code, name = index.value(iri, BK + "code"), index.value(iri, BK + "printedName")
        if isinstance(code, ox.Literal) and isinstance(name, ox.Literal):
            return f"{code.value} {name.value}"
        for predicate in LABEL_PROPERTIES:
            found = index.value(iri, predicate)
            if isinstance(found, ox.Literal):
                return found.value
        column = index.value(iri, BK + "column")
        owners = index.subjects(BK + "cell", iri)
        if column is not None and owners:
            return f"{self.label(owners[0])} · {self.label(column.value)}"
        number = index.value(iri, BK + "number")
        for parent, predicate in ((BK + "duty", "职责"), (BK + "goal", "目标")):
            if number is not None and index.subjects(parent, iri):
                return f"{predicate} {number.value}"
        if iri.startswith(self.sitemap.base):
            return iri[len(self.sitemap.base):]
        return _curie(iri)

    def link(self, iri: str, here: str, text: str | None = None) -> Link:
        folder = self.sitemap.folder(iri)
        if folder in self.files:
            directory, _, name = folder.rpartition("/")
            return Link(text if text is not None else name, href(here, directory, name), iri)
        anchor = self.sitemap.anchor(iri)
        if anchor is not None:  # a cell: an anchor of its line's page
            page = self.sitemap.folder(anchor[0])
            target = fragment_href(here, page, anchor[1]) if page in self.pages else None
        else:
            target = href(here, folder) if folder is not None and folder in self.pages else None
        if target is None and folder is None:
            target = iri  # another vocabulary's term: its own IRI
        return Link(text if text is not None else self.label(iri), target, iri)

    def value(self, subject: str, predicate: str, term: object, here: str) -> Value:
        if isinstance(term, ox.Literal):
            datatype = term.datatype.value.rsplit("#", 1)[-1] if not term.language else None
            return Value(term.value, None, term.language, datatype, self.unit_of(subject, predicate))
        if isinstance(term, ox.BlankNode):
            return Value(f"_:{term.value}")
        return Value(self.label(term.value), self.link(term.value, here))

    def unit_of(self, subject: str, predicate: str) -> str | None:
        """The unit an amount is printed in (万元, 元) or an indicator's unit of measure."""
        index = self.index
        if predicate == BK + "amountYuan":
            return "元"
        if predicate in (BK + "amount", BK + "expected", BK + "actual"):
            for holder in self._holders(subject):
                for key in ("printedCurrencyUnit", "printedUnit"):
                    found = index.value(holder, BK + key)
                    if isinstance(found, ox.Literal):
                        return found.value
        if predicate == BK + "targetValue":
            measure = index.value(subject, BK + "measureUnit")
            if measure is not None:
                return self.label(measure.value)
            printed = index.value(subject, BK + "printedMeasureUnit")
            return printed.value if printed is not None else None
        return None

    def _holders(self, iri: str) -> Iterable[str]:
        """``iri`` and what it belongs to (cell → table, break → cell → table), nearest first."""
        yield iri
        for predicate in (QB + "dataSet", BK + "table", BK + "atCell"):
            parent = self.index.value(iri, predicate)
            if isinstance(parent, ox.NamedNode):
                yield from self._holders(parent.value)

    # -- provenance -----------------------------------------------------------------

    def provenance(self, iri: str, here: str) -> list[dict[str, object]]:
        index, found = self.index, []
        pages = self._pages(iri)
        for graph in index.graphs_of(iri):
            document = index.value(graph, BK + "describes")
            source = index.value(graph, PROV + "wasDerivedFrom") or (
                index.value(document.value, PROV + "wasDerivedFrom") if document is not None else None
            )
            file_name = index.value(source.value, BK + "fileName") if source is not None else None
            found.append(
                {
                    "graph": self.link(graph, here),
                    "document": self.link(document.value, here) if document is not None else None,
                    "source": self.link(source.value, here, file_name.value if file_name else None)
                    if source is not None
                    else None,
                    "pages": pages,
                }
            )
        return found

    def _pages(self, iri: str) -> list[str]:
        index = self.index
        for holder in [iri, *index.subjects(BK + "cell", iri)]:
            pages = index.values(holder, BK + "page")
            if pages:
                return sorted((p.value for p in pages), key=int)
        return []

    # -- pages ----------------------------------------------------------------------

    def resource_page(self, iri: str, fragments: Iterable[str] = ()) -> dict[str, object]:
        """What ``resource.html`` shows about ``iri``, and about the IRIs its page holds as ``fragments``."""
        here = self.sitemap.folder(iri) or ""
        fragments = list(fragments)
        page = self._description(iri, here)
        page["fragments"] = [{**self._description(f, here), "anchor": self.sitemap.anchor(f)[1]} for f in fragments]
        page["triples"] = self.index.triples_about(iri, *fragments)
        page["jsonld"] = jsonld.graph_document(page["triples"], prefixes())
        types = self.index.types(iri)
        for kind, extend in self._kinds().items():
            if kind in types:
                extend(iri, here, page)
        return page

    def _description(self, iri: str, here: str) -> dict[str, object]:
        """One resource's title, types, properties, incoming links and provenance, linked from ``here``."""
        index = self.index
        grouped: dict[str, list[Value]] = defaultdict(list)
        for statement in index.out.get(iri, ()):
            if statement.predicate != RDF_TYPE:
                grouped[statement.predicate].append(self.value(iri, statement.predicate, statement.other, here))
        properties = [
            {"predicate": self.link(p, here), "objects": _unique(grouped[p])} for p in sorted(grouped, key=self.label)
        ]
        incoming: dict[str, set[str]] = defaultdict(set)
        for statement in index.inc.get(iri, ()):
            if statement.predicate != RDF_TYPE and isinstance(statement.other, ox.NamedNode):
                incoming[statement.predicate].add(statement.other.value)
        referenced = []
        for predicate in sorted(incoming, key=self.label):
            subjects = sorted(incoming[predicate], key=lambda s: (self.label(s), s))
            referenced.append(
                {
                    "predicate": self.link(predicate, here),
                    "subjects": [self.link(s, here) for s in subjects[:INCOMING_LIMIT]],
                    "more": max(0, len(subjects) - INCOMING_LIMIT),
                }
            )
        types = index.types(iri)
        return {
            "iri": iri,
            "folder": here,
            "title": self.label(iri),
            "types": [self.link(t, here) for t in types],
            "properties": properties,
            "referenced": referenced,
            "provenance": self.provenance(iri, here),
            "charts": [],
            "sections": [],
        }

    def _kinds(self) -> dict[str, Callable[[str, str, dict[str, object]], None]]:
        return {
            BK + "BudgetUnit": self._unit,
            BK + "BudgetTable": self._table,
            BK + "Project": self._project,
            BK + "LegalDocument": self._legal,
        }

    def _unit(self, iri: str, here: str, page: dict[str, object]) -> None:
        page["charts"].extend(self.unit_charts(iri, here))
        tables = self.index.subjects(BK + "unit", iri)
        page["sections"].append(
            {
                "title": "预算表 Tables",
                "links": [self.link(t, here) for t in tables if self.index.has_type(t, BK + "BudgetTable")],
            }
        )
        projects = [p for p in tables if self.index.has_type(p, BK + "Project")]
        projects.sort(key=lambda p: int(self.index.value(p, BK + "projectNumber").value))
        page["projects"] = [self._project_summary(p, here) for p in projects]

    def _project_summary(self, project: str, here: str) -> dict[str, object]:
        indicators = self.index.subjects(BK + "project", project)
        indicators.sort(key=lambda i: int(i.rsplit("/", 1)[-1]) if i.rsplit("/", 1)[-1].isdigit() else 0)
        rows = []
        for indicator in indicators:
            basis = self.index.value(indicator, BK + "basis")
            value = self.index.value(indicator, BK + "printedValue")
            rows.append(
                {
                    "indicator": self.link(indicator, here),
                    "level2": self.link(self.index.value(indicator, BK + "level2").value, here)
                    if self.index.value(indicator, BK + "level2") is not None
                    else None,
                    "value": value.value if value is not None else "",
                    "basis": self.link(basis.value, here) if basis is not None else None,
                }
            )
        return {"project": self.link(project, here), "indicators": rows}

    def _project(self, iri: str, here: str, page: dict[str, object]) -> None:
        page["projects"] = [self._project_summary(iri, here)]

    def _table(self, iri: str, here: str, page: dict[str, object]) -> None:
        index = self.index
        lines = index.subjects(BK + "table", iri)
        columns = sorted({index.value(c.value, BK + "column").value for line in lines for c in index.values(line, BK + "cell")
                          if index.value(c.value, BK + "column") is not None}, key=_column_order(index, iri))
        rows = []
        for line in sorted(lines, key=lambda l: _line_order(index, l)):
            cells = {index.value(c.value, BK + "column").value: c.value for c in index.values(line, BK + "cell")}
            rows.append(
                {
                    "line": self.link(line, here),
                    "cells": [
                        self.link(cells[c], here, _printed(index, cells[c])) if c in cells else None for c in columns
                    ],
                }
            )
        currency = index.value(iri, BK + "printedCurrencyUnit")
        page["grid"] = {
            "columns": [self.link(c, here) for c in columns],
            "rows": rows,
            "unit": currency.value if currency is not None else "",
        }

    def _legal(self, iri: str, here: str, page: dict[str, object]) -> None:
        index = self.index
        by_unit: dict[str, list[str]] = defaultdict(list)
        for indicator in index.subjects(BK + "basis", iri):
            project = index.value(indicator, BK + "project")
            unit = index.value(project.value, BK + "unit") if project is not None else None
            by_unit[unit.value if unit is not None else ""].append(indicator)
        funded = index.subjects(BK + "fundingDocument", iri)
        page["citations"] = [
            {
                "unit": self.link(unit, here) if unit else None,
                "indicators": [
                    {"indicator": self.link(i, here), "project": self.link(index.value(i, BK + "project").value, here)}
                    for i in sorted(by_unit[unit], key=_natural)
                ],
            }
            for unit in sorted(by_unit)
        ]
        page["funded"] = [self.link(p, here) for p in funded]
        chart = Chart("citations", "引用该文件的绩效指标数（按单位） Indicators citing this document, by unit", "个", ["指标"])
        for unit in sorted(by_unit):
            count = len(by_unit[unit])
            chart.categories.append(
                Category(self.label(unit) if unit else "?", [Bar("指标", Decimal(count), str(count))],
                         self.link(unit, here).href if unit else None)
            )
        page["charts"].append(chart)

    # -- charts ---------------------------------------------------------------------

    def unit_charts(self, unit: str, here: str) -> list[Chart]:
        """By function class, basic vs project, personnel vs public: one unit's charts."""
        rows = self._rows_of("unit-function-classes", unit)
        currency = rows[0]["currency"] if rows else ""
        by_class = Chart("function-classes", "按功能分类（类）的支出 Expenditure by function class", currency,
                         ["基本支出", "项目支出", "合计"])
        lines: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in rows:
            lines[row["line"]].append(row)
        for line, cells in sorted(lines.items(), key=lambda item: item[1][0]["code"]):
            bars = [
                Bar(SERIES_LABELS[c["column"][len(COLUMN):]], Decimal(c["amount"]), c["printed"])
                for c in sorted(cells, key=lambda c: ["basic", "project", "total"].index(c["column"][len(COLUMN):])
                                if c["column"][len(COLUMN):] in ("basic", "project", "total") else 9)
                if c["column"][len(COLUMN):] in ("basic", "project", "total")
            ]
            by_class.categories.append(
                Category(f"{cells[0]['code']} {cells[0]['name']}", bars, self.link(line, here).href)
            )
        totals = self._rows_of("unit-totals", unit)
        charts = [by_class]
        for table_key, columns, chart_id, title in (
            ("expenditure", ("basic", "project"), "basic-project", "基本支出与项目支出 Basic vs project expenditure"),
            ("gpb_basic_economic", ("personnel", "public"), "personnel-public",
             "人员经费与公用经费 Personnel vs public (一般公共预算基本支出)"),
        ):
            chart = Chart(chart_id, title, currency, [SERIES_LABELS[c] for c in columns])
            for column in columns:
                for row in totals:
                    if row["table_key"] == table_key and row["column"] == COLUMN + column:
                        chart.categories.append(
                            Category(SERIES_LABELS[column],
                                     [Bar(SERIES_LABELS[column], Decimal(row["amount"]), row["printed"])],
                                     self.link(row["line"], here).href)
                        )
            charts.append(chart)
        return [c for c in charts if c.categories]

    def _rows_of(self, query: str, unit: str) -> list[dict[str, str]]:
        """The rows of a chart query about ``unit``, in the query's order (grouped once: a scan per unit
        page would grow with units × rows)."""
        if query not in self._by_unit:
            grouped: dict[str, list[dict[str, str]]] = defaultdict(list)
            for row in self.chart_rows[query]:
                grouped[row["unit"]].append(row)
            self._by_unit[query] = grouped
        return self._by_unit[query].get(unit, [])

    def comparison(self, here: str) -> dict[str, object]:
        """The cross-unit page: every unit's totals side by side, charted and tabled."""
        units: dict[str, dict[str, object]] = {}
        for row in self.chart_rows["unit-totals"]:
            entry = units.setdefault(row["unit"], {"unit": self.link(row["unit"], here), "code": row["code"],
                                                    "currency": row["currency"], "values": {}})
            entry["values"][(row["table_key"], row["column"][len(COLUMN):])] = row
        ordered = [units[u] for u in sorted(units, key=lambda u: units[u]["code"])]
        currency = ordered[0]["currency"] if ordered else ""
        charts = []
        for table_key, columns, chart_id, title in (
            ("expenditure", ("basic", "project"), "compare-basic-project", "各单位基本支出与项目支出 Basic vs project, by unit"),
            ("gpb_basic_economic", ("personnel", "public"), "compare-personnel-public",
             "各单位人员经费与公用经费 Personnel vs public, by unit"),
        ):
            chart = Chart(chart_id, title, currency, [SERIES_LABELS[c] for c in columns])
            for entry in ordered:
                bars = [
                    Bar(SERIES_LABELS[c], Decimal(entry["values"][(table_key, c)]["amount"]),
                        entry["values"][(table_key, c)]["printed"])
                    for c in columns
                    if (table_key, c) in entry["values"]
                ]
                if bars:
                    chart.categories.append(Category(entry["unit"].text, bars, entry["unit"].href))
            charts.append(chart)
        by_class = Chart("compare-function-classes", "各单位按功能分类（类）的支出合计 Total by function class, by unit",
                         currency, [u["unit"].text for u in ordered])
        classes: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
        for row in self.chart_rows["unit-function-classes"]:
            if row["column"] == COLUMN + "total":
                classes[f"{row['code']} {row['name']}"][row["unit"]] = row
        for name in sorted(classes):
            bars = [Bar(self.label(u), Decimal(r["amount"]), r["printed"]) for u, r in sorted(classes[name].items())]
            by_class.categories.append(Category(name, bars))
        charts.append(by_class)
        columns = [("expenditure", "total"), ("expenditure", "basic"), ("expenditure", "project"),
                   ("gpb_basic_economic", "personnel"), ("gpb_basic_economic", "public")]
        table = [
            {
                "unit": entry["unit"],
                "code": entry["code"],
                "cells": [
                    self.link(entry["values"][k]["line"], here, entry["values"][k]["printed"]) if k in entry["values"]
                    else None
                    for k in columns
                ],
            }
            for entry in ordered
        ]
        return {"charts": [c for c in charts if c.categories], "table": table, "currency": currency,
                "columns": [SERIES_LABELS[c] for _, c in columns]}

    def citations(self, here: str) -> dict[str, object]:
        """The legal-document page: how often each 文号 is cited, per unit."""
        rows = self.chart_rows["legal-citations"]
        totals: dict[str, dict[str, object]] = {}
        for row in rows:
            entry = totals.setdefault(row["legal"], {"legal": self.link(row["legal"], here, row["number"]),
                                                     "indicators": 0, "projects": 0, "units": []})
            entry["indicators"] += int(row["indicators"])
            entry["projects"] += int(row["projects"])
            entry["units"].append(self.link(row["unit"], here))
        ordered = sorted(totals.values(), key=lambda e: (-e["indicators"] - e["projects"], e["legal"].text))
        chart = Chart("legal-citations", "法规文件被引用次数 Citations of each legal document", "次", ["绩效指标", "项目"])
        for entry in ordered:
            chart.categories.append(
                Category(entry["legal"].text,
                         [Bar("绩效指标", Decimal(entry["indicators"]), str(entry["indicators"])),
                          Bar("项目", Decimal(entry["projects"]), str(entry["projects"]))],
                         entry["legal"].href)
            )
        return {"charts": [chart] if ordered else [], "rows": ordered}

    def ontology(self, here: str) -> dict[str, object]:
        """Classes, properties and concept schemes of the vocabulary, for ``ontology.html``."""
        index = self.index

        def terms(*classes: str) -> list[dict[str, object]]:
            found = sorted({s for c in classes for s in index.subjects(RDF_TYPE, c)})
            return [
                {
                    "term": self.link(t, here, _curie(t)),
                    "zh": _literal(index, t, RDFS + "label", "zh") or _literal(index, t, SKOS + "prefLabel", "zh"),
                    "en": _literal(index, t, RDFS + "label", "en") or _literal(index, t, SKOS + "prefLabel", "en"),
                    "comment": _literal(index, t, RDFS + "comment", "en") or _literal(index, t, SKOS + "definition", "en"),
                }
                for t in found
                if self.sitemap.folder(t) is not None
            ]

        schemes = []
        for scheme in sorted(set(index.subjects(RDF_TYPE, SKOS + "ConceptScheme"))):
            if self.sitemap.folder(scheme) is None:
                continue
            concepts = sorted(index.subjects(SKOS + "inScheme", scheme), key=lambda c: (_notation(index, c), c))
            schemes.append(
                {
                    "scheme": self.link(scheme, here),
                    "concepts": [
                        {"link": self.link(c, here), "notation": _notation(index, c),
                         "en": _literal(index, c, SKOS + "prefLabel", "en")}
                        for c in concepts
                    ],
                }
            )
        return {
            "classes": terms(OWL + "Class", RDFS + "Class"),
            "properties": terms(OWL + "ObjectProperty", OWL + "DatatypeProperty", "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property"),
            "schemes": schemes,
        }


def _unique(values: list[Value]) -> list[Value]:
    seen: dict[tuple[str, str | None, str | None], Value] = {}
    for value in values:
        seen.setdefault((value.text, value.link.iri if value.link else None, value.language), value)
    return list(seen.values())


def _printed(index: Index, cell: str) -> str:
    printed = index.value(cell, BK + "printedAmount")
    return printed.value if printed is not None else "·"


def _column_order(index: Index, table: str) -> Callable[[str], tuple[int, str]]:
    preferred = ["total", "basic", "personnel", "public", "project"]

    def key(column: str) -> tuple[int, str]:
        local = column[len(COLUMN):]
        return (preferred.index(local) if local in preferred else len(preferred), column)

    return key


def _line_order(index: Index, line: str) -> tuple[int, int, str]:
    text_line = index.value(line, BK + "textLine")
    row = index.value(line, BK + "rowNumber")
    return (int(text_line.value) if text_line is not None else 0, int(row.value) if row is not None else 0, line)


def _natural(iri: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in iri.split("/"))


def _literal(index: Index, iri: str, predicate: str, language: str) -> str:
    for value in index.values(iri, predicate):
        if isinstance(value, ox.Literal) and value.language == language:
            return value.value
    return ""


def _notation(index: Index, iri: str) -> str:
    found = index.value(iri, SKOS + "notation")
    return found.value if found is not None else ""


def _curie(iri: str) -> str:
    for name, namespace in sorted(prefixes().items(), key=lambda item: -len(item[1])):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{name}:{iri[len(namespace):]}"
    return iri
