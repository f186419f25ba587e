"""Runs thoth for the benchmark, two ways, and reads its JSON reports.

1. End to end: `thoth advise ... --json --dry-run`, one process per request. The command line follows
   docs/cli.md: --index, --requirement (repeated), --python-version, --platform, --marker KEY=VALUE
   (repeated), --timeout SECONDS (solver budget). Measured here: the process wall time and its CPU
   time (user + system, from wait4; wait4's peak RSS is not used, it includes this Python process that
   forked the child); thoth's own JSON gives load/encode/solve/decode and the
   time spent parsing projects on first use (index_read_ms, part of encode_ms).
2. In memory: `thoth bench --requests FILE`, one process per snapshot, which parses the whole
   snapshot first and then times each request's encode + solve + decode (wall and CPU), as the
   resolvelib side times Resolver.resolve over its parsed snapshot.
Every non-empty marker of the target is passed explicitly so that thoth and the resolvelib provider
evaluate markers in exactly the same environment.
"""

import json
import os
import subprocess
import tempfile
import threading
import time

PROCESS_GRACE_S = 30.0  # beyond the solver budget: start-up, loading and encoding
TIMING_KEYS = ("load_ms", "index_read_ms", "encode_ms", "solve_ms", "decode_ms", "total_ms")


def environment_flags(target):
    """thoth's flags for a target environment: Python, platform and the marker values it sets."""
    flags = ["--python-version", target.python_full_version, "--platform", target.platform]
    for key, value in sorted(target.markers.items()):
        if value:
            flags += ["--marker", f"{key}={value}"]
    return flags


def advise_command(thoth, snapshot, requirement_texts, timeout_s):
    command = [str(thoth), "advise", "--index", str(snapshot.path)]
    for text in requirement_texts:
        command += ["--requirement", text]
    return command + environment_flags(snapshot.target) + ["--timeout", f"{timeout_s:g}", "--json", "--dry-run"]


def bench_command(thoth, snapshot, requests_path, timeout_s, repeat):
    return ([str(thoth), "bench", "--index", str(snapshot.path), "--requests", str(requests_path)]
            + environment_flags(snapshot.target) + ["--timeout", f"{timeout_s:g}", "--repeat", str(repeat)])


def run_measured(command, limit_s):
    """(exit code or None when killed at `limit_s`, stdout, stderr, wall ms, CPU ms).
    The CPU time is the child's own, from wait4 (not shared with other children)."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        killed = threading.Event()

        def kill():
            killed.set()
            process.kill()

        timer = threading.Timer(limit_s, kill)
        timer.start()
        try:
            output = process.stdout.read()
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            process.stdout.close()
        wall_ms = (time.perf_counter() - started) * 1000.0
        process.returncode = os.waitstatus_to_exitcode(status)  # tells Popen the child is reaped
        errors.seek(0)
        stderr = errors.read().decode(errors="replace")
    cpu_ms = (usage.ru_utime + usage.ru_stime) * 1000.0
    code = None if killed.is_set() else process.returncode
    return code, output.decode(errors="replace"), stderr, wall_ms, cpu_ms


def _pins_from(report):
    """{name: version}; also accepts {name: {"version": ...}} and "==X" forms."""
    pins = {}
    for name, pin in (report.get("pins") or {}).items():
        version = pin.get("version") if isinstance(pin, dict) else pin
        pins[name] = str(version).removeprefix("==")
    return dict(sorted(pins.items()))


def _failure(outcome, wall_ms, detail=""):
    return {"outcome": outcome, "wall_ms": wall_ms, "cpu_ms": None, "timings": {},
            "size": {}, "pins": {}, "proven_optimal": False, "exit_code": None, "detail": detail,
            "environment_mismatch": []}


def _environment_mismatch(report, markers):
    """Marker keys where thoth's reported environment differs from the one resolvelib uses."""
    reported = (report.get("environment") or {}).get("markers")
    if not isinstance(reported, dict):
        return []
    return sorted(key for key, value in markers.items() if key in reported and reported[key] != value)


def run_thoth(thoth, snapshot, requirement_texts, timeout_s):
    """End to end, one process: {"outcome", "wall_ms", "cpu_ms", "timings", "size", "pins",
    "proven_optimal", "exit_code", "detail", "environment_mismatch", "index"}. outcome is thoth's own
    ("locked", "unsatisfiable", "unknown") or "timeout"/"error"."""
    command = advise_command(thoth, snapshot, requirement_texts, timeout_s)
    code, stdout, stderr, wall_ms, cpu_ms = run_measured(command, timeout_s + PROCESS_GRACE_S)
    if code is None:
        return _failure("timeout", wall_ms)
    try:
        report = json.loads(stdout)
    except json.JSONDecodeError:
        detail = (stderr or stdout).strip().splitlines()[:3]
        return _failure("error", wall_ms, f"exit {code}: " + " | ".join(detail))
    return {
        "outcome": report.get("outcome", "error"),
        "wall_ms": wall_ms,
        "cpu_ms": cpu_ms,
        "timings": {key: report.get("timings", {}).get(key) for key in TIMING_KEYS},
        "size": report.get("size", {}),
        "pins": _pins_from(report),
        "proven_optimal": bool(report.get("proven_optimal", False)),
        "exit_code": code,
        "detail": "",
        "environment_mismatch": _environment_mismatch(report, snapshot.target.markers),
        "index": report.get("index", {}),
    }


def run_thoth_in_memory(thoth, snapshot, requests, timeout_s, repeat):
    """In memory, one process for all `requests` (lists of requirement texts): {"load": {...},
    "peak_rss_kib" (thoth's own VmHWM), "results": [{"outcome", "wall_ms", "cpu_ms", "pins", ...} per request]}, or
    {"error": text} when the process failed. Each request's solver budget is `timeout_s`."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(requests, handle)
    try:
        limit_s = len(requests) * repeat * (timeout_s + PROCESS_GRACE_S) + PROCESS_GRACE_S
        command = bench_command(thoth, snapshot, handle.name, timeout_s, repeat)
        code, stdout, stderr, _, _ = run_measured(command, limit_s)
    finally:
        os.unlink(handle.name)
    if code != 0:
        return {"error": f"exit {code}: " + " | ".join((stderr or stdout).strip().splitlines()[:3])}
    report = json.loads(stdout)
    results = []
    for row in report["requests"]:
        results.append({"outcome": row["outcome"], "wall_ms": row["wall_ms"], "cpu_ms": row["cpu_ms"],
                        "pins": _pins_from(row), "proven_optimal": row["proven_optimal"],
                        "timings": row["timings"]})
    return {"load": report["load"], "peak_rss_kib": report.get("peak_rss_kib"), "results": results}
