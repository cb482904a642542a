"""The canned query library: ``queries/*.rq``, their headers, and safe parameter binding.

Each top-level ``.rq`` file under ``queries/`` is one question, named after its file
(``queries/function-spending.rq`` is ``function-spending``). Its header comment says what
it answers and which parameters it takes::

    # title: 功能科目支出 / Spending on a function code
    # description: …
    # parameters:
    #   code (code, default "20801"): the function code (类, 款 or 项)
    # example: kg query function-spending --param code=2080101
    # columns: unit_code, …

A parameter is bound where the file gives its default, so every file runs as it
stands: in ``VALUES ?code { "20801" }`` (the term is replaced by the value as one
typed RDF term, written with N-Triples escaping), or, for a ``limit`` parameter, in the
final ``LIMIT 10`` and any other ``LIMIT`` of the file (replaced by a validated positive
integer): a query that ranks in a subquery, to look up the rest for the top rows only,
limits there too. A value can therefore
never change the shape of the query: quotes, braces and line breaks stay inside the
literal.

Canned queries match their patterns inside ``GRAPH ?g { … }``, so they mean the same on
the embedded store (whose default graph is the union of all graphs) and on any server,
whatever its default graph is.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kg.errors import BudgetKgError
from kg.resources import resource

__all__ = ["CannedQuery", "Parameter", "ParameterError", "bind", "catalogue", "load_query"]

_XSD = "http://www.w3.org/2001/XMLSchema#"

#: Header keys every canned query must give.
REQUIRED = ("title", "description", "parameters", "example", "columns")


class ParameterError(BudgetKgError):
    """A parameter is unknown, missing its value, or its value does not fit its type."""


def _string(value: str) -> ox.Literal:
    return ox.Literal(value)


def _code(value: str) -> ox.Literal:
    if not re.fullmatch(r"\d{3,7}", value):
        raise ValueError("a classification code is 3 to 7 digits, e.g. 208, 20801 or 2080101")
    return ox.Literal(value)


def _integer(value: str) -> ox.Literal:
    if not re.fullmatch(r"[+-]?\d+", value.strip()):
        raise ValueError("not an integer")
    return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))


def _decimal(value: str) -> ox.Literal:
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        raise ValueError("not a decimal number") from None
    if not number.is_finite():
        raise ValueError("not a finite decimal number")
    return ox.Literal(format(number, "f"), datatype=ox.NamedNode(_XSD + "decimal"))


def _document_number(value: str) -> ox.Literal:
    # Imported here: kg.read.legal loads every reader (kg/read/__init__.py), which only a
    # document-number parameter needs, not `kg query` in general.
    from kg.read.legal import find_document_numbers

    found = find_document_numbers(value)
    if len(found) != 1 or found[0].printed != value.strip().replace("\n", ""):
        raise ValueError("not one document number (文号) such as 冀财规〔2018〕21号")
    return ox.Literal(found[0].canonical)


def _iri(value: str) -> ox.NamedNode:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]*", value):
        raise ValueError("not an absolute IRI")
    return ox.NamedNode(value)


def _limit(value: str) -> str:
    number = _integer(value).value
    if int(number) < 1:
        raise ValueError("a limit is a positive integer")
    return number


#: Parameter type → how a value (text from the command line) becomes its RDF term.
#: ``document-number`` accepts any printed spelling of a 文号 and binds its canonical form.
TYPES = {
    "string": _string,
    "code": _code,
    "integer": _integer,
    "decimal": _decimal,
    "document-number": _document_number,
    "iri": _iri,
    "limit": _limit,
}


@dataclass(frozen=True)
class Parameter:
    """One declared parameter: name, type (a key of :data:`TYPES`), default (as text) and help."""

    name: str
    type: str
    default: str
    help: str

    def term(self, value: str) -> str:
        """``value`` as the SPARQL text of one term of this parameter's type.

        :raises ParameterError: when ``value`` does not fit the type

        >>> Parameter("keyword", "string", "就业", "").term('x" } ; DROP ALL')
        '"x\\\\" } ; DROP ALL"'
        >>> Parameter("document", "document-number", "", "").term("冀财规【2018】21 号")
        '"冀财规〔2018〕21号"'
        """
        try:
            made = TYPES[self.type](value)
        except ValueError as problem:
            raise ParameterError(f"--param {self.name}={value!r}: {problem}") from None
        return made if isinstance(made, str) else str(made)


@dataclass(frozen=True)
class CannedQuery:
    """A query of the library: its name, file, header fields and text."""

    name: str
    path: Path
    title_zh: str
    title_en: str
    description: str
    parameters: tuple[Parameter, ...]
    example: str
    columns: tuple[str, ...]
    text: str

    @property
    def title(self) -> str:
        return f"{self.title_zh} / {self.title_en}" if self.title_zh else self.title_en


_HEADER_LINE = re.compile(r"#\s?(?P<key>[a-z]+):\s*(?P<value>.*)")
_PARAMETER = re.compile(
    r"(?P<name>[a-z_][a-z0-9_]*)\s*\((?P<type>[a-z-]+),\s*default\s+(?P<default>\"[^\"]*\"|\S+?)\)\s*:\s*(?P<help>.*)"
)


def _header(text: str) -> dict[str, list[str]]:
    """The header comment as key → lines (continuation lines start with ``#`` and spaces)."""
    fields: dict[str, list[str]] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER_LINE.fullmatch(line.rstrip())
        if match and not line.startswith("#  "):
            key = match["key"]
            fields[key] = [match["value"]] if match["value"] else []
        elif key is not None:
            fields[key].append(line[1:].rstrip())  # indentation kept: it marks continued help
    return fields


def load_query(path: Path, name: str | None = None) -> CannedQuery:
    """Read one ``.rq`` file and its header.

    :raises ValueError: when a header field is missing or a parameter line is malformed
    """
    text = path.read_text(encoding="utf-8-sig")
    fields = _header(text)
    missing = [key for key in REQUIRED if key not in fields]
    if missing:
        raise ValueError(f"{path}: the header lacks {', '.join(missing)}")
    fields = {key: lines if key == "parameters" else [line.strip() for line in lines] for key, lines in fields.items()}
    title = " ".join(fields["title"])
    title_zh, _, title_en = title.partition(" / ")
    if not title_en:
        title_zh, title_en = "", title
    parameters = []
    for raw in fields["parameters"]:
        line = raw.strip()
        if line == "none":
            continue
        if parameters and len(raw) - len(raw.lstrip()) > 3:  # a help text wrapped onto this line
            last = parameters.pop()
            parameters.append(Parameter(last.name, last.type, last.default, f"{last.help} {line}"))
            continue
        match = _PARAMETER.fullmatch(line)
        if match is None or match["type"] not in TYPES:
            raise ValueError(f"{path}: bad parameter line {line!r}; write `name (type, default VALUE): help`")
        default = match["default"].strip('"')
        parameters.append(Parameter(match["name"], match["type"], default, match["help"]))
    return CannedQuery(
        name=name or path.stem,
        path=path,
        title_zh=title_zh.strip(),
        title_en=title_en.strip(),
        description=" ".join(fields["description"]),
        parameters=tuple(parameters),
        example=" ".join(fields["example"]),
        columns=tuple(c.strip() for c in " ".join(fields["columns"]).split(",") if c.strip()),
        text=text,
    )


@functools.lru_cache(maxsize=1)
def catalogue() -> dict[str, CannedQuery]:
    """Every canned query (``queries/*.rq``, not the CSV exports under ``queries/export/``), by name.

    >>> catalogue()["unit-summary"].title_en
    'Unit summary'
    """
    folder = resource("queries")
    return {path.stem: load_query(path) for path in sorted(folder.glob("*.rq"))}


def _site(parameter: Parameter) -> re.Pattern[str]:
    if parameter.type == "limit":
        return re.compile(r"\bLIMIT\s+\d+(?=\s*(?:\}|\Z))", re.IGNORECASE)
    return re.compile(rf"\bVALUES\s+\?{parameter.name}\s*\{{[^{{}}]*\}}")


def bind(query: CannedQuery, values: dict[str, str] | None = None) -> str:
    """The query's text with each parameter bound (to ``values`` or its default).

    :param query: a canned query
    :param values: parameter name → value as typed on the command line
    :raises ParameterError: for an unknown parameter or a value that does not fit its type
    :raises ValueError: when the file has no binding site for a declared parameter

    >>> text = bind(catalogue()["duties-keyword"], {"keyword": 'a"\\nb'})
    >>> 'VALUES ?keyword { "a\\\\"\\\\nb" }' in text
    True
    """
    values = dict(values or {})
    known = {p.name for p in query.parameters}
    unknown = sorted(set(values) - known)
    if unknown:
        hint = f"it takes {', '.join(sorted(known))}" if known else "it takes no parameters"
        raise ParameterError(f"{query.name}: unknown parameter {', '.join(unknown)}; {hint}")
    text = query.text
    for parameter in query.parameters:
        term = parameter.term(values.get(parameter.name, parameter.default))
        replacement = f"LIMIT {term}" if parameter.type == "limit" else f"VALUES ?{parameter.name} {{ {term} }}"
        text, count = _site(parameter).subn(lambda _: replacement, text)
        final_limit = parameter.type == "limit" and text.rstrip().endswith(replacement)
        if count != 1 and not (final_limit and count > 1) or parameter.type == "limit" and not final_limit:
            raise ValueError(f"{query.path}: parameter {parameter.name} needs exactly one binding site, found {count}")
    return text
