"""`partreg actions`: every action of every plan, with what is overdue or due soon."""

from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.common import data_format, load, write
from partreg.cli.options import DataFormat, Root, Today, debug_enabled, parse_today


def actions(
    ctx: typer.Context,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only overdue actions.")] = False,
    due_soon: Annotated[bool, typer.Option("--due-soon", help="Only actions due within the policy's days.")] = False,
    owner: Annotated[str | None, typer.Option(help="Only actions whose owner contains this text.")] = None,
    plan: Annotated[str | None, typer.Option(help="Only this action plan's id.")] = None,
    root: Root = None,
    today: Today = None,
    output_format: DataFormat = "standard",
) -> None:
    """Actions with plan, owner, target, status, overdue, due soon and the latest update.

    With both --overdue and --due-soon, actions that are either are shown.

    Example: partreg actions --overdue --today 2024-01-31
    """

    def command() -> int:
        from partreg.compute.listing import ActionFilter, action_facts
        from partreg.output import actions as formats
        from partreg.output.console import make_console

        chosen = data_format(output_format)
        day = parse_today(today)
        register = load(root)
        plans = sorted(entry.record.id for entry in register.plans)
        if plan is not None and plan not in plans:
            import difflib

            from partreg.errors import PartregError

            close = difflib.get_close_matches(plan, plans, n=1)
            hint = f"did you mean `{close[0]}`?" if close else f"the plans are: {', '.join(plans) or 'none yet'}"
            raise PartregError(f"no action plan `{plan}` in the register", hint)
        wanted = ActionFilter(overdue, due_soon, owner, plan)
        facts = [fact for fact in action_facts(register, day) if wanted.matches(fact)]
        if chosen == "json":
            write(formats.as_json(facts))
        elif chosen == "csv":
            write(formats.as_csv(facts))
        else:
            formats.print_table(facts, make_console())
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))
