import {
  describeFailure,
  type FamilyFailure,
  type Finding,
  MemoryRepo,
  parsePolicyText,
  type RuleFamily,
  runCheck,
} from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';

function policy(extra = '') {
  const r = parsePolicyText(`version: 1\n${extra}`);
  if (!r.document) throw new Error(JSON.stringify(r.findings));
  return r.document;
}

/** A family that reports fixed findings: the engine, not a rule, is under test here. */
function fixed(findings: Omit<Finding, 'severity'>[], files: string[]): RuleFamily {
  const ids = [...new Set(findings.map((f) => f.rule))];
  return {
    id: 'MIG',
    rules: ids.map((id) => ({
      id,
      name: 'fixed',
      family: 'MIG',
      facts: 'none',
      defaultSeverity: 'error',
      title: id,
      docs: { what: id, why: id, fix: id, suppress: id, examples: [] },
      check: () => [],
    })),
    check: () => ({
      findings: findings.map((f) => ({ severity: 'error' as const, ...f })),
      filesChecked: files,
    }),
  };
}

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 5 } });

describe('runCheck: suppressions', () => {
  const py = [
    'def upgrade():',
    '    # slipway: allow MIG001 -- table moved to the archive service',
    '    op.drop_table("users")',
    '    op.drop_table("orders")  # slipway: allow MIG001 -- archived too',
    '    op.drop_table("carts")  # slipway: allow MIG001',
    '    op.drop_column("a", "b")  # slipway: allow MIG001 -- wrong rule here',
    '    # slipway: allow NOPE999 -- no such rule',
    '    # slipway: allow MIG002 -- the comment block below does not break it',
    '    # another comment',
    '    op.drop_column("x", "y")',
  ].join('\n');
  const repo = new MemoryRepo({ 'm.py': py });
  const family = fixed(
    [
      { rule: 'MIG001', message: 'drop', file: 'm.py', range: at(2) },
      { rule: 'MIG001', message: 'drop', file: 'm.py', range: at(3) },
      { rule: 'MIG001', message: 'drop', file: 'm.py', range: at(4) },
      { rule: 'MIG002', message: 'drop col', file: 'm.py', range: at(5) },
      { rule: 'MIG002', message: 'drop col', file: 'm.py', range: at(9) },
    ],
    ['m.py'],
  );
  const known = { families: [family] };
  const result = runCheck({ policy: policy(), repo, ...known });
  const ids = result.findings.map((f) => `${f.rule}@${f.range.start.line + 1}`);

  it('suppresses on the line above and on the same line, with a reason', () => {
    expect(ids).not.toContain('MIG001@3');
    expect(ids).not.toContain('MIG001@4');
    expect(ids).not.toContain('MIG002@10');
  });

  it('does not suppress without a reason, and says so (SUP002)', () => {
    expect(ids).toContain('MIG001@5');
    expect(ids).toContain('SUP002@5');
  });

  it('reports suppressions that suppress nothing or name unknown rules (SUP001)', () => {
    expect(ids).toContain('MIG002@6');
    expect(ids).toContain('SUP001@6');
    expect(ids).toContain('SUP001@7');
    expect(result.findings.find((f) => f.rule === 'SUP001' && f.range.start.line === 6)?.message).toContain(
      'NOPE999',
    );
  });

  it('uses -- comments in SQL and ignores directives in files without comments', () => {
    const sqlRepo = new MemoryRepo({
      'a.sql': 'DROP TABLE x; -- slipway: allow MIG001 -- gone\n',
      'r.json': '{"x": "# slipway: allow MIG001 -- not a comment"}\n',
    });
    const fam = fixed(
      [
        { rule: 'MIG001', message: 'drop', file: 'a.sql', range: at(0) },
        { rule: 'REC001', message: 'bad', file: 'r.json', range: at(0) },
      ],
      ['a.sql', 'r.json'],
    );
    const r = runCheck({ policy: policy(), repo: sqlRepo, families: [fam] });
    expect(r.findings.map((f) => f.rule)).toEqual(['REC001']);
  });
});

describe('runCheck: configuration', () => {
  const family = fixed(
    [
      { rule: 'MIG001', message: 'a', file: 'b.py', range: at(1) },
      { rule: 'MIG002', message: 'b', file: 'a.py', range: at(3) },
      { rule: 'DEP001', message: 'c', file: 'a.py', range: at(2) },
    ],
    ['a.py', 'b.py'],
  );
  const repo = new MemoryRepo({ 'a.py': '', 'b.py': '' });

  it('sorts by file, line, rule and counts files checked (policy included)', () => {
    const r = runCheck({ policy: policy(), repo, families: [family] });
    expect(r.findings.map((f) => f.rule)).toEqual(['DEP001', 'MIG002', 'MIG001']);
    expect(r.filesChecked).toEqual(['a.py', 'b.py', 'slipway.yaml']);
  });

  it('applies `rules:` overrides and `off`', () => {
    const r = runCheck({
      policy: policy('rules:\n  MIG001: off\n  MIG002: warning\n'),
      repo,
      families: [family],
    });
    expect(r.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['DEP001:error', 'MIG002:warning']);
  });

  it('filters by rule id and by family', () => {
    expect(
      runCheck({ policy: policy(), repo, families: [family], only: ['MIG'] }).findings.map((f) => f.rule),
    ).toEqual(['MIG002', 'MIG001']);
    expect(runCheck({ policy: policy(), repo, families: [family], only: ['dep001'] }).findings).toHaveLength(
      1,
    );
    expect(runCheck({ policy: policy(), repo, families: [family], only: ['MI'] }).findings).toHaveLength(0);
  });
});

describe('POL002 and POL003', () => {
  it('flags protected and allowed patterns that match no file; not those that do', () => {
    const doc = policy(
      'protected:\n  paths: [backend/app/core/, backend/app/gone/]\nagents:\n  allowed: [/docs/*.md, "!/docs/x.md", /nope/*.md]\n',
    );
    const repo = new MemoryRepo({ 'backend/app/core/auth.py': '', 'docs/a.md': '' });
    const r = runCheck({ policy: doc, repo });
    const pol2 = r.findings.filter((f) => f.rule === 'POL002');
    expect(pol2.map((f) => f.message.split('`')[1])).toEqual(['backend/app/gone/', '/nope/*.md']);
    expect(pol2[0]?.range.start).toEqual({ line: 2, character: 29 });
    expect(pol2.every((f) => f.severity === 'warning' && f.file === 'slipway.yaml')).toBe(true);
  });

  it('counts the policy file itself as a file before its first commit (init, then check --tree)', () => {
    const doc = policy('protected:\n  paths: [slipway.yaml, gone.txt]\n');
    // The listing of tracked files does not have the new policy yet; the policy was read, so it exists.
    const r = runCheck({ policy: doc, repo: new MemoryRepo({ 'app.py': '' }) });
    const pol2 = r.findings.filter((f) => f.rule === 'POL002');
    expect(pol2.map((f) => f.message.split('`')[1])).toEqual(['gone.txt']);
  });

  it('flags unknown rule ids (with a suggestion) and unknown severities', () => {
    const doc = policy('rules:\n  pol002: off\n  POL002: loud\n  POL003: warning\n  ZZZ999: off\n');
    const r = runCheck({ policy: doc, repo: new MemoryRepo({}) });
    const pol3 = r.findings.filter((f) => f.rule === 'POL003' || f.message.includes('rules'));
    expect(pol3.map((f) => f.message)).toEqual([
      expect.stringContaining('did you mean `POL002`'),
      expect.stringContaining('use one of off, error, warning, info'),
      expect.stringContaining('`ZZZ999`'),
    ]);
    // POL003 itself was turned down to a warning by its own setting.
    expect(pol3.every((f) => f.severity === 'warning')).toBe(true);
  });
});

describe('runCheck: a family that throws', () => {
  const boom: RuleFamily = {
    id: 'DEP',
    rules: [],
    check: () => {
      throw new Error('unexpected lock shape');
    },
  };

  it("costs only that family's findings: the others are kept, the failure is said", () => {
    const repo = new MemoryRepo({ 'slipway.yaml': 'version: 1\n', 'a.py': 'x\n' });
    const result = runCheck({
      policy: policy(),
      repo,
      families: [
        boom,
        fixed([{ rule: 'MIG001', message: 'drops a table', file: 'a.py', range: at(0) }], ['a.py']),
      ],
    });
    expect(result.findings.map((f) => f.rule)).toEqual(['MIG001']);
    expect(result.failures.map((f) => [f.family, f.message])).toEqual([['DEP', 'unexpected lock shape']]);
    expect(describeFailure(result.failures[0] as FamilyFailure)).toMatch(
      /^the DEP rules failed \(unexpected lock shape\); their findings are missing/,
    );
  });

  it('near miss: no family throws, no failure', () => {
    const repo = new MemoryRepo({ 'slipway.yaml': 'version: 1\n' });
    expect(runCheck({ policy: policy(), repo }).failures).toEqual([]);
  });
});
