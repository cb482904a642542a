"""A PDF page as positioned words, made by hand: the layout reader's input without a PDF.

For behaviours of a layout no corpus document prints (a column of percentages, a cell
printed as —), where cutting a real page is not possible. Each row is a printed line,
each cell ``(text, x)`` a word starting at ``x`` points; a digit is 6 points wide, any
other character 12, and lines are 20 points apart.
"""

from __future__ import annotations

from kg.read.source.pdf import PdfLine, PdfSource, Word


def page(*rows: list[tuple[str, float]]) -> PdfSource:
    """A one-page PDF's positioned words: each row a line, each cell (text, x) a word."""

    def width(text: str) -> float:
        return 6 * len(text) if text[0].isdigit() else 12 * len(text)

    lines = [PdfLine(1, n + 1, tuple(Word(text, x, x + width(text), 790 - 20 * n, 800 - 20 * n) for text, x in row))
             for n, row in enumerate(rows)]
    return PdfSource("t.pdf", "0" * 64, [lines])
