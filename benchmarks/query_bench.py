"""Time every canned query on the bundled sample, and the load of the sample into each server.

Run: python benchmarks/query_bench.py [--repeat N]

Builds the sample into a temporary embedded store, then prints the median latency of
each canned query (default parameters) on the embedded store, and the time to load
the store's graphs (one request per document graph) into an Oxigraph server and into
Virtuoso, through the Graph Store Protocol and through SPARQL Update, plus the median
latency of each query on both servers. Needs the servers tests/servers.py starts
(`oxigraph` from PyPI, `virtuoso-t` from virtuoso-opensource-7-bin).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from kg import store as kg_store
from kg.build import build
from kg.queries import bind, catalogue
from kg.resources import sample_path
from kg.store.backend import Embedded
from kg.store.endpoint import Endpoint
from kg.store.load import load

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from servers import start_oxigraph, start_virtuoso  # noqa: E402


def median_ms(backend, text: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        backend.query(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    store = folder / "store"
    with kg_store.open(store) as opened:
        build([sample_path()], opened)
    servers = [start_oxigraph(folder / "oxigraph"), start_virtuoso(folder / "virtuoso")]
    try:
        print("| load | seconds |\n| --- | --- |")
        endpoints = {}
        for server in servers:
            for how, target in (
                ("Graph Store PUT", Endpoint(server.query, graph_store=server.graph_store)),
                ("SPARQL Update", Endpoint(server.query, update=server.update)),
            ):
                report = load(store, target, silent=True)
                print(f"| {server.name}, {how} ({sum(report.written.values())} triples) | {report.seconds:.2f} |")
            endpoints[server.name] = Endpoint(server.query)
        print("\n| query | embedded ms | oxigraph ms | virtuoso ms |\n| --- | --- | --- | --- |")
        with Embedded(store) as embedded:
            for name, query in catalogue().items():
                text = bind(query)
                cells = [median_ms(b, text, args.repeat) for b in (embedded, *endpoints.values())]
                print(f"| {name} | " + " | ".join(f"{c:.1f}" for c in cells) + " |")
    finally:
        for server in servers:
            server.stop()


if __name__ == "__main__":
    main()
