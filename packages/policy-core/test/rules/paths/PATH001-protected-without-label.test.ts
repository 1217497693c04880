import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { pathFamily } from '../../../src/rules/families.js';
import { context, modified, policyLineOf } from './path-context.js';

const run = (...args: Parameters<typeof context>) => pathFamily.check(context(...args)).findings;

describe('PATH001 protected path changed without the label', () => {
  it('flags a protected file when the known labels lack the approval label', () => {
    const [f, ...rest] = run([modified('backend/app/core/auth.py')], {
      branch: 'feature/login',
      labels: ['bug'],
    });
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ rule: 'PATH001', severity: 'error', file: 'backend/app/core/auth.py' });
    expect(f?.range).toEqual({
      start: { line: 0, character: 0 },
      end: { line: 0, character: '# backend/app/core/auth.py'.length },
    });
    expect(f?.message).toContain('protected by pattern `backend/app/core/` (slipway.yaml line 6)');
    expect(f?.message).toContain('lacks the `approved-core-change` label');
    expect(f?.message).toContain('revert the change');
    expect(f?.related).toEqual([
      expect.objectContaining({ file: 'slipway.yaml', message: 'protected by pattern `backend/app/core/`' }),
    ]);
    expect(f?.related?.[0]?.range.start.line).toBe(policyLineOf('- backend/app/core/'));
  });

  it('warns, naming the label, when labels are unknown', () => {
    const [f] = run([modified('backend/app/security/jwt.py')]);
    expect(f).toMatchObject({ rule: 'PATH001', severity: 'warning' });
    expect(f?.message).toContain('this change needs the `approved-core-change` label');
  });

  it('is satisfied by the label, spelt in any case as GitHub treats labels', () => {
    expect(run([modified('backend/app/core/auth.py')], { labels: ['approved-core-change'] })).toEqual([]);
    expect(run([modified('backend/app/core/auth.py')], { labels: ['bug', 'Approved-Core-Change'] })).toEqual(
      [],
    );
    expect(run([modified('backend/app/core/auth.py')], { labels: ['approved-core-changes'] })).toHaveLength(
      1,
    );
  });

  it.each([
    ['backend/app/services/payments_v2.py', 'backend/app/services/payments*'],
    ['backend/app/services/payments', 'backend/app/services/payments*'],
    ['backend/app/services/paymentsx/refund.py', 'backend/app/services/payments*'],
    ['backend/app/db/migrations/001_init.sql', 'backend/app/db/migrations/'],
    ['backend\\app\\core\\auth.py', 'backend/app/core/'],
  ])('%s is protected by %s', (path, pattern) => {
    const [f] = run([modified(path)], { labels: [] });
    expect(f?.rule).toBe('PATH001');
    expect(f?.message).toContain(`pattern \`${pattern}\``);
  });

  it.each([
    'backend/app/servicesX/payments.py',
    'backend/app/services/other/payments.py',
    'backend/app/corex/auth.py',
    'backend/app/core',
    'x/backend/app/core/auth.py',
    'docs/backend/app/core/x.md',
  ])('%s is not protected', (path) => {
    expect(run([modified(path)], { labels: [] })).toEqual([]);
  });

  it('a rename out of a protected directory touches the protected path', () => {
    const [f] = run(
      [{ status: 'renamed', oldPath: 'backend/app/core/crypto.py', path: 'backend/app/utils/crypto.py' }],
      {
        labels: [],
      },
    );
    expect(f).toMatchObject({ rule: 'PATH001', file: 'backend/app/utils/crypto.py' });
    expect(f?.message).toContain('(renamed from `backend/app/core/crypto.py`)');
  });

  it('a copy out of a protected directory leaves the protected file as it was', () => {
    const copy = {
      status: 'copied' as const,
      oldPath: 'backend/app/core/crypto.py',
      path: 'backend/app/utils/crypto.py',
    };
    expect(run([copy], { labels: [] })).toEqual([]);
  });

  it('a deleted protected file points at the policy line (the file is gone)', () => {
    const [f] = run([{ status: 'deleted', path: 'backend/app/core/encryption.py' }], { labels: [] });
    expect(f).toMatchObject({ rule: 'PATH001', file: 'slipway.yaml' });
    expect(f?.range.start.line).toBe(policyLineOf('- backend/app/core/'));
    expect(f?.message).toContain('`backend/app/core/encryption.py` (deleted) is protected');
  });

  it('a binary file gets an empty range at its start', () => {
    const path = 'backend/app/core/key.bin';
    const [f] = run([{ status: 'added', path }], { labels: [], contents: { [path]: 'PK\0\x01\nrest' } });
    expect(f?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('one finding per changed file, in change order', () => {
    const found = run(
      [modified('backend/app/core/a.py'), modified('README.md'), modified('backend/app/security/b.py')],
      { labels: [] },
    );
    expect(found.map((f) => f.file)).toEqual(['backend/app/core/a.py', 'backend/app/security/b.py']);
  });

  it('reports nothing without a change', () => {
    const ctx = context([]);
    expect(pathFamily.check({ ...ctx, change: undefined }).findings).toEqual([]);
  });

  it.each(['autox/y', 'main', 'feature/auto/x'])('on %s (not an agent branch) PATH001 applies', (branch) => {
    const found = run([modified('backend/app/core/auth.py'), modified('frontend/app.tsx')], {
      branch,
      labels: [],
    });
    expect(found.map((f) => f.rule)).toEqual(['PATH001']);
  });
});

describe('PATH001 with a TOML policy', () => {
  it('names the TOML line of the deciding pattern', () => {
    const toml = [
      'version = 1',
      '',
      '[protected]',
      'label = "approved-core-change"',
      'paths = [',
      '  "backend/app/core/",',
      '  "backend/app/services/payments*",',
      ']',
      '',
    ].join('\n');
    const doc = parsePolicyText(toml, 'slipway.toml').document;
    expect(doc).toBeDefined();
    if (!doc) return;
    const ctx = {
      ...context([modified('backend/app/services/payments_v2.py')], { labels: [] }),
      policy: doc,
    };
    const [f] = pathFamily.check(ctx).findings;
    expect(f?.message).toContain('(slipway.toml line 7)');
    expect(f?.related?.[0]).toMatchObject({ file: 'slipway.toml', range: { start: { line: 6 } } });
  });
});
