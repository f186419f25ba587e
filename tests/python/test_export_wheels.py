#!/usr/bin/env python3
"""The wheels `thoth index export` writes are valid, and the index pages advertise their true hashes.

Exports a small snapshot (one project spelled two ways by its requirers), then checks for every wheel:
Python's zipfile opens it and finds exactly `<name>-<version>.dist-info/{METADATA,WHEEL,RECORD}`, its
METADATA is byte-identical to the PEP 658 `.metadata` file, RECORD's hashes and sizes are right, and the
JSON and HTML pages advertise the sha256 and size of the bytes on disk (and of the metadata file). A
second export is byte-identical. The metadata `Name:` is the spelling most requirers use. Finally
Debian's pip installs one wheel with --no-index --find-links into a temporary folder (skipped with a
notice when pip is missing). Offline: nothing here touches the network.
Usage: test_export_wheels.py THOTH_BINARY
"""
import base64
import hashlib
import html.parser
import json
import os
import subprocess
import tempfile
import zipfile

from support import THOTH, check

PYTHON = "/usr/bin/python3"

SNAPSHOT = {
    "oslo-i18n": {"1.0": {"requires_dist": []}, "2.0-1": {"requires_dist": ["pbr>=1"], "requires_python": ">=3.8"}},
    "pbr": {"5.0": {"requires_dist": []}},
    "client-a": {"1.0": {"requires_dist": ["oslo.i18n>=1", "PBR"]}},
    "client-b": {"1.0": {"requires_dist": ["oslo.i18n; python_version >= '3'"]}},
    "client-c": {"1.0": {"requires_dist": ["oslo_i18n"], "yanked": "broken"}},
}


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


class Links(html.parser.HTMLParser):
    """href and attributes of every <a> of a PEP 503 page."""

    def __init__(self):
        super().__init__()
        self.anchors = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.anchors.append(dict(attrs))


def check_record(archive, dist_info):
    rows = [line.split(",") for line in archive.read(f"{dist_info}/RECORD").decode().splitlines()]
    check([row[0] for row in rows] == [f"{dist_info}/METADATA", f"{dist_info}/WHEEL", f"{dist_info}/RECORD"],
          f"RECORD lists the three files: {rows}")
    for path, digest, size in rows[:2]:
        data = archive.read(path)
        expected = "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        check(digest == expected and size == str(len(data)), f"RECORD entry of {path}")
    check(rows[2][1:] == ["", ""], "RECORD lists itself without a hash")


def check_wheel(files_dir, entry, anchor):
    name = entry["filename"]
    data = read(os.path.join(files_dir, name))
    metadata = read(os.path.join(files_dir, name + ".metadata"))
    check(entry["hashes"]["sha256"] == sha256(data) and entry["size"] == len(data), f"{name}: JSON hash and size")
    check(entry["core-metadata"] == {"sha256": sha256(metadata)}, f"{name}: JSON core-metadata hash")
    check(anchor["href"].endswith(f"/{name}#sha256={sha256(data)}"), f"{name}: HTML href hash")
    check(anchor["data-core-metadata"] == f"sha256={sha256(metadata)}", f"{name}: HTML core-metadata hash")
    distribution, version = name.split("-")[:2]
    dist_info = f"{distribution}-{version}.dist-info"
    with zipfile.ZipFile(os.path.join(files_dir, name)) as archive:
        check(archive.testzip() is None, f"{name}: CRCs")
        check(archive.namelist() == [f"{dist_info}/{part}" for part in ("METADATA", "WHEEL", "RECORD")],
              f"{name}: entries {archive.namelist()}")
        check(archive.read(f"{dist_info}/METADATA") == metadata, f"{name}: METADATA equals the PEP 658 file")
        wheel = archive.read(f"{dist_info}/WHEEL").decode()
        check("Wheel-Version: 1.0\n" in wheel and "Tag: py3-none-any\n" in wheel, f"{name}: WHEEL file")
        check(all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist()), f"{name}: fixed dates")
        check_record(archive, dist_info)
    return metadata.decode()


def check_tree(tree):
    names = {}
    for project in sorted(SNAPSHOT):
        page = json.load(open(os.path.join(tree, "simple", project, "index.json")))
        links = Links()
        links.feed(open(os.path.join(tree, "simple", project, "index.html")).read())
        check(len(page["files"]) == len(SNAPSHOT[project]) == len(links.anchors), f"{project}: one file per release")
        for entry, anchor in zip(page["files"], links.anchors):
            metadata = check_wheel(os.path.join(tree, "files", project), entry, anchor)
            names[project] = metadata.splitlines()[1]
    check(names["oslo-i18n"] == "Name: oslo.i18n", f"the most used spelling names the project: {names}")
    check(names["pbr"] == "Name: PBR", f"a tie goes to the first spelling in byte order: {names}")
    check(names["client-a"] == "Name: client-a", f"an unrequired project keeps the snapshot key: {names}")


def pip_install(tree, work):
    if subprocess.run([PYTHON, "-m", "pip", "--version"], capture_output=True).returncode != 0:
        print("skipped: pip install of an exported wheel (Debian's pip is not installed)")
        return
    target = os.path.join(work, "target")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    result = subprocess.run([PYTHON, "-m", "pip", "install", "--isolated", "--disable-pip-version-check",
                             "--no-index", "--find-links", os.path.join(tree, "files", "oslo-i18n"),
                             "--no-cache-dir", "--no-deps", "--target", target, "oslo.i18n==2.0.post1"],
                            capture_output=True, text=True, env=env)
    check(result.returncode == 0, f"pip installs the exported wheel:\n{result.stdout}\n{result.stderr}")
    installed = os.path.join(target, "oslo_i18n-2.0_1.dist-info", "METADATA")
    check(os.path.isfile(installed), f"pip installed the dist-info: {os.listdir(target)}")
    check(read(installed) == read(os.path.join(tree, "files", "oslo-i18n", "oslo_i18n-2.0_1-py3-none-any.whl.metadata")),
          "the installed METADATA is the served one")


def main():
    with tempfile.TemporaryDirectory() as work:
        snapshot = os.path.join(work, "snapshot.json")
        with open(snapshot, "w") as handle:
            json.dump(SNAPSHOT, handle)
        trees = [os.path.join(work, "tree"), os.path.join(work, "again")]
        for tree in trees:
            result = subprocess.run([THOTH, "index", "export", snapshot, tree], capture_output=True, text=True)
            check(result.returncode == 0, f"thoth index export: {result.stderr}")
        check_tree(trees[0])
        for folder, _, files in os.walk(trees[0]):
            for name in files:
                path = os.path.join(folder, name)
                check(read(path) == read(path.replace(trees[0], trees[1], 1)), f"deterministic: {name}")
        pip_install(trees[0], work)
    print("PASS: exported wheels are valid and their hashes advertised")


if __name__ == "__main__":
    main()
