#!/usr/bin/env bash
# Installs what the test suite needs from the machine, idempotently: git, gpg and ssh-keygen
# (real repositories, signed tags), systemd-analyze (timer units), tar (update backups),
# PostgreSQL (the real-server database tests), Neovim (the editor recipe test), the tests' Python
# (pre-commit, packaging), and the real Alembic histories of the corpus test
# (scripts/fetch-corpus.sh). Debian only; elsewhere it says what is missing and leaves the
# install to you.
set -euo pipefail
here="$(dirname "$0")"
sudo_=""; [ "$(id -u)" = 0 ] || sudo_="sudo"
updated=""
need=()
command -v git >/dev/null || need+=(git)
command -v gpg >/dev/null || need+=(gnupg)
command -v ssh-keygen >/dev/null || need+=(openssh-client)
command -v systemd-analyze >/dev/null || need+=(systemd)
command -v tar >/dev/null || need+=(tar)
command -v nvim >/dev/null || need+=(neovim)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v python3 >/dev/null || need+=(python3 python3-pip)
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then echo "please install: ${need[*]}" >&2; exit 1; fi
  echo "installing ${need[*]}"
  $sudo_ apt-get update -qq && updated=1
  DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq "${need[@]}" >/dev/null
fi

# The tests' Python (scripts/python-for-tests.sh: pre-commit, packaging and pip, new enough).
# Debian's packages first, when apt's candidates are new enough (Debian 12's are not: see there);
# then pip, once, with a short timeout and no retries: on a machine whose index is unreachable
# that costs seconds, not the minutes of pip's default retries.
python_ok() { bash "$here/python-for-tests.sh" >/dev/null 2>&1; }
if ! python_ok; then
  if command -v apt-get >/dev/null; then
    [ -n "$updated" ] || { $sudo_ apt-get update -qq && updated=1; }
    candidate() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }'; }
    if dpkg --compare-versions "$(candidate pre-commit)" ge 3.2 2>/dev/null &&
      dpkg --compare-versions "$(candidate python3-packaging)" ge 26 2>/dev/null; then
      echo "installing pre-commit python3-packaging python3-pip"
      DEBIAN_FRONTEND=noninteractive $sudo_ apt-get install -y -qq pre-commit python3-packaging python3-pip >/dev/null
    fi
  fi
  python_ok || python3 -m pip install --quiet --retries 0 --timeout 10 --only-binary=:all: \
    'packaging>=26' 'pre-commit>=3.2' || true
  python_ok || {
    echo "please install, for python3 or /usr/bin/python3: packaging >= 26, pre-commit >= 3.2 and pip" >&2
    exit 1
  }
fi

# Real Alembic histories for the corpus test (Debian's OpenStack packages, kept in a cache). Not
# fatal: without a package mirror the corpus test checks what is cached and says what is not.
if command -v apt-get >/dev/null; then
  bash "$here/fetch-corpus.sh" | tail -n 1 ||
    echo "corpus: some Alembic histories could not be fetched (scripts/fetch-corpus.sh); the corpus test checks the rest" >&2
  bash "$here/fetch-django-corpus.sh" | tail -n 1 ||
    echo "corpus: some Django histories could not be fetched (scripts/fetch-django-corpus.sh); the Django oracle test names them" >&2
  bash "$here/fetch-django-runtime.sh" | tail -n 1 ||
    echo "a real Django could not be fetched (scripts/fetch-django-runtime.sh); the test that runs it fails and says so" >&2
fi
bash "$here/fetch-knex-corpus.sh" | tail -n 1 ||
  echo "corpus: some Knex histories could not be fetched (scripts/fetch-knex-corpus.sh); the Knex oracle test names them" >&2
echo "prerequisites present"
