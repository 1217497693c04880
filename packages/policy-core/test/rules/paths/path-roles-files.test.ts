import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import { pathRoleReader, pathRoles } from '../../../src/rules/paths/facts/path-roles.js';

/**
 * The files other families read that `slipway explain` and the agent gate name for a path: a
 * dependency pair's files (and what an npm lock's folder holds, and what pip includes), the deploy
 * record and audit log, the updater's config and state. Each with the near miss beside it.
 */
const POLICY = `version: 1
dependencies:
  - requirements: web/package.json
    lock: web/package-lock.json
  - requirements: requirements.in
    lock: requirements.txt
deploy:
  record: infra/deploy.json
  audit_log: infra/audit.jsonl
update:
  config: config/update.toml
  state: "bot_persistence/*/meta/"
`;
const doc = (() => {
  const parsed = parsePolicyText(POLICY, 'slipway.yaml');
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  return parsed.document;
})();
const repo = new MemoryRepo({
  'requirements.in': '-r base.in\nflask\n',
  'base.in': '-c pins.txt\n',
  'pins.txt': 'flask<4\n',
});
const roles = (path: string) => pathRoles(doc, repo, path);

describe('the dependency pairs’ files', () => {
  it.each([
    [
      'web/package.json',
      'web/package.json: the requirements file of a dependency pair, with lock web/package-lock.json (slipway.yaml line 3; DEP rules)',
    ],
    [
      'web/package-lock.json',
      'web/package-lock.json: the lock of a dependency pair, for web/package.json (slipway.yaml line 3; DEP rules)',
    ],
    [
      'web/.npmrc',
      "web/.npmrc: where installs beside the lock web/package-lock.json fetch from (slipway.yaml line 3; an agent's change pointing it at a registry outside the pair's: DEP016)",
    ],
    [
      'web/pnpm-workspace.yaml',
      'web/pnpm-workspace.yaml: the workspace file beside the lock web/package-lock.json (slipway.yaml line 3; DEP rules)',
    ],
    [
      'web/pkg/a/package.json',
      'web/pkg/a/package.json: a package.json under the folder of the lock web/package-lock.json; if the lock or the workspace globs name it, its declarations are judged with the pair (slipway.yaml line 3; DEP rules)',
    ],
    [
      'requirements.txt',
      'requirements.txt: the lock of a dependency pair, for requirements.in (slipway.yaml line 5; DEP rules)',
    ],
    [
      'pins.txt',
      'pins.txt: included (-r/-c) by requirements.in, so judged with its dependency pair (DEP rules)',
    ],
  ])('%s', (path, role) => {
    expect(roles(path)).toEqual([role]);
  });

  it.each([
    'web/node_modules/x/package.json', // an installed package, not a workspace member
    'web/pkg/a/package.json.bak',
    'other/package.json', // not under the lock's folder
    'other/.npmrc',
    '.npmrc',
    'pnpm-workspace.yaml',
    'requirements.in/.npmrc', // beside a requirements lock, which reads no .npmrc
    'requirements.lock',
  ])('near miss: %s is no dependency file', (path) => {
    expect(roles(path)).toEqual([]);
  });

  it('a pair file another pair file includes is named once, as the pair file', () => {
    const constrained = new MemoryRepo({ 'requirements.in': '-c requirements.txt\nflask\n' });
    expect(pathRoles(doc, constrained, 'requirements.txt')).toEqual([
      'requirements.txt: the lock of a dependency pair, for requirements.in (slipway.yaml line 5; DEP rules)',
    ]);
  });

  it('what pip includes is read once per reader, however many paths it is asked about', () => {
    let reads = 0;
    const counting = new MemoryRepo({ 'requirements.in': '-r base.in\n' });
    const readFile = counting.readFile.bind(counting);
    counting.readFile = (path) => {
      if (path === 'requirements.in') reads++;
      return readFile(path);
    };
    const reader = pathRoleReader(doc, counting);
    expect(reader('base.in').map((r) => r.family)).toEqual(['DEP']);
    expect(reader('other.in')).toEqual([]);
    expect(reads).toBe(1);
  });

  it('a root npm lock: the package.json files under it, the root one among them', () => {
    const root = parsePolicyText(
      'version: 1\ndependencies:\n  requirements: package.json\n  lock: pnpm-lock.yaml\n',
      'slipway.yaml',
    ).document;
    if (!root) throw new Error('test policy is invalid');
    expect(pathRoles(root, repo, 'packages/a/package.json')[0]).toContain(
      'a package.json under the folder of the lock pnpm-lock.yaml',
    );
    expect(pathRoles(root, repo, 'package.json')).toEqual([
      'package.json: the requirements file of a dependency pair, with lock pnpm-lock.yaml (slipway.yaml line 2; DEP rules)',
    ]);
    expect(pathRoles(root, repo, '.yarnrc.yml')[0]).toContain(
      'where installs beside the lock pnpm-lock.yaml',
    );
    expect(pathRoles(root, repo, 'packages/a/xpackage.json')).toEqual([]);
  });

  it('an npm lock named by lock_format, whatever its file name', () => {
    const named = parsePolicyText(
      'version: 1\ndependencies:\n  requirements: app/package.json\n  lock: app/deps.lock\n  lock_format: npm\n',
      'slipway.yaml',
    ).document;
    if (!named) throw new Error('test policy is invalid');
    expect(pathRoles(named, repo, 'app/.npmrc')[0]).toContain('where installs beside the lock app/deps.lock');
  });
});

describe('the deploy record and audit log, the updater’s config and state', () => {
  it.each([
    [
      'infra/deploy.json',
      'infra/deploy.json: the deploy record (REC rules; written by promote and rollback)',
    ],
    [
      'infra/audit.jsonl',
      'infra/audit.jsonl: the deploy audit log (AUD rules; hash-chained, appended by every deploy)',
    ],
    ['config/update.toml', "config/update.toml: the self-updater's config (UPD rules)"],
    [
      'bot_persistence/x/meta/version.json',
      'bot_persistence/x/meta/version.json: a state file of the self-updater (UPD003)',
    ],
    [
      'bot_persistence/x/meta/update_state.json',
      'bot_persistence/x/meta/update_state.json: a state file of the self-updater (UPD003)',
    ],
  ])('%s', (path, role) => {
    expect(roles(path)).toEqual([role]);
  });

  it.each([
    'infra/deploy.jsonl',
    'infra/audit.json',
    'config/update.yaml',
    'bot_persistence/x/meta/other.json',
    'bot_persistence/x/y/meta/version.json',
  ])('near miss: %s', (path) => {
    expect(roles(path)).toEqual([]);
  });

  it('a state folder under a dot folder is the updater’s too', () => {
    expect(roles('bot_persistence/.hidden/meta/version.json')).toEqual([
      'bot_persistence/.hidden/meta/version.json: a state file of the self-updater (UPD003)',
    ]);
  });

  it('a policy without those sections reads none of them', () => {
    const bare = parsePolicyText('version: 1\n', 'slipway.yaml').document;
    if (!bare) throw new Error('test policy is invalid');
    for (const path of ['infra/deploy.json', 'config/update.toml', 'infrastructure/LAST_PROD_DEPLOY.json'])
      expect(pathRoles(bare, repo, path), path).toEqual([]);
  });
});
