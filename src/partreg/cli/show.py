"""`partreg show ID`: everything the register holds about one partnership."""

from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.common import load, write
from partreg.cli.options import PartnershipId, Root, Today, choose, debug_enabled, parse_today


def show(
    ctx: typer.Context,
    partnership_id: PartnershipId,
    root: Root = None,
    today: Today = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="standard or json.")] = "standard",
) -> None:
    """One partnership: its record, its assessments by year with ratings and reasons, its actions and problems.

    Example: partreg show north-east-migration-partnership
    """

    def command() -> int:
        import difflib

        from partreg import api
        from partreg.check.run import Selection
        from partreg.compute.listing import action_facts
        from partreg.compute.review import review_fact
        from partreg.compute.status import assessments_by_partnership, partnership_status
        from partreg.errors import PartregError, RegisterErrors
        from partreg.output import show as formats
        from partreg.output.console import make_console
        from partreg.problems import Severity

        chosen = choose(output_format, ("standard", "json"), "--format")
        day = parse_today(today)
        register = load(root, allow_errors=True)
        partnership = register.partnership(partnership_id)
        # A file of this partnership's that cannot be read (its record, an assessment, a plan, which may have
        # any name, or the policy its ratings follow) would make the record shown wrong: its errors instead.
        own = [p for p in register.problems if p.severity is Severity.ERROR and _concerns(p.path, partnership_id)]
        if own:
            raise RegisterErrors(own, f"files of `{partnership_id}` have errors, so its record would be shown wrong")
        if partnership is None:
            known = [entry.record.id for entry in register.partnerships]
            needle = partnership_id.casefold()
            close = [e.record.id for e in register.partnerships if needle in e.record.name.casefold()]
            close = close or difflib.get_close_matches(partnership_id, known, n=1)
            hint = f"did you mean `{close[0]}`?" if close else "run `partreg list` to see the ids"
            raise PartregError(f"no partnership `{partnership_id}` in the register", hint)
        history = assessments_by_partnership(register).get(partnership.id, [])
        years = [assessment.year for assessment in history]
        rows = [partnership_status(partnership, history, year, register.policy) for year in years]
        current = rows[-1] if rows else partnership_status(partnership, history, 0, register.policy)
        facts = [fact for fact in action_facts(register, day) if fact.partnership == partnership.id]
        own_paths = {e.doc.path for e in register.partnerships if e.record.id == partnership.id}
        own_paths |= {e.doc.path for e in register.assessments if e.record.partnership == partnership.id}
        own_paths |= {e.doc.path for e in register.plans if e.record.partnership == partnership.id}
        problems = [p for p in api.validate(register, Selection(), day).problems if p.path in own_paths]
        review = review_fact(partnership, history, day, register.policy.review.max_age_months)
        if chosen == "json":
            write(formats.as_json(current, rows, review, facts, problems))
        else:
            formats.print_record(current, rows, review, facts, problems, make_console())
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))


def _concerns(path: str, partnership_id: str) -> bool:
    """Whether a register file may hold part of this partnership's record."""
    from partreg.load.layout import Kind, place

    placed = place(path)
    return placed.kind in (Kind.POLICY, Kind.PLAN) or (placed.kind is not None and placed.stem == partnership_id)
