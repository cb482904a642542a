"""Charts drawn as SVG on the server: no script and no network when the page is opened.

A chart is data first (:class:`Chart`: categories, series, the printed amounts) and
geometry second; the template ``chart.html`` draws the bars, writes each printed amount
as a data label beside its bar, and repeats the numbers as a table, so that the chart
has a title, a text alternative and the exact figures. Bar lengths are computed in
``Decimal`` and rounded to a tenth of a pixel: amounts never pass through float.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["Bar", "Category", "Chart"]

#: Width in pixels of the longest bar.
BAR_AREA = Decimal(380)
LABEL_WIDTH = 230
BAR_HEIGHT = 16
GAP = 10


@dataclass(frozen=True)
class Bar:
    series: str
    amount: Decimal
    printed: str
    href: str | None = None


@dataclass
class Category:
    label: str
    bars: list[Bar]
    href: str | None = None


@dataclass
class Chart:
    """A horizontal bar chart: one group of bars (one per series) per category."""

    id: str
    title: str
    unit: str
    series: list[str]
    categories: list[Category] = field(default_factory=list)

    def scale(self) -> Decimal:
        largest = max((abs(b.amount) for c in self.categories for b in c.bars), default=Decimal(0))
        return BAR_AREA / largest if largest else Decimal(0)

    def layout(self) -> list[dict[str, object]]:
        """Rows for the template: each bar with its y, width and series index."""
        scale, y, rows = self.scale(), GAP, []
        for category in self.categories:
            top, bars = y, []
            for bar in category.bars:
                bars.append(
                    {
                        "bar": bar,
                        "y": y,
                        "width": str((abs(bar.amount) * scale).quantize(Decimal("0.1"))),
                        "label_x": str((LABEL_WIDTH + abs(bar.amount) * scale + 4).quantize(Decimal("0.1"))),
                        "series_index": self.series.index(bar.series),
                    }
                )
                y += BAR_HEIGHT + 2
            rows.append({"category": category, "y": top, "bars": bars})
            y += GAP
        return rows

    def height(self) -> int:
        bars = sum(len(c.bars) for c in self.categories)
        return GAP + bars * (BAR_HEIGHT + 2) + len(self.categories) * GAP + 4

    @property
    def width(self) -> int:
        labels = [f"{b.printed} {b.series}" if len(self.series) > 1 else b.printed for c in self.categories for b in c.bars]
        return LABEL_WIDTH + int(BAR_AREA) + 10 + max((text_width(t) for t in labels), default=0)

    @property
    def label_width(self) -> int:
        return LABEL_WIDTH

    @property
    def bar_height(self) -> int:
        return BAR_HEIGHT


def text_width(text: str) -> int:
    """Pixels a 12 px label needs, roughly: CJK characters are square, others about half."""
    return sum(13 if ord(ch) > 0x2E80 else 7 for ch in text)
