"""Self-tests of the benchmark's Python side on a tiny synthetic snapshot (no shared data needed).

Run: /usr/bin/python3 -m unittest discover -s bench -p 'test_*.py'   (ctest runs them as bench.self_tests)
They pin down the pip behaviours the provider claims to copy (pre-releases, Requires-Python,
markers, extras), that the lock check catches each kind of invalid lock, the ratio and target
arithmetic, the process measurement, and, when $THOTH_BINARY names a built thoth, that `thoth bench`
(in memory) and `thoth advise` (end to end) agree on the bundled snapshot. Nothing here asserts a speed.
"""

import json
import os
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lock_check import check_lock  # noqa: E402
from resolvelib_runner import ResolvelibWorker, resolve_once  # noqa: E402
from resolver_bench import plan_requests, sample_names  # noqa: E402
from snapshot import load_snapshot  # noqa: E402
from report import ratios  # noqa: E402
from targets import targets_markdown  # noqa: E402
import http_bench  # noqa: E402
from thoth_runner import advise_command, bench_command, run_measured, run_thoth, run_thoth_in_memory  # noqa: E402

BUNDLED_SNAPSHOT = Path(__file__).resolve().parent.parent / "fixtures" / "index" / "pypi-sample.json"

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

    def test_thoth_bench_gets_the_same_environment_and_the_requests_file(self):
        command = bench_command("thoth", self.snapshot, "requests.json", 60, 3)
        self.assertEqual(command[:6], ["thoth", "bench", "--index", str(self.snapshot.path), "--requests",
                                       "requests.json"])
        self.assertIn("sys_platform=linux", command)
        self.assertEqual(command[-4:], ["--timeout", "60", "--repeat", "3"])


def _row(peer_ms, peer_cpu, process, in_memory, peer_outcome="locked"):
    return {"resolvelib": {"ms": peer_ms, "cpu_ms": peer_cpu, "outcome": peer_outcome},
            "thoth": dict(process, outcome=process.get("outcome", "locked")),
            "thoth_in_memory": dict(in_memory, outcome=in_memory.get("outcome", "locked"))}


class ReportTest(unittest.TestCase):
    def test_ratios_divide_resolvelib_by_thoth_in_memory_and_end_to_end(self):
        row = _row(100.0, 50.0, {"wall_ms": 20.0, "cpu_ms": 10.0}, {"wall_ms": 4.0, "cpu_ms": 2.5})
        self.assertEqual(ratios(row), {"in_memory_cpu": 20.0, "in_memory_wall": 25.0,
                                       "end_to_end_cpu": 5.0, "end_to_end_wall": 5.0})

    def test_a_failed_thoth_run_has_no_ratio(self):
        row = _row(100.0, 50.0, {"wall_ms": 20.0, "cpu_ms": 10.0, "outcome": "error"},
                   {"wall_ms": None, "cpu_ms": None, "outcome": "error"})
        self.assertEqual(set(ratios(row).values()), {None})

    def test_targets_are_judged_against_their_limits(self):
        spread = {"median": 900.0, "min": 800.0, "max": 1200.0}
        slow = {"median": 1500.0, "min": 1400.0, "max": 1600.0}
        targets = [{"label": "fast", "runs": 3, "outcomes": ["locked"], "wall_ms": slow, "cpu_ms": spread,
                    "peak_rss_kib": 2048}]
        run = {"overall": {"median_ratios": {"in_memory_cpu": 25.0, "in_memory_wall": 19.0,
                                             "end_to_end_cpu": 1.0, "end_to_end_wall": None}}}
        text = "\n".join(targets_markdown(targets, run))
        self.assertIn("| fast | 3 | locked | 1500 (1400–1600) | 900 (800–1200) | 2 | **not met** | met |", text)
        self.assertIn("| 25.0 | 19.0 | met | **not met** |", text)
        self.assertIn("end to end | – | – |", text)


class RunMeasuredTest(unittest.TestCase):
    def test_cpu_time_is_the_childs_own_and_the_exit_code_is_kept(self):
        code, out, err, wall_ms, cpu_ms = run_measured(
            [sys.executable, "-c", "import sys, time\nt = time.process_time()\n"
             "while time.process_time() - t < 0.2: pass\nprint('done'); sys.exit(3)"], 30)
        self.assertEqual((code, out.strip()), (3, "done"))
        self.assertGreaterEqual(cpu_ms, 150.0)
        self.assertGreaterEqual(wall_ms, cpu_ms * 0.5)

    def test_a_child_past_its_limit_is_killed(self):
        code, *_ = run_measured([sys.executable, "-c", "import time; time.sleep(30)"], 0.2)
        self.assertIsNone(code)


class HttpBenchTest(unittest.TestCase):
    def test_pins_are_compared_by_normalized_name(self):
        self.assertEqual(http_bench.compare_pins({"oslo-i18n": "1.0"}, {http_bench.canonical("oslo.i18n"): "1.0"}),
                         "same")
        self.assertEqual(http_bench.compare_pins({"a": "1.0", "b": "2.0"}, {"a": "1.1"}),
                         "a: thoth 1.0, pip 1.1; b: thoth 2.0, pip -")
        self.assertEqual(http_bench.compare_pins(None, {"a": "1"}), "one side found no lock")

    def test_the_pip_tree_drops_only_the_pep658_attributes(self):
        with tempfile.TemporaryDirectory() as folder:
            tree = Path(folder) / "tree"
            (tree / "simple" / "a").mkdir(parents=True)
            (tree / "files" / "a").mkdir(parents=True)
            (tree / "files" / "a" / "a-1.0-py3-none-any.whl").write_bytes(b"PK")
            page = ('<a href="../../files/a/a-1.0-py3-none-any.whl#sha256=ab" data-requires-python="&gt;=3" '
                    'data-core-metadata="sha256=cd" data-dist-info-metadata="sha256=cd">a</a>')
            (tree / "simple" / "a" / "index.html").write_text(page)
            (tree / "simple" / "a" / "index.json").write_text('{"core-metadata": {"sha256": "cd"}}')
            copy = Path(http_bench.tree_without_html_metadata(str(tree)))
            self.assertEqual((copy / "simple" / "a" / "index.html").read_text(),
                             '<a href="../../files/a/a-1.0-py3-none-any.whl#sha256=ab" data-requires-python="&gt;=3">a</a>')
            self.assertEqual((copy / "simple" / "a" / "index.json").read_text(), '{"core-metadata": {"sha256": "cd"}}')
            self.assertEqual((copy / "files" / "a" / "a-1.0-py3-none-any.whl").read_bytes(), b"PK")

    def test_results_replace_only_the_generated_block(self):
        with tempfile.TemporaryDirectory() as folder:
            page = Path(folder) / "page.md"
            page.write_text(f"# T\n\nintro\n{http_bench.START_MARK}\nold\n{http_bench.END_MARK}\n\nprose\n")
            http_bench.write_results(str(page), "new\n")
            self.assertEqual(page.read_text(),
                             f"# T\n\nintro\n{http_bench.START_MARK}\nnew\n{http_bench.END_MARK}\n\nprose\n")

    def test_cpu_time_is_the_childs_own(self):
        (wall, cpu), result = http_bench.timed([sys.executable, "-c", "sum(range(3_000_000)); print('x')"])
        self.assertEqual((result.returncode, result.stdout), (0, "x\n"))
        self.assertGreater(cpu, 0.01)
        self.assertGreaterEqual(wall, cpu * 0.5)


@unittest.skipUnless(os.environ.get("THOTH_BINARY"), "set THOTH_BINARY to a built thoth")
class ThothBenchCommandTest(unittest.TestCase):
    def test_in_memory_and_end_to_end_runs_agree_and_their_locks_check(self):
        snapshot = load_snapshot(BUNDLED_SNAPSHOT)
        requests = [["requests"], ["pillow", "numpy"], ["six>=99"]]
        batch = run_thoth_in_memory(os.environ["THOTH_BINARY"], snapshot, requests, 60, 2)
        self.assertNotIn("error", batch, batch.get("error"))
        self.assertEqual(len(batch["results"]), len(requests))
        self.assertGreater(batch["peak_rss_kib"], 0)
        for requirements, in_memory in zip(requests, batch["results"]):
            process = run_thoth(os.environ["THOTH_BINARY"], snapshot, requirements, 60)
            self.assertEqual((in_memory["outcome"], in_memory["pins"]), (process["outcome"], process["pins"]))
            self.assertIsNotNone(process["cpu_ms"])
            if process["outcome"] == "locked":
                self.assertEqual(check_lock(snapshot, requirements, process["pins"])[0], [])
                self.assertIn(requirements[0], process["pins"])
        self.assertEqual(batch["results"][2]["outcome"], "unsatisfiable")


if __name__ == "__main__":
    unittest.main()
