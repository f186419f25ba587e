"""Self-tests of the benchmark's Python side on a tiny synthetic snapshot (no shared data needed).

Run: /usr/bin/python3 -m unittest discover -s bench -p 'test_*.py'
They pin down the pip behaviours the provider claims to copy (pre-releases, Requires-Python,
markers, extras) and that the lock check catches each kind of invalid lock.
"""

import json
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lock_check import check_lock  # noqa: E402
from resolvelib_runner import ResolvelibWorker, resolve_once  # noqa: E402
from resolver_bench import plan_requests, sample_names  # noqa: E402
from snapshot import load_snapshot  # noqa: E402
from thoth_runner import advise_command  # noqa: E402

TINY_INDEX = {
    "Alpha": {"1.0": {"requires_dist": []}, "2.0b1": {"requires_dist": []}},
    "beta": {"1.0rc1": {"requires_dist": []}},
    "gamma": {"1.0": {"requires_dist": []}, "2.0": {"requires_dist": [], "requires_python": ">=3.9"}},
    "delta": {"1.0": {"requires_dist": ['epsilon; sys_platform == "win32"', 'zeta; python_version >= "3"']}},
    "epsilon": {"1.0": {"requires_dist": []}},
    "zeta": {"1.0": {"requires_dist": []}, "not a version!!": {"requires_dist": []}},
    "eta": {"1.0": {"requires_dist": ['theta; extra == "fast"', "bad req (("]},
            "2.0": {"requires_dist": ['theta>=2; extra == "fast"']}},
    "theta": {"1.0": {"requires_dist": []}, "2.0": {"requires_dist": ["eta==2.0"]}},
    "iota": {"1.0": {"requires_dist": ["missing-project"]}},
    "kappa": {"1.0": {"requires_dist": {}}},
}


class TinySnapshotTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.TemporaryDirectory()
        path = Path(cls.folder.name) / "tiny.json"
        path.write_text(json.dumps(TINY_INDEX))
        cls.snapshot = load_snapshot(path)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def resolve(self, *requirements):
        return resolve_once(self.snapshot, list(requirements))

    def test_unparsable_versions_and_requirements_are_skipped_and_counted(self):
        self.assertEqual(self.snapshot.skipped["versions"], 1)
        self.assertEqual(self.snapshot.skipped["requirements"], 1)
        self.assertEqual(self.snapshot.skipped["requires_dist_not_a_list"], 1)

    def test_prereleases_are_used_only_when_named_or_nothing_else_matches(self):
        self.assertEqual(self.resolve("alpha")["pins"], {"alpha": "1.0"})
        self.assertEqual(self.resolve("alpha>=2.0b1")["pins"], {"alpha": "2.0b1"})
        self.assertEqual(self.resolve("beta")["pins"], {"beta": "1.0rc1"})

    def test_requires_python_excludes_versions_for_the_target(self):
        self.assertEqual(self.resolve("gamma")["pins"], {"gamma": "1.0"})
        self.assertEqual(self.resolve("gamma>=2")["outcome"], "impossible")

    def test_markers_are_evaluated_in_the_target_environment(self):
        self.assertEqual(self.resolve("delta")["pins"], {"delta": "1.0", "zeta": "1.0"})

    def test_an_extra_pulls_its_dependencies_at_the_base_version(self):
        result = self.resolve("eta[fast]")
        self.assertEqual(result["outcome"], "locked")
        self.assertEqual(result["pins"], {"eta": "2.0", "theta": "2.0"})
        self.assertEqual(self.resolve("eta[unknown-extra]")["pins"], {"eta": "2.0"})

    def test_a_missing_dependency_makes_the_request_impossible(self):
        self.assertEqual(self.resolve("iota")["outcome"], "impossible")

    def test_the_worker_gives_the_same_answer_as_an_in_process_run(self):
        worker = ResolvelibWorker(self.snapshot, 30)
        try:
            self.assertEqual(worker.resolve(["eta[fast]"])["pins"], self.resolve("eta[fast]")["pins"])
        finally:
            worker.close()

    def test_lock_check_accepts_a_valid_lock_and_flags_extra_pins(self):
        failures, unreachable = check_lock(self.snapshot, ["delta"], {"delta": "1.0", "zeta": "1.0", "alpha": "1.0"})
        self.assertEqual(failures, [])
        self.assertEqual(unreachable, ["alpha"])

    def test_lock_check_reports_each_kind_of_invalid_lock(self):
        cases = {
            "is not pinned": ("delta", {"delta": "1.0"}),
            "but theta==1.0 is pinned": ("eta[fast]", {"eta": "2.0", "theta": "1.0"}),
            "requires Python": ("gamma", {"gamma": "2.0"}),
            "has no such release": ("alpha", {"alpha": "3.0"}),
        }
        for expected, (root, pins) in cases.items():
            failures, _ = check_lock(self.snapshot, [root], pins)
            self.assertTrue(any(expected in failure for failure in failures), (expected, failures))

    def test_thoth_gets_every_non_empty_marker_of_the_target(self):
        command = advise_command("thoth", self.snapshot, ["a", "b>1"], 60)
        self.assertEqual(command[:4], ["thoth", "advise", "--index", str(self.snapshot.path)])
        self.assertIn("sys_platform=linux", command)
        self.assertNotIn("platform_release=", command)
        self.assertEqual(command.count("--requirement"), 2)
        self.assertEqual(command[-2:], ["--json", "--dry-run"])

    def test_the_quick_sample_is_deterministic_and_excludes_the_root(self):
        self.assertEqual(sample_names(["c", "a", "b"], 2), sample_names(["b", "c", "a"], 2))
        self.snapshot.roots = ["delta"]
        names = [requirements for kind, requirements in plan_requests(self.snapshot, True, 3)]
        self.assertEqual(names[0], ["delta"])
        self.assertEqual(len(names), 4)
        self.assertNotIn(["delta"], names[1:])


if __name__ == "__main__":
    unittest.main()
