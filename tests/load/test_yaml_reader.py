"""Tests for the hardened YAML reader: the hostile corpus, generated big inputs, positions.

The corpus lives in tests/fixtures/hostile/: one case per file, named `<code>-<what>.yaml`,
where `<code>` is the one problem the loader must report; `ok-*` files must load cleanly.
Inputs too big to store (multi-megabyte files, 100,000-level nesting) are generated here.
"""

from __future__ import annotations

import importlib.util
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from partreg.load.document import Document, PosDict, PosList
from partreg.load.yaml_reader import DEFAULT_LIMITS, Limits, read_document
from partreg.problems import Problem, Severity

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "hostile"
PATH = "register/partnerships/tvca.yaml"

# Corpus files the loader currently gets wrong: file name -> why.
# What each `ok-*` file must load to (PosDict/PosList compare equal to plain dict/list).
OK_EXPECTED: dict[str, dict[str, Any]] = {
    "ok-bom-crlf.yaml": {"id": "tvca", "name": "Tees Valley", "partners": ["Redcar Council"]},
    "ok-tab-in-quoted.yaml": {
        "id": "tvca",
        "name": "Tees\tValley",
        "purpose": "Line one\n\tindented with a tab\n",
        "note": "first second",
    },
    "ok-norway.yaml": {"name": "No", "statutory": "no", "reference": "1.10", "code": "0123"},
    "ok-implicit-types.yaml": {
        "yes_value": "yes",
        "on": "on",
        "float": "1e3",
        "hex": "0x1F",
        "octal": "0o17",
        "inf": ".inf",
        "nan": ".NaN",
        "date": "2023-12-31",
        "time": "12:30:00",
        "sexagesimal": "1:20",
    },
    "ok-nulls.yaml": {"id": "tvca", "note": "null", "empty": "", "tilde": "~"},
    "ok-scalar-aliases.yaml": {"id": "tvca", "partners": ["tvca", "tvca", "tvca"]},
    "ok-quoted-merge-key.yaml": {"id": "tvca", "<<": "not a merge"},
    "ok-unicode.yaml": {"id": "tvca", "name": "Café – Tees Valley “CA” 😀"},
    "ok-comments-and-markers.yaml": {"id": "tvca"},
}

# Codes that can only be reached with inputs too big to store; they are generated below.
GENERATED_ONLY = {"Y004", "Y006", "Y008"}


def _corpus(prefix_ok: bool) -> list[Any]:
    params = []
    for path in sorted(CORPUS.glob("*.yaml")):
        if path.name.startswith("ok-") != prefix_ok:
            continue
        params.append(pytest.param(path, id=path.name))
    return params


def load(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read bytes that must load cleanly."""
    document, problems = read_document(PATH, raw, limits)
    assert problems == []
    assert document is not None
    return document


def refuse(raw: bytes, limits: Limits = DEFAULT_LIMITS) -> Problem:
    """Read bytes that must fail with exactly one well-formed problem, and return it."""
    document, problems = read_document(PATH, raw, limits)
    assert document is None
    assert len(problems) == 1, problems
    problem = problems[0]
    assert problem.path == PATH
    assert problem.severity is Severity.ERROR
    assert problem.line >= 1 and problem.col >= 1
    assert problem.message.strip() and problem.hint.strip()
    return problem


# --- the corpus -------------------------------------------------------------------------


def test_corpus_covers_every_storable_code() -> None:
    codes = {path.name.split("-", 1)[0] for path in CORPUS.glob("Y*.yaml")}
    expected = {f"Y{n:03d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16)} - GENERATED_ONLY
    assert expected <= codes
    assert {path.name for path in CORPUS.glob("ok-*.yaml")} == set(OK_EXPECTED)


def test_corpus_files_are_small_and_match_the_generator() -> None:
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    cases: dict[str, bytes] = module.CASES
    on_disk = {path.name: path.read_bytes() for path in CORPUS.glob("*.yaml")}
    assert on_disk == cases, "run tests/fixtures/hostile/make_corpus.py and commit the result"
    assert all(len(data) < 20_000 for data in on_disk.values())


@pytest.mark.parametrize("path", _corpus(prefix_ok=False))
def test_hostile_file_reports_its_code(path: Path) -> None:
    problem = refuse(path.read_bytes())
    assert problem.code == path.name.split("-", 1)[0], problem


@pytest.mark.parametrize("path", _corpus(prefix_ok=True))
def test_ok_file_loads(path: Path) -> None:
    document = load(path.read_bytes())
    assert document.data == OK_EXPECTED[path.name]
    assert document.path == PATH


def test_ok_bom_crlf_positions() -> None:
    document = load((CORPUS / "ok-bom-crlf.yaml").read_bytes())
    assert document.position(("id",), key=True) == (1, 1)  # the BOM takes no column
    assert document.position(("name",)) == (2, 7)
    assert document.position(("partners", 0)) == (4, 5)
    assert "\ufeff" not in document.text


def test_ok_nulls_keep_marks_for_dropped_keys() -> None:
    document = load((CORPUS / "ok-nulls.yaml").read_bytes())
    for key, line in (("name", 2), ("status", 3), ("form", 4), ("value", 5)):
        assert key not in document.data
        assert document.position((key,), key=True) == (line, 1)


# --- generated big inputs ----------------------------------------------------------------


def test_ten_megabyte_file_is_refused_by_size() -> None:
    problem = refuse(b"id: tvca\nname: " + b"x" * 10_000_000 + b"\n")
    assert (problem.code, problem.line, problem.col) == ("Y004", 1, 1)


def test_flow_nesting_100k_levels() -> None:
    problem = refuse(b"a: " + b"[" * 100_000 + b"x" + b"]" * 100_000)
    assert (problem.code, problem.line) == ("Y005", 1)


def test_flow_mapping_nesting_100k_levels() -> None:
    problem = refuse(b"a: " + b"{a: " * 100_000 + b"x" + b"}" * 100_000)
    assert (problem.code, problem.line) == ("Y005", 1)


def test_unclosed_flow_nesting_100k_levels() -> None:
    assert refuse(b"a: " + b"[" * 100_000).code == "Y005"


def test_flow_nesting_reported_at_the_level_that_breaks_the_cap() -> None:
    # Levels count the top mapping, so the 64th `[` is level 65: col 3 + 64.
    problem = refuse(b"a: " + b"[" * 999 + b"x" + b"]" * 999)
    assert (problem.code, problem.line, problem.col) == ("Y005", 1, 67)


def test_flow_nesting_100k_levels_position() -> None:
    problem = refuse(b"a: " + b"[" * 100_000 + b"x" + b"]" * 100_000)
    assert (problem.code, problem.line, problem.col) == ("Y005", 1, 67)


def test_dash_nesting_100k_levels() -> None:
    problem = refuse(b"a:\n" + b"- " * 100_000 + b"x\n")
    # The top mapping is level 1, so the 64th `- ` (col 1 + 2 * 63) breaks the cap.
    assert (problem.code, problem.line, problem.col) == ("Y005", 2, 127)


def test_dash_nesting_100k_levels_at_the_top_is_not_a_mapping() -> None:
    # Read event by event, the file is refused at its first `- `, before any nesting is read.
    problem = refuse(b"- " * 100_000 + b"x\n")
    assert (problem.code, problem.line, problem.col) == ("Y012", 1, 1)


def _block(levels: int, newline: str = "\n") -> bytes:
    """`levels` nested block mappings: k0 is in the top mapping, k{levels-1} holds "x"."""
    lines = [" " * i + f"k{i}:" for i in range(levels)]
    return (newline.join(lines) + newline + " " * levels + "x" + newline).encode()


def test_block_nesting_as_deep_as_the_byte_cap_allows() -> None:
    # Block nesting needs one more column per level, so n levels take about n*n/2 bytes:
    # 100,000 levels would be a 5 GB file, which Y004 stops first. 3,000 levels (4.5 MB)
    # is the deepest block nesting under the 5 MB cap.
    raw = _block(3_000)
    assert len(raw) < DEFAULT_LIMITS.max_bytes
    problem = refuse(raw)
    assert (problem.code, problem.line, problem.col) == ("Y005", 65, 65)


def test_block_nesting_of_64_levels_loads() -> None:
    document = load(_block(64))  # 64 mappings: the top one and 63 nested
    node: Any = document.data
    for i in range(64):
        node = node[f"k{i}"]
    assert node == "x"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2028", "\u2029", "\x85"], ids=["crlf", "cr", "ls", "ps", "nel"])
def test_block_nesting_cap_with_other_line_breaks(newline: str) -> None:
    # libyaml breaks lines at CR, NEL, LS and PS too; the depth cap must not depend on which.
    assert load(_block(64, newline)).data
    problem = refuse(_block(65, newline))
    assert (problem.code, problem.line, problem.col) == ("Y005", 65, 65)


@pytest.mark.parametrize(
    "raw",
    [b"v: " + b"x" * 200_000, b'v: "' + b"x" * 200_000 + b'"', b"v: |\n  " + b"x" * 200_000 + b"\n"],
    ids=["plain", "double-quoted", "literal-block"],
)
def test_long_scalar_is_y008(raw: bytes) -> None:
    problem = refuse(raw)
    assert (problem.code, problem.line) == ("Y008", 1)


def test_scalar_at_the_length_cap_loads() -> None:
    assert load(b"v: " + b"x" * DEFAULT_LIMITS.max_scalar_chars).data["v"] == "x" * 100_000


def test_long_key_is_y008() -> None:
    problem = refuse(b"? " + b"k" * 200_000 + b"\n: x\n")
    assert (problem.code, problem.line, problem.col) == ("Y008", 1, 3)


def test_flow_list_of_150k_items_is_y006() -> None:
    problem = refuse(b"a: [" + b",".join([b"x"] * 150_000) + b"]\n")
    # Item i sits at col 5 + 2i. Every node counts: the top mapping, `a` and the list are nodes
    # 1 to 3, so item 99,997 is node 100,001.
    assert (problem.code, problem.line, problem.col) == ("Y006", 1, 5 + 2 * 99_997)


def test_block_mapping_of_150k_keys_is_y006() -> None:
    raw = "".join(f"k{i}: v\n" for i in range(150_000)).encode()
    assert refuse(raw).code == "Y006"


def _laughs(levels: int, width: int) -> bytes:
    text = "l0: &l0 [" + ", ".join(["lol"] * width) + "]\n"
    for level in range(1, levels):
        text += f"l{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * width) + "]\n"
    return text.encode()


def test_billion_laughs_is_y007() -> None:
    raw = _laughs(10, 10)  # 10**10 "lol"s if expanded
    assert len(raw) < 1_000
    assert refuse(raw).code == "Y007"


def test_alias_cap_boundary() -> None:
    def copies(n: int) -> bytes:
        return b"base: &b [x]\ncopies: [" + b", ".join([b"*b"] * n) + b"]\n"

    assert len(load(copies(DEFAULT_LIMITS.max_aliases)).data["copies"]) == 100
    assert refuse(copies(DEFAULT_LIMITS.max_aliases + 1)).code == "Y007"


# --- positions and values ----------------------------------------------------------------


def test_duplicate_key_reported_at_the_second_key() -> None:
    problem = refuse(b"id: tvca\nname: A\nstatus: active\nname: B\n")
    assert (problem.code, problem.line, problem.col) == ("Y013", 4, 1)
    assert "line 2" in problem.message


def test_nested_duplicate_key_reported_at_the_second_key() -> None:
    problem = refuse(b"id: tvca\nrisk:\n  likelihood: 3\n  impact: 4\n  likelihood: 5\n")
    assert (problem.code, problem.line, problem.col) == ("Y013", 5, 3)


def test_duplicate_key_in_flow_mapping_reported_at_the_second_key() -> None:
    problem = refuse(b"risk: {likelihood: 3, likelihood: 4}\n")
    assert (problem.code, problem.line, problem.col) == ("Y013", 1, 23)


def test_duplicate_key_with_null_values() -> None:
    problem = refuse(b"id: tvca\nend_date:\nend_date:\n")
    assert (problem.code, problem.line, problem.col) == ("Y013", 3, 1)


@pytest.mark.parametrize(
    ("raw", "line", "col"),
    [
        (b"id: tvca\nresources:\n\tfinancial_contribution: 8000\n", 3, 1),
        (b"id: tvca\nrisk:\n  likelihood: 3\n  \timpact: 4\n", 4, 3),
        (b"id: tvca\nname: x\n\tstatus: active\n", 3, 1),
        (b"id: tvca\npartners:\n  - a\n\t- b\n", 4, 1),
        (b"id: tvca\npartners: [a,\n\tb]\n", 3, 1),
    ],
    ids=["block", "after-spaces", "top-level", "list-item", "flow-continuation"],
)
def test_tab_indentation_reported_at_that_line(raw: bytes, line: int, col: int) -> None:
    problem = refuse(raw)
    assert (problem.code, problem.line, problem.col) == ("Y014", line, col)


def test_tabs_inside_values_are_content() -> None:
    document = load(b'name: "a\tb"\npurpose: |\n  one\n  \ttwo\nnote: first\n  \tsecond\n')
    assert document.data == {"name": "a\tb", "purpose": "one\n\ttwo\n", "note": "first second"}


def test_position_of_nested_keys_and_list_items() -> None:
    raw = (
        b"id: tvca\n"
        b"risk:\n"
        b"  likelihood: 3\n"
        b"  impact: 4\n"
        b"representatives:\n"
        b"  - name: Cllr Smith\n"
        b"    role: member\n"
        b"  - name: J Bloggs\n"
        b"    role: officer\n"
        b"partners: [Redcar, Stockton]\n"
    )
    document = load(raw)
    assert document.position(("risk", "impact")) == (4, 11)
    assert document.position(("risk", "impact"), key=True) == (4, 3)
    assert document.position(("representatives", 1)) == (8, 5)
    assert document.position(("representatives", 1, "role")) == (9, 11)
    assert document.position(("representatives", 1, "role"), key=True) == (9, 5)
    assert document.position(("partners", 1)) == (10, 20)
    # A path that runs past what was written points at the nearest thing on the way down.
    assert document.position(("risk", "level")) == (3, 3)
    assert document.position(("representatives", 7)) == (6, 3)
    assert document.position(("nowhere",)) == (1, 1)
    assert document.position(()) == (1, 1)
    representatives = document.data["representatives"]
    assert isinstance(representatives, PosList)
    assert representatives.marks == [(6, 5), (8, 5)]
    assert isinstance(representatives[0], PosDict)


def test_empty_value_is_dropped_but_its_key_keeps_a_mark() -> None:
    document = load(b"id: tvca\nname:\npurpose: x\n")
    assert document.data == {"id": "tvca", "purpose": "x"}
    assert "name" in document.data.marks
    assert document.position(("name",), key=True) == (2, 1)


@pytest.mark.parametrize("value", [b"~", b"null", b"Null", b"NULL", b""])
def test_plain_nulls_are_dropped(value: bytes) -> None:
    document = load(b"id: tvca\nend_date: " + value + b"\n")
    assert "end_date" not in document.data
    assert document.data.marks["end_date"][:2] == (2, 1)


@pytest.mark.parametrize(("value", "expected"), [(b'"null"', "null"), (b"'~'", "~"), (b'""', ""), (b"'NULL'", "NULL")])
def test_quoted_nulls_stay_strings(value: bytes, expected: str) -> None:
    assert load(b"note: " + value + b"\n").data == {"note": expected}


def test_null_list_items_stay_in_place() -> None:
    # A null item is kept as None so list positions still line up with marks.
    document = load(b"partners:\n  - a\n  -\n  - ~\n  - b\n")
    assert document.data["partners"] == ["a", None, None, "b"]
    assert document.data["partners"].marks == [(2, 5), (3, 4), (4, 5), (5, 5)]


def test_control_character_position() -> None:
    problem = refuse(b"id: tvca\nname: Tees\x07Valley\n")
    assert (problem.code, problem.line, problem.col) == ("Y001", 2, 11)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no-bom", "bom"])
def test_control_character_position_after_non_ascii(bom: bytes) -> None:
    # libyaml reports a byte offset; multi-byte characters before it must not shift the column.
    problem = refuse(bom + "a: é\nb: éé\x01\n".encode())
    assert (problem.code, problem.line, problem.col) == ("Y001", 2, 6)


def test_control_character_with_deep_indentation_does_not_raise() -> None:
    # A deeply indented line makes the loader walk events first; the control character
    # must still come back as a problem, not as an exception.
    problem = refuse(b"id: tvca\npurpose: |\n" + b" " * 40 + b"text\nname: a\x0bb\n")
    assert (problem.code, problem.line, problem.col) == ("Y001", 4, 8)


def test_non_utf8_position() -> None:
    problem = refuse("id: tvca\nname: Café\n".encode("latin-1"))
    assert (problem.code, problem.line, problem.col) == ("Y002", 2, 10)


def test_nul_position() -> None:
    problem = refuse("id: tvca\nname: é\x00\n".encode())
    assert (problem.code, problem.line, problem.col) == ("Y003", 2, 8)


def test_second_document_reported_at_its_separator() -> None:
    problem = refuse(b"id: tvca\nname: x\n---\nid: other\n")
    assert (problem.code, problem.line, problem.col) == ("Y010", 3, 1)


def test_tag_reported_at_the_tagged_node() -> None:
    problem = refuse(b"id: tvca\nrisk:\n  impact: !!python/object/apply:os.system [ls]\n")
    assert (problem.code, problem.line, problem.col) == ("Y009", 3, 11)
    assert "python/object/apply" in problem.message


def test_merge_key_reported_at_the_merge_key() -> None:
    problem = refuse(b"base: &b {status: active}\nother:\n  id: x\n  <<: *b\n")
    assert (problem.code, problem.line, problem.col) == ("Y016", 4, 3)


def test_top_level_list_reported_at_its_start() -> None:
    problem = refuse(b"# a comment\n\n- id: tvca\n")
    assert (problem.code, problem.line, problem.col) == ("Y012", 3, 1)


# --- configurable caps -------------------------------------------------------------------


def test_max_depth_is_configurable() -> None:
    limits = Limits(max_depth=3)
    three = b"a:\n  b:\n    c: x\n"
    four = b"a:\n  b:\n    c:\n      d: x\n"
    assert load(three, limits).data == {"a": {"b": {"c": "x"}}}
    problem = refuse(four, limits)
    assert (problem.code, problem.line, problem.col) == ("Y005", 4, 7)
    assert "3 levels" in problem.message
    assert load(four).data == {"a": {"b": {"c": {"d": "x"}}}}  # fine under the default cap


def test_max_depth_counts_alias_expansion_like_written_nesting() -> None:
    limits = Limits(max_depth=3)
    assert load(b"a: &x [y]\nb: [*x]\n", limits).data == {"a": ["y"], "b": [["y"]]}
    raw = b"a: &x [y]\nb: &z [*x]\nc: [*z]\n"  # c is [[[y]]]: 4 levels with the top mapping
    assert refuse(raw, limits).code == "Y005"


@pytest.mark.parametrize(
    ("limits", "fits", "breaks", "code"),
    [
        (Limits(max_bytes=20), b"id: tvca\nname: abcde", b"id: tvca\nname: abcdef", "Y004"),
        (Limits(max_nodes=5), b"a: [x, y]", b"a: [x, y, z]", "Y006"),
        (Limits(max_aliases=2), b"a: &x [1]\nb: [*x, *x]", b"a: &x [1]\nb: [*x, *x, *x]", "Y007"),
        (Limits(max_scalar_chars=5), b"name: abcde", b"name: abcdef", "Y008"),
    ],
    ids=["bytes", "nodes", "aliases", "scalar-chars"],
)
def test_other_caps_are_configurable(limits: Limits, fits: bytes, breaks: bytes, code: str) -> None:
    load(fits, limits)
    assert refuse(breaks, limits).code == code
    load(breaks)  # and the default caps accept it


# --- aliases: every one counts, and problems are reported where the alias is used ---------


def test_aliases_to_text_count_against_the_alias_cap() -> None:
    # Aliases to plain text used to go uncounted: 20,000 of them made a small file expand to 2 GB.
    raw = b"purpose: &p x\ncopies: [" + b",".join([b"*p"] * 20_000) + b"]\n"
    problem = refuse(raw)
    # The 101st alias, at col 10 + 3 * 100, crosses the cap of 100.
    assert (problem.code, problem.line, problem.col) == ("Y007", 2, 310)
    assert "more than 100 aliases" in problem.message


def test_text_repeated_by_aliases_is_capped() -> None:
    raw = b"purpose: &p " + b"x" * 99_000 + b"\ncopies: [" + b",".join([b"*p"] * 20) + b"]\n"
    problem = refuse(raw)
    # 10 copies repeat 990,000 characters; the 11th crosses 1,000,000.
    assert (problem.code, problem.line, problem.col) == ("Y007", 2, 10 + 3 * 10)
    assert "1,000,000 characters" in problem.message
    assert len(load(raw, Limits(max_alias_chars=2_000_000)).data["copies"]) == 20


def test_aliases_inside_a_repeated_value_count_each_time_it_is_repeated() -> None:
    # `b` holds 10 aliases; each `*b` repeats them, so 9 copies of `*b` make 10 + 9 * 11 = 109 aliases.
    raw = b"a: &a [x]\nb: &b [" + b", ".join([b"*a"] * 10) + b"]\nc: [" + b", ".join([b"*b"] * 9) + b"]\n"
    problem = refuse(raw)
    assert (problem.code, problem.line) == ("Y007", 3)


def test_nodes_repeated_by_aliases_count_against_the_node_cap() -> None:
    raw = b"a: &a [x, y, z]\nb: [*a, *a]\n"  # 8 nodes written; each *a repeats 4
    assert load(raw, Limits(max_nodes=16)).data["b"] == [["x", "y", "z"], ["x", "y", "z"]]
    problem = refuse(raw, Limits(max_nodes=15))
    assert (problem.code, problem.line, problem.col) == ("Y006", 2, 9)


def test_problem_in_an_aliased_text_is_placed_at_the_alias() -> None:
    document = load(b"statutory: &s no\nsignificant: no\nreview_date: *s\n")
    assert document.data["review_date"] == "no"
    assert document.position(("review_date",)) == (3, 14)


def test_aliased_collection_is_a_copy_placed_at_the_alias() -> None:
    document = load(b"risk: &r {likelihood: 3, impact: 4}\nother:\n  risk: *r\n")
    assert document.data["other"]["risk"] == {"likelihood": "3", "impact": "4"}
    assert document.data["other"]["risk"] is not document.data["risk"]
    assert document.position(("other", "risk", "impact")) == (3, 9)
    assert document.position(("risk", "impact")) == (1, 34)


def test_duplicate_key_through_an_alias_is_reported_at_the_alias() -> None:
    problem = refuse(b"&k id: tvca\nname: x\n*k : other\n")
    assert (problem.code, problem.line, problem.col) == ("Y013", 3, 1)
    assert problem.message == "duplicate key `id` (first at line 1)"


def test_alias_to_a_collection_as_a_key_is_not_plain_text() -> None:
    problem = refuse(b"a: &m {x: 1}\n*m : 2\n")
    assert (problem.code, problem.line, problem.col) == ("Y016", 2, 1)


@pytest.mark.parametrize(
    ("raw", "line", "col"),
    [(b"id: tvca\ncustom: &loop [*loop]\n", 2, 16), (b"id: tvca\ncustom: &a\n  x:\n    y: *a\n", 4, 8)],
    ids=["list", "mapping"],
)
def test_alias_inside_its_own_value_says_so(raw: bytes, line: int, col: int) -> None:
    problem = refuse(raw)
    assert (problem.code, problem.line, problem.col) == ("Y005", line, col)
    assert "refers to the value it is inside" in problem.message
    assert "deeper" not in problem.message


def test_undefined_alias_and_twice_defined_anchor() -> None:
    undefined = refuse(b"id: tvca\nname: *nowhere\n")
    assert (undefined.code, undefined.line, undefined.col) == ("Y001", 2, 7)
    assert "no `&nowhere`" in undefined.message
    twice = refuse(b"a: &x 1\nb: &x 2\n")
    assert (twice.code, twice.line, twice.col) == ("Y001", 2, 4)
    assert "defined twice" in twice.message


# --- the node cap is checked while reading ------------------------------------------------


def test_node_cap_stops_reading_before_the_file_is_built() -> None:
    # 2.45 million items in 4.9 MB: composing them all first took 775 MB.
    raw = b"id: p1\ncustom:\n  l: [" + b",".join([b"1"] * 2_450_000) + b"]\n"
    assert len(raw) < DEFAULT_LIMITS.max_bytes
    tracemalloc.start()
    try:
        problem = refuse(raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert problem.code == "Y006"
    assert peak < 60_000_000, f"{peak:,} bytes"


# --- tags, encodings, and user text in messages -------------------------------------------


def test_bare_tag_is_refused() -> None:
    problem = refuse(b"id: tvca\nname: ! Tees Valley\n")
    assert (problem.code, problem.line, problem.col) == ("Y009", 2, 7)
    assert "`!`" in problem.message


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_is_called_utf32(encoding: str) -> None:
    raw = "id: tvca\n".encode(encoding)
    if encoding != "utf-32":
        raw = ("\ufeff" + "id: tvca\n").encode(encoding)
    problem = refuse(raw)
    assert (problem.code, problem.message) == ("Y002", "the file is UTF-32, not UTF-8")


def test_utf16_is_still_called_utf16() -> None:
    assert refuse("id: tvca\n".encode("utf-16")).message == "the file is UTF-16, not UTF-8"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        (
            b'id: tvca\n"a\\nregister/fake.yaml:1:1: Z999 err": 1\n"a\\nregister/fake.yaml:1:1: Z999 err": 2\n',
            "a\\nregister",
        ),
        (b'id: tvca\n"\\e]0;PWNED\\a": 1\n"\\e]0;PWNED\\a": 2\n', "\\x1b]0;PWNED\\x07"),
        (b"id: tvca\nname: !a%0Ab%1B x\n", "!a\\nb\\x1b"),
    ],
    ids=["newline-in-key", "escape-in-key", "escaped-tag"],
)
def test_user_text_in_loader_messages_is_escaped(raw: bytes, shown: str) -> None:
    problem = refuse(raw)
    assert shown in problem.message
    assert problem.message.isprintable()


# --- syntax errors: in the file, where the mistake is, in plain words ------------------------

BASE = b"id: p1\nname: X\nstatutory: no\nsignificant: no\nlead_officer: A\n"


@pytest.mark.parametrize(
    ("raw", "line", "col", "message", "hint"),
    [
        (BASE + b"purpose:Aims\n", 6, 1, "followed by `: `", "write `purpose: Aims`"),
        (BASE + b"purpose:Aims", 6, 1, "followed by `: `", "write `purpose: Aims`"),
        (BASE + b'purpose: "unterminated\nform: x\n', 6, 10, 'quote `"` opened here is never closed', 'with `"`'),
        (BASE + b"purpose: 'unterminated\n", 6, 10, "quote `'` opened here is never closed", "with `'`"),
        (BASE + b"partners: [a, b\nform: x\n", 6, 11, "`[` opened here is not closed with `]`", "`]`"),
        (BASE + b"risk: {likelihood: 3\n", 6, 7, "`{` opened here is not closed with `}`", "`}`"),
        (BASE + b"purpose: Aim: to do\n", 6, 13, "a `: ` inside a value", 'e.g. purpose: "Aim: to do"'),
        (b"partners:\n  - name: A: B\n", 2, 12, "a `: ` inside a value", 'e.g. name: "A: B"'),
        (BASE + b"purpose: @council\n", 6, 10, "cannot start with `@`", 'e.g. purpose: "@council"'),
        (BASE + b"purpose: `x`\n", 6, 10, "cannot start with `` ` ``", "put the value in quotes"),
        (b"id: p1\n  name: X\n", 2, 3, "indented more than the keys above", "line the key up"),
        (b"id: p1\nname: 'it's'\n", 2, 11, "text after the end of a value", "double quotes"),
        (b"risk:\n  likelihood: 3\n impact: 4\n", 3, 2, "not lined up with the keys", "same number of spaces"),
        (b"partners:\n  - a\n  name: x\n", 3, 3, "not part of the list above", "`- `"),
        (b"partners: - a\n", 1, 11, "list cannot start on the same line", "own line"),
        (b'name: "a \\q b"\n', 1, 10, "unknown `\\` escape", "single quotes"),
    ],
    ids=[
        "no-space-after-colon",
        "no-space-after-colon-at-end-without-newline",
        "unclosed-double-quote",
        "unclosed-single-quote-at-end",
        "unclosed-flow-list",
        "unclosed-flow-mapping",
        "colon-in-value",
        "colon-in-list-item-value",
        "reserved-at",
        "reserved-backtick",
        "over-indented-key",
        "text-after-quoted-value",
        "under-indented-key",
        "key-among-list-items",
        "list-on-key-line",
        "bad-escape",
    ],
)
def test_syntax_error_position_and_words(raw: bytes, line: int, col: int, message: str, hint: str) -> None:
    problem = refuse(raw)
    assert (problem.code, problem.line, problem.col) == ("Y001", line, col), problem
    assert message in problem.message
    assert hint in problem.hint
    assert "YAML syntax" not in problem.message


@pytest.mark.parametrize(
    "raw",
    [b"a: 1\nb: 'x", b"a: [1,\n\n\n", b'a: "x\n\n\n', b"a: 1\n%", b"a: 1\nb:\n  - [", b"a: 1\nb: &"],
    ids=["quote-at-end", "flow-then-blank-lines", "quote-then-blank-lines", "percent", "open-bracket", "anchor"],
)
def test_syntax_error_positions_are_inside_the_file(raw: bytes) -> None:
    problem = refuse(raw)
    lines = raw.decode().split("\n")
    assert problem.line <= len(lines) - (lines[-1] == "")
    assert problem.col <= len(lines[problem.line - 1]) + 1
