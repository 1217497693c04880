import type { GateDecision } from '@slipway/policy-core';

/** The gate's own refusal: input it cannot read, a call it cannot judge. */
export function gateRefusal(message: string, instead: string): GateDecision {
  return { verdict: 'deny', reasons: [{ ruleId: 'GATE', message, instead }] };
}
