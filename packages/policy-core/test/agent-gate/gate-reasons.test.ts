import { describe, expect, it } from 'vitest';
import { findingReason } from '../../src/agent-gate/gate-reasons.js';
import type { Finding } from '../../src/finding.js';
import { policyDoc } from '../policy/policy-doc.js';
import { allRules } from '../../src/rules/registry.js';

/** What the gate tells an agent to do instead, for a finding of each kind. */
const doc = policyDoc('version: 1\nmigrations:\n  sql: ["db/*.sql"]\n');
const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 5 } };
const finding = (rule: string, fixes?: Finding['fixes']): Finding => ({
  rule,
  severity: 'error',
  message: 'm',
  file: 'db/002.sql',
  range,
  ...(fixes ? { fixes } : {}),
});
const ruleOf = (id: string) => allRules().find((r) => r.id === id);

describe('findingReason: what to do instead', () => {
  it("names the finding's fixes, by their titles, where Slipway has them", () => {
    const fixes = [
      { title: 'Build it CONCURRENTLY', edits: [] },
      { title: 'Add SET lock_timeout', edits: [], choice: true as const },
    ];
    expect(findingReason(finding('MIG011', fixes), doc, ruleOf('MIG011')).instead).toBe(
      "make the change Slipway's fix makes (its edits: the MCP tool check_change, or `slipway check --format json`): Build it CONCURRENTLY; or: Add SET lock_timeout",
    );
  });

  it('a long title is cut at its end: where the edits are is said first', () => {
    const title = `Expand/contract: ${'x'.repeat(500)}`;
    const instead = findingReason(finding('MIG011', [{ title, edits: [] }]), doc, ruleOf('MIG011')).instead;
    expect(instead).toHaveLength(400);
    expect(instead).toContain('check_change');
    expect(instead.endsWith('…')).toBe(true);
  });

  it("without a fix, the rule's advice on one line; without a rule, to leave the file", () => {
    const advice = findingReason(finding('MIG011'), doc, ruleOf('MIG011')).instead;
    expect(advice).toMatch(/^Add the new column, write both, backfill/);
    expect(advice).not.toMatch(/\n| {2}/);
    expect(findingReason(finding('MIG011'), doc, undefined).instead).toBe(
      'leave this file as it is, or ask a human to make this change',
    );
  });

  it('a finding a label settles asks for a human, fix or not', () => {
    expect(
      findingReason(finding('PATH001', [{ title: 't', edits: [] }]), doc, ruleOf('PATH001')).instead,
    ).toMatch(/^ask a human to approve/);
  });
});
