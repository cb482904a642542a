"""The shapes, run by Oxigraph: each SHACL-SPARQL constraint as one query per focus node.

The default engine of ``kg validate`` (``--engine oxigraph``). pySHACL stays the
reference (``--engine pyshacl``, :mod:`kg.validate.document`); both read the same shapes
and give the same findings (``tests/test_validate_engines.py``).

A document is validated in a small in-memory Oxigraph store of its own: its triples,
the equations its tables must satisfy (:mod:`kg.validate.equations`), the code-list
names of the codes it uses: what pySHACL sees in its rdflib graph. Each shape's focus
nodes come from its targets by SPARQL; each ``sh:sparql`` constraint runs with ``$this``
pre-bound (Oxigraph's substitutions, SEP-0007, the pre-binding SHACL-SPARQL asks for).

Only what the shapes use is implemented: node shapes with ``sh:targetClass``,
``sh:targetNode``, ``sh:targetSubjectsOf`` or ``sh:targetObjectsOf``, a severity, and
SELECT-based SPARQL constraints (with ``sh:prefixes``). A shape using anything else of
SHACL raises :class:`UnsupportedShape` naming it: it is never silently ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.store import Store

from kg.errors import BudgetKgError
from kg.rdf import vocab
from kg.rdf.iris import cell
from kg.validate.equations import Line, Table, Terms, write_equations
from kg.validate.report import Task
from kg.validate.shapes import SH, shape_id, shapes_graph

__all__ = ["UnsupportedShape", "compiled_shapes", "validate_quads", "validate_store_graph"]

THIS = ox.Variable("this")
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")
_XSD_DECIMAL = ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
#: Literals a store keeps as written
_PLAIN = frozenset({_XSD_STRING, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#langString")})


class UnsupportedShape(BudgetKgError):
    """A shape uses a part of SHACL this engine does not implement (use ``--engine pyshacl``)."""


@dataclass(frozen=True)
class Constraint:
    """One ``sh:sparql`` constraint: its node (for the report), query and message templates."""

    node: object
    query: str
    messages: tuple[Literal, ...]


@dataclass(frozen=True)
class CompiledShape:
    """A node shape: its id, severity, the query of its focus nodes and its constraints."""

    node: URIRef
    code: str
    severity: URIRef
    targets: str
    constraints: tuple[Constraint, ...]


#: What a shape may say, beyond names and documentation outside the ``sh:`` namespace.
_SHAPE_TERMS = {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.severity, SH.sparql,
                SH.deactivated, SH.message}
_CONSTRAINT_TERMS = {SH.select, SH.message, SH.prefixes, SH.deactivated}


@cache
def compiled_shapes() -> tuple[CompiledShape, ...]:
    """Every shape of ``ontology/shapes/``, checked for what this engine supports.

    :raises UnsupportedShape: naming the shape and the SHACL term it uses
    """
    graph = shapes_graph()
    shapes = []
    for node in sorted(_shape_nodes(graph), key=str):
        used = {p for p in graph.predicates(node) if str(p).startswith(str(SH))}
        unknown = sorted(str(p) for p in used - _SHAPE_TERMS)
        if unknown or (node, RDF.type, SH.PropertyShape) in graph:
            what = ", ".join(unknown) or "sh:PropertyShape"
            raise UnsupportedShape(f"shape {shape_id(node)} uses {what}, which the Oxigraph engine does not "
                                   "implement; validate with --engine pyshacl, or implement it in kg/validate/engine.py")
        if (node, SH.deactivated, Literal(True)) in graph:
            continue
        constraints = tuple(_constraint(graph, node, c) for c in sorted(graph.objects(node, SH.sparql), key=str)
                            if (c, SH.deactivated, Literal(True)) not in graph)
        shapes.append(CompiledShape(
            node=node,
            code=shape_id(node),
            severity=graph.value(node, SH.severity, default=SH.Violation),
            targets=_targets(graph, node),
            constraints=constraints,
        ))
    return tuple(shapes)


def _shape_nodes(graph: Graph) -> set:
    nodes = set(graph.subjects(RDF.type, SH.NodeShape)) | set(graph.subjects(RDF.type, SH.PropertyShape))
    for term in _SHAPE_TERMS - {SH.message, SH.deactivated}:
        nodes |= set(graph.subjects(term, None))
    return {n for n in nodes if not isinstance(n, BNode) or graph.value(None, SH.sparql, n) is None}


def _targets(graph: Graph, node) -> str:
    """A SELECT of the shape's focus nodes as ``?this`` (empty when it has no target)."""
    parts = [f"{{ ?this a/<{RDFS.subClassOf}>* <{c}> }}" for c in sorted(graph.objects(node, SH.targetClass))]
    # A shape that is also a class targets its instances (SHACL 2.1.3.3, implicit class target).
    if (node, RDF.type, RDFS.Class) in graph or (node, RDF.type, OWL.Class) in graph:
        parts.append(f"{{ ?this a/<{RDFS.subClassOf}>* <{node}> }}")
    parts += [f"{{ VALUES ?this {{ {_sparql_term(n)} }} }}" for n in sorted(graph.objects(node, SH.targetNode))]
    parts += [f"{{ ?this <{p}> ?object }}" for p in sorted(graph.objects(node, SH.targetSubjectsOf))]
    parts += [f"{{ ?subject <{p}> ?this }}" for p in sorted(graph.objects(node, SH.targetObjectsOf))]
    return f"SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }}" if parts else ""


def _sparql_term(term) -> str:
    if isinstance(term, URIRef):
        return f"<{term}>"
    return Literal(term).n3()


def _constraint(graph: Graph, shape, node) -> Constraint:
    unknown = sorted(str(p) for p in graph.predicates(node) if str(p).startswith(str(SH)) and p not in _CONSTRAINT_TERMS)
    select = graph.value(node, SH.select)
    if unknown or select is None:
        what = ", ".join(unknown) or "a SPARQL constraint without sh:select"
        raise UnsupportedShape(f"shape {shape_id(shape)} uses {what}, which the Oxigraph engine does not implement; "
                               "validate with --engine pyshacl")
    return Constraint(node=node, query=_prefixes(graph, node) + str(select),
                      messages=tuple(sorted(graph.objects(node, SH.message), key=str)))


def _prefixes(graph: Graph, node) -> str:
    """The PREFIX lines of ``sh:prefixes`` (the ``sh:declare`` of each named ontology)."""
    lines = []
    for ontology in graph.objects(node, SH.prefixes):
        for declaration in graph.objects(ontology, SH.declare):
            prefix, namespace = graph.value(declaration, SH.prefix), graph.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(lines))


def validate_quads(quads: list[ox.Quad], document: str | None = None, graph: str | None = None, *,
                   stored: bool = False) -> Task:
    """Run every shape on one document's quads.

    :param quads: the document's statements, from the mapping or from a store
    :param document: the name findings carry (default: the source file name in the graph)
    :param graph: the IRI of the document's named graph, for the report
    :param stored: the quads come from a store, which keeps decimals by value (3.00 is 3)
    """
    scratch = ox.Store()
    scratch.extend(quads)  # in their own graph: every query reads the union
    return _validate(scratch, quads, document, graph, stored)


def validate_store_graph(store: ox.Store, graph: str) -> Task:
    """Run every shape on one named graph of a store, copied by Oxigraph (no Python object per statement)."""
    scratch = ox.Store()
    scratch.load(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)),
                 format=ox.RdfFormat.N_TRIPLES)
    return _validate(scratch, None, None, graph, stored=True)


#: Where the scratch store keeps what validation adds to a document (equations, code-list
#: names): the document's own statements stay alone in their graph (or the default one), and
#: every query reads the union.
_DERIVED = ox.NamedNode("urn:x-budget-kg:derived")


def _validate(scratch: ox.Store, quads: list[ox.Quad] | None, document: str | None, graph: str | None,
              stored: bool) -> Task:
    triples = len(scratch)
    derived = _derived(scratch)
    scratch.extend(derived)
    fired = [(shape, constraint, focus) for shape, constraint, focus in _checks(scratch)
             if _fires(scratch, constraint, focus)]
    if not fired:
        return Task(document=document or _file_name(scratch) or graph or "document", graph=graph, triples=triples,
                    shacl=_report(conforms=True)[0].serialize(format="nt"))
    return _described(scratch, fired, None if stored else quads, derived, document, graph, triples)


def _checks(scratch: ox.Store):
    """Each constraint of each shape with each of the shape's focus nodes."""
    for shape in compiled_shapes():
        if not shape.targets:
            continue
        focus_nodes = [row["this"] for row in scratch.query(shape.targets, use_default_graph_as_union=True)]
        for constraint in shape.constraints:
            for focus in focus_nodes:
                yield shape, constraint, focus


def _fires(scratch: ox.Store, constraint: Constraint, focus) -> bool:
    """Whether the constraint has a result at this focus node."""
    return next(iter(scratch.query(constraint.query, substitutions={THIS: focus}, use_default_graph_as_union=True)),
                None) is not None


def _described(scratch: ox.Store, fired: list, quads: list[ox.Quad] | None, derived: list[ox.Quad],
               document: str | None, graph: str | None, triples: int) -> Task:
    """The results of the constraints that fired, with their amounts as printed.

    Oxigraph keeps a decimal by value (3.00 is 3), and a message shows an amount, or a sum,
    with the decimals it was printed with (as rdflib's decimals keep them). So the rows of a
    constraint that fired are read again by rdflib, over a view of the scratch store that
    gives each literal its form back (:class:`_PrintedView`); a document with no result
    (most) never needs that.
    """
    from kg.validate.document import PreparedQueries, findings_and_causes

    view = _PrintedView(scratch, derived + (quads or []), from_store=quads is None)
    mixed = PreparedQueries(store=view)
    document = document or _file_name_of(mixed) or graph or "document"
    results, report = _report(conforms=False)
    for shape, constraint, focus in fired:
        for bound in _rows(scratch, mixed, view, constraint, focus):
            results.add((report, SH.result, _result(results, shape, constraint, bound)))
    findings, causes = findings_and_causes(results, mixed, document)
    return Task(document=document, graph=graph, findings=findings, triples=triples, shacl=results.serialize(format="nt"),
                causes=causes)


class _PrintedView(Store):
    """The scratch store as a read-only rdflib store, each statement converted when asked for.

    rdflib reads only what the fired constraints and their findings touch, mostly a few hundred
    of a document's ten thousand statements: filling an rdflib graph with all of them took
    0.14 s of the 0.35 s a sample copy's validation took. A literal gets back the form rdflib
    would have: the one written (``written``: the equations, and the mapping's statements when
    the document was not read from a store), or, for an amount read from a store, the decimals
    of its ``bk:printedAmount`` (:func:`kg.validate.document.printed_scale`), as the pySHACL
    engine reads it.
    """

    def __init__(self, scratch: ox.Store, written: list[ox.Quad], from_store: bool):
        super().__init__()
        self.scratch = scratch
        self.from_store = from_store
        #: Oxigraph's blank node label → rdflib's blank node, and back, as the view meets them
        self.blanks: dict[str, BNode] = {}
        self.labels: dict[BNode, ox.BlankNode] = {}
        #: (subject, predicate) → the typed literals written there
        self.forms: dict[tuple, list[ox.Literal]] = {}
        for quad in written:
            if type(quad.object) is ox.Literal and quad.object.datatype not in _PLAIN:
                self.forms.setdefault((quad.subject, quad.predicate), []).append(quad.object)
        self.rdflib_terms: dict = {}
        self.ox_terms: dict = {}

    def triples(self, pattern, context=None):
        subject, predicate, value = (None if term is None else self._ox(term) for term in pattern)
        if isinstance(subject, ox.Literal) or isinstance(predicate, (ox.Literal, ox.BlankNode)):
            return
        for quad in self.scratch.quads_for_pattern(subject, predicate, value):
            triple = (self._rdflib(quad.subject), self._rdflib(quad.predicate), self._rdflib(self._as_written(quad)))
            # Oxigraph matches a literal by its value, rdflib's own store by its form.
            if pattern[2] is None or triple[2] == pattern[2]:
                yield triple, iter(())

    def __len__(self, context=None) -> int:
        return len(self.scratch)

    def _as_written(self, quad: ox.Quad):
        value = quad.object
        if type(value) is not ox.Literal or value.datatype in _PLAIN:
            return value
        form = next((form for form in self.forms.get((quad.subject, quad.predicate), ())
                     if _same_value(form, value)), None)
        if form is not None:
            return form
        if self.from_store and quad.predicate in _SCALED:
            from kg.validate.document import printed_scale

            printed = next(self.scratch.quads_for_pattern(quad.subject, _PRINTED_AMOUNT, None), None)
            text = printed_scale(value.value, printed.object.value) if printed is not None else None
            if text is not None:
                return ox.Literal(text, datatype=value.datatype)
        return value

    def _rdflib(self, term):
        made = self.rdflib_terms.get(term)
        if made is None:
            made = self.rdflib_terms[term] = _rdflib(term, self.blanks)
            if type(term) is ox.BlankNode:
                self.labels[made] = term
        return made

    def _ox(self, term):
        if isinstance(term, BNode):
            return self.labels.get(term) or ox.BlankNode()  # a blank node the store does not have matches nothing
        made = self.ox_terms.get(term)
        if made is None:
            made = self.ox_terms[term] = _ox(term, {})
        return made


def _same_value(written: ox.Literal, stored: ox.Literal) -> bool:
    """Whether a literal as written is the one a store gave back (canonical, for a decimal)."""
    if written.datatype != stored.datatype:
        return False
    if written.datatype == _XSD_DECIMAL:
        try:
            return Decimal(written.value) == Decimal(stored.value)
        except InvalidOperation:
            return False
    return written.value == stored.value


_PRINTED_AMOUNT = vocab.BK.printedAmount
_SCALED = frozenset({vocab.BK.amount, vocab.BK.amountYuan})


def _report(conforms: bool) -> tuple[Graph, BNode]:
    """An empty ``sh:ValidationReport``, and its node."""
    results, report = Graph(), BNode()
    results.add((report, RDF.type, SH.ValidationReport))
    results.add((report, SH.conforms, Literal(conforms)))
    return results, report


def _rows(scratch: ox.Store, data: Graph, view: _PrintedView, constraint: Constraint, focus) -> list[dict]:
    """The distinct result rows of a constraint at a focus node, as pySHACL takes them.

    rdflib evaluates some constraints slowly with only ``$this`` bound (0.5 s for
    BK-NARR-AMOUNT on a real PDF), so Oxigraph first finds each result's value node and
    rdflib runs once per value node, bound like ``$this``: a result is its focus and value,
    so these rows are all of the focus node's. A value node that is not an IRI cannot be
    bound so (a literal's form is what rdflib is asked for), and then ``$this`` alone is.
    """
    this = view._rdflib(focus)  # through the view, which then knows a blank node's Oxigraph label
    values = {row["value"] for row in scratch.query(constraint.query, substitutions={THIS: focus},
                                                    use_default_graph_as_union=True)}
    bindings = [{"this": this, "value": view._rdflib(v)} for v in sorted(values, key=str)] \
        if all(isinstance(v, ox.NamedNode) for v in values) else [{"this": this}]
    rows = []
    for initial in bindings:
        for row in data.query(constraint.query, initBindings=initial):
            bound = {str(k): v for k, v in row.asdict().items()}
            if bound not in rows:
                rows.append(bound)
    return rows


def _result(results: Graph, shape: CompiledShape, constraint: Constraint, bound: dict) -> BNode:
    """One ``sh:ValidationResult``, its messages filled in as pySHACL fills them."""
    node = BNode()
    focus = bound.get("this")
    results.add((node, RDF.type, SH.ValidationResult))
    results.add((node, SH.focusNode, focus))
    # pySHACL reports the focus node as the value of a node shape's result without ?value.
    results.add((node, SH.value, bound["value"] if bound.get("value") is not None else focus))
    results.add((node, SH.resultSeverity, shape.severity))
    results.add((node, SH.sourceShape, shape.node))
    results.add((node, SH.sourceConstraint, constraint.node))
    # The constraint is a blank node of the shapes graph: pySHACL copies its statements along.
    for predicate, value in shapes_graph().predicate_objects(constraint.node):
        results.add((constraint.node, predicate, value))
    results.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
    for template in constraint.messages:
        text = str(template)
        for name, term in bound.items():
            text = re.sub(f"{{[?$]{name}}}", str(term).replace("\\", "\\\\"), text)
        results.add((node, SH.resultMessage, Literal(text)))
    return node


def _derived(scratch: ox.Store) -> list[ox.Quad]:
    """What the graph pySHACL validates holds beyond the document: code-list names, equations, row labels."""
    added: list[ox.Quad] = []
    for row in scratch.query(_CONCEPTS, use_default_graph_as_union=True):
        added += _concept_quads(row["c"].value)

    def add(triple: tuple) -> None:
        added.append(ox.Quad(*triple, _DERIVED))

    for document, template, units in _structure(scratch):
        write_equations(add, document, template, units, _EQUATION_TERMS)
    return added


_EQUATION_TERMS = Terms(node=ox.BlankNode, text=lru_cache(maxsize=1 << 16)(ox.Literal), check=vocab.CHECK,
                        type=ox.NamedNode(str(RDF.type)), cell=cell)
_CONCEPTS = f"""SELECT DISTINCT ?c WHERE {{ ?s <{vocab.BK.functionalClassification.value}>|<{vocab.BK.economicClassification.value}> ?c }}"""


@cache
def _concept_quads(concept: str) -> tuple[ox.Quad, ...]:
    """The reference names of a code (from the nearest year's list) and which list that is."""
    from kg.validate.document import code_facts

    node = ox.NamedNode(concept)
    return tuple(ox.Quad(node, ox.NamedNode(str(predicate)), _ox(value, {}), _DERIVED)
                 for predicate, value in code_facts(URIRef(concept)))


def _ox(term, blanks: dict) -> object:
    """An Oxigraph term for a term of rdflib (or one already of Oxigraph)."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        if term not in blanks:
            blanks[term] = ox.BlankNode()
        return blanks[term]
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype))) if term.datatype else ox.Literal(str(term))


_BK = vocab.BK.prefix
_STRUCTURE = {
    "documents": f"""SELECT ?document ?template WHERE {{
        ?document a <{_BK}BudgetDocument> . OPTIONAL {{ ?document <{_BK}template> ?template }} }}""",
    "tables": f"""SELECT ?document ?table ?key ?unit ?column ?unread ?currency WHERE {{
        ?table <{_BK}inDocument> ?document ; <{_BK}tableKey> ?key .
        OPTIONAL {{ ?table <{_BK}unit> ?unit }} OPTIONAL {{ ?table <{_BK}hasColumn> ?column }}
        OPTIONAL {{ ?table <{_BK}printedCurrencyUnit> ?currency }}
        BIND(EXISTS {{ ?table <{_BK}unplacedToken> ?token }} AS ?unread) }}""",
    "lines": f"""SELECT ?table ?line ?row ?code ?name WHERE {{
        ?line <{_BK}table> ?table . OPTIONAL {{ ?line <{_BK}rowKey> ?row }}
        OPTIONAL {{ ?line <{_BK}code> ?code }} OPTIONAL {{ ?line <{_BK}printedName> ?name }} }}""",
    "cells": f"""SELECT ?line ?cell ?column WHERE {{
        ?line <{_BK}table> ?table ; <{_BK}cell> ?cell . ?cell <{_BK}amount> ?amount .
        OPTIONAL {{ ?cell <{_BK}column> ?column }} }}""",
}


def _structure(scratch: ox.Store) -> list[tuple[object, str | None, dict[object, dict[str, Table]]]]:
    """Each document's tables by unit, as :mod:`kg.validate.equations` reads them from an rdflib graph."""
    documents = {row["document"]: row["template"] for row in scratch.query(_STRUCTURE["documents"], use_default_graph_as_union=True)}
    tables: dict[object, tuple[object, object, Table]] = {}
    for row in scratch.query(_STRUCTURE["tables"], use_default_graph_as_union=True):
        if row["document"] not in documents:
            continue
        if row["table"] not in tables:
            table = Table(row["table"], row["key"].value, set(), unread=row["unread"].value == "true",
                          currency=_text(row["currency"]))
            tables[row["table"]] = (row["document"], row["unit"], table)
        if row["column"] is not None:
            tables[row["table"]][2].columns.add(_local(row["column"]))
    lines: dict[object, Line] = {}
    for row in scratch.query(_STRUCTURE["lines"], use_default_graph_as_union=True):
        if row["table"] in tables:
            line = Line(row["line"], _text(row["row"]), _text(row["code"]), _text(row["name"]))
            lines[row["line"]] = line
            tables[row["table"]][2].lines[line.key] = line
    for row in scratch.query(_STRUCTURE["cells"], use_default_graph_as_union=True):
        if row["line"] in lines:
            lines[row["line"]].cells[_local(row["column"])] = row["cell"]
    out = []
    for document, template in documents.items():
        units: dict[object, dict[str, Table]] = {}
        for owner, unit, table in tables.values():
            if owner == document:
                units.setdefault(unit.value if unit is not None else "", {})[table.key] = table
        out.append((document, _text(template), units))
    return out


def _text(term) -> str | None:
    return term.value if term is not None else None


def _local(term) -> str:
    return str(term.value if term is not None else None).rsplit("/", 1)[-1]


def _rdflib(term, blanks: dict[str, BNode]):
    """An rdflib term for an Oxigraph one."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        if term.value not in blanks:
            blanks[term.value] = BNode()
        return blanks[term.value]
    if term.language:
        return Literal(term.value, lang=term.language)
    if term.datatype == _XSD_STRING:  # rdflib tells "a" from "a"^^xsd:string; RDF 1.1 and Oxigraph do not
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _file_name(scratch: ox.Store) -> str | None:
    for quad in scratch.quads_for_pattern(None, vocab.BK.fileName, None):
        return quad.object.value
    return None


def _file_name_of(data: Graph) -> str | None:
    name = next(data.objects(None, URIRef(vocab.BK.fileName.value)), None)
    return str(name) if name is not None else None
