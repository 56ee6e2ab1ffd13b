"""The Typer application: an explicit registry of commands, no import side effects."""

from typing import Annotated

import typer

from partreg import __version__
from partreg.cli.actions import actions
from partreg.cli.diff import diff
from partreg.cli.export import export
from partreg.cli.fmt import fmt
from partreg.cli.import_ import import_
from partreg.cli.init import init
from partreg.cli.listing import list_partnerships
from partreg.cli.log import log
from partreg.cli.new import new_app
from partreg.cli.report import report
from partreg.cli.rules import rules
from partreg.cli.schema import schema
from partreg.cli.show import show
from partreg.cli.status import status
from partreg.cli.validate import validate

app = typer.Typer(
    name="partreg",
    help="Keep a council's partnership register as YAML in Git, check it, and report on it.\n\n"
    "Example: partreg validate",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain Click help: it starts in half the time of the rich panels, and reads the same in a pipe.
    rich_markup_mode=None,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"partreg {__version__}")
        raise typer.Exit()


@app.callback()
def options(
    ctx: typer.Context,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
    version: Annotated[  # noqa: ARG001 - handled by its eager callback
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Keep a council's partnership register as YAML in Git, check it, and report on it."""
    ctx.obj = {"debug": debug}


app.command("init")(init)
app.add_typer(new_app, name="new")
app.command("validate")(validate)
app.command("status")(status)
app.command("show")(show)
app.command("list")(list_partnerships)
app.command("actions")(actions)
app.command("report")(report)
app.command("schema")(schema)
app.command("import")(import_)
app.command("export")(export)
app.command("fmt")(fmt)
app.command("diff")(diff)
app.command("log")(log)
app.command("rules")(rules)


def main() -> None:
    app()
