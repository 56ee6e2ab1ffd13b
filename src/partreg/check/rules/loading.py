"""Y: YAML and loading. Reported by the reader (`load/yaml_reader.py`, `load/worktree.py`)."""

from __future__ import annotations

from partreg.check.rule import reported_while_reading
from partreg.problems import Severity

E = Severity.ERROR

RULES = (
    reported_while_reading(
        "Y001",
        "yaml-syntax",
        E,
        """
        The file is not valid YAML.

        Reported where the mistake is: an unclosed quote or bracket where it opened, a missing
        `: ` at its key. Common mistakes are explained in plain words with the fix; others give
        libyaml's own message. An `*alias` with no `&anchor` above it, or an anchor defined twice, is Y001 too.
        Bad:  `partners: [Police, NHS`   Good: `partners: [Police, NHS]`
        Bad:  `purpose: Aim: to do`      Good: `purpose: "Aim: to do"`
        """,
    ),
    reported_while_reading(
        "Y002",
        "not-utf8",
        E,
        """
        The file is not UTF-8 text.

        Register files are UTF-8. Save the file as UTF-8 (a byte-order mark is accepted).
        """,
    ),
    reported_while_reading(
        "Y003",
        "binary-file",
        E,
        """
        The file is binary: it contains a NUL byte.

        A spreadsheet or a Word file saved with a .yaml name, say. Remove it or export it as text.
        """,
    ),
    reported_while_reading(
        "Y004",
        "file-too-large",
        E,
        """
        The file is larger than the size limit (5 MB).

        A register file holds one record; none needs to be this large.
        """,
    ),
    reported_while_reading(
        "Y005",
        "nesting-too-deep",
        E,
        """
        Nesting is deeper than the limit (64 levels), or an alias refers to the value it is inside.

        Checked as the file is read, so a hostile file cannot exhaust the parser. Nesting that
        aliases repeat counts as if it were written out.
        Bad:  `custom: &loop {again: *loop}`
        """,
    ),
    reported_while_reading(
        "Y006",
        "too-many-values",
        E,
        """
        The file holds more values (nodes) than the limit (100,000).

        Every key, value, list and mapping counts, and so does each one an alias repeats.
        Counted as the file is read, so the file is refused before it is built in memory.
        """,
    ),
    reported_while_reading(
        "Y007",
        "too-many-aliases",
        E,
        """
        The file uses more `*alias` references than the limit (100), or aliases repeat too much text.

        Every alias counts, including those inside a value another alias repeats, and the text
        aliases repeat may total at most 1,000,000 characters. This stops "billion laughs" files,
        whose aliases expand exponentially, and small files that repeat one long text thousands of times.
        Reported at the alias that crosses the limit.
        """,
    ),
    reported_while_reading(
        "Y008",
        "value-too-long",
        E,
        """
        One value is longer than the limit (100,000 characters).
        """,
    ),
    reported_while_reading(
        "Y009",
        "yaml-tag",
        E,
        """
        A YAML tag such as `!!python/object`, `!foo` or a bare `!` is used.

        Tags are never honoured: the schema decides each value's type.
        Bad:  `name: !!str Safer Streets`   Good: `name: Safer Streets`
        """,
    ),
    reported_while_reading(
        "Y010",
        "several-documents",
        E,
        """
        The file holds more than one YAML document (a `---` separator).

        Each file holds exactly one record. Split the file.
        """,
    ),
    reported_while_reading(
        "Y011",
        "empty-file",
        E,
        """
        The file is empty, or holds only comments.
        """,
    ),
    reported_while_reading(
        "Y012",
        "not-a-mapping",
        E,
        """
        The top level of the file is not a mapping of `key: value` lines.

        Bad:  `- id: tvca`   Good: `id: tvca`
        """,
    ),
    reported_while_reading(
        "Y013",
        "duplicate-key",
        E,
        """
        A key appears twice in one mapping.

        YAML forbids it and most parsers silently keep the last value; partreg reports the second.
        """,
    ),
    reported_while_reading(
        "Y014",
        "tab-indentation",
        E,
        """
        A line is indented with a tab.

        YAML indentation is spaces only. A tab inside a quoted or block value is content, and fine.
        """,
    ),
    reported_while_reading(
        "Y015",
        "symlink",
        E,
        """
        A symbolic link inside register/.

        Links are not followed, so a register cannot make partreg read files outside it.
        """,
    ),
    reported_while_reading(
        "Y016",
        "complex-key",
        E,
        """
        A key is not plain text (a list or mapping used as a key, or a `<<` merge key).

        Bad:  `<<: *defaults`   Good: write the keys out.
        """,
    ),
    reported_while_reading(
        "Y017",
        "unreadable",
        E,
        """
        A file or folder could not be read (permissions, or not a regular file).
        """,
    ),
)
