"""JSON-LD written by hand: sorted, so equal graphs give byte-identical files.

rdflib's serializer follows its set order, which changes from run to run. The form
written here is flattened: one node object per subject, in IRI order, its properties
and values sorted, the published ``@context`` inline (the same object as the site's
``context.jsonld``), IRIs compacted with the ontology's prefixes.
"""

from __future__ import annotations

import functools
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from json.encoder import encode_basestring as _string

import pyoxigraph as ox

__all__ = ["context", "dataset_document", "graph_document"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def context(prefixes: Mapping[str, str]) -> dict[str, object]:
    """The ``@context``: one entry per prefix."""
    return {"@context": {name: prefixes[name] for name in sorted(prefixes)}}


class _Compactor:
    def __init__(self, prefixes: Mapping[str, str]):
        # Longest namespace first, so bkcol: wins over bk: for …/def/column/total.
        self.prefixes = sorted(prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
        # The same predicates, types and codes recur on every page: try the prefixes once per IRI.
        self.iri = functools.lru_cache(maxsize=1 << 16)(self._iri)

    def _iri(self, iri: str) -> str:
        for name, namespace in self.prefixes:
            if iri.startswith(namespace) and len(iri) > len(namespace) and not iri[len(namespace):].startswith("//"):
                return f"{name}:{iri[len(namespace):]}"
        return iri

    def term(self, term: ox.NamedNode | ox.BlankNode) -> str:
        return f"_:{term.value}" if isinstance(term, ox.BlankNode) else self.iri(term.value)

    def value(self, term: object) -> dict[str, str]:
        if isinstance(term, ox.Literal):
            if term.language:
                return {"@value": term.value, "@language": term.language}
            if term.datatype.value in (_XSD_STRING, _RDF_LANG_STRING):
                return {"@value": term.value}
            return {"@value": term.value, "@type": self.iri(term.datatype.value)}
        return {"@id": self.term(term)}


@functools.lru_cache(maxsize=4)
def _compactor(prefixes: tuple[tuple[str, str], ...]) -> _Compactor:
    """One compactor per set of prefixes, so that its IRIs stay compacted from one page to the next."""
    return _Compactor(dict(prefixes))


def _nodes(triples: Iterable[ox.Triple], compact: _Compactor) -> list[dict[str, object]]:
    by_subject: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for triple in triples:
        subject = compact.term(triple.subject)
        if triple.predicate.value == _RDF_TYPE and isinstance(triple.object, ox.NamedNode):
            by_subject[subject]["@type"].append(compact.iri(triple.object.value))
        else:
            by_subject[subject][compact.iri(triple.predicate.value)].append(compact.value(triple.object))
    nodes = []
    for subject in sorted(by_subject):
        node: dict[str, object] = {"@id": subject}
        for key in sorted(by_subject[subject]):
            values = by_subject[subject][key]
            node[key] = sorted(set(values)) if key == "@type" else _sorted_values(values)
        nodes.append(node)
    return nodes


#: The text values are ordered by (their JSON with sorted keys); one encoder instead of one per value.
_KEY = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _sorted_values(values: list[dict[str, str]]) -> list[dict[str, str]]:
    unique = {_KEY(v): v for v in values}
    return [unique[key] for key in sorted(unique)]


def graph_document(triples: Iterable[ox.Triple], prefixes: Mapping[str, str]) -> dict[str, object]:
    """One graph (no graph names) as a JSON-LD document with the context inline.

    >>> s, p = ox.NamedNode("https://budget-kg.org/def/x"), ox.NamedNode("https://budget-kg.org/def/p")
    >>> graph_document([ox.Triple(s, p, ox.Literal("1.50", datatype=ox.NamedNode(
    ...     "http://www.w3.org/2001/XMLSchema#decimal")))], {"bk": "https://budget-kg.org/def/",
    ...     "xsd": "http://www.w3.org/2001/XMLSchema#"})["@graph"]
    [{'@id': 'bk:x', 'bk:p': [{'@value': '1.50', '@type': 'xsd:decimal'}]}]
    """
    compact = _compactor(tuple(prefixes.items()))
    return {**context(prefixes), "@graph": _nodes(triples, compact)}


def dataset_document(quads: Iterable[ox.Quad], prefixes: Mapping[str, str]) -> dict[str, object]:
    """Every graph of a dataset: default-graph nodes, then one ``@graph`` object per named graph."""
    compact = _compactor(tuple(prefixes.items()))
    graphs: dict[str, list[ox.Triple]] = defaultdict(list)
    default: list[ox.Triple] = []
    for quad in quads:
        if isinstance(quad.graph_name, ox.DefaultGraph):
            default.append(quad.triple)
        else:
            graphs[compact.term(quad.graph_name)].append(quad.triple)
    named = [{"@id": name, "@graph": _nodes(graphs[name], compact)} for name in sorted(graphs)]
    return {**context(prefixes), "@graph": _nodes(default, compact) + named}


def dumps(document: Mapping[str, object]) -> str:
    """The text of a JSON-LD document: keys sorted, UTF-8 characters kept, one line per value.

    The same text as ``json.dumps(document, ensure_ascii=False, indent=1)``, whose indentation
    makes it take the pure-Python encoder; here every string goes through the C one.

    >>> document = {"@graph": [{"@id": "bk:x", "n": [1, True, None], "e": {}, "l": []}]}
    >>> dumps(document) == json.dumps(document, ensure_ascii=False, indent=1) + "\\n"
    True
    """
    parts: list[str] = []
    _indented(document, "\n", parts)
    parts.append("\n")
    return "".join(parts)


def _indented(value: object, newline: str, parts: list[str]) -> None:
    if isinstance(value, str):
        parts.append(_string(value))
    elif isinstance(value, dict) and value and all(isinstance(key, str) for key in value):
        inner, first = newline + " ", True
        for key, item in value.items():
            parts.append(("{" if first else ",") + inner + _string(key) + ": ")
            _indented(item, inner, parts)
            first = False
        parts.append(newline + "}")
    elif isinstance(value, (list, tuple)) and value:
        inner, first = newline + " ", True
        for item in value:
            parts.append(("[" if first else ",") + inner)
            _indented(item, inner, parts)
            first = False
        parts.append(newline + "]")
    else:  # numbers, booleans, null, empty containers: few, and no indentation to match
        parts.append(json.dumps(value, ensure_ascii=False, indent=1).replace("\n", newline))
