"""The downloadable dumps: TriG and N-Quads of all graphs, N-Quads per graph, Turtle of
the union, JSON-LD with the published context; gzip beside every file over a size.

Everything is sorted (see :meth:`kg.store.Store.dump` and :mod:`kg.publish.jsonld`) and
gzip is written with no name and no time in its header, so publishing the same store
twice gives byte-identical files.
"""

from __future__ import annotations

import gc
import gzip
import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import BudgetKgError
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
    """Write the dumps of ``store`` (whose quads are ``quads``, from :meth:`Store.sorted_quads`) under ``out/dumps``.

    The store is read and sorted once for all the dumps. The other core would wait for the
    page workers: the JSON-LD dump, the slowest (pure Python), is written there by a forked
    process while this one writes the others, and compression (level 9) runs in a thread,
    since zlib lets go of the interpreter lock.
    """
    folder = out / FOLDER
    (folder / "graphs").mkdir(parents=True, exist_ok=True)
    # Forked before the thread starts: a fork copies only the thread that calls it.
    wait_for_jsonld = _in_background(_write_jsonld, quads, folder / "budget.jsonld")
    with ThreadPoolExecutor(1) as gzipper:
        written: list[tuple[Path, str, str, int, str | None, Future[int] | None]] = []

        def finish(where: Path, name: str, title: str, count: int, graph: str | None = None) -> None:
            path = where / name
            compressing = gzipper.submit(_gzip, path) if path.stat().st_size > GZIP_OVER else None
            written.append((where, name, title, count, graph, compressing))

        graph_files = []
        with (folder / "budget.nq").open("wb") as everything:
            count = 0
            for graph, lines in store.nquads_by_graph(quads):
                everything.writelines(lines)
                count += len(lines)
                if graph is not None:
                    graph_files.append((graph, graph_file(site, graph), len(lines)))
                    (folder / "graphs" / graph_files[-1][1]).write_bytes(b"".join(lines))
        finish(folder, "budget.nq", "All named graphs (N-Quads)", count)
        for fmt, name, title in (
            ("trig", "budget.trig", "All named graphs (TriG)"),
            ("turtle", "budget.ttl", "The union of all graphs (Turtle)"),
        ):
            finish(folder, name, title, store.dump(fmt, folder / name, quads))
        wait_for_jsonld()
        finish(folder, "budget.jsonld", "All named graphs (JSON-LD)", len(quads))
        for graph, name, count in graph_files:
            finish(folder / "graphs", name, f"The graph {graph} (N-Quads)", count, graph)
        return [_dump(*entry) for entry in written]


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


def _write_jsonld(quads: list[ox.Quad], path: Path) -> None:
    with path.open("w", encoding="utf-8") as text:
        jsonld.write_dataset(quads, prefixes(), text)


def _in_background(target: Callable[..., None], *args: object) -> Callable[[], None]:
    """Run ``target(*args)`` in a forked process; return what waits for it (here at once where no fork)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        target(*args)
        return lambda: None
    # Frozen, the objects the fork shares are not visited (so not copied) by the child's collector.
    gc.freeze()
    try:
        process = multiprocessing.get_context("fork").Process(target=target, args=args)
        process.start()
    finally:
        gc.unfreeze()

    def wait() -> None:
        process.join()
        if process.exitcode != 0:
            raise BudgetKgError(f"the process writing {args[-1]} failed (exit code {process.exitcode})")

    return wait


def _gzip(path: Path) -> int:
    """Write ``path``'s gzip twin beside it (no name, no time in the header); return its size."""
    compressed = path.with_name(path.name + ".gz")
    with compressed.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as stream:
        stream.write(path.read_bytes())
    return compressed.stat().st_size


def _dump(folder: Path, name: str, title: str, count: int, graph: str | None, compressing: Future[int] | None) -> Dump:
    compressed, compressed_size = (name + ".gz", compressing.result()) if compressing is not None else (None, None)
    relative = folder.name if folder.name == FOLDER else f"{FOLDER}/{folder.name}"
    size = (folder / name).stat().st_size
    return Dump(relative, name, title, MEDIA_TYPES[name.rsplit(".", 1)[1]], size, count, graph, compressed, compressed_size)
