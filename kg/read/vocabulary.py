"""The vocabulary of the standard tables (``mappings/standard.yaml``), for the layout reader.

Every province prints the same table set under its own titles, column orders and code
layouts. This is what they share: the synonyms of each standard table's title, of each
column's header and of each labelled row's label, and where a document prints its
own facts (year, unit, kind, currency). The layout reader
(:mod:`kg.read.tables.layout`) recognises what a page prints with it; nothing in it
names a province.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.resources import read_yaml, resource

__all__ = ["Vocabulary", "load_vocabulary", "squash"]

# Numbering printed before a label or header: 一、 (一) 1. 1、 (1) ①, and 其中：.
_NUMBERING = re.compile(r"^(?:其中[：:])?(?:[（(]?[一二三四五六七八九十]+[）)、.．]|[（(]?\d{1,2}[）)、.．]|[①-⑳])*"
                        r"(?:其中[：:])?")


def squash(text: str) -> str:
    """Printed text without its spaces (a PDF spaces out 收 入 总 计)."""
    return re.sub(r"\s+", "", text)


def plain(text: str) -> str:
    """A label or header as the vocabulary knows it: no spaces, no numbering.

    >>> plain("（二）公务用车购置及运行维护支出"), plain("其中：基本支出"), plain("1、一般公共预算拨款收入")
    ('公务用车购置及运行维护支出', '基本支出', '一般公共预算拨款收入')
    """
    return _NUMBERING.sub("", squash(text))


@dataclass(frozen=True)
class StandardTable:
    key: str
    title: str  # the standard name, for messages
    match: re.Pattern
    layout: str  # "classified", "labelled" or "goals"
    classification: str | None


@dataclass(frozen=True)
class Vocabulary:
    tables: tuple[StandardTable, ...]
    columns: tuple[tuple[str, re.Pattern], ...]  # (role, header) in order of preference
    rows: tuple[tuple[str, re.Pattern], ...]  # (row key, label)
    cover: re.Pattern
    contents: re.Pattern
    unit_line: re.Pattern
    currency: re.Pattern
    money_unit: re.Pattern  # 万元, 元, 千元 …: what 单位： may name besides a unit
    title: re.Pattern
    frame: re.Pattern
    note: re.Pattern
    empty_cell: re.Pattern  # what a table prints in an empty cell (—), if anything
    percent_cell: re.Pattern  # a percentage in a table's cell (占比 85.5%)
    empty_note: re.Pattern
    standard_set: tuple[str, ...] = ()  # the tables every disclosure prints
    goals_header: re.Pattern = re.compile("指标")  # a word every 绩效目标表 prints in its header
    current_period: re.Pattern = re.compile("当年")  # a group header of the budget's year
    other_period: re.Pattern = re.compile("上年")  # a group header of another year, or of the change
    year_header: re.Pattern = re.compile(r"(\d{4})年")  # a group header naming a year

    def table(self, title: str) -> StandardTable | None:
        """The standard table a printed title names, if it names one."""
        text = squash(title)
        return next((t for t in self.tables if t.match.search(text)), None)

    def period(self, header: str, budget_year: str | None) -> bool | None:
        """Whether a group header names the budget's year (当年, 2026年), another (上年, 2025年,
        增减变化情况: False), or no year at all (None)."""
        text = plain(header)
        if (year := self.year_header.fullmatch(text)) is not None:
            return year.group(1) == budget_year
        if self.current_period.fullmatch(text):
            return True
        return False if self.other_period.fullmatch(text) else None

    def column_role(self, header: str) -> str | None:
        text = plain(header)
        return next((role for role, pattern in self.columns if pattern.fullmatch(text)), None)

    def row_key(self, label: str) -> str | None:
        text = plain(label)
        return next((key for key, pattern in self.rows if pattern.fullmatch(text)), None)


def _alternatives(spec: dict[str, list[str]]) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((key, re.compile("|".join(f"(?:{p})" for p in patterns))) for key, patterns in spec.items())


@cache
def load_vocabulary(name: str = "standard") -> Vocabulary:
    data = read_yaml(resource("mappings", f"{name}.yaml"))
    document = data["document"]
    return Vocabulary(
        tables=tuple(StandardTable(t["key"], t["title"], re.compile(t["match"]), t["layout"], t.get("classification"))
                     for t in data["tables"]),
        columns=_alternatives(data["columns"]),
        rows=_alternatives(data["rows"]),
        cover=re.compile(document["cover"]),
        contents=re.compile(document["contents"]),
        unit_line=re.compile(document["unit_line"]),
        currency=re.compile(document["currency"]),
        money_unit=re.compile(document["money_unit"]),
        title=re.compile(document["title"]),
        frame=re.compile(document["frame"]),
        note=re.compile(document["note"]),
        empty_cell=re.compile(document["empty_cell"]),
        percent_cell=re.compile(document["percent_cell"]),
        empty_note=re.compile(data["empty_note"]),
        standard_set=tuple(data["standard_set"]),
        goals_header=re.compile(document["goals_header"]),
        current_period=re.compile("|".join(f"(?:{p})" for p in data["periods"]["current"])),
        other_period=re.compile("|".join(f"(?:{p})" for p in data["periods"]["other"])),
        year_header=re.compile(data["periods"]["year"]),
    )
