import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Finding, MemoryRepo, migrationFamily, parsePolicyText } from '@slipway/policy-core';
import { batchedOracle } from './oracle-batch.js';

export const ORACLE = fileURLToPath(new URL('../../scripts/alembic-oracle.py', import.meta.url));
export const RULES = new Set(['MIG001', 'MIG002', 'MIG100', 'MIG110']);

/** Every Alembic tree the corpus tests ask about: the committed ones, then the cache's (scripts/fetch-corpus.sh). */
export function alembicTreeFolders(committed: string, cache: string): string[] {
  const trees = (dir: string) =>
    existsSync(dir)
      ? readdirSync(dir)
          .sort()
          .map((name) => join(dir, name, 'versions'))
      : [];
  return [...trees(committed), ...trees(cache)];
}

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
 * The MIG family runs once per folder and policy in a test process: the oracle tests ask for each
 * rule of a tree in turn (MIG044, then MIG047 on the same 32 trees), and a tree's answer does not
 * depend on which rules are kept.
 */
export function slipwayKeys(versions: string, rules: ReadonlySet<string> = RULES, migrations = ''): string[] {
  const key = `${versions}\u0000${migrations}`;
  let all = findingKeys.get(key);
  if (all === undefined) {
    all = allFindingKeys(versions, migrations);
    findingKeys.set(key, all);
  }
  return all.filter((k) => rules.has(k.slice(0, k.indexOf(' '))));
}

const findingKeys = new Map<string, string[]>();

function allFindingKeys(versions: string, migrations: string): string[] {
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
    .map((f: Finding) => `${f.rule} ${f.file.replace(/^versions\//, '')}:${f.range.start.line + 1}`)
    .sort();
}

/** The oracle's expected keys, from CPython's ast (scripts/alembic-oracle.py), for one of `folders`. */
export function oracleKeysOf(
  folders: () => string[],
): (versions: string) => { expected: string[]; heads: string[]; revisions: number } {
  return batchedOracle(ORACLE, [], folders);
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
