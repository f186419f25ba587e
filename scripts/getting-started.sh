#!/usr/bin/env bash
# Runs every command of docs/getting-started.md, in order, on a scratch copy of the bundled example
# (examples/Pipfile against fixtures/index/pypi-sample.json), and fails on the first command whose
# exit code differs from what the guide says. CTest runs it (tests/CMakeLists.txt), so the guide
# cannot drift from the code.
# Usage: scripts/getting-started.sh [THOTH_BINARY] [ADVISORY_FOLDER]
# ADVISORY_FOLDER defaults to the PyPA advisory database in ../shared when present, else to the demo
# records in fixtures/advisory-records/demo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
thoth=$(cd "$(dirname "${1:-$root/build/thoth}")" && pwd)/$(basename "${1:-$root/build/thoth}")
advisories=${2:-}
if [ -z "$advisories" ]; then
  shared=${THOTH_SHARED_DIR:-$root/../shared}
  if [ -d "$shared/data/advisory-db/vulns" ]; then advisories=$shared/data/advisory-db/vulns
  else advisories=$root/fixtures/advisory-records/demo; fi
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$root/examples" "$work/my-app"
cd "$work/my-app"
export THOTH_INDEX="$root/fixtures/index/pypi-sample.json"

# expect CODE COMMAND...: run it as the guide shows it and check its exit code.
expect() {
  local want=$1; shift
  echo "\$ thoth ${*:2}" | sed "s|$advisories|ADVISORIES|g"
  set +e; "$@" > "$work/out" 2>&1; local got=$?; set -e
  head -n 12 "$work/out"
  if [ "$got" != "$want" ]; then echo "FAIL: exit code $got, the guide says $want" >&2; exit 1; fi
}

expect 0 "$thoth" config --dry-run
expect 0 "$thoth" add 'pydantic>=2'
expect 0 "$thoth" advise
test -s Pipfile.lock
expect 0 "$thoth" audit --advisories "$advisories"
expect 0 "$thoth" advise -t security --advisories "$advisories"
expect 0 "$thoth" why idna
expect 0 "$thoth" graph
expect 0 "$thoth" export --format requirements --output requirements.txt
grep -q -- '--hash=sha256:' requirements.txt
expect 1 "$thoth" advise --requirement 'flask==3.0.3' --requirement 'werkzeug<3'
grep -q "relax \`werkzeug<3\`" "$work/out"

# A pyproject.toml project with a constraints file.
cat > pyproject.toml <<'TOML'
[project]
name = "my-app"
requires-python = ">=3.10"
dependencies = ["flask>=3", "requests>=2.31"]

[dependency-groups]
test = ["pytest>=8"]
TOML
printf 'urllib3<2.2\n' > constraints.txt
expect 0 "$thoth" advise --input pyproject.toml --group test -c constraints.txt --lockfile requirements.lock.txt
grep -q '^urllib3==2\.[01]\.' requirements.lock.txt
# Exit code 0 or 1 depending on the advisory data (the held-back urllib3 may have a known advisory).
echo "\$ thoth audit requirements.lock.txt --advisories ADVISORIES"
set +e; "$thoth" audit requirements.lock.txt --advisories "$advisories"; audited=$?; set -e
if [ "$audited" -gt 1 ]; then echo "FAIL: audit of requirements.lock.txt exited $audited" >&2; exit 1; fi
printf 'requests<2\n' > too-old.txt
expect 1 "$thoth" advise --input pyproject.toml -c too-old.txt --dry-run
grep -q 'constraint too-old.txt:1' "$work/out"
echo "ok: every command of docs/getting-started.md behaves as the guide says"
