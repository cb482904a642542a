"""Map one :class:`kg.records.Document` to RDF quads in one named graph.

Plain pyoxigraph quads, no mapping engine: DESIGN.md measured a quad loop at about
5 s per million triples, and it keeps the IRI rules (:mod:`kg.rdf.iris`) and the
literal rules (:mod:`kg.rdf.literals`) in ordinary, testable functions.

What one document becomes (terms in ``ontology/budget.ttl``):

- the graph itself: PROV (source file and its sha256, generation time, tool version);
- the document, its units (W3C ORG), their tables (``qb:DataSet``), lines
  (``qb:Slice``) and cells (``qb:Observation``): one cell per printed amount;
- two summaries of each line, for queries: the codes it rolls up to (``bk:rollsUpTo``: its
  own code, its 款 and 类) and, for each cell, the column as the property from line to
  cell (``<line> bkcol:basic <cell>``);
- the code concepts the lines use, with the names printed in *this* document
  (the reference names are in the code lists, ``ontology/codelists/``), each with its
  parent's code (``bk:parentCode``), a summary of ``skos:broader`` for queries;
- what the parser could not reconcile: identity breaks, unplaced tokens, problems;
- each unit's narrative (情况说明, ``bk:Narrative``): numbered duties, the institution
  row, the amounts stated in prose (``bk:NarrativeFact``, with the sentence they were
  read from), the glossary (a SKOS concept scheme) and the fixed-asset rows, plus the
  narrative's own problems;
- the titles it prints with the years they name (``bk:PrintedTitle``), and any
  placeholder or template leftover it prints (``bk:PrintedPhrase``), for the document
  checks;
- each unit's projects (绩效目标表, ``bk:Project``): goals, indicator rows
  (``bk:Indicator``, levels as SKOS concepts, targets as ``xsd:decimal`` with QUDT units
  where QUDT has them), the legal documents cited by 文号 (``bk:LegalDocument``, one node
  per canonical number, every spelling an ``rdfs:label``) or the basis concepts, and the
  cells the reader could not attribute; and two summaries for queries: the level-1
  categories a project has no indicator in (``bk:lacksLevel1``) and, per unit, how many
  indicators and projects cite each legal document (``bk:CitationCount``).

Superclass types that consumers query by (``org:FormalOrganization``,
``qb:DataSet``, ``qb:Observation``) are written out, because stores do not reason.
Only ``prov:generatedAtTime`` differs between two builds of the same file.
"""

from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache

from pyoxigraph import Literal, NamedNode, Quad

import kg
from kg.codes import classification_of, code_level, parent_code
from kg.equations import base_key
from kg.rdf import iris, literals
from kg.rdf.iris import DEFAULT_BASE_IRI
from kg.rdf.vocab import (
    BK,
    BUDGET_PHASE_APPROVED,
    COLUMN,
    CURRENCY_CNY,
    DCTERMS,
    ELI,
    LEVEL,
    OBEU_ATTRIBUTE,
    OBEU_DIMENSION,
    ORG,
    PROV,
    QB,
    RDF,
    RDFS,
    SKOS,
    TABLE_KIND,
    YEAR_INTERVAL,
)
from kg.records import Document, Indicator, Line, Narrative, Project, Table, Unit
from kg.resources import read_yaml, resource

__all__ = ["document_quads", "graph_iri"]

Term = NamedNode | Literal

_LINE_CLASS = {"function": BK.FunctionLine, "economic": BK.EconomicLine}
_CLASSIFICATION_PROPERTY = {"function": BK.functionalClassification, "economic": BK.economicClassification}


def graph_iri(doc: Document, base_iri: str = DEFAULT_BASE_IRI) -> str:
    """The IRI of the named graph :func:`document_quads` writes the document into.

    Named after the first unit, the year and the kind of disclosure, so that a
    re-published version of the same disclosure replaces the old graph.

    >>> from kg.records import Document, Unit
    >>> doc = Document("a.txt", "ab" * 32, "hebei-county", "单位", [Unit("323001", "局", 2023, "万元")])
    >>> graph_iri(doc)
    'https://budget-kg.org/id/graph/323001/2023/unit-budget'
    """
    return iris.graph(base_iri, doc).value


def document_quads(
    doc: Document, base_iri: str = DEFAULT_BASE_IRI, generated_at: datetime | None = None
) -> list[Quad]:
    """Every triple of one document, in one named graph, in a deterministic order.

    :param doc: the typed records of one source file
    :param base_iri: base of every instance IRI (default ``https://budget-kg.org/id/``)
    :param generated_at: the ``prov:generatedAtTime`` of the graph (default: now, UTC)
    :returns: quads without duplicates, all in the graph :func:`graph_iri` names

    >>> from kg.records import Document
    >>> quads = document_quads(Document("a.txt", "ab" * 32, "hebei-county", "单位"))
    >>> {q.graph_name.value for q in quads}
    {'https://budget-kg.org/id/graph/file/abababababababab'}
    """
    writer = _Writer(iris.graph(base_iri, doc))
    _Mapper(doc, base_iri, writer).run(generated_at or datetime.now(timezone.utc))
    return writer.quads()


class _Writer:
    """Collects triples into one graph, dropping repeats but keeping first-seen order."""

    def __init__(self, graph: NamedNode):
        self.graph = graph
        self._quads: dict[Quad, None] = {}

    def add(self, subject: NamedNode, predicate: NamedNode, obj: Term | None) -> None:
        if obj is not None:
            self._quads[Quad(subject, predicate, obj, self.graph)] = None

    def quads(self) -> list[Quad]:
        return list(self._quads)


class _Mapper:
    def __init__(self, doc: Document, base: str, out: _Writer):
        self.doc, self.base, self.out = doc, base, out
        self.document = iris.document(base, doc)

    def run(self, generated_at: datetime) -> None:
        self.provenance(generated_at)
        self.document_node()
        for unit in self.doc.units:
            self.unit(unit)
            for table in unit.tables:
                self.table(unit, table)
            if unit.narrative is not None:
                self.narrative(unit, unit.narrative)
            for project in unit.projects:
                self.project(unit, project)
            self.citations(unit)
        self.printed()

    # -- the graph and the document ------------------------------------------------

    def provenance(self, generated_at: datetime) -> None:
        add, graph = self.out.add, self.out.graph
        add(graph, RDF.type, BK.DocumentGraph)
        add(graph, BK.describes, self.document)
        add(graph, PROV.generatedAtTime, literals.timestamp(generated_at))
        add(graph, PROV.wasAttributedTo, BK["budget-kg"])
        add(graph, BK.toolVersion, literals.string(kg.__version__))
        add(graph, BK.complete, literals.boolean(self.doc.ok))
        for name, sha256 in [(self.doc.source, self.doc.sha256), *self.doc.companions]:
            source = iris.source_file(self.base, sha256)
            add(graph, PROV.wasDerivedFrom, source)
            add(source, RDF.type, BK.SourceFile)
            add(source, BK.fileName, literals.string(name))
            add(source, BK.sha256, literals.string(sha256.lower()))

    def document_node(self) -> None:
        add, doc = self.out.add, self.doc
        add(self.document, RDF.type, BK.BudgetDocument)
        for sha256 in [doc.sha256, *(sha for _, sha in doc.companions)]:
            add(self.document, PROV.wasDerivedFrom, iris.source_file(self.base, sha256))
        add(self.document, BK.documentKind, literals.string(doc.kind))
        add(self.document, BK.template, literals.string(doc.template))
        if doc.units:
            add(self.document, BK.year, literals.year(doc.units[0].year))
        for index, problem in enumerate(doc.problems, start=1):
            node = iris.problem(self.document, index)
            add(self.document, BK.problem, node)
            add(node, RDF.type, BK.Problem)
            add(node, BK.message, literals.string(problem.message))
            self.location(node, problem.location)

    def unit(self, unit: Unit) -> None:
        add, node = self.out.add, iris.unit(self.base, unit.code)
        add(self.document, BK.coversUnit, node)
        add(node, RDF.type, BK.BudgetUnit)
        add(node, RDF.type, ORG.FormalOrganization)
        add(node, ORG.identifier, literals.string(unit.code))
        add(node, SKOS.prefLabel, literals.zh(unit.name))

    # -- tables, lines, cells ----------------------------------------------------------

    def table(self, unit: Unit, table: Table) -> None:
        add = self.out.add
        node = iris.table(self.base, unit.code, unit.year, table.key)
        add(node, RDF.type, BK.BudgetTable)
        add(node, RDF.type, QB.DataSet)
        add(node, BK.tableKey, literals.string(table.key))
        kind = base_key(table.key)  # gpb_expenditure.2: a second table of one kind
        if not kind.startswith("table"):  # table.3: a table that names no standard kind
            add(node, BK.tableKind, TABLE_KIND[iris.segment(kind)])
        add(node, DCTERMS.title, literals.zh(table.title))
        add(node, BK.inDocument, self.document)
        add(node, BK.unit, iris.unit(self.base, unit.code))
        add(node, BK.year, literals.year(unit.year))
        add(node, OBEU_DIMENSION.fiscalYear, NamedNode(f"{YEAR_INTERVAL}{unit.year}"))
        add(node, BK.budgetPhase, BUDGET_PHASE_APPROVED)
        # The printed unit is a data-set-level attribute (qb normalised form): it
        # holds for every cell of the table, so cells do not repeat it.
        add(node, OBEU_ATTRIBUTE.currency, CURRENCY_CNY)
        add(node, BK.printedCurrencyUnit, literals.string(table.currency or unit.currency))
        for column in table.columns:
            add(node, BK.hasColumn, COLUMN[iris.segment(column)])
        for page in table.pages:
            add(node, BK.page, literals.integer(page))
        if table.explicitly_empty:
            add(node, BK.explicitlyEmpty, literals.boolean(True))
            add(node, BK.emptyNote, literals.zh(table.empty_note or ""))
            for kind in table.empty_note_names:
                add(node, BK.emptyNoteNames, TABLE_KIND[iris.segment(kind)])
        for line in table.lines:
            self.line(unit, table, node, line)
        for found in table.breaks:
            self.identity_break(unit, node, found)
        for index, token in enumerate(table.unplaced, start=1):
            self.unplaced(node, index, token)

    def line(self, unit: Unit, table: Table, table_node: NamedNode, line: Line) -> None:
        add = self.out.add
        node = iris.line(self.base, unit.code, unit.year, table.key, line.key)
        # Classified rows key by their code; the parser may or may not repeat it in ``code``.
        code = line.code or (line.key if table.classification and code_level(line.key) else None)
        classification = _classification(table, code)
        add(node, RDF.type, BK.BudgetLine)
        add(node, RDF.type, _LINE_CLASS[classification] if classification and code else BK.LabelledLine)
        add(node, BK.table, table_node)
        add(node, BK.rowKey, literals.string(line.key))
        add(node, BK.printedName, literals.zh(line.name))
        if line.row_no is not None:
            add(node, BK.rowNumber, literals.integer(line.row_no))
        self.location(node, line.location)
        if code:
            add(node, BK.code, literals.string(code))
            # A query for everything under a code looks these up in the index, where
            # comparing the code of every line of the store grows with the store.
            rolled: str | None = code
            while rolled:
                add(node, BK.rollsUpTo, literals.string(rolled))
                rolled = parent_code(rolled)
            if line.code_inferred:
                add(node, BK.codeInferred, literals.boolean(True))
            if classification:
                concept = self.concept(classification, unit.year, code, line.name)
                add(node, _CLASSIFICATION_PROPERTY[classification], concept)
        paired = classification_of(line.paired_code) if line.paired_code else None
        if paired:
            add(node, BK.pairedClassification, self.concept(paired, unit.year, line.paired_code, line.paired_name or ""))
        for column, amount in _cells_in_column_order(table, line):
            self.cell(unit, table, table_node, node, column, amount)
        for column, percentage in line.percentages.items():
            self.percentage_cell(table_node, node, column, percentage)

    def cell(self, unit: Unit, table: Table, table_node: NamedNode, line_node: NamedNode, column: str, amount) -> None:
        add, node = self.out.add, iris.cell(line_node, column)
        column_node = COLUMN[iris.segment(column)]
        add(line_node, BK.cell, node)
        # The column concept doubles as the line → cell property, so that a query reaches
        # one column's cell with one pattern: Oxigraph evaluates an OPTIONAL of several
        # patterns over the whole store, and one of a single pattern per row.
        add(line_node, column_node, node)
        add(node, RDF.type, BK.Cell)
        add(node, RDF.type, QB.Observation)
        add(node, QB.dataSet, table_node)
        add(node, BK.column, column_node)
        add(node, BK.amount, literals.decimal(amount))
        # Stores rewrite decimal lexical forms (3.00 → 3); the printed text is kept apart.
        add(node, BK.printedAmount, literals.string(literals.plain(amount)))
        yuan = literals.in_yuan(amount, table.currency or unit.currency)
        if yuan is not None:
            add(node, BK.amountYuan, literals.decimal(yuan))

    def percentage_cell(self, table_node: NamedNode, line_node: NamedNode, column: str, percentage) -> None:
        """A percentage the line prints (占比 85.5%): a cell with no amount."""
        add, node = self.out.add, iris.cell(line_node, column)
        column_node = COLUMN[iris.segment(column)]
        add(line_node, BK.cell, node)
        add(line_node, column_node, node)
        add(node, RDF.type, BK.Cell)
        add(node, QB.dataSet, table_node)
        add(node, BK.column, column_node)
        add(node, BK.percentage, literals.decimal(percentage))
        add(node, BK.printedAmount, literals.string(f"{literals.plain(percentage)}%"))

    def concept(self, classification: str, year: int, code: str, printed_name: str) -> NamedNode:
        # The code lists define the reference concept; the document graph repeats
        # its skeleton (scheme, notation, broader) so that it can be validated on
        # its own, and adds the name as printed here, with this graph as provenance.
        add, node = self.out.add, iris.code_concept(classification, year, code)
        scheme = iris.code_scheme(classification, year)
        add(node, RDF.type, SKOS.Concept)
        add(node, SKOS.inScheme, scheme)
        add(node, SKOS.notation, literals.string(code))
        parent = parent_code(code)
        if parent:
            add(node, SKOS.broader, iris.code_concept(classification, year, parent))
            # The children of a code are found by looking it up: through skos:broader they
            # need the code's concept, which a graph holding a child may not describe.
            add(node, BK.parentCode, literals.string(parent))
        add(node, BK.printedName, literals.zh(printed_name))
        return node

    # -- the narrative (情况说明) ---------------------------------------------------------

    def narrative(self, unit: Unit, narrative: Narrative) -> None:
        add, base, code, year = self.out.add, self.base, unit.code, unit.year
        node = iris.narrative(base, code, year)
        add(node, RDF.type, BK.Narrative)
        add(node, RDF.type, PROV.Entity)
        add(node, BK.unit, iris.unit(base, code))
        add(node, BK.year, literals.year(year))
        add(node, BK.inDocument, self.document)
        add(node, PROV.wasDerivedFrom, iris.source_file(base, self.doc.sha256))
        if narrative.location is not None:
            self.location(node, narrative.location)
        for number, duty in zip(_unique(d.number for d in narrative.duties), narrative.duties):
            duty_node = iris.duty(base, code, year, number)
            add(node, BK.duty, duty_node)
            add(duty_node, RDF.type, BK.Duty)
            add(duty_node, BK.number, literals.integer(duty.number))
            add(duty_node, BK.text, literals.string(duty.text))
            self.location(duty_node, duty.location)
        if narrative.institution is not None:
            self.institution(node, unit, narrative.institution)
        for key, stated in zip(_unique(f.key for f in narrative.facts), narrative.facts):
            self.fact(node, iris.fact(base, code, year, key), stated)
        if narrative.glossary:
            self.glossary(node, unit, narrative)
        for item, row in zip(_unique(r.item for r in narrative.asset_rows), narrative.asset_rows):
            row_node = iris.asset_row(base, code, year, item)
            add(node, BK.assetRow, row_node)
            add(row_node, RDF.type, BK.AssetRow)
            add(row_node, BK.printedName, literals.zh(row.item))
            if row.quantity is not None:
                add(row_node, BK.quantity, literals.decimal(row.quantity))
            if row.value is not None:
                # The asset table prints its own unit (价值（金额单位：万元）), which the
                # record does not carry: no amountYuan rather than a guessed one.
                add(row_node, BK.amount, literals.decimal(row.value))
                add(row_node, BK.printedAmount, literals.string(literals.plain(row.value)))
            self.location(row_node, row.location)
        for index, problem in enumerate(narrative.problems, start=1):
            problem_node = iris.narrative_problem(node, index)
            add(node, BK.problem, problem_node)
            add(problem_node, RDF.type, BK.Problem)
            add(problem_node, BK.message, literals.string(problem.message))
            self.location(problem_node, problem.location)

    def institution(self, narrative_node: NamedNode, unit: Unit, found) -> None:
        add, node = self.out.add, iris.institution(self.base, unit.code, unit.year)
        add(narrative_node, BK.institution, node)
        add(node, RDF.type, BK.Institution)
        add(node, BK.printedName, literals.zh(found.name))
        if found.nature:
            add(node, BK.institutionNature, literals.string(found.nature))
        if found.rank:
            add(node, BK.rank, literals.string(found.rank))
        if found.funding_form:
            add(node, BK.fundingForm, literals.string(found.funding_form))
        self.location(node, found.location)

    def fact(self, narrative_node: NamedNode, node: NamedNode, stated) -> None:
        add = self.out.add
        add(narrative_node, BK.fact, node)
        add(node, RDF.type, BK.NarrativeFact)
        add(node, RDF.type, PROV.Entity)
        add(node, BK.factKey, literals.string(stated.key))
        add(node, BK.amount, literals.decimal(stated.value))
        add(node, BK.printedAmount, literals.string(literals.plain(stated.value)))
        add(node, BK.printedUnit, literals.string(stated.unit))
        yuan = literals.in_yuan(stated.value, stated.unit)
        if yuan is not None:
            add(node, BK.amountYuan, literals.decimal(yuan))
        if stated.direction:
            add(node, BK.direction, literals.string(stated.direction))
        if stated.reason:
            add(node, BK.reason, literals.string(stated.reason))
        add(node, BK.sentence, literals.string(stated.sentence))
        add(node, PROV.wasDerivedFrom, iris.source_file(self.base, self.doc.sha256))
        self.location(node, stated.location)

    def glossary(self, narrative_node: NamedNode, unit: Unit, narrative: Narrative) -> None:
        add, scheme = self.out.add, iris.glossary(self.base, unit.code, unit.year)
        add(narrative_node, BK.glossary, scheme)
        add(scheme, RDF.type, BK.Glossary)
        add(scheme, RDF.type, SKOS.ConceptScheme)
        add(scheme, SKOS.prefLabel, literals.zh(f"{unit.name}{unit.year}年名词解释"))
        for number, entry in zip(_unique(g.number for g in narrative.glossary), narrative.glossary):
            node = iris.glossary_term(scheme, number)
            add(node, RDF.type, BK.GlossaryTerm)
            add(node, RDF.type, SKOS.Concept)
            add(node, SKOS.inScheme, scheme)
            add(node, SKOS.topConceptOf, scheme)
            add(scheme, SKOS.hasTopConcept, node)
            add(node, BK.number, literals.integer(entry.number))
            add(node, SKOS.prefLabel, literals.zh(entry.term))
            add(node, SKOS.definition, literals.zh(entry.definition))
            self.location(node, entry.location)

    # -- goals (绩效目标表) ---------- ------------------------------------------------

    def project(self, unit: Unit, project: Project) -> None:
        add, base = self.out.add, self.base
        node = iris.project(base, unit.code, unit.year, project.number)
        add(node, RDF.type, BK.Project)
        add(node, RDF.type, PROV.Entity)
        add(node, BK.unit, iris.unit(base, unit.code))
        add(node, BK.year, literals.year(unit.year))
        add(node, BK.inDocument, self.document)
        add(node, BK.projectNumber, literals.integer(project.number))
        add(node, BK.title, literals.zh(project.title))
        add(node, PROV.wasDerivedFrom, iris.source_file(base, self.doc.sha256))
        self.location(node, project.location)
        for cited in project.funding_documents:
            add(node, BK.fundingDocument, self.legal_document(cited))
        for number, goal in zip(_unique(g.number for g in project.goals), project.goals):
            goal_node = iris.goal(node, number)
            add(node, BK.goal, goal_node)
            add(goal_node, RDF.type, BK.PerformanceGoal)
            add(goal_node, BK.number, literals.integer(goal.number))
            add(goal_node, BK.text, literals.zh(goal.text))
            self.location(goal_node, goal.location)
        for index, indicator in enumerate(project.indicators, start=1):
            self.indicator(node, iris.indicator(node, index), indicator)
        # A summary for queries: the categories a project lacks are looked up in the index,
        # where finding them means reading every indicator of every project in the store.
        present = {indicator.level1 for indicator in project.indicators}
        for level1 in _goals_profile(self.doc.template)["level1"]:
            if level1 not in present:
                add(node, BK.lacksLevel1, LEVEL[level1])
        for index, cell in enumerate(project.unattributed, start=1):
            self.unplaced(node, index, cell)
        # The table cites the document even where the reader cannot say which row does.
        for cited in project.cited:
            add(node, BK.cites, self.legal_document(cited))

    def indicator(self, project_node: NamedNode, node: NamedNode, found: Indicator) -> None:
        add = self.out.add
        add(node, RDF.type, BK.Indicator)
        add(node, BK.project, project_node)
        levels = _goals_profile(self.doc.template)
        for prop, key, label in ((BK.level1, found.level1, levels["level1"][found.level1]),
                                 (BK.level2, found.level2, found.level2_label)):
            concept = LEVEL[key]
            add(node, prop, concept)
            add(concept, RDF.type, SKOS.Concept)
            add(concept, SKOS.prefLabel, literals.zh(label))
        for prop, text in ((BK.indicatorName, found.name), (BK.description, found.description),
                           (BK.printedValue, found.value_text), (BK.comparator, found.comparator),
                           (BK.printedMeasureUnit, found.printed_unit), (BK.basisText, found.basis_text)):
            if text is not None:
                add(node, prop, literals.string(text))
        if found.value is not None:
            add(node, BK.targetValue, literals.decimal(found.value))
        if found.measure_unit is not None:
            measure = NamedNode(_goals_profile(self.doc.template)["measure_iris"][found.measure_unit])
            add(node, BK.measureUnit, measure)
            add(measure, RDFS.label, literals.string(found.measure_unit))
        if (basis := found.basis) is not None:
            for cited in basis.documents:
                add(node, BK.basis, self.legal_document(cited))
            if basis.concept is not None:
                concept = iris.basis_concept(basis.concept)
                add(node, BK.basis, concept)
                add(concept, RDF.type, BK.BasisConcept)
                add(concept, RDF.type, SKOS.Concept)
                add(concept, SKOS.prefLabel, literals.zh(_basis_labels()[basis.concept]))
        self.location(node, found.location)

    def citations(self, unit: Unit) -> None:
        """A summary for queries: how many of the unit's indicators, and of its projects, cite
        each legal document as their basis, so that a count across the store reads one node
        per unit, year and document instead of every citing indicator."""
        add, citing = self.out.add, {}
        # Counted by IRI, as a query counting distinct nodes would: a number printed twice
        # is one project.
        for project in unit.projects:
            for index, indicator in enumerate(project.indicators, start=1):
                for cited in indicator.basis.documents if indicator.basis is not None else ():
                    indicators, projects = citing.setdefault(cited.canonical, (set(), set()))
                    indicators.add((project.number, index))
                    projects.add(project.number)
        for canonical, (indicators, projects) in citing.items():
            node = iris.citations(self.base, unit.code, unit.year, canonical)
            add(node, RDF.type, BK.CitationCount)
            add(node, BK.citedDocument, iris.legal_document(self.base, canonical))
            add(node, BK.unit, iris.unit(self.base, unit.code))
            add(node, BK.year, literals.year(unit.year))
            add(node, BK.citingIndicators, literals.integer(len(indicators)))
            add(node, BK.citingProjects, literals.integer(len(projects)))

    def legal_document(self, cited) -> NamedNode:
        add, node = self.out.add, iris.legal_document(self.base, cited.canonical)
        add(node, RDF.type, BK.LegalDocument)
        add(node, RDF.type, ELI.LegalResource)
        add(node, BK.documentNumber, literals.string(cited.canonical))
        add(node, RDFS.label, literals.zh(cited.printed))
        return node

    # -- what document checks read from the printed text ---------------------------

    def printed(self) -> None:
        add, doc = self.out.add, self.doc
        for index, title in enumerate(doc.titles, start=1):
            node = iris.printed_title(self.document, index)
            add(self.document, BK.printsTitle, node)
            add(node, RDF.type, BK.PrintedTitle)
            add(node, BK.text, literals.string(title.text))
            for year in title.years:
                add(node, BK.titleYear, literals.year(year))
            unit = next((u for u in doc.units if u.code == title.unit), None)
            if unit is not None and title.location.table is not None:
                add(node, BK.titleOf, iris.table(self.base, unit.code, unit.year, title.location.table))
            elif unit is not None and unit.narrative is not None:
                add(node, BK.titleOf, iris.narrative(self.base, unit.code, unit.year))
            self.location(node, title.location)
        self.goal_table_projects()
        for index, phrase in enumerate(doc.phrases, start=1):
            node = iris.printed_phrase(self.document, index)
            add(self.document, BK.printsPhrase, node)
            add(node, RDF.type, BK.PrintedPhrase)
            add(node, BK.phraseKind, literals.string(phrase.kind))
            add(node, BK.text, literals.string(phrase.text))
            add(node, BK.context, literals.string(phrase.context))
            self.location(node, phrase.location)

    def goal_table_projects(self) -> None:
        """The projects the 绩效目标表 name with the 资金总额 they print, found by the PDF
        layout reader or by the goals reader: the goal tables' funds, for the check
        against the unit's 项目支出."""
        add, doc = self.out.add, self.doc
        printed = [(unit.code, name, funds, found.currency, found.pages)
                   for found in doc.recognised for name, funds in found.projects
                   if (unit := next((u for u in doc.units if u.name == found.unit), None)) is not None]
        # A goal table the layout reader read (a PDF whose template has goal tables) is not read again.
        read = {(unit, page) for unit, *_, pages in printed for page in pages}
        printed += [(unit.code, project.title, project.funds, project.funds_currency, (project.location.page,))
                    for unit in doc.units for project in unit.projects
                    if (unit.code, project.location.page) not in read]
        printed = [p for p in printed if p[2] is not None]
        for index, (unit, name, funds, currency, pages) in enumerate(printed, start=1):
            node = iris.goal_table_project(self.document, index)
            add(self.document, BK.goalTableProject, node)
            add(node, RDF.type, BK.GoalTableProject)
            add(node, BK.projectOf, iris.unit(self.base, unit))
            add(node, BK.printedName, literals.zh(name))
            add(node, BK.amount, literals.decimal(funds))
            add(node, BK.printedAmount, literals.string(literals.plain(funds)))
            # Without a printed unit the funds cannot be compared with a table's amounts.
            yuan = literals.in_yuan(funds, currency) if currency else None
            if yuan is not None:
                add(node, BK.amountYuan, literals.decimal(yuan))
                add(node, BK.printedUnit, literals.string(currency))
            add(node, BK.page, literals.integer(pages[0]))

    # -- what the parser could not reconcile -----------------------------------------

    def identity_break(self, unit: Unit, table_node: NamedNode, found) -> None:
        add = self.out.add
        line_node = iris.line(self.base, unit.code, unit.year, found.table, found.row)
        cell = iris.cell(line_node, found.column)
        node = iris.identity_break(cell, found.kind)
        add(table_node, BK.identityBreak, node)
        add(node, RDF.type, BK.IdentityBreak)
        add(node, BK.breakKind, literals.string(found.kind))
        add(node, BK.atCell, cell)
        add(node, BK.expected, literals.decimal(found.expected))
        add(node, BK.actual, literals.decimal(found.actual))
        self.location(node, found.location)

    def unplaced(self, table_node: NamedNode, index: int, token) -> None:
        add, node = self.out.add, iris.unplaced(table_node, index)
        add(table_node, BK.unplacedToken, node)
        add(node, RDF.type, BK.UnplacedToken)
        add(node, BK.text, literals.string(token.text))
        add(node, BK.reason, literals.string(token.reason))
        self.location(node, token.location)

    def location(self, node: NamedNode, where) -> None:
        self.out.add(node, BK.page, literals.integer(where.page))
        if where.line:
            self.out.add(node, BK.textLine, literals.integer(where.line))


@lru_cache(maxsize=None)
def _goals_profile(template: str) -> dict:
    return read_yaml(resource("mappings", "goals", f"{template}.yaml"))


@lru_cache(maxsize=None)
def _basis_labels() -> dict[str, str]:
    data = read_yaml(resource("mappings", "basis-concepts.yaml"))
    return {key: concept["label"] for key, concept in data["concepts"].items()}


def _unique(keys):
    """The keys in order, a repeat of an earlier key suffixed ``-2``, ``-3``, …

    Narrative items are named by their printed number or key; a document that prints
    the same number twice must still give two nodes, not one node with two texts.

    >>> list(_unique([1, 2, 2, "a", "a", "a"]))
    [1, 2, '2-2', 'a', 'a-2', 'a-3']
    """
    seen: dict[object, int] = {}
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        yield key if seen[key] == 1 else f"{key}-{seen[key]}"


def _cells_in_column_order(table: Table, line: Line):
    """The line's printed amounts, in the table's column order, unknown columns last."""
    order = {column: i for i, column in enumerate(table.columns)}
    return sorted(line.values.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))


def _classification(table: Table, code: str | None) -> str | None:
    """Which code list a line's code belongs to.

    Classified tables say so themselves. Summary tables mix labelled rows with
    class rows (``208``) and name no classification; there the code tells, by the
    structure of 政府收支分类科目 (see :func:`kg.codes.classification_of`).
    """
    if table.classification:
        return table.classification
    found = classification_of(code) if code else None
    return found if found in _LINE_CLASS else None
