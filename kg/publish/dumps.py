"""The downloadable dumps: TriG and N-Quads of all graphs, N-Quads per graph, Turtle of
the union, JSON-LD with the published context; gzip beside every file over a size.

Everything is sorted (see :meth:`kg.store.Store.dump` and :mod:`kg.publish.jsonld`) and
gzip is written with no name and no time in its header, so publishing the same store
twice gives byte-identical files.
"""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.publish import jsonld
from kg.publish.paths import SiteMap
from kg.store import Store, prefixes

__all__ = ["GZIP_OVER", "Dump", "write_dumps"]

#: Files larger than this (bytes) also get a ``.gz`` twin.
GZIP_OVER = 1_000_000

FOLDER = "dumps"


@dataclass(frozen=True)
class Dump:
    """One published file: where it is, what it holds, its media type and size."""

    folder: str
    name: str
    title: str
    media_type: str
    size: int
    statements: int
    graph: str | None = None  #: the named graph it holds, None for the whole dataset
    compressed: str | None = None  #: the name of the gzip twin, if any
    compressed_size: int | None = None

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.name}"


MEDIA_TYPES = {
    "nq": "application/n-quads",
    "trig": "application/trig",
    "ttl": "text/turtle",
    "jsonld": "application/ld+json",
}


def write_dumps(store: Store, quads: list[ox.Quad], site: SiteMap, out: Path) -> list[Dump]:
    """Write the dumps of ``store`` (whose quads are ``quads``) under ``out/dumps``."""
    folder = out / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    dumps = []
    for fmt, name, title in (
        ("nquads", "budget.nq", "All named graphs (N-Quads)"),
        ("trig", "budget.trig", "All named graphs (TriG)"),
        ("turtle", "budget.ttl", "The union of all graphs (Turtle)"),
    ):
        count = store.dump(fmt, folder / name)
        dumps.append(_finish(folder, name, title, count))
    document = jsonld.dataset_document(quads, prefixes())
    (folder / "budget.jsonld").write_text(jsonld.dumps(document), encoding="utf-8")
    dumps.append(_finish(folder, "budget.jsonld", "All named graphs (JSON-LD)", len(quads)))
    for graph in store.graphs():
        name = graph_file(site, graph)
        lines = sorted(
            ox.serialize(
                store.inner.quads_for_pattern(None, None, None, ox.NamedNode(graph)), format=ox.RdfFormat.N_QUADS
            ).splitlines(keepends=True)
        )
        (folder / "graphs").mkdir(exist_ok=True)
        (folder / "graphs" / name).write_bytes(b"".join(lines))
        dumps.append(_finish(folder / "graphs", name, f"The graph {graph} (N-Quads)", len(lines), graph))
    return dumps


def write_context(out: Path) -> str:
    """Write ``context.jsonld`` at the site root; return its name."""
    (out / "context.jsonld").write_text(jsonld.dumps(jsonld.context(prefixes())), encoding="utf-8")
    return "context.jsonld"


def graph_file(site: SiteMap, graph: str) -> str:
    """The file name of one graph's N-Quads: its path below the base, ``/`` as ``-``.

    >>> graph_file(SiteMap("https://budget-kg.org/id/"), "https://budget-kg.org/id/graph/323001/2023/unit-budget")
    'graph-323001-2023-unit-budget.nq'
    """
    local = graph[len(site.base):] if graph.startswith(site.base) else (site.folder(graph) or graph)
    safe = "".join(c if c.isalnum() or c in "-._" else "-" for c in local.replace("/", "-"))
    return f"{safe}.nq"


def _finish(folder: Path, name: str, title: str, count: int, graph: str | None = None) -> Dump:
    path = folder / name
    size = path.stat().st_size
    compressed = compressed_size = None
    if size > GZIP_OVER:
        compressed = name + ".gz"
        with (folder / compressed).open("wb") as raw, gzip.GzipFile(
            filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9
        ) as stream:
            stream.write(path.read_bytes())
        compressed_size = (folder / compressed).stat().st_size
    relative = folder.name if folder.name == FOLDER else f"{FOLDER}/{folder.name}"
    return Dump(relative, name, title, MEDIA_TYPES[name.rsplit(".", 1)[1]], size, count, graph, compressed, compressed_size)
