import { describe, expect, it } from 'vitest';
import { checkNpmSources } from '../../../src/rules/dependencies/DEP014-npm-source-outside-registries.js';
import { DependencyCaches } from '../../../src/requirements/dependency-caches.js';
import { fixtureFiles } from './helpers.js';

// DEP014 keeps the lock's part of its findings with the lock read (the editor checks a pair again
// at each keystroke in a package.json, the lock unchanged): asked again with other registries,
// or with another lock text, it must answer for those, and a kept finding is never shared.
describe('DEP014 and the lock it has already judged', () => {
  const files = fixtureFiles('DEP014/trigger-lock-other-host');
  const caches = new DependencyCaches();
  const lockText = files['package-lock.json'] as string;
  const facts = (registries: string[], text = lockText) => {
    const { file, lock } = caches.readNpmLock('package-lock.json', text, 'npm');
    return {
      pair: { requirements: 'package.json', lock: 'package-lock.json', registries },
      npm: { manifests: [], lockFile: file, lock },
    } as unknown as Parameters<typeof checkNpmSources>[0];
  };

  it('the same lock, asked twice: the same findings, as copies', () => {
    const a = checkNpmSources(facts(['https://registry.npmjs.org/']));
    const b = checkNpmSources(facts(['https://registry.npmjs.org/']));
    expect(a.map((f) => f.message)).toEqual(b.map((f) => f.message));
    expect(a).toHaveLength(1);
    expect(a[0]).not.toBe(b[0]);
  });

  it('near miss: the registries changed (the other host allowed) or the lock changed: judged again', () => {
    expect(checkNpmSources(facts(['https://registry.npmjs.org.evil.example/']))).toEqual([]);
    const fixed = lockText.replace('registry.npmjs.org.evil.example', 'registry.npmjs.org');
    expect(checkNpmSources(facts(['https://registry.npmjs.org/'], fixed))).toEqual([]);
  });
});
