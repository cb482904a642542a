"""The store's history: what a document graph held before another file's build replaced it.

A document graph is named after the disclosure (unit, year, kind), not after the file,
so a corrected re-publication, or a damaged copy, of the same disclosure maps to the
same graph. Before ``kg build`` replaces a graph built from other files, it records
the earlier version here: its source files (name and SHA-256), when it was built,
whether it was complete, when it was replaced and by which file. The records live in
the store's default graph, never in a document graph, so that replacing a document
graph cannot erase them::

    <{base}graph/version/<hex>> a bk:GraphVersion ;
        prov:specializationOf <{base}graph/323001/2023/unit-budget> ;
        prov:wasDerivedFrom <{base}file/sha256/…> ;     # with its bk:fileName, bk:sha256
        prov:generatedAtTime "…" ; bk:complete true ;
        prov:invalidatedAtTime "…" ; bk:supersededBy <{base}file/sha256/…> .
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from kg.rdf import iris, literals
from kg.rdf.vocab import BK, PROV, RDF, XSD

__all__ = ["Version", "version_quads"]


@dataclass(frozen=True)
class Version:
    """One build of a document graph: its source files, when it was built, whether complete.

    ``complete`` is None for a graph built before completeness was recorded.
    """

    graph: str  #: the document graph's IRI
    files: tuple[tuple[str, str], ...]  #: (file name, sha256) of each source file
    generated: str  #: the graph's ``prov:generatedAtTime``, as stored
    complete: bool | None

    @property
    def names(self) -> str:
        """The source files' names, for messages: ``a.pdf + b.pdf``."""
        return " + ".join(name for name, _ in self.files)

    def built_from(self, sha256: str) -> bool:
        """True when ``sha256`` is one of the files this version was read from."""
        return any(sha.lower() == sha256.lower() for _, sha in self.files)


def version_quads(base: str, version: Version, replaced_by: str, at: datetime) -> list[Quad]:
    """The history record of ``version``, replaced at ``at`` by the file whose sha256 is
    ``replaced_by``, as quads of the default graph."""
    default, graph = DefaultGraph(), version.graph
    digest = hashlib.sha256(f"{graph} {version.generated} {replaced_by} {at.isoformat()}".encode()).hexdigest()
    node = iris.graph_version(base, digest[:32])
    quads = [
        (node, RDF.type, BK.GraphVersion),
        (node, PROV.specializationOf, NamedNode(graph)),
        (node, PROV.generatedAtTime, Literal(version.generated, datatype=XSD.dateTime)),
        (node, PROV.invalidatedAtTime, literals.timestamp(at)),
        (node, BK.supersededBy, iris.source_file(base, replaced_by)),
    ]
    if version.complete is not None:
        quads.append((node, BK.complete, literals.boolean(version.complete)))
    for name, sha256 in version.files:
        source = iris.source_file(base, sha256)
        quads += [
            (node, PROV.wasDerivedFrom, source),
            (source, RDF.type, BK.SourceFile),
            (source, BK.fileName, literals.string(name)),
            (source, BK.sha256, literals.string(sha256.lower())),
        ]
    return [Quad(s, p, o, default) for s, p, o in quads]
