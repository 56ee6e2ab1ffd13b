"""The single place where a failure becomes a message and an exit status.

0: no errors; 1: errors found (or warnings with --strict); 2: the command could not run.
"""

import os
import sys
from collections.abc import Callable

import typer

from partreg.errors import PartregError, RegisterErrors

EXIT_OK, EXIT_PROBLEMS, EXIT_CANNOT_RUN = 0, 1, 2
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as shells report it


def run(command: Callable[[], int], *, debug: bool) -> None:
    try:
        status = command()
    except (typer.Exit, typer.Abort):
        raise
    except PartregError as exc:
        hint = f"\n  hint: {exc.hint}" if exc.hint else ""
        sys.stderr.write(f"partreg: error: {exc.message}{hint}\n")
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    except RegisterErrors as exc:
        from partreg.output.problems import parsable_line

        sys.stderr.write("".join(parsable_line(p) + "\n" for p in exc.problems))
        sys.stderr.write(
            f"partreg: error: {exc.message}\n  hint: fix the errors above (`partreg validate` shows each "
            "in its source), then run again\n"
        )
        raise typer.Exit(EXIT_PROBLEMS) from None
    except BrokenPipeError:
        # The reader went away (`partreg rules | head`): stop quietly, as a shell pipeline expects.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_BROKEN_PIPE) from None
    except KeyboardInterrupt:
        sys.stderr.write("partreg: interrupted\n")
        raise typer.Exit(130) from None
    except Exception as exc:
        if debug:
            raise
        sys.stderr.write(
            f"partreg: internal error: {type(exc).__name__}: {exc} (this is a bug in partreg; "
            "run again with --debug for the traceback)\n"
        )
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    raise typer.Exit(status)
