import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAuditLog } from '../../src/deploy/audit-chain.js';
import { parseDeployRecord } from '../../src/deploy/record-parse.js';
import { readMigrationModule } from '../../src/migrations/alembic-module.js';
import { sqlFileOps } from '../../src/migrations/sql-file.js';
import { parsePolicyText } from '../../src/policy/parse.js';
import { parsePep508 } from '../../src/requirements/pep508-parser.js';
import { parseRequirementsFile } from '../../src/requirements/requirements-file.js';
import { readTomlLock } from '../../src/requirements/toml-lock.js';
import { parseUpdateToml } from '../../src/update/update-toml.js';
import { expectWithin, runs, textOf } from './text-arbitraries.js';

/**
 * Every parser, on text built from its format's own pieces and random noise: it never throws,
 * gives the same answer twice, and every range it reports lies inside the text.
 */
const RUNS = runs(150);

/** Runs `parse` twice on each text: no exception, and the same (JSON) result both times. */
function stable<T>(
  arb: fc.Arbitrary<string>,
  parse: (text: string) => T,
  ranges?: (r: T, text: string) => void,
) {
  fc.assert(
    fc.property(arb, (text) => {
      const a = parse(text);
      const b = parse(text);
      expect(JSON.stringify(a)).toEqual(JSON.stringify(b));
      ranges?.(a, text);
    }),
    RUNS,
  );
}

describe('parsers on generated text', () => {
  it('policy (YAML and TOML): findings within the file', () => {
    const yaml = textOf([
      'version: 1\n',
      'protected:\n',
      '  paths: [',
      'a/**',
      ']\n',
      '&x ',
      '*x',
      '{',
      '}',
      ': ',
      '- ',
      '"',
      "'",
      '#',
      '\t',
      '\r\n',
    ]);
    stable(
      yaml,
      (t) => parsePolicyText(t, 'slipway.yaml').findings,
      (fs, t) => {
        for (const f of fs) expectWithin(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t, f.range);
      },
    );
    const toml = textOf([
      'version = 1\n',
      '[protected]\n',
      'paths = [',
      '"a"',
      ']\n',
      '[[x]]\n',
      '=',
      '{',
      '}',
      '"""',
      "'",
      '#',
    ]);
    stable(
      toml,
      (t) => parsePolicyText(t, 'slipway.toml').findings,
      (fs, t) => {
        for (const f of fs) expectWithin(t, f.range);
      },
    );
  });

  it('requirements files and PEP 508 lines: problems within the file', () => {
    const req = textOf([
      'requests',
      '==2.31.0',
      '[socks]',
      ' ; python_version >= "3.8"',
      ' \\\n',
      '\n',
      '-r base.txt\n',
      '--hash=sha256:ab',
      '#',
      ' @ https://x/y.whl',
      '(',
      ')',
      'and ',
      'or ',
      '~=',
      '*',
    ]);
    stable(
      req,
      (t) => parseRequirementsFile('r.txt', t).problems.map(({ line: _, ...p }) => p),
      (ps, t) => {
        for (const p of ps)
          expect(0 <= p.start && p.start <= p.end && p.end <= t.length, JSON.stringify(p)).toBe(true);
      },
    );
    stable(req, (t) => parsePep508(t));
  });

  it('uv and poetry locks', () => {
    const lock = textOf([
      '[[package]]\n',
      'name = "a"\n',
      'version = "1.0"\n',
      '[package.dependencies]\n',
      'x = "*"\n',
      '"',
      '[',
      ']',
      '=',
    ]);
    stable(lock, (t) => readTomlLock(t, 'uv'));
    stable(lock, (t) => readTomlLock(t, 'poetry'));
  });

  it('Alembic modules: ranges within the file', () => {
    const py = textOf([
      "revision = 'a1'\n",
      "down_revision = ('a0', 'b0')\n",
      'branch_labels = (cli.EXPAND,)\n',
      'def upgrade():\n',
      'def downgrade():\n',
      "    op.drop_table('t')\n",
      '    op.execute("ALTER TABLE t CONVERT TO x")\n',
      '    pass\n',
      '(',
      ')',
      '"""',
      "f'",
      '\\',
      '\t',
      '\u0000',
    ]);
    stable(
      py,
      (t) => readMigrationModule('v/a.py', t),
      (m, t) => {
        for (const r of [m.revision?.range, m.downRevision?.range, m.syntaxError?.range, m.upgrade?.range])
          if (r) expectWithin(t, r);
        for (const op of m.upgrade?.ops ?? []) expectWithin(t, op.range);
      },
    );
  });

  it('SQL migration files: ranges within the file', () => {
    const sql = textOf([
      'DROP TABLE t;',
      'ALTER TABLE t ADD COLUMN c int;',
      'CREATE INDEX i ON t (c);',
      "'",
      '$$',
      '--',
      '/*',
      '*/',
      ';',
      '\n',
      'BEGIN;',
      'COMMIT;',
      'DO $$ BEGIN EXECUTE ',
      '(',
    ]);
    stable(
      sql,
      (t) => sqlFileOps(t),
      (ops, t) => {
        for (const op of ops) expectWithin(t, op.range);
      },
    );
  });

  it('deploy record, audit log and update config: spans within the text', () => {
    const json = textOf([
      '{',
      '}',
      '[',
      ']',
      '"last_good_sha"',
      '"deployed_at"',
      ':',
      ',',
      '"2026-01-01T00:00:00Z"',
      '"0123456789abcdef0123456789abcdef01234567"',
      '\\u',
      '\n',
      'null',
      '-1e9',
    ]);
    stable(
      json,
      (t) => parseDeployRecord(t),
      (r, t) => {
        for (const p of r.problems) expect(p.start >= 0 && p.start <= p.end && p.end <= t.length).toBe(true);
      },
    );
    stable(
      json,
      (t) => readAuditLog(t).issues,
      (issues, t) => {
        const lines = t.split('\n').length;
        for (const i of issues) if ('line' in i) expect(i.line).toBeLessThan(lines);
      },
    );
    const toml = textOf([
      '[update]\n',
      'interval_minutes = 5\n',
      'channel = "stable"\n',
      '=',
      '"',
      '[',
      ']',
      '\n',
    ]);
    stable(
      toml,
      (t) => parseUpdateToml(t),
      (r, t) => {
        if (!r.ok) for (const p of r.problems) expectWithin(t, p.range);
      },
    );
  });
});

describe('requirements problems found by the property above', () => {
  it('an error at the end of a line ("0;") stays inside the text', () => {
    for (const text of ['0;', 'requests ;', 'requests[', 'a==1 ; python_version >=']) {
      for (const p of parseRequirementsFile('r.txt', text).problems) {
        expect(p.start, text).toBeGreaterThanOrEqual(0);
        expect(p.start, text).toBeLessThanOrEqual(p.end);
        expect(p.end, text).toBeLessThanOrEqual(text.length);
      }
    }
  });
});
