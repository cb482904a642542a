"""Where each IRI's page lives in the site, and relative links between pages.

The site mirrors the IRIs' paths: its root is the scheme and host of the base IRI, so
``https://budget-kg.org/id/unit/323001`` is the folder ``id/unit/323001/`` holding
``index.html`` and its twins ``index.ttl`` and ``index.jsonld``. A folder per IRI (not a
file) because IRIs nest: ``…/unit/323001`` and ``…/unit/323001/2023/narrative`` both
have pages. Vocabulary terms (``https://budget-kg.org/def/…``) sit under ``def/``, which is
their own path when the base shares their host (the default).

Folder names are the *decoded* path segments (``legal/冀财规〔2018〕21号``), because web
servers decode a request path before they look for the file; links are written
percent-encoded, which browsers and servers decode back to the same folder.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, unquote, urlsplit

from kg.rdf.iris import normalise_base
from kg.rdf.vocab import DEF

__all__ = ["SiteMap", "href"]

PAGE = "index.html"


class SiteMap:
    """Maps IRIs under the base (and vocabulary terms) to folders of the site.

    >>> site = SiteMap("https://budget-kg.org/id/")
    >>> site.folder("https://budget-kg.org/id/legal/%E5%86%80%E8%B4%A2")
    'id/legal/冀财'
    >>> site.folder("https://budget-kg.org/def/code/function/2023/208")
    'def/code/function/2023/208'
    >>> site.folder("http://www.w3.org/ns/org#identifier") is None
    True
    """

    def __init__(self, base_iri: str):
        self.base = normalise_base(base_iri)
        parts = urlsplit(self.base)
        self.root = f"{parts.scheme}://{parts.netloc}/"

    def folder(self, iri: str) -> str | None:
        """The site folder of ``iri`` ('' for the site root), or None when it is not ours."""
        if iri.startswith(self.root):
            path = iri[len(self.root):]
        elif iri.startswith(DEF):  # the vocabulary, when the base lives on another host
            path = "def/" + iri[len(DEF):]
        else:
            return None
        path = path.split("#", 1)[0].split("?", 1)[0]
        return "/".join(_decoded(s) for s in path.split("/") if s)

    def url(self, folder: str, name: str = "") -> str:
        """The absolute URL of a published file: ``url("dumps", "budget.nq")``."""
        path = "/".join(p for p in (folder, name) if p)
        return self.root + quote(path, safe="/-._~")


def _decoded(segment: str) -> str:
    text = unquote(segment)
    # A decoded segment that would change the folder structure stays encoded.
    if text in ("", ".", "..") or "/" in text or "\\" in text or "\x00" in text:
        return segment
    return text


def href(from_folder: str, to_folder: str, name: str = PAGE) -> str:
    """A relative, percent-encoded link from a page in ``from_folder`` to a file.

    >>> href("id/unit/323001", "id/legal/冀财")
    '../../legal/%E5%86%80%E8%B4%A2/index.html'
    >>> href("", "dumps", "budget.nq")
    'dumps/budget.nq'
    """
    target = posixpath.join(to_folder, name) if name else to_folder or "."
    relative = posixpath.relpath(target, from_folder or ".")
    return quote(relative, safe="/-._~")
