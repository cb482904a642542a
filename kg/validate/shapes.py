"""The shapes (``ontology/shapes/*.ttl``) and the code lists they read, loaded once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rdflib import DCTERMS, RDFS, Graph, Literal, Namespace, URIRef

from kg.rdf import vocab
from kg.resources import resource

SH = Namespace(vocab.SH.prefix)

_SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
_VARIABLE = re.compile(r"\{[?$](\w+)\}")


@dataclass(frozen=True)
class ShapeInfo:
    """What a report needs to know about a shape: id, severity, title, what to fix."""

    id: str
    severity: str
    title: str
    title_zh: str
    description: str


@cache
def shapes_graph() -> Graph:
    """Every shape of ``ontology/shapes/``, in one graph."""
    return _turtle_files("ontology", "shapes")


@cache
def codelists_graph() -> Graph:
    """The SKOS code lists; mixed into each document's graph so that code shapes can see them."""
    return _turtle_files("ontology", "codelists")


@cache
def listed_years(classification: str) -> tuple[int, ...]:
    """The years ``ontology/codelists/`` has a list for (``function-2023.ttl`` → 2023)."""
    return tuple(sorted(int(p.stem.rsplit("-", 1)[1]) for p in resource("ontology", "codelists").glob(f"{classification}-*.ttl")))


def _turtle_files(*folder: str) -> Graph:
    graph = Graph()
    for path in sorted(resource(*folder).glob("*.ttl")):
        graph.parse(path, format="turtle")
    return graph


@cache
def catalogue() -> dict[str, ShapeInfo]:
    """Every shape by its id, e.g. ``catalogue()["BK-SUM-PARENT"].severity``."""
    graph = shapes_graph()
    found = {}
    for shape, shape_id in graph.subject_objects(DCTERMS.identifier):
        labels = {l.language: str(l) for l in graph.objects(shape, RDFS.label) if isinstance(l, Literal)}
        found[str(shape_id)] = ShapeInfo(
            id=str(shape_id),
            severity=_SEVERITY[graph.value(shape, SH.severity, default=SH.Violation)],
            title=labels.get("en", ""),
            title_zh=labels.get("zh", ""),
            description=str(graph.value(shape, RDFS.comment, default="")),
        )
    return dict(sorted(found.items()))


def shape_id(shape: URIRef) -> str:
    """The stable id of a shape node (its ``dcterms:identifier``)."""
    value = shapes_graph().value(shape, DCTERMS.identifier)
    return str(value) if value is not None else str(shape)


@cache
def _patterns(constraint: URIRef) -> tuple[tuple[str, re.Pattern], ...]:
    """The message templates of a constraint as (language, regex with one group per variable)."""
    patterns = []
    for template in shapes_graph().objects(constraint, SH.message):
        parts, names, last = [], [], 0
        for match in _VARIABLE.finditer(str(template)):
            parts.append(re.escape(str(template)[last : match.start()]))
            # A variable may repeat in a template; only its first use is captured.
            if match.group(1) in names:
                parts.append(".*?")
            else:
                names.append(match.group(1))
                parts.append(f"(?P<{match.group(1)}>.*?)")
            last = match.end()
        parts.append(re.escape(str(template)[last:]))
        patterns.append((template.language or "", re.compile("^" + "".join(parts) + "$", re.S)))
    return tuple(patterns)


def read_message(constraint: URIRef, message: str) -> tuple[str, dict[str, str]] | None:
    """Which language a result message is in, and the values it was filled with.

    pySHACL drops the language tag of ``sh:message`` when it fills in a SPARQL
    result; matching the message against the templates gives both back.
    """
    for language, pattern in _patterns(constraint):
        match = pattern.match(message)
        if match:
            return language, match.groupdict()
    return None
