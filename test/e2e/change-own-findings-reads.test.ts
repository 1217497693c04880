import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * A change's check reads at its base what the families with findings read on the tree
 * (change-own-findings.ts), and asks git for those files together: a migration series is read
 * whole, and one git process per file (what it did before) cost a process for each of a real
 * history's hundreds of revisions on every check, guard, promote and hook call. Counted with git's
 * own trace through the CLI.
 */
const SERIES = Object.fromEntries(
  Array.from({ length: 40 }, (_, i) => [
    `db/migrations/${String(i + 1).padStart(4, '0')}_t${i}.sql`,
    `CREATE TABLE t${i} (id int);\n`,
  ]),
);
const repo = new TempRepo({
  'slipway.yaml': 'version: 1\nmigrations:\n  sql: ["db/migrations/*.sql"]\n',
  ...SERIES,
});
afterAll(() => repo.dispose());

describe('a change’s check reads the base together', () => {
  it('a new migration beside 40 old ones: the base is read in one cat-file process, and the finding stays', () => {
    repo.commit('history');
    repo.git('checkout', '-q', '-b', 'pr/drop');
    repo.write({ 'db/migrations/0041_drop.sql': 'DROP TABLE t1;\n' }).commit('drop');
    const trace = join(repo.dir, '..', `trace-${process.pid}.log`);
    writeFileSync(trace, '');
    const r = slipway(['check', '--base', 'main', '--format', 'json'], {
      cwd: repo.dir,
      env: { GIT_TRACE: trace },
    });
    const found = (JSON.parse(r.stdout) as { findings: { rule: string; file: string }[] }).findings;
    expect(found.map((f) => `${f.rule} ${f.file}`)).toContain('MIG001 db/migrations/0041_drop.sql');
    const batches = readFileSync(trace, 'utf8')
      .split('\n')
      .filter((l) => /trace: built-in: git cat-file --batch /.test(l));
    // The head's reads (the working tree here: none) and the base's, one process.
    expect(batches.length).toBeLessThanOrEqual(1);
  });
});
