"""Summaries and the Markdown/JSON renderings of a benchmark run.

Ratios are resolvelib time / thoth time, so > 1 means thoth was faster. Two thoth times are used:
`ratio` compares with thoth's in-process work after loading (encode + solve + decode), which is
what Resolver.resolve covers on the Python side; `wall ratio` compares with the whole thoth
process (start-up, JSON load, everything). A timed-out resolvelib run counts with its timeout,
so its ratio is a lower bound (shown with >=).
"""

import json
import statistics


def thoth_work_ms(thoth):
    timings = thoth.get("timings") or {}
    parts = [timings.get(key) for key in ("encode_ms", "solve_ms", "decode_ms")]
    if any(part is None for part in parts):
        return None
    return sum(parts)


def ratios(row):
    """(ratio vs thoth work, ratio vs thoth process wall); None where undefined."""
    resolvelib_ms = row["resolvelib"]["ms"]
    work = thoth_work_ms(row["thoth"])
    wall = row["thoth"].get("wall_ms")
    usable = row["thoth"]["outcome"] not in ("timeout", "error")
    ratio = resolvelib_ms / work if usable and work else None
    wall_ratio = resolvelib_ms / wall if usable and wall else None
    return ratio, wall_ratio


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarize(snapshot_result):
    rows = snapshot_result["requests"]
    thoth_found = [r["thoth"]["outcome"] == "locked" for r in rows]
    resolvelib_found = [r["resolvelib"]["outcome"] == "locked" for r in rows]
    both = [t and p for t, p in zip(thoth_found, resolvelib_found)]
    return {
        "requests": len(rows),
        "thoth_locked": sum(thoth_found),
        "resolvelib_locked": sum(resolvelib_found),
        "only_thoth": sum(t and not p for t, p in zip(thoth_found, resolvelib_found)),
        "only_resolvelib": sum(p and not t for t, p in zip(thoth_found, resolvelib_found)),
        "pins_differ": sum(b and r["thoth"]["pins"] != r["resolvelib"]["pins"] for b, r in zip(both, rows)),
        "resolvelib_timeouts": sum(r["resolvelib"]["outcome"] == "timeout" for r in rows),
        "thoth_timeouts_or_errors": sum(r["thoth"]["outcome"] in ("timeout", "error") for r in rows),
        "median_ratio": _median(r["ratio"] for r in rows),
        "median_wall_ratio": _median(r["wall_ratio"] for r in rows),
        "median_thoth_load_ms": _median((r["thoth"].get("timings") or {}).get("load_ms") for r in rows),
        "check_failures": sum(bool(r["check"]["failures"]) for r in rows),
    }


def _ms(value):
    return "–" if value is None else f"{value:.1f}"


def _ratio(value, lower_bound=False):
    if value is None:
        return "–"
    text = f"{value:.0f}" if value >= 100 else (f"{value:.2f}" if value >= 1 else f"{value:.2g}")
    return (">=" if lower_bound else "") + text


def _found(outcome):
    return "yes" if outcome == "locked" else outcome.split(":")[0]


def summary_table(run):
    lines = [
        "| snapshot | requests | resolvelib load ms | thoth load ms (median) | thoth locked | resolvelib locked "
        "| only thoth | only resolvelib | pins differ | resolvelib timeouts | median ratio | median wall ratio "
        "| lock check failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for snap in run["snapshots"]:
        s = snap["summary"]
        lines.append(
            f"| {snap['snapshot']} | {s['requests']} | {_ms(snap['resolvelib_load_ms'])} "
            f"| {_ms(s['median_thoth_load_ms'])} | {s['thoth_locked']} | {s['resolvelib_locked']} "
            f"| {s['only_thoth']} | {s['only_resolvelib']} | {s['pins_differ']} | {s['resolvelib_timeouts']} "
            f"| {_ratio(s['median_ratio'])} | {_ratio(s['median_wall_ratio'])} | {s['check_failures']} |")
    return lines


def request_table(run):
    lines = [
        "| snapshot | request | thoth load | encode | solve | total | thoth wall | thoth lock | resolvelib ms "
        "| resolvelib lock | ratio | wall ratio | check |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|---|---:|---:|---|",
    ]
    for snap in run["snapshots"]:
        for row in snap["requests"]:
            t, p = row["thoth"], row["resolvelib"]
            timings = t.get("timings") or {}
            bound = p["outcome"] == "timeout"
            check = "FAIL" if row["check"]["failures"] else ("ok" if t["outcome"] == "locked" else "–")
            lines.append(
                f"| {snap['snapshot']} | `{' '.join(row['requirements'])}` | {_ms(timings.get('load_ms'))} "
                f"| {_ms(timings.get('encode_ms'))} | {_ms(timings.get('solve_ms'))} | {_ms(timings.get('total_ms'))} "
                f"| {_ms(t.get('wall_ms'))} | {_found(t['outcome'])} | {_ms(p['ms'])} | {_found(p['outcome'])} "
                f"| {_ratio(row['ratio'], bound)} | {_ratio(row['wall_ratio'], bound)} | {check} |")
    return lines


def failure_lines(run):
    lines = []
    for snap in run["snapshots"]:
        for row in snap["requests"]:
            for failure in row["check"]["failures"]:
                lines.append(f"- **{snap['snapshot']}** `{' '.join(row['requirements'])}`: {failure}")
    return lines


def mismatch_lines(run):
    lines = []
    for snap in run["snapshots"]:
        for row in snap["requests"]:
            keys = row["thoth"].get("environment_mismatch") or []
            if keys:
                lines.append(f"- **{snap['snapshot']}** `{' '.join(row['requirements'])}`: {', '.join(keys)}")
    return lines


def markdown(run):
    header = [
        f"Mode: {run['mode']}; resolvelib {run['resolvelib_version']} with packaging {run['packaging_version']} "
        f"on Python {run['python_version']}; per-request timeout {run['timeout_s']:g} s "
        f"({run['slow_timeout_s']:g} s for the 2023 pyrax root request); best of {run['repeat']} run(s) per "
        "resolver. Times in ms.",
        "",
        "Ratio = resolvelib `Resolver.resolve` time / thoth encode+solve+decode time; wall ratio = the same "
        "resolvelib time / thoth's whole process wall time. Above 1 means thoth was faster.",
        "",
    ]
    failures = failure_lines(run)
    body = header + ["### Per snapshot", ""] + summary_table(run) + [""]
    if failures:
        body += ["### LOCK CHECK FAILURES", ""] + failures + [""]
    mismatches = mismatch_lines(run)
    if mismatches:
        body += ["### ENVIRONMENT MISMATCHES (thoth reported other marker values)", ""] + mismatches + [""]
    body += ["### Per request", ""] + request_table(run) + [""]
    return "\n".join(body)


def to_json(run):
    return json.dumps(run, indent=2, sort_keys=True)
