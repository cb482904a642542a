"""Names of the vocabulary terms the mapping writes, as :class:`pyoxigraph.NamedNode`.

The terms themselves are declared in ``ontology/budget.ttl`` (``bk:``) or belong to
the vocabularies it aligns with; this module only spells their IRIs once, so that
a typo is an ``AttributeError`` at import time, not a silently new property.
``tests/test_ontology.py`` checks that every ``bk:`` term used here is declared.
"""

from __future__ import annotations

from pyoxigraph import NamedNode


class Namespace:
    """``ns.term`` → ``NamedNode(prefix + "term")``, with only the listed terms allowed."""

    def __init__(self, prefix: str, *terms: str):
        self.prefix = prefix
        self.terms = frozenset(terms)

    def __getattr__(self, term: str) -> NamedNode:
        if term not in self.terms:
            raise AttributeError(f"{term!r} is not a known term of {self.prefix}")
        node = NamedNode(self.prefix + term)
        # Kept as an attribute, so that later lookups do not come here: the mapping names
        # about 4,000 terms a generated document, and making each anew was a tenth of its time.
        setattr(self, term, node)
        return node

    def __getitem__(self, local: str) -> NamedNode:
        """Any local name (for code lists, columns and table kinds minted from data)."""
        return NamedNode(self.prefix + local)


#: Terms of this project. Instance data uses a configurable base IRI; terms do not.
DEF = "https://budget-kg.org/def/"

BK = Namespace(
    DEF,
    # classes
    "BudgetUnit", "BudgetDocument", "SourceFile", "DocumentGraph", "BudgetTable", "BudgetLine",
    "FunctionLine", "EconomicLine", "LabelledLine", "Cell", "Column", "IdentityBreak",
    "UnplacedToken", "Problem", "GraphVersion", "budget-kg",
    # structure
    "coversUnit", "inDocument", "unit", "year", "tableKind", "tableKey", "hasColumn", "table",
    "cell", "column", "rowKey", "code", "rollsUpTo", "parentCode", "codeInferred", "rowNumber", "functionalClassification",
    "economicClassification", "pairedClassification", "budgetPhase",
    # amounts
    "amount", "amountYuan", "printedAmount", "printedCurrencyUnit", "explicitlyEmpty", "emptyNote", "percentage",
    # names and provenance
    "printedName", "page", "textLine", "fileName", "sha256", "template", "documentKind",
    "describes", "toolVersion", "level", "complete", "supersededBy",
    # what the parser could not reconcile
    "identityBreak", "breakKind", "atCell", "expected", "actual", "unplacedToken", "problem",
    "text", "reason", "message",
    # the narrative (情况说明)
    "Narrative", "Duty", "Institution", "NarrativeFact", "Glossary", "GlossaryTerm", "AssetRow",
    "duty", "number", "institution", "institutionNature", "rank", "fundingForm", "fact", "factKey",
    "printedUnit", "direction", "sentence", "glossary", "assetRow", "quantity",
    # performance goals, indicators and their bases
    "Project", "PerformanceGoal", "Indicator", "LegalDocument", "BasisConcept", "project",
    "projectNumber", "title", "goal", "fundingDocument", "level1", "level2", "indicatorName",
    "description", "printedValue", "comparator", "targetValue", "measureUnit", "printedMeasureUnit",
    "basisText", "basis", "documentNumber", "cites",
    # summaries written for queries
    "lacksLevel1", "CitationCount", "citedDocument", "citingIndicators", "citingProjects",
    # what document checks read from the printed text
    "PrintedTitle", "PrintedPhrase", "emptyNoteNames", "printsTitle", "titleOf", "titleYear", "printsPhrase", "phraseKind",
    "context", "GoalTableProject", "goalTableProject", "projectOf",
    # publication
    "contentSha256",
)
LEVEL = Namespace(DEF + "indicator-level/")
ELI = Namespace("http://data.europa.eu/eli/ontology#", "LegalResource")
COLUMN = Namespace(DEF + "column/")
TABLE_KIND = Namespace(DEF + "table/")
CODE = Namespace(DEF + "code/")

RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "type")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#", "label")
XSD = Namespace(
    "http://www.w3.org/2001/XMLSchema#", "decimal", "string", "integer", "gYear", "boolean", "dateTime"
)
SKOS = Namespace(
    "http://www.w3.org/2004/02/skos/core#",
    "Concept", "ConceptScheme", "inScheme", "notation", "prefLabel", "broader", "topConceptOf",
    "hasTopConcept", "definition",
)
PROV = Namespace(
    "http://www.w3.org/ns/prov#", "Entity", "wasDerivedFrom", "generatedAtTime", "wasAttributedTo",
    "specializationOf", "invalidatedAtTime",
)
ORG = Namespace("http://www.w3.org/ns/org#", "FormalOrganization", "identifier")
QB = Namespace("http://purl.org/linked-data/cube#", "DataSet", "Slice", "Observation", "dataSet")
DCTERMS = Namespace("http://purl.org/dc/terms/", "title")
OBEU_DIMENSION = Namespace("http://data.openbudgets.eu/ontology/dsd/dimension/", "fiscalYear")
OBEU_ATTRIBUTE = Namespace("http://data.openbudgets.eu/ontology/dsd/attribute/", "currency")
# Used by validation and publication, which spell terms from these prefixes themselves.
OWL = Namespace("http://www.w3.org/2002/07/owl#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
VOID = Namespace("http://rdfs.org/ns/void#")
SH = Namespace("http://www.w3.org/ns/shacl#")
#: Terms of equation instances (kg/validate/equations.py); they exist only in the graph being validated.
CHECK = Namespace(DEF + "check/", "Equation", "shape", "document", "rule", "table", "row", "rowLabel", "column",
                  "at", "left", "right", "blankLeft", "blankRight", "otherTable", "otherRow", "otherRowLabel",
                  "otherColumn", "voidIf", "codeList", "classLabel")

#: Disclosures publish the budget as approved by the people's congress.
BUDGET_PHASE_APPROVED = NamedNode("http://data.openbudgets.eu/resource/codelist/budget-phase/approved")
#: All amounts are Renminbi, whatever multiple (万元, 元) the table prints.
CURRENCY_CNY = NamedNode("http://publications.europa.eu/resource/authority/currency/CNY")
#: OpenBudgets.eu's range for obeu-dimension:fiscalYear (interval:Year).
YEAR_INTERVAL = "http://reference.data.gov.uk/id/year/"
