#!/usr/bin/env bash
# Downloads real Django migration histories into the corpus cache, for
# test/corpus/django-oracle.test.ts. Debian ships Django and Django apps with their migrations:
# apt-get download, dpkg -x, keep every `<app>/migrations/` folder of the package (Django's own
# contrib apps, and each app's). Cache: $SLIPWAY_CORPUS_CACHE/django/<package>/<app path>/migrations,
# default ~/.cache/slipway-corpus. Idempotent; a package that cannot be downloaded is reported and
# skipped, and the exit code says whether all came (the test names the missing ones).
set -euo pipefail
cache="${SLIPWAY_CORPUS_CACHE:-$HOME/.cache/slipway-corpus}"
packages=(
  python3-django python3-django-allauth python3-django-axes python3-django-guardian
  python3-django-oauth-toolkit python3-django-organizations python3-django-cas-server
  python3-django-invitations python3-django-mailman3
)
command -v apt-get >/dev/null && command -v dpkg >/dev/null || {
  echo "fetch-django-corpus: needs apt-get and dpkg (Debian or Ubuntu)" >&2
  exit 1
}
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$cache/django" "$cache/fetched-django"
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
  if [ -e "$cache/fetched-django/$name" ]; then echo "have $name"; continue; fi
  if ! download "$pkg" && { [ -n "$updated" ] || ! refresh_lists || ! download "$pkg"; }; then
    echo "fetch-django-corpus: could not download $pkg (apt-get download); skipped" >&2
    missing=1
    continue
  fi
  deb="$(ls "$work"/"${pkg}"_*.deb)"
  dpkg -x "$deb" "$work/$name"
  root="$(find "$work/$name" -type d -path '*-packages' | head -n 1)"
  folders=()
  # A migrations folder holds numbered migrations (django/db/migrations is the framework itself).
  [ -n "$root" ] && while IFS= read -r dir; do
    compgen -G "$dir/[0-9][0-9][0-9][0-9]_*.py" >/dev/null && folders+=("$dir")
  done < <(
    find "$root" -type d -name migrations -not -path '*/tests/*' | sort
  )
  if [ ${#folders[@]} -eq 0 ]; then
    echo "fetch-django-corpus: no migrations folder in $pkg; skipped" >&2
    missing=1
    continue
  fi
  rm -rf "$cache/django/$name"
  for dir in "${folders[@]}"; do
    rel="${dir#"$root"/}"
    mkdir -p "$cache/django/$name/$rel"
    find "$dir" -maxdepth 1 -name '*.py' -exec cp {} "$cache/django/$name/$rel/" \;
  done
  cp "$work/$name/usr/share/doc/$pkg/copyright" "$cache/django/$name/copyright" 2>/dev/null || true
  dpkg-deb -f "$deb" Package Version > "$cache/django/$name/SOURCE"
  echo "fetched $name ($(grep Version "$cache/django/$name/SOURCE"), ${#folders[@]} apps)"
  touch "$cache/fetched-django/$name"
done
echo "django corpus cache: $cache/django"
exit "$missing"
