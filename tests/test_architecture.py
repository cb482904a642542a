"""The import rules of docs/architecture.md hold for every module of kg/.

Imports are read from the source (ast), so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from conftest import REPO

PACKAGE = REPO / "kg"
SHARED = {"kg.records", "kg.codes", "kg.equations"}
DOWNSTREAM = ["kg.validate", "kg.build", "kg.queries", "kg.export", "kg.publish", "kg.cli"]

#: package → the packages its modules may not import (docs/architecture.md, "What may import what").
FORBIDDEN = {
    "kg.read": ["kg.rdf", "kg.store", *DOWNSTREAM],
    "kg.rdf": ["kg.read", "kg.store", *DOWNSTREAM],
    "kg.store": ["kg.read", "kg.rdf", *DOWNSTREAM],
    "kg.publish": ["kg.read", "kg.validate", "kg.build", "kg.cli"],
    "kg.export": ["kg.read", "kg.validate", "kg.build", "kg.cli"],
}


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path) -> set[str]:
    """The kg modules a file imports: ``from kg.x import y`` counts as kg.x.y when y is a module."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if is_module(child) else node.module)
    return {name for name in found if name == "kg" or name.startswith("kg.")}


MODULES = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_a_stage_imports_no_later_stage(package):
    broken = sorted(
        f"{module} imports {target}"
        for module, targets in MODULES.items() if within(module, package)
        for target in targets for banned in FORBIDDEN[package] if within(target, banned)
    )
    assert broken == []


def test_the_shared_modules_import_only_each_other():
    allowed = SHARED | {"kg.errors", "kg.resources"}
    broken = sorted(f"{m} imports {t}" for m in SHARED for t in MODULES[m] if t not in allowed)
    assert broken == []


def test_nothing_but_the_cli_and_python_dash_m_imports_the_cli():
    broken = sorted(f"{m} imports {t}" for m, targets in MODULES.items() if not within(m, "kg.cli")
                    and m != "kg.__main__" for t in targets if within(t, "kg.cli"))
    assert broken == []


def test_a_part_never_imports_the_stage_it_belongs_to():
    # Siblings, not a ladder: kg.read.narrative may import kg.read.source.text, never kg.read.
    # (kg itself holds only the version, which the mapping and the CLI print.)
    packages = {m for m in MODULES if (REPO.joinpath(*m.split(".")) / "__init__.py").is_file()} - {"kg"}
    broken = sorted(f"{m} imports {t}" for m, targets in MODULES.items() for t in targets
                    if t in packages and t != m and within(m, t))
    assert broken == []


def test_the_rules_see_every_package_of_the_flow():
    # A rule over a package that does not exist would pass whatever the code does.
    assert all(package in MODULES for package in [*FORBIDDEN, *SHARED])
    assert MODULES["kg.read.tables.reconstruct"] >= {"kg.equations", "kg.read.tables.placement"}
