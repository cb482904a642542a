"""Start-up stays cheap: the command line imports a command's library only when that command runs.

Each check runs in a fresh interpreter, since this test session has imported everything
already. What is checked is which modules get imported, not how long it takes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import REPO

#: What no command needs before it runs: the readers, the mapping, validation, the site, the SPARQL client.
HEAVY = [
    "kg.build", "kg.read", "kg.read.tables", "kg.read.narrative", "kg.rdf.mapping", "kg.queries",
    "kg.validate", "kg.validate.shapes", "kg.validate.render", "pyshacl", "rdflib",
    "kg.publish", "kg.publish.site", "kg.publish.serve", "jinja2",
    "kg.export", "kg.store.load", "kg.store.backend", "kg.store.endpoint", "SPARQLWrapper",
]


def imported(code: str, watched: list[str]) -> list[str]:
    """Which of ``watched`` a fresh interpreter has imported after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {watched!r} if m in sys.modules]))"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", probe], cwd=REPO, env=env, capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.splitlines()[-1])


def test_importing_the_command_line_imports_no_command_library():
    assert imported("import kg.cli", HEAVY) == []


@pytest.mark.parametrize("command", [[], ["build"], ["validate"], ["publish"], ["query"], ["load"], ["export", "csv"]])
def test_help_imports_no_command_library(command):
    code = ("import contextlib\nfrom kg.cli import app\n"
            f"with contextlib.suppress(SystemExit):\n    app([*{command!r}, '--help'], prog_name='kg')")
    assert imported(code, HEAVY) == []


def test_a_command_imports_its_library_when_it_runs():
    code = ("import contextlib\nfrom kg.cli import app\n"
            "with contextlib.suppress(SystemExit):\n    app(['query', '--list'], prog_name='kg')")
    assert imported(code, ["kg.queries", "kg.build", "kg.publish", "kg.validate"]) == ["kg.queries"]


def test_canned_queries_do_not_load_the_readers():
    # kg.read's package imports every reader; only a document-number parameter needs one of them.
    assert imported("import kg.queries", ["kg.read", "kg.read.legal"]) == []
    assert imported("from kg.queries import bind, catalogue\n"
                    "bind(catalogue()['indicators-citing-legal'], {'document': '冀财规〔2018〕21号'})",
                    ["kg.read.legal"]) == ["kg.read.legal"]
