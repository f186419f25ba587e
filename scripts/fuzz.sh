#!/usr/bin/env bash
# Runs every libFuzzer target (fuzz/*.cpp) for SECONDS each (default 60), as many at once as there
# are cores. Builds the sanitizer build (clang, -DTHOTH_FUZZ=ON) when needed, writes the seed corpora
# from the fixtures and ../shared/data, keeps what the fuzzer learns in $BUILD_DIR/fuzz-corpus, and
# fails naming the saved input when a target crashes (copy it to tests/data/fuzz-regressions/<target>/).
# With THOTH_FUZZ_RUNS=N each target instead runs exactly N inputs from seed THOTH_FUZZ_SEED (default
# 1), starting from the seed corpora only: the same inputs on every machine, so a CI failure
# reproduces and a push is never refused by chance (SECONDS then only caps the time).
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Environment: THOTH_FUZZ_BUILD_DIR, THOTH_FUZZ_JOBS, THOTH_FUZZ_RUNS, THOTH_FUZZ_SEED
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
shift || true
BUILD_DIR="${THOTH_FUZZ_BUILD_DIR:-build-asan}"
JOBS="${THOTH_FUZZ_JOBS:-$(nproc)}"
RUNS="${THOTH_FUZZ_RUNS:-}"
SEED="${THOTH_FUZZ_SEED:-1}"

if [ ! -f "$BUILD_DIR/CMakeCache.txt" ] || ! grep -q '^THOTH_FUZZ:BOOL=ON' "$BUILD_DIR/CMakeCache.txt"; then
  THOTH_WITH_SANITIZERS=1 THOTH_BUILD_DIR="$BUILD_DIR" \
    THOTH_CMAKE_ARGS="-DCMAKE_CXX_COMPILER=clang++-14 -DTHOTH_FUZZ=ON ${THOTH_CMAKE_ARGS:-}" bash scripts/setup.sh
fi
cmake --build "$BUILD_DIR" -j"$(nproc)" --target thoth_fuzz_targets >/dev/null

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for source in fuzz/*.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi
rm -rf "$BUILD_DIR/fuzz-seeds"
python3 scripts/fuzz_seeds.py "$BUILD_DIR/fuzz-seeds" >/dev/null

# Runs one target; its log is $BUILD_DIR/fuzz-logs/<target>.log.
run_target() {
  local target="$1"
  local corpus="$BUILD_DIR/fuzz-corpus/$target" crashes="$BUILD_DIR/fuzz-crashes/$target"
  local regressions="tests/data/fuzz-regressions/$target" budget=()
  if [ -n "$RUNS" ]; then
    corpus="$BUILD_DIR/fuzz-corpus-fixed/$target"
    rm -rf "$corpus"
    budget=(-seed="$SEED" -runs="$RUNS")
  fi
  mkdir -p "$corpus" "$crashes" "$BUILD_DIR/fuzz-logs" "$BUILD_DIR/fuzz-seeds/$target"
  local inputs=("$corpus" "$BUILD_DIR/fuzz-seeds/$target")
  [ -d "$regressions" ] && inputs+=("$regressions")
  "$BUILD_DIR/fuzz/fuzz_$target" "${inputs[@]}" "${budget[@]}" -max_total_time="$SECONDS_EACH" -max_len=8192 -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$crashes/" \
    >"$BUILD_DIR/fuzz-logs/$target.log" 2>&1
}

failed=()
pids=()
names=()
running=0
for target in "${targets[@]}"; do
  ( if run_target "$target"; then
      runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$BUILD_DIR/fuzz-logs/$target.log" | grep -o '[0-9]*$' || echo "?")
      echo "fuzz: $target: ok, $runs runs${RUNS:+ from seed $SEED}"
    else
      echo "fuzz: $target: CRASH, see $BUILD_DIR/fuzz-logs/$target.log; inputs in $BUILD_DIR/fuzz-crashes/$target/"
      exit 1
    fi ) &
  pids+=($!)
  names+=("$target")
  running=$((running + 1))
  if [ "$running" -ge "$JOBS" ]; then
    wait "${pids[0]}" || failed+=("${names[0]}")
    pids=("${pids[@]:1}")
    names=("${names[@]:1}")
    running=$((running - 1))
  fi
done
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed+=("${names[$i]}")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: crashes in: ${failed[*]}" >&2
  exit 1
fi
