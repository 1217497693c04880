import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixtureCase } from '../rules/fixture-case.js';

const CASE = join(__dirname, '../rules/paths/fixtures/PATH001/trigger-suppression-comment');

describe('a suppression comment in a changed protected file', () => {
  it('does not lift the PATH finding, and says why the comment is void', () => {
    const found = runFixtureCase(CASE, 'PATH');
    const path = found.filter((f) => f.rule === 'PATH001');
    expect(path.map((f) => [f.file, f.range.start.line])).toEqual([['db/migrations/0002_invoices.sql', 0]]);
    const sup = found.filter((f) => f.rule === 'SUP001');
    expect(sup.map((f) => f.message)).toEqual([
      'PATH001 cannot be suppressed with a comment: the policy decides what is protected and where agents may write; remove it.',
    ]);
  });
});
