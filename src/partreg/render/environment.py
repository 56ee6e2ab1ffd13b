"""Sandboxed Jinja2: council templates can read the view model, never Python internals or files.

Templates are found by name in `--templates DIR`, then in `templates/` beside the register,
then among the built-in templates shipped with partreg.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    DictLoader,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
)
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from partreg.errors import PartregError
from partreg.render import markdown


def builtin_templates() -> Path:
    """The `templates/` folder shipped in the wheel (or, in a checkout, at the repository's top)."""
    shipped = Path(str(resources.files("partreg") / "templates"))
    return shipped if shipped.is_dir() else Path(__file__).resolve().parents[3] / "templates"


def template_loaders(root: Path, override: Path | None, council: dict[str, str] | None) -> list[BaseLoader]:
    """`--templates`, then the council's templates (a folder, or as read from a Git revision), then the built-ins.

    Files are looked up by name, so a council template replaces the built-in one of that name.
    """
    loaders: list[BaseLoader] = [FileSystemLoader(str(override))] if override is not None else []
    loaders.append(DictLoader(council) if council is not None else FileSystemLoader(str(root / "templates")))
    loaders.append(FileSystemLoader(str(builtin_templates())))
    return loaders


def make_environment(loaders: list[BaseLoader], *, html: bool) -> SandboxedEnvironment:
    env = SandboxedEnvironment(
        loader=ChoiceLoader(loaders),
        autoescape=html,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown.escape
    return env


@contextmanager
def template_errors(name: str) -> Iterator[None]:
    """Any failure inside a template becomes one message naming the template file and line, never a
    traceback: syntax errors, undefined names, the sandbox refusing, and errors in expressions
    (`{{ 1/0 }}`). A failure with no template frame is partreg's own and is raised as it is."""
    hint = "correct the template, or delete it to use the built-in one"
    try:
        yield
    except TemplateSyntaxError as exc:
        raise PartregError(
            f"{exc.filename or exc.name or name}:{exc.lineno}: template error: {exc.message}", hint
        ) from None
    except TemplateError as exc:
        raise PartregError(f"{_template_line(name) or name}: template error: {exc.message}", hint) from None
    except UnicodeDecodeError:
        raise PartregError(f"{name}: the template is not UTF-8 text", "save it as UTF-8") from None
    except Exception as exc:
        where = _template_line(name)
        if where is None:
            raise
        raise PartregError(f"{where}: template error: {type(exc).__name__}: {exc}", hint) from None


def render(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> str:
    with template_errors(name):
        return env.get_template(name).render(context)


def render_blocks(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> dict[str, str]:
    """Every `{% block %}` of a texts template, rendered on its own and stripped.

    A council's texts file may hold only the blocks it changes: the others come from the
    built-in file of that name. A block the built-in file does not have is a typo, and an error.
    """
    builtin = _blocks(make_environment([FileSystemLoader(str(builtin_templates()))], html=False), name, context)
    council = _blocks(env, name, context)
    unknown = sorted(set(council) - set(builtin))
    if unknown:
        raise PartregError(
            f"{name}: no text block named {', '.join(f'`{block}`' for block in unknown)}",
            f"the blocks are: {', '.join(builtin)}",
        )
    return builtin | council


def _blocks(env: SandboxedEnvironment, name: str, context: dict[str, Any]) -> dict[str, str]:
    with template_errors(name):
        template = env.get_template(name)
        rendered = {}
        for block, render_block in template.blocks.items():
            try:
                rendered[block] = "".join(render_block(template.new_context(context))).strip()
            except Exception:
                # As Template.render does: rewrite the traceback so its frames carry the template's lines.
                env.handle_exception()
        return rendered


def _template_line(name: str) -> str | None:
    """The template file and line where the exception being handled arose, if it arose in one.

    Jinja rewrites tracebacks so a template's frames carry its file name and line; a template
    read from a Git revision has no file, and Jinja calls it `<template>`.
    """
    frames = traceback.extract_tb(sys.exc_info()[2])
    in_templates = [frame for frame in frames if frame.filename.endswith(_TEMPLATE_SUFFIXES)]
    if not in_templates:
        return None
    frame = in_templates[-1]
    return f"{name if frame.filename == _NO_FILE else frame.filename}:{frame.lineno}"


_NO_FILE = "<template>"
_TEMPLATE_SUFFIXES = (".j2", ".html", ".md", ".txt", _NO_FILE)


def safe(markup: str) -> Markup:
    """Markup partreg itself produced (chart SVG), marked so autoescape leaves it alone."""
    return Markup(markup)  # built from escaped text in render/charts.py
