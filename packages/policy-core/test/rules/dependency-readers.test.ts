import { beforeEach, expect, it, vi } from 'vitest';
import { parsePolicyText } from '../../src/policy/parse.js';
import type { RepoView } from '../../src/repo.js';

// Every test file's setup imports policy-core's index, whose rules/families.ts provides the
// readers; fresh modules here are a host like the agent gate, which imports the path facts alone.
beforeEach(() => {
  vi.resetModules();
});
const fresh = async () => ({
  ...(await import('../../src/rules/dependency-readers.js')),
  ...(await import('../../src/rules/paths/facts/path-roles.js')),
});

const policy = (deps: string) => {
  const parsed = parsePolicyText(`version: 1\nproduction_branch: main\n${deps}`);
  if (!parsed.document) throw new Error(JSON.stringify(parsed.findings));
  return parsed.document;
};
const TEXTS: Record<string, string> = {
  'requirements.in': '-c constraints.txt\nflask\n',
  'requirements.txt': 'flask==3.0.0\n',
  'constraints.txt': 'flask<4\n',
};
const repo: RepoView = { listFiles: () => Object.keys(TEXTS), readFile: (p) => TEXTS[p] };
const withPairs = policy('dependencies:\n  requirements: requirements.in\n  lock: requirements.txt\n');

it('without pairs, path roles read no dependency file and load no reader', async () => {
  const { dependencyReaders, initDependencyReadersFor, pathRoleReader } = await fresh();
  expect(pathRoleReader(policy(''), repo)('constraints.txt')).toEqual([]);
  await initDependencyReadersFor([policy(''), undefined]);
  expect(() => dependencyReaders()).toThrow(/the host must `await initDependencyReaders\(\)`/);
});

it('with pairs, a host that did not load the readers is told so; loaded, the include is a DEP file', async () => {
  const { initDependencyReadersFor, pathRoleReader } = await fresh();
  expect(() => pathRoleReader(withPairs, repo)('constraints.txt')).toThrow(
    /dependency readers are not loaded/,
  );
  await initDependencyReadersFor([undefined, withPairs]);
  expect(pathRoleReader(withPairs, repo)('constraints.txt')).toEqual([
    { family: 'DEP', text: expect.stringMatching(/included \(-r\/-c\) by requirements\.in/) },
  ]);
});

it('a host that imports every family provides the readers itself, and they are the ones used', async () => {
  const { dependencyReaders, provideDependencyReaders } = await fresh();
  expect(() => dependencyReaders()).toThrow(/not loaded/);
  const set = await import('../../src/rules/dependency-reader-set.js');
  provideDependencyReaders(set);
  expect(dependencyReaders()).toBe(set);
});
