import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRequirementsFile } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { PYTHON } from '../helpers/python.js';
import { CORPUS_DIR, describeWithData } from './corpus-dir.js';

/**
 * Slipway's parse of each requirement (name, specifiers, extras, marker, hashes) against an
 * oracle on Python's `packaging` (scripts/requirements-oracle.py), requirement by requirement.
 * A hand-written sample is committed; real pip-compile and uv outputs are read from the shared
 * dependency corpus beside the repository when it exists (never copied into the project).
 */
const ORACLE = fileURLToPath(new URL('../../scripts/requirements-oracle.py', import.meta.url));
const HERE = fileURLToPath(new URL('./requirements/', import.meta.url));
const SHARED = join(CORPUS_DIR, 'pip-compile/');

/** Where Slipway and packaging may differ, and why ("file:line" → reason). None today. */
const EXPLAINED: Record<string, string> = {};

interface Parsed {
  line: number;
  name?: string;
  specifiers?: string[];
  extras?: string[];
  marker?: string | null;
  hashes?: string[];
  invalid?: true;
}

const canonical = (s: string) => s.replace(/[-_.]+/g, '-').toLowerCase();

function slipwayParse(path: string): Parsed[] {
  const file = parseRequirementsFile(path, readFileSync(path, 'utf8'));
  const out: Parsed[] = file.requirements
    .filter((r) => r.kind === 'pep508' && !r.editable && r.name !== undefined)
    .map((r) => ({
      line: r.line.firstLine,
      name: canonical(r.name as string),
      specifiers: r.specifiers.map((s) => `${s.op}${s.version}`).sort(),
      extras: r.extras.map(canonical).sort(),
      marker: r.markerText ?? null,
      hashes: r.hashes.map((h) => `${h.algo}:${h.digest}`).sort(),
    }));
  for (const p of file.problems)
    if (p.source !== undefined) out.push({ line: p.line.firstLine, invalid: true });
  return out.sort((a, b) => a.line - b.line);
}

function compare(files: string[], label: (f: string) => string) {
  const oracle = JSON.parse(
    execFileSync(PYTHON, [ORACLE, ...files], { encoding: 'utf8', maxBuffer: 1 << 26 }),
  );
  const found: string[] = [];
  let count = 0;
  for (const f of files) {
    const mine = new Map(slipwayParse(f).map((p) => [p.line, p]));
    for (const theirs of oracle[f] as Parsed[]) {
      count++;
      const key = `${label(f)}:${theirs.line + 1}`;
      if (JSON.stringify(mine.get(theirs.line)) !== JSON.stringify(theirs))
        found.push(
          `${key} slipway ${JSON.stringify(mine.get(theirs.line))} packaging ${JSON.stringify(theirs)}`,
        );
      mine.delete(theirs.line);
    }
    for (const [line, p] of mine) found.push(`${label(f)}:${line + 1} slipway only ${JSON.stringify(p)}`);
  }
  expect(count).toBeGreaterThan(0);
  const unexplained = found.filter((d) => !((d.split(' ')[0] as string) in EXPLAINED));
  expect(unexplained, 'explain each disagreement in EXPLAINED').toEqual([]);
  return count;
}

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const full = join(dir, n);
      if (statSync(full).isDirectory()) return walk(full);
      return /\.(txt|in|pip)$/.test(n) ? [full] : [];
    });
}

describe('requirements: Slipway against packaging', () => {
  it('agrees on a hand-written sample of every shape', () => {
    expect(compare(walk(HERE), (f) => f.slice(HERE.length))).toBe(9);
  });
});

describeWithData('requirements: Slipway against packaging on real pip-compile and uv outputs', SHARED, () => {
  for (const project of readdirSync(SHARED).sort())
    it(project, () => {
      compare(walk(join(SHARED, project)), (f) => f.slice(SHARED.length));
    });
});
