#!/usr/bin/env bash
# Downloads real Knex migration histories and Knex itself into the corpus cache, for
# test/corpus/knex-oracle.test.ts: Backstage's catalog and scaffolder backends ship their Knex
# migrations in their npm packages (`migrations/*.js`), and Knex 3 with pg is the oracle
# (scripts/knex-oracle.cjs runs each `up` on Knex's own builders, no database). npm pack and
# npm install through the ordinary client, pinned. Cache: $SLIPWAY_CORPUS_CACHE/knex, default
# ~/.cache/slipway-corpus. Idempotent; the exit code says whether everything came.
set -euo pipefail
cache="${SLIPWAY_CORPUS_CACHE:-$HOME/.cache/slipway-corpus}/knex"
packages=(@backstage/plugin-catalog-backend@4.0.5 @backstage/plugin-scaffolder-backend@4.3.0)
command -v npm >/dev/null || { echo "fetch-knex-corpus: needs npm" >&2; exit 1; }
mkdir -p "$cache/histories"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
missing=0
if [ ! -e "$cache/oracle/node_modules/knex/package.json" ]; then
  mkdir -p "$cache/oracle"
  (cd "$cache/oracle" && npm install --silent --no-audit --no-fund --no-save knex@3.3.0 pg@8 >/dev/null 2>&1) ||
    { echo "fetch-knex-corpus: could not install knex@3.3.0 (npm install)" >&2; missing=1; }
fi
for spec in "${packages[@]}"; do
  name="$(echo "${spec%@*}" | tr '/@' '+_')"
  if [ -d "$cache/histories/$name" ]; then echo "have $spec"; continue; fi
  if ! (cd "$work" && npm pack --silent "$spec" >/dev/null 2>&1); then
    echo "fetch-knex-corpus: could not download $spec (npm pack); skipped" >&2
    missing=1
    continue
  fi
  mkdir -p "$work/$name" && tar xzf "$work"/*.tgz -C "$work/$name" && rm -f "$work"/*.tgz
  mkdir -p "$cache/histories/$name"
  cp "$work/$name"/package/migrations/*.js "$cache/histories/$name/"
  echo "$spec" > "$cache/histories/$name/SOURCE"
  echo "fetched $spec"
done
echo "knex corpus cache: $cache"
exit "$missing"
