import { describe, expect, it } from 'vitest';
import { formatMarker } from '../../src/requirements/marker.js';
import { parsePep508, Pep508Error } from '../../src/requirements/pep508-parser.js';
import { parseRequirementsFile } from '../../src/requirements/requirements-file.js';
import { requirementLines } from './helpers/generate-lines.js';
import { PACKAGING_SCRIPT, runPython } from './helpers/python.js';

interface PyResult {
  ok: boolean;
  name?: string;
  extras?: string[];
  specs?: string[];
  marker?: string | null;
  url?: string | null;
  error?: string;
}

function ours(line: string): PyResult {
  const r = parsePep508(line);
  if (r instanceof Pep508Error) return { ok: false, error: r.message };
  return {
    ok: true,
    name: r.name,
    extras: [...new Set(r.extras)].sort(),
    specs: [...new Set(r.specifiers.map((s) => s.op + s.version))].sort(),
    marker: r.marker ? formatMarker(r.marker) : null,
    url: r.url ?? null,
  };
}

/** Lines whose meaning pip's file layer would change (comments, options, URLs, paths) go through PEP 508 only. */
function plainForPip(line: string): boolean {
  return (
    !/#|(^|\s)-|\$\{|\\$|^\s*[./]|^[a-z+]+:/i.test(line) && !line.trim().includes('/') && line.trim() !== ''
  );
}

describe('PEP 508 parser against packaging 26 (python3)', () => {
  const lines = requirementLines(20261122, 1500);
  const expected = runPython<PyResult[]>(PACKAGING_SCRIPT, lines);

  it('generates a varied mix of accepted and rejected lines', () => {
    const accepted = expected.filter((r) => r.ok).length;
    expect(lines.length).toBeGreaterThanOrEqual(500);
    expect(accepted).toBeGreaterThan(lines.length * 0.4);
    expect(lines.length - accepted).toBeGreaterThan(lines.length * 0.1);
  });

  it('agrees on name, extras, specifier, marker and URL for every line', () => {
    const mismatches: string[] = [];
    lines.forEach((line, i) => {
      const py = expected[i] as PyResult;
      const me = ours(line);
      const pyComparable = py.ok ? { ...py, error: undefined } : { ok: false };
      const meComparable = me.ok ? { ...me, error: undefined } : { ok: false };
      if (JSON.stringify(pyComparable) !== JSON.stringify(meComparable))
        mismatches.push(
          `${JSON.stringify(line)}\n  python: ${JSON.stringify(py)}\n  ours:   ${JSON.stringify(me)}`,
        );
    });
    expect(mismatches.slice(0, 10).join('\n')).toBe('');
  });

  it('takes a byte order mark inside a line as text, not space, as Python does', () => {
    // JavaScript's \s holds U+FEFF; Python's str.isspace() and packaging's \s do not.
    const bom = ['foo===1.0\ufeffx', 'foo=== 1.0\ufeff.1', 'foo== \ufeff1.0', 'foo\ufeff==1'];
    const python = runPython<PyResult[]>(PACKAGING_SCRIPT, bom);
    expect(python.map((r) => r.ok)).toEqual([true, true, false, false]);
    const comparable = (r: PyResult) => (r.ok ? { ...r, error: undefined } : { ok: false });
    expect(bom.map((line) => comparable(ours(line)))).toEqual(python.map(comparable));
  });

  it('reports every line packaging rejects as a problem of the requirements file (DEP008)', () => {
    const plain = lines.filter(plainForPip);
    const file = parseRequirementsFile('requirements.txt', plain.join('\n'));
    const rejectedLines = new Set(file.problems.map((p) => p.line.firstLine));
    const disagreements: string[] = [];
    plain.forEach((line, i) => {
      const py = expected[lines.indexOf(line)] as PyResult;
      if (py.ok === rejectedLines.has(i)) disagreements.push(`${JSON.stringify(line)} python ok=${py.ok}`);
    });
    expect(plain.length).toBeGreaterThan(500);
    expect(disagreements.slice(0, 10).join('\n')).toBe('');
  });
});
