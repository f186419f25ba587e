#!/usr/bin/env python3
"""End-to-end check of `thoth export` with real installers' rules, offline.

Builds three tiny real wheels, an index snapshot with their true sha256 hashes, locks a Pipfile with
thoth, then:
  * exports requirements.txt and has Debian's pip resolve it with --require-hashes --no-index
    against the wheels (pip --dry-run), and checks that a tampered hash makes pip refuse;
  * exports pylock.toml and checks the PEP 751 rules (lock-version, created-by, one entry per
    package with version, wheels with name, url and a hash equal to the file's real sha256);
  * runs `thoth graph` and `thoth why` on the lock.
Usage: test_export_pip.py THOTH_BINARY
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import tomllib
import zipfile

from support import THOTH, check

PYTHON = "/usr/bin/python3"


def make_wheel(folder, name, version, requires):
    file_name = f"{name}-{version}-py3-none-any.whl"
    path = os.path.join(folder, file_name)
    dist_info = f"{name}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n"
    metadata += "".join(f"Requires-Dist: {r}\n" for r in requires)
    wheel = "Wheel-Version: 1.0\nGenerator: thoth-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{name}/__init__.py", "")
        archive.writestr(f"{dist_info}/METADATA", metadata)
        archive.writestr(f"{dist_info}/WHEEL", wheel)
        archive.writestr(f"{dist_info}/RECORD", "")
    with open(path, "rb") as handle:
        digest = hashlib.sha256(handle.read()).hexdigest()
    return {"filename": file_name, "hashes": {"sha256": digest}}


def run(args, expect_ok=True, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if expect_ok and result.returncode != 0:
        sys.exit(f"FAIL: {' '.join(args)} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    return result


def main():
    with tempfile.TemporaryDirectory() as work:
        wheels = os.path.join(work, "wheels")
        os.mkdir(wheels)
        packages = {
            ("alpha", "1.0"): ["beta>=1", "gamma<2; python_version < '3.0'"],
            ("beta", "1.0"): [],
            ("beta", "2.0"): [],
        }
        snapshot = {}
        for (name, version), requires in packages.items():
            file = make_wheel(wheels, name, version, requires)
            snapshot.setdefault(name, {})[version] = {"requires_dist": requires, "files": [file]}
        index = os.path.join(work, "index.json")
        with open(index, "w") as handle:
            json.dump(snapshot, handle)
        project = os.path.join(work, "project")
        os.mkdir(project)
        pipfile = os.path.join(project, "Pipfile")
        with open(pipfile, "w") as handle:
            handle.write('[packages]\nalpha = "*"\n\n[requires]\npython_version = "3.11"\n')
        run([THOTH, "advise", "--pipfile", pipfile, "--index", index])
        lock = json.load(open(os.path.join(project, "Pipfile.lock")))
        check(lock["default"]["beta"]["version"] == "==2.0", "the lock pins beta 2.0")

        requirements = os.path.join(work, "requirements.txt")
        run([THOTH, "export", "--pipfile", pipfile, "--format", "requirements", "--output", requirements])
        pip = [PYTHON, "-m", "pip", "install", "--dry-run", "--no-index", "--find-links", wheels,
               "--require-hashes", "--quiet", "--target", os.path.join(work, "target"),
               "--report", os.path.join(work, "report.json"), "-r", requirements]
        env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1")
        run(pip, env=env)
        report = json.load(open(os.path.join(work, "report.json")))
        installed = {item["metadata"]["name"]: item["metadata"]["version"] for item in report["install"]}
        check(installed == {"alpha": "1.0", "beta": "2.0"}, f"pip installs exactly the lock: {installed}")

        text = open(requirements).read()
        tampered = text.replace(snapshot["beta"]["2.0"]["files"][0]["hashes"]["sha256"], "0" * 64)
        check(tampered != text, "the beta hash is in requirements.txt")
        open(requirements, "w").write(tampered)
        refused = run(pip, expect_ok=False, env=env)
        check(refused.returncode != 0 and "HASH" in refused.stderr.upper(), "pip refuses a tampered hash")

        pylock_path = os.path.join(work, "pylock.toml")
        run([THOTH, "export", "--pipfile", pipfile, "--format", "pylock", "--index", index, "--output", pylock_path])
        pylock = tomllib.load(open(pylock_path, "rb"))
        check(pylock["lock-version"] == "1.0", "lock-version 1.0")
        check(isinstance(pylock["created-by"], str) and pylock["created-by"], "created-by is set")
        names = [p["name"] for p in pylock["packages"]]
        check(names == ["alpha", "beta"], f"one entry per pinned package, sorted: {names}")
        for package in pylock["packages"]:
            check("version" in package and "wheels" in package, f"{package['name']} has version and wheels")
            for wheel in package["wheels"]:
                expected = snapshot[package["name"]][package["version"]]["files"][0]
                check(wheel["name"] == expected["filename"], "wheel name matches the file")
                check(wheel["hashes"] == expected["hashes"], "wheel hash is the file's real sha256")
                check(wheel["url"].startswith("https://files.pythonhosted.org/packages/py3/"), "PyPI file URL")
        second = run([THOTH, "export", "--pipfile", pipfile, "--format", "pylock", "--index", index]).stdout
        check(second == open(pylock_path).read(), "pylock output is deterministic and equals the written file")

        tree = run([THOTH, "graph", "--pipfile", pipfile, "--index", index]).stdout
        check(tree.splitlines()[:2] == ["alpha 1.0", "└── beta 2.0  [beta>=1]"], f"graph tree:\n{tree}")
        why = run([THOTH, "why", "beta", "--pipfile", pipfile, "--index", index]).stdout
        check("the project requires alpha -> alpha 1.0" in why and "alpha 1.0 requires beta>=1 -> beta 2.0" in why,
              f"why beta:\n{why}")
        missing = run([THOTH, "why", "gamma", "--pipfile", pipfile, "--index", index], expect_ok=False)
        check(missing.returncode == 1, "why of an unpinned package exits 1")
    print("PASS: export (pip --require-hashes, pylock rules), graph, why")


if __name__ == "__main__":
    main()
