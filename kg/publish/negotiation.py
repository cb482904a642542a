"""Content negotiation: which file of a resource's folder answers an ``Accept`` header.

One ordered rule table serves both places that negotiate: ``kg serve`` (Python) and the
nginx snippet the publisher writes (``server/nginx.conf``, a ``map`` of the same
regular expressions in the same order; nginx checks map regexes in order, first match
wins). A client asking for HTML, or for anything together with HTML (every browser),
gets the page; a client asking for Turtle or JSON-LD without HTML gets that twin.
q-values are not weighed: nginx's ``map`` cannot, and the two must agree.
"""

from __future__ import annotations

import re

__all__ = ["RULES", "choose"]

#: (case-insensitive PCRE/Python regex over the Accept header, file served), first match wins.
RULES: list[tuple[str, str]] = [
    (r"^(?!.*text/html).*text/turtle", "index.ttl"),
    (r"^(?!.*text/html).*application/ld\+json", "index.jsonld"),
]
DEFAULT = "index.html"


def choose(accept: str | None) -> str:
    """The file that answers ``accept``.

    >>> choose("text/turtle"), choose("application/ld+json;q=0.9"), choose("text/html,*/*;q=0.8")
    ('index.ttl', 'index.jsonld', 'index.html')
    """
    for pattern, name in RULES:
        if accept and re.search(pattern, accept, flags=re.IGNORECASE):
            return name
    return DEFAULT


def media_type(name: str) -> str:
    """The ``Content-Type`` of a published file, by its extension."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return {
        "html": "text/html; charset=utf-8",
        "ttl": "text/turtle; charset=utf-8",
        "jsonld": "application/ld+json",
        "nq": "application/n-quads",
        "trig": "application/trig",
        "css": "text/css; charset=utf-8",
        "gz": "application/gzip",
        "conf": "text/plain; charset=utf-8",
        "svg": "image/svg+xml",
    }.get(suffix, "application/octet-stream")
