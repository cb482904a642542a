"""``kg serve``: the published site over HTTP with content negotiation, plus a SPARQL endpoint.

Both listen on 127.0.0.1 only: this is for browsing a store locally, not for hosting.
The site is served by Python's threading HTTP server with :func:`kg.publish.negotiation.choose`
picking ``index.html``, ``index.ttl`` or ``index.jsonld`` of a resource's folder, and an IRI
below a line (a cell) answered by a 303 redirect to its line's page and anchor
(:attr:`kg.publish.paths.SiteMap.fragment_rule`, as in the nginx snippet); the
endpoint is the Oxigraph server of the ``oxigraph`` package on the same store.

The endpoint is read-only (``oxigraph serve-read-only --union-default-graph``: queries see all
graphs, as ``kg query`` does; SPARQL Update and Graph Store writes get 403). It must be: a
form-encoded POST needs no CORS preflight, so any web page open in the browser could send
``DROP ALL`` to a writable endpoint on 127.0.0.1.

A read-only server takes no lock, so ``kg build`` may run while ``kg serve`` does, as it may
beside the other readers (``kg query``, ``kg export``). The site and the endpoint keep showing
the store as it was when ``kg serve`` started; restart it to see the build. (Oxigraph calls
reading while another process writes undefined; its read-only server keeps the snapshot it
opened, through a writer's compactions too.)

Nothing outlives ``kg serve``: SIGINT, SIGTERM and SIGHUP stop both servers and remove the
site folder; on Linux the Oxigraph server also gets SIGTERM when ``kg serve`` dies of any
signal, SIGKILL included; and a site folder left by a killed run is removed by the next one.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.server
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import BudgetKgError
from kg.publish.negotiation import choose, media_type
from kg.publish.paths import SiteMap
from kg.rdf.iris import DEFAULT_BASE_IRI

__all__ = [
    "endpoint_url", "oxigraph_command", "serve_site", "site_folder", "sparql_endpoint", "stopped_by_signals",
    "wait_for_stop",
]

#: The signals that stop ``kg serve`` cleanly (SIGHUP: its terminal closed). Windows has no SIGHUP.
STOP_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)

#: How the site folders in the temp dir are named: ``kg-site-<pid of their kg serve>-<random>``.
SITE_PREFIX = "kg-site-"


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; a folder answers with the file its ``Accept`` header asks for."""

    def translate_path(self, path: str) -> str:
        target = Path(super().translate_path(path))
        # Only with the trailing slash: without it the base class redirects to it first
        # (as nginx does), so that the page's relative links resolve from its folder.
        if target.is_dir() and urlsplit(path).path.endswith("/"):
            target = target / choose(self.headers.get("Accept"))
        return str(target)

    def send_head(self):
        # 303: the cell is not the page (a document about it); the redirect's fragment picks its section.
        found = self.server.fragment.match(urlsplit(self.path).path)
        if found is None:
            return super().send_head()
        self.send_response(http.HTTPStatus.SEE_OTHER)
        self.send_header("Location", f"/{found['page']}/#{found['fragment']}")
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def guess_type(self, path: str) -> str:
        return media_type(str(path))

    def end_headers(self) -> None:
        self.send_header("Vary", "Accept")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        if self.server.verbose:
            super().log_message(format, *args)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    verbose = False
    fragment: re.Pattern[str]


@contextlib.contextmanager
def serve_site(
    site: Path, port: int = 0, *, verbose: bool = False, base_iri: str = DEFAULT_BASE_IRI
) -> Iterator[str]:
    """Serve the folder ``site`` on 127.0.0.1 in a thread; yield its base URL.

    :param port: 0 picks a free port
    :param base_iri: the base the site was published with (where its lines are)
    """

    def handler(*args: object, **kwargs: object) -> _SiteHandler:
        return _SiteHandler(*args, directory=str(site), **kwargs)

    try:
        server = _Server(("127.0.0.1", port), handler)
    except OSError as error:
        raise BudgetKgError(f"cannot listen on 127.0.0.1:{port}: {error}; choose another --port") from error
    server.verbose = verbose
    server.fragment = re.compile(SiteMap(base_iri).fragment_rule)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def oxigraph_command() -> str:
    """The ``oxigraph`` executable: beside this Python's, else on ``PATH``.

    :raises BudgetKgError: when neither has it
    """
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found:
        return found
    raise BudgetKgError("the Oxigraph server is not installed; install it with `pip install oxigraph`")


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def endpoint_url(port: int) -> str:
    """The query URL of the endpoint :func:`sparql_endpoint` runs on ``port``."""
    return f"http://127.0.0.1:{port}/query"


def _parent_death_signal() -> Callable[[], None] | None:
    """A ``preexec_fn`` that makes the child get SIGTERM when this process dies; None without Linux's prctl.

    Stopping the child in a ``finally`` is not enough: SIGKILL runs no code, and the orphaned
    Oxigraph server would keep its port and keep answering.
    """
    if not sys.platform.startswith("linux"):
        return None
    try:
        # Looked up before the fork: the child should call only what it must between fork and exec.
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def die_with_parent() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before prctl: no signal would come
            os.kill(os.getpid(), signal.SIGTERM)

    return die_with_parent


#: From ``<linux/prctl.h>``.
_PR_SET_PDEATHSIG = 1


@contextlib.contextmanager
def sparql_endpoint(store: Path, port: int, *, timeout: float = 30.0) -> Iterator[str]:
    """Run the read-only Oxigraph server on ``store``; yield :func:`endpoint_url` once it answers.

    Linux signals the server when the *thread* that started it ends, not the process: call
    this from a thread that lives as long as the server (``kg serve`` uses its main thread).

    :raises BudgetKgError: when the server exits (e.g. there is no store) or does not answer
        within ``timeout`` seconds
    """
    command = [
        oxigraph_command(), "serve-read-only", "--location", str(store), "--bind", f"127.0.0.1:{port}",
        "--union-default-graph",
    ]
    # preexec_fn is unsafe when other threads hold locks at the fork; it only calls prctl, getppid and kill.
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_parent_death_signal()  # noqa: PLW1509
    )
    url = endpoint_url(port)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                message = process.stderr.read().decode(errors="replace").strip()
                raise BudgetKgError(f"the Oxigraph server stopped: {message or 'no message'} ({' '.join(command)})")
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise BudgetKgError(f"the Oxigraph server did not answer on {url} within {timeout:.0f} s") from None
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Let SIGINT, SIGTERM and SIGHUP end the block as Ctrl-C does, quietly, so that ``with`` blocks inside clean up.

    Without it SIGTERM and SIGHUP kill the process at once: no ``finally`` runs, the Oxigraph
    server is orphaned and the site folder stays. After the first signal the others are
    ignored until the block has exited, so that the clean-up it started runs to the end.
    Handlers are installed also for SIGINT, which is ignored when started in the background.
    """
    previous = {number: signal.getsignal(number) for number in STOP_SIGNALS}

    def stop(signum: int, frame: object) -> None:
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)
        raise KeyboardInterrupt

    for number in STOP_SIGNALS:
        signal.signal(number, stop)
    try:
        yield
    except KeyboardInterrupt:
        pass
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def wait_for_stop() -> None:
    """Block until a stop signal; call it inside :func:`stopped_by_signals`, which ends the wait."""
    while True:
        time.sleep(3600)


@contextlib.contextmanager
def site_folder() -> Iterator[Path]:
    """A new temporary folder for the site, removed at the end; first removes those that killed runs left.

    SIGKILL gives ``kg serve`` no chance to remove its folder (the sample's site is about
    38 MB), so the name carries the owner's pid and the next run removes folders whose owner is
    gone. One folder per run, not one per store reused by the next run: a read-only server takes
    no lock, so two ``kg serve`` may run on one store, and neither may replace the other's site.
    """
    remove_abandoned_sites(Path(tempfile.gettempdir()))
    with tempfile.TemporaryDirectory(prefix=f"{SITE_PREFIX}{os.getpid()}-") as folder:
        yield Path(folder)


def remove_abandoned_sites(temp: Path) -> list[Path]:
    """Remove the site folders in ``temp`` whose ``kg serve`` is no longer running; return them.

    Only this user's folders: another user's ``kg serve`` may have a pid we cannot see.
    """
    if os.name != "posix":  # os.kill(pid, 0) would terminate the process on Windows
        return []
    removed = []
    for folder in sorted(temp.glob(f"{SITE_PREFIX}*-*")):
        owner = folder.name[len(SITE_PREFIX):].split("-")[0]
        if not owner.isdigit() or folder.is_symlink() or not folder.is_dir() or folder.stat().st_uid != os.getuid():
            continue
        if not _running(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
