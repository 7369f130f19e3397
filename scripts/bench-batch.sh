#!/usr/bin/env bash
# The issue-7 batch job, whole process, side by side in one run:
#   100,000 rows `row,body,jd_tt` (venus/moon/mars/jupiter, 0-2000 CE) through
#   - a Python script using pyswisseph (installed in a scratch venv under /tmp), one core;
#   - skyrecon positions --input rows.csv --format csv, one core (taskset -c 0) and all cores: the binary
#     scripts/install.sh installs (scripts/release-build.sh: Swift runtime linked in, link-time optimised), and
#     the one `swift run -c release skyrecon` runs (shared Swift libraries, .build);
#   and the memory check: skyrecon on a file ten times larger (1,000,000 rows), all cores.
# The one-core comparison runs PAIRS times (default 5), the two tools alternating, so that both see the same load.
# Wall time, CPU time (user + system) and peak RSS from getrusage (scripts/rusage.py, microseconds).
# Usage: bash scripts/bench-batch.sh [ROWS] [PAIRS]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-100000}
pairs=${2:-5}
work=${SKYRECON_BENCH_DIR:-/tmp/skyrecon-bench-batch}
mkdir -p "$work"
command -v taskset >/dev/null || apt-get install -y util-linux >/dev/null
if [ ! -x "$work/venv/bin/python" ]; then python3 -m venv "$work/venv"; fi
"$work/venv/bin/python" -c 'import swisseph' 2>/dev/null || "$work/venv/bin/pip" install --quiet pyswisseph
bin=$(bash scripts/release-build.sh skyrecon 2>/dev/null)/skyrecon
swift build -c release --product skyrecon >/dev/null
shared=$(swift build -c release --show-bin-path)/skyrecon
python3 scripts/make_batch_rows.py "$rows" > "$work/rows.csv"
python3 scripts/make_batch_rows.py $((rows * 10)) > "$work/rows10.csv"

measure() {  # label, command...
    local label=$1; shift
    local wall cpu rss code
    read -r wall cpu rss code < <(python3 scripts/rusage.py "$work/out.csv" "$@")
    if [ "$code" != 0 ]; then echo "$label failed (exit $code)"; return 1; fi
    printf "%-44s wall %7.3f s  cpu %7.3f s  peak RSS %6.1f MB  (%s lines out)\n" "$label" "$wall" "$cpu" "$rss" \
        "$(wc -l < "$work/out.csv")"
}

echo "batch job: $rows rows, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
py="pyswisseph $("$work/venv/bin/python" -c 'import swisseph; print(swisseph.version)'), one core"
: > "$work/pairs.txt"
for i in $(seq "$pairs"); do
    measure "$py" taskset -c 0 "$work/venv/bin/python" scripts/batch_pyswisseph.py "$work/rows.csv" | tee -a "$work/pairs.txt"
    measure "skyrecon (installed build), one core" taskset -c 0 "$bin" positions --input "$work/rows.csv" --format csv \
        | tee -a "$work/pairs.txt"
done
# The ratio of the medians of CPU time (user + sys) over the pairs.
awk '/pyswisseph/ {p[++np] = $(NF-8)} /skyrecon \(installed/ {s[++ns] = $(NF-8)}
     function median(a, n,   i, j, t) { for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
                                        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
     END { mp = median(p, np); ms = median(s, ns); printf "median CPU over %d pairs: pyswisseph %.3f s, skyrecon %.3f s: %.1fx less\n", np, mp, ms, mp / ms }' "$work/pairs.txt"
measure "skyrecon (swift run build), one core" taskset -c 0 "$shared" positions --input "$work/rows.csv" --format csv
measure "skyrecon (installed build), all cores" "$bin" positions --input "$work/rows.csv" --format csv
measure "skyrecon (installed build), all cores, 10x rows (memory)" "$bin" positions --input "$work/rows10.csv" --format csv
