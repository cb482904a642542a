"""The ``kg`` command line: a thin shell over :mod:`kg.build`, :mod:`kg.store` and :mod:`kg.export`.

Each command parses its options, calls one library function, renders the result on
stdout and picks the exit code. Errors raised on purpose (:class:`kg.errors.BudgetKgError`)
become one message on stderr, never a traceback; so does any other exception, as an
internal error (:func:`main`).

Start-up stays cheap: a command module imports only typer and the light modules its
options need (:mod:`kg.cli.options`, :mod:`kg.cli.common`); the heavy library it calls
(:mod:`kg.build`, :mod:`kg.publish`, :mod:`kg.validate`, :mod:`kg.queries`, the store, …)
is imported in the body of the command that runs it, so ``kg --help`` or ``kg build``
never pays for the readers, jinja2 or pySHACL another command needs.
``tests/test_cli_startup.py`` checks that ``import kg.cli`` imports none of them.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from kg import __version__
from kg.cli import build as build_module
from kg.cli import export as export_module
from kg.cli import load as load_module
from kg.cli import publish as publish_module
from kg.cli import query as query_module
from kg.cli import summary as summary_module
from kg.cli import validate as validate_module
from kg.cli.common import reflowed
from kg.cli.options import EXIT_CODES

__all__ = ["app", "main"]

app = typer.Typer(
    name="kg",
    help=(
        "Chinese government budget disclosures (预算公开) as an RDF knowledge graph.\n\n"
        "Build the graph from disclosures, then query it with SPARQL or export it.\n\n"
        "Start with: kg build --sample && kg summary"
    ),
    epilog=EXIT_CODES,
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budget-kg {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", help="Show the version and exit.", callback=_version, is_eager=True),
    ] = None,
) -> None:
    """Chinese government budget disclosures (预算公开) as an RDF knowledge graph."""


app.command("build", epilog=EXIT_CODES)(reflowed(build_module.build))
app.command("summary", epilog=EXIT_CODES)(reflowed(summary_module.summary))
app.command("query", epilog=EXIT_CODES)(reflowed(query_module.query))
app.command("load", epilog=EXIT_CODES)(reflowed(load_module.load))
app.add_typer(export_module.app, name="export")
app.command("publish", epilog=EXIT_CODES)(reflowed(publish_module.publish))
app.command("serve", epilog=EXIT_CODES)(reflowed(publish_module.serve))
app.command("validate", epilog=EXIT_CODES)(reflowed(validate_module.validate))


#: Exit code of an unexpected exception: the command failed, and not because of violations (1).
INTERNAL_ERROR = 3


def main() -> None:
    """Entry point of the ``kg`` console script.

    An exception no command expected is a bug; the user gets one line and exit 3, not a
    traceback (whose exit 1 would read as "violations found"). ``KG_DEBUG=1`` shows it.
    """
    try:
        app(prog_name="kg")
        return
    except Exception as failure:  # usage errors, typer.Exit and BudgetKgError never get here: they exit
        if os.environ.get("KG_DEBUG", "") not in ("", "0"):
            raise
        message = " ".join(str(failure).split())
        kind = type(failure).__name__
    # Exit outside the except block, as common.boundary does: nothing keeps the failed frames alive.
    typer.echo(
        f"kg: internal error: {kind}: {message} "
        "(this is a bug; please report it; run with KG_DEBUG=1 for the traceback)",
        err=True,
    )
    sys.exit(INTERNAL_ERROR)
