import type { ChangedFile } from '@slipway/policy-core';
import { describe, expect, it } from 'vitest';
import { change, modified, POLICY, run } from './branch-fixture.js';

/**
 * Which edits BR003 counts as a dependency change: any edit of a requirements file or a lock; of
 * a package.json (the pair's, or a workspace's below an npm-family lock) or a pyproject.toml, only
 * one that moves a dependency declaration.
 */
const NPM = `version: 1
agents:
  branches: ["auto/*"]
dependencies:
  requirements: package.json
  lock: package-lock.json
`;
const manifest = (deps: Record<string, string>, scripts: Record<string, string> = {}) =>
  `${JSON.stringify({ name: 'app', version: '1.0.0', scripts, dependencies: deps }, null, 2)}\n`;
const BEFORE = manifest({ express: '^4.18.0' }, { start: 'node index.js' });
const SCRIPTS_ONLY = manifest({ express: '^4.18.0' }, { start: 'node server.js' });
const BUMPED = manifest({ express: '^4.19.0' }, { start: 'node index.js' });

/** BR003 on an agent branch whose change moves `files` from `base` to `head`. */
function offLane(
  files: ChangedFile[],
  base: Record<string, string>,
  head: Record<string, string>,
  policy = NPM,
) {
  const c = change({ branch: 'auto/feature', files, readBase: (path) => base[path] });
  return run(c, policy, 'slipway.yaml', head);
}
/** Each finding's changed files, with the policy line (0-based) each is related to. */
const touched = (findings: ReturnType<typeof run>) =>
  findings.map((f) =>
    f.related
      ?.filter((r) => r.message.startsWith('dependency file'))
      .map((r) => [r.range.start.line, r.message]),
  );

describe('BR003 and package.json', () => {
  it("counts the pair's package.json for its dependencies, by the requirements line, not for its scripts", () => {
    const scripts = offLane(
      modified('package.json'),
      { 'package.json': BEFORE },
      { 'package.json': SCRIPTS_ONLY },
    );
    expect(scripts).toEqual([]);
    const bumped = offLane(modified('package.json'), { 'package.json': BEFORE }, { 'package.json': BUMPED });
    expect(touched(bumped)).toEqual([[[4, 'dependency file `package.json`']]]);
  });

  it("counts a workspace's package.json below the lock, by the lock's line", () => {
    const path = 'packages/api/package.json';
    const bumped = offLane(modified(path), { [path]: BEFORE }, { [path]: BUMPED });
    expect(touched(bumped)).toEqual([[[5, `dependency file \`${path}\``]]]);
    expect(offLane(modified(path), { [path]: BEFORE }, { [path]: SCRIPTS_ONLY })).toEqual([]);
  });

  it('does not count other files near the lock, nor what is installed under node_modules', () => {
    const files = modified(
      'packages/api/index.js',
      'packages/api/package.json.bak',
      'node_modules/left-pad/package.json',
    );
    expect(offLane(files, {}, {})).toEqual([]);
  });

  it('a lock in a folder covers only the package.json files under that folder', () => {
    const policy = NPM.replace('requirements: package.json', 'requirements: web/package.json').replace(
      'lock: package-lock.json',
      'lock: web/package-lock.json',
    );
    const under = 'web/packages/ui/package.json';
    expect(touched(offLane(modified(under), { [under]: BEFORE }, { [under]: BUMPED }, policy))).toEqual([
      [[5, `dependency file \`${under}\``]],
    ]);
    for (const beside of ['webapp/package.json', 'api/package.json'])
      expect(offLane(modified(beside), { [beside]: BEFORE }, { [beside]: BUMPED }, policy), beside).toEqual(
        [],
      );
    const own = 'web/package.json';
    expect(offLane(modified(own), { [own]: BEFORE }, { [own]: SCRIPTS_ONLY }, policy)).toEqual([]);
    expect(touched(offLane(modified(own), { [own]: BEFORE }, { [own]: BUMPED }, policy))).toEqual([
      [[4, 'dependency file `web/package.json`']],
    ]);
  });

  it('counts a package.json whose base it cannot read, or that the change moves, whole', () => {
    const path = 'packages/api/package.json';
    expect(touched(offLane(modified(path), {}, { [path]: SCRIPTS_ONLY }))).toEqual([
      [[5, `dependency file \`${path}\``]],
    ]);
    const moved: ChangedFile = { status: 'renamed', path, oldPath: 'packages/old-api/package.json' };
    expect(
      touched(offLane([moved], { 'packages/old-api/package.json': BEFORE }, { [path]: BEFORE })),
    ).toEqual([[[5, `dependency file \`${path}\``]]]);
  });
});

describe('BR003 and requirements files and locks', () => {
  it('counts any edit of a requirements file, a comment too', () => {
    const path = 'backend/requirements.txt';
    const findings = offLane(
      modified(path),
      { [path]: 'fastapi==0.110.0\n' },
      { [path]: '# the web framework\nfastapi==0.110.0\n' },
      POLICY,
    );
    expect(touched(findings)).toEqual([[[9, `dependency file \`${path}\``]]]);
  });

  it('counts any edit of a lock, one that moves no package.json-like declaration too', () => {
    const lock = (integrity: string) =>
      `${JSON.stringify({ name: 'app', lockfileVersion: 3, packages: { 'node_modules/express': { version: '4.18.2', integrity } } }, null, 2)}\n`;
    const findings = offLane(
      modified('package-lock.json'),
      { 'package-lock.json': lock('sha512-a') },
      { 'package-lock.json': lock('sha512-b') },
    );
    expect(touched(findings)).toEqual([[[5, 'dependency file `package-lock.json`']]]);
  });

  it('names every dependency file the change edits', () => {
    const [f] = run(
      change({ branch: 'auto/x', files: modified('backend/requirements.txt', 'backend/requirements.lock') }),
    );
    expect(f?.message).toContain('changes `backend/requirements.txt`, `backend/requirements.lock`, but');
  });

  it("reads the policy's paths as repository paths: backslashes are slashes, a leading ./ or / is dropped", () => {
    const policy = POLICY.replace(
      /dependencies:\n(?: {2}.*\n)+/,
      'dependencies:\n  requirements: "backend\\\\requirements.txt"\n  lock: .//backend/requirements.lock\n',
    );
    const findings = run(
      change({ branch: 'auto/x', files: modified('backend/requirements.txt', 'backend/requirements.lock') }),
      policy,
    );
    expect(touched(findings)).toEqual([
      [
        [9, 'dependency file `backend/requirements.txt`'],
        [10, 'dependency file `backend/requirements.lock`'],
      ],
    ]);
  });
});

describe('BR003 and pyproject.toml', () => {
  const pyproject = (extra: string) =>
    `[project]\nname = "app"\nversion = "1.0"\ndependencies = ["fastapi>=0.110"]\n${extra}`;
  const policyFor = (lock: string) =>
    NPM.replace('requirements: package.json', 'requirements: pyproject.toml').replace(
      'lock: package-lock.json',
      `lock: ${lock}`,
    );

  it("reads a uv project's [dependency-groups] as declarations", () => {
    const base = { 'pyproject.toml': pyproject('\n[dependency-groups]\ndev = ["pytest>=8"]\n') };
    const head = { 'pyproject.toml': pyproject('\n[dependency-groups]\ndev = ["pytest>=8", "ruff>=0.5"]\n') };
    expect(touched(offLane(modified('pyproject.toml'), base, head, policyFor('uv.lock')))).toEqual([
      [[4, 'dependency file `pyproject.toml`']],
    ]);
  });

  it("reads a Poetry project's [tool.poetry.dependencies] as declarations", () => {
    const base = { 'pyproject.toml': pyproject('\n[tool.poetry.dependencies]\nrequests = "^2.31"\n') };
    const head = { 'pyproject.toml': pyproject('\n[tool.poetry.dependencies]\nrequests = "^2.32"\n') };
    expect(touched(offLane(modified('pyproject.toml'), base, head, policyFor('poetry.lock')))).toEqual([
      [[4, 'dependency file `pyproject.toml`']],
    ]);
  });

  it("does not count an edit of another tool's settings (near miss)", () => {
    const base = { 'pyproject.toml': pyproject('\n[tool.ruff]\nline-length = 100\n') };
    const head = { 'pyproject.toml': pyproject('\n[tool.ruff]\nline-length = 120\n') };
    expect(offLane(modified('pyproject.toml'), base, head, policyFor('uv.lock'))).toEqual([]);
  });
});
