"""Runs `thoth advise ... --json --dry-run` for one request and reads its JSON report.

The command line follows the agreed contract (docs/cli.md): --index, --requirement (repeated),
--python-version, --platform, --marker KEY=VALUE (repeated), --timeout SECONDS (solver budget), --json,
--dry-run; exit code 0 means locked, 1 no lock, 2 bad input. Every non-empty marker of the target is passed explicitly so that
thoth and the resolvelib provider evaluate markers in exactly the same environment.
The process wall time (start-up + JSON load + everything) is measured here, next to thoth's
own load/encode/solve/decode timings.
"""

import json
import subprocess
import time

PROCESS_GRACE_S = 30.0  # beyond the solver budget: start-up, loading and encoding
TIMING_KEYS = ("load_ms", "encode_ms", "solve_ms", "decode_ms", "total_ms")


def advise_command(thoth, snapshot, requirement_texts, timeout_s):
    target = snapshot.target
    command = [str(thoth), "advise", "--index", str(snapshot.path)]
    for text in requirement_texts:
        command += ["--requirement", text]
    command += ["--python-version", target.python_full_version, "--platform", target.platform]
    for key, value in sorted(target.markers.items()):
        if value:
            command += ["--marker", f"{key}={value}"]
    return command + ["--timeout", f"{timeout_s:g}", "--json", "--dry-run"]


def _pins_from(report):
    """{name: version}; also accepts {name: {"version": ...}} and "==X" forms."""
    pins = {}
    for name, pin in (report.get("pins") or {}).items():
        version = pin.get("version") if isinstance(pin, dict) else pin
        pins[name] = str(version).removeprefix("==")
    return dict(sorted(pins.items()))


def _failure(outcome, wall_ms, detail=""):
    return {"outcome": outcome, "wall_ms": wall_ms, "timings": {}, "size": {}, "pins": {},
            "proven_optimal": False, "exit_code": None, "detail": detail, "environment_mismatch": []}


def _environment_mismatch(report, markers):
    """Marker keys where thoth's reported environment differs from the one resolvelib uses."""
    reported = (report.get("environment") or {}).get("markers")
    if not isinstance(reported, dict):
        return []
    return sorted(key for key, value in markers.items() if key in reported and reported[key] != value)


def run_thoth(thoth, snapshot, requirement_texts, timeout_s):
    """{"outcome", "wall_ms", "timings", "size", "pins", "proven_optimal", "exit_code", "detail",
    "environment_mismatch"}. outcome is thoth's own ("locked", "unsatisfiable", "unknown") or
    "timeout"/"error". thoth gets `timeout_s` as its solver budget and some grace for loading."""
    command = advise_command(thoth, snapshot, requirement_texts, timeout_s)
    started = time.perf_counter()
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s + PROCESS_GRACE_S)
    except subprocess.TimeoutExpired:
        return _failure("timeout", (timeout_s + PROCESS_GRACE_S) * 1000.0)
    wall_ms = (time.perf_counter() - started) * 1000.0
    try:
        report = json.loads(finished.stdout)
    except json.JSONDecodeError:
        detail = (finished.stderr or finished.stdout).strip().splitlines()[:3]
        return _failure("error", wall_ms, f"exit {finished.returncode}: " + " | ".join(detail))
    return {
        "outcome": report.get("outcome", "error"),
        "wall_ms": wall_ms,
        "timings": {key: report.get("timings", {}).get(key) for key in TIMING_KEYS},
        "size": report.get("size", {}),
        "pins": _pins_from(report),
        "proven_optimal": bool(report.get("proven_optimal", False)),
        "exit_code": finished.returncode,
        "detail": "",
        "environment_mismatch": _environment_mismatch(report, snapshot.target.markers),
        "index": report.get("index", {}),
    }
