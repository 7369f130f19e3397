#!/usr/bin/env bash
# Installs skyrecon outside the checkout:
#   PREFIX/bin/skyrecon                       the command (built by scripts/release-build.sh: Swift runtime linked
#                                             statically, no toolchain needed; link-time optimised)
#   PREFIX/share/skyrecon/Catalogs/           its catalogues, found there without SKYRECON_CATALOGS
#   PREFIX/share/man/man1/skyrecon*.1         manual pages (swift-argument-parser's generate-manual tool)
#   PREFIX/share/{bash-completion,zsh,fish}/… shell completions
# Usage: bash scripts/install.sh [PREFIX]   (default /usr/local)
set -euo pipefail
prefix="${1:-/usr/local}"
cd "$(dirname "$0")/.."
bash scripts/setup.sh
scratch=.build-install
bin="$(bash scripts/release-build.sh skyrecon)"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"
install -d "$prefix/bin" "$prefix/share/skyrecon/Catalogs" "$prefix/share/man/man1" \
    "$prefix/share/bash-completion/completions" "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
install -m 755 "$bin/skyrecon" "$prefix/bin/skyrecon"
find Catalogs -maxdepth 1 -type f \( -name '*.fits' -o -name '*.tsv' -o -name 'README.md' \) \
    -exec install -m 644 {} "$prefix/share/skyrecon/Catalogs/" \;
"$prefix/bin/skyrecon" --generate-completion-script bash > "$prefix/share/bash-completion/completions/skyrecon"
"$prefix/bin/skyrecon" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_skyrecon"
"$prefix/bin/skyrecon" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/skyrecon.fish"
bash scripts/release-build.sh generate-manual > /dev/null
man="$scratch/manual"
rm -rf "$man"; mkdir -p "$man"
"$bin/generate-manual" "$prefix/bin/skyrecon" --multi-page --output-directory "$man"
install -m 644 "$man"/*.1 "$prefix/share/man/man1/"
echo "installed: $prefix/bin/skyrecon ($("$prefix/bin/skyrecon" --version))"
