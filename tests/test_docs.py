"""Docs are tested: every command has help with examples and exit codes, and a README mention."""

from __future__ import annotations

import doctest
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from conftest import REPO

import kg.cli.common
import kg.errors
import kg.progress
import kg.read.source.pdf
import kg.read.tables.placement.blocks
import kg.store.endpoint
import kg.validate.document
from kg.resources import sample_path


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


def test_help_wraps_a_paragraph_at_the_terminal_width_not_at_the_source_lines(kg):
    # The docstring wraps "… page, row" / "and the amounts involved …" at its own width.
    result = kg("validate", "--help")
    lines = [" ".join(line.strip(" │").split()) for line in result.stdout.splitlines()]
    assert any("page, row and the amounts" in line for line in lines), result.stdout
    assert "kg validate --store kg-store --format html --out report.html" in lines  # an example keeps its line


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_mentioned_in_the_readme(command):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"kg {command}" in readme


def test_the_top_level_help_points_at_a_first_command(kg):
    result = kg("--help")
    assert result.exit_code == 0
    assert "kg build --sample" in result.stdout


@pytest.mark.parametrize("module", [kg.progress, kg.cli.common, kg.errors, kg.store.endpoint, kg.validate.document,
                                    kg.read.tables.placement.blocks, kg.read.source.pdf],
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


# -- the README's session is what kg prints today ----------------------------------------


def readme_session(first_command: str = "kg build --sample") -> list[tuple[str, list[str]]]:
    """The README's ``console`` block that starts with ``first_command``, as (command, printed lines)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    [block] = [b.split("```", 1)[0] for b in readme.split("```console\n")[1:] if b.startswith(f"$ {first_command}\n")]
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def run_session(steps: list[tuple[str, list[str]]], folder: Path) -> list[tuple[str, list[str]]]:
    """Run each command in ``folder`` with bash, as a user would, stdout and stderr together.

    The files the session reads are made first: ``julu-gbk.txt`` (the sample re-encoded as
    GBK) and the query file whose text the session prints with ``cat``.
    """
    (folder / "julu-gbk.txt").write_bytes(sample_path().read_text(encoding="utf-8").encode("gbk"))
    for command, printed in steps:
        if command.startswith("cat ") and command.endswith(".rq"):
            (folder / command[4:]).write_text("\n".join(printed) + "\n", encoding="utf-8")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("KG_STORE", None)
    ran, status = [], 0
    for command, _ in steps:
        if command == "echo $?":
            ran.append((command, [str(status)]))
            continue
        done = subprocess.run(["bash", "-c", command], cwd=folder, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=300, check=False)
        status = done.returncode
        ran.append((command, [line.rstrip() for line in done.stdout.splitlines()]))
    return ran


def test_the_readme_session_is_what_kg_prints_today(tmp_path):
    steps = readme_session()
    assert [command for command, _ in steps][:2] == ["kg build --sample", "kg summary"]
    assert run_session(steps, tmp_path) == [(command, [line.rstrip() for line in printed]) for command, printed in steps]


def test_the_readme_shanghai_session_is_what_kg_prints_today(tmp_path, shared_samples):
    for pdf in (shared_samples / "shanghai").glob("putuo-*.pdf"):
        shutil.copy(pdf, tmp_path)
    steps = readme_session("kg build putuo-*.pdf")
    assert run_session(steps, tmp_path) == [(command, [line.rstrip() for line in printed]) for command, printed in steps]
