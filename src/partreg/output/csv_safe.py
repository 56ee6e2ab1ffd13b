"""CSV that a spreadsheet opens safely (no cell can start a formula), and that `partreg import` reads
back: a yes/no is written `yes` or `no`, as in the register."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from partreg.load.spreadsheet import quote_prefixed, yes_or_no

# A number a spreadsheet reads as that number: `-5` needs no `'`, though it starts with `-`.
# (Not Python's float(), which also takes `-inf`, `+nan` and `1_000`: text to a spreadsheet.)
_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def neutralise(value: object) -> str:
    """A value as a CSV cell's text: nothing for None, yes or no for a boolean, and a leading `'` on
    text a spreadsheet would run as a formula."""
    if isinstance(value, bool):
        return yes_or_no(value)
    text = "" if value is None else str(value)
    return text if _NUMBER.fullmatch(text) else quote_prefixed(text)


def to_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([neutralise(cell) for cell in row] for row in rows)
    return buffer.getvalue()
