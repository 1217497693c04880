/**
 * Whether a `slipway: allow` comment may silence a rule's finding.
 *
 * Path rules (PATH*) judge the change, not a line of code: what is protected and where agents may
 * write is decided in the policy, which is reviewed as a policy change. A comment written into
 * the very file being changed would let the change approve itself, so it never lifts them, even
 * in a file another rule reads (a SQL migration under a protected folder). The caps on an agent
 * change (AGT*) are the same kind: the change must not lift its own cap. The suppression rules
 * (SUP*) judge the comments themselves, and POL001 means the policy did not parse, so there are
 * no rules to suppress with.
 */
export function suppressibleInCode(rule: string): boolean {
  return !(rule.startsWith('PATH') || rule.startsWith('AGT') || rule.startsWith('SUP') || rule === 'POL001');
}
