"""JSON-LD written by hand: sorted, so equal graphs give byte-identical files.

rdflib's serializer follows its set order, which changes from run to run. The form
written here is flattened: one node object per subject, in IRI order, its properties
and values sorted, the published ``@context`` inline (the same object as the site's
``context.jsonld``), IRIs compacted with the ontology's prefixes.
"""

from __future__ import annotations

import functools
import itertools
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from json.encoder import encode_basestring as _string
from typing import TextIO

import pyoxigraph as ox

__all__ = ["context", "dumps", "graph_document", "write_dataset"]

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


def write_dataset(quads: Sequence[ox.Quad], prefixes: Mapping[str, str], stream: TextIO) -> None:
    """Write every graph of a dataset as one JSON-LD document.

    Default-graph nodes come first, then one ``@graph`` object per named graph in the order
    of their compacted names. ``quads`` are sorted by graph (:meth:`kg.store.Store.sorted_quads`),
    so each graph is one run of them: the document is written a graph at a time, never
    held whole (at 1,000 documents it would take gigabytes). The text is :func:`dumps`'s.

    >>> import io
    >>> g, s, p = (ox.NamedNode(f"https://budget-kg.org/id/{n}") for n in "gsp")
    >>> quads = [ox.Quad(s, p, ox.Literal("a")), ox.Quad(s, p, ox.Literal("b"), g)]
    >>> text, document = io.StringIO(), {**context({"id": "https://budget-kg.org/id/"}), "@graph": [
    ...     {"@id": "id:s", "id:p": [{"@value": "a"}]},
    ...     {"@id": "id:g", "@graph": [{"@id": "id:s", "id:p": [{"@value": "b"}]}]}]}
    >>> write_dataset(quads, {"id": "https://budget-kg.org/id/"}, text)
    >>> text.getvalue() == dumps(document)
    True
    """
    compact = _compactor(tuple(prefixes.items()))
    bounds = [0, *(i for i in range(1, len(quads)) if quads[i].graph_name != quads[i - 1].graph_name), len(quads)]
    default: list[ox.Triple] = []
    runs: dict[str, tuple[int, int]] = {}  # a named graph's compacted name → its run
    for start, end in itertools.pairwise(bounds):
        graph = quads[start].graph_name if end > start else None
        if isinstance(graph, ox.DefaultGraph):
            default = [quad.triple for quad in quads[start:end]]
        elif graph is not None:
            runs[compact.term(graph)] = (start, end)

    def nodes() -> Iterator[dict[str, object]]:
        yield from _nodes(default, compact)
        for name in sorted(runs):
            start, end = runs[name]
            yield {"@id": name, "@graph": _nodes((quad.triple for quad in quads[start:end]), compact)}

    stream.write("{\n " + _string("@context") + ": " + _text(context(prefixes)["@context"], "\n "))
    stream.write(",\n " + _string("@graph") + ": ")
    first = True
    for node in nodes():
        stream.write(("[" if first else ",") + "\n  " + _text(node, "\n  "))
        first = False
    stream.write("[]\n}\n" if first else "\n ]\n}\n")


def dumps(document: Mapping[str, object]) -> str:
    """The text of a JSON-LD document: keys sorted, UTF-8 characters kept, one line per value.

    The same text as ``json.dumps(document, ensure_ascii=False, indent=1)``, whose indentation
    makes it take the pure-Python encoder; here every string goes through the C one.

    >>> document = {"@graph": [{"@id": "bk:x", "n": [1, True, None], "e": {}, "l": []}]}
    >>> dumps(document) == json.dumps(document, ensure_ascii=False, indent=1) + "\\n"
    True
    """
    return _text(document, "\n") + "\n"


def _text(value: object, newline: str) -> str:
    """``value`` as :func:`dumps` writes it where a line starts with ``newline``."""
    parts: list[str] = []
    _indented(value, newline, parts)
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
