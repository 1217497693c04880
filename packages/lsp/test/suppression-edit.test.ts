import type { Finding } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { codeActions, suppressionEdit } from '../src/features/code-actions.js';

const finding = (line: number, rule = 'MIG001'): Finding => ({
  rule,
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

describe('suppression quick fixes', () => {
  const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 20 } };
  const actionsFor = (rule: string) =>
    codeActions({
      root: '/repo',
      lines: () => 'DROP TABLE users;',
      findings: [finding(1, rule)],
      range,
      diagnostics: [],
      toDiagnostic: (f) => ({ range: f.range, message: f.message, code: f.rule }),
    }).map((a) => a.title);

  it('offers one for a rule a comment can silence', () => {
    expect(actionsFor('MIG001')).toEqual(['Suppress MIG001 on this line']);
  });

  it('offers none for path rules, which only the policy can lift', () => {
    expect(actionsFor('PATH001')).toEqual([]);
    expect(actionsFor('PATH003')).toEqual([]);
  });
});

describe('suppression quick fixes in npm-family files', () => {
  const range = { start: { line: 1, character: 0 }, end: { line: 1, character: 20 } };
  const actionsIn = (file: string) =>
    codeActions({
      root: '/repo',
      lines: () => '    "is-odd": "^3.0.0"',
      findings: [{ ...finding(1, 'DEP003'), file }],
      range,
      diagnostics: [],
      toDiagnostic: (f) => ({ range: f.range, message: f.message, code: f.rule }),
    }).map((a) => a.title);

  // package.json is strict JSON, bun.lock JSONC a `#` breaks, and pnpm 10 rewrites
  // pnpm-lock.yaml at every install, dropping comments: a policy `waivers:` entry lifts these.
  it.each(['package.json', 'package-lock.json', 'bun.lock', 'pnpm-lock.yaml', 'web/yarn.lock'])(
    'offers no comment in %s',
    (file) => {
      expect(actionsIn(file)).toEqual([]);
    },
  );

  it.each(['requirements.txt', 'pnpm-workspace.yaml', 'pyproject.toml'])(
    'near miss: offers one in %s',
    (file) => {
      expect(actionsIn(file)).toEqual(['Suppress DEP003 on this line']);
    },
  );
});
