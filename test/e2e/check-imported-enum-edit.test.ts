import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentSession } from '../helpers/agent-session.js';
import { slipway } from '../helpers/cli.js';
import { TempRepo } from '../helpers/git-repo.js';

// A TypeORM migration already on the base puts an enum's value into its SQL (as Flowise's do): a
// branch that rewrites the value changes what the migration runs on every database it runs on
// next, the migration file untouched. The migration is judged again with the new value; an
// edit of the enum that leaves the values it reads alone (a member added) judges nothing again,
// so an old migration's findings do not come back.
const ENTITY = (members: string) => `export enum NoteKind {\n${members}}\n`;
const PLAIN = "  PLAIN = 'plain',\n";
const FILES = {
  'slipway.yaml': 'version: 1\nproduction_branch: main\nmigrations:\n  typeorm: src/migrations\n',
  'src/entities/note.entity.ts': ENTITY(PLAIN),
  'src/migrations/1700000000001-Seed.ts': `import { MigrationInterface, QueryRunner } from "typeorm";
import { NoteKind } from "../entities/note.entity";

export class Seed1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`INSERT INTO notes (kind) VALUES ('\${NoteKind.PLAIN}')\`);
    await queryRunner.query(\`UPDATE notes SET kind = 'plain'\`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DELETE FROM notes WHERE kind = 'plain'\`);
  }
}
`,
};
const INJECTED = ENTITY('  PLAIN = "x\'); DROP TABLE accounts; --",\n');
const ADDED = ENTITY(`${PLAIN}  RICH = 'rich',\n`);

const repos: TempRepo[] = [];
afterAll(() => {
  for (const r of repos) rmSync(r.dir, { recursive: true, force: true });
});

function branchWith(entity: string) {
  const repo = new TempRepo(FILES);
  repos.push(repo);
  repo.git('add', '-A');
  repo.git('commit', '-qm', 'init');
  repo.git('checkout', '-qb', 'feature');
  repo.write({ 'src/entities/note.entity.ts': entity });
  repo.git('commit', '-qam', 'edit the enum');
  const r = slipway(['check', '--format', 'json'], { cwd: repo.dir });
  return { code: r.code, findings: JSON.parse(r.stdout).findings as { rule: string; file: string }[] };
}

describe('check: a branch that edits an enum a migration on the base reads', () => {
  it('a value rewritten into a DROP: the migration is judged again (MIG001 on it)', () => {
    const { code, findings } = branchWith(INJECTED);
    expect(code).toBe(1);
    expect(findings.filter((f) => f.rule === 'MIG001').map((f) => f.file)).toEqual([
      'src/migrations/1700000000001-Seed.ts',
    ]);
  });

  it('near miss: a member added, the value it reads the same: nothing judged again (its old MIG006 stays quiet)', () => {
    const { findings } = branchWith(ADDED);
    expect(findings.filter((f) => f.rule.startsWith('MIG'))).toEqual([]);
  });
});

describe('the agent hook: an Edit of that enum', () => {
  const session = new AgentSession(FILES);
  it('is refused when it turns the value into a DROP; a member added passes', () => {
    const bad = session.write('src/entities/note.entity.ts', INJECTED);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/\[MIG001\] src\/migrations\/1700000000001-Seed\.ts/);
    const fine = session.write('src/entities/note.entity.ts', ADDED);
    expect(fine).toMatchObject({ code: 0, stdout: '' });
  });
});

describe('check --tree: a migration at or before applied_through whose imported value changed since the commit that set it', () => {
  const adopted = () => {
    const repo = new TempRepo({
      ...FILES,
      'slipway.yaml': `${FILES['slipway.yaml']}  applied_through: src/migrations/1700000000001-Seed.ts\n`,
    });
    repos.push(repo);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'adopt slipway');
    return repo;
  };
  const tree = (repo: TempRepo) => {
    const r = slipway(['check', '--tree', '--format', 'json'], { cwd: repo.dir });
    return JSON.parse(r.stdout) as { findings: { rule: string; file: string }[] };
  };

  it('is judged again (MIG001), the migration file untouched', () => {
    const repo = adopted();
    repo.write({ 'src/entities/note.entity.ts': INJECTED });
    repo.git('commit', '-qam', 'rewrite the value');
    expect(
      tree(repo)
        .findings.filter((f) => f.rule === 'MIG001')
        .map((f) => f.file),
    ).toEqual(['src/migrations/1700000000001-Seed.ts']);
  });

  it('near miss: a member added: still history', () => {
    const repo = adopted();
    repo.write({ 'src/entities/note.entity.ts': ADDED });
    repo.git('commit', '-qam', 'add a member');
    expect(tree(repo).findings.filter((f) => f.rule.startsWith('MIG'))).toEqual([]);
  });
});
