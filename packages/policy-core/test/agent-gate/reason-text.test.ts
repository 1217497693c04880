import { describe, expect, it } from 'vitest';
import { clip, reasonText } from '../../src/agent-gate/reason-text.js';
import type { GateReason } from '../../src/agent-gate/tool-call.js';
import { LIMITS } from '../../src/limits.js';

const reason = (i: number, message = `db/versions/${i}.py is protected`): GateReason => ({
  ruleId: 'PATH001',
  path: `db/versions/${i}.py`,
  message,
  instead: 'Ask a person to change this file',
});

describe('reasonText: one bounded paragraph for every agent', () => {
  it('says each reason: rule, file, message, policy line, what to do instead', () => {
    expect(
      reasonText(
        {
          verdict: 'deny',
          reasons: [
            { ...reason(1), policyLine: 'slipway.yaml:7' },
            {
              ruleId: 'GATE',
              message: 'The hook input could not be read',
              instead: 'Retry the tool call with valid input.',
            },
          ],
        },
        'deny',
      ),
    ).toBe(
      'Slipway refused this tool call. [PATH001] db/versions/1.py: db/versions/1.py is protected. (slipway.yaml:7) Instead: Ask a person to change this file.' +
        ' [GATE] The hook input could not be read. Instead: Retry the tool call with valid input.',
    );
  });

  it('stays within its limit however many and however long the reasons, saying how many it left out', () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({
      ...reason(i, 'm'.repeat(5000)),
      policyLine: `slipway.yaml:${i + 1}`,
    }));
    const text = reasonText({ verdict: 'deny', reasons: many }, 'deny');
    expect(text.length).toBeLessThanOrEqual(LIMITS.agentGate.reasonChars);
    expect(text).toMatch(/ \(\d+ more reasons not shown\.\)$/);
    // Near miss: a few short reasons are all shown.
    const few = reasonText({ verdict: 'ask', reasons: [reason(1), reason(2)] }, 'ask');
    expect(few).toMatch(/^Slipway asks a person to approve this tool call\. \[PATH001\]/);
    expect(few).toContain('db/versions/2.py');
    expect(few).not.toContain('not shown');
  });

  it('lists at most LIMITS.agentGate.reasons reasons, however short', () => {
    // Each from its own policy line: no two are the same advice.
    const reasons = Array.from({ length: 25 }, (_, i) => ({
      ...reason(i),
      policyLine: `slipway.yaml:${i + 1}`,
    }));
    const text = reasonText({ verdict: 'deny', reasons }, 'deny');
    expect(text.match(/\[PATH001\]/g)).toHaveLength(LIMITS.agentGate.reasons);
    expect(text).toMatch(/\(15 more reasons not shown\.\)$/);
  });

  it('says reasons that differ only by their file once, naming the other files', () => {
    const line = { policyLine: 'slipway.yaml:10' };
    const reasons: GateReason[] = [
      ...Array.from({ length: 8 }, (_, i) => ({ ...reason(i), ...line })),
      { ...reason(8), ...line, ruleId: 'PATH004', instead: 'Make this change on a human branch' },
      { ...reason(9), ...line, instead: 'Leave this file alone' },
    ];
    expect(reasonText({ verdict: 'deny', reasons }, 'deny')).toBe(
      'Slipway refused this tool call. [PATH001] db/versions/0.py: db/versions/0.py is protected. (slipway.yaml:10) Instead: Ask a person to change this file.' +
        ' The same for 7 more files: db/versions/1.py, db/versions/2.py, db/versions/3.py, db/versions/4.py, db/versions/5.py (and 2 more).' +
        ' [PATH004] db/versions/8.py: db/versions/8.py is protected. (slipway.yaml:10) Instead: Make this change on a human branch.' +
        ' [PATH001] db/versions/9.py: db/versions/9.py is protected. (slipway.yaml:10) Instead: Leave this file alone.',
    );
    // Near miss: the same rule and advice from another policy line is another reason.
    const two = reasonText(
      {
        verdict: 'deny',
        reasons: [
          { ...reason(1), ...line },
          { ...reason(2), policyLine: 'slipway.yaml:11' },
        ],
      },
      'deny',
    );
    expect(two).toContain('[PATH001] db/versions/2.py');
    expect(two).not.toContain('The same for');
    // Near miss: messages that differ other than by their file (which table is dropped) are two.
    const tables = reasonText(
      { verdict: 'deny', reasons: [reason(1, 'drops table "users"'), reason(2, 'drops table "notes"')] },
      'deny',
    );
    expect(tables).toContain('[PATH001] db/versions/2.py: drops table "notes".');
    expect(tables).not.toContain('The same for');
    // One more file is said in the singular; the files not shown count in what is left out.
    const one = reasonText({ verdict: 'deny', reasons: [reason(1), reason(2)] }, 'deny');
    expect(one).toMatch(/ The same for 1 more file: db\/versions\/2\.py\.$/);
    const crowded = [
      ...Array.from({ length: 10 }, (_, i) => ({ ...reason(i), policyLine: `slipway.yaml:${i + 1}` })),
      ...Array.from({ length: 3 }, (_, i) => ({ ...reason(20 + i), policyLine: 'slipway.yaml:99' })),
    ];
    expect(reasonText({ verdict: 'deny', reasons: crowded }, 'deny')).toMatch(
      /\(3 more reasons not shown\.\)$/,
    );
  });

  it('a refusal with no reasons still says it refused', () => {
    expect(reasonText({ verdict: 'deny', reasons: [] }, 'deny')).toBe('Slipway refused this tool call.');
    expect(reasonText({ verdict: 'ask', reasons: [] }, 'ask-as-deny')).toMatch(/a person must approve it/);
  });

  it('clip never splits a surrogate pair (near miss: text within the limit is unchanged)', () => {
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('ab😀cd', 5)).toBe('ab😀…');
    expect(clip('ab😀', 4)).toBe('ab😀');
  });
});
