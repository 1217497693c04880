import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChangeSet } from '../../../src/change-set.js';
import { brief, check, checkFixture, fixtureFiles, ofRule } from './helpers.js';

/** A fixture's change.json as the change under review, `baseFiles` answering readBase. */
function changeOf(name: string): ChangeSet {
  const c = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', name, 'change.json'), 'utf8'));
  return { ...c, readBase: (p: string) => c.baseFiles[p] };
}

const UV_POLICY =
  'version: 1\ndependencies:\n  requirements: pyproject.toml\n  lock: uv.lock\n  mode: superset\n';

describe('pyproject.toml paired with uv.lock or poetry.lock', () => {
  it('DEP012: a lock pin outside the declared range, in uv and Poetry syntax', () => {
    expect(brief(checkFixture('DEP012/trigger-uv').findings)).toEqual([
      'DEP012 pyproject.toml:10:14-21',
      'DEP012 pyproject.toml:5:13-19',
    ]);
    const poetry = checkFixture('DEP012/trigger-poetry').findings;
    expect(brief(poetry)).toEqual(['DEP012 pyproject.toml:5:11-17', 'DEP012 pyproject.toml:6:8-17']);
    expect(poetry[0]?.message).toBe(
      '`pydantic` ([tool.poetry.dependencies]) allows ^2.6 (>=2.6,<3.0.0) here, but poetry.lock pins 2.5.3, outside that range; regenerate the lock (`poetry lock`) in this change, or widen the range if the locked version is meant.',
    );
    expect(poetry[0]?.related?.[0]?.file).toBe('poetry.lock');
  });

  it('near misses are entirely clean: forked locks, overrides, workspace members, git, path and Python-restricted dependencies', () => {
    for (const name of [
      'DEP012/near-miss-uv-forked',
      'DEP012/near-miss-poetry',
      'DEP003/near-miss-uv-markers',
    ])
      expect(brief(checkFixture(name).findings), name).toEqual([]);
  });

  it('DEP003: a declared dependency missing from the lock, named with its section', () => {
    const [f] = checkFixture('DEP003/trigger-uv').findings;
    expect(brief(f ? [f] : [])).toEqual(['DEP003 pyproject.toml:4:35-40']);
    expect(f?.message).toBe(
      '`httpx` ([project] dependencies) is not in the lock uv.lock; regenerate the lock (`uv lock`) in this change.',
    );
  });

  it('DEP013: declarations changed without the lock; not for other edits, not when the lock changed too', () => {
    const f = checkFixture('DEP013/trigger', { change: changeOf('DEP013/trigger') }).findings;
    expect(brief(f)).toEqual(['DEP013 pyproject.toml:3:17-31']);
    expect(f[0]?.message).toBe(
      'this change edits the dependency declarations in pyproject.toml ([project] dependencies: `requests>=2.32`) but not uv.lock; run `uv lock` and commit uv.lock with it.',
    );
    for (const name of ['DEP013/near-miss', 'DEP013/near-miss-relocked'])
      expect(brief(checkFixture(name, { change: changeOf(name) }).findings), name).toEqual([]);
  });

  it('DEP006: editing another section of pyproject.toml needs no label; editing a declaration does', () => {
    const files = fixtureFiles('DEP013/near-miss');
    expect(ofRule(check(files, { change: changeOf('DEP013/near-miss') }).findings, 'DEP006')).toEqual([]);
    const bump = { ...changeOf('DEP013/near-miss-relocked'), labels: [] };
    expect(
      brief(ofRule(check(fixtureFiles('DEP013/near-miss-relocked'), { change: bump }).findings, 'DEP006')),
    ).toEqual(['DEP006 pyproject.toml:3:0-45']);
  });

  it('DEP006: an extra index or a build requirement needs the label too; neither is DEP013', () => {
    const files = fixtureFiles('DEP013/near-miss');
    const base = files['pyproject.toml'] as string;
    for (const added of [
      '\n[tool.uv]\nextra-index-url = ["https://packages.example.net/simple"]\n',
      '\n[build-system]\nrequires = ["hatchling", "evil-build-hook"]\nbuild-backend = "hatchling.build"\n',
    ]) {
      const change: ChangeSet = {
        base: 'a'.repeat(40),
        head: 'b'.repeat(40),
        files: [{ status: 'modified', path: 'pyproject.toml' }],
        labels: [],
        commits: [],
        readBase: (p) => (p === 'pyproject.toml' ? base : files[p]),
      };
      const found = check({ ...files, 'pyproject.toml': base + added }, { change }).findings;
      expect(brief(ofRule(found, 'DEP006')), added).toHaveLength(1);
      expect(ofRule(found, 'DEP013'), added).toEqual([]);
    }
  });

  it('ranges are what pyproject.toml declares: no DEP001, and a package in two groups is no DEP007', () => {
    const findings = check({
      'slipway.yaml': UV_POLICY,
      'pyproject.toml':
        '[project]\nname = "app"\nversion = "1"\ndependencies = ["pytest>=8"]\n[dependency-groups]\ndev = ["pytest>=8.1", "ruff"]\n',
      'uv.lock':
        'version = 1\n\n[[package]]\nname = "pytest"\nversion = "8.3.4"\nsource = { registry = "https://pypi.org/simple" }\n\n[[package]]\nname = "ruff"\nversion = "0.8.0"\nsource = { registry = "https://pypi.org/simple" }\n',
    }).findings;
    expect(brief(findings)).toEqual([]);
  });

  it('bad input is one DEP008 finding where it is, and the rest is still checked', () => {
    const findings = check({
      'slipway.yaml': UV_POLICY,
      'pyproject.toml': '[project]\nname = "app"\ndependencies = ["requests>=", "httpx"]\n',
      'uv.lock': 'version = 1\n',
    }).findings;
    expect(brief(findings)).toEqual(['DEP003 pyproject.toml:2:31-36', 'DEP008 pyproject.toml:2:25-25']);
    const broken = check({
      'slipway.yaml': UV_POLICY,
      'pyproject.toml': '[project\n',
      'uv.lock': 'version = 1\n',
    });
    expect(broken.findings.map((f) => `${f.rule} ${f.message}`)).toEqual([
      'DEP008 pyproject.toml is not valid TOML: Unexpected character, expected whitespace, . or ].',
    ]);
  });

  it('a missing pyproject.toml is DEP010 on the policy line, not a crash', () => {
    const findings = check({ 'slipway.yaml': UV_POLICY, 'uv.lock': 'version = 1\n' }).findings;
    expect(findings.map((f) => `${f.rule} ${f.file}`)).toEqual(['DEP010 slipway.yaml']);
  });
});
