#!/usr/bin/env python3
"""Vulnerable pins: thoth `-t latest` (newest versions, then audit: what a newest-first resolver plus
an auditor gives) against thoth `-t stable` (fewest advisories first, then newest), on real PyPI
snapshots, one request per package that both the snapshot and the advisory database cover.

Usage: advisory_compare.py THOTH_BINARY SHARED_DIR [--snapshots NAME,...] [--limit N]
Prints a Markdown table per snapshot and the totals. A pin is vulnerable when the advise result
carries a WARNING justification for it (a known advisory at the pinned version).
"""
import argparse
import json
import os
import subprocess
import sys


def covered_packages(snapshot, advisory_db):
    names = set(json.load(open(snapshot)).keys())
    vulns = os.path.join(advisory_db, "vulns")
    covered = {d.lower().replace("_", "-").replace(".", "-") for d in os.listdir(vulns)}
    return sorted(n for n in names if n in covered)


def vulnerable_pins(thoth, snapshot, advisory_db, requirement, rtype, python):
    run = subprocess.run([thoth, "advise", "--index", snapshot, "--requirement", requirement, "--advisories",
                          advisory_db, "-t", rtype, "--python-version", python, "--json", "--timeout", "60"],
                         capture_output=True, text=True)
    if run.returncode not in (0, 1):
        return None, None
    result = json.loads(run.stdout) if run.stdout.strip() else {"outcome": "error"}
    if result.get("outcome") != "locked":
        return None, None
    pins = {j["package"] for j in result["justifications"] if j["type"] == "WARNING"}
    return len(pins), len(result["pins"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("thoth")
    parser.add_argument("shared")
    parser.add_argument("--snapshots", default="pypi-2020-02-15-pandas.json,pypi-2020-02-13-dask.json")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--python", default="3.8")
    args = parser.parse_args()
    advisory_db = os.path.join(args.shared, "data", "advisory-db")
    totals = {"requests": 0, "latest": 0, "stable": 0, "fewer": 0, "more": 0}
    for name in args.snapshots.split(","):
        snapshot = os.path.join(args.shared, "data", "pypi-snapshots", name)
        packages = covered_packages(snapshot, advisory_db)
        if args.limit:
            packages = packages[: args.limit]
        print(f"\n### {name} ({len(packages)} covered packages, Python {args.python})\n")
        print("| request | pins | vulnerable pins, latest | vulnerable pins, stable |\n|---|---|---|---|")
        for package in packages:
            latest, count = vulnerable_pins(args.thoth, snapshot, advisory_db, package, "latest", args.python)
            stable, _ = vulnerable_pins(args.thoth, snapshot, advisory_db, package, "stable", args.python)
            if latest is None or stable is None:
                print(f"| {package} | no lock | - | - |")
                continue
            totals["requests"] += 1
            totals["latest"] += latest
            totals["stable"] += stable
            totals["fewer"] += stable < latest
            totals["more"] += stable > latest
            print(f"| {package} | {count} | {latest} | {stable} |")
        sys.stdout.flush()
    print(f"\nTotals: {totals['requests']} requests; vulnerable pins latest {totals['latest']}, "
          f"stable {totals['stable']}; stable fewer in {totals['fewer']}, more in {totals['more']}")


if __name__ == "__main__":
    main()
