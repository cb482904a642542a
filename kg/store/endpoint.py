"""A SPARQL 1.1 server as a :class:`kg.store.backend.Backend`.

Queries go through SPARQLWrapper (the SPARQL 1.1 Protocol, POSTed so that long queries
fit). Graphs are written one named graph per request:

- with a Graph Store HTTP Protocol URL (``graph_store``), as ``PUT <graph_store>?graph=IRI``
  whose body is the graph in N-Triples (sent as ``text/turtle``, which every server
  reads), replacing the graph in one request;
- otherwise with SPARQL Update to ``update`` (default: the query URL): ``DROP SILENT GRAPH``,
  then ``INSERT DATA`` in batches small enough for servers that cap request sizes.

Basic and digest authentication are both answered (``user``/``password``): Virtuoso's
``/sparql-graph-crud-auth`` asks for digest, most others for basic.
"""

from __future__ import annotations

import base64
import json
import socket
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Sequence

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, SPARQLExceptions, SPARQLWrapper

from kg.errors import StoreError
from kg.store.backend import Result, Solutions, Term

__all__ = ["Endpoint", "check_url"]

#: Triples per ``INSERT DATA`` request when loading through SPARQL Update.
UPDATE_BATCH = 2000

_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def check_url(url: str) -> str:
    """``url`` if it is an http(s) URL with a host, the only kind a SPARQL server answers on.

    :raises ValueError: saying what is wrong, with an example

    >>> check_url("http://127.0.0.1:7878/query")
    'http://127.0.0.1:7878/query'
    >>> check_url("127.0.0.1:7878/query")
    Traceback (most recent call last):
    ...
    ValueError: '127.0.0.1:7878/query' is not an http:// or https:// URL, e.g. http://127.0.0.1:7878/query
    """
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 (a port that is not a number raises here)
    except ValueError as problem:
        raise ValueError(f"{url!r} is not a valid URL ({problem})") from None
    if parts.scheme not in ("http", "https"):
        raise ValueError(f"{url!r} is not an http:// or https:// URL, e.g. http://127.0.0.1:7878/query")
    if not parts.hostname:
        raise ValueError(f"{url!r} names no host, e.g. http://127.0.0.1:7878/query")
    return url


class Endpoint:
    """A SPARQL endpoint at ``url``; optionally a Graph Store (``graph_store``) and update URL for writes.

    :raises ValueError: when a URL is not an http(s) URL (:func:`check_url`)
    """

    def __init__(
        self,
        url: str,
        *,
        graph_store: str | None = None,
        update: str | None = None,
        user: str | None = None,
        password: str | None = None,
        timeout: float = 300,
    ):
        for given in (url, graph_store, update):
            if given is not None:
                check_url(given)
        self.url = url
        self.graph_store = graph_store
        self.update_url = update or url
        self.user, self.password = user, password
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"<kg.store.endpoint.Endpoint {self.url}>"

    def __enter__(self) -> Endpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Nothing is held between requests."""

    # -- reading ---------------------------------------------------------------------------

    def query(self, sparql: str) -> Result:
        wrapper = SPARQLWrapper(self.url)
        wrapper.setMethod(POST)
        wrapper.setTimeout(int(self.timeout))
        if self.user:
            wrapper.setCredentials(self.user, self.password or "")
        with warnings.catch_warnings():  # a query it cannot classify is the server's to reject, with a reason
            warnings.simplefilter("ignore", RuntimeWarning)
            wrapper.setQuery(_without_comment_lines(sparql))
        kind = wrapper.queryType
        wrapper.setReturnFormat(TURTLE if kind in ("CONSTRUCT", "DESCRIBE") else JSON)
        try:
            response = wrapper.query()
            body = response.response.read()
        except SPARQLExceptions.QueryBadFormed as problem:
            raise SyntaxError(f"{self.url} rejected the query: {_first_line(problem)}") from None
        except SPARQLExceptions.Unauthorized:
            raise StoreError(f"{self.url} refused the query (HTTP 401); give --user and --password") from None
        except SPARQLExceptions.SPARQLWrapperException as problem:
            raise StoreError(f"{self.url} failed to answer the query: {_first_line(problem)}") from None
        except (urllib.error.URLError, OSError) as problem:
            raise StoreError(f"cannot reach the SPARQL endpoint {self.url}: {_reason(problem)}; is the server running?") from None
        if kind in ("CONSTRUCT", "DESCRIBE"):
            return [quad.triple for quad in ox.parse(body, format=ox.RdfFormat.TURTLE)]
        return _from_json(json.loads(body))

    def graphs(self) -> list[str]:
        found = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row[0].value for row in found.rows if isinstance(row[0], ox.NamedNode))

    # -- writing ---------------------------------------------------------------------------

    def replace_graph(self, graph: str, triples: Sequence[ox.Triple]) -> None:
        if self.graph_store:
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
            separator = "&" if "?" in self.graph_store else "?"
            target = f"{self.graph_store}{separator}graph={urllib.parse.quote(graph, safe='')}"
            self._send("PUT", target, body, "text/turtle")
            return
        drop = f"DROP SILENT GRAPH <{graph}>"
        batches = [triples[i : i + UPDATE_BATCH] for i in range(0, len(triples), UPDATE_BATCH)] or [[]]
        for index, batch in enumerate(batches):
            data = ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES).decode()
            insert = f"INSERT DATA {{ GRAPH <{graph}> {{\n{data}}} }}"
            update = f"{drop} ;\n{insert}" if index == 0 else insert
            body = urllib.parse.urlencode({"update": update}).encode()
            self._send("POST", self.update_url, body, "application/x-www-form-urlencoded")

    def _send(self, method: str, url: str, body: bytes, content_type: str) -> None:
        request = urllib.request.Request(url, data=body, method=method, headers={"Content-Type": content_type})
        if self.user:
            # Answer the challenge up front: a server that challenges a large body closes the
            # connection while it is still being sent, before urllib's auth handlers see the 401.
            authorization = self._answer_challenge(method, url)
            if authorization:
                request.add_unredirected_header("Authorization", authorization)
        try:
            with self._opener().open(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as problem:
            raise self._refused(url, problem) from None
        except (urllib.error.URLError, OSError) as problem:
            if isinstance(getattr(problem, "reason", problem), (BrokenPipeError, ConnectionResetError)):
                # Cut off mid-body: the server refused before reading it. Ask why, with a read.
                refusal = self._probe(url)
                if refusal is not None and refusal.code not in _PROBE_NOT_SUPPORTED:
                    raise self._refused(url, refusal) from None
            raise StoreError(f"cannot reach {url.split('?')[0]}: {_reason(problem)}; is the server running?") from None

    def _refused(self, url: str, problem: urllib.error.HTTPError) -> StoreError:
        detail = problem.read().decode("utf-8", "replace").strip().splitlines()
        hint = "; give --user and --password" if problem.code in (401, 403) and not self.user else ""
        return StoreError(
            f"{url.split('?')[0]} refused the write (HTTP {problem.code} {problem.reason}"
            f"{': ' + detail[0][:200] if detail else ''}){hint}"
        )

    def _probe(self, url: str) -> urllib.error.HTTPError | None:
        """The server's refusal of ``HEAD url`` (``None`` if it answers it).

        A probe must not change data: an empty PUT to a graph store would empty the
        graph. A HEAD only reads, and a server that guards ``url`` answers it with the
        same refusal (or authentication challenge) as a write.
        """
        try:
            urllib.request.urlopen(urllib.request.Request(url, method="HEAD"), timeout=self.timeout).close()
        except urllib.error.HTTPError as problem:
            return problem
        except (urllib.error.URLError, OSError):
            return None
        return None

    def _passwords(self) -> urllib.request.HTTPPasswordMgrWithDefaultRealm:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for url in {self.url, self.update_url, self.graph_store} - {None}:
            passwords.add_password(None, url, self.user, self.password or "")
        return passwords

    def _opener(self) -> urllib.request.OpenerDirector:
        if not self.user:
            return urllib.request.build_opener()
        passwords = self._passwords()
        return urllib.request.build_opener(
            urllib.request.HTTPBasicAuthHandler(passwords), urllib.request.HTTPDigestAuthHandler(passwords)
        )

    def _answer_challenge(self, method: str, url: str) -> str | None:
        """The ``Authorization`` header answering the server's 401 challenge for ``method url``, if any."""
        refusal = self._probe(url)
        if refusal is None or refusal.code != 401:
            return None
        scheme, _, fields = refusal.headers.get("WWW-Authenticate", "").partition(" ")
        if scheme.lower() == "digest":
            challenge = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(fields)))
            probe = urllib.request.Request(url, method=method)
            answer = urllib.request.HTTPDigestAuthHandler(self._passwords()).get_authorization(probe, challenge)
            return f"Digest {answer}" if answer else None
        token = base64.b64encode(f"{self.user}:{self.password or ''}".encode()).decode()
        return f"Basic {token}"


#: Answers to a HEAD probe that say only that the server does not take a HEAD there.
_PROBE_NOT_SUPPORTED = (405, 501)


def _from_json(document: dict) -> Result:
    """SPARQL 1.1 Query Results JSON → a ``bool`` or :class:`Solutions`."""
    if "boolean" in document:
        return bool(document["boolean"])
    names = tuple(document["head"]["vars"])
    rows = tuple(tuple(_term(binding.get(name)) for name in names) for binding in document["results"]["bindings"])
    return Solutions(names, rows)


def _term(value: dict | None) -> Term:
    if value is None:
        return None
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return ox.NamedNode(text)
    if kind == "bnode":
        return ox.BlankNode(text)
    language = value.get("xml:lang")
    if language:
        return ox.Literal(text, language=language)
    datatype = value.get("datatype")  # "typed-literal" is the SPARQL 1.0 JSON spelling (Virtuoso)
    if datatype and datatype != _RDF_LANG_STRING:
        return ox.Literal(text, datatype=ox.NamedNode(datatype))
    return ox.Literal(text)


def _without_comment_lines(sparql: str) -> str:
    r"""The query without its whole-line comments (a query file's header).

    SPARQLWrapper guesses the query form from the text after removing comments, but its
    pattern removes only every other line of a block of comments: a header that says "add
    up" made it send a SELECT as an update (ADD), which the server refuses.

    >>> _without_comment_lines("# title: x\n#   and add up\nSELECT * WHERE { ?s <http://e.org/a#b> ?o }")
    'SELECT * WHERE { ?s <http://e.org/a#b> ?o }'
    """
    return "\n".join(line for line in sparql.splitlines() if not line.lstrip().startswith("#"))


def _first_line(problem: Exception) -> str:
    lines = [line.strip() for line in str(problem).splitlines() if line.strip()]
    useful = [line for line in lines if "Response:" not in line and not line.startswith("b'")]
    return " ".join(useful or lines)[:300]


def _reason(problem: Exception) -> str:
    reason = getattr(problem, "reason", problem)
    if isinstance(reason, socket.timeout):
        return "timed out"
    return str(reason)
