"""The OWL ontology (ontology/budget.ttl): alignments are triples, every term used is declared."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import rdflib
import yaml
from julu_records import julu_document
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.rdf.mapping import document_quads
from kg.rdf.vocab import BK as BK_TERMS
from kg.resources import resource

BK = rdflib.Namespace("https://budget-kg.org/def/")
BKCOL = rdflib.Namespace("https://budget-kg.org/def/column/")
BKTABLE = rdflib.Namespace("https://budget-kg.org/def/table/")
OBEU_DIM = rdflib.Namespace("http://data.openbudgets.eu/ontology/dsd/dimension/")
OBEU_MEASURE = rdflib.Namespace("http://data.openbudgets.eu/ontology/dsd/measure/")
OBEU_OPERATION = rdflib.Namespace("http://data.openbudgets.eu/resource/codelist/operation-character/")
QB = rdflib.Namespace("http://purl.org/linked-data/cube#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(resource("ontology", "budget.ttl"), format="turtle")


def profiles() -> list[dict]:
    folder = resource("mappings")
    return [yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.yaml"))]


def profile_column_keys() -> set[str]:
    """Every column key a profile names, wherever its tables list columns."""
    keys: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            for name, value in node.items():
                if name == "columns" and isinstance(value, list):
                    keys.update(str(v) for v in value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for profile in profiles():
        walk(profile)
    return keys


def test_ontology_parses_and_declares_itself(ontology):
    assert (BK[""], RDF.type, OWL.Ontology) in ontology


@pytest.mark.parametrize(
    "triple",
    [
        (BK.BudgetUnit, RDFS.subClassOf, ORG.FormalOrganization),
        (BK.BudgetTable, RDFS.subClassOf, QB.DataSet),
        (BK.BudgetLine, RDFS.subClassOf, QB.Slice),
        (BK.Cell, RDFS.subClassOf, QB.Observation),
        (BK.BudgetDocument, RDFS.subClassOf, PROV.Entity),
        (BK.SourceFile, RDFS.subClassOf, PROV.Entity),
        (BK.Column, RDFS.subClassOf, SKOS.Concept),
        (BK.Tool, RDFS.subClassOf, PROV.SoftwareAgent),
        (BK.unit, RDFS.subPropertyOf, OBEU_DIM.organization),
        (BK.functionalClassification, RDFS.subPropertyOf, OBEU_DIM.functionalClassification),
        (BK.economicClassification, RDFS.subPropertyOf, OBEU_DIM.economicClassification),
        (BK.operationCharacter, RDFS.subPropertyOf, OBEU_DIM.operationCharacter),
        (BK.budgetPhase, RDFS.subPropertyOf, OBEU_DIM.budgetPhase),
        (BK.amountYuan, RDFS.subPropertyOf, OBEU_MEASURE.amount),
        (BK.cell, RDFS.subPropertyOf, QB.observation),
        (BK.table, OWL.inverseOf, QB.slice),
        (BK.inDocument, RDFS.subPropertyOf, DCTERMS.isPartOf),
        (BK.printedName, RDFS.subPropertyOf, RDFS.label),
        (BK.amount, RDF.type, QB.MeasureProperty),
        (BK.column, RDF.type, QB.DimensionProperty),
        (BKTABLE.expenditure, BK.operationCharacter, OBEU_OPERATION.expenditure),
        (BKTABLE.income, BK.operationCharacter, OBEU_OPERATION.revenue),
        (BK.Narrative, RDFS.subClassOf, PROV.Entity),
        (BK.NarrativeFact, RDFS.subClassOf, PROV.Entity),
        (BK.GlossaryTerm, RDFS.subClassOf, SKOS.Concept),
        (BK.Glossary, RDFS.subClassOf, SKOS.ConceptScheme),
    ],
    ids=lambda t: " ".join(str(part).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for part in t),
)
def test_every_alignment_is_a_triple(ontology, triple):
    assert triple in ontology


def test_amount_ranges_are_decimal_and_printed_amount_is_a_string(ontology):
    xsd = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
    assert (BK.amount, RDFS.range, xsd.decimal) in ontology
    assert (BK.amountYuan, RDFS.range, xsd.decimal) in ontology
    assert (BK.printedAmount, RDFS.range, xsd.string) in ontology


def test_narrative_terms_have_the_ranges_the_mapping_writes(ontology):
    xsd = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
    for prop in (BK.factKey, BK.printedUnit, BK.direction, BK.sentence, BK.institutionNature, BK.rank,
                 BK.fundingForm):
        assert (prop, RDFS.range, xsd.string) in ontology
    assert (BK.number, RDFS.range, xsd.integer) in ontology
    assert (BK.quantity, RDFS.range, xsd.decimal) in ontology
    for prop, cls in ((BK.duty, BK.Duty), (BK.fact, BK.NarrativeFact), (BK.glossary, BK.Glossary),
                      (BK.institution, BK.Institution), (BK.assetRow, BK.AssetRow)):
        assert (prop, RDFS.domain, BK.Narrative) in ontology
        assert (prop, RDFS.range, cls) in ontology


def test_every_bk_term_in_the_mapped_sample_is_declared(ontology, sample, parse_once):
    import kg.build

    quads = document_quads(kg.build.read_document(sample), generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    used = {q.predicate.value for q in quads} | {q.object.value for q in quads if q.predicate.value == str(RDF.type)}
    ours = {rdflib.URIRef(iri) for iri in used if iri.startswith(str(BK))}
    assert BK.NarrativeFact in ours
    assert sorted(str(t) for t in ours if (t, RDF.type, None) not in ontology) == []


def test_every_bk_term_the_mapping_writes_is_declared(ontology):
    undeclared = sorted(t for t in BK_TERMS.terms if (BK[t], RDF.type, None) not in ontology)
    assert undeclared == []


def test_every_bk_term_in_a_mapped_document_is_declared(ontology):
    quads = document_quads(julu_document(), generated_at=datetime(2024, 1, 1, tzinfo=timezone.utc))
    used = {q.predicate.value for q in quads} | {
        q.object.value for q in quads if q.predicate.value == str(RDF.type)} | {
        q.object.value for q in quads if q.predicate.value in (str(BK.column), str(BK.tableKind))}
    ours = {rdflib.URIRef(iri) for iri in used if iri.startswith(str(BK))}
    assert sorted(str(t) for t in ours if (t, RDF.type, None) not in ontology) == []


def test_every_column_key_of_every_profile_is_a_column_concept(ontology):
    keys = profile_column_keys()
    assert {"total", "basic", "project", "personnel", "public", "fiscal", "carryover"} <= keys
    missing = sorted(k for k in keys if not set(ontology.objects(BKCOL[k], RDF.type)) & {BK.Column, BK.FundSource})
    assert missing == []
    for key in keys:
        assert (BKCOL[key], SKOS.notation, rdflib.Literal(key)) in ontology
        assert any(label.language == "zh" for label in ontology.objects(BKCOL[key], SKOS.prefLabel))


def test_every_table_key_of_every_profile_is_a_table_kind(ontology):
    keys = {table["key"] for profile in profiles() for table in profile.get("tables", [])}
    assert "expenditure" in keys
    assert sorted(k for k in keys if (BKTABLE[k], RDF.type, BK.TableKind) not in ontology) == []


def test_column_concepts_form_one_scheme_under_total(ontology):
    assert (BKCOL.basic, SKOS.broader, BKCOL.total) in ontology
    assert (BKCOL.fiscal, SKOS.broader, BKCOL.current) in ontology
    assert (BKCOL.fiscal, RDF.type, BK.FundSource) in ontology
    assert (BKCOL.fiscal, SKOS.prefLabel, rdflib.Literal("财政拨款收入", lang="zh")) in ontology
