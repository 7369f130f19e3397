#!/usr/bin/env bash
# The test command of README.md and CI: installs the test-only data (DE421 SPK from the PyPI package
# skyfield-data, used to test the SPK reader; astropy in a scratch venv, the independent WCS the FITS chart is
# checked with; jsonschema for the output schemas), runs the examples (Examples/run.sh checks their outputs), checks
# every command's JSON and CSV against Schemas/ and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${SKYRECON_TEST_DE421:-}" ]; then
    de421=$(python3 -c 'import skyfield_data, os; print(os.path.join(os.path.dirname(skyfield_data.__file__), "data", "de421.bsp"))' 2>/dev/null || true)
    if [ -z "$de421" ] || [ ! -f "$de421" ]; then
        python3 -m pip install --quiet --disable-pip-version-check "skyfield-data==7.0.0" >/dev/null 2>&1 || true
        de421=$(python3 -c 'import skyfield_data, os; print(os.path.join(os.path.dirname(skyfield_data.__file__), "data", "de421.bsp"))' 2>/dev/null || true)
    fi
    if [ -n "$de421" ] && [ -f "$de421" ]; then export SKYRECON_TEST_DE421="$de421"; fi
fi
venv="${TMPDIR:-/tmp}/skyrecon-test-venv"
if ! "$venv/bin/python" -c "import astropy.wcs, jsonschema" 2>/dev/null; then
    python3 -m venv "$venv" >/dev/null 2>&1 && "$venv/bin/pip" install --quiet --disable-pip-version-check astropy jsonschema >/dev/null 2>&1 || true
fi
if [ -z "${SKYRECON_ASTROPY_PYTHON:-}" ] && "$venv/bin/python" -c "import astropy.wcs" 2>/dev/null; then
    export SKYRECON_ASTROPY_PYTHON="$venv/bin/python"
fi
schema_python=python3
"$venv/bin/python" -c "import jsonschema" 2>/dev/null && schema_python="$venv/bin/python"
swift build --build-tests 2>&1 | tee /tmp/skyrecon-build.log | grep -E "warning:|error:" || true
bash Examples/run.sh
"$schema_python" scripts/check_schemas.py "$(swift build --show-bin-path)/skyrecon"
swift test "$@"
