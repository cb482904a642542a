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

A budget line's page also describes every IRI minted below the line: its cells
(``…/line/323001/2023/expenditure/2080101/total``) and their identity breaks
(``…/2080101/total/break/row-sum``) are fragments of it (``…/2080101/#total``), not folders
of their own. A site then holds a folder per line, not per cell (the sample has about two
cells per line; a county's site is otherwise mostly cell folders). The IRIs stay as the graph
mints them; :attr:`SiteMap.fragment_rule` is the one pattern by which ``kg serve`` and the
nginx snippet answer such an IRI with a 303 redirect to its line's page and anchor.
"""

from __future__ import annotations

import functools
import posixpath
import re
from urllib.parse import quote, unquote, urlsplit

from kg.rdf.iris import normalise_base
from kg.rdf.vocab import DEF

__all__ = ["SiteMap", "fragment_href", "href"]

PAGE = "index.html"

#: Path segments of a line IRI below ``{base}line/``: unit, year, table and line key.
LINE_SEGMENTS = 4


class SiteMap:
    """Maps IRIs under the base (and vocabulary terms) to folders of the site.

    >>> site = SiteMap("https://budget-kg.org/id/")
    >>> site.folder("https://budget-kg.org/id/legal/%E5%86%80%E8%B4%A2")
    'id/legal/冀财'
    >>> site.folder("https://budget-kg.org/def/code/function/2023/208")
    'def/code/function/2023/208'
    >>> site.folder("http://www.w3.org/ns/org#identifier") is None
    True
    >>> site.anchor("https://budget-kg.org/id/line/323001/2023/expenditure/208/total")
    ('https://budget-kg.org/id/line/323001/2023/expenditure/208', 'total')
    >>> site.anchor("https://budget-kg.org/id/line/323001/2023/expenditure/208") is None
    True
    """

    def __init__(self, base_iri: str):
        self.base = normalise_base(base_iri)
        parts = urlsplit(self.base)
        self.root = f"{parts.scheme}://{parts.netloc}/"
        # Every page asks again for the folders of the terms it links to (predicates, types, codes).
        self._folders: dict[str, str | None] = {}
        self._anchors: dict[str, tuple[str, str] | None] = {}
        lines = quote(self.folder(self.base + "line"), safe="/-._~")
        #: A request path (PCRE and Python syntax alike) below a line: ``page`` is the line's path,
        #: ``fragment`` the rest, answered by ``{page}/#{fragment}``. The page's own files
        #: (``index.html`` and its twins, which nginx's ``index`` asks for again) are not fragments.
        self.fragment_rule = (
            rf"^/(?P<page>{re.escape(lines)}(?:/[^/]+){{{LINE_SEGMENTS}}})/(?P<fragment>(?!index\.)[^/].*?)/?$"
        )
        self._fragment = re.compile(self.fragment_rule)

    def folder(self, iri: str) -> str | None:
        """The site folder of ``iri`` ('' for the site root), or None when it is not ours."""
        if iri not in self._folders:
            self._folders[iri] = self._folder(iri)
        return self._folders[iri]

    def _folder(self, iri: str) -> str | None:
        if iri.startswith(self.root):
            path = iri[len(self.root):]
        elif iri.startswith(DEF):  # the vocabulary, when the base lives on another host
            path = "def/" + iri[len(DEF):]
        else:
            return None
        path = path.split("#", 1)[0].split("?", 1)[0]
        return "/".join(_decoded(s) for s in path.split("/") if s)

    def anchor(self, iri: str) -> tuple[str, str] | None:
        """(the IRI whose page describes ``iri``, the fragment there) for an IRI below a line; else None."""
        if iri not in self._anchors:
            self._anchors[iri] = self._anchor(iri)
        return self._anchors[iri]

    def _anchor(self, iri: str) -> tuple[str, str] | None:
        folder = self.folder(iri)
        match = self._fragment.match("/" + folder) if folder else None
        if match is None:
            return None
        fragment = match["fragment"]
        return iri.rsplit("/", fragment.count("/") + 1)[0], fragment

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


@functools.lru_cache(maxsize=1 << 16)
def href(from_folder: str, to_folder: str, name: str = PAGE) -> str:
    """A relative, percent-encoded link from a page in ``from_folder`` to a file.

    >>> href("id/unit/323001", "id/legal/冀财")
    '../../legal/%E5%86%80%E8%B4%A2/index.html'
    >>> href("", "dumps", "budget.nq")
    'dumps/budget.nq'
    """
    target = posixpath.join(to_folder, name) if name else to_folder or "."
    return quote(_relative(target, from_folder or "."), safe="/-._~")


def _relative(target: str, start: str) -> str:
    """``posixpath.relpath`` for two relative paths, without its two ``abspath`` calls (each a ``getcwd``).

    >>> _relative("id/line/1/index.html", "id/unit/2"), _relative("a", "a"), _relative("id", "id/unit/2")
    ('../../line/1/index.html', '.', '../..')
    """
    to, at = target.split("/"), start.split("/")
    if target.startswith("/") or start.startswith("/") or ".." in to or ".." in at:
        return posixpath.relpath(target, start)
    to, at = [p for p in to if p and p != "."], [p for p in at if p and p != "."]
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def fragment_href(from_folder: str, to_folder: str, fragment: str) -> str:
    """A relative link to an anchor of a page.

    >>> fragment_href("id/table/323001/2023/expenditure", "id/line/323001/2023/expenditure/208", "total")
    '../../../../line/323001/2023/expenditure/208/index.html#total'
    """
    return href(from_folder, to_folder) + "#" + quote(fragment, safe="/-._~")
