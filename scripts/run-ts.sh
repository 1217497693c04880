#!/usr/bin/env bash
# Runs a TypeScript file once, bundled by esbuild (for scratch checks during development).
set -euo pipefail
out=$(mktemp --suffix=.mjs)
npx esbuild "$1" --bundle --platform=node --format=esm --log-level=warning --outfile="$out" \
  --banner:js="import{createRequire as __cr}from'module';const require=__cr(import.meta.url);"
shift; node "$out" "$@"; rm -f "$out"
