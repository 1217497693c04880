import type { RuleMeta } from '../rule-meta.js';

/**
 * Whether a `slipway: allow` comment may silence the rule's findings: each rule says so itself
 * (`Rule.suppressible`, with the reason beside it). The rules that judge the change (PATH, AGT),
 * the comments (SUP) or a policy that did not parse (POL001) say no: a comment written into the
 * very file being changed would let the change approve itself.
 */
export function suppressibleInCode(rule: Pick<RuleMeta, 'suppressible'>): boolean {
  return rule.suppressible !== false;
}

/**
 * Whether a policy `waivers:` entry may lift the rule's findings. The policy is reviewed policy
 * surface, so it may waive what a comment may not (a PATH finding, say), but never the rules that
 * judge waivers (SUP) or the policy that holds them (POL).
 */
export function waivableInPolicy(rule: Pick<RuleMeta, 'family'>): boolean {
  return rule.family !== 'SUP' && rule.family !== 'POL';
}
