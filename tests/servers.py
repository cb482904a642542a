"""Real SPARQL servers for the tests: Oxigraph server and OpenLink Virtuoso 7, on 127.0.0.1 only.

Each server runs in a temporary directory on free ports and is stopped (its own process,
by pid) when the test session ends. A missing server binary is a test failure that says
how to install it, never a silent skip.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

#: How long a server may take to answer its first query.
START_TIMEOUT = 60


@dataclass
class Server:
    """A running server: its query, update and Graph Store URLs, its process, and (Virtuoso) its SQL port."""

    name: str
    query: str
    update: str
    graph_store: str
    process: subprocess.Popen
    log: Path
    sql: str | None = None  #: ``host:port`` of Virtuoso's SQL port, where isql and its bulk loader are reached

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait(server: Server, probe: str) -> Server:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with urllib.request.urlopen(probe, timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    server.stop()
    log = server.log.read_text(encoding="utf-8", errors="replace")[-2000:] if server.log.exists() else ""
    raise RuntimeError(f"{server.name} did not start within {START_TIMEOUT} s; its log ends:\n{log}")


def oxigraph_binary() -> str:
    """The ``oxigraph`` command of the PyPI package ``oxigraph`` (beside this Python, or on PATH)."""
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError(
            "the Oxigraph server is not installed: `pip install -e '.[test]'` installs the PyPI package oxigraph"
        )
    return found


def start_oxigraph(folder: Path, *, read_only: bool = False) -> Server:
    """``oxigraph serve`` (or ``serve-read-only``) on 127.0.0.1 with its data in ``folder``."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    folder.mkdir(parents=True, exist_ok=True)
    log = folder.parent / f"{folder.name}.log"
    command = "serve-read-only" if read_only else "serve"
    if read_only and not (folder / "CURRENT").exists():
        import pyoxigraph

        pyoxigraph.Store(str(folder)).flush()  # serve-read-only needs an existing database
    with log.open("wb") as out:
        process = subprocess.Popen(
            [oxigraph_binary(), command, "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store", process, log)
    return _wait(server, f"{base}/query?query=ASK%7B%7D")


_VIRTUOSO_INI = """\
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
ServerThreads = 10
CheckpointInterval = 60
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = ., {dir}
CaseMode = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 5
ServerThreads = 5

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""

VIRTUOSO_MISSING = (
    "OpenLink Virtuoso 7 is not installed (no virtuoso-t / isql-vt on PATH). Install the Debian package: "
    "`apt-get install -y virtuoso-opensource-7-bin` (as root), or run .ci/run, which installs it."
)


def start_virtuoso(folder: Path) -> Server:
    """``virtuoso-t -f`` with SQL and HTTP ports on 127.0.0.1, and SPARQL_UPDATE granted to the SPARQL user
    (so that the unauthenticated ``/sparql-graph-crud`` and ``/sparql`` accept writes)."""
    server_binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not (server_binary and isql):
        raise RuntimeError(VIRTUOSO_MISSING)
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(
        _VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8"
    )
    log = folder / "server.out"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [server_binary, "-f", "-c", "virtuoso.ini"], cwd=folder, stdout=out, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{http_port}"
    server = Server("virtuoso", f"{base}/sparql", f"{base}/sparql", f"{base}/sparql-graph-crud", process, log,
                    sql=f"127.0.0.1:{sql_port}")
    _wait(server, f"{base}/sparql?query=ASK%7B%7D")
    grant = subprocess.run(
        [isql, f"127.0.0.1:{sql_port}", "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if grant.returncode != 0:
        server.stop()
        raise RuntimeError(f"isql-vt could not grant SPARQL_UPDATE: {grant.stdout}{grant.stderr}")
    return server


def running_virtuoso(folder: Path):
    """A Virtuoso in ``folder`` for a fixture to yield from, stopped afterwards; the test
    fails (never skips) when it cannot start."""
    import pytest

    try:
        server = start_virtuoso(folder)
    except RuntimeError as problem:
        pytest.fail(str(problem))
    yield server
    server.stop()
