#!/bin/sh
# Rebuilds Catalogs/ephemeris-de422-compact.fits from JPL DE422 (PyPI package de422 2009.1).
#
# Usage:  Catalogs/build/build_ephemeris.sh [--source PATH] [--out FILE] [--check N]
#   --source PATH   a local de422-2009.1.tar.gz (or the unpacked de422/ package folder) instead of
#                   installing the package with pip (it is 545 MB).
# Needs python3 (>= 3.11) with venv; everything else goes into Catalogs/build/.venv (git-ignored).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
venv="$here/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q numpy==2.4.6 fitsio==1.4.2
case " $* " in
  *" --source "* | *" --source="*) ;;
  *) "$venv/bin/pip" install -q de422==2009.1 ;;
esac
exec "$venv/bin/python" "$here/build_ephemeris.py" "$@"
