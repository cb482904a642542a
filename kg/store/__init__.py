"""Storage: where document graphs live once they are mapped.

- :mod:`kg.store.embedded`: the default, an on-disk Oxigraph store (``open``, ``Store``);
- :mod:`kg.store.endpoint`: any SPARQL 1.1 endpoint (query, update, Graph Store PUT);
- :mod:`kg.store.backend`: one query interface over both;
- :mod:`kg.store.load`: loading document graphs into either, one graph at a time.
- :mod:`kg.store.bulk`: a folder of N-Quads files into Virtuoso, with its own bulk loader.

Nothing here knows about documents or tables: it moves graphs and answers queries.
The embedded store's API is re-exported here, so ``kg.store.open(path)`` is the
usual way in.
"""

from kg.store.embedded import DEFAULT_STORE, DUMP_FORMATS, Store, open, prefixes

__all__ = ["DEFAULT_STORE", "DUMP_FORMATS", "Store", "open", "prefixes"]
