import {
  type CaseChangeInput,
  caseInputs,
  caseVerdict,
  parsePolicyText,
  type PolicyDocument,
  problemLine,
  readPolicyTestFile,
  resolveExtends,
  runCase,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

function policy(text: string): PolicyDocument {
  const r = parsePolicyText(text);
  if (!r.document) throw new Error(JSON.stringify(r.findings));
  return r.document;
}

const POLICY = policy(`version: 1
protected:
  label: approved-core-change
  paths: [backend/app/core/]
agents:
  branches: ["auto/*"]
  identities: ["*[bot]@users.noreply.github.com"]
  accounts: ["agent-bot"]
  allowed: [docs/]
dependencies:
  requirements: backend/requirements.txt
  lock: backend/requirements.lock
  label: approved-dependency-upgrade
deploy:
  record: infrastructure/LAST_PROD_DEPLOY.json
  audit_log: infrastructure/deploy-audit.jsonl
update:
  config: config/update.toml
`);

const AGENT = 'agent[bot] <1+agent[bot]@users.noreply.github.com>';
const specs = (change: CaseChangeInput, p = POLICY) =>
  caseVerdict(p, change).findings.map((f) => `${f.rule} ${f.file}`);

function cases(text: string) {
  const r = readPolicyTestFile(text, 'slipway.tests.yaml');
  if (!r.ok) throw new Error(r.problems.map(problemLine).join('\n'));
  return r.tests.cases;
}

describe('a case as the engine sees it', () => {
  it('builds the ChangeSet the git adapter would: commits newest first, trailers in the body, renames, deletions', () => {
    const { change, repo } = caseInputs(POLICY, {
      branch: 'feature/x',
      commits: [
        {
          author: 'Dev <dev@example.com>',
          message: 'Fix\n\nWhy it was broken.',
          trailers: ['Co-authored-by: Claude <noreply@anthropic.com>'],
        },
        { author: 'Dev <dev@example.com>', committer: 'GitHub <noreply@github.com>' },
      ],
      files: [
        'docs/a.md',
        { renamed: 'docs/new.md', from: 'docs/old.md', contents: 'new\n', base: 'old\n' },
        { deleted: 'docs/gone.md' },
      ],
      unchanged: { 'backend/requirements.lock': 'x==1\n' },
    });
    expect(change.commits.map((c) => [c.subject, c.body, c.committer.name])).toEqual([
      ['Fix', 'Why it was broken.\n\nCo-authored-by: Claude <noreply@anthropic.com>', 'Dev'],
      ['change', '', 'GitHub'],
    ]);
    expect(change.commits[0]?.parents).toEqual([change.commits[1]?.sha]);
    expect(change.files).toEqual([
      { status: 'modified', path: 'docs/a.md' },
      { status: 'renamed', path: 'docs/new.md', oldPath: 'docs/old.md' },
      { status: 'deleted', path: 'docs/gone.md' },
    ]);
    expect(repo.listFiles()).toEqual([
      'backend/requirements.lock',
      'docs/a.md',
      'docs/new.md',
      'slipway.yaml',
    ]);
    expect(repo.readFile('docs/a.md')).toBe('');
    expect(change.readBase?.('docs/old.md')).toBe('old\n');
    expect(change.readBase?.('backend/requirements.lock')).toBe('x==1\n');
    expect(change.readBase?.('slipway.yaml')).toBe(POLICY.text);
    expect(change.labels).toEqual([]);
  });

  it('an agent is known by its identity, its branch or a trailer, as in a check', () => {
    const core = ['backend/app/core/auth.py'];
    expect(specs({ author: AGENT, files: core })).toEqual(['PATH003 backend/app/core/auth.py']);
    expect(specs({ branch: 'auto/fix', files: core })).toEqual(['PATH003 backend/app/core/auth.py']);
    expect(
      specs({
        commits: [
          { author: 'Dev <dev@example.com>', trailers: ['Co-authored-by: Claude <noreply@anthropic.com>'] },
        ],
        files: core,
      }),
    ).toEqual(['PATH003 backend/app/core/auth.py']);
    expect(specs({ files: core })).toEqual(['PATH001 backend/app/core/auth.py']);
    expect(specs({ files: core, labels: ['approved-core-change'] })).toEqual([]);
  });

  it('labels.verify: github judges who applied each label, as GitHub would answer', () => {
    const verified = policy(`${POLICY.text}labels:\n  verify: github\n`);
    const core = ['backend/app/core/auth.py'];
    const by = (who: string | undefined, author = 'dev'): CaseChangeInput => ({
      pull_request: { author },
      labels: [who ? { name: 'approved-core-change', by: who } : 'approved-core-change'],
      files: core,
    });
    expect(specs(by('reviewer'), verified)).toEqual([]);
    expect(specs(by('dev'), verified)).toEqual(['PATH001 backend/app/core/auth.py']);
    expect(specs(by('agent-bot'), verified)).toEqual(['PATH001 backend/app/core/auth.py']);
    expect(specs(by(undefined), verified)).toEqual(['PATH001 backend/app/core/auth.py']);
    const refused = caseVerdict(verified, by('dev')).findings[0]?.message;
    expect(refused).toContain("it was applied by @dev, the pull request's author");
    // No pull request: nothing can say who applied it.
    expect(
      specs({ labels: [{ name: 'approved-core-change', by: 'reviewer' }], files: core }, verified),
    ).toEqual(['PATH001 backend/app/core/auth.py']);
  });

  it('judges a file named without its text by its path alone; with its text, by every rule', () => {
    // Empty, the update config and the deploy record would be invalid: not this case's business.
    expect(specs({ files: ['config/update.toml', 'infrastructure/LAST_PROD_DEPLOY.json'] })).toEqual([]);
    // The label rule judges the dependency change by its path.
    expect(specs({ files: ['backend/requirements.txt'] })).toEqual(['DEP006 backend/requirements.txt']);
    // Given its text, the requirements file is read: an unpinned line is flagged.
    expect(
      specs({
        labels: ['approved-dependency-upgrade'],
        files: [{ modified: 'backend/requirements.txt', contents: 'requests>=2\n' }],
        unchanged: { 'backend/requirements.lock': 'requests==2.32.3\n' },
      }),
    ).toEqual(['DEP001 backend/requirements.txt']);
    // A missing lock, a stale pattern: the repository's state, which a case does not describe.
    expect(specs({ branch: 'auto/x', files: ['docs/a.md'] })).toEqual([]);
  });

  it('a case that rewrites the policy: POL004 says what it loosens; one that breaks it gets exit 2', () => {
    const loosened = POLICY.text.replace('  paths: [backend/app/core/]', '  paths: []');
    expect(
      specs({ files: [{ modified: 'slipway.yaml', contents: loosened }], labels: ['approved-core-change'] }),
    ).toContain('POL004 slipway.yaml');
    const broken = caseVerdict(POLICY, { files: [{ modified: 'slipway.yaml', contents: 'version: 2\n' }] });
    expect(broken.exit).toBe(2);
    expect(broken.findings.map((f) => f.rule)).toEqual(['POL001']);
  });
});

describe('a case that rewrites a policy which extends a base', () => {
  it("is judged with the base's protection, as a check merges both sides", () => {
    const files: Record<string, string> = {
      'policies/base.yaml':
        'version: 1\nprotected:\n  label: approved-core-change\n  paths: [ledger/core/]\n',
    };
    const own = policy('version: 1\nextends: policies/base.yaml\n');
    const merged = resolveExtends(own, (spec) =>
      spec.kind === 'local' && files[spec.path] !== undefined
        ? { text: files[spec.path] as string }
        : { problem: 'no such file' },
    );
    if (!('document' in merged)) throw new Error('the test policy must merge');
    const verdict = caseVerdict(merged.document, {
      commits: [
        {
          author: 'Test Person <person@example.com>',
          trailers: ['Co-authored-by: Claude <noreply@anthropic.com>'],
        },
      ],
      files: [
        { modified: 'slipway.yaml', contents: `${own.text}# a comment\n` },
        { modified: 'ledger/core/post.py', contents: 'x = 1\n' },
      ],
    } as CaseChangeInput);
    expect(verdict.findings.map((f) => `${f.rule} ${f.file}`)).toContain('PATH003 ledger/core/post.py');
    expect(verdict.exit).toBe(1);
  });
});

describe('runCase', () => {
  const file = `version: 1
cases:
  - name: core needs the label
    change:
      files: [backend/app/core/auth.py]
    expect:
      exit: 0
      findings: [PATH003 backend/app/core/auth.py]
  - name: any PATH001 will do
    change:
      files: [backend/app/core/auth.py]
    expect:
      findings: [PATH001]
`;

  it('fails with the exit expected and got, what was missing (-) and what came instead (+)', () => {
    const [wrong, right] = cases(file);
    const o = runCase(POLICY, wrong as never);
    expect(o.passed).toBe(false);
    expect(o.exit).toEqual({ expected: 0, got: 1 });
    expect(o.missing.map((m) => m.spec)).toEqual(['PATH003 backend/app/core/auth.py']);
    expect(o.unexpected.map((f) => `${f.rule} ${f.file}`)).toEqual(['PATH001 backend/app/core/auth.py']);
    expect(runCase(POLICY, right as never).passed).toBe(true);
  });
});
