import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../../../src/policy/parse.js';
import { agentEditNotice } from '../../../../src/rules/paths/facts/agent-edit-notice.js';
import { policy, policyLineOf } from '../path-context.js';

/**
 * The editor's notice on opening a file an agent branch may not edit: PATH003's for a protected
 * file, PATH002's for one outside the allow-list, on line 1, before any edit; nothing elsewhere.
 */
const LINE_ONE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
const line = (needle: string) => policyLineOf(needle) + 1;

describe('agentEditNotice', () => {
  it('a protected file on an agent branch: PATH003, the pattern and the label it needs', () => {
    expect(agentEditNotice(policy, 'auto/x', 'backend/app/core/a.py')).toEqual({
      rule: 'PATH003',
      severity: 'info',
      message: `On agent branch \`auto/x\`, this file may not be edited: it is protected by pattern \`backend/app/core/\` (slipway.yaml line ${line('- backend/app/core/')}); a change to it needs a human branch and the \`approved-core-change\` label.`,
      file: 'backend/app/core/a.py',
      range: LINE_ONE,
    });
  });

  it('a file no allowed pattern covers: PATH002, at the list', () => {
    expect(agentEditNotice(policy, 'refs/heads/auto/x', 'frontend/app.tsx')).toEqual({
      rule: 'PATH002',
      severity: 'info',
      message: `On agent branch \`refs/heads/auto/x\`, this file may not be edited: no pattern of \`agents.allowed\` (slipway.yaml line ${line('allowed:')}) covers it.`,
      file: 'frontend/app.tsx',
      range: LINE_ONE,
    });
  });

  it('a file a `!` pattern takes out of the allow-list: that pattern', () => {
    expect(agentEditNotice(policy, 'auto/x', 'backend/app/services/internal/x.py')?.message).toBe(
      `On agent branch \`auto/x\`, this file may not be edited: pattern \`!/backend/app/services/internal/\` (slipway.yaml line ${line('!/backend/app/services/internal/')}) takes it out of \`agents.allowed\`.`,
    );
  });

  it('near misses: an allowed file, a human branch, no branch at all', () => {
    expect(agentEditNotice(policy, 'auto/x', 'docs/PLAN.md')).toBeUndefined();
    expect(agentEditNotice(policy, 'feature/x', 'backend/app/core/a.py')).toBeUndefined();
    expect(agentEditNotice(policy, undefined, 'frontend/app.tsx')).toBeUndefined();
  });

  it('a protected pattern taken back by `!` leaves the file to the allow-list', () => {
    const doc = parsePolicyText(
      'version: 1\nprotected:\n  paths: [core/, "!core/docs/"]\nagents:\n  branches: ["auto/*"]\n  allowed: [core/docs/]\n',
      'slipway.yaml',
    ).document;
    if (!doc) throw new Error('test policy is invalid');
    expect(agentEditNotice(doc, 'auto/x', 'core/docs/a.md')).toBeUndefined();
    expect(agentEditNotice(doc, 'auto/x', 'core/a.py')?.rule).toBe('PATH003');
  });

  it('without an allow-list, only protection speaks', () => {
    const doc = parsePolicyText(
      'version: 1\nprotected:\n  paths: [core/]\nagents:\n  branches: ["auto/*"]\n',
      'slipway.yaml',
    ).document;
    if (!doc) throw new Error('test policy is invalid');
    expect(agentEditNotice(doc, 'auto/x', 'frontend/app.tsx')).toBeUndefined();
  });
});
