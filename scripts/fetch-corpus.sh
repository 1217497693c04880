#!/usr/bin/env bash
# Downloads real Alembic histories into the corpus cache, for test/corpus/alembic-oracle.test.ts.
# Debian's OpenStack packages ship them (no PyPI sdists needed): apt-get download, dpkg -x, keep
# the version folder. Cache: $SLIPWAY_CORPUS_CACHE, default ~/.cache/slipway-corpus. Idempotent.
set -euo pipefail
cache="${SLIPWAY_CORPUS_CACHE:-$HOME/.cache/slipway-corpus}"
packages=(python3-glance python3-neutron python3-octavia python3-ironic)
command -v apt-get >/dev/null && command -v dpkg >/dev/null || {
  echo "fetch-corpus: needs apt-get and dpkg (Debian or Ubuntu)" >&2
  exit 1
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache/alembic"
for pkg in "${packages[@]}"; do
  name="${pkg#python3-}"
  if [ -d "$cache/alembic/$name/versions" ]; then echo "have $name"; continue; fi
  (cd "$work" && apt-get download -q "$pkg" >/dev/null)
  deb="$(ls "$work"/"${pkg}"_*.deb)"
  dpkg -x "$deb" "$work/$name"
  versions="$(find "$work/$name" -type d -name versions -path '*alembic*' | head -n 1)"
  [ -n "$versions" ] || { echo "fetch-corpus: no Alembic versions folder in $pkg" >&2; exit 1; }
  mkdir -p "$cache/alembic/$name"
  cp -r "$versions" "$cache/alembic/$name/versions"
  cp "$work/$name/usr/share/doc/$pkg/copyright" "$cache/alembic/$name/copyright"
  dpkg-deb -f "$deb" Package Version > "$cache/alembic/$name/SOURCE"
  echo "fetched $name ($(grep Version "$cache/alembic/$name/SOURCE"))"
done
echo "corpus cache: $cache/alembic"
