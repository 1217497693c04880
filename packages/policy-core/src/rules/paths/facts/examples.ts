import type { RuleExample } from '../../../rule.js';

/**
 * What the PATH rules' docs share, written once: the policy every example runs under
 * (auth is protected behind a label; agents on `auto/*` may touch docs/ and services/) and the
 * protected login module the label rules change.
 */

/** The policy beside every PATH example. */
export const PATH_POLICY =
  'version: 1\n' +
  'protected:\n' +
  '  paths: [backend/app/auth/]\n' +
  '  label: approved-core-change\n' +
  'agents:\n' +
  '  branches: ["auto/*"]\n' +
  '  allowed: [docs/, backend/app/services/]\n';

/** The protected login module (POL002 shows it beside a pattern that misses it). */
export const LOGIN_PY =
  'from app.auth.tokens import issue_token\n' +
  '\n' +
  '\n' +
  'def login(user):\n' +
  '    return issue_token(user, ttl_minutes=30)\n';

/** An example with `PATH_POLICY` beside it, first, before any other file it needs. */
export function pathExample(example: RuleExample): RuleExample {
  return { ...example, beside: { 'slipway.yaml': PATH_POLICY, ...example.beside } };
}

/**
 * The examples of PATH001 and PATH003: a change to the protected login module on `branch`,
 * flagged without the approval label `PATH_POLICY` names and fine with it.
 */
export function loginChangeExamples(branch: string): RuleExample[] {
  const file = 'backend/app/auth/login.py';
  const change = (verdict: RuleExample['verdict'], labels: string[]): RuleExample =>
    pathExample({ verdict, file, text: LOGIN_PY, change: { branch, labels, files: [file] } });
  return [change('flagged', []), change('fine', ['approved-core-change'])];
}

/** The "how to suppress" section of the PATH rules a policy change may turn off. */
export function pathSuppressDocs(id: string): string {
  return (
    'PATH findings cannot be suppressed with a comment in the changed file: the policy is the place ' +
    `to change what is protected. Every finding: \`rules: { ${id}: off }\` (or another severity) in ` +
    'the policy.'
  );
}
