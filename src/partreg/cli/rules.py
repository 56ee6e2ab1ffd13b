"""`partreg rules`: every rule code and summary, taken from the rules themselves."""

from typing import Annotated

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.options import choose, debug_enabled


def rules(
    ctx: typer.Context,
    explain: Annotated[str | None, typer.Option(help="Print one rule's full explanation, e.g. S003.")] = None,
    output_format: Annotated[str, typer.Option("--format", "-f", help="standard or json.")] = "standard",
) -> None:
    """List every rule: its code, severity and one-line summary.

    Example: partreg rules --explain S003
    """

    def command() -> int:
        import json
        import sys

        from partreg.check.rules import ALL_RULES, BY_CODE, FAMILIES
        from partreg.errors import PartregError

        choose(output_format, ("standard", "json"), "--format")
        chosen = ALL_RULES
        if explain is not None:
            code = explain.strip().upper()
            if code not in BY_CODE:
                raise PartregError(f"no rule `{explain}`", "run `partreg rules` to list every code")
            chosen = (BY_CODE[code],)
        if output_format == "json":
            listed = [
                {"code": r.code, "name": r.name, "severity": r.severity.value, "summary": r.summary, "doc": r.doc}
                for r in chosen
            ]
            sys.stdout.write(json.dumps({"rules": listed}, indent=2, ensure_ascii=False) + "\n")
        elif explain is not None:
            rule = chosen[0]
            sys.stdout.write(f"{rule.code} {rule.name} ({rule.severity.value})\n\n{rule.doc}\n")
        else:
            for letter, (family, family_rules) in FAMILIES.items():
                sys.stdout.write(f"{letter}: {family}\n")
                for r in family_rules:
                    sys.stdout.write(f"  {r.code}  {r.severity.value:<7}  {r.name:<32} {r.summary}\n")
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))
