"""The start-up baseline: the smallest useful two-command Typer app.

    python bench/minimal_app.py --help

`partreg --help` should cost little more than this: Python plus Typer plus Click,
with partreg's own imports deferred until a command needs them.
"""

from __future__ import annotations

import typer

app = typer.Typer(help="A minimal two-command app, the baseline for `partreg --help`.")


@app.command()
def hello(name: str = typer.Option("world", help="Who to greet.")) -> None:
    """Say hello."""
    typer.echo(f"Hello {name}")


@app.command()
def bye(name: str = typer.Option("world", help="Who to say goodbye to.")) -> None:
    """Say goodbye."""
    typer.echo(f"Bye {name}")


if __name__ == "__main__":
    app()
