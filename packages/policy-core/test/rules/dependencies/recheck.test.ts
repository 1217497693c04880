import { describe, expect, it } from 'vitest';
import { parsePolicyText } from '../../../src/policy/parse.js';
import { MemoryRepo } from '../../../src/repo.js';
import { dependencyFamily } from '../../../src/rules/families.js';
import type { CheckContext } from '../../../src/rule.js';
import { dependencyCachesOf } from '../../../src/workspace-dependencies.js';
import { Workspace } from '../../../src/workspace.js';
import { Gen, mulberry32 } from '../../requirements/helpers/generate-lines.js';

// The DEP family keeps parsed files and per-pair match state between checks (an editor
// re-checks on every keystroke). Whatever is edited between two checks, in the requirements,
// an included file or the lock, the re-check must equal a check from scratch.

const NAMES = ['requests', 'Flask', 'idna', 'urllib3', 'zope.interface', 'typing_extensions', 'attrs', 'six'];
const LINES = [
  (n: string, v: number) => `${n}==1.${v}.0`,
  (n: string, v: number) => `${n}==1.${v}`,
  (n: string, v: number) => `${n}[socks]==1.${v}.0`,
  (n: string, v: number) => `${n}==1.${v}.0 ; python_version >= "3.8"`,
  (n: string, v: number) => `${n}>=1.${v}`,
  (n: string, v: number) => `${n}==1.${v}.0 --hash=sha256:${'ab'.repeat(32)}`,
  (n: string) => `${n}==2.0.x`,
  () => '# a comment',
  () => '',
];

function line(g: Gen): string {
  const name = `${g.pick(NAMES)}${g.int(12)}`;
  return g.pick(LINES)(name, g.int(4));
}

function edit(g: Gen, text: string): string {
  const lines = text.split('\n');
  const at = g.int(lines.length);
  switch (g.int(5)) {
    case 0:
      lines.splice(at, 0, line(g));
      break;
    case 1:
      lines.splice(at, 1);
      break;
    case 2:
      lines[at] = line(g);
      break;
    case 3: // the same line twice: DEP007
      lines.splice(at, 0, lines[g.int(lines.length)] ?? '');
      break;
    default: {
      // a character typed or deleted anywhere
      const pos = g.int(text.length + 1);
      return g.chance(0.5)
        ? text.slice(0, pos) + g.pick(['1', '=', '.', ' ', '\\', '#', '\n', ';']) + text.slice(pos)
        : text.slice(0, pos) + text.slice(pos + 1);
    }
  }
  return lines.join('\n');
}

describe('re-checking after edits', () => {
  for (const hashes of ['off', 'consistent'])
    it(`equals a check from scratch after random edits of requirements, include and lock (hashes: ${hashes})`, () => {
      const g = new Gen(mulberry32(hashes === 'off' ? 5 : 6));
      const policy = parsePolicyText(
        `version: 1\ndependencies:\n  requirements: req/requirements.txt\n  lock: req/requirements.lock\n  hashes: ${hashes}\n`,
        'slipway.yaml',
      ).document;
      if (!policy) throw new Error('policy');
      for (let round = 0; round < 12; round++) {
        const base = Array.from({ length: 40 }, () => line(g));
        const texts = new Map<string, string>([
          ['slipway.yaml', ''],
          ['req/requirements.txt', `-r base.txt\n${base.slice(0, 30).join('\n')}\n`],
          ['req/base.txt', `${base.slice(30).join('\n')}\n`],
          ['req/requirements.lock', `${base.filter((l) => l && !l.startsWith('#')).join('\n')}\n`],
        ]);
        const repo = new MemoryRepo(Object.fromEntries(texts));
        repo.readFile = (p) => texts.get(p);
        // One workspace across the edits: its caches are what a re-check reuses.
        const ctx: CheckContext = { policy, repo, now: new Date(), env: {}, workspace: new Workspace() };
        dependencyFamily.check(ctx);
        for (let step = 0; step < 25; step++) {
          const path = g.pick([
            'req/requirements.txt',
            'req/requirements.txt',
            'req/base.txt',
            'req/requirements.lock',
          ]);
          texts.set(path, edit(g, texts.get(path) ?? ''));
          const again = dependencyFamily.check(ctx);
          const fresh = dependencyFamily.check({ ...ctx, workspace: new Workspace() });
          expect(again, `round ${round} step ${step}: ${path}`).toEqual(fresh);
        }
      }
    });

  it('equals a check from scratch when lock edits keep every package in place (versions, markers, hashes typed over)', () => {
    const g = new Gen(mulberry32(7));
    const policy = parsePolicyText(
      'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n  mode: mirror\n  hashes: consistent\n',
      'slipway.yaml',
    ).document;
    if (!policy) throw new Error('policy');
    const reqs = Array.from({ length: 200 }, (_, i) => `pkg-${i % 190}==1.0.${i}`);
    const lock = reqs.map((r) => `${r} \\\n    --hash=sha256:${'ab'.repeat(32)}`);
    const texts = new Map<string, string>([
      ['slipway.yaml', ''],
      ['requirements.txt', `${reqs.join('\n')}\n`],
      ['requirements.lock', `${lock.join('\n')}\n`],
    ]);
    const repo = new MemoryRepo(Object.fromEntries(texts));
    repo.readFile = (p) => texts.get(p);
    const workspace = new Workspace();
    const ctx: CheckContext = { policy, repo, now: new Date(), env: {}, workspace };
    dependencyFamily.check(ctx);
    let derived = 0;
    const caches = dependencyCachesOf(workspace);
    const lists: NonNullable<ReturnType<typeof caches.lockEntryList>>['entries'][] = [];
    for (let step = 0; step < 60; step++) {
      const text = texts.get('requirements.lock') ?? '';
      // A character typed over or deleted after a package's `==`, in a marker or in a hash.
      const at = g.pick([
        text.indexOf('==', g.int(text.length)) + 3,
        text.indexOf('sha256:', g.int(text.length)) + 9,
      ]);
      const edited =
        at < 3
          ? text
          : g.pick([
              text.slice(0, at) + g.pick(['1', '7', 'x', ' ; python_version < "3"']) + text.slice(at + 1),
              text.slice(0, at) + text.slice(at + 1),
            ]);
      texts.set('requirements.lock', edited);
      const again = dependencyFamily.check(ctx);
      const entries = caches.lockEntryList('requirements.lock')?.entries;
      if (entries && caches.lockRevisions.has(entries)) derived++;
      // Only the newest list says where it came from: a chain of revisions would keep every
      // list since the first keystroke alive.
      const before = lists.at(-1);
      if (before && before !== entries) expect(caches.lockRevisions.has(before)).toBe(false);
      if (entries) lists.push(entries);
      const fresh = dependencyFamily.check({ ...ctx, workspace: new Workspace() });
      expect(again, `step ${step}`).toEqual(fresh);
    }
    // Most edits kept every key in place: the incremental path is what was compared.
    expect(derived).toBeGreaterThan(30);
  });

  it('reports the lock edited between two checks', () => {
    const texts = new Map<string, string>([
      ['slipway.yaml', ''],
      ['requirements.txt', 'requests==2.31.0\nidna==3.6\n'],
      ['requirements.lock', 'idna==3.6\nrequests==2.31.0\n'],
    ]);
    const policy = parsePolicyText(
      'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
      'slipway.yaml',
    ).document;
    if (!policy) throw new Error('policy');
    const repo = new MemoryRepo(Object.fromEntries(texts));
    repo.readFile = (p) => texts.get(p);
    const ctx: CheckContext = { policy, repo, now: new Date(), env: {}, workspace: new Workspace() };
    expect(dependencyFamily.check(ctx).findings).toEqual([]);
    texts.set('requirements.lock', 'idna==3.7\nrequests==2.31.0\n');
    const rules = dependencyFamily.check(ctx).findings.map((f) => `${f.rule} ${f.file}`);
    expect(rules.sort()).toEqual(['DEP004 requirements.txt']);
    texts.set('requirements.lock', 'idna==3.6\nrequests==2.31.0\nsix==1.16.0\n');
    expect(dependencyFamily.check(ctx).findings.map((f) => `${f.rule} ${f.file}`)).toEqual([
      'DEP005 requirements.lock',
    ]);
    texts.set('requirements.txt', 'requests==2.31.0\nidna==3.6\nsix==1.16.0\n');
    expect(dependencyFamily.check(ctx).findings).toEqual([]);
  });

  it('keeps two repositories apart: the same paths, different texts, checked in turn', () => {
    const policy = parsePolicyText(
      'version: 1\ndependencies:\n  requirements: requirements.txt\n  lock: requirements.lock\n',
      'slipway.yaml',
    ).document;
    if (!policy) throw new Error('policy');
    const repoOf = (req: string, lock: string) =>
      new MemoryRepo({ 'slipway.yaml': '', 'requirements.txt': req, 'requirements.lock': lock });
    const clean = { policy, repo: repoOf('idna==3.6\n', 'idna==3.6\n'), now: new Date(), env: {} };
    const drifted = { policy, repo: repoOf('idna==3.6\n', 'idna==3.7\n'), now: new Date(), env: {} };
    const a: CheckContext = { ...clean, workspace: new Workspace() };
    const b: CheckContext = { ...drifted, workspace: new Workspace() };
    for (let i = 0; i < 3; i++) {
      expect(dependencyFamily.check(a).findings).toEqual([]);
      expect(dependencyFamily.check(b).findings.map((f) => f.rule)).toEqual(['DEP004']);
    }
  });
});
