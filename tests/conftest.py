"""Shared fixtures: the bundled sample, the real documents under ../shared, a CLI runner, stores."""

from __future__ import annotations

import copy
import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from kg.resources import sample_path

REPO = Path(__file__).resolve().parent.parent

#: Lines of a N-Quads dump that legitimately change between builds.
VOLATILE = "http://www.w3.org/ns/prov#generatedAtTime"


#: The real documents live beside the project, never inside it: ``../shared``.
SHARED = REPO.parent / "shared"


def _shared(folder: str) -> Path:
    """A folder of real documents under ``../shared`` (never committed here).

    Skips, saying where it looked, when it is absent (a user's own clone), but fails
    under ``CI=true``, where a silently skipped real-document test would hide a regression.
    """
    if (SHARED / folder).is_dir():
        return SHARED / folder
    reason = f"real documents not found: no folder {SHARED / folder} beside the project"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def shared_samples() -> Path:
    """``../shared/samples``: the Hebei text sample and the Shanghai PDFs."""
    return _shared("samples")


@pytest.fixture(scope="session")
def shared_reference() -> Path:
    """``../shared/reference``: the code lists we have."""
    return _shared("reference")


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """``../shared/corpus``: 18 disclosures of other provinces (广东, 陕西, 江苏, 湖南, 福建)."""
    return _shared("corpus")


@pytest.fixture(scope="session")
def sample() -> Path:
    """The bundled Hebei sample (always present, shipped in the package)."""
    return sample_path()


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    """A store location of this test's own."""
    return tmp_path / "store"


@pytest.fixture(scope="session")
def parse_once() -> Iterator[None]:
    """Make ``kg build`` parse each distinct file once per session (the parser takes seconds).

    The real parser still runs, once per (name, content, encoding); later builds get a
    deep copy of its :class:`~kg.records.Document`. Failures are not cached. A test that
    must exercise the parser every time patches ``kg.build.read_document`` back.
    """
    import kg.build

    real = kg.build.read_document
    parsed = {}

    def read_document(path: Path, encoding: str = "utf-8", template: str | None = None):
        path = Path(path)
        if not path.is_file():
            return real(path, encoding=encoding, template=template)
        key = (path.name, hashlib.sha256(path.read_bytes()).hexdigest(), encoding, template)
        if key not in parsed:
            parsed[key] = real(path, encoding=encoding, template=template)
        return copy.deepcopy(parsed[key])

    patch = pytest.MonkeyPatch()
    patch.setattr(kg.build, "read_document", read_document)
    yield
    patch.undo()


@pytest.fixture
def kg(parse_once: None) -> Callable[..., Result]:
    """Run the ``kg`` CLI in-process: ``kg("build", path, "--store", dir)``."""
    # Here, not at the top: a broken CLI must not stop unrelated tests.
    from kg.cli import app

    runner = CliRunner()

    def invoke(*args: object) -> Result:
        return runner.invoke(app, [str(a) for a in args])

    return invoke


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory, sample: Path, parse_once: None) -> Path:
    """A store holding the bundled sample, built once for read-only tests."""
    from kg.cli import app

    store = tmp_path_factory.mktemp("built") / "store"
    result = CliRunner().invoke(app, ["build", str(sample), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


@pytest.fixture(scope="session")
def wan_yuan_and_yuan_store(tmp_path_factory: pytest.TempPathFactory, sample: Path, shared_samples: Path,
                            parse_once: None) -> Path:
    """The bundled sample (tables in 万元) and a Shanghai PDF (tables in 元, its 三公 table in 万元)
    in one store, built once for read-only tests of sums and summaries across printed units."""
    from kg.cli import app

    store = tmp_path_factory.mktemp("wan-yuan-and-yuan") / "store"
    pdf = shared_samples / "shanghai" / "putuo-zfb-2025-unit-budget.pdf"
    result = CliRunner().invoke(app, ["build", str(sample), str(pdf), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def stable_nquads(path: Path) -> list[str]:
    """The lines of a N-Quads dump, minus those that change on every build."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if VOLATILE not in line]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory):
    """An Oxigraph server (PyPI ``oxigraph``) on 127.0.0.1, empty at the start of the session."""
    from servers import start_oxigraph

    try:
        server = start_oxigraph(tmp_path_factory.mktemp("oxigraph") / "data")
    except RuntimeError as problem:
        pytest.fail(str(problem))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory):
    """OpenLink Virtuoso 7 (Debian ``virtuoso-opensource-7-bin``) on 127.0.0.1; fails, never skips, when absent."""
    from servers import running_virtuoso

    yield from running_virtuoso(tmp_path_factory.mktemp("virtuoso"))


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory, built_store: Path) -> Path:
    """The sample's store published once (``kg publish``) for read-only tests of the site."""
    from kg.publish import publish

    site = tmp_path_factory.mktemp("published") / "site"
    publish(built_store, site)
    return site
