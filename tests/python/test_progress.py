#!/usr/bin/env python3
"""Checks the progress display of `thoth advise`: with stderr on a terminal (a pseudo-terminal here) it
draws "loading the package index", "loading advisories" and "resolving N requirements" lines (and
"loading prescriptions" when prescription folders are given) and erases them when the work
ends; with stderr piped, or with --quiet, not one byte of it appears; the lock on stdout is the same.
Usage: test_progress.py THOTH_BINARY
"""
import os
import pty
import re
import subprocess

from support import THOTH, ROOT, check

ARGS = ["advise", "--pipfile", os.path.join(ROOT, "examples", "Pipfile"),
        "--index", os.path.join(ROOT, "fixtures", "index", "pypi-sample.json"), "--dry-run", "--color", "never"]
ERASE = "\r\x1b[2K"


def run_with_terminal_stderr(extra):
    controller, terminal = pty.openpty()
    process = subprocess.Popen([THOTH] + ARGS + extra, stdout=subprocess.PIPE, stderr=terminal)
    os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    out = process.stdout.read().decode()
    process.wait()
    os.close(controller)
    return process.returncode, out, b"".join(chunks).decode(errors="replace")


def main():
    piped = subprocess.run([THOTH] + ARGS, capture_output=True, text=True)
    check(piped.returncode == 0, f"advise exits 0: {piped.stderr}")
    check("\r" not in piped.stderr and "\x1b" not in piped.stderr, f"piped stderr has no progress: {piped.stderr!r}")
    check("loading the package index" not in piped.stderr and "resolving" not in piped.stderr,
          f"piped stderr names no progress step: {piped.stderr!r}")

    code, out, err = run_with_terminal_stderr([])
    check(code == 0, "advise exits 0 with stderr on a terminal")
    check(all(step in err for step in ("loading the package index", "loading advisories", "resolving 7 requirements")),
          f"every step is drawn on a terminal: {err!r}")
    check(err.endswith(ERASE), f"the last progress line is erased when the work ends: {err[-40:]!r}")
    untimed = lambda text: re.sub(r" in \d+ ms", " in N ms", text)  # the one line that varies between runs
    check(untimed(out) == untimed(piped.stdout), "stdout is the same with and without a terminal on stderr")

    code, out, err = run_with_terminal_stderr(["--prescriptions", os.path.join(ROOT, "fixtures", "prescriptions", "repo")])
    check(code == 0 and "loading prescriptions" in err and err.endswith(ERASE),
          f"loading prescriptions is drawn and erased: {err!r}")

    code, out, err = run_with_terminal_stderr(["--quiet"])
    check(code == 0 and err == "", f"--quiet draws no progress even on a terminal: {err!r}")
    print("ok: progress on a terminal only, erased at the end, never piped or with --quiet")


if __name__ == "__main__":
    main()
