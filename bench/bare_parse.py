"""The bare-parse baseline: read and parse every register file with libyaml, nothing else.

    python bench/bare_parse.py ROOT

`partreg validate` must parse the same files, so its time over this one's is the cost
of everything partreg adds (schema, positions, rules, output).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml


def register_files(root: Path) -> list[Path]:
    # The same selection as the loader: `.yaml` and `.yml` files, anything else ignored.
    return [path for path in (root / "register").rglob("*") if path.suffix in (".yaml", ".yml") and path.is_file()]


def parse_all(paths: list[Path]) -> int:
    for path in paths:
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return len(paths)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python bench/bare_parse.py ROOT", file=sys.stderr)
        return 2
    print(parse_all(register_files(Path(argv[0]))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
