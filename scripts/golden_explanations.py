#!/usr/bin/env python3
"""Writes thoth's current short explanation into unsatisfiable fixture scenarios as golden text.

Usage: scripts/golden_explanations.py build/thoth SCENARIO.yaml...

For every scenario with `satisfiable: false`, the `explanation: |` block under `expect:` is
replaced (or added) with what `thoth fixtures run --json` prints. Review the diff by hand before
committing: a golden text is an expectation, not a recording (docs/explanations.md).
"""
import json
import subprocess
import sys


def explanation_of(thoth, path):
    out = subprocess.run([thoth, "fixtures", "run", path, "--json"], capture_output=True, text=True)
    scenario = json.loads(out.stdout)["scenarios"][0]
    return scenario.get("explanation")


def rewrite(path, text):
    lines = open(path, encoding="utf-8").read().splitlines()
    out, skipping = [], False
    for line in lines:
        if skipping:
            if line.startswith("    ") or line == "":
                continue
            skipping = False
        if line.startswith("  explanation: |"):
            skipping = True
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    position = next(i for i, line in enumerate(out) if line.strip() == "satisfiable: false") + 1
    block = ["  explanation: |"] + [("    " + line) if line else "" for line in text.rstrip("\n").split("\n")]
    out[position:position] = block
    open(path, "w", encoding="utf-8").write("\n".join(out) + "\n")


def main():
    thoth, paths = sys.argv[1], sys.argv[2:]
    for path in paths:
        if "satisfiable: false" not in open(path, encoding="utf-8").read():
            continue
        text = explanation_of(thoth, path)
        if text:
            rewrite(path, text)
            print("wrote", path)


if __name__ == "__main__":
    main()
