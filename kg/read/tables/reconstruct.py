"""Turn the lines of one table into a :class:`~kg.records.Table`.

This module states the placement puzzle (rows, cells, tokens, identities,
agreements with tables already placed) and reads the answer back into records;
:mod:`kg.read.tables.placement` solves it. The same code serves every template: what
differs is in the profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from kg import codes
from kg.equations import PARENT_RULE, Instance, TableView, hierarchy, instances
from kg.read.profiles import Profile, TableProfile
from kg.read.tables.identities import table_view
from kg.read.tables.placement import Cell, Identity, Puzzle, Row, Solution, Token, broken, residual, solve
from kg.read.tables.segment import Piece, TableText, pieces
from kg.records import ZERO, IdentityBreak, Line, Location, Table, Unplaced

_MAX_ORDINAL = 999  # row numbers (序号) and column numbers (栏次) are small
_LATER = "later-table"  # the kind of an agreement that a table read later states on this one
_STRAY = "an integer that is neither a code nor a row or column number"


def left_amounts(table: Table) -> bool:
    """Whether the reading of ``table`` left amounts unplaced (integers it could not read
    as codes or numbers aside): then a cell it left empty may be one of them."""
    return any(unplaced.reason != _STRAY for unplaced in table.unplaced)


def reconstruct(text: TableText, source: str, placed: dict[str, Table], template: Profile,
                later: Sequence[tuple[TableProfile, Table]] = (), search: bool = True,
                after_labels: bool = False) -> Table:
    """Place every amount of one table.

    :param text: the table's lines
    :param source: file name, for locations
    :param placed: this unit's tables placed so far, by key (for agreements)
    :param template: the document's profile: its empty-table note, the header text that
        is not table content (budget year, currency), how codes and class rows print
    :param later: tables read after this one, with their profiles: their agreements with
        this table bind it too
    :param search: search for the placement when the layout-first reading finds none (the
        slow part of a table that cannot be read); else leave every amount unplaced
    :param after_labels: an amount printed after the one row label of its line goes into
        that row, even when other amounts are printed apart from their labels (see
        :func:`_row_of_line`)
    """
    profile = text.profile
    table = Table(
        key=profile.key,
        title=profile.title,
        columns=list(profile.columns),
        pages=text.pages,
        classification=profile.classification,
    )
    if text.title_line.text.strip() != profile.title:
        table.printed_title = text.title_line.text.strip()
    body: list[Piece] = []
    for line in text.lines:
        if template.empty_note.match(line.text):
            table.empty_note = line.text
            continue
        body += pieces(line, skip=[template.year, template.currency_pattern])
    label_lines: dict[str, tuple[int, int]] = {}
    if profile.layout == "classified":
        rows, names, strays = _classified_rows(body, profile, text.pages[0], template)
    else:
        rows, names, label_lines = _labelled_rows(text, profile, template)
        strays = []
    amounts = [p for p in body if p.kind == "amount"]
    owner = _row_of_line(rows, label_lines, amounts, profile, after_labels)
    beside = _row_of_printed_line(rows, body)
    tokens = [Token(i, p.value, p.text, p.line.page, p.line.no, owner.get(i), beside.get(p.line.no))
              for i, p in enumerate(amounts)]
    table.tokens = len(tokens) + len(strays)
    for piece in strays:
        table.unplaced.append(
            Unplaced(piece.text, _loc(source, piece.line.page, profile.key, piece.line.no), _STRAY)
        )
    if not rows:
        table.unplaced += [
            Unplaced(t.text, _loc(source, t.page, profile.key, t.line), "no row to put it in") for t in tokens
        ]
        return table

    puzzle = _puzzle(rows, tokens, profile, placed, later)
    solution = _beside_labels(puzzle, label_lines) or solve(puzzle, search=search)
    _read_back(table, puzzle, solution, names, source)
    return table


def _row_of_line(rows: list[Row], label_lines: dict[str, tuple[int, int]], amounts: list[Piece],
                 profile: TableProfile, after_labels: bool = False) -> dict[int, int]:
    """Amount (its index in ``amounts``) → the row it is printed in, where the text says so.

    When every amount is on a line holding exactly one row's label, and no line holds more
    amounts than its row has columns, the table kept its rows on their lines: each amount
    is its line's row's. Then a misprinted amount stays in its row (the search only chooses
    its column); otherwise amounts and labels were copied apart and the search may place
    any amount in any row ({} is returned).

    With ``after_labels``, the amounts printed after the one row label of their line go to
    that row even when other amounts were copied apart, as many as the row has columns: in
    text copied out of a table of two sides, an amount before a label may be the other
    side's ("37 3889.89 支出总计 3889.89 3889.89": the first is 收入总计's), never one after it.
    A fallback for a table read otherwise with amounts left over (:func:`kg.read.tables._read_tables`).

    :param label_lines: row key → (text line number, where its label ends on that line)
    """
    owners: dict[int, list[int]] = {}
    for r, row in enumerate(rows):
        if row.key in label_lines:
            owners.setdefault(label_lines[row.key][0], []).append(r)
    on_line: dict[int, list[int]] = {}
    for i, piece in enumerate(amounts):
        on_line.setdefault(piece.line.no, []).append(i)
    found: dict[int, int] = {}
    for line, indices in on_line.items():
        sole = owners.get(line, [])
        room = len(_row_columns(rows[sole[0]].key, profile)) if len(sole) == 1 else 0
        if not after_labels:
            if len(sole) != 1 or len(indices) > room:
                return {}
            found.update((i, sole[0]) for i in indices)
        elif len(sole) == 1:
            after = _after(amounts, indices, label_lines[rows[sole[0]].key][1])
            if len(after) <= room:
                found.update((i, sole[0]) for i in after)
    return found


def _after(amounts: list[Piece], indices: list[int], end: int) -> list[int]:
    """Those of a line's amounts (their indices, in printed order) printed after offset ``end``."""
    text, at, after = amounts[indices[0]].line.text, 0, []
    for i in indices:
        at = text.find(amounts[i].text, at)
        if at < 0:
            return []  # not found as printed (a skipped pattern changed it): say nothing
        if at >= end:
            after.append(i)
        at += len(amounts[i].text)
    return after


def _row_of_printed_line(rows: list[Row], body: list[Piece]) -> dict[int, int]:
    """Text line → the row whose code is the one code printed on it ("7 2080110 272.93 272.93")."""
    index = {row.key: r for r, row in enumerate(rows)}
    on_line: dict[int, set[int]] = {}
    for piece in body:
        if piece.kind == "int" and piece.text in index:
            on_line.setdefault(piece.line.no, set()).add(index[piece.text])
    return {line: next(iter(found)) for line, found in on_line.items() if len(found) == 1}


def _beside_labels(puzzle: Puzzle, label_lines: dict[str, tuple[int, int]]) -> Solution | None:
    """The placement when every amount is printed on its row's label line, else ``None``.

    Text copied from a table whose rows kept their lines ("一、一般公共预算拨款收入 564.46")
    says where each amount is; the search, which assumes labels and amounts were printed
    apart, would only weigh which misprint explains the sums and could end up unsure
    where a misprinted amount sits. Here its position decides, and the identities it
    breaks are reported as they are.
    """
    rows_on_line: dict[int, list[Row]] = {}
    for row in puzzle.rows:
        if row.key in label_lines:
            rows_on_line.setdefault(label_lines[row.key][0], []).append(row)
    on_line: dict[int, list[Token]] = {}
    for token in puzzle.tokens:
        on_line.setdefault(token.line, []).append(token)
    values: dict[int, Token] = {}
    for line, tokens in on_line.items():
        owners = rows_on_line.get(line, [])
        # A full row reads left to right in column order; a row with blanks would not say which.
        if len(owners) != 1 or len(tokens) != len(owners[0].cells):
            return None
        values.update(zip(owners[0].cells.values(), tokens))

    return Solution(values, [], [], broken(puzzle, values), cost=(), gave_up=False)


# -- rows ------------------------------------------------------------------------


def _classified_rows(body: list[Piece], profile: TableProfile, first_page: int, template: Profile):
    """Rows are the printed codes, in order, after the 合计 row."""
    classification = profile.classification
    code = template.codes[classification]
    rows = [Row("total", first_page)]
    names = {"total": template.total_label}
    strays: list[Piece] = []
    seen: set[str] = set()
    for piece in body:
        if piece.kind != "int":
            continue
        if code.fullmatch(piece.text):
            if piece.text not in seen:
                seen.add(piece.text)
                rows.append(Row(piece.text, piece.line.page, expects_amount=True))
        elif int(piece.text) > _MAX_ORDINAL:
            strays.append(piece)
    if len(rows) == 1:
        return [], {}, strays
    names.update(_printed_names(body, [r.key for r in rows[1:]], classification))
    return rows, names, strays


def _printed_names(body: list[Piece], row_codes: list[str], classification: str) -> dict[str, str]:
    """Names wrap across lines and pages; find each code's name in the joined text.

    The code list's name is looked for in order; a code whose name differs from the
    list gets the text between its neighbours' names.
    """
    joined = "".join(p.text for p in body if p.kind == "text")
    spans: dict[str, tuple[int, int]] = {}
    cursor = 0
    names: dict[str, str] = {}
    for code in row_codes:
        name = codes.code_name(classification, code)
        hit = _find_wrapped(joined, name, cursor) if name else None
        if hit is not None:
            spans[code] = hit
            cursor = hit[1]
            names[code] = name
    for i, code in enumerate(row_codes):
        if code in spans:
            continue
        before = max((spans[c][1] for c in row_codes[:i] if c in spans), default=None)
        after = min((spans[c][0] for c in row_codes[i + 1:] if c in spans), default=None)
        gap_codes = [c for c in row_codes[i - 1 : i + 2] if c not in spans]
        if before is not None and after is not None and len(gap_codes) == 1:
            names[code] = joined[before:after]
    return names


def _find_wrapped(joined: str, name: str, start: int, max_gap: int = 300) -> tuple[int, int] | None:
    """Find ``name`` in the joined text, whole or split once by a page header."""
    at = joined.find(name, start)
    if at >= 0:
        return at, at + len(name)
    for k in range(len(name) - 1, 0, -1):
        head = joined.find(name[:k], start)
        if head < 0:
            continue
        tail = joined.find(name[k:], head + k)
        if 0 <= tail - (head + k) <= max_gap:
            return head, tail + len(name) - k
    return None


def _labelled_rows(text: TableText, profile: TableProfile, template: Profile):
    """Rows are found by their labels, in profile order, side by side; with the text line
    each label is printed on."""
    rows: list[Row] = []
    names: dict[str, str] = {}
    lines: dict[str, tuple[int, int]] = {}  # row key → (its label's text line, where the label ends there)
    all_labels = {label for side in profile.sides.values() for label in side.rows.values()}
    for side in profile.sides.values():
        cursor = (0, 0)
        for key, label in side.rows.items():
            if key == "[class]":
                found = _class_labels(text, cursor, all_labels, template)
                for code_key, name, page, cursor in found:
                    rows.append(Row(code_key, page))
                    names[code_key] = name
                    lines[code_key] = text.lines[cursor[0]].no, cursor[1]
                continue
            hit = _find(text, label, cursor)
            if hit is None:
                continue
            page, cursor = hit
            rows.append(Row(key, page))
            names[key] = label
            lines[key] = text.lines[cursor[0]].no, cursor[1]
    return rows, names, lines


def _find(text: TableText, label: str, cursor: tuple[int, int]):
    for i in range(cursor[0], len(text.lines)):
        start = cursor[1] if i == cursor[0] else 0
        at = text.lines[i].text.find(label, start)
        if at >= 0:
            return text.lines[i].page, (i, at + len(label))
    return None


def _class_labels(text: TableText, cursor: tuple[int, int], other_labels: set[str], template: Profile):
    found = []
    for i in range(cursor[0], len(text.lines)):
        start = cursor[1] if i == cursor[0] else 0
        for match in template.class_label.finditer(text.lines[i].text, start):
            name = match.group(1)
            if name in other_labels:
                continue
            code = codes.function_class_by_name(name)
            if code is None and not template.class_name_ending.search(name):
                continue
            found.append((code or f"class:{name}", name, text.lines[i].page, (i, match.end())))
    return found


# -- the puzzle ------------------------------------------------------------------


def _puzzle(rows: list[Row], tokens: list[Token], profile: TableProfile, placed: dict[str, Table],
            later: Sequence[tuple[TableProfile, Table]] = ()) -> Puzzle:
    cells: list[Cell] = []
    # Streams are numbered left to right as printed: a table's sides in the profile's order,
    # the left one first (as grid.py reads them), each side's columns in order. The reader
    # takes a line's amounts of two sides left side first (kg.read.tables.placement.blocks).
    sides = list(profile.sides)
    used = {(_side_of(row.key, profile), column) for row in rows for column in _row_columns(row.key, profile)}
    streams = {key: n for n, key in enumerate(sorted(used, key=lambda key: (
        sides.index(key[0]) if key[0] in sides else 0, _row_columns_of_side(key[0], profile).index(key[1]))))}
    for r, row in enumerate(rows):
        side = _side_of(row.key, profile)
        for column in _row_columns_of_side(side, profile):
            row.cells[column] = len(cells)
            cells.append(Cell(len(cells), r, column, streams[side, column], row.page))
    view = TableView(profile.key, tuple(r.key for r in rows), tuple(profile.columns),
                     classified=profile.layout == "classified")
    others = {key: table_view(table, table.classification is not None) for key, table in placed.items()}
    by_key = {r.key: r for r in rows}
    identities: list[Identity] = []
    for equation in profile.identities:
        identities += _identities(instances(equation, view, others), profile.key, by_key, placed, soft=False)
    identities += [Identity("parent-sum" if i.rule == PARENT_RULE else "total-sum", i.at.row, i.at.column,
                            tuple((ref.coef, by_key[ref.row].cells[ref.column]) for ref in i.refs), rule=i.rule)
                   for i in hierarchy(view)]
    for equation in profile.agreements:
        identities += _identities(instances(equation, view, others), profile.key, by_key, placed, soft=True)
    # An agreement reads both its tables: stated on a table read later, it binds this one as well.
    for other_profile, other in later:
        on_other = table_view(other, other.classification is not None)
        for equation in other_profile.agreements_with(profile.key):
            found = instances(equation, on_other, {**others, profile.key: view})
            identities += [replace(identity, kind=_LATER) for identity in
                           _identities(found, profile.key, by_key, {**placed, other.key: other}, soft=True)]
    for equation in profile.hints:
        identities += _identities(instances(equation, view, others), profile.key, by_key, placed, soft=True, hint=True)
    return Puzzle(rows, cells, tokens, identities)


def _side_of(key: str, profile: TableProfile) -> str:
    for name, side in profile.sides.items():
        if key in side.rows or (codes.is_class_row(key) and "[class]" in side.rows):
            return name
    return ""


def _row_columns(key: str, profile: TableProfile) -> list[str]:
    return _row_columns_of_side(_side_of(key, profile), profile)


def _row_columns_of_side(side: str, profile: TableProfile) -> list[str]:
    if profile.layout == "classified":
        return profile.columns
    return profile.sides[side].columns


def _identities(found: list[Instance], own: str, rows: dict[str, Row], placed: dict[str, Table], soft: bool,
                hint: bool = False) -> list[Identity]:
    """Equation instances as search constraints: a cell of this table is a variable, a
    cell of a table placed before is a constant.

    An instance that holds no cell of this table constrains nothing; one that reads a
    table printed without any line (and not declared empty), or an empty cell of a table
    that left amounts unplaced (:func:`left_amounts`), says nothing either.
    """
    out = []
    for instance in found:
        terms: list[tuple[int, int]] = []
        constant = ZERO
        doubted = False
        for ref in instance.refs:
            if ref.table != own:
                other = placed[ref.table]
                if not (other.lines or other.explicitly_empty):
                    break
                line = other.line(ref.row)
                value = line.values.get(ref.column) if line is not None else None
                if value is None and left_amounts(other):
                    break  # an empty cell may hold one of the amounts left unplaced
                constant += ref.coef * (value if value is not None else ZERO)
                doubted = doubted or _doubted(other, ref.row, ref.column)
            elif ref.row in rows and ref.column in rows[ref.row].cells:
                terms.append((ref.coef, rows[ref.row].cells[ref.column]))
        else:
            if terms:
                head = instance.row if instance.row is not None else (instance.at.row or "")
                kind = "cross-table" if soft else ("row-sum" if instance.row is not None else "total-sum")
                doubted = doubted and soft and not hint
                out.append(Identity(kind, head, instance.at.column, tuple(terms), constant, soft, hint or doubted,
                                    instance.rule, doubted=doubted))
    return out


def _doubted(table: Table, row: str, column: str) -> bool:
    """Whether a cell of a table read before heads an identity of its own that breaks there.

    The amount it prints may be the misprint, and binding this table to it would send the
    reading of a clean table after a misprint (read as one with a misprint of its own, or not
    at all). An agreement with it only hints, and is reported when the reading breaks it. Not
    so in a table that left amounts unplaced: its identities break where its cells were not read."""
    return not left_amounts(table) and any(
        b.row == row and b.column == column and b.kind != "cross-table" for b in table.breaks)


# -- reading the answer back -----------------------------------------------------------


def _read_back(table: Table, puzzle: Puzzle, solution: Solution, names: dict[str, str], source: str) -> None:
    for row in puzzle.rows:
        values = {
            column: solution.values[cell_id].value
            for column, cell_id in row.cells.items()
            if cell_id in solution.values
        }
        line_no = min((solution.values[c].line for c in row.cells.values() if c in solution.values), default=None)
        code = row.key if row.key[:1].isdigit() else None
        table.lines.append(
            Line(row.key, names.get(row.key, ""), values, _loc(source, row.page, table.key, line_no), code)
        )
    for token in solution.unplaced:
        reason = "the search gave up" if solution.gave_up else "no cell fits it"
        table.unplaced.append(Unplaced(token.text, _loc(source, token.page, table.key, token.line), reason))
    for token in solution.ambiguous:
        table.unplaced.append(
            Unplaced(token.text, _loc(source, token.page, table.key, token.line),
                     "ambiguous: more than one cell fits it equally well")
        )
    # A doubted agreement is a hint to the search, which does not report it (nor any, where
    # amounts were left: an empty cell may hold one of them).
    doubted = [] if solution.unplaced or solution.ambiguous else [
        ident for ident in puzzle.identities if ident.doubted and residual(ident, solution.values) != ZERO]
    for ident in solution.broken + doubted:
        if ident.kind == _LATER:
            continue  # the table that states it reports it, as its own agreement
        # Broken agreements are kept too (kind "cross-table"): they flag a
        # disagreement with another table, whether the document's or ours.
        actual = sum((_value(solution, c) for k, c in ident.terms if k > 0), ZERO)
        expected = sum((_value(solution, c) for k, c in ident.terms if k < 0), ZERO) - ident.constant
        cell = puzzle.cells[ident.terms[0][1]]
        table.breaks.append(
            IdentityBreak(ident.kind, table.key, ident.row, ident.column, expected, actual,
                          _loc(source, cell.page, table.key))
        )


def _value(solution: Solution, cell_id: int) -> Decimal:
    token = solution.values.get(cell_id)
    return token.value if token else ZERO


def _loc(source: str, page: int, table: str, line: int | None = None) -> Location:
    return Location(source, page, table, line)
