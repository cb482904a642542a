"""Typed records: the contract between extraction and everything after it.

Extraction produces a :class:`Document`; mapping turns it into RDF. Neither side
knows the other's internals, only these dataclasses. Every record carries where it
came from (:class:`Location`), so any later finding can point back at the page.

Amounts are :class:`decimal.Decimal` exactly as printed (``Decimal("3.00")`` keeps
its two places). A cell that is blank in the document is *absent* from
``Line.values``; it is never stored as zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

#: The amount of a blank cell wherever one counts as zero (sums, identities); it is
#: never stored in ``Line.values``.
ZERO = Decimal(0)


@dataclass(frozen=True)
class Location:
    """Where something was read: file name, 1-based page, table key, text line."""

    source: str
    page: int
    table: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}, page {self.page}"
        if self.table:
            where += f", table {self.table}"
        if self.line:
            where += f", line {self.line}"
        return where


@dataclass
class Line:
    """One printed row of a table.

    ``key`` is stable within its table: the classification code for classified rows
    (``"2080101"``), or a row key from the template profile for labelled rows
    (``"income.gpb"``, ``"total"``).
    """

    key: str
    name: str
    values: dict[str, Decimal]
    location: Location
    code: str | None = None
    row_no: int | None = None
    code_inferred: bool = False  # the row prints a name only; ``code`` was found in the code list by it
    #: The row's code and name in a second classification printed beside its own (a
    #: 部门预算支出经济分类 row 30201 办公费 printing its 政府预算支出经济分类 50201 办公经费).
    paired_code: str | None = None
    paired_name: str | None = None
    #: Percentages the row prints (占比, 增减率), by column: no amounts, in no identity.
    percentages: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class IdentityBreak:
    """An arithmetic identity of the document that the printed numbers do not satisfy.

    Recorded by the parser, never repaired: validation turns it into a finding.
    ``kind`` is one of ``row-sum`` (total = parts), ``parent-sum`` (parent = sum of
    children), ``total-sum`` (合计 = sum of top-level rows).
    """

    kind: str
    table: str
    row: str
    column: str
    expected: Decimal
    actual: Decimal
    location: Location


@dataclass(frozen=True)
class Unplaced:
    """A numeric token that could not be put into a cell with confidence."""

    text: str
    location: Location
    reason: str


@dataclass
class Table:
    """One standard table of one unit, possibly spread over several pages."""

    key: str
    title: str
    columns: list[str]
    lines: list[Line] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    classification: str | None = None  # "function", "economic" or None
    empty_note: str | None = None
    breaks: list[IdentityBreak] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    tokens: int = 0  # numeric tokens read from the table body
    currency: str | None = None  # as printed, where it differs from the unit's (a 三公 table in 万元)
    # The tables (kinds) its empty-table note is about, by the subjects it names
    # (无政府性基金预算 … 空表列示: gov_fund_expenditure); set by kg/read/printed.py.
    empty_note_names: tuple[str, ...] = ()
    # The title line as printed, where it says more than ``title`` ("2022年单位预算收入总表").
    printed_title: str | None = None

    @property
    def explicitly_empty(self) -> bool:
        """True when the document says the table is empty (空表列示)."""
        return self.empty_note is not None

    def line(self, key: str) -> Line | None:
        return next((line for line in self.lines if line.key == key), None)


@dataclass
class Unit:
    """A budget unit (预算单位) and its tables."""

    code: str
    name: str
    year: int
    currency: str  # as printed, e.g. "万元" or "元"
    tables: list[Table] = field(default_factory=list)
    location: Location | None = None
    narrative: Narrative | None = None  # filled by kg/read/narrative.py
    projects: list[Project] = field(default_factory=list)  # filled by kg/read/goals.py

    def table(self, key: str) -> Table | None:
        return next((t for t in self.tables if t.key == key), None)


@dataclass(frozen=True)
class Problem:
    """Something in the document that could not be read (not an arithmetic finding)."""

    message: str
    location: Location


@dataclass(frozen=True)
class Recognised:
    """A table as the layout reader found it: its printed title, the standard table it
    names (``key``; None: none of them), its pages, and the table it was read as
    (``table``; None for a 绩效目标表, which is read by the goals reader, not as a grid)."""

    title: str
    pages: tuple[int, ...]
    key: str | None
    table: str | None = None
    unit: str = ""
    # A 绩效目标表: the projects it names, each with its 资金总额 where printed.
    projects: tuple[tuple[str, Decimal | None], ...] = ()
    # A 绩效目标表: the unit its amounts are printed in (单位：万元), None where it prints none.
    currency: str | None = None


@dataclass(frozen=True)
class PrintedTitle:
    """A title the document prints (a table's, a narrative's) and the years it names.

    ``years`` holds the numbers printed as years (``2023年``), never an amount
    (``2083.68万元``) or the year of a 文号 (``冀财社 2022年 150号``, ``〔2018〕``).
    """

    text: str
    years: tuple[int, ...]
    location: Location
    unit: str | None = None  # the unit code, where the title is one unit's


@dataclass(frozen=True)
class PrintedPhrase:
    """A phrase no finished disclosure prints: a placeholder of its template (``XX``, an
    empty ``【】``) or a template sentence left unedited (``增加持平``).

    ``kind`` names the pattern of ``mappings/printed.yaml`` it matched (``placeholder``,
    ``leftover``); ``text`` is the phrase, ``context`` the printed line around it.
    """

    kind: str
    text: str
    context: str
    location: Location


@dataclass
class Document:
    """One source file: its units, and what could not be placed."""

    source: str  # file name as given (basename)
    sha256: str
    template: str  # profile id, e.g. "hebei-county"
    kind: str  # "单位" or "部门"
    units: list[Unit] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Read from printed titles (the layout reader): every table found, recognised or not,
    # and the standard tables (key → standard title) the document does not print.
    recognised: list[Recognised] = field(default_factory=list)
    missing: dict[str, str] = field(default_factory=dict)
    # Other files of the same disclosure, as (file name, sha256): a 说明 published apart
    # from its 报表.
    companions: list[tuple[str, str]] = field(default_factory=list)
    # What document checks read from the printed text (kg/read/printed.py): the titles with
    # the years they name, and any placeholder or template leftover.
    titles: list[PrintedTitle] = field(default_factory=list)
    phrases: list[PrintedPhrase] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [t for u in self.units for t in u.tables]

    @property
    def unplaced(self) -> list[Unplaced]:
        return [u for t in self.tables for u in t.unplaced]

    @property
    def tokens(self) -> int:
        return sum(t.tokens for t in self.tables)

    @property
    def placed(self) -> int:
        return self.tokens - len(self.unplaced)

    @property
    def ok(self) -> bool:
        """True when every token was placed and nothing failed to parse."""
        return not self.problems and not self.unplaced


# --- The narrative (情况说明), read by kg/read/narrative.py ---------------------------------


@dataclass(frozen=True)
class Duty:
    """One numbered duty of 单位职责: ``（五）`` is ``number=5``; ``text`` without the number."""

    number: int
    text: str
    location: Location


@dataclass(frozen=True)
class Institution:
    """The row of the 单位机构设置情况 table: name, nature (行政/事业), rank (正科级), funding form."""

    name: str
    nature: str | None
    rank: str | None
    funding_form: str | None
    location: Location


@dataclass(frozen=True)
class NarrativeFact:
    """An amount the narrative states in prose, e.g. ``expenditure.personnel`` = 632.2 万元.

    ``value`` is exactly as printed; ``unit`` as printed (万元, or 年 for
    ``change.previous_year``). ``reason`` is the clause the document gives with it
    (``主要为增加人员经费支出``); ``direction`` is 增加/减少 for the ``change.*`` facts,
    whose value is printed without a sign.
    """

    key: str
    value: Decimal
    unit: str
    reason: str | None
    sentence: str
    location: Location
    direction: str | None = None


@dataclass(frozen=True)
class GlossaryTerm:
    """One numbered entry of 名词解释."""

    number: int
    term: str
    definition: str
    location: Location


@dataclass(frozen=True)
class AssetRow:
    """A row of 单位固定资产占用情况表 whose numbers could be attributed (blank cells are None)."""

    item: str
    quantity: Decimal | None
    value: Decimal | None
    location: Location


@dataclass
class Narrative:
    """A unit's 单位预算信息公开情况说明: duties, institution, stated amounts, glossary, assets.

    ``problems`` lists what was printed but could not be attributed with confidence
    (never guessed), and required statements that were not found. ``missing_sections``
    names the sections its template always prints that it lacks: a narrative cut short.
    """

    duties: list[Duty] = field(default_factory=list)
    institution: Institution | None = None
    facts: list[NarrativeFact] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    asset_rows: list[AssetRow] = field(default_factory=list)
    location: Location | None = None
    problems: list[Problem] = field(default_factory=list)
    missing_sections: list[str] = field(default_factory=list)

    def fact(self, key: str) -> NarrativeFact | None:
        return next((f for f in self.facts if f.key == key), None)

    def asset_row(self, item: str) -> AssetRow | None:
        return next((r for r in self.asset_rows if r.item == item), None)


@dataclass(frozen=True)
class Goal:
    """One numbered 绩效目标 of a project."""

    number: int
    text: str
    location: Location


# --- Legal documents (文号) cited by the goal tables, read by kg/read/legal.py -----------


@dataclass(frozen=True)
class DocumentNumber:
    """One printed 文号: issuer, year and serial number, plus the text as printed.

    Two spellings of one document differ in :attr:`printed` but share :attr:`canonical`.

    >>> DocumentNumber("冀财规", 2018, 21, "冀财规【2018】21号").canonical
    '冀财规〔2018〕21号'
    """

    issuer: str
    year: int
    number: int
    printed: str

    @property
    def canonical(self) -> str:
        """The normal form ``issuer〔year〕number号``: the identity of the document."""
        return f"{self.issuer}〔{self.year}〕{self.number}号"


@dataclass(frozen=True)
class Basis:
    """What an indicator's 指标值确定依据 cell says, typed.

    :ivar kind: ``"legal"`` when the text cites at least one 文号, ``"concept"`` when it
        names a known non-legal basis (see ``mappings/basis-concepts.yaml``), else ``"other"``
    :ivar printed: the cell text as printed (line breaks kept)
    :ivar documents: the cited 文号, first spelling of each document, in printed order
    :ivar concept: the stable concept key (``survey``, ``work-plan``, …) or ``None``
    """

    kind: str
    printed: str
    documents: tuple[DocumentNumber, ...]
    concept: str | None


@dataclass(frozen=True)
class Indicator:
    """One row of a 绩效目标表.

    ``level1`` and ``level2`` are profile keys (``output``, ``quantity``, …); the printed
    level-2 label is ``level2_label``. A field that the reader could not attribute with
    confidence is ``None``, and the text it could have been is on ``Project.unattributed``.
    ``value_text`` is the target exactly as printed; ``comparator``, ``value`` and
    ``measure_unit`` are parsed from it when it is numeric (``measure_unit`` normalised,
    ``百分比`` → ``%``; ``printed_unit`` as printed).
    """

    level1: str
    level2: str
    level2_label: str
    name: str | None
    description: str | None
    value_text: str | None
    comparator: str | None
    value: Decimal | None
    measure_unit: str | None
    printed_unit: str | None
    basis_text: str | None
    location: Location
    basis: Basis | None = None  # what basis_text says, typed: the 文号 it cites or the concept it names


@dataclass
class Project:
    """One 项目绩效目标表: the project, its goals and its indicator rows.

    ``unattributed`` holds the printed cells the reader could not tie to one row and
    column with confidence; they are reported, never guessed. ``funding_documents`` are
    the 文号 the title names; ``cited`` those printed in unattributed cells (the table
    cites them even where the reader cannot say which row does).
    """

    number: int
    title: str
    location: Location
    goals: list[Goal] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    unattributed: list[Unplaced] = field(default_factory=list)
    funding_documents: list[DocumentNumber] = field(default_factory=list)
    cited: list[DocumentNumber] = field(default_factory=list)
    #: the 资金总额 the table prints, and the unit it prints it in (None: not printed)
    funds: Decimal | None = None
    funds_currency: str | None = None
