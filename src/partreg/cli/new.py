"""`partreg new partnership|assessment|plan`: start a correctly named register file that is valid at once."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from partreg.cli.boundary import EXIT_OK, run
from partreg.cli.completion import partnership_ids
from partreg.cli.options import Root, debug_enabled

if TYPE_CHECKING:
    from collections.abc import Callable

    from partreg.model.policy import Principle
    from partreg.render.skeletons import Skeleton

new_app = typer.Typer(
    rich_markup_mode=None,
    help="Start a new register file: correctly named, with a note on every field, and valid at once. "
    "Give a flag for each required field; on a terminal, partreg asks for any that are missing.\n\n"
    'Example: partreg new partnership --id safer-streets --name "Safer Streets Board" '
    '--lead-officer "A Smith" --not-statutory --significant',
    no_args_is_help=True,
)

PartnershipOption = Annotated[
    str | None,
    typer.Option("--partnership", help="The partnership's id.", autocompletion=partnership_ids, show_default=False),
]


def _text_option(flag: str, text: str) -> Any:
    return typer.Option(flag, help=text, show_default=False)


def new_partnership(
    ctx: typer.Context,
    partnership_id: Annotated[
        str | None, _text_option("--id", "The id and file name: lower-case letters, digits and single hyphens.")
    ] = None,
    name: Annotated[str | None, _text_option("--name", "The partnership's name.")] = None,
    lead_officer: Annotated[str | None, _text_option("--lead-officer", "The council's lead officer.")] = None,
    statutory: Annotated[
        bool | None,
        typer.Option("--statutory/--not-statutory", help="Whether the law requires it.", show_default=False),
    ] = None,
    significant: Annotated[
        bool | None,
        typer.Option(
            "--significant/--not-significant",
            help="Whether it is significant to the council's strategic aims.",
            show_default=False,
        ),
    ] = None,
    root: Root = None,
) -> None:
    """Start a register entry, register/partnerships/<id>.yaml.

    Example: partreg new partnership --id safer-streets --name "Safer Streets Board" --lead-officer "A Smith" --not-statutory --significant
    """  # noqa: E501 - the example is one command line

    def command() -> int:
        from partreg.render.skeletons import partnership_skeleton

        found = _root(root)
        _require(
            {
                "--id": partnership_id,
                "--name": name,
                "--lead-officer": lead_officer,
                "--statutory or --not-statutory": statutory,
                "--significant or --not-significant": significant,
            }
        )
        skeleton = partnership_skeleton(
            _text(
                partnership_id,
                "Partnership id (lower-case words joined by hyphens, e.g. safer-streets)",
                check=id_answer,
            ),
            _text(name, "Name"),
            _text(lead_officer, "Lead officer"),
            statutory=_yes(statutory, "Is it required by law (statutory)?"),
            significant=_yes(significant, "Is it significant to the council's strategic aims?"),
        )
        _create(found, skeleton, "partnership")
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))


def new_assessment(
    ctx: typer.Context,
    partnership: PartnershipOption = None,
    year: Annotated[
        int | None, typer.Option("--year", help="The register year, e.g. 2024.", show_default=False)
    ] = None,
    root: Root = None,
) -> None:
    """Start an annual self-assessment, register/assessments/<year>/<partnership>.yaml.

    It lists the principles of the register's policy.yaml, each with an empty rating to fill in.

    Example: partreg new assessment --partnership safer-streets --year 2024
    """

    def command() -> int:
        from partreg.render.skeletons import assessment_skeleton

        found = _root(root)
        _require({"--partnership": partnership, "--year": year})
        chosen = _text(partnership, "Partnership id", check=_listed_partnership_answer(found))
        _check_partnership(found, chosen)
        register_year = year if year is not None else int(typer.prompt("Register year (e.g. 2024)", type=int))
        _create(found, assessment_skeleton(chosen, register_year, _principles(found)), "assessment")
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))


def new_plan(
    ctx: typer.Context,
    plan_id: Annotated[
        str | None, _text_option("--id", "The plan's id and file name (default: the --partnership id).")
    ] = None,
    partnership: PartnershipOption = None,
    action: Annotated[str | None, _text_option("--action", "The first action: what will be done.")] = None,
    owner: Annotated[str | None, _text_option("--owner", "The officer responsible for it.")] = None,
    target: Annotated[str | None, _text_option("--target", "Its target date, YYYY-MM-DD, or `ongoing`.")] = None,
    action_id: Annotated[str, typer.Option("--action-id", help="The first action's id in the plan.")] = "1",
    root: Root = None,
) -> None:
    """Start an action plan, register/actions/<id>.yaml, with its first action (a plan needs one).

    Leave out --partnership for a council-wide plan.

    Example: partreg new plan --partnership safer-streets --action "Renew the data sharing agreement" --owner "A Smith" --target 2025-03-31
    """  # noqa: E501 - the example is one command line

    def command() -> int:
        from partreg.render.skeletons import FirstAction, plan_skeleton

        found = _root(root)
        chosen_id = plan_id or partnership
        _require({"--id": chosen_id, "--action": action, "--owner": owner, "--target": target})
        if partnership is not None:
            _check_partnership(found, partnership)
        first = FirstAction(
            action_id,
            _text(action, "The first action: what will be done"),
            _text(owner, "Who is responsible for it"),
            _text(target, "Its target date (YYYY-MM-DD, or ongoing)"),
        )
        _create(
            found,
            plan_skeleton(_text(chosen_id, "Plan id (e.g. the partnership's id)", check=id_answer), partnership, first),
            "plan",
        )
        return EXIT_OK

    run(command, debug=debug_enabled(ctx))


new_app.command("partnership")(new_partnership)
new_app.command("assessment")(new_assessment)
new_app.command("plan")(new_plan)


# --- asking for what is missing ----------------------------------------------------------


def _interactive() -> bool:
    """Ask for missing values only when someone is there to answer (not in CI or a script)."""
    import sys

    return sys.stdin.isatty()


def _require(given: dict[str, object]) -> None:
    """Without a terminal to ask on, every missing flag is named at once (exit 2)."""
    from partreg.errors import PartregError

    missing = [flag for flag, value in given.items() if value is None]
    if missing and not _interactive():
        raise PartregError(
            f"missing {', '.join(missing)}",
            "give each on the command line; `partreg new <kind> --help` lists them",
        )


def _text(value: str | None, question: str, check: "Callable[[str], str] | None" = None) -> str:
    """The flag's value, else the answer typed at the prompt; `check` refuses a bad answer as it is
    typed (raising `typer.BadParameter`), and the question is asked again: no other answer is lost."""
    return value if value is not None else str(typer.prompt(question, value_proc=check))


def id_answer(text: str) -> str:
    """An id typed at the prompt: a slug, as FORMAT.md requires of ids and file names."""
    import re

    from partreg.model.values import SLUG_PATTERN

    answer = text.strip()
    if not re.fullmatch(SLUG_PATTERN, answer):
        raise typer.BadParameter(
            f"`{answer}` is not an id: write lower-case letters, digits and single hyphens, e.g. safer-streets"
        )
    return answer


def _listed_partnership_answer(root: Path) -> "Callable[[str], str]":
    """A partnership id typed at the prompt, which must be in the register (as `_check_partnership` says)."""
    from partreg.errors import PartregError

    def check(text: str) -> str:
        answer = text.strip()
        try:
            _check_partnership(root, answer)
        except PartregError as exc:
            raise typer.BadParameter(f"{exc.message}; {exc.hint}") from None
        return answer

    return check


def _yes(value: bool | None, question: str) -> bool:
    return value if value is not None else bool(typer.confirm(question, default=None))


# --- checking and writing ------------------------------------------------------------------


def _root(root: Path | None) -> Path:
    from partreg.load.layout import find_root

    return find_root(explicit=root)


def _check_partnership(root: Path, pid: str) -> None:
    """An assessment or plan must name a partnership that exists (rules R001, R002)."""
    import difflib

    from partreg.cli.completion import listed_ids
    from partreg.errors import PartregError

    known = listed_ids(root)
    if pid not in known:
        close = difflib.get_close_matches(pid, known, n=1)
        hint = f"did you mean `{close[0]}`?" if close else f"start it first: partreg new partnership --id {pid}"
        raise PartregError(f"no partnership `{pid}` in the register (register/partnerships/{pid}.yaml)", hint)


def _principles(root: Path) -> list["Principle"]:
    """The principles of the register's policy.yaml; partreg's defaults when it is absent or broken."""
    from partreg.load.worktree import SourceFile, WorkTree
    from partreg.load.yaml_reader import DEFAULT_LIMITS, read_document
    from partreg.model.build import build_record
    from partreg.model.policy import Policy

    for item in WorkTree(root, DEFAULT_LIMITS.max_bytes).files({"register/policy.yaml", "register/policy.yml"}):
        if isinstance(item, SourceFile):
            doc, _ = read_document(item.path, item.raw)
            policy = build_record(doc, Policy)[0] if doc is not None else None
            if policy is not None:
                return policy.principles
    return Policy().principles


# The flag each line of a new file comes from, by its key, to name it in an error.
_FLAGS = {
    "id": "--id",
    "name": "--name",
    "lead_officer": "--lead-officer",
    "partnership": "--partnership",
    "year": "--year",
    "- id": "--action-id",
    "action": "--action",
    "owner": "--owner",
    "target": "--target",
}


def _create(root: Path, skeleton: "Skeleton", kind: str) -> None:
    """Check the new file as `partreg validate` would, then write it, and its schema if missing."""
    import sys

    from partreg.errors import PartregError
    from partreg.output.files import write_atomic
    from partreg.render.skeletons import schema_json, schema_path

    path = root / skeleton.path
    for twin in (path.with_suffix(".yaml"), path.with_suffix(".yml")):
        if twin.exists() or twin.is_symlink():
            raise PartregError(f"{twin.relative_to(root).as_posix()} already exists", "edit it, or choose another id")
    try:
        data = skeleton.text.encode("utf-8")
    except UnicodeEncodeError:
        raise PartregError("a value given is not valid text", "type it again, in plain characters") from None
    _check(skeleton, data, kind)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)
    sys.stdout.write(f"created {skeleton.path}\n")
    schema = root / schema_path(kind)
    if not schema.exists() and not schema.is_symlink():
        # The new file's first line points the editor here; without the file the editor would complain.
        schema.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(schema, schema_json(kind).encode("utf-8"))
        sys.stdout.write(f"created {schema_path(kind)} (for editors: see `partreg schema --help`)\n")


def _check(skeleton: "Skeleton", data: bytes, kind: str) -> None:
    """A value that would make the file invalid stops it being written; the flag is named."""
    from pydantic import BaseModel

    from partreg.errors import PartregError
    from partreg.load.yaml_reader import read_document
    from partreg.model.assessment import Assessment
    from partreg.model.build import build_record
    from partreg.model.partnership import Partnership
    from partreg.model.plan import ActionPlan

    models: dict[str, type[BaseModel]] = {"partnership": Partnership, "assessment": Assessment, "plan": ActionPlan}
    doc, problems = read_document(skeleton.path, data)
    if doc is not None:
        problems = build_record(doc, models[kind])[1]
    if problems:
        first = problems[0]
        lines = skeleton.text.splitlines()
        key = lines[first.line - 1].split(":", 1)[0].strip() if 0 < first.line <= len(lines) else ""
        flag = _FLAGS.get(key)
        raise PartregError(f"{flag}: {first.message}" if flag else first.message, first.hint)
