"""Property tests: the loader never raises, and always answers in one of two shapes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partreg.load.document import Document
from partreg.load.yaml_reader import Limits, read_document

PATH = "register/partnerships/fuzz.yaml"
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments that steer generated text into YAML's corners: indicators, anchors, tags,
# directives, odd line breaks, tabs, BOMs and control characters.
FRAGMENTS = st.sampled_from(
    [
        "id",
        "name",
        ":",
        ": ",
        " ",
        "  ",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "- ",
        "? ",
        "[",
        "]",
        "{",
        "}",
        ",",
        "&a ",
        "*a",
        "!",
        "!!str ",
        "!!python/name:os.system ",
        "'",
        '"',
        "|\n",
        ">\n",
        "# c",
        "---\n",
        "...\n",
        "%YAML 1.1\n",
        "<<",
        "~",
        "null",
        "\\",
        "\ufeff",
        "\u2028",
        "\x85",
        "\x07",
        "\x0b",
        "é",
        "😀",
    ]
)


def _check(raw: bytes, limits: Limits | None = None) -> None:
    document, problems = read_document(PATH, raw) if limits is None else read_document(PATH, raw, limits)
    if document is not None:
        assert isinstance(document, Document)
        assert problems == []
        assert isinstance(document.data, dict)
    else:
        assert len(problems) == 1
        problem = problems[0]
        assert problem.line >= 1 and problem.col >= 1
        assert problem.code.startswith("Y") and problem.message and problem.hint


@SETTINGS
@given(st.binary(max_size=2000))
def test_never_raises_on_arbitrary_bytes(raw: bytes) -> None:
    _check(raw)


@SETTINGS
@given(st.text(max_size=2000))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    _check(text.encode("utf-8", errors="surrogatepass"))


@SETTINGS
@given(st.lists(FRAGMENTS, max_size=80))
def test_never_raises_on_yaml_like_text(parts: list[str]) -> None:
    _check("".join(parts).encode("utf-8"))


@SETTINGS
@given(st.lists(FRAGMENTS, max_size=80))
def test_never_raises_under_tight_limits(parts: list[str]) -> None:
    # Tight caps make every limit path (and the event walk that guards depth) reachable
    # from small inputs.
    _check("".join(parts).encode("utf-8"), Limits(max_depth=4, max_nodes=30, max_aliases=3, max_scalar_chars=10))
