"""S: schema. Reported while typing each document against FORMAT.md (`model/build.py`)."""

from __future__ import annotations

from partreg.check.rule import reported_while_reading
from partreg.problems import Severity

E = Severity.ERROR

RULES = (
    reported_while_reading(
        "S001",
        "wrong-type",
        E,
        """
        A value has the wrong type or form for its field.

        Dates are YYYY-MM-DD, booleans yes/no, money pounds (`£8,000`), RAG green/amber/red, ids slugs.
        Bad:  `review_date: 31/12/2023`   Good: `review_date: 2023-12-31`
        """,
    ),
    reported_while_reading(
        "S002",
        "required-field",
        E,
        """
        A required field is missing or empty.

        Partnerships need id, name, statutory, significant and lead_officer; assessments need
        partnership and year; action plans need id and actions; each action needs id, action,
        owner and target.
        """,
    ),
    reported_while_reading(
        "S003",
        "unknown-key",
        E,
        """
        A key is not part of the format; the hint suggests the nearest known key.

        Council-specific data goes under `custom:`, which is never checked.
        Bad:  `lead_oficer: A Smith`   Good: `lead_officer: A Smith`
        """,
    ),
    reported_while_reading(
        "S004",
        "control-character",
        E,
        """
        A text value contains a control character, such as a bell (U+0007) or a vertical tab (U+000B).

        A double-quoted escape writes one (`"\\a"`, `"\\v"`); typed into the file as it is, it is Y001.
        Control characters break Word documents and terminals. Tabs and line breaks are fine.
        Bad:  `name: "Safer\\vStreets"`   Good: `name: Safer Streets`
        """,
    ),
)
