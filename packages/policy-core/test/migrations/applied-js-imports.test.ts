import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine.js';
import { initMigrationParsers } from '../../src/index.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { type GitFacts, MemoryRepo } from '../../src/repo.js';

beforeAll(() => initMigrationParsers());

const PROD = 'a'.repeat(40);
const RECORD = `{"last_good_sha": "${PROD}", "deployed_at": "2026-01-01T00:00:00Z", "environment": "production"}\n`;
const POLICY = 'version: 1\nmigrations:\n  typeorm: src/migrations\ndeploy:\n  record: deploy/record.json\n';
const MIGRATION = 'src/migrations/1700000000001-Seed.ts';
const ENTITY = 'src/entities/note.entity.ts';
const enumOf = (members: string) => `export enum NoteKind {\n${members}}\n`;
const PLAIN = "  PLAIN = 'plain',\n";
const FILES = {
  [MIGRATION]: `import { MigrationInterface, QueryRunner } from "typeorm";
import { NoteKind } from "../entities/note.entity";

export class Seed1700000000001 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`INSERT INTO notes (kind) VALUES ('\${NoteKind.PLAIN}')\`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(\`DELETE FROM notes WHERE kind = 'plain'\`);
  }
}
`,
  [ENTITY]: enumOf(PLAIN),
};

/** The tree checked with production at PROD, which held FILES; `now` the entity as it is now. */
function check(now: string) {
  const git: GitFacts = {
    commitExists: (sha) => sha === PROD,
    isAncestor: () => true,
    readFilesAt: (sha, paths) =>
      sha === PROD
        ? new Map(paths.filter((p) => p in FILES).map((p) => [p, FILES[p as keyof typeof FILES]]))
        : undefined,
  };
  const policy = parsePolicyText(POLICY, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  const repo = new MemoryRepo(
    { 'slipway.yaml': POLICY, 'deploy/record.json': RECORD, ...FILES, [ENTITY]: now },
    git,
  );
  const r = runCheck({ policy, repo, only: ['MIG001'] });
  return { files: r.findings.map((f) => f.file), notes: r.scope.notes };
}

describe('a migration production ran, whose imported value changed since', () => {
  it('is judged again, and the note says so', () => {
    const r = check(enumOf('  PLAIN = "x\'); DROP TABLE accounts; --",\n'));
    expect(r.files).toEqual([MIGRATION]);
    expect(r.notes).toEqual([
      `1 migration in aaaaaaaaaaaa edited since is judged again (the edit never ran): ${MIGRATION}`,
    ]);
  });

  it('near miss: a member added, the value it reads the same: history, not judged', () => {
    const r = check(enumOf(`${PLAIN}  RICH = "x'); DROP TABLE accounts; --",\n`));
    expect(r).toEqual({ files: [], notes: [] });
  });
});
