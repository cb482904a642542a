"""Run canned queries in tests and compare their answers as values.

Stores canonicalise lexical forms (``12.00`` comes back as ``12`` or ``12.0``), so a
numeric literal is compared as a :class:`~decimal.Decimal`; every other term by its text.
"""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox

from kg.queries import bind, catalogue
from kg.store.backend import Backend, Solutions

_XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = {_XSD + t for t in ("decimal", "integer", "double", "float", "int", "long", "short", "nonNegativeInteger")}


def value(term):
    """A term as a comparable Python value: Decimal for numbers, text otherwise, None when unbound."""
    if term is None:
        return None
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        return Decimal(term.value)
    return term.value


def answer(backend: Backend, name: str, **params: str) -> list[dict]:
    """The rows of canned query ``name`` as dicts of comparable values, in the query's order."""
    result = backend.query(bind(catalogue()[name], params))
    assert isinstance(result, Solutions)
    return [{k: value(v) for k, v in row.items()} for row in result.dicts()]


def column(rows: list[dict], name: str) -> list:
    return [row[name] for row in rows]
