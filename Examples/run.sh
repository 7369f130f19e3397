#!/usr/bin/env bash
# Runs every example and checks its output (called by scripts/test.sh, so CI runs them).
# Usage: bash Examples/run.sh   (from anywhere; builds what it needs in debug)
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "Examples: $*" >&2; exit 1; }
swift build --product skyrecon >/dev/null || fail "skyrecon does not build (run swift build to see why)"
swift build --product example-757 >/dev/null || fail "example-757 does not build (run swift build --product example-757)"
swift build --product example-records-to-positions >/dev/null || fail "example-records-to-positions does not build"
bin="$(swift build --show-bin-path)"

out="$("$bin/example-757")"
echo "$out"
grep -q "Geocentric closest approach of Venus and M45 (Pleiades): Venus–Alcyone 1.264" <<<"$out" \
    || fail "example-757 did not find the 1.264° approach of 0757-03-14"

lines="$("$bin/example-records-to-positions" Examples/RecordsToPositions/records.csv)"
[ "$(wc -l <<<"$lines")" -eq 6 ] || fail "example-records-to-positions wrote $(wc -l <<<"$lines") lines, not 6 (two objects for each of three records)"
grep -q '"chineseDate":"唐玄宗開元二年七月己丑"' <<<"$lines" || fail "example-records-to-positions lost the Chinese date"
echo "example-records-to-positions: 6 JSON lines"

if ! command -v python3 >/dev/null 2>&1; then
    echo "Examples: python3 is absent: the Python examples are skipped"
    exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
python3 Examples/python/sqlite_join.py "$bin/skyrecon" "$tmp/people.sqlite" | tee "$tmp/join.txt"
grep -q "r1	至德二載二月壬午	0757-02-26	瞿曇悉達" "$tmp/join.txt" || fail "sqlite_join.py did not join 757 with 瞿曇悉達"

venv="${SKYRECON_EXAMPLES_VENV:-/tmp/skyrecon-examples-venv}"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import matplotlib" 2>/dev/null; then
    python3 -m venv "$venv" && "$venv/bin/pip" install --quiet --disable-pip-version-check matplotlib \
        || { echo "Examples: matplotlib could not be installed: the plot example is skipped"; exit 0; }
fi
"$venv/bin/python" Examples/python/plot_venus_pleiades.py "$bin/skyrecon" "$tmp/venus.png"
[ -s "$tmp/venus.png" ] || fail "plot_venus_pleiades.py wrote no PNG"
cp "$tmp/venus.png" "${SKYRECON_EXAMPLES_OUT:-$tmp}/venus-pleiades-757.png" 2>/dev/null || true
echo "Examples: all passed"
