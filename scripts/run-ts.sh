#!/usr/bin/env bash
# Runs a TypeScript script once, bundled by esbuild (scripts such as gen-docs.ts).
# The bundle is written inside packages/cli so that external packages with WASM parts
# (libpg-query) resolve from that package's node_modules, as they do for the CLI bundle.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
mkdir -p "$root/packages/cli/dist"
out="$root/packages/cli/dist/.run-ts-$$.mjs"
trap 'rm -f "$out"' EXIT
# jsonc-parser's UMD `main` does not survive bundling; its ESM build does (as in scripts/build.mjs).
jsonc="$root/packages/policy-core/node_modules/jsonc-parser/lib/esm/main.js"
"$root/node_modules/.bin/esbuild" "$1" --bundle --platform=node --format=esm --log-level=warning --outfile="$out" \
  --alias:jsonc-parser="$jsonc" --external:libpg-query --external:pg --external:@electric-sql/pglite \
  --banner:js="import{createRequire as __cr}from'module';const require=__cr(import.meta.url);"
shift
node "$out" "$@"
