import type { Finding } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { suppressionEdit } from '../src/features/code-actions.js';

const finding = (line: number): Finding => ({
  rule: 'MIG001',
  severity: 'error',
  message: 'm',
  file: 'a.sql',
  range: { start: { line, character: 4 }, end: { line, character: 9 } },
});

describe('suppressionEdit', () => {
  const lines = ['CREATE TABLE a ();', '    DROP TABLE users;', '-- note: DROP TABLE x', ''];
  const at = (n: number) => lines[n] ?? '';

  it('puts the directive on its own line above the finding, indented like it', () => {
    expect(suppressionEdit(finding(1), '--', at)).toEqual({
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } },
      newText: '    -- slipway: allow MIG001 -- reason\n',
    });
  });

  it('appends it to a comment line, since a directive above would target the next code line', () => {
    expect(suppressionEdit(finding(2), '--', at)).toEqual({
      range: { start: { line: 2, character: 21 }, end: { line: 2, character: 21 } },
      newText: '  -- slipway: allow MIG001 -- reason',
    });
  });
});
