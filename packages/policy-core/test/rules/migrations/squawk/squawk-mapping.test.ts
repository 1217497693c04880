import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ready, runMig } from '../mig-test-helpers.js';

/**
 * docs/squawk-mapping.md claims which Slipway rule covers each squawk rule. This runs the real
 * squawk (the `squawk-cli` dev dependency) and Slipway on the same SQL files and holds the claims
 * to account: where squawk reports a mapped rule, the mapped Slipway rule reports the same line.
 */
const HERE = import.meta.dirname;
const CASES = join(HERE, 'cases');
const QUIETER = join(HERE, 'quieter');
const MAPPING = join(HERE, '../../../../../../docs/squawk-mapping.md');
/** Both tools judge the files as for the same server; 19 is where squawk suggests REPACK. */
const PG_VERSION = 19;
/** Rows the test cannot run: an alias of two other rows, and a rule about ignore comments. */
const NOT_RUN = new Set(['require-timeout-settings', 'unused-ignore', 'require-table-schema']);

interface Row {
  squawk: string;
  slipway: string[];
}

/** The rows of the page's squawk section (the other tools' tables follow it, under their own headings). */
function mapping(): Row[] {
  const rows: Row[] = [];
  let section = '';
  for (const line of readFileSync(MAPPING, 'utf8').split('\n')) {
    if (line.startsWith('## ')) section = line.slice(3).trim();
    if (section !== 'squawk') continue;
    const m = /^\| `([a-z0-9-]+)` \| ([^|]*) \|/.exec(line);
    if (!m) continue;
    const slipway = (m[2] as string).match(/[A-Z]+\d{3}/g) ?? [];
    rows.push({ squawk: m[1] as string, slipway });
  }
  return rows;
}

interface SquawkFinding {
  file: string;
  line: number;
  rule_name: string;
}

/** squawk's findings as `file:line:rule` (1-based lines, file names only). */
function squawk(dir: string): string[] {
  const bin = join(
    dirname(createRequire(import.meta.url).resolve('squawk-cli/package.json')),
    'js/bin/squawk',
  );
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
  let out: string;
  try {
    out = execFileSync(
      process.execPath,
      [bin, '--reporter', 'json', `--pg-version=${PG_VERSION}`, ...files],
      { cwd: dir, encoding: 'utf8' },
    );
  } catch (error) {
    // squawk exits non-zero when it finds something; its report is still on stdout.
    out = (error as { stdout?: string }).stdout ?? '';
  }
  return (JSON.parse(out) as SquawkFinding[]).map((f) => `${f.file}:${f.line + 1}:${f.rule_name}`);
}

/** Slipway's findings over the same files, as `file:line:rule`. */
function slipway(dir: string): string[] {
  const files: Record<string, string> = {
    'slipway.yaml': `version: 1\nmigrations:\n  sql: ["*.sql"]\n  postgres_version: ${PG_VERSION}\n`,
  };
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')))
    files[f] = readFileSync(join(dir, f), 'utf8');
  return runMig(files).findings.map((f) => `${f.file}:${f.range.start.line + 1}:${f.rule}`);
}

beforeAll(ready);

describe('docs/squawk-mapping.md against the real squawk', () => {
  const rows = mapping();
  let squawkCases: string[] = [];
  let slipwayCases: string[] = [];
  beforeAll(() => {
    squawkCases = squawk(CASES);
    slipwayCases = slipway(CASES);
  }, 60_000);

  it('maps every rule squawk reports, and no rule twice', () => {
    const names = rows.map((r) => r.squawk);
    expect(new Set(names).size).toBe(names.length);
    const reported = new Set(squawkCases.map((k) => k.split(':')[2]));
    expect([...reported].filter((r) => !names.includes(r as string))).toEqual([]);
  });

  it('names only rules squawk really has: each row is reported on the cases, but the ones it cannot run', () => {
    const reported = new Set(squawkCases.map((k) => k.split(':')[2]));
    expect(rows.map((r) => r.squawk).filter((r) => !reported.has(r) && !NOT_RUN.has(r))).toEqual([]);
  });

  for (const row of mapping().filter((r) => r.slipway.length > 0 && !NOT_RUN.has(r.squawk)))
    it(`${row.squawk}: where squawk reports it, ${row.slipway.join(' or ')} reports the same line`, () => {
      const lines = squawkCases
        .filter((k) => k.endsWith(`:${row.squawk}`))
        .map((k) => k.replace(/:[^:]+$/, ''));
      expect(lines.length, 'a case where squawk reports it').toBeGreaterThan(0);
      const missing = lines.filter((at) => !row.slipway.some((id) => slipwayCases.includes(`${at}:${id}`)));
      expect(missing).toEqual([]);
    });

  it('is quieter than squawk where nothing is at risk (squawk/quieter/)', () => {
    const marked: string[] = [];
    for (const f of readdirSync(QUIETER)
      .filter((n) => n.endsWith('.sql'))
      .sort())
      readFileSync(join(QUIETER, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const m = /-- squawk: (.+)$/.exec(line);
          for (const rule of m ? (m[1] as string).trim().split(/\s+/) : [])
            marked.push(`${f}:${i + 1}:${rule}`);
        });
    const squawkQuieter = squawk(QUIETER);
    for (const k of marked) expect(squawkQuieter, 'squawk reports it').toContain(k);
    expect(slipway(QUIETER)).toEqual([]);
  }, 60_000);
});
