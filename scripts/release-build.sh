#!/usr/bin/env bash
# Builds a product the way scripts/install.sh installs it and prints the folder of the built binaries:
#   - the Swift runtime and Foundation linked in (--static-swift-stdlib): no toolchain needed where it runs, and a
#     process that starts sooner;
#   - whole-program link-time optimisation (--experimental-lto-mode=full, SwiftPM 6.x): calls between the modules
#     inlined; the batch job of scripts/bench-batch.sh takes about 5 % less CPU, with byte-identical output;
#   - its own scratch folder (.build-install), so that it never invalidates `swift build`'s .build.
# Usage: bash scripts/release-build.sh PRODUCT   (prints the bin folder on stdout; build output on stderr)
set -euo pipefail
cd "$(dirname "$0")/.."
flags=(-c release --static-swift-stdlib --experimental-lto-mode=full --scratch-path .build-install)
swift build "${flags[@]}" --product "$1" >&2
swift build "${flags[@]}" --show-bin-path
