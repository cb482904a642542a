"""The embedded store: an on-disk Oxigraph database, one named graph per document.

A small API over :class:`pyoxigraph.Store`:

- :func:`open` opens (or creates) a store directory, by default ``./kg-store``;
- :meth:`Store.replace_graph` loads one document's graph, dropping what was there;
- :meth:`Store.graphs` and :meth:`Store.query` read it back;
- :meth:`Store.dump` writes N-Quads, TriG or Turtle *sorted*, so that equal graphs
  give byte-identical files (diffable, cacheable, fit for ``sha256sum``);
  :meth:`Store.sorted_quads` is that order, read once by a caller writing several dumps
  (``kg publish``), and :meth:`Store.nquads_by_graph` each graph's sorted N-Quads lines.

Every failure to open, read or write becomes :class:`kg.errors.StoreError` with a
message that names the store and says what to try.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Union

import pyoxigraph as ox

from kg.errors import StoreError, unwritable
from kg.resources import resource

__all__ = ["DEFAULT_STORE", "DUMP_FORMATS", "Store", "open", "prefixes"]

#: Where commands keep the store when ``--store`` is not given (relative to the working directory).
DEFAULT_STORE = Path("kg-store")

#: Dump formats by name. Turtle has no named graphs: it is the union of all graphs.
DUMP_FORMATS: dict[str, ox.RdfFormat] = {
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "turtle": ox.RdfFormat.TURTLE,
}

@functools.lru_cache(maxsize=1)
def prefixes() -> dict[str, str]:
    """Prefixes written into TriG and Turtle dumps: those declared by ``ontology/budget.ttl``.

    >>> prefixes()["bk"]
    'https://budget-kg.org/def/'
    """
    parser = ox.parse(path=str(resource("ontology", "budget.ttl")))
    for _ in parser:  # prefixes are known once the file is read
        pass
    return dict(parser.prefixes)


Output = Union[Path, str, IO[bytes]]

#: Quads written between two flushes of the store's in-memory tables (about 2 MB of memory
#: per 2,000 quads, measured): enough to keep the files few, little enough to keep memory flat.
FLUSH_QUADS = 100_000


def open(path: Path | str = DEFAULT_STORE, *, read_only: bool = False) -> Store:  # noqa: A001
    """Open the store at ``path``; create it unless ``read_only``.

    Read-only stores may be opened while another process writes to the same store.

    :param path: the store directory; unless ``read_only``, it is created with its parent folders
    :param read_only: open an existing store for reading only
    :raises StoreError: when ``path`` is a file or cannot be created or written, the store is
        locked by another process, or (read-only) there is no store at ``path``

    >>> import tempfile
    >>> store = open(Path(tempfile.mkdtemp()) / "store")
    >>> store.graphs()
    []
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise StoreError(f"{path} is a file, not a store directory; choose another --store")
    if read_only and not (path / "CURRENT").is_file():
        raise StoreError(
            f"no store at {path}; build one first, e.g. `kg build --sample --store {path}`"
        )
    if not read_only:
        # Oxigraph makes the store's own folder only, so --store runs/2024/store would fail.
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = unwritable(path, error)
            raise StoreError(f"cannot create the store {path}: {reason}; choose another --store") from None
    attempts = _READ_ONLY_ATTEMPTS if read_only else 1
    for attempt in range(1, attempts + 1):
        try:
            inner = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
            store = Store(inner, path)
            if not read_only:
                store.graphs_at_open = sum(1 for _ in inner.named_graphs())
            return store
        except OSError as error:
            raise StoreError(_explain(path, error, read_only)) from error
        except RuntimeError as error:  # a writer compacted files while we opened: look again
            if attempt == attempts:
                raise StoreError(f"cannot open the store {path}: {error}") from error
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")


#: A read-only store opened while another process writes may see files vanish mid-open.
_READ_ONLY_ATTEMPTS = 5


def _explain(path: Path, error: OSError, read_only: bool = False) -> str:
    text = str(error)
    if "lock" in text.lower():
        return (
            f"the store {path} is in use by another process (it is locked); "
            "wait for that process to finish, or choose another --store"
        )
    # RocksDB raises a plain OSError whose text alone says "Permission denied".
    if isinstance(error, PermissionError) or error.errno == errno.EACCES or "permission denied" in text.lower():
        if read_only:
            return f"cannot read the store {path}: permission denied; make it readable, or choose another --store"
        return (
            f"cannot write to the store {path}: permission denied (the folder or its files are read-only); "
            f"make it writable, e.g. `chmod -R u+w {path}`, or choose another --store"
        )
    return f"cannot open the store {path}: {text}"


class Store:
    """An open store. Get one from :func:`open`."""

    def __init__(self, inner: ox.Store, path: Path | None = None):
        self.inner: ox.Store = inner  #: the :class:`pyoxigraph.Store`, for code that needs it (exports)
        self.path = path
        self._unflushed = 0  # quads written since the last flush
        self.graphs_at_open = 0  #: named graphs the store held when it was opened for writing
        self.graphs_added = 0  #: named graphs written that it did not hold before

    def __repr__(self) -> str:
        return f"<kg.store.Store {self.path}>"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Write what is only in the write-ahead log to the store's files, and release it (and its lock).

        Without the flush, every later opening replays the log: 1.7 s to open the store of
        six copies of the sample read-only, 0.02 s once flushed. The store must not be used
        afterwards; :func:`open` it again instead.
        """
        if self.inner is not None and self._unflushed:
            try:
                self.inner.flush()
            except OSError as error:
                raise StoreError(f"cannot write to the store {self.path}: {error}") from error
        self.inner = None

    def __len__(self) -> int:
        """Number of quads in all graphs."""
        return len(self.inner)

    def replace_graph(self, graph: str | ox.NamedNode, quads: Iterable[ox.Quad], *,
                      record: Iterable[ox.Quad] = ()) -> int:
        """Make ``graph`` hold exactly ``quads``, in one transaction; add ``record`` in the same one.

        Re-ingesting a document therefore leaves neither stale triples nor duplicates, and a
        process killed meanwhile leaves the graph either as it was or complete, never half
        written. A graph the store does not hold yet goes in with one transactional
        ``extend``, which skips writing its quads out as SPARQL and parsing them again
        (``bulk_extend`` is faster still but writes outside any transaction). A graph it
        holds is changed by one SPARQL Update, which Oxigraph applies atomically: the
        statements that differ are deleted and inserted (a document built again changes its
        ``prov:generatedAtTime`` only: 0.2 s for the sample, where writing it all again took
        0.8 s), or, when a changed statement holds a blank node, which ``DELETE DATA`` cannot
        name, the graph is dropped and written again. The write-ahead log makes each
        transaction durable; the in-memory tables are flushed every :data:`FLUSH_QUADS`
        quads: a flush per graph leaves many small files whose compaction stalls later
        writes, and none lets them grow with the batch. ``record`` is for quads of other
        graphs that must change with it (the store's history).

        :param graph: the named graph's IRI
        :param quads: quads whose graph name is ``graph``
        :param record: quads of the default graph to add in the same transaction
        :return: the number of quads now in ``graph``
        :raises ValueError: when a quad belongs to another graph
        :raises StoreError: when the store cannot be written

        >>> import tempfile
        >>> store = open(Path(tempfile.mkdtemp()) / "store")
        >>> g, s, p = (ox.NamedNode(f"http://example.org/{n}") for n in "gsp")
        >>> store.replace_graph(g, [ox.Quad(s, p, ox.Literal("1"), g), ox.Quad(s, p, ox.Literal("2"), g)])
        2
        >>> store.replace_graph(g, [ox.Quad(s, p, ox.Literal("3"), g)])
        1
        >>> store.replace_graph(g, [ox.Quad(s, p, ox.Literal("3"), g), ox.Quad(s, p, ox.BlankNode(), g)])
        2
        """
        name = graph if isinstance(graph, ox.NamedNode) else ox.NamedNode(graph)
        quads = list(quads)
        stray = next((q for q in quads if q.graph_name != name), None)
        if stray is not None:
            raise ValueError(f"quad {stray} is not in graph {name}")
        record = list(record)
        if any(not isinstance(q.graph_name, ox.DefaultGraph) for q in record):
            raise ValueError("a record goes to the default graph")
        # The quads as the store keeps them (a decimal by value: 3.00 is stored as 3), so
        # that they compare with the stored ones and count as the graph will.
        canonical = ox.Store()
        canonical.extend(quads)
        try:
            held = self.inner.contains_named_graph(name)
            if quads and not held:
                self.inner.extend(quads + record)
                self.graphs_added += 1
            else:
                # Only a change compares quads: a new graph is counted without making each one
                # a Python object (a tenth of the writer's time in a build of many documents).
                new = set(canonical)
                operations = _changes(name, self.inner, new) if held else [f"CREATE SILENT GRAPH {name}"]
                if record:
                    operations.append(f"INSERT DATA {{ {_ntriples(q.triple for q in record)} }}")
                if operations:  # none: the graph already holds exactly these quads
                    self.inner.update(" ; ".join(operations))
            self._unflushed += len(quads) + len(record)
            if self._unflushed >= FLUSH_QUADS:
                self.inner.flush()
                self._unflushed = 0
        except OSError as error:
            raise StoreError(f"cannot write graph {name.value} to the store {self.path}: {error}") from error
        return len(canonical)

    def bulk_add(self, quads: Iterable[ox.Quad]) -> None:
        """Add ``quads`` with Oxigraph's bulk loader, outside any transaction: for filling a
        store that holds none of their graphs (``kg load --bulk``). Stopped midway, it leaves
        some of them written.

        The store is then compacted: as loaded, it read a graph of 10,000 back 13 times
        slower than a store written a transaction at a time (0.33 s against 0.025 s), which
        `kg validate --store` does for every graph. Compacting those 10,000 took 132 s.

        :raises StoreError: when the store cannot be written
        """
        try:
            self.inner.bulk_extend(quads)
            self.inner.optimize()
        except OSError as error:
            raise StoreError(f"cannot write to the store {self.path}: {error}") from error

    @property
    def grown(self) -> bool:
        """True when the graphs written since the store was opened are at least as many as it held then.

        Such a store is worth :meth:`compact`-ing: RocksDB leaves what a batch wrote in many
        overlapping files, and a query then looks each pattern up in all of them. The canned
        queries over the 100 copies of the sample took a quarter less time once compacted
        (``satisfaction-targets`` 133 → 96 ms). Compacting rewrites the whole store (2.5 s
        for those 1.2 million quads, 132 s for 10,000 generated documents), so it is done
        only when the store has at least doubled: a build of one document into a big store
        does not pay for it, and the compactions of a store grown by many builds cost, all
        together, about as much as one of the final store.
        """
        return self.graphs_added > 0 and self.graphs_added >= self.graphs_at_open

    def compact(self) -> None:
        """Write out what is in memory and merge the store's files, for faster reading.

        :raises StoreError: when the store cannot be written
        """
        try:
            self.inner.flush()
            self._unflushed = 0
            self.inner.optimize()
        except OSError as error:
            raise StoreError(f"cannot write to the store {self.path}: {error}") from error

    def graphs(self) -> list[str]:
        """IRIs of the named graphs, sorted."""
        return sorted(g.value for g in self.inner.named_graphs() if isinstance(g, ox.NamedNode))

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """Run a SPARQL 1.1 query over all graphs (the default graph is their union).

        :param sparql: the query text
        :return: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)
        :raises SyntaxError: when the query does not parse
        :raises StoreError: when the store cannot be read

        >>> import tempfile
        >>> open(Path(tempfile.mkdtemp()) / "store").query("ASK { ?s ?p ?o }")
        <QueryBoolean false>
        """
        try:
            return self.inner.query(sparql, use_default_graph_as_union=True)
        except OSError as error:
            raise StoreError(f"cannot query the store {self.path}: {error}") from error

    def dump(self, format: str, out: Output, quads: list[ox.Quad] | None = None) -> int:  # noqa: A002
        """Write every graph to ``out`` in ``format``, sorted for byte-identical output.

        ``nquads`` writes graphs in IRI order (default graph first), the lines of each
        graph sorted, one graph in memory at a time; ``trig`` does the same with
        prefixes; ``turtle`` writes the union of all graphs, deduplicated and sorted.
        Blank nodes, if any, are relabelled canonically (RDFC-1.0) first.

        :param format: ``nquads``, ``trig`` or ``turtle``
        :param out: a file path, ``"-"`` for stdout, or a binary stream
        :param quads: the store's quads as :meth:`sorted_quads` returns them, when the caller
            writes several dumps: the store is then read and sorted once, not once a dump
        :return: the number of statements written (quads, or triples for Turtle)
        :raises ValueError: for an unknown format
        :raises StoreError: when the output cannot be written

        >>> import io, tempfile
        >>> store = open(Path(tempfile.mkdtemp()) / "store")
        >>> g, s, p = (ox.NamedNode(f"http://example.org/{n}") for n in "gsp")
        >>> _ = store.replace_graph(g, [ox.Quad(s, p, ox.Literal(v), g) for v in "ba"])
        >>> buffer = io.BytesIO()
        >>> store.dump("nquads", buffer)
        2
        >>> print(buffer.getvalue().decode(), end="")
        <http://example.org/s> <http://example.org/p> "a" <http://example.org/g> .
        <http://example.org/s> <http://example.org/p> "b" <http://example.org/g> .
        """
        if format not in DUMP_FORMATS:
            raise ValueError(f"unknown dump format {format!r}; choose one of {', '.join(DUMP_FORMATS)}")
        try:
            with _binary_output(out) as stream:
                if format == "nquads":
                    count = 0
                    for _, lines in self.nquads_by_graph(quads):
                        stream.writelines(lines)
                        count += len(lines)
                    return count
                quads = self.sorted_quads() if quads is None else quads
                if format == "turtle":
                    # Sorted first, so that a triple's copies in several graphs are neighbours: faster than a set.
                    triples = sorted((q.triple for q in quads), key=_triple_key)
                    triples = [t for i, t in enumerate(triples) if i == 0 or t != triples[i - 1]]
                    ox.serialize(triples, stream, ox.RdfFormat.TURTLE, prefixes=prefixes())
                    return len(triples)
                ox.serialize(quads, stream, ox.RdfFormat.TRIG, prefixes=prefixes())
                return len(quads)
        except OSError as error:
            named = isinstance(out, (str, os.PathLike)) and str(out) != "-"
            reason = unwritable(out, error) if named else str(error)
            raise StoreError(f"cannot write the {format} dump to {out}: {reason}") from error

    def nquads_by_graph(self, quads: list[ox.Quad] | None = None) -> Iterator[tuple[str | None, list[bytes]]]:
        """Each graph's N-Quads lines, sorted: the default graph (``None``) first, then by IRI.

        Without ``quads`` (see :meth:`dump`) the store is read one graph at a time, which keeps
        memory to the largest graph (unless blank nodes must be relabelled).
        """
        names = [None, *self.graphs()]
        if quads is not None:
            grouped: dict[str | None, list[ox.Quad]] = {}
            for quad in quads:
                name = None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
                grouped.setdefault(name, []).append(quad)
            runs: Iterator[Iterable[ox.Quad]] = (grouped.pop(name, []) for name in names)
        else:
            canonical = self._canonical() if self._has_blank_nodes() else None
            graphs = [ox.DefaultGraph(), *map(ox.NamedNode, names[1:])]
            if canonical is not None:
                runs = (canonical.quads_for_graph_name(graph) for graph in graphs)
            else:
                runs = (self.inner.quads_for_pattern(None, None, None, graph) for graph in graphs)
        for name, run in zip(names, runs):
            yield name, sorted(ox.serialize(run, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True))

    def sorted_quads(self) -> list[ox.Quad]:
        """Every quad, sorted (graph, subject, predicate, object); blank nodes relabelled canonically."""
        quads = self._canonical() if self._has_blank_nodes() else self.inner
        return sorted(quads, key=_quad_key)

    def _has_blank_nodes(self) -> bool:
        found = self.inner.query(
            "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } FILTER(isBlank(?s) || isBlank(?o)) }"
        )
        return bool(found)

    def _canonical(self) -> ox.Dataset:
        dataset = ox.Dataset(self.inner)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        return dataset


def _changes(name: ox.NamedNode, store: ox.Store, new: set[ox.Quad]) -> list[str]:
    """The SPARQL Update operations turning the stored graph ``name`` into ``new``."""
    old = set(store.quads_for_pattern(None, None, None, name))
    gone, added = old - new, new - old
    if any(isinstance(term, ox.BlankNode) for q in gone | added for term in (q.subject, q.object)):
        return [f"DROP SILENT GRAPH {name}", f"CREATE SILENT GRAPH {name}",
                f"INSERT DATA {{ GRAPH {name} {{ {_ntriples(q.triple for q in new)} }} }}"]
    operations = [f"DELETE DATA {{ GRAPH {name} {{ {_ntriples(q.triple for q in gone)} }} }}"] if gone else []
    if added:
        operations.append(f"INSERT DATA {{ GRAPH {name} {{ {_ntriples(q.triple for q in added)} }} }}")
    return operations


def _ntriples(triples: Iterable[ox.Triple]) -> str:
    """Triples as N-Triples, which is also the syntax of a SPARQL ``INSERT DATA`` block."""
    return ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")


def _triple_key(triple: ox.Triple) -> tuple[str, str, str]:
    return str(triple.subject), str(triple.predicate), str(triple.object)


def _quad_key(quad: ox.Quad) -> tuple[str, str, str, str]:
    graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
    return (graph, *_triple_key(quad.triple))


@contextlib.contextmanager
def _binary_output(out: Output) -> Iterator[IO[bytes]]:
    """A path, ``"-"`` (stdout) or an already open binary stream."""
    if not isinstance(out, (str, os.PathLike)):
        yield out
    elif str(out) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    else:
        path = Path(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as stream:
            yield stream
