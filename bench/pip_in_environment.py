#!/usr/bin/python3
"""Runs Debian's pip with the marker environment of a benchmark target instead of this machine's.

pip evaluates environment markers (`sys_platform == "darwin"`, `python_version < "3.9"`) against the
interpreter that runs it; it has no option to evaluate them for another machine (`--python-version`
only changes the Requires-Python check and the wheel tags). For pip to resolve the same request as thoth
(the 2023 pyrax snapshot's captured macOS environment, CPython 3.8 on Linux for the 2020 snapshots),
this wrapper replaces the one function pip's vendored `packaging` reads the environment from, then runs
pip's own entry point with the remaining arguments. Nothing else of pip changes.

  /usr/bin/python3 bench/pip_in_environment.py MARKERS.json install --dry-run --report ... REQUIREMENTS
"""
import json
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    with open(sys.argv[1]) as handle:
        markers = json.load(handle)
    if not isinstance(markers, dict) or not all(isinstance(v, str) for v in markers.values()):
        sys.exit(f"{sys.argv[1]}: expected a JSON object of marker names to strings")
    import pip._vendor.packaging.markers as pip_markers  # pip's own copy, the one its resolver uses
    pip_markers.default_environment = lambda: dict(markers)
    from pip._internal.cli.main import main as pip_main
    return pip_main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
