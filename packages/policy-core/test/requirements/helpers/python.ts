import { execFileSync } from 'node:child_process';
import { PYTHON } from '../../../../../test/helpers/python.js';

/** Runs a Python snippet once with JSON on stdin, returning its JSON stdout. */
export function runPython<T>(script: string, input: unknown): T {
  const out = execFileSync(PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  return JSON.parse(out) as T;
}

export const PACKAGING_SCRIPT = `
import json, sys
from packaging.requirements import Requirement
out = []
for line in json.load(sys.stdin):
    try:
        r = Requirement(line)
        out.append({"ok": True, "name": r.name, "extras": sorted(r.extras),
                    "specs": sorted(set(str(s) for s in r.specifier)),
                    "marker": str(r.marker) if r.marker is not None else None, "url": r.url})
    except Exception as e:
        out.append({"ok": False, "error": type(e).__name__ + ": " + str(e).splitlines()[0]})
print(json.dumps(out))
`;
