#!/usr/bin/env bash
# Puts a real Django (Debian's python3-django, with the packages it needs to run against
# PostgreSQL: asgiref, sqlparse, pytz, psycopg2) into the corpus cache, for the tests that run
# Django's own `sqlmigrate` and `migrate` on a migration Slipway's fix rewrote
# (packages/cli/test/db/django-fix-on-real-django.test.ts). apt-get download, dpkg -x: nothing is
# installed on the machine. Cache: $SLIPWAY_CORPUS_CACHE/django-runtime (default
# ~/.cache/slipway-corpus), its dist-packages folder on PYTHONPATH. Idempotent; exit 1 when a
# package cannot be downloaded (the test then fails and names this script).
set -euo pipefail
cache="${SLIPWAY_CORPUS_CACHE:-$HOME/.cache/slipway-corpus}"
target="$cache/django-runtime"
packages=(python3-django python3-asgiref python3-sqlparse python3-tz python3-psycopg2)
if [ -e "$target/READY" ]; then echo "have the Django runtime ($target)"; exit 0; fi
command -v apt-get >/dev/null && command -v dpkg >/dev/null || {
  echo "fetch-django-runtime: needs apt-get and dpkg (Debian or Ubuntu)" >&2
  exit 1
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
download() { (cd "$work" && apt-get download -q "$@" >/dev/null 2>&1); }
if ! download "${packages[@]}"; then
  sudo_=""
  [ "$(id -u)" = 0 ] || sudo_="sudo"
  $sudo_ apt-get update -qq >/dev/null 2>&1 || true
  download "${packages[@]}" || {
    echo "fetch-django-runtime: could not download ${packages[*]} (apt-get download)" >&2
    exit 1
  }
fi
for deb in "$work"/*.deb; do
  dpkg -x "$deb" "$work/root"
  dpkg-deb -f "$deb" Package Version >> "$work/SOURCE"
done
rm -rf "$target"
mkdir -p "$target"
cp -r "$work/root/usr/lib/python3/dist-packages" "$target/dist-packages"
cp "$work/SOURCE" "$target/SOURCE"
touch "$target/READY"
echo "fetched the Django runtime ($(grep -A1 'Package: python3-django$' "$target/SOURCE" | tail -n 1)) into $target"
