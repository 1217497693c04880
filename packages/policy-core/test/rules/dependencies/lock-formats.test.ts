import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief, check, ofRule } from './helpers.js';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, 'fixtures', 'formats', name), 'utf8');
const REQ = 'fastapi==0.110.0\nhttpx==0.26.0\n';
const policy = (lock: string, extra = '') =>
  `version: 1\ndependencies:\n  requirements: backend/requirements.txt\n  lock: backend/${lock}\n${extra}`;

function run(lockName: string, lockText: string, extra = '', req = REQ) {
  return check({
    'slipway.yaml': policy(lockName, extra),
    'backend/requirements.txt': req,
    [`backend/${lockName}`]: lockText,
  }).findings;
}

describe('lock formats', () => {
  for (const name of ['pip-compile-hashes.lock', 'uv-pip-compile.lock', 'pip-freeze.lock']) {
    it(`${name}: clean as a superset lock`, () => {
      expect(brief(run(name, fixture(name), '  mode: superset\n  url_requirements: allow\n'))).toEqual([]);
    });
    it(`${name}: transitive pins are DEP005 in mirror mode`, () => {
      const keys = ofRule(run(name, fixture(name)), 'DEP005').map((f) => f.message.split('`')[1]);
      expect(keys).toContain('anyio');
      expect(keys).toContain('certifi');
      expect(keys).not.toContain('fastapi');
    });
  }

  it('pip-compile: a version bump in the requirements is DEP004 at the hashed entry, without a fix (hashes would go stale)', () => {
    const f = ofRule(
      run(
        'pip-compile-hashes.lock',
        fixture('pip-compile-hashes.lock'),
        '  mode: superset\n',
        'fastapi==0.111.0\nhttpx==0.26.0\n',
      ),
      'DEP004',
    );
    expect(brief(f)).toEqual(['DEP004 backend/requirements.txt:0:9-16']);
    expect(f[0]?.related?.[0]?.range.start.line).toBe(18);
    expect(f.every((x) => x.fixes === undefined)).toBe(true);
  });

  it('pip-compile: deleting a transitive entry removes its hashes and its `# via` block', () => {
    const [f] = ofRule(run('pip-compile-hashes.lock', fixture('pip-compile-hashes.lock')), 'DEP005');
    expect(f?.fixes?.[0]?.edits[0]?.range).toEqual({
      start: { line: 6, character: 0 },
      end: { line: 12, character: 0 },
    });
  });

  it('uv.lock: compares versions, skips the project itself, points into the TOML', () => {
    const f = run('uv.lock', fixture('uv.lock'), '  mode: superset\n');
    expect(brief(f)).toEqual([
      'DEP003 backend/requirements.txt:1:0-5',
      'DEP004 backend/requirements.txt:0:9-16',
    ]);
    expect(ofRule(f, 'DEP004')[0]?.related?.[0]).toMatchObject({
      file: 'backend/uv.lock',
      range: { start: { line: 14, character: 11 }, end: { line: 14, character: 18 } },
    });
    expect(brief(ofRule(run('uv.lock', fixture('uv.lock')), 'DEP005'))).toEqual([
      'DEP005 backend/uv.lock:25:8-17',
    ]);
  });

  it('poetry.lock: names are normalised, missing packages found', () => {
    expect(
      brief(
        run(
          'poetry.lock',
          fixture('poetry.lock'),
          '  mode: superset\n',
          'fastapi==0.110.0\nstarlette==0.36.3\nhttpx==0.26.0\n',
        ),
      ),
    ).toEqual(['DEP003 backend/requirements.txt:2:0-5']);
  });

  it('hashes: required flags TOML lock entries without hashes', () => {
    const f = run(
      'poetry.lock',
      fixture('poetry.lock'),
      '  mode: superset\n  hashes: required\n',
      'fastapi==0.110.0\nstarlette==0.36.3\n',
    );
    expect(brief(f)).toEqual(['DEP009 backend/poetry.lock:19:8-17']);
  });

  it('a TOML syntax error is DEP008 at its position', () => {
    const f = run('uv.lock', 'version = 1\n[[package]]\nname = "fastapi"\nversion = \n');
    expect(brief(ofRule(f, 'DEP008'))).toEqual(['DEP008 backend/uv.lock:3:10-10']);
    expect(ofRule(f, 'DEP008')[0]?.message).toMatch(
      /^backend\/uv\.lock is not valid TOML: Unexpected character/,
    );
  });

  it('lock_format overrides the file name', () => {
    const f = check({
      'slipway.yaml': policy('deps.toml', '  lock_format: poetry\n  mode: superset\n'),
      'backend/requirements.txt': 'fastapi==0.110.0\n',
      'backend/deps.toml': fixture('poetry.lock'),
    }).findings;
    expect(f).toEqual([]);
  });

  it('several pairs are checked independently', () => {
    const files = {
      'slipway.yaml':
        'version: 1\ndependencies:\n  - requirements: backend/requirements.txt\n    lock: backend/requirements.lock\n  - requirements: backend/requirements-dev.txt\n    lock: backend/requirements-dev.lock\n',
      'backend/requirements.txt': 'fastapi==0.110.0\n',
      'backend/requirements.lock': 'fastapi==0.110.0\n',
      'backend/requirements-dev.txt': '-r requirements.txt\npytest>=7\n',
      'backend/requirements-dev.lock': 'fastapi==0.110.0\npytest==8.0.0\n',
    };
    const f = check(files).findings;
    expect(brief(f)).toEqual(['DEP001 backend/requirements-dev.txt:1:0-9']);
    expect(f[0]?.fixes?.[0]?.title).toBe("Pin to 8.0.0 (the lock's version)");
  });
});
