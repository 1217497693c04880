import { describe, expect, it } from 'vitest';
import type { ChangedFile, ChangeSet, Commit } from '../../../src/change-set.js';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { pathFamily } from '../../../src/rules/families.js';
import { context, modified, POLICY, policyLineOf } from './path-context.js';

/**
 * The PATH rules where two readings of a change meet: a rename with one side on the surface, a
 * file both surface and in a CI action, an agent known by a commit rather than a branch, a bot
 * with or without a list of its own, where a finding points and how a message names the file.
 */
const run = (
  files: ChangedFile[],
  opts: Parameters<typeof context>[1] = {},
  extra: Partial<ChangeSet> = {},
) => {
  const ctx = context(files, opts);
  Object.assign(ctx.change as ChangeSet, extra);
  return pathFamily.check(ctx).findings;
};
const withPolicy = (text: string, files: ChangedFile[], opts: Parameters<typeof context>[1] = {}) => {
  const doc = parsePolicyText(text, 'slipway.yaml').document;
  if (!doc) throw new Error('test policy is invalid');
  return pathFamily.check({ ...context(files, opts), policy: doc }).findings;
};
const agent = { branch: 'auto/x', labels: [] as string[] };

describe('PATH002 leaves the surface and the protected paths to their rules', () => {
  it('a rename of an agents’ file out of its folder is PATH004’s, though one side is outside the list', () => {
    const moved = { status: 'renamed' as const, oldPath: 'frontend/CLAUDE.md', path: 'docs/notes.md' };
    expect(run([moved], agent).map((f) => f.rule)).toEqual(['PATH004']);
  });

  it('without protected paths, a file outside the allow-list is still PATH002’s', () => {
    const found = withPolicy(
      'version: 1\nagents:\n  branches: ["auto/*"]\n  allowed: [docs/]\n',
      [modified('src/a.ts')],
      agent,
    );
    expect(found.map((f) => f.rule)).toEqual(['PATH002']);
  });

  it('the list it names is the agents’, for an agent', () => {
    const [f] = run([modified('frontend/a.ts')], agent);
    expect(f?.related?.[0]?.message).toBe('what agents may edit');
  });
});

describe('who the change is: an agent by a commit, a bot with or without its own list', () => {
  const person = { name: 'Fixer', email: 'fixer@agents.example' };
  const byAgent: Commit = {
    sha: 'a'.repeat(40),
    parents: [],
    author: person,
    committer: person,
    subject: 'fix',
    body: '',
    firstParent: true,
  };
  const IDENTITY = `${POLICY}`.replace('agents:\n', 'agents:\n  identities: ["fixer@agents.example"]\n');

  it('an agent known by its commit’s author: the message says so and points at the identity', () => {
    const doc = parsePolicyText(IDENTITY, 'slipway.yaml').document;
    if (!doc) throw new Error('test policy is invalid');
    const ctx = { ...context([modified('frontend/a.ts')], { branch: 'feature/x', labels: [] }), policy: doc };
    (ctx.change as ChangeSet).commits = [byAgent];
    const [f] = pathFamily.check(ctx).findings;
    expect(f?.rule).toBe('PATH002');
    expect(f?.message).toContain('outside what agents may edit in this agent change (');
    expect(f?.related?.[1]).toMatchObject({
      message: 'agent identity `fixer@agents.example`',
      range: { start: { line: IDENTITY.split('\n').findIndex((l) => l.includes('identities')) } },
    });
  });

  it('a branch whose history is cut short is an agent’s to be safe, and named as unread', () => {
    const [f] = run(
      [modified('frontend/a.ts')],
      { branch: 'feature/x', labels: [] },
      { historyCut: 'shallow clone' },
    );
    expect(f?.rule).toBe('PATH002');
    expect(f?.message).toContain('in this agent change (');
    expect(f?.related).toHaveLength(1);
  });

  const BOTS = `${POLICY}`.replace('agents:\n', 'agents:\n  bots:\n    allowed: [requirements.txt]\n');
  it('an agent is held to the agents’ list though bots have one of their own', () => {
    expect(withPolicy(BOTS, [modified('requirements.txt')], agent).map((f) => f.rule)).toEqual(['PATH002']);
  });

  it('a bot without a list of its own is held to the rules for people: PATH001, never PATH002 or PATH003', () => {
    const bot = { branch: 'dependabot/pip/requests-2.32.0', labels: [] as string[] };
    const found = run([modified('backend/app/core/a.py'), modified('frontend/a.ts')], bot);
    expect(found.map((f) => `${f.rule} ${f.file}`)).toEqual(['PATH001 backend/app/core/a.py']);
  });
});

describe('PATH004 at its edges', () => {
  it('a file that is surface by a pattern and inside a local action is named by its pattern', () => {
    const ci = 'jobs:\n  a:\n    steps:\n      - uses: ./.github/actions/setup\n';
    const found = run([modified('.github/actions/setup/action.yml')], {
      ...agent,
      contents: { '.github/workflows/ci.yml': ci },
    });
    expect(found.map((f) => f.rule)).toEqual(['PATH004']);
    expect(found[0]?.message).toContain('is a CI action the workflows run, part of the policy surface');
  });

  it('without the base, the change’s own workflows name the actions; the step is related', () => {
    const ci = 'jobs:\n  a:\n    steps:\n      - uses: ./tools/gate\n';
    const [f] = run([modified('tools/gate/run.sh')], {
      labels: [],
      contents: { '.github/workflows/ci.yml': ci },
    });
    expect(f?.message).toContain('the local action `./tools/gate` CI runs');
    expect(f?.related).toEqual([
      {
        file: '.github/workflows/ci.yml',
        range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
        message: 'the step that runs `./tools/gate`',
      },
    ]);
  });

  it('an agent’s change is an error where labels are unknown; a person’s is a warning', () => {
    expect(run([modified('.github/workflows/ci.yml')], { branch: 'auto/x' })[0]?.severity).toBe('error');
    expect(run([modified('.github/workflows/ci.yml')], { branch: 'feature/x' })[0]?.severity).toBe('warning');
    expect(
      run([modified('.github/workflows/ci.yml')], { branch: 'feature/x', labels: [] })[0]?.severity,
    ).toBe('error');
  });

  it('a deleted default surface file points at the policy_surface section', () => {
    const text = `${POLICY}policy_surface:\n  extra: [deploy/release.sh]\n`;
    const [f] = withPolicy(text, [{ status: 'deleted', path: '.github/workflows/ci.yml' }], { labels: [] });
    expect(f).toMatchObject({ rule: 'PATH004', file: 'slipway.yaml' });
    expect(f?.range.start.line).toBe(text.split('\n').indexOf('policy_surface:'));
  });

  it('a baseline that accepts a new finding needs the label; one that only drops findings does not', () => {
    const entry = (rule: string) => ({
      rule,
      file: 'a.py',
      fingerprint: rule.at(-1)?.repeat(32),
      occurrence: 1,
    });
    const baseline = (...rules: string[]) =>
      `${JSON.stringify({ version: 1, findings: rules.map(entry) })}\n`;
    const path = '.slipway/baseline.json';
    const check = (base: string, head: string) =>
      run([modified(path)], { labels: [], contents: { [path]: head } }, { readBase: () => base });
    const [grown] = check(baseline('MIG001'), baseline('MIG001', 'MIG002'));
    expect(grown?.message).toContain(
      "`.slipway/baseline.json` is the findings baseline (it accepts 1 finding the base's baseline does not (first: MIG002 in a.py)), part of the policy surface",
    );
    expect(check(baseline('MIG001', 'MIG002'), baseline('MIG001'))).toEqual([]);
    const [unread] = run([modified(path)], { labels: [], contents: { [path]: baseline() } });
    expect(unread?.message).toContain('(the base cannot be read to compare)');
  });
});

describe('where a finding points, and how it names the file', () => {
  it('a file starting with an empty line: an empty range; a CRLF line: its text without the CR', () => {
    const path = 'backend/app/core/a.py';
    expect(run([modified(path)], { labels: [], contents: { [path]: '\nx = 1\n' } })[0]?.range.end).toEqual({
      line: 0,
      character: 0,
    });
    expect(run([modified(path)], { labels: [], contents: { [path]: 'ab\r\ncd\n' } })[0]?.range.end).toEqual({
      line: 0,
      character: 2,
    });
    expect(run([modified(path)], { labels: [], contents: { [path]: 'abc' } })[0]?.range.end.character).toBe(
      3,
    );
  });

  it('a rename into a protected folder names where it came from; a copy names only itself', () => {
    const renamed = { status: 'renamed' as const, oldPath: 'frontend/x.py', path: 'backend/app/core/x.py' };
    expect(run([renamed], { labels: [] })[0]?.message).toMatch(
      /^`backend\/app\/core\/x\.py` \(renamed from `frontend\/x\.py`\) is protected/,
    );
    const copied = { status: 'copied' as const, oldPath: 'frontend/x.py', path: 'backend/app/core/x.py' };
    expect(run([copied], { labels: [] })[0]?.message).toMatch(/^`backend\/app\/core\/x\.py` is protected/);
  });

  it('a rename without an old path, or to its own path, is named as the file alone', () => {
    const path = 'backend/app/core/x.py';
    for (const f of [
      { status: 'renamed' as const, path },
      { status: 'renamed' as const, oldPath: path, path },
    ])
      expect(run([f], { labels: [] })[0]?.message).toMatch(/^`backend\/app\/core\/x\.py` is protected/);
  });

  it('a protected pattern is pointed at by its own line, not the list’s', () => {
    const [f] = run([modified('backend/app/security/jwt.py')], { labels: [] });
    expect(f?.related?.[0]?.range.start).toEqual({
      line: policyLineOf('- backend/app/security/'),
      character: 6,
    });
  });
});
