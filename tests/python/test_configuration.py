#!/usr/bin/env python3
"""Checks the precedence of docs/configuration.md on `thoth advise`: a flag beats its THOTH_* variable,
which beats .thoth.yaml, which beats the built-in default; the user's $XDG_CONFIG_HOME/thoth/thoth.yaml
is read only when the project has no .thoth.yaml; a malformed variable is exit code 2 naming it. The
other commands read THOTH_* the same way (`thoth audit` with THOTH_ADVISORIES here).
Usage: test_configuration.py THOTH_BINARY
"""
import json
import os
import shutil
import subprocess
import tempfile

from support import THOTH, ROOT, check, SAMPLE_INDEX as INDEX


def advise(folder, extra_args=(), env_vars=None):
    env = {key: value for key, value in os.environ.items() if not key.startswith("THOTH_") and not key.startswith("XDG_")}
    env["HOME"] = folder  # no ~/.config/thoth of the machine running the test
    env.update(env_vars or {})
    result = subprocess.run([THOTH, "advise", "--input", os.path.join(folder, "requirements.in"), "--index", INDEX,
                             "--dry-run", "--json"] + list(extra_args), capture_output=True, text=True, env=env)
    return result


def clean_env(env_vars=None):
    env = {key: value for key, value in os.environ.items() if not key.startswith("THOTH_") and not key.startswith("XDG_")}
    env.update(env_vars or {})
    return env


def check_audit_reads_variables(work):
    """thoth audit takes --advisories from THOTH_ADVISORIES, and its flag wins over the variable."""
    project = os.path.join(work, "audited")
    os.mkdir(project)
    shutil.copy(os.path.join(ROOT, "examples", "Pipfile"), project)
    locked = subprocess.run([THOTH, "advise", "--pipfile", os.path.join(project, "Pipfile"), "--index", INDEX],
                            capture_output=True, text=True, env=clean_env({"HOME": work}))
    check(locked.returncode == 0, f"the example locks: {locked.stderr}")
    lock = os.path.join(project, "Pipfile.lock")
    records = os.path.join(ROOT, "fixtures", "advisory-records", "demo")
    audit = lambda args, env: subprocess.run([THOTH, "audit", lock] + args, capture_output=True, text=True,
                                             env=clean_env(dict(env, HOME=work)))
    without = audit([], {})
    check(without.returncode == 2, f"audit without an advisory source is exit 2: {without.stderr}")
    from_env = audit(["--json"], {"THOTH_ADVISORIES": records})
    check(from_env.returncode in (0, 1) and json.loads(from_env.stdout), f"THOTH_ADVISORIES feeds audit: {from_env.stderr}")
    missing = os.path.join(work, "no-such-folder")
    flag_wins = audit(["--advisories", missing], {"THOTH_ADVISORIES": records})
    check(flag_wins.returncode == 2 and "no-such-folder" in flag_wins.stderr,
          f"the --advisories flag wins over THOTH_ADVISORIES: {flag_wins.stderr}")


def described(result):
    check(result.returncode == 0, f"advise exits 0: {result.stderr}")
    report = json.loads(result.stdout)
    return report["environment"]["markers"]["python_full_version"], report["recommendation_type"]


def main():
    with tempfile.TemporaryDirectory() as work:
        project = os.path.join(work, "project")
        os.mkdir(project)
        with open(os.path.join(project, "requirements.in"), "w") as out:
            out.write("idna\n")
        check(described(advise(project)) == ("3.12.0", "stable"), "built-in defaults: Python 3.12, stable")

        with open(os.path.join(project, ".thoth.yaml"), "w") as out:
            out.write("runtime_environments:\n  - name: prod\n    python_version: \"3.9\"\n"
                      "    recommendation_type: latest\n")
        check(described(advise(project)) == ("3.9.0", "latest"), ".thoth.yaml beats the defaults")
        from_env = advise(project, env_vars={"THOTH_PYTHON_VERSION": "3.10", "THOTH_RECOMMENDATION_TYPE": "testing"})
        check(described(from_env) == ("3.10.0", "testing"), "THOTH_* beats .thoth.yaml")
        from_flag = advise(project, ["--python-version", "3.11", "-t", "stable"],
                           {"THOTH_PYTHON_VERSION": "3.10", "THOTH_RECOMMENDATION_TYPE": "testing"})
        check(described(from_flag) == ("3.11.0", "stable"), "flags beat THOTH_*")

        user = os.path.join(work, "xdg-config", "thoth")
        os.makedirs(user)
        with open(os.path.join(user, "thoth.yaml"), "w") as out:
            out.write("runtime_environments:\n  - name: mine\n    python_version: \"3.8\"\n")
        xdg = {"XDG_CONFIG_HOME": os.path.join(work, "xdg-config")}
        check(described(advise(project, env_vars=xdg))[0] == "3.9.0", "the project's .thoth.yaml beats the user's")
        os.remove(os.path.join(project, ".thoth.yaml"))
        check(described(advise(project, env_vars=xdg))[0] == "3.8.0", "the user's XDG config is read when the project has none")

        bad = advise(project, env_vars={"THOTH_TIMEOUT": "soon"})
        check(bad.returncode == 2 and "THOTH_" in bad.stderr and "timeout" in bad.stderr, f"a bad variable is 2: {bad.stderr}")
        ignored = advise(project, env_vars={"THOTH_NOT_A_SETTING": "x", "THOTH_LIBC": "musl-1.2"})
        check(ignored.returncode == 0, f"other THOTH_* variables are ignored: {ignored.stderr}")
        check_audit_reads_variables(work)
    print("ok: flags > THOTH_* > .thoth.yaml (project, then XDG user) > defaults; audit reads THOTH_* too")


if __name__ == "__main__":
    main()
