#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target (fuzz/*.cpp) into OUT/<target>/, one file per input.

Seeds come from the repository's fixtures and, when present, the shared data beside the checkout
(../shared/data or $THOTH_SHARED_DIR/data): PEP vectors, PyPI snapshots, Thoth prescriptions. Small
hand-made seeds live in fuzz/seeds/<target>/. Adding a target: one entry in SOURCES.
Usage: fuzz_seeds.py OUT_DIR
"""
import hashlib
import json
import os
import pathlib
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED = pathlib.Path(os.environ.get("THOTH_SHARED_DIR", ROOT.parent / "shared")) / "data"
MAX_SEEDS = 400       # per target and source: enough variety, a short first pass
MAX_SEED_BYTES = 8192  # longer inputs slow libFuzzer down without adding coverage


def vector_strings(name, key):
    path = SHARED / "pep-vectors" / name
    if not path.exists():
        return []
    return [case[key] for case in json.loads(path.read_text())["cases"] if isinstance(case.get(key), str)]


def snapshots():
    """Yields (name, document) of every snapshot: the bundled one and the shared PyPI ones."""
    paths = [ROOT / "fixtures/index/pypi-sample.json"] + sorted(p for p in (SHARED / "pypi-snapshots").glob("*.json") if not p.name.endswith(".environment.json"))
    for path in paths:
        if path.exists():
            yield json.loads(path.read_text())


def snapshot_items(pick):
    items = []
    for document in snapshots():
        for project, releases in document.items():
            for version, release in releases.items():
                items.extend(pick(project, version, release))
    return items


def scenario_values(key):
    values = []
    for path in sorted((ROOT / "fixtures/scenarios").rglob("*.yaml")):
        document = yaml.safe_load(path.read_text())
        if isinstance(document, dict) and key in document:
            value = document[key]
            values.append(value if isinstance(value, str) else json.dumps(value))
    return values


def small_snapshots():
    """One small snapshot per project (the fuzzer mutates small documents far better)."""
    seeds = []
    for document in snapshots():
        for project, releases in list(document.items())[:MAX_SEEDS]:
            seeds.append(json.dumps({project: releases}))
    return seeds + scenario_values("index")


def sampled_yaml_files(root):
    """The texts of an even sample of at most MAX_SEEDS small YAML files below `root` (none when absent)."""
    if not root.exists():
        return []
    files = sorted(p for p in root.rglob("*.yaml") if p.stat().st_size <= MAX_SEED_BYTES)
    step = max(1, len(files) // MAX_SEEDS)
    return [p.read_text(errors="replace") for p in files[::step]]


def prescriptions():
    return sampled_yaml_files(SHARED / "thoth-prescriptions" / "prescriptions")


def simple_json_pages():
    """One PEP 691 page per project of the snapshots, listing its files."""
    pages = []
    for document in snapshots():
        for project, releases in list(document.items())[:MAX_SEEDS]:
            files = [{"filename": f["filename"], "url": "../../files/" + f["filename"], "hashes": f.get("hashes", {})}
                     for release in releases.values() for f in release.get("files", []) if isinstance(f, dict) and "filename" in f]
            pages.append(json.dumps({"meta": {"api-version": "1.1"}, "name": project, "versions": list(releases), "files": files[:20]}))
    return pages


def simple_html_pages():
    """The same pages as PEP 503 HTML anchors."""
    pages = []
    for page in simple_json_pages():
        document = json.loads(page)
        anchors = "".join(f'<a href="{f["url"]}#sha256={f["hashes"].get("sha256", "")}">{f["filename"]}</a><br/>\n'
                          for f in document["files"])
        pages.append(f"<!DOCTYPE html><html><body><h1>Links for {document['name']}</h1>\n{anchors}</body></html>\n")
    return pages


def core_metadata(project, version, release):
    lines = ["Metadata-Version: 2.1", f"Name: {project}", f"Version: {version}"]
    if release.get("requires_python"):
        lines.append(f"Requires-Python: {release['requires_python']}")
    lines += [f"Requires-Dist: {requirement}" for requirement in release.get("requires_dist") or []]
    return ["\n".join(lines) + "\n"]


def osv_records():
    return sampled_yaml_files(SHARED / "advisory-db" / "vulns")


def wheel_names(project, version, release):
    return [f["filename"] for f in release.get("files", []) if isinstance(f, dict) and "filename" in f]


SOURCES = {
    "version": lambda: vector_strings("version_valid.json", "version")
    + snapshot_items(lambda project, version, release: [version]),
    "specifier": lambda: vector_strings("specifier_valid.json", "specifier")
    + snapshot_items(lambda p, v, release: [release.get("requires_python") or ""]),
    "requirement": lambda: vector_strings("requirement_valid.json", "requirement")
    + snapshot_items(lambda p, v, release: release.get("requires_dist") or []),
    "marker": lambda: vector_strings("marker_valid.json", "marker"),
    "wheel_name": lambda: snapshot_items(wheel_names),
    "pipfile": lambda: scenario_values("pipfile") + [(ROOT / "examples/Pipfile").read_text()],
    "lockfile": lambda: [],
    "snapshot": small_snapshots,
    "prescription": prescriptions,
    "thoth_config": lambda: [],
    "pyproject": lambda: [],
    "requirements_file": lambda: snapshot_items(lambda p, v, release: ["\n".join(release.get("requires_dist") or [])]),
    "simple_json": simple_json_pages,
    "simple_html": simple_html_pages,
    "core_metadata": lambda: snapshot_items(core_metadata),
    "osv_record": osv_records,
}


def write_seeds(folder, seeds):
    folder.mkdir(parents=True, exist_ok=True)
    unique = {}
    for seed in seeds:
        data = seed.encode() if isinstance(seed, str) else seed
        if data and len(data) <= MAX_SEED_BYTES:
            unique[hashlib.sha1(data).hexdigest()] = data
    chosen = sorted(unique.items())
    step = max(1, len(chosen) // (4 * MAX_SEEDS))
    for digest, data in chosen[::step]:
        (folder / digest).write_bytes(data)
    return len(chosen[::step])


def main():
    out = pathlib.Path(sys.argv[1])
    for target, source in SOURCES.items():
        hand_made = [p.read_bytes() for p in sorted((ROOT / "fuzz/seeds" / target).glob("*"))]
        count = write_seeds(out / target, source() + hand_made)
        print(f"fuzz seeds: {target}: {count}")


if __name__ == "__main__":
    main()
