#!/usr/bin/env python3
"""Checks that exit codes mean the same for every command (docs/cli.md, "Exit codes"): an unknown option
is 2 with an `error:` line for every command of `thoth --help`; a missing input file is 2 naming it;
a request without a lock is 1 (advise), a failed check is 1 (fixtures run, audit of a stale lock);
success is 0.
Usage: test_exit_codes.py THOTH_BINARY
"""
import os
import shutil
import subprocess
import tempfile

from support import THOTH, ROOT, check, SAMPLE_INDEX as INDEX


def run(args, cwd=None):
    return subprocess.run([THOTH] + args, capture_output=True, text=True, cwd=cwd)


def main():
    usage = run(["--help"]).stdout
    commands = [line.split()[0] for line in usage.split("Commands:\n")[1].split("\n\n")[0].splitlines()]
    check(len(commands) >= 10, f"commands listed: {commands}")
    for command in commands:
        result = run([command, "--no-such-option"])
        check(result.returncode == 2, f"thoth {command} --no-such-option exits 2, not {result.returncode}")
        check(result.stderr.startswith("error:"), f"thoth {command}: the first line is an error: {result.stderr[:80]!r}")

    with tempfile.TemporaryDirectory() as work:
        missing = run(["advise", "--input", os.path.join(work, "nope.toml"), "--index", INDEX])
        check(missing.returncode == 2 and "nope.toml" in missing.stderr, f"a missing input is 2 naming it: {missing.stderr}")
        unsat = run(["advise", "--index", INDEX, "--requirement", "flask==3.0.3", "--requirement", "werkzeug<3"])
        check(unsat.returncode == 1 and "no lock satisfies" in unsat.stderr, f"no lock is 1: {unsat.stderr}")
        shutil.copy(os.path.join(ROOT, "examples", "Pipfile"), work)
        locked = run(["advise", "--index", INDEX], cwd=work)
        check(locked.returncode == 0, f"a lock is 0: {locked.stderr}")
        demo = os.path.join(ROOT, "fixtures", "advisory-records", "demo")
        check(run(["audit", "--advisories", demo], cwd=work).returncode == 0, "audit of a fresh lock is 0")
        with open(os.path.join(work, "Pipfile")) as pipfile:
            text = pipfile.read()
        with open(os.path.join(work, "Pipfile"), "w") as pipfile:  # a changed Pipfile: the lock's hash is stale
            pipfile.write(text.replace('pytest = ">=8"', 'pytest = ">=7"'))
        stale = run(["audit", "--advisories", demo], cwd=work)
        check(stale.returncode == 1, f"audit of a stale lock is 1: {stale.stdout} {stale.stderr}")
        scenario = os.path.join(work, "wrong.yaml")
        with open(scenario, "w") as out:
            out.write("description: a wrong expectation\nindex: {a: {'1.0': {}}}\nrequirements: [a]\n"
                      "expect: {resolved: {a: '2.0'}}\n")
        failed = run(["fixtures", "run", scenario])
        check(failed.returncode == 1, f"a failing scenario is 1: {failed.stdout}")
        empty = os.path.join(work, "empty")
        os.mkdir(empty)
        no_lock = run(["export"], cwd=empty)
        check(no_lock.returncode == 2, f"export without a lock is 2: {no_lock.stderr}")
    print("ok: exit codes 0/1/2 are the same across commands")


if __name__ == "__main__":
    main()
