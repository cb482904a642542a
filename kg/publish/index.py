"""Everything the site shows, in memory: the store's quads plus the vocabulary files.

A county's graph is small (the sample has about 11k triples), so the publisher reads
it once and indexes it both ways: outgoing statements give a page its properties,
incoming ones its "cited by" lists. The ontology and code lists (``ontology/``) are
read beside the data so that terms and codes get their labels and pages too, without
being written into the data dumps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.rdf import vocab
from kg.resources import resource

__all__ = ["Index", "Statement", "vocabulary_files"]

RDF_TYPE = vocab.RDF.type.value
SKOS = vocab.SKOS.prefix
RDFS = vocab.RDFS.prefix
BK = vocab.DEF

#: Properties whose value names a resource, most telling first (language-tagged @zh preferred).
LABEL_PROPERTIES = (
    BK + "documentNumber",  # a legal document's canonical 文号, not one of its printed spellings
    SKOS + "prefLabel",
    RDFS + "label",
    "http://purl.org/dc/terms/title",
    BK + "title",
    BK + "indicatorName",
    BK + "printedName",
    BK + "fileName",
    SKOS + "notation",
    "http://www.w3.org/ns/org#identifier",
)


@dataclass(frozen=True)
class Statement:
    """One triple seen from a resource: the other end, the property, and its graph (None: vocabulary)."""

    other: ox.NamedNode | ox.BlankNode | ox.Literal
    predicate: str
    graph: str | None


@dataclass
class Index:
    """The store's quads and the vocabulary, indexed by subject and by object."""

    quads: list[ox.Quad]
    out: dict[str, list[Statement]] = field(default_factory=lambda: defaultdict(list))
    inc: dict[str, list[Statement]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, quads: Iterable[ox.Quad], vocabulary: Iterable[ox.Triple] = ()) -> Index:
        """Index ``quads`` (the data) and ``vocabulary`` triples (labels, terms, code lists).

        The quads are kept in the order given: each resource's statements are sorted here, and
        two statements that compare equal are the same triple, so no other order shows.
        """
        index = cls(list(quads))
        for quad in index.quads:
            graph = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
            index._add(quad.triple, graph)
        for triple in vocabulary:
            index._add(triple, None)
        for statements in (*index.out.values(), *index.inc.values()):
            statements.sort(key=lambda s: (s.predicate, str(s.other), s.graph or ""))
        return index

    def _add(self, triple: ox.Triple, graph: str | None) -> None:
        subject = triple.subject.value
        self.out[subject].append(Statement(triple.object, triple.predicate.value, graph))
        if not isinstance(triple.object, ox.Literal):
            self.inc[triple.object.value].append(Statement(triple.subject, triple.predicate.value, graph))

    def iris(self) -> set[str]:
        """Every IRI that is a subject or an object (predicates are terms: they come in as subjects of the ontology)."""
        found = {q.triple.subject.value for q in self.quads if isinstance(q.triple.subject, ox.NamedNode)}
        found |= {s for s, statements in self.out.items() if not s.startswith("_:")}
        found |= {q.predicate.value for q in self.quads}
        found |= {o for o in self.inc}
        return {iri for iri in found if "://" in iri}

    def values(self, iri: str, predicate: str) -> list[ox.NamedNode | ox.BlankNode | ox.Literal]:
        """Objects of ``iri predicate ?o``, each once, in sorted order."""
        seen: dict[str, object] = {}
        for statement in self.out.get(iri, ()):
            if statement.predicate == predicate:
                seen.setdefault(str(statement.other), statement.other)
        return list(seen.values())

    def value(self, iri: str, predicate: str) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
        """The first object of ``iri predicate ?o``, preferring ``@zh`` literals."""
        values = self.values(iri, predicate)
        values.sort(key=lambda v: 0 if isinstance(v, ox.Literal) and v.language == "zh" else 1)
        return values[0] if values else None

    def subjects(self, predicate: str, iri: str) -> list[str]:
        """Subjects of ``?s predicate iri``, each once, sorted."""
        return sorted({s.other.value for s in self.inc.get(iri, ()) if s.predicate == predicate})

    def types(self, iri: str) -> list[str]:
        return [v.value for v in self.values(iri, RDF_TYPE)]

    def has_type(self, iri: str, cls: str) -> bool:
        return cls in self.types(iri)

    def graphs_of(self, iri: str) -> list[str]:
        """The named graphs that describe ``iri`` (their documents are its provenance)."""
        return sorted({s.graph for s in self.out.get(iri, ()) if s.graph})

    def triples_about(self, *iris: str) -> list[ox.Triple]:
        """The statements whose subject is one of ``iris``, and those of the blank nodes they lead
        to (a concise bounded description: ``owl:unionOf`` lists stay whole), each once, sorted."""
        found: dict[tuple[str, str, str], ox.Triple] = {}
        todo: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(iri) for iri in iris]
        seen: set[str] = set()
        while todo:
            subject = todo.pop()
            if subject.value in seen:
                continue
            seen.add(subject.value)
            for statement in self.out.get(subject.value, ()):
                triple = ox.Triple(subject, ox.NamedNode(statement.predicate), statement.other)
                found[(str(subject), statement.predicate, str(statement.other))] = triple
                if isinstance(statement.other, ox.BlankNode):
                    todo.append(statement.other)
        return [found[key] for key in sorted(found)]


def vocabulary_files() -> list[Path]:
    """The ontology and every code list, as shipped in ``ontology/``."""
    return [resource("ontology", "budget.ttl"), *sorted(resource("ontology", "codelists").glob("*.ttl"))]


def read_vocabulary() -> list[ox.Triple]:
    """The triples of :func:`vocabulary_files`."""
    triples: list[ox.Triple] = []
    labels: dict[str, ox.BlankNode] = {}

    def stable(term):  # the parser's blank-node ids are random: number them in file order instead
        if isinstance(term, ox.BlankNode):
            return labels.setdefault(term.value, ox.BlankNode(f"v{len(labels) + 1}"))
        return term

    for path in vocabulary_files():
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
            triples.append(ox.Triple(stable(quad.subject), quad.predicate, stable(quad.object)))
    return triples
