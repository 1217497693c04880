#!/usr/bin/env bash
# Prints the Python the tests run, and exits 1 when there is none: the first of python3 on PATH
# (often pyenv's, which does not see Debian's dist-packages) and Debian's /usr/bin/python3 that has
# what they import. scripts/ensure-prerequisites.sh installs it; test/helpers/python.ts asks here.
#   packaging >= 26: the PEP 508 oracle. Debian 12's 23.0 reads `name @ ;marker` otherwise.
#   pre-commit >= 3.2: the hook test. .pre-commit-hooks.yaml names stages pre-commit/pre-push,
#     which Debian 12's 3.0.4 refuses (InvalidManifest).
#   pip: the requirements-file oracle (pip._internal's reader).
set -u
check='import sys, pip, packaging, pre_commit.constants as c
v = lambda s: tuple(int(x) for x in s.split(".")[:2])
sys.exit(0 if v(packaging.__version__) >= (26, 0) and v(c.VERSION) >= (3, 2) else 1)'
for py in python3 /usr/bin/python3; do
  if command -v "$py" >/dev/null && "$py" -c "$check" 2>/dev/null; then
    command -v "$py"
    exit 0
  fi
done
exit 1
