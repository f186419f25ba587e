#!/usr/bin/python3
"""thoth vs pip's resolver algorithm (resolvelib) on real PyPI snapshots, in one run.

For every snapshot in the shared data: one request for its root project(s), then one request per
package of the snapshot (name only); --quick keeps the roots and a fixed sample of packages.
Each request is resolved by `thoth advise --json --dry-run` (a subprocess per request: end to end),
by `thoth bench` (one subprocess per snapshot holding it parsed: in memory) and by resolvelib with a
pip-like provider (a forked worker holding the parsed snapshot). Every thoth lock is re-checked by
lock_check.py. See bench/README.md for what is measured and why.

Usage: resolver_bench.py [--quick] [--sample N] [--timeout S] [--thoth PATH] [--output FILE] [--json FILE]
"""

import argparse
import gc
import hashlib
import json
import os
import platform
import resource
import sys
from pathlib import Path

import packaging
import resolvelib

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lock_check import check_lock  # noqa: E402
from report import markdown, overall, ratios, summarize, to_json  # noqa: E402
from resolvelib_runner import ResolvelibWorker  # noqa: E402
from snapshot import find_shared_dir, load_snapshot, snapshot_files  # noqa: E402
from targets import measure_targets  # noqa: E402
from thoth_runner import run_thoth, run_thoth_in_memory  # noqa: E402

REPO_DIR = Path(__file__).resolve().parent.parent
SLOW_SNAPSHOT = "pypi-2023-12-01-pyrax"  # its root request gets --slow-timeout


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="roots + a fixed sample of packages per snapshot")
    parser.add_argument("--sample", type=int, default=10, help="packages per snapshot in --quick mode (10)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds per request and resolver (60)")
    parser.add_argument("--slow-timeout", type=float, default=120.0,
                        help="seconds for the 2023 pyrax root request (120)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run each request this many times per resolver and keep the fastest (1)")
    parser.add_argument("--thoth", default=str(REPO_DIR / "build" / "thoth"), help="the thoth binary")
    parser.add_argument("--snapshot", action="append", default=[],
                        help="only snapshots whose file name contains this (repeatable)")
    parser.add_argument("--target-runs", type=int, default=5,
                        help="runs of each 1 s target (cheroot root, pyrax==1.9.8); 0 skips them (5)")
    parser.add_argument("--output", help="write the Markdown here instead of stdout")
    parser.add_argument("--render", metavar="JSON", help="only render the Markdown of a saved --json run")
    parser.add_argument("--json", dest="json_path", help="also write the full results as JSON here")
    return parser.parse_args(argv)


def sample_names(names, count):
    """A deterministic, spread-out sample: the `count` names with the smallest SHA-256."""
    ranked = sorted(names, key=lambda name: hashlib.sha256(name.encode()).hexdigest())
    return sorted(ranked[:count])


def plan_requests(snapshot, quick, sample):
    """[(kind, [requirement texts])]: the roots first, then upstream test cases, then one package each."""
    names = [name for name in sorted(snapshot.packages) if [name] != snapshot.roots]
    if quick:
        names = sample_names(names, sample)
    extra = [("case", list(requirements)) for requirements in snapshot.extra_requests]
    return [("roots", list(snapshot.roots))] + extra + [("package", [name]) for name in names]


def best_of(repeat, run, elapsed):
    """Runs `run` up to `repeat` times and keeps the fastest by `elapsed`; stops early on a timeout or error."""
    best = run()
    for _ in range(repeat - 1):
        if best["outcome"] == "timeout" or best["outcome"].startswith("error"):
            break
        again = run()
        if elapsed(again) < elapsed(best):
            best = again
    return best


def cpu_time(result):
    """The CPU milliseconds of a run (the machine is shared: CPU time is the stable measure)."""
    return result["cpu_ms"] if result.get("cpu_ms") is not None else float("inf")


def check_thoth_lock(snapshot, requirements, thoth, label):
    """(failures, unreachable) of a thoth lock; failures are also printed."""
    if thoth["outcome"] != "locked":
        return [], []
    failures, unreachable = check_lock(snapshot, requirements, thoth["pins"])
    for failure in failures:
        print(f"LOCK CHECK FAILED {snapshot.label} {requirements} ({label}): {failure}", file=sys.stderr)
    return failures, unreachable


def bench_request(snapshot, requirements, worker, options, timeout_s, in_memory):
    thoth = best_of(options.repeat, lambda: run_thoth(options.thoth, snapshot, requirements, timeout_s),
                    cpu_time)
    resolved = best_of(options.repeat, lambda: worker.resolve(requirements), cpu_time)
    if thoth.get("environment_mismatch"):
        print(f"WARNING {snapshot.label} {requirements}: thoth's marker environment differs in "
              f"{thoth['environment_mismatch']}", file=sys.stderr)
    failures, unreachable = check_thoth_lock(snapshot, requirements, thoth, "thoth advise")
    if in_memory["pins"] != thoth["pins"] or in_memory["outcome"] != thoth["outcome"]:
        failures += check_thoth_lock(snapshot, requirements, in_memory, "thoth bench")[0]
    row = {"requirements": requirements, "thoth": thoth, "thoth_in_memory": in_memory, "resolvelib": resolved,
           "check": {"failures": failures, "unreachable": unreachable,
                     "in_memory_agrees": in_memory["pins"] == thoth["pins"]
                     and in_memory["outcome"] == thoth["outcome"]}}
    row["ratios"] = ratios(row)
    return row


def in_memory_results(snapshot, plan, options):
    """thoth bench over the whole plan; a failed run gives an "error" result per request."""
    timeout_s = options.slow_timeout if snapshot.label == SLOW_SNAPSHOT else options.timeout
    batch = run_thoth_in_memory(options.thoth, snapshot, [requirements for _, requirements in plan], timeout_s,
                                options.repeat)
    if "error" in batch:
        print(f"{snapshot.label}: thoth bench failed: {batch['error']}", file=sys.stderr)
        failed = {"outcome": "error", "wall_ms": None, "cpu_ms": None, "pins": {}, "timings": {}}
        return {"load": {}, "peak_rss_kib": None}, [dict(failed) for _ in plan]
    return {"load": batch["load"], "peak_rss_kib": batch["peak_rss_kib"]}, batch["results"]


def bench_snapshot(path, options):
    snapshot = load_snapshot(path)
    gc.freeze()  # the parsed snapshot is permanent: keep the collector (and copy-on-write) off it
    print(f"{snapshot.label}: loaded in {snapshot.load_ms:.0f} ms, skipped {snapshot.skipped}", file=sys.stderr)
    result = {"snapshot": snapshot.label, "file": path.name, "roots": snapshot.roots,
              "environment": snapshot.target.markers, "platform": snapshot.target.platform,
              "resolvelib_load_ms": snapshot.load_ms, "skipped": snapshot.skipped, "requests": []}
    plan = plan_requests(snapshot, options.quick, options.sample)
    result["thoth_in_memory"], in_memory = in_memory_results(snapshot, plan, options)
    worker = ResolvelibWorker(snapshot, options.timeout)
    try:
        for (kind, requirements), thoth_in_memory in zip(plan, in_memory):
            slow = kind == "roots" and snapshot.label == SLOW_SNAPSHOT
            worker.m_timeout_s = options.slow_timeout if slow else options.timeout
            row = bench_request(snapshot, requirements, worker, options, worker.m_timeout_s, thoth_in_memory)
            row["kind"] = kind
            result["requests"].append(row)
            print(f"  {' '.join(requirements)}: thoth {row['thoth']['outcome']} "
                  f"resolvelib {row['resolvelib']['outcome'].split(':')[0]} {row['resolvelib']['ms']:.0f} ms",
                  file=sys.stderr)
    finally:
        worker.close()
    result["summary"] = summarize(result)
    return result


def machine():
    """What the numbers were measured on: CPU model, cores, load average at the start."""
    model = ""
    try:
        with open("/proc/cpuinfo") as handle:
            model = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "")
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()],
            "system": f"{platform.system()} {platform.release()}"}


def render(json_path, output):
    """Writes the Markdown of a saved run (--json) again, e.g. after a change to the report's layout."""
    run = json.loads(Path(json_path).read_text())
    run["overall"] = overall(run)
    text = markdown(run)
    if output:
        Path(output).write_text(text)
    else:
        print(text)
    return 0


def main(argv):
    options = parse_arguments(argv)
    if options.render:
        return render(options.render, options.output)
    shared = find_shared_dir(REPO_DIR)
    if shared is None or not snapshot_files(shared):
        print("notice: shared data not found (../shared beside the repository or $THOTH_SHARED_DIR); "
              "nothing to benchmark")
        return 0
    if not Path(options.thoth).is_file():
        print(f"error: expected the thoth binary at `{options.thoth}`, found nothing\n\n"
              "hint: build it (bench/run_benchmarks.sh does) or pass --thoth PATH", file=sys.stderr)
        return 2
    paths = [p for p in snapshot_files(shared) if not options.snapshot or any(s in p.name for s in options.snapshot)]
    run = {"mode": "quick" if options.quick else "full", "sample": options.sample if options.quick else None,
           "repeat": options.repeat, "timeout_s": options.timeout, "slow_timeout_s": options.slow_timeout,
           "resolvelib_version": resolvelib.__version__, "packaging_version": packaging.__version__,
           "python_version": platform.python_version(), "machine": machine(),
           "snapshots": [bench_snapshot(p, options) for p in paths]}
    run["overall"] = overall(run)
    run["driver_peak_rss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if options.target_runs > 0:
        print("targets: timing the 1 s targets", file=sys.stderr)
        run["targets"] = measure_targets(options.thoth, shared, options.target_runs, options.slow_timeout)
    text = markdown(run)
    if options.output:
        Path(options.output).write_text(text)
    else:
        print(text)
    if options.json_path:
        Path(options.json_path).write_text(to_json(run) + "\n")
    failed = sum(snap["summary"]["check_failures"] for snap in run["snapshots"])
    if failed:
        print(f"LOCK CHECK FAILED for {failed} request(s); see the Markdown report", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
