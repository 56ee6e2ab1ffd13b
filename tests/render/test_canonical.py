"""The canonical form of a register file: FORMAT.md key order, one style, comments and values kept."""

from __future__ import annotations

import ast
import random
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partreg.load.layout import Kind, place
from partreg.load.yaml_reader import read_document
from partreg.model.partnership import DOCUMENT_KINDS
from partreg.render.canonical import NotFormattable, Plain, canonical_text, edited_text
from partreg.render.canonical_shape import FREE, Shape, shape_of

REPO = Path(__file__).resolve().parents[2]
BUNDLED = sorted((REPO / "register").rglob("*.yaml"))
HOSTILE = REPO / "tests" / "fixtures" / "hostile"

# FORMAT.md's tables, field by field, in the order they are written there.
FORMAT_ORDER = {
    Kind.PARTNERSHIP: [
        "id", "name", "status", "purpose", "form", "statutory", "statutory_basis", "significant", "partners",
        "lead_officer", "accountable_director",
        "representatives", "representatives[].name", "representatives[].role", "representatives[].position",
        "priorities", "start_date", "end_date", "review_date",
        "resources", "resources.officer_hours_per_month", "resources.financial_contribution", "resources.estimate",
        "risk", "risk.likelihood", "risk.impact", "risk.level", "value",
        "recommendation", "recommendation.action", "recommendation.rationale",
        "documents",
        *[part for kind in DOCUMENT_KINDS for part in
          (f"documents.{kind}", f"documents.{kind}.held", f"documents.{kind}.date", f"documents.{kind}.reference")],
        "tags",
    ],
    Kind.ASSESSMENT: [
        "partnership", "year", "period", "assessed_on", "assessed_by",
        "principles", "principles[].rating", "principles[].evidence",
        "governance", "governance.rating", "governance.reason",
        "performance", "performance.kpis", "performance.kpis[].name", "performance.kpis[].target",
        "performance.kpis[].actual", "performance.kpis[].unit", "performance.kpis[].higher_is_better",
        "performance.rating", "performance.reason",
        "issue", "achievements", "value_for_money", "value_for_money.rating", "value_for_money.finding",
    ],
    Kind.PLAN: [
        "id", "partnership", "title", "actions",
        *[f"actions[].{name}" for name in
          ("id", "issue", "action", "owner", "raised", "start", "target", "status", "completed", "updates")],
        "actions[].updates[].date", "actions[].updates[].text",
    ],
    Kind.POLICY: [
        "council", "principles", "principles[].id", "principles[].title",
        "minimum_standard", "minimum_standard.significant", "minimum_standard.other",
        "rag", "rag.performance", "rag.performance.green_at", "rag.performance.amber_at", "rag.performance.no_kpis",
        "rag.actions", "rag.actions.due_soon_days",
        "risk", "risk.high_at", "risk.medium_at", "review", "review.max_age_months",
    ],
}  # fmt: skip


def _flatten(shape: Shape, prefix: str = "") -> list[str]:
    """Every known key under `shape` in canonical order, as dotted paths; `[]` marks list items and map values."""
    if shape.each is not None:
        return _flatten(shape.each, f"{prefix}[]")
    paths = []
    for key in shape.keys:
        path = f"{prefix}.{key}" if prefix else key
        paths += [path, *_flatten(shape.fields.get(key, FREE), path)]
    return paths


def canonical(text: str, kind: Kind | None = Kind.PARTNERSHIP) -> str:
    return canonical_text(textwrap.dedent(text), kind)


# --- The key order is FORMAT.md's, derived from the models ---------------------------------------


@pytest.mark.parametrize("kind", list(Kind))
def test_the_key_order_is_format_mds(kind: Kind) -> None:
    assert _flatten(shape_of(kind)) == FORMAT_ORDER[kind]


def test_custom_is_never_a_known_key_and_a_file_outside_the_layout_keeps_its_order() -> None:
    assert all("custom" not in path.split(".") for kind in Kind for path in _flatten(shape_of(kind)))
    assert shape_of(None) == FREE


# --- The bundled register is already canonical -----------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_bundled_register_is_canonical(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert canonical_text(text, place(path.relative_to(REPO).as_posix()).kind) == text


def _top_level_blocks(text: str) -> tuple[str, list[str]]:
    """The file's header, and each top-level key with the comment lines above it."""
    lines = text.splitlines(keepends=True)
    first_key = next(i for i, line in enumerate(lines) if re.match(r"[^#\s]", line))
    blocks: list[str] = []
    pending = ""
    for line in lines[first_key:]:
        if re.match(r"[^#\s]", line):
            blocks.append(pending + line)
            pending = ""
        elif line.startswith("#"):
            pending += line
        else:
            blocks[-1] += line
    return "".join(lines[:first_key]), blocks


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.relative_to(REPO).as_posix())
def test_shuffled_bundled_files_come_back_exactly(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    header, blocks = _top_level_blocks(text)
    kind = place(path.relative_to(REPO).as_posix()).kind
    for seed in range(4):
        shuffled = blocks[::-1] if seed == 0 else random.Random(seed).sample(blocks, len(blocks))
        # The comments above a file's first key are its header, which stays on top whatever follows.
        shuffled.sort(key=lambda block: block.startswith("#"))
        assert canonical_text(header + "".join(shuffled), kind) == text


# --- Comments move with their keys ---------------------------------------------------------------


def test_a_comment_above_a_key_moves_with_it_and_the_header_stays_on_top() -> None:
    shuffled = """\
        # Source: the committee paper, para 10
        lead_officer: A Smith  # para 11
        # the slug
        id: safer-streets
        significant: yes
        # as in the para 10 table
        name: Safer Streets Board
        statutory: no
        """
    assert canonical(shuffled) == textwrap.dedent("""\
        # Source: the committee paper, para 10
        # the slug
        id: safer-streets
        # as in the para 10 table
        name: Safer Streets Board
        statutory: no
        significant: yes
        lead_officer: A Smith  # para 11
        """)


def test_nested_mappings_are_ordered_with_their_comments() -> None:
    shuffled = """\
        id: x
        documents:
          # para 11: to be developed
          code_of_conduct:
            reference: CoC-1
            held: no  # not yet
          # agreed 2020
          business_case:
            held: yes
        # rough figures
        resources:
          estimate: yes
          financial_contribution: "£8,000"
        risk:
          level: high
          impact: 4
          likelihood: 5
        """
    assert canonical(shuffled) == textwrap.dedent("""\
        id: x
        # rough figures
        resources:
          financial_contribution: "£8,000"
          estimate: yes
        risk:
          likelihood: 5
          impact: 4
          level: high
        documents:
          # agreed 2020
          business_case:
            held: yes
          # para 11: to be developed
          code_of_conduct:
            held: no  # not yet
            reference: CoC-1
        """)


def test_action_items_are_ordered_but_stay_in_their_list_order() -> None:
    shuffled = """\
        actions:
          - target: ongoing  # paper: "Ongoing"
            owner: Director
            # the paper's words
            action: Keep going
            id: "2"
          # the second action
          - updates:
              - text: Started
                date: 2023-06-01
            status: in-progress
            id: "1"
            owner: Director
            action: Start
            target: 2024-03-31
        title: 2023/24 improvement activity
        id: tvca
        """
    assert canonical(shuffled, Kind.PLAN) == textwrap.dedent("""\
        id: tvca
        title: 2023/24 improvement activity
        actions:
          - id: "2"
            # the paper's words
            action: Keep going
            owner: Director
            target: ongoing  # paper: "Ongoing"
          # the second action
          - id: "1"
            action: Start
            owner: Director
            target: 2024-03-31
            status: in-progress
            updates:
              - date: 2023-06-01
                text: Started
        """)


def test_a_comment_above_a_list_items_first_key_goes_above_its_dash() -> None:
    text = """\
        id: tvca
        actions:
          - owner: Director
            # first
            id: "1"
            action: Start
            target: ongoing
        """
    assert '  # first\n  - id: "1"\n    action: Start\n    owner: Director\n' in canonical(text, Kind.PLAN)


def test_unknown_keys_and_custom_follow_the_known_ones_in_their_written_order() -> None:
    shuffled = """\
        custom:
          zeta: 1
          alpha: 2
        lead_oficer: typo
        name: N
        id: x
        """
    assert canonical(shuffled) == "id: x\nname: N\ncustom:\n  zeta: 1\n  alpha: 2\nlead_oficer: typo\n"


def test_principle_ids_keep_their_order_and_each_rating_is_ordered() -> None:
    shuffled = (
        "principles:\n  G:\n    evidence: e\n    rating: green\n  A:\n    rating: red\nyear: 2023\npartnership: x\n"
    )
    assert canonical(shuffled, Kind.ASSESSMENT) == (
        "partnership: x\nyear: 2023\nprinciples:\n  G:\n    rating: green\n    evidence: e\n  A:\n    rating: red\n"
    )


def test_closing_comments_stay_at_the_end() -> None:
    assert canonical("name: N\nid: x\n# reviewed 2023\n\n\n") == "id: x\nname: N\n# reviewed 2023\n"


def test_a_file_outside_the_layout_keeps_its_key_order() -> None:
    assert canonical("b: 1\na: 2\n", None) == "b: 1\na: 2\n"


def test_a_mapping_reused_by_an_alias_keeps_its_written_order() -> None:
    text = "id: x\nrisk: &r\n  impact: 2\n  likelihood: 3\nresources: *r\n"
    # ruamel writes the anchor where the mapping now comes first
    assert canonical(text) == "id: x\nresources: &r\n  impact: 2\n  likelihood: 3\nrisk: *r\n"


# --- Values keep their exact text ----------------------------------------------------------------


def test_values_are_never_retyped() -> None:
    text = """\
        id: "0123"
        name: No
        form:
        statutory: yes
        significant: N
        lead_officer: 'yes'
        start_date: 2023-01-01
        end_date: null
        review_date: ~
        custom:
          code: 0123
          reference: 1.10
          octal: 0o17
          big: 1e3
          time: 12:30:00
          on: on
        """
    assert canonical(text) == textwrap.dedent(text)


def test_block_scalars_keep_their_lines_and_their_trailing_spaces() -> None:
    text = "id: x\nname: >-\n  folded\n  text\npurpose: |\n  kept as written  \n  line two\n"
    assert canonical(text) == text


# --- Style -----------------------------------------------------------------------------------------


def test_indentation_is_two_spaces_with_list_items_under_their_key() -> None:
    text = (
        "id: x\npartners:\n- A\n- B\nresources:\n    estimate: yes\nrepresentatives:\n-   name: A\n    role: officer\n"
    )
    assert canonical(text) == (
        "id: x\npartners:\n  - A\n  - B\n"
        "representatives:\n  - name: A\n    role: officer\n"
        "resources:\n  estimate: yes\n"
    )


def test_inline_collections_are_written_one_item_a_line_except_empty_ones() -> None:
    text = "id: x\ntags: [a, b]  # two tags\n# the risk\nrisk: {impact: 2, likelihood: 3}\npartners: []\n"
    assert canonical(text) == (
        "id: x\npartners: []\n# the risk\nrisk:\n  likelihood: 3\n  impact: 2\ntags:  # two tags\n  - a\n  - b\n"
    )


def test_lf_line_endings_no_bom_no_trailing_spaces_one_final_newline() -> None:
    text = "\ufeffname: N   \r\n# about the id   \r\nid: x\t\r\n\r\n\r\n"
    assert canonical_text(text, Kind.PARTNERSHIP) == "# about the id\nid: x\nname: N\n"


def test_end_of_line_comments_sit_two_spaces_after_the_value() -> None:
    assert canonical("id: x # the slug\nname: N        # long gap\n") == "id: x  # the slug\nname: N  # long gap\n"


def test_comments_are_indented_like_the_key_below_them() -> None:
    text = "id: x\nresources:\n      # rough\n    estimate: yes\n"
    assert canonical(text) == "id: x\nresources:\n  # rough\n  estimate: yes\n"


# --- Idempotent, and refusing what the loader refuses --------------------------------------------

CORNERS = [
    "%YAML 1.1\n---\n# register entry\nname: n\nid: tvca  # the slug\n...\n",
    "id: &id tvca\npartners: [*id, *id]\n",
    'id: x\nname: "Tees\tValley"\nnote: "first\n\tsecond"\npurpose: |+\n  kept\n\n',
    "id: x\ndocuments:  # key line\n  # first\n  business_case:  # bc\n    held: yes\n# end\n",
    "{name: n, id: x}\n",
    "name: N\nlead_officer:\n# above the id\nid: x\n",
]


@pytest.mark.parametrize("text", CORNERS)
def test_formatting_is_idempotent(text: str) -> None:
    once = canonical_text(text, Kind.PARTNERSHIP)
    assert canonical_text(once, Kind.PARTNERSHIP) == once


@pytest.mark.parametrize("name", ["Y009-python-object-new.yaml", "Y007-billion-laughs.yaml", "Y013-duplicate-key.yaml"])
def test_text_the_loader_refuses_is_refused_with_its_position(name: str) -> None:
    raw = (HOSTILE / name).read_bytes()
    _, problems = read_document(name, raw)
    with pytest.raises(NotFormattable) as refused:
        canonical_text(raw.decode("utf-8"), Kind.PARTNERSHIP)
    assert (refused.value.line, refused.value.col) == (problems[0].line, problems[0].col)
    assert refused.value.message.startswith(problems[0].code)


def test_yaml_the_formatter_cannot_read_is_refused_not_crashed() -> None:
    # libyaml reads a tab after `key:` as a space; ruamel does not.
    with pytest.raises(NotFormattable, match="the formatter cannot read this file") as refused:
        canonical_text("id:\tx\nname: N\n", Kind.PARTNERSHIP)
    assert (refused.value.line, refused.value.col, refused.value.hint) == (1, 4, "replace the tab with spaces")


def test_a_tab_before_a_comment_or_at_a_line_end_is_read_as_a_space() -> None:
    # ruamel refuses both, so they are read again as spaces; the values are the same either way.
    assert canonical("name: N\t# the name\t\nid: x\t\n") == "id: x\nname: N  # the name\n"


FRAGMENTS = st.sampled_from(
    ["id", "name", "lead_officer", "risk", "impact", "tags", "custom", "actions", "x", ": ", ":\n", "\n", " ", "  ",
     "- ", "# c", " # e", "[", "]", "{", "}", ", ", "|\n", ">-\n", "&a ", "*a", "'", '"', "~", "yes", "0123", "\t"]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, max_size=40).map("".join), st.sampled_from([*Kind, None]))
def test_any_text_is_formatted_idempotently_or_refused(text: str, kind: Kind | None) -> None:
    try:
        once = canonical_text(text, kind)
    except NotFormattable:
        return
    assert canonical_text(once, kind) == once
    assert not re.search(r"[ \t]\n", once.split("|")[0].split(">")[0])  # no trailing spaces before any block scalar


class _RandomFile:
    """Register-like YAML with comments everywhere, shuffled keys, odd indentation and inline lists."""

    KEYS = ("id", "name", "status", "lead_officer", "partners", "resources", "risk", "impact", "likelihood",
            "documents", "held", "tags", "custom", "actions", "owner", "target", "updates", "text", "x")  # fmt: skip
    SCALARS = ("yes", "0123", "v", "1.10", "~", "2023-01-01", '"q"', "'s'", "")

    def __init__(self, seed: int) -> None:
        self.random, self.comments = random.Random(seed), 0
        self.lines: list[str] = []
        self.step = self.random.choice([2, 4])

    def text(self) -> str:
        self.mapping(0, 0)
        self.above(self.random.choice([0, 2, 4]))
        return "\n".join(self.lines) + "\n"

    def comment(self) -> str:
        self.comments += 1
        return f"# c{self.comments}"

    def above(self, indent: int) -> None:
        while self.random.random() < 0.3:
            self.lines.append("" if self.random.random() < 0.2 else " " * indent + self.comment())

    def end_of_line(self) -> str:
        return f"  {self.comment()}" if self.random.random() < 0.25 else ""

    def mapping(self, indent: int, depth: int, *, item: bool = False) -> None:
        for key in self.random.sample(self.KEYS, self.random.randint(1, 4)):
            self.above(indent)
            self.value(indent, depth, f"{' ' * (indent - 2)}- {key}:" if item else f"{' ' * indent}{key}:")
            item = False

    def value(self, indent: int, depth: int, prefix: str) -> None:
        kind = self.random.random()
        if depth < 3 and kind < 0.4:
            self.lines.append(prefix + self.end_of_line())
            if kind < 0.2:
                self.mapping(indent + self.step, depth + 1)
                return
            dash = indent + self.random.choice([0, self.step])  # indentless lists too
            for _ in range(self.random.randint(1, 3)):
                self.above(dash)
                if self.random.random() < 0.5:
                    self.mapping(dash + 2, depth + 2, item=True)
                else:
                    self.lines.append(f"{' ' * dash}- item{self.end_of_line()}")
        elif kind < 0.5:
            self.lines.append(f"{prefix} [a, b]{self.end_of_line()}")
        elif kind < 0.6:
            text = " " * (indent + 2)
            self.lines.append(f"{prefix} {self.random.choice(['|', '>-'])}\n{text}one  \n{text}two")
        else:
            scalar = self.random.choice(self.SCALARS)
            self.lines.append(f"{prefix} {scalar}{self.end_of_line()}" if scalar else prefix)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**32), st.sampled_from([*Kind, None]))
def test_every_comment_is_kept_and_formatting_is_idempotent(seed: int, kind: Kind | None) -> None:
    text = _RandomFile(seed).text()
    try:
        once = canonical_text(text, kind)
    except NotFormattable as refused:
        assert refused.message.startswith("Y")  # only what the loader refuses, e.g. a duplicate key
        return
    assert canonical_text(once, kind) == once
    assert sorted(re.findall(r"# c\d+", once)) == sorted(re.findall(r"# c\d+", text))
    assert not re.search(r"[ \t]$", re.sub(r"(?m)^ *(one|two) +$", "", once), re.MULTILINE)


# --- Edits (`partreg import --update`) ---------------------------------------------------------

BEFORE_EDIT = """\
# header
id: x
name: 'Board'  # as written
partners:
  - Police  # first
# above lead_officer
lead_officer: A
resources: {}
custom:
  code: "0123"
# the end
"""


def test_an_edit_replaces_values_in_place_and_adds_keys_in_order_keeping_every_comment() -> None:
    changes = {
        "partners": ["Fire", "Health: NHS"],
        "lead_officer": "yes",
        "statutory": Plain("no"),
        "resources": {"financial_contribution": Plain("8000.50")},
        "custom": {"size": Plain("12")},
    }

    edited = edited_text(BEFORE_EDIT, Kind.PARTNERSHIP, changes)

    assert edited == (
        "# header\n"
        "id: x\n"
        "name: 'Board'  # as written\n"
        "statutory: no\n"
        "partners:\n"
        "  - Fire\n"
        '  - "Health: NHS"\n'
        "# above lead_officer\n"
        'lead_officer: "yes"\n'
        "resources:\n"
        "  financial_contribution: 8000.50\n"
        "custom:\n"
        '  code: "0123"\n'
        "  size: 12\n"
        "# the end\n"
    )
    assert canonical_text(edited, Kind.PARTNERSHIP) == edited


def test_no_edit_is_the_canonical_text() -> None:
    for path in BUNDLED[:5]:
        text = path.read_text(encoding="utf-8")
        assert edited_text(text, place(f"register/{path.relative_to(REPO / 'register').as_posix()}").kind, {}) == text


# --- Only this module uses ruamel ----------------------------------------------------------------


def test_only_the_formatter_imports_ruamel() -> None:
    src = REPO / "src" / "partreg"
    importers = set()
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if any(name.split(".")[0] == "ruamel" for name in names):
                importers.add(path.relative_to(src).as_posix())
    assert importers == {"render/canonical.py", "render/canonical_comments.py"}
