import { describe, expect, it } from 'vitest';
import { clip, reasonText } from '../../src/agent-gate/reason-text.js';
import type { GateReason } from '../../src/agent-gate/tool-call.js';
import { LIMITS } from '../../src/limits.js';

const reason = (i: number, message = `Message ${i}`): GateReason => ({
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
      'Slipway refused this tool call. [PATH001] db/versions/1.py: Message 1. (slipway.yaml:7) Instead: Ask a person to change this file.' +
        ' [GATE] The hook input could not be read. Instead: Retry the tool call with valid input.',
    );
  });

  it('stays within its limit however many and however long the reasons, saying how many it left out', () => {
    const many = Array.from({ length: 1000 }, (_, i) => reason(i, 'm'.repeat(5000)));
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
    const text = reasonText(
      { verdict: 'deny', reasons: Array.from({ length: 25 }, (_, i) => reason(i)) },
      'deny',
    );
    expect(text.match(/\[PATH001\]/g)).toHaveLength(LIMITS.agentGate.reasons);
    expect(text).toMatch(/\(15 more reasons not shown\.\)$/);
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
