import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { initSqlParser, MemoryRepo, MigrationAnalyzer, type MigrationModule } from '@slipway/policy-core';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Slipway's TypeORM reader against TypeORM's own calling convention: scripts/typeorm-oracle.cjs
 * compiles each migration with TypeScript's compiler, constructs the class it exports and awaits
 * `up(queryRunner)`, recording each `query(sql)` as sent and each builder method called. What the
 * reader read must be that, in order: the literal SQL texts (`MigrationModule.jsSql`, what
 * `slipway trace` runs) and one builder call per call site. Where the reader cannot know the SQL
 * (a template with substitutions in a loop), it must say so at that call (an unread step, MIG030),
 * standing for whatever the oracle saw run there. The migrations (fixtures/typeorm-app) are
 * written as TypeORM's CLI generates them and as people extend them: template literals,
 * concatenation with a module constant, builder calls, `transaction = false`, parameters,
 * several statements in one string, a loop.
 */
type Step = { sql: string } | { builder: string } | 'unread';

const ORACLE = fileURLToPath(new URL('../../scripts/typeorm-oracle.cjs', import.meta.url));
const DIR = fileURLToPath(new URL('./fixtures/typeorm-app/src/migrations', import.meta.url));

function slipwaySteps(m: MigrationModule): Step[] {
  const ops = m.upgrade?.ops ?? [];
  const texts = new Map((m.jsSql ?? []).map((t) => [t.at, t]));
  const steps: Step[] = [];
  let lastBuilderLine = -1;
  for (let i = 0; i < ops.length; ) {
    const text = texts.get(i);
    if (text) {
      steps.push({ sql: text.sql });
      i += text.count;
      lastBuilderLine = -1;
      continue;
    }
    const op = ops[i++];
    if (!op) break;
    if (op.kind === 'unread_sql') {
      steps.push('unread');
      continue;
    }
    // One builder call may be several steps (a table with its columns): one call site.
    if (op.range.start.line === lastBuilderLine) continue;
    lastBuilderLine = op.range.start.line;
    steps.push({ builder: /queryRunner\.(\w+)\(/.exec(op.label)?.[1] ?? op.label });
  }
  return steps;
}

/** Slipway's steps, each unread one standing for the oracle's steps up to the next that matches. */
function align(ours: Step[], theirs: Step[]): { matched: number; unreadCovered: number } {
  let i = 0;
  let matched = 0;
  let unreadCovered = 0;
  for (let k = 0; k < ours.length; k++) {
    const step = ours[k];
    if (step === 'unread') {
      const next = ours[k + 1];
      const start = i;
      while (i < theirs.length && (next === undefined || JSON.stringify(theirs[i]) !== JSON.stringify(next)))
        i++;
      expect(i - start, 'an unread step stands for at least one call the oracle saw').toBeGreaterThan(0);
      unreadCovered += i - start;
      continue;
    }
    expect(theirs[i], `step ${k}`).toEqual(step);
    i++;
    matched++;
  }
  expect(i, 'every call the oracle saw is accounted for').toBe(theirs.length);
  return { matched, unreadCovered };
}

describe('the TypeORM reader against TypeORM migrations run as TypeORM runs them', () => {
  let oracle: Record<string, Step[]>;
  let modules: Map<string, MigrationModule>;
  beforeAll(async () => {
    await initSqlParser();
    oracle = JSON.parse(execFileSync(process.execPath, [ORACLE, DIR], { encoding: 'utf8' }));
    const files: Record<string, string> = {};
    for (const f of readdirSync(DIR)) files[`src/migrations/${f}`] = readFileSync(`${DIR}/${f}`, 'utf8');
    const analysis = new MigrationAnalyzer().analyze(new MemoryRepo(files), {
      alembic: [],
      sqlFiles: [],
      typeorm: ['src/migrations'],
    });
    modules = new Map((analysis.trees[0]?.modules ?? []).map((m) => [m.path.split('/').pop() as string, m]));
  });

  it('reads every file the oracle ran, each step in order', () => {
    const names = Object.keys(oracle).sort();
    expect(names).toHaveLength(5);
    expect([...modules.keys()].sort()).toEqual(names);
    let matched = 0;
    let covered = 0;
    for (const name of names) {
      const r = align(slipwaySteps(modules.get(name) as MigrationModule), oracle[name] ?? []);
      matched += r.matched;
      covered += r.unreadCovered;
    }
    // So that agreement is not agreement on nothing: the oracle's steps, read or said unread.
    expect(matched).toBe(15);
    expect(covered).toBe(2);
  });

  it('near miss: a reading that left out a statement would not align', () => {
    const name = '1700000000001-UserAge.ts';
    const ours = slipwaySteps(modules.get(name) as MigrationModule).slice(1);
    expect(() => align(ours, oracle[name] ?? [])).toThrow();
  });
});
