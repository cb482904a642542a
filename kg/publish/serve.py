"""``kg serve``: the published site over HTTP with content negotiation, plus a SPARQL endpoint.

Both listen on 127.0.0.1 only: this is for browsing a store locally, not for hosting.
The site is served by Python's threading HTTP server with :func:`kg.publish.negotiation.choose`
picking ``index.html``, ``index.ttl`` or ``index.jsonld`` of a resource's folder; the
endpoint is the Oxigraph server of the ``oxigraph`` package on the same store
(``oxigraph serve --union-default-graph``: queries see all graphs, as ``kg query`` does).
It holds the store's lock while it runs, so a ``kg build`` meanwhile is refused with
"store is in use" rather than racing it; ``kg serve`` publishes before starting it.
"""

from __future__ import annotations

import contextlib
import http.server
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import BudgetKgError
from kg.publish.negotiation import choose, media_type

__all__ = ["endpoint_url", "oxigraph_command", "serve_site", "sparql_endpoint", "wait_for_stop"]


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files; a folder answers with the file its ``Accept`` header asks for."""

    def translate_path(self, path: str) -> str:
        target = Path(super().translate_path(path))
        # Only with the trailing slash: without it the base class redirects to it first
        # (as nginx does), so that the page's relative links resolve from its folder.
        if target.is_dir() and urlsplit(path).path.endswith("/"):
            target = target / choose(self.headers.get("Accept"))
        return str(target)

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


@contextlib.contextmanager
def serve_site(site: Path, port: int = 0, *, verbose: bool = False) -> Iterator[str]:
    """Serve the folder ``site`` on 127.0.0.1 in a thread; yield its base URL.

    :param port: 0 picks a free port
    """

    def handler(*args: object, **kwargs: object) -> _SiteHandler:
        return _SiteHandler(*args, directory=str(site), **kwargs)

    try:
        server = _Server(("127.0.0.1", port), handler)
    except OSError as error:
        raise BudgetKgError(f"cannot listen on 127.0.0.1:{port}: {error}; choose another --port") from error
    server.verbose = verbose
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


@contextlib.contextmanager
def sparql_endpoint(store: Path, port: int, *, timeout: float = 30.0) -> Iterator[str]:
    """Run the Oxigraph server on ``store``; yield :func:`endpoint_url` once it answers.

    :raises BudgetKgError: when the server exits (e.g. the store is locked by a build)
        or does not answer within ``timeout`` seconds
    """
    command = [
        oxigraph_command(), "serve", "--location", str(store), "--bind", f"127.0.0.1:{port}", "--union-default-graph",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
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


def wait_for_stop() -> None:
    """Block until Ctrl-C or SIGTERM, so that the ``with`` blocks above stop their servers."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # also when started in the background, where SIGINT is ignored
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
