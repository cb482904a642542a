"""Literals for money, years and times, written the way the graph promises.

Money is :class:`decimal.Decimal` end to end. ``xsd:decimal`` has no exponent
notation, and the printed scale is information (``3.00`` was printed with two
places), so amounts are formatted with ``format(d, "f")``, never ``str(d)`` (which
gives ``1E+2``) and never via float.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from pyoxigraph import Literal

from kg.rdf.vocab import XSD

# How many 元 one printed unit is. A unit not listed here keeps its printed amount
# but gets no normalised amount (better absent than wrong).
YUAN_PER_UNIT: dict[str, int] = {"元": 1, "千元": 1_000, "万元": 10_000, "百万元": 1_000_000, "亿元": 100_000_000}


def plain(amount: Decimal) -> str:
    """The decimal in plain notation, keeping its printed scale.

    >>> plain(Decimal("3.00")), plain(Decimal("1E+2")), plain(Decimal("-0.50"))
    ('3.00', '100', '-0.50')
    """
    if not isinstance(amount, Decimal):
        raise TypeError(f"amounts must be Decimal, not {type(amount).__name__}")
    if not amount.is_finite():
        raise ValueError(f"amount {amount} is not a finite number")
    return format(amount, "f")


def decimal(amount: Decimal) -> Literal:
    """An ``xsd:decimal`` literal in plain notation.

    >>> decimal(Decimal("475.46")).value
    '475.46'
    """
    return Literal(plain(amount), datatype=XSD.decimal)


def in_yuan(amount: Decimal, unit: str) -> Decimal | None:
    """The amount normalised to 元, or ``None`` for a unit we do not know.

    >>> in_yuan(Decimal("475.46"), "万元"), in_yuan(Decimal("3.00"), "元")
    (Decimal('4754600.00'), Decimal('3.00'))
    """
    factor = YUAN_PER_UNIT.get(unit.strip())
    return None if factor is None else amount * factor


def string(text: str) -> Literal:
    return Literal(text)


def zh(text: str) -> Literal:
    """Chinese text, tagged ``@zh`` (names, titles as printed)."""
    return Literal(text, language="zh")


def integer(value: int) -> Literal:
    return Literal(str(int(value)), datatype=XSD.integer)


def year(value: int) -> Literal:
    return Literal(f"{int(value):04d}", datatype=XSD.gYear)


def boolean(value: bool) -> Literal:
    return Literal("true" if value else "false", datatype=XSD.boolean)


def timestamp(moment: datetime) -> Literal:
    """An ``xsd:dateTime``; a naive datetime is taken as UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return Literal(moment.isoformat(), datatype=XSD.dateTime)
