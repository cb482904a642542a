"""Docs are tested: every command has help with examples and exit codes, and a README mention."""

from __future__ import annotations

import doctest
import re

import pytest
import typer.main
from conftest import REPO

import kg.cli.common
import kg.errors
import kg.progress
import kg.store.endpoint
import kg.validate.document


def commands() -> list[str]:
    """Every leaf command, as typed after ``kg`` (``build``, ``export csv``, …)."""
    from kg.cli import app

    def walk(command, prefix: str) -> list[str]:
        children = getattr(command, "commands", None)
        if not children:
            return [prefix]
        return [name for key, child in sorted(children.items()) for name in walk(child, f"{prefix} {key}".strip())]

    return walk(typer.main.get_command(app), "")


COMMANDS = commands()


def test_the_cli_has_the_promised_commands():
    assert set(COMMANDS) >= {"build", "query", "summary", "export csv", "export nquads", "export trig", "export turtle"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples_and_exit_codes(kg, command):
    result = kg(*command.split(), "--help")
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Examples" in text
    assert re.search(rf"\bkg {command}\b", text), f"no example of `kg {command}` in its help"
    assert "Exit codes" in text


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_mentioned_in_the_readme(command):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"kg {command}" in readme


def test_the_top_level_help_points_at_a_first_command(kg):
    result = kg("--help")
    assert result.exit_code == 0
    assert "kg build --sample" in result.stdout


@pytest.mark.parametrize("module", [kg.progress, kg.cli.common, kg.errors, kg.store.endpoint, kg.validate.document],
                         ids=lambda m: m.__name__)
def test_docstring_examples_run(module):
    failures, tried = doctest.testmod(module)
    assert tried > 0 and failures == 0


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    ci = re.sub(r'"\$venv(/[^"]*)?"', lambda m: ".venv" + (m.group(1) or ""), ci)  # the venv is in a temp dir there
    command = "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/pytest"
    assert command in readme
    assert command in ci
