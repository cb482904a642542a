"""Misprints planted in copies of the sample: is each read in its own cells, and how fast? (issue 14)

Each copy of the bundled sample changes a digit of amounts printed alone on a text line
inside one table (or printed among other text, ``inline``), in one of ten shapes (issue 14's mutation
shapes, and what a person retyping an amount does):

- ``single``: any such amount;
- ``total``: a row's 合计, where its amount is printed once in the table;
- ``pair``: two cells of one row, each printed once in the table, changed apart;
- ``both``: a row's 合计 and its one part that is not zero, changed alike (the row still adds up);
- ``inline``: an amount printed on a line with other text (a label, a code, other amounts);
- ``swap``: an amount printed alone on its line, two adjacent digits swapped (3204.03 → 3240.03);
- ``retype``: an amount printed alone on its line, retyped: a digit of its whole part dropped
  (3204.03 → 304.03) or added (3204.03 → 32084.03), ten times larger or smaller (320.40,
  32040.30), or another amount as long (7351.62);
- ``repeated``: one of the amounts a line prints twice or more ("… 3.20 3.20"), a digit changed;
- ``deleted``: an amount printed alone on its line left out (the cell printed blank);
- ``dropped``: an amount printed on a line with other text left out.

The oracle needs no answer key: every cell of the copy's reading must equal the clean
sample's reading but the changed ones, each holding its new printed amount, and every amount
must be placed. A copy is ``read`` when that holds, ``lost`` when amounts are left unplaced
(the table was not read), ``misread`` otherwise. Prints one line per copy, then the counts
and the CPU seconds of each reading. Copies are read two at a time.

With ``--validate``, each copy read is also validated (the default engine, as ``kg validate
FILE`` does), and its findings are compared with the sample's own (every copy keeps those):

- ``named``: the copy has findings of its own, and causes that explain every one of them,
  each cause's cells planted ones, printing the planted amount and needing the sample's;
- ``unnamed``: findings of its own that no cause explains, and no cause naming another
  cell (two causes explain them as well: a leaf row printed wrong in both its cells, where
  a sibling's would mend the same sums);
- ``wrong``: a cause names a cell that was not planted, or needs another amount than the sample's;
- ``silent``: no finding of its own: the planted error is not reported.

    python benchmarks/misprint_probe.py --seed 32 --copies 24 --shapes single,pair,total
    python benchmarks/misprint_probe.py --seed 41 --copies 12 --shapes both
    python benchmarks/misprint_probe.py --plant 562:3889.89:8389.89 --plant 564:3798.89:5798.89,570:594.86:594.81
    python benchmarks/misprint_probe.py --seed 32 --copies 24 --validate
"""

from __future__ import annotations

import argparse
import random
import re
import tempfile
import time
from bisect import bisect_right
from collections import Counter
from decimal import ROUND_HALF_UP, Decimal
from multiprocessing import Pool
from pathlib import Path

from kg.read import read_document
from kg.resources import sample_path

#: A text line that prints one amount and nothing else.
AMOUNT = re.compile(r"^\s*\d[\d,]*\.\d+\s*$")
#: An amount inside a line, between spaces or at its ends.
INLINE = re.compile(r"(?<![\d.])\d[\d,]*\.\d\d(?![\d.])")


def cells(document) -> dict[tuple[str, str, str, str], object]:
    """(unit, table, row, column) → amount, for every cell read."""
    return {(unit.code, table.key, line.key, column): value
            for unit in document.units for table in unit.tables for line in table.lines
            for column, value in line.values.items()}


def table_spans(document, n_lines: int, keys: set[str] | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    """(unit, table) → the 0-based text lines from its first row to the next table's first row,
    or to the next unit's 情况说明, whichever comes first: of the tables ``keys`` names, or of
    those whose every row has its text line. (Rows found by their label, as in the 收支总表,
    have none; left out by default, the seeds recorded in benchmarks/README.md plant as they did.)"""
    firsts = sorted((min(line.location.line for line in table.lines if line.location.line), (unit.code, table.key))
                    for unit in document.units for table in unit.tables
                    if table.lines and (any if keys else all)(line.location.line for line in table.lines))
    ends = sorted({start for start, _ in firsts} | {n_lines} | {unit.narrative.location.line for unit in document.units
                                                                if unit.narrative and unit.narrative.location.line})
    return {key: (start - 1, ends[bisect_right(ends, start)] - 1) for start, key in firsts
            if keys is None or key[1] in keys}


def changed(amount: str, rng: random.Random) -> str:
    """``amount`` with one digit changed (the leading one never to 0)."""
    digits = [i for i, c in enumerate(amount) if c.isdigit()]
    while True:
        i = rng.choice(digits)
        digit = rng.choice("123456789" if i == digits[0] else "0123456789")
        if digit != amount[i]:
            return amount[:i] + digit + amount[i + 1:]


def swaps(amount: str) -> list[int]:
    """Where ``amount`` has two adjacent, different digits that may be swapped (the leading
    one never to 0)."""
    return [i for i in range(len(amount) - 1) if amount[i].isdigit() and amount[i + 1].isdigit()
            and amount[i] != amount[i + 1] and not (i == 0 and amount[1] == "0")]


def swapped(amount: str, rng: random.Random) -> str:
    """``amount`` with one of its :func:`swaps` made."""
    i = rng.choice(swaps(amount))
    return amount[:i] + amount[i + 1] + amount[i] + amount[i + 2:]


def retyped(amount: str, rng: random.Random) -> str:
    """``amount`` retyped: a digit of its whole part dropped or added, ten times larger or
    smaller (as many decimals), or another amount of as many digits; never the same."""
    whole, point, decimals = amount.replace(",", "").partition(".")
    while True:
        way = rng.choice(("drop", "add", "larger", "smaller", "other"))
        if way in ("larger", "smaller"):
            value = Decimal(whole + point + decimals) * (10 if way == "larger" else Decimal("0.1"))
            candidate = str(value.quantize(Decimal(1).scaleb(-len(decimals)), rounding=ROUND_HALF_UP))
        else:
            if way == "drop" and len(whole) > 1:
                i = rng.randrange(len(whole))
                new = whole[:i] + whole[i + 1:]
            elif way == "add":
                i = rng.randrange(len(whole) + 1)
                new = whole[:i] + rng.choice("0123456789") + whole[i:]
            else:
                new = rng.choice("123456789") + "".join(rng.choice("0123456789") for _ in whole[1:])
            candidate = (new.lstrip("0") or "0") + point + decimals
        if candidate != amount and Decimal(candidate) != 0:
            return candidate


def plan(lines: list[str], clean: dict, spans: dict, shape: str, rng: random.Random) -> tuple[tuple, list]:
    """One copy of ``shape``: (unit, table) and its changes as (0-based line, old, new)."""
    tried = set()
    while len(tried) < len(spans):
        table = rng.choice(sorted(spans))
        tried.add(table)
        lo, hi = spans[table]
        printed = [i for i in range(lo, hi) if AMOUNT.match(lines[i])]
        if shape == "single" and printed:
            i = rng.choice(printed)
            return table, [(i, lines[i].strip(), changed(lines[i].strip(), rng))]
        # Drawn from only for this shape: the seeds recorded in benchmarks/README.md plant as they did.
        if shape == "deleted" and printed:
            i = rng.choice(printed)
            return table, [(i, lines[i].strip(), "")]
        if shape == "retype" and printed:
            i = rng.choice(printed)
            return table, [(i, lines[i].strip(), retyped(lines[i].strip(), rng))]
        swappable = [i for i in printed if swaps(lines[i].strip())] if shape == "swap" else []
        if swappable:
            i = rng.choice(swappable)
            return table, [(i, lines[i].strip(), swapped(lines[i].strip(), rng))]
        # Amounts printed on a line with other text (a label, a code, other amounts), each
        # alone of its spelling on that line so that it can be changed in place.
        inline = [(i, m.group()) for i in range(lo, hi) if not AMOUNT.match(lines[i])
                  for m in INLINE.finditer(lines[i]) if lines[i].count(m.group()) == 1] if shape == "inline" else []
        if inline:
            i, amount = rng.choice(inline)
            return table, [(i, amount, changed(amount, rng))]
        # An amount a line prints more than once (a row's 合计 and its one part): one of them
        # changed, the whole line given as the change.
        repeated = [(i, m) for i in range(lo, hi) for m in INLINE.finditer(lines[i])
                    if len(re.findall(rf"(?<![\d.]){re.escape(m.group())}(?![\d.])", lines[i])) > 1] \
            if shape == "repeated" else []
        if repeated:
            i, m = rng.choice(repeated)
            return table, [(i, lines[i], lines[i][:m.start()] + changed(m.group(), rng) + lines[i][m.end():])]
        if shape == "dropped":
            dropped = [(i, m) for i in range(lo, hi) if not AMOUNT.match(lines[i])
                       for m in INLINE.finditer(lines[i]) if lines[i].count(m.group()) == 1]
            if dropped:
                i, m = rng.choice(dropped)
                kept = (lines[i][:m.start()].rstrip() + " " + lines[i][m.end():].lstrip()).strip()
                return table, [(i, lines[i], kept)]
        where: dict[str, list[int]] = {}
        for i in printed:
            where.setdefault(lines[i].strip(), []).append(i)
        # The table's rows: column → amount, of the cells that hold one.
        table_rows: dict[str, dict[str, str]] = {}
        for (unit, key, row, column), value in clean.items():
            if (unit, key) == table and value:
                table_rows.setdefault(row, {})[column] = str(value)
        # A row's cells whose amounts the table prints once each: the line that prints it is known.
        rows = {row: [(column, amount) for column, amount in cs.items() if len(where.get(amount, ())) == 1]
                for row, cs in table_rows.items()}
        if shape == "total":
            totals = [amount for cs in rows.values() for column, amount in cs if column == "total"]
            if totals:
                amount = rng.choice(totals)
                return table, [(where[amount][0], amount, changed(amount, rng))]
        if shape == "both":
            # A row whose 合计 is its one part that is not zero, the amount printed just there:
            # both change alike, so the row still adds up and only its parent's sums break.
            both = [cs["total"] for cs in table_rows.values()
                    if len(cs) == 2 and "total" in cs and len(set(cs.values())) == 1
                    and len(where.get(cs["total"], ())) == 2]
            if both:
                amount = rng.choice(both)
                new = changed(amount, rng)
                return table, [(i, amount, new) for i in where[amount]]
        if shape == "pair":
            pairs = [(a, b) for cs in rows.values() for a in cs for b in cs if a[1] < b[1]]
            if pairs:
                a, b = rng.choice(pairs)
                return table, [(where[amount][0], amount, changed(amount, rng)) for _, amount in (a, b)]
    raise SystemExit(f"no table of the sample has a place for a {shape} misprint")


def findings(document):
    """The document's findings and causes, as ``kg validate FILE`` gives them."""
    from kg.rdf.mapping import document_quads, graph_iri
    from kg.validate.engine import validate_quads

    task = validate_quads(document_quads(document), document=document.source, graph=graph_iri(document))
    return task.findings, task.causes


def judged(document, clean: dict, own: set, planted: set) -> str:
    """The verdict of ``--validate`` on a copy read (see the module's docstring)."""
    found, causes = findings(document)
    new = [f for f in found if (f.code, f.unit, f.table, f.row, f.column) not in own]
    if not new:
        return "silent"
    for cause in causes:
        for cell in cause.cells:
            key = (cell.unit, cell.table, cell.row, cell.column)
            if key not in planted or clean.get(key) is None or Decimal(cell.needed) != clean[key]:
                return "wrong"
    explained = {f for cause in causes for f in (*cause.findings, *cause.together)}
    return "named" if all(f.id in explained for f in new) else "unnamed"


def read_copy(job: tuple) -> dict:
    k, shape, table, changes, folder, clean, own = job
    lines = sample_path().read_text(encoding="utf-8").split("\n")
    for i, old, new in changes:
        lines[i] = lines[i].replace(old, new)
    path = Path(folder) / f"copy-{k:03d}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    start = time.process_time()
    document = read_document(path)
    cpu = time.process_time() - start
    got = cells(document)
    differing = sorted((str(clean.get(key)), str(got.get(key))) for key in set(clean) | set(got)
                       if clean.get(key) != got.get(key))
    # A change given as a whole line (``repeated``) changes the one amount its words differ in.
    expected = sorted(_expected(o, n) for _, o, n in changes)
    verdict = "lost" if document.unplaced else "read" if differing == expected else "misread"
    if own is not None and verdict == "read":
        planted = {key for key in set(clean) | set(got) if clean.get(key) != got.get(key)}
        verdict = judged(document, clean, own, planted)
    return {"k": k, "shape": shape, "table": "/".join(table), "changes": [(i + 1, o, n) for i, o, n in changes],
            "verdict": verdict, "unplaced": len(document.unplaced), "cpu": cpu}


def _expected(old: str, new: str) -> tuple[str, str]:
    """(as printed, as read) of the one amount a change makes: changed, or left out (read as
    "None"). An amount glued to a 序号 ("989.0017" is 989.00 and 17) is the amount alone."""
    o, n = old.split(), new.split()
    i = next(k for k in range(len(o)) if k >= len(n) or o[k] != n[k])
    amount = re.match(r"\d[\d,]*\.\d\d", o[i]).group()
    if len(n) < len(o):
        return amount, "None"
    glued = o[i][len(amount):]  # the 序号 after it, if any: changed or not, it is not the amount's
    return amount, n[i].removesuffix(glued) if glued and n[i].endswith(glued) else n[i]


def _given(spec: str, lines: list[str], parser: argparse.ArgumentParser) -> list[tuple[int, str, str]]:
    """The changes ``--plant`` names: (0-based line, old, new) for each LINE:OLD:NEW."""
    changes = []
    for change in spec.split(","):
        parts = change.split(":")
        if len(parts) != 3:
            parser.error(f"--plant {change}: expected LINE:OLD:NEW")
        line, old, new = parts
        if not line.isdigit() or not 0 < int(line) <= len(lines) or old not in lines[int(line) - 1]:
            parser.error(f"--plant {change}: line {line} of the sample does not print {old}")
        changes.append((int(line) - 1, old, new))
    return changes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--copies", type=int, default=12)
    parser.add_argument("--shapes", default="single,pair,total", help="comma-separated, taken in turn")
    parser.add_argument("--tables", help="comma-separated table keys to plant in (default: every table)")
    parser.add_argument("--plant", action="append", metavar="LINE:OLD:NEW[,LINE:OLD:NEW…]",
                        help="one copy with these changes (text lines from 1) instead of the seed's; repeatable")
    parser.add_argument("--validate", action="store_true",
                        help="validate each copy read, and judge its findings against what was planted")
    options = parser.parse_args()
    shapes = options.shapes.split(",")
    if not set(shapes) <= {"single", "pair", "total", "both", "inline", "swap", "retype", "repeated", "deleted", "dropped"}:
        parser.error(f"unknown shape in {options.shapes}")
    rng = random.Random(options.seed)
    lines = sample_path().read_text(encoding="utf-8").split("\n")
    sample = read_document(sample_path())
    keys = set(options.tables.split(",")) if options.tables else None
    clean, spans = cells(sample), table_spans(sample, len(lines), keys)
    if not spans:
        parser.error(f"no table of the sample is one of {options.tables}")
    if options.plant:
        copies = [("given", ("-",), _given(spec, lines, parser)) for spec in options.plant]
    else:
        copies = [(shapes[k % len(shapes)], *plan(lines, clean, spans, shapes[k % len(shapes)], rng))
                  for k in range(options.copies)]
    with tempfile.TemporaryDirectory() as folder, Pool(2) as pool:
        own = {(f.code, f.unit, f.table, f.row, f.column) for f in findings(sample)[0]} if options.validate else None
        jobs = [(k, *copy, folder, clean, own) for k, copy in enumerate(copies)]
        results = []
        for result in pool.imap_unordered(read_copy, jobs):
            results.append(result)
            changes = ", ".join(f"line {i}: {o} → {n}" for i, o, n in result["changes"])
            print(f"{result['k']:3d} {result['shape']:6s} {result['table']:28s} {result['verdict']:7s} "
                  f"{result['unplaced']:3d} unplaced {result['cpu']:6.2f} s  {changes}", flush=True)
    print(dict(sorted(Counter((r["shape"], r["verdict"]) for r in results).items())))
    print("CPU s:", " ".join(f"{r['cpu']:.1f}" for r in sorted(results, key=lambda r: r["cpu"])))


if __name__ == "__main__":
    main()
