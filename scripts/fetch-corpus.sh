#!/usr/bin/env bash
# Downloads real Alembic histories into the corpus cache, for test/corpus/alembic-oracle.test.ts.
# Debian's OpenStack packages (and a few others) ship them (no PyPI sdists needed): apt-get download, dpkg -x, keep
# each version folder (a `versions/` with Alembic's env.py beside it; a package with two trees,
# as Nova's api and main databases, gives two entries). Cache: $SLIPWAY_CORPUS_CACHE, default
# ~/.cache/slipway-corpus. Idempotent: a package already in the cache is not downloaded again.
# A package that cannot be downloaded is reported and skipped; the exit code says whether all came.
set -euo pipefail
cache="${SLIPWAY_CORPUS_CACHE:-$HOME/.cache/slipway-corpus}"
packages=(
  python3-glance python3-neutron python3-octavia python3-ironic python3-nova python3-cinder
  python3-manila python3-keystone python3-magnum python3-aodh python3-designate python3-barbican
  # More of Debian's packages that ship an Alembic history (apt-cache rdepends python3-alembic),
  # OpenStack's and others': each one more real history the corpus test holds to the oracle.
  python3-gnocchi python3-mistral python3-watcher python3-zaqar python3-ironic-inspector
  python3-placement python3-vitrage python3-murano python3-sahara python3-rally
  python3-neutron-vpnaas python3-neutron-dynamic-routing python3-networking-bgpvpn
  python3-networking-sfc python3-optuna mailman3 jupyterhub gertty
)
command -v apt-get >/dev/null && command -v dpkg >/dev/null || {
  echo "fetch-corpus: needs apt-get and dpkg (Debian or Ubuntu)" >&2
  exit 1
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache/alembic" "$cache/fetched"
missing=0
updated=""
download() { (cd "$work" && apt-get download -q "$1" >/dev/null 2>&1); }
refresh_lists() {
  updated=1
  local sudo_=""
  [ "$(id -u)" = 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq >/dev/null 2>&1
}
for pkg in "${packages[@]}"; do
  name="${pkg#python3-}"
  if [ -e "$cache/fetched/$name" ]; then echo "have $name"; continue; fi
  # A fresh machine may have no package lists yet: read them once, then try again.
  if ! download "$pkg" && { [ -n "$updated" ] || ! refresh_lists || ! download "$pkg"; }; then
    echo "fetch-corpus: could not download $pkg (apt-get download); skipped" >&2
    missing=1
    continue
  fi
  deb="$(ls "$work"/"${pkg}"_*.deb)"
  dpkg -x "$deb" "$work/$name"
  trees=()
  while IFS= read -r dir; do
    [ -f "$dir/../env.py" ] && trees+=("$dir")
  done < <(find "$work/$name" -type d -name versions | sort)
  if [ ${#trees[@]} -eq 0 ]; then
    echo "fetch-corpus: no Alembic versions folder in $pkg; skipped" >&2
    missing=1
    continue
  fi
  for dir in "${trees[@]}"; do
    # One tree keeps the package's name; several are told apart by the folder above migrations/.
    entry="$name"
    [ ${#trees[@]} -gt 1 ] && entry="$name-$(basename "$(dirname "$(dirname "$dir")")")"
    rm -rf "$cache/alembic/$entry"
    mkdir -p "$cache/alembic/$entry"
    cp -r "$dir" "$cache/alembic/$entry/versions"
    cp "$work/$name/usr/share/doc/$pkg/copyright" "$cache/alembic/$entry/copyright"
    dpkg-deb -f "$deb" Package Version > "$cache/alembic/$entry/SOURCE"
    echo "fetched $entry ($(grep Version "$cache/alembic/$entry/SOURCE"))"
  done
  touch "$cache/fetched/$name"
done
echo "corpus cache: $cache/alembic"
exit "$missing"
