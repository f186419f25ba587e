"""The speed targets of issue 2, measured on their own with repeats, and the Markdown that judges them.

- Loading the 13,275-version snapshot (cheroot) + encoding + solving its root project: under 1 s.
- `pyrax==1.9.8` on the 2023 snapshot: under 1 s.
Each is one whole `thoth advise ... --json --dry-run` process, run `runs` times; reported: the
median and the range of the process wall time and CPU time (user + system, wait4), and the peak
RSS from /usr/bin/time's %M (its own fork is small, unlike this Python process whose size a
child's getrusage would include). The machine is shared, so wall time depends on the load; CPU
time is the stable number. The 20x target is judged from the run's median ratios.
"""

import json
import os
import statistics
import tempfile
from pathlib import Path
from types import SimpleNamespace

from snapshot import SNAPSHOT_SUBDIR, _target_for
from thoth_runner import advise_command, run_measured

GNU_TIME = "/usr/bin/time"
LIMIT_MS = 1000.0
SPEEDUP_TARGET = 20.0
TARGETS = (
    ("load the 13,275-version snapshot + encode + solve its root (`cheroot`)", "pypi-2020-11-17-cheroot.json"),
    ("`pyrax==1.9.8` on the 2023 snapshot", "pypi-2023-12-01-pyrax.json"),
)


def _one_run(command, limit_s):
    """(report JSON or None, wall ms, CPU ms, peak RSS KiB or None)."""
    with tempfile.NamedTemporaryFile(suffix=".rss", delete=False) as handle:
        rss_path = handle.name
    try:
        wrapped = [GNU_TIME, "-f", "%M", "-o", rss_path] + command if os.path.exists(GNU_TIME) else command
        code, stdout, _, wall_ms, cpu_ms = run_measured(wrapped, limit_s)
        rss_text = Path(rss_path).read_text().strip().splitlines()
        rss = int(rss_text[-1]) if rss_text and rss_text[-1].isdigit() else None
    finally:
        os.unlink(rss_path)
    try:
        report = json.loads(stdout) if code is not None else None
    except json.JSONDecodeError:
        report = None
    return report, wall_ms, cpu_ms, rss


def measure_target(thoth, path, runs, timeout_s):
    roots, target = _target_for(path)
    command = advise_command(thoth, SimpleNamespace(path=path, target=target), roots, timeout_s)
    samples = [_one_run(command, timeout_s + 30.0) for _ in range(runs)]
    reports = [report for report, *_ in samples]
    walls = [wall for _, wall, _, _ in samples]
    cpus = [cpu for _, _, cpu, _ in samples]
    rss = [kib for *_, kib in samples if kib is not None]
    return {
        "requirements": roots, "runs": runs,
        "outcomes": sorted({(r or {}).get("outcome", "error") for r in reports}),
        "wall_ms": {"median": statistics.median(walls), "min": min(walls), "max": max(walls)},
        "cpu_ms": {"median": statistics.median(cpus), "min": min(cpus), "max": max(cpus)},
        "peak_rss_kib": max(rss) if rss else None,
        "thoth_timings": [(r or {}).get("timings") for r in reports],
    }


def measure_targets(thoth, shared_dir, runs, timeout_s):
    """[{label, file, ...measure_target}] for the targets whose snapshot exists."""
    results = []
    for label, name in TARGETS:
        path = Path(shared_dir) / SNAPSHOT_SUBDIR / name
        if path.is_file():
            results.append(dict(measure_target(thoth, path, runs, timeout_s), label=label, file=name))
    return results


def _verdict(value, limit, below=True):
    if value is None:
        return "–"
    return "met" if (value < limit if below else value >= limit) else "**not met**"


def _number(ratio):
    return f"{ratio:.0f}" if ratio >= 100 else (f"{ratio:.1f}" if ratio >= 1 else f"{ratio:.2g}")


def _spread(stats):
    return f"{stats['median']:.0f} ({stats['min']:.0f}–{stats['max']:.0f})"


def targets_markdown(targets, run):
    lines = ["| target | runs | outcome | wall ms, median (range) | CPU ms, median (range) | peak RSS MiB "
             "| < 1 s by wall | < 1 s by CPU |", "|---|---:|---|---:|---:|---:|---|---|"]
    for t in targets:
        rss = "–" if t["peak_rss_kib"] is None else f"{t['peak_rss_kib'] / 1024:.0f}"
        lines.append(f"| {t['label']} | {t['runs']} | {', '.join(t['outcomes'])} | {_spread(t['wall_ms'])} "
                     f"| {_spread(t['cpu_ms'])} | {rss} | {_verdict(t['wall_ms']['median'], LIMIT_MS)} "
                     f"| {_verdict(t['cpu_ms']['median'], LIMIT_MS)} |")
    medians = run["overall"]["median_ratios"]
    lines += ["", "| target | median ratio, CPU | median ratio, wall | >= 20x by CPU | >= 20x by wall |",
              "|---|---:|---:|---|---|"]
    for kind, label in (("in_memory", "thoth >= 20x faster than resolvelib, in memory"),
                        ("end_to_end", "thoth >= 20x faster than resolvelib, end to end")):
        cpu, wall = medians[f"{kind}_cpu"], medians[f"{kind}_wall"]
        lines.append(f"| {label} | {_number(cpu)} | {_number(wall)} | {_verdict(cpu, SPEEDUP_TARGET, False)} "
                     f"| {_verdict(wall, SPEEDUP_TARGET, False)} |" if cpu is not None and wall is not None
                     else f"| {label} | – | – | – | – |")
    return lines
