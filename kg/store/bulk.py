"""Bulk-load a folder of N-Quads files into OpenLink Virtuoso with its own bulk loader.

For stores too big for one request per graph (:mod:`kg.store.load`): the server reads the
files itself, from its own file system, in as many parallel loaders as asked. The steps are
Virtuoso's documented procedure, run through its ``isql`` client:

1. ``SPARQL CLEAR GRAPH`` for every graph the files name (``replace``), so that a graph
   loaded again holds exactly its new triples: the bulk loader only ever adds;
2. ``ld_dir(folder, pattern, graph)`` registers the files in ``DB.DBA.LOAD_LIST`` (their
   earlier entries are removed first: the loader skips a file it has listed before);
3. ``rdf_loader_run()`` in ``loaders`` sessions at once, then ``checkpoint``: the loader
   writes no transaction log, so its work is durable only after the checkpoint;
4. the load list says, per file, whether it was loaded or what Virtuoso could not read.

Each quad goes into the graph it names. ``graph`` receives the lines that name none.
The folder must be readable by the server at the same path and be listed under
``DirsAllowed`` in its ``virtuoso.ini``. The files may come from anywhere: ``kg export
nquads``, one file per document, or a sharded build on other machines.

Replacement is not atomic: between the clear and the end of the load a query sees a graph
partly loaded. Load into a server that is not being queried, or into a fresh one.
"""

from __future__ import annotations

import gzip
import shutil
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import StoreError

__all__ = ["BulkLoadError", "BulkReport", "load_virtuoso"]

#: Where lines without a graph go unless told otherwise; our dumps never write such lines.
DEFAULT_GRAPH = "urn:x-budget-kg:no-graph"

#: Marks the lines of the load list in ``isql``'s output, apart from its other chatter.
_MARK = "kg-bulk-file"

#: The load list's rows of a folder, one line each: mark, file, state (2 is done), error.
_LOAD_LIST = (
    "SELECT concat('{mark}', chr(9), ll_file, chr(9), cast(ll_state AS VARCHAR), chr(9), "
    "replace(coalesce(ll_error, ''), chr(10), ' ')) FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE {folder};"
)

#: The ``isql`` options that leave only results on stdout.
_QUIET = ["VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF"]

_MISSING_ISQL = (
    "Virtuoso's isql client is not installed (isql-vt); install the Debian package "
    "virtuoso-opensource-7-bin, or give the path of its isql"
)


@dataclass
class BulkReport:
    """Files loaded, quads read from them (``None`` when they were not read here), graphs
    cleared first, files that Virtuoso could not load (path → its message), and seconds."""

    loaded: list[str] = field(default_factory=list)
    quads: int | None = None
    cleared: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


class BulkLoadError(StoreError):
    """Virtuoso refused a step or could not load some files; :attr:`report` says which."""

    def __init__(self, message: str, report: BulkReport):
        self.report = report
        lines = [message, *(f"  not loaded: {path}: {reason}" for path, reason in report.failed.items())]
        super().__init__("\n".join(lines))


def load_virtuoso(
    folder: Path | str,
    *,
    server: str = "127.0.0.1:1111",
    user: str = "dba",
    password: str = "dba",
    pattern: str = "*.nq",
    graph: str = DEFAULT_GRAPH,
    replace: bool = True,
    loaders: int = 1,
    isql: str | None = None,
    timeout: float | None = None,
) -> BulkReport:
    """Load every file of ``folder`` matching ``pattern`` into the Virtuoso at ``server``.

    :param folder: the folder of N-Quads files (``.nq``, or ``.nq.gz``); the server reads it
    :param server: Virtuoso's SQL port, ``host:port``
    :param user: a SQL user allowed to run the bulk loader (``dba``)
    :param password: that user's password
    :param pattern: which files of the folder to load (``*`` matches any characters)
    :param graph: the graph for lines that name none
    :param replace: first clear every graph the files name (read from the files); without it
        the files are not read here and their triples are added to what the graphs hold
    :param loaders: ``rdf_loader_run()`` sessions at once (at most the server's cores)
    :param isql: the ``isql`` command (default: ``isql-vt`` on ``PATH``)
    :param timeout: seconds each ``isql`` session may take (default: no limit)
    :raises StoreError: when there are no such files, or isql is missing or cannot connect
    :raises BulkLoadError: when Virtuoso refuses a step or cannot load some files
    """
    started = time.perf_counter()
    folder = Path(folder).resolve()
    files = sorted(path for path in folder.glob(pattern) if path.is_file())
    if not files:
        raise StoreError(f"no files {pattern} in {folder} to load")
    command = isql or shutil.which("isql-vt")
    if not command:
        raise StoreError(_MISSING_ISQL)
    session = _Session(command, server, user, password, timeout)
    report = BulkReport()
    if replace:
        graphs: set[str] = set()
        report.quads = sum(_graphs_of(path, graphs) for path in files)
        report.cleared = sorted(graphs)
    in_folder = _literal(f"{folder}/%")
    session.run(
        [f"SPARQL CLEAR GRAPH <{name}>;" for name in report.cleared]
        + [
            f"DELETE FROM DB.DBA.LOAD_LIST WHERE ll_file LIKE {in_folder};",
            f"ld_dir({_literal(str(folder))}, {_literal(pattern)}, {_literal(graph)});",
        ],
        report,
    )
    with ThreadPoolExecutor(max(1, loaders)) as pool:
        for done in [pool.submit(session.run, ["rdf_loader_run();"], report) for _ in range(max(1, loaders))]:
            done.result()
    listed = session.run(
        [
            "checkpoint;",
            _LOAD_LIST.format(mark=_MARK, folder=in_folder),
        ],
        report,
    )
    outcome = {}  # file → Virtuoso's error, "" when loaded
    for line in listed.splitlines():
        mark, _, rest = line.partition("\t")
        if mark == _MARK:
            path, state, error = (rest.split("\t") + ["", ""])[:3]
            outcome[path] = error.strip() or ("" if state.strip() == "2" else "the loader did not finish it")
    for path in map(str, files):
        reason = outcome.get(path, "ld_dir did not register it")
        if reason:
            report.failed[path] = reason
        else:
            report.loaded.append(path)
    report.seconds = time.perf_counter() - started
    if report.failed:
        raise BulkLoadError(f"{len(report.failed)} of {len(files)} files not loaded into Virtuoso at {server}", report)
    return report


@dataclass(frozen=True)
class _Session:
    command: str
    server: str
    user: str
    password: str
    timeout: float | None

    def run(self, statements: list[str], report: BulkReport) -> str:
        """Run ``statements`` (one a line, as isql reads them) in one session; its stdout."""
        script = "\n".join(statements) + "\n"
        try:
            done = subprocess.run(
                [self.command, self.server, self.user, self.password, *_QUIET],
                input=script, capture_output=True, text=True, timeout=self.timeout, check=False,
            )
        except FileNotFoundError:
            raise StoreError(_MISSING_ISQL) from None
        except subprocess.TimeoutExpired:
            raise BulkLoadError(f"Virtuoso at {self.server} did not finish within {self.timeout} s", report) from None
        # isql goes on after a failed statement and exits 0; its errors are the lines marked ***.
        errors = [line.strip() for line in done.stderr.splitlines() if line.startswith("*** Error")]
        if done.returncode != 0 or errors:
            reason = errors[0] if errors else done.stderr.strip()[:300]
            if "CL033" in reason or "CL034" in reason:
                raise StoreError(f"cannot log in to Virtuoso at {self.server}: {reason}; is the server running?")
            raise BulkLoadError(f"Virtuoso at {self.server} refused the bulk load: {reason}", report)
        return done.stdout


def _graphs_of(path: Path, graphs: set[str]) -> int:
    """Add the graphs that ``path`` names to ``graphs``; the number of quads it holds."""
    count = 0
    try:
        with gzip.open(path) if path.name.endswith(".gz") else path.open("rb") as data:
            for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS):
                count += 1
                if isinstance(quad.graph_name, ox.NamedNode):
                    graphs.add(quad.graph_name.value)
    except SyntaxError as problem:
        raise StoreError(f"{path} is not valid N-Quads: {problem}") from None
    return count


def _literal(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
