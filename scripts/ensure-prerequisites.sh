#!/usr/bin/env bash
# Installs what the test suite needs from the machine, idempotently: git, gpg and ssh-keygen
# (real repositories, signed tags), systemd-analyze (timer units), tar (update backups),
# PostgreSQL (the real-server database tests), Neovim (the editor recipe test), pre-commit, and the
# real Alembic histories of the corpus test (scripts/fetch-corpus.sh). Debian only;
# elsewhere it says what is missing and leaves the install to you.
set -euo pipefail
need=()
command -v git >/dev/null || need+=(git)
command -v gpg >/dev/null || need+=(gnupg)
command -v ssh-keygen >/dev/null || need+=(openssh-client)
command -v systemd-analyze >/dev/null || need+=(systemd)
command -v tar >/dev/null || need+=(tar)
command -v nvim >/dev/null || need+=(neovim)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v python3 >/dev/null || need+=(python3)
# packaging (the requirements oracle) and pre-commit (the hook test) come from pip (the configured
# index or wheel mirror) when python3 lacks them.
for module in packaging pre_commit; do
  if command -v python3 >/dev/null && ! python3 -c "import $module" 2>/dev/null; then
    python3 -m pip install --quiet --only-binary=:all: "${module//_/-}" ||
      { echo "please install python3's ${module//_/-}" >&2; exit 1; }
  fi
done
# Real Alembic histories for the corpus test (Debian's OpenStack packages, kept in a cache). Not
# fatal: without a package mirror the corpus test checks what is cached and says what is not.
if command -v apt-get >/dev/null; then
  bash "$(dirname "$0")/fetch-corpus.sh" | tail -n 1 ||
    echo "corpus: some Alembic histories could not be fetched (scripts/fetch-corpus.sh); the corpus test checks the rest" >&2
fi
if [ ${#need[@]} -eq 0 ]; then echo "prerequisites present"; exit 0; fi
if ! command -v apt-get >/dev/null; then echo "please install: ${need[*]}" >&2; exit 1; fi
sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
echo "installing ${need[*]}"
$sudo_ apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${need[@]}" >/dev/null
