"""The VoID/DCAT description of the published sample validates against the shape of the promised fields."""

from __future__ import annotations

import pyoxigraph as ox
import rdflib

from kg import store as kg_store
from kg.publish.dataset import check, dataset_description, dataset_iri, description_graph
from kg.publish.dumps import write_dumps
from kg.publish.paths import SiteMap
from kg.rdf.iris import DEFAULT_BASE_IRI

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")


def test_the_published_void_file_conforms_and_states_the_promised_fields(published_site, built_store):
    graph = rdflib.Graph().parse(published_site / "void.ttl", format="turtle")
    dataset = rdflib.URIRef(DEFAULT_BASE_IRI + "dataset")
    with kg_store.open(built_store, read_only=True) as opened:
        quads = len(opened)
    assert graph.value(dataset, VOID.triples).toPython() == quads
    assert str(graph.value(dataset, VOID.uriSpace)) == DEFAULT_BASE_IRI
    assert graph.value(dataset, DCTERMS.created) is not None
    assert graph.value(dataset, DCTERMS.license) == rdflib.URIRef("https://budget-kg.org/licence/")
    dumps = {str(o) for o in graph.objects(dataset, VOID.dataDump)}
    assert "https://budget-kg.org/dumps/budget.nq" in dumps
    assert "https://budget-kg.org/dumps/budget.nq.gz" in dumps
    # Each download URL is a file of the site, of the size it states.
    for distribution in graph.objects(dataset, DCAT.distribution):
        url = str(graph.value(distribution, DCAT.downloadURL))
        size = graph.value(distribution, DCAT.byteSize).toPython()
        assert (published_site / url.removeprefix("https://budget-kg.org/")).stat().st_size == size


def description_of(store, tmp_path, endpoint=None) -> list[ox.Quad]:
    with kg_store.open(store, read_only=True) as opened:
        quads = list(opened.inner)
        dumps = write_dumps(opened, quads, SiteMap(DEFAULT_BASE_IRI), tmp_path)
    return dataset_description(quads, DEFAULT_BASE_IRI, endpoint=endpoint, dumps=dumps)


def test_the_description_conforms_to_the_shape(built_store, tmp_path):
    description = description_of(built_store, tmp_path, endpoint="http://127.0.0.1:7878/query")
    conforms, report = check(description)
    assert conforms, report
    assert all(q.graph_name == description_graph(DEFAULT_BASE_IRI) for q in description)
    endpoints = [q.object.value for q in description if q.predicate.value.endswith("#sparqlEndpoint")]
    assert endpoints == ["http://127.0.0.1:7878/query"]


def test_a_description_without_title_or_dump_sizes_does_not_conform(built_store, tmp_path):
    description = description_of(built_store, tmp_path)
    dataset = dataset_iri(DEFAULT_BASE_IRI)
    broken = [
        q for q in description
        if not (q.subject == dataset and q.predicate.value == str(DCTERMS.title))
        and not q.predicate.value.endswith("#byteSize")
    ]
    conforms, report = check(broken)
    assert not conforms
    assert "the dataset has a title with a language tag" in report
    assert "a distribution states its size in bytes" in report
