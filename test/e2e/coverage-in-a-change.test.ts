import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

// A change that writes into a migration layout no rule reads gets its own COV finding, at the
// file it writes: at the layout's first file the finding stood on the base and was set aside as
// the base's, so a change adding a migration that drops a table said "No findings" (a Payload
// project, payloadcms/payload's templates). Through the built CLI on a real repository.
const payload = (statement: string) =>
  `import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'\n\nexport async function up({ db }: MigrateUpArgs): Promise<void> {\n  await db.execute(sql\`${statement}\`)\n}\n\nexport async function down({ db }: MigrateDownArgs): Promise<void> {}\n`;
const INIT = 'src/migrations/20240101_000000_init.ts';
const DROP = 'src/migrations/20240201_000000_drop.ts';

let repo: TempRepo;
beforeAll(() => {
  repo = new TempRepo({
    'slipway.yaml': 'version: 1\nproduction_branch: main\n',
    [INIT]: payload('CREATE TABLE "users" ("id" serial PRIMARY KEY NOT NULL);'),
    'src/migrations/index.ts':
      "import * as m from './20240101_000000_init';\nexport const migrations = [m];\n",
  });
  repo.commit('project');
});
afterAll(() => repo.dispose());

const covOf = (stdout: string) =>
  (JSON.parse(stdout).findings as { rule: string; file: string; message: string }[]).filter((f) =>
    f.rule.startsWith('COV'),
  );

describe('a change into a layout no rule reads', () => {
  it('a new migration there is the change’s COV001, at the new file, named as Payload’s', () => {
    const branch = new TempRepo({}, repo);
    branch.git('checkout', '-q', '-b', 'drop');
    branch.write({ [DROP]: payload('DROP TABLE "users";') });
    branch.commit('drop users');
    const r = slipway(['check', '--base', 'main', '--format', 'json'], { cwd: branch.dir });
    const cov = covOf(r.stdout);
    expect(cov.map((f) => [f.rule, f.file])).toEqual([['COV001', DROP]]);
    expect(cov[0]?.message).toContain(
      `this change writes one of 2 Payload migrations under src/migrations/: ${DROP}; Slipway does not read this layout`,
    );
    const text = slipway(['check', '--base', 'main'], { cwd: branch.dir }).stdout;
    expect(text).not.toMatch(/^No findings/m);
    branch.dispose();
  });

  it('an edit of the layout’s first file is the change’s too (it is where the tree’s finding stands)', () => {
    const branch = new TempRepo({}, repo);
    branch.git('checkout', '-q', '-b', 'edit');
    branch.write({ [INIT]: payload('DROP TABLE "users";') });
    branch.commit('rewrite the first migration');
    const cov = covOf(slipway(['check', '--base', 'main', '--format', 'json'], { cwd: branch.dir }).stdout);
    expect(cov.map((f) => [f.rule, f.file])).toEqual([['COV001', INIT]]);
    branch.dispose();
  });

  it('near miss: a change that leaves the layout alone has no COV finding (the coverage line names it)', () => {
    const branch = new TempRepo({}, repo);
    branch.git('checkout', '-q', '-b', 'docs');
    branch.write({ 'README.md': '# shop\n' });
    branch.commit('docs');
    const r = slipway(['check', '--base', 'main', '--format', 'json'], { cwd: branch.dir });
    expect(covOf(r.stdout)).toEqual([]);
    expect(JSON.parse(r.stdout).scope.coverage.line).toContain(
      '1 Payload migration (src/migrations/20240101_000000_init.ts)',
    );
    // The tree still has its one finding per layout, at the layout's first file.
    const tree = covOf(slipway(['check', '--tree', '--format', 'json'], { cwd: branch.dir }).stdout);
    expect(tree.map((f) => [f.rule, f.file])).toEqual([['COV001', INIT]]);
    branch.dispose();
  });
});
