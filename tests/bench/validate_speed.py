"""Benchmark: how long `roadwork pack validate` takes on the built-in pack, with --jobs 1 and --jobs 2.

Prints validate's own table (every run's time, per exercise, stack and role) once, then the total of each
--jobs setting and, per exercise, its rules, its mutants and its time (the sum of its runs), slowest first:
the figures issues 5, 7 and 12 ask for (budget: --jobs 2 within 180 s on 2 cores). Printed, never asserted.

Usage: python3 tests/bench/validate_speed.py [path/to/roadwork]
"""
import re
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROADWORK = str(Path(sys.argv[1]).resolve()) if len(sys.argv) > 1 else str(ROOT / "build" / "roadwork")
TOTAL = re.compile(r"Validated pack \S+ in ([0-9.]+) s \(--jobs (\d+)\): (\d+) runs")
ROW = re.compile(r"^(\S+)\s+(python|node)\s+(.+?)\s+(ok|PROBLEM|FLAKY)\s+([0-9.]+) (ms|s)$")


def validate(jobs):
    result = subprocess.run([ROADWORK, "pack", "validate", str(ROOT), "--jobs", str(jobs)], capture_output=True,
                            text=True)
    if result.returncode != 0:
        sys.exit(f"pack validate --jobs {jobs} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def per_exercise(table):
    seconds = defaultdict(float)
    for line in table.splitlines():
        match = ROW.match(line.strip())
        if match:
            value = float(match.group(5))
            seconds[match.group(1)] += value / 1000 if match.group(6) == "ms" else value
    return seconds


def rules_and_mutants(exercise):
    """The number of [[rules]] of the exercise and of its mutants/<name>.toml."""
    folder = ROOT / "exercises" / exercise
    with open(folder / "exercise.toml", "rb") as file:
        rules = len(tomllib.load(file).get("rules", []))
    return rules, len(list((folder / "mutants").glob("*.toml")))


def main():
    outputs = {jobs: validate(jobs) for jobs in (1, 2)}
    print(outputs[1])
    print("built-in pack validation")
    for jobs, output in outputs.items():
        total, _, runs = TOTAL.search(output).groups()
        print(f"  --jobs {jobs}: {float(total):7.1f} s for {runs} runs")
    print("per exercise (--jobs 1, all its runs)")
    print(f"  {'exercise':24} {'rules':>5} {'mutants':>7} {'time':>8}")
    for exercise, seconds in sorted(per_exercise(outputs[1]).items(), key=lambda item: -item[1]):
        rules, mutants = rules_and_mutants(exercise)
        print(f"  {exercise:24} {rules:5} {mutants:7} {seconds:6.1f} s")


if __name__ == "__main__":
    main()
