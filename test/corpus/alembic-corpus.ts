import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Finding, MemoryRepo, migrationFamily, parsePolicyText } from '@slipway/policy-core';

export const ORACLE = fileURLToPath(new URL('../../scripts/alembic-oracle.py', import.meta.url));
export const RULES = new Set(['MIG001', 'MIG002', 'MIG100', 'MIG110']);

/** Every .py file under dir, keyed by its path relative to dir. */
function pythonFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.py'))
        out[relative(dir, full).split('\\').join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/**
 * "RULE path:line" of Slipway's findings of `rules` (MIG001/MIG002/MIG100/MIG110) on one version
 * folder; `migrations` adds lines under the policy's `migrations:` (`  postgres_version: 11\n`).
 */
export function slipwayKeys(versions: string, rules: ReadonlySet<string> = RULES, migrations = ''): string[] {
  const files = pythonFiles(versions);
  const text = `version: 1\nmigrations:\n  alembic: versions\n${migrations}`;
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('corpus policy');
  const repo = new MemoryRepo({
    'slipway.yaml': text,
    ...Object.fromEntries(Object.entries(files).map(([p, t]) => [`versions/${p}`, t])),
  });
  const { findings } = migrationFamily.check({ policy, repo, now: new Date(), env: {} });
  return findings
    .filter((f: Finding) => rules.has(f.rule))
    .map((f) => `${f.rule} ${f.file.replace(/^versions\//, '')}:${f.range.start.line + 1}`)
    .sort();
}

/** The oracle's expected keys, from CPython's ast (scripts/alembic-oracle.py). */
export function oracleKeys(versions: string): { expected: string[]; heads: string[]; revisions: number } {
  return JSON.parse(execFileSync('python3', [ORACLE, versions], { encoding: 'utf8' }));
}

/** Keys one side has and the other lacks. */
export function disagreements(slipway: string[], oracle: string[]): string[] {
  const s = new Set(slipway);
  const o = new Set(oracle);
  return [
    ...slipway.filter((k) => !o.has(k)).map((k) => `slipway only: ${k}`),
    ...oracle.filter((k) => !s.has(k)).map((k) => `oracle only: ${k}`),
  ].sort();
}
