"""Locate the declarative files (ontology/, mappings/, queries/).

In a checkout they sit at the top of the repository; in an installed wheel they are
copied to ``kg/_resources/``. Code asks here instead of building paths itself.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def resource(*parts: str) -> Path:
    """Path of a file under ``ontology/``, ``mappings/`` or ``queries/``; looked up once per
    process (readers ask for the same few files for every line they classify).

    :param parts: path components, e.g. ``("mappings", "hebei-county.yaml")``
    :raises FileNotFoundError: when neither the wheel copy nor the checkout has it
    """
    for root in (_PACKAGE / "_resources", _PACKAGE.parent):
        path = root.joinpath(*parts)
        if path.exists():
            return path
    raise FileNotFoundError("/".join(parts))


def sample_path() -> Path:
    """The bundled Hebei sample (巨鹿县人力资源和社会保障局 2023)."""
    return _PACKAGE / "data" / "julu-hrss-2023-unit-budget.txt"


def read_yaml(path: Path) -> object:
    """The data of a YAML file, parsed by libyaml when PyYAML has it: ten times faster than
    the pure-Python parser, for the dozen mapping files every process reads before its
    first document.

    :raises OSError: when the file cannot be read
    :raises yaml.YAMLError: when it is not YAML
    """
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
