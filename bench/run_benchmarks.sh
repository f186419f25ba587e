#!/usr/bin/env bash
# Builds thoth in Release (incrementally, in build-release/), runs the quick resolver benchmark
# against resolvelib (and the timed 1 s targets), and puts the Markdown results into docs/benchmarks.md between the lines
#   <!-- resolver-bench:begin -->  and  <!-- resolver-bench:end -->
# when that file has them; otherwise the results are printed. The full JSON goes to
# build-release/resolver-bench.json. Extra arguments go to bench/resolver_bench.py
# (e.g. `bench/run_benchmarks.sh --sample 20 --repeat 3`; drop --quick with FULL=1).
#
# Environment: THOTH_BIN (use this binary, skip the build), THOTH_BUILD_DIR, THOTH_SHARED_DIR, FULL,
# THOTH_BENCH_DOCS (another Markdown file to write the results into).
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${THOTH_BUILD_DIR:-$repo/build-release}"
thoth="${THOTH_BIN:-$build/thoth}"
python=/usr/bin/python3
docs="${THOTH_BENCH_DOCS:-$repo/docs/benchmarks.md}"
markdown="$build/resolver-bench.md"
json="$build/resolver-bench.json"

if [ -z "${THOTH_BIN:-}" ]; then
  cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTHOTH_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j2 --target thoth
fi
mkdir -p "$(dirname "$markdown")"

mode=(--quick)
[ -n "${FULL:-}" ] && mode=()
status=0
"$python" "$repo/bench/resolver_bench.py" "${mode[@]}" --thoth "$thoth" --output "$markdown" --json "$json" "$@" \
  || status=$?
if [ ! -f "$json" ] || [ "$status" -eq 2 ]; then
  cat "$markdown" 2>/dev/null || true  # no shared data (notice printed) or no binary
  exit "$status"
fi

# Refuse to publish numbers from a thoth that did not answer (placeholder CLI, crashes).
thoth_errors="$("$python" -c 'import json, sys
run = json.load(open(sys.argv[1]))
print(sum(r["thoth"]["outcome"] == "error" or r["thoth_in_memory"]["outcome"] == "error"
          for s in run["snapshots"] for r in s["requests"]))' "$json")"

if [ "$thoth_errors" -eq 0 ] && [ "$status" -eq 0 ] && [ -f "$docs" ] \
   && grep -q '^<!-- resolver-bench:begin -->$' "$docs" && grep -q '^<!-- resolver-bench:end -->$' "$docs"; then
  "$python" - "$docs" "$markdown" <<'EOF'
import sys
docs_path, results_path = sys.argv[1], sys.argv[2]
text = open(docs_path).read()
begin, end = "<!-- resolver-bench:begin -->\n", "<!-- resolver-bench:end -->"
head, rest = text.split(begin, 1)
_, tail = rest.split(end, 1)
open(docs_path, "w").write(head + begin + open(results_path).read().rstrip("\n") + "\n" + end + tail)
EOF
  echo "wrote the results into $docs"
else
  cat "$markdown"
  [ "$thoth_errors" -ne 0 ] && echo "not written to docs/benchmarks.md: thoth failed on $thoth_errors request(s)" >&2
  [ "$status" -ne 0 ] && echo "not written to docs/benchmarks.md: the lock check failed (exit $status)" >&2
  grep -q '^<!-- resolver-bench:begin -->$' "$docs" 2>/dev/null \
    || echo "not written: docs/benchmarks.md has no <!-- resolver-bench:begin/end --> lines" >&2
fi
exit "$status"
