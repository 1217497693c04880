import type { Finding, Fix } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { codeActions } from '../src/features/code-actions.js';

/** A fix's code action as the editor receives it: plain changes, or a CreateFile first. */
const actionEdit = (fix: Fix) => {
  const finding: Finding = {
    rule: 'MIG026',
    severity: 'warning',
    message: 'm',
    file: 'db/002.sql',
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 9 } },
    fixes: [fix],
  };
  return codeActions({
    root: '/repo',
    lines: () => 'ALTER TABLE t ADD CONSTRAINT c CHECK (x > 0);',
    findings: [finding],
    range: finding.range,
    diagnostics: [],
    toDiagnostic: (f) => ({ range: f.range, message: f.message, code: f.rule }),
  })[0]?.edit;
};
const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const end = { start: { line: 0, character: 44 }, end: { line: 0, character: 44 } };

describe("a fix's code action", () => {
  it('edits files in place as plain changes', () => {
    expect(
      actionEdit({ title: 'in place', edits: [{ file: 'db/002.sql', range: end, newText: ' NOT VALID' }] }),
    ).toEqual({ changes: { 'file:///repo/db/002.sql': [{ range: end, newText: ' NOT VALID' }] } });
  });

  it('creates the new migration first (failing if it exists), then edits both files', () => {
    const edit = actionEdit({
      title: 'validate later',
      edits: [
        { file: 'db/002.sql', range: end, newText: ' NOT VALID' },
        { file: 'db/003.sql', range: at0, newText: 'VALIDATE;\n', create: true },
      ],
    });
    expect(edit).toEqual({
      documentChanges: [
        {
          kind: 'create',
          uri: 'file:///repo/db/003.sql',
          options: { overwrite: false, ignoreIfExists: false },
        },
        {
          textDocument: { uri: 'file:///repo/db/002.sql', version: null },
          edits: [{ range: end, newText: ' NOT VALID' }],
        },
        {
          textDocument: { uri: 'file:///repo/db/003.sql', version: null },
          edits: [{ range: at0, newText: 'VALIDATE;\n' }],
        },
      ],
    });
  });
});
