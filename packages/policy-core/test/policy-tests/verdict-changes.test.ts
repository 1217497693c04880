import {
  parsePolicyText,
  type PolicyDocument,
  problemLine,
  readPolicyTestFile,
  runCase,
  starterCases,
  starterTestFile,
  verdictChanges,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

function policy(text: string): PolicyDocument {
  const r = parsePolicyText(text);
  if (!r.document) throw new Error(JSON.stringify(r.findings));
  return r.document;
}
function cases(text: string) {
  const r = readPolicyTestFile(text, 'slipway.tests.yaml');
  if (!r.ok) throw new Error(r.problems.map(problemLine).join('\n'));
  return r.tests.cases;
}

const BASE = policy(`version: 1
protected:
  paths: [backend/app/core/, infra/]
agents:
  branches: ["auto/*"]
`);
const HEAD = policy(BASE.text.replace('[backend/app/core/, infra/]', '[infra/, billing/]'));

const BASE_CASES = cases(`version: 1
cases:
  - name: an agent's change to core fails
    change: { branch: auto/x, files: [backend/app/core/auth.py] }
    expect: { exit: 1, findings: [PATH003 backend/app/core/auth.py] }
  - name: a person's change to docs passes
    change: { files: [docs/a.md] }
    expect: { exit: 0 }
`);
// The head drops the case that proves core is protected, and adds one for billing.
const HEAD_CASES = cases(`version: 1
cases:
  - name: a person's change to docs passes
    change: { files: [docs/a.md] }
    expect: { exit: 0 }
  - name: a person's change to billing needs the label
    change: { files: [billing/pay.py] }
    expect: { exit: 1 }
`);

describe('verdictChanges', () => {
  it("lists each case whose verdict moved, the base's dropped ones included, loosened first", () => {
    const changes = verdictChanges(BASE, HEAD, BASE_CASES, HEAD_CASES);
    expect(changes.map((c) => [c.shift, c.from, c.case.name, c.base.exit, c.head.exit])).toEqual([
      ['loosened', 'base', "an agent's change to core fails", 1, 0],
      ['tightened', 'head', "a person's change to billing needs the label", 0, 1],
    ]);
    // Under the head's policy the base's case fails: what a reviewer is shown.
    expect(runCase(HEAD, BASE_CASES[0] as never).passed).toBe(false);
    expect(verdictChanges(BASE, BASE, BASE_CASES, HEAD_CASES)).toEqual([]);
  });

  it('the same exit with other findings is a change too; a severity lowered to warning loosens', () => {
    // A label renamed moves no finding: nothing to say.
    const renamed = policy(BASE.text.replace('protected:\n', 'protected:\n  label: core-ok\n'));
    expect(verdictChanges(BASE, renamed, BASE_CASES, [])).toEqual([]);
    // Core no longer protected, but outside what agents may edit: still blocked, by another rule.
    const allowList = policy(`${HEAD.text}  allowed: [docs/]\n`);
    const [changed] = verdictChanges(BASE, allowList, BASE_CASES, []);
    expect(changed?.shift).toBe('changed');
    expect(changed?.head.findings.map((f) => f.rule)).toEqual(['PATH002']);
    const warned = policy(`${BASE.text}rules:\n  PATH003: warning\n`);
    expect(verdictChanges(BASE, warned, BASE_CASES, []).map((c) => c.shift)).toEqual(['loosened']);
  });
});

describe('starter cases', () => {
  const MAY = policy(`version: 1
production_branch: main
protected:
  label: approved-core-change
  paths: [backend/app/core/, backend/app/security/, slipway.yaml]
agents:
  branches: ["auto/*"]
  identities: ["mayassistant-agent@*"]
  allowed: [/docs/*.md, /backend/app/routers/]
dependencies:
  requirements: backend/requirements.txt
  lock: backend/requirements.lock
  label: approved-dependency-upgrade
migrations:
  sql: ["backend/app/db/migrations/**/*.sql"]
`);
  const files = ['backend/app/core/auth.py', 'backend/app/main.py', 'docs/a.md', 'backend/requirements.txt'];

  it('pin what the policy blocks and lets through, with real paths, and pass on it', async () => {
    const { text, count } = await starterTestFile(MAY, { files });
    const read = cases(text);
    expect(read).toHaveLength(count);
    expect(read.map((c) => c.name)).toEqual([
      "an agent's change to backend/app/core/auth.py (protected) fails",
      "an agent's change to backend/app/security/starter.txt (protected) fails",
      "a person's change to backend/app/core/auth.py fails without the approved-core-change label",
      "a person's change to backend/app/core/auth.py passes with the approved-core-change label",
      "an agent's change to slipway.yaml fails",
      "an agent's change to docs/a.md (agents.allowed) passes",
      "an agent's change to backend/app/main.py (outside agents.allowed) fails",
      "an agent's commit straight on main fails",
      'a change to backend/requirements.txt fails without the approved-dependency-upgrade label',
      'a change to backend/requirements.txt passes with the approved-dependency-upgrade label',
      'a new migration that drops a table fails',
    ]);
    expect(text).toContain('author: "mayassistant-agent <mayassistant-agent@agent>"');
    for (const c of read) expect(runCase(MAY, c).passed, c.name).toBe(true);
  });

  it('leave out a case the policy does not judge as it says (a rule turned off)', async () => {
    const off = policy(`${MAY.text}rules:\n  PATH001: off\n`);
    const names = (await starterCases(off, { files })).map((c) => c.name);
    expect(names).not.toContain(
      "a person's change to backend/app/core/auth.py fails without the approved-core-change label",
    );
    expect(names).toContain("an agent's change to backend/app/core/auth.py (protected) fails");
  });

  it('a policy of nothing but its version: the policy file itself is still policy surface', async () => {
    const only = await starterCases(policy('version: 1\n'));
    expect(only.map((c) => `${c.name}: ${c.verdict.findings.map((f) => f.rule).join(' ')}`)).toEqual([
      "an agent's change to slipway.yaml fails: PATH004",
    ]);
  });
});
