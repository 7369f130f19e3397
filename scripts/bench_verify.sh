#!/bin/sh
# Whole-process timings of reading + verifying records (release build, pinned to one core), beside the
# independent Python check (DE406 + ERFA) of the same night minima.
#
# Usage:  scripts/bench_verify.sh            (needs ../shared/corpus, or SKYRECON_SHARED)
# The Python side needs the scratch environment described in scripts/verify_evidence_check.py.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
shared=${SKYRECON_SHARED:-$root/../shared}
bin=$root/.build/release/skyrecon
[ -x "$bin" ] || (cd "$root" && swift build -c release --product skyrecon)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/xts"
cp "$shared"/corpus/texts/xintangshu_032_*.txt "$shared"/corpus/texts/xintangshu_033_*.txt "$tmp/xts/"
run() { label=$1; shift; printf '%-52s' "$label"; taskset -c 0 /usr/bin/time -f '%e s wall, %U s user, %M KB peak' "$@" 2>&1 >/dev/null | tail -1; }
run "新唐書 卷32–33: link + verify (jsonl)" "$bin" link --corpus "$tmp/xts" --format jsonl
run "whole corpus: link + verify (jsonl)" "$bin" link --corpus "$shared/corpus/texts" --format jsonl
run "whole corpus: reading only (--no-verify)" "$bin" link --corpus "$shared/corpus/texts" --format jsonl --no-verify
run "150 dev records: verify --input (no best date)" "$bin" verify --input "$shared/corpus/records-dev.tsv" --no-best-date --format jsonl
"$bin" verify --input "$shared/corpus/records-dev.tsv" --delta-t smh2016 --no-best-date --format jsonl > "$tmp/dev.jsonl" 2>/dev/null
if [ -x /tmp/venv-verify/bin/python ]; then
  run "same dev minima recomputed, DE406 + ERFA (Python)" /tmp/venv-verify/bin/python "$root/scripts/verify_evidence_check.py" "$tmp/dev.jsonl"
  /tmp/venv-verify/bin/python "$root/scripts/verify_evidence_check.py" "$tmp/dev.jsonl" | tail -1
fi
