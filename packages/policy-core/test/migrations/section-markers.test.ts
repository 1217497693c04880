import { beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../../src/engine.js';
import { initMigrationParsers } from '../../src/index.js';
import { gooseAnnotation } from '../../src/migrations/section-markers.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { MemoryRepo } from '../../src/repo.js';

// Issue 48, section 3: a section marker is what the runner itself reads as one (dbmate's and
// goose's rules, section-markers.ts). A line the runner does not read as a Down marker leaves the
// DROP after it in the forward section, where it runs: MIG001. Beside each, the marker written
// right (the DROP is the way back: no MIG001).

beforeAll(() => initMigrationParsers());

function forwardDrop(runner: string, sql: string): boolean {
  const text = `version: 1\nmigrations:\n  sql: ["db/*.sql"]\n  sql_runner: ${runner}\n`;
  const policy = parsePolicyText(text, 'slipway.yaml').document;
  if (!policy) throw new Error('bad test policy');
  const repo = new MemoryRepo({ 'slipway.yaml': text, 'db/001.sql': sql });
  return runCheck({ policy, repo }).findings.some((f) => f.rule === 'MIG001');
}

const UP = {
  dbmate: '-- migrate:up\nCREATE TABLE t (id int);\n',
  goose: '-- +goose Up\nCREATE TABLE t (id int);\n',
};
const DROP = 'DROP TABLE users;\n';

// [runner, the Down line as written, whether the runner reads it as Down]
const CASES: [keyof typeof UP, string, boolean][] = [
  ['dbmate', '-- migrate:down', true],
  ['dbmate', '--migrate:down', true],
  ['dbmate', '-- migrate:down transaction:false', true],
  ['dbmate', '-- migrate:down\r', true],
  ['dbmate', '  -- migrate:down', false],
  ['dbmate', '\t-- migrate:down', false],
  ['dbmate', '-- migrate:Down', false],
  ['dbmate', '-- Migrate:down', false],
  ['dbmate', '-- MIGRATE:DOWN', false],
  ['dbmate', '-- migrate:downwards', false],
  ['dbmate', '--\u00a0migrate:down', false],
  ['dbmate', 'SELECT 1;\r-- migrate:down', false],
  ['goose', '-- +goose Down', true],
  ['goose', '-- +goose down', true],
  ['goose', '-- +goose DOWN', true],
  ['goose', '--+goose Down  ', true],
  ['goose', '-- +goose Down\r', true],
  ['goose', '  -- +goose Down', false],
  ['goose', '\t-- +goose Down', false],
  ['goose', '-- +GOOSE Down', false],
  ['goose', '-- +Goose Down', false],
  ['goose', '-- +goose Down now', false],
  ['goose', '-- +goose Downtown', false],
  ['goose', '-- +goose +goose Down', false],
  ['goose', '-- note: +goose Down', false],
];

describe('a Down marker counts only as its runner reads it', () => {
  for (const [runner, line, isMarker] of CASES) {
    const name = JSON.stringify(line);
    it(`${runner}: ${name} ${isMarker ? 'is Down (near miss: the DROP is the way back)' : 'is no marker: the DROP after it runs forward (MIG001)'}`, () => {
      expect(forwardDrop(runner, `${UP[runner]}${line}\n${DROP}`)).toBe(!isMarker);
    });
  }
});

describe("goose's annotation reading (extractAnnotation)", () => {
  it('keeps every -- out and trims with Go space, not JavaScript space', () => {
    expect(gooseAnnotation('---- +goose Up')).toBe('up');
    expect(gooseAnnotation('-- +goose NO TRANSACTION')).toBe('no transaction');
    expect(gooseAnnotation('\u0085-- +goose Down')).toBe('down');
    expect(gooseAnnotation('-- plain comment')).toBeUndefined();
  });
});

describe("goose's NO TRANSACTION is read by the same rule", () => {
  const concurrently = (annotation: string) => {
    const text = 'version: 1\nmigrations:\n  sql: ["db/*.sql"]\n  sql_runner: goose\n';
    const policy = parsePolicyText(text, 'slipway.yaml').document;
    if (!policy) throw new Error('bad test policy');
    const sql = `${annotation}\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON t (c);\n`;
    const repo = new MemoryRepo({ 'slipway.yaml': text, 'db/001.sql': sql });
    return runCheck({ policy, repo }).findings.some((f) => f.rule === 'MIG021');
  };
  it('`-- +GOOSE NO TRANSACTION` is a comment: goose wraps the file, CONCURRENTLY fails in it (MIG021)', () => {
    expect(concurrently('-- +GOOSE NO TRANSACTION')).toBe(true);
  });
  it('near miss: `-- +goose NO TRANSACTION` opts out (no MIG021)', () => {
    expect(concurrently('-- +goose NO TRANSACTION')).toBe(false);
  });
});
