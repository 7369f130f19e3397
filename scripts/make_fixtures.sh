#!/usr/bin/env bash
# Regenerates the committed test fixtures (Tests/Fixtures) from independent PyPI packages installed into a
# scratch venv under /tmp: pyerfa 2.0.1.5, jplephem, skyfield-data 7.0.0 (JPL DE421). See scripts/make_fixtures.py.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${SKYRECON_FIXTURE_VENV:-/tmp/skyrecon-fixtures-venv}
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check "pyerfa==2.0.1.5" "jplephem==2.24" "skyfield-data==7.0.0" numpy
mkdir -p Tests/Fixtures
"$venv/bin/python" scripts/make_fixtures.py > Tests/Fixtures/apparent-de421.csv
echo "wrote Tests/Fixtures/apparent-de421.csv ($(grep -vc '^#' Tests/Fixtures/apparent-de421.csv) lines)"
