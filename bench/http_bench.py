#!/usr/bin/python3
"""Cold and warm cache resolves of real PyPI snapshots served over HTTP on loopback.

Exports each snapshot with `thoth index export`, serves the tree with the test suite's loopback server
(`thoth_static_server`, tests/support/static_http_server.hpp), and times `thoth advise` against it:
cold (empty cache), warm (cache filled: pages revalidated with ETag, metadata reused) and offline.
With --pip, Debian's pip (`pip install --dry-run --report`) resolves the same request on the same
served index (cold and warm pip cache) in the same run. Writes Markdown (and optionally JSON).

  /usr/bin/python3 bench/http_bench.py --thoth build/thoth --server build/tests/thoth_static_server \
      --output docs/benchmarks-http.md [--pip] [--runs 3]
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
PIP_TIMEOUT = 240


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


def timed(command, timeout=None):
    start = time.perf_counter()
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return time.perf_counter() - start, None
    return time.perf_counter() - start, result


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


def pip_command(simple_url, roots, python, cache, report_path, target):
    return ["/usr/bin/python3", "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
            "--report", report_path, "--index-url", simple_url, "--cache-dir", cache, "--python-version", python,
            "--only-binary=:all:", "--platform", "any", "--target", target, "--disable-pip-version-check"] + roots


def run_pip(simple_url, roots, python, cache, scratch):
    report_path = os.path.join(scratch, "pip-report.json")
    if os.path.exists(report_path):
        os.remove(report_path)
    seconds, result = timed(pip_command(simple_url, roots, python, cache, report_path, os.path.join(scratch, "t")),
                            timeout=PIP_TIMEOUT)
    if result is None:
        return seconds, None, [f"timeout after {PIP_TIMEOUT} s"]
    if result.returncode != 0:
        lines = [line for line in result.stderr.strip().splitlines() if line.startswith("ERROR")]
        return seconds, None, lines[:1] or ["failed"]
    with open(report_path) as handle:
        report = json.load(handle)
    pins = {item["metadata"]["name"].lower(): item["metadata"]["version"] for item in report["install"]}
    return seconds, pins, None


def bench_case(args, snapshots, case, scratch):
    snapshot, roots, python = case
    tree = os.path.join(scratch, "tree-" + snapshot)
    subprocess.run([args.thoth, "index", "export", os.path.join(snapshots, snapshot), tree], check=True,
                   capture_output=True)
    server = Server(args.server, tree)
    simple_url = server.url + "/simple"
    row = {"snapshot": snapshot, "root": " ".join(roots), "python": python, "cold": [], "warm": [], "offline": []}
    try:
        for run in range(args.runs):
            cache = os.path.join(scratch, f"cache-{snapshot}-{run}")
            shutil.rmtree(cache, ignore_errors=True)
            seconds, report = run_thoth(args, simple_url, roots, python, cache)
            row["cold"].append(seconds)
            row["outcome"] = report["outcome"]
            row["pins"] = len(report["pins"]) if report["outcome"] == "locked" else 0
            row["cold_http"] = report["index"]["http"]
            seconds, report = run_thoth(args, simple_url, roots, python, cache)
            row["warm"].append(seconds)
            row["warm_http"] = report["index"]["http"]
            seconds, _ = run_thoth(args, simple_url, roots, python, cache, offline=True)
            row["offline"].append(seconds)
        if args.pip:  # one run: pip takes minutes where thoth takes a second
            row["pip_cold"], row["pip_warm"] = [], []
            for run in range(1):
                cache = os.path.join(scratch, f"pip-cache-{snapshot}-{run}")
                shutil.rmtree(cache, ignore_errors=True)
                seconds, pins, error = run_pip(simple_url, roots, python, cache, scratch)
                row["pip_cold"].append(seconds)
                row["pip_error"] = error
                row["pip_pins_cold"] = len(pins) if pins else None
                seconds, pins, error = run_pip(simple_url, roots, python, cache, scratch)
                row["pip_warm"].append(seconds)
                row["pip_pins"] = len(pins) if pins else None
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
        "wall-clock seconds for the whole process. Reproduce: `/usr/bin/python3 bench/http_bench.py --thoth",
        "build/thoth --server build/tests/thoth_static_server --output docs/benchmarks-http.md" +
        (" --pip`." if args.pip else "`."),
        "",
        "| snapshot | request | outcome (pins) | thoth cold | thoth warm | thoth offline | requests cold / warm | MB cold |" +
        (" pip cold | pip warm | warm speed-up | cold speed-up |" if args.pip else ""),
        "|---|---|---|---|---|---|---|---|" + ("---|---|---|---|" if args.pip else ""),
    ]
    for row in rows:
        line = (f"| {row['snapshot']} | `{row['root']}` (Python {row['python']}) | {row['outcome']} ({row['pins']}) | "
                f"{median(row['cold']):.2f} | {median(row['warm']):.2f} | {median(row['offline']):.2f} | "
                f"{row['cold_http']['requests']} / {row['warm_http']['requests']} | "
                f"{row['cold_http']['bytes'] / 1e6:.1f} |")
        if args.pip:
            if row.get("pip_error"):
                line += (f" {median(row['pip_cold']):.2f}: {row['pip_error'][0][:70]} | "
                         f"{median(row['pip_warm']):.2f} | {median(row['pip_warm']) / median(row['warm']):.0f}x | "
                         f"{median(row['pip_cold']) / median(row['cold']):.0f}x |")
            else:
                line += (f" {median(row['pip_cold']):.2f} | {median(row['pip_warm']):.2f} | "
                         f"{median(row['pip_warm']) / median(row['warm']):.0f}x | "
                         f"{median(row['pip_cold']) / median(row['cold']):.0f}x |")
        lines.append(line)
    lines.append("")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thoth", default="build/thoth")
    parser.add_argument("--server", default="build/tests/thoth_static_server")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pip", action="store_true", help="also time Debian's pip on the same served index")
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
