"""Validate one document's graph with pySHACL, and turn its results into findings.

pySHACL runs on a plain in-memory rdflib graph of one document (never over an
Oxigraph-backed graph: measured about 200× slower, with false ``sh:in`` results).
The code lists are added to that graph, so the code shapes can compare against them,
and so are the equations the document's tables must satisfy (:mod:`kg.validate.equations`).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import cache

from pyoxigraph import Quad, RdfFormat, Triple, serialize
from rdflib import RDF, SKOS, XSD, BNode, Graph, Literal, Namespace, URIRef

from kg.codes import former_names
from kg.rdf import vocab
from kg.validate.causes import attribute, write_causes
from kg.validate.equations import CHECK, equations_graph
from kg.validate.report import Finding, Task
from kg.validate.shapes import _SEVERITY, SH, codelists_graph, listed_years, read_message, shape_id, shapes_graph

BK = Namespace(vocab.BK.prefix)
ORG = Namespace(vocab.ORG.prefix)

__all__ = ["PreparedQueries", "code_facts", "finding", "graph_from_quads", "order", "printed_scale", "reference", "validate_graph",
           "with_printed_scale"]


def graph_from_quads(quads: list[Quad]) -> Graph:
    """A plain rdflib graph of the quads' triples (their graph name dropped)."""
    data = serialize((Triple(q.subject, q.predicate, q.object) for q in quads), format=RdfFormat.N_TRIPLES)
    return graph_from_ntriples(data or b"")


def graph_from_ntriples(data: bytes) -> Graph:
    graph = Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def with_printed_scale(graph: Graph) -> Graph:
    """Give every amount back the decimals it was printed with (``33`` → ``33.00``), in place.

    A store rewrites decimal lexical forms (3.00 → 3), and a message shows an amount (or a
    sum of amounts) in its literal's form; ``bk:printedAmount`` keeps the printed text, so
    that a finding reads the same whether the document was validated from its file or
    from a store. ``bk:amountYuan`` is the amount times a whole factor: the same decimals.

    >>> g = Graph()
    >>> cell = URIRef("http://example.org/cell")
    >>> _ = g.add((cell, BK.amount, Literal("33", datatype=XSD.decimal)))
    >>> _ = g.add((cell, BK.printedAmount, Literal("33.00")))
    >>> str(with_printed_scale(g).value(cell, BK.amount))
    '33.00'
    """
    for node, printed in list(graph.subject_objects(BK.printedAmount)):
        for predicate in (BK.amount, BK.amountYuan):
            for value in list(graph.objects(node, predicate)):
                text = printed_scale(str(value), str(printed))
                if text is not None:
                    graph.remove((node, predicate, value))
                    graph.add((node, predicate, Literal(text, datatype=XSD.decimal)))
    return graph


def printed_scale(value: str, printed: str) -> str | None:
    """A decimal's text with as many decimals as ``printed`` shows (``None``: either is no number).

    >>> printed_scale("33", "33.00"), printed_scale("1200", "1200.5"), printed_scale("33", "-")
    ('33.00', '1200.0', None)
    """
    try:
        return format(Decimal(value).quantize(Decimal(1).scaleb(Decimal(printed).as_tuple().exponent)), "f")
    except InvalidOperation:
        return None


def validate_graph(data: Graph, document: str | None = None, graph: str | None = None) -> Task:
    """Run every shape on one document's graph.

    :param data: the document's triples (left unchanged)
    :param document: the name findings carry (default: the source file name in the graph)
    :param graph: the IRI of the document's named graph, for the report
    :returns: a :class:`Task` with the findings and the W3C results as N-Triples
    """
    triples = len(data)
    document = document or _file_name(data) or graph or "document"
    mixed = PreparedQueries()
    mixed += data
    # Only the reference labels of the codes this document uses: the whole lists would
    # triple the graph, and pySHACL's SPARQL cost grows with it.
    for concept in set(data.objects(None, BK.functionalClassification)) | set(data.objects(None, BK.economicClassification)):
        for predicate, value in code_facts(concept):
            mixed.add((concept, predicate, value))
    mixed += equations_graph(data)
    # Imported here, not with the module: the default engine reads its results through this
    # module too, and importing pySHACL costs 0.2 s of CPU that a `kg validate FILE` need not pay.
    from pyshacl import validate as shacl_validate

    _, results, _ = shacl_validate(
        mixed,
        shacl_graph=shapes_graph(),
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=False,
        do_owl_imports=False,
        inplace=True,  # ``mixed`` is ours; a copy would also lose its query cache
    )
    findings, causes = findings_and_causes(results, mixed, document)
    return Task(
        document=document,
        graph=graph,
        findings=findings,
        triples=triples,
        shacl=results.serialize(format="nt"),
        causes=causes,
    )


def findings_and_causes(results: Graph, data: Graph, document: str) -> tuple[list[Finding], list]:
    """A SHACL report's results as findings in report order, with the misprints that explain them.

    Both engines' reports go through here, so they number, order and attribute alike; the
    causes are also written into ``results`` (``bk:cause``).
    """
    found = sorted(((finding(result, results, data, document), result)
                    for result in results.subjects(RDF.type, SH.ValidationResult)), key=lambda pair: order(pair[0]))
    findings, causes = attribute([each for each, _ in found], data, locate)
    write_causes(results, [result for _, result in found], findings, causes)
    return findings, causes


@cache
def code_facts(concept: URIRef) -> tuple[tuple[URIRef, Literal], ...]:
    """What validation adds to a document about a code it uses: the code's reference
    names (``skos:prefLabel``), the names it still had in the document's year that the
    list no longer gives it (``skos:altLabel``, from ``former_names.csv``), its class's
    names (``check:classLabel``) and which list they come from (``check:codeList``).

    The lists name every class (类) but only the 款 and 项 codes observed in disclosures,
    so a code's class is what can be known missing.
    """
    listed, scheme = reference(concept)
    lists = codelists_graph()
    facts = [(SKOS.prefLabel, label) for label in lists.objects(listed, SKOS.prefLabel)]
    classification, year, code = str(concept).rsplit("/", 3)[1:]
    facts += [(SKOS.altLabel, Literal(name, lang="zh")) for name in former_names(classification, code, int(year))]
    listed_class = URIRef(f"{str(listed).rsplit('/', 1)[0]}/{code[:3]}")
    facts += [(CHECK.classLabel, label) for label in lists.objects(listed_class, SKOS.prefLabel)]
    facts.append((CHECK.codeList, Literal(scheme)))
    return tuple(facts)


def reference(concept: URIRef) -> tuple[URIRef, str]:
    """The code-list concept to check ``concept`` against, and its list ("function/2023").

    We have lists for some years only (ontology/codelists/); a code of another year is
    checked against the nearest year we have, earlier first, and the message says so.
    """
    classification, year, code = str(concept).rsplit("/", 3)[1:]
    years = listed_years(classification)
    if not years or int(year) in years:
        return concept, f"{classification}/{year}"
    nearest = min(years, key=lambda y: (abs(y - int(year)), y > int(year)))
    return URIRef(str(concept).replace(f"/{classification}/{year}/", f"/{classification}/{nearest}/")), f"{classification}/{nearest}"


class PreparedQueries(Graph):
    """A graph that parses each SPARQL text once per process.

    pySHACL hands every constraint's query to ``Graph.query`` as text, and rdflib parses
    it again on each call. Measured on a generated document: 0.98 s per validation
    without this cache, 0.24 s with it. Validation only reads, so one parsed query
    serves every document.
    """

    def query(self, query_object, *args, **kwargs):
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@cache
def _prepared(text: str):
    # rdflib's SPARQL (0.08 s of CPU to import) is needed only once a constraint has fired.
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


def order(f: Finding) -> tuple:
    """How a task lists its findings: by unit, table, page, row, column, then shape."""
    return (f.unit or "", f.table or "", f.page or 0, f.row or "", f.column or "", f.code, f.message)


def _file_name(data: Graph) -> str | None:
    name = next(data.objects(None, BK.fileName), None)
    return str(name) if name is not None else None


def finding(result, results: Graph, data: Graph, document: str) -> Finding:
    """The :class:`Finding` of one ``sh:ValidationResult`` (both engines' results are read here).

    The result's messages get back the language pySHACL drops (in ``results``, in place).
    """
    shape = results.value(result, SH.sourceShape)
    constraint = results.value(result, SH.sourceConstraint)
    severity = _SEVERITY.get(results.value(result, SH.resultSeverity), "violation")
    node = results.value(result, SH.value)
    focus = results.value(result, SH.focusNode)
    if node is None or isinstance(node, Literal):
        node = focus
    texts: dict[str, str] = {}
    bound_by_language: dict[str, dict[str, str]] = {}
    for message in list(results.objects(result, SH.resultMessage)):
        language = message.language
        if constraint is not None and not language:
            read = read_message(constraint, str(message))
            if read is not None:
                language, bound = read
                bound_by_language[language] = bound
                # Give the W3C report back the language pySHACL dropped.
                results.remove((result, SH.resultMessage, message))
                results.add((result, SH.resultMessage, Literal(str(message), lang=language or None)))
        texts[language or ""] = str(message)
    # The English template separates every variable; Chinese ones may not (33.00万元).
    values = {**bound_by_language.get("zh", {}), **bound_by_language.get("en", {})}
    place = locate(data, node)
    return Finding(
        code=shape_id(_parent_shape(shape)),
        severity=severity,
        document=document,
        message=texts.get("en") or texts.get("") or next(iter(texts.values()), ""),
        message_zh=texts.get("zh", ""),
        values={k: v for k, v in values.items() if k in _VALUE_NAMES},
        node=str(node) if isinstance(node, URIRef) else None,
        **place,
    )


#: Message variables that are values (amounts, names) rather than positions.
_VALUE_NAMES = {
    "expected", "actual", "diff", "stated", "printed", "planned", "procurement", "rule", "name",
    "reference", "parentCode", "target", "note", "project", "levelEn", "fact", "rowB", "columnB", "titleB",
    "tableUnit", "tokens", "pages", "class", "part", "partAmount", "totals",
}


def _parent_shape(shape):
    """A property shape reports as the node shape that holds it (which carries the id)."""
    if isinstance(shape, BNode):
        parent = shapes_graph().value(None, SH.property, shape)
        if parent is not None:
            return parent
    return shape


def locate(data: Graph, node) -> dict[str, object]:
    """Unit, table, page, row and column of a node of a document graph.

    The node is a cell, a row, a table, a narrative fact, a project or an indicator;
    of anything else printed at a place (a title, a placeholder), the page.
    """
    place: dict[str, object] = {"unit": None, "table": None, "page": None, "row": None, "column": None}
    if node is None:
        return place
    column = data.value(node, BK.column)
    if column is not None:
        place["column"] = str(column).rsplit("/", 1)[-1]
        node = data.value(None, BK.cell, node) or node
    table = data.value(node, BK.table)
    if table is not None:
        place["row"] = _text(data.value(node, BK.rowKey))
        place["page"] = _int(data.value(node, BK.page))
    elif data.value(node, BK.tableKey) is not None:
        table = node
        pages = sorted(int(p) for p in data.objects(node, BK.page))
        place["page"] = pages[0] if pages else None
    if table is not None:
        place["table"] = _text(data.value(table, BK.tableKey))
        place["unit"] = _text(data.value(data.value(table, BK.unit), ORG.identifier))
        return place
    fact_key = data.value(node, BK.factKey)
    if fact_key is not None:
        narrative = data.value(None, BK.fact, node)
        place.update(table="narrative", row=str(fact_key), page=_int(data.value(node, BK.page)))
        place["unit"] = _text(data.value(data.value(narrative, BK.unit), ORG.identifier))
        return place
    project = data.value(node, BK.project)
    if (node, RDF.type, BK.Indicator) in data or project is not None:
        place.update(row=_text(data.value(node, BK.indicatorName)), page=_int(data.value(node, BK.page)))
        node = project if project is not None else node
        place["table"] = "performance"
        place["unit"] = _text(data.value(data.value(node, BK.unit), ORG.identifier))
        if place["page"] is None:
            place["page"] = _int(data.value(node, BK.page))
        return place
    if (node, RDF.type, BK.Project) in data:
        place.update(table="performance", row=_text(data.value(node, BK.title)), page=_int(data.value(node, BK.page)))
        place["unit"] = _text(data.value(data.value(node, BK.unit), ORG.identifier))
        return place
    # Anything else printed at a place (a narrative's heading, a placeholder, a goal table's
    # project): its page, and the unit of the narrative it heads or of the project.
    place["page"] = _int(data.value(node, BK.page))
    narrative = data.value(node, BK.titleOf)
    if narrative is not None:
        place.update(table="narrative", unit=_text(data.value(data.value(narrative, BK.unit), ORG.identifier)))
    elif (owner := data.value(node, BK.projectOf)) is not None:
        place.update(table="performance", row=_text(data.value(node, BK.printedName)),
                     unit=_text(data.value(owner, ORG.identifier)))
    return place


def _text(value) -> str | None:
    return str(value) if value is not None else None


def _int(value) -> int | None:
    return int(value) if value is not None else None
