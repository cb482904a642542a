"""The dataset's own description: VoID and DCAT, as quads in one named graph.

:func:`dataset_description` is the one place that says what the dataset is (title,
licence placeholder, creation time, triple counts, URI space, dumps, endpoint, ontology).
``kg publish`` writes it as ``void.ttl``; a loader that pushes the named graphs to a SPARQL
endpoint can push these quads too, as one more graph (:func:`description_graph`).
:func:`check` validates it against ``ontology/shapes/publication/dataset-description.ttl``.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyoxigraph as ox

from kg.publish.dumps import Dump
from kg.publish.paths import SiteMap
from kg.rdf import vocab
from kg.resources import resource

__all__ = ["check", "dataset_description", "dataset_iri", "description_graph"]

DCAT = vocab.DCAT.prefix
DCTERMS = vocab.DCTERMS.prefix
VOID = vocab.VOID.prefix
XSD = vocab.XSD.prefix
RDF_TYPE = vocab.RDF.type
IANA = "http://www.iana.org/assignments/media-types/"
ONTOLOGY = vocab.DEF
_GENERATED = vocab.PROV.generatedAtTime.value

TITLE_ZH = "预算公开知识图谱"
TITLE_EN = "Budget disclosures as linked data (budget-kg)"


def dataset_iri(base_iri: str) -> ox.NamedNode:
    """The dataset: ``{base}dataset``."""
    return ox.NamedNode(SiteMap(base_iri).base + "dataset")


def description_graph(base_iri: str) -> ox.NamedNode:
    """The named graph that holds the description: ``{base}graph/dataset``."""
    return ox.NamedNode(SiteMap(base_iri).base + "graph/dataset")


def dataset_description(
    quads: Sequence[ox.Quad],
    base_iri: str,
    *,
    endpoint: str | None = None,
    dumps: Sequence[Dump] = (),
) -> list[ox.Quad]:
    """VoID + DCAT quads describing the dataset made of ``quads`` (a store's content).

    :param quads: every quad of the store (``list(store.inner)``)
    :param base_iri: the base the instance IRIs were minted under (``void:uriSpace``)
    :param endpoint: the public SPARQL endpoint, if there is one
    :param dumps: the published files (:func:`kg.publish.dumps.write_dumps`)
    :return: quads in the graph :func:`description_graph`, sorted
    """
    site = SiteMap(base_iri)
    graph = description_graph(base_iri)
    dataset = dataset_iri(base_iri)
    out: list[ox.Quad] = []

    def add(subject: ox.NamedNode, predicate: str, obj: ox.NamedNode | ox.Literal) -> None:
        out.append(ox.Quad(subject, ox.NamedNode(predicate), obj, graph))

    def typed(value: object, datatype: str) -> ox.Literal:
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD + datatype))

    out.append(ox.Quad(dataset, RDF_TYPE, ox.NamedNode(VOID + "Dataset"), graph))
    out.append(ox.Quad(dataset, RDF_TYPE, ox.NamedNode(DCAT + "Dataset"), graph))
    add(dataset, DCTERMS + "title", ox.Literal(TITLE_ZH, language="zh"))
    add(dataset, DCTERMS + "title", ox.Literal(TITLE_EN, language="en"))
    add(
        dataset,
        DCTERMS + "description",
        ox.Literal(
            "Chinese government budget disclosures (预算公开) read into RDF: units, their standard tables, "
            "lines and cells, narratives, performance-goal projects and indicators, and the legal documents "
            "they cite. One named graph per source document.",
            language="en",
        ),
    )
    add(dataset, DCTERMS + "license", ox.NamedNode(site.url("licence") + "/"))
    times = sorted(q.object.value for q in quads if q.predicate.value == _GENERATED)
    if times:
        add(dataset, DCTERMS + "created", typed(times[0], "dateTime"))
        add(dataset, DCTERMS + "modified", typed(times[-1], "dateTime"))
    add(dataset, VOID + "triples", typed(len(quads), "integer"))
    subjects = {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
    add(dataset, VOID + "entities", typed(len(subjects), "integer"))
    add(dataset, VOID + "uriSpace", ox.Literal(site.base))
    add(dataset, VOID + "vocabulary", ox.NamedNode(ONTOLOGY))
    add(dataset, DCTERMS + "conformsTo", ox.NamedNode(ONTOLOGY))
    add(dataset, DCAT + "landingPage", ox.NamedNode(site.root))
    if endpoint:
        add(dataset, VOID + "sparqlEndpoint", ox.NamedNode(endpoint))
    per_graph: dict[str, int] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            per_graph[quad.graph_name.value] = per_graph.get(quad.graph_name.value, 0) + 1
    for name, count in sorted(per_graph.items()):
        subset = ox.NamedNode(name)
        add(dataset, VOID + "subset", subset)
        out.append(ox.Quad(subset, RDF_TYPE, ox.NamedNode(VOID + "Dataset"), graph))
        add(subset, VOID + "triples", typed(count, "integer"))
    for dump in dumps:
        for name, compressed in ((dump.name, False), (dump.compressed, True)):
            if name is None:
                continue
            url = ox.NamedNode(site.url(dump.folder, name))
            distribution = ox.NamedNode(f"{dataset.value}/distribution/{name}")
            if dump.graph is None:
                add(dataset, VOID + "dataDump", url)
            add(dataset, DCAT + "distribution", distribution)
            out.append(ox.Quad(distribution, RDF_TYPE, ox.NamedNode(DCAT + "Distribution"), graph))
            add(distribution, DCTERMS + "title", ox.Literal(dump.title + (" (gzip)" if compressed else ""), language="en"))
            add(distribution, DCAT + "downloadURL", url)
            add(distribution, DCAT + "mediaType", ox.NamedNode(IANA + dump.media_type))
            if compressed:
                add(distribution, DCAT + "compressFormat", ox.NamedNode(IANA + "application/gzip"))
            size = dump.compressed_size if compressed else dump.size
            add(distribution, DCAT + "byteSize", typed(size, "nonNegativeInteger"))
            if dump.graph is not None:
                add(distribution, DCTERMS + "source", ox.NamedNode(dump.graph))
    return sorted(set(out), key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))


def check(quads: Sequence[ox.Quad]) -> tuple[bool, str]:
    """Validate a description against the shape of the promised DCAT fields.

    :return: whether it conforms, and pySHACL's text report
    """
    import pyshacl
    import rdflib

    data = rdflib.Graph()
    data.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    shapes = rdflib.Graph().parse(resource("ontology", "shapes", "publication", "dataset-description.ttl"), format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes)
    return bool(conforms), text
