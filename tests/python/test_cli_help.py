#!/usr/bin/env python3
"""Checks the generated help surfaces of `thoth`: every command answers --help with exit 0 and a
usage line; docs/cli-reference.md equals `thoth help --markdown` (so it cannot drift from the code);
the man page renders without groff warnings; bash completion completes commands and options in a
real bash; the zsh script passes `zsh -n` when zsh is installed; global flags --color/--quiet work
anywhere and NO_COLOR is honoured.
Usage: test_cli_help.py THOTH_BINARY
"""
import os
import shutil
import subprocess

from support import THOTH, ROOT, check


def run(args, **kwargs):
    return subprocess.run([THOTH] + args, capture_output=True, text=True, **kwargs)


def main():
    usage = run(["--help"])
    check(usage.returncode == 0, "thoth --help exits 0")
    commands = [line.split()[0] for line in usage.stdout.split("Commands:\n")[1].split("\n\n")[0].splitlines()]
    check("advise" in commands and "export" in commands, f"commands listed: {commands}")
    for command in commands:
        result = run([command, "--help"])
        check(result.returncode == 0, f"thoth {command} --help exits 0: {result.stderr}")
        check("usage" in result.stdout.lower(), f"thoth {command} --help shows a usage line")

    reference = open(os.path.join(ROOT, "docs", "cli-reference.md")).read()
    check(reference == run(["help", "--markdown"]).stdout,
          "docs/cli-reference.md is current (regenerate: build/thoth help --markdown > docs/cli-reference.md)")

    man = run(["help", "--man"]).stdout
    check(man.startswith(".TH THOTH 1") and '.SH "THOTH advise"' in man, "man page has its header and sections")
    if shutil.which("groff"):
        rendered = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-z"], input=man, capture_output=True, text=True)
        check(rendered.returncode == 0 and rendered.stderr == "", f"groff renders the man page cleanly: {rendered.stderr}")

    script = run(["completion", "bash"]).stdout
    probe = script + "\nCOMP_WORDS=(thoth adv); COMP_CWORD=1; _thoth; echo \"${COMPREPLY[@]}\"" \
                     "\nCOMP_WORDS=(thoth advise --pip); COMP_CWORD=2; _thoth; echo \"${COMPREPLY[@]}\"\n"
    completed = subprocess.run(["bash", "-c", probe], capture_output=True, text=True)
    check(completed.stdout.splitlines() == ["advise", "--pipfile"], f"bash completion: {completed.stdout!r}")
    if shutil.which("zsh"):
        zsh = subprocess.run(["zsh", "-n"], input=run(["completion", "zsh"]).stdout, capture_output=True, text=True)
        check(zsh.returncode == 0, f"zsh -n accepts the zsh completion: {zsh.stderr}")
    check(run(["completion", "fish"]).returncode == 2, "an unknown shell is a usage error")

    plain = run(["nonsense"], env=dict(os.environ, NO_COLOR="1"))
    check(plain.returncode == 2 and "\x1b[" not in plain.stderr, "no colour when piped / NO_COLOR")
    forced = run(["--color", "always", "nonsense"])
    check("\x1b[1;31merror:\x1b[0m" in forced.stderr, "--color always colours errors even when piped")
    check(run(["--color=sometimes", "advise"]).returncode == 2, "a bad --color value is a usage error")
    check(run(["advise", "--help", "--quiet"]).returncode == 0, "global flags are accepted after the command")
    print("PASS: help, generated reference and man page, completion, colour flags")


if __name__ == "__main__":
    main()
