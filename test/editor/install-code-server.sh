#!/usr/bin/env bash
# Installs code-server (a real VS Code 1.100, served to a browser) plus playwright-core into a
# prefix, on a Debian machine with Node 20 where only the npm and Debian registries are reachable.
# Idempotent; about a minute once the Debian packages are in. Usage: install-code-server.sh [PREFIX]
# Then:  PREFIX/node_modules/.bin/code-server --auth none --bind-addr 127.0.0.1:PORT \
#          --disable-telemetry --disable-update-check --disable-workspace-trust \
#          --user-data-dir DIR --extensions-dir DIR  WORKSPACE
# and drive http://127.0.0.1:PORT/?folder=WORKSPACE with playwright-core + /usr/bin/chromium.
set -euo pipefail
VERSION=4.100.3          # last code-server whose engine is Node 20
PREFIX=${1:-$HOME/.cache/code-server-$VERSION}
export npm_config_yes=true npm_config_audit=false npm_config_fund=false

# One install at a time: two test runs (or a run and a developer) building the same native
# modules in the same prefix break each other's build directories. The second waits, then finds
# the first one's install complete.
mkdir -p "$(dirname "$PREFIX")"
exec 9>"$PREFIX.lock"
flock 9
if [ -x "$PREFIX/node_modules/.bin/code-server" ] && [ -f "$PREFIX/.complete" ]; then
  echo "code-server $VERSION already in $PREFIX"; exit 0
fi
# native modules need Kerberos headers; VS Code search needs ripgrep (its npm package would
# download a binary from the internet, so Debian's rg is linked in instead); tests need Chromium.
need=()
for p in libkrb5-dev ripgrep chromium; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

mkdir -p "$PREFIX" && cd "$PREFIX"
[ -f package.json ] || npm init -y >/dev/null
npm install --ignore-scripts "code-server@$VERSION" playwright-core >/dev/null
npm rebuild argon2 >/dev/null

cd node_modules/code-server/lib/vscode
npm install --omit=dev --ignore-scripts >/dev/null
for m in @parcel/watcher @vscode/spdlog kerberos native-watchdog node-pty @vscode/deviceid; do
  npm rebuild "$m" >/dev/null
done
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sf code-linux.sh code-server)
(cd bin/helpers && ln -sf browser-linux.sh browser.sh)
touch "$PREFIX/.complete"
echo "code-server $VERSION installed in $PREFIX"
