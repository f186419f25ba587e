#!/usr/bin/env bash
# What the whole Thoth prescriptions repository adds to an advise: runs `thoth advise` on the bundled
# example (examples/Pipfile, fixtures/index/pypi-sample.json) N times without and with
# `--prescriptions`, and prints the median wall time, the median user+system CPU time and the median
# `timings.prescriptions_ms` (loading and registering units). docs/prescriptions.md records the figures.
#
#   bench/prescriptions_overhead.sh [PRESCRIPTIONS_DIR] [RUNS]   (default ../shared/data/thoth-prescriptions, 5)
set -euo pipefail
cd "$(dirname "$0")/.."
repository="${1:-../shared/data/thoth-prescriptions}"
runs="${2:-5}"
thoth=build/thoth
[ -x "$thoth" ] || { echo "build thoth first (cmake --build build --target thoth)" >&2; exit 2; }
[ -d "$repository" ] || { echo "no prescriptions repository at $repository" >&2; exit 2; }

measure() {  # label, extra args...
  local label="$1"; shift
  local walls=() cpus=() loads=()
  for _ in $(seq "$runs"); do
    local out
    out=$( { /usr/bin/time -f "TIME %e %U %S" "$thoth" advise --pipfile examples/Pipfile \
             --index fixtures/index/pypi-sample.json --dry-run --json "$@" || true; } 2>&1 )
    read -r wall user sys < <(grep '^TIME' <<<"$out" | awk '{print $2, $3, $4}')
    walls+=("$wall"); cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')")
    loads+=("$(grep -v -e '^TIME' -e '^Command exited' <<<"$out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["timings"]["prescriptions_ms"])')")
  done
  median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
  printf '%-22s wall %6s s   cpu %6s s   prescriptions_ms %8s\n' "$label" \
    "$(median "${walls[@]}")" "$(median "${cpus[@]}")" "$(median "${loads[@]}")"
}

measure "no prescriptions"
measure "whole repository" --prescriptions "$repository"
