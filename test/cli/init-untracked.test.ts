import { afterAll, describe, expect, it } from 'vitest';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

/**
 * A repository whose files git does not track (a fresh `git init` before `git add`, or a clone
 * whose index was never written): init reads what git lists, found nothing, and wrote a policy
 * protecting only itself without a word. It says now that git tracks no file.
 */
const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) r.dispose();
});

const FILES = {
  'package.json': '{ "name": "app", "dependencies": { "ms": "^2.1.0" } }\n',
  'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
  'prisma/migrations/0_init/migration.sql': 'CREATE TABLE "a" ("id" int);\n',
};

describe('slipway init in a repository whose files git does not track', () => {
  it('says git tracks no file, and how to have them read', () => {
    const r = new TempRepo(FILES);
    repos.push(r);
    const out = slipway(['init', '--dry-run'], { cwd: r.dir });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain(
      'git tracks no file here yet (`git ls-files` lists none, and the folder has 2 entries): Slipway reads the files git tracks, so it found no layout; `git add` them, then run `slipway init` again',
    );
  });

  it('near miss: once added, the layouts are found and nothing is said of untracked files', () => {
    const r = new TempRepo(FILES);
    repos.push(r);
    r.git('add', '-A');
    const out = slipway(['init', '--dry-run'], { cwd: r.dir });
    expect(out.code).toBe(0);
    expect(out.stderr).not.toContain('git tracks no file');
    expect(out.stderr).toContain('prisma/migrations/: Prisma Migrate');
  });
});
