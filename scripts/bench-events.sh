#!/bin/sh
# The issue's event benchmarks, whole process, one core, beside pyswisseph (installed in a scratch venv under /tmp).
#   sh scripts/bench-events.sh
# Builds skyrecon in release, runs each search as a user would (`skyrecon events …`, output to /dev/null), then the
# same search with pyswisseph (scripts/events_pyswisseph.py bench …). Prints wall-clock seconds and event counts.
set -eu
cd "$(dirname "$0")/.."
VENV=${SKYRECON_SWE_VENV:-/tmp/skyrecon-swe-venv}
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q pyswisseph
fi
swift build -c release --product skyrecon >/dev/null
BIN=.build/release/skyrecon
run() {
    name=$1; shift
    start=$(date +%s.%N)
    count=$(taskset -c 0 "$BIN" events "$@" --format csv | tail -n +2 | wc -l)
    end=$(date +%s.%N)
    printf 'skyrecon   %-22s %5d events in %6.2f s (whole process)\n' "$name" "$count" "$(echo "$end - $start" | bc)"
    taskset -c 0 "$VENV/bin/python" scripts/events_pyswisseph.py bench "$name"
}
run venus-alcyone --from=-1000-01-01 --to 2000-01-01 --objects venus,alcyone --kind approach --within 1
run regulus-occultations --from 0600-01-01 --to 0900-01-01 --objects moon,regulus --kind occultation --site changan
run mars-stations --from 0600-01-01 --to 0900-01-01 --objects mars --kind station
run solar-eclipses --from=-1000-01-01 --to 2000-01-01 --objects sun --kind eclipse
