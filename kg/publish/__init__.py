"""Publish the store as linked data: a static site of pages, dumps and a dataset description.

:func:`publish` is the one entry point (``kg publish`` calls it). It reads the store once
(read-only, so a build may run beside it), then writes into the output folder:

- ``dumps/``: sorted TriG, N-Quads (all graphs, and one file per graph), Turtle of the
  union and JSON-LD, with gzip twins of the large ones (:mod:`kg.publish.dumps`);
- ``context.jsonld`` (the JSON-LD context), ``void.ttl`` (VoID + DCAT, checked against
  ``ontology/shapes/publication/dataset-description.ttl``, :mod:`kg.publish.dataset`);
- one folder per IRI with ``index.html``, ``index.ttl`` and ``index.jsonld``
  (:mod:`kg.publish.paths`, :mod:`kg.publish.site`), but for the IRIs below a budget line
  (its cells), which its page holds as fragments; pages are written by ``jobs`` processes;
  the ontology page at the ontology's
  IRI, with the code lists; the cross-unit comparison at ``{base}unit``; the citation
  counts at ``{base}legal``; a query page; a licence placeholder;
- ``server/nginx.conf``: content negotiation for any nginx (:mod:`kg.publish.negotiation`).

Publishing the same store twice writes byte-identical files.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import shutil
import time
from collections import defaultdict
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg import store as kg_store
from kg.errors import BudgetKgError
from kg.progress import progress
from kg.publish import jsonld
from kg.publish.dataset import check, dataset_description, dataset_iri
from kg.publish.dumps import Dump, write_context, write_dumps
from kg.publish.index import Index, read_vocabulary, vocabulary_files
from kg.publish.negotiation import DEFAULT, RULES
from kg.publish.paths import PAGE, SiteMap, href
from kg.publish.site import Site, environment
from kg.rdf.iris import DEFAULT_BASE_IRI
from kg.rdf.vocab import DEF
from kg.resources import resource
from kg.store import prefixes
from kg.workers import die_with

__all__ = ["Published", "publish"]

#: Marks a folder as written by ``kg publish``: only such a folder is emptied before publishing again.
MARKER = ".budget-kg-site"

CHART_QUERIES = ("unit-function-classes", "unit-totals", "legal-citations")

#: Pages a worker writes per task: enough to make a task's round trip negligible, few enough to balance the workers.
PAGES_PER_TASK = 200


@dataclass(frozen=True)
class Published:
    """What :func:`publish` wrote."""

    out: Path
    pages: int
    files: int
    bytes: int
    triples: int
    graphs: int
    dumps: list[Dump]
    seconds: float


def publish(
    store_path: Path | str,
    out: Path | str,
    base_iri: str = DEFAULT_BASE_IRI,
    *,
    endpoint: str | None = None,
    silent: bool = True,
    jobs: int | None = None,
) -> Published:
    """Write the static site of the store at ``store_path`` into ``out``.

    :param store_path: the store directory (opened read-only)
    :param out: the site folder; emptied first if an earlier ``kg publish`` wrote it
    :param base_iri: the base the store's IRIs were minted under
    :param endpoint: a SPARQL endpoint URL to advertise (VoID, query page)
    :param silent: no progress on stderr
    :param jobs: processes writing the resource pages (default: one per core)
    :raises StoreError: when the store cannot be opened
    :raises BudgetKgError: when ``out`` is a non-empty folder that ``kg publish`` did not write,
        or the dataset description misses a promised field
    """
    started = time.perf_counter()
    out = Path(out)
    _prepare(out)
    sitemap = SiteMap(base_iri)
    with kg_store.open(store_path, read_only=True) as store:
        quads = store.sorted_quads()  # once, for the dumps and the index
        if not quads:
            raise BudgetKgError(f"the store {store_path} is empty; build something first, e.g. `kg build --sample`")
        graphs = store.graphs()
        dumps = write_dumps(store, quads, sitemap, out)
        chart_rows = {name: _rows(store, name) for name in CHART_QUERIES}
    write_context(out)
    description = dataset_description(quads, base_iri, endpoint=endpoint, dumps=dumps)
    conforms, report = check(description)
    if not conforms:
        raise BudgetKgError(f"the dataset description misses a promised field:\n{report}")
    ox.serialize([q.triple for q in description], str(out / "void.ttl"), ox.RdfFormat.TURTLE, prefixes=_void_prefixes())

    index = Index.build([*quads, *description], read_vocabulary())
    site = Site(index, sitemap, out, chart_rows, endpoint)
    files = {d.path for d in dumps} | {f"{d.folder}/{d.compressed}" for d in dumps if d.compressed}
    site.files = files
    iris = sorted(
        iri for iri in index.iris() if (folder := sitemap.folder(iri)) is not None and folder and folder not in files
    )
    fragments: dict[str, list[str]] = defaultdict(list)  # a line's IRI → the IRIs its page holds
    for iri in iris:
        anchor = sitemap.anchor(iri)
        if anchor is not None:
            fragments[anchor[0]].append(iri)
    pages = sorted({iri for iri in iris if sitemap.anchor(iri) is None} | set(fragments))
    special = {
        "": "home",
        sitemap.folder(sitemap.base + "unit"): "compare",
        sitemap.folder(sitemap.base + "legal"): "citations",
        "query": "query",
        "licence": "licence",
    }
    resource_folders = {sitemap.folder(i) for i in pages}
    site.pages = resource_folders | set(special)
    renderer = _Renderer(site, dumps, graphs, len(quads), base_iri)
    work = [(iri, fragments.get(iri, [])) for iri in pages]
    for _ in progress(_Written(renderer, work, jobs), label="pages", silent=silent):
        pass
    for folder, kind in special.items():
        if folder not in resource_folders:
            getattr(renderer, kind)(folder)
    _copy_vocabulary(out, sitemap)
    (out / "style.css").write_text((Path(__file__).parent / "templates" / "style.css").read_text("utf-8"), "utf-8")
    (out / "server").mkdir(exist_ok=True)
    (out / "server" / "nginx.conf").write_text(
        renderer.env.get_template("nginx.conf").render(
            rules=RULES, default=DEFAULT, host=sitemap.root.split("/")[2], fragment_rule=sitemap.fragment_rule
        ),
        encoding="utf-8",
    )
    written = [p for p in out.rglob("*") if p.is_file()]
    return Published(
        out, len(site.pages), len(written), sum(p.stat().st_size for p in written), len(quads), len(graphs), dumps,
        time.perf_counter() - started,
    )


class _Written:
    """The resource pages, each IRI yielded once its page is written, by ``jobs`` processes.

    The workers are forked, so that they share the renderer and its index (copy on write)
    instead of each reading the store again. Where processes cannot be forked (Windows), the
    pages are written here, one after the other.
    """

    def __init__(self, renderer: _Renderer, work: list[tuple[str, list[str]]], jobs: int | None):
        self.renderer, self.work = renderer, work
        self.jobs = max(1, min(jobs or os.cpu_count() or 1, -(-len(work) // PAGES_PER_TASK)))

    def __len__(self) -> int:
        return len(self.work)

    def __iter__(self) -> Iterator[str]:
        global _RENDERER
        if self.jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
            for iri, fragments in self.work:
                self.renderer.resource(iri, fragments)
                yield iri
            return
        tasks = [self.work[i:i + PAGES_PER_TASK] for i in range(0, len(self.work), PAGES_PER_TASK)]
        _RENDERER = self.renderer
        # The collector of a worker would visit every object of the index and so write to the memory
        # pages that the fork shares: frozen, they stay shared (and unvisited) for the workers' lives.
        gc.freeze()
        try:
            with ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("fork"),
                                     initializer=die_with, initargs=(os.getpid(),)) as pool:
                for written in pool.map(_write_pages, tasks):
                    yield from written
        finally:
            gc.unfreeze()
            _RENDERER = None


#: The renderer a forked worker inherits from :class:`_Written`.
_RENDERER: _Renderer | None = None


def _write_pages(task: list[tuple[str, list[str]]]) -> list[str]:
    for iri, fragments in task:
        _RENDERER.resource(iri, fragments)
    return [iri for iri, _ in task]


def _prepare(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise BudgetKgError(f"{out} is a file; give --out a folder")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise BudgetKgError(
                f"{out} is not empty and was not written by kg publish; choose an empty or new folder for --out"
            )
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    # First, so that a publish that fails half-way can still be redone into the same folder.
    (out / MARKER).write_text("written by kg publish; `kg publish` empties this folder before writing it again\n")


def _rows(store: kg_store.Store, name: str) -> list[dict[str, str]]:
    text = resource("queries", "publish", f"{name}.rq").read_text(encoding="utf-8")
    solutions = store.query(text)
    variables = [v.value for v in solutions.variables]
    return [
        {v: (row[v].value if row[v] is not None else "") for v in variables}
        for row in solutions
    ]


def _void_prefixes() -> dict[str, str]:
    return {
        **prefixes(),
        "dcat": "http://www.w3.org/ns/dcat#",
        "void": "http://rdfs.org/ns/void#",
    }


def _copy_vocabulary(out: Path, sitemap: SiteMap) -> None:
    folder = out / sitemap.folder(DEF)
    for path in vocabulary_files():
        target = folder / path.name if path.name == "budget.ttl" else folder / "codelists" / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _examples() -> list[dict[str, str]]:
    examples = []
    for path in sorted(resource("queries").glob("*.rq")) + sorted(resource("queries", "publish").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        header = dict(re.findall(r"^# (title|description): (.*)$", text, flags=re.MULTILINE))
        examples.append({"title": header.get("title", path.stem), "description": header.get("description", ""),
                         "text": text})
    return examples


class _Renderer:
    def __init__(self, site: Site, dumps: list[Dump], graphs: list[str], triples: int, base_iri: str):
        self.site, self.dumps, self.graphs, self.triples, self.base_iri = site, dumps, graphs, triples, base_iri
        self.env = environment()
        self.out = site.out
        self.sitemap = site.sitemap

    def _common(self, folder: str, title: str, twins: bool) -> dict[str, object]:
        root = href(folder, "", "") if folder else ""
        root = "" if root in ("", ".") else root + "/"
        special = lambda iri: href(folder, self.sitemap.folder(iri))  # noqa: E731
        return {
            "title": title,
            "site_title": "预算公开知识图谱 budget-kg",
            "root": root,
            "twins": twins,
            "nav": {
                "units": special(self.sitemap.base + "unit"),
                "legal": special(self.sitemap.base + "legal"),
                "ontology": special(DEF),
                "query": href(folder, "query"),
                "licence": href(folder, "licence"),
            },
        }

    def _write(self, folder: str, template: str, context: dict[str, object],
               twins: tuple[list[ox.Triple], dict[str, object]] | None = None) -> None:
        """Write ``index.html``, and with ``twins`` (the page's triples and their JSON-LD) its data files."""
        target = self.out / folder if folder else self.out
        target.mkdir(parents=True, exist_ok=True)
        (target / PAGE).write_text(self.env.get_template(template).render(**context), encoding="utf-8")
        if twins is not None:
            triples, document = twins
            # Serialised to bytes, not to a path: pyoxigraph then fsyncs every file, a disk wait per page.
            (target / "index.ttl").write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes()))
            (target / "index.jsonld").write_text(jsonld.dumps(document), "utf-8")

    def resource(self, iri: str, fragments: list[str]) -> None:
        folder = self.sitemap.folder(iri)
        page = self.site.resource_page(iri, fragments)
        context = {**self._common(folder, page["title"], True), "page": page, "jsonld": page["jsonld"]}
        template = "resource.html"
        if iri == DEF:
            template, context["ontology"] = "ontology.html", self.site.ontology(folder)
        self._write(folder, template, context, (page["triples"], page["jsonld"]))

    def home(self, folder: str) -> None:
        documents = sorted({d.value for g in self.graphs for d in self.site.index.values(g, DEF + "describes")})
        context = {
            **self._common(folder, "首页 Home", False),
            "description": "预算公开文件中的单位、预算表、绩效目标与法规依据，以关联数据发布。"
            "Budget disclosures as linked data: units, tables, lines, projects, indicators and the legal "
            "documents they cite.",
            "dataset": self.site.link(dataset_iri(self.base_iri).value, folder),
            "triples": self.triples,
            "graphs": self.graphs,
            "base": self.sitemap.base,
            "compare": self.site.comparison(folder),
            "documents": [self.site.link(d, folder) for d in documents],
            "dumps": self.dumps,
        }
        self._write(folder, "home.html", context)

    def compare(self, folder: str) -> None:
        context = {**self._common(folder, "各单位对比 Units compared", False), "compare": self.site.comparison(folder)}
        self._write(folder, "compare.html", context)

    def citations(self, folder: str) -> None:
        context = {**self._common(folder, "法规文件引用 Legal documents", False),
                   "citations": self.site.citations(folder)}
        self._write(folder, "citations.html", context)

    def query(self, folder: str) -> None:
        context = {**self._common(folder, "SPARQL", False), "endpoint": self.site.endpoint, "examples": _examples()}
        self._write(folder, "query.html", context)

    def licence(self, folder: str) -> None:
        self._write(folder, "licence.html", self._common(folder, "许可 Licence", False))
