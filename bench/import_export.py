"""Time `partreg export --format xlsx` and `partreg import` on the generated 5,000-partnership register.

    python bench/import_export.py [--partnerships 5000] [--repeat 1] [--keep DIR]

The register comes from bench/generate.py. `export --kind partnerships --format xlsx` writes the
workbook, and `import` reads that workbook (one row per partnership) into a new, empty register,
so each import run writes every file. Each command runs as its own process from the repository
root, with `src/` on PYTHONPATH; the best wall time of the runs is printed in seconds. It is a
measurement, not a test: exit 1 means a command failed to run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PY = sys.executable


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH", "")) if p)
    return env


def timed(argv: list[str]) -> float:
    """Seconds one command takes; a failure stops the benchmark with its output."""
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=REPO, env=child_env(), capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(argv)}\n{done.stderr[-2000:]}{done.stdout[-2000:]}")
    return seconds


def best_export(root: Path, workbook: Path, repeat: int) -> float:
    argv = [PY, "-m", "partreg", "export", "--root", str(root), "--kind", "partnerships", "--format", "xlsx"]
    return min(timed([*argv, "--output", str(workbook), "--force"]) for _ in range(repeat))


def best_import(workbook: Path, scratch: Path, repeat: int) -> float:
    runs = []
    for run in range(repeat):
        target = scratch / f"import-{run}"
        (target / "register").mkdir(parents=True)
        runs.append(timed([PY, "-m", "partreg", "import", str(workbook), "--root", str(target)]))
        shutil.rmtree(target)  # a second run into the same register would find every record unchanged
    return min(runs)


def benchmark(scratch: Path, partnerships: int, repeat: int) -> None:
    root = scratch / "generated"
    subprocess.run([PY, str(BENCH / "generate.py"), str(root), "--partnerships", str(partnerships)], check=True)
    workbook = scratch / "register.xlsx"
    export_seconds = best_export(root, workbook, repeat)
    import_seconds = best_import(workbook, scratch, repeat)
    print(f"\n{'command':<40} {'seconds':>9}")
    print(f"{f'export --format xlsx ({partnerships:,} rows)':<40} {export_seconds:>9.3f}")
    print(f"{f'import .xlsx ({partnerships:,} rows)':<40} {import_seconds:>9.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time partreg export --format xlsx and import.")
    parser.add_argument("--partnerships", type=int, default=5000, help="rows to export and import (default 5000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command; the best is shown (default 1)")
    parser.add_argument("--keep", type=Path, help="work in this new folder and keep it, instead of a temp folder")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    if args.keep is not None:
        args.keep.mkdir(parents=True)
        benchmark(args.keep, args.partnerships, args.repeat)
    else:
        with tempfile.TemporaryDirectory(prefix="partreg-bench-") as scratch:
            benchmark(Path(scratch), args.partnerships, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
