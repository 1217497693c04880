import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// What the command decides on each input: the built CLI run in this process (in-process-cli.ts).
import { slipwayInProcess as slipway } from '../helpers/in-process-cli.js';
import { repoFactory } from './e2e-helpers.js';

/**
 * `migrations.applied_through` vouches for what the commit that set it held, not for whatever
 * sorts before it later: a migration an agent adds under an earlier name (`0005a_…` before the
 * `0010_…` the policy names), or an old one it edits, is judged by `check --tree` (and so by the
 * first promote's guard, before any deploy record), and a note says why.
 */
const POLICY = (through: string) => `version: 1
production_branch: main
migrations:
  sql: ["db/migrations/*.sql"]
  applied_through: "${through}"
`;

const HISTORY = {
  'db/migrations/0001_init.sql': 'CREATE TABLE orders (id int);\n',
  'db/migrations/0002_add_note.sql': 'CREATE TABLE notes (id int);\n',
  'db/migrations/0010_items.sql': 'CREATE TABLE items (id int);\n',
};

const repo = repoFactory();
const tree = (dir: string) => {
  const r = slipway(['check', '--tree', '--format', 'json'], { cwd: dir });
  const out = JSON.parse(r.stdout) as { findings: { rule: string; file: string }[]; notes?: string[] };
  return { code: r.code, found: out.findings.map((f) => `${f.rule} ${f.file}`), text: r.stdout };
};

describe('applied_through: history is what the commit that set it held', () => {
  // History, then the adoption commit that sets applied_through: the history is all run.
  const r = repo(HISTORY);
  r.commit('years of history');
  r.write({ 'slipway.yaml': POLICY('db/migrations/0010_items.sql') });
  const adopted = r.commit('adopt slipway').slice(0, 12);

  it('near miss: the history the commit held, unchanged, is not judged; a later edit elsewhere in the policy keeps it so', () => {
    r.write({ 'slipway.yaml': `${POLICY('db/migrations/0010_items.sql')}# reviewed\n` });
    r.commit('a policy edit that leaves applied_through alone');
    const clean = tree(r.dir);
    expect(clean.found).toEqual([]);
    expect(clean.code).toBe(0);
    expect(clean.text).not.toContain('the commit that set it');
  });

  it('a migration added later under an earlier name is judged, and the note names it and the commit', () => {
    r.write({ 'db/migrations/0005a_drop_orders.sql': 'DROP TABLE orders;\n' });
    r.commit('an agent slips a drop in before the applied mark');
    const caught = tree(r.dir);
    expect(caught.found).toContain('MIG001 db/migrations/0005a_drop_orders.sql');
    expect(caught.code).toBe(1);
    expect(caught.text).toContain(
      `ordered at or before migrations.applied_through \\"db/migrations/0010_items.sql\\" was not in ${adopted}, the commit that set it`,
    );
    rmSync(join(r.dir, 'db/migrations/0005a_drop_orders.sql'));
    r.commit('removed again');
  });

  it('an applied migration edited since is judged again', () => {
    r.write({ 'db/migrations/0002_add_note.sql': 'CREATE TABLE notes (id int);\nDROP TABLE items;\n' });
    r.commit('an agent edits history');
    const caught = tree(r.dir);
    expect(caught.found).toContain('MIG001 db/migrations/0002_add_note.sql');
    expect(caught.text).toContain(`edited since ${adopted}, the commit that set it, is judged again`);
    r.write(HISTORY);
    r.commit('history restored');
    expect(tree(r.dir).found).toEqual([]);
  });

  it('moving applied_through on in a later commit vouches for what that commit held', () => {
    r.write({ 'db/migrations/0011_more.sql': 'DROP TABLE notes;\n' });
    r.commit('a reviewed migration, deployed');
    // Before the mark moves, the new migration is after it: judged, as any new one.
    expect(tree(r.dir).found).toContain('MIG001 db/migrations/0011_more.sql');
    r.write({ 'slipway.yaml': POLICY('db/migrations/0011_more.sql') });
    r.commit('it ran: applied_through moves on');
    expect(tree(r.dir).found).toEqual([]);
  });

  it('a shallow clone whose history stops at a commit holding the entry says the answer may be wider than true', () => {
    const shallow = repo();
    rmSync(shallow.dir, { recursive: true, force: true });
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${r.dir}`, shallow.dir]);
    const run = tree(shallow.dir);
    expect(run.text).toContain("this clone's history stops at");
    expect(run.text).toContain('fetch-depth: 0');
    // Near miss: the full clone it came from says nothing of the kind.
    expect(tree(r.dir).text).not.toContain("this clone's history stops at");
  });

  it('a policy not committed yet: the order decides, and the note says so', () => {
    const fresh = repo(HISTORY);
    fresh.commit('years of history');
    fresh.write({ 'slipway.yaml': POLICY('db/migrations/0010_items.sql') });
    const run = tree(fresh.dir);
    expect(run.found).toEqual([]);
    expect(run.text).toContain('is in no commit of slipway.yaml (not committed yet');
  });
});
