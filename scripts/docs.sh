#!/usr/bin/env bash
# Builds the DocC documentation of skyrecon's modules (the SkyRecon catalogue: Getting started, Dates and calendars,
# Accuracy and models, Working with a corpus) and fails on any warning. The dependencies' own catalogues (GRDB,
# SnapshotTesting) are left out: their warnings are theirs.
# Usage: bash scripts/docs.sh    (archives under .build/plugins/Swift-DocC/outputs/)
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(FITS Tables SkyTime ChineseCalendar Ephemeris Sky Events TextLink SkyChart SkyRecon)
args=()
for t in "${targets[@]}"; do args+=(--target "$t"); done
log="$(mktemp)"
swift package generate-documentation "${args[@]}" >"$log" 2>&1 || { cat "$log"; exit 1; }
if grep -q "warning:" "$log"; then
    grep -A6 "warning:" "$log" | head -80
    echo "docs.sh: $(grep -c 'warning:' "$log") documentation warnings" >&2
    exit 1
fi
echo "docs.sh: documentation of ${#targets[@]} modules built without warnings"
