import { describe, expect, it } from 'vitest';
import { explainPath } from '../../../../src/rules/paths/facts/explain-path.js';
import { policy, policyLineOf } from '../path-context.js';

describe('explainPath', () => {
  it('names the deciding pattern and its line for each list', () => {
    const e = explainPath(policy, 'backend\\app\\services\\payments_v2.py');
    expect(e.path).toBe('backend/app/services/payments_v2.py');
    expect(e.lines).toEqual([
      `backend/app/services/payments_v2.py: protected: pattern \`backend/app/services/payments*\` decided (slipway.yaml line ${policyLineOf('- backend/app/services/payments*') + 1})`,
      `backend/app/services/payments_v2.py: agents may edit it: pattern \`/backend/app/services/\` decided (slipway.yaml line ${policyLineOf('- /backend/app/services/') + 1})`,
    ]);
    expect(e.verdicts.map((v) => [v.list, v.decision.matched, v.decision.index])).toEqual([
      ['protected.paths', true, 2],
      ['agents.allowed', true, 5],
    ]);
  });

  it('says when no pattern matched, pointing at the list', () => {
    const e = explainPath(policy, 'frontend/app.tsx');
    expect(e.lines[0]).toBe(
      `frontend/app.tsx: not protected: no pattern in protected.paths matches (slipway.yaml line ${policyLineOf('paths:') + 1})`,
    );
    expect(e.lines[1]).toContain('agents may not edit it');
  });

  it('reports a negated pattern as the decider', () => {
    const e = explainPath(policy, 'backend/app/services/internal/x.py');
    expect(e.lines[1]).toContain(
      'agents may not edit it: pattern `!/backend/app/services/internal/` decided',
    );
  });
});
