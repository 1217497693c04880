import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type DeclaredRequirement,
  detectLockFormat,
  parseVersion,
  readPyproject,
  readTomlLockEntries,
} from '@slipway/policy-core';
import { afterAll, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { TempRepo } from '../helpers/git-repo.js';
import { CORPUS_DIR, describeWithData } from './corpus-dir.js';

/**
 * Real uv and Poetry projects (the shared corpus, read in place): `slipway init` pairs each
 * pyproject.toml with its lock, and `check --tree` then finds nothing (the real locks are
 * consistent with their declarations, so any finding would be a false alarm). Then each project
 * is broken the three ways the DEP rules exist for, in the test, and each is caught: a lower
 * bound raised past the locked version (DEP012), a dependency the lock lacks (DEP003), and a
 * committed declaration change without the lock (DEP013).
 */
const KINDS = ['uv-lock', 'poetry-lock'];

const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

function cases(): string[] {
  return KINDS.flatMap((kind) =>
    existsSync(join(CORPUS_DIR, kind)) ? readdirSync(join(CORPUS_DIR, kind)).map((c) => `${kind}/${c}`) : [],
  ).sort();
}

interface Json {
  findings: { rule: string; file: string; line: number }[];
}

function findings(r: TempRepo, args: string[]): string[] {
  const out = slipway(['check', ...args, '--format', 'json'], { cwd: r.dir });
  return (JSON.parse(out.stdout) as Json).findings.map((f) => `${f.rule} ${f.file}:${f.line}`).sort();
}

/** The policy's pairs as init wrote them: `requirements → lock`. */
function pairsOf(r: TempRepo): { requirements: string; lock: string }[] {
  const text = readFileSync(join(r.dir, 'slipway.yaml'), 'utf8');
  return [...text.matchAll(/- requirements: "([^"]+)".*\n\s+lock: "([^"]+)"/g)].map((m) => ({
    requirements: m[1] as string,
    lock: m[2] as string,
  }));
}

/** A declaration with a range and a locked version, and that version. */
function rangedDeclaration(r: TempRepo, pair: { requirements: string; lock: string }) {
  const format = detectLockFormat(pair.lock) as 'uv' | 'poetry';
  const text = readFileSync(join(r.dir, pair.requirements), 'utf8');
  const locked = new Map(
    readTomlLockEntries(pair.lock, readFileSync(join(r.dir, pair.lock), 'utf8'), format).entries.map((e) => [
      e.key,
      e.version,
    ]),
  );
  const declared = readPyproject(text, format).requirements;
  const d = declared.find(
    (x) => x.ranges.length > 0 && !x.markerText && locked.get(x.key ?? '') !== undefined,
  );
  return { text, format, declared, d: d as DeclaredRequirement, version: locked.get(d?.key ?? '') as string };
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** The declaration's range replaced by a lower bound one major version above what is locked. */
function raised(text: string, d: DeclaredRequirement, version: string, poetry: boolean): string {
  const major = (parseVersion(version)?.release[0] ?? 0) + 1;
  if (d.specEnd > d.specStart && d.specStart >= 0)
    return (
      text.slice(0, d.specStart) +
      (d.constraint !== undefined ? `">=${major}"` : `>=${major}`) +
      text.slice(d.specEnd)
    );
  const at = poetry ? d.specEnd : d.extrasEnd >= 0 ? d.extrasEnd : d.nameEnd;
  return text.slice(0, at) + `>=${major}` + text.slice(at);
}

/** One more declaration, of a package no lock holds, beside the first one. */
function withUnlocked(text: string, d: DeclaredRequirement): { text: string; line: number } {
  if (d.constraint !== undefined || text[d.start - 1] !== '"') {
    const lineStart = text.lastIndexOf('\n', d.start) + 1;
    return {
      text: `${text.slice(0, lineStart)}slipway-unlocked = ">=1"\n${text.slice(lineStart)}`,
      line: lineOf(text, d.start),
    };
  }
  return {
    text: `${text.slice(0, d.start - 1)}"slipway-unlocked>=1", ${text.slice(d.start - 1)}`,
    line: lineOf(text, d.start),
  };
}

describeWithData('uv and Poetry projects: init pairs pyproject.toml with its lock', CORPUS_DIR, () => {
  it('has projects of both kinds to run', () => {
    expect(cases().map((c) => c.split('/')[0])).toEqual(expect.arrayContaining(KINDS));
  });

  for (const name of cases())
    it(`${name}: clean after init, and each breakage is caught`, () => {
      const r = new TempRepo();
      repos.push(r);
      cpSync(join(CORPUS_DIR, name), r.dir, { recursive: true });
      r.commit('project');
      expect(slipway(['init'], { cwd: r.dir }).code).toBe(0);
      r.commit('slipway init');
      const pairs = pairsOf(r);
      expect(pairs.length).toBeGreaterThan(0);
      expect(findings(r, ['--tree'])).toEqual([]);

      const pair = pairs.find((p) => rangedDeclaration(r, p).d) ?? (pairs[0] as (typeof pairs)[number]);
      const { text, format, d, version } = rangedDeclaration(r, pair);
      expect(d, `${name}: a declaration with a range and a locked version`).toBeDefined();

      // A lower bound raised past the locked version: DEP012 on that declaration.
      const bumped = raised(text, d, version, format === 'poetry');
      r.write({ [pair.requirements]: bumped });
      expect(findings(r, ['--tree'])).toEqual([`DEP012 ${pair.requirements}:${lineOf(text, d.start)}`]);

      // A dependency the lock does not hold: DEP003 on it.
      const added = withUnlocked(text, d);
      r.write({ [pair.requirements]: added.text });
      expect(findings(r, ['--tree'])).toEqual([`DEP003 ${pair.requirements}:${added.line}`]);

      // The bump committed without the lock, labelled: DEP013, and DEP012 still.
      r.git('checkout', '-q', '-b', 'bump');
      r.write({ [pair.requirements]: bumped }).commit('raise a bound, forget the lock');
      const change = findings(r, [
        '--base',
        'main',
        '--head',
        'HEAD',
        '--label',
        'approved-dependency-upgrade',
      ]);
      expect(change).toContain(`DEP013 ${pair.requirements}:${lineOf(text, d.start)}`);
      expect(change).toContain(`DEP012 ${pair.requirements}:${lineOf(text, d.start)}`);
    });
});
