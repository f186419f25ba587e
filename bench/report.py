"""Summaries and the Markdown/JSON renderings of a benchmark run.

Ratios are resolvelib time / thoth time, so > 1 means thoth was faster. Two comparisons, each in CPU
and in wall time:
- in memory: thoth bench's encode + solve + decode (snapshot parsed beforehand) against
  resolvelib's Resolver.resolve (snapshot parsed beforehand): resolution only, no loading on
  either side;
- end to end: thoth advise's whole process (start-up, snapshot load, resolution, JSON output)
  against the same Resolver.resolve time; resolvelib's own load is NOT charged, so this ratio
  is biased against thoth.
A timed-out resolvelib run counts with its timeout (wall) or the CPU it used until then, so its
ratio is a lower bound (shown with >=).
"""

import json
import statistics

from targets import targets_markdown

RATIO_KINDS = ("in_memory_cpu", "in_memory_wall", "end_to_end_cpu", "end_to_end_wall")
RATIO_LABELS = {
    "in_memory_cpu": "in memory, CPU",
    "in_memory_wall": "in memory, wall",
    "end_to_end_cpu": "end to end, CPU",
    "end_to_end_wall": "end to end, wall",
}


def _divide(numerator, denominator):
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def ratios(row):
    """{kind: resolvelib time / thoth time or None} for the four RATIO_KINDS."""
    peer = row["resolvelib"]
    process, in_memory = row["thoth"], row["thoth_in_memory"]
    process_ok = process["outcome"] not in ("timeout", "error")
    memory_ok = in_memory["outcome"] not in ("timeout", "error")
    return {
        "in_memory_cpu": _divide(peer.get("cpu_ms"), in_memory.get("cpu_ms")) if memory_ok else None,
        "in_memory_wall": _divide(peer["ms"], in_memory.get("wall_ms")) if memory_ok else None,
        "end_to_end_cpu": _divide(peer.get("cpu_ms"), process.get("cpu_ms")) if process_ok else None,
        "end_to_end_wall": _divide(peer["ms"], process.get("wall_ms")) if process_ok else None,
    }


def _median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def _medians(rows):
    return {kind: _median(r["ratios"][kind] for r in rows) for kind in RATIO_KINDS}


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
        "thoth_timeouts_or_errors": sum(r["thoth"]["outcome"] in ("timeout", "error")
                                        or r["thoth_in_memory"]["outcome"] in ("timeout", "error") for r in rows),
        "in_memory_disagrees": sum(not r["check"]["in_memory_agrees"] for r in rows),
        "median_ratios": _medians(rows),
        "median_thoth_load_ms": _median((r["thoth"].get("timings") or {}).get("load_ms") for r in rows),
        "median_thoth_cpu_ms": _median(r["thoth"].get("cpu_ms") for r in rows),
        "check_failures": sum(bool(r["check"]["failures"]) for r in rows),
    }


HARD_REQUEST_CPU_MS = 10.0  # resolvelib CPU time from which a request counts as hard (a second line)


def overall(run):
    """Medians over every request of the run (the headline numbers), and over the hard ones."""
    rows = [row for snap in run["snapshots"] for row in snap["requests"]]
    hard = [row for row in rows if (row["resolvelib"].get("cpu_ms") or 0.0) >= HARD_REQUEST_CPU_MS]
    return {"requests": len(rows), "median_ratios": _medians(rows),
            "hard_requests": len(hard), "hard_median_ratios": _medians(hard),
            "check_failures": sum(bool(r["check"]["failures"]) for r in rows),
            "thoth_locked": sum(r["thoth"]["outcome"] == "locked" for r in rows),
            "resolvelib_locked": sum(r["resolvelib"]["outcome"] == "locked" for r in rows)}


def _ms(value):
    return "–" if value is None else f"{value:.1f}"


def _ratio(value, lower_bound=False):
    if value is None:
        return "–"
    text = f"{value:.0f}" if value >= 100 else (f"{value:.1f}" if value >= 1 else f"{value:.2g}")
    return (">=" if lower_bound else "") + text


def _found(outcome):
    return "yes" if outcome == "locked" else outcome.split(":")[0]


def _mib(kib):
    return "–" if kib is None else f"{kib / 1024:.0f}"


def headline(run):
    o = run["overall"]
    lines = [f"Median over all {o['requests']} requests (resolvelib time / thoth time; above 1 thoth is faster):", "",
             "| comparison | CPU | wall |", "|---|---:|---:|"]
    m = o["median_ratios"]
    lines.append(f"| in memory (resolution only; both sides hold the parsed snapshot) "
                 f"| {_ratio(m['in_memory_cpu'])} | {_ratio(m['in_memory_wall'])} |")
    lines.append(f"| end to end (thoth's whole process incl. start-up and snapshot load; resolvelib's load not "
                 f"charged) | {_ratio(m['end_to_end_cpu'])} | {_ratio(m['end_to_end_wall'])} |")
    h = o.get("hard_median_ratios")
    if h and o.get("hard_requests"):
        lines.append(f"| in memory, only the {o['hard_requests']} requests where resolvelib needs >= "
                     f"{HARD_REQUEST_CPU_MS:g} ms CPU (not the target's population) "
                     f"| {_ratio(h['in_memory_cpu'])} | {_ratio(h['in_memory_wall'])} |")
        lines.append(f"| end to end, the same {o['hard_requests']} requests "
                     f"| {_ratio(h['end_to_end_cpu'])} | {_ratio(h['end_to_end_wall'])} |")
    return lines + ["", f"thoth locked {o['thoth_locked']}, resolvelib {o['resolvelib_locked']}; "
                        f"lock check failures: {o['check_failures']}."]


def summary_table(run):
    lines = [
        "| snapshot | requests | resolvelib load ms | thoth load ms (median) | thoth bench load ms (CPU) "
        "| thoth bench peak RSS MiB | thoth locked | resolvelib locked | only thoth | only resolvelib "
        "| pins differ | resolvelib timeouts | median in-memory ratio (CPU / wall) "
        "| median end-to-end ratio (CPU / wall) | lock check failures |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for snap in run["snapshots"]:
        s, m = snap["summary"], snap["summary"]["median_ratios"]
        load = snap["thoth_in_memory"].get("load") or {}
        lines.append(
            f"| {snap['snapshot']} | {s['requests']} | {_ms(snap['resolvelib_load_ms'])} "
            f"| {_ms(s['median_thoth_load_ms'])} | {_ms(load.get('cpu_ms'))} "
            f"| {_mib(snap['thoth_in_memory'].get('peak_rss_kib'))} | {s['thoth_locked']} | {s['resolvelib_locked']} "
            f"| {s['only_thoth']} | {s['only_resolvelib']} | {s['pins_differ']} | {s['resolvelib_timeouts']} "
            f"| {_ratio(m['in_memory_cpu'])} / {_ratio(m['in_memory_wall'])} "
            f"| {_ratio(m['end_to_end_cpu'])} / {_ratio(m['end_to_end_wall'])} | {s['check_failures']} |")
    return lines


def request_table(run):
    lines = [
        "| snapshot | request | load | read | encode | solve | process wall | process CPU "
        "| in-memory wall | in-memory CPU | thoth lock | check | resolvelib wall | resolvelib CPU | resolvelib lock "
        "| in-memory ratio CPU | in-memory ratio wall | end-to-end ratio CPU | end-to-end ratio wall |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---|---:|---:|---:|---:|",
    ]
    for snap in run["snapshots"]:
        for row in snap["requests"]:
            t, m, p = row["thoth"], row["thoth_in_memory"], row["resolvelib"]
            timings = t.get("timings") or {}
            read = timings.get("index_read_ms")
            encode = timings.get("encode_ms")
            encode = encode - read if encode is not None and read is not None else encode
            bound = p["outcome"] == "timeout"
            check = "FAIL" if row["check"]["failures"] else ("ok" if t["outcome"] == "locked" else "–")
            r = row["ratios"]
            lines.append(
                f"| {snap['snapshot']} | `{' '.join(row['requirements'])}` | {_ms(timings.get('load_ms'))} "
                f"| {_ms(read)} | {_ms(encode)} | {_ms(timings.get('solve_ms'))} | {_ms(t.get('wall_ms'))} "
                f"| {_ms(t.get('cpu_ms'))} | {_ms(m.get('wall_ms'))} "
                f"| {_ms(m.get('cpu_ms'))} | {_found(t['outcome'])} | {check} | {_ms(p['ms'])} | {_ms(p.get('cpu_ms'))} "
                f"| {_found(p['outcome'])} | {_ratio(r['in_memory_cpu'], bound)} | {_ratio(r['in_memory_wall'], bound)} "
                f"| {_ratio(r['end_to_end_cpu'], bound)} | {_ratio(r['end_to_end_wall'], bound)} |")
    return lines


def _problem_lines(run, select):
    lines = []
    for snap in run["snapshots"]:
        for row in snap["requests"]:
            for text in select(row):
                lines.append(f"- **{snap['snapshot']}** `{' '.join(row['requirements'])}`: {text}")
    return lines


def markdown(run):
    machine = run.get("machine") or {}
    header = [
        f"Mode: {run['mode']}; resolvelib {run['resolvelib_version']} with packaging {run['packaging_version']} "
        f"on Python {run['python_version']}; per-request timeout {run['timeout_s']:g} s "
        f"({run['slow_timeout_s']:g} s for the 2023 pyrax root request); fastest (by CPU time) of {run['repeat']} "
        f"run(s) per resolver. Machine: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, "
        f"{machine.get('system', '?')}, load average {machine.get('load_average', '?')} at the start. "
        "Times in ms.",
        "",
    ]
    body = header + headline(run) + [""]
    if run.get("targets"):
        body += ["### Targets", ""] + targets_markdown(run["targets"], run) + [""]
    body += [f"Peak RSS of the benchmark driver (Python: every snapshot parsed for resolvelib, one at a time): "
             f"{_mib(run.get('driver_peak_rss_kib'))} MiB. thoth's peak RSS with a whole snapshot parsed is the "
             "`thoth bench` column below.", ""]
    body += ["### Per snapshot", ""] + summary_table(run) + [""]
    failures = _problem_lines(run, lambda row: row["check"]["failures"])
    if failures:
        body += ["### LOCK CHECK FAILURES", ""] + failures + [""]
    disagree = _problem_lines(run, lambda row: [] if row["check"]["in_memory_agrees"] else
                              ["thoth bench and thoth advise gave different results"])
    if disagree:
        body += ["### thoth bench DISAGREES WITH thoth advise", ""] + disagree + [""]
    mismatches = _problem_lines(run, lambda row: [", ".join(row["thoth"].get("environment_mismatch") or [])]
                                if row["thoth"].get("environment_mismatch") else [])
    if mismatches:
        body += ["### ENVIRONMENT MISMATCHES (thoth reported other marker values)", ""] + mismatches + [""]
    body += ["### Per request", "",
             "load: thoth advise's up-front snapshot scan; read: parsing the projects the request reaches, on "
             "first use; encode excludes read. process: the whole `thoth advise` process (wait4). in-memory: "
             "`thoth bench`, encode + solve + decode with the snapshot parsed beforehand.", ""]
    body += request_table(run) + [""]
    return "\n".join(body)


def to_json(run):
    return json.dumps(run, indent=2, sort_keys=True)
