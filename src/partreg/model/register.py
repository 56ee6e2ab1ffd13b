"""The register: every record of every kind, with the documents they were read from."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from partreg.load.document import Document
from partreg.load.layout import Kind, Placed, is_yaml, partnership_paths, place
from partreg.load.source import Source, listed_partnership_ids, neighbourhood
from partreg.load.worktree import SourceFile
from partreg.load.yaml_reader import DEFAULT_LIMITS, Limits, read_document
from partreg.model.assessment import Assessment
from partreg.model.build import build_record
from partreg.model.partnership import Partnership
from partreg.model.plan import ActionPlan
from partreg.model.policy import Policy
from partreg.problems import Problem, warning

RecordT = TypeVar("RecordT", bound=BaseModel)

_MODELS: dict[Kind, type[BaseModel]] = {
    Kind.POLICY: Policy,
    Kind.PARTNERSHIP: Partnership,
    Kind.ASSESSMENT: Assessment,
    Kind.PLAN: ActionPlan,
}


@dataclass(frozen=True, slots=True)
class Entry(Generic[RecordT]):
    """A typed record and the file it came from."""

    placed: Placed
    doc: Document
    record: RecordT


@dataclass
class Register:
    root: Path
    policy: Policy = field(default_factory=Policy)
    policy_entry: Entry[Policy] | None = None
    partnerships: list[Entry[Partnership]] = field(default_factory=list)
    assessments: list[Entry[Assessment]] = field(default_factory=list)
    plans: list[Entry[ActionPlan]] = field(default_factory=list)
    files: int = 0
    # Problems found while reading and typing the files; the checks add the rest.
    problems: list[Problem] = field(default_factory=list)
    # Ids of records whose files exist but gave no record, so references to them are not reported
    # twice: the id written in a file that failed the schema, the stem of one that could not be read.
    unparsed_ids: dict[Kind, set[str]] = field(default_factory=dict)
    # Partnership ids named by files that exist but were not read (a partial load for a diff or a hook).
    listed_partnerships: set[str] = field(default_factory=set)
    # The Git commit it was read from; None for the work tree.
    revision: str | None = None
    # Its short form for people, recorded when a whole register is read (api.load_register). A partial
    # read leaves it None: a diff or log names its sides itself, and one more Git call per commit would
    # slow `partreg log` down.
    revision_label: str | None = None
    _by_id: dict[str, Partnership] = field(default_factory=dict, repr=False)

    def documents(self) -> list[Document]:
        """Every document that was read and typed, of every kind."""
        docs = [entry.doc for entries in (self.partnerships, self.assessments, self.plans) for entry in entries]
        return docs if self.policy_entry is None else [self.policy_entry.doc, *docs]

    def partnership(self, partnership_id: str) -> Partnership | None:
        if len(self._by_id) != len(self.partnerships):
            self._by_id = {entry.record.id: entry.record for entry in self.partnerships}
        return self._by_id.get(partnership_id)

    def known_ids(self, kind: Kind) -> set[str]:
        entries: list[Entry[Partnership]] | list[Entry[ActionPlan]]
        entries = self.partnerships if kind is Kind.PARTNERSHIP else self.plans
        known = {e.record.id for e in entries} | self.unparsed_ids.get(kind, set())
        return known | self.listed_partnerships if kind is Kind.PARTNERSHIP else known


def build_register(
    root: Path,
    files: Iterable[SourceFile | Problem],
    limits: Limits = DEFAULT_LIMITS,
    on_file: Callable[[], None] | None = None,
) -> Register:
    """Read and type every file; `on_file` is called after each, for progress.

    Cyclic garbage collection is paused while reading, and what was read is then frozen out of
    it: the objects made here live for the whole run.
    """
    register = Register(root)
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        for item in files:
            if isinstance(item, Problem):
                register.problems.append(item)
                _note_unread(register, item.path)
            else:
                register.files += 1
                _add_file(register, item, limits)
                if on_file is not None:
                    on_file()
    finally:
        # The register lives as long as the command: freezing it keeps every later collection
        # from walking its millions of objects again (reference counting still frees them).
        gc.freeze()
        if gc_was_enabled:
            gc.enable()
    return register


def _add_file(register: Register, source: SourceFile, limits: Limits) -> None:
    placed = place(source.path)
    if placed.kind is None:
        register.problems.append(
            warning(
                source.path,
                1,
                1,
                "L003",
                "this file is outside the register layout and is not read",
                "move it to partnerships/, assessments/<year>/ or actions/, or rename it away from .yaml",
            )
        )
        return
    doc, problems = read_document(source.path, source.raw, limits)
    register.problems.extend(problems)
    if doc is None:
        _note_unread(register, source.path)
        return
    record, problems = build_record(doc, _MODELS[placed.kind])
    register.problems.extend(problems)
    if record is None:
        written_id = doc.data.get("id")
        if isinstance(written_id, str):
            register.unparsed_ids.setdefault(placed.kind, set()).add(written_id)
        return
    _file_record(register, placed, doc, record)


def _note_unread(register: Register, path: str) -> None:
    """A record file that exists but could not be read: its stem, its id by the layout, is known."""
    placed = place(path)
    if placed.kind is not None and is_yaml(path):
        register.unparsed_ids.setdefault(placed.kind, set()).add(placed.stem)


def _file_record(register: Register, placed: Placed, doc: Document, record: BaseModel) -> None:
    if isinstance(record, Policy):
        register.policy = record
        register.policy_entry = Entry(placed, doc, record)
    elif isinstance(record, Partnership):
        register.partnerships.append(Entry(placed, doc, record))
    elif isinstance(record, Assessment):
        register.assessments.append(Entry(placed, doc, record))
    elif isinstance(record, ActionPlan):
        register.plans.append(Entry(placed, doc, record))


def build_partial(source: Source, paths: set[str], limits: Limits = DEFAULT_LIMITS) -> Register:
    """Only `paths` and their neighbours: what a diff or a pre-commit hook needs to read.

    Every partnership the source lists is known by id, so references to unread files hold.
    """
    listed = source.paths()
    wanted = neighbourhood(paths, listed)
    register = build_register(source.root, source.files(wanted), limits)
    # A plan or assessment may name a partnership whose file has another stem: read that too.
    named = {e.record.partnership for e in register.plans if e.record.partnership}
    named |= {e.record.partnership for e in register.assessments}
    missing = named - {e.record.id for e in register.partnerships}
    extra = {path for pid in missing for path in partnership_paths(pid)} & set(listed)
    if extra - wanted:
        register = build_register(source.root, source.files(wanted | extra), limits)
    register.listed_partnerships = listed_partnership_ids(listed)
    register.revision = source.revision
    return register
