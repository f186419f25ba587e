#!/usr/bin/python3
"""Cold and warm cache resolves of real PyPI snapshots served over HTTP on loopback: thoth against pip.

Exports each snapshot with `thoth index export` (PEP 691 JSON + PEP 503 HTML pages, PEP 658 metadata
files, small valid wheels), serves the tree with the test suite's loopback server (`thoth_static_server`,
tests/support/static_http_server.hpp) and, in the same run, on the same tree and for the same request:

* thoth: `thoth advise --index-url ... --json --dry-run`, cold (empty cache), warm (cache filled: pages
  revalidated with ETag, metadata reused) and offline;
* Debian's pip: `pip install --dry-run --report FILE --ignore-installed`, cold (`--no-cache-dir`) and warm
  (a `--cache-dir` filled by one untimed run), isolated (`--isolated`, no PIP_* variables), evaluating
  markers in the request's target environment (bench/pip_in_environment.py).

pip's report is checked against thoth's lock (same pins). Reports wall-clock and CPU seconds (user +
system of the measured process) and the ratios pip time / thoth time. Writes Markdown (and JSON).

  /usr/bin/python3 bench/http_bench.py --thoth build/thoth --server build/tests/thoth_static_server \
      --output docs/benchmarks-http.md [--runs 5] [--pip-runs 3] [--pip-api html]
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from lock_check import check_lock  # noqa: E402
from snapshot import EXTRA_REQUESTS_BY_FILE, _target_for, load_snapshot  # noqa: E402
from thoth_runner import environment_flags  # noqa: E402

PYTHON = "/usr/bin/python3"
PIP_WRAPPER = HERE / "pip_in_environment.py"
PIP_TIMEOUT_S = 900.0

# (snapshot file, root requirements or None for the snapshot's own root): the 2023 pyrax root request in
# its captured environment, the largest 2020 snapshot's root, and on that snapshot resolvelib's cheroot
# case (pypa/pip#9011), a request known to need deep backtracking in pip.
CASES = [
    ("pypi-2023-12-01-pyrax.json", None),
    ("pypi-2020-11-17-cheroot.json", None),
    ("pypi-2020-11-17-cheroot.json", EXTRA_REQUESTS_BY_FILE["pypi-2020-11-17-cheroot.json"][0]),
]


def shared_dir():
    env = os.environ.get("THOTH_SHARED_DIR")
    candidates = [env] if env else []
    candidates.append(str(HERE.parent.parent / "shared"))
    for path in candidates:
        if path and os.path.isdir(os.path.join(path, "data", "pypi-snapshots")):
            return os.path.join(path, "data", "pypi-snapshots")
    return None


class Server:
    """The loopback server as a child process; it stops when its stdin closes."""

    def __init__(self, binary, tree, html_only=False):
        command = [binary, tree] + (["--html-only"] if html_only else [])
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.url = self.process.stdout.readline().strip()

    def stop(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def timed(command, env=None, timeout=None):
    """Wall-clock seconds, CPU seconds (user + system of the child, from wait4: microseconds, not the
    10 ms ticks of os.times) and the completed process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env)
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        result = subprocess.CompletedProcess(command, process.returncode, out.read().decode(), err.read().decode())
    return (wall, usage.ru_utime + usage.ru_stime), result


def thoth_command(args, simple_url, roots, target, cache, offline=False):
    command = [args.thoth, "advise", "--index-url", simple_url, "--cache-dir", cache, "--json", "--dry-run"]
    for root in roots:
        command += ["--requirement", root]
    return command + environment_flags(target) + (["--offline"] if offline else [])


def run_thoth(args, simple_url, roots, target, cache, offline=False):
    seconds, result = timed(thoth_command(args, simple_url, roots, target, cache, offline))
    if result.returncode not in (0, 1):  # 1: no lock exists, a valid outcome
        raise SystemExit(f"thoth failed ({result.returncode}): {result.stderr}")
    return seconds, json.loads(result.stdout)


def clean_environment():
    """This process's environment without PIP_* and PYTHON* variables (pip also runs --isolated)."""
    return {key: value for key, value in os.environ.items() if not key.startswith(("PIP_", "PYTHON"))}


def pip_command(simple_url, roots, target, markers_file, report, install_target, cache=None):
    command = [PYTHON, "-I", str(PIP_WRAPPER), markers_file, "install", "--dry-run", "--report", report,
               "--ignore-installed", "--isolated", "--disable-pip-version-check", "--no-input", "--quiet",
               "--index-url", simple_url, "--only-binary=:all:", "--python-version", target.python_full_version,
               "--target", install_target]
    command += ["--cache-dir", cache] if cache else ["--no-cache-dir"]
    return command + list(roots)


def run_pip(simple_url, roots, target, markers_file, scratch, cache=None):
    """(seconds, pins) of one pip run; pins is None when pip found no resolution (its message is kept)."""
    report = os.path.join(scratch, "pip-report.json")
    if os.path.exists(report):
        os.remove(report)
    command = pip_command(simple_url, roots, target, markers_file, report, os.path.join(scratch, "pip-target"), cache)
    seconds, result = timed(command, env=clean_environment(), timeout=PIP_TIMEOUT_S)
    if result.returncode != 0:
        return seconds, None, (result.stderr.strip().splitlines() or ["(no message)"])[-1]
    with open(report) as handle:
        installed = json.load(handle)["install"]
    return seconds, {canonical(item["metadata"]["name"]): item["metadata"]["version"] for item in installed}, ""


def canonical(name):
    return "".join("-" if c in "._" else c for c in name.lower()).replace("--", "-")


def thoth_pins(report):
    if report["outcome"] != "locked":
        return None
    return {canonical(name): pin["version"] if isinstance(pin, dict) else pin for name, pin in report["pins"].items()}


def compare_pins(thoth, pip):
    """'same', or the differences as text ('pkg: thoth X, pip Y')."""
    if thoth is None or pip is None:
        return "both found no lock" if thoth is None and pip is None else "one side found no lock"
    differences = []
    for name in sorted(set(thoth) | set(pip)):
        if thoth.get(name) != pip.get(name):
            differences.append(f"{name}: thoth {thoth.get(name, '-')}, pip {pip.get(name, '-')}")
    return "same" if not differences else "; ".join(differences)


def bench_thoth(args, row, simple_url, roots, target, scratch):
    for run in range(args.runs):
        cache = os.path.join(scratch, f"thoth-cache-{run}")
        shutil.rmtree(cache, ignore_errors=True)
        (wall, cpu), report = run_thoth(args, simple_url, roots, target, cache)
        row["thoth_cold"].append((wall, cpu))
        row["outcome"] = report["outcome"]
        row["thoth_pins"] = thoth_pins(report)
        row["cold_http"] = report["index"]["http"]
        (wall, cpu), report = run_thoth(args, simple_url, roots, target, cache)
        row["thoth_warm"].append((wall, cpu))
        row["warm_http"] = report["index"]["http"]
        (wall, cpu), _ = run_thoth(args, simple_url, roots, target, cache, offline=True)
        row["thoth_offline"].append((wall, cpu))


def bench_pip(args, row, simple_url, roots, target, scratch):
    markers_file = os.path.join(scratch, "markers.json")
    with open(markers_file, "w") as handle:
        json.dump(target.markers, handle)
    for _ in range(args.pip_runs):
        seconds, pins, message = run_pip(simple_url, roots, target, markers_file, scratch)
        row["pip_cold"].append(seconds)
        row["pip_pins"], row["pip_error"] = pins, message
    cache = os.path.join(scratch, "pip-cache")
    shutil.rmtree(cache, ignore_errors=True)
    row["pip_fill"], _, _ = run_pip(simple_url, roots, target, markers_file, scratch, cache)
    for _ in range(args.pip_runs):
        seconds, pins, message = run_pip(simple_url, roots, target, markers_file, scratch, cache)
        row["pip_warm"].append(seconds)
        if pins is None:
            row["pip_error"] = message


METADATA_ATTRIBUTES = re.compile(r' data-(?:core|dist-info)-metadata="[^"]*"')


def tree_without_html_metadata(tree):
    """A copy of the tree whose HTML pages have no PEP 658 attributes (files hard-linked, pages rewritten)."""
    copy = tree + "-no-metadata"
    if not os.path.isdir(copy):
        shutil.copytree(os.path.join(tree, "files"), os.path.join(copy, "files"), copy_function=os.link)
        for folder, _, files in os.walk(os.path.join(tree, "simple")):
            target = os.path.join(copy, os.path.relpath(folder, tree))
            os.makedirs(target, exist_ok=True)
            for name in files:
                with open(os.path.join(folder, name)) as handle:
                    text = handle.read()
                with open(os.path.join(target, name), "w") as handle:
                    handle.write(METADATA_ATTRIBUTES.sub("", text) if name.endswith(".html") else text)
    return copy


def bench_case(args, snapshots, case, scratch):
    snapshot, request = case
    path = Path(snapshots) / snapshot
    own_roots, target = _target_for(path)
    roots = list(request or own_roots)
    tree = os.path.join(scratch, "tree-" + snapshot)
    if not os.path.isdir(tree):
        subprocess.run([args.thoth, "index", "export", str(path), tree], check=True, capture_output=True)
    row = {"snapshot": snapshot, "root": " ".join(roots), "python": target.python_full_version,
           "platform": target.platform, "thoth_cold": [], "thoth_warm": [], "thoth_offline": [],
           "pip_cold": [], "pip_warm": [], "pip_api": args.pip_api}
    case_scratch = tempfile.mkdtemp(dir=scratch)
    thoth_server = Server(args.server, tree)
    pip_tree = tree_without_html_metadata(tree) if args.pip_api == "html-no-metadata" else tree
    pip_server = Server(args.server, pip_tree, html_only=args.pip_api != "json")
    try:
        bench_thoth(args, row, thoth_server.url + "/simple", roots, target, case_scratch)
        if args.pip_runs > 0:
            bench_pip(args, row, pip_server.url + "/simple/", roots, target, case_scratch)
            row["agreement"] = compare_pins(row["thoth_pins"], row["pip_pins"])
            row["valid"] = validity(path, roots, row)
    finally:
        thoth_server.stop()
        pip_server.stop()
    return row


def validity(path, roots, row):
    """'thoth / pip' verdicts of bench/lock_check.py (independent of both) on the two results."""
    snapshot = load_snapshot(path)

    def verdict(pins):
        if pins is None:
            return "no lock"
        failures, _ = check_lock(snapshot, roots, pins)
        return "valid" if not failures else f"INVALID ({len(failures)})"
    return f"{verdict(row['thoth_pins'])} / {verdict(row['pip_pins'])}"


def median_of(pairs, index):
    return statistics.median(pair[index] for pair in pairs) if pairs else float("nan")


def ratio(row, side):
    """(wall, CPU) of pip time / thoth time for 'cold' or 'warm'."""
    pip, thoth = row[f"pip_{side}"], row[f"thoth_{side}"]
    return tuple(median_of(pip, i) / median_of(thoth, i) for i in (0, 1))


def pair_text(pairs):
    return f"{median_of(pairs, 0):.3f} / {median_of(pairs, 1):.3f}"


def target_verdict(value, goal):
    return f"{value:.1f}x ({'met' if value >= goal else 'not met'}, target {goal}x)"


def markdown(rows, args, load):
    lines = [
        "## HTTP index: thoth and pip, cold and warm cache (loopback)",
        "",
        "Each snapshot is exported with `thoth index export` and served by the test suite's loopback server",
        "(`thoth_static_server`). In the same run, on the same tree and for the same request:",
        "",
        "- **thoth**: `thoth advise --index-url ... --json --dry-run` with an empty cache (cold), again with",
        "  the filled cache (warm: pages revalidated by ETag, 304; metadata files reused after their sha256",
        f"  check) and with `--offline`. Median of {args.runs} runs.",
        "- **pip** (Debian's pip 23.0.1): `pip install --dry-run --report FILE --ignore-installed --isolated",
        "  --only-binary=:all: --python-version V --target DIR`, with `--no-cache-dir` (cold) and with a",
        "  `--cache-dir` filled by one untimed run (warm), PIP_* variables cleared, markers evaluated in the",
        "  request's target environment (`bench/pip_in_environment.py`). pip is served the PEP 503 HTML form",
        f"  (`--pip-api {args.pip_api}`; see below). Median of {args.pip_runs} runs.",
        "",
        "Seconds for the whole process: wall-clock / CPU (user + system). Ratios are pip time / thoth time.",
        "Reproduce: `/usr/bin/python3 bench/http_bench.py --thoth build/thoth --server",
        "build/tests/thoth_static_server --output docs/benchmarks-http.md`.",
        f"Load average during the run: {load[0]:.1f} at the start, {load[1]:.1f} at the end (2-core machine).",
        "",
        "| snapshot | request | outcome (pins) | thoth cold | thoth warm | thoth offline | pip cold | pip warm |"
        " cold ratio wall / CPU | warm ratio wall / CPU | lock_check thoth / pip | pip's report vs thoth's lock |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        pins = len(row["thoth_pins"]) if row["thoth_pins"] else 0
        timed_pip = row["pip_cold"] and row["pip_warm"] and not row.get("pip_error")  # a failed pip has no ratio
        cold = ratio(row, "cold") if timed_pip else (float("nan"),) * 2
        warm = ratio(row, "warm") if timed_pip else (float("nan"),) * 2
        agreement = row.get("agreement", "pip not run")
        if row.get("pip_error"):
            agreement += f" (pip: {row['pip_error']})"
        lines.append(
            f"| {row['snapshot']} | `{row['root']}` (Python {row['python']}, {row['platform']}) | "
            f"{row['outcome']} ({pins}) | {pair_text(row['thoth_cold'])} | {pair_text(row['thoth_warm'])} | "
            f"{pair_text(row['thoth_offline'])} | {pair_text(row['pip_cold'])} | {pair_text(row['pip_warm'])} | "
            f"{cold[0]:.1f} / {cold[1]:.1f} | {warm[0]:.1f} / {warm[1]:.1f} | {row.get('valid', '-')} | {agreement} |")
    lines += ["", "Targets (issue 7: thoth warm at least 20x faster than pip, cold at least 5x), on CPU time:", ""]
    for row in rows:
        if row["pip_cold"] and row["pip_warm"] and not row.get("pip_error"):
            lines.append(f"- `{row['root']}`: cold {target_verdict(ratio(row, 'cold')[1], 5)}, "
                         f"warm {target_verdict(ratio(row, 'warm')[1], 20)}.")
    lines += ["", "| snapshot | request | thoth requests cold / warm | MB cold |", "|---|---|---|---|"]
    for row in rows:
        lines.append(f"| {row['snapshot']} | `{row['root']}` | {row['cold_http']['requests']} / "
                     f"{row['warm_http']['requests']} | {row['cold_http']['bytes'] / 1e6:.1f} |")
    lines.append("")
    return "\n".join(lines)


START_MARK, END_MARK = "<!-- http-bench:start -->", "<!-- http-bench:end -->"


def write_results(path, text):
    """Replaces the generated block of the page (between the marks), keeping the prose around it."""
    block = f"{START_MARK}\n{text}{END_MARK}\n"
    page = Path(path).read_text() if os.path.exists(path) else ""
    if START_MARK in page and END_MARK in page:
        before, rest = page.split(START_MARK, 1)
        after = rest.split(END_MARK, 1)[1].lstrip("\n")
        page = before + block + ("\n" + after if after else "")
    else:
        page = "# Benchmarks: HTTP indexes\n\n" + block
    Path(path).write_text(page)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--thoth", default="build/thoth")
    parser.add_argument("--server", default="build/tests/thoth_static_server")
    parser.add_argument("--runs", type=int, default=5, help="thoth runs per measurement")
    parser.add_argument("--pip-runs", type=int, default=3, help="pip runs per measurement (0: thoth only)")
    parser.add_argument("--pip-api", choices=["html-no-metadata", "html", "json"], default="html-no-metadata",
                        help="the form served to pip: PEP 503 HTML without the PEP 658 attributes (pip reads each "
                             "candidate's wheel), PEP 503 HTML with them, or PEP 691 JSON (docs/benchmarks-http.md)")
    parser.add_argument("--cases", help="comma-separated case numbers to run (1-based; default all)")
    parser.add_argument("--output", help="write the Markdown here (else print it)")
    parser.add_argument("--json", help="write the raw measurements here")
    args = parser.parse_args()
    snapshots = shared_dir()
    if snapshots is None:
        print("skipped: HTTP benchmark (shared data not found)")
        return 0
    cases = CASES if not args.cases else [CASES[int(i) - 1] for i in args.cases.split(",")]
    scratch = tempfile.mkdtemp(prefix="thoth-http-bench-")
    load_start = os.getloadavg()[0]
    try:
        rows = []
        for case in cases:
            rows.append(bench_case(args, snapshots, case, scratch))
            print(f"done: {rows[-1]['snapshot']} {rows[-1]['root']}", file=sys.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    text = markdown(rows, args, (load_start, os.getloadavg()[0]))
    if args.output:
        write_results(args.output, text)
    else:
        print(text)
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(rows, handle, indent=1, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
