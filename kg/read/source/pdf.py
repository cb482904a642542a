"""Read a disclosure PDF into pages of positioned words (no tables here).

pypdfium2 gives each character with its box; this module groups characters into
words (split where pdfium inserts a space or line break, or where the gap is wider
than a character) and words into printed lines (by vertical overlap), top to bottom
and left to right. ``benchmarks/pdf_bench.py`` has why pypdfium2: its character
boxes come out about 18 times faster than pdfplumber's ``extract_text()``.

Coordinates are PDF points with ``y`` growing upwards, as pdfium reports them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.read.source.text import SourceLine, TextSource

# pdfium marks the breaks it infers with these; their boxes are not printed text.
_BREAKS = {" ", "\r", "\n", "\x02", "\ufffe", "\u3000"}


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    y0: float
    y1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class PdfLine:
    """One printed line: its words left to right. ``no`` counts lines through the document."""

    page: int
    no: int
    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        """The words joined, with a space only where the page shows a gap."""
        out = ""
        for prev, word in zip((None, *self.words), self.words):
            # Full-width punctuation has a narrow box: only a gap of a whole character is a space.
            if prev is not None and word.x0 - prev.x1 > word.y1 - word.y0:
                out += " "
            out += word.text
        return out


@dataclass(frozen=True)
class PdfSource:
    name: str
    sha256: str
    pages: list[list[PdfLine]]  # pages[i] holds the lines of page i + 1

    @property
    def lines(self) -> list[PdfLine]:
        return [line for page in self.pages for line in page]

    def as_text(self) -> TextSource:
        """The same lines as plain text, for readers of prose (the narrative)."""
        return TextSource(self.name, self.sha256, [SourceLine(l.no, l.page, l.text) for l in self.lines])


def read_pdf(path: Path) -> PdfSource:
    """Read every page's words with their positions.

    :param path: a PDF file
    :raises InputError: the file is missing, empty, not a PDF, encrypted, or has no text layer
    """
    import pypdfium2 as pdfium  # imported here: text-only builds never load pdfium

    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "no such file")
    data = path.read_bytes()
    if not data.strip():  # pdfium would call it a "Data format error"
        raise InputError(path.name, "the file is empty")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(path.name, f"cannot be opened as a PDF ({exc})") from None
    pages: list[list[PdfLine]] = []
    counter = 0
    try:
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            lines = _lines(_words(textpage, _upright(page.get_rotation(), page.get_mediabox())), index + 1, counter)
            counter += len(lines)
            pages.append(lines)
            textpage.close()
            page.close()
    finally:
        document.close()
    if not any(pages):
        raise InputError(path.name, "the PDF has no text layer", "a scanned PDF needs OCR first")
    return PdfSource(path.name, hashlib.sha256(data).hexdigest(), pages)


Box = tuple[float, float, float, float]


def _upright(rotation: int, mediabox: Box):
    """The box of a glyph as the page is shown: a page printed sideways (/Rotate 90, its
    table drawn turned in the page's own space) is read as it is turned to be read.

    >>> turn = _upright(90, (0, 0, 595, 842))
    >>> turn((42, 259, 58, 267))  # the first glyph of a title drawn up the page's left edge
    (259, 537, 267, 553)
    """
    left, bottom, right, top = mediabox
    if rotation == 90:
        return lambda b: (b[1] - bottom, right - b[2], b[3] - bottom, right - b[0])
    if rotation == 180:
        return lambda b: (right - b[2], top - b[3], right - b[0], top - b[1])
    if rotation == 270:
        return lambda b: (top - b[3], b[0] - left, top - b[1], b[2] - left)
    return lambda b: b


def _words(textpage, upright=lambda box: box) -> list[Word]:
    count = textpage.count_chars()
    text = textpage.get_text_range(0, count) if count else ""
    words: list[Word] = []
    chars: list[tuple[str, tuple[float, float, float, float]]] = []

    def flush() -> None:
        if chars:
            words.append(Word("".join(c for c, _ in chars), min(b[0] for _, b in chars),
                              max(b[2] for _, b in chars), min(b[1] for _, b in chars),
                              max(b[3] for _, b in chars)))
            chars.clear()

    for i, char in enumerate(text[:count]):
        if char in _BREAKS:
            flush()
            continue
        box = upright(textpage.get_charbox(i, loose=True))
        if chars:
            last = chars[-1][1]
            height = max(box[3] - box[1], last[3] - last[1], 1.0)
            # A wide gap or a jump back (a new line without a break) starts a word.
            if box[0] - last[2] > 0.8 * height or box[0] < last[0] - 1 or abs(box[1] - last[1]) > height:
                flush()
        chars.append((char, box))
    flush()
    return words


def _lines(words: list[Word], page: int, counter: int) -> list[PdfLine]:
    """Words whose vertical middles lie within each other's height form one line.

    A glyph as flat as ``一`` or ``。`` has a box only as high as its stroke: such
    words join, after the lines are formed, the line whose band holds their middle.
    """
    if not words:
        return []
    heights = sorted(w.y1 - w.y0 for w in words)
    typical = heights[len(heights) // 2]
    flat = [w for w in words if w.y1 - w.y0 < 0.5 * typical]
    rows: list[list[Word]] = []
    for word in sorted((w for w in words if w.y1 - w.y0 >= 0.5 * typical), key=lambda w: -(w.y0 + w.y1) / 2):
        middle = (word.y0 + word.y1) / 2
        if rows:
            row = rows[-1]
            top, bottom = max(w.y1 for w in row), min(w.y0 for w in row)
            if bottom <= middle <= top and abs(middle - _middle(row)) < 0.45 * (top - bottom):
                row.append(word)
                continue
        rows.append([word])
    for word in flat:
        middle = (word.y0 + word.y1) / 2
        holding = [row for row in rows if min(w.y0 for w in row) <= middle <= max(w.y1 for w in row)]
        if holding or rows:
            min(holding or rows, key=lambda row: abs(_middle(row) - middle)).append(word)
        else:
            rows.append([word])
    return [PdfLine(page, counter + n + 1, tuple(sorted(row, key=lambda w: w.x0))) for n, row in enumerate(rows)]


def _middle(row: list[Word]) -> float:
    middles = sorted((w.y0 + w.y1) / 2 for w in row)
    return middles[len(middles) // 2]
