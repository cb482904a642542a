"""Findings grouped by cause: the misprinted cell that explains several broken identities.

One misprinted amount breaks every identity it is in: its row's sum, its parent's sum, the
same line printed in two other tables. A reader should not have to work out that six
findings are one error, so the report names the most likely misprint and lists under it
the findings it explains.

A cause is one cell, or the cells of one row printed with the same error (a leaf row whose
合计 and 基本支出 both carry it, so that the row still adds up), together with the amount
``d`` added to each that repairs identities. It *explains* a broken identity when adding
``d`` to its cells brings that identity within the tolerance of the shapes, and it is a
cause only when it breaks no identity that holds now: a change that repairs one sum and
breaks another explains nothing. Causes are chosen greedily, the one that explains the most
findings not yet explained first (fewer cells first when two explain as many); findings
that no single cause explains, or that two different causes explain equally well, stay
uncaused. Nothing is repaired: the printed amounts stay as they are.

A difference that the rounding of the printed figures can make is no sign of a misprint.
Amounts are printed rounded (to the cent of 万元, say), each on its own, so a parent can
differ from the sum of its nine children by up to half a cent for each of the ten figures
(深圳 2026: 301 prints 2,522.02, its children add up to 2,522.03, and 302 is 0.01 off the
same way). A cause must therefore explain at least one identity broken by more than that
(its *rounding*); once named, it also takes the rounding-sized breaks it repairs exactly,
as they follow from it. A sum of rounded figures alone never names a cell. Two figures that
print one amount (an agreement) round alike: they have no rounding.

A cause is an amount. Findings that one printed statement contradicts (万里 2024 notes that
its 三公 table is empty, “故本表为空表”, over six cells that hold amounts) are not grouped here:
which of the two is wrong is no arithmetic, and their findings already name the same note,
table and page. Grouping them would need each shape to name what its findings blame. But a
statement of an amount that a cause's cell prints, which states just the amount the cause
needs there (the narrative's 3889.89 where the 合计 misprints 3899.89), follows from the same
misprint: the identities have said which is wrong, and the statement agrees with them. Its
finding is listed under the cause.

A cause may also be an amount left out: a cell printed blank, which the equations name
apart from the printed ones (it counts as 0), given a positive amount. It is named only
where no printed amount explains as much.

The identities are the ``check:Equation`` instances validation writes into the graph
(:mod:`kg.validate.equations`), summed here exactly as the shapes sum them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from itertools import combinations

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace, URIRef

from kg.rdf import vocab
from kg.rdf.iris import cell_parts
from kg.validate.equations import CHECK, PARENT, TOTAL
from kg.validate.report import Cause, CauseCell, Finding, Term

BK = Namespace(vocab.BK.prefix)

__all__ = ["Identity", "Misprint", "attribute", "explain", "identities", "write_causes"]

#: A difference counts from half a printed cent, as in the shapes (``ABS(?diff) >= 0.005``).
TOLERANCE = Decimal("0.005")
#: The most cells of one row tried together as one misprint. Rows print at most a handful of
#: amount columns; the limit only bounds the subsets tried (2**8) on a very wide row.
MAX_ROW_CELLS = 8


@dataclass(frozen=True)
class Identity:
    """One equation instance as numbers: ``sum(coef × amount) == 0`` within the tolerance."""

    shape: str  #: the shape that reports it when broken
    at: str  #: the node a finding of it points at (``check:at``)
    coefs: Mapping[str, int]  #: cell IRI -> +1 (left side) or -1 (right side)
    left: Decimal  #: the sum of its left side, the finding's ``actual``
    right: Decimal  #: the sum of its right side, the finding's ``expected``
    #: the largest difference the rounding of its printed figures can make (0: none)
    rounding: Decimal = Decimal(0)

    @property
    def residual(self) -> Decimal:
        return self.left - self.right

    @property
    def broken(self) -> bool:
        return abs(self.residual) >= TOLERANCE

    @property
    def misprinted(self) -> bool:
        """Broken by more than the rounding of its figures can explain."""
        return self.broken and abs(self.residual) > self.rounding


@dataclass(frozen=True)
class Misprint:
    """Cells that, each changed by ``delta``, repair the identities listed (by index)."""

    cells: tuple[str, ...]
    delta: Decimal
    explains: tuple[int, ...]
    #: Identities repaired only by this misprint and the others named together (two cells of
    #: one row printed wrong by different amounts break the row's sum between them).
    together: tuple[int, ...] = ()


def explain(found: Sequence[Identity], row_of: Mapping[str, str], blank: frozenset[str] = frozenset()) \
        -> list[Misprint]:
    """The causes of the broken identities among ``found``, most explaining first.

    :param found: every identity of a document (holding and broken)
    :param row_of: each cell's row (line IRI): cells of one row may be one misprint
    :param blank: the cells printed blank (0 in ``found``): an amount left out of one is a cause

    >>> row = {"a": "r1", "b": "r1", "c": "r2"}
    >>> sums = [Identity("S", "a", {"a": 1, "c": -1}, Decimal("5"), Decimal("4")),
    ...         Identity("S", "a", {"a": 1, "b": -1}, Decimal("5"), Decimal("4"))]
    >>> explain(sums, row)
    [Misprint(cells=('a',), delta=Decimal('-1'), explains=(0, 1), together=())]
    """
    by_cell: dict[str, list[int]] = {}
    for index, identity in enumerate(found):
        for cell in identity.coefs:
            by_cell.setdefault(cell, []).append(index)
    broken = {i for i, identity in enumerate(found) if identity.broken}
    misprinted = {i for i in broken if found[i].misprinted}
    candidates = _candidates(found, broken, by_cell, row_of, blank)
    unexplained = set(broken)
    causes: list[Misprint] = []
    while True:
        scored = [(len(set(c.explains) & unexplained), -len(c.cells), c) for c in candidates
                  if set(c.explains) & unexplained & misprinted]
        if not scored:
            return _together(causes, found, broken)
        best_score = max(s[:2] for s in scored)
        # A printed amount is named before an amount left out of a blank cell that explains as
        # much (a 合计 printed 38.03 for 38.00, where a blank 政府性基金 cell that nothing else
        # binds would mend its row as well): a blank cell names only what no printed one does.
        best = sorted((c for *score, c in scored if tuple(score) == best_score), key=lambda c: c.cells[0] in blank)
        first = best[0]
        claimed = set(first.explains) & unexplained
        # Two different misprints that explain the same findings as well: neither is named.
        if any(set(c.explains) & unexplained == claimed for c in best[1:]
               if (c.cells[0] in blank) == (first.cells[0] in blank)):
            unexplained -= claimed
            continue
        causes.append(replace(first, explains=tuple(sorted(claimed))))
        unexplained -= claimed


def _together(causes: list[Misprint], found: Sequence[Identity], broken: set[int]) -> list[Misprint]:
    """Each cause with the broken identities it repairs only together with the other causes.

    An identity no single cause explains, but which the causes touching it repair exactly
    when all are applied, follows from them jointly and is listed under each of them.
    """
    explained = {i for cause in causes for i in cause.explains}
    together: dict[int, list[int]] = {k: [] for k in range(len(causes))}
    for i in sorted(broken - explained):
        coefs = found[i].coefs
        involved = [k for k, cause in enumerate(causes) if any(cell in coefs for cell in cause.cells)]
        change = sum((coefs[cell] * causes[k].delta for k in involved for cell in causes[k].cells if cell in coefs),
                     Decimal(0))
        if len(involved) > 1 and abs(found[i].residual + change) < TOLERANCE:
            for k in involved:
                together[k].append(i)
    return [replace(cause, together=tuple(together[k])) for k, cause in enumerate(causes)]


def _candidates(found: Sequence[Identity], broken: set[int], by_cell: Mapping[str, list[int]],
                row_of: Mapping[str, str], blank: frozenset[str] = frozenset()) -> list[Misprint]:
    """Every (cells of one row, delta) that repairs a broken identity and breaks none that holds.

    Cells printed blank are a group of their own, and only with an amount left out (a
    positive delta): a blank cell and a printed one carrying the same error is no misprint
    a person makes, and spending left out is never negative.
    """
    rows: dict[str, list[str]] = {}
    for cell in sorted(by_cell):
        rows.setdefault(row_of.get(cell, cell), []).append(cell)
    out = []
    for row in sorted(rows):
        cells = rows[row]
        if not any(i in broken for cell in cells for i in by_cell[cell]):
            continue
        for size in range(1, min(len(cells), MAX_ROW_CELLS) + 1):
            for group in combinations(cells, size):
                left_out = group[0] in blank
                if any((cell in blank) != left_out for cell in group):
                    continue
                unprinted = _as_well_unprinted(group, found, by_cell)
                out.extend(repair for repair in _repairs(group, found, broken, by_cell)
                           if not (unprinted and repair.delta > 0) and (repair.delta > 0 or not left_out))
    return out


def _as_well_unprinted(group: tuple[str, ...], found: Sequence[Identity], by_cell: Mapping[str, list[int]]) -> bool:
    """Whether a row the document does not print would change what adding to ``group`` changes.

    When every identity the group changes is a sum of a code's children (or of the 合计
    row's classes) with the group among the summands, and the group would have to be
    larger, a child printed nowhere, or a sibling's blank cell, would repair those sums just
    as well; the arithmetic cannot tell which, so the group is not a cause. 福州 2026 prints
    20402 公安 with 项目支出 1,370.70 over 2040201 (no 项目支出) and 2040299 (1,051.46, as its
    narrative says too): 319.24 is under no printed 项, and 2040299 is not misprinted. Where
    the group would have to be smaller, nothing printed nowhere can do that: the amounts of
    a code's children are spending, never negative. A cell printed again elsewhere (an
    agreement) or in its row's sum, or a parent, is in an identity of another kind and stays one.
    """
    net: dict[int, int] = {}
    for cell in group:
        for i in by_cell[cell]:
            net[i] = net.get(i, 0) + found[i].coefs[cell]
    changed = [i for i, coef in net.items() if coef]
    return bool(changed) and all(net[i] < 0 and found[i].shape in (PARENT, TOTAL) for i in changed)


def _repairs(group: tuple[str, ...], found: Sequence[Identity], broken: set[int],
             by_cell: Mapping[str, list[int]]) -> list[Misprint]:
    touched: dict[int, int] = {}  # identity -> the group's net coefficient in it
    for cell in group:
        for i in by_cell[cell]:
            touched[i] = touched.get(i, 0) + found[i].coefs[cell]
    deltas = {-found[i].residual / coef for i, coef in touched.items() if i in broken and coef}
    out = []
    for delta in sorted(deltas):
        after = {i: abs(found[i].residual + coef * delta) < TOLERANCE for i, coef in touched.items()}
        if all(after[i] for i in touched if i not in broken):
            out.append(Misprint(group, delta, tuple(sorted(i for i in touched if i in broken and after[i]))))
    return out


def identities(data: Graph) -> list[Identity]:
    """The equation instances of ``data`` (a document's graph with its ``check:Equation`` s)
    that apply: one whose ``check:voidIf`` cell holds a non-zero amount does not."""
    out = []
    for node in data.subjects(RDF.type, CHECK.Equation):
        if any(_amount(data, cell) for cell in data.objects(node, CHECK.voidIf)):
            continue
        coefs: dict[str, int] = {}
        sides = {1: Decimal(0), -1: Decimal(0)}
        halves: list[Decimal] = []  # half a unit of the last digit each figure prints
        for predicate, sign in ((CHECK.left, 1), (CHECK.right, -1)):
            for cell in data.objects(node, predicate):
                coefs[str(cell)] = coefs.get(str(cell), 0) + sign
                amount = _amount(data, cell)
                sides[sign] += amount
                halves.append(Decimal(5).scaleb(amount.as_tuple().exponent - 1))
        # A blank cell is 0, exactly: it rounds nothing.
        for predicate, sign in ((CHECK.blankLeft, 1), (CHECK.blankRight, -1)):
            for cell in data.objects(node, predicate):
                coefs[str(cell)] = coefs.get(str(cell), 0) + sign
        # Two figures of one amount round alike; three or more are rounded apart.
        rounding = sum(halves, Decimal(0)) if len(halves) > 2 else Decimal(0)
        out.append(Identity(str(data.value(node, CHECK.shape)), str(data.value(node, CHECK.at)),
                            {c: k for c, k in coefs.items() if k}, sides[1], sides[-1], rounding))
    return sorted(out, key=lambda i: (i.shape, i.at, sorted(i.coefs.items())))


def _amount(data: Graph, cell) -> Decimal:
    value = data.value(cell, BK.amount)
    return Decimal(str(value)) if value is not None else Decimal(0)


Locate = Callable[[Graph, object], dict[str, object]]


def attribute(findings: Sequence[Finding], data: Graph, locate: Locate) -> tuple[list[Finding], list[Cause]]:
    """Number the findings (``F1``…), give each arithmetic finding its terms, and name causes.

    :param findings: a document's findings, in report order
    :param data: the graph they were found in (the document with its equations)
    :param locate: the position of a node (:func:`kg.validate.document.locate`)
    :returns: the findings with ``id``, ``terms`` and ``cause`` set, and the causes
    """
    # Only a finding with both sums can report a broken identity (see _match): without one,
    # the equations are not read at all.
    found = identities(data) if any(f.values.get("actual") is not None and f.values.get("expected") is not None
                                    for f in findings) else []
    matched = _match(findings, found)
    row_of = {str(cell): str(line) for line, cell in data.subject_objects(BK.cell)} if found else {}
    blank = frozenset(str(cell) for predicate in (CHECK.blankLeft, CHECK.blankRight)
                      for cell in data.objects(None, predicate)) if found else frozenset()
    row_of.update((cell, cell_parts(cell)[0]) for cell in blank)
    misprints = explain(found, row_of, blank)
    ids = [f"F{n}" for n in range(1, len(findings) + 1)]
    by_identity = {i: n for n, i in matched.items()}
    causes: list[Cause] = []
    cause_of: dict[int, str] = {}
    for misprint in misprints:
        explained = sorted(by_identity[i] for i in misprint.explains if i in by_identity)
        if not explained:
            continue
        jointly = sorted(by_identity[i] for i in misprint.together if i in by_identity)
        cause = _cause(f"C{len(causes) + 1}", misprint, [ids[n] for n in sorted(explained + jointly)],
                       [ids[n] for n in jointly], data, locate, blank)
        causes.append(cause)
        cause_of.update((n, cause.id) for n in explained)
        for n in jointly:
            cause_of.setdefault(n, cause.id)
    for n, finding in enumerate(findings):
        if n not in cause_of:
            stated = next((k for k, cause in enumerate(causes) if _states_needed(finding, cause)), None)
            if stated is not None:
                cause_of[n] = causes[stated].id
                ordered = sorted((*causes[stated].findings, ids[n]), key=lambda f: int(f[1:]))
                causes[stated] = replace(causes[stated], findings=tuple(ordered))
    out = []
    for n, finding in enumerate(findings):
        identity = found[matched[n]] if n in matched else None
        # Its cells that print an amount (a blank one is 0, and named only as a cause).
        terms = tuple(Term(cell, coef, _printed(data, URIRef(cell))) for cell, coef in sorted(
            identity.coefs.items(), key=lambda item: (-item[1], item[0])) if cell not in blank) if identity else ()
        out.append(replace(finding, id=ids[n], cause=cause_of.get(n), terms=terms))
    return out, causes


def _states_needed(finding: Finding, cause: Cause) -> bool:
    """Whether the finding says that a statement (the narrative's) gives another amount than
    a cell of the cause prints, and states just the amount the cause needs there.

    Which of a statement and a cell is wrong is no arithmetic (the module's docstring); but
    where the identities already name the cell, a statement of the amount they need follows
    from the same misprint, and is listed under it.
    """
    stated, printed = _decimal(finding.values.get("stated")), _decimal(finding.values.get("printed"))
    return stated is not None and printed is not None and any(
        cell.unit == finding.unit and (_decimal(cell.printed) if cell.printed else Decimal(0)) == printed
        and _decimal(cell.needed) == stated
        for cell in cause.cells)


def _match(findings: Sequence[Finding], found: Sequence[Identity]) -> dict[int, int]:
    """Finding index -> the broken identity it reports (same shape, node and both sums)."""
    free: dict[tuple, list[int]] = {}
    for i, identity in enumerate(found):
        if identity.broken:
            free.setdefault((identity.shape, identity.at, identity.left, identity.right), []).append(i)
    matched = {}
    for n, finding in enumerate(findings):
        key = (finding.code, finding.node, _decimal(finding.values.get("actual")),
               _decimal(finding.values.get("expected")))
        if free.get(key):
            matched[n] = free[key].pop(0)
    return matched


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text is not None else None
    except InvalidOperation:
        return None


def _cause(cause_id: str, misprint: Misprint, findings: list[str], together: list[str], data: Graph,
           locate: Locate, blank: frozenset[str] = frozenset()) -> Cause:
    cells = []
    for cell in misprint.cells:
        node = URIRef(cell)
        if cell in blank:  # a cell printed blank is in no statement: its line says where it is
            line_iri, column = cell_parts(cell)
            line = URIRef(line_iri)
            place = {**locate(data, line), "column": column}
            printed = ""
        else:
            line = data.value(None, BK.cell, node)
            place = locate(data, node)
            printed = _printed(data, node)
        amount = _amount(data, node)
        label = data.value(line, CHECK.rowLabel) if line is not None else None
        cells.append(CauseCell(
            node=cell, unit=place["unit"], table=place["table"], page=place["page"], row=place["row"],
            row_label=str(label) if label is not None else place["row"], column=place["column"],
            printed=printed, needed=_needed(amount, misprint.delta),
        ))
    return Cause(id=cause_id, cells=tuple(cells), delta=format(misprint.delta, "f"), findings=tuple(findings),
                 together=tuple(together))


def _printed(data: Graph, cell: URIRef) -> str:
    printed = data.value(cell, BK.printedAmount)
    return str(printed if printed is not None else data.value(cell, BK.amount) or "0")


def _needed(amount: Decimal, delta: Decimal) -> str:
    """The amount that would satisfy the identities, with the decimals of the printed one.

    >>> _needed(Decimal("475.46"), Decimal("-1")), _needed(Decimal("12"), Decimal("0.5"))
    ('474.46', '12.5')
    """
    value = amount + delta
    exponent = min(amount.as_tuple().exponent, value.as_tuple().exponent)
    return format(value.quantize(Decimal(1).scaleb(exponent)), "f")


def write_causes(results: Graph, nodes: Iterable, findings: Sequence[Finding], causes: Sequence[Cause]) -> None:
    """Link each SHACL result (``nodes``, in the order of ``findings``) to its cause, in place.

    A cause is a ``bk:Cause`` with its cells (``bk:misprintedCell``) and the amount to add to
    each (``bk:correction``); a result it explains gets ``bk:cause``.
    """
    made = {}
    for cause in causes:
        node = made[cause.id] = BNode()
        results.add((node, RDF.type, BK.Cause))
        results.add((node, BK.correction, Literal(cause.delta, datatype=XSD.decimal)))
        for cell in cause.cells:
            results.add((node, BK.misprintedCell, URIRef(cell.node)))
    result_of = {finding.id: result for result, finding in zip(nodes, findings)}
    for cause in causes:
        for finding_id in cause.findings:
            results.add((result_of[finding_id], BK.cause, made[cause.id]))
