#!/usr/bin/env python3
"""Dev-only generator of the wheel-tag reference lists in this folder (tests never run it).

Each JSON file holds, for one target environment, the supported tags in priority order as
packaging's `sys_tags()` would list them on that machine. `sys_tags()` only describes the running
host, so we call the building blocks it uses with the target's values instead:
  cpython_tags(version, [cpXY], platforms) + compatible_tags(version, "cpXY", platforms),
where the platforms come from `_manylinux.platform_tags` (with `_get_glibc_version` patched),
the musllinux rule (`musllinux_<major>_<minor..0>_<arch>`, as `_musllinux.platform_tags` with a
patched `_get_musl_version`), `mac_platforms(version, arch)`, or the single Windows platform.
Each Linux list ends with `linux_<arch>`, as `_linux_platforms()` does.

Run with Debian's interpreter (packaging 23.0):  /usr/bin/python3 generate.py
"""
import json
import pathlib
import sys

import packaging
from packaging import tags
from packaging.tags import _manylinux, _musllinux

ENVIRONMENTS = [
    # name, python (major, minor), kind, details
    ("cp38-manylinux-glibc2.17-x86_64", (3, 8), "glibc", {"version": (2, 17), "arch": "x86_64"}),
    ("cp311-manylinux-glibc2.28-aarch64", (3, 11), "glibc", {"version": (2, 28), "arch": "aarch64"}),
    ("cp312-manylinux-glibc2.35-x86_64", (3, 12), "glibc", {"version": (2, 35), "arch": "x86_64"}),
    ("cp38-manylinux-glibc2.35-aarch64", (3, 8), "glibc", {"version": (2, 35), "arch": "aarch64"}),
    ("cp311-musllinux-1.2-x86_64", (3, 11), "musl", {"version": (1, 2), "arch": "x86_64"}),
    ("cp312-macosx-11.0-arm64", (3, 12), "macos", {"version": (11, 0), "arch": "arm64"}),
    ("cp38-macosx-10.9-x86_64", (3, 8), "macos", {"version": (10, 9), "arch": "x86_64"}),
    ("cp312-macosx-14.0-x86_64", (3, 12), "macos", {"version": (14, 0), "arch": "x86_64"}),
    ("cp311-win-amd64", (3, 11), "windows", {"platform": "win_amd64"}),
    ("cp38-win32", (3, 8), "windows", {"platform": "win32"}),
    ("cp312-win-arm64", (3, 12), "windows", {"platform": "win_arm64"}),
]


def linux_glibc_platforms(version, arch):
    _manylinux._get_glibc_version.cache_clear()
    original = _manylinux._get_glibc_version
    _manylinux._get_glibc_version = lambda: version
    try:
        platforms = list(_manylinux.platform_tags(f"linux_{arch}", arch))
    finally:
        _manylinux._get_glibc_version = original
    return platforms + [f"linux_{arch}"]


def linux_musl_platforms(version, arch):
    original = _musllinux._get_musl_version
    _musllinux._get_musl_version = lambda executable: _musllinux._MuslVersion(*version)
    try:
        platforms = list(_musllinux.platform_tags(arch))
    finally:
        _musllinux._get_musl_version = original
    return platforms + [f"linux_{arch}"]


def platforms_for(kind, details):
    if kind == "glibc":
        return linux_glibc_platforms(details["version"], details["arch"])
    if kind == "musl":
        return linux_musl_platforms(details["version"], details["arch"])
    if kind == "macos":
        return list(tags.mac_platforms(details["version"], details["arch"]))
    return [details["platform"]]


def target_description(kind, details):
    if kind in ("glibc", "musl"):
        return {"platform": f"linux-{details['arch']}", "libc_family": kind,
                "libc_version": "%d.%d" % details["version"]}
    if kind == "macos":
        return {"platform": "macosx-%d.%d-%s" % (*details["version"], details["arch"])}
    platform = details["platform"]
    return {"platform": platform if platform == "win32" else platform.replace("_", "-")}


def main():
    here = pathlib.Path(__file__).resolve().parent
    for name, python, kind, details in ENVIRONMENTS:
        interpreter = "cp%d%d" % python
        platforms = platforms_for(kind, details)
        supported = list(tags.cpython_tags(python, [interpreter], platforms))
        supported += list(tags.compatible_tags(python, interpreter, platforms))
        document = {
            "generated_by": f"packaging {packaging.__version__} (tests/data/tags/generate.py)",
            "implementation": "cpython",
            "python_version": "%d.%d" % python,
            **target_description(kind, details),
            "tags": [str(tag) for tag in supported],
        }
        (here / f"{name}.json").write_text(json.dumps(document, indent=1) + "\n")
        print(f"{name}: {len(supported)} tags", file=sys.stderr)


if __name__ == "__main__":
    main()
