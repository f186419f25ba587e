"""Runs resolvelib resolutions in a worker process so that a pathological request can be cut off.

The parent loads a snapshot once and forks a worker that inherits it (copy-on-write, no reload).
Each request goes to the worker over a pipe; the worker times only Resolver.resolve (wall and CPU). When a
request outlives its timeout the worker is killed, the request is recorded as "timeout", and
the next request gets a freshly forked worker. pip's round limit (200000) also applies.
"""

import multiprocessing
import os
import time

from resolvelib import BaseReporter, ResolutionImpossible, ResolutionTooDeep, Resolver

from pip_provider import PipLikeProvider, pins_of, root_requirements

PIP_MAX_ROUNDS = 200000  # pip's resolver passes this to Resolver.resolve


# A sample times `runs` resolutions back to back between two clock readings, so that reading the CPU
# clock (a system call) is spread over them; the runs double until a sample takes MIN_SAMPLE_MS of CPU
# (or MAX_RUNS). `thoth bench` measures the same way (cli/bench_command.cpp).
MIN_SAMPLE_MS = 1.0
MAX_RUNS = 1024
LONG_RUN_MS = 100.0


def _resolve(resolver, roots):
    try:
        return "locked", pins_of(resolver.resolve(roots, max_rounds=PIP_MAX_ROUNDS))
    except ResolutionImpossible:
        return "impossible", {}
    except ResolutionTooDeep:
        return "too_deep", {}
    except Exception as error:  # a provider bug must not stop the benchmark; it is reported
        return f"error: {type(error).__name__}: {error}", {}


def timed_sample(snapshot, requirement_texts, runs):
    """`runs` resolutions, each with its own provider and resolver made before the clock starts:
    {"outcome", "pins"} of the first, "ms" and "cpu_ms" per run."""
    prepared = []
    for _ in range(runs):
        roots = root_requirements(snapshot, requirement_texts)
        prepared.append((Resolver(PipLikeProvider(snapshot, roots), BaseReporter()), roots))
    results = []
    started, cpu_started = time.perf_counter(), time.process_time()
    for resolver, roots in prepared:
        results.append(_resolve(resolver, roots))
    elapsed_ms = (time.perf_counter() - started) * 1000.0
    cpu_ms = (time.process_time() - cpu_started) * 1000.0
    outcome, pins = results[0]
    return {"outcome": outcome, "ms": elapsed_ms / runs, "cpu_ms": cpu_ms / runs, "pins": pins, "runs": runs}


def resolve_once(snapshot, requirement_texts):
    """One timed sample in this process: {"outcome", "ms", "cpu_ms", "pins", "runs"}; outcome is
    "locked", "impossible", "too_deep" or "error"; ms is wall time, cpu_ms this process's CPU time,
    both per run. An untimed warm-up run comes first, as on thoth's side; then the runs per sample
    double until a sample is long enough (MIN_SAMPLE_MS). A warm-up of LONG_RUN_MS or more is the
    sample itself (a second run would only double the time that counts against the timeout)."""
    warm_up = timed_sample(snapshot, requirement_texts, 1)
    if warm_up["cpu_ms"] >= LONG_RUN_MS:
        return warm_up
    runs = 1
    while True:
        sample = timed_sample(snapshot, requirement_texts, runs)
        if sample["cpu_ms"] * runs >= MIN_SAMPLE_MS or runs >= MAX_RUNS:
            return sample
        runs *= 2


def process_cpu_ms(pid):
    """User + system CPU time of a live process so far, from /proc (Linux)."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf("SC_CLK_TCK")


def _serve(snapshot, connection):
    while True:
        request = connection.recv()
        if request is None:
            return
        connection.send(resolve_once(snapshot, request))


class ResolvelibWorker:
    """A forked worker holding `snapshot`; `resolve` enforces the per-request timeout."""

    def __init__(self, snapshot, timeout_s):
        self.m_snapshot = snapshot
        self.m_timeout_s = timeout_s
        self.m_context = multiprocessing.get_context("fork")
        self.m_process = None
        self.m_connection = None

    def resolve(self, requirement_texts):
        if self.m_process is None:
            self._start()
        cpu_before = process_cpu_ms(self.m_process.pid)
        self.m_connection.send(list(requirement_texts))
        if self.m_connection.poll(self.m_timeout_s):
            return self.m_connection.recv()
        cpu_ms = process_cpu_ms(self.m_process.pid) - cpu_before  # what it used before it was cut off
        self._kill()
        return {"outcome": "timeout", "ms": self.m_timeout_s * 1000.0, "cpu_ms": cpu_ms, "pins": {}}

    def close(self):
        if self.m_process is None:
            return
        self.m_connection.send(None)
        self.m_process.join(5)
        if self.m_process.is_alive():
            self._kill()
        self.m_process = None

    def _start(self):
        parent_end, child_end = self.m_context.Pipe()
        self.m_process = self.m_context.Process(target=_serve, args=(self.m_snapshot, child_end), daemon=True)
        self.m_process.start()
        child_end.close()
        self.m_connection = parent_end

    def _kill(self):
        self.m_process.kill()
        self.m_process.join()
        self.m_connection.close()
        self.m_process = None
        self.m_connection = None
