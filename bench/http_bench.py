#!/usr/bin/python3
"""Cold and warm cache resolves of real PyPI snapshots served over HTTP on loopback.

Exports each snapshot with `thoth index export`, serves the tree with the test suite's loopback server
(`thoth_static_server`, tests/support/static_http_server.hpp), and times `thoth advise` against it:
cold (empty cache), warm (cache filled: pages revalidated with ETag, metadata reused) and offline.
Reports wall-clock and CPU seconds (user + system of the thoth process). Writes Markdown (and JSON).

  /usr/bin/python3 bench/http_bench.py --thoth build/thoth --server build/tests/thoth_static_server \
      --output docs/benchmarks-http.md [--runs 5]
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

CASES = [
    # (snapshot file, root requirements, Python): the 2023 pyrax root request, and on the largest 2020
    # snapshot the request of resolvelib's cheroot case (pypa/pip#9011), unsatisfiable after deep backtracking.
    ("pypi-2023-12-01-pyrax.json", ["pyrax==1.9.8"], "3.11"),
    ("pypi-2020-11-17-cheroot.json", ["coverage==5.3", "pytest-mock>=1.11.0", "pytest-sugar>=0.9.3",
                                      "pytest-testmon<1.0.0"], "3.8"),
]


def shared_dir():
    env = os.environ.get("THOTH_SHARED_DIR")
    candidates = [env] if env else []
    here = os.path.dirname(os.path.abspath(__file__))
    candidates.append(os.path.join(here, "..", "..", "shared"))
    for path in candidates:
        if path and os.path.isdir(os.path.join(path, "data", "pypi-snapshots")):
            return os.path.join(path, "data", "pypi-snapshots")
    return None


class Server:
    """The loopback server as a child process; it stops when its stdin closes."""

    def __init__(self, binary, tree):
        self.process = subprocess.Popen([binary, tree], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def timed(command):
    """Wall-clock seconds, CPU seconds (user + system of the child) and the completed process."""
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return (wall, cpu), result


def thoth_command(args, simple_url, roots, python, cache, offline=False):
    command = [args.thoth, "advise", "--python-version", python, "--index-url", simple_url,
               "--cache-dir", cache, "--json", "--dry-run"]
    for root in roots:
        command += ["--requirement", root]
    return command + (["--offline"] if offline else [])


def run_thoth(args, simple_url, roots, python, cache, offline=False):
    seconds, result = timed(thoth_command(args, simple_url, roots, python, cache, offline))
    if result.returncode not in (0, 1):  # 1: no lock exists, a valid outcome
        raise SystemExit(f"thoth failed ({result.returncode}): {result.stderr}")
    report = json.loads(result.stdout)
    return seconds, report


def bench_case(args, snapshots, case, scratch):
    snapshot, roots, python = case
    tree = os.path.join(scratch, "tree-" + snapshot)
    subprocess.run([args.thoth, "index", "export", os.path.join(snapshots, snapshot), tree], check=True,
                   capture_output=True)
    server = Server(args.server, tree)
    simple_url = server.url + "/simple"
    row = {"snapshot": snapshot, "root": " ".join(roots), "python": python, "cold": [], "warm": [], "offline": [],
           "cold_cpu": [], "warm_cpu": [], "offline_cpu": []}
    try:
        for run in range(args.runs):
            cache = os.path.join(scratch, f"cache-{snapshot}-{run}")
            shutil.rmtree(cache, ignore_errors=True)
            (seconds, cpu), report = run_thoth(args, simple_url, roots, python, cache)
            row["cold"].append(seconds)
            row["cold_cpu"].append(cpu)
            row["outcome"] = report["outcome"]
            row["pins"] = len(report["pins"]) if report["outcome"] == "locked" else 0
            row["cold_http"] = report["index"]["http"]
            (seconds, cpu), report = run_thoth(args, simple_url, roots, python, cache)
            row["warm"].append(seconds)
            row["warm_cpu"].append(cpu)
            row["warm_http"] = report["index"]["http"]
            (seconds, cpu), _ = run_thoth(args, simple_url, roots, python, cache, offline=True)
            row["offline"].append(seconds)
            row["offline_cpu"].append(cpu)
    finally:
        server.stop()
    return row


def median(values):
    return statistics.median(values) if values else float("nan")


def markdown(rows, args):
    lines = [
        "## HTTP index: cold and warm cache (loopback)",
        "",
        "Each snapshot is exported with `thoth index export` and served by the test suite's loopback server",
        "(`thoth_static_server`); `thoth advise --index-url ... --json --dry-run` resolves the root request",
        "with an empty cache (cold), again with the filled cache (warm: pages revalidated by ETag, 304;",
        f"metadata files reused after their sha256 check) and with `--offline`. Median of {args.runs} runs,",
        "seconds for the whole process (wall-clock, and CPU = user + system). Reproduce: `/usr/bin/python3 bench/http_bench.py --thoth",
        "build/thoth --server build/tests/thoth_static_server --output docs/benchmarks-http.md`.",
        "",
        "| snapshot | request | outcome (pins) | cold wall / CPU | warm wall / CPU | offline wall / CPU |"
        " requests cold / warm | MB cold |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['snapshot']} | `{row['root']}` (Python {row['python']}) | {row['outcome']} ({row['pins']}) | "
            f"{median(row['cold']):.2f} / {median(row['cold_cpu']):.2f} | "
            f"{median(row['warm']):.2f} / {median(row['warm_cpu']):.2f} | "
            f"{median(row['offline']):.2f} / {median(row['offline_cpu']):.2f} | "
            f"{row['cold_http']['requests']} / {row['warm_http']['requests']} | {row['cold_http']['bytes'] / 1e6:.1f} |")
    lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thoth", default="build/thoth")
    parser.add_argument("--server", default="build/tests/thoth_static_server")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", help="write the Markdown here (else print it)")
    parser.add_argument("--json", help="write the raw measurements here")
    args = parser.parse_args()
    snapshots = shared_dir()
    if snapshots is None:
        print("skipped: HTTP benchmark (shared data not found)")
        return 0
    scratch = tempfile.mkdtemp(prefix="thoth-http-bench-")
    try:
        rows = [bench_case(args, snapshots, case, scratch) for case in CASES]
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    text = markdown(rows, args)
    if args.output:
        with open(args.output, "w") as handle:
            handle.write("# Benchmarks: HTTP indexes\n\n" + text)
    else:
        print(text)
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(rows, handle, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
