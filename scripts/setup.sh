#!/usr/bin/env bash
# Installs what a fresh Debian machine with the Swift toolchain lacks for skyrecon:
# CFITSIO (the FITS catalogues) and, for the tests, JPL DE421 as an SPK file from the skyfield-data package.
set -euo pipefail
need_apt=()
pkg-config --exists cfitsio 2>/dev/null || need_apt+=(libcfitsio-dev)
command -v pkg-config >/dev/null 2>&1 || need_apt+=(pkg-config)
if [ ${#need_apt[@]} -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
