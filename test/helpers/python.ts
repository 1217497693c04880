import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/python-for-tests.sh', import.meta.url));

/**
 * The Python the oracle and pre-commit tests run: the one scripts/ensure-prerequisites.sh made
 * sure of, found by the same script (python3 on PATH may be pyenv's, blind to Debian's packages).
 * When none qualifies, python3: the tests then fail on what it lacks, and
 * ensure-prerequisites.sh names what to install.
 */
export const PYTHON: string = (() => {
  try {
    return execFileSync('bash', [script], { encoding: 'utf8' }).trim() || 'python3';
  } catch {
    return 'python3';
  }
})();
