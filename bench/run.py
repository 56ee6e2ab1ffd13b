"""Time partreg against its baselines on a generated register.

    python bench/run.py [--partnerships 5000] [--repeat 3] [--keep DIR] [--json PATH]

Each command runs as its own process. Wall time is the best of the runs (the least
disturbed by other load); peak RSS is the largest of the runs. Each child is reaped
with `os.wait4`, whose rusage belongs to that one child, so no wrapper process adds
to the timing and no earlier child inflates the memory figure (RUSAGE_CHILDREN
would report the maximum over every child so far).

A missed target is reported, not fatal: the exit status is 0 unless a command
failed to run, which is 1.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PY = sys.executable
# The generated register is for 2023; a fixed day keeps the findings (and so the work) the same every run.
TODAY = "2024-06-01"
HELP_REPEAT = 10  # --help takes tens of milliseconds, so more runs are cheap and steadier


@dataclass(frozen=True)
class Measurement:
    """One command to time; `{root}` in argv is replaced by the register root."""

    name: str
    argv: tuple[str, ...]
    baseline: str | None = None  # name of the measurement this one is compared with
    max_ratio: float | None = None  # target: seconds / baseline seconds
    max_rss_mib: float | None = None  # target: peak RSS
    ok_codes: tuple[int, ...] = (0,)
    repeat: int | None = None  # None: use --repeat


# Table of what is measured. Add a command in one line; baselines must come first.
MEASUREMENTS: tuple[Measurement, ...] = (
    Measurement("bare parse", (PY, str(BENCH / "bare_parse.py"), "{root}")),
    # Exit 1 means "problems found", a normal validate outcome; 2+ means it could not run.
    Measurement(
        "validate",
        (PY, "-m", "partreg", "validate", "--root", "{root}", "--format", "json", "--today", TODAY),
        baseline="bare parse",
        max_ratio=1.5,
        max_rss_mib=1024,
        ok_codes=(0, 1),
    ),
    Measurement("minimal app --help", (PY, str(BENCH / "minimal_app.py"), "--help"), repeat=HELP_REPEAT),
    Measurement(
        "partreg --help",
        (PY, "-m", "partreg", "--help"),
        baseline="minimal app --help",
        max_ratio=1.2,
        repeat=HELP_REPEAT,
    ),
    Measurement(
        "status",
        (PY, "-m", "partreg", "status", "--root", "{root}", "--format", "json", "--today", TODAY),
        baseline="validate",
        max_ratio=1.2,
    ),
    Measurement(
        "report --format docx",
        (
            PY,
            "-m",
            "partreg",
            "report",
            "--root",
            "{root}",
            "--format",
            "docx",
            "--today",
            TODAY,
            "--output",
            "{root}/assurance.docx",
            "--force",
        ),
        baseline="validate",
        max_ratio=3.0,
    ),
    # The register is a Git repository with two commits and one uncommitted change (see commit_history).
    Measurement(
        "diff HEAD..work tree",
        (PY, "-m", "partreg", "diff", "--root", "{root}", "--format", "json", "--today", TODAY),
        baseline="validate",
        max_ratio=0.1,
    ),
    Measurement(
        "report --as-of HEAD~1",
        (PY, "-m", "partreg", "report", "--root", "{root}", "--format", "docx", "--today", TODAY,
         "--as-of", "HEAD~1", "--output", "{root}/as-of.docx", "--force"),
        baseline="report --format docx",
        max_ratio=1.5,
    ),
)  # fmt: skip


@dataclass
class Result:
    name: str
    argv: list[str]
    seconds: float | None = None  # best wall time; None when the command failed
    peak_rss_mib: float | None = None
    runs: list[float] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class Check:
    label: str
    value: float | None
    limit: float
    unit: str  # "x" for a ratio, "MiB" for memory

    @property
    def passed(self) -> bool:
        return self.value is not None and self.value <= self.limit


@dataclass(frozen=True)
class Run:
    seconds: float
    rss_mib: float
    code: int
    stderr: str


def child_env() -> dict[str, str]:
    # Measure the checkout's code even when partreg is not installed in the venv.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO / "src"), env.get("PYTHONPATH", "")) if p)
    env["COLUMNS"] = "80"  # the same help layout whatever the terminal
    return env


def rss_mib(maxrss: int) -> float:
    # ru_maxrss is KiB on Linux but bytes on macOS.
    return maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def run_once(argv: Sequence[str]) -> Run:
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=stderr, cwd=REPO, env=child_env())
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, so Popen must not wait again
        stderr.seek(0)
        tail = stderr.read()[-2000:].decode("utf-8", "replace")
    return Run(seconds, rss_mib(usage.ru_maxrss), proc.returncode, tail)


def measure(spec: Measurement, root: Path, repeat: int) -> Result:
    argv = [arg.replace("{root}", str(root)) for arg in spec.argv]
    result = Result(spec.name, argv)
    for _ in range(spec.repeat or repeat):
        run = run_once(argv)
        if run.code not in spec.ok_codes:
            result.error = f"exit code {run.code}\n{run.stderr.strip()}"
            return result
        result.runs.append(run.seconds)
        result.peak_rss_mib = max(result.peak_rss_mib or 0.0, run.rss_mib)
    result.seconds = min(result.runs)
    return result


def checks_for(spec: Measurement, results: dict[str, Result]) -> list[Check]:
    own = results[spec.name]
    checks = []
    if spec.baseline is not None and spec.max_ratio is not None:
        base = results[spec.baseline].seconds
        ratio = own.seconds / base if own.seconds is not None and base else None
        checks.append(Check(f"{spec.name} / {spec.baseline}", ratio, spec.max_ratio, "x"))
    if spec.max_rss_mib is not None:
        checks.append(Check(f"{spec.name} peak RSS", own.peak_rss_mib, spec.max_rss_mib, "MiB"))
    return checks


def fmt(value: float | None, spec: str) -> str:
    return "failed" if value is None else format(value, spec)


def print_report(results: list[Result], checks: list[Check]) -> None:
    print(f"\n{'command':<24} {'seconds':>9} {'peak RSS MiB':>13}")
    for res in results:
        print(f"{res.name:<24} {fmt(res.seconds, '.3f'):>9} {fmt(res.peak_rss_mib, '.1f'):>13}")
    print(f"\n{'target':<38} {'value':>12} {'limit':>12}")
    for chk in checks:
        unit = "x" if chk.unit == "x" else f" {chk.unit}"
        value = "n/a" if chk.value is None else f"{chk.value:.{2 if chk.unit == 'x' else 1}f}{unit}"
        limit = f"<= {chk.limit:g}{unit}"
        print(f"{chk.label:<38} {value:>12} {limit:>12}  {'PASS' if chk.passed else 'MISS'}")
    for res in results:
        if res.error:
            print(f"\n{res.name} FAILED to run: {' '.join(res.argv)}\n{res.error}", file=sys.stderr)


def generate(root: Path, partnerships: int) -> bool:
    start = time.perf_counter()
    done = subprocess.run([PY, str(BENCH / "generate.py"), str(root), "--partnerships", str(partnerships)], check=False)
    print(f"generated in {time.perf_counter() - start:.2f} s")
    return done.returncode == 0  # generate.py has already said why on stderr


def commit_history(root: Path) -> None:
    """Commit the register, change one file and commit again, then change one more file."""

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("add", "-A")
    git("-c", "user.name=bench", "-c", "user.email=bench@partreg.invalid", "commit", "-q", "-m", "generated")
    for message in ("one change", None):
        first = sorted((root / "register" / "partnerships").iterdir())[0 if message else 1]
        first.write_text(first.read_text(encoding="utf-8").replace("lead_officer:", "lead_officer: Acting", 1))
        if message:
            git("-c", "user.name=bench", "-c", "user.email=bench@partreg.invalid", "commit", "-q", "-am", message)


def benchmark(root: Path, args: argparse.Namespace) -> int:
    if not generate(root, args.partnerships):
        return 1
    commit_history(root)
    results: dict[str, Result] = {}
    checks: list[Check] = []
    for spec in MEASUREMENTS:
        results[spec.name] = measure(spec, root, args.repeat)
        checks += checks_for(spec, results)
    print_report(list(results.values()), checks)
    if args.json is not None:
        payload = {
            "partnerships": args.partnerships,
            "repeat": args.repeat,
            "python": sys.version.split()[0],
            "results": [asdict(res) for res in results.values()],
            "checks": [{**asdict(chk), "passed": chk.passed} for chk in checks],
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    return 1 if any(res.error for res in results.values()) else 0


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark partreg against bare parsing and a minimal Typer app.")
    parser.add_argument("--partnerships", type=int, default=5000, help="size of the generated register (default 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per command, best is kept (default 3)")
    parser.add_argument("--keep", type=Path, help="generate into this new folder and keep it (default: a temp dir)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.keep is not None:
        return benchmark(args.keep.resolve(), args)
    with tempfile.TemporaryDirectory(prefix="partreg-bench-") as tmp:
        return benchmark(Path(tmp), args)


if __name__ == "__main__":
    sys.exit(main())
